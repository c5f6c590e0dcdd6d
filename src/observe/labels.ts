// Which metric a CloudWatch series is, from its label. The AWS CLI's default label is the metric
// name; search expressions and hand-written queries add the namespace, the stream or delivery
// stream name, the shard id and the statistic in any order. The forms are documented in
// docs/observe.md; the shipped queries (docs/observe/metric-data-queries.json) use
// `<namespace> <metric> <statistic>` with the resource name where there is one.

export type Namespace = 'kinesis' | 'firehose';

export type KinesisMetric =
  | 'IncomingRecords'
  | 'IncomingBytes'
  | 'WriteProvisionedThroughputExceeded'
  | 'ReadProvisionedThroughputExceeded'
  | 'GetRecords.Records'
  | 'GetRecords.Bytes'
  | 'GetRecords.IteratorAgeMilliseconds';

export type FirehoseMetric =
  'IncomingRecords' | 'IncomingBytes' | 'DeliveryToS3.DataFreshness' | 'DeliveryToS3.Records' | 'DataReadFromKinesisStream.Records' | 'DataReadFromKinesisStream.Bytes';

export type Statistic = 'Sum' | 'Average' | 'Maximum' | 'Minimum' | 'SampleCount';

/** What a label names. `resource` is the stream or delivery stream name when the label has one. */
export interface MetricRef {
  namespace: Namespace;
  metric: KinesisMetric | FirehoseMetric;
  /** Shard-level (enhanced monitoring) series: the shard id, e.g. `shardId-000000000003`. */
  shardId: string | null;
  resource: string | null;
  /** The statistic the label names, or null (then Sum for counts, Maximum for ages). */
  statistic: Statistic | null;
}

const KINESIS_METRICS: readonly KinesisMetric[] = [
  'IncomingRecords',
  'IncomingBytes',
  'WriteProvisionedThroughputExceeded',
  'ReadProvisionedThroughputExceeded',
  'GetRecords.Records',
  'GetRecords.Bytes',
  'GetRecords.IteratorAgeMilliseconds',
];
const FIREHOSE_ONLY: readonly FirehoseMetric[] = ['DeliveryToS3.DataFreshness', 'DeliveryToS3.Records', 'DataReadFromKinesisStream.Records', 'DataReadFromKinesisStream.Bytes'];
/** Every metric name kplan reads, for "did you mean" hints. */
export const METRIC_NAMES: readonly string[] = [...KINESIS_METRICS, ...FIREHOSE_ONLY];

/** Metrics that must be read as Sum (counts per period). */
export function isCountMetric(metric: string): boolean {
  return !/DataFreshness|IteratorAge/.test(metric);
}

const STATISTICS: readonly Statistic[] = ['Sum', 'Average', 'Maximum', 'Minimum', 'SampleCount'];
const BY_LOWER = new Map<string, string>(METRIC_NAMES.map((m) => [m.toLowerCase(), m]));
const STAT_BY_LOWER = new Map<string, Statistic>(STATISTICS.map((s) => [s.toLowerCase(), s]));
const FIREHOSE_WORDS = new Set(['aws/firehose', 'firehose', 'deliverystreamname', 'aws/kinesisfirehose']);
const KINESIS_WORDS = new Set(['aws/kinesis', 'kinesis', 'streamname', 'shardid']);
const SHARD_ID = /^shardid-\d{1,20}$/i;

/**
 * Reads a label; undefined when it names no metric kplan reads. Tokens are separated by blanks,
 * `:`, `,`, `|`, `=`, brackets and quotes; their order does not matter.
 */
export function parseLabel(label: string): MetricRef | undefined {
  const tokens = label.split(/[\s:,|=()[\]{}"']+/).filter((t) => t.length > 0);
  let metric: string | undefined;
  let shardId: string | null = null;
  let statistic: Statistic | null = null;
  let namespace: Namespace | null = null;
  const names: string[] = [];
  for (const raw of tokens) {
    const t = raw.toLowerCase();
    const m = BY_LOWER.get(t);
    if (m !== undefined && metric === undefined) {
      metric = m;
      continue;
    }
    if (SHARD_ID.test(t)) {
      shardId = `shardId-${raw.slice(raw.indexOf('-') + 1)}`;
      continue;
    }
    const s = STAT_BY_LOWER.get(t);
    if (s !== undefined) {
      statistic = s;
      continue;
    }
    if (FIREHOSE_WORDS.has(t)) {
      namespace = 'firehose';
      continue;
    }
    if (KINESIS_WORDS.has(t)) {
      namespace ??= 'kinesis';
      continue;
    }
    names.push(raw);
  }
  if (metric === undefined) return undefined;
  if ((FIREHOSE_ONLY as readonly string[]).includes(metric)) namespace = 'firehose';
  if (namespace === null) namespace = 'kinesis';
  if (namespace === 'firehose' && !['IncomingRecords', 'IncomingBytes', ...FIREHOSE_ONLY].includes(metric)) return undefined;
  if (namespace === 'firehose' && shardId !== null) return undefined;
  return { namespace, metric: metric as MetricRef['metric'], shardId, resource: names.length > 0 ? names.join(' ') : null, statistic };
}

/** A stable key of the series a label names (pages of one series share it). */
export function refKey(r: MetricRef, statistic: Statistic): string {
  return `${r.namespace}|${r.resource ?? ''}|${r.metric}|${r.shardId ?? ''}|${statistic}`;
}

/** `AWS/Kinesis IncomingRecords (shardId-…) Sum` for messages and provenance comments. */
export function describeRef(r: MetricRef, statistic: Statistic): string {
  const ns = r.namespace === 'kinesis' ? 'AWS/Kinesis' : 'AWS/Firehose';
  return `${ns} ${r.metric}${r.shardId ? ` ${r.shardId}` : ''}${r.resource && r.namespace === 'firehose' ? ` (${r.resource})` : ''}, ${statistic}`;
}
