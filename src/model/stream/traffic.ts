// Traffic arithmetic shared by the stream and Firehose models: per-record billing rounding over a
// record-size distribution, and what KPL aggregation does to record counts and sizes.

import type { Producer, RecordSizeDistribution } from '../../profile/types.js';

/** PUT payload unit: 25 KB chunks per Kinesis record (https://aws.amazon.com/kinesis/data-streams/pricing/). */
export const PUT_PAYLOAD_UNIT_BYTES = 25 * 1024;
/** On-demand data is billed per record rounded up to 1 KB (1,024 B) (same page). */
export const ON_DEMAND_ROUNDING_BYTES = 1024;
/** Firehose ingestion is billed per record rounded up to 5 KB (https://aws.amazon.com/firehose/pricing/). */
export const FIREHOSE_ROUNDING_BYTES = 5 * 1024;

/** Per-shard write limits (https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html). */
export const SHARD_WRITE_BYTES_PER_SECOND = 1024 * 1024;
export const SHARD_WRITE_RECORDS_PER_SECOND = 1000;
/** Shared-throughput read limits per shard: 2 MiB/s and 5 GetRecords calls/s, shared by all polling consumers. */
export const SHARD_READ_BYTES_PER_SECOND = 2 * 1024 * 1024;
export const SHARD_READ_TPS = 5;
/** Registered enhanced fan-out consumers per stream: 20, or 50 with on-demand Advantage. */
export const EFO_CONSUMER_LIMIT = 20;
export const EFO_CONSUMER_LIMIT_ADVANTAGE = 50;
/** A single partition key is capped at one shard's write limits, whatever the mode. */
export const KEY_WRITE_BYTES_PER_SECOND = 1024 * 1024;
export const KEY_WRITE_RECORDS_PER_SECOND = 1000;

/**
 * Per-bucket-list results. The buckets of a lognormal are shared by every profile with the same
 * sizes (a sweep's points), so their rounding and spread are computed once.
 */
const unitsMemo = new WeakMap<RecordSizeDistribution['buckets'], Map<number, number>>();
const sdMemo = new WeakMap<RecordSizeDistribution['buckets'], Map<number, number>>();

/** compute() memoised on the bucket list and a number (numeric keys: no text to build per call). */
function memoOnBuckets(memo: WeakMap<RecordSizeDistribution['buckets'], Map<number, number>>, dist: RecordSizeDistribution, key: number, compute: () => number): number {
  let m = memo.get(dist.buckets);
  if (!m) {
    m = new Map();
    memo.set(dist.buckets, m);
  }
  let v = m.get(key);
  if (v === undefined) {
    v = compute();
    m.set(key, v);
  }
  return v;
}

/** E[ceil(size / unit)] over the distribution: billing units per record. */
export function expectedUnitsPerRecord(dist: RecordSizeDistribution, unitBytes: number): number {
  return memoOnBuckets(unitsMemo, dist, unitBytes, () => {
    let units = 0;
    for (const b of dist.buckets) units += b.share * Math.max(1, Math.ceil(b.bytes / unitBytes));
    return units;
  });
}

/** E[ceil(size / unit) × unit] over the distribution: billed bytes per record. */
export function roundedBytesPerRecord(dist: RecordSizeDistribution, unitBytes: number): number {
  return expectedUnitsPerRecord(dist, unitBytes) * unitBytes;
}

/** Standard deviation of record size in bytes. */
export function recordSizeSd(dist: RecordSizeDistribution): number {
  return memoOnBuckets(sdMemo, dist, dist.averageBytes, () => {
    let v = 0;
    for (const b of dist.buckets) v += b.share * (b.bytes - dist.averageBytes) ** 2;
    return Math.sqrt(v);
  });
}

/** Largest record size in the distribution. */
export function maxRecordBytes(dist: RecordSizeDistribution): number {
  return dist.buckets.reduce((m, b) => Math.max(m, b.bytes), 0);
}

export interface KinesisRecordFlow {
  /** Kinesis records/s (after aggregation). */
  kinesisRecordsPerSecond: number;
  /** Average Kinesis record payload, bytes (after aggregation). */
  kinesisRecordBytes: number;
  /** Whether user records are packed (KPL). */
  aggregated: boolean;
}

/**
 * Kinesis records produced from user records on one shard (docs/model.md, `write-records`): with KPL aggregation,
 * each of P producers flushes every buffer_time; a flush that carries anything for the shard makes
 * at least one record, and a flush holding more than aggregation_max_size makes several:
 *   m = λ·T_b / P;  rec/s ≈ max((P / T_b)·(1 − e^(−m)), λ ÷ ⌊max_size ÷ record⌋).
 * (The sum of the two terms would be an upper bound; the max reproduces the KPL guide's
 * example: 1,000 records/s of 512 B from one producer → 10 Kinesis records/s of ~50 KB.)
 * KPL keys its aggregators by predicted shard, so aggregation does not change the key→shard spread
 * (https://docs.aws.amazon.com/streams/latest/dev/kinesis-kpl-concepts.html).
 */
export function kinesisRecordsOnShard(userRecordsPerSecond: number, userRecordBytes: number, producer: Producer): KinesisRecordFlow {
  if (producer.aggregation === 'none' || userRecordsPerSecond <= 0) {
    return { kinesisRecordsPerSecond: userRecordsPerSecond, kinesisRecordBytes: userRecordBytes, aggregated: false };
  }
  const bytesPerSecond = userRecordsPerSecond * userRecordBytes;
  const p = producer.producers;
  const t = Math.max(producer.bufferTimeSeconds, 1e-3);
  const m = (userRecordsPerSecond * t) / p;
  const flushes = (p / t) * (1 - Math.exp(-m));
  // An aggregated record holds at most floor(max_size ÷ record) user records (one when a record is
  // more than half the maximum).
  const perAggregate = Math.max(1, Math.floor(producer.aggregationMaxSizeBytes / Math.max(userRecordBytes, 1)));
  const full = userRecordsPerSecond / perAggregate;
  // Never more Kinesis records than user records.
  const records = Math.min(userRecordsPerSecond, Math.max(flushes, full));
  return { kinesisRecordsPerSecond: records, kinesisRecordBytes: bytesPerSecond / records, aggregated: true };
}

/**
 * Billing units per aggregated Kinesis record (⌈size ÷ unit⌉ on average). Aggregated records vary
 * in size from flush to flush, so the mean size S is taken as spread uniformly over S ± w, with
 * w = min(S/2, max_size − S): full records (S at the maximum) are exact.
 *
 * Two things must hold whatever the load: bigger records never bill fewer units each, and the same
 * bytes split into more, smaller records never bill fewer units in all (more traffic spreads over
 * more shards, and each shard's aggregates get smaller). The smoothed expectation e(S) alone breaks
 * the second — records of ~700–1,000 B straddle a 1 KiB unit — so the units are the least function
 * above e at a fixed grid of sizes t that keeps both: max over t of e(t)·min(1, S ÷ t). It is never
 * below e at the grid's sizes, and within the grid's 0.5% step of it elsewhere.
 */
export function aggregatedUnitsPerRecord(flow: KinesisRecordFlow, maxSizeBytes: number, unitBytes: number): number {
  const s = flow.kinesisRecordBytes;
  if (!(s > 0) || !(s < maxSizeBytes)) return smoothedUnits(s, maxSizeBytes, unitBytes);
  const g = unitsGrid(maxSizeBytes, unitBytes);
  // The grid's sizes are GRID_RATIO^k (the last one clipped to the maximum); s lies in [t_k, t_k+1).
  const k = Math.min(g.sizes.length - 2, Math.max(-1, Math.floor(Math.log(s) / Math.log(GRID_RATIO))));
  const below = k >= 0 ? g.maxUnitsUpTo[k]! : 1;
  return Math.max(1, below, s * g.maxPerByteFrom[k + 1]!);
}

function smoothedUnits(s: number, maxSizeBytes: number, unitBytes: number): number {
  const w = Math.max(0, Math.min(s / 2, maxSizeBytes - s));
  return expectedCeilUniform(s - w, s + w, unitBytes);
}

const GRID_RATIO = 1.005;
interface UnitsGrid {
  sizes: Float64Array;
  /** max of e(t_j) over j ≤ k. */
  maxUnitsUpTo: Float64Array;
  /** max of e(t_j) ÷ t_j over j ≥ k. */
  maxPerByteFrom: Float64Array;
}
const gridCache = new Map<string, UnitsGrid>();

function unitsGrid(maxSizeBytes: number, unitBytes: number): UnitsGrid {
  const key = `${maxSizeBytes}/${unitBytes}`;
  const cached = gridCache.get(key);
  if (cached !== undefined) return cached;
  const n = Math.ceil(Math.log(maxSizeBytes) / Math.log(GRID_RATIO)) + 1;
  const sizes = new Float64Array(n);
  const units = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    sizes[k] = Math.min(GRID_RATIO ** k, maxSizeBytes);
    units[k] = smoothedUnits(sizes[k]!, maxSizeBytes, unitBytes);
  }
  const maxUnitsUpTo = new Float64Array(n);
  const maxPerByteFrom = new Float64Array(n);
  for (let k = 0; k < n; k++) maxUnitsUpTo[k] = Math.max(units[k]!, k > 0 ? maxUnitsUpTo[k - 1]! : 0);
  for (let k = n - 1; k >= 0; k--) maxPerByteFrom[k] = Math.max(units[k]! / sizes[k]!, k < n - 1 ? maxPerByteFrom[k + 1]! : 0);
  const grid = { sizes, maxUnitsUpTo, maxPerByteFrom };
  if (gridCache.size > 16) gridCache.clear();
  gridCache.set(key, grid);
  return grid;
}

/** E[⌈X ÷ u⌉] for X uniform on [a, b] (at least 1). */
export function expectedCeilUniform(a: number, b: number, u: number): number {
  if (b - a <= 1e-9 * Math.max(1, b)) return Math.max(1, Math.ceil(a / u));
  // ∫₀ˣ ⌈t/u⌉ dt = u·n(n+1)/2 + (n+1)·r with x = n·u + r.
  const integral = (x: number) => {
    const n = Math.floor(x / u);
    const r = x - n * u;
    return (u * n * (n + 1)) / 2 + (n + 1) * r;
  };
  return Math.max(1, (integral(b) - integral(a)) / (b - a));
}
