// Builds normalised profiles for model tests without going through the YAML parser.

import type { Consumer, FirehoseConfig, Profile, RecordSizeDistribution, Traffic } from '../../src/profile/types.js';

export function fixedSize(bytes: number): RecordSizeDistribution {
  return { kind: 'fixed', buckets: [{ bytes, share: 1 }], averageBytes: bytes };
}

export function histogram(buckets: { bytes: number; share: number }[]): RecordSizeDistribution {
  return { kind: 'histogram', buckets, averageBytes: buckets.reduce((s, b) => s + b.bytes * b.share, 0) };
}

export interface ProfilePatch {
  traffic?: Partial<Traffic>;
  producer?: Partial<Profile['producer']>;
  stream?: Partial<Profile['stream']>;
  consumers?: Partial<Consumer>[];
  firehose?: FirehoseConfig[];
  regions?: string[];
}

export function makeProfile(patch: ProfilePatch = {}): Profile {
  const traffic: Traffic = {
    recordsPerSecond: 100,
    peakRecordsPerSecond: 100,
    peakDefaulted: false,
    peakWindowSeconds: 60,
    recordSize: fixedSize(1024),
    partitionKeyBytes: 0,
    partitionKeys: { kind: 'random' },
    keySkew: 0,
    burstiness: { level: 'none', dispersion: Number.POSITIVE_INFINITY },
    dailyCurve: null,
    ...patch.traffic,
  };
  return {
    version: 1,
    name: 'test',
    file: 'test.yaml',
    regions: patch.regions ?? ['us-east-1'],
    traffic,
    producer: { aggregation: 'none', aggregationMaxSizeBytes: 51_200, producers: 1, bufferTimeSeconds: 0.1, ...patch.producer },
    stream: {
      mode: 'provisioned',
      shards: null,
      retentionHours: 24,
      targetUtilization: 1,
      maxThrottleRate: 1e-4,
      previousPeakRecordsPerSecond: null,
      advantageOtherTraffic: { inBytesPerSecond: 0, outBytesPerSecond: 0 },
      ...patch.stream,
    },
    consumers: (patch.consumers ?? []).map((c, i) => ({
      name: `c${i}`,
      type: 'lambda',
      efo: false,
      pollsPerSecond: c.efo ? 0 : 1,
      catchUpSeconds: null,
      ...c,
    })),
    firehose: patch.firehose ?? [],
    budgets: [],
    positions: {},
    warnings: [],
  };
}
