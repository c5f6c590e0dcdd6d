// Tier 1 throttle risk (docs/model.md, "Per-second throttle"): the chance that one shard throttles in
// one second. KDS enforces 1,000 records/s and 1 MiB/s per shard, per second, independently
// (https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html); with a strict 1 s
// bucket each second is judged on its own, so
//   P(throttle) = P(X > recordsCap ∪ bytes > bytesCap),  X ~ NegBin(μ, k)  (Poisson if k = ∞).
// The byte tail is exact for the profile's record sizes (compound.ts: Panjer's recursion on a
// lattice); fixed sizes reduce to count tails. Callers without a size law get bytes given X = x as
// Normal(x·m, x·σ²), summed where the pmf is above 1e-20 and P(bytes > cap | x) is between
// Q(8.5) ≈ 1e-17 and 1 − 1e-17 (outside that window terms are exactly 0 or 1 times the pmf).

import { normalExcess, normalPdf, normalSf } from '../../math/special.js';
import { negBinExcess, negBinLogPmf, negBinMode, negBinSf, negBinSfAndExcess } from './tails.js';
import { anyBigRecord, byteTailBound, compoundByteTail, sizeLattice, type RecordSizeLaw, type SizeLattice } from './compound.js';
import { interpolatedByteTail } from './tail-grid.js';

/** One shard, one second. */
export interface SecondThrottleInput {
  /** Mean records per second arriving at this shard. */
  meanRecordsPerSecond: number;
  /** Records the shard accepts in one second (1,000 × bucket depth). */
  recordsCap: number;
  /** Mean bytes per record, partition key included. */
  bytesPerRecordMean: number;
  /** Standard deviation of bytes per record (0 = fixed size). */
  bytesPerRecordSd: number;
  /** Bytes the shard accepts in one second (1 MiB × bucket depth). */
  bytesCap: number;
  /** Negative-binomial shape k (variance μ + μ²/k); Infinity = Poisson. */
  dispersion: number;
  /**
   * The record-size law (partition key included). Given, the byte tail is exact (compound.ts);
   * absent, the bytes of x records are taken as Normal(x·m, x·σ²).
   */
  recordSizes?: RecordSizeLaw;
  /**
   * Take the byte tail from exact values 2% apart in μ (tail-grid.ts: ≤ 0.2% high, never low) instead
   * of a recursion at this μ: for callers that ask at hundreds of means.
   */
  interpolateByteTail?: boolean;
  /** Perfectly steady arrivals (burstiness `none`): exactly μ records every second. */
  steady?: boolean;
  /**
   * Compute expectedThrottledRecords (default true). Searches that need only the probability turn
   * it off: far above the caps its sum runs over the whole width of the distribution.
   */
  expectedRecords?: boolean;
}

/** Throttle probability of one shard-second and its parts. */
export interface SecondThrottleResult {
  /** P(records > cap or bytes > cap). */
  probability: number;
  /** P(records > cap) (whatever the bytes). */
  recordsLimit: number;
  /** P(bytes > cap) (whatever the records). */
  bytesLimit: number;
  /** P(records > cap and bytes ≤ cap). */
  recordsOnly: number;
  /** P(bytes > cap and records ≤ cap). */
  bytesOnly: number;
  /** P(both limits exceeded). */
  both: number;
  /** E[records beyond what both limits allow] in one second; NaN when not asked for. */
  expectedThrottledRecords: number;
}

/** P(Z > 8.5) ≈ 9.5e-18: beyond this the conditional byte tail is 0 or 1 to double precision. */
const Z_EDGE = 8.5;
/** Terms whose pmf is below this are dropped from the windowed sums. */
const PMF_CUT = 1e-20;
const LOG_PMF_CUT = Math.log(PMF_CUT);
/** Block length for the slowly varying byte-excess sum above the records cap. */
const EXCESS_BLOCK = 16;

function validate(i: SecondThrottleInput): void {
  const bad = (name: string, v: number): never => {
    throw new RangeError(`${name} is invalid: ${v}`);
  };
  if (!(i.meanRecordsPerSecond >= 0) || !Number.isFinite(i.meanRecordsPerSecond)) bad('meanRecordsPerSecond', i.meanRecordsPerSecond);
  if (!(i.recordsCap >= 0)) bad('recordsCap', i.recordsCap);
  if (!(i.bytesCap >= 0)) bad('bytesCap', i.bytesCap);
  if (!(i.bytesPerRecordMean >= 0) || !Number.isFinite(i.bytesPerRecordMean)) bad('bytesPerRecordMean', i.bytesPerRecordMean);
  if (!(i.bytesPerRecordSd >= 0) || !Number.isFinite(i.bytesPerRecordSd)) bad('bytesPerRecordSd', i.bytesPerRecordSd);
  if (!(i.dispersion > 0)) bad('dispersion', i.dispersion);
}

/**
 * P(bytes > cap | X = x) and E[(B − cap)+ | X = x] depend on the record sizes and the cap, not on
 * the mean: every call with the same sizes (a profile's sizing search, its 24 hours, a sweep over
 * traffic) reads them from one table over the window [xLo, xHi) instead of recomputing erfc per x.
 */
interface ByteTable {
  xLo: number;
  /** P(bytes > cap | x) at index x − xLo; NaN until computed. */
  over: Float64Array;
  /** E[(B − cap)+ | x] at index x − xLo. */
  excess: Float64Array;
}

/**
 * Windows wider than this are computed per x without a table (tiny records with a huge spread).
 * With at most TABLE_CACHE_MAX tables kept, the cache stays under 4 MB even when a sweep varies the
 * record size at every point.
 */
const TABLE_MAX = 1 << 14;
const TABLE_CACHE_MAX = 16;
const tables = new Map<string, ByteTable>();

function byteTable(m: number, sigma: number, bCap: number, xLo: number, xHi: number): ByteTable | undefined {
  const width = xHi - xLo;
  if (!(width > 0) || width > TABLE_MAX) return undefined;
  const key = `${m}|${sigma}|${bCap}`;
  let t = tables.get(key);
  if (!t) {
    if (tables.size >= TABLE_CACHE_MAX) tables.clear();
    t = { xLo, over: new Float64Array(width).fill(Number.NaN), excess: new Float64Array(width) };
    tables.set(key, t);
  }
  return t;
}

/** Fills entry i (x = xLo + i) of a table: one erfc serves both the tail and the excess. */
function fillByteEntry(t: ByteTable, i: number, m: number, sigma: number, bCap: number): void {
  const x = t.xLo + i;
  const sd = sigma * Math.sqrt(x);
  const meanB = x * m;
  const d = (bCap - meanB) / sd;
  const q = normalSf(d);
  t.over[i] = q;
  // normalExcess(meanB, sd, bCap) with its Q(d) reused; |d| ≤ 8.5 inside the window.
  t.excess[i] = sd * normalPdf(d) - (bCap - meanB) * q;
}

/** Smallest x in [lo, hi] (pmf increasing on it) with log pmf ≥ LOG_PMF_CUT, or hi + 1 if none. */
function firstNonNegligible(lo: number, hi: number, mu: number, k: number): number {
  if (negBinLogPmf(lo, mu, k) >= LOG_PMF_CUT) return lo;
  if (negBinLogPmf(hi, mu, k) < LOG_PMF_CUT) return hi + 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (negBinLogPmf(mid, mu, k) >= LOG_PMF_CUT) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Records tail of one second: P(X > rc) and E[(X − rc)+] (NaN when not asked for). */
interface RecordsTail {
  sf: number;
  excess: number;
}

function recordsTail(rc: number, mu: number, k: number, wantExcess: boolean): RecordsTail {
  return wantExcess ? negBinSfAndExcess(rc, mu, k) : { sf: negBinSf(rc, mu, k), excess: Number.NaN };
}

/** The result's parts from P(records over), P(both over), P(bytes over, records not). */
function assemble(recordsLimit: number, both: number, bytesOnly: number, expectedThrottledRecords: number): SecondThrottleResult {
  return {
    probability: Math.min(1, recordsLimit + bytesOnly),
    recordsLimit,
    bytesLimit: Math.min(1, bytesOnly + both),
    recordsOnly: Math.max(0, recordsLimit - both),
    bytesOnly,
    both,
    expectedThrottledRecords,
  };
}

/**
 * Steady arrivals: exactly μ records every second, each of the mean size. With a fixed size the
 * byte cap admits ⌊cap ÷ size⌋ whole records.
 */
function steadySecond(i: SecondThrottleInput): SecondThrottleResult {
  const mu = i.meanRecordsPerSecond;
  const m = i.bytesPerRecordMean;
  const rOver = mu > i.recordsCap;
  const bOver = mu * m > i.bytesCap;
  const fit = m > 0 ? (i.bytesPerRecordSd === 0 ? Math.floor(i.bytesCap / m) : i.bytesCap / m) : Infinity;
  const allowed = Math.min(i.recordsCap, fit);
  return {
    probability: rOver || bOver ? 1 : 0,
    recordsLimit: rOver ? 1 : 0,
    bytesLimit: bOver ? 1 : 0,
    recordsOnly: rOver && !bOver ? 1 : 0,
    bytesOnly: bOver && !rOver ? 1 : 0,
    both: rOver && bOver ? 1 : 0,
    expectedThrottledRecords: Math.max(0, mu - allowed),
  };
}

/**
 * Far above every cap the shard throttles every second: the answer at once instead of a sum over a
 * window as wide as the distribution. Undefined unless the count is above the records cap, and above
 * the count whose bytes pass the byte cap by 12 sd, in all but 1e-15 of seconds, ≥ 100× the caps
 * (where E[(X − allowed)+] = μ − allowed to within 1%).
 */
function farAboveCaps(i: SecondThrottleInput): SecondThrottleResult | undefined {
  const mu = i.meanRecordsPerSecond;
  const m = i.bytesPerRecordMean;
  const k = i.dispersion;
  const countSd = Math.sqrt(mu + (Number.isFinite(k) ? (mu * mu) / k : 0));
  const allowedRecords = Math.min(i.recordsCap, m > 0 ? i.bytesCap / m : Infinity);
  const certain = 1 - 1e-15;
  if (!(mu > 100 * allowedRecords && mu - allowedRecords > 4 * countSd)) return undefined;
  if (negBinSf(Math.floor(i.recordsCap), mu, k) < certain) return undefined;
  const bytesCount = m > 0 ? i.bytesCap / m : Infinity;
  if (!(m > 0 && negBinSf(Math.ceil(bytesCount + (12 * i.bytesPerRecordSd * Math.sqrt(bytesCount)) / m), mu, k) >= certain)) return undefined;
  return { probability: 1, recordsLimit: 1, bytesLimit: 1, recordsOnly: 0, bytesOnly: 0, both: 1, expectedThrottledRecords: mu - allowedRecords };
}

/**
 * Fixed record size m: the byte cap admits n_b = ⌊cap ÷ m⌋ whole records, so every part is a count
 * tail: P(X > n_b), P(X > max(rc, n_b)), and E[(X − min(rc, n_b))+] throttled records.
 */
function fixedSizeSecond(i: SecondThrottleInput, rc: number, records: RecordsTail, wantRecords: boolean): SecondThrottleResult {
  const mu = i.meanRecordsPerSecond;
  const k = i.dispersion;
  const nb = Math.floor(i.bytesCap / i.bytesPerRecordMean);
  const bytesLimit = negBinSf(nb, mu, k);
  const both = nb >= rc ? bytesLimit : records.sf;
  const throttled = wantRecords ? (nb >= rc ? records.excess : negBinExcess(nb, mu, k)) : Number.NaN;
  return assemble(records.sf, both, Math.max(0, bytesLimit - both), throttled);
}

/**
 * Window of counts x where P(bytes > cap | x) is strictly between ~0 and ~1 under the Normal
 * approximation: m·x ± Z·σ·√x = cap. Below xLo the tail is < Q(8.5); at or above xHi it is > 1 − Q(8.5).
 */
function byteWindow(m: number, sigma: number, bCap: number): { xLo: number; xHi: number } {
  const disc = Math.sqrt(Z_EDGE * Z_EDGE * sigma * sigma + 4 * m * bCap);
  const uLo = (-Z_EDGE * sigma + disc) / (2 * m);
  const uHi = (Z_EDGE * sigma + disc) / (2 * m);
  return { xLo: Math.max(1, Math.floor(uLo * uLo)), xHi: Math.ceil(uHi * uHi) };
}

/** normalAt's answer, reused: the sums call it once per x and an object per call was their cost. */
const at = { over: 0, excess: 0 };

/** Normal P(bytes > cap | x) and E[(B − cap)+ | x], from the table when it covers x (read before the next call). */
function normalAt(t: ByteTable | undefined, x: number, xLo: number, m: number, sigma: number, bCap: number): { over: number; excess: number } {
  const i = x - xLo;
  if (t && i >= 0) {
    if (Number.isNaN(t.over[i])) fillByteEntry(t, i, m, sigma, bCap);
    at.over = t.over[i]!;
    at.excess = t.excess[i]!;
    return at;
  }
  const sd = sigma * Math.sqrt(x);
  const meanB = x * m;
  at.over = normalSf((bCap - meanB) / sd);
  at.excess = normalExcess(meanB, sd, bCap);
  return at;
}

/** Steps the pmf from x to x + 1. */
function nextPmf(pmf: number, x: number, mu: number, k: number): number {
  return Number.isFinite(k) ? (pmf * ((x + k) * (mu / (k + mu)))) / (x + 1) : (pmf * mu) / (x + 1);
}

/** Normal path, x ≤ rc: Σ pmf(x)·P(bytes > cap | x) and the byte excess in records, E[(B − cap)+/m ; X ≤ rc]. */
function normalBelowRecordsCap(i: SecondThrottleInput, rc: number, win: { xLo: number; xHi: number }, table: ByteTable | undefined): { bytesOnly: number; excess: number } {
  const { meanRecordsPerSecond: mu, dispersion: k, bytesPerRecordMean: m, bytesPerRecordSd: sigma, bytesCap: bCap } = i;
  let bytesOnly = 0;
  let excess = 0;
  if (win.xLo > rc) return { bytesOnly, excess };
  const mode = negBinMode(mu, k);
  const start = firstNonNegligible(win.xLo, Math.min(rc, Math.max(win.xLo, mode)), mu, k);
  if (start > rc) return { bytesOnly, excess };
  let pmf = Math.exp(negBinLogPmf(start, mu, k));
  for (let x = start; x <= rc; x++) {
    if (x >= win.xHi) {
      // Bytes surely over the cap: the rest of [xHi, rc] adds its whole pmf (and a linear excess).
      bytesOnly += pmf;
      excess += pmf * Math.max(0, x - bCap / m);
    } else {
      const b = normalAt(table, x, win.xLo, m, sigma, bCap);
      bytesOnly += pmf * b.over;
      excess += (pmf * b.excess) / m;
    }
    if (x > mode && pmf < PMF_CUT) break;
    pmf = nextPmf(pmf, x, mu, k);
  }
  return { bytesOnly, excess };
}

/** Normal path, x > rc: P(records and bytes both over) = Σ_{x > rc} pmf(x)·P(bytes > cap | x). */
function normalBothOver(i: SecondThrottleInput, rc: number, win: { xLo: number; xHi: number }, table: ByteTable | undefined, recordsLimit: number): number {
  const { meanRecordsPerSecond: mu, dispersion: k, bytesPerRecordMean: m, bytesPerRecordSd: sigma, bytesCap: bCap } = i;
  if (win.xHi <= rc + 1) return recordsLimit;
  let both = negBinSf(win.xHi - 1, mu, k); // Σ_{x ≥ xHi} pmf
  const first = Math.max(rc + 1, win.xLo);
  const mode = negBinMode(mu, k);
  if (first < win.xHi) {
    const s = mode > first ? firstNonNegligible(first, Math.min(win.xHi - 1, mode), mu, k) : first;
    let pmf = s < win.xHi ? Math.exp(negBinLogPmf(s, mu, k)) : 0;
    for (let x = s; x < win.xHi; x++) {
      both += pmf * normalAt(table, x, win.xLo, m, sigma, bCap).over;
      if (x > mode && pmf < PMF_CUT) break;
      pmf = nextPmf(pmf, x, mu, k);
    }
  }
  return Math.min(both, recordsLimit);
}

/**
 * Normal path, x > rc: E[(B − cap − m(x − rc))+]/m, the throttled records beyond x − rc. The
 * difference B − cap − m(x − rc) ~ Normal(D, xσ²) with D = m·rc − cap independent of x, and the
 * excess varies like √x, slowly: the pmf is summed in blocks of EXCESS_BLOCK and the normal excess
 * evaluated once per block at its pmf-weighted centre (relative error ~ (block/x)²).
 */
function normalExtraAboveRecordsCap(i: SecondThrottleInput, rc: number, recordsLimit: number): number {
  const { meanRecordsPerSecond: mu, dispersion: k, bytesPerRecordMean: m, bytesPerRecordSd: sigma, bytesCap: bCap } = i;
  const D = m * rc - bCap;
  const sdX = Math.sqrt(mu + (Number.isFinite(k) ? (mu * mu) / k : 0));
  const xTop = Math.max(rc + 1, Math.ceil(mu + 40 * sdX + 50));
  const edge = Z_EDGE * sigma * Math.sqrt(xTop);
  if (D >= edge) return (D / m) * recordsLimit;
  if (D <= -edge) return 0;
  const mode = negBinMode(mu, k);
  const s = mode > rc + 1 ? firstNonNegligible(rc + 1, mode, mu, k) : rc + 1;
  let pmf = Math.exp(negBinLogPmf(s, mu, k));
  let extra = 0;
  let blockMass = 0;
  let blockX = 0;
  let n = 0;
  for (let x = s; ; x++) {
    blockMass += pmf;
    blockX += pmf * x;
    const done = (x > mode && pmf < PMF_CUT) || pmf === 0;
    if (++n === EXCESS_BLOCK || done) {
      if (blockMass > 0) extra += (blockMass * normalExcess(D, sigma * Math.sqrt(blockX / blockMass), 0)) / m;
      blockMass = 0;
      blockX = 0;
      n = 0;
    }
    if (done) break;
    pmf = nextPmf(pmf, x, mu, k);
  }
  return extra;
}

/** Bytes Normal given the count (central limit over the record sizes): for callers without a size law. */
function normalSecond(i: SecondThrottleInput, rc: number, records: RecordsTail, wantRecords: boolean): SecondThrottleResult {
  const win = byteWindow(i.bytesPerRecordMean, i.bytesPerRecordSd, i.bytesCap);
  const table = byteTable(i.bytesPerRecordMean, i.bytesPerRecordSd, i.bytesCap, win.xLo, win.xHi);
  const low = normalBelowRecordsCap(i, rc, win, table);
  const both = normalBothOver(i, rc, win, table, records.sf);
  const extraHigh = wantRecords && records.sf > 0 ? normalExtraAboveRecordsCap(i, rc, records.sf) : 0;
  return assemble(records.sf, both, low.bytesOnly, records.excess + low.excess + extraHigh);
}

/**
 * A byte-tail bound below this share of the records tail is used as the byte tail: it moves the
 * throttle probability by at most a millionth, and sizing's μ* by far less; the recursion it saves
 * is the costly kind (a tail under 1e-11, summed term by term).
 */
const BOUND_ENOUGH = 1e-6;

/** Below this ratio P(records over) ÷ P(bytes over), the overlap of the two limits is not summed. */
const JOINT_NEGLIGIBLE = 1e-9;

/**
 * The overlap of the two limits under the Normal approximation of the bytes given x > rc: the
 * seconds over both caps, and E[(B − cap)+/m ; X > rc] (the table inside the byte window, the linear
 * excess x − cap/m above it). Right-skewed sizes make the approximation put too little weight on the
 * overlap, so the union built from it errs high.
 */
function normalOverlap(i: SecondThrottleInput, rc: number, wantRecords: boolean): { both: number; byteExcess: number } {
  const { meanRecordsPerSecond: mu, dispersion: k, bytesPerRecordMean: m, bytesPerRecordSd: sigma, bytesCap: bCap } = i;
  const win = byteWindow(m, sigma, bCap);
  const table = byteTable(m, sigma, bCap, win.xLo, win.xHi);
  const mode = negBinMode(mu, k);
  const first = Math.max(rc + 1, win.xLo);
  let both = 0;
  let byteExcess = 0;
  if (first < win.xHi) {
    const s = mode > first ? firstNonNegligible(first, Math.min(win.xHi - 1, mode), mu, k) : first;
    let pmf = s < win.xHi ? Math.exp(negBinLogPmf(s, mu, k)) : 0;
    for (let x = s; x < win.xHi; x++) {
      const b = normalAt(table, x, win.xLo, m, sigma, bCap);
      both += pmf * b.over;
      byteExcess += (pmf * b.excess) / m;
      if (x > mode && pmf < PMF_CUT) break;
      pmf = nextPmf(pmf, x, mu, k);
    }
  }
  const from = Math.max(win.xHi, rc + 1) - 1; // x > from: bytes surely over
  const tail = wantRecords ? negBinSfAndExcess(from, mu, k) : { sf: negBinSf(from, mu, k), excess: 0 };
  both += tail.sf;
  if (wantRecords) byteExcess += tail.excess + (from - bCap / m) * tail.sf;
  return { both, byteExcess };
}

/**
 * A per-second throttle probability at or below this is negligible whatever it is: over a year of
 * seconds it adds under 1e-10. Where the Chernoff bound on the byte tail is this small, the bound is
 * the answer (so such figures are upper bounds), and the attribution counts such risks as this.
 */
export const NEGLIGIBLE_SECOND_RISK = 1e-18;

/** The largest byte tail the Chernoff bound may stand in for, given the records tail. */
function boundEnough(recordsSf: number): number {
  return Math.max(BOUND_ENOUGH * recordsSf, NEGLIGIBLE_SECOND_RISK);
}

/**
 * Whether the Chernoff bound might settle the byte tail, by a normal guess at that tail: the records
 * limit looks a thousand times likelier, or the bytes are far below their cap (a quiet hour). Only
 * then is the bound tried; it costs a few hundred exponentials, the recursion a few hundred thousand
 * multiplications.
 */
function boundMaySettle(i: SecondThrottleInput, recordsSf: number, lat: SizeLattice): boolean {
  const { meanRecordsPerSecond: mu, dispersion: k, bytesPerRecordMean: m, bytesPerRecordSd: sigma, bytesCap: bCap } = i;
  // The bound is at least the chance that one record reaches the cap alone: past what it may be to
  // settle the tail, it cannot (fastapi-logs' quiet hours: 18 bounds a run, all refused).
  if (anyBigRecord(lat, mu, k) > boundEnough(recordsSf)) return false;
  const varCount = mu + (Number.isFinite(k) ? (mu * mu) / k : 0);
  const sd = Math.sqrt(mu * sigma * sigma + m * m * varCount);
  const guess = normalSf((bCap - mu * m) / sd);
  return guess < 1e-6 || recordsSf > 1e3 * guess;
}

/**
 * Exact byte tail (compound.ts) joined with the records limit:
 *   P(throttle) = P(X > rc) + P(B ≥ cap) − P(both),
 *   throttled records = E[max((X − rc)+, (B − cap)+/m)] = E[(X − rc)+] + E[(B − cap)+]/m − E[min(…)].
 */
function compoundSecond(i: SecondThrottleInput, law: RecordSizeLaw, rc: number, records: RecordsTail, wantRecords: boolean): SecondThrottleResult {
  // Over the records cap in all but 1e-12 of seconds: the bytes cannot move the probability.
  if (!wantRecords && records.sf >= 1 - 1e-12) return assemble(records.sf, records.sf, 1 - records.sf, Number.NaN);
  const lat = sizeLattice(law, i.bytesCap);
  // Bytes far less likely than records to throttle (small records near the records cap), or
  // negligible outright: the bound settles it, high by at most BOUND_ENOUGH of the records tail or
  // by NEGLIGIBLE_SECOND_RISK.
  const bound = boundMaySettle(i, records.sf, lat) ? byteTailBound(lat, i.meanRecordsPerSecond, i.dispersion) : undefined;
  const tail =
    bound && bound.over <= boundEnough(records.sf) ? bound : (i.interpolateByteTail ? interpolatedByteTail : compoundByteTail)(lat, i.meanRecordsPerSecond, i.dispersion);
  const m = i.bytesPerRecordMean;
  // Records tail ≤ 1e-9 of the byte tail: count its seconds as over both (exact when no 1,001
  // records fit the byte cap; off by at most that 1e-9 otherwise).
  let both = Math.min(records.sf, tail.over);
  let minExcess = 0;
  if (records.sf > JOINT_NEGLIGIBLE * tail.over) {
    const o = normalOverlap(i, rc, wantRecords);
    both = Math.min(o.both, records.sf, tail.over);
    // E[min(U, V) ; X > rc] = E[V ; X > rc] − E[(V − U)+ ; X > rc]
    if (wantRecords) minExcess = Math.max(0, o.byteExcess - normalExtraAboveRecordsCap(i, rc, records.sf));
  }
  const throttled = wantRecords ? Math.max(records.excess, tail.excessBytes / m, records.excess + tail.excessBytes / m - minExcess) : Number.NaN;
  return assemble(records.sf, both, Math.max(0, tail.over - both), throttled);
}

/**
 * Probability that one shard throttles in one second (records or bytes), with its parts: the
 * special cases (steady, far above the caps, no bytes, fixed sizes), then the exact byte tail when
 * the record-size law is given, else the Normal approximation of the bytes given the count.
 */
export function secondThrottleProbability(input: SecondThrottleInput): SecondThrottleResult {
  validate(input);
  if (input.steady) return steadySecond(input);
  const far = farAboveCaps(input);
  if (far) return far;
  const mu = input.meanRecordsPerSecond;
  const rc = Math.floor(input.recordsCap);
  const wantRecords = input.expectedRecords !== false;
  const records = recordsTail(rc, mu, input.dispersion, wantRecords);
  if (mu === 0 || input.bytesPerRecordMean === 0) return assemble(records.sf, 0, 0, records.excess);
  if (input.bytesPerRecordSd === 0) return fixedSizeSecond(input, rc, records, wantRecords);
  if (input.recordSizes) return compoundSecond(input, input.recordSizes, rc, records, wantRecords);
  return normalSecond(input, rc, records, wantRecords);
}

/** Record-size, cap and burstiness settings shared by the multi-shard functions. */
export type ShardSecondSettings = Omit<SecondThrottleInput, 'meanRecordsPerSecond'>;

/** Tier 1 risk at one load level across shards. */
export interface PeakThrottle {
  /** Mean over shards of P(throttle): the expected share of shard-seconds throttled. */
  fraction: number;
  /** P(throttle) on the hottest shard. */
  hottest: number;
  /** Σ over shards of the expected throttled records per second. */
  expectedThrottledRecordsPerSecond: number;
  /** P(throttle) per shard, in input order. */
  perShard: Float64Array;
}

/** Calls secondThrottleProbability once per distinct mean (equal-weight shards share one call). */
function makeEvaluator(settings: ShardSecondSettings): (mu: number) => SecondThrottleResult {
  const memo = new Map<number, SecondThrottleResult>();
  return (mu: number) => {
    let r = memo.get(mu);
    if (!r) {
      r = secondThrottleProbability({ ...settings, meanRecordsPerSecond: mu });
      memo.set(mu, r);
    }
    return r;
  };
}

/** Throttled shard-second share at peak: per-shard P(throttle) averaged over shards, plus the hottest. */
export function throttledFractionAtPeak(input: ShardSecondSettings & { shardMeans: ArrayLike<number> }): PeakThrottle {
  const { shardMeans, ...settings } = input;
  const n = shardMeans.length;
  if (n === 0) throw new RangeError('shardMeans is empty');
  const evalAt = makeEvaluator(settings);
  const perShard = new Float64Array(n);
  let sum = 0;
  let exp = 0;
  let hotMean = -1;
  let hottest = 0;
  for (let j = 0; j < n; j++) {
    const mu = shardMeans[j]!;
    const r = evalAt(mu);
    perShard[j] = r.probability;
    sum += r.probability;
    exp += r.expectedThrottledRecords;
    if (mu > hotMean) {
      hotMean = mu;
      hottest = r.probability;
    }
  }
  return { fraction: sum / n, hottest, expectedThrottledRecordsPerSecond: exp, perShard };
}

/** Tier 1 risk over a day of hourly shard means. */
export interface DailyRisk {
  /** Mean P(throttle) over all shard-seconds of the day. */
  throttledShardSecondFraction: number;
  /** Mean P(throttle) over the shard-seconds of the busiest hour (largest total mean). */
  peakHourFraction: number;
  /** Index (0–23) of that hour. */
  peakHour: number;
  /** P(at least one throttled shard-second in the day) = 1 − Π(1 − p) over shard-seconds. */
  pAnyThrottle: number;
  /** Expected throttled shard-seconds in the day. */
  expectedThrottledShardSecondsPerDay: number;
  /** Expected throttled records in the day. */
  expectedThrottledRecordsPerDay: number;
  /** Expected producer retries in the day: one per throttled record (retries' own throttles ignored). */
  expectedRetriesPerDay: number;
}

/**
 * Day-level Tier 1 risk from 24 rows of per-shard mean records/s (rate constant within each hour).
 * Seconds and shards are treated as independent, as with a 1 s bucket and no carry-over.
 */
export function dailyRisk(input: ShardSecondSettings & { hourlyShardMeans: readonly ArrayLike<number>[] }): DailyRisk {
  const { hourlyShardMeans, ...settings } = input;
  if (hourlyShardMeans.length !== 24) throw new RangeError(`hourlyShardMeans needs 24 rows, got ${hourlyShardMeans.length}`);
  const evalAt = makeEvaluator(settings);
  let logNone = 0;
  let pSum = 0;
  let cells = 0;
  let recs = 0;
  let peakHour = 0;
  let peakLoad = -1;
  let peakFraction = 0;
  for (let h = 0; h < 24; h++) {
    const row = hourlyShardMeans[h]!;
    let load = 0;
    let rowP = 0;
    for (let j = 0; j < row.length; j++) {
      const mu = row[j]!;
      const r = evalAt(mu);
      load += mu;
      rowP += r.probability;
      recs += 3600 * r.expectedThrottledRecords;
      logNone += 3600 * Math.log1p(-Math.min(r.probability, 1));
    }
    pSum += rowP;
    cells += row.length;
    if (load > peakLoad) {
      peakLoad = load;
      peakHour = h;
      peakFraction = row.length ? rowP / row.length : 0;
    }
  }
  return {
    throttledShardSecondFraction: cells ? pSum / cells : 0,
    peakHourFraction: peakFraction,
    peakHour,
    pAnyThrottle: -Math.expm1(logNone),
    expectedThrottledShardSecondsPerDay: 3600 * pSum,
    expectedThrottledRecordsPerDay: recs,
    expectedRetriesPerDay: recs,
  };
}
