// A price catalogue is dated data: every figure carries its as-of date, source and confidence
// (docs/prices.md). The model receives a catalogue as an argument and never imports one.

/** Every price kplan knows how to use. One key = one AWS usage type (per region). */
export type PriceKey =
  // Kinesis Data Streams, provisioned
  | 'kinesis.shard-hour'
  | 'kinesis.put-payload-unit'
  | 'kinesis.extended-retention-shard-hour'
  | 'kinesis.long-term-retention-gb-month'
  | 'kinesis.long-term-retrieval-gb'
  | 'kinesis.efo-consumer-shard-hour'
  | 'kinesis.efo-data-gb'
  // on-demand Standard
  | 'kinesis.on-demand-stream-hour'
  | 'kinesis.on-demand-data-in-gb'
  | 'kinesis.on-demand-data-out-gb'
  | 'kinesis.on-demand-efo-data-gb'
  | 'kinesis.on-demand-extended-retention-gb-month'
  | 'kinesis.on-demand-long-term-retention-gb-month'
  // on-demand Advantage
  | 'kinesis.advantage-data-in-gb'
  | 'kinesis.advantage-data-out-gb'
  | 'kinesis.advantage-efo-data-gb'
  | 'kinesis.advantage-retention-gb-month'
  // Amazon Data Firehose
  | 'firehose.direct-put-ingestion-gb'
  | 'firehose.stream-source-ingestion-gb'
  | 'firehose.format-conversion-gb'
  | 'firehose.vpc-data-gb'
  | 'firehose.vpc-az-hour'
  | 'firehose.dynamic-partitioning-gb'
  | 'firehose.dynamic-partitioning-object'
  | 'firehose.jq-hour'
  // Amazon S3 (objects Firehose delivers)
  | 's3.put-request'
  | 's3.get-request'
  | 's3.storage-standard-gb-month'
  | 's3.storage-standard-ia-gb-month'
  | 's3.storage-one-zone-ia-gb-month'
  | 's3.storage-glacier-ir-gb-month'
  | 's3.storage-glacier-flexible-gb-month'
  | 's3.storage-glacier-deep-archive-gb-month'
  // AWS Lambda (Firehose data transformation)
  | 'lambda.request'
  | 'lambda.duration-x86-gb-second'
  | 'lambda.duration-arm-gb-second';

export type Confidence = 'H' | 'M' | 'L';

/** One tier of a tiered price: applies to the quantity above the previous tier's end, up to `up_to`. */
export interface PriceTier {
  /** End of this tier in the price's unit per month (e.g. GB); null = no end. */
  up_to: number | null;
  usd: number;
}

export interface Price {
  /** USD per unit; for tiered prices, the first tier's price. */
  usd: number;
  /** Unit the price is per: `shard-hour`, `GB`, `GB-month`, `unit`, `request`, … */
  unit: string;
  /** Present for tiered prices (Firehose ingestion, S3 Standard storage, Lambda duration). Tiers are in order. */
  tiers?: PriceTier[];
  /** YYYY-MM-DD: when the figure was read from its source. */
  as_of: string;
  /** Where the figure comes from (a URL or `AWS Price List <offer> <publication date>`). */
  source: string;
  confidence: Confidence;
  /** The AWS usage type this price is for, where known. */
  usagetype?: string;
  /** A caveat worth showing next to the figure (a derived value, an open-ended last tier, …). */
  note?: string;
}

export interface RegionPrices {
  region: string;
  prices: Partial<Record<PriceKey, Price>>;
}

export interface PriceCatalogue {
  catalogue_version: 1;
  /** The newest as-of date in the catalogue. */
  as_of: string;
  /** `builtin` or the catalogue file's path. */
  source: string;
  currency: 'USD';
  regions: Record<string, RegionPrices>;
  /** How the figures were chosen (rules that apply to the whole catalogue). */
  notes?: string[];
}

export const PRICE_KEYS: readonly PriceKey[] = [
  'kinesis.shard-hour',
  'kinesis.put-payload-unit',
  'kinesis.extended-retention-shard-hour',
  'kinesis.long-term-retention-gb-month',
  'kinesis.long-term-retrieval-gb',
  'kinesis.efo-consumer-shard-hour',
  'kinesis.efo-data-gb',
  'kinesis.on-demand-stream-hour',
  'kinesis.on-demand-data-in-gb',
  'kinesis.on-demand-data-out-gb',
  'kinesis.on-demand-efo-data-gb',
  'kinesis.on-demand-extended-retention-gb-month',
  'kinesis.on-demand-long-term-retention-gb-month',
  'kinesis.advantage-data-in-gb',
  'kinesis.advantage-data-out-gb',
  'kinesis.advantage-efo-data-gb',
  'kinesis.advantage-retention-gb-month',
  'firehose.direct-put-ingestion-gb',
  'firehose.stream-source-ingestion-gb',
  'firehose.format-conversion-gb',
  'firehose.vpc-data-gb',
  'firehose.vpc-az-hour',
  'firehose.dynamic-partitioning-gb',
  'firehose.dynamic-partitioning-object',
  'firehose.jq-hour',
  's3.put-request',
  's3.get-request',
  's3.storage-standard-gb-month',
  's3.storage-standard-ia-gb-month',
  's3.storage-one-zone-ia-gb-month',
  's3.storage-glacier-ir-gb-month',
  's3.storage-glacier-flexible-gb-month',
  's3.storage-glacier-deep-archive-gb-month',
  'lambda.request',
  'lambda.duration-x86-gb-second',
  'lambda.duration-arm-gb-second',
];

/**
 * Past this many GB of Firehose ingestion a month AWS quotes the price on request: 5 PB, counted as
 * AWS's own data files count (1 PB = 1,000 TB of 1,024 GB). https://aws.amazon.com/firehose/pricing/
 */
export const FIREHOSE_QUOTED_ABOVE_GB = 5000 * 1024;
