// From CloudWatch series to the figures of a workload profile, each with its provenance: which
// metric, statistic and window it came from. The estimators and why they are what they are are
// documented in docs/observe.md. Pure: no IO.

import type { Issue } from '../errors.js';
import { UsageError } from '../errors.js';
import { normalQuantile } from '../math/special.js';
import { hotShardFactor } from '../model/risk/hotshard.js';
import { formatGrouped, SECONDS_PER_HOUR } from '../units.js';
import type { Series } from './read.js';
import { formatUtc } from './timestamp.js';

/** A derived number and where it came from. */
export interface Figure<T> {
  value: T;
  /** One line: metric, statistic, window, arithmetic. */
  provenance: string;
}

/** Traffic figures of one flow (the stream, or a Direct PUT delivery stream). */
export interface TrafficFigures {
  /** The series the rates come from, for messages. */
  source: string;
  periodSeconds: number;
  startMs: number;
  /** End of the last period used (exclusive). */
  endMs: number;
  /** Periods with a data point (after leaving out a partly filled last one). */
  periods: number;
  /** Periods in the window without one. */
  missingPeriods: number;
  /** The last period was partly filled and left out. */
  partialLastLeftOut: boolean;
  recordsPerSecond: Figure<number>;
  peakRecordsPerSecond: Figure<number> & {
    atMs: number;
    /** The busiest period's mean rate: the busiest minute is at least this. */
    lowerBound: number;
    /** All of the busiest period in one minute: the busiest minute is at most this. */
    upperBound: number;
  };
  recordSizeBytes: Figure<number> | null;
  dailyCurve: Figure<number[] | null>;
  /** Negative-binomial shape k of the per-second counts; Infinity = no overdispersion seen; null = not estimable. */
  dispersion: Figure<number | null>;
  /** The records series used (after the partial period is left out), for the backtest. */
  times: Float64Array;
  records: Float64Array;
}

export type KeysFigure = Figure<{ kind: 'random' } | { kind: 'count'; count: number }> & {
  /** Busiest shard's records ÷ the mean shard's, over the window; null without shard-level data. */
  hotFactor: number | null;
  shardIds: string[];
};

export interface FirehoseFigures {
  name: string;
  source: Figure<'stream' | 'direct-put'>;
  destination: Figure<'s3'>;
  traffic: TrafficFigures | null;
  freshness: Series | null;
}

export interface Derived {
  streamName: string | null;
  /** Kinesis traffic; null when only a Direct PUT delivery stream was observed. */
  stream: TrafficFigures | null;
  keys: KeysFigure | null;
  /** Polling (GetRecords) consumers besides Firehose, from GetRecords.Records ÷ IncomingRecords. */
  consumers: Figure<number> | null;
  shards: Figure<number> | null;
  firehose: FirehoseFigures[];
  /** WriteProvisionedThroughputExceeded of the stream (or the sum of its shard-level series). */
  rejected: Series | undefined;
  /** Every series read, by key, for the backtest. */
  series: Series[];
  issues: Issue[];
}

export interface DeriveOptions {
  /** `--shards N`. */
  shards?: number;
}

const find = (all: Series[], ns: string, metric: string, pred: (s: Series) => boolean = (s) => s.ref.shardId === null) =>
  all.find((s) => s.ref.namespace === ns && s.ref.metric === metric && pred(s));

const fmt = (x: number, d = 1) => formatGrouped(x, d);

/** A series of per-period sums built from shard-level series (summed where timestamps meet). */
function sumSeries(parts: Series[], label: string): Series | undefined {
  if (parts.length === 0) return undefined;
  const period = parts[0]!.periodSeconds;
  if (parts.some((p) => p.periodSeconds !== period && p.periodSeconds !== null)) return undefined;
  const acc = new Map<number, number>();
  for (const p of parts) for (let i = 0; i < p.times.length; i++) acc.set(p.times[i]!, (acc.get(p.times[i]!) ?? 0) + p.values[i]!);
  const times = Float64Array.from([...acc.keys()].sort((a, b) => a - b));
  const values = Float64Array.from(times, (t) => acc.get(t)!);
  const first = parts[0]!;
  return { ...first, key: `${first.key}|sum`, ref: { ...first.ref, shardId: null, resource: label }, periodSeconds: period, times, values };
}

/** Median of the last `n` values before index `end`. */
function medianBefore(values: Float64Array, end: number, n: number): number {
  const xs = Array.from(values.subarray(Math.max(0, end - n), end)).sort((a, b) => a - b);
  const m = xs.length >> 1;
  return xs.length % 2 ? xs[m]! : (xs[m - 1]! + xs[m]!) / 2;
}

/**
 * Per-second overdispersion from per-period sums, once each hour's straight-line trend is removed.
 * If every second's count is NegBin(μ, k) and seconds are independent, a period of P seconds has
 * mean M = Pμ and variance M + M²/(P·k); pooling the hours' residual sums of squares gives
 * 1/(P·k) = (Σ RSS − Σ (n−2)·m) / Σ (n−2)·m². Returns 1/k (0 = Poisson), or null without
 * enough points.
 */
export function inverseDispersion(times: Float64Array, values: Float64Array, periodSeconds: number): number | null {
  const groups = new Map<number, number[]>();
  for (let i = 0; i < times.length; i++) {
    const h = Math.floor(times[i]! / (SECONDS_PER_HOUR * 1000));
    const g = groups.get(h);
    if (g) g.push(i);
    else groups.set(h, [i]);
  }
  let excess = 0;
  let scale = 0;
  for (const idx of groups.values()) {
    const n = idx.length;
    if (n < 4) continue;
    let st = 0;
    let sv = 0;
    for (const i of idx) {
      st += times[i]!;
      sv += values[i]!;
    }
    const mt = st / n;
    const mv = sv / n;
    let stt = 0;
    let stv = 0;
    for (const i of idx) {
      stt += (times[i]! - mt) ** 2;
      stv += (times[i]! - mt) * (values[i]! - mv);
    }
    const slope = stt > 0 ? stv / stt : 0;
    let rss = 0;
    for (const i of idx) rss += (values[i]! - mv - slope * (times[i]! - mt)) ** 2;
    excess += rss - (n - 2) * mv;
    scale += (n - 2) * mv * mv;
  }
  if (!(scale > 0)) return null;
  return Math.max(0, (excess / scale) * periodSeconds);
}

/** Expected largest of m independent standard normals (Blom's approximation; 0 for m = 1). */
function expectedMaxNormal(m: number): number {
  return m <= 1 ? 0 : normalQuantile((m - 0.375) / (m + 0.25));
}

/**
 * Mean, busiest minute, daily curve and burstiness of one flow from its per-period record sums
 * (and its byte sums for the record size). Kept in one function so every figure shares one window.
 */
export function trafficFigures(records: Series, bytes: Series | undefined, issues: Issue[], what: string, rejected?: Series): TrafficFigures {
  const P = records.periodSeconds ?? 60;
  const pMs = P * 1000;
  let times = records.times;
  let values = records.values;
  const name = `${what} IncomingRecords (Sum per ${P} s)`;
  // A partly filled last period (the export ran mid-period) reads as a sudden drop at the very end.
  let partialLastLeftOut = false;
  const n0 = times.length;
  if (n0 >= 10) {
    const med = medianBefore(values, n0 - 1, 60);
    if (values[n0 - 1]! < 0.5 * med) {
      partialLastLeftOut = true;
      issues.push({
        code: 'bad-metrics',
        severity: 'warning',
        file: records.files[0],
        message: `${what}: the last period (${formatUtc(times[n0 - 1]!)}) holds ${fmt(values[n0 - 1]!, 0)} records, under half the ${fmt(med, 0)} of the periods before it: read as partly filled (the export ran mid-period) and left out of every figure`,
      });
      times = times.subarray(0, n0 - 1);
      values = values.subarray(0, n0 - 1);
    }
  }
  const n = times.length;
  const startMs = times[0]!;
  const endMs = times[n - 1]! + pMs;
  const missing = Math.round((endMs - startMs) / pMs) - n;
  if (missing > 0) {
    let longest = 0;
    for (let i = 1; i < n; i++) longest = Math.max(longest, times[i]! - times[i - 1]! - pMs);
    issues.push({
      code: 'bad-metrics',
      severity: 'warning',
      file: records.files[0],
      message: `${what}: ${missing} of ${n + missing} periods have no data point (longest gap ${fmt(longest / 60_000, 0)} min); figures use the ${n} periods present`,
      hint: 'CloudWatch writes no point for a period without data: a gap is idle time or lost data; if the stream was idle, the true mean is lower',
    });
  }
  let total = 0;
  let peakI = 0;
  for (let i = 0; i < n; i++) {
    total += values[i]!;
    if (values[i]! > values[peakI]!) peakI = i;
  }
  const window = `${formatUtc(startMs)} – ${formatUtc(endMs)}`;
  const mean = total / (n * P);
  const recordsPerSecond: Figure<number> = {
    value: mean,
    provenance: `${name}: Σ ${fmt(total, 0)} records ÷ ${fmt(n * P, 0)} s observed (${window})`,
  };

  // Throttling cuts the busiest seconds short, which narrows the spread of accepted records: the
  // spread is read from what producers offered, accepted + rejected, where the rejections are known.
  let offered = values;
  const withRejected = rejected !== undefined && rejected.periodSeconds === P;
  if (withRejected) {
    offered = new Float64Array(values);
    let j = 0;
    for (let i = 0; i < n; i++) {
      while (j < rejected.times.length && rejected.times[j]! < times[i]!) j++;
      if (j < rejected.times.length && rejected.times[j] === times[i]) offered[i] = offered[i]! + rejected.values[j]!;
    }
  }
  const inv = P <= 300 ? inverseDispersion(times, offered, P) : null;
  const lower = values[peakI]! / P;
  const upper = values[peakI]! / 60;
  let peak: number;
  let peakText: string;
  if (P === 60) {
    peak = lower;
    peakText = `${name}: busiest minute ${formatUtc(times[peakI]!)}, ${fmt(values[peakI]!, 0)} records ÷ 60 s`;
  } else {
    // Only the period's sum is known: the busiest minute lies between its mean and all of it. The
    // minute-to-minute spread that the periods' own spread implies widens the mean by the expected
    // largest of m minutes, if the minutes vary independently.
    const m = P / 60;
    const M = values[peakI]!;
    const minuteVar = inv === null ? 0 : M / m + (M / m) ** 2 * (inv / 60);
    peak = Math.min(upper, (M / m + expectedMaxNormal(m) * Math.sqrt(minuteVar)) / 60);
    peakText =
      `${name}: busiest period ${formatUtc(times[peakI]!)} holds ${fmt(M, 0)} records; its mean ${fmt(lower, 1)}/s is only a lower bound of the busiest minute ` +
      `(at most ${fmt(upper, 1)}/s); widened by the expected largest of ${m} minutes at the observed dispersion`;
    issues.push({
      code: 'bad-metrics',
      severity: 'warning',
      file: records.files[0],
      message: `${what}: ${P / 60}-minute periods: the busiest minute is not observed; peak ${fmt(peak, 1)}/s is estimated between ${fmt(lower, 1)} and ${fmt(upper, 1)}/s`,
      hint: 'query 1-minute periods (kept for 15 days) for an observed peak',
    });
  }
  const peakRecordsPerSecond = { value: Math.max(peak, mean), provenance: peakText, atMs: times[peakI]!, lowerBound: lower, upperBound: upper };

  // Record size: bytes and records over the periods both series have.
  let recordSizeBytes: Figure<number> | null = null;
  if (bytes) {
    const at = new Map<number, number>();
    for (let i = 0; i < bytes.times.length; i++) at.set(bytes.times[i]!, bytes.values[i]!);
    let sb = 0;
    let sr = 0;
    for (let i = 0; i < n; i++) {
      const b = at.get(times[i]!);
      if (b !== undefined) {
        sb += b;
        sr += values[i]!;
      }
    }
    if (sr > 0 && sb > 0) {
      recordSizeBytes = {
        value: sb / sr,
        provenance: `${what} IncomingBytes ÷ IncomingRecords (Sum, ${window}): ${fmt(sb, 0)} B ÷ ${fmt(sr, 0)} records; the mean only: a p99 or a histogram cannot be seen in stream-level sums`,
      };
    } else {
      issues.push({
        code: 'bad-metrics',
        severity: 'warning',
        file: bytes.files[0],
        message: `${what}: IncomingBytes and IncomingRecords share no period with data: no record size`,
      });
    }
  }

  // Daily curve: each UTC hour's mean rate over every day present, ÷ the mean of the 24.
  let dailyCurve: Figure<number[] | null>;
  const hourSum = new Array<number>(24).fill(0);
  const hourN = new Array<number>(24).fill(0);
  for (let i = 0; i < n; i++) {
    const h = new Date(times[i]!).getUTCHours();
    hourSum[h] = hourSum[h]! + values[i]!;
    hourN[h] = hourN[h]! + 1;
  }
  const spanHours = (endMs - startMs) / 3_600_000;
  if (spanHours < 24) {
    dailyCurve = { value: null, provenance: `${what}: ${fmt(spanHours, 1)} hours of data, less than one whole day: no daily curve (flat)` };
    issues.push({
      code: 'bad-metrics',
      severity: 'warning',
      file: records.files[0],
      message: `${what}: only ${fmt(spanHours, 1)} hours of data: no daily curve; the mean, peak and burstiness describe those hours only`,
      hint: 'export at least 24 hours (a week shows weekdays too)',
    });
  } else if (P > SECONDS_PER_HOUR || SECONDS_PER_HOUR % P !== 0 || hourN.some((c) => c === 0)) {
    dailyCurve = { value: null, provenance: `${what}: not every UTC hour has data in ${P}-second periods: no daily curve (flat)` };
    issues.push({ code: 'bad-metrics', severity: 'warning', file: records.files[0], message: `${what}: some UTC hours have no data point: no daily curve` });
  } else {
    const rates = hourSum.map((s, h) => s / (hourN[h]! * P));
    const avg = rates.reduce((a, b) => a + b, 0) / 24;
    const days = spanHours / 24;
    dailyCurve = {
      value: avg > 0 ? rates.map((r) => Math.round((r / avg) * 1000) / 1000) : null,
      provenance: `${name}: each UTC hour's mean rate over ${fmt(days, 2)} days ÷ the mean of the 24 hourly rates`,
    };
  }

  let dispersion: Figure<number | null>;
  if (inv === null) {
    dispersion = {
      value: null,
      provenance:
        P > 300
          ? `${name}: ${P / 60}-minute sums hide per-second bursts; burstiness not estimated (the default applies)`
          : `${name}: too few points per hour to estimate burstiness (the default applies)`,
    };
  } else {
    const k = inv > 0 ? 1 / inv : Number.POSITIVE_INFINITY;
    dispersion = {
      value: k,
      provenance:
        `${name}${withRejected ? ' + WriteProvisionedThroughputExceeded (offered records)' : ''}: spread of the period sums around each hour's straight-line trend${inv > 0 ? `, variance M + M²/(${P}·k)` : ' is no wider than Poisson'}; ` +
        'a lower bound: variation that evens out within a period is invisible in its sum',
    };
  }
  return {
    source: name,
    periodSeconds: P,
    startMs,
    endMs,
    periods: n,
    missingPeriods: Math.max(0, missing),
    partialLastLeftOut,
    recordsPerSecond,
    peakRecordsPerSecond,
    recordSizeBytes,
    dailyCurve,
    dispersion,
    times,
    records: values,
  };
}

/**
 * Hot-shard factor → the key count whose p95 hot-shard factor over hash placements (what sizing
 * plans for) equals it at the observed shard count: `kplan size` at today's shard count then sees
 * today's hottest shard, neither hotter nor cooler.
 */
function fitKeyCount(hot: number, shards: number): number {
  const p95 = (K: number) => hotShardFactor({ keys: { kind: 'count', count: K }, skew: 0, shards }).p95;
  if (hot >= p95(1)) return 1;
  let lo = 0; // log10 K
  let hi = 9;
  if (p95(10 ** hi) >= hot) return 10 ** hi;
  for (let it = 0; it < 50; it++) {
    const mid = (lo + hi) / 2;
    if (p95(10 ** mid) > hot) lo = mid;
    else hi = mid;
  }
  return Math.max(1, Math.round(10 ** hi));
}

/** Below this hot-shard factor shard-level data is read as evenly spread keys. */
const EVEN_HOT_FACTOR = 1.05;

function keysFigure(shardSeries: Series[], shards: number | null, issues: Issue[]): KeysFigure {
  if (shardSeries.length < 2) {
    return {
      value: { kind: 'random' },
      provenance:
        shardSeries.length === 1
          ? 'one shard-level IncomingRecords series only: the spread over shards cannot be seen, so `random` (evenly spread keys)'
          : 'no shard-level IncomingRecords (enhanced monitoring off): the spread over shards cannot be seen, so `random` (evenly spread keys); skewed keys would make the hottest shard busier than this plan assumes',
      hotFactor: null,
      shardIds: shardSeries.map((s) => s.ref.shardId!),
    };
  }
  const totals = shardSeries.map((s) => s.values.reduce((a, b) => a + b, 0));
  const sum = totals.reduce((a, b) => a + b, 0);
  let hi = 0;
  for (let j = 1; j < totals.length; j++) if (totals[j]! > totals[hi]!) hi = j;
  const N = shardSeries.length;
  const hot = sum > 0 ? (totals[hi]! / sum) * N : 1;
  const ids = shardSeries.map((s) => s.ref.shardId!);
  if (shards !== null && shards !== N) {
    issues.push({
      code: 'bad-metrics',
      severity: 'warning',
      message: `shard-level metrics name ${N} shards but the stream has ${shards}: the key spread is read over the ${N} shards seen`,
      hint: 'a reshard during the window, or shard-level metrics for only some shards',
    });
  }
  const busiest = `${ids[hi]} carries ${fmt((totals[hi]! / sum) * 100, 2)}% of ${fmt(sum, 0)} records over ${N} shards (${fmt(hot, 3)}× the mean shard)`;
  if (hot < EVEN_HOT_FACTOR) {
    return {
      value: { kind: 'random' },
      provenance: `shard-level IncomingRecords (Sum): ${busiest}, within ${Math.round((EVEN_HOT_FACTOR - 1) * 100)}% of even: \`random\``,
      hotFactor: hot,
      shardIds: ids,
    };
  }
  const K = fitKeyCount(hot, N);
  return {
    value: { kind: 'count', count: K },
    provenance: `shard-level IncomingRecords (Sum): ${busiest}; ${fmt(K, 0)} equally busy keys give that hot-shard factor at ${N} shards as kplan plans for it (p95 over hash placements); Zipf-skewed popular keys would explain it as well`,
    hotFactor: hot,
    shardIds: ids,
  };
}

/** Total of `b` over the times `a` also has, and of `a` over those times. */
function overlapTotals(a: Series, b: Series): { a: number; b: number } {
  const at = new Map<number, number>();
  for (let i = 0; i < b.times.length; i++) at.set(b.times[i]!, b.values[i]!);
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < a.times.length; i++) {
    const v = at.get(a.times[i]!);
    if (v !== undefined) {
      sa += a.values[i]!;
      sb += v;
    }
  }
  return { a: sa, b: sb };
}

function fail(message: string, hint: string, extra: Partial<Issue> = {}): never {
  throw new UsageError([{ code: 'bad-metrics', severity: 'error', message, hint, ...extra }]);
}

/**
 * Everything a profile and a backtest need, from the merged series. One pass over the kinds of
 * series (stream, shards, readers, delivery streams) so each decision sits beside its provenance text.
 */
export function derive(series: Series[], options: DeriveOptions = {}): Derived {
  const issues: Issue[] = [];
  const kin = series.filter((s) => s.ref.namespace === 'kinesis');
  const streams = [...new Set(kin.map((s) => s.ref.resource).filter((r): r is string => r !== null))];
  if (streams.length > 1) {
    fail(`the metrics name more than one stream: ${streams.map((s) => `\`${s}\``).join(', ')}`, 'observe one stream at a time');
  }
  const shardRecords = kin.filter((s) => s.ref.metric === 'IncomingRecords' && s.ref.shardId !== null);
  const shardBytes = kin.filter((s) => s.ref.metric === 'IncomingBytes' && s.ref.shardId !== null);
  let records = find(kin, 'kinesis', 'IncomingRecords');
  let bytes = find(kin, 'kinesis', 'IncomingBytes');
  if (!records && shardRecords.length > 0) records = sumSeries(shardRecords, 'Σ shards');
  const rejected =
    find(kin, 'kinesis', 'WriteProvisionedThroughputExceeded') ??
    sumSeries(
      kin.filter((s) => s.ref.metric === 'WriteProvisionedThroughputExceeded' && s.ref.shardId !== null),
      'Σ shards',
    );
  if (!bytes && shardBytes.length > 0) bytes = sumSeries(shardBytes, 'Σ shards');

  const fhNames = [...new Set(series.filter((s) => s.ref.namespace === 'firehose').map((s) => s.ref.resource ?? 'firehose'))];
  const fhSeries = (name: string, metric: string) => series.find((s) => s.ref.namespace === 'firehose' && (s.ref.resource ?? 'firehose') === name && s.ref.metric === metric);

  if (!records && fhNames.length === 0) {
    fail('no IncomingRecords series: nothing to derive traffic from', 'include AWS/Kinesis IncomingRecords and IncomingBytes (Sum, 1-minute period): see docs/observe.md');
  }
  const shardsFromMetrics = shardRecords.length > 0 ? shardRecords.length : null;
  const shardCount = options.shards ?? shardsFromMetrics;
  const shards: Figure<number> | null =
    shardCount === null
      ? null
      : { value: shardCount, provenance: options.shards !== undefined ? '--shards' : `${shardsFromMetrics} shards in the shard-level IncomingRecords series` };

  let stream: TrafficFigures | null = null;
  if (records) {
    const what = shardRecords.length > 0 && !find(kin, 'kinesis', 'IncomingRecords') ? 'AWS/Kinesis Σ shard-level' : 'AWS/Kinesis';
    stream = trafficFigures(records, bytes, issues, what, rejected);
    if (!stream.recordSizeBytes) fail('no IncomingBytes series: the record size cannot be derived', 'include AWS/Kinesis IncomingBytes (Sum, same period) beside IncomingRecords');
  }

  let consumers: Figure<number> | null = null;
  const getRecords = find(kin, 'kinesis', 'GetRecords.Records');
  const firehose: FirehoseFigures[] = [];
  for (const name of fhNames) {
    const inRec = fhSeries(name, 'IncomingRecords');
    const inBytes = fhSeries(name, 'IncomingBytes');
    const readRec = fhSeries(name, 'DataReadFromKinesisStream.Records');
    const s3 = fhSeries(name, 'DeliveryToS3.Records') ?? fhSeries(name, 'DeliveryToS3.DataFreshness');
    let source: Figure<'stream' | 'direct-put'>;
    if (readRec) source = { value: 'stream', provenance: `AWS/Firehose DataReadFromKinesisStream.Records of ${name} is present: it reads the stream` };
    else if (inRec && records) {
      const t = overlapTotals(records, inRec);
      const ratio = t.a > 0 ? t.b / t.a : 0;
      source =
        Math.abs(ratio - 1) <= 0.02
          ? { value: 'stream', provenance: `AWS/Firehose IncomingRecords of ${name} is ${fmt(ratio, 3)}× the stream's IncomingRecords: it reads the stream` }
          : {
              value: 'direct-put',
              provenance: `AWS/Firehose IncomingRecords of ${name} is ${fmt(ratio, 3)}× the stream's IncomingRecords (not ≈ 1) and no DataReadFromKinesisStream: Direct PUT`,
            };
    } else if (inRec) source = { value: 'direct-put', provenance: `AWS/Firehose IncomingRecords of ${name} and no Kinesis stream metrics: Direct PUT` };
    else source = { value: 'stream', provenance: `no AWS/Firehose IncomingRecords of ${name}: assumed to read the stream` };
    const traffic = source.value === 'direct-put' && inRec ? trafficFigures(inRec, inBytes, issues, `AWS/Firehose ${name}`) : null;
    if (traffic && !traffic.recordSizeBytes)
      fail(`no AWS/Firehose IncomingBytes for ${name}: its record size cannot be derived`, 'include its IncomingBytes (Sum) beside IncomingRecords');
    firehose.push({
      name,
      source,
      destination: s3
        ? { value: 's3', provenance: `AWS/Firehose DeliveryToS3.* of ${name} is present` }
        : { value: 's3', provenance: `no DeliveryTo* metric of ${name}: s3 assumed (set the destination and buffering hints)` },
      traffic,
      freshness: fhSeries(name, 'DeliveryToS3.DataFreshness') ?? null,
    });
  }

  if (getRecords && records) {
    const t = overlapTotals(records, getRecords);
    const ratio = t.a > 0 ? t.b / t.a : 0;
    const fromStream = firehose.filter((f) => f.source.value === 'stream').length;
    const apps = Math.max(0, Math.round(ratio) - fromStream);
    consumers = {
      value: apps,
      provenance:
        `AWS/Kinesis GetRecords.Records ÷ IncomingRecords (Sum, same periods): ${fmt(t.b, 0)} ÷ ${fmt(t.a, 0)} = ${fmt(ratio, 2)} polling readers` +
        (fromStream > 0 ? `, less ${fromStream} Firehose delivery stream(s) that kplan counts itself` : '') +
        '; their type and polling rate are not in the metrics (enhanced fan-out readers do not show in GetRecords)',
    };
  }

  let keys: KeysFigure | null = null;
  if (stream) keys = keysFigure(shardRecords, shardCount, issues);
  if (!stream && firehose.every((f) => f.traffic === null)) {
    fail('no IncomingRecords series with data: nothing to derive traffic from', 'include AWS/Kinesis IncomingRecords and IncomingBytes (Sum, 1-minute period)');
  }
  return { streamName: streams[0] ?? null, stream, keys, consumers, shards, firehose, rejected, series, issues };
}
