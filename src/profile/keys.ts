// The profile's keys in one table (docs/profile.md): names, defaults, descriptions and
// JSON Schema fragments. The validator takes its allowed keys and defaults from here and the
// schema is generated from it, so the two cannot drift apart.

import { KIB, MIB } from '../units.js';
import type { BudgetName } from './types.js';

export type JsonSchema = Record<string, unknown>;

export interface KeySpec {
  description: string;
  required?: boolean;
  /** The default as a profile would spell it (for the schema and docs). */
  default?: unknown;
  /** Type, enum and range, without description/default. */
  schema: JsonSchema;
}

export type KeyTable = Readonly<Record<string, KeySpec>>;

// ---- limits and defaults (the validator and the schema read these) ----

export const LIMITS = {
  /** KDS maximum record size, reachable with UpdateMaxRecordSize (10,240 KiB). */
  maxRecordBytes: 10 * MIB,
  /** KDS default maximum record size. */
  defaultMaxRecordBytes: 1 * MIB,
  minPartitionKeyBytes: 1,
  maxPartitionKeyBytes: 256,
  maxPartitionKeyChars: 256,
  maxPartitionKeyList: 100_000,
  maxAggregationBytes: 1 * MIB,
  maxShards: 10_000,
  minRetentionHours: 24,
  maxRetentionHours: 8760,
  /** Caps that only catch absurd input (1e308): far above any real stream. */
  maxRecordsPerSecond: 1e9,
  maxPollsPerSecond: 1000,
  maxProducers: 1_000_000,
  maxBufferTimeSeconds: 3600,
  maxPeakWindowSeconds: 86_400,
  maxCatchUpSeconds: 365 * 86_400,
  maxKeySkew: 100,
  /** Smallest negative-binomial shape k of `burstiness: {dispersion: k}`. */
  minDispersion: 0.1,
  maxPartitions: 1_000_000,
  maxSubnets: 100,
  maxOutputRatio: 100,
  maxGetRequestsPerObject: 1_000_000,
  /** S3 retention: 100 years catches a typo in the unit, not a real lifecycle. */
  maxS3RetentionSeconds: 36_500 * 86_400,
  maxHistogramBuckets: 10_000,
  maxSizeBytes: 1024 * 1024 * MIB,
  /**
   * Default Kinesis shard quota per account and Region: 20,000 in these Regions, 1,000 (or 6,000)
   * elsewhere (https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html).
   */
  shardQuotaLargeRegions: ['us-east-1', 'us-west-2', 'eu-west-1'] as readonly string[],
  shardQuotaLarge: 20_000,
  shardQuotaSmall: 1_000,
} as const;

export const DEFAULTS = {
  region: 'us-east-1',
  peakWindowSeconds: 60,
  partitionKeyBytes: 32,
  keySkew: 0,
  burstiness: 'medium',
  aggregation: 'none',
  aggregationMaxSizeBytes: 50 * KIB,
  producers: 1,
  bufferTimeSeconds: 0.1,
  mode: 'provisioned',
  retentionHours: 24,
  targetUtilization: 0.8,
  maxThrottleRate: 1e-4,
  efo: false,
  pollsPerSecond: { lambda: 1, kcl: 1 / 1.5 },
  source: 'stream',
  kplBilling: 'user-records',
  destination: 's3',
  compression: 'none',
  formatConversion: 'none',
  jq: false,
  architecture: 'x86',
  outputRatio: 1,
} as const;

/** Negative-binomial shape k of each named burstiness level (variance μ + μ²/k). */
export const BURSTINESS_LEVELS = {
  none: Infinity,
  poisson: Infinity,
  low: 200,
  medium: 50,
  high: 10,
} as const;

export const STREAM_MODES = ['provisioned', 'on-demand', 'on-demand-advantage', 'none'] as const;
export const CONSUMER_TYPES = ['lambda', 'kcl', 'custom'] as const;
export const KPL_BILLING_BASES = ['user-records', 'aggregated-records'] as const;
export const FIREHOSE_SOURCES = ['stream', 'direct-put'] as const;
export const DESTINATIONS = ['s3', 'opensearch', 'splunk', 'http', 'redshift', 'snowflake'] as const;
export const COMPRESSIONS = ['none', 'gzip', 'snappy', 'zip', 'hadoop-snappy'] as const;
export const FORMAT_CONVERSIONS = ['none', 'parquet', 'orc'] as const;
export const AGGREGATIONS = ['none', 'kpl'] as const;
export const LAMBDA_ARCHITECTURE_WORDS = ['x86', 'arm'] as const;
export const STORAGE_CLASS_WORDS = ['standard', 'standard-ia', 'one-zone-ia', 'glacier-ir', 'glacier-flexible', 'glacier-deep-archive'] as const;

// ---- schema fragments ----

export const SIZE_PATTERN = '^\\s*[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?\\s*([bB]|[kKmMgG][iI]?[bB])?\\s*$';
export const DURATION_PATTERN = '^\\s*[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?\\s*([mM][sS]|[sSmMhHdD])?\\s*$';

const SIZE: JsonSchema = { $ref: '#/$defs/size' };
const DURATION: JsonSchema = { $ref: '#/$defs/duration' };
const int = (minimum: number, maximum?: number): JsonSchema => (maximum === undefined ? { type: 'integer', minimum } : { type: 'integer', minimum, maximum });
const words = (values: readonly string[]): JsonSchema => ({ type: 'string', enum: [...values] });

export const RECORD_SIZE_AVG_P99_KEYS: KeyTable = {
  average: { description: 'Mean record payload size.', required: true, schema: SIZE },
  p99: { description: '99th-percentile record payload size (at most about 14.97 × average for a lognormal).', required: true, schema: SIZE },
};

export const HISTOGRAM_BUCKET_KEYS: KeyTable = {
  size: { description: 'Record payload size of this bucket.', required: true, schema: SIZE },
  share: { description: 'Share of records of this size, in (0, 1]; shares sum to 1.', required: true, schema: { type: 'number', exclusiveMinimum: 0, maximum: 1 } },
};

export const BURSTINESS_KEYS: KeyTable = {
  dispersion: {
    description: 'Negative-binomial shape k ≥ 0.1: per-second counts have variance μ + μ²/k (smaller k = burstier).',
    required: true,
    schema: { type: 'number', minimum: 0.1 },
  },
};

export const TRAFFIC_KEYS: KeyTable = {
  records_per_second: {
    description: 'Average user records per second, whole stream.',
    required: true,
    schema: { type: 'number', exclusiveMinimum: 0, maximum: LIMITS.maxRecordsPerSecond },
  },
  peak_records_per_second: {
    description: 'Peak rate the stream must absorb, measured over `peak_window`; at least the average. Default: the average (with a warning).',
    schema: { type: 'number', exclusiveMinimum: 0, maximum: LIMITS.maxRecordsPerSecond },
  },
  peak_window: {
    description: 'Window the peak was measured over (CloudWatch gives 1-minute sums); sub-window bursts come from `burstiness`.',
    default: '60s',
    schema: DURATION,
  },
  record_size: {
    description:
      'User record payload size: a size, `{average, p99}` (lognormal, 50 equal-probability bins), or a histogram `[{size, share}]`. Each record is at most 10 MiB; above 1 MiB the stream needs UpdateMaxRecordSize.',
    required: true,
    schema: { $ref: '#/$defs/record_size' },
  },
  partition_key_size: {
    description: 'Partition key size (1–256 bytes); counts toward the 1 MiB/s shard write limit.',
    default: '32 B',
    schema: SIZE,
  },
  partition_keys: {
    description: '`random` (a fresh key per record), the number of distinct keys, or the list of keys (placed on shards by MD5; at most 100,000, each 1–256 characters).',
    default: 'random',
    schema: {
      oneOf: [
        { const: 'random' },
        int(1),
        { type: 'array', minItems: 1, maxItems: LIMITS.maxPartitionKeyList, items: { type: 'string', minLength: 1, maxLength: LIMITS.maxPartitionKeyChars } },
      ],
    },
  },
  key_skew: {
    description: 'Zipf exponent s of key popularity (0 = all keys equally busy).',
    default: 0,
    schema: { type: 'number', minimum: 0, maximum: LIMITS.maxKeySkew },
  },
  burstiness: {
    description:
      'Per-second variation around the rate: `none` = perfectly steady; `poisson` = Poisson arrivals; `low` (k = 200), `medium` (k = 50), `high` (k = 10) or `{dispersion: k}` = negative-binomial overdispersion, variance μ + μ²/k.',
    default: DEFAULTS.burstiness,
    schema: {
      oneOf: [words(Object.keys(BURSTINESS_LEVELS)), { $ref: '#/$defs/burstiness_dispersion' }],
    },
  },
  daily_curve: {
    description: '24 hourly multipliers of the average (UTC hour 0–23), each ≥ 0, mean 1 (± 1%). Default: flat.',
    schema: { type: 'array', minItems: 24, maxItems: 24, items: { type: 'number', minimum: 0 } },
  },
};

export const PRODUCER_KEYS: KeyTable = {
  aggregation: {
    description: 'KPL-style aggregation packs user records into Kinesis records.',
    default: DEFAULTS.aggregation,
    schema: words(AGGREGATIONS),
  },
  aggregation_max_size: {
    description: 'Largest aggregated Kinesis record (at most 1 MiB).',
    default: '50 KiB',
    schema: SIZE,
  },
  producers: {
    description: 'Producer processes (aggregation gains less when many producers each send little).',
    default: DEFAULTS.producers,
    schema: int(1, LIMITS.maxProducers),
  },
  buffer_time: {
    description: 'How long a producer waits to fill an aggregated record.',
    default: '100ms',
    schema: DURATION,
  },
};

export const STREAM_KEYS: KeyTable = {
  mode: {
    description: 'Capacity mode to plan and price; `none` = no data stream (Firehose Direct PUT only: the top-level `traffic` goes to the `direct-put` delivery streams).',
    default: DEFAULTS.mode,
    schema: words(STREAM_MODES),
  },
  shards: {
    description: '`auto` sizes the stream; a number checks an existing provisioned stream of that size (1–10,000).',
    default: 'auto',
    schema: { oneOf: [{ const: 'auto' }, int(1, LIMITS.maxShards)] },
  },
  retention: {
    description: 'Data retention period, 24h to 365d (8,760 h), whole hours.',
    default: '24h',
    schema: DURATION,
  },
  target_utilization: {
    description: 'Headroom: the hottest shard at peak may use at most this share of any per-shard limit, in (0, 1].',
    default: DEFAULTS.targetUtilization,
    schema: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
  },
  max_throttle_rate: {
    description: 'Largest acceptable fraction of throttled shard-seconds at peak, in [0, 1); sizing adds shards until met.',
    default: DEFAULTS.maxThrottleRate,
    schema: { type: 'number', minimum: 0, exclusiveMaximum: 1 },
  },
  previous_peak: {
    description: 'On-demand only: the highest write rate (records/s) the stream saw in the last 30 days. Default: none (a new stream: 4 MiB/s, 4,000 records/s).',
    schema: { type: ['number', 'null'], minimum: 0, maximum: LIMITS.maxRecordsPerSecond },
  },
  advantage_other_traffic: {
    description:
      "On-demand Advantage: the account's other Advantage traffic in the Region, `{in, out}` sizes per second (e.g. `20 MiB`). The 25 MiB/s minimum is account-wide, so this stream is charged only the shortfall max(0, 25 MiB/s − other − this stream). Default: 0 (the whole minimum falls on this stream).",
    default: { in: 0, out: 0 },
    schema: { $ref: '#/$defs/advantage_other_traffic' },
  },
};

export const ADVANTAGE_OTHER_TRAFFIC_KEYS: KeyTable = {
  in: { description: "Data in per second (as Advantage bills it) of the account's other Advantage streams.", default: 0, schema: SIZE },
  out: { description: "Data out per second (shared and enhanced fan-out reads) of the account's other Advantage streams.", default: 0, schema: SIZE },
};

export const CONSUMER_KEYS: KeyTable = {
  name: { description: 'Unique among consumers and delivery streams.', required: true, schema: { type: 'string', minLength: 1 } },
  type: { description: 'How it reads.', required: true, schema: words(CONSUMER_TYPES) },
  efo: {
    description: 'Enhanced fan-out: a dedicated 2 MiB/s per shard, no shared GetRecords budget, billed per consumer-shard-hour.',
    default: DEFAULTS.efo,
    schema: { type: 'boolean' },
  },
  polls_per_second: {
    description: 'GetRecords calls per shard per second (shared consumers only). Default: lambda 1, kcl 1/1.5; required for custom.',
    schema: { type: 'number', exclusiveMinimum: 0, maximum: LIMITS.maxPollsPerSecond },
  },
  catch_up: {
    description: 'Optional SLA: after an outage of this length the consumer must catch up within the same length again.',
    schema: { oneOf: [DURATION, { type: 'null' }] },
  },
};

export const DYNAMIC_PARTITIONING_KEYS: KeyTable = {
  partitions: { description: 'Active partitions per buffer interval; each buffers on its own.', required: true, schema: int(1, LIMITS.maxPartitions) },
  jq: { description: 'Partition keys extracted with JQ (billed per JQ processing hour).', default: DEFAULTS.jq, schema: { type: 'boolean' } },
};

export const TRANSFORM_KEYS: KeyTable = {
  memory: { description: 'Memory of the transformation function, 128 MiB to 10 GiB (10,240 MiB).', required: true, schema: SIZE },
  duration: {
    description: 'Run time of one invocation (a duration), or `{per_mib: duration}` per MiB of input; at most the timeout and 5 minutes.',
    required: true,
    schema: { oneOf: [DURATION, { $ref: '#/$defs/transform_per_mib' }] },
  },
  timeout: {
    description: "The function's timeout (up to 15 minutes; Firehose waits at most 5). Default: not checked beyond the 5-minute maximum.",
    schema: DURATION,
  },
  buffer_size: {
    description: 'Transform buffering hint: invoke when this much is buffered, 0.2–3 MiB. Default 1 MiB (256 KiB for Splunk and Snowflake).',
    schema: SIZE,
  },
  buffer_interval: { description: 'Transform buffering hint: invoke when this much time has passed, 0–900 s.', default: '60s', schema: DURATION },
  architecture: { description: '`x86` or `arm` (Graviton): sets the GB-second price.', default: DEFAULTS.architecture, schema: words(LAMBDA_ARCHITECTURE_WORDS) },
  output_ratio: {
    description: 'Output bytes ÷ input bytes of the function (the destination buffer holds the output), in (0, 100].',
    default: DEFAULTS.outputRatio,
    schema: { type: 'number', exclusiveMinimum: 0, maximum: LIMITS.maxOutputRatio },
  },
};

export const TRANSFORM_PER_MIB_KEYS: KeyTable = {
  per_mib: { description: 'Run time per MiB of input in one invocation.', required: true, schema: DURATION },
};

export const S3_TRANSITION_KEYS: KeyTable = {
  after: { description: 'Object age at which the lifecycle moves it.', required: true, schema: DURATION },
  class: { description: 'Storage class it moves to (down the lifecycle waterfall).', required: true, schema: words(STORAGE_CLASS_WORDS) },
};

export const S3_KEYS: KeyTable = {
  retention: {
    description: 'How long delivered objects are kept: a duration (whole days) or `forever`.',
    required: true,
    schema: { oneOf: [DURATION, { const: 'forever' }] },
  },
  transitions: {
    description: 'Lifecycle transitions `[{after, class}]`, in order; Standard-IA and One Zone-IA only after 30 days in the previous class.',
    default: [],
    schema: { type: ['array', 'null'], maxItems: STORAGE_CLASS_WORDS.length - 1, items: { $ref: '#/$defs/s3_transition' } },
  },
  get_requests_per_object: {
    description: 'GET requests per delivered object over its life (e.g. reads by Athena).',
    default: 0,
    schema: { type: 'number', minimum: 0, maximum: LIMITS.maxGetRequestsPerObject },
  },
};

export const VPC_KEYS: KeyTable = {
  subnets: { description: 'Subnets (one per AZ) of VPC delivery, billed per AZ-hour.', required: true, schema: int(1, LIMITS.maxSubnets) },
};

export const FIREHOSE_KEYS: KeyTable = {
  name: { description: 'Unique among consumers and delivery streams.', required: true, schema: { type: 'string', minLength: 1 } },
  source: {
    description: '`stream` reads the Kinesis stream (1 GetRecords/s per shard, a shared consumer); `direct-put` takes its own `traffic` (default: the top-level traffic).',
    default: DEFAULTS.source,
    schema: words(FIREHOSE_SOURCES),
  },
  kpl_billing: {
    description:
      'Reading a stream written with KPL aggregation (`producer.aggregation: kpl`): bill Firehose ingestion per de-aggregated `user-records` (each rounded up to 5 KB; conservative) or per `aggregated-records` (Kinesis records). AWS does not document which; the report names the other figure.',
    default: DEFAULTS.kplBilling,
    schema: words(KPL_BILLING_BASES),
  },
  destination: { description: 'Sets the allowed buffer ranges and defaults.', default: DEFAULTS.destination, schema: words(DESTINATIONS) },
  buffer_size: {
    description:
      'Buffering hint: flush when this much is buffered. Default and range by destination (S3: 5 MiB, 1–128 MiB); with format conversion at least 64 MiB, default 128 MiB.',
    schema: SIZE,
  },
  buffer_interval: {
    description: 'Buffering hint: flush when this much time has passed. Default and range by destination (S3: 300 s, 0–900 s).',
    schema: DURATION,
  },
  compression: { description: 'Compression of delivered objects.', default: DEFAULTS.compression, schema: words(COMPRESSIONS) },
  compression_ratio: {
    description: 'Compressed size / raw size, for object sizes, in (0, 1]. Default by codec: none 1, gzip 0.2, zip 0.2, snappy 0.35, hadoop-snappy 0.35.',
    schema: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
  },
  format_conversion: {
    description: 'Record format conversion (S3 only; needs a buffer of at least 64 MiB).',
    default: DEFAULTS.formatConversion,
    schema: words(FORMAT_CONVERSIONS),
  },
  dynamic_partitioning: {
    description: 'Dynamic partitioning (S3 only; not with a zero buffer interval). Default: off.',
    schema: { $ref: '#/$defs/dynamic_partitioning' },
  },
  vpc: { description: 'VPC delivery, billed per AZ-hour and per GB. Default: off.', schema: { $ref: '#/$defs/vpc' } },
  transform: {
    description: 'Data transformation with a Lambda function (billed as Lambda requests and GB-seconds). Default: off.',
    schema: { $ref: '#/$defs/transform' },
  },
  s3: {
    description: 'S3 destination: retention, lifecycle and reads of the delivered objects (adds storage and GET request lines). Default: off.',
    schema: { $ref: '#/$defs/s3' },
  },
  traffic: {
    description: 'Direct PUT only: the traffic this delivery stream takes, same keys as the top-level `traffic`. Default: the top-level traffic.',
    schema: { $ref: '#/$defs/traffic' },
  },
};

export interface BudgetSpec {
  description: string;
  min: number;
  max: number;
}

export const BUDGETS: Readonly<Record<BudgetName, BudgetSpec>> = {
  monthly_usd: { description: 'Total cost per 730-hour month, USD.', min: 0, max: Number.MAX_VALUE },
  daily_usd: { description: 'Total cost per day, USD.', min: 0, max: Number.MAX_VALUE },
  hourly_usd: { description: 'Total cost per average hour, USD.', min: 0, max: Number.MAX_VALUE },
  shards: { description: 'Shards of the stream.', min: 0, max: Number.MAX_VALUE },
  throttle_rate: { description: 'Write-throttled fraction of shard-seconds at peak, in [0, 1].', min: 0, max: 1 },
  utilization: { description: 'Hottest-shard share of a per-shard limit at peak.', min: 0, max: Number.MAX_VALUE },
  latency_seconds: { description: 'Firehose delivery latency, seconds.', min: 0, max: Number.MAX_VALUE },
  objects_per_day: { description: 'Objects Firehose delivers per day.', min: 0, max: Number.MAX_VALUE },
  monthly_usd_increase: { description: '`diff`: monthly cost increase over the base, USD (negative = must fall).', min: -Number.MAX_VALUE, max: Number.MAX_VALUE },
  monthly_usd_increase_percent: {
    description: '`diff`: monthly cost increase over the base, percent (negative = must fall).',
    min: -Number.MAX_VALUE,
    max: Number.MAX_VALUE,
  },
};

export const BUDGET_NAMES = Object.keys(BUDGETS) as BudgetName[];

export const BUDGET_THRESHOLD_KEYS: KeyTable = {
  warn: { description: 'Warn (never fails the run) above this value.', schema: { type: 'number' } },
  error: { description: '`kplan check` fails (exit 1) above this value.', schema: { type: 'number' } },
};

export const TOP_KEYS: KeyTable = {
  version: { description: 'Profile format version.', required: true, schema: { const: 1 } },
  name: { description: 'Shown in reports. Default: the file name without extension.', schema: { type: 'string', minLength: 1 } },
  region: {
    description: 'Region code (or list) to price in; `all` = every region in the price catalogue. Not together with `regions`.',
    default: DEFAULTS.region,
    schema: { $ref: '#/$defs/regions' },
  },
  regions: {
    description: 'Region codes to price in; `all` = every region in the price catalogue. Not together with `region`.',
    default: [DEFAULTS.region],
    schema: { $ref: '#/$defs/regions' },
  },
  traffic: { description: 'What producers send.', required: true, schema: { $ref: '#/$defs/traffic' } },
  producer: { description: 'How producers batch.', default: { aggregation: 'none' }, schema: { $ref: '#/$defs/producer' } },
  stream: { description: 'The Kinesis data stream.', default: { mode: 'provisioned' }, schema: { $ref: '#/$defs/stream' } },
  consumers: {
    description: 'Applications reading the stream (Firehose delivery streams that read it are listed under `firehose`).',
    default: [],
    schema: { type: ['array', 'null'], items: { $ref: '#/$defs/consumer' } },
  },
  firehose: { description: 'Firehose delivery streams.', default: [], schema: { type: ['array', 'null'], items: { $ref: '#/$defs/firehose' } } },
  budgets: { description: 'Limits for `kplan check`: a number (error threshold) or `{warn, error}` per budget.', schema: { $ref: '#/$defs/budgets' } },
};
