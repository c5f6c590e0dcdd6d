// Break-even: crossings of the monthly cost curves of the capacity modes as the traffic scales.

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { breakEven, kinesisModeCosts, scaleTraffic, ShardsByScale, type BreakEven, type PairBreakEven } from '../../src/model/whatif/breakeven.js';
import { parseProfile } from '../../src/profile/parse.js';
import { REGION_CODES } from '../../src/prices/regions.js';
import { planRegion } from '../../src/model/plan.js';
import { GIB, MIB } from '../../src/units.js';
import { testCatalogue } from '../helpers/catalogue.js';
import { fixedSize, makeProfile } from '../helpers/profile.js';

const catalogue = testCatalogue();
const prices = catalogue.regions['us-east-1'];

function pair(be: BreakEven | undefined, name: string): PairBreakEven {
  const p = be?.pairs.find((x) => x.pair === name);
  if (p === undefined) throw new Error(`no pair ${name}`);
  return p;
}

// 1 KiB records, no keys, no consumers: on-demand costs $29.20 + $0.08 per GiB in; Advantage
// bills at least 25 MiB/s in and out at $0.032 + $0.016 per GiB (https://aws.amazon.com/kinesis/data-streams/pricing/).
const flat = makeProfile({ traffic: { recordsPerSecond: 1000, peakRecordsPerSecond: 1000, recordSize: fixedSize(1024) }, stream: { targetUtilization: 1 } });
const GIB_PER_RPS_MONTH = (730 * 3600 * 1024) / GIB;

describe('break-even', () => {
  it('on-demand ↔ Advantage: where $29.20 + $0.08/GiB meets the 25 MiB/s minimum (by hand)', () => {
    const minimum = ((25 * MIB * 730 * 3600) / GIB) * (0.032 + 0.016); // $3,079.6875
    const expected = (minimum - 29.2) / (GIB_PER_RPS_MONTH * 0.08); // ≈ 15,214 records/s
    const p = pair(breakEven(flat, prices, 'us-east-1'), 'on-demand↔on-demand-advantage');
    expect(p.status).toBe('crossing');
    expect(p.crossings).toHaveLength(1);
    const c = p.crossings[0]!;
    expect(Math.abs(c.records_per_second / expected - 1)).toBeLessThan(0.01);
    expect(c.cheaper_below).toBe('on-demand');
    expect(c.cheaper_above).toBe('on-demand-advantage');
    expect(c.mib_per_second).toBeCloseTo((c.records_per_second * 1024) / MIB, 9);
    expect(c.monthly_usd['on-demand']).toBeCloseTo(minimum, -1);
    expect(c.monthly_usd['on-demand-advantage']).toBeCloseTo(minimum, -1);
  });

  it('provisioned at a flat peak is cheaper than on-demand at every traffic level', () => {
    // 10.95·ceil(a/1000) + PUT units ≤ 10.95 + 0.048·a < 29.20 + 0.2·a for all a.
    const p = pair(breakEven(flat, prices, 'us-east-1'), 'provisioned↔on-demand');
    expect(p.status).toBe('never');
    expect(p.cheaper_throughout).toBe('provisioned');
  });

  it('a step crossing: provisioned sized for a 100× peak becomes dearer than on-demand', () => {
    // peak = 100 × average: provisioned needs ceil(a/10) shards at $10.95 each, on-demand bills the
    // average; the staircase crosses the line between 20 and 30 records/s.
    const spiky = makeProfile({ traffic: { recordsPerSecond: 25, peakRecordsPerSecond: 2500, recordSize: fixedSize(1024) }, stream: { targetUtilization: 1 } });
    const be = breakEven(spiky, prices, 'us-east-1');
    const p = pair(be, 'provisioned↔on-demand');
    expect(p.status).toBe('crossing');
    const last = p.crossings[p.crossings.length - 1]!;
    expect(last.cheaper_above).toBe('on-demand');
    // Above 30 records/s provisioned (4+ shards) is always dearer: the last crossing is at 30 (step).
    expect(Math.abs(last.records_per_second / 30 - 1)).toBeLessThan(0.01);
  });

  it('every crossing reported is a real change of sign within 1%', () => {
    for (const profile of [
      flat,
      makeProfile({ traffic: { recordsPerSecond: 25, peakRecordsPerSecond: 2500, recordSize: fixedSize(1024) } }),
      makeProfile({ traffic: { recordsPerSecond: 3000, peakRecordsPerSecond: 9000, recordSize: fixedSize(300) }, consumers: [{}, { efo: true }] }),
    ]) {
      const be = breakEven(profile, prices, 'us-east-1')!;
      for (const p of be.pairs) {
        for (const c of p.crossings) {
          const [a, b] = p.modes;
          const diff = (scale: number) => {
            const costs = kinesisModeCosts(scaleTraffic(profile, scale), prices);
            return costs[a].monthly_usd - costs[b].monthly_usd;
          };
          // Provisioned cost steps with the shard count, so another crossing may sit within the
          // search's 1% tolerance: look for the claimed sides anywhere within 1% below and above.
          const side = (from: number, to: number) => Array.from({ length: 21 }, (_, i) => diff(c.scale * Math.pow(to / from, i / 20) * from));
          const belowSide = c.cheaper_below === a ? -1 : 1;
          expect(side(1 / 1.01, 1).some((d) => Math.sign(d) === belowSide)).toBe(true);
          expect(side(1, 1.01).some((d) => Math.sign(d) === -belowSide)).toBe(true);
        }
      }
    }
  });

  it('reads a shard count off only between scales whose counts agree, and reads the one sizing gives', () => {
    const shipped = (name: string) => {
      const file = `profiles/${name}.yaml`;
      return parseProfile(readFileSync(file), { file, regionCodes: REGION_CODES, overrides: [] }).profile!;
    };
    const keys = Array.from({ length: 26 }, (_, i) => `key-${i}`);
    const profiles = [
      flat,
      shipped('fastapi-logs'),
      // 20,000 skewed keys: the hot shard's quantile at every count
      shipped('clickstream'),
      // listed keys, whose busiest shard is not monotone in the shard count
      makeProfile({ traffic: { recordsPerSecond: 2000, peakRecordsPerSecond: 6000, recordSize: fixedSize(200), partitionKeys: { kind: 'list', keys }, partitionKeyBytes: 8 } }),
    ];
    // The break-even grid (1e-3 … 1e3, ten a decade) and scales between its points.
    const grid = Array.from({ length: 61 }, (_, i) => 1e-3 * Math.pow(1e6, i / 60));
    const between = [0.0123, 0.37, 1, 2.9, 47, 610];
    for (const profile of profiles) {
      const byScale = new ShardsByScale(profile, undefined);
      byScale.fill(grid);
      for (const scale of [...grid, ...between]) {
        const direct = kinesisModeCosts(scaleTraffic(profile, scale), prices).provisioned.shards;
        expect(byScale.at(scale), `${profile.name} at ${scale}×`).toBe(direct);
      }
    }
  });

  it('a price the catalogue lacks makes the pair unknown, never a crossing', () => {
    const be = breakEven(flat, catalogue.regions['ap-northeast-1'], 'ap-northeast-1')!;
    for (const p of be.pairs) {
      expect(p.status).toBe('unknown');
      expect(p.unknown?.length).toBeGreaterThan(0);
    }
  });

  it('size carries it: under each region result, and not for mode none', () => {
    const r = planRegion(flat, catalogue, 'us-east-1', { explain: false });
    expect((r.break_even as BreakEven).pairs.map((p) => p.pair)).toEqual(['provisioned↔on-demand', 'on-demand↔on-demand-advantage', 'provisioned↔on-demand-advantage']);
    expect(planRegion(flat, catalogue, 'us-east-1', { explain: false, whatIf: false }).break_even).toBeUndefined();
    expect(breakEven({ ...flat, stream: { ...flat.stream, mode: 'none' } }, prices, 'us-east-1')).toBeUndefined();
  });
});
