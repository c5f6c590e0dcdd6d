// Sizing rules with hand-worked numbers (docs/model.md; quotas:
// https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html).

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sizeShards, smallestN, smallestNNear } from '../../src/model/stream/sizing.js';
import { kinesisRecordsOnShard, SHARD_READ_BYTES_PER_SECOND, SHARD_WRITE_BYTES_PER_SECOND } from '../../src/model/stream/traffic.js';
import { kinesisDrafts } from '../../src/model/cost/kinesis.js';
import { costReport, priceLines } from '../../src/model/cost/pricing.js';
import { buildRiskModel } from '../../src/model/stream/risk-model.js';
import { fixedSize, histogram, makeProfile, type ProfilePatch } from '../helpers/profile.js';
import { testCatalogue } from '../helpers/catalogue.js';
import { runs } from '../helpers/depth.js';

const usEast1 = testCatalogue().regions['us-east-1'];
const size = (patch: ProfilePatch) => {
  const p = makeProfile(patch);
  return sizeShards(p, p.stream.mode === 'none' ? 'provisioned' : p.stream.mode, buildRiskModel(p, undefined));
};

describe('KPL aggregation', () => {
  it('packs 1,000 records/s of 512 B from one producer into 10 Kinesis records/s (KPL guide example)', () => {
    const flow = kinesisRecordsOnShard(1000, 512, { aggregation: 'kpl', aggregationMaxSizeBytes: 51_200, producers: 1, bufferTimeSeconds: 0.1 });
    expect(flow.kinesisRecordsPerSecond).toBeCloseTo(10, 6);
    expect(flow.kinesisRecordBytes).toBeCloseTo(51_200, 3);
  });
  it('gains little when 1,000 producers each send one record a second', () => {
    // m = 1,000 × 0.1 / 1,000 = 0.1 → 10,000 × (1 − e^−0.1) = 951.6 flushes/s that carry a record.
    const flow = kinesisRecordsOnShard(1000, 512, { aggregation: 'kpl', aggregationMaxSizeBytes: 51_200, producers: 1000, bufferTimeSeconds: 0.1 });
    expect(flow.kinesisRecordsPerSecond).toBeCloseTo(10_000 * (1 - Math.exp(-0.1)), 6);
  });
  it('lets the record limit stop binding: 5,000 records/s of 100 B need 5 shards without KPL, 1 with it', () => {
    const base: ProfilePatch = { traffic: { recordsPerSecond: 5000, peakRecordsPerSecond: 5000, recordSize: fixedSize(100) } };
    const plain = size(base);
    expect(plain.shards).toBe(5);
    expect(plain.binding).toBe('write-records');
    const kpl = size({ ...base, producer: { aggregation: 'kpl', producers: 4 } });
    expect(kpl.shards).toBe(1);
  });
});

describe('read side', () => {
  it('read bytes bind with three shared consumers of ~1 MiB/s: ceil(3 × 1 ÷ 2) = 2 shards', () => {
    // 1,000 records/s × 1,048 B = 1,048,000 B/s: one shard for writes, 3 × 1,048,000 B/s to read.
    const r = size({
      traffic: { recordsPerSecond: 1000, peakRecordsPerSecond: 1000, recordSize: fixedSize(1048) },
      consumers: [{}, {}, {}],
    });
    expect(r.requirements.find((x) => x.constraint === 'write-bytes')?.shards).toBe(1);
    expect(r.requirements.find((x) => x.constraint === 'read-bytes')?.shards).toBe(2);
    expect(r.shards).toBe(2);
    expect(r.binding).toBe('read-bytes');
    expect(r.requirements.find((x) => x.constraint === 'write-records')?.shards).toBe(1);
    expect(r.utilization.read_bytes).toBeCloseTo((3 * 524_000) / SHARD_READ_BYTES_PER_SECOND, 9);
  });
  it('six shared pollers at 1/s exceed 5 GetRecords/s per shard: unfixable by shards', () => {
    const r = size({ consumers: [{}, {}, {}, {}, {}, {}] });
    expect(r.readThrottled).toBe(true);
    expect(r.unfixable.map((u) => u.kind)).toContain('read-tps');
    expect(r.utilization.read_tps).toBeCloseTo(6 / 5, 9);
  });
  it('enhanced fan-out consumers use no shared read budget', () => {
    const r = size({ consumers: Array.from({ length: 8 }, () => ({ efo: true })) });
    expect(r.readThrottled).toBe(false);
    expect(r.utilization.read_tps).toBe(0);
    expect(r.unfixable).toHaveLength(0);
  });
  it('more than 20 EFO consumers is unfixable in provisioned mode, allowed on Advantage', () => {
    const consumers = Array.from({ length: 21 }, () => ({ efo: true }));
    expect(size({ consumers }).unfixable.map((u) => u.kind)).toContain('efo-consumers');
    expect(size({ consumers, stream: { mode: 'on-demand-advantage' } }).unfixable).toHaveLength(0);
  });
  it('a catch-up SLA with two shared consumers needs the shard write rate ≤ 2 MiB/s ÷ 3', () => {
    // 1.5 MiB/s average: W ≤ 2/3 MiB/s per shard → 3 shards (0.5 MiB/s each).
    const r = size({
      traffic: { recordsPerSecond: 1536, peakRecordsPerSecond: 1536, recordSize: fixedSize(1024) },
      consumers: [{ catchUpSeconds: 600 }, {}],
    });
    expect(r.requirements.find((x) => x.constraint === 'catch-up')?.shards).toBe(3);
    expect(r.shards).toBe(3);
    expect(r.binding).toBe('catch-up');
  });
});

describe('partition keys count toward the write limit', () => {
  it('1,000 records/s of 1,000 B + 48 B keys = 1,048,000 B/s fits one shard; 100 B keys need two', () => {
    expect(size({ traffic: { recordsPerSecond: 999, peakRecordsPerSecond: 999, recordSize: fixedSize(1000), partitionKeyBytes: 48 } }).shards).toBe(1);
    expect(size({ traffic: { recordsPerSecond: 999, peakRecordsPerSecond: 999, recordSize: fixedSize(1000), partitionKeyBytes: 100 } }).shards).toBe(2);
  });
});

describe('a given shard count is checked, not changed', () => {
  it('warns that 2 shards are under-provisioned for 3.4 MiB/s', () => {
    const r = size({ traffic: { recordsPerSecond: 100, peakRecordsPerSecond: 100, recordSize: fixedSize(35 * 1024) }, stream: { shards: 2 } });
    expect(r.shards).toBe(2);
    expect(r.binding).toBe('given');
    expect(r.warnings.map((w) => w.code)).toContain('under-provisioned');
    expect(r.utilization.write_bytes).toBeCloseTo(3_584_000 / 2 / SHARD_WRITE_BYTES_PER_SECOND, 9);
  });
});

describe('invariants (fast-check)', () => {
  const arbPatch = fc.record({
    rps: fc.double({ min: 1, max: 200_000, noNaN: true }),
    bytes: fc.integer({ min: 1, max: 1_000_000 }),
    key: fc.integer({ min: 1, max: 256 }),
    shared: fc.integer({ min: 0, max: 4 }),
    u: fc.double({ min: 0.1, max: 1, noNaN: true }),
    kpl: fc.boolean(),
  });
  const toPatch = (x: { rps: number; bytes: number; key: number; shared: number; u: number; kpl: boolean }, scale = 1): ProfilePatch => ({
    traffic: { recordsPerSecond: x.rps * scale, peakRecordsPerSecond: x.rps * scale, recordSize: fixedSize(x.bytes), partitionKeyBytes: x.key },
    stream: { targetUtilization: x.u },
    consumers: Array.from({ length: x.shared }, () => ({})),
    producer: x.kpl ? { aggregation: 'kpl', producers: 10 } : {},
  });

  it('more traffic never needs fewer shards, and never costs less', () => {
    fc.assert(
      fc.property(arbPatch, fc.double({ min: 1, max: 10, noNaN: true }), (x, k) => {
        const a = size(toPatch(x));
        const b = size(toPatch(x, k));
        expect(b.shards).toBeGreaterThanOrEqual(a.shards);
        const ca = costReport(priceLines(kinesisDrafts(makeProfile(toPatch(x)), 'provisioned', a.shards).drafts, usEast1));
        const cb = costReport(priceLines(kinesisDrafts(makeProfile(toPatch(x, k)), 'provisioned', b.shards).drafts, usEast1));
        expect(cb.monthly_usd).toBeGreaterThanOrEqual(ca.monthly_usd! - 1e-9);
      }),
      { numRuns: runs(1000) },
    );
  });

  it('shards − 1 breaks a named limit unless the stream is at its minimum', () => {
    fc.assert(
      fc.property(arbPatch, (x) => {
        const r = size(toPatch(x));
        if (r.shards === 1) return;
        const binding = r.requirements.find((q) => q.constraint === r.binding);
        expect(binding?.shards).toBe(r.shards);
        // The binding requirement is the smallest count that satisfies its limit.
        const fewer = size({ ...toPatch(x), stream: { ...toPatch(x).stream, shards: r.shards - 1 } });
        expect(fewer.warnings.some((w) => w.code === 'under-provisioned')).toBe(true);
      }),
      { numRuns: runs(1000) },
    );
  });

  it('cost lines sum to the totals', () => {
    fc.assert(
      fc.property(arbPatch, fc.integer({ min: 24, max: 8760 }), (x, retention) => {
        const p = makeProfile({ ...toPatch(x), stream: { retentionHours: retention } });
        for (const mode of ['provisioned', 'on-demand', 'on-demand-advantage'] as const) {
          const c = costReport(priceLines(kinesisDrafts(p, mode, 3).drafts, usEast1));
          expect(c.lines.reduce((s, l) => s + l.monthly_usd!, 0)).toBe(c.monthly_usd);
          expect(c.hourly_usd! * 730).toBeCloseTo(c.monthly_usd!, 6);
        }
      }),
      { numRuns: runs(1000) },
    );
  });

  it('smallestN finds the boundary of any monotone predicate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), (t) => {
        expect(smallestN((n) => n >= t)).toBe(t);
      }),
    );
  });

  it('smallestNNear agrees with smallestN from any guess, and takes two calls when the guess is right', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.double({ min: 0, max: 300_000, noNaN: true }), fc.integer({ min: 1, max: 200_000 }), (t, guess, cap) => {
        let calls = 0;
        const ok = (n: number) => {
          calls += 1;
          return n >= t;
        };
        const expected = t <= cap ? t : Number.POSITIVE_INFINITY;
        expect(smallestNNear(ok, guess, 1, cap)).toBe(expected);
        expect(smallestN((n) => n >= t, 1, cap)).toBe(expected);
        calls = 0;
        smallestNNear(ok, t - 0.5);
        expect(calls).toBe(t > 1 ? 2 : 1);
      }),
      { numRuns: runs(1000) },
    );
  });
});

describe('billing rounding over a distribution', () => {
  it('counts PUT units per record, never on the average: 90% of 1 KB + 10% of 30 KB', () => {
    // Average 3.97 KB would be 1 unit; per record: 0.9 × 1 + 0.1 × 2 = 1.1 units.
    const p = makeProfile({
      traffic: {
        recordSize: histogram([
          { bytes: 1024, share: 0.9 },
          { bytes: 30 * 1024, share: 0.1 },
        ]),
      },
    });
    const d = kinesisDrafts(p, 'provisioned', 1).drafts.find((x) => x.item === 'put-payload-units');
    expect(d?.quantity).toBeCloseTo(100 * 2_628_000 * 1.1, 0);
  });
  it('rounds on-demand data in to 1 KB per record: 4.5 KB bills 5 KB', () => {
    const p = makeProfile({ traffic: { recordSize: fixedSize(4.5 * 1024) } });
    const d = kinesisDrafts(p, 'on-demand', 4).drafts.find((x) => x.item === 'on-demand-data-in');
    expect(d?.quantity).toBeCloseTo((100 * 2_628_000 * 5 * 1024) / 2 ** 30, 9);
  });
});

describe('on-demand Advantage minimums', () => {
  it('bills 25 MiB/s in and out at least: $3,079.69 a month, ≈ $101.25 a day', () => {
    const c = costReport(priceLines(kinesisDrafts(makeProfile(), 'on-demand-advantage', 4).drafts, usEast1));
    // 25 × 2,628,000 ÷ 1,024 = 64,160.16 GB × ($0.032 + $0.016).
    expect(c.monthly_usd).toBeCloseTo(((25 * 2_628_000) / 1024) * 0.048, 6);
    expect(c.monthly_usd).toBeCloseTo(3079.6875, 4);
    expect((c.monthly_usd! / 730) * 24).toBeCloseTo(101.25, 1);
  });
});

describe('retention', () => {
  it('provisioned: extended retention is a flat shard-hour add-on; > 7 days adds GB-months', () => {
    const p = makeProfile({ stream: { retentionHours: 30 * 24 } });
    const drafts = kinesisDrafts(p, 'provisioned', 2).drafts;
    expect(drafts.find((d) => d.item === 'extended-retention')?.quantity).toBe(2 * 730);
    // 100 × 1 KiB/s stored for 23 days beyond the first 7.
    const gb = (100 * 1024 * 3600 * (30 * 24 - 168)) / 2 ** 30;
    expect(drafts.find((d) => d.item === 'long-term-retention')?.quantity).toBeCloseTo(gb, 9);
  });
});

describe('the throttle search shortcut', () => {
  it('gives the same shard count as bisecting on the exact probability', () => {
    fc.assert(
      fc.property(
        fc.record({
          rps: fc.double({ min: 10, max: 50_000, noNaN: true }),
          bytes: fc.integer({ min: 1, max: 200_000 }),
          keys: fc.oneof(fc.constant<'random'>('random'), fc.integer({ min: 1, max: 50_000 })),
          skew: fc.double({ min: 0, max: 1.2, noNaN: true }),
          k: fc.constantFrom(Number.POSITIVE_INFINITY, 200, 50, 10, 1),
          u: fc.double({ min: 0.3, max: 1, noNaN: true }),
          rate: fc.constantFrom(1e-2, 1e-4, 1e-6),
        }),
        (x) => {
          const p = makeProfile({
            traffic: {
              recordsPerSecond: x.rps,
              peakRecordsPerSecond: x.rps * 2,
              recordSize: fixedSize(x.bytes),
              partitionKeys: x.keys === 'random' ? { kind: 'random' } : { kind: 'count', count: x.keys },
              keySkew: x.keys === 'random' ? 0 : x.skew,
              burstiness: { level: 'custom', dispersion: x.k },
            },
            stream: { targetUtilization: x.u, maxThrottleRate: x.rate },
          });
          const fast = buildRiskModel(p, undefined);
          const exact = { hot: fast.hot, throttle: fast.throttle, keyFloor: fast.keyFloor };
          expect(sizeShards(p, 'provisioned', fast).shards).toBe(sizeShards(p, 'provisioned', exact).shards);
        },
      ),
      { numRuns: runs(300) },
    );
  });
});

describe('billing units of aggregated records', () => {
  it('E[⌈X/u⌉] for X uniform: [0, u] → 1, [u, 3u] → 2.5, a point at 2u → 2', async () => {
    const { expectedCeilUniform } = await import('../../src/model/stream/traffic.js');
    expect(expectedCeilUniform(0, 1024, 1024)).toBe(1);
    expect(expectedCeilUniform(1024, 3072, 1024)).toBeCloseTo(2.5, 12);
    expect(expectedCeilUniform(51_200, 51_200, 25_600)).toBe(2);
  });
  it('full 50 KiB aggregates bill exactly 2 PUT units; smaller ones are smoothed', async () => {
    const { aggregatedUnitsPerRecord } = await import('../../src/model/stream/traffic.js');
    const full = { kinesisRecordsPerSecond: 10, kinesisRecordBytes: 51_200, aggregated: true };
    expect(aggregatedUnitsPerRecord(full, 51_200, 25_600)).toBe(2);
    const half = { kinesisRecordsPerSecond: 10, kinesisRecordBytes: 3000, aggregated: true };
    // 3,000 B ± 1,500 B over 1 KiB units: (2×548 + 3×1,024 + 4×1,024 + 5×404) ÷ 3,000 = 3.428.
    // Between the 0.5%-apart sizes of the monotone grid: within 0.5% of the expectation.
    const units = aggregatedUnitsPerRecord(half, 51_200, 1024);
    expect(units).toBeGreaterThanOrEqual(3.428 * 0.995);
    expect(units).toBeLessThan(3.428 * 1.005);
  });
  it('bigger aggregates never bill fewer units each; smaller ones of the same bytes never bill fewer units per byte (iot-fleet: ~700–1,000 B)', async () => {
    const { aggregatedUnitsPerRecord } = await import('../../src/model/stream/traffic.js');
    for (const unit of [1024, 5120, 25_600]) {
      let prev = Infinity;
      let prevUnits = Infinity;
      for (let s = 51_199; s >= 1; s = s > 10 ? Math.floor(s * 0.997) : s - 0.25) {
        const units = aggregatedUnitsPerRecord({ kinesisRecordsPerSecond: 1, kinesisRecordBytes: s, aggregated: true }, 51_200, unit);
        const perByte = units / s;
        // Walking down in size: the per-byte figure never drops, the units per record never rise.
        expect(perByte).toBeGreaterThanOrEqual(prev === Infinity ? 0 : prev * (1 - 1e-12));
        expect(units).toBeLessThanOrEqual(prevUnits * (1 + 1e-12));
        prev = perByte;
        prevUnits = units;
        // Never below the plain expectation of ⌈X ÷ u⌉, X uniform on S ± min(S/2, max − S), summed here bin by bin.
        const w = Math.min(s / 2, 51_200 - s);
        let e = 0;
        const bins = 2000;
        for (let i = 0; i < bins; i++) e += Math.max(1, Math.ceil((s - w + ((i + 0.5) * 2 * w) / bins) / unit));
        expect(perByte * s).toBeGreaterThanOrEqual((e / bins) * (1 - 2e-3));
      }
    }
  });
});
