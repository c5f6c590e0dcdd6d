// Connects the risk engine (src/model/risk/) to sizing and the report: the hot-shard factor and the
// per-second throttle probability of the hottest shard as functions of the shard count, the day's
// risk over the daily curve, a seeded simulation, and what the risk comes from.

import type { Profile } from '../../profile/types.js';
import type { Explanation } from '../../report/types.js';
import type { DaySegment, HotShard, RiskModel, ShardCountResult, ThrottleAtShards } from './sizing.js';
import { MU_STAR_BAND, daySegments, peakFlow, withinMuStar } from './sizing.js';
import { hotShardFactor, type HotShardResult } from '../risk/hotshard.js';
import { NEGLIGIBLE_SECOND_RISK, secondThrottleProbability } from '../risk/throttle.js';
import type { RecordSizeLaw } from '../risk/compound.js';
import { lognormalOfBins } from '../../profile/lognormal.js';
import { simulateDay } from '../risk/simulate.js';
import { attributeRisk, standardFactors, type AttributionParams } from '../risk/attribution.js';
import { SHARD_WRITE_BYTES_PER_SECOND, SHARD_WRITE_RECORDS_PER_SECOND, kinesisRecordsOnShard, recordSizeSd } from './traffic.js';

export interface RiskOptions {
  /**
   * The throttle report's details: limit shares, expected throttled records, the day, the
   * attribution (default on). Off for sweep points, which report the level and probability alone.
   */
  details?: boolean;
  simulate?: boolean;
  seed?: number;
  /** Replicas of the simulation (default 32). */
  replicas?: number;
  /** Progress of the simulation, per replica (the CLI shows it on a terminal). */
  onProgress?: (done: number, total: number) => void;
  /**
   * Report figures at a shard count the sizing did not evaluate exactly from the interpolated byte
   * tail (risk/tail-grid.ts: ≤ 0.2% high, never low): a sweep asks at a new mean on every point.
   * Shard counts never depend on it.
   */
  interpolateByteTail?: boolean;
}

/** Default seed of `--simulate` when none is given, so output is reproducible anyway. */
export const DEFAULT_SEED = 1;
/** Largest stream the simulation takes (UpdateShardCount's per-stream maximum). */
const MAX_SIMULATED_STREAM_SHARDS = 10_000;

interface RiskParams extends AttributionParams {
  /** Peak user records/s of the whole stream. */
  peakRecordsPerSecond: number;
}

const sizeLaws = new WeakMap<Profile['traffic']['recordSize']['buckets'], Map<number, RecordSizeLaw>>();

/**
 * The record-size law of the byte tail, partition key included: the continuous lognormal behind an
 * {average, p99} (its long tail decides rare seconds), else the sizes as given. One object per
 * distribution and key size, so the byte tail's memo finds it again.
 */
function recordSizeLaw(profile: Profile): RecordSizeLaw {
  const dist = profile.traffic.recordSize;
  const key = profile.traffic.partitionKeyBytes;
  let byKey = sizeLaws.get(dist.buckets);
  if (!byKey) {
    byKey = new Map();
    sizeLaws.set(dist.buckets, byKey);
  }
  let law = byKey.get(key);
  if (!law) {
    const ln = dist.kind === 'average-p99' ? lognormalOfBins(dist.buckets) : undefined;
    const made: RecordSizeLaw = ln
      ? { kind: 'lognormal', meanBytes: ln.averageBytes, sigma: ln.sigma, extraBytes: key }
      : { kind: 'atoms', bytes: dist.buckets.map((b) => b.bytes + key), shares: dist.buckets.map((b) => b.share) };
    // One object per distinct law across profiles too: sweep points and break-even scales are
    // profiles of their own with the same sizes, and the memos below key on the object.
    const id = made.kind === 'lognormal' ? `l|${made.meanBytes}|${made.sigma}|${made.extraBytes}` : `a|${made.bytes.join(',')}|${made.shares.join(',')}`;
    law = lawsByValue.get(id);
    if (!law) {
      if (lawsByValue.size >= 256) lawsByValue.clear();
      law = made;
      lawsByValue.set(id, law);
    }
    byKey.set(key, law);
  }
  return law;
}
const lawsByValue = new Map<string, RecordSizeLaw>();

/**
 * Per-second load on the hottest shard, in user records. With KPL aggregation the 1,000 records/s
 * limit counts Kinesis records, so it is restated in user records through the packing ratio
 * (user records per Kinesis record), and bursts act on user records (and so on bytes).
 */
function shardSettings(profile: Profile, userRecordsPerSecondOnShard: number) {
  const t = profile.traffic;
  const userBytes = t.recordSize.averageBytes + t.partitionKeyBytes;
  const flow = kinesisRecordsOnShard(userRecordsPerSecondOnShard, userBytes, profile.producer);
  const packing = flow.aggregated && flow.kinesisRecordsPerSecond > 0 ? userRecordsPerSecondOnShard / flow.kinesisRecordsPerSecond : 1;
  return {
    recordsCap: SHARD_WRITE_RECORDS_PER_SECOND * packing,
    bytesCap: SHARD_WRITE_BYTES_PER_SECOND,
    bytesPerRecordMean: userBytes,
    bytesPerRecordSd: recordSizeSd(t.recordSize),
    recordSizes: recordSizeLaw(profile),
  };
}

/**
 * Whether per-second variation comes on top of the peak: a peak measured over a window of a second
 * or less already is a per-second figure; `none` means perfectly steady arrivals.
 */
function isSteady(profile: Profile, params: RiskParams): boolean {
  return params.steady === true || profile.traffic.peakWindowSeconds <= 1;
}

/**
 * The hot-shard factor depends only on the keys, the skew and the shard count, never on traffic,
 * so it is memoised across plans (a sweep or a break-even search asks for the same counts again).
 */
const hotMemo = new Map<string, HotShardResult>();
const listIds = new WeakMap<readonly string[], number>();
let nextListId = 0;

function keysId(keys: RiskParams['keys']): string {
  if (keys.kind === 'random') return 'r';
  if (keys.kind === 'count') return `c${keys.count}`;
  let id = listIds.get(keys.keys);
  if (id === undefined) {
    id = nextListId++;
    listIds.set(keys.keys, id);
  }
  return `l${id}`;
}

function rawHot(params: RiskParams, shards: number): HotShardResult {
  const key = `${keysId(params.keys)}|${params.skew}|${shards}`;
  let h = hotMemo.get(key);
  if (!h) {
    if (hotMemo.size > 200_000) hotMemo.clear();
    h = hotShardFactor({ keys: params.keys, skew: params.skew, shards });
    hotMemo.set(key, h);
  }
  return h;
}

/** Grid of the envelope below: every count up to 16, then steps of 25%. */
const ENVELOPE_DENSE = 16;
const ENVELOPE_RATIO = 1.25;

/** Grid points and the running minimum of the raw share over them, per key set. */
interface Envelope {
  grid: number[];
  min: number[];
}
const envelopes = new Map<string, Envelope>();

/**
 * Share of traffic on the hottest shard (p95 over hash placements) as a non-increasing function of
 * the shard count, for the bisections over shard counts. The true quantile of the busiest bin cannot
 * grow with more bins, and the closed form follows it: a scan of 75,600 (keys, skew, count) points
 * in test/risk/hotshard.test.ts finds no step up beyond 4e-13 of the share (its root finder's precision). As insurance against a step the scan missed, the
 * share at n is clamped into [E_{i+1}, E_i], where E_i is the running minimum over a sparse grid
 * g_1 < g_2 < … and g_i ≤ n < g_{i+1}: so the envelope is non-increasing across grid points
 * whatever the closed form does, and equal to the closed form wherever that is non-increasing. A
 * break-even search that asks at 77,000 shards costs ~50 grid quantiles, not one per count.
 */
function hotShareEnvelope(params: RiskParams, shards: number): number {
  const raw = (n: number) => rawHot(params, n).p95 / n;
  const id = `${keysId(params.keys)}|${params.skew}`;
  let env = envelopes.get(id);
  if (!env) {
    env = { grid: [1], min: [raw(1)] };
    envelopes.set(id, env);
  }
  const { grid, min } = env;
  // Extend the grid one point past the count asked.
  while (grid[grid.length - 1]! <= shards) {
    const g = grid[grid.length - 1]!;
    const next = g < ENVELOPE_DENSE ? g + 1 : Math.ceil(g * ENVELOPE_RATIO);
    grid.push(next);
    min.push(Math.min(min[min.length - 1]!, raw(next)));
  }
  let lo = 0;
  let hi = grid.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (grid[mid]! <= shards) lo = mid;
    else hi = mid;
  }
  if (grid[lo] === shards) return min[lo]!;
  return Math.max(min[lo + 1]!, Math.min(min[lo]!, raw(shards)));
}

function hotOf(params: RiskParams, shards: number): HotShard {
  const h = rawHot(params, shards);
  // Listed keys: the exact placement. Otherwise plan for the 95th percentile over the unknown hash
  // placement, kept non-increasing in the shard count.
  const factor = h.method === 'exact' ? h.mean : h.method === 'uniform' ? 1 : hotShareEnvelope(params, shards) * shards;
  // p50 and p95 are read through: the closed form computes them when the report asks, not on every
  // probe of a search (which uses the factor alone).
  return {
    factor: Math.max(1, factor),
    get p50() {
      return h.p50;
    },
    get p95() {
      return h.p95;
    },
    topKeyShare: h.topKeyShare,
    method: h.method,
  };
}

function peakRate(profile: Profile, params: RiskParams): number {
  const t = profile.traffic;
  const curvePeak = params.dailyCurve ? Math.max(...params.dailyCurve) * t.recordsPerSecond : 0;
  return Math.max(t.peakRecordsPerSecond, curvePeak);
}

function throttleOf(
  profile: Profile,
  params: RiskParams,
  shards: number,
  expectedRecords = true,
  interpolateByteTail = false,
): ThrottleAtShards & { expectedThrottledRecords: number } {
  const hot = hotOf(params, shards);
  const mu = (peakRate(profile, params) / shards) * hot.factor;
  const s = shardSettings(profile, mu);
  const r = secondThrottleProbability({
    meanRecordsPerSecond: mu,
    ...s,
    dispersion: params.dispersion,
    steady: isSteady(profile, params),
    expectedRecords,
    interpolateByteTail,
  });
  return { fraction: r.probability, recordsOnly: r.recordsOnly, bytesOnly: r.bytesOnly, expectedThrottledRecords: r.expectedThrottledRecords };
}

function baseParams(profile: Profile): RiskParams {
  const t = profile.traffic;
  return {
    keys: t.partitionKeys,
    skew: t.keySkew,
    dispersion: t.burstiness.dispersion,
    steady: t.burstiness.level === 'none',
    dailyCurve: t.dailyCurve,
    peakRecordsPerSecond: peakFlow(profile).userRecordsPerSecond,
  };
}

/** Builds the risk model of a profile. Results are memoised per shard count. */
export function buildRiskModel(profile: Profile, options?: RiskOptions): RiskModel {
  const interpolate = options?.interpolateByteTail === true;
  const params = baseParams(profile);
  const hotCache = new Map<number, HotShard>();
  const throttleCache = new Map<number, ThrottleAtShards>();
  const fractionCache = new Map<number, number>();
  // Where the sizing judged a count by the exact probability, the report keeps it exact (its byte
  // tail is memoised); an interpolated figure over the target is redone exactly. So a figure never
  // contradicts the count chosen. This is the interpolated figure a report keeps, if any.
  const keptInterpolation = (shards: number, expectedRecords: boolean): ThrottleAtShards | undefined => {
    if (!interpolate || fractionCache.has(shards)) return undefined;
    const t = throttleOf(profile, params, shards, expectedRecords, true);
    return t.fraction <= profile.stream.maxThrottleRate ? t : undefined;
  };
  return {
    hot(shards) {
      let h = hotCache.get(shards);
      if (!h) {
        h = hotOf(params, shards);
        hotCache.set(shards, h);
      }
      return h;
    },
    throttle(shards) {
      let t = throttleCache.get(shards);
      if (!t) {
        t = keptInterpolation(shards, true) ?? throttleOf(profile, params, shards);
        throttleCache.set(shards, t);
      }
      return t;
    },
    reportedFraction(shards) {
      // throttle(shards).fraction, the same bits, without the expected throttled records.
      const full = throttleCache.get(shards);
      if (full) return full.fraction;
      return keptInterpolation(shards, false)?.fraction ?? this.throttleFraction!(shards);
    },
    throttleFraction(shards) {
      // The same probability as throttle(shards), without the expected throttled records.
      const full = throttleCache.get(shards);
      if (full) return full.fraction;
      let f = fractionCache.get(shards);
      if (f === undefined) {
        f = throttleOf(profile, params, shards, false).fraction;
        fractionCache.set(shards, f);
      }
      return f;
    },
    maxShardMean(maxRate) {
      return maxShardMean(profile, params, maxRate);
    },
    hottestMean(shards) {
      return (peakRate(profile, params) / shards) * hotOf(params, shards).factor;
    },
    keyFloor() {
      // The busiest key alone on its shard: what no shard count goes below.
      const p1 = rawHot(params, 1).topKeyShare;
      if (!(p1 > 0)) return { fraction: 0, recordsOnly: 0, bytesOnly: 0 };
      const mu = peakRate(profile, params) * p1;
      const r = secondThrottleProbability({
        meanRecordsPerSecond: mu,
        ...shardSettings(profile, mu),
        dispersion: params.dispersion,
        steady: isSteady(profile, params),
        expectedRecords: false,
      });
      return { fraction: r.probability, recordsOnly: r.recordsOnly, bytesOnly: r.bytesOnly };
    },
    keyFloorAbove(maxRate) {
      // Judged by μ* where it is known: a break-even search asks at every traffic level where no
      // count will do, each with a mean of its own.
      const p1 = rawHot(params, 1).topKeyShare;
      const muStar = maxShardMean(profile, params, maxRate);
      const above = () => this.keyFloor().fraction > maxRate;
      if (!(p1 > 0) || muStar === undefined) return above();
      return !withinMuStar(peakRate(profile, params) * p1, muStar, () => !above());
    },
  };
}

/** Shards that share one mean load: `count` shards at `mean` user records/s each. */
interface ShardGroup {
  mean: number;
  count: number;
}

/**
 * Mean user records/s per shard at the peak, as groups: the hottest shard at H × the mean and the
 * others sharing the rest evenly, or one group per shard when the keys are listed (exact weights).
 * Groups keep the day's risk and the simulation's input small whatever the shard count.
 */
function shardPeakGroups(profile: Profile, params: RiskParams, shards: number): ShardGroup[] {
  const peak = peakRate(profile, params);
  const h = rawHot(params, shards);
  if (h.weights) return Array.from(h.weights, (w) => ({ mean: peak * w, count: 1 }));
  const hot = (peak / shards) * hotOf(params, shards).factor;
  if (shards === 1) return [{ mean: hot, count: 1 }];
  return [
    { mean: hot, count: 1 },
    { mean: Math.max(0, peak - hot) / (shards - 1), count: shards - 1 },
  ];
}

/**
 * Groups of shards past which the day takes its byte tails from the interpolation grid
 * (risk/tail-grid.ts: ≤ 0.2% high, never low): listed keys give a group per distinct shard load, and
 * a mean of its own for each group and hour (26 keys on 13 shards: ~300 recursions).
 */
const DAY_GROUPS_EXACT = 2;

/** The day's Tier 1 risk over its rate segments (daySegments), with shards in groups of equal load. */
function groupedDailyRisk(groups: ShardGroup[], segments: readonly DaySegment[], exactSettings: Omit<Parameters<typeof secondThrottleProbability>[0], 'meanRecordsPerSecond'>) {
  const settings = groups.length > DAY_GROUPS_EXACT ? { ...exactSettings, interpolateByteTail: true } : exactSettings;
  const shards = groups.reduce((n, g) => n + g.count, 0);
  let shardSeconds = 0;
  let logNone = 0;
  let records = 0;
  let seconds = 0;
  // The busiest hour: the one holding the fastest segment (the peak window).
  let peakHour = 0;
  let best = -1;
  for (const seg of segments) {
    if (seg.scale > best) {
      best = seg.scale;
      peakHour = seg.hour;
    }
  }
  let peakShardSeconds = 0;
  let peakSeconds = 0;
  for (const seg of segments) {
    let p = 0;
    for (const g of groups) {
      const r = secondThrottleProbability({ ...settings, meanRecordsPerSecond: g.mean * seg.scale });
      p += g.count * r.probability;
      logNone += seg.seconds * g.count * Math.log1p(-Math.min(r.probability, 1 - 1e-16));
      records += seg.seconds * g.count * r.expectedThrottledRecords;
    }
    shardSeconds += seg.seconds * p;
    seconds += seg.seconds;
    if (seg.hour === peakHour) {
      peakShardSeconds += seg.seconds * p;
      peakSeconds += seg.seconds;
    }
  }
  return {
    throttledShardSecondFraction: shardSeconds / (seconds * shards),
    peakHour,
    peakHourFraction: peakShardSeconds / (peakSeconds * shards),
    pAnyThrottle: -Math.expm1(logNone),
    expectedThrottledRecordsPerDay: records,
    expectedRetriesPerDay: records,
  };
}

const muStarMemo = new Map<string, number>();
const lawIds = new WeakMap<RecordSizeLaw, number>();
let nextLawId = 0;

function lawId(law: RecordSizeLaw): number {
  let id = lawIds.get(law);
  if (id === undefined) {
    id = nextLawId++;
    lawIds.set(law, id);
  }
  return id;
}
let lastMuStar: (ReturnType<typeof shardSettings> & { dispersion: number; steady: boolean; maxRate: number; mu: number }) | undefined;

/**
 * The largest mean user records/s on one shard whose throttle probability is ≤ maxRate (bisection:
 * the probability grows with the mean). Without KPL aggregation the shard's settings do not depend
 * on its load, so this is one number per profile shape, memoised across plans (a sweep varies only
 * traffic). Undefined with aggregation, where the records cap depends on the load.
 */
function maxShardMean(profile: Profile, params: RiskParams, maxRate: number): number | undefined {
  if (profile.producer.aggregation !== 'none') return undefined;
  const settings = { ...shardSettings(profile, 1), dispersion: params.dispersion, steady: isSteady(profile, params) };
  // A sweep asks again and again with the same settings: compare with the last call before
  // building a key (number-to-text conversions are the cost of a memo lookup here).
  const last = lastMuStar;
  if (
    last !== undefined &&
    last.recordsCap === settings.recordsCap &&
    last.bytesCap === settings.bytesCap &&
    last.bytesPerRecordMean === settings.bytesPerRecordMean &&
    last.bytesPerRecordSd === settings.bytesPerRecordSd &&
    last.recordSizes === settings.recordSizes &&
    last.dispersion === settings.dispersion &&
    last.steady === settings.steady &&
    last.maxRate === maxRate
  ) {
    return last.mu;
  }
  const key = `${settings.recordsCap}|${settings.bytesCap}|${settings.bytesPerRecordMean}|${settings.bytesPerRecordSd}|${lawId(settings.recordSizes)}|${settings.dispersion}|${settings.steady}|${maxRate}`;
  const hit = muStarMemo.get(key);
  if (hit !== undefined) {
    lastMuStar = { ...settings, maxRate, mu: hit };
    return hit;
  }
  const p = (mu: number) => secondThrottleProbability({ ...settings, meanRecordsPerSecond: mu, expectedRecords: false }).probability;
  const lo = largestWithin(p, Math.min(settings.recordsCap, settings.bytesCap / Math.max(settings.bytesPerRecordMean, 1e-9)), maxRate);
  if (muStarMemo.size > 10_000) muStarMemo.clear();
  muStarMemo.set(key, lo);
  lastMuStar = { ...settings, maxRate, mu: lo };
  return lo;
}

/**
 * Relative width at which the μ* search stops: a tenth of the band around μ* in which sizing
 * evaluates the throttle probability exactly (withinMuStar), so outside that band μ* and the
 * true boundary lie on the same side of any shard mean. Each tenfold more costs about one more
 * recursion of the byte tail (1e-9 took one more in each shipped profile).
 */
export const MU_STAR_TOLERANCE = MU_STAR_BAND / 10;

/**
 * The largest x in [0, cap] with p(x) ≤ maxRate, to MU_STAR_TOLERANCE relative, for p non-decreasing with
 * p(0) ≤ maxRate: cap itself when p(cap) ≤ maxRate. Keeps p(lo) ≤ maxRate < p(hi) until
 * hi − lo ≤ MU_STAR_TOLERANCE·hi. Steps are regula falsi on −√(−ln p), nearly linear in the mean for the
 * Poisson and negative-binomial tails, with the Anderson–Björck fix and a nudge of a quarter of the
 * tolerance toward the side that has not moved, so a good estimate closes the bracket from both
 * sides: 9 evaluations on average (13 at most over the grid in the tests) where bisection takes 32.
 */
export function largestWithin(p: (x: number) => number, cap: number, maxRate: number): number {
  let lo = 0;
  let hi = cap;
  const pHi = p(hi);
  if (pHi <= maxRate) return hi;
  const t = (q: number): number => -Math.sqrt(Math.max(0, -Math.log(q)));
  const target = t(maxRate);
  let fLo = Number.NEGATIVE_INFINITY;
  let fHi = t(pHi) - target;
  let kept: 'lo' | 'hi' | null = null;
  for (let i = 0; i < 200 && hi - lo > MU_STAR_TOLERANCE * hi; i++) {
    let mid = (lo + hi) / 2;
    // Interpolate while both ends are finite; bisect otherwise, and after 40 steps whatever happens.
    if (i < 40 && Number.isFinite(fLo) && Number.isFinite(fHi) && fHi > fLo) {
      const nudge = 0.25 * MU_STAR_TOLERANCE * hi;
      const x = lo - (fLo * (hi - lo)) / (fHi - fLo) + (kept === 'hi' ? nudge : kept === 'lo' ? -nudge : 0);
      if (x > lo && x < hi) mid = x;
    }
    const pm = p(mid);
    const fm = pm > 0 ? t(pm) - target : Number.NEGATIVE_INFINITY;
    if (pm <= maxRate) {
      // hi kept twice: shrink its value (Anderson–Björck, or halve).
      if (kept === 'hi') {
        const m = Number.isFinite(fm) && Number.isFinite(fLo) ? 1 - fm / fLo : 0;
        fHi *= m > 0 ? m : 0.5;
      }
      lo = mid;
      fLo = fm;
      kept = 'hi';
    } else {
      if (kept === 'lo') {
        const m = Number.isFinite(fm) && Number.isFinite(fHi) && fHi !== 0 ? 1 - fm / fHi : 0;
        fLo *= m > 0 ? m : 0.5;
      }
      hi = mid;
      fHi = fm;
      kept = 'lo';
    }
  }
  return lo;
}

/**
 * Extra throttle fields for the report: hot-shard quantiles, which limit throttles, the day, simulation, attribution.
 * Longer than 80 lines because each section writes its report fields beside its explanation, all from
 * the same parameters, shard settings and memoised throttle result.
 */
export function throttleDetails(profile: Profile, risk: RiskModel, sizing: ShardCountResult, options?: RiskOptions): { fields: Record<string, unknown>; explain: Explanation[] } {
  if (options?.details === false) return { fields: {}, explain: [] };
  const params = baseParams(profile);
  const shards = sizing.shards;
  // The same numbers sizing computed (memoised by the model).
  const t = risk.throttle(shards) as ReturnType<typeof throttleOf>;
  const hot = risk.hot(shards);
  const explain: Explanation[] = [];
  const fields: Record<string, unknown> = {
    burstiness: { level: profile.traffic.burstiness.level, dispersion: profile.traffic.burstiness.dispersion },
    hot_shard_factor_p50: hot.p50,
    hot_shard_factor_p95: hot.p95,
    top_key_share: hot.topKeyShare,
    records_limit_share: t.fraction > 0 ? t.recordsOnly / t.fraction : 0,
    bytes_limit_share: t.fraction > 0 ? t.bytesOnly / t.fraction : 0,
    expected_throttled_records_per_second_at_peak: t.expectedThrottledRecords,
  };
  const mu = (peakRate(profile, params) / shards) * hot.factor;
  const s = shardSettings(profile, mu);
  explain.push({
    topic: 'throttle.write-fraction',
    formula: isSteady(profile, params)
      ? "steady arrivals: 1 if the hottest shard's demand exceeds a limit, else 0"
      : 'P(X > records_cap or Σ sizes ≥ 1 MiB), X ~ NegBin(μ, k) (Poisson when k = ∞), sizes i.i.d. from the record-size law (the byte tail by Panjer recursion)',
    inputs: {
      mu_records_per_second_hottest: mu,
      dispersion_k: String(params.dispersion),
      records_cap: s.recordsCap,
      bytes_per_record_mean: s.bytesPerRecordMean,
      bytes_per_record_sd: s.bytesPerRecordSd,
      bytes_cap: s.bytesCap,
    },
    result: t.fraction,
    note: 'a peak measured over peak_window is an average: the per-second variation comes on top of it',
  });

  // The day (daySegments: the daily curve, flat without one, with the peak window at the peak).
  {
    const d = groupedDailyRisk(shardPeakGroups(profile, params, shards), daySegments(profile), { ...s, dispersion: params.dispersion, steady: isSteady(profile, params) });
    fields.daily = {
      throttled_shard_second_fraction: d.throttledShardSecondFraction,
      peak_hour: d.peakHour,
      peak_hour_fraction: d.peakHourFraction,
      p_any_throttle: d.pAnyThrottle,
      expected_throttled_records_per_day: d.expectedThrottledRecordsPerDay,
      expected_retries_per_day: d.expectedRetriesPerDay,
    };
    explain.push({
      topic: 'throttle.daily',
      formula: 'P(any) = 1 − Π over shard-seconds (1 − p); p per shard and stretch of the day: each UTC hour at its average, peak_window at the peak inside the busiest hour',
      inputs: { shards, hours: 24 },
      result: d.pAnyThrottle,
    });
  }

  // What the risk comes from: counterfactual reruns without skew, without bursts, with a flat day.
  if (t.fraction > 0) {
    const a = attributeRisk<RiskParams>({
      risk: (p) => throttleOf(profile, p, shards).fraction,
      base: params,
      factors: standardFactors<RiskParams>(),
      scale: 'log',
      // Below it a figure may be a bound, not a value (throttle.ts): causes that each take the risk
      // there share it, instead of being told apart by the digits of 1e-40.
      floor: NEGLIGIBLE_SECOND_RISK,
    });
    fields.attribution = a.factors.map((f) => ({ cause: f.name, share: f.share, risk_without: a.baseRisk / f.aloneRatio }));
    explain.push({
      topic: 'throttle.attribution',
      formula: 'Shapley split of ln(risk) − ln(risk with every cause removed) over: uniform keys, Poisson arrivals, a flat day',
      inputs: Object.fromEntries(a.factors.map((f) => [`${f.name}_share`, f.share])),
      result: a.baseRisk,
      note: a.factors.map((f) => `${f.name}: ${(f.share * 100).toFixed(0)}%`).join(', '),
    });
  }

  if (options?.simulate && shards > MAX_SIMULATED_STREAM_SHARDS) {
    fields.simulation = { skipped: `the simulation covers streams of up to ${MAX_SIMULATED_STREAM_SHARDS} shards; this one has ${shards}` };
  } else if (options?.simulate) {
    const seed = options.seed ?? DEFAULT_SEED;
    const sim = simulateDay({
      shardPeakMeans: Float64Array.from(shardPeakGroups(profile, params, shards).flatMap((g) => new Array<number>(g.count).fill(g.mean))),
      segments: daySegments(profile),
      bytesPerRecordMean: s.bytesPerRecordMean,
      bytesPerRecordSd: s.bytesPerRecordSd,
      recordSizes: s.recordSizes,
      dispersion: params.dispersion,
      steady: isSteady(profile, params),
      recordsPerSecondLimit: s.recordsCap,
      bytesPerSecondLimit: s.bytesCap,
      seed,
      replicas: options.replicas ?? 32,
      ...(options.onProgress !== undefined ? { onReplica: options.onProgress } : {}),
    });
    fields.simulation = {
      seed: sim.seed,
      replicas: sim.replicas,
      shards_simulated: sim.shardsSimulated,
      throttled_shard_second_fraction: sim.throttledShardSecondFraction,
      peak_hour_throttled_shard_second_fraction: sim.peakHourThrottledShardSecondFraction,
      throttled_record_fraction: sim.throttledRecordFraction,
      retries_per_record: sim.retriesPerRecord,
      dropped_record_fraction: sim.droppedRecordFraction,
      p_any_throttle: sim.pAnyThrottle,
    };
    explain.push({
      topic: 'throttle.simulation',
      formula:
        'per-second Monte Carlo of the busiest shards: NegBin arrivals, bytes drawn from the record-size law, 1 s token buckets (1,000 records, 1 MiB), retries next second, 30 s TTL',
      inputs: { seed, replicas: sim.replicas, shards_simulated: sim.shardsSimulated },
      result: sim.throttledShardSecondFraction.mean,
    });
  }
  return { fields, explain };
}
