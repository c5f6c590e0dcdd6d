// Firehose data transformation with a Lambda function (docs/firehose.md): how often Firehose
// invokes the function and with how much data, the run time and the delay it adds, the 6 MB
// synchronous payload, the Lambda bill (requests and GB-seconds). Pure: no I/O.
//
// Firehose buffers incoming records for the function (0.2–3 MB or 0–900 s, whichever comes first)
// and invokes it synchronously (https://docs.aws.amazon.com/firehose/latest/dev/data-transformation.html).
// The transform buffer is modelled like a delivery buffer: one buffer, ahead of any partitioning.

import type { RecordSizeDistribution, TransformConfig } from '../../profile/types.js';
import type { LineDraft } from '../cost/pricing.js';
import type { FirehoseTransformReport, Warning } from '../../report/types.js';
import {
  LAMBDA_PRICING_DOC,
  TRANSFORM_DOC,
  TRANSFORM_MAX_RUN_SECONDS,
  TRANSFORM_PAYLOAD_LIMIT_BYTES,
  TRANSFORM_RETRIES,
  TRANSFORM_RUN_NEAR_SHARE,
} from '../../aws/lambda-transform.js';
import { type BufferState, type CadenceParams, type CadenceSummary, bufferState, cadence } from './cadence.js';
import { type DeliveryContext, round } from './context.js';
import { formatBytes, formatSeconds, GIB, HOURS_PER_DAY, HOURS_PER_MONTH, MIB } from '../../units.js';

/** Share of the 6 MB payload from which kplan warns. */
export const PAYLOAD_NEAR_SHARE = 0.8;

export interface TransformFigures {
  config: TransformConfig;
  cadence: CadenceSummary;
  /** Run time of one invocation in each UTC hour (0 when idle), seconds. */
  runSecondsByHour: Float64Array;
  /** At average traffic. */
  runSeconds: number;
  /** The longest of the day's hours and of the profile's peak. */
  runSecondsMax: number;
  /** Run time billed per invocation at average traffic (rounded up to 1 ms). */
  billedRunSeconds: number;
  invocationsPerDay: number;
  gbSecondsPerDay: number;
  /** Largest request and response at the profile's peak, base64-encoded. */
  requestBytesMax: number;
  responseBytesMax: number;
  /** Bytes in one invocation at the peak. */
  peakInvocationBytes: number;
}

/** Record sizes after the function: every size × output ratio. */
export function transformedRecordSize(dist: RecordSizeDistribution, outputRatio: number): RecordSizeDistribution {
  return {
    kind: dist.kind,
    buckets: dist.buckets.map((b) => ({ bytes: b.bytes * outputRatio, share: b.share })),
    averageBytes: dist.averageBytes * outputRatio,
  };
}

/** Run time of one invocation holding `bytes` of input. */
export function runSeconds(t: TransformConfig, bytes: number): number {
  return t.durationSecondsPerInvocation + t.durationSecondsPerMiB * (bytes / MIB);
}

/** Lambda bills duration rounded up to the nearest 1 ms (https://aws.amazon.com/lambda/pricing/). */
export function billedSeconds(seconds: number): number {
  return Math.ceil(seconds * 1000 - 1e-6) / 1000;
}

/** Base64 bytes of `records` records of the distribution (4 bytes per started 3). */
function base64Bytes(dist: RecordSizeDistribution, records: number, scale: number): number {
  const perRecord = dist.buckets.reduce((s, b) => s + b.share * 4 * Math.ceil((b.bytes * scale) / 3 - 1e-9), 0);
  return records * perRecord;
}

export function transformFigures(ctx: DeliveryContext, t: TransformConfig): TransformFigures {
  const params: CadenceParams = {
    recordsPerSecond: ctx.recordsPerSecond,
    averageRecordBytes: ctx.averageRecordBytes,
    multipliers: ctx.params.multipliers,
    bufferSizeBytes: t.bufferSizeBytes,
    bufferIntervalSeconds: t.bufferIntervalSeconds,
    buffers: 1,
    compressionRatio: 1,
  };
  const c = cadence(params);
  const memoryGB = t.memoryBytes / GIB;
  const runByHour = new Float64Array(c.hours.triggers.length);
  let gbSecondsPerDay = 0;
  let runMax = 0;
  for (let h = 0; h < runByHour.length; h++) {
    if (c.hours.triggers[h] === 'idle') continue;
    const run = runSeconds(t, c.hours.objectRawBytes[h] as number);
    runByHour[h] = run;
    runMax = Math.max(runMax, run);
    gbSecondsPerDay += (c.hours.objects[h] as number) * billedSeconds(run) * memoryGB;
  }
  // The buffer at the profile's peak rate (a ratio of peak to average can overflow for a tiny average).
  const peak: BufferState = bufferState({ ...params, recordsPerSecond: ctx.peakRecordsPerSecond }, 1);
  const peakBytes = peak.objectRawBytes;
  const recordsAtPeak = ctx.averageRecordBytes > 0 ? peakBytes / ctx.averageRecordBytes : 0;
  if (peak.trigger !== 'idle') runMax = Math.max(runMax, runSeconds(t, peakBytes));
  const avgRun = c.average.trigger === 'idle' ? 0 : runSeconds(t, c.average.objectRawBytes);
  return {
    config: t,
    cadence: c,
    runSecondsByHour: runByHour,
    runSeconds: avgRun,
    runSecondsMax: runMax,
    billedRunSeconds: billedSeconds(avgRun),
    invocationsPerDay: c.objectsPerDay,
    gbSecondsPerDay,
    requestBytesMax: base64Bytes(ctx.recordSize, recordsAtPeak, 1),
    responseBytesMax: base64Bytes(ctx.recordSize, recordsAtPeak, t.outputRatio),
    peakInvocationBytes: peakBytes,
  };
}

export function explainTransform(ctx: DeliveryContext, f: TransformFigures): void {
  const ex = ctx.ex;
  if (!ex) return;
  const t = f.config;
  const c = f.cadence;
  ex(
    'transform.invocation-seconds',
    'τ_t = max(min(interval, size / R), 1 / records/s) at average traffic (one transform buffer)',
    { buffer_size_bytes: t.bufferSizeBytes, buffer_interval_seconds: t.bufferIntervalSeconds, ingest_bytes_per_second: ctx.ingestBytesPerSecond },
    c.average.flushSeconds ?? 0,
    TRANSFORM_DOC,
  );
  ex('transform.trigger', "'size' if size / R < interval, else 'interval'", { size_bytes: t.bufferSizeBytes, interval_seconds: t.bufferIntervalSeconds }, c.average.trigger);
  ex(
    'transform.invocations-per-day',
    ctx.curve ? 'Σ over 24 UTC hours of 3,600 / τ_t,h' : '86,400 / τ_t',
    { invocation_seconds_at_average: c.average.flushSeconds ?? 0 },
    f.invocationsPerDay,
  );
  ex(
    'transform.bytes-per-invocation',
    'input bytes per day / invocations per day',
    { raw_bytes_per_day: c.rawBytesPerDay, invocations_per_day: f.invocationsPerDay },
    c.meanObjectRawBytes,
  );
  ex(
    'transform.run-seconds',
    'run = duration + per_mib × MiB per invocation (average traffic)',
    { duration_seconds: t.durationSecondsPerInvocation, per_mib_seconds: t.durationSecondsPerMiB, mib_per_invocation: c.average.objectRawBytes / MIB },
    f.runSeconds,
  );
  ex(
    'transform.gb-seconds-per-day',
    'Σ over hours of invocations × ceil_ms(run) × memory GB (memory MB / 1,024)',
    { memory_gb: t.memoryBytes / GIB, invocations_per_day: f.invocationsPerDay, billed_run_seconds_at_average: f.billedRunSeconds },
    f.gbSecondsPerDay,
    `Duration is billed rounded up to 1 ms; no free tier is assumed (${LAMBDA_PRICING_DOC}).`,
  );
  ex(
    'transform.payload-bytes-max',
    'records in the invocation at peak × Σ share × 4 × ceil(size × ratio / 3) (base64), request and response',
    { invocation_bytes_at_peak: f.peakInvocationBytes, output_ratio: t.outputRatio, limit_bytes: TRANSFORM_PAYLOAD_LIMIT_BYTES },
    `request ${Math.round(f.requestBytesMax)}, response ${Math.round(f.responseBytesMax)}`,
    'The JSON around each record adds a little more.',
  );
}

/** The 6 MB payload and the run time against the timeout and the 5-minute maximum. */
export function transformWarnings(ctx: DeliveryContext, f: TransformFigures): Warning[] {
  const out: Warning[] = [];
  const t = f.config;
  const name = ctx.name;
  const worst = Math.max(f.requestBytesMax, f.responseBytesMax);
  if (worst >= PAYLOAD_NEAR_SHARE * TRANSFORM_PAYLOAD_LIMIT_BYTES) {
    const which = f.responseBytesMax >= f.requestBytesMax ? 'response' : 'request';
    const over = worst > TRANSFORM_PAYLOAD_LIMIT_BYTES;
    const fitBytes = f.peakInvocationBytes > 0 ? (PAYLOAD_NEAR_SHARE * TRANSFORM_PAYLOAD_LIMIT_BYTES * f.peakInvocationBytes) / worst : 0;
    out.push({
      code: 'transform-payload-limit',
      message:
        `${name}: at peak one transformation ${which} carries ${formatBytes(worst)} base64-encoded, ${over ? 'above' : 'close to'} Lambda's 6 MiB synchronous limit` +
        `${over ? '; those invocations fail and, after retries, the batch goes to processing-failed/' : ''}. ` +
        `Lower transform.buffer_size to ${formatBytes(Math.floor(fitBytes / (0.1 * MIB)) * 0.1 * MIB)} or less (${TRANSFORM_DOC}).`,
    });
  }
  const limit = t.timeoutSeconds !== null ? Math.min(t.timeoutSeconds, TRANSFORM_MAX_RUN_SECONDS) : TRANSFORM_MAX_RUN_SECONDS;
  const limitText =
    t.timeoutSeconds !== null && t.timeoutSeconds < TRANSFORM_MAX_RUN_SECONDS ? `the function's timeout of ${formatSeconds(t.timeoutSeconds)}` : "Firehose's 5-minute maximum";
  if (f.runSecondsMax > limit) {
    out.push({
      code: 'transform-timeout',
      message:
        `${name}: the transformation runs ${formatSeconds(round(f.runSecondsMax, 3))} on the largest invocation, longer than ${limitText}; ` +
        `Firehose retries ${TRANSFORM_RETRIES} times, then writes the batch to processing-failed/. Lower transform.buffer_size or make the function faster.`,
    });
  } else if (f.runSecondsMax >= TRANSFORM_RUN_NEAR_SHARE * TRANSFORM_MAX_RUN_SECONDS) {
    out.push({
      code: 'transform-run-time',
      message: `${name}: the transformation runs ${formatSeconds(round(f.runSecondsMax, 3))} on the largest invocation, near Firehose's 5-minute maximum; a slower run fails and is retried ${TRANSFORM_RETRIES} times.`,
    });
  }
  return out;
}

/** lambda-requests and lambda-duration, per month (730 h). */
export function transformDrafts(ctx: DeliveryContext, f: TransformFigures): LineDraft[] {
  const perMonth = HOURS_PER_MONTH / HOURS_PER_DAY;
  const requests = f.invocationsPerDay * perMonth;
  const gbSeconds = f.gbSecondsPerDay * perMonth;
  ctx.ex?.(
    'cost.lambda-requests',
    'requests/month = invocations/day × 730 / 24',
    { invocations_per_day: f.invocationsPerDay },
    requests,
    'Retries of failed invocations are not counted.',
  );
  ctx.ex?.(
    'cost.lambda-duration',
    'GB-seconds/month = GB-seconds/day × 730 / 24, priced on the tiers of the architecture',
    { gb_seconds_per_day: f.gbSecondsPerDay, architecture: f.config.architecture },
    gbSeconds,
    LAMBDA_PRICING_DOC,
  );
  return [
    { service: 'lambda', item: 'lambda-requests', quantity: requests, unit: 'request', priceKey: 'lambda.request', resource: ctx.name },
    {
      service: 'lambda',
      item: 'lambda-duration',
      quantity: gbSeconds,
      unit: 'GB-second',
      priceKey: f.config.architecture === 'arm' ? 'lambda.duration-arm-gb-second' : 'lambda.duration-x86-gb-second',
      resource: ctx.name,
    },
  ];
}

export function transformReport(f: TransformFigures, hourly: boolean): FirehoseTransformReport {
  const t = f.config;
  const c = f.cadence;
  return {
    architecture: t.architecture,
    memory_bytes: t.memoryBytes,
    duration_seconds: t.durationSecondsPerInvocation,
    duration_seconds_per_mib: t.durationSecondsPerMiB,
    timeout_seconds: t.timeoutSeconds,
    output_ratio: t.outputRatio,
    buffer: { size_bytes: t.bufferSizeBytes, interval_seconds: t.bufferIntervalSeconds, size_given: t.bufferSizeGiven, interval_given: t.bufferIntervalGiven },
    invocation_seconds: c.average.flushSeconds,
    trigger: c.average.trigger,
    invocations_per_day: f.invocationsPerDay,
    invocations_per_hour: f.invocationsPerDay / HOURS_PER_DAY,
    bytes_per_invocation: c.meanObjectRawBytes,
    mib_per_invocation: c.meanObjectRawBytes / MIB,
    trigger_share: { ...c.triggerShare },
    run_seconds: f.runSeconds,
    run_seconds_max: f.runSecondsMax,
    buffer_wait_seconds: c.average.waitSeconds ?? 0,
    gb_seconds_per_day: f.gbSecondsPerDay,
    request_bytes_max: f.requestBytesMax,
    response_bytes_max: f.responseBytesMax,
    payload_limit_bytes: TRANSFORM_PAYLOAD_LIMIT_BYTES,
    hourly: hourly
      ? c.hours.triggers.map((trigger, h) => ({
          hour: h,
          invocations: c.hours.objects[h] as number,
          bytes_per_invocation: c.hours.objectRawBytes[h] as number,
          trigger,
          run_seconds: trigger === 'idle' ? null : (f.runSecondsByHour[h] as number),
        }))
      : null,
  };
}
