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
  let v = 0n;
  for (let i = 0; i < 16; i++) v = (v << 8n) | BigInt(d[i]!);
  return v;
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
 * Traffic share of each shard when the listed keys carry `shares` of the traffic (null = equal shares).
 * Exact MD5 placement; the result sums to 1.
 */
export function exactShardWeights(keys: readonly string[], shares: Float64Array | null, shards: number): Float64Array {
  checkShards(shards);
  if (keys.length === 0) throw new RangeError('key list is empty');
  if (shares && shares.length !== keys.length) throw new RangeError('shares and keys differ in length');
  const step = TWO_128 / BigInt(shards);
  const w = new Float64Array(shards);
  const equal = 1 / keys.length;
  for (let i = 0; i < keys.length; i++) {
    let j = Number(hashKeyOf(keys[i]!) / step);
    if (j >= shards) j = shards - 1;
    w[j]! += shares ? shares[i]! : equal;
  }
  return w;
}

/** Zipf traffic shares p_k ∝ k^−s for keys k = 1..K in list order (s = 0: equal). */
export function zipfShares(K: number, s: number): Float64Array {
  if (!Number.isInteger(K) || K < 1) throw new RangeError(`key count must be an integer ≥ 1, got ${K}`);
  if (!(s >= 0)) throw new RangeError(`key skew must be ≥ 0, got ${s}`);
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
