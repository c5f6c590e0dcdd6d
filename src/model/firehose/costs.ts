// Monthly quantities of one delivery stream's cost items (Firehose and the S3 requests of the
// objects it delivers), one unit per item. Priced later by model/cost/pricing.ts. Pure: no I/O.

import type { RecordSizeDistribution } from '../../profile/types.js';
import type { LineDraft } from '../cost/pricing.js';
import type { Warning } from '../../report/types.js';
import { FIREHOSE_ROUNDING_BYTES, roundedBytesPerRecord } from '../stream/traffic.js';
import { type DeliveryContext } from './context.js';
import { deliversS3Objects } from './limits.js';
import { formatBytes, GIB, HOURS_PER_DAY, HOURS_PER_MONTH, SECONDS_PER_MONTH } from '../../units.js';

/** Ingestion (and format conversion) bills each record rounded up to 5 KB = 5,120 B (https://aws.amazon.com/firehose/pricing/). */
export const FIREHOSE_BILLING_INCREMENT_BYTES = FIREHOSE_ROUNDING_BYTES;
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

/** The month's volumes every cost item is built from. */
export interface MonthlyVolumes {
  recordsPerMonth: number;
  /** 5 KB-rounded GB (ingestion, format conversion). */
  ingestionGB: number;
  /** Raw GB delivered, before compression (after the transformation, if any). */
  rawGB: number;
  /** 5 KB-rounded GB of the records format conversion sees (after the transformation, if any). */
  conversionGB: number;
  objectsPerMonth: number;
  billedBytesPerRecord: number;
}

export function monthlyVolumes(ctx: DeliveryContext): MonthlyVolumes {
  const curve = ctx.curve;
  const volumeFactor = curve ? curve.reduce((s, x) => s + x, 0) / curve.length : 1;
  const recordsPerMonth = ctx.recordsPerSecond * volumeFactor * SECONDS_PER_MONTH;
  const billedPerRecord = billedBytesPerRecord(ctx.recordSize);
  ctx.ex?.(
    'records-per-month',
    curve ? 'records/s × mean(daily curve) × 730 h × 3,600 s' : 'records/s × 730 h × 3,600 s',
    { records_per_second: ctx.recordsPerSecond, curve_mean: volumeFactor },
    recordsPerMonth,
  );
  const ingestionGB = (recordsPerMonth * billedPerRecord) / GIB;
  const transformed = ctx.config.transform !== null;
  return {
    recordsPerMonth,
    ingestionGB,
    rawGB: (recordsPerMonth * ctx.deliveredRecordBytes) / GIB,
    conversionGB: transformed ? (recordsPerMonth * billedBytesPerRecord(ctx.deliveredRecordSize)) / GIB : ingestionGB,
    objectsPerMonth: (ctx.cadence.objectsPerDay * HOURS_PER_MONTH) / HOURS_PER_DAY,
    billedBytesPerRecord: billedPerRecord,
  };
}

/**
 * Each record is billed as at least 5 KB: small records can cost many times their size
 * (https://aws.amazon.com/firehose/pricing/).
 */
export function smallRecordsRoundingWarning(ctx: DeliveryContext, billedPerRecord: number): Warning | null {
  const avgBytes = ctx.averageRecordBytes;
  if (!(avgBytes > 0 && billedPerRecord / avgBytes >= 2)) return null;
  return {
    code: 'small-records-rounding',
    message: `${ctx.name}: Firehose bills each record rounded up to 5 KB: ${formatBytes(avgBytes)} records are billed as ${formatBytes(billedPerRecord)} (${(billedPerRecord / avgBytes).toFixed(1)}× their size). Send fewer, larger records (join events into newline-delimited batches of up to 1,000 KiB) to bill closer to the real volume.`,
  };
}

type Draft = (d: Omit<LineDraft, 'resource'>) => void;

/** The Firehose lines and the S3 PUT requests, in the report's order. */
export function firehoseDrafts(ctx: DeliveryContext, v: MonthlyVolumes): LineDraft[] {
  const drafts: LineDraft[] = [];
  const draft: Draft = (d) => {
    drafts.push({ ...d, resource: ctx.name });
  };
  ingestionDraft(ctx, v, draft);
  formatConversionDraft(ctx, v, draft);
  vpcDrafts(ctx, v, draft);
  dynamicPartitioningDrafts(ctx, v, draft);
  s3PutDraft(ctx, v, draft);
  return drafts;
}

function ingestionDraft(ctx: DeliveryContext, v: MonthlyVolumes, draft: Draft): void {
  ctx.ex?.(
    'cost.firehose-ingestion',
    'GB = records/month × Σ share × ceil(size / 5,120) × 5,120 / 2^30',
    { records_per_month: v.recordsPerMonth, billed_bytes_per_record: v.billedBytesPerRecord, average_record_bytes: ctx.averageRecordBytes },
    v.ingestionGB,
    `Each record is rounded up to 5 KB (${ROUND_DOC}).`,
  );
  draft({
    service: 'firehose',
    item: 'firehose-ingestion',
    quantity: v.ingestionGB,
    unit: 'GB',
    priceKey: ctx.config.source === 'stream' ? 'firehose.stream-source-ingestion-gb' : 'firehose.direct-put-ingestion-gb',
  });
}

function formatConversionDraft(ctx: DeliveryContext, v: MonthlyVolumes, draft: Draft): void {
  if (ctx.config.formatConversion === 'none') return;
  if (ctx.config.transform) {
    ctx.ex?.(
      'cost.firehose-format-conversion',
      'GB = records/month × Σ share × ceil(size × output ratio / 5,120) × 5,120 / 2^30 (the transformed records)',
      { records_per_month: v.recordsPerMonth, output_ratio: ctx.config.transform.outputRatio },
      v.conversionGB,
    );
  } else {
    ctx.ex?.('cost.firehose-format-conversion', 'GB = the 5 KB-rounded ingestion GB', { ingestion_gb: v.ingestionGB }, v.ingestionGB);
  }
  draft({ service: 'firehose', item: 'firehose-format-conversion', quantity: v.conversionGB, unit: 'GB', priceKey: 'firehose.format-conversion-gb' });
}

function vpcDrafts(ctx: DeliveryContext, v: MonthlyVolumes, draft: Draft): void {
  const vpc = ctx.config.vpc;
  if (!vpc) return;
  const azHours = vpc.subnets * HOURS_PER_MONTH;
  ctx.ex?.(
    'cost.firehose-vpc-data',
    'GB = records/month × average record size / 2^30 (raw, no 5 KB rounding, before compression)',
    { records_per_month: v.recordsPerMonth, average_record_bytes: ctx.deliveredRecordBytes },
    v.rawGB,
  );
  ctx.ex?.('cost.firehose-vpc-az-hours', 'AZ-hours = subnets × 730', { subnets: vpc.subnets }, azHours, 'Partial hours bill as full hours; the stream runs all month.');
  draft({ service: 'firehose', item: 'firehose-vpc-data', quantity: v.rawGB, unit: 'GB', priceKey: 'firehose.vpc-data-gb' });
  draft({ service: 'firehose', item: 'firehose-vpc-az-hours', quantity: azHours, unit: 'AZ-hour', priceKey: 'firehose.vpc-az-hour' });
}

function dynamicPartitioningDrafts(ctx: DeliveryContext, v: MonthlyVolumes, draft: Draft): void {
  const dp = ctx.dp;
  if (!dp) return;
  ctx.ex?.(
    'cost.firehose-dynamic-partitioning-data',
    'GB delivered = records/month × average record size / 2^30 (raw, before compression)',
    { records_per_month: v.recordsPerMonth, average_record_bytes: ctx.deliveredRecordBytes },
    v.rawGB,
  );
  ctx.ex?.('cost.firehose-dynamic-partitioning-objects', 'objects/month = objects/day × 730 / 24', { objects_per_day: ctx.cadence.objectsPerDay }, v.objectsPerMonth);
  draft({ service: 'firehose', item: 'firehose-dynamic-partitioning-data', quantity: v.rawGB, unit: 'GB', priceKey: 'firehose.dynamic-partitioning-gb' });
  draft({ service: 'firehose', item: 'firehose-dynamic-partitioning-objects', quantity: v.objectsPerMonth, unit: 'object', priceKey: 'firehose.dynamic-partitioning-object' });
  if (dp.jq) {
    ctx.ex?.(
      'cost.firehose-jq-hours',
      'JQ hours = 730 (continuous processing all month)',
      { hours_per_month: HOURS_PER_MONTH },
      JQ_HOURS_PER_MONTH,
      'AWS does not define the "JQ processing hour"; this assumes one per wall-clock hour.',
    );
    draft({ service: 'firehose', item: 'firehose-jq-hours', quantity: JQ_HOURS_PER_MONTH, unit: 'hour', priceKey: 'firehose.jq-hour' });
  }
}

/** PUT requests per delivered object: 0 when the destination writes no S3 objects, 3 with multipart upload. */
export function s3RequestsPerObject(ctx: DeliveryContext): number {
  if (!deliversS3Objects(ctx.config.destination)) return 0;
  return ctx.bufferIntervalSeconds < MULTIPART_INTERVAL_SECONDS ? MULTIPART_REQUESTS_PER_OBJECT : 1;
}

function s3PutDraft(ctx: DeliveryContext, v: MonthlyVolumes, draft: Draft): void {
  const requestsPerObject = s3RequestsPerObject(ctx);
  if (requestsPerObject === 0) return;
  const requests = v.objectsPerMonth * requestsPerObject;
  ctx.ex?.(
    'cost.s3-put-requests',
    'requests/month = objects/day × 730 / 24 × requests per object',
    { objects_per_day: ctx.cadence.objectsPerDay, requests_per_object: requestsPerObject },
    requests,
    requestsPerObject === MULTIPART_REQUESTS_PER_OBJECT ? 'An interval under 60 s makes Firehose use S3 multipart upload; 3 requests per object assumed.' : undefined,
  );
  draft({ service: 's3', item: 's3-put-requests', quantity: requests, unit: 'request', priceKey: 's3.put-request' });
}
