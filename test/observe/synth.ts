// A known synthetic stream, second by second, written out as the AWS CLI prints CloudWatch metrics.
// Written apart from src/observe: it knows the truth (the process's parameters and every minute's
// exact sums) so each figure `kplan observe` derives can be checked against what made it.
//
// Process: each second s of UTC hour h, a common burst factor G ~ Gamma(k)/k (mean 1); shard j gets
// Poisson(μ·curve[h]·w_j·G) records, so the stream's count is NegBin(μ·curve[h], k) and every
// shard's is NegBin(μ·curve[h]·w_j, k). Each shard accepts up to 1,000 records (and 1 MiB) per
// second; the rest is WriteProvisionedThroughputExceeded.

import { Rng } from '../../src/model/risk/rng.js';
import { shardOfKey, zipfShares } from '../../src/model/risk/placement.js';

export interface SynthSpec {
  seed: number;
  /** Mean records/s over a day (the curve has mean 1). */
  recordsPerSecond: number;
  /** 24 hourly multipliers, mean 1; null = flat. */
  dailyCurve: number[] | null;
  /** Per-second NegBin shape; Infinity = Poisson. */
  dispersion: number;
  recordBytes: number;
  shards: number;
  /** Partition keys (placed by MD5) with Zipf popularity; null = a fresh random key per record (even). */
  keys: { count: number; skew: number } | null;
  /** Start, ms since the epoch (a whole minute). */
  startMs: number;
  /** Length in seconds. */
  seconds: number;
  /** Polling readers: GetRecords.Records = readers × IncomingRecords. */
  readers: number;
}

export interface SynthTruth {
  /** Per-minute sums, oldest first; the last minute may be partly filled when seconds % 60 ≠ 0. */
  minuteTimes: number[];
  records: number[];
  bytes: number[];
  throttled: number[];
  shardRecords: number[][];
  shardThrottled: number[][];
  shardWeights: number[];
}

/** Shard weights: each shard's share of the traffic. */
export function shardWeights(spec: SynthSpec): number[] {
  const w = new Array<number>(spec.shards).fill(0);
  if (spec.keys === null) return w.fill(1 / spec.shards);
  const shares = zipfShares(spec.keys.count, spec.keys.skew);
  for (let i = 0; i < spec.keys.count; i++) {
    const j = shardOfKey(`key-${i}`, spec.shards);
    w[j] = w[j]! + shares[i]!;
  }
  return w;
}

export function synthesize(spec: SynthSpec): SynthTruth {
  const rng = new Rng(spec.seed, 16);
  const w = shardWeights(spec);
  const minutes = Math.ceil(spec.seconds / 60);
  const truth: SynthTruth = {
    minuteTimes: [],
    records: new Array<number>(minutes).fill(0),
    bytes: new Array<number>(minutes).fill(0),
    throttled: new Array<number>(minutes).fill(0),
    shardRecords: w.map(() => new Array<number>(minutes).fill(0)),
    shardThrottled: w.map(() => new Array<number>(minutes).fill(0)),
    shardWeights: w,
  };
  for (let m = 0; m < minutes; m++) truth.minuteTimes.push(spec.startMs + m * 60_000);
  const capRecords = Math.min(1000, Math.floor((1024 * 1024) / spec.recordBytes));
  for (let s = 0; s < spec.seconds; s++) {
    const t = spec.startMs + s * 1000;
    const hour = new Date(t).getUTCHours();
    const mu = spec.recordsPerSecond * (spec.dailyCurve ? spec.dailyCurve[hour]! : 1);
    const g = Number.isFinite(spec.dispersion) ? rng.gamma(spec.dispersion) / spec.dispersion : 1;
    const m = Math.floor(s / 60);
    for (let j = 0; j < w.length; j++) {
      const c = rng.poisson(mu * w[j]! * g);
      const accepted = Math.min(c, capRecords);
      truth.records[m]! += accepted;
      truth.bytes[m]! += accepted * spec.recordBytes;
      truth.throttled[m]! += c - accepted;
      truth.shardRecords[j]![m]! += accepted;
      truth.shardThrottled[j]![m]! += c - accepted;
    }
  }
  return truth;
}

/** `2026-11-30T10:00:00+00:00`, as the AWS CLI prints a timestamp. */
export function cliTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, '+00:00');
}

export interface Query {
  id: string;
  label: string;
  times: number[];
  values: number[];
}

/** `aws cloudwatch get-metric-data` output: newest first, StatusCode Complete. */
export function getMetricData(queries: Query[], options: { status?: string } = {}): string {
  return JSON.stringify(
    {
      MetricDataResults: queries.map((q) => {
        const order = q.times.map((_, i) => i).reverse();
        return {
          Id: q.id,
          Label: q.label,
          Timestamps: order.map((i) => cliTime(q.times[i]!)),
          Values: order.map((i) => q.values[i]!),
          StatusCode: options.status ?? 'Complete',
        };
      }),
      Messages: [],
    },
    null,
    4,
  );
}

/** `aws cloudwatch get-metric-statistics --statistics Sum` output. */
export function getMetricStatistics(label: string, times: number[], values: number[], unit = 'Count'): string {
  return JSON.stringify(
    {
      Label: label,
      Datapoints: times.map((t, i) => ({ Timestamp: cliTime(t), Sum: values[i], Unit: unit })),
    },
    null,
    4,
  );
}

/** Sums consecutive minutes into periods of `m` minutes (whole periods only). */
export function coarsen(times: number[], values: number[], m: number): { times: number[]; values: number[] } {
  const out = { times: [] as number[], values: [] as number[] };
  for (let i = 0; i + m <= values.length; i += m) {
    out.times.push(times[i]!);
    let s = 0;
    for (let k = 0; k < m; k++) s += values[i + k]!;
    out.values.push(s);
  }
  return out;
}

/** The standard export of a synthetic stream: stream-level metrics, optionally shard-level ones. */
export function exportOf(spec: SynthSpec, truth: SynthTruth, options: { shardLevel?: boolean; shardThrottled?: boolean; stream?: string } = {}): string {
  const name = options.stream ?? 'synthetic';
  const t = truth.minuteTimes;
  const q: Query[] = [
    { id: 'records', label: `${name} IncomingRecords Sum`, times: t, values: truth.records },
    { id: 'bytes', label: `${name} IncomingBytes Sum`, times: t, values: truth.bytes },
    { id: 'wpte', label: `${name} WriteProvisionedThroughputExceeded Sum`, times: t, values: truth.throttled },
    { id: 'rpte', label: `${name} ReadProvisionedThroughputExceeded Sum`, times: t, values: t.map(() => 0) },
    { id: 'getrecords', label: `${name} GetRecords.Records Sum`, times: t, values: truth.records.map((r) => r * spec.readers) },
  ];
  if (options.shardLevel) {
    truth.shardRecords.forEach((v, j) => q.push({ id: `shard${j}`, label: `${name} shardId-${String(j).padStart(12, '0')} IncomingRecords Sum`, times: t, values: v }));
  }
  if (options.shardThrottled) {
    truth.shardThrottled.forEach((v, j) =>
      q.push({ id: `wpte${j}`, label: `${name} shardId-${String(j).padStart(12, '0')} WriteProvisionedThroughputExceeded Sum`, times: t, values: v }),
    );
  }
  return getMetricData(q);
}

/** A flat-ish curve with a day shape: mean exactly 1. */
export const DAY_CURVE: number[] = (() => {
  const raw = Array.from({ length: 24 }, (_, h) => 1 + 0.6 * Math.sin(((h - 8) / 24) * 2 * Math.PI));
  const mean = raw.reduce((a, b) => a + b, 0) / 24;
  return raw.map((x) => Math.round((x / mean) * 1000) / 1000);
})();
