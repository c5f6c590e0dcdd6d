// The limits a delivery stream can run into, each one unit with its warning and the fix it names:
// records over 1,000 KiB, the Direct PUT quota, dynamic partitioning, the format-conversion buffer,
// AWS's 10-second buffer advice and small S3 objects. Pure: no I/O.

import type { FirehoseConfig, FirehoseDestination } from '../../profile/types.js';
import type { Warning } from '../../report/types.js';
import { DESTINATION_LIMITS, DYNAMIC_PARTITIONING_ACTIVE_PARTITION_QUOTA, FORMAT_CONVERSION_MIN_BUFFER_BYTES } from '../../aws/firehose-destinations.js';
import { type CadenceParams, type CadenceSummary, cadence } from './cadence.js';
import { checkDirectPut, DIRECT_PUT_QUOTA_SOURCE, FIREHOSE_MAX_RECORD_BYTES, type DirectPutCheck } from './quotas.js';
import { type DeliveryContext, type Ex, fmt, pct, round } from './context.js';
import { formatBytes, formatGrouped, MIB } from '../../units.js';

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

/** Destinations whose deliveries are S3 objects (Redshift loads from an S3 stage). */
export function deliversS3Objects(d: FirehoseDestination): boolean {
  return d === 's3' || d === 'redshift';
}

/** Firehose refuses records over 1,000 KiB: say what share of the traffic that is. */
export function recordTooLargeWarning(ctx: DeliveryContext): Warning | null {
  const buckets = ctx.recordSize.buckets;
  const maxRecord = buckets.reduce((m, b) => Math.max(m, b.bytes), 0);
  if (maxRecord <= FIREHOSE_MAX_RECORD_BYTES) return null;
  const share = buckets.filter((b) => b.bytes > FIREHOSE_MAX_RECORD_BYTES).reduce((s, b) => s + b.share, 0);
  return {
    code: 'record-too-large',
    message:
      `${ctx.name}: ${pct(share)} of records are larger than 1,000 KiB (largest ${formatBytes(maxRecord)}); ` +
      'Firehose refuses records over 1,000 KiB (before base64), so they are never delivered. ' +
      'Split them or send them another way (https://docs.aws.amazon.com/firehose/latest/APIReference/API_Record.html).',
  };
}

/** The Direct PUT quota at peak: explained, warned about, and returned for the report. */
export function directPutFigures(ctx: DeliveryContext): DirectPutCheck {
  const d = checkDirectPut(ctx.region, ctx.peakRecordsPerSecond, ctx.averageRecordBytes);
  if (ctx.ex) explainDirectPut(d, ctx.ex);
  const w = ctx.warnings && directPutWarning(ctx.name, d);
  if (w) ctx.warnings?.push(w);
  return d;
}

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
  const dims =
    `${formatBytes(d.demand.bytesPerSecond)}/s of ${formatBytes(d.quota.bytesPerSecond)}/s, ` +
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

export function directPutReport(d: DirectPutCheck): Record<string, unknown> {
  return {
    region: d.region,
    level: d.level,
    quota: d.quota ? { records_per_second: d.quota.recordsPerSecond, requests_per_second: d.quota.requestsPerSecond, bytes_per_second: d.quota.bytesPerSecond } : null,
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

/** Dynamic partitioning: S3 only, and the active-partition quota. */
export function dynamicPartitioningWarnings(ctx: DeliveryContext): Warning[] {
  const { name, config, dp } = ctx;
  const out: Warning[] = [];
  if (!dp) return out;
  if (config.destination !== 's3') {
    out.push({
      code: 'dynamic-partitioning-destination',
      message: `${name}: dynamic partitioning is available for Amazon S3 delivery only, not ${config.destination}.`,
    });
  }
  if (dp.partitions > DYNAMIC_PARTITIONING_ACTIVE_PARTITION_QUOTA) {
    const beyond =
      dp.partitions > DYNAMIC_PARTITIONING_MAX_QUOTA
        ? ` That is more than the ${formatGrouped(DYNAMIC_PARTITIONING_MAX_QUOTA)} available by request: use fewer partition keys or a longer-lived key.`
        : ` Request an increase to at least ${formatGrouped(Math.ceil(dp.partitions))} (up to ${formatGrouped(DYNAMIC_PARTITIONING_MAX_QUOTA)} is available by request).`;
    out.push({
      code: 'dynamic-partitioning-quota',
      message:
        `${name}: dynamic partitioning needs ${formatGrouped(Math.ceil(dp.partitions))} active partitions, above the default quota of ` +
        `${DYNAMIC_PARTITIONING_ACTIVE_PARTITION_QUOTA} per delivery stream; records for partitions beyond the quota go to the error output prefix ` +
        `(activePartitionExceeded).${beyond} (https://docs.aws.amazon.com/firehose/latest/dev/dynamic-partitioning.html)`,
    });
  }
  return out;
}

export function formatConversionBufferWarning(ctx: DeliveryContext): Warning | null {
  const S = ctx.bufferSizeBytes;
  if (ctx.config.formatConversion === 'none' || S >= FORMAT_CONVERSION_MIN_BUFFER_BYTES) return null;
  return {
    code: 'format-conversion-buffer',
    message: `${ctx.name}: record format conversion needs buffer_size of at least 64 MiB (have ${formatBytes(S)}); raise buffer_size to 64 MiB or more.`,
  };
}

/**
 * AWS's 10-second advice, applied per buffer (with dynamic partitioning each partition buffers on
 * its own); not applied with zero buffering, which deliberately flushes within seconds. Returns the
 * seconds of peak ingest the buffer holds (Infinity without traffic).
 */
export function bufferHeadroom(ctx: DeliveryContext): number {
  const { name, config, limits, dp, ex, warnings } = ctx;
  const S = ctx.bufferSizeBytes;
  const peakPerBuffer = ctx.peakBufferBytesPerSecond / ctx.buffers;
  const secondsHeld = peakPerBuffer > 0 ? S / peakPerBuffer : Number.POSITIVE_INFINITY;
  ex?.(
    'buffer-seconds-of-peak-ingest',
    'buffer size / (R_peak / buffers); AWS recommends ≥ 10 s',
    { buffer_size_bytes: S, peak_ingest_bytes_per_second_per_buffer: peakPerBuffer },
    Number.isFinite(secondsHeld) ? secondsHeld : 'no traffic',
    'https://docs.aws.amazon.com/firehose/latest/APIReference/API_BufferingHints.html',
  );
  if (warnings && !ctx.zeroBuffering && secondsHeld < MIN_BUFFER_SECONDS_OF_INGEST) {
    const neededBytes = Math.ceil((MIN_BUFFER_SECONDS_OF_INGEST * peakPerBuffer) / MIB) * MIB;
    const per = dp ? ' per partition' : '';
    const fix =
      neededBytes <= limits.maxBufferSizeBytes
        ? `raise buffer_size to ${formatBytes(neededBytes)}`
        : `even the ${config.destination} maximum of ${formatBytes(limits.maxBufferSizeBytes)} holds only ${round(limits.maxBufferSizeBytes / peakPerBuffer, 1)} s: ` +
          'set buffer_size to the maximum and expect Firehose to deliver more, smaller batches at peak';
    warnings.push({
      code: 'buffer-below-10s',
      message:
        `${name}: buffer_size ${formatBytes(S)} holds ${round(secondsHeld, 1)} s of peak ingest (${formatBytes(peakPerBuffer)}/s${per}); ` +
        `AWS recommends at least ${MIN_BUFFER_SECONDS_OF_INGEST} s: ${fix}.`,
    });
  }
  return secondsHeld;
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
export function smallObjectsWarning(name: string, config: FirehoseConfig, p: CadenceParams, c: CadenceSummary, ratio: number): Warning | null {
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
    fixText = `raise ${parts.join(' and ')}: would give ${fmt(chosen.r.objectsPerDay)} objects/day of ${formatBytes(chosen.r.meanObjectRawBytes * ratio)}${still}`;
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
