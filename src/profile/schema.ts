// The profile JSON Schema (`kplan schema`), generated from the key table in keys.ts so that
// editors' completion and the validator agree on names, defaults and ranges.

import { BUDGET_NAMES, BUDGET_THRESHOLD_KEYS, BUDGETS, BURSTINESS_KEYS, CONSUMER_KEYS, DURATION_PATTERN, DYNAMIC_PARTITIONING_KEYS, FIREHOSE_KEYS, HISTOGRAM_BUCKET_KEYS, LIMITS, PRODUCER_KEYS, RECORD_SIZE_AVG_P99_KEYS, S3_KEYS, S3_TRANSITION_KEYS, SIZE_PATTERN, STREAM_KEYS, TOP_KEYS, TRAFFIC_KEYS, TRANSFORM_KEYS, TRANSFORM_PER_MIB_KEYS, VPC_KEYS } from './keys.js';
import type { JsonSchema, KeyTable } from './keys.js';

function object(table: KeyTable, description: string, extra: JsonSchema = {}): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [key, spec] of Object.entries(table)) {
    const prop: JsonSchema = { description: spec.description, ...spec.schema };
    if (spec.default !== undefined) prop.default = spec.default;
    properties[key] = prop;
    if (spec.required) required.push(key);
  }
  const out: JsonSchema = { type: 'object', description, properties, additionalProperties: false, ...extra };
  if (required.length > 0) out.required = required;
  return out;
}

export function profileJsonSchema(): object {
  const threshold: JsonSchema = {
    oneOf: [
      { type: 'number', description: 'The error threshold.' },
      object(BUDGET_THRESHOLD_KEYS, 'Warn and/or error thresholds (warn ≤ error).', { minProperties: 1 }),
    ],
  };
  const budgetProps: Record<string, JsonSchema> = {};
  for (const name of BUDGET_NAMES) budgetProps[name] = { description: BUDGETS[name].description, ...threshold };

  const top = object(TOP_KEYS, 'A kplan workload profile: producers → Kinesis Data Streams → consumers / Amazon Data Firehose.', {
    not: { required: ['region', 'regions'] },
  });
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://kplan.dev/schema/profile-v1.json',
    title: 'kplan profile, version 1',
    ...top,
    $defs: {
      size: {
        description: 'A size: a number of bytes, or a string with a unit B, KB/KiB, MB/MiB, GB/GiB (all binary: KB = KiB = 1,024 B).',
        oneOf: [
          { type: 'number', minimum: 0 },
          { type: 'string', pattern: SIZE_PATTERN },
        ],
      },
      duration: {
        description: 'A duration: a number of seconds, or a string with a unit ms, s, m, h, d.',
        oneOf: [
          { type: 'number', minimum: 0 },
          { type: 'string', pattern: DURATION_PATTERN },
        ],
      },
      regions: {
        description: 'A region code, `all`, or a non-empty list of region codes.',
        oneOf: [
          { type: 'string', minLength: 1 },
          { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
        ],
      },
      record_size: {
        description: 'A fixed size, a lognormal `{average, p99}`, or a histogram of `{size, share}` whose shares sum to 1.',
        oneOf: [
          { $ref: '#/$defs/size' },
          object(RECORD_SIZE_AVG_P99_KEYS, 'Lognormal sizes with this mean and 99th percentile, in 50 equal-probability bins.'),
          {
            type: 'array',
            description: 'Histogram of record sizes.',
            minItems: 1,
            maxItems: LIMITS.maxHistogramBuckets,
            items: object(HISTOGRAM_BUCKET_KEYS, 'One histogram bucket.'),
          },
        ],
      },
      burstiness_dispersion: object(BURSTINESS_KEYS, 'Custom negative-binomial overdispersion.'),
      traffic: object(TRAFFIC_KEYS, 'What producers send.'),
      producer: object(PRODUCER_KEYS, 'How producers batch.'),
      stream: object(STREAM_KEYS, 'The Kinesis data stream.'),
      consumer: object(CONSUMER_KEYS, 'An application reading the stream.'),
      dynamic_partitioning: object(DYNAMIC_PARTITIONING_KEYS, 'Dynamic partitioning.'),
      vpc: object(VPC_KEYS, 'VPC delivery.'),
      transform: object(TRANSFORM_KEYS, 'Data transformation with a Lambda function.'),
      transform_per_mib: object(TRANSFORM_PER_MIB_KEYS, 'Run time per MiB of input.'),
      s3: object(S3_KEYS, 'Storage and reads of the delivered S3 objects.'),
      s3_transition: object(S3_TRANSITION_KEYS, 'One lifecycle transition.'),
      firehose: object(FIREHOSE_KEYS, 'A Firehose delivery stream.'),
      budgets: {
        type: ['object', 'null'],
        description: 'Limits for `kplan check`.',
        properties: budgetProps,
        additionalProperties: false,
      },
    },
  };
}
