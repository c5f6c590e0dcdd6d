// Key → shard placement and key-popularity statistics (docs/model.md, `hot-key`).
// Kinesis hashes a partition key with MD5, reads the digest as an unsigned 128-bit big-endian integer,
// and routes the record to the shard whose hash-key range contains it (https://docs.aws.amazon.com/streams/latest/dev/key-concepts.html). CreateStream splits
// [0, 2^128) evenly: shard i starts at i·floor(2^128/N) and the last shard ends at 2^128 − 1
// (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_CreateStream.html).

import { md5KeyWords } from './md5.js';

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
  const w = new Uint32Array(4);
  md5KeyWords(key, w, 0);
  return wordsToBigInt(w, 0);
}

/** The 128-bit integer of four big-endian 32-bit words at w[at …]. */
function wordsToBigInt(w: Uint32Array, at: number): bigint {
  return (BigInt(w[at]!) << 96n) | (BigInt(w[at + 1]!) << 64n) | (BigInt(w[at + 2]!) << 32n) | BigInt(w[at + 3]!);
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
 * A key list hashed once, in ascending hash order (ties in list order): each key's index in the
 * list, its hash key as four big-endian 32-bit words, and the hash key's top 53 bits as an exact
 * double (floor(hash / 2^75)) for fast comparisons; BigInts only for the rare keys near a bound.
 */
interface SortedKeys {
  order: Int32Array;
  words: Uint32Array;
  top: Float64Array;
  /** Prefix sums of the shares in hash order, per shares array (equal shares are counted exactly). */
  prefix: WeakMap<Float64Array, Float64Array>;
  /** Dense runs of keys (see someShardAbove), for equal shares and per shares array. */
  denseEqual: Run[];
  dense: WeakMap<Float64Array, Run[]>;
}

/** Keys lo … hi − 1 in hash order. */
interface Run {
  lo: number;
  hi: number;
}

/** Dense runs kept per key list and shares: a scan over shard counts finds the same few again and again. */
const MAX_RUNS = 64;

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
    const w = new Uint32Array(4 * K);
    const t = new Float64Array(K);
    for (let i = 0; i < K; i++) {
      md5KeyWords(keys[i]!, w, 4 * i);
      // floor(hash / 2^75): the first word and the top 21 bits of the second, exact in a double.
      t[i] = w[4 * i]! * 2 ** 21 + (w[4 * i + 1]! >>> 11);
      if (onProgress !== undefined && (i + 1) % every === 0) onProgress(i + 1, K);
    }
    if (onProgress !== undefined && K % every !== 0) onProgress(K, K);
    const order = sortByHash(w, t);
    const words = new Uint32Array(4 * K);
    const top = new Float64Array(K);
    for (let r = 0; r < K; r++) {
      const i = order[r]!;
      words[4 * r] = w[4 * i]!;
      words[4 * r + 1] = w[4 * i + 1]!;
      words[4 * r + 2] = w[4 * i + 2]!;
      words[4 * r + 3] = w[4 * i + 3]!;
      top[r] = t[i]!;
    }
    s = { order, words, top, prefix: new WeakMap(), denseEqual: [], dense: new WeakMap() };
    sortedMemo.set(keys, s);
  }
  return s;
}

/** Hash order of keys with words `w` and top bits `t`; equal hashes in list order. */
function sortByHash(w: Uint32Array, t: Float64Array): Int32Array {
  const K = t.length;
  const before = (a: number, b: number): number => {
    const d = t[a]! - t[b]!;
    if (d !== 0) return d;
    // The same top 53 bits: the other 75, word by word, then the list order.
    for (let k = 1; k < 4; k++) {
      const x = k === 1 ? w[4 * a + 1]! & 0x7ff : w[4 * a + k]!;
      const y = k === 1 ? w[4 * b + 1]! & 0x7ff : w[4 * b + k]!;
      if (x !== y) return x - y;
    }
    return a - b;
  };
  // MD5 spreads keys evenly, so buckets on the top bits of the first word hold about one key each:
  // a counting sort, then each bucket in order. A list made to crowd one bucket sorts it with
  // the comparison sort, so no input is quadratic.
  const bits = Math.min(20, Math.max(1, Math.ceil(Math.log2(K + 1))));
  const B = 1 << bits;
  const shift = 32 - bits;
  const start = new Int32Array(B + 1);
  for (let i = 0; i < K; i++) start[(w[4 * i]! >>> shift) + 1]! += 1;
  for (let b = 0; b < B; b++) start[b + 1]! += start[b]!;
  const fill = start.slice(0, B);
  const order = new Int32Array(K);
  // Filled in list order, so ties already stand in list order within a bucket.
  for (let i = 0; i < K; i++) order[fill[w[4 * i]! >>> shift]!++] = i;
  for (let b = 0; b < B; b++) {
    const lo = start[b]!;
    const hi = start[b + 1]!;
    if (hi - lo <= 1) continue;
    if (hi - lo > 16) {
      order.subarray(lo, hi).sort(before);
      continue;
    }
    for (let i = lo + 1; i < hi; i++) {
      const x = order[i]!;
      let j = i - 1;
      while (j >= lo && before(order[j]!, x) > 0) {
        order[j + 1] = order[j]!;
        j--;
      }
      order[j + 1] = x;
    }
  }
  return order;
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
  return wordsToBigInt(sk.words, 4 * i) < BigInt(j) * step;
}

/**
 * Number of keys whose hash key is below `j · step` (the start of shard j), searched from `from`
 * (a count known to be below it): a gallop up or down from `guess` in strides from `stride`
 * (about the spread of the count around the guess), then bisection.
 */
function countBelow(sk: SortedKeys, from: number, j: number, step: bigint, approx: number, guess: number, stride: number): number {
  const K = sk.top.length;
  const g = Math.min(K, Math.max(from, guess));
  // Every index < lo is below; hi is K or not below.
  let lo = from;
  let hi = K;
  let width = Math.max(1, Math.round(stride));
  if (g < K && keyBelow(sk, g, j, step, approx)) {
    lo = g + 1;
    let p = Math.min(K, g + width);
    while (p < K && keyBelow(sk, p, j, step, approx)) {
      lo = p + 1;
      width *= 2;
      p = Math.min(K, p + width);
    }
    hi = p;
  } else {
    hi = g;
    let p = g - width;
    while (p > from) {
      if (keyBelow(sk, p, j, step, approx)) {
        lo = p + 1;
        break;
      }
      hi = p;
      width *= 2;
      p = hi - width;
    }
  }
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
  const sk = checkedSortedKeys(keys, shares, shards);
  const w = new Float64Array(shards);
  walkShards(sk, prefixOf(sk, shares), shards, Number.POSITIVE_INFINITY, w);
  return w;
}

/**
 * Whether some shard of an evenly split N-shard stream carries more than `share` of the traffic:
 * exactShardWeights's max compared with `share`, stopping at the first shard above it (a sizing
 * scan over shard counts rejects most counts after a few shards).
 */
export function someShardAbove(keys: readonly string[], shares: Float64Array | null, shards: number, share: number): boolean {
  const sk = checkedSortedKeys(keys, shares, shards);
  const prefix = prefixOf(sk, shares);
  const K = keys.length;
  const { step, topStep } = stepOf(shards);
  // A run of keys above `share` that falls inside one shard puts that shard above it (shares are
  // never negative, and rounding keeps the order of the sums). A scan over shard counts meets the
  // same dense runs again and again; they are tried before a walk over every shard.
  const runs = shares ? (sk.dense.get(shares) ?? []) : sk.denseEqual;
  const heavy = HEAVY;
  let heavyCount = 0;
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r]!;
    if (!(runWeight(prefix, K, run.lo, run.hi) > share)) continue;
    const a = shardOfIndex(sk, run.lo, shards, step, topStep);
    const b = shardOfIndex(sk, run.hi - 1, shards, step, topStep);
    if (a === b) {
      if (r > 0) {
        runs.splice(r, 1);
        runs.unshift(run);
      }
      return true;
    }
    heavy[heavyCount++] = a;
    heavy[heavyCount++] = b;
  }
  // A run split between shards: the shards it fell into are still the likeliest to be too busy.
  for (let h = 0; h < heavyCount; h++) {
    const j = heavy[h]!;
    const lo = j === 0 ? 0 : countBelow(sk, 0, j, step, j * topStep, Math.round((j * K) / shards), Math.sqrt(K));
    const hi = j === shards - 1 ? K : countBelow(sk, lo, j + 1, step, (j + 1) * topStep, lo + Math.round(K / shards), Math.sqrt(K / shards));
    if (runWeight(prefix, K, lo, hi) > share) {
      runs.unshift(densestRun(sk, prefix, { lo, hi }, share));
      if (runs.length > MAX_RUNS) runs.pop();
      return true;
    }
  }
  const hit = walkShards(sk, prefix, shards, share, null);
  if (hit === null) return false;
  runs.unshift(densestRun(sk, prefix, hit, share));
  if (runs.length > MAX_RUNS) runs.pop();
  if (shares && !sk.dense.has(shares)) sk.dense.set(shares, runs);
  return true;
}

/** Split shards of the remembered runs (two per run), reused by every call. */
const HEAVY = new Int32Array(2 * MAX_RUNS);

/** Traffic share of keys lo … hi − 1 in hash order (prefix sums, or equal shares). */
function runWeight(prefix: Float64Array | undefined, K: number, lo: number, hi: number): number {
  return prefix ? prefix[hi]! - prefix[lo]! : (hi - lo) / K;
}

function checkedSortedKeys(keys: readonly string[], shares: Float64Array | null, shards: number): SortedKeys {
  checkShards(shards);
  if (keys.length === 0) throw new RangeError('key list is empty');
  if (shares && shares.length !== keys.length) throw new RangeError('shares and keys differ in length');
  return sortedKeys(keys);
}

/** Prefix sums of `shares` in hash order (kept per shares array); undefined for equal shares. */
function prefixOf(sk: SortedKeys, shares: Float64Array | null): Float64Array | undefined {
  if (!shares) return undefined;
  let prefix = sk.prefix.get(shares);
  if (prefix === undefined) {
    const K = sk.order.length;
    prefix = new Float64Array(K + 1);
    for (let i = 0; i < K; i++) prefix[i + 1] = prefix[i]! + shares[sk.order[i]!]!;
    sk.prefix.set(shares, prefix);
  }
  return prefix;
}

/** The hash range width of an even N-shard split, exact and as a double over 2^75. */
export function stepOf(shards: number): { step: bigint; topStep: number } {
  let memo = stepMemo.get(shards);
  if (memo === undefined) {
    memo = computeStep(shards);
    // A sizing scan asks for the same few thousand counts many times over.
    if (stepMemo.size >= 65_536) stepMemo.clear();
    stepMemo.set(shards, memo);
  }
  return memo;
}

const stepMemo = new Map<number, { step: bigint; topStep: number }>();

function computeStep(shards: number): { step: bigint; topStep: number } {
  const step = TWO_128 / BigInt(shards);
  // step / 2^75 as a double: relative error 2^-53, so j × it is within 2 of the exact bound's top bits.
  const topStep = Number(step >> TOP_SHIFT) + Number(step & ((1n << TOP_SHIFT) - 1n)) / 2 ** 75;
  return { step, topStep };
}

/**
 * Shard of the key at index i (hash order): floor(hash / step), the last shard taking the rest.
 * The double quotient decides unless it is within 1e-6 of a whole number (then exact BigInt).
 */
function shardOfIndex(sk: SortedKeys, i: number, shards: number, step: bigint, topStep: number): number {
  return shardOfTop(sk.top[i]!, sk.words, 4 * i, shards, step, topStep);
}

/**
 * Shard of a hash key given its top 53 bits (floor(hash / 2^75)) and, when the doubles cannot
 * decide, the exact hash (four big-endian words at words[at …]): up to a million shards the quotient top / topStep is within 1e-9 of
 * hash / step, so a quotient more than 1e-6 from a whole number has the right floor.
 * Exported for the tests, which place hashes on and next to every kind of boundary.
 */
export function shardOfTop(top: number, words: Uint32Array, at: number, shards: number, step: bigint, topStep: number): number {
  // top ≤ hash / 2^75 < top + 1, so the quotient is off by at most 1/topStep plus rounding.
  const q = top / topStep;
  const f = Math.floor(q);
  const j = shards <= 1e6 && q - f > 1e-6 && q - f < 1 - 1e-6 ? f : Number(wordsToBigInt(words, at) / step);
  return j >= shards ? shards - 1 : j;
}

/** The run of keys above `share` with the narrowest hash span inside `within` (two pointers). */
function densestRun(sk: SortedKeys, prefix: Float64Array | undefined, within: Run, share: number): Run {
  const K = sk.order.length;
  let best: Run = within;
  let bestSpan = Number.POSITIVE_INFINITY;
  let lo = within.lo;
  for (let hi = within.lo + 1; hi <= within.hi; hi++) {
    while (lo + 1 < hi && runWeight(prefix, K, lo + 1, hi) > share) lo++;
    if (runWeight(prefix, K, lo, hi) > share) {
      const span = sk.top[hi - 1]! - sk.top[lo]!;
      if (span < bestSpan) {
        bestSpan = span;
        best = { lo, hi };
      }
    }
  }
  return best;
}

/**
 * Shares of shards j = 0 … N − 1 in order, written to `out` when given; stops at the first shard
 * above `stopAbove` and returns its keys (null when none is above).
 */
function walkShards(sk: SortedKeys, prefix: Float64Array | undefined, shards: number, stopAbove: number, out: Float64Array | null): Run | null {
  const K = sk.order.length;
  const { step, topStep } = stepOf(shards);
  const perShard = K / shards;
  // A shard's key count spreads by about its square root around K / N.
  const stride = Math.round(Math.sqrt(perShard));
  let below = 0;
  for (let j = 0; j < shards; j++) {
    // Shard j owns [j·step, (j+1)·step); the last shard also owns the remainder of the space.
    const next = j === shards - 1 ? K : countBelow(sk, below, j + 1, step, (j + 1) * topStep, below + Math.round(perShard), stride);
    const w = prefix ? prefix[next]! - prefix[below]! : (next - below) / K;
    if (out) out[j] = w;
    if (w > stopAbove) return { lo: below, hi: next };
    below = next;
  }
  return null;
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

/**
 * Σ k^−s, Σ k^−2s and Σ k^−3s over k = K … 1 in one pass: one power a key, squared and cubed, where
 * three calls of harmonic() took three (a size's first hot-shard figure waited 12–27 ms for them
 * at 20,000 keys, mostly before V8 had optimised the loop).
 */
function exactPowerSums(K: number, s: number): [number, number, number] {
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let k = K; k >= 1; k--) {
    const x = Math.pow(k, -s);
    const x2 = x * x;
    s1 += x;
    s2 += x2;
    s3 += x2 * x;
  }
  return [s1, s2, s3];
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
  const [h1, h2, h3] = K <= EXACT_LIMIT ? exactPowerSums(K, s) : [harmonic(K, s), harmonic(K, 2 * s), harmonic(K, 3 * s)];
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
