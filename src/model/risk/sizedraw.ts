// The bytes of one simulated shard-second drawn from the profile's record-size law (docs/model.md,
// `--simulate`): B = S₁ + … + S_x for the x records of the second, S i.i.d. from the RecordSizeLaw
// of the closed form (compound.ts): a histogram's atoms, or the lognormal fitted to {average, p99}
// cut at the 1 MiB record limit, partition key included.
//
// Drawing x sizes every second would cost thousands of draws per second, so a second is split:
//   - big records (lognormal only: sizes above its 1 − BIG_SHARE quantile): each record is big with
//     chance q independently, so the positions of big records in the shard's stream of records are
//     drawn as geometric gaps (one draw per big record, none per second), and each big size exactly
//     by the inverse CDF of the lognormal between that quantile and 1 MiB;
//   - the body (the other records, bounded): drawn only when a Chernoff bound says its sum could
//     pass the byte tokens left with probability above 1e-17; otherwise it counts at its exact
//     conditional mean, which only the token balance of buckets deeper than 1 s ever sees. Up to
//     48 records are drawn one by one, exactly; more by class counts (a multinomial by sequential
//     exact binomials, O(classes) whatever the count): atoms exactly; the lognormal's core
//     (|z| < 2.7) in bins of 0.5 in z at their conditional means, with their exact within-bin
//     variance added as one normal (a bounded spread summed over many records, a few percent of
//     the size variance), and its two outer tails record by record, exactly.
// So a second's throttle decision follows the law, except in seconds whose chance of a byte
// throttle is below 1e-17 (the same cut as the Normal path it replaces) and for the within-bin
// spread of lognormal bodies of more than 48 records.

import { Rng } from './rng.js';
import type { RecordSizeLaw } from './compound.js';
import { logFactorial, normalQuantile, normalSf } from '../../math/special.js';

/** Skip a body draw when P(body sum > room) is below this. */
const SKIP_EPS = 1e-17;
const LOG_INV_EPS = -Math.log(SKIP_EPS);
/** Share of lognormal records drawn apart as "big" (their count every second, their size exactly). */
const BIG_SHARE = 1e-4;
/** Largest record: PutRecord(s) refuses more than 1 MiB of data (https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html). */
const MAX_RECORD_BYTES = 1024 * 1024;
/** Chernoff bound: θ·(largest body size) on a geometric grid over [1e-3, 200]. */
const THETA_GRID = 96;
/** Body-sum quantile bounds are tabulated per record count up to this. */
const BOUND_TABLE_MAX = 1 << 16;
/** Geometric ratio of the fine bins that bound the lognormal body's moment generating function. */
const MGF_BIN_RATIO = 1.01;
/** Bodies of up to this many records are drawn record by record; larger ones by class counts. */
const DIRECT_MAX = 48;
/** The lognormal's core, |z| < Z_CORE, in bins of DZ; the records outside it are drawn one by one. */
const Z_CORE = 2.7;
const DZ = 0.5;

/** Draws of the bytes of x records from one size law; built once per law by {@link byteSampler}. */
export interface ByteSampler {
  readonly kind: 'atoms' | 'lognormal';
  /** One size: the bytes of x records are x × it, no draw. */
  readonly fixedBytes: number | null;
  /** Exact mean bytes per record of the body (records that are not big). */
  readonly bodyMean: number;
  /** P(a record is big); 0 for atoms. */
  readonly bigShare: number;
  /** ln(1 − bigShare). */
  readonly logNotBig: number;
  /** Draws of a body record: atoms by Walker's alias table, lognormal by a truncated normal. */
  readonly atomBytes: Float64Array;
  readonly aliasProb: Float64Array;
  readonly aliasIndex: Int32Array;
  /** Lognormal: ln-median μ, σ, key bytes, and the z-range of the body (z < zBig) and of big records. */
  readonly mu: number;
  readonly sigma: number;
  readonly extraBytes: number;
  readonly zBig: number;
  /** z of the 1 MiB cut. */
  readonly zMax: number;
  /** Chernoff grid: θ_j and ln E[e^{θ_j·S}] of a body record (bounded above). */
  readonly theta: Float64Array;
  readonly logMgf: Float64Array;
  /**
   * Classes for bodies of more than DIRECT_MAX records, drawn as counts (sequential binomials):
   * atoms, or lognormal bins of the core with their conditional mean and variance.
   */
  readonly classShare: Float64Array;
  readonly classMean: Float64Array;
  readonly classVar: Float64Array;
  /** 0: counted at its mean (+ spread), 1: the lognormal's lower tail, 2: its upper tail (below zBig), drawn one by one. */
  readonly classExact: Int8Array;
  /** Per class, the binomial of the sequential multinomial: P(class | not an earlier one), as p ≤ ½ (flipped: count the others). */
  readonly condP: Float64Array;
  readonly condFlip: Int8Array;
  readonly condLogP: Float64Array;
  readonly condLogQ: Float64Array;
}

/** Walker's alias table of `shares` (normalised). */
function aliasTable(shares: readonly number[]): { prob: Float64Array; index: Int32Array } {
  const n = shares.length;
  const total = shares.reduce((a, b) => a + b, 0);
  const prob = new Float64Array(n);
  const index = new Int32Array(n);
  const scaled = shares.map((s) => (s * n) / total);
  const small: number[] = [];
  const large: number[] = [];
  scaled.forEach((s, i) => (s < 1 ? small : large).push(i));
  while (small.length && large.length) {
    const s = small.pop()!;
    const l = large[large.length - 1]!;
    prob[s] = scaled[s]!;
    index[s] = l;
    scaled[l] = scaled[l]! + scaled[s]! - 1;
    if (scaled[l]! < 1) {
      large.pop();
      small.push(l);
    }
  }
  // What is left stands alone (the small ones only through rounding).
  for (const i of [...large, ...small]) {
    prob[i] = 1;
    index[i] = i;
  }
  return { prob, index };
}

/** ln Σ p_i·e^{θ·s_i}, shifted by the largest size so it never overflows. */
function logMgfOf(theta: number, sizes: ArrayLike<number>, probs: ArrayLike<number>, top: number): number {
  let s = 0;
  for (let i = 0; i < sizes.length; i++) s += probs[i]! * Math.exp(theta * (sizes[i]! - top));
  return theta * top + Math.log(s);
}

const samplers = new WeakMap<RecordSizeLaw, ByteSampler>();

/** The sampler of a size law (memoised per law object: every run of a profile shares it). */
export function byteSampler(law: RecordSizeLaw): ByteSampler {
  const hit = samplers.get(law);
  if (hit) return hit;
  const s = law.kind === 'atoms' ? atomSampler(law) : lognormalSampler(law);
  samplers.set(law, s);
  return s;
}

/** Upper-bounding sizes and their probabilities → the θ grid and ln MGF of a body record. */
function chernoffGrid(sizes: ArrayLike<number>, probs: ArrayLike<number>, top: number): { theta: Float64Array; logMgf: Float64Array } {
  const theta = new Float64Array(THETA_GRID);
  const logMgf = new Float64Array(THETA_GRID);
  for (let j = 0; j < THETA_GRID; j++) {
    const t = 1e-3 * Math.pow(2e5, j / (THETA_GRID - 1));
    theta[j] = t / top;
    logMgf[j] = logMgfOf(theta[j]!, sizes, probs, top);
  }
  return { theta, logMgf };
}

function atomSampler(law: Extract<RecordSizeLaw, { kind: 'atoms' }>): ByteSampler {
  const bytes: number[] = [];
  const shares: number[] = [];
  law.bytes.forEach((b, i) => {
    if (law.shares[i]! > 0) {
      bytes.push(b);
      shares.push(law.shares[i]!);
    }
  });
  const total = shares.reduce((a, b) => a + b, 0);
  const probs = shares.map((p) => p / total);
  const mean = bytes.reduce((a, b, i) => a + b * probs[i]!, 0);
  const fixed = bytes.every((b) => b === bytes[0]) ? bytes[0]! : null;
  const top = Math.max(...bytes, 1);
  const { prob, index } = aliasTable(probs);
  const order = probs.map((_, i) => i).sort((a, b) => probs[b]! - probs[a]!);
  const classShare = Float64Array.from(order, (i) => probs[i]!);
  return {
    ...conditionals(classShare),
    classShare,
    classMean: Float64Array.from(order, (i) => bytes[i]!),
    classVar: new Float64Array(order.length),
    classExact: new Int8Array(order.length),
    kind: 'atoms',
    fixedBytes: fixed,
    bodyMean: mean,
    bigShare: 0,
    logNotBig: 0,
    atomBytes: Float64Array.from(bytes),
    aliasProb: prob,
    aliasIndex: index,
    mu: 0,
    sigma: 0,
    extraBytes: 0,
    zBig: Infinity,
    zMax: Infinity,
    ...chernoffGrid(bytes, probs, top),
  };
}

/**
 * The lognormal with mean `meanBytes` and shape σ, cut at 1 MiB (renormalised, as the closed form
 * does), plus the key. Body: z < zBig; big: zBig ≤ z < zMax, with Q(zBig) = BIG_SHARE.
 */
function lognormalSampler(law: Extract<RecordSizeLaw, { kind: 'lognormal' }>): ByteSampler {
  const { meanBytes, sigma, extraBytes } = law;
  const mu = Math.log(meanBytes) - (sigma * sigma) / 2;
  const zMax = (Math.log(MAX_RECORD_BYTES) - mu) / sigma;
  const qMax = normalSf(zMax);
  const zBig = Math.min(zMax, -normalQuantile(BIG_SHARE));
  const qBig = normalSf(zBig);
  const pBody = 1 - qBig;
  const bigShare = (qBig - qMax) / (1 - qMax);
  // E[e^{μ+σZ}; Z < zBig] = e^{μ+σ²/2}·Φ(zBig − σ)
  const bodyMean = (meanBytes * (1 - normalSf(zBig - sigma))) / pBody + extraBytes;
  const top = Math.exp(mu + sigma * zBig) + extraBytes;
  // MGF bound: fine geometric bins of the body, each at its upper edge (the lowest bin [0, lo]).
  const sizes: number[] = [];
  const probs: number[] = [];
  let zPrev = -Infinity;
  let edge = Math.exp(mu - 8 * sigma);
  for (;;) {
    const last = edge >= top - extraBytes;
    const e = last ? top - extraBytes : edge;
    const z = (Math.log(e) - mu) / sigma;
    const p = (normalSf(zPrev) - normalSf(z)) / pBody;
    if (p > 0) {
      sizes.push(e + extraBytes);
      probs.push(p);
    }
    if (last) break;
    zPrev = z;
    edge *= MGF_BIN_RATIO;
  }
  return {
    ...lognormalClasses(mu, sigma, zBig, pBody, extraBytes),
    kind: 'lognormal',
    fixedBytes: null,
    bodyMean,
    bigShare,
    logNotBig: Math.log1p(-bigShare),
    atomBytes: new Float64Array(0),
    aliasProb: new Float64Array(0),
    aliasIndex: new Int32Array(0),
    mu,
    sigma,
    extraBytes,
    zBig,
    zMax,
    ...chernoffGrid(sizes, probs, top),
  };
}

/** The sequential multinomial's binomials of class shares (in order), with their logs. */
function conditionals(share: Float64Array) {
  const n = share.length;
  const condP = new Float64Array(n);
  const condFlip = new Int8Array(n);
  const condLogP = new Float64Array(n);
  const condLogQ = new Float64Array(n);
  let left = 1;
  for (let c = 0; c < n; c++) {
    let p = c === n - 1 ? 1 : Math.min(1, Math.max(0, share[c]! / left));
    left -= share[c]!;
    if (p > 0.5) {
      condFlip[c] = 1;
      p = 1 - p;
    }
    condP[c] = p;
    condLogP[c] = Math.log(p);
    condLogQ[c] = Math.log1p(-p);
  }
  return { condP, condFlip, condLogP, condLogQ };
}

/**
 * The lognormal body's classes: the lower tail z < −Z_CORE, bins of DZ over the core (each at its
 * conditional mean, with its conditional variance), the upper tail Z_CORE ≤ z < zBig; shares are of
 * the body. E[e^{jσZ}; a ≤ Z < b] = e^{j²σ²/2}·(Φ(b − jσ) − Φ(a − jσ)).
 */
function lognormalClasses(mu: number, sigma: number, zBig: number, pBody: number, extraBytes: number) {
  const mass = (a: number, b: number, shift: number) => normalSf(a - shift) - normalSf(b - shift);
  const share: number[] = [];
  const mean: number[] = [];
  const variance: number[] = [];
  const exact: number[] = [];
  const top = Math.min(Z_CORE, zBig);
  share.push(mass(-Infinity, -Z_CORE, 0) / pBody);
  mean.push(0);
  variance.push(0);
  exact.push(1);
  for (let i = 0; -Z_CORE + i * DZ < top - 1e-9; i++) {
    const a = -Z_CORE + i * DZ;
    const b = Math.min(a + DZ, top);
    const p = mass(a, b, 0);
    if (!(p > 0)) continue;
    const m1 = (Math.exp(mu + (sigma * sigma) / 2) * mass(a, b, sigma)) / p;
    const m2 = (Math.exp(2 * mu + 2 * sigma * sigma) * mass(a, b, 2 * sigma)) / p;
    share.push(p / pBody);
    mean.push(m1 + extraBytes);
    variance.push(Math.max(0, m2 - m1 * m1));
    exact.push(0);
  }
  if (zBig > Z_CORE) {
    share.push(mass(Z_CORE, zBig, 0) / pBody);
    mean.push(0);
    variance.push(0);
    exact.push(2);
  }
  const classShare = Float64Array.from(share);
  return { classShare, classMean: Float64Array.from(mean), classVar: Float64Array.from(variance), classExact: Int8Array.from(exact), ...conditionals(classShare) };
}

/** State of one simulation run: the sampler (shared), its bounds by record count, the next big record. */
export interface ByteDraw {
  s: ByteSampler;
  /** bound[n]: a size the sum of n body records passes with probability ≤ 1e-17 (NaN: not yet). */
  bound: Float64Array;
  /** Records before the next big one; −1: draw afresh (at the start of each stretch of seconds). */
  gap: number;
}

/** Fresh state for one simulation run (the sampler itself is shared). */
export function byteDraw(s: ByteSampler): ByteDraw {
  return { s, bound: new Float64Array(BOUND_TABLE_MAX).fill(Number.NaN), gap: -1 };
}

/** Start a new stretch of seconds with its own generator: the gap is drawn afresh (memoryless, so exact). */
export function restartByteDraw(d: ByteDraw): void {
  d.gap = -1;
}

/** Records before the next big one: Geometric(q) failures, by inversion. */
function nextGap(s: ByteSampler, rng: Rng): number {
  return Math.floor(Math.log(1 - rng.nextFloat()) / s.logNotBig);
}

/** min over the θ grid of (n·ln M(θ) + ln(1/ε)) / θ: P(sum of n body records ≥ it) ≤ ε (Chernoff). */
function chernoffQuantile(s: ByteSampler, n: number): number {
  let best = Infinity;
  for (let j = 0; j < s.theta.length; j++) {
    const v = (n * s.logMgf[j]! + LOG_INV_EPS) / s.theta[j]!;
    if (v < best) best = v;
  }
  return best;
}

function bodyBound(d: ByteDraw, n: number): number {
  if (n < BOUND_TABLE_MAX) {
    let b = d.bound[n]!;
    if (Number.isNaN(b)) {
      b = chernoffQuantile(d.s, n);
      d.bound[n] = b;
    }
    return b;
  }
  return chernoffQuantile(d.s, n);
}

/** ln(n!) by table (grown on demand): the binomials below ask for three per class and second. */
let logFact = new Float64Array(1024);
for (let i = 2; i < logFact.length; i++) logFact[i] = logFact[i - 1]! + Math.log(i);

function lnFact(n: number): number {
  if (n < logFact.length) return logFact[n]!;
  if (n > 1 << 20) return logFactorial(n);
  const grown = new Float64Array(Math.max(n + 1, 2 * logFact.length));
  grown.set(logFact);
  for (let i = logFact.length; i < grown.length; i++) grown[i] = grown[i - 1]! + Math.log(i);
  logFact = grown;
  return logFact[n]!;
}

/**
 * Binomial(n, p), exactly, by inversion: from 0 when the mean is small, else from the mode outward
 * (any order of the outcomes inverts exactly; from the mode it takes about 1.6 sd steps).
 */
export function binomial(rng: Rng, n: number, p: number): number {
  if (!(p > 0) || n <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(rng, n, 1 - p);
  return binomialLow(rng, n, p, Math.log(p), Math.log1p(-p));
}

/** Binomial(n, p) for 0 < p ≤ ½ with ln p and ln(1 − p) given. */
function binomialLow(rng: Rng, n: number, p: number, lp: number, lq: number): number {
  if (n <= 0) return 0;
  const r = p / (1 - p);
  let u = rng.nextFloat();
  if (n * p < 10) {
    let pk = Math.exp(n * lq);
    let k = 0;
    while (u >= pk && k < n) {
      u -= pk;
      k++;
      pk *= ((n - k + 1) / k) * r;
    }
    return k;
  }
  const m = Math.floor((n + 1) * p);
  const pm = Math.exp(lnFact(n) - lnFact(m) - lnFact(n - m) + m * lp + (n - m) * lq);
  if (u < pm) return m;
  u -= pm;
  let up = m;
  let pu = pm;
  let down = m;
  let pd = pm;
  for (;;) {
    let moved = false;
    if (up < n) {
      pu *= ((n - up) / (up + 1)) * r;
      up++;
      if (u < pu) return up;
      u -= pu;
      moved = true;
    }
    if (down > 0) {
      pd *= down / (n - down + 1) / r;
      down--;
      if (u < pd) return down;
      u -= pd;
      moved = true;
    }
    if (!moved) return m; // the whole support summed short of u by rounding
  }
}

/** z from the standard normal tail z ≥ a > 0 (Marsaglia's exponential rejection), below `below`. */
function normalTail(rng: Rng, a: number, below: number): number {
  for (;;) {
    const x = -Math.log(1 - rng.nextFloat()) / a;
    const y = -Math.log(1 - rng.nextFloat());
    if (2 * y <= x * x) continue;
    if (a + x < below) return a + x;
  }
}

/**
 * Sum of n body records by class counts: counts by sequential binomials (an exact multinomial);
 * atoms exactly; lognormal bins at their conditional means plus one normal with their exact
 * within-bin variance (a bin of 0.3 in z spans sizes within a factor e^{0.3σ}; its bounded spread
 * sums over many records), the two outer tails record by record, exactly.
 */
function drawBodyByClasses(s: ByteSampler, rng: Rng, n: number): number {
  let left = n;
  let sum = 0;
  let spread = 0;
  const last = s.classShare.length - 1;
  for (let c = 0; c <= last && left > 0; c++) {
    let k: number;
    if (c === last) k = left;
    else {
      const p = s.condP[c]!;
      k = p > 0 ? binomialLow(rng, left, p, s.condLogP[c]!, s.condLogQ[c]!) : 0;
      if (s.condFlip[c] === 1) k = left - k;
    }
    left -= k;
    if (k === 0) continue;
    const kind = s.classExact[c]!;
    if (kind === 0) {
      sum += k * s.classMean[c]!;
      spread += k * s.classVar[c]!;
    } else {
      for (let i = 0; i < k; i++) {
        const z = kind === 1 ? -normalTail(rng, Z_CORE, Infinity) : normalTail(rng, Z_CORE, s.zBig);
        sum += Math.exp(s.mu + s.sigma * z) + s.extraBytes;
      }
    }
  }
  return spread > 0 ? sum + Math.sqrt(spread) * rng.normal() : sum;
}

/** Sum of n body records: record by record up to DIRECT_MAX (exact), else by class counts. */
function drawBody(s: ByteSampler, rng: Rng, n: number): number {
  if (n > DIRECT_MAX) return drawBodyByClasses(s, rng, n);
  let sum = 0;
  if (s.kind === 'atoms') {
    const k = s.atomBytes.length;
    for (let i = 0; i < n; i++) {
      const u = rng.nextFloat() * k;
      const c = Math.floor(u);
      sum += s.atomBytes[u - c < s.aliasProb[c]! ? c : s.aliasIndex[c]!]!;
    }
    return sum;
  }
  // Normal truncated to z < zBig by rejection (it rejects one draw in 1/BIG_SHARE).
  for (let i = 0; i < n; i++) {
    let z = rng.normal();
    while (z >= s.zBig) z = rng.normal();
    sum += Math.exp(s.mu + s.sigma * z);
  }
  return sum + n * s.extraBytes;
}

/**
 * Exact size of one big record: z from the normal tail z ≥ zBig by Marsaglia's exponential
 * rejection (x = −ln U₁ / a, accepted when −2 ln U₂ > x²; 93% accepted at a = 3.7), redrawn past the
 * 1 MiB cut.
 */
function drawBig(s: ByteSampler, rng: Rng): number {
  const a = s.zBig;
  const zMax = s.zMax;
  for (;;) {
    const x = -Math.log(1 - rng.nextFloat()) / a;
    const y = -Math.log(1 - rng.nextFloat());
    if (2 * y <= x * x) continue;
    const z = a + x;
    if (z < zMax) return Math.exp(s.mu + s.sigma * z) + s.extraBytes;
  }
}

/**
 * Bytes of the x new records of one second, given `room` bytes of tokens left for them: exact in
 * distribution wherever P(bytes > room) ≥ 1e-17; elsewhere the body counts at its mean.
 */
export function drawSecondBytes(d: ByteDraw, rng: Rng, x: number, room: number): number {
  const s = d.s;
  if (s.fixedBytes !== null) return x * s.fixedBytes;
  let big = 0;
  let n = x;
  if (s.bigShare > 0) {
    // Records 0 … x − 1 of this second; the next big one is record `gap` of the stream.
    let pos = d.gap < 0 ? nextGap(s, rng) : d.gap;
    while (pos < x) {
      big += drawBig(s, rng);
      n--;
      pos += 1 + nextGap(s, rng);
    }
    d.gap = pos - x;
  }
  if (n === 0) return big;
  if (bodyBound(d, n) + big <= room) return big + n * s.bodyMean;
  return big + drawBody(s, rng, n);
}
