// The Firehose delivery model (docs/model.md, docs/firehose.md): flush cadence, objects, latency,
// limits and monthly cost quantities for one delivery stream. Pure: no I/O.
//
// modelFirehose walks named steps in the order the report reads: the context (inputs resolved
// once), ingest and buffer, cadence, latency, limits, cost quantities, the report.

import type { FirehoseConfig, FirehoseDestination, RecordSizeDistribution, Traffic } from '../../profile/types.js';
import type { Explanation, FirehoseReport } from '../../report/types.js';
import type { LineDraft } from '../cost/pricing.js';
import { DYNAMIC_PARTITIONING_ACTIVE_PARTITION_QUOTA } from '../../aws/firehose-destinations.js';
import { type CadenceParams, cadence, ZERO_BUFFERING_SECONDS } from './cadence.js';
import type { DirectPutCheck } from './quotas.js';
import { type DeliveryContext, type Ex, limitsOf, round } from './context.js';
import {
  bufferHeadroom,
  deliversS3Objects,
  directPutFigures,
  directPutReport,
  dynamicPartitioningWarnings,
  formatConversionBufferWarning,
  recordTooLargeWarning,
  smallObjectsWarning,
} from './limits.js';
import { firehoseDrafts, monthlyVolumes, s3RequestsPerObject, smallRecordsRoundingWarning } from './costs.js';
import { explainTransform, type TransformFigures, transformDrafts, transformedRecordSize, transformFigures, transformReport, transformWarnings } from './transform.js';
import { s3Drafts, s3Figures, s3Report, s3Warnings } from './s3.js';
import { formatBytes, HOURS_PER_DAY } from '../../units.js';

export interface FirehoseInput {
  config: FirehoseConfig;
  region: string;
  /** Average user records/s into this delivery stream (de-aggregated; for source stream = the stream's traffic; for direct-put = config.traffic). */
  recordsPerSecond: number;
  peakRecordsPerSecond: number;
  /** User record payload sizes. */
  recordSize: RecordSizeDistribution;
  /** 24 hourly multipliers of the average, mean 1, or null = flat. */
  dailyCurve: number[] | null;
  /** Build the explanations (default true). */
  explain?: boolean;
  /** Build the warnings (default true); without them the report's list is empty. */
  warnings?: boolean;
}

export interface FirehoseResult {
  report: FirehoseReport;
  /** Monthly quantities per cost item, with `resource: config.name`. */
  drafts: LineDraft[];
  explain: Explanation[];
}

/** Firehose reads each shard with one GetRecords call per second (writing-with-kinesis-streams.html). */
export const STREAM_POLL_SECONDS = 1;
/**
 * Time from flush to the data being at the destination. AWS publishes no figure; 5 s stands for
 * the upload (an S3 PUT of ≤128 MiB, an HTTP/Splunk/OpenSearch batch). Redshift adds a COPY
 * from the S3 stage after the object lands; 30 s is assumed for it.
 */
export const DELIVERY_SECONDS: Record<FirehoseDestination, number> = {
  s3: 5,
  redshift: 35,
  opensearch: 5,
  splunk: 5,
  http: 5,
  snowflake: 5,
};
/** Dynamic partitioning: multi-stage buffering can delay delivery up to 1.5× the interval (https://docs.aws.amazon.com/firehose/latest/dev/buffering.html). */
export const DYNAMIC_PARTITIONING_DELAY_FACTOR = 1.5;
/** Parquet/ORC output over JSON input when no compression ratio says otherwise (columnar + Snappy). */
export const FORMAT_CONVERSION_DEFAULT_RATIO = 0.25;

/**
 * Compressed / raw size of delivered objects. With Parquet/ORC the serializer compresses, so a
 * ratio of 1 (no codec given) is replaced by FORMAT_CONVERSION_DEFAULT_RATIO; a ratio below 1 is
 * taken as the user's estimate of the columnar output.
 */
export function effectiveCompressionRatio(config: FirehoseConfig): number {
  if (config.formatConversion !== 'none' && config.compressionRatio >= 1) return FORMAT_CONVERSION_DEFAULT_RATIO;
  return config.compressionRatio;
}

export function modelFirehose(input: FirehoseInput): FirehoseResult {
  const explain: Explanation[] = [];
  const ctx = deliveryContext(input, explain);
  explainIngestAndBuffer(ctx);
  const transform = ctx.config.transform ? transformFigures(ctx, ctx.config.transform) : null;
  if (transform) explainTransform(ctx, transform);
  explainCadence(ctx);
  const latency = latencyFigures(ctx, transform);
  const directPut = limitChecks(ctx);
  if (transform && ctx.warnings) ctx.warnings.push(...transformWarnings(ctx, transform));
  const s3 = ctx.config.s3 ? s3Figures(ctx, ctx.config.s3) : null;
  if (s3 && ctx.warnings) ctx.warnings.push(...s3Warnings(ctx, s3));
  const secondsHeld = bufferHeadroom(ctx);
  if (ctx.warnings && deliversS3Objects(ctx.config.destination)) {
    const small = smallObjectsWarning(ctx.name, ctx.config, ctx.params, ctx.cadence, ctx.ratio);
    if (small) ctx.warnings.push(small);
  }
  const volumes = monthlyVolumes(ctx);
  const rounding = smallRecordsRoundingWarning(ctx, volumes.billedBytesPerRecord);
  if (rounding) ctx.warnings?.push(rounding);
  const drafts = firehoseDrafts(ctx, volumes);
  if (transform) drafts.push(...transformDrafts(ctx, transform));
  if (s3) drafts.push(...s3Drafts(ctx, s3));
  const report = buildReport(ctx, { latency, directPut, secondsHeld });
  if (transform) report.transform = transformReport(transform, ctx.curve !== null);
  if (s3) report.s3 = s3Report(s3);
  return { report, drafts, explain };
}

/** Resolves the inputs once: defaults, the busiest hour, the compression ratio, the day's cadence. */
function deliveryContext(input: FirehoseInput, explain: Explanation[]): DeliveryContext {
  const { config } = input;
  const name = config.name;
  // Explanations are built only when asked for: `ex?.(…)` skips even its arguments.
  const ex: Ex | undefined =
    input.explain === false
      ? undefined
      : (t, formula, inputs, result, note) => {
          const e: Explanation = { topic: `firehose.${name}.${t}`, formula, inputs, result };
          if (note !== undefined) e.note = note;
          explain.push(e);
        };
  const dp = config.dynamicPartitioning;
  const buffers = dp ? Math.max(1, dp.partitions) : 1;
  const averageRecordBytes = input.recordSize.averageBytes;
  const recordsPerSecond = Math.max(0, input.recordsPerSecond);
  const curve = input.dailyCurve && input.dailyCurve.length === HOURS_PER_DAY ? input.dailyCurve : null;
  // The peak is the profile's, but never below the busiest hour of the daily curve.
  const peakRecordsPerSecond = Math.max(recordsPerSecond, input.peakRecordsPerSecond, curve ? recordsPerSecond * Math.max(...curve) : 0);
  const ratio = effectiveCompressionRatio(config);
  // The destination buffer holds what the function returns.
  const deliveredRecordSize = config.transform ? transformedRecordSize(input.recordSize, config.transform.outputRatio) : input.recordSize;
  const deliveredRecordBytes = deliveredRecordSize.averageBytes;
  const params: CadenceParams = {
    recordsPerSecond,
    averageRecordBytes: deliveredRecordBytes,
    multipliers: curve ?? new Array<number>(HOURS_PER_DAY).fill(1),
    bufferSizeBytes: config.bufferSizeBytes,
    bufferIntervalSeconds: config.bufferIntervalSeconds,
    buffers,
    compressionRatio: ratio,
  };
  return {
    config,
    name,
    region: input.region,
    recordSize: input.recordSize,
    limits: limitsOf(config),
    dp,
    buffers,
    averageRecordBytes,
    deliveredRecordSize,
    deliveredRecordBytes,
    recordsPerSecond,
    peakRecordsPerSecond,
    curve,
    ratio,
    bufferSizeBytes: config.bufferSizeBytes,
    bufferIntervalSeconds: config.bufferIntervalSeconds,
    zeroBuffering: config.bufferIntervalSeconds === 0,
    params,
    cadence: cadence(params),
    ingestBytesPerSecond: recordsPerSecond * averageRecordBytes,
    peakIngestBytesPerSecond: peakRecordsPerSecond * averageRecordBytes,
    peakBufferBytesPerSecond: peakRecordsPerSecond * deliveredRecordBytes,
    ex,
    // Warnings are texts: a sweep point, which keeps only figures, asks for none (`warnings: false`).
    warnings: input.warnings === false ? undefined : [],
  };
}

function explainIngestAndBuffer(ctx: DeliveryContext): void {
  const { ex, config, limits, dp } = ctx;
  if (!ex) return;
  const S = ctx.bufferSizeBytes;
  const T = ctx.bufferIntervalSeconds;
  ex(
    'ingest-bytes-per-second',
    'R = records/s × average record size',
    { records_per_second: ctx.recordsPerSecond, average_record_bytes: ctx.averageRecordBytes },
    ctx.ingestBytesPerSecond,
  );
  ex(
    'peak-ingest-bytes-per-second',
    'R_peak = max(peak records/s, records/s × busiest hour of the daily curve) × average record size',
    { peak_records_per_second: ctx.peakRecordsPerSecond, average_record_bytes: ctx.averageRecordBytes },
    ctx.peakIngestBytesPerSecond,
  );
  ex(
    'buffer',
    'buffer hints from the profile, or the destination default',
    {
      destination: config.destination,
      buffer_size_bytes: S,
      buffer_size_from: config.bufferSizeGiven ? 'profile' : 'destination default',
      buffer_interval_seconds: T,
      buffer_interval_from: config.bufferIntervalGiven ? 'profile' : 'destination default',
      allowed_size: `${formatBytes(limits.minBufferSizeBytes)}–${formatBytes(limits.maxBufferSizeBytes)}`,
      allowed_interval: `${limits.minBufferIntervalSeconds}–${limits.maxBufferIntervalSeconds} s`,
    },
    `${formatBytes(S)} / ${T} s`,
    limits.source,
  );
  if (dp) {
    ex(
      'active-partitions',
      'active partitions = dynamic_partitioning.partitions; each has its own buffer and gets an equal share R_p = R / partitions',
      { partitions: dp.partitions, quota: DYNAMIC_PARTITIONING_ACTIVE_PARTITION_QUOTA },
      ctx.buffers,
      'Equal shares are an assumption: skewed partitions make busy partitions flush on size and quiet ones on the interval.',
    );
  }
}

function explainCadence(ctx: DeliveryContext): void {
  const { ex, config, curve, zeroBuffering, buffers, ratio } = ctx;
  if (!ex) return;
  const c = ctx.cadence;
  const avg = c.average;
  const S = ctx.bufferSizeBytes;
  const T = ctx.bufferIntervalSeconds;
  const limitText = zeroBuffering ? `${ZERO_BUFFERING_SECONDS} s (zero buffering)` : `${T} s`;
  ex(
    'flush-seconds',
    zeroBuffering
      ? `τ = max(min(${ZERO_BUFFERING_SECONDS} s, size / R_p), 1 / records_per_buffer) at average traffic`
      : 'τ = max(min(interval, size / R_p), 1 / records_per_buffer) at average traffic',
    { buffer_size_bytes: S, buffer_interval_seconds: T, buffer_ingest_bytes_per_second: avg.bufferIngestBytesPerSecond, buffers },
    avg.flushSeconds ?? 0,
    zeroBuffering ? `Zero buffering delivers "within a few seconds"; kplan assumes ${ZERO_BUFFERING_SECONDS} s of collection.` : undefined,
  );
  ex(
    'flush-trigger',
    `'size' if size / R_p < ${limitText}, else 'interval'`,
    { size_seconds: avg.bufferIngestBytesPerSecond > 0 ? S / avg.bufferIngestBytesPerSecond : 'no traffic', interval_seconds: T },
    avg.trigger,
  );
  ex(
    'objects-per-day',
    curve ? "Σ over 24 UTC hours of buffers × 3,600 / τ_h (τ_h from that hour's rate)" : 'buffers × 86,400 / τ',
    { buffers, flush_seconds_at_average: avg.flushSeconds ?? 0, daily_curve: curve ? 'given' : 'flat' },
    c.objectsPerDay,
  );
  ex(
    'object-size-bytes',
    'mean object = raw bytes per day / objects per day × compression ratio',
    { raw_bytes_per_day: c.rawBytesPerDay, objects_per_day: c.objectsPerDay, compression_ratio: ratio, format_conversion: config.formatConversion },
    c.meanObjectBytes,
    config.formatConversion !== 'none' && config.compressionRatio >= 1 ? `Parquet/ORC output assumed ${FORMAT_CONVERSION_DEFAULT_RATIO} × the input size.` : undefined,
  );
  ex(
    'trigger-share',
    "share of the day's hours in which each trigger fires first",
    { hours: HOURS_PER_DAY },
    `size ${round(c.triggerShare.size, 4)}, interval ${round(c.triggerShare.interval, 4)}, idle ${round(c.triggerShare.idle, 4)}`,
  );
}

interface LatencyFigures {
  /** Transform buffer wait and run time at average traffic; null without a transformation. */
  transform: { bufferSeconds: number; runSeconds: number; bufferSecondsMax: number; runSecondsMax: number } | null;
  pollSeconds: number;
  bufferWaitSeconds: number;
  deliverySeconds: number;
  latencySeconds: number;
  latencySecondsMax: number;
}

/**
 * Record arrival to delivery: poll + buffer wait + delivery, typical and in the longest-waiting
 * hour. A transformation adds its own buffer and the function's run time ahead of the
 * destination buffer; the maximum then adds each stage's longest (an upper bound).
 */
function latencyFigures(ctx: DeliveryContext, tf: TransformFigures | null): LatencyFigures {
  const { ex, config, dp } = ctx;
  const c = ctx.cadence;
  const poll = config.source === 'stream' ? STREAM_POLL_SECONDS : 0;
  const delivery = DELIVERY_SECONDS[config.destination];
  const waitAvg = c.average.waitSeconds ?? 0;
  const transform = tf
    ? {
        bufferSeconds: tf.cadence.average.waitSeconds ?? 0,
        runSeconds: tf.runSeconds,
        bufferSecondsMax: tf.cadence.maxWaitSeconds ?? 0,
        runSecondsMax: tf.runSecondsMax,
      }
    : null;
  const added = transform ? transform.bufferSeconds + transform.runSeconds : 0;
  const addedMax = transform ? transform.bufferSecondsMax + transform.runSecondsMax : 0;
  const latency = poll + added + waitAvg + delivery;
  const factor = dp ? DYNAMIC_PARTITIONING_DELAY_FACTOR : 1;
  const latencyMax = poll + addedMax + factor * (c.maxWaitSeconds ?? 0) + delivery;
  if (transform) {
    ex?.(
      'latency-seconds',
      'latency = poll + transform buffer wait + function run time + destination buffer wait (oldest record, average traffic) + delivery',
      {
        poll_seconds: poll,
        transform_buffer_seconds: transform.bufferSeconds,
        transform_run_seconds: transform.runSeconds,
        buffer_wait_seconds: waitAvg,
        delivery_seconds: delivery,
      },
      latency,
      'Transformed records wait in the destination buffer after the function returns (https://docs.aws.amazon.com/firehose/latest/dev/data-transformation.html).',
    );
    ex?.(
      'latency-seconds-max',
      `latency_max = poll + longest transform wait + longest run + ${dp ? '1.5 × ' : ''}longest hourly buffer wait + delivery`,
      {
        poll_seconds: poll,
        transform_buffer_seconds_max: transform.bufferSecondsMax,
        transform_run_seconds_max: transform.runSecondsMax,
        longest_wait_seconds: c.maxWaitSeconds ?? 0,
        factor,
        delivery_seconds: delivery,
      },
      latencyMax,
    );
    return { transform, pollSeconds: poll, bufferWaitSeconds: waitAvg, deliverySeconds: delivery, latencySeconds: latency, latencySecondsMax: latencyMax };
  }
  ex?.(
    'latency-seconds',
    'latency = poll + buffer wait (oldest record, average traffic) + delivery',
    { poll_seconds: poll, buffer_wait_seconds: waitAvg, delivery_seconds: delivery },
    latency,
    'Measures the oldest record in an object, as CloudWatch DataFreshness does; delivery time is an assumption.',
  );
  ex?.(
    'latency-seconds-max',
    dp ? 'latency_max = poll + 1.5 × longest hourly buffer wait + delivery' : 'latency_max = poll + longest hourly buffer wait + delivery',
    { poll_seconds: poll, longest_wait_seconds: c.maxWaitSeconds ?? 0, factor, delivery_seconds: delivery },
    latencyMax,
    dp ? 'Dynamic partitioning can delay delivery up to 1.5× the buffer time (https://docs.aws.amazon.com/firehose/latest/dev/buffering.html).' : undefined,
  );
  return { transform, pollSeconds: poll, bufferWaitSeconds: waitAvg, deliverySeconds: delivery, latencySeconds: latency, latencySecondsMax: latencyMax };
}

/** Record size, the Direct PUT quota, dynamic partitioning and the format-conversion buffer. */
function limitChecks(ctx: DeliveryContext): DirectPutCheck | null {
  const w = ctx.warnings;
  const tooLarge = w ? recordTooLargeWarning(ctx) : null;
  if (tooLarge) w?.push(tooLarge);
  const directPut = ctx.config.source === 'direct-put' ? directPutFigures(ctx) : null;
  if (w) {
    w.push(...dynamicPartitioningWarnings(ctx));
    const fc = formatConversionBufferWarning(ctx);
    if (fc) w.push(fc);
  }
  return directPut;
}

function buildReport(ctx: DeliveryContext, f: { latency: LatencyFigures; directPut: DirectPutCheck | null; secondsHeld: number }): FirehoseReport {
  const { config, limits, dp, curve, ratio, zeroBuffering } = ctx;
  const c = ctx.cadence;
  const avg = c.average;
  const S = ctx.bufferSizeBytes;
  const T = ctx.bufferIntervalSeconds;
  return {
    name: ctx.name,
    flush_seconds: avg.flushSeconds ?? (zeroBuffering ? ZERO_BUFFERING_SECONDS : T),
    flush_trigger: avg.trigger === 'size' ? 'size' : 'interval',
    objects_per_day: c.objectsPerDay,
    object_size_bytes: c.meanObjectBytes,
    latency_seconds: f.latency.latencySeconds,
    warnings: ctx.warnings ?? [],
    source: config.source,
    destination: config.destination,
    buffer: {
      size_bytes: S,
      interval_seconds: T,
      size_given: config.bufferSizeGiven,
      interval_given: config.bufferIntervalGiven,
      zero_buffering: zeroBuffering,
      allowed_size_bytes: [limits.minBufferSizeBytes, limits.maxBufferSizeBytes],
      allowed_interval_seconds: [limits.minBufferIntervalSeconds, limits.maxBufferIntervalSeconds],
    },
    ingest_bytes_per_second: ctx.ingestBytesPerSecond,
    peak_ingest_bytes_per_second: ctx.peakIngestBytesPerSecond,
    buffer_seconds_of_peak_ingest: Number.isFinite(f.secondsHeld) ? f.secondsHeld : null,
    active_partitions: dp ? ctx.buffers : null,
    active_partition_quota: dp ? DYNAMIC_PARTITIONING_ACTIVE_PARTITION_QUOTA : null,
    flush_seconds_min: c.minFlushSeconds,
    flush_seconds_max: c.maxFlushSeconds,
    trigger_share: { size: c.triggerShare.size, interval: c.triggerShare.interval, idle: c.triggerShare.idle },
    object_size_bytes_raw: c.meanObjectRawBytes,
    compression_ratio: ratio,
    latency_seconds_max: f.latency.latencySecondsMax,
    latency_breakdown: latencyBreakdown(f.latency),
    s3_requests_per_object: s3RequestsPerObject(ctx),
    hourly: curve
      ? c.hours.triggers.map((trigger, h) => ({
          hour: h,
          multiplier: c.hours.multipliers[h] ?? 1,
          flush_seconds: trigger === 'idle' ? null : (c.hours.flushSeconds[h] as number),
          flush_trigger: trigger,
          objects: c.hours.objects[h] as number,
          object_size_bytes: (c.hours.objectRawBytes[h] as number) * ratio,
        }))
      : null,
    direct_put: f.directPut ? directPutReport(f.directPut) : null,
  };
}

function latencyBreakdown(l: LatencyFigures): Record<string, number> {
  const t = l.transform;
  if (!t) return { poll_seconds: l.pollSeconds, buffer_seconds: l.bufferWaitSeconds, delivery_seconds: l.deliverySeconds };
  return {
    poll_seconds: l.pollSeconds,
    transform_buffer_seconds: t.bufferSeconds,
    transform_run_seconds: t.runSeconds,
    buffer_seconds: l.bufferWaitSeconds,
    delivery_seconds: l.deliverySeconds,
  };
}

/** Every delivery stream of a profile: reports, cost drafts and explanations, in profile order. */
export function modelProfileFirehose(
  profile: { traffic: Traffic; firehose: readonly FirehoseConfig[] },
  region: string,
  withExplain = true,
  withWarnings = true,
): { reports: FirehoseReport[]; drafts: LineDraft[]; explain: Explanation[] } {
  const out = { reports: [] as FirehoseReport[], drafts: [] as LineDraft[], explain: [] as Explanation[] };
  for (const f of profile.firehose) {
    // A Direct PUT stream has traffic of its own; one reading the stream takes the stream's.
    const traffic = f.source === 'direct-put' && f.traffic ? f.traffic : profile.traffic;
    const res = modelFirehose({
      config: f,
      region,
      recordsPerSecond: traffic.recordsPerSecond,
      peakRecordsPerSecond: traffic.peakRecordsPerSecond,
      recordSize: traffic.recordSize,
      dailyCurve: traffic.dailyCurve,
      explain: withExplain,
      warnings: withWarnings,
    });
    out.reports.push(res.report);
    out.drafts.push(...res.drafts);
    if (withExplain) out.explain.push(...res.explain);
  }
  return out;
}
