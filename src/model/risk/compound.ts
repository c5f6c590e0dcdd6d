// The byte tail of one shard-second (docs/model.md, "Byte tail"): B = S₁ + … + S_X with X ~ NegBin(μ, k)
// (Poisson when k = ∞) records and i.i.d. record sizes S from the profile (fixed, a histogram, or the
// lognormal fitted to {average, p99}). P(B ≥ cap) and E[(B − cap)+] come from Panjer's recursion on
// a lattice of step h = cap / LATTICE_STEPS, so they are exact for the lattice sizes.
//
// Sizes onto the lattice: each size sits between two lattice points and is split between them so
// its mean is kept (the split only adds spread); sizes of 64 steps and more are rounded up instead. The lognormal is first cut into geometric bins of
// ratio 1.1, each at its conditional mean, so its long tail (records of 100 KB and more, which decide
// rare seconds) is kept instead of being folded into one top bin; it ends at the 1 MiB record limit.
// B landing exactly on the cap counts as over it. Against an exact convolution these choices land
// 1–3.3% above the true tail at sizing points, 0.7% below in tails under 1e-8 that single records of
// hundreds of KB decide (docs/model.md has the figures).

import { normalCdf } from '../../math/special.js';

/** Record sizes of one shard's records, partition key included. */
export type RecordSizeLaw = { kind: 'atoms'; bytes: readonly number[]; shares: readonly number[] } | { kind: 'lognormal'; meanBytes: number; sigma: number; extraBytes: number };

/** Lattice steps below the cap: h = cap / 2048 (512 B for 1 MiB). */
const LATTICE_STEPS = 2048;
/** Geometric bins of the lognormal: ratio of neighbouring edges, and the bottom edge / median. */
const LOGNORMAL_BIN_RATIO = 1.1;
const LOGNORMAL_LOW_EDGE = 0.05;
/**
 * The lognormal is cut at the default maximum record size, 1 MiB of data: larger records are
 * refused by PutRecord(s), so they never reach the shard's throughput limits
 * (https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html).
 */
const LOGNORMAL_MAX_RECORD_BYTES = 1024 * 1024;

/** Record sizes on the lattice: sorted indices with their probabilities. */
export interface SizeLattice {
  /** Lattice step, bytes. */
  step: number;
  /** Index of the cap: B ≥ capIndex·step counts as over the cap. */
  capIndex: number;
  /** Memo key. */
  id: number;
  index: Int32Array;
  prob: Float64Array;
  /** Entries of index below capIndex (records that do not reach the cap alone). */
  belowCap: number;
  /** P(S ≥ cap) and E[S ; S ≥ cap] of one record. */
  bigShare: number;
  bigBytes: number;
  /** Mean record size on the lattice (the true mean, plus under a step per record rounded up). */
  meanBytes: number;
}

/**
 * Lattice index from which sizes are rounded up to one point instead of split over two: a step is
 * under 1.6% of such a size, and one atom instead of two keeps the recursion short.
 */
const ROUND_UP_FROM = 64;

function addSplit(acc: Map<number, number>, bytes: number, p: number, step: number): void {
  if (!(p > 0)) return;
  const u = bytes / step;
  const j = Math.floor(u);
  const f = u - j;
  if (j >= ROUND_UP_FROM) {
    const at = f > 0 ? j + 1 : j;
    acc.set(at, (acc.get(at) ?? 0) + p);
    return;
  }
  acc.set(j, (acc.get(j) ?? 0) + p * (1 - f));
  if (f > 0) acc.set(j + 1, (acc.get(j + 1) ?? 0) + p * f);
}

/** P(a < Z ≤ b) for a standard normal, on the side that keeps precision. */
function normalMass(a: number, b: number): number {
  return a > 0 ? normalCdf(-a) - normalCdf(-b) : normalCdf(b) - normalCdf(a);
}

/** Geometric bins of the lognormal up to the largest record, each at its conditional mean (sizeLattice renormalises). */
function lognormalAtoms(law: Extract<RecordSizeLaw, { kind: 'lognormal' }>, add: (bytes: number, p: number) => void): void {
  const { meanBytes, sigma } = law;
  const mu = Math.log(meanBytes) - (sigma * sigma) / 2;
  const z = (x: number) => (x <= 0 ? -Infinity : x === Infinity ? Infinity : (Math.log(x) - mu) / sigma);
  const edges = [0];
  for (let e = Math.exp(mu) * LOGNORMAL_LOW_EDGE; e < LOGNORMAL_MAX_RECORD_BYTES; e *= LOGNORMAL_BIN_RATIO) edges.push(e);
  edges.push(LOGNORMAL_MAX_RECORD_BYTES);
  for (let i = 0; i + 1 < edges.length; i++) {
    const za = z(edges[i]!);
    const zb = z(edges[i + 1]!);
    const p = normalMass(za, zb);
    // E[S; a < S ≤ b] = mean · P(a < Z + σ... ): the lognormal's partial mean.
    const partial = meanBytes * normalMass(za - sigma, zb - sigma);
    if (p > 0 && partial > 0) add(partial / p + law.extraBytes, p);
  }
}

const lattices = new Map<string, SizeLattice>();
let nextLatticeId = 0;
const atomIds = new WeakMap<readonly number[], number>();
let nextAtomId = 0;

function lawKey(law: RecordSizeLaw, cap: number): string {
  if (law.kind === 'lognormal') return `ln|${law.meanBytes}|${law.sigma}|${law.extraBytes}|${cap}`;
  let id = atomIds.get(law.bytes);
  if (id === undefined) {
    id = nextAtomId++;
    atomIds.set(law.bytes, id);
  }
  return `a|${id}|${cap}`;
}

/** The lattice of a size law under a byte cap (memoised: every μ, hour and shard count shares it). */
export function sizeLattice(law: RecordSizeLaw, cap: number): SizeLattice {
  const key = lawKey(law, cap);
  const hit = lattices.get(key);
  if (hit) return hit;
  const step = cap / LATTICE_STEPS;
  const acc = new Map<number, number>();
  const add = (bytes: number, p: number) => addSplit(acc, bytes, p, step);
  if (law.kind === 'lognormal') lognormalAtoms(law, add);
  else for (let i = 0; i < law.bytes.length; i++) add(law.bytes[i]!, law.shares[i]!);
  const keys = [...acc.keys()].sort((a, b) => a - b);
  let total = 0;
  for (const j of keys) total += acc.get(j)!;
  const index = Int32Array.from(keys);
  const prob = Float64Array.from(keys, (j) => acc.get(j)! / total);
  let belowCap = 0;
  let bigShare = 0;
  let bigBytes = 0;
  let mean = 0;
  for (let t = 0; t < index.length; t++) {
    mean += prob[t]! * index[t]! * step;
    if (index[t]! < LATTICE_STEPS) belowCap = t + 1;
    else {
      bigShare += prob[t]!;
      bigBytes += prob[t]! * index[t]! * step;
    }
  }
  const lat: SizeLattice = { step, capIndex: LATTICE_STEPS, id: nextLatticeId++, index, prob, belowCap, bigShare, bigBytes, meanBytes: mean };
  if (lattices.size >= 64) lattices.clear();
  lattices.set(key, lat);
  return lat;
}

/** Byte tail of one shard-second. */
export interface ByteTail {
  /** P(B ≥ cap). */
  over: number;
  /** E[(B − cap)+], bytes. */
  excessBytes: number;
}

/** A block of terms below this share of the running tail ends the direct tail sum. */
const TAIL_EPS = 1e-8;
/**
 * Below this, 1 − P(B < cap) (a compensated sum, ~1e-16 absolute) has lost too many digits: sum the
 * tail itself.
 */
const DIRECT_TAIL_BELOW = 1e-11;
/** The direct tail sum runs at most this many cap-widths. */
const DIRECT_TAIL_SPAN = 8;
const RESCALE_AT = 1e200;
/** The direct tail stops when the sum of a block of this many terms (or the size law's span, if shorter) is negligible. */
const STOP_SPAN = 256;

/**
 * Panjer's recursion for the compound (a, b, 0) count over the records below the cap (a defective
 * size law: the recursion is an identity of generating functions, so it gives
 * g(j) = P(no record alone reaches the cap, B = j)):
 *   g(j) = Σ_i (a + b·i/j)·s(i)·g(j − i) / (1 − a·s(0)),
 * run in a scaled copy (log scale kept apart) so a large μ, whose P(X = 0) underflows, still works.
 * Fills g up to `upTo`, or stops early once past `minStop` the terms of the last span of the size
 * law sum to less than TAIL_EPS of the tail summed from `tailFrom`.
 */
function panjer(lat: SizeLattice, mu: number, k: number, upTo: number, tailFrom: number, minStop: number): { f: Float64Array; end: number; logScale: number } {
  const poisson = !Number.isFinite(k);
  const a = poisson ? 0 : mu / (k + mu);
  const b = poisson ? mu : (k - 1) * a;
  const { index, prob } = lat;
  const n = lat.belowCap;
  const s0 = index[0] === 0 ? prob[0]! : 0;
  const first = index[0] === 0 ? 1 : 0;
  // (a + b·i/j)·s(i) = pa(i) + pb(i)/j
  const pa = new Float64Array(n);
  const pb = new Float64Array(n);
  for (let t = first; t < n; t++) {
    pa[t] = a * prob[t]!;
    pb[t] = b * index[t]! * prob[t]!;
  }
  // ln g(0) = ln PGF_X(s0)
  let logScale = poisson ? mu * (s0 - 1) : -k * Math.log1p((mu / k) * (1 - s0));
  const f = buffer(upTo + 1);
  f[0] = 1;
  const norm = 1 / (1 - a * s0);
  const span = Math.min(STOP_SPAN, n > 0 ? index[n - 1]! : 1);
  let tail = 0;
  let blockSum = 0;
  let blockStart = 0;
  let end = upTo;
  let reach = first; // atoms with index ≤ j are index[first .. reach)
  for (let j = 1; j <= upTo; j++) {
    while (reach < n && index[reach]! <= j) reach++;
    let accA = 0;
    let accB = 0;
    for (let t = first; t < reach; t++) {
      const g = f[j - index[t]!]!;
      accA += pa[t]! * g;
      accB += pb[t]! * g;
    }
    const v = (accA + accB / j) * norm;
    f[j] = v;
    if (v > RESCALE_AT) {
      for (let t = 0; t <= j; t++) f[t]! *= 1 / RESCALE_AT;
      logScale += Math.log(RESCALE_AT);
      tail /= RESCALE_AT;
      blockSum /= RESCALE_AT;
    }
    if (j >= tailFrom) {
      tail += f[j]!;
      blockSum += f[j]!;
      if (j - blockStart >= span) {
        if (j > minStop && blockSum <= TAIL_EPS * tail) {
          end = j;
          break;
        }
        blockSum = 0;
        blockStart = j;
      }
    }
  }
  return { f, end, logScale };
}

let scratch = new Float64Array(0);

/** A zeroed scratch array of at least n entries (one per process: the recursion is not re-entrant). */
function buffer(n: number): Float64Array {
  if (scratch.length < n) scratch = new Float64Array(n);
  else scratch.fill(0, 0, n);
  return scratch;
}

/** P(at least one record of the second reaches the cap alone) = 1 − PGF_X(1 − q). */
function anyBigRecord(lat: SizeLattice, mu: number, k: number): number {
  const q = lat.bigShare;
  if (!(q > 0)) return 0;
  return -Math.expm1(Number.isFinite(k) ? -k * Math.log1p((mu / k) * q) : -mu * q);
}

const tails = new Map<string, ByteTail>();

/**
 * P(B ≥ cap) and E[(B − cap)+] for B the bytes of one shard-second: X ~ NegBin(μ, k) records
 * (k = ∞: Poisson) of sizes from the lattice. A second stays under the cap only if no record reaches
 * it alone, so P(B < cap) = Σ_{j < cap} g(j) with g from panjer(). Memoised per lattice, μ and k.
 */
export function compoundByteTail(lat: SizeLattice, mu: number, k: number): ByteTail {
  if (!(mu > 0)) return { over: 0, excessBytes: 0 };
  const key = `${lat.id}|${mu}|${k}`;
  const hit = tails.get(key);
  if (hit) return hit;
  const L = lat.capIndex;
  const h = lat.step;
  const cap = L * h;
  const meanB = mu * lat.meanBytes;
  // Below the cap: P(B < cap) and E[(cap − B)+].
  const low = panjer(lat, mu, k, L - 1, Infinity, Infinity);
  const scale = Math.exp(low.logScale);
  // Kahan-compensated: 1 − below must keep digits down to DIRECT_TAIL_BELOW.
  let below = 0;
  let carry = 0;
  let shortfall = 0;
  for (let j = 0; j < L; j++) {
    const p = low.f[j]! * scale;
    const y = p - carry;
    const t = below + y;
    carry = t - below - y;
    below = t;
    shortfall += p * (cap - j * h);
  }
  let out: ByteTail = { over: Math.max(0, 1 - below), excessBytes: Math.max(0, meanB - cap + shortfall) };
  if (out.over < DIRECT_TAIL_BELOW) out = directTail(lat, mu, k, meanB);
  if (tails.size >= 20_000) tails.clear();
  tails.set(key, out);
  return out;
}

/**
 * The tail summed term by term past the cap, for tails too small for 1 − P(B < cap): the seconds
 * with a record that reaches the cap alone, plus Σ_{j ≥ cap} g(j) for the rest (records below the
 * cap: a light tail that converges within a few cap-widths). The excess of the first kind is
 * bounded by E[B ; such a record] ≤ μ·E[S ; S ≥ cap] + P(such a record)·E[B] (a small, high bound).
 */
function directTail(lat: SizeLattice, mu: number, k: number, meanB: number): ByteTail {
  const L = lat.capIndex;
  const h = lat.step;
  const cap = L * h;
  const run = panjer(lat, mu, k, DIRECT_TAIL_SPAN * L, L, Math.ceil(meanB / h) + 1);
  const scale = Math.exp(run.logScale);
  let over = 0;
  let excess = 0;
  for (let j = L; j <= run.end; j++) {
    const p = run.f[j]! * scale;
    over += p;
    excess += p * (j * h - cap);
  }
  const big = anyBigRecord(lat, mu, k);
  return { over: Math.min(1, over + big), excessBytes: excess + mu * lat.bigBytes + big * meanB };
}

/**
 * Chernoff upper bounds on the byte tail, in microseconds instead of a recursion:
 *   P(B ≥ cap) ≤ P(a record reaches the cap alone) + min_θ e^(−θ·cap)·PGF_X(M(θ)),
 * M(θ) = Σ s(i)·e^(θ·i·h) over the records below the cap, and E[(B − cap)+] ≤ E[e^(θ(B − cap))]/(e·θ)
 * at the same θ, plus the bound of directTail for records at or above the cap. Used where the bound
 * alone settles the answer (a tail far below the records limit's).
 */
export function byteTailBound(lat: SizeLattice, mu: number, k: number): ByteTail {
  if (!(mu > 0)) return { over: 0, excessBytes: 0 };
  const L = lat.capIndex;
  const n = lat.belowCap;
  // ψ(t) = ln of the bound at θ = t / cap.
  const psi = (t: number): number => {
    let m = 0;
    for (let i = 0; i < n; i++) m += lat.prob[i]! * Math.exp((t * lat.index[i]!) / L);
    const u = (mu / (Number.isFinite(k) ? k : 1)) * (m - 1);
    if (Number.isFinite(k)) return u >= 1 ? Infinity : -t - k * Math.log1p(-u);
    return -t + mu * (m - 1);
  };
  // ψ is convex: golden-section search on t in (0, 700].
  let lo = 0;
  let hi = 700;
  const g = (Math.sqrt(5) - 1) / 2;
  let x1 = hi - g * (hi - lo);
  let x2 = lo + g * (hi - lo);
  let f1 = psi(x1);
  let f2 = psi(x2);
  for (let it = 0; it < 40; it++) {
    if (f1 <= f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - g * (hi - lo);
      f1 = psi(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + g * (hi - lo);
      f2 = psi(x2);
    }
  }
  const t = f1 <= f2 ? x1 : x2;
  const best = Math.min(f1, f2);
  const cap = L * lat.step;
  const big = anyBigRecord(lat, mu, k);
  const small = Math.exp(best);
  return { over: Math.min(1, big + small), excessBytes: (small * cap) / (Math.E * t) + mu * lat.bigBytes + big * mu * lat.meanBytes };
}
