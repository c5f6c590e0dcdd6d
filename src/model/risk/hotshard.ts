// Hot-shard factor H = N·max_j w_j: how much busier the busiest shard is than the average shard
// (docs/model.md, `hot-key`). MD5 is treated as a uniform random map of keys to N equal hash ranges, so for a key
// count (not a list) H is a random variable over the unknown assignment; we report its mean and
// p50/p95. A real key list is placed exactly.

import { exactShardWeights, zipfShares, zipfStats } from './placement.js';
import { lgamma, normalCdf, normalCdfFast, normalQuantile } from '../../math/special.js';
import { Rng } from './rng.js';

/** Partition-key description, as in the profile (`partition_keys`). */
export type KeySpec = { kind: 'random' } | { kind: 'count'; count: number } | { kind: 'list'; keys: readonly string[] };

/** Input of {@link hotShardFactor}. */
export interface HotShardInput {
  keys: KeySpec;
  /** Zipf exponent s of key popularity (0 = equal); for a list, popularity follows list order. */
  skew: number;
  shards: number;
}

/** Hot-shard factor summary. */
export interface HotShardResult {
  /** Median of H over hash assignments. */
  p50: number;
  /** 95th percentile of H over hash assignments. */
  p95: number;
  /** Expected H. */
  mean: number;
  /** Traffic share of the most popular key (0 for random keys). */
  topKeyShare: number;
  /** 1/Σp² (Infinity for random keys). */
  effectiveKeys: number;
  method: 'uniform' | 'closed-form' | 'exact';
  /** Per-shard traffic shares (exact method only). */
  weights?: Float64Array;
}

/** Inputs of the closed form that depend on keys only. */
export interface KeyMoments {
  /** Number of distinct keys. */
  K: number;
  /** Share of the most popular key. */
  p1: number;
  /** Σ p_k². */
  sumSquares: number;
  /**
   * Shares of the next most popular keys (2, 3, …), largest first. Given, the quantiles of the
   * top key's shard take them one by one (topShardQuantile) instead of as a normal spread.
   */
  heavy?: Float64Array;
}

/**
 * The one-line formula for E[H]: `N·max(1/N + sqrt(2 ln N·Var w), p₁ + (1−p₁)/N)` with
 * `Var w = (1/N)(1−1/N)Σp²` — the Gaussian extreme of N shard loads (Raab & Steger, "Balls into Bins — A Simple and Tight Analysis", RANDOM 1998) vs the shard
 * hosting the top key. Kept for reference; {@link closedFormH} refines the bulk term.
 */
export function modelFormulaH(m: KeyMoments, N: number): number {
  if (N === 1) return 1;
  const inv = 1 / N;
  const varW = inv * (1 - inv) * m.sumSquares;
  const h = N * Math.max(inv + Math.sqrt(2 * Math.log(N) * varW), m.p1 + (1 - m.p1) * inv);
  return clampH(h, m, N);
}

function clampH(h: number, m: KeyMoments, N: number): number {
  // The busiest shard carries at least the mean (H ≥ 1) and the top key (H ≥ N·p₁, so ≥ N/K when
  // K < N), and at most everything (H ≤ N).
  const lower = Math.max(1, N * m.p1, m.K < N ? N / m.K : 1);
  return Math.min(N, Math.max(lower, h));
}

/** Above this many effective keys per shard the bulk load is treated as Gaussian (skewness < 0.003). */
const GAUSS_LAMBDA = 1e5;

/**
 * Bulk term: the busiest of N shards when traffic is K_eff = 1/Σp² equally busy keys. A shard's key
 * count is Binomial(round K_eff, 1/N) (exact for s = 0, matches Σp² otherwise) and the N shards are
 * taken as independent, so P(max ≤ y) = F(y)^N. Returns the q-quantile (q in (0,1)) or the mean
 * (q = null) of max w in traffic-share units. The discrete form captures the right skew of sparse
 * shards (K/N small) that the Gaussian misses.
 */
export function bulkExtreme(keff: number, N: number, q: number | null): number {
  const n = Math.max(1, Math.round(keff));
  const pi = 1 / N;
  const lambda = n * pi;
  if (lambda > GAUSS_LAMBDA) {
    const sd = Math.sqrt(n * pi * (1 - pi));
    const z = q === null ? expectedMaxStdNormal(N) : normalQuantile(Math.pow(q, 1 / N));
    return (lambda + z * sd) / n;
  }
  // Binomial pmf from the mode outward, in log space.
  const sd = Math.sqrt(lambda * (1 - pi));
  const mode = Math.min(n, Math.floor((n + 1) * pi));
  const lo = Math.max(0, Math.floor(mode - 12 * sd - 12));
  const hi = Math.min(n, Math.ceil(mode + 14 * sd + 30));
  const lp = Math.log(pi);
  const lq = Math.log1p(-pi);
  const logC = lgamma(n + 1);
  const logPmf = (y: number): number => logC - lgamma(y + 1) - lgamma(n - y + 1) + y * lp + (n - y) * lq;
  let F = 0;
  let prevF = 0;
  let prevFN = 0;
  let mean = lo; // Σ_{y<lo} (1 − F(y)^N) with F ≈ 0 there
  let pmf = Math.exp(logPmf(lo));
  const ratio = pi / (1 - pi);
  // For a quantile, F^N is needed only where it can reach q: below q^(1/N) (less a margin far
  // wider than pow's rounding) it cannot, and the pow per step was most of the cost.
  const near = q === null ? 0 : Math.pow(q, 1 / N) * (1 - 1e-9);
  for (let y = lo; y <= hi; y++) {
    F = Math.min(1, F + pmf);
    if (q !== null) {
      if (F >= near) {
        const FN = Math.pow(F, N);
        // Quantile interpolated linearly within the step of the max's CDF: continuous in q and
        // K_eff, so a little more skew cannot drop the answer by a whole key.
        if (FN >= q) {
          const before = prevF >= near ? prevFN : Math.pow(prevF, N);
          return (y - 1 + (q - before) / (FN - before)) / n;
        }
        prevFN = FN;
      }
      prevF = F;
    } else {
      const FN = Math.pow(F, N);
      mean += 1 - FN;
      if (1 - FN < 1e-15 && y > mode) break;
    }
    pmf *= ((n - y) / (y + 1)) * ratio;
  }
  return q === null ? mean / n : hi / n;
}

/** E[max of N independent standard normals] by quadrature (N ≥ 1). */
function expectedMaxStdNormal(N: number): number {
  // E[M] = ∫_0^∞ (1 − Φ^N) dx − ∫_{−∞}^0 Φ^N dx, trapezoid on [−12, 12].
  const h = 0.005;
  let s = 0;
  for (let x = -12; x <= 12; x += h) {
    const FN = Math.pow(normalCdf(x), N);
    s += x >= 0 ? 1 - FN : -FN;
  }
  return s * h;
}

/**
 * Closed-form H for key statistics: the larger of the bulk extreme (see bulkExtreme) and the load of
 * the shard that hosts the top key, p₁ + (1−p₁)/N + z·sd_rest with sd_rest² = (1/N)(1−1/N)(Σp² − p₁²)
 * q = null gives the mean, q in (0,1) that quantile (z = Φ⁻¹(q) for the top shard).
 */
export function closedFormH(m: KeyMoments, N: number, q: number | null): number {
  const h = closedFormRaw(m, N, q);
  // Skew never spreads load more evenly than equal keys. Above 1e6 keys the Zipf sums are
  // approximations whose last digits could put a barely skewed H a hair below the equal-key H.
  if (m.K > 1e6 && m.sumSquares * m.K < 1 + 1e-3) return Math.max(h, closedFormRaw({ K: m.K, p1: 1 / m.K, sumSquares: 1 / m.K }, N, q));
  return h;
}

function closedFormRaw(m: KeyMoments, N: number, q: number | null): number {
  if (N === 1) return 1;
  const { p1, sumSquares } = m;
  const inv = 1 / N;
  const bulk = bulkExtreme(1 / sumSquares, N, q);
  const sdRest = Math.sqrt(inv * (1 - inv) * Math.max(0, sumSquares - p1 * p1));
  const top = q !== null && m.heavy && m.heavy.length > 0 ? topShardQuantile(m, N, q) : p1 + (1 - p1) * inv + (q === null ? 0 : normalQuantile(q) * sdRest);
  return clampH(N * Math.max(bulk, top), m, N);
}

/** Heavy keys taken one by one on the top key's shard, and the lattice steps over their total. */
export const HEAVY_KEYS = 32;
const HEAVY_STEPS = 512;
/** Beyond this many sd, Φ is within 1.3e-12 of 0 or 1: nothing for a quantile. */
const Z_SURE = 7;

/** The heavy keys' shares on a lattice, convolved (topShardQuantile): f(v) = P(heavy load = v·h), v ≤ top. */
interface HeavyLattice {
  h: number;
  top: number;
  f: Float64Array;
  /** prefix(v) = Σ_{u < v} f(u), v ≤ top + 1. */
  prefix: Float64Array;
  /** The light rest's normal mean and sd. */
  lightMean: number;
  lightSd: number;
}

/**
 * q-quantile of the load of the shard that hosts the top key: p₁ + Σ_{k≥2} p_k·B_k with B_k ~
 * Bernoulli(1/N) independent (uniform hashing). The normal spread of the old top term misses the
 * skew of that sum when a few keys dominate it (a 2.5–4.6% low p95 against a Monte Carlo of
 * placements): the heaviest keys 2…33 are convolved exactly on a lattice, each share rounded UP to
 * it (so the quantile can only err high, by less than a step a key), and the lighter rest is normal.
 * Split into small functions: a size asks at 50–150 shard counts, mostly before V8 has optimised
 * the code, and small functions are optimised sooner (one function of all three took V8 25 ms to
 * compile, and was compiled twice).
 */
function topShardQuantile(m: KeyMoments, N: number, q: number): number {
  const lat = heavyLattice(m, N, q);
  const { h, top, prefix, lightMean, lightSd } = lat;
  // Newton's method on cdf(y) − q inside a bracket that holds the quantile (densityRoot), from the
  // heavy keys' own q-quantile v*: the answer lies within a step and 7 sd of it.
  let vStar = 0;
  while (vStar < top && prefix[vStar + 1]! < q) vStar++;
  let lo = Math.max(m.p1, m.p1 + lightMean + (vStar - 1) * h - Z_SURE * lightSd);
  let hi = Math.min(1, m.p1 + lightMean + (vStar + 1) * h + Z_SURE * lightSd);
  let gLo = latticeCdfPdf(lat, m.p1, lo).cdf - q;
  let gHi = latticeCdfPdf(lat, m.p1, hi).cdf - q;
  if (gLo >= 0) {
    lo = m.p1;
    gLo = latticeCdfPdf(lat, m.p1, lo).cdf - q;
    if (gLo >= 0) return lo;
  }
  if (gHi < 0) {
    hi = Math.min(1, m.p1 + (top + 1) * h + lightMean + 10 * lightSd + 1e-12);
    gHi = latticeCdfPdf(lat, m.p1, hi).cdf - q;
    if (gHi < 0) return hi;
  }
  return densityRoot(lat, m.p1, q, lo, hi, gLo, gHi);
}

/**
 * The root of latticeCdfPdf(y).cdf = q in [lo, hi] (gLo < 0 ≤ gHi), to 1e-13: then the quantile steps up
 * with the shard count by at most 4e-13 (a scan in test/risk/hotshard.test.ts); at 1e-7 the root
 * finder's own steps of 1e-7 showed through. Newton's steps with the density, kept in the bracket
 * (a bisection where one would leave it), and a last step just past the root so the bracket closes
 * from both sides: ~6 evaluations where regula falsi took ~20.
 */
function densityRoot(lat: HeavyLattice, p1: number, q: number, lo: number, hi: number, gLo: number, gHi: number): number {
  let y = lo - (gLo * (hi - lo)) / (gHi - gLo);
  if (!(y > lo && y < hi)) y = (lo + hi) / 2;
  for (let it = 0; it < 100 && hi - lo > 1e-13 * hi; it++) {
    const at = latticeCdfPdf(lat, p1, y);
    const g = at.cdf - q;
    if (g >= 0) hi = y;
    else lo = y;
    let next = y - g / at.pdf;
    const tol = 0.5e-13 * hi;
    if (Math.abs(next - y) < tol) next = g >= 0 ? y - tol : y + tol;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    y = next;
  }
  return hi;
}

/** The heavy keys 2…33 on a lattice of HEAVY_STEPS over their total share, convolved. */
function heavyLattice(m: KeyMoments, N: number, q: number): HeavyLattice {
  const heavy = m.heavy!;
  const pi = 1 / N;
  let heavySum = 0;
  let heavySq = 0;
  for (let i = 0; i < heavy.length; i++) {
    heavySum += heavy[i]!;
    heavySq += heavy[i]! * heavy[i]!;
  }
  const h = heavySum / HEAVY_STEPS;
  const steps = new Int32Array(heavy.length);
  let total = 0;
  for (let i = 0; i < heavy.length; i++) {
    steps[i] = Math.ceil(heavy[i]! / h - 1e-9);
    total += steps[i]!;
  }
  // Only the CDF below the quantile is needed. By Markov, P(heavy > t) ≤ π·Σ steps / t, so
  // t = 2π·Σ steps / (1 − q) bounds the quantile with room for the light part: mass pushed past it
  // is dropped (the lattice shrinks like 1/N).
  const top = Math.min(total, Math.ceil((2 * pi * total) / (1 - q)) + 1);
  const f = convolveBernoulli(steps, pi, top);
  const prefix = new Float64Array(top + 2);
  for (let v = 0; v <= top; v++) prefix[v + 1] = prefix[v]! + f[v]!;
  const restSum = Math.max(0, 1 - m.p1 - heavySum);
  const restSq = Math.max(0, m.sumSquares - m.p1 * m.p1 - heavySq);
  return { h, top, f, prefix, lightMean: pi * restSum, lightSd: Math.sqrt(pi * (1 - pi) * restSq) };
}

/**
 * P(Σ_i j_i·B_i = v), v ≤ top, for independent B_i ~ Bernoulli(π): each key multiplies the
 * generating function by (1 − π) + π·x^j, here by 1 + r·x^j with r = π/(1 − π) and the product of
 * the (1 − π) taken once at the end (one multiply-add a term instead of two operations; the sums
 * stay below (1 − π)^−32 ≤ 2^32). Mass past `top` is dropped.
 */
function convolveBernoulli(steps: Int32Array, pi: number, top: number): Float64Array {
  const f = new Float64Array(top + 1);
  f[0] = 1;
  const r = pi / (1 - pi);
  let reach = 0;
  for (let i = 0; i < steps.length; i++) {
    const j = steps[i]!;
    for (let v = Math.min(reach, top - j); v >= 0; v--) f[v + j]! += r * f[v]!;
    reach += j;
  }
  const scale = Math.pow(1 - pi, steps.length);
  for (let v = 0; v <= top; v++) f[v]! *= scale;
  return f;
}

/**
 * CDF of the top key's shard load at y, Σ_v f(v)·Φ((y − p₁ − v·h − lightMean) / lightSd), and its
 * derivative in y, the density (0 without a light part: a step function). Φ is 1 (to 1.3e-12) more
 * than 7 sd below y: those v come from the prefix sums. Φ from its table (normalCdfFast): its 2e-11
 * is far below the 1e-9 the quantile needs, at a tenth of the cost.
 */
function latticeCdfPdf(lat: HeavyLattice, p1: number, y: number): { cdf: number; pdf: number } {
  const { h, top, f, prefix, lightMean, lightSd } = lat;
  const base = y - p1 - lightMean;
  if (!(lightSd > 0)) return { cdf: prefix[Math.max(0, Math.min(top + 1, Math.floor(base / h + 1e-9) + 1))]!, pdf: 0 };
  const vLo = Math.max(0, Math.min(top + 1, Math.ceil((base - Z_SURE * lightSd) / h)));
  const vHi = Math.max(-1, Math.min(top, Math.floor((base + Z_SURE * lightSd) / h)));
  let c = prefix[vLo]!;
  let d = 0;
  for (let v = vLo; v <= vHi; v++) {
    const fv = f[v]!;
    if (fv > 0) {
      const z = (base - v * h) / lightSd;
      c += fv * normalCdfFast(z);
      d += fv * Math.exp(-0.5 * z * z);
    }
  }
  return { cdf: c, pdf: (d * INV_SQRT_2PI) / lightSd };
}

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** Zipf shares of keys 2 … HEAVY_KEYS + 1: p_k = p₁·k^−s. */
function heavyShares(K: number, s: number, p1: number): Float64Array {
  const n = Math.max(0, Math.min(K - 1, HEAVY_KEYS));
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = p1 * Math.pow(i + 2, -s);
  return out;
}

/** Hot-shard factor for random keys (uniform), a key count (closed form) or a key list (exact MD5). */
export function hotShardFactor(input: HotShardInput): HotShardResult {
  const { keys, skew, shards: N } = input;
  if (!Number.isInteger(N) || N < 1) throw new RangeError(`shards must be an integer ≥ 1, got ${N}`);
  if (!(skew >= 0)) throw new RangeError(`key skew must be ≥ 0, got ${skew}`);
  if (keys.kind === 'random') {
    // A fresh key per record spreads records evenly in expectation; per-second noise is tails.ts's job.
    return { p50: 1, p95: 1, mean: 1, topKeyShare: 0, effectiveKeys: Infinity, method: 'uniform' };
  }
  if (keys.kind === 'list') {
    const shares = skew > 0 ? zipfShares(keys.keys.length, skew) : null;
    const w = exactShardWeights(keys.keys, shares, N);
    let max = 0;
    for (let j = 0; j < N; j++) if (w[j]! > max) max = w[j]!;
    const h = N * max;
    let sumSq = 0;
    let p1 = 0;
    if (shares) {
      for (let i = 0; i < shares.length; i++) sumSq += shares[i]! * shares[i]!;
      p1 = shares[0]!;
    } else {
      sumSq = 1 / keys.keys.length;
      p1 = 1 / keys.keys.length;
    }
    return { p50: h, p95: h, mean: h, topKeyShare: p1, effectiveKeys: 1 / sumSq, method: 'exact', weights: w };
  }
  const K = keys.count;
  if (!(K >= 1) || !Number.isFinite(K)) throw new RangeError(`key count must be ≥ 1, got ${K}`);
  const st = zipfStats(K, skew);
  const m: KeyMoments = { K: Math.floor(K), p1: st.p1, sumSquares: st.sumSquares, heavy: skew > 0 ? heavyShares(Math.floor(K), skew, st.p1) : undefined };
  // Sizing walks shard counts on the p95 alone; the median and the mean (a sum over the whole
  // binomial) are computed when read.
  let p50: number | undefined;
  let p95: number | undefined;
  let mean: number | undefined;
  return {
    get p50(): number {
      return (p50 ??= closedFormH(m, N, 0.5));
    },
    get p95(): number {
      // Both terms of the closed form grow with q, so this is never below the median (tested).
      return (p95 ??= closedFormH(m, N, 0.95));
    },
    get mean(): number {
      return (mean ??= closedFormH(m, N, null));
    },
    topKeyShare: st.p1,
    effectiveKeys: st.effectiveKeys,
    method: 'closed-form',
  };
}

/** Monte Carlo summary of H over random hash assignments. */
export interface HotShardMonteCarlo {
  mean: number;
  p50: number;
  p95: number;
  replicas: number;
  seed: number;
}

/**
 * Seeded Monte Carlo of H: each replica throws K Zipf(s) keys uniformly into N shards. The validation
 * oracle for the closed form (test/risk/hotshard.test.ts). Cost O(replicas·K).
 */
export function hotshardMonteCarlo(K: number, s: number, N: number, replicas: number, seed: number): HotShardMonteCarlo {
  const p = zipfShares(K, s);
  const w = new Float64Array(N);
  const hs = new Float64Array(replicas);
  let sum = 0;
  for (let r = 0; r < replicas; r++) {
    const rng = new Rng(seed, r);
    w.fill(0);
    for (let k = 0; k < K; k++) w[Math.floor(rng.nextFloat32() * N)]! += p[k]!;
    let max = 0;
    for (let j = 0; j < N; j++) if (w[j]! > max) max = w[j]!;
    hs[r] = N * max;
    sum += N * max;
  }
  hs.sort();
  return { mean: sum / replicas, p50: quantileSorted(hs, 0.5), p95: quantileSorted(hs, 0.95), replicas, seed };
}

/** Linear-interpolated quantile of a sorted array. */
export function quantileSorted(a: Float64Array, q: number): number {
  if (a.length === 0) return NaN;
  const pos = q * (a.length - 1);
  const i = Math.floor(pos);
  const f = pos - i;
  return i + 1 < a.length ? a[i]! * (1 - f) + a[i + 1]! * f : a[i]!;
}
