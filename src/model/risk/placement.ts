// Key → shard placement and key-popularity statistics (docs/model.md, `hot-key`).
// Kinesis hashes a partition key with MD5, reads the digest as an unsigned 128-bit big-endian integer,
// and routes the record to the shard whose hash-key range contains it (https://docs.aws.amazon.com/streams/latest/dev/key-concepts.html). CreateStream splits
// [0, 2^128) evenly: shard i starts at i·floor(2^128/N) and the last shard ends at 2^128 − 1
// (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_CreateStream.html).

import { md5, utf8 } from './md5.js';

const TWO_128 = 1n << 128n;

/** Starting hash key of each shard of an evenly split N-shard stream (as CreateStream creates it). */
export function evenHashRangeStarts(shards: number): bigint[] {
  checkShards(shards);
  const step = TWO_128 / BigInt(shards);
  const out: bigint[] = [];
  for (let i = 0; i < shards; i++) out.push(BigInt(i) * step);
  return out;
}

function checkShards(shards: number): void {
  if (!Number.isInteger(shards) || shards < 1) throw new RangeError(`shards must be an integer ≥ 1, got ${shards}`);
}

/** MD5 of the UTF-8 key as an unsigned 128-bit big-endian integer (the Kinesis hash key). */
export function hashKeyOf(key: string): bigint {
  const d = md5(utf8(key));
  // Four big-endian 32-bit words: 4 BigInt steps instead of 16.
  const w = (i: number) => BigInt(((d[i]! << 24) | (d[i + 1]! << 16) | (d[i + 2]! << 8) | d[i + 3]!) >>> 0);
  return (w(0) << 96n) | (w(4) << 64n) | (w(8) << 32n) | w(12);
}

/** Index of the shard that owns `hashKey` in an evenly split N-shard stream. */
export function shardOfHashKey(hashKey: bigint, shards: number): number {
  const step = TWO_128 / BigInt(shards);
  const i = Number(hashKey / step);
  return i >= shards ? shards - 1 : i; // the remainder of the space belongs to the last shard
}

/** Index (0-based) of the shard that receives partition key `key` in an evenly split N-shard stream. */
export function shardOfKey(key: string, shards: number): number {
  checkShards(shards);
  return shardOfHashKey(hashKeyOf(key), shards);
}

/**
 * A key list hashed once, in ascending hash order: each key's index in the list, its hash key, and
 * the hash key's top 53 bits as an exact double (floor(hash / 2^75)) for fast comparisons.
 */
interface SortedKeys {
  order: Int32Array;
  hashes: bigint[];
  top: Float64Array;
  /** Prefix sums of the shares in hash order, per shares array (equal shares are counted exactly). */
  prefix: WeakMap<Float64Array, Float64Array>;
}

const sortedMemo = new WeakMap<readonly string[], SortedKeys>();
const TOP_SHIFT = 75n;

/** Progress of a long computation: `done` of `total` units (the caller draws it; the model only calls it). */
export type OnProgress = (done: number, total: number) => void;

/** Calls back at most this many times per pass, so progress costs nothing measurable. */
export const PROGRESS_STEPS = 100;

/**
 * Hashes a key list now (it is kept for every later shard count), reporting `onProgress(done, K)`
 * at most ~100 times: a list of 100,000 keys takes a noticeable part of a second.
 */
export function hashKeys(keys: readonly string[], onProgress?: OnProgress): void {
  sortedKeys(keys, onProgress);
}

/** Hashes every key of the list once (sizing asks for many shard counts of the same list). */
function sortedKeys(keys: readonly string[], onProgress?: OnProgress): SortedKeys {
  let s = sortedMemo.get(keys);
  if (s === undefined) {
    const K = keys.length;
    const every = Math.max(1, Math.ceil(K / PROGRESS_STEPS));
    const hashed: { h: bigint; i: number }[] = new Array(K);
    for (let i = 0; i < K; i++) {
      hashed[i] = { h: hashKeyOf(keys[i]!), i };
      if (onProgress !== undefined && (i + 1) % every === 0) onProgress(i + 1, K);
    }
    if (onProgress !== undefined && K % every !== 0) onProgress(K, K);
    hashed.sort((a, b) => (a.h < b.h ? -1 : a.h > b.h ? 1 : a.i - b.i));
    s = {
      order: Int32Array.from(hashed, (x) => x.i),
      hashes: hashed.map((x) => x.h),
      top: Float64Array.from(hashed, (x) => Number(x.h >> TOP_SHIFT)),
      prefix: new WeakMap(),
    };
    sortedMemo.set(keys, s);
  }
  return s;
}

/**
 * Whether key i (in hash order) is below the bound j · step. `approx` is the bound's top 53 bits as
 * a double, within 2 of the exact value: keys farther than 4 from it are decided by the doubles,
 * the rest by exact BigInt arithmetic.
 */
function keyBelow(sk: SortedKeys, i: number, j: number, step: bigint, approx: number): boolean {
  const t = sk.top[i]!;
  if (t < approx - 4) return true;
  if (t > approx + 4) return false;
  return sk.hashes[i]! < BigInt(j) * step;
}

/**
 * Number of keys whose hash key is below `j · step` (the start of shard j), searched from `from`
 * (a count known to be below it): a gallop from `guess` (evenly spread keys put K/N in each shard),
 * then bisection.
 */
function countBelow(sk: SortedKeys, from: number, j: number, step: bigint, approx: number, guess: number): number {
  const K = sk.top.length;
  let lo = from;
  let hi = Math.min(K, Math.max(from, guess));
  if (hi < K && keyBelow(sk, hi, j, step, approx)) {
    let width = Math.max(1, hi - from);
    lo = hi + 1;
    hi = Math.min(K, lo + width);
    while (hi < K && keyBelow(sk, hi, j, step, approx)) {
      lo = hi + 1;
      width *= 2;
      hi = Math.min(K, lo + width);
    }
  }
  // Every index < lo is below; hi is K or not below.
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keyBelow(sk, mid, j, step, approx)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Traffic share of each shard when the listed keys carry `shares` of the traffic (null = equal shares).
 * Exact MD5 placement; the result sums to 1. The keys are hashed once per list and kept in hash
 * order, so a shard count costs N short searches over the even range boundaries, not K hashes.
 */
export function exactShardWeights(keys: readonly string[], shares: Float64Array | null, shards: number): Float64Array {
  const w = new Float64Array(shards);
  walkShards(keys, shares, shards, Number.POSITIVE_INFINITY, w);
  return w;
}

/**
 * Whether some shard of an evenly split N-shard stream carries more than `share` of the traffic:
 * exactShardWeights's max compared with `share`, stopping at the first shard above it (a sizing
 * scan over shard counts rejects most counts after a few shards).
 */
export function someShardAbove(keys: readonly string[], shares: Float64Array | null, shards: number, share: number): boolean {
  return walkShards(keys, shares, shards, share, null);
}

/**
 * Shares of shards j = 0 … N − 1 in order, written to `out` when given; stops and returns true at
 * the first shard above `stopAbove`.
 */
function walkShards(keys: readonly string[], shares: Float64Array | null, shards: number, stopAbove: number, out: Float64Array | null): boolean {
  checkShards(shards);
  if (keys.length === 0) throw new RangeError('key list is empty');
  if (shares && shares.length !== keys.length) throw new RangeError('shares and keys differ in length');
  const sk = sortedKeys(keys);
  const K = keys.length;
  let prefix: Float64Array | undefined;
  if (shares) {
    prefix = sk.prefix.get(shares);
    if (prefix === undefined) {
      prefix = new Float64Array(K + 1);
      for (let i = 0; i < K; i++) prefix[i + 1] = prefix[i]! + shares[sk.order[i]!]!;
      sk.prefix.set(shares, prefix);
    }
  }
  const step = TWO_128 / BigInt(shards);
  // step / 2^75 as a double: relative error 2^-53, so j × it is within 2 of the exact bound's top bits.
  const topStep = Number(step >> TOP_SHIFT) + Number(step & ((1n << TOP_SHIFT) - 1n)) / 2 ** 75;
  const perShard = K / shards;
  let below = 0;
  for (let j = 0; j < shards; j++) {
    // Shard j owns [j·step, (j+1)·step); the last shard also owns the remainder of the space.
    const next = j === shards - 1 ? K : countBelow(sk, below, j + 1, step, (j + 1) * topStep, Math.round((j + 1) * perShard));
    const w = prefix ? prefix[next]! - prefix[below]! : (next - below) / K;
    if (out) out[j] = w;
    if (w > stopAbove) return true;
    below = next;
  }
  return false;
}

const sharesMemo = new Map<string, Float64Array>();

/**
 * Zipf traffic shares p_k ∝ k^−s for keys k = 1..K in list order (s = 0: equal). The array is shared
 * between calls with the same K and s (so exactShardWeights can keep its prefix sums): read only.
 */
export function zipfShares(K: number, s: number): Float64Array {
  if (!Number.isInteger(K) || K < 1) throw new RangeError(`key count must be an integer ≥ 1, got ${K}`);
  if (!(s >= 0)) throw new RangeError(`key skew must be ≥ 0, got ${s}`);
  const key = `${K}|${s}`;
  let p = sharesMemo.get(key);
  if (p === undefined) {
    p = computeZipfShares(K, s);
    if (sharesMemo.size >= 16) sharesMemo.clear();
    sharesMemo.set(key, p);
  }
  return p;
}

function computeZipfShares(K: number, s: number): Float64Array {
  const p = new Float64Array(K);
  let total = 0;
  for (let k = K; k >= 1; k--) {
    const v = Math.pow(k, -s);
    p[k - 1] = v;
    total += v;
  }
  for (let k = 0; k < K; k++) p[k]! /= total;
  return p;
}

/** Summation limit below which the harmonic numbers are summed term by term. */
const EXACT_LIMIT = 1e6;
/** Terms summed exactly before the Euler–Maclaurin tail takes over. */
const EM_HEAD = 10_000;

/**
 * Generalised harmonic number H(K, a) = Σ_{k=1..K} k^−a. Exact summation for K ≤ 1e6; above, the first
 * 10,000 terms exactly plus an Euler–Maclaurin tail (∫ + endpoint + B₂, B₄, B₆ terms; error < 1e-20 relative).
 */
export function harmonic(K: number, a: number): number {
  if (K <= EXACT_LIMIT) {
    let s = 0;
    for (let k = K; k >= 1; k--) s += Math.pow(k, -a);
    return s;
  }
  let head = 0;
  for (let k = EM_HEAD; k >= 1; k--) head += Math.pow(k, -a);
  const lo = EM_HEAD + 1;
  const hi = K;
  // ∫_lo^hi x^−a dx, written with expm1 so a ≈ 1 keeps its precision.
  const L = Math.log(hi / lo);
  const integral = Math.abs(1 - a) < 1e-12 ? L : (Math.pow(lo, 1 - a) * Math.expm1((1 - a) * L)) / (1 - a);
  const f = (x: number): number => Math.pow(x, -a);
  const d1 = (x: number): number => -a * Math.pow(x, -a - 1);
  const d3 = (x: number): number => -a * (a + 1) * (a + 2) * Math.pow(x, -a - 3);
  const d5 = (x: number): number => -a * (a + 1) * (a + 2) * (a + 3) * (a + 4) * Math.pow(x, -a - 5);
  const tail = integral + (f(lo) + f(hi)) / 2 + (d1(hi) - d1(lo)) / 12 - (d3(hi) - d3(lo)) / 720 + (d5(hi) - d5(lo)) / 30240;
  return head + tail;
}

/** Popularity statistics of K Zipf(s) keys. */
export interface ZipfStats {
  /** Share of the most popular key. */
  p1: number;
  /** Σ p_k² (the probability that two records share a key). */
  sumSquares: number;
  /** Σ p_k³ (skewness of shard loads). */
  sumCubes: number;
  /** 1 / Σ p_k²: the number of equally busy keys with the same Σ p². */
  effectiveKeys: number;
}

/** p₁, Σp², Σp³ and K_eff of K keys with Zipf(s) shares; exact for K ≤ 1e6, Euler–Maclaurin above (K up to ~1e15). */
export function zipfStats(K: number, s: number): ZipfStats {
  if (!(K >= 1) || !Number.isFinite(K)) throw new RangeError(`key count must be ≥ 1 and finite, got ${K}`);
  if (!(s >= 0)) throw new RangeError(`key skew must be ≥ 0, got ${s}`);
  K = Math.floor(K);
  if (s === 0) return { p1: 1 / K, sumSquares: 1 / K, sumCubes: 1 / (K * K), effectiveKeys: K };
  const memoKey = `${K}|${s}`;
  const hit = statsMemo.get(memoKey);
  if (hit) return { ...hit };
  const h1 = harmonic(K, s);
  const h2 = harmonic(K, 2 * s);
  const h3 = harmonic(K, 3 * s);
  // Skew never spreads traffic more evenly than equal keys: the approximate sums above 1e6 keys
  // can land a hair below the equal-key values at tiny s, so those values are floors.
  const sumSquares = Math.max(h2 / (h1 * h1), 1 / K);
  const out: ZipfStats = {
    p1: Math.max(1 / h1, 1 / K),
    sumSquares,
    sumCubes: Math.max(h3 / (h1 * h1 * h1), 1 / (K * K)),
    effectiveKeys: 1 / sumSquares,
  };
  // The exact sums cost ~50 ms at K = 1e6 and a shard-count search asks again and again.
  if (statsMemo.size >= 64) statsMemo.clear();
  statsMemo.set(memoKey, out);
  return { ...out };
}

const statsMemo = new Map<string, ZipfStats>();
