// What every part of one delivery stream's model reads: the profile's settings resolved once
// (defaults, the busiest hour, the compression ratio), the buffer cadence over the day, and the
// sinks for explanations and warnings. Pure: no I/O.

import type { FirehoseConfig, RecordSizeDistribution } from '../../profile/types.js';
import type { Explanation, Warning } from '../../report/types.js';
import { DESTINATION_LIMITS, type DestinationLimits } from '../../aws/firehose-destinations.js';
import type { CadenceParams, CadenceSummary } from './cadence.js';
import { formatGrouped } from '../../units.js';

/** Adds one explanation: `ex?.(…)` skips even its arguments when none are asked for. */
export type Ex = (t: string, formula: string, inputs: Explanation['inputs'], result: number | string, note?: string) => void;

export interface DeliveryContext {
  config: FirehoseConfig;
  name: string;
  region: string;
  recordSize: RecordSizeDistribution;
  limits: DestinationLimits;
  dp: FirehoseConfig['dynamicPartitioning'];
  /** Buffers flushing on their own: active partitions, else 1. */
  buffers: number;
  /** Input record size (what Firehose ingests and bills). */
  averageRecordBytes: number;
  /** Records as the destination buffer holds them: after the transformation (× output ratio), else the input. */
  deliveredRecordSize: RecordSizeDistribution;
  deliveredRecordBytes: number;
  /** Average records/s (never negative). */
  recordsPerSecond: number;
  /** The profile's peak, never below the busiest hour of the daily curve. */
  peakRecordsPerSecond: number;
  /** 24 hourly multipliers, or null = flat. */
  curve: number[] | null;
  /** Compressed / raw size of delivered objects. */
  ratio: number;
  bufferSizeBytes: number;
  bufferIntervalSeconds: number;
  zeroBuffering: boolean;
  params: CadenceParams;
  cadence: CadenceSummary;
  /** Ingest bytes/s at average and at peak. */
  ingestBytesPerSecond: number;
  peakIngestBytesPerSecond: number;
  /** Peak bytes/s into the destination buffer(s): transformed bytes when there is a transformation. */
  peakBufferBytesPerSecond: number;
  ex: Ex | undefined;
  /** Undefined when the caller asked for no warnings (a sweep point keeps only figures). */
  warnings: Warning[] | undefined;
}

export function limitsOf(config: FirehoseConfig): DestinationLimits {
  return DESTINATION_LIMITS[config.destination];
}

export function fmt(x: number): string {
  if (x !== 0 && Math.abs(x) < 1) return Number(x.toPrecision(2)).toString();
  const v = Math.abs(x) >= 100 ? Math.round(x) : Math.round(x * 100) / 100;
  return formatGrouped(v);
}

export function pct(x: number): string {
  return `${round(x * 100, 1)}%`;
}

export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
