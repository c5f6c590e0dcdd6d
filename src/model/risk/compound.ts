// The byte tail of one shard-second (docs/model.md, "Byte tail"): B = S₁ + … + S_X with X ~ NegBin(μ, k)
// (Poisson when k = ∞) records and i.i.d. record sizes S from the profile (fixed, a histogram, or the
// lognormal fitted to {average, p99}). P(B ≥ cap) and E[(B − cap)+] come from Panjer's recursion on
// a lattice of step h = cap / 2048 or finer (sizeLattice), so they are exact for the lattice sizes.
//
// Sizes onto the lattice, always as a mean-preserving spread of the true sizes, so that by convex
// order E[(B − cap)+] can only come out high: a size between two lattice points is split between
// them with its mean kept; the lognormal is integrated exactly over lattice cells (small sizes) and
// over bins with lattice edges (its long tail, up to the 1 MiB record limit), each cell's or bin's
// mass put on its two ends with its conditional mean kept. B landing exactly on the cap counts as
// over it. Against an exact convolution in the tests (test/risk/exact-tail.test.ts) this lands 0.1–2.5%
// above the true tail at sizing points and never below (docs/model.md has the figures).

import { normalMass } from '../../math/special.js';
import { RESCALE_AT, aboveSums, belowSums, panjerBuffers, panjerKernel, panjerPass, type PanjerBuffers } from './panjer.js';

/** Record sizes of one shard's records, partition key included. */
export type RecordSizeLaw = { kind: 'atoms'; bytes: readonly number[]; shares: readonly number[] } | { kind: 'lognormal'; meanBytes: number; sigma: number; extraBytes: number };

/**
 * Lattice steps below the cap, coarsest first: h = cap / 2048 (512 B for 1 MiB), or finer while the
 * split of sizes over lattice points adds more than SPLIT_VARIANCE_SHARE of E[S²] (records of a
 * few hundred bytes to a few KB, whose sums the split widens most) and the recursion costs at most
 * LATTICE_WORK_BUDGET multiply-adds a pass (or LATTICE_WORK_GROWTH times the coarsest lattice's, if
 * more). A pass of 400,000 takes ~0.6 ms in the WebAssembly kernel (panjer.ts); against the exact
 * oracle (test/risk/exact-tail.test.ts) half that budget left Poisson counts of fastapi-logs' sizes
 * 4.6% high, this one 2.5%.
 */
const LATTICE_STEPS = [2048, 3072, 4096, 6144, 8192] as const;
const SPLIT_VARIANCE_SHARE = 0.001;
const LATTICE_WORK_BUDGET = 400_000;
const LATTICE_WORK_GROWTH = 3;
/**
 * The lognormal: exact lattice cells below LOGNORMAL_CELL_BYTES, then bins whose edges are lattice
 * points LOGNORMAL_BIN_RATIO apart, LOGNORMAL_TOP_RATIO above TOP_FROM of the largest record, where
 * single records decide rare seconds and the bins' spread would show (edges on the lattice: nothing
 * is rounded). Each bin's mass on its two edges adds spread as the lattice's split does: at 15%
 * (the ratio before) it alone kept tails of many-record seconds 3% high at any lattice step.
 */
const LOGNORMAL_CELL_BYTES = 4096;
const LOGNORMAL_BIN_RATIO = 1.1;
const LOGNORMAL_TOP_RATIO = 1.03;
const TOP_FROM = 0.25;
/** Bins of this ratio above NEAR_CAP_FROM of the largest record: those straddling the cap decide P(a record reaches it alone). */
const NEAR_CAP_RATIO = 1.01;
const NEAR_CAP_FROM = 0.7;
/**
 * Where less than SPARSE_TAIL of a record's mass is left above, bins of SPARSE_RATIO: still a
 * spread (high, never low), and a light tail (small σ) then costs a few atoms instead of a hundred.
 */
const SPARSE_TAIL = 1e-15;
const SPARSE_RATIO = 1.15;
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
  /** Mean record size on the lattice (the true mean: the split keeps it). */
  meanBytes: number;
}

/** A size split over its two lattice neighbours so its mean is kept (the split only adds spread). */
function addSplit(acc: Map<number, number>, bytes: number, p: number, step: number): void {
  if (!(p > 0)) return;
  const u = bytes / step;
  const j = Math.floor(u);
  const f = u - j;
  acc.set(j, (acc.get(j) ?? 0) + p * (1 - f));
  if (f > 0) acc.set(j + 1, (acc.get(j + 1) ?? 0) + p * f);
}

/**
 * The lognormal on the lattice, as a mean-preserving spread of it (so E[(B − cap)+] can only come out
 * high): below LOGNORMAL_CELL_BYTES each lattice cell's exact mass is split between the cell's two
 * ends so its conditional mean is kept; above, bins with lattice edges put their mass on their two
 * edges the same way (a bin at its conditional mean alone is a contraction: it came out low, by
 * 0.7–1.7%, in tails that single records of hundreds of KB decide).
 * The bins go on up to the largest record however little mass is left (the risk attribution takes
 * logs of tails of 1e-40 and less, where any mass put elsewhere would show). The law ends at the 1 MiB record limit (sizeLattice renormalises).
 */
function lognormalAtoms(law: Extract<RecordSizeLaw, { kind: 'lognormal' }>, step: number, acc: Map<number, number>): void {
  const { meanBytes, sigma, extraBytes: e } = law;
  const mu = Math.log(meanBytes) - (sigma * sigma) / 2;
  const z = (x: number) => (x <= 0 ? -Infinity : (Math.log(x) - mu) / sigma);
  const top = LOGNORMAL_MAX_RECORD_BYTES;
  const topIndex = Math.ceil((top + e) / step);
  const put = (at: number, p: number) => acc.set(at, (acc.get(at) ?? 0) + p);
  // Record sizes (key included) in [lo·step, hi·step]: mass on the two ends, conditional mean kept.
  const spread = (lo: number, hi: number) => {
    const a = Math.max(0, lo * step - e);
    const b = Math.min(top, hi * step - e);
    if (!(b > a)) return;
    const za = z(a);
    const zb = z(b);
    const p = normalMass(za, zb);
    if (!(p > 0)) return;
    // E[D; a < D ≤ b] = mean·P(za − σ < Z ≤ zb − σ): the lognormal's partial mean.
    const mean = Math.min(b, Math.max(a, (meanBytes * normalMass(za - sigma, zb - sigma)) / p)) + e;
    const f = Math.min(1, Math.max(0, (mean / step - lo) / (hi - lo)));
    put(lo, p * (1 - f));
    put(hi, p * f);
  };
  let j = 0;
  for (; j * step < LOGNORMAL_CELL_BYTES && j * step < top + e; j++) spread(j, j + 1);
  while (j * step < top + e) {
    const left = normalMass(z(j * step - e), z(top));
    // Nothing left above (underflow): no more bins.
    if (!(left > 0)) return;
    const ratio = left < SPARSE_TAIL ? SPARSE_RATIO : j < TOP_FROM * topIndex ? LOGNORMAL_BIN_RATIO : j < NEAR_CAP_FROM * topIndex ? LOGNORMAL_TOP_RATIO : NEAR_CAP_RATIO;
    const next = Math.min(topIndex, Math.max(j + 1, Math.round(j * ratio)));
    spread(j, next);
    j = next;
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

/** Multiply-adds of one pass of the recursion below the cap: each atom below it works from its index up. */
function latticeWork(lat: SizeLattice): number {
  let work = 0;
  for (let t = 0; t < lat.belowCap; t++) work += lat.capIndex - lat.index[t]!;
  return work;
}

/**
 * The lattice of a size law under a byte cap (memoised: every μ, hour and shard count shares it).
 * The split of a size over two lattice points adds variance (about h²/6 a record), which moves
 * the tail of a sum of small records most; a finer lattice adds less, and since each lattice point
 * is also a point of the finer ones, the finer one is a contraction of the coarser one, so it is
 * nearer the exact tail and still above it. The finest is taken whose recursion costs at most
 * LATTICE_WORK_GROWTH times the coarsest's.
 */
export function sizeLattice(law: RecordSizeLaw, cap: number): SizeLattice {
  const key = lawKey(law, cap);
  const hit = lattices.get(key);
  if (hit) return hit;
  // Load the recursion's kernel first: its optimising compile then runs beside the build (panjer.ts).
  panjerKernel();
  let lat = buildLattice(law, cap, LATTICE_STEPS[0]);
  const budget = Math.max(LATTICE_WORK_BUDGET, LATTICE_WORK_GROWTH * latticeWork(lat));
  for (const steps of LATTICE_STEPS.slice(1)) {
    if (splitVarianceShare(law, lat.step) <= SPLIT_VARIANCE_SHARE) break;
    const finer = buildLattice(law, cap, steps);
    if (latticeWork(finer) > budget) break;
    lat = finer;
  }
  if (lattices.size >= 64) lattices.clear();
  lattices.set(key, lat);
  return lat;
}

/** Variance the split onto a lattice of `step` bytes adds to a record, over E[S²] (h²/6 for a smooth law). */
function splitVarianceShare(law: RecordSizeLaw, step: number): number {
  if (law.kind === 'lognormal') {
    const { meanBytes: m, sigma, extraBytes: e } = law;
    return (step * step) / 6 / (e * e + 2 * e * m + m * m * Math.exp(sigma * sigma));
  }
  let added = 0;
  let second = 0;
  for (let i = 0; i < law.bytes.length; i++) {
    const p = law.shares[i]!;
    const u = law.bytes[i]! / step;
    const f = u - Math.floor(u);
    added += p * f * (1 - f) * step * step;
    second += p * law.bytes[i]! * law.bytes[i]!;
  }
  return second > 0 ? added / second : 0;
}

function buildLattice(law: RecordSizeLaw, cap: number, steps: number): SizeLattice {
  const step = cap / steps;
  const acc = new Map<number, number>();
  if (law.kind === 'lognormal') lognormalAtoms(law, step, acc);
  else for (let i = 0; i < law.bytes.length; i++) addSplit(acc, law.bytes[i]!, law.shares[i]!, step);
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
    if (index[t]! < steps) belowCap = t + 1;
    else {
      bigShare += prob[t]!;
      bigBytes += prob[t]! * index[t]! * step;
    }
  }
  return { step, capIndex: steps, id: nextLatticeId++, index, prob, belowCap, bigShare, bigBytes, meanBytes: mean };
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
function panjer(lat: SizeLattice, mu: number, k: number, upTo: number, tailFrom: number, minStop: number): { buffers: PanjerBuffers; end: number; logScale: number } {
  const poisson = !Number.isFinite(k);
  const a = poisson ? 0 : mu / (k + mu);
  const b = poisson ? mu : (k - 1) * a;
  const { index, prob } = lat;
  const n = lat.belowCap;
  const s0 = index[0] === 0 ? prob[0]! : 0;
  const first = index[0] === 0 ? 1 : 0;
  // (a + b·i/j)·s(i) = pa(t) + pb(t)/j for the atom t of index i (the atom at 0 left out)
  const m = n - first;
  const buf = panjerBuffers(m, upTo);
  const w = buf.f64;
  for (let t = 0; t < m; t++) {
    w[2 * t] = a * prob[t + first]!;
    w[2 * t + 1] = b * index[t + first]! * prob[t + first]!;
    buf.i32[4 * m + t] = 8 * index[t + first]!;
  }
  w[buf.fWord] = 1;
  // ln g(0) = ln PGF_X(s0)
  let logScale = poisson ? mu * (s0 - 1) : -k * Math.log1p((mu / k) * (1 - s0));
  const span = Math.min(STOP_SPAN, n > 0 ? index[n - 1]! : 1);
  const { end, rescales } = panjerPass({ m, upTo, norm: 1 / (1 - a * s0), tailFrom, minStop, span, eps: TAIL_EPS }, buf);
  for (let r = 0; r < rescales; r++) logScale += Math.log(RESCALE_AT);
  return { buffers: buf, end, logScale };
}

/**
 * P(at least one record of the second reaches the cap alone) = 1 − PGF_X(1 − q): a floor under
 * P(B ≥ cap), which callers use to skip a bound that cannot come out small enough.
 */
export function anyBigRecord(lat: SizeLattice, mu: number, k: number): number {
  const q = lat.bigShare;
  if (!(q > 0)) return 0;
  return -Math.expm1(Number.isFinite(k) ? -k * Math.log1p((mu / k) * q) : -mu * q);
}

/**
 * A bound on E[(B − cap)+ ; some record reaches the cap alone]: with n records of which the big ones
 * are S ≥ cap, B − cap ≤ Σ_big (S − cap) + (#big − 1)·cap + the other records' bytes, and the
 * others' bytes are at most Σ_i 1{S_i big}·Σ_{j≠i} S_j (any one big record i leaves them all), so
 * E[others ; some big] ≤ E[X(X − 1)]·q·E[S] = μ²(1 + 1/k)·q·E[S].
 */
function bigRecordExcess(lat: SizeLattice, mu: number, k: number): number {
  const q = lat.bigShare;
  if (!(q > 0)) return 0;
  const cap = lat.capIndex * lat.step;
  const countFactorial = mu * mu * (1 + (Number.isFinite(k) ? 1 / k : 0));
  return mu * Math.max(0, lat.bigBytes - cap * q) + Math.max(0, mu * q - anyBigRecord(lat, mu, k)) * cap + q * countFactorial * lat.meanBytes;
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
  // Kahan-compensated: 1 − below must keep digits down to DIRECT_TAIL_BELOW.
  const { below, shortfall } = belowSums(low.buffers, L, Math.exp(low.logScale), cap, h);
  let out: ByteTail = { over: Math.max(0, 1 - below), excessBytes: Math.max(0, meanB - cap + shortfall) };
  if (out.over < DIRECT_TAIL_BELOW) out = directTail(lat, mu, k, meanB);
  return remember(key, out);
}

function remember(key: string, out: ByteTail): ByteTail {
  if (tails.size >= 20_000) tails.clear();
  tails.set(key, out);
  return out;
}

/**
 * The tail summed term by term past the cap, for tails too small for 1 − P(B < cap): the seconds
 * with a record that reaches the cap alone, plus Σ_{j ≥ cap} g(j) for the rest (records below the
 * cap: a light tail that converges within a few cap-widths). The excess of the first kind is
 * bounded by bigRecordExcess (a small, high bound).
 */
function directTail(lat: SizeLattice, mu: number, k: number, meanB: number): ByteTail {
  const L = lat.capIndex;
  const h = lat.step;
  const cap = L * h;
  const run = panjer(lat, mu, k, DIRECT_TAIL_SPAN * L, L, Math.ceil(meanB / h) + 1);
  const { over, excess } = aboveSums(run.buffers, L, run.end, Math.exp(run.logScale), cap, h);
  const big = anyBigRecord(lat, mu, k);
  return { over: Math.min(1, over + big), excessBytes: excess + bigRecordExcess(lat, mu, k) };
}

/** Largest t = θ·cap tried: e^(t·i/L) stays finite for every i ≤ L. */
const CHERNOFF_MAX_T = 700;

/**
 * ψ(t) = ln(e^(−t)·PGF_X(M(t/cap))), the log of the Chernoff bound on the sums of records below the
 * cap, with its first and second derivatives, from one pass over the sizes (M, M′ and M″ share the
 * exponentials). ψ is convex and so is ψ′ (the cumulant function of a sum of non-negative sizes has
 * every derivative from the second on positive); where the negative binomial's PGF diverges
 * (u ≥ 1) all three are +∞.
 */
function chernoffLog(lat: SizeLattice, mu: number, k: number, t: number): { psi: number; slope: number; curve: number } {
  const L = lat.capIndex;
  let m = 0;
  let dm = 0;
  let ddm = 0;
  for (let i = 0; i < lat.belowCap; i++) {
    const x = lat.index[i]! / L;
    const e = lat.prob[i]! * Math.exp(t * x);
    m += e;
    dm += e * x;
    ddm += e * x * x;
  }
  if (!Number.isFinite(k)) return { psi: -t + mu * (m - 1), slope: -1 + mu * dm, curve: mu * ddm };
  const u = (mu / k) * (m - 1);
  if (u >= 1) return { psi: Infinity, slope: Infinity, curve: Infinity };
  const w = 1 / (1 - u);
  return { psi: -t - k * Math.log1p(-u), slope: -1 + mu * dm * w, curve: mu * ddm * w + ((mu * mu) / k) * dm * dm * w * w };
}

/** Newton steps at most, once the minimum is bracketed or the slope turned positive. */
const CHERNOFF_STEPS = 30;

/**
 * Chernoff upper bounds on the byte tail, in microseconds instead of a recursion:
 *   P(B ≥ cap) ≤ P(a record reaches the cap alone) + min_θ e^(−θ·cap)·PGF_X(M(θ)),
 * M(θ) = Σ s(i)·e^(θ·i·h) over the records below the cap, and E[(B − cap)+] ≤ E[e^(θ(B − cap))]/(e·θ)
 * at the same θ, plus the bound of directTail for records at or above the cap. Any θ gives a bound;
 * the search for the best one is Newton's method on ln(ψ′ + 1), safeguarded by a bracket: 4–16
 * passes over the sizes (clickstream's 45 bounds: 528 passes, 905 with the bracketing search before),
 * checked against a scan of 20,000 θ in test/risk/chernoff.test.ts.
 */
export function byteTailBound(lat: SizeLattice, mu: number, k: number): ByteTail {
  if (!(mu > 0)) return { over: 0, excessBytes: 0 };
  // Memoised like the exact tails: a size run asks at the same means two to fifteen times.
  const key = `b|${lat.id}|${mu}|${k}`;
  const hit = tails.get(key);
  if (hit) return hit;
  return remember(key, searchBound(lat, mu, k));
}

function searchBound(lat: SizeLattice, mu: number, k: number): ByteTail {
  const L = lat.capIndex;
  // ψ′ rises from ψ′(0) = μ·E[S]/cap − 1 (below 0 where a bound can help) and is convex, so Newton's
  // method (on ln(ψ′ + 1), below), from t = 0, steps past the root once and then comes down onto it
  // quadratically: a few passes over the sizes where a bracketing search took ~20. A step that leaves the bracket
  // [lo, hi] (slope < 0 at lo, > 0 at hi) or lands where the PGF diverges is a bisection instead;
  // hi is the largest t tried (CHERNOFF_MAX_T) until a slope above 0 is seen. Stops once ψ is within
  // 1e-9 of its minimum, or t within 1e-6.
  let best = { t: 0, psi: 0 };
  let at = chernoffLog(lat, mu, k, 0);
  if (at.slope < 0) {
    let lo = 0;
    let hi = CHERNOFF_MAX_T;
    let hiKnown = false;
    let t = 0;
    for (let step = 0; step < CHERNOFF_STEPS; step++) {
      // Newton on g = ln(ψ′ + 1), not on ψ′: g is convex too but nearly linear in t (ψ′ + 1 is a
      // sum of exponentials in t), where ψ′ is exponential and a step from far above the root
      // comes down only by about cap ÷ the largest record each time.
      let next = t - (Math.log1p(at.slope) * (1 + at.slope)) / at.curve;
      if (!(next > lo && next < hi)) next = hiKnown ? (lo + hi) / 2 : Math.min(CHERNOFF_MAX_T, Math.max(2 * t, 1));
      if (next === t) break;
      const m = chernoffLog(lat, mu, k, next);
      if (m.psi < best.psi) best = { t: next, psi: m.psi };
      const moved = Math.abs(next - t);
      if (m.slope < 0) lo = next;
      else {
        hi = next;
        hiKnown = true;
      }
      // Where the PGF diverged (the root is below), stay: the next step bisects towards it.
      if (Number.isFinite(m.slope) && Number.isFinite(m.curve) && m.curve > 0) {
        t = next;
        at = m;
      }
      // Near the minimum ψ lies ψ′²/(2ψ″) above it: under 1e-9, the bound is within 1e-9 of its best.
      if (at === m && m.slope * m.slope <= 2e-9 * m.curve) break;
      if (moved <= 1e-6 * next || hi - lo <= 1e-6 * hi) break;
      if (!(lo < CHERNOFF_MAX_T)) break;
    }
  }
  const t = best.t;
  const bestPsi = best.psi;
  const cap = L * lat.step;
  const big = anyBigRecord(lat, mu, k);
  const small = Math.exp(bestPsi);
  return { over: Math.min(1, big + small), excessBytes: t > 0 ? (small * cap) / (Math.E * t) + bigRecordExcess(lat, mu, k) : mu * lat.meanBytes };
}
