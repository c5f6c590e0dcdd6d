// The backtest: kplan's throttle and delivery model run on the traffic the stream really carried,
// period by period, set beside what CloudWatch recorded (WriteProvisionedThroughputExceeded,
// ReadProvisionedThroughputExceeded, Firehose DataFreshness). Pure: no IO.

import type { Profile } from '../profile/types.js';
import { secondThrottleProbability, type SecondThrottleResult } from '../model/risk/throttle.js';
import { SHARD_READ_BYTES_PER_SECOND, SHARD_READ_TPS, SHARD_WRITE_BYTES_PER_SECOND, SHARD_WRITE_RECORDS_PER_SECOND, recordSizeSd } from '../model/stream/traffic.js';
import { consumerCounts } from '../model/stream/sizing.js';
import { DELIVERY_SECONDS, STREAM_POLL_SECONDS } from '../model/firehose/delivery.js';
import { ZERO_BUFFERING_SECONDS } from '../model/firehose/cadence.js';
import type { Derived } from './derive.js';
import { formatGrouped } from '../units.js';
import type { Series } from './read.js';

export interface BacktestRow {
  atMs: number;
  /** Observed mean records/s in the period. */
  recordsPerSecond: number;
  observed: number;
  predicted: number;
}

export interface Verdict {
  kind: 'conservative' | 'optimistic' | 'none';
  /** predicted ÷ observed; null when one side is zero. */
  factor: number | null;
  /** Within 1.25× either way. */
  close: boolean;
  text: string;
}

export interface BacktestSide {
  /** What is counted, e.g. `throttled records`. */
  unit: string;
  metric: string;
  observedTotal: number;
  predictedTotal: number;
  periods: number;
  periodsObserved: number;
  periodsPredicted: number;
  periodsBoth: number;
  days: { date: string; observed: number; predicted: number }[];
  /** The busiest periods by observed or predicted value (at most 10). */
  top: BacktestRow[];
  verdict: Verdict;
}

export interface FreshnessSide {
  name: string;
  metric: string;
  observedMeanSeconds: number;
  observedMaxSeconds: number;
  predictedMeanSeconds: number;
  predictedMaxSeconds: number;
  days: { date: string; observed: number; predicted: number }[];
  verdict: Verdict;
}

export interface Backtest {
  shards: number;
  periodSeconds: number;
  /** How each shard's load was taken. */
  shardLoads: string;
  write: BacktestSide | null;
  read: BacktestSide | null;
  freshness: FreshnessSide[];
  notes: string[];
}

/** Within this factor either way the model and the stream agree. */
const CLOSE_FACTOR = 1.25;

export function verdictOf(predicted: number, observed: number, unit: string): Verdict {
  const p = predicted;
  const o = observed;
  const f = (x: number) => (x >= 100 ? formatGrouped(x, 0) : x >= 10 ? x.toFixed(1) : x.toPrecision(3));
  if (p < 0.5 && o < 0.5) return { kind: 'none', factor: null, close: true, text: `agrees: neither predicted nor observed ${unit}` };
  if (o < 0.5) return { kind: 'conservative', factor: null, close: false, text: `conservative: predicted ${f(p)} ${unit}, none observed` };
  if (p < 0.5) return { kind: 'optimistic', factor: null, close: false, text: `optimistic: observed ${f(o)} ${unit}, none predicted` };
  const factor = p / o;
  const close = factor <= CLOSE_FACTOR && factor >= 1 / CLOSE_FACTOR;
  return factor >= 1
    ? { kind: 'conservative', factor, close, text: `conservative by ${f(factor)}×: predicted ${f(p)} ${unit}, observed ${f(o)}` }
    : { kind: 'optimistic', factor, close, text: `optimistic by ${f(1 / factor)}×: predicted ${f(p)} ${unit}, observed ${f(o)}` };
}

const dayNames = new Map<number, string>();
/** UTC date of a time, cached per day (a run asks for it once per period). */
const day = (ms: number) => {
  const d = Math.floor(ms / 86_400_000);
  let s = dayNames.get(d);
  if (s === undefined) {
    s = new Date(d * 86_400_000).toISOString().slice(0, 10);
    dayNames.set(d, s);
  }
  return s;
};

/**
 * A series' values at the given times (both sorted), NaN where it has no point: one merge walk
 * instead of a hash lookup per period and shard.
 */
function align(s: Series | undefined, times: Float64Array): Float64Array | undefined {
  if (!s) return undefined;
  const out = new Float64Array(times.length).fill(Number.NaN);
  let j = 0;
  for (let i = 0; i < times.length; i++) {
    const t = times[i]!;
    while (j < s.times.length && s.times[j]! < t) j++;
    if (j < s.times.length && s.times[j] === t) out[i] = s.values[j]!;
  }
  return out;
}

/** A value at index i of an aligned series, 0 where it has none. */
const at0 = (a: Float64Array | undefined, i: number) => {
  const v = a?.[i];
  return v === undefined || Number.isNaN(v) ? 0 : v;
};

/** The n rows with the largest observed or predicted value (earliest first among equals), without sorting them all. */
function topRows(rows: BacktestRow[], n: number): BacktestRow[] {
  const key = (r: BacktestRow) => Math.max(r.observed, r.predicted);
  const better = (a: BacktestRow, b: BacktestRow) => key(a) > key(b) || (key(a) === key(b) && a.atMs < b.atMs);
  const top: BacktestRow[] = [];
  for (const r of rows) {
    if (key(r) <= 0) continue;
    if (top.length < n) top.push(r);
    else if (better(r, top[n - 1]!)) top[n - 1] = r;
    else continue;
    for (let i = top.length - 1; i > 0 && better(top[i]!, top[i - 1]!); i--) [top[i], top[i - 1]] = [top[i - 1]!, top[i]!];
  }
  return top;
}

function side(unit: string, metric: string, rows: BacktestRow[], predictedHit: (r: BacktestRow) => boolean, withTop = true): BacktestSide {
  const byDay = new Map<string, { observed: number; predicted: number }>();
  let o = 0;
  let p = 0;
  let po = 0;
  let pp = 0;
  let both = 0;
  for (const r of rows) {
    o += r.observed;
    p += r.predicted;
    const hitO = r.observed > 0;
    const hitP = predictedHit(r);
    if (hitO) po++;
    if (hitP) pp++;
    if (hitO && hitP) both++;
    const d = day(r.atMs);
    const e = byDay.get(d) ?? { observed: 0, predicted: 0 };
    e.observed += r.observed;
    e.predicted += r.predicted;
    byDay.set(d, e);
  }
  const top = withTop ? topRows(rows, 10) : [];
  return {
    unit,
    metric,
    observedTotal: o,
    predictedTotal: p,
    periods: rows.length,
    periodsObserved: po,
    periodsPredicted: pp,
    periodsBoth: both,
    days: [...byDay].map(([date, v]) => ({ date, ...v })),
    top,
    verdict: verdictOf(p, o, unit),
  };
}

/**
 * Rounds a shard mean to 1/64 record/s so periods of nearly equal load share one evaluation; the
 * change in the expected throttled records is far below what the comparison can resolve.
 */
function memoKey(mu: number): number {
  return Math.round(mu * 64) / 64;
}

/** The largest shard mean (to 1/64 record/s) whose expected throttled records stay under 1e-12/s. */
function quietBelow(settings: Omit<Parameters<typeof secondThrottleProbability>[0], 'meanRecordsPerSecond'>): number {
  const loud = (mu: number) => secondThrottleProbability({ ...settings, meanRecordsPerSecond: mu }).expectedThrottledRecords >= 1e-12;
  let lo = 0;
  let hi = settings.recordsCap;
  if (loud(lo)) return -1;
  for (let i = 0; i < 30 && hi - lo > 1 / 64; i++) {
    const mid = (lo + hi) / 2;
    if (loud(mid)) hi = mid;
    else lo = mid;
  }
  return lo;
}

/**
 * Runs the backtest. `profile` is the profile observe wrote, validated (its record size, key size
 * and burstiness are the model's inputs); the traffic is the observed traffic, period by period.
 * Write, read and Firehose sides stay in one function: they walk the same aligned periods and share
 * the shard loads, and reading them top to bottom is reading the method docs/observe.md describes.
 */
export function backtest(d: Derived, profile: Profile, shards: number): Backtest {
  const t = d.stream!;
  const P = t.periodSeconds;
  const notes: string[] = [];
  const kin = d.series.filter((s) => s.ref.namespace === 'kinesis' && s.statistic === 'Sum');
  const samePeriod = (s: Series) => s.periodSeconds === P || s.periodSeconds === null;
  const shardSeries = kin.filter((s) => s.ref.metric === 'IncomingRecords' && s.ref.shardId !== null && samePeriod(s));
  const useShards = shardSeries.length === shards && shards > 1;
  const shardMaps = useShards ? shardSeries.map((x) => align(x, t.times)!) : [];
  // Shard-level rejections (enhanced monitoring) say which shard refused what: each shard's offered
  // load is then its own accepted + rejected records.
  const shardRejected = useShards
    ? shardSeries.map((x) =>
        align(
          kin.find((s) => s.ref.metric === 'WriteProvisionedThroughputExceeded' && s.ref.shardId === x.ref.shardId && samePeriod(s)),
          t.times,
        ),
      )
    : [];
  const perShardRejections = useShards && shardRejected.every((a) => a !== undefined);
  const traffic = profile.traffic;
  const settings = {
    recordsCap: SHARD_WRITE_RECORDS_PER_SECOND,
    bytesCap: SHARD_WRITE_BYTES_PER_SECOND,
    bytesPerRecordMean: traffic.recordSize.averageBytes + traffic.partitionKeyBytes,
    bytesPerRecordSd: recordSizeSd(traffic.recordSize),
    dispersion: traffic.burstiness.dispersion,
    steady: traffic.burstiness.level === 'none',
  };
  const memo = new Map<number, SecondThrottleResult>();
  // Below this shard mean the expected throttled records are under 1e-12 a second: zero for the
  // comparison, with no evaluation (most shard-periods of a healthy stream).
  const quiet = quietBelow(settings);
  const NONE = { expectedThrottledRecords: 0 } as SecondThrottleResult;
  const throttleAt = (mu: number) => {
    if (mu <= quiet) return NONE;
    const k = memoKey(mu);
    let r = memo.get(k);
    if (!r) {
      r = secondThrottleProbability({ ...settings, meanRecordsPerSecond: k });
      memo.set(k, r);
    }
    return r;
  };

  const find = (metric: string) => kin.find((s) => s.ref.metric === metric && s.ref.shardId === null);
  const wpte = d.rejected;
  let write: BacktestSide | null = null;
  if (!wpte) notes.push('no WriteProvisionedThroughputExceeded series: the write side cannot be compared');
  else if (!samePeriod(wpte)) notes.push(`WriteProvisionedThroughputExceeded has ${wpte.periodSeconds}-second periods, IncomingRecords ${P}: not compared`);
  else {
    const obs = align(wpte, t.times);
    const rows: BacktestRow[] = [];
    for (let i = 0; i < t.times.length; i++) {
      // IncomingRecords counts accepted records only; what producers offered also holds the
      // rejected ones, spread over the shards like the accepted ones (stream-level rejections do
      // not say which shard refused them, so a hot shard's offered load is understated).
      const rejected = at0(obs, i);
      const offered = t.records[i]! + rejected;
      const rate = offered / P;
      let perSecond = 0;
      if (perShardRejections) {
        for (let j = 0; j < shardMaps.length; j++) perSecond += throttleAt((at0(shardMaps[j], i) + at0(shardRejected[j], i)) / P).expectedThrottledRecords;
      } else if (useShards) {
        const scale = t.records[i]! > 0 ? offered / t.records[i]! : 1;
        for (const m of shardMaps) perSecond += throttleAt((at0(m, i) * scale) / P).expectedThrottledRecords;
      } else {
        perSecond = shards * throttleAt(rate / shards).expectedThrottledRecords;
      }
      rows.push({ atMs: t.times[i]!, recordsPerSecond: rate, observed: at0(obs, i), predicted: perSecond * P });
    }
    write = side('throttled records', 'WriteProvisionedThroughputExceeded (Sum)', rows, (r) => r.predicted >= 0.5);
  }

  // Reads: the model treats the shared read budget as a hard limit on the hottest shard (bytes and
  // GetRecords calls), so a period either is predicted to throttle or is not.
  const rpte = find('ReadProvisionedThroughputExceeded');
  let read: BacktestSide | null = null;
  const bytes = find('IncomingBytes');
  if (!rpte) notes.push('no ReadProvisionedThroughputExceeded series: the read side cannot be compared');
  else if (!samePeriod(rpte)) notes.push(`ReadProvisionedThroughputExceeded has ${rpte.periodSeconds}-second periods, IncomingRecords ${P}: not compared`);
  else {
    const obs = align(rpte, t.times);
    const bytesAt = align(bytes, t.times);
    const readers = consumerCounts(profile);
    const tpsOver = readers.pollsPerSecond > SHARD_READ_TPS;
    const perRecord = t.recordSizeBytes?.value ?? 0;
    const rows: BacktestRow[] = [];
    for (let i = 0; i < t.times.length; i++) {
      const rate = t.records[i]! / P;
      let hotShare = 1 / shards;
      if (useShards) {
        let max = 0;
        for (const m of shardMaps) max = Math.max(max, at0(m, i));
        hotShare = t.records[i]! > 0 ? max / t.records[i]! : 1 / shards;
      }
      const b = bytesAt?.[i];
      const streamBytes = (b === undefined || Number.isNaN(b) ? t.records[i]! * perRecord : b) / P;
      const readBytes = readers.shared * streamBytes * hotShare;
      const over = tpsOver || readBytes > SHARD_READ_BYTES_PER_SECOND;
      rows.push({ atMs: t.times[i]!, recordsPerSecond: rate, observed: at0(obs, i) > 0 ? 1 : 0, predicted: over ? 1 : 0 });
    }
    read = side('periods with read throttling', 'ReadProvisionedThroughputExceeded (Sum > 0)', rows, (r) => r.predicted > 0, false);
    notes.push(
      `reads: ${readers.shared} shared reader(s) polling ${readers.pollsPerSecond.toFixed(2)} GetRecords/s per shard (limit ${SHARD_READ_TPS}) and the hottest shard's read bytes against ${SHARD_READ_BYTES_PER_SECOND / 1048576} MiB/s; compared as periods with any throttling`,
    );
  }

  const freshness: FreshnessSide[] = [];
  for (const f of d.firehose) {
    if (!f.freshness) continue;
    const config = profile.firehose.find((c) => c.name === f.name);
    if (!config) continue;
    const fhBytesSeries = d.series.find((s) => s.ref.namespace === 'firehose' && (s.ref.resource ?? 'firehose') === f.name && s.ref.metric === 'IncomingBytes') ?? bytes;
    const bytesAtFresh = align(fhBytesSeries, f.freshness.times);
    const poll = config.source === 'stream' ? STREAM_POLL_SECONDS : 0;
    const delivery = DELIVERY_SECONDS[config.destination];
    const limit = config.bufferIntervalSeconds > 0 ? config.bufferIntervalSeconds : ZERO_BUFFERING_SECONDS;
    const fp = f.freshness.periodSeconds ?? P;
    let so = 0;
    let sp = 0;
    let mo = 0;
    let mp = 0;
    let n = 0;
    const byDay = new Map<string, { observed: number; predicted: number; n: number }>();
    for (let i = 0; i < f.freshness.times.length; i++) {
      const at = f.freshness.times[i]!;
      const b = bytesAtFresh?.[i];
      if (b === undefined || Number.isNaN(b)) continue;
      const bytesPerSecond = b / fp;
      // The oldest record waits for the buffer to fill or the interval to pass, then for the upload.
      const wait = bytesPerSecond > 0 ? Math.min(limit, config.bufferSizeBytes / bytesPerSecond) : limit;
      const predicted = poll + wait + delivery;
      const observed = f.freshness.values[i]!;
      so += observed;
      sp += predicted;
      mo = Math.max(mo, observed);
      mp = Math.max(mp, predicted);
      n++;
      const key = day(at);
      const e = byDay.get(key) ?? { observed: 0, predicted: 0, n: 0 };
      e.observed += observed;
      e.predicted += predicted;
      e.n++;
      byDay.set(key, e);
    }
    if (n === 0) {
      notes.push(`${f.name}: DataFreshness and IncomingBytes share no period: freshness not compared`);
      continue;
    }
    freshness.push({
      name: f.name,
      metric: `DeliveryToS3.DataFreshness (${f.freshness.statistic})`,
      observedMeanSeconds: so / n,
      observedMaxSeconds: mo,
      predictedMeanSeconds: sp / n,
      predictedMaxSeconds: mp,
      days: [...byDay].map(([date, v]) => ({ date, observed: v.observed / v.n, predicted: v.predicted / v.n })),
      verdict: verdictOf(sp / n, so / n, 's of data freshness (mean)'),
    });
  }
  const shardLoads = perShardRejections
    ? `each shard's own IncomingRecords + WriteProvisionedThroughputExceeded per period (${shards} shard-level series each)`
    : useShards
      ? `each shard's own IncomingRecords per period (${shards} shard-level series; the stream's rejections spread like them)`
      : `the stream's IncomingRecords per period spread evenly over ${shards} shards${shardSeries.length > 0 ? ` (shard-level series: ${shardSeries.length}, not one per shard)` : ''}`;
  notes.push(
    `write: per shard and second, records ~ NegBin(period mean, k = ${Number.isFinite(settings.dispersion) ? settings.dispersion : '∞ (Poisson)'}), ${settings.bytesPerRecordMean.toFixed(0)} B per record incl. the partition key, limits ${SHARD_WRITE_RECORDS_PER_SECOND} records/s and 1 MiB/s; the offered load of a period is IncomingRecords + WriteProvisionedThroughputExceeded (a retried record counts in both, so retries make it an upper bound)`,
  );
  return { shards, periodSeconds: P, shardLoads, write, read, freshness, notes };
}
