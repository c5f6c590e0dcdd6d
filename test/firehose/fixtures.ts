// Builders for Firehose model inputs: a default S3 delivery stream reading a Kinesis stream.

import type { FirehoseConfig, RecordSizeDistribution } from '../../src/profile/types.js';
import type { FirehoseInput } from '../../src/model/firehose/delivery.js';
import { MIB } from '../../src/units.js';

export function fixedSize(bytes: number): RecordSizeDistribution {
  return { kind: 'fixed', buckets: [{ bytes, share: 1 }], averageBytes: bytes };
}

export function histogram(buckets: { bytes: number; share: number }[]): RecordSizeDistribution {
  return { kind: 'histogram', buckets, averageBytes: buckets.reduce((s, b) => s + b.bytes * b.share, 0) };
}

export function config(over: Partial<FirehoseConfig> = {}): FirehoseConfig {
  return {
    name: 'fh',
    source: 'stream',
    kplBilling: 'user-records',
    destination: 's3',
    bufferSizeBytes: 5 * MIB,
    bufferIntervalSeconds: 300,
    bufferSizeGiven: false,
    bufferIntervalGiven: false,
    compression: 'none',
    compressionRatio: 1,
    formatConversion: 'none',
    dynamicPartitioning: null,
    vpc: null,
    traffic: null,
    transform: null,
    s3: null,
    ...over,
  };
}

export function input(over: Partial<FirehoseInput> & { config?: FirehoseConfig } = {}): FirehoseInput {
  const rps = over.recordsPerSecond ?? 1024;
  return {
    config: over.config ?? config(),
    region: over.region ?? 'us-east-1',
    recordsPerSecond: rps,
    peakRecordsPerSecond: over.peakRecordsPerSecond ?? rps,
    recordSize: over.recordSize ?? fixedSize(1024),
    dailyCurve: over.dailyCurve ?? null,
  };
}

/** Raised cosine: 1 + a·cos(2π(h − peakHour)/24), sampled at whole UTC hours (mean exactly 1). */
export function raisedCosine(amplitude: number, peakHour: number): number[] {
  return Array.from({ length: 24 }, (_, h) => 1 + amplitude * Math.cos((2 * Math.PI * (h - peakHour)) / 24));
}

export function codes(w: { code: string }[]): string[] {
  return w.map((x) => x.code);
}
