// The report object (`kplan size --format json`): what every computing command renders. Field names
// are the contract's snake_case, so `--format json` prints this object as it is.

export type Constraint =
  | 'write-bytes'
  | 'write-records'
  | 'read-bytes'
  | 'read-tps'
  | 'efo-consumers'
  | 'hot-key'
  | 'throttle-rate'
  | 'on-demand-doubling'
  | 'catch-up'
  | 'minimum'
  | 'given';

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
  | 's3-put-requests';

export type Service = 'kinesis' | 'firehose' | 's3';

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
  kind: 'hot-key' | 'read-tps' | 'on-demand-doubling' | 'efo-consumers' | 'record-size';
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
  [extra: string]: unknown;
}

export interface CostLine {
  service: Service;
  item: CostItem;
  quantity: number;
  unit: string;
  unit_price_usd: number;
  monthly_usd: number;
  /** Which delivery stream a Firehose line belongs to. */
  resource?: string;
  /** Tiered prices: the tiers applied. */
  tiers?: { quantity: number; unit_price_usd: number; monthly_usd: number }[];
}

export interface CostReport {
  hourly_usd: number;
  daily_usd: number;
  monthly_usd: number;
  lines: CostLine[];
  unknown: CostItem[];
  /** The unknown lines with their quantities, so a reader sees what was left out. */
  unknown_lines?: { service: Service; item: CostItem; quantity: number; unit: string; resource?: string }[];
}

export interface Alternative {
  mode: 'provisioned' | 'on-demand' | 'on-demand-advantage';
  shards: number | null;
  /** On-demand modes: the shard count AWS is expected to run. */
  estimated_shards?: number;
  monthly_usd: number;
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
