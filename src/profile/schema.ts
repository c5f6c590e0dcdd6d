// The profile JSON Schema (`kplan schema`), generated from the key table in keys.ts so that
// editors' completion and the validator agree on names, defaults and ranges.

import {
  ADVANTAGE_OTHER_TRAFFIC_KEYS,
  BUDGET_NAMES,
  BUDGET_THRESHOLD_KEYS,
  BUDGETS,
  BURSTINESS_KEYS,
  CONSUMER_KEYS,
  DURATION_PATTERN,
  DYNAMIC_PARTITIONING_KEYS,
  FIREHOSE_KEYS,
  HISTOGRAM_BUCKET_KEYS,
  LIMITS,
  PRODUCER_KEYS,
  RECORD_SIZE_AVG_P99_KEYS,
  S3_KEYS,
  S3_TRANSITION_KEYS,
  SIZE_PATTERN,
  STREAM_KEYS,
  TOP_KEYS,
  TRAFFIC_KEYS,
  TRANSFORM_KEYS,
  TRANSFORM_PER_MIB_KEYS,
  VPC_KEYS,
} from './keys.js';
import type { JsonSchema, KeyTable } from './keys.js';
import { CONSUMER_TYPES, DESTINATIONS } from './keys.js';
import { REGION_CODES } from '../prices/regions.js';
import { DESTINATION_LIMITS } from '../aws/firehose-destinations.js';
import { DURATION_UNIT_SECONDS, SIZE_UNIT_BYTES, quantityAtMostPattern, quantityBelowPattern, zeroPattern } from './schema-ranges.js';

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

const NUMBER = '[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?';
const units = (list: readonly [string, number][]) => list.map(([u]) => u).join('|');
/** The documented spellings only, as src/units.ts reads them. */
const SIZE_STRING = `^\\s*${NUMBER}\\s*(${units(SIZE_UNIT_BYTES)})?\\s*$`;
const DURATION_STRING = `^\\s*${NUMBER}\\s*(${units(DURATION_UNIT_SECONDS)})?\\s*$`;

/** A size (bytes) or duration (seconds) in [min, max], or (min, max] when `positive`. */
function quantity(kind: 'size' | 'duration', range: { max: number; min?: number; positive?: boolean }, description?: string): JsonSchema {
  const list = kind === 'size' ? SIZE_UNIT_BYTES : DURATION_UNIT_SECONDS;
  const num: JsonSchema = { type: 'number', maximum: range.max };
  if (range.positive) num.exclusiveMinimum = 0;
  else num.minimum = range.min ?? 0;
  const str: JsonSchema = { type: 'string', pattern: kind === 'size' ? SIZE_STRING : DURATION_STRING, allOf: [{ pattern: quantityAtMostPattern(range.max, list) }] };
  if (range.positive) str.not = { pattern: zeroPattern(list) };
  if (range.min !== undefined && range.min > 0) (str.allOf as JsonSchema[]).push({ not: { pattern: quantityBelowPattern(range.min, list) } });
  return { ...(description !== undefined ? { description } : {}), oneOf: [num, str] };
}

/** What JSON Schema cannot say: rules across fields, checked by kplan's validator only. */
export const CROSS_FIELD_RULES = [
  '`region` and `regions` are not both given',
  '`traffic.peak_records_per_second` ≥ `traffic.records_per_second`',
  '`traffic.record_size.p99` ≥ `average`, and at most about 14.97 × `average` (lognormal)',
  'the shares of a `record_size` histogram sum to 1',
  '`traffic.daily_curve` has mean 1 (± 1 %)',
  '`retention` is a whole number of hours (24 h to 8,760 h) in any unit',
  'names are unique among `consumers` and `firehose`',
  "a budget's `warn` ≤ its `error`",
  "Firehose buffer sizes and intervals within the destination's range (checked by the schema for each destination), at least 64 MiB with format conversion",
  'sizes and durations in e-notation (`1e3 B`) are range-checked by kplan only',
];

/**
 * Adds what the key table's fragments leave out: enums, ranges of sizes and durations, required-if.
 * Longer than 80 lines because it is a list of small, independent edits to the same `$defs`, each
 * beside the limit it comes from.
 */
function refine(schema: Record<string, unknown>): void {
  const defs = schema.$defs as Record<string, JsonSchema>;
  const props = (def: string) => (defs[def] as { properties: Record<string, JsonSchema> }).properties;
  defs.size = {
    description: (defs.size as JsonSchema).description,
    oneOf: [
      { type: 'number', minimum: 0 },
      { type: 'string', pattern: SIZE_STRING },
    ],
  };
  defs.duration = {
    description: (defs.duration as JsonSchema).description,
    oneOf: [
      { type: 'number', minimum: 0 },
      { type: 'string', pattern: DURATION_STRING },
    ],
  };
  const region = { type: 'string', enum: [...REGION_CODES] };
  defs.regions = {
    description: 'A Region code, `all`, or a non-empty list of Region codes (the Regions kplan has prices for).',
    oneOf: [
      { type: 'string', enum: [...REGION_CODES, 'all'] },
      { type: 'array', minItems: 1, items: region },
    ],
  };
  // Records: more than 0 B, at most 10 MiB (KDS maximum with UpdateMaxRecordSize).
  defs.record_bytes = quantity('size', { max: LIMITS.maxRecordBytes, positive: true }, 'One record payload size: more than 0 B, at most 10 MiB.');
  const rs = defs.record_size as { oneOf: JsonSchema[] };
  rs.oneOf[0] = { $ref: '#/$defs/record_bytes' };
  const avgP99 = rs.oneOf[1] as { properties: Record<string, JsonSchema> };
  for (const k of ['average', 'p99']) avgP99.properties[k] = { ...avgP99.properties[k], $ref: '#/$defs/record_bytes' };
  const bucket = (rs.oneOf[2] as { items: { properties: Record<string, JsonSchema> } }).items.properties;
  bucket.size = { ...bucket.size, $ref: '#/$defs/record_bytes' };
  const traffic = props('traffic');
  traffic.partition_key_size = { ...traffic.partition_key_size, ...quantity('size', { min: LIMITS.minPartitionKeyBytes, max: LIMITS.maxPartitionKeyBytes, positive: true }) };
  delete traffic.partition_key_size?.$ref;
  traffic.peak_window = { ...traffic.peak_window, ...quantity('duration', { max: LIMITS.maxPeakWindowSeconds, positive: true }) };
  delete traffic.peak_window?.$ref;
  const producer = props('producer');
  producer.aggregation_max_size = { ...producer.aggregation_max_size, ...quantity('size', { max: LIMITS.maxAggregationBytes, positive: true }) };
  delete producer.aggregation_max_size?.$ref;
  producer.buffer_time = { ...producer.buffer_time, ...quantity('duration', { max: LIMITS.maxBufferTimeSeconds }) };
  delete producer.buffer_time?.$ref;
  const stream = props('stream');
  stream.retention = { ...stream.retention, ...quantity('duration', { min: LIMITS.minRetentionHours * 3600, max: LIMITS.maxRetentionHours * 3600 }) };
  delete stream.retention?.$ref;
  // Whole hours from 24: an hour count below 24 or with a fraction is refused; other units by kplan.
  const ret = stream.retention as { oneOf: JsonSchema[] };
  (ret.oneOf[0] as JsonSchema).minimum = LIMITS.minRetentionHours * 3600;
  (ret.oneOf[0] as JsonSchema).multipleOf = 3600;
  ((ret.oneOf[1] as JsonSchema).allOf as JsonSchema[]).push({ not: { pattern: '^\\s*([0-9]|1[0-9]|2[0-3])(\\.[0-9]*)?\\s*h\\s*$|^\\s*[0-9]+\\.[0-9]*[1-9][0-9]*\\s*h\\s*$' } });
  const other = props('advantage_other_traffic');
  for (const k of ['in', 'out']) {
    other[k] = { ...other[k], ...quantity('size', { max: LIMITS.maxSizeBytes }) };
    delete other[k]?.$ref;
  }
  // A custom consumer that polls needs polls_per_second.
  (defs.consumer as JsonSchema).allOf = [
    {
      if: { properties: { type: { description: 'A custom consumer…', const: 'custom' }, efo: { description: '…that polls…', const: false } }, required: ['type'] },
      then: { properties: { polls_per_second: { description: '…needs polls_per_second.' } }, required: ['polls_per_second'] },
    },
  ];
  ((defs.consumer as { properties: Record<string, JsonSchema> }).properties.type as JsonSchema).enum = [...CONSUMER_TYPES];
  // Firehose buffering hints: the range of the destination (absent = s3).
  (defs.firehose as JsonSchema).allOf = DESTINATIONS.map((d) => {
    const lim = DESTINATION_LIMITS[d];
    const when =
      d === 's3'
        ? {
            anyOf: [
              { not: { properties: { destination: { description: 'Given.' } }, required: ['destination'] } },
              { properties: { destination: { description: 'S3.', const: d } }, required: ['destination'] },
            ],
          }
        : { properties: { destination: { description: `Destination ${d}.`, const: d } }, required: ['destination'] };
    return {
      if: when,
      then: {
        properties: {
          buffer_size: quantity('size', { min: lim.minBufferSizeBytes, max: lim.maxBufferSizeBytes }, `The ${d} range (${lim.source}).`),
          buffer_interval: quantity('duration', { min: lim.minBufferIntervalSeconds, max: lim.maxBufferIntervalSeconds }, `The ${d} range (${lim.source}).`),
        },
      },
    };
  });
  schema.description = `${String(schema.description)} Rules across fields that JSON Schema cannot express, checked by kplan: ${CROSS_FIELD_RULES.join('; ')}.`;
}

/**
 * The profile JSON Schema that `kplan schema` prints. Longer than 80 lines because it is mostly one
 * literal, the schema's `$defs` in the order they print.
 */
export function profileJsonSchema(): object {
  const threshold: JsonSchema = {
    oneOf: [{ type: 'number', description: 'The error threshold.' }, object(BUDGET_THRESHOLD_KEYS, 'Warn and/or error thresholds (warn ≤ error).', { minProperties: 1 })],
  };
  const budgetProps: Record<string, JsonSchema> = {};
  for (const name of BUDGET_NAMES) {
    // Each budget's own range (throttle_rate in [0, 1], counts and costs ≥ 0); ±MAX_VALUE is no bound.
    const spec = BUDGETS[name];
    const range: JsonSchema = { type: 'number' };
    if (spec.min > -Number.MAX_VALUE) range.minimum = spec.min;
    if (spec.max < Number.MAX_VALUE) range.maximum = spec.max;
    budgetProps[name] = {
      description: `${spec.description} Warn ≤ error (checked by kplan).`,
      oneOf: [
        range,
        {
          type: 'object',
          description: 'Warn and/or error thresholds (warn ≤ error).',
          properties: { warn: { description: BUDGET_THRESHOLD_KEYS.warn?.description, ...range }, error: { description: BUDGET_THRESHOLD_KEYS.error?.description, ...range } },
          additionalProperties: false,
          minProperties: 1,
        },
      ],
    };
  }
  void threshold;

  const top = object(TOP_KEYS, 'A kplan workload profile: producers → Kinesis Data Streams → consumers / Amazon Data Firehose.', {
    not: { properties: { region: { description: 'Given.' }, regions: { description: 'Given.' } }, required: ['region', 'regions'] },
  });
  const schema: Record<string, unknown> = {
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
      advantage_other_traffic: object(ADVANTAGE_OTHER_TRAFFIC_KEYS, "The account's other On-demand Advantage traffic in the Region, per second.", { type: ['object', 'null'] }),
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
  refine(schema);
  return schema;
}
