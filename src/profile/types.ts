// The validated, normalised workload profile (docs/profile.md). Every size is in bytes and
// every duration in seconds, with the unit in the field name; defaults are already applied.

import type { SourcePosition } from '../errors.js';

export type StreamMode = 'provisioned' | 'on-demand' | 'on-demand-advantage';
export type StreamModeOrNone = StreamMode | 'none';

/** A record-size distribution as point masses: shares sum to 1. */
export interface RecordSizeDistribution {
  kind: 'fixed' | 'average-p99' | 'histogram';
  /** Sizes in bytes with the share of records at each; shares sum to 1. */
  buckets: { bytes: number; share: number }[];
  /** Mean size in bytes (Σ bytes × share). */
  averageBytes: number;
}

export type PartitionKeys = { kind: 'random' } | { kind: 'count'; count: number } | { kind: 'list'; keys: string[] };

export type BurstinessLevel = 'none' | 'poisson' | 'low' | 'medium' | 'high' | 'custom';

export interface Burstiness {
  level: BurstinessLevel;
  /**
   * Negative-binomial shape k (variance μ + μ²/k). `Infinity` for Poisson; for `none`
   * arrivals are perfectly steady (no variance at all).
   */
  dispersion: number;
}

export interface Traffic {
  recordsPerSecond: number;
  peakRecordsPerSecond: number;
  /** True when the profile gave no peak (peak = average, with a warning). */
  peakDefaulted: boolean;
  peakWindowSeconds: number;
  recordSize: RecordSizeDistribution;
  partitionKeyBytes: number;
  partitionKeys: PartitionKeys;
  keySkew: number;
  burstiness: Burstiness;
  /** 24 hourly multipliers of the average (UTC), mean 1; null = flat. */
  dailyCurve: number[] | null;
}

export interface Producer {
  aggregation: 'none' | 'kpl';
  aggregationMaxSizeBytes: number;
  producers: number;
  bufferTimeSeconds: number;
}

export interface StreamConfig {
  mode: StreamModeOrNone;
  /** null = auto. */
  shards: number | null;
  retentionHours: number;
  targetUtilization: number;
  maxThrottleRate: number;
  /** On-demand only: highest write rate of the last 30 days, records/s; null = a new stream. */
  previousPeakRecordsPerSecond: number | null;
  /**
   * The account's other On-demand Advantage traffic in this Region, bytes/s in and out: the
   * 25 MiB/s minimum is account-wide, so this stream is billed only for the shortfall it leaves.
   */
  advantageOtherTraffic: { inBytesPerSecond: number; outBytesPerSecond: number };
}

export interface Consumer {
  name: string;
  type: 'lambda' | 'kcl' | 'custom';
  efo: boolean;
  /** GetRecords calls per shard per second (shared consumers); 0 for EFO. */
  pollsPerSecond: number;
  catchUpSeconds: number | null;
}

export type KplBillingBasis = 'user-records' | 'aggregated-records';

export type FirehoseDestination = 's3' | 'opensearch' | 'splunk' | 'http' | 'redshift' | 'snowflake';
export type Compression = 'none' | 'gzip' | 'snappy' | 'zip' | 'hadoop-snappy';

export interface FirehoseConfig {
  name: string;
  source: 'stream' | 'direct-put';
  /**
   * Reading a KPL-aggregated stream: bill ingestion per de-aggregated user record (5 KB each, the
   * conservative default) or per aggregated Kinesis record. AWS does not say which.
   */
  kplBilling: KplBillingBasis;
  destination: FirehoseDestination;
  bufferSizeBytes: number;
  bufferIntervalSeconds: number;
  /** True where the profile set the value (false = destination default). */
  bufferSizeGiven: boolean;
  bufferIntervalGiven: boolean;
  compression: Compression;
  compressionRatio: number;
  formatConversion: 'none' | 'parquet' | 'orc';
  dynamicPartitioning: { partitions: number; jq: boolean } | null;
  vpc: { subnets: number } | null;
  /** Direct PUT: its own traffic (defaults to the top-level traffic); null for `source: stream`. */
  traffic: Traffic | null;
  /** Data transformation with a Lambda function; null = none. */
  transform: TransformConfig | null;
  /** Storage and reads of the delivered S3 objects; null = not modelled (S3 PUT requests only). */
  s3: S3Config | null;
}

export type LambdaArchitecture = 'x86' | 'arm';

/** Firehose data transformation with a Lambda function (docs/firehose.md). */
export interface TransformConfig {
  memoryBytes: number;
  /** Run time of one invocation: fixed seconds, plus seconds per MiB of input (one of the two is 0). */
  durationSecondsPerInvocation: number;
  durationSecondsPerMiB: number;
  /** The function's timeout; null = not given (checked against Firehose's 5-minute maximum only). */
  timeoutSeconds: number | null;
  /** Transform buffering hints (the records Firehose hands to one invocation). */
  bufferSizeBytes: number;
  bufferIntervalSeconds: number;
  bufferSizeGiven: boolean;
  bufferIntervalGiven: boolean;
  architecture: LambdaArchitecture;
  /** Output bytes ÷ input bytes. */
  outputRatio: number;
}

export type StorageClass = 'standard' | 'standard-ia' | 'one-zone-ia' | 'glacier-ir' | 'glacier-flexible' | 'glacier-deep-archive';

export interface S3Config {
  /** How long delivered objects are kept; null = forever. */
  retentionSeconds: number | null;
  /** Lifecycle transitions, in order of `afterSeconds` (each strictly later and to a colder class). */
  transitions: { afterSeconds: number; storageClass: StorageClass }[];
  /** GET requests per delivered object over its life. */
  getRequestsPerObject: number;
}

export type BudgetName =
  | 'monthly_usd'
  | 'daily_usd'
  | 'hourly_usd'
  | 'shards'
  | 'throttle_rate'
  | 'utilization'
  | 'latency_seconds'
  | 'objects_per_day'
  | 'monthly_usd_increase'
  | 'monthly_usd_increase_percent';

export interface Budget {
  name: BudgetName;
  warn: number | null;
  error: number | null;
  /** Where the budget is declared (for annotations); null when it came from a flag. */
  position: SourcePosition | null;
  /** `budgets` in the profile, or the flag that set it. */
  origin: string;
}

export interface Profile {
  version: 1;
  name: string;
  /** The file as the user named it, `<stdin>` for `-`. */
  file: string;
  /** Region codes, or ['all'] for every priced region. */
  regions: string[];
  traffic: Traffic;
  producer: Producer;
  stream: StreamConfig;
  consumers: Consumer[];
  firehose: FirehoseConfig[];
  budgets: Budget[];
  /** Source position of each key path given in the file (`traffic.record_size` → 4:3). */
  positions: Record<string, SourcePosition>;
  /** Non-fatal issues found while reading (defaults applied with a warning, etc.). */
  warnings: { code: string; message: string; path?: string }[];
}
