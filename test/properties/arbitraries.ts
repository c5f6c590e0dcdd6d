// Random valid profiles in the normalised form (what the validator hands the model), for the
// property suite: rates, sizes, histograms, keys and skew, burstiness, consumers, retention, KPL,
// and an optional Firehose delivery stream.

import fc from 'fast-check';
import type { Burstiness, FirehoseConfig, PartitionKeys, Profile, RecordSizeDistribution } from '../../src/profile/types.js';
import type { RegionResult } from '../../src/report/types.js';
import { plan } from '../../src/model/plan.js';
import { MIB } from '../../src/units.js';
import { testCatalogue } from '../helpers/catalogue.js';
import { fixedSize, histogram, makeProfile, type ProfilePatch } from '../helpers/profile.js';
import { runs } from '../helpers/depth.js';

export const CATALOGUE = testCatalogue();

/**
 * Whole-profile runs per property: the issue asks for at least 1,000 (test:deep); each is a full
 * plan, so npm test takes an eightieth (13).
 */
export const RUNS = runs(1000, 80);

const MAX_RECORD = 1024 * 1024;

const recordSize: fc.Arbitrary<RecordSizeDistribution> = fc.oneof(
  fc.integer({ min: 1, max: MAX_RECORD }).map(fixedSize),
  // Shares that sum to exactly 1: quarters.
  fc.array(fc.tuple(fc.integer({ min: 1, max: 256 * 1024 }), fc.integer({ min: 1, max: 4 })), { minLength: 2, maxLength: 4 }).map((bs) => {
    const total = bs.reduce((s, [, w]) => s + w, 0);
    return histogram(bs.map(([bytes, w]) => ({ bytes, share: w / total })));
  }),
);

const partitionKeys: fc.Arbitrary<{ keys: PartitionKeys; skew: number }> = fc.oneof(
  fc.constant({ keys: { kind: 'random' } as PartitionKeys, skew: 0 }),
  fc.record({ keys: fc.integer({ min: 1, max: 50_000 }).map((count): PartitionKeys => ({ kind: 'count', count })), skew: fc.constantFrom(0, 0.3, 0.8, 1, 1.2) }),
);

const burstiness: fc.Arbitrary<Burstiness> = fc.oneof(
  fc.constant<Burstiness>({ level: 'none', dispersion: Number.POSITIVE_INFINITY }),
  fc.constant<Burstiness>({ level: 'poisson', dispersion: Number.POSITIVE_INFINITY }),
  fc.constant<Burstiness>({ level: 'low', dispersion: 200 }),
  fc.constant<Burstiness>({ level: 'medium', dispersion: 50 }),
  fc.constant<Burstiness>({ level: 'high', dispersion: 10 }),
  // Down to 1 (a geometric count): very bursty shapes used to make one sizing take seconds.
  fc.double({ min: 1, max: 1000, noNaN: true }).map((k): Burstiness => ({ level: 'custom', dispersion: k })),
);

const consumer = fc.oneof(
  fc.record({ efo: fc.constant(false), pollsPerSecond: fc.constantFrom(0.2, 0.5, 1), catchUpSeconds: fc.constantFrom(null, 60, 3600) }),
  fc.record({ efo: fc.constant(true), pollsPerSecond: fc.constant(0), catchUpSeconds: fc.constantFrom(null, 3600) }),
);

const firehose: fc.Arbitrary<FirehoseConfig> = fc
  .record({
    bufferMiB: fc.integer({ min: 1, max: 128 }),
    interval: fc.integer({ min: 0, max: 900 }),
    compression: fc.constantFrom('none', 'gzip', 'snappy') as fc.Arbitrary<FirehoseConfig['compression']>,
    parquet: fc.boolean(),
    transform: fc.option(
      fc.record({
        memoryMiB: fc.integer({ min: 128, max: 10_240 }),
        perInvocation: fc.constantFrom(0, 0.05, 0.2, 2),
        perMiB: fc.constantFrom(0, 0.01, 0.3),
        sizeMiB: fc.constantFrom(0.2, 1, 3),
        interval: fc.integer({ min: 0, max: 900 }),
        arm: fc.boolean(),
        outputRatio: fc.double({ min: 0.05, max: 1.4, noNaN: true }),
      }),
      { nil: null },
    ),
    s3: fc.option(
      fc.record({
        days: fc.integer({ min: 31, max: 400 }),
        ia: fc.boolean(),
        gets: fc.constantFrom(0, 1, 5),
      }),
      { nil: null },
    ),
  })
  .map(({ bufferMiB, interval, compression, parquet, transform, s3 }) => ({
    name: 'fh',
    source: 'stream',
    kplBilling: 'user-records',
    destination: 's3',
    bufferSizeBytes: (parquet ? Math.max(64, bufferMiB) : bufferMiB) * MIB,
    bufferIntervalSeconds: interval,
    bufferSizeGiven: true,
    bufferIntervalGiven: true,
    compression,
    compressionRatio: compression === 'none' ? 1 : 0.3,
    formatConversion: parquet ? 'parquet' : 'none',
    dynamicPartitioning: null,
    vpc: null,
    transform: transform && {
      memoryBytes: transform.memoryMiB * MIB,
      durationSecondsPerInvocation: transform.perInvocation || (transform.perMiB === 0 ? 0.1 : 0),
      durationSecondsPerMiB: transform.perInvocation ? 0 : transform.perMiB,
      timeoutSeconds: null,
      bufferSizeBytes: transform.sizeMiB * MIB,
      bufferIntervalSeconds: transform.interval,
      bufferSizeGiven: true,
      bufferIntervalGiven: true,
      architecture: transform.arm ? 'arm' : 'x86',
      outputRatio: transform.outputRatio,
    },
    s3: s3 && {
      retentionSeconds: s3.days * 86_400,
      transitions: s3.ia ? [{ afterSeconds: 30 * 86_400, storageClass: 'standard-ia' }] : [],
      getRequestsPerObject: s3.gets,
    },
    traffic: null,
  }));

/** A patch for makeProfile: a valid provisioned profile with automatic sizing. */
export const profilePatch: fc.Arbitrary<ProfilePatch> = fc
  .record({
    // Up to 100,000 records/s at peak: enough for hundreds of shards, few enough that 1,000 runs of
    // a property fit CI time (the hostile fuzz covers the extremes).
    rps: fc.double({ min: 0.1, max: 20_000, noNaN: true }),
    peakFactor: fc.double({ min: 1, max: 5, noNaN: true }),
    size: recordSize,
    keyBytes: fc.integer({ min: 0, max: 256 }),
    keys: partitionKeys,
    burst: burstiness,
    consumers: fc.array(consumer, { maxLength: 4 }),
    retention: fc.constantFrom(24, 48, 168, 8760),
    targetUtilization: fc.constantFrom(0.5, 0.8, 1),
    maxThrottleRate: fc.constantFrom(1e-4, 1e-3, 1e-2),
    kpl: fc.oneof(fc.constant(undefined), fc.record({ producers: fc.integer({ min: 1, max: 100 }), buffer: fc.constantFrom(0.05, 0.1, 0.5) })),
    firehose: fc.oneof(fc.constant(undefined), firehose),
  })
  .map((r) => {
    // At most 128 MiB/s at peak (a few hundred shards before skew): the runs stay in CI time.
    const rps = Math.min(r.rps, (128 * MIB) / (r.peakFactor * (r.size.averageBytes + r.keyBytes)));
    return {
      traffic: {
        recordsPerSecond: rps,
        peakRecordsPerSecond: rps * r.peakFactor,
        recordSize: r.size,
        partitionKeyBytes: r.keyBytes,
        partitionKeys: r.keys.keys,
        keySkew: r.keys.skew,
        burstiness: r.burst,
      },
      producer: r.kpl ? { aggregation: 'kpl' as const, producers: r.kpl.producers, bufferTimeSeconds: r.kpl.buffer } : {},
      stream: { mode: 'provisioned' as const, shards: null, retentionHours: r.retention, targetUtilization: r.targetUtilization, maxThrottleRate: r.maxThrottleRate },
      consumers: r.consumers,
      firehose: r.firehose ? [r.firehose] : [],
    };
  });

export function regionResult(profile: Profile): RegionResult {
  const report = plan(profile, CATALOGUE, { explain: false });
  const r = report.results[0];
  if (r === undefined || r.stream === null) throw new Error('expected a stream result');
  return r;
}

/** Shards and monthly cost (its priced lines: the test catalogue has no S3 price) of the provisioned mode. */
export function provisioned(profile: Profile): { shards: number; monthly: number; result: RegionResult } {
  const result = regionResult(profile);
  return { shards: result.stream!.shards, monthly: result.cost.known_monthly_usd, result };
}

export { makeProfile, MAX_RECORD };
export type { ProfilePatch };

// Counterexamples the monotone properties found (shrunk by fast-check) before the sizing kept its
// hot-key requirement when the hot key became unfixable: fewer shards and a lower cost for more
// load. Kept as regression cases.
export const COUNTEREXAMPLES = {
  // 6,265 shards (throttle-rate) at ×1; 572 (write-bytes, hot-key unfixable) at ×1.596.
  traffic: {
    patch: {
      traffic: {
        recordsPerSecond: 537.2621072338229,
        peakRecordsPerSecond: 537.2621072338229,
        recordSize: fixedSize(349_503),
        partitionKeyBytes: 23,
        partitionKeys: { kind: 'random' },
        keySkew: 0,
        burstiness: { level: 'low', dispersion: 200 },
      },
      stream: { mode: 'provisioned', shards: null, retentionHours: 24, targetUtilization: 0.5, maxThrottleRate: 1e-4 },
    } satisfies ProfilePatch,
    k: 1.5963609649140627,
  },
  // 9 shards (hot-key) with 166,330 B records; 8 (write-bytes, hot-key unfixable) with 1 MiB records.
  recordSize: {
    patch: {
      traffic: {
        recordsPerSecond: 2.002082520593342,
        peakRecordsPerSecond: 5.92176188162763,
        recordSize: fixedSize(166_330),
        partitionKeyBytes: 5,
        partitionKeys: { kind: 'count', count: 2 },
        keySkew: 0.3,
        burstiness: { level: 'none', dispersion: Number.POSITIVE_INFINITY },
      },
      stream: { mode: 'provisioned', shards: null, retentionHours: 24, targetUtilization: 0.8, maxThrottleRate: 1e-4 },
    } satisfies ProfilePatch,
    k: 100,
  },
  // 5 shards (hot-key) with two shared consumers; 2 (write-bytes, hot-key unfixable) with a third.
  consumer: {
    patch: {
      traffic: {
        recordsPerSecond: 1117.753992010438,
        peakRecordsPerSecond: 3928.6072422395955,
        recordSize: fixedSize(4),
        partitionKeyBytes: 218,
        partitionKeys: { kind: 'count', count: 2 },
        keySkew: 0.8,
        burstiness: { level: 'custom', dispersion: 5 },
      },
      producer: { aggregation: 'kpl', producers: 1, bufferTimeSeconds: 0.05 },
      stream: { mode: 'provisioned', shards: null, retentionHours: 24, targetUtilization: 0.8, maxThrottleRate: 1e-4 },
      consumers: [
        { efo: false, pollsPerSecond: 0.2, catchUpSeconds: null },
        { efo: false, pollsPerSecond: 0.2, catchUpSeconds: null },
      ],
    } satisfies ProfilePatch,
    polls: 0.2,
  },
};
