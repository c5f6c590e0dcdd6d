// Sizing at the edges: past the stream maximum, bursts with random keys, the KPL formula shown.

import { describe, expect, it } from 'vitest';
import { sizeShards } from '../../src/model/stream/sizing.js';
import { buildRiskModel } from '../../src/model/stream/risk-model.js';
import { fixedSize, histogram, makeProfile, type ProfilePatch } from '../helpers/profile.js';

const sized = (patch: ProfilePatch, explain = false) => {
  const p = makeProfile(patch);
  return sizeShards(p, 'provisioned', buildRiskModel(p, undefined), explain);
};
const MIB = 1024 * 1024;

describe('past the stream maximum', () => {
  it('1e9 records/s: each row follows its formula, and the verdict is the shard quota', () => {
    const r = sized({
      traffic: { recordsPerSecond: 1e6, peakRecordsPerSecond: 1e9, recordSize: fixedSize(1024), partitionKeyBytes: 36, burstiness: { level: 'medium', dispersion: 50 } },
      stream: { targetUtilization: 0.8 },
      consumers: [{ efo: false, pollsPerSecond: 1, catchUpSeconds: null }],
    });
    const row = (c: string) => r.requirements.find((x) => x.constraint === c)?.shards;
    expect(row('write-bytes')).toBe(Math.ceil((1e9 * 1060) / (0.8 * MIB)));
    expect(row('write-records')).toBe(Math.ceil(1e9 / 800));
    expect(row('read-bytes')).toBe(Math.ceil((1e9 * 1060) / (0.8 * 2 * MIB)));
    expect(r.shards).toBeGreaterThanOrEqual(row('write-bytes')!);
    expect(r.utilization.write_bytes).toBeLessThanOrEqual(0.8 + 1e-12);
    expect(r.unfixable.map((u) => u.kind)).toEqual(['shard-quota']);
    expect(r.unfixable[0]!.message).toContain(`${r.shards.toLocaleString('en-US')} shards`);
    expect(r.unfixable[0]!.fix).toMatch(/split the workload over several streams, or request a shard quota increase/);
  });

  it('2e7 records/s with random keys: no key-skew or hot-key verdict', () => {
    const r = sized({ traffic: { recordsPerSecond: 1e6, peakRecordsPerSecond: 2e7, recordSize: fixedSize(1024), burstiness: { level: 'medium', dispersion: 50 } } });
    expect(r.unfixable.some((u) => u.kind === 'hot-key')).toBe(false);
    expect(r.unfixable.some((u) => /key skew|up to 10000/.test(u.message))).toBe(false);
  });
});

describe('bursts with random keys', () => {
  it('a throttle target no count within the cap meets is a burst finding, not a hot key', () => {
    // k = 0.05: per-second counts so dispersed that 8× the even count still throttles often.
    const r = sized({ traffic: { recordsPerSecond: 500, peakRecordsPerSecond: 500, recordSize: fixedSize(100), burstiness: { level: 'custom', dispersion: 0.05 } } });
    expect(r.unfixable.length).toBeGreaterThan(0);
    for (const u of r.unfixable) {
      expect(u.kind).toBe('bursts');
      expect(u.fix).not.toMatch(/keys/);
    }
  });
});

describe('--explain of write-records with KPL', () => {
  it('shows the max of the flush and the full-record counts, as the code computes it', () => {
    const r = sized({ traffic: { recordsPerSecond: 5000, peakRecordsPerSecond: 5000, recordSize: fixedSize(100) }, producer: { aggregation: 'kpl', producers: 4 } }, true);
    const e = r.explain.find((x) => x.topic === 'shards.write-records');
    expect(e?.formula).toContain('max((P/T_b)(1 − e^(−λT_b/P)), λ ÷ floor(aggregation_max_size ÷ record_bytes))');
    expect(e?.formula).not.toContain(') + bytes/s');
  });
});

describe('the busiest key alone: keyFloorAbove agrees with the probability', () => {
  it('keyFloorAbove(max) === keyFloor().fraction > max, across loads and targets on both sides of μ*', () => {
    const seen = new Set<boolean>();
    for (const size of [
      fixedSize(1024),
      histogram([
        { bytes: 700, share: 0.8 },
        { bytes: 4000, share: 0.2 },
      ]),
    ]) {
      for (const peak of [2_000, 8_000, 12_000, 15_000, 20_000, 40_000]) {
        for (const max of [1e-6, 1e-4, 1e-2]) {
          const p = makeProfile({
            traffic: {
              recordsPerSecond: peak / 2,
              peakRecordsPerSecond: peak,
              recordSize: size,
              partitionKeys: { kind: 'count', count: 200 },
              keySkew: 1.1,
              burstiness: { level: 'medium', dispersion: 50 },
            },
            stream: { maxThrottleRate: max },
          });
          const risk = buildRiskModel(p, undefined);
          const above = risk.keyFloor().fraction > max;
          expect(risk.keyFloorAbove?.(max), `${peak}/s, max ${max}`).toBe(above);
          seen.add(above);
        }
      }
    }
    expect([...seen].sort()).toEqual([false, true]);
  });
});
