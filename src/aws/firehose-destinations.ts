// Firehose buffering-hint ranges and defaults per destination
// (https://docs.aws.amazon.com/firehose/latest/APIReference/API_BufferingHints.html and the per-destination
// *BufferingHints pages).
// Sizes in bytes, intervals in seconds. "First condition met triggers delivery."

import { MIB } from '../units.js';
import type { FirehoseDestination } from '../profile/types.js';

export interface DestinationLimits {
  destination: FirehoseDestination;
  minBufferSizeBytes: number;
  maxBufferSizeBytes: number;
  defaultBufferSizeBytes: number;
  minBufferIntervalSeconds: number;
  maxBufferIntervalSeconds: number;
  defaultBufferIntervalSeconds: number;
  /** Where the range comes from. */
  source: string;
}

// https://docs.aws.amazon.com/firehose/latest/APIReference/API_BufferingHints.html
const S3_LIMITS: DestinationLimits = {
  destination: 's3',
  minBufferSizeBytes: 1 * MIB,
  maxBufferSizeBytes: 128 * MIB,
  defaultBufferSizeBytes: 5 * MIB,
  minBufferIntervalSeconds: 0,
  maxBufferIntervalSeconds: 900,
  defaultBufferIntervalSeconds: 300,
  source: 'https://docs.aws.amazon.com/firehose/latest/APIReference/API_BufferingHints.html',
};

export const DESTINATION_LIMITS: Record<FirehoseDestination, DestinationLimits> = {
  s3: S3_LIMITS,
  // Redshift is delivered through an intermediate S3 bucket, with S3's hints.
  redshift: { ...S3_LIMITS, destination: 'redshift' },
  // https://github.com/awsdocs/amazon-kinesis-data-firehose-developer-guide/blob/master/doc_source/limits.md
  opensearch: {
    destination: 'opensearch',
    minBufferSizeBytes: 1 * MIB,
    maxBufferSizeBytes: 100 * MIB,
    defaultBufferSizeBytes: 5 * MIB,
    minBufferIntervalSeconds: 0,
    maxBufferIntervalSeconds: 900,
    defaultBufferIntervalSeconds: 300,
    source: 'https://github.com/awsdocs/amazon-kinesis-data-firehose-developer-guide/blob/master/doc_source/limits.md',
  },
  // https://docs.aws.amazon.com/firehose/latest/APIReference/API_SplunkBufferingHints.html
  splunk: {
    destination: 'splunk',
    minBufferSizeBytes: 1 * MIB,
    maxBufferSizeBytes: 5 * MIB,
    defaultBufferSizeBytes: 5 * MIB,
    minBufferIntervalSeconds: 0,
    maxBufferIntervalSeconds: 60,
    defaultBufferIntervalSeconds: 60,
    source: 'https://docs.aws.amazon.com/firehose/latest/APIReference/API_SplunkBufferingHints.html',
  },
  // https://docs.aws.amazon.com/firehose/latest/APIReference/API_HttpEndpointBufferingHints.html
  http: {
    destination: 'http',
    minBufferSizeBytes: 1 * MIB,
    maxBufferSizeBytes: 64 * MIB,
    defaultBufferSizeBytes: 5 * MIB,
    minBufferIntervalSeconds: 0,
    maxBufferIntervalSeconds: 900,
    defaultBufferIntervalSeconds: 300,
    source: 'https://docs.aws.amazon.com/firehose/latest/APIReference/API_HttpEndpointBufferingHints.html',
  },
  // https://docs.aws.amazon.com/firehose/latest/APIReference/API_SnowflakeBufferingHints.html
  snowflake: {
    destination: 'snowflake',
    minBufferSizeBytes: 1 * MIB,
    maxBufferSizeBytes: 128 * MIB,
    defaultBufferSizeBytes: 128 * MIB,
    minBufferIntervalSeconds: 0,
    maxBufferIntervalSeconds: 900,
    defaultBufferIntervalSeconds: 0,
    source: 'https://docs.aws.amazon.com/firehose/latest/APIReference/API_SnowflakeBufferingHints.html',
  },
};

/** Record format conversion needs SizeInMBs ≥ 64; its default becomes 128 MiB. */
export const FORMAT_CONVERSION_MIN_BUFFER_BYTES = 64 * MIB;
export const FORMAT_CONVERSION_DEFAULT_BUFFER_BYTES = 128 * MIB;
/** Dynamic partitioning: default quota of active partitions per delivery stream. */
export const DYNAMIC_PARTITIONING_ACTIVE_PARTITION_QUOTA = 500;

/** Default compressed/raw size ratio per codec, for object sizes (typical for JSON logs; documented in docs/profile.md). */
export const DEFAULT_COMPRESSION_RATIO: Record<'none' | 'gzip' | 'snappy' | 'zip' | 'hadoop-snappy', number> = {
  none: 1,
  gzip: 0.2,
  zip: 0.2,
  snappy: 0.35,
  'hadoop-snappy': 0.35,
};
