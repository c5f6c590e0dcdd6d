// Scaling schedule: UpdateShardCount rules are never broken, the schedule is the cheapest one that
// keeps them, and a worked diurnal example (docs/whatif.md, "Scaling schedule").

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_RULES, buildSchedule, countChanges, oneStep, planSchedule, shardSlots, type ScheduleReport } from '../../src/model/whatif/schedule.js';
import { kinesisDrafts } from '../../src/model/cost/kinesis.js';
import { costReport, priceLines } from '../../src/model/cost/pricing.js';
import { planRegion } from '../../src/model/plan.js';
import { testCatalogue } from '../helpers/catalogue.js';
import { fixedSize, makeProfile } from '../helpers/profile.js';
import { runs } from '../helpers/depth.js';

const catalogue = testCatalogue();
const prices = catalogue.regions['us-east-1'];

/** Every rule, checked over three repeated days with a rolling 24 h window. */
function expectRulesKept(needs: readonly number[], shards: readonly number[], maxChanges = 10): void {
  const n = needs.length;
  expect(shards).toHaveLength(n);
  for (let h = 0; h < n; h++) {
    expect(shards[h]).toBeGreaterThanOrEqual(needs[h] as number);
    expect(Number.isInteger(shards[h])).toBe(true);
    // One UpdateShardCount call per change: target between ½× and 2× the current count.
    const prev = shards[(h + n - 1) % n] as number;
    expect(oneStep(prev, shards[h] as number)).toBe(true);
  }
  const times: number[] = [];
  for (let d = 0; d < 3; d++) for (let h = 0; h < n; h++) if (shards[h] !== shards[(h + n - 1) % n]) times.push(d * n + h);
  for (const t of times) expect(times.filter((u) => u >= t && u < t + n).length).toBeLessThanOrEqual(maxChanges);
  expect(countChanges(shards)).toBeLessThanOrEqual(maxChanges);
}

/** The cheapest valid schedule by trying every sequence (small cases only). */
function bruteForce(needs: number[], maxChanges: number, leadMinutes: number): number {
  const top = Math.max(...needs);
  let best = Number.POSITIVE_INFINITY;
  const seq: number[] = [];
  const rec = (i: number) => {
    if (i === needs.length) {
      const n = needs.length;
      if (countChanges(seq) > maxChanges) return;
      for (let h = 0; h < n; h++) if (!oneStep(seq[(h + n - 1) % n] as number, seq[h] as number)) return;
      best = Math.min(best, shardSlots(seq, leadMinutes));
      return;
    }
    for (let v = needs[i] as number; v <= top; v++) {
      seq[i] = v;
      rec(i + 1);
    }
    seq.length = i;
  };
  rec(0);
  return best;
}

describe('planSchedule', () => {
  it('keeps every rule over random curves (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 24, maxLength: 24 }), fc.integer({ min: 0, max: 12 }), (needs, maxChanges) => {
        const plan = planSchedule(needs, { maxChanges, leadMinutes: 15 });
        expectRulesKept(needs, plan.shards, maxChanges);
        expect(Math.max(...plan.shards)).toBe(Math.max(...needs));
        expect(plan.shardSlots).toBeLessThanOrEqual(24 * Math.max(...needs) + 1e-9);
        expect(plan.shardSlots).toBeCloseTo(shardSlots(plan.shards, 15), 9);
      }),
      { numRuns: runs(300) },
    );
  });

  it('keeps every rule on smooth curves that need steep climbs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), fc.double({ min: 0, max: 0.95, noNaN: true }), fc.integer({ min: 0, max: 23 }), (peak, depth, hour) => {
        const needs = Array.from({ length: 24 }, (_, h) => Math.max(1, Math.ceil(peak * (1 - depth * (0.5 - 0.5 * Math.cos((2 * Math.PI * (h - hour)) / 24))))));
        expectRulesKept(needs, planSchedule(needs).shards);
      }),
      { numRuns: runs(300) },
    );
  });

  it('is the cheapest schedule that keeps the rules (against trying every sequence)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 6, maxLength: 6 }), fc.integer({ min: 0, max: 3 }), (needs, maxChanges) => {
        const plan = planSchedule(needs, { maxChanges, leadMinutes: 15 });
        expectRulesKept(needs, plan.shards, maxChanges);
        expect(plan.shardSlots).toBeCloseTo(bruteForce(needs, maxChanges, 15), 9);
      }),
      { numRuns: runs(200) },
    );
  });

  it('climbs steeply by doubling ahead of the peak', () => {
    const needs = new Array<number>(24).fill(1);
    needs[12] = 64;
    const plan = planSchedule(needs);
    expectRulesKept(needs, plan.shards);
    // 1 → 64 needs six doublings before hour 12 and the way down six halvings: 10 calls at most, so
    // the stream never drops back to 1.
    expect(plan.shards[12]).toBe(64);
    expect(plan.shards[11]).toBeGreaterThanOrEqual(32);
    expect(plan.shards[13]).toBeGreaterThanOrEqual(32);
    expect(Math.min(...plan.shards)).toBeGreaterThan(1);
    expect(plan.changes).toBeLessThanOrEqual(10);
  });
});

describe('diurnal worked example', () => {
  // avg 4 MiB/s of 1 KiB records, raised cosine ±80% (7.2 MiB/s peak, 0.8 trough), 80% target:
  // each hour needs ceil(its highest rate ÷ 0.8 MiB/s) shards.
  const rate = (t: number) => 4 * (1 + 0.8 * Math.cos((2 * Math.PI * t) / 24));
  const needs = Array.from({ length: 24 }, (_, h) => {
    let max = 0;
    for (let i = 0; i <= 60; i++) max = Math.max(max, rate(h + i / 60));
    return Math.ceil(max / 0.8 - 1e-9);
  });
  const SHARD_HOUR = 0.015;
  const PPU_PER_DAY = ((4 * 1024 * 1024) / 1024) * 86_400 * (0.014 / 1e6); // one 25 KB unit per record: $4.95

  it('static: 9 shards, $3.24 + $4.95 = $8.19 a day', () => {
    expect(Math.max(...needs)).toBe(9);
    expect(9 * 24 * SHARD_HOUR).toBeCloseTo(3.24, 2);
    expect(PPU_PER_DAY).toBeCloseTo(4.95, 2);
    expect(9 * 24 * SHARD_HOUR + PPU_PER_DAY).toBeCloseTo(8.19, 2);
  });

  it('the ideal hourly schedule (2–9 shards, ≈ $7.01) needs more than 10 changes', () => {
    expect(Math.min(...needs)).toBe(2);
    expect(countChanges(needs)).toBeGreaterThan(10);
    expect(needs.reduce((a, b) => a + b, 0) * SHARD_HOUR + PPU_PER_DAY).toBeCloseTo(7.01, 1);
  });

  it('the schedule merges steps: ≤ 10 changes, between the ideal and static cost', () => {
    const plan = planSchedule(needs);
    expectRulesKept(needs, plan.shards);
    expect(plan.changes).toBeLessThanOrEqual(10);
    const ideal = shardSlots(needs, DEFAULT_RULES.leadMinutes);
    expect(plan.shardSlots).toBeGreaterThan(ideal);
    const daily = plan.shardSlots * SHARD_HOUR + PPU_PER_DAY;
    expect(daily).toBeGreaterThan(7.0);
    expect(daily).toBeLessThan(8.19);
    expect(daily).toBeCloseTo(7.05, 1);
  });
});

describe('buildSchedule', () => {
  const curve = Array.from({ length: 24 }, (_, h) => 1 + 0.8 * Math.cos((2 * Math.PI * h) / 24));

  it('sizes each hour, keeps the rules, and compares static, scheduled and on-demand', () => {
    const profile = makeProfile({
      traffic: { recordsPerSecond: 4096, peakRecordsPerSecond: 4096 * 1.8, recordSize: fixedSize(1024), dailyCurve: curve },
      stream: { targetUtilization: 0.8 },
    });
    const s = buildSchedule(profile, prices)!;
    expect(s.hours.map((h) => h.hour)).toEqual(Array.from({ length: 24 }, (_, h) => h));
    expectRulesKept(
      s.hours.map((h) => h.need),
      s.hours.map((h) => h.shards),
    );
    const byName = Object.fromEntries(s.strategies.map((x) => [x.strategy, x]));
    // The static count is size's count; its cost is size's Kinesis cost at that count.
    const size = planRegion(profile, catalogue, 'us-east-1', { explain: false });
    expect(byName.static?.shards).toBe(size.stream?.shards);
    const kinesis = costReport(priceLines(kinesisDrafts(profile, 'provisioned', byName.static!.shards).drafts, prices));
    expect(byName.static?.monthly_usd).toBeCloseTo(kinesis.monthly_usd!, 6);
    expect(byName.scheduled!.daily_usd).toBeLessThan(byName.static!.daily_usd!);
    expect(byName.scheduled!.write_throttled_fraction!).toBeLessThanOrEqual(profile.stream.maxThrottleRate);
    expect(s.peak_to_hour_ratio).toBeCloseTo(1, 9);
    // The changes listed are the changes made, each up change started ahead.
    const changes = s.hours.filter((h) => h.change !== null);
    expect(changes).toHaveLength(s.changes);
    for (const h of changes) expect(h.change!.starts_minutes_before).toBe(h.change!.to > h.change!.from ? DEFAULT_RULES.leadMinutes : 0);
    expect(size.schedule).toBeDefined();
  });

  it('is left out without a daily curve, and for on-demand', () => {
    expect(buildSchedule(makeProfile(), prices)).toBeUndefined();
    const od = makeProfile({ traffic: { dailyCurve: curve }, stream: { mode: 'on-demand' } });
    expect(buildSchedule(od, prices)).toBeUndefined();
    expect(planRegion(od, catalogue, 'us-east-1', { explain: false }).schedule).toBeUndefined();
  });

  it('never raises throttle risk above the target, over random curves (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.05, max: 3, noNaN: true }), { minLength: 24, maxLength: 24 }),
        fc.integer({ min: 100, max: 50_000 }),
        fc.constantFrom('none', 'poisson', 'medium'),
        (raw, rps, level) => {
          const mean = raw.reduce((a, b) => a + b, 0) / 24;
          const dailyCurve = raw.map((m) => m / mean);
          const dispersion = level === 'medium' ? 50 : Number.POSITIVE_INFINITY;
          const profile = makeProfile({
            traffic: { recordsPerSecond: rps, peakRecordsPerSecond: rps * Math.max(...dailyCurve), recordSize: fixedSize(700), dailyCurve, burstiness: { level, dispersion } },
            stream: { targetUtilization: 0.8 },
          });
          const s = buildSchedule(profile, prices) as ScheduleReport;
          expectRulesKept(
            s.hours.map((h) => h.need),
            s.hours.map((h) => h.shards),
          );
          const sched = s.strategies.find((x) => x.strategy === 'scheduled')!;
          const stat = s.strategies.find((x) => x.strategy === 'static')!;
          expect(sched.daily_usd).toBeLessThanOrEqual(stat.daily_usd! + 1e-9);
          expect(sched.write_throttled_fraction!).toBeLessThanOrEqual(profile.stream.maxThrottleRate);
        },
      ),
      { numRuns: runs(60) },
    );
  }, 120_000);
});
