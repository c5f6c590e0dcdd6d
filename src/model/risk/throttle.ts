// Tier 1 throttle risk (docs/model.md, `throttle-rate`): the chance that one shard throttles in one second.
// KDS enforces 1,000 records/s and 1 MiB/s per shard, per second, independently
// (https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html); with a
// strict 1 s bucket each second is judged on its own, so
//   P(throttle) = P(X > recordsCap ∪ bytes > bytesCap),  X ~ NegBin(μ, k)  (Poisson if k = ∞).
// Bytes given X = x are taken as Normal(x·m, x·σ²) (central limit over i.i.d. record sizes; m and σ
// are the per-record mean and sd, partition key included). The sum over x runs where the pmf is
// above 1e-20 and where P(bytes > cap | x) is between Q(8.5) ≈ 1e-17 and 1 − 1e-17; outside that
// window terms are exactly 0 or 1 times the pmf and use the tail functions instead. With no carry-over
// this is exactly what the Monte Carlo (Tier 2) computes with depth 1 s and retries off.

import { normalExcess, normalPdf, normalSf } from '../../math/special.js';
import { negBinLogPmf, negBinMode, negBinSf, negBinSfAndExcess } from './tails.js';

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

/** Probability that one shard throttles in one second (records or bytes), with its parts. */
export function secondThrottleProbability(input: SecondThrottleInput): SecondThrottleResult {
  validate(input);
  const mu = input.meanRecordsPerSecond;
  const m = input.bytesPerRecordMean;
  const sigma = input.bytesPerRecordSd;
  const bCap = input.bytesCap;
  const k = input.dispersion;

  if (input.steady) {
    const rOver = mu > input.recordsCap;
    const bOver = mu * m > bCap;
    const allowed = Math.min(input.recordsCap, m > 0 ? bCap / m : Infinity);
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

  // Far above every cap the shard throttles every second: answer at once instead of summing a
  // window as wide as the distribution.
  const countSd = Math.sqrt(mu + (Number.isFinite(k) ? (mu * mu) / k : 0));
  const allowedRecords = Math.min(input.recordsCap, m > 0 ? bCap / m : Infinity);
  // Certain: the count is above the records cap, and above the count whose bytes pass the byte cap
  // by 12 sd, in all but 1e-15 of seconds.
  const certain = 1 - 1e-15;
  // Only far beyond the caps (≥ 100×), where E[(X − allowed)+] = μ − allowed to within 1%.
  const farFromMean = mu > 100 * allowedRecords && mu - allowedRecords > 4 * countSd;
  const recordsFar = farFromMean && negBinSf(Math.floor(input.recordsCap), mu, k) >= certain;
  const bytesCount = m > 0 ? bCap / m : Infinity;
  const bytesFar = recordsFar && m > 0 && negBinSf(Math.ceil(bytesCount + (12 * sigma * Math.sqrt(bytesCount)) / m), mu, k) >= certain;
  if (recordsFar && bytesFar) {
    return { probability: 1, recordsLimit: 1, bytesLimit: 1, recordsOnly: 0, bytesOnly: 0, both: 1, expectedThrottledRecords: mu - allowedRecords };
  }

  const rc = Math.floor(input.recordsCap);
  const wantRecords = input.expectedRecords !== false;
  const { sf: recordsLimit, excess: recordsExcess } = wantRecords ? negBinSfAndExcess(rc, mu, k) : { sf: negBinSf(rc, mu, k), excess: Number.NaN };
  if (mu === 0 || m === 0) {
    return {
      probability: recordsLimit,
      recordsLimit,
      bytesLimit: 0,
      recordsOnly: recordsLimit,
      bytesOnly: 0,
      both: 0,
      expectedThrottledRecords: recordsExcess,
    };
  }

  // Window of x where P(bytes > cap | x) is strictly between ~0 and ~1: solve m·x ± Z·σ·√x = cap.
  let xLo: number; // below: P(bytes > cap | x) < Q(8.5)
  let xHi: number; // at or above: P(bytes > cap | x) > 1 − Q(8.5)
  if (sigma > 0) {
    const disc = Math.sqrt(Z_EDGE * Z_EDGE * sigma * sigma + 4 * m * bCap);
    const uLo = (-Z_EDGE * sigma + disc) / (2 * m);
    const uHi = (Z_EDGE * sigma + disc) / (2 * m);
    xLo = Math.max(1, Math.floor(uLo * uLo));
    xHi = Math.ceil(uHi * uHi);
  } else {
    xLo = Math.floor(bCap / m) + 1; // first x with x·m > cap
    xHi = xLo;
  }

  const pois = !Number.isFinite(k);
  const pRatio = pois ? 0 : mu / (k + mu);
  const mode = negBinMode(mu, k);
  const table = sigma > 0 ? byteTable(m, sigma, bCap, xLo, xHi) : undefined;

  // Σ_{x ≤ rc} pmf(x)·P(bytes > cap | x) and the byte excess over the same x.
  let bytesOnly = 0;
  let bytesExcessLow = 0; // E[(B − cap)+ / m ; X ≤ rc]
  if (xLo <= rc) {
    const start = firstNonNegligible(xLo, Math.min(rc, Math.max(xLo, mode)), mu, k);
    if (start <= rc) {
      let pmf = Math.exp(negBinLogPmf(start, mu, k));
      for (let x = start; x <= rc; x++) {
        if (x >= xHi) {
          // Bytes surely over the cap: the rest of [xHi, rc] adds its whole pmf (and a linear excess).
          bytesOnly += pmf;
          bytesExcessLow += pmf * Math.max(0, x - bCap / m);
        } else {
          const i = x - xLo;
          if (table && i >= 0) {
            if (Number.isNaN(table.over[i])) fillByteEntry(table, i, m, sigma, bCap);
            bytesOnly += pmf * table.over[i]!;
            bytesExcessLow += (pmf * table.excess[i]!) / m;
          } else {
            const sd = sigma * Math.sqrt(x);
            const meanB = x * m;
            bytesOnly += pmf * (sd > 0 ? normalSf((bCap - meanB) / sd) : meanB > bCap ? 1 : 0);
            bytesExcessLow += (pmf * normalExcess(meanB, sd, bCap)) / m;
          }
        }
        if (x > mode && pmf < PMF_CUT) break;
        pmf *= pois ? mu / (x + 1) : ((x + k) * pRatio) / (x + 1);
      }
    }
  }

  // x > rc: the records limit already throttles. "both" needs P(bytes > cap | x) on (rc, xHi).
  let both = 0;
  const bothStart = rc + 1;
  if (xHi <= bothStart) {
    both = recordsLimit;
  } else {
    const tailFrom = xHi - 1; // Σ_{x ≥ xHi} pmf = P(X > xHi − 1)
    both = negBinSf(tailFrom, mu, k);
    const first = Math.max(bothStart, xLo);
    if (first < xHi) {
      const s = mode > first ? firstNonNegligible(first, Math.min(xHi - 1, mode), mu, k) : first;
      if (s < xHi) {
        let pmf = Math.exp(negBinLogPmf(s, mu, k));
        for (let x = s; x < xHi; x++) {
          const i = x - xLo;
          if (table && i >= 0) {
            if (Number.isNaN(table.over[i])) fillByteEntry(table, i, m, sigma, bCap);
            both += pmf * table.over[i]!;
          } else {
            const sd = sigma * Math.sqrt(x);
            both += pmf * (sd > 0 ? normalSf((bCap - x * m) / sd) : x * m > bCap ? 1 : 0);
          }
          if (x > mode && pmf < PMF_CUT) break;
          pmf *= pois ? mu / (x + 1) : ((x + k) * pRatio) / (x + 1);
        }
      }
    }
  }
  both = Math.min(both, recordsLimit);

  // Throttled records when X = x > rc: (x − rc) + E[(B − cap − m(x − rc))+]/m, and
  // B − cap − m(x − rc) ~ Normal(D, xσ²) with D = m·rc − cap independent of x.
  const D = m * rc - bCap;
  let extraHigh = 0;
  if (wantRecords && recordsLimit > 0) {
    if (sigma === 0) {
      extraHigh = D > 0 ? (D / m) * recordsLimit : 0;
    } else {
      // Find the x where the pmf fades, to bound σ√x.
      const sdX = Math.sqrt(mu + (pois ? 0 : (mu * mu) / k));
      const xTop = Math.max(rc + 1, Math.ceil(mu + 40 * sdX + 50));
      const edge = Z_EDGE * sigma * Math.sqrt(xTop);
      if (D >= edge) extraHigh = (D / m) * recordsLimit;
      else if (D > -edge) {
        // The excess varies like √x, slowly: sum the pmf in blocks of EXCESS_BLOCK and evaluate the
        // normal excess once per block at its pmf-weighted centre (relative error ~ (block/x)²).
        const s = mode > rc + 1 ? firstNonNegligible(rc + 1, mode, mu, k) : rc + 1;
        let pmf = Math.exp(negBinLogPmf(s, mu, k));
        let blockMass = 0;
        let blockX = 0;
        let n = 0;
        for (let x = s; ; x++) {
          blockMass += pmf;
          blockX += pmf * x;
          const done = (x > mode && pmf < PMF_CUT) || pmf === 0;
          if (++n === EXCESS_BLOCK || done) {
            if (blockMass > 0) extraHigh += (blockMass * normalExcess(D, sigma * Math.sqrt(blockX / blockMass), 0)) / m;
            blockMass = 0;
            blockX = 0;
            n = 0;
          }
          if (done) break;
          pmf *= pois ? mu / (x + 1) : ((x + k) * pRatio) / (x + 1);
        }
      }
    }
  }

  const probability = Math.min(1, recordsLimit + bytesOnly);
  return {
    probability,
    recordsLimit,
    bytesLimit: Math.min(1, bytesOnly + both),
    recordsOnly: Math.max(0, recordsLimit - both),
    bytesOnly,
    both,
    expectedThrottledRecords: recordsExcess + bytesExcessLow + extraHigh,
  };
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
