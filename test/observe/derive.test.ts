// Each figure `kplan observe` derives, checked against the synthetic process that made the metrics
// (test/observe/synth.ts): the mean, the busiest minute, the record size, the daily curve, the
// burstiness, the key spread and the readers.

import { describe, expect, it } from 'vitest';
import { observe } from '../../src/observe/index.js';
import { hotShardFactor } from '../../src/model/risk/hotshard.js';
import { DAY_CURVE, coarsen, exportOf, getMetricData, synthesize, type SynthSpec } from './synth.js';

const enc = new TextEncoder();
const START = Date.UTC(2026, 10, 23);

const WEEK: SynthSpec = {
  seed: 7,
  recordsPerSecond: 400,
  dailyCurve: DAY_CURVE,
  dispersion: 20,
  recordBytes: 700,
  shards: 4,
  keys: null,
  startMs: START,
  seconds: 3 * 86_400,
  readers: 3,
};

const truth = synthesize(WEEK);
const run = (text: string, shards?: number) => observe([{ file: 'metrics.json', bytes: enc.encode(text) }], shards !== undefined ? { shards } : {});

describe('figures from 1-minute sums against the process that made them', () => {
  const r = run(exportOf(WEEK, truth, { shardLevel: true }));
  const t = r.derived.stream!;

  it('mean rate: Σ records ÷ seconds, exactly; and within sampling error of the process mean', () => {
    const total = truth.records.reduce((a, b) => a + b, 0);
    expect(t.recordsPerSecond.value).toBeCloseTo(total / WEEK.seconds, 9);
    const processMean = WEEK.recordsPerSecond * (DAY_CURVE.reduce((a, b) => a + b, 0) / 24);
    // sd of the mean over 259,200 s with k = 20: sqrt(μ + μ²/k)/sqrt(n) ≈ 0.18/s; 1% is far outside.
    expect(Math.abs(t.recordsPerSecond.value / processMean - 1)).toBeLessThan(0.01);
  });

  it('busiest minute: the largest minute sum ÷ 60, at its minute, peak_window 60s', () => {
    const max = Math.max(...truth.records);
    expect(t.peakRecordsPerSecond.value).toBe(max / 60);
    expect(t.peakRecordsPerSecond.atMs).toBe(truth.minuteTimes[truth.records.indexOf(max)]);
    expect(r.profileText).toMatch(/peak_window: 60s/);
    // The busiest minute sits in the busiest hour of the curve or next to it.
    expect(max / 60).toBeGreaterThan(Math.max(...DAY_CURVE) * WEEK.recordsPerSecond);
  });

  it('record size: ΣBytes ÷ ΣRecords is the fixed record size', () => {
    expect(t.recordSizeBytes!.value).toBeCloseTo(WEEK.recordBytes, 9);
    expect(r.profileText).toMatch(/record_size: 700\n/);
  });

  it('daily curve: each UTC hour within 2% of the curve that drove the process', () => {
    const c = t.dailyCurve.value!;
    expect(c).toHaveLength(24);
    const mean = DAY_CURVE.reduce((a, b) => a + b, 0) / 24;
    c.forEach((v, h) => expect(Math.abs(v - DAY_CURVE[h]! / mean)).toBeLessThan(0.02));
  });

  it('burstiness: the per-second NegBin k within 20% (the estimator is exact for independent seconds)', () => {
    const k = t.dispersion.value!;
    expect(k / WEEK.dispersion).toBeGreaterThan(0.8);
    expect(k / WEEK.dispersion).toBeLessThan(1.2);
    expect(t.dispersion.provenance).toMatch(/lower bound/);
  });

  it('readers: GetRecords.Records ÷ IncomingRecords', () => {
    expect(r.derived.consumers!.value).toBe(3);
    expect(r.profileText.match(/type: kcl/g)).toHaveLength(3);
  });

  it('even keys read as random; the shard count comes from the shard-level series', () => {
    expect(r.derived.keys!.value).toEqual({ kind: 'random' });
    expect(r.derived.shards!.value).toBe(4);
    expect(r.profileText).toMatch(/partition_keys: random/);
  });

  it('every derived key carries a provenance comment on the line above', () => {
    const lines = r.profileText.split('\n');
    for (const key of ['records_per_second', 'peak_records_per_second', 'record_size', 'partition_keys', 'burstiness', 'daily_curve', 'shards']) {
      const i = lines.findIndex((l) => l.trimStart().startsWith(`${key}:`));
      expect(i, key).toBeGreaterThan(0);
      expect(lines[i - 1]!.trimStart().startsWith('#'), key).toBe(true);
    }
  });
});

describe('burstiness across levels', () => {
  for (const k of [5, 50, Number.POSITIVE_INFINITY]) {
    it(`k = ${k}`, () => {
      const spec = { ...WEEK, seed: 11, dispersion: k, seconds: 86_400, dailyCurve: null, shards: 1 };
      const r = run(exportOf(spec, synthesize(spec)));
      const est = r.derived.stream!.dispersion.value!;
      if (Number.isFinite(k)) {
        expect(est / k).toBeGreaterThan(0.75);
        expect(est / k).toBeLessThan(1.33);
      } else {
        expect(est).toBeGreaterThan(1000); // Poisson: no overdispersion seen (k large or ∞)
      }
    });
  }
});

describe('key skew from shard-level metrics', () => {
  it('a few hot keys: the fitted key count reproduces the observed hot-shard factor and is near the truth', () => {
    const spec: SynthSpec = { ...WEEK, seed: 3, seconds: 86_400, keys: { count: 12, skew: 0 }, shards: 8, dailyCurve: null, recordsPerSecond: 600 };
    const tr = synthesize(spec);
    const r = run(exportOf(spec, tr, { shardLevel: true }));
    const keys = r.derived.keys!;
    const w = tr.shardWeights;
    const trueHot = Math.max(...w) * w.length;
    expect(keys.hotFactor!).toBeGreaterThan(trueHot * 0.97);
    expect(keys.hotFactor!).toBeLessThan(trueHot * 1.03);
    expect(keys.value.kind).toBe('count');
    const K = (keys.value as { count: number }).count;
    expect(K).toBeGreaterThanOrEqual(4);
    expect(K).toBeLessThanOrEqual(60);
    // The fit's defining property, computed independently: K keys' p95 hot-shard factor at 8 shards
    // is the observed factor, so kplan size at today's shard count sees today's hottest shard.
    expect(hotShardFactor({ keys: { kind: 'count', count: K }, skew: 0, shards: 8 }).p95 / keys.hotFactor!).toBeCloseTo(1, 1);
  });
});

describe('coarse periods', () => {
  it('5-minute sums: the peak lies between the busiest period mean and all of it, and the report says so', () => {
    const c = coarsen(truth.minuteTimes, truth.records, 5);
    const b = coarsen(truth.minuteTimes, truth.bytes, 5);
    const r = run(
      getMetricData([
        { id: 'r', label: 'IncomingRecords', times: c.times, values: c.values },
        { id: 'b', label: 'IncomingBytes', times: b.times, values: b.values },
      ]),
    );
    const t = r.derived.stream!;
    expect(t.periodSeconds).toBe(300);
    const maxMinute = Math.max(...truth.records) / 60;
    expect(t.peakRecordsPerSecond.lowerBound).toBeLessThanOrEqual(maxMinute);
    expect(t.peakRecordsPerSecond.upperBound).toBeGreaterThanOrEqual(maxMinute);
    expect(t.peakRecordsPerSecond.value).toBeGreaterThanOrEqual(t.peakRecordsPerSecond.lowerBound);
    // Widened towards the true busiest minute: within 5% of it.
    expect(Math.abs(t.peakRecordsPerSecond.value / maxMinute - 1)).toBeLessThan(0.05);
    expect(t.peakRecordsPerSecond.provenance).toMatch(/lower bound/);
    expect(r.warnings.some((w) => /busiest minute is not observed/.test(w.message))).toBe(true);
    // The mean and curve do not depend on the period.
    expect(t.recordsPerSecond.value).toBeCloseTo(r.derived.stream!.recordsPerSecond.value, 6);
  });

  it('30-minute sums: no burstiness estimate (default kept, said so), the curve still by hour', () => {
    const c = coarsen(truth.minuteTimes, truth.records, 30);
    const b = coarsen(truth.minuteTimes, truth.bytes, 30);
    const r = run(
      getMetricData([
        { id: 'r', label: 'IncomingRecords', times: c.times, values: c.values },
        { id: 'b', label: 'IncomingBytes', times: b.times, values: b.values },
      ]),
    );
    expect(r.derived.stream!.dispersion.value).toBeNull();
    expect(r.profileText).not.toMatch(/burstiness:/);
    expect(r.profileText).toMatch(/hide per-second bursts/);
    expect(r.derived.stream!.dailyCurve.value).toHaveLength(24);
  });
});

describe('a partly filled last minute', () => {
  it('is detected and left out of the peak and the mean', () => {
    const spec = { ...WEEK, seconds: 86_400 + 12, dailyCurve: null, seed: 5 };
    const tr = synthesize(spec);
    const r = run(exportOf(spec, tr));
    const t = r.derived.stream!;
    expect(t.partialLastLeftOut).toBe(true);
    expect(t.periods).toBe(1440);
    const whole = tr.records.slice(0, 1440);
    expect(t.recordsPerSecond.value).toBeCloseTo(whole.reduce((a, b) => a + b, 0) / 86_400, 9);
    expect(r.warnings.some((w) => /partly filled/.test(w.message))).toBe(true);
  });
});
