// Firehose data transformation with a Lambda function: the transform buffering hints, the
// synchronous payload limit and the run-time ceiling
// (https://docs.aws.amazon.com/firehose/latest/dev/data-transformation.html), and the Lambda
// memory range (https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html).

import type { FirehoseDestination, LambdaArchitecture } from '../profile/types.js';
import { KIB, MIB } from '../units.js';

export const TRANSFORM_DOC = 'https://docs.aws.amazon.com/firehose/latest/dev/data-transformation.html';

/** Transform buffer size hint: 0.2–3 MB (MB read as MiB, as for the destination hints). */
export const TRANSFORM_MIN_BUFFER_BYTES = 0.2 * MIB;
export const TRANSFORM_MAX_BUFFER_BYTES = 3 * MIB;
/** 1 MB by default, 256 KB for Splunk and Snowflake. */
export function defaultTransformBufferBytes(destination: FirehoseDestination): number {
  return destination === 'splunk' || destination === 'snowflake' ? 256 * KIB : 1 * MIB;
}
export const TRANSFORM_MIN_BUFFER_INTERVAL_SECONDS = 0;
export const TRANSFORM_MAX_BUFFER_INTERVAL_SECONDS = 900;
export const TRANSFORM_DEFAULT_BUFFER_INTERVAL_SECONDS = 60;

/** Firehose invokes the function synchronously: at most 6 MB per request and per response. */
export const TRANSFORM_PAYLOAD_LIMIT_BYTES = 6 * MIB;
/** Record data travels base64-encoded in the request and the response: 4 bytes per 3. */
export const BASE64_EXPANSION = 4 / 3;
/** A transformation may run at most 5 minutes; failed invocations are retried 3 times by default. */
export const TRANSFORM_MAX_RUN_SECONDS = 300;
export const TRANSFORM_RETRIES = 3;
/** Share of the 5-minute maximum from which kplan warns. */
export const TRANSFORM_RUN_NEAR_SHARE = 0.8;

/** Lambda memory: 128 MB to 10,240 MB. */
export const LAMBDA_MIN_MEMORY_BYTES = 128 * MIB;
export const LAMBDA_MAX_MEMORY_BYTES = 10_240 * MIB;
/** Lambda's own timeout ceiling (15 minutes); Firehose waits at most 5. */
export const LAMBDA_MAX_TIMEOUT_SECONDS = 900;

export const LAMBDA_ARCHITECTURES: readonly LambdaArchitecture[] = ['x86', 'arm'];

/**
 * Duration is billed rounded up to the nearest 1 ms, in GB-seconds of configured memory
 * (https://aws.amazon.com/lambda/pricing/). Memory GB = MB / 1,024.
 */
export const LAMBDA_BILLING_INCREMENT_SECONDS = 0.001;
export const LAMBDA_PRICING_DOC = 'https://aws.amazon.com/lambda/pricing/';
