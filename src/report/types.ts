// The report object (`kplan size --format json`): what every computing command renders. Field names
// are the contract's snake_case, so `--format json` prints this object as it is.

export type Constraint =
  'write-bytes' | 'write-records' | 'read-bytes' | 'read-tps' | 'efo-consumers' | 'hot-key' | 'throttle-rate' | 'on-demand-doubling' | 'catch-up' | 'minimum' | 'given';

export type CostItem =
  | 'shard-hours'
  | 'put-payload-units'
  | 'extended-retention'
  | 'long-term-retention'
  | 'efo-consumer-shard-hours'
  | 'efo-data'
  | 'on-demand-stream-hours'
  | 'on-demand-data-in'
  | 'on-demand-data-out'
  | 'on-demand-efo-data'
  | 'advantage-data-in'
  | 'advantage-data-out'
  | 'firehose-ingestion'
  | 'firehose-format-conversion'
  | 'firehose-vpc-data'
  | 'firehose-vpc-az-hours'
  | 'firehose-dynamic-partitioning-data'
  | 'firehose-dynamic-partitioning-objects'
  | 'firehose-jq-hours'
  | 's3-put-requests'
  | 's3-get-requests'
  | 's3-storage'
  | 'lambda-requests'
  | 'lambda-duration';

export type Service = 'kinesis' | 'firehose' | 's3' | 'lambda';

export interface Warning {
  code: string;
  message: string;
}

export interface Requirement {
  constraint: Constraint;
  shards: number;
  detail: string;
}

export interface Unfixable {
  kind: 'hot-key' | 'bursts' | 'shard-quota' | 'read-tps' | 'on-demand-doubling' | 'efo-consumers' | 'record-size';
  message: string;
  fix: string;
}

export interface ThrottleReport {
  level: 'none' | 'low' | 'medium' | 'high';
  write_throttled_fraction_at_peak: number;
  read_throttled: boolean;
  unfixable: Unfixable[];
  [extra: string]: unknown;
}

export interface StreamReport {
  mode: 'provisioned' | 'on-demand' | 'on-demand-advantage';
  shards: number;
  shards_given: number | null;
  binding_constraint: Constraint;
  requirements: Requirement[];
  peak: { records_per_second: number; kinesis_records_per_second: number; bytes_per_second: number };
  hot_shard_factor: number;
  utilization_at_peak: { write_bytes: number; write_records: number; read_bytes: number; read_tps: number };
  throttle: ThrottleReport;
  warnings: Warning[];
  [extra: string]: unknown;
}

export interface FirehoseReport {
  name: string;
  flush_seconds: number;
  flush_trigger: 'size' | 'interval';
  objects_per_day: number;
  object_size_bytes: number;
  latency_seconds: number;
  warnings: Warning[];
  /** Present when the delivery stream transforms records with a Lambda function. */
  transform?: FirehoseTransformReport;
  /** Present when the profile describes the S3 objects' retention (`firehose[].s3`). */
  s3?: FirehoseS3Report;
  [extra: string]: unknown;
}

export interface FirehoseTransformReport {
  architecture: 'x86' | 'arm';
  memory_bytes: number;
  invocation_seconds: number | null;
  trigger: 'size' | 'interval' | 'idle';
  invocations_per_day: number;
  bytes_per_invocation: number;
  run_seconds: number;
  run_seconds_max: number;
  buffer_wait_seconds: number;
  gb_seconds_per_day: number;
  request_bytes_max: number;
  response_bytes_max: number;
  [extra: string]: unknown;
}

export interface FirehoseS3Report {
  /** null = kept forever (then `horizon_days` is the age priced). */
  retention_days: number | null;
  horizon_days: number | null;
  delivered_gb_per_day: number;
  /** GB held in the steady state of the lifecycle, all classes. */
  stored_gb: number;
  classes: { class: string; from_day: number; to_day: number; stored_gb: number; billed_gb_month: number; minimum_days: number }[];
  get_requests_per_month: number;
  [extra: string]: unknown;
}

export interface CostLine {
  service: Service;
  item: CostItem;
  quantity: number;
  unit: string;
  /** null when the catalogue has no price for the line (never $0). */
  unit_price_usd: number | null;
  monthly_usd: number | null;
  /** Which delivery stream a Firehose line belongs to. */
  resource?: string;
  /** Tiered prices: the tiers applied. */
  tiers?: { quantity: number; unit_price_usd: number; monthly_usd: number }[];
}

export interface CostReport {
  /** The totals are null when any line is unknown. */
  hourly_usd: number | null;
  daily_usd: number | null;
  monthly_usd: number | null;
  /** The sum of the priced lines: the total when every line is priced, else a lower bound. */
  known_monthly_usd: number;
  /** Every line, unknown ones with their quantities and null prices. */
  lines: CostLine[];
  unknown: CostItem[];
}

export interface Alternative {
  mode: 'provisioned' | 'on-demand' | 'on-demand-advantage';
  shards: number | null;
  /** On-demand modes: the shard count AWS is expected to run. */
  estimated_shards?: number;
  /** null when any of the mode's lines is unknown. */
  monthly_usd: number | null;
  /** The sum of the mode's priced lines. */
  known_monthly_usd: number;
  note: string;
  /** Lines this mode could not price. */
  unknown?: CostItem[];
  cheapest?: boolean;
}

/** One formula behind a number, for `--explain`. */
export interface Explanation {
  /** What the number is, e.g. `shards.write-bytes`. */
  topic: string;
  formula: string;
  inputs: Record<string, number | string>;
  result: number | string;
  note?: string;
}

export interface RegionResult {
  region: string;
  /** null for `mode: none` (Firehose Direct PUT only). */
  stream: StreamReport | null;
  firehose: FirehoseReport[];
  cost: CostReport;
  alternatives: Alternative[];
  /** The cheapest of the three capacity modes with every price known; null when none can be compared. */
  cheapest_mode?: 'provisioned' | 'on-demand' | 'on-demand-advantage' | null;
  explain?: Explanation[];
  [extra: string]: unknown;
}

export interface Report {
  schema_version: 1;
  kplan_version: string;
  profile: { name: string; file: string };
  prices: { as_of: string; source: string };
  results: RegionResult[];
  warnings?: Warning[];
  [extra: string]: unknown;
}
