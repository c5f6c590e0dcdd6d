// The Firehose delivery model (docs/firehose.md; billing: https://aws.amazon.com/kinesis/data-firehose/pricing/,
// limits: https://docs.aws.amazon.com/firehose/latest/dev/limits.html): flush cadence, objects,
// latency, limits and monthly cost quantities for one delivery stream. Pure: no I/O.

import type { FirehoseConfig, FirehoseDestination, RecordSizeDistribution, Traffic } from '../../profile/types.js';
import { FIREHOSE_ROUNDING_BYTES, roundedBytesPerRecord } from '../stream/traffic.js';
import type { Explanation, FirehoseReport, Warning } from '../../report/types.js';
import type { LineDraft } from '../cost/pricing.js';
import {
  DESTINATION_LIMITS,
  DYNAMIC_PARTITIONING_ACTIVE_PARTITION_QUOTA,
  FORMAT_CONVERSION_MIN_BUFFER_BYTES,
} from '../../aws/firehose-destinations.js';
import { type CadenceParams, type CadenceSummary, cadence, ZERO_BUFFERING_SECONDS } from './cadence.js';
import { checkDirectPut, DIRECT_PUT_QUOTA_SOURCE, FIREHOSE_MAX_RECORD_BYTES, type DirectPutCheck } from './quotas.js';
import { formatBytes, GIB, HOURS_PER_DAY, HOURS_PER_MONTH, MIB, SECONDS_PER_MONTH, formatGrouped } from '../../units.js';

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

/** Ingestion (and format conversion) bills each record rounded up to 5 KB = 5,120 B (https://aws.amazon.com/firehose/pricing/). */
export const FIREHOSE_BILLING_INCREMENT_BYTES = FIREHOSE_ROUNDING_BYTES;
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
/** Active partitions available by quota request. */
export const DYNAMIC_PARTITIONING_MAX_QUOTA = 5000;
/** AWS: buffer size should exceed 10 s of typical ingest (https://docs.aws.amazon.com/firehose/latest/APIReference/API_BufferingHints.html). */
export const MIN_BUFFER_SECONDS_OF_INGEST = 10;
/** Objects smaller than this (after compression) are "small" (per-object overhead dominates S3 PUT cost and query engines). */
export const SMALL_OBJECT_BYTES = 1 * MIB;
/** Parquet/ORC: objects holding less than the 64 MiB format-conversion minimum buffer of input are "small". */
export const SMALL_COLUMNAR_OBJECT_RAW_BYTES = FORMAT_CONVERSION_MIN_BUFFER_BYTES;
/** More objects a day than this (≈1.2 PUT/s) is "many". */
export const MANY_OBJECTS_PER_DAY = 100_000;
/** Parquet/ORC output over JSON input when no compression ratio says otherwise (columnar + Snappy). */
export const FORMAT_CONVERSION_DEFAULT_RATIO = 0.25;
/**
 * With an interval under 60 s Firehose writes S3 objects by multipart upload, "an increase in S3
 * PUT API costs" (buffering-hints page). Assumed: CreateMultipartUpload + one UploadPart +
 * CompleteMultipartUpload = 3 requests per object.
 */
export const MULTIPART_INTERVAL_SECONDS = 60;
export const MULTIPART_REQUESTS_PER_OBJECT = 3;
/** JQ processing is assumed to run the whole month: 730 h per delivery stream (the unit is not defined by AWS). */
export const JQ_HOURS_PER_MONTH = HOURS_PER_MONTH;

const ROUND_DOC = 'https://aws.amazon.com/firehose/pricing/';

/** E[ceil(size / 5 KB) × 5 KB] over the distribution: billed bytes per record (at least 5 KB). */
export function billedBytesPerRecord(dist: RecordSizeDistribution): number {
  return roundedBytesPerRecord(dist, FIREHOSE_BILLING_INCREMENT_BYTES);
}

/**
 * Compressed / raw size of delivered objects. With Parquet/ORC the serializer compresses, so a
 * ratio of 1 (no codec given) is replaced by FORMAT_CONVERSION_DEFAULT_RATIO; a ratio below 1 is
 * taken as the user's estimate of the columnar output.
 */
export function effectiveCompressionRatio(config: FirehoseConfig): number {
  if (config.formatConversion !== 'none' && config.compressionRatio >= 1) return FORMAT_CONVERSION_DEFAULT_RATIO;
  return config.compressionRatio;
}

/** Destinations whose deliveries are S3 objects (Redshift loads from an S3 stage). */
function deliversS3Objects(d: FirehoseDestination): boolean {
  return d === 's3' || d === 'redshift';
}

export function modelFirehose(input: FirehoseInput): FirehoseResult {
  const { config } = input;
  const name = config.name;
  const topic = (s: string): string => `firehose.${name}.${s}`;
  const explain: Explanation[] = [];
  // Warnings are texts: a sweep point, which keeps only figures, asks for none (`warnings: false`).
  const warnings: Warning[] | undefined = input.warnings === false ? undefined : [];
  // Explanations are built only when asked for: `ex?.(…)` skips even its arguments.
  const ex: Ex | undefined =
    input.explain === false
      ? undefined
      : (t, formula, inputs, result, note) => {
          const e: Explanation = { topic: topic(t), formula, inputs, result };
          if (note !== undefined) e.note = note;
          explain.push(e);
        };

  const limits = DESTINATION_LIMITS[config.destination];
  const dp = config.dynamicPartitioning;
  const buffers = dp ? Math.max(1, dp.partitions) : 1;
  const avgBytes = input.recordSize.averageBytes;
  const lambda = Math.max(0, input.recordsPerSecond);
  const curve = input.dailyCurve && input.dailyCurve.length === HOURS_PER_DAY ? input.dailyCurve : null;
  // The peak is the profile's, but never below the busiest hour of the daily curve.
  const peakLambda = Math.max(lambda, input.peakRecordsPerSecond, curve ? lambda * Math.max(...curve) : 0);
  const multipliers = curve ?? new Array<number>(HOURS_PER_DAY).fill(1);
  const ratio = effectiveCompressionRatio(config);
  const S = config.bufferSizeBytes;
  const T = config.bufferIntervalSeconds;
  const zeroBuffering = T === 0;

  const params: CadenceParams = {
    recordsPerSecond: lambda,
    averageRecordBytes: avgBytes,
    multipliers,
    bufferSizeBytes: S,
    bufferIntervalSeconds: T,
    buffers,
    compressionRatio: ratio,
  };
  const c = cadence(params);
  const avg = c.average;

  // --- ingest -----------------------------------------------------------------------------
  const R = lambda * avgBytes;
  const peakR = peakLambda * avgBytes;
  ex?.('ingest-bytes-per-second', 'R = records/s × average record size', { records_per_second: lambda, average_record_bytes: avgBytes }, R);
  ex?.(
    'peak-ingest-bytes-per-second',
    'R_peak = max(peak records/s, records/s × busiest hour of the daily curve) × average record size',
    { peak_records_per_second: peakLambda, average_record_bytes: avgBytes },
    peakR,
  );
  ex?.(
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
    ex?.(
      'active-partitions',
      'active partitions = dynamic_partitioning.partitions; each has its own buffer and gets an equal share R_p = R / partitions',
      { partitions: dp.partitions, quota: DYNAMIC_PARTITIONING_ACTIVE_PARTITION_QUOTA },
      buffers,
      'Equal shares are an assumption: skewed partitions make busy partitions flush on size and quiet ones on the interval.',
    );
  }

  // --- cadence ----------------------------------------------------------------------------
  const limitText = zeroBuffering ? `${ZERO_BUFFERING_SECONDS} s (zero buffering)` : `${T} s`;
  ex?.(
    'flush-seconds',
    zeroBuffering
      ? `τ = max(min(${ZERO_BUFFERING_SECONDS} s, size / R_p), 1 / records_per_buffer) at average traffic`
      : 'τ = max(min(interval, size / R_p), 1 / records_per_buffer) at average traffic',
    { buffer_size_bytes: S, buffer_interval_seconds: T, buffer_ingest_bytes_per_second: avg.bufferIngestBytesPerSecond, buffers },
    avg.flushSeconds ?? 0,
    zeroBuffering
      ? `Zero buffering delivers "within a few seconds"; kplan assumes ${ZERO_BUFFERING_SECONDS} s of collection.`
      : undefined,
  );
  ex?.(
    'flush-trigger',
    `'size' if size / R_p < ${limitText}, else 'interval'`,
    { size_seconds: avg.bufferIngestBytesPerSecond > 0 ? S / avg.bufferIngestBytesPerSecond : 'no traffic', interval_seconds: T },
    avg.trigger,
  );
  ex?.(
    'objects-per-day',
    curve ? 'Σ over 24 UTC hours of buffers × 3,600 / τ_h (τ_h from that hour\'s rate)' : 'buffers × 86,400 / τ',
    { buffers, flush_seconds_at_average: avg.flushSeconds ?? 0, daily_curve: curve ? 'given' : 'flat' },
    c.objectsPerDay,
  );
  ex?.(
    'object-size-bytes',
    'mean object = raw bytes per day / objects per day × compression ratio',
    { raw_bytes_per_day: c.rawBytesPerDay, objects_per_day: c.objectsPerDay, compression_ratio: ratio, format_conversion: config.formatConversion },
    c.meanObjectBytes,
    config.formatConversion !== 'none' && config.compressionRatio >= 1
      ? `Parquet/ORC output assumed ${FORMAT_CONVERSION_DEFAULT_RATIO} × the input size.`
      : undefined,
  );
  ex?.(
    'trigger-share',
    'share of the day\'s hours in which each trigger fires first',
    { hours: HOURS_PER_DAY },
    `size ${round(c.triggerShare.size, 4)}, interval ${round(c.triggerShare.interval, 4)}, idle ${round(c.triggerShare.idle, 4)}`,
  );

  // --- latency ----------------------------------------------------------------------------
  const poll = config.source === 'stream' ? STREAM_POLL_SECONDS : 0;
  const delivery = DELIVERY_SECONDS[config.destination];
  const waitAvg = avg.waitSeconds ?? 0;
  const latency = poll + waitAvg + delivery;
  const factor = dp ? DYNAMIC_PARTITIONING_DELAY_FACTOR : 1;
  const latencyMax = poll + factor * (c.maxWaitSeconds ?? 0) + delivery;
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

  // --- limits and warnings ----------------------------------------------------------------
  const maxRecord = warnings ? input.recordSize.buckets.reduce((m, b) => Math.max(m, b.bytes), 0) : 0;
  if (maxRecord > FIREHOSE_MAX_RECORD_BYTES) {
    const share = input.recordSize.buckets.filter((b) => b.bytes > FIREHOSE_MAX_RECORD_BYTES).reduce((s, b) => s + b.share, 0);
    warnings?.push({
      code: 'record-too-large',
      message:
        `${name}: ${pct(share)} of records are larger than 1,000 KiB (largest ${formatBytes(maxRecord)}); ` +
        'Firehose refuses records over 1,000 KiB (before base64), so they are never delivered. ' +
        'Split them or send them another way (https://docs.aws.amazon.com/firehose/latest/APIReference/API_Record.html).',
    });
  }

  let directPut: DirectPutCheck | null = null;
  if (config.source === 'direct-put') {
    directPut = checkDirectPut(input.region, peakLambda, avgBytes);
    if (ex) explainDirectPut(directPut, ex);
    const w = warnings && directPutWarning(name, directPut);
    if (w) warnings?.push(w);
  }

  if (dp) {
    if (config.destination !== 's3') {
      warnings?.push({
        code: 'dynamic-partitioning-destination',
        message: `${name}: dynamic partitioning is available for Amazon S3 delivery only, not ${config.destination}.`,
      });
    }
    if (dp.partitions > DYNAMIC_PARTITIONING_ACTIVE_PARTITION_QUOTA) {
      const beyond =
        dp.partitions > DYNAMIC_PARTITIONING_MAX_QUOTA
          ? ` That is more than the ${formatGrouped(DYNAMIC_PARTITIONING_MAX_QUOTA)} available by request: use fewer partition keys or a longer-lived key.`
          : ` Request an increase to at least ${formatGrouped(Math.ceil(dp.partitions))} (up to ${formatGrouped(DYNAMIC_PARTITIONING_MAX_QUOTA)} is available by request).`;
      warnings?.push({
        code: 'dynamic-partitioning-quota',
        message:
          `${name}: dynamic partitioning needs ${formatGrouped(Math.ceil(dp.partitions))} active partitions, above the default quota of ` +
          `${DYNAMIC_PARTITIONING_ACTIVE_PARTITION_QUOTA} per delivery stream; records for partitions beyond the quota go to the error output prefix ` +
          `(activePartitionExceeded).${beyond} (https://docs.aws.amazon.com/firehose/latest/dev/dynamic-partitioning.html)`,
      });
    }
  }

  if (config.formatConversion !== 'none' && S < FORMAT_CONVERSION_MIN_BUFFER_BYTES) {
    warnings?.push({
      code: 'format-conversion-buffer',
      message: `${name}: record format conversion needs buffer_size of at least 64 MiB (have ${formatBytes(S)}); raise buffer_size to 64 MiB or more.`,
    });
  }

  // AWS's 10-second advice, applied per buffer (with dynamic partitioning each partition buffers on its own).
  // Not applied with zero buffering, which deliberately flushes within seconds.
  const peakPerBuffer = peakR / buffers;
  const secondsHeld = peakPerBuffer > 0 ? S / peakPerBuffer : Number.POSITIVE_INFINITY;
  ex?.(
    'buffer-seconds-of-peak-ingest',
    'buffer size / (R_peak / buffers); AWS recommends ≥ 10 s',
    { buffer_size_bytes: S, peak_ingest_bytes_per_second_per_buffer: peakPerBuffer },
    Number.isFinite(secondsHeld) ? secondsHeld : 'no traffic',
    'https://docs.aws.amazon.com/firehose/latest/APIReference/API_BufferingHints.html',
  );
  if (warnings && !zeroBuffering && secondsHeld < MIN_BUFFER_SECONDS_OF_INGEST) {
    const neededBytes = Math.ceil((MIN_BUFFER_SECONDS_OF_INGEST * peakPerBuffer) / MIB) * MIB;
    const per = dp ? ' per partition' : '';
    const fix =
      neededBytes <= limits.maxBufferSizeBytes
        ? `raise buffer_size to ${formatBytes(neededBytes)}`
        : `even the ${config.destination} maximum of ${formatBytes(limits.maxBufferSizeBytes)} holds only ${round(limits.maxBufferSizeBytes / peakPerBuffer, 1)} s: ` +
          'set buffer_size to the maximum and expect Firehose to deliver more, smaller batches at peak';
    warnings?.push({
      code: 'buffer-below-10s',
      message:
        `${name}: buffer_size ${formatBytes(S)} holds ${round(secondsHeld, 1)} s of peak ingest (${formatBytes(peakPerBuffer)}/s${per}); ` +
        `AWS recommends at least ${MIN_BUFFER_SECONDS_OF_INGEST} s: ${fix}.`,
    });
  }

  const small = warnings && deliversS3Objects(config.destination) ? smallObjectsWarning(name, config, params, c, ratio) : null;
  if (small) warnings?.push(small);

  // --- cost quantities --------------------------------------------------------------------
  const volumeFactor = curve ? curve.reduce((s, x) => s + x, 0) / curve.length : 1;
  const recordsPerMonth = lambda * volumeFactor * SECONDS_PER_MONTH;
  const billedPerRecord = billedBytesPerRecord(input.recordSize);
  const ingestionGB = (recordsPerMonth * billedPerRecord) / GIB;
  const rawGB = (recordsPerMonth * avgBytes) / GIB;
  // Each record is billed as at least 5 KB: small records can cost many times their size
  // (https://aws.amazon.com/firehose/pricing/).
  if (avgBytes > 0 && billedPerRecord / avgBytes >= 2) {
    warnings?.push({
      code: 'small-records-rounding',
      message: `${name}: Firehose bills each record rounded up to 5 KB: ${formatBytes(avgBytes)} records are billed as ${formatBytes(billedPerRecord)} (${(billedPerRecord / avgBytes).toFixed(1)}× their size). Send fewer, larger records (join events into newline-delimited batches of up to 1,000 KiB) to bill closer to the real volume.`,
    });
  }
  const objectsPerMonth = (c.objectsPerDay * HOURS_PER_MONTH) / HOURS_PER_DAY;
  const drafts: LineDraft[] = [];
  const draft = (d: Omit<LineDraft, 'resource'>): void => {
    drafts.push({ ...d, resource: name });
  };

  ex?.(
    'records-per-month',
    curve ? 'records/s × mean(daily curve) × 730 h × 3,600 s' : 'records/s × 730 h × 3,600 s',
    { records_per_second: lambda, curve_mean: volumeFactor },
    recordsPerMonth,
  );
  ex?.(
    'cost.firehose-ingestion',
    'GB = records/month × Σ share × ceil(size / 5,120) × 5,120 / 2^30',
    { records_per_month: recordsPerMonth, billed_bytes_per_record: billedPerRecord, average_record_bytes: avgBytes },
    ingestionGB,
    `Each record is rounded up to 5 KB (${ROUND_DOC}).`,
  );
  draft({
    service: 'firehose',
    item: 'firehose-ingestion',
    quantity: ingestionGB,
    unit: 'GB',
    priceKey: config.source === 'stream' ? 'firehose.stream-source-ingestion-gb' : 'firehose.direct-put-ingestion-gb',
  });

  if (config.formatConversion !== 'none') {
    ex?.('cost.firehose-format-conversion', 'GB = the 5 KB-rounded ingestion GB', { ingestion_gb: ingestionGB }, ingestionGB);
    draft({ service: 'firehose', item: 'firehose-format-conversion', quantity: ingestionGB, unit: 'GB', priceKey: 'firehose.format-conversion-gb' });
  }

  if (config.vpc) {
    const azHours = config.vpc.subnets * HOURS_PER_MONTH;
    ex?.('cost.firehose-vpc-data', 'GB = records/month × average record size / 2^30 (raw, no 5 KB rounding, before compression)', { records_per_month: recordsPerMonth, average_record_bytes: avgBytes }, rawGB);
    ex?.('cost.firehose-vpc-az-hours', 'AZ-hours = subnets × 730', { subnets: config.vpc.subnets }, azHours, 'Partial hours bill as full hours; the stream runs all month.');
    draft({ service: 'firehose', item: 'firehose-vpc-data', quantity: rawGB, unit: 'GB', priceKey: 'firehose.vpc-data-gb' });
    draft({ service: 'firehose', item: 'firehose-vpc-az-hours', quantity: azHours, unit: 'AZ-hour', priceKey: 'firehose.vpc-az-hour' });
  }

  if (dp) {
    ex?.('cost.firehose-dynamic-partitioning-data', 'GB delivered = records/month × average record size / 2^30 (raw, before compression)', { records_per_month: recordsPerMonth, average_record_bytes: avgBytes }, rawGB);
    ex?.('cost.firehose-dynamic-partitioning-objects', 'objects/month = objects/day × 730 / 24', { objects_per_day: c.objectsPerDay }, objectsPerMonth);
    draft({ service: 'firehose', item: 'firehose-dynamic-partitioning-data', quantity: rawGB, unit: 'GB', priceKey: 'firehose.dynamic-partitioning-gb' });
    draft({ service: 'firehose', item: 'firehose-dynamic-partitioning-objects', quantity: objectsPerMonth, unit: 'object', priceKey: 'firehose.dynamic-partitioning-object' });
    if (dp.jq) {
      ex?.('cost.firehose-jq-hours', 'JQ hours = 730 (continuous processing all month)', { hours_per_month: HOURS_PER_MONTH }, JQ_HOURS_PER_MONTH, 'AWS does not define the "JQ processing hour"; this assumes one per wall-clock hour.');
      draft({ service: 'firehose', item: 'firehose-jq-hours', quantity: JQ_HOURS_PER_MONTH, unit: 'hour', priceKey: 'firehose.jq-hour' });
    }
  }

  const multipart = deliversS3Objects(config.destination) && T < MULTIPART_INTERVAL_SECONDS;
  const requestsPerObject = deliversS3Objects(config.destination) ? (multipart ? MULTIPART_REQUESTS_PER_OBJECT : 1) : 0;
  if (requestsPerObject > 0) {
    const requests = objectsPerMonth * requestsPerObject;
    ex?.(
      'cost.s3-put-requests',
      'requests/month = objects/day × 730 / 24 × requests per object',
      { objects_per_day: c.objectsPerDay, requests_per_object: requestsPerObject },
      requests,
      multipart ? 'An interval under 60 s makes Firehose use S3 multipart upload; 3 requests per object assumed.' : undefined,
    );
    draft({ service: 's3', item: 's3-put-requests', quantity: requests, unit: 'request', priceKey: 's3.put-request' });
  }

  // --- report -----------------------------------------------------------------------------
  const report: FirehoseReport = {
    name,
    flush_seconds: avg.flushSeconds ?? (zeroBuffering ? ZERO_BUFFERING_SECONDS : T),
    flush_trigger: avg.trigger === 'size' ? 'size' : 'interval',
    objects_per_day: c.objectsPerDay,
    object_size_bytes: c.meanObjectBytes,
    latency_seconds: latency,
    warnings: warnings ?? [],
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
    ingest_bytes_per_second: R,
    peak_ingest_bytes_per_second: peakR,
    buffer_seconds_of_peak_ingest: Number.isFinite(secondsHeld) ? secondsHeld : null,
    active_partitions: dp ? buffers : null,
    active_partition_quota: dp ? DYNAMIC_PARTITIONING_ACTIVE_PARTITION_QUOTA : null,
    flush_seconds_min: c.minFlushSeconds,
    flush_seconds_max: c.maxFlushSeconds,
    trigger_share: { size: c.triggerShare.size, interval: c.triggerShare.interval, idle: c.triggerShare.idle },
    object_size_bytes_raw: c.meanObjectRawBytes,
    compression_ratio: ratio,
    latency_seconds_max: latencyMax,
    latency_breakdown: { poll_seconds: poll, buffer_seconds: waitAvg, delivery_seconds: delivery },
    s3_requests_per_object: requestsPerObject,
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
    direct_put: directPut ? directPutReport(directPut) : null,
  };

  return { report, drafts, explain };
}

// --- helpers ----------------------------------------------------------------------------

type Ex = (t: string, formula: string, inputs: Explanation['inputs'], result: number | string, note?: string) => void;

function explainDirectPut(d: DirectPutCheck, ex: Ex): void {
  ex(
    'direct-put.requests-per-second',
    'requests/s = peak records/s / records per PutRecordBatch (min(500, floor(4 MiB / average size)): full batches assumed)',
    { peak_records_per_second: d.demand.recordsPerSecond, records_per_call: d.demand.recordsPerCall },
    d.demand.requestsPerSecond,
  );
  ex('direct-put.bytes-per-second', 'bytes/s = peak records/s × average record size', { peak_records_per_second: d.demand.recordsPerSecond }, d.demand.bytesPerSecond);
  if (!d.quota || !d.utilization) {
    ex('direct-put.quota', 'Direct PUT quota of the region', { region: d.region }, 'unknown', DIRECT_PUT_QUOTA_SOURCE);
    return;
  }
  ex(
    'direct-put.utilization',
    'max(records/s ÷ quota, requests/s ÷ quota, bytes/s ÷ quota) at peak',
    {
      region: d.region,
      quota_records_per_second: d.quota.recordsPerSecond,
      quota_requests_per_second: d.quota.requestsPerSecond,
      quota_bytes_per_second: d.quota.bytesPerSecond,
      records: d.utilization.records,
      requests: d.utilization.requests,
      bytes: d.utilization.bytes,
    },
    Math.max(d.utilization.records, d.utilization.requests, d.utilization.bytes),
    DIRECT_PUT_QUOTA_SOURCE,
  );
}

const DIMENSION_TEXT = { records: 'records/s', requests: 'requests/s', bytes: 'MiB/s' } as const;

function directPutWarning(name: string, d: DirectPutCheck): Warning | null {
  if (d.level === 'unknown') {
    return {
      code: 'direct-put-quota-unknown',
      message:
        `${name}: the Direct PUT quota for ${d.region} is unknown to kplan (peak ${formatBytes(d.demand.bytesPerSecond)}/s, ` +
        `${fmt(d.demand.requestsPerSecond)} requests/s, ${fmt(d.demand.recordsPerSecond)} records/s); check it in Service Quotas.`,
    };
  }
  if (!d.quota || !d.utilization || !d.binding) return null;
  const dims = `${formatBytes(d.demand.bytesPerSecond)}/s of ${formatBytes(d.quota.bytesPerSecond)}/s, ` +
    `${fmt(d.demand.requestsPerSecond)} of ${fmt(d.quota.requestsPerSecond)} requests/s, ` +
    `${fmt(d.demand.recordsPerSecond)} of ${fmt(d.quota.recordsPerSecond)} records/s`;
  if (d.level === 'exceeded' && d.requested && d.multipleNeeded !== null) {
    return {
      code: 'direct-put-quota-exceeded',
      message:
        `${name}: peak traffic exceeds the Direct PUT quota in ${d.region} (${dims}); the ${DIMENSION_TEXT[d.binding]} quota binds and PutRecordBatch calls will be throttled. ` +
        `Request a quota increase of ×${round(d.multipleNeeded, 2)}: ${formatBytes(d.requested.bytesPerSecond)}/s, ` +
        `${fmt(d.requested.requestsPerSecond)} requests/s, ${fmt(d.requested.recordsPerSecond)} records/s (the three scale together). ` +
        `Ask only for what traffic needs: a quota far above traffic gives smaller objects. Or use a Kinesis data stream as source, which has no such quota.`,
    };
  }
  if (d.level === 'near') {
    return {
      code: 'direct-put-quota-near',
      message: `${name}: peak traffic uses ${pct(d.utilization[d.binding])} of the Direct PUT ${DIMENSION_TEXT[d.binding]} quota in ${d.region} (${dims}).`,
    };
  }
  return null;
}

function directPutReport(d: DirectPutCheck): Record<string, unknown> {
  return {
    region: d.region,
    level: d.level,
    quota: d.quota
      ? { records_per_second: d.quota.recordsPerSecond, requests_per_second: d.quota.requestsPerSecond, bytes_per_second: d.quota.bytesPerSecond }
      : null,
    peak: {
      records_per_second: d.demand.recordsPerSecond,
      requests_per_second: d.demand.requestsPerSecond,
      bytes_per_second: d.demand.bytesPerSecond,
      records_per_call: d.demand.recordsPerCall,
    },
    utilization: d.utilization,
    binding: d.binding,
    increase_multiple: d.multipleNeeded,
    increase_to: d.requested
      ? { records_per_second: d.requested.recordsPerSecond, requests_per_second: d.requested.requestsPerSecond, bytes_per_second: d.requested.bytesPerSecond }
      : null,
  };
}

interface SmallVerdict {
  small: boolean;
  reasons: string[];
}

function judgeSmall(config: FirehoseConfig, c: CadenceSummary): SmallVerdict {
  const reasons: string[] = [];
  if (c.objectsPerDay <= 0) return { small: false, reasons };
  if (config.formatConversion !== 'none') {
    if (c.meanObjectRawBytes < SMALL_COLUMNAR_OBJECT_RAW_BYTES) {
      reasons.push(`objects hold ${formatBytes(c.meanObjectRawBytes)} of input on average (below ${formatBytes(SMALL_COLUMNAR_OBJECT_RAW_BYTES)} for ${config.formatConversion})`);
    }
  } else if (c.meanObjectBytes < SMALL_OBJECT_BYTES) {
    reasons.push(`objects average ${formatBytes(c.meanObjectBytes)} after compression (below ${formatBytes(SMALL_OBJECT_BYTES)})`);
  }
  if (c.objectsPerDay > MANY_OBJECTS_PER_DAY) {
    reasons.push(`${fmt(c.objectsPerDay)} objects/day (above ${fmt(MANY_OBJECTS_PER_DAY)})`);
  }
  return { small: reasons.length > 0, reasons };
}

/**
 * Small or many S3 objects: name the buffer setting that fixes it. Tries raising the hint that
 * triggers at average traffic to the destination's maximum, then both hints; reports the result.
 */
function smallObjectsWarning(name: string, config: FirehoseConfig, p: CadenceParams, c: CadenceSummary, ratio: number): Warning | null {
  const verdict = judgeSmall(config, c);
  if (!verdict.small) return null;
  const limits = DESTINATION_LIMITS[config.destination];
  const maxS = limits.maxBufferSizeBytes;
  const maxT = limits.maxBufferIntervalSeconds;
  const S = p.bufferSizeBytes;
  const T = p.bufferIntervalSeconds;
  const candidates: { S: number; T: number }[] = [];
  if (c.average.trigger === 'size') candidates.push({ S: maxS, T });
  else candidates.push({ S, T: maxT });
  candidates.push({ S: maxS, T: maxT });
  const useful = candidates.filter((k) => k.S !== S || k.T !== T);

  let fixText: string;
  let chosen: { k: { S: number; T: number }; r: CadenceSummary } | null = null;
  for (const k of useful) {
    const r = cadence({ ...p, bufferSizeBytes: k.S, bufferIntervalSeconds: k.T });
    if (!judgeSmall(config, r).small) {
      chosen = { k, r };
      break;
    }
    chosen = { k, r };
  }
  if (chosen && chosen.r.objectsPerDay < c.objectsPerDay * 0.99) {
    const parts: string[] = [];
    if (chosen.k.T !== T) parts.push(`buffer_interval to ${chosen.k.T}s`);
    if (chosen.k.S !== S) parts.push(`buffer_size to ${formatBytes(chosen.k.S)}`);
    const still = judgeSmall(config, chosen.r).small ? ' (still small: the hints are then at their maximum)' : '';
    fixText =
      `raise ${parts.join(' and ')}: would give ${fmt(chosen.r.objectsPerDay)} objects/day of ${formatBytes(chosen.r.meanObjectRawBytes * ratio)}${still}`;
  } else {
    fixText = `buffer hints are already at the ${config.destination} maximum (${formatBytes(maxS)}, ${maxT}s); compact objects after delivery`;
  }
  const dpText = config.dynamicPartitioning
    ? ` With ${fmt(p.buffers)} active partitions each buffer gets 1/${fmt(p.buffers)} of the traffic (the estimate keeps that count; a longer interval may keep more partitions active); fewer partition keys give fewer, larger objects.`
    : '';
  return {
    code: 'small-objects',
    message: `${name}: ${verdict.reasons.join(' and ')}; ${fixText}.${dpText}`,
  };
}

function fmt(x: number): string {
  if (x !== 0 && Math.abs(x) < 1) return Number(x.toPrecision(2)).toString();
  const v = Math.abs(x) >= 100 ? Math.round(x) : Math.round(x * 100) / 100;
  return formatGrouped(v);
}

function pct(x: number): string {
  return `${round(x * 100, 1)}%`;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
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
