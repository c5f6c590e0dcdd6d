// Firehose buffer cadence (docs/firehose.md; https://docs.aws.amazon.com/firehose/latest/dev/buffering.html): how often a buffer flushes, what triggers it, how many
// objects a day that makes and how big they are. Hour by hour over a UTC day, rates constant
// within an hour.
//
// Delivery happens when either the size or the interval hint is reached, whichever comes first
// (https://docs.aws.amazon.com/firehose/latest/dev/buffering-hints.html). Hints are modelled as
// honoured exactly; Firehose may use other values and splits traffic over parallel channels when
// it scales, which makes objects smaller (https://repost.aws/knowledge-center/kinesis-small-files-s3).

import { SECONDS_PER_HOUR } from '../../units.js';

/**
 * Zero buffering (interval 0) "will deliver data within a few seconds" (buffering-hints page).
 * We model a buffer that still collects for this long, unless the size hint fills first.
 */
export const ZERO_BUFFERING_SECONDS = 5;

export interface CadenceParams {
  /** Average user records/s into the delivery stream. */
  recordsPerSecond: number;
  averageRecordBytes: number;
  /** 24 hourly multipliers of the average (UTC); all 1 for flat traffic. */
  multipliers: readonly number[];
  bufferSizeBytes: number;
  bufferIntervalSeconds: number;
  /** Buffers flushing independently: active partitions with dynamic partitioning, else 1. Traffic is split equally. */
  buffers: number;
  /** Compressed / raw size of a delivered object. */
  compressionRatio: number;
}

export type Trigger = 'size' | 'interval';

/** One buffer at one traffic level. */
export interface BufferState {
  /** Bytes/s into one buffer. */
  bufferIngestBytesPerSecond: number;
  /** Time the oldest record waits in the buffer: min(interval, size / R_p). null when idle. */
  waitSeconds: number | null;
  /** Time between flushes of one buffer: the wait, but never shorter than one record's arrival gap. null when idle. */
  flushSeconds: number | null;
  trigger: Trigger | 'idle';
  /** Objects/s from all buffers. */
  objectsPerSecond: number;
  /** Raw (pre-compression) bytes in one object. */
  objectRawBytes: number;
}

/**
 * The day hour by hour, as columns (index = UTC hour): a plan computes it for every delivery
 * stream at every sweep point, and 24 small objects per call were most of its garbage.
 */
export interface HourlyCadence {
  multipliers: readonly number[];
  triggers: (Trigger | 'idle')[];
  /** Seconds between flushes; NaN in an idle hour. */
  flushSeconds: Float64Array;
  /** Objects delivered in the hour (all buffers). */
  objects: Float64Array;
  /** Raw (pre-compression) bytes in one object; 0 in an idle hour. */
  objectRawBytes: Float64Array;
}

export interface CadenceSummary {
  hours: HourlyCadence;
  /** The buffer at average traffic (multiplier 1). */
  average: BufferState;
  objectsPerDay: number;
  rawBytesPerDay: number;
  /** Mean raw bytes per object over the day (raw bytes / objects). */
  meanObjectRawBytes: number;
  meanObjectBytes: number;
  /** Share of the day's hours in which each trigger fires first (idle: no traffic). */
  triggerShare: { size: number; interval: number; idle: number };
  minFlushSeconds: number | null;
  maxFlushSeconds: number | null;
  maxWaitSeconds: number | null;
}

/** The buffer at a traffic multiplier m of the average. */
export function bufferState(p: CadenceParams, m: number): BufferState {
  const recordsPerBuffer = (p.recordsPerSecond * m) / p.buffers;
  const bytesPerBuffer = recordsPerBuffer * p.averageRecordBytes;
  if (!busy(recordsPerBuffer, bytesPerBuffer)) {
    return { bufferIngestBytesPerSecond: 0, waitSeconds: null, flushSeconds: null, trigger: 'idle', objectsPerSecond: 0, objectRawBytes: 0 };
  }
  const limit = p.bufferIntervalSeconds > 0 ? p.bufferIntervalSeconds : ZERO_BUFFERING_SECONDS;
  const sizeSeconds = p.bufferSizeBytes / bytesPerBuffer;
  const trigger: Trigger = sizeSeconds < limit ? 'size' : 'interval';
  const wait = Math.min(limit, sizeSeconds);
  // An object holds at least one record: with sparse traffic flushes are as far apart as arrivals.
  const flush = Math.max(wait, 1 / recordsPerBuffer);
  return {
    bufferIngestBytesPerSecond: bytesPerBuffer,
    waitSeconds: wait,
    flushSeconds: flush,
    trigger,
    objectsPerSecond: p.buffers / flush,
    objectRawBytes: bytesPerBuffer * flush,
  };
}

/**
 * Whether a buffer receives traffic at all. A rate so small that the gap between two records
 * overflows a double (5e-324 records/s is a valid profile) is idle: no object is ever delivered.
 */
function busy(recordsPerBuffer: number, bytesPerBuffer: number): boolean {
  return recordsPerBuffer > 0 && bytesPerBuffer > 0 && Number.isFinite(1 / recordsPerBuffer);
}

/** The day hour by hour at the profile's multipliers, and its totals. */
export function cadence(p: CadenceParams): CadenceSummary {
  const n = p.multipliers.length;
  const hours: HourlyCadence = {
    multipliers: p.multipliers,
    triggers: new Array<Trigger | 'idle'>(n),
    flushSeconds: new Float64Array(n),
    objects: new Float64Array(n),
    objectRawBytes: new Float64Array(n),
  };
  let objectsPerDay = 0;
  let rawBytesPerDay = 0;
  let size = 0;
  let interval = 0;
  let idle = 0;
  let minFlush: number | null = null;
  let maxFlush: number | null = null;
  let maxWait: number | null = null;
  for (let h = 0; h < n; h++) {
    const m = p.multipliers[h] ?? 1;
    const state = bufferState(p, m);
    rawBytesPerDay += p.recordsPerSecond * m * p.averageRecordBytes * SECONDS_PER_HOUR;
    hours.triggers[h] = state.trigger;
    if (state.flushSeconds === null || state.waitSeconds === null) {
      hours.flushSeconds[h] = Number.NaN;
      idle += 1;
      continue;
    }
    const objects = state.objectsPerSecond * SECONDS_PER_HOUR;
    objectsPerDay += objects;
    if (state.trigger === 'size') size += 1;
    else interval += 1;
    hours.flushSeconds[h] = state.flushSeconds;
    hours.objects[h] = objects;
    hours.objectRawBytes[h] = state.objectRawBytes;
    minFlush = minFlush === null ? state.flushSeconds : Math.min(minFlush, state.flushSeconds);
    maxFlush = maxFlush === null ? state.flushSeconds : Math.max(maxFlush, state.flushSeconds);
    maxWait = maxWait === null ? state.waitSeconds : Math.max(maxWait, state.waitSeconds);
  }
  const share = n > 0 ? { size: size / n, interval: interval / n, idle: idle / n } : { size: 0, interval: 0, idle: 0 };
  const meanObjectRawBytes = objectsPerDay > 0 ? rawBytesPerDay / objectsPerDay : 0;
  return {
    hours,
    average: bufferState(p, 1),
    objectsPerDay,
    rawBytesPerDay,
    meanObjectRawBytes,
    meanObjectBytes: meanObjectRawBytes * p.compressionRatio,
    triggerShare: share,
    minFlushSeconds: minFlush,
    maxFlushSeconds: maxFlush,
    maxWaitSeconds: maxWait,
  };
}

/**
 * Active partitions when new partition keys appear at `newPartitionsPerSecond` and each stays
 * active for one buffer interval: "3 partitions/s × 60 s buffer → 180 active"
 * (https://docs.aws.amazon.com/firehose/latest/dev/dynamic-partitioning.html).
 */
export function activePartitions(newPartitionsPerSecond: number, bufferIntervalSeconds: number): number {
  return newPartitionsPerSecond * bufferIntervalSeconds;
}
