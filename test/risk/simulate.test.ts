import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { simulateDay, type SimulateDayInput } from '../../src/model/risk/simulate.js';
import { secondThrottleProbability } from '../../src/model/risk/throttle.js';
import { runs } from '../helpers/depth.js';

const MiB = 1_048_576;
const noRetry = { enabled: false, backoff: 'none', ttlSeconds: 30 } as const;

const base: SimulateDayInput = {
  shardPeakMeans: new Array(8).fill(900),
  bytesPerRecordMean: 1056,
  bytesPerRecordSd: 300,
  dispersion: Infinity,
  seed: 12345,
  replicas: 8,
  horizonSeconds: 4 * 3600,
  skipBelow: 0,
  retry: noRetry,
};

const tier1 = (i: SimulateDayInput, mu: number) =>
  secondThrottleProbability({
    meanRecordsPerSecond: mu,
    recordsCap: 1000,
    bytesCap: MiB,
    bytesPerRecordMean: i.bytesPerRecordMean,
    bytesPerRecordSd: i.bytesPerRecordSd,
    dispersion: i.dispersion,
    steady: i.steady,
  });

/** |a − b| within z standard errors, the standard error taken from a 95% CI half-width. */
const withinCi = (est: { mean: number; ci95: [number, number] }, truth: number, z = 3.5) => {
  const se = (est.ci95[1] - est.ci95[0]) / 2 / 1.96;
  expect(Math.abs(est.mean - truth)).toBeLessThanOrEqual(z * se + 1e-12);
};

describe('simulateDay', () => {
  it('is deterministic per seed', () => {
    const input = { ...base, retry: { enabled: true, backoff: 'exponential', ttlSeconds: 30 } as const, horizonSeconds: 3600 };
    const a = simulateDay(input);
    const b = simulateDay(input);
    expect(b).toEqual(a);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const c = simulateDay({ ...input, seed: 12346 });
    expect(c.throttledShardSecondFraction.mean).not.toBe(a.throttledShardSecondFraction.mean);
    expect(a.seed).toBe(12345);
    expect(a.replicas).toBe(8);
    expect(a.shardsSimulated).toBe(8);
  });

  it('Tier 1 agreement: flat rate, no retries, depth 1 s', () => {
    const cases: Partial<SimulateDayInput>[] = [
      {}, // Poisson 900/s, 1,056 B records: bytes bind, P ≈ 1.7e-3
      { shardPeakMeans: new Array(8).fill(800), dispersion: 50, bytesPerRecordMean: 200, bytesPerRecordSd: 50 }, // 5.0e-2
      { shardPeakMeans: new Array(8).fill(700), dispersion: 50, bytesPerRecordMean: 200, bytesPerRecordSd: 50 }, // 4.0e-3
      { shardPeakMeans: new Array(8).fill(60), dispersion: 5, bytesPerRecordMean: 10_000, bytesPerRecordSd: 5000 },
    ];
    for (const c of cases) {
      const input = { ...base, ...c };
      const mu = (input.shardPeakMeans as number[])[0]!;
      const t1 = tier1(input, mu);
      const sim = simulateDay(input);
      withinCi(sim.throttledShardSecondFraction, t1.probability);
      withinCi(sim.throttledRecordFraction, t1.expectedThrottledRecords / mu);
      expect(sim.retriesPerRecord.mean).toBe(0);
      expect(sim.droppedRecordFraction.mean).toBeCloseTo(sim.throttledRecordFraction.mean, 12);
    }
  });

  it('the table sampler and Rng.negBin agree in distribution', () => {
    const input = { ...base, shardPeakMeans: new Array(8).fill(800), dispersion: 50, bytesPerRecordMean: 200, bytesPerRecordSd: 50 };
    const a = simulateDay(input);
    const b = simulateDay({ ...input, sampler: 'rng' });
    const se = (e: { ci95: [number, number] }) => (e.ci95[1] - e.ci95[0]) / 2 / 1.96;
    const diff = Math.abs(a.throttledShardSecondFraction.mean - b.throttledShardSecondFraction.mean);
    expect(diff).toBeLessThan(4 * Math.hypot(se(a.throttledShardSecondFraction), se(b.throttledShardSecondFraction)));
  });

  it('steady arrivals: all or nothing', () => {
    const steady = { ...base, steady: true, horizonSeconds: 600 };
    expect(simulateDay({ ...steady, shardPeakMeans: [990] }).throttledShardSecondFraction.mean).toBe(0);
    expect(simulateDay({ ...steady, shardPeakMeans: [995] }).throttledShardSecondFraction.mean).toBe(1);
  });

  it('retries add load; overload is capped by the TTL', () => {
    const input = { ...base, shardPeakMeans: new Array(8).fill(800), dispersion: 50, bytesPerRecordMean: 200, bytesPerRecordSd: 50 };
    const off = simulateDay(input);
    const on = simulateDay({ ...input, retry: { enabled: true, backoff: 'none', ttlSeconds: 30 } });
    expect(on.throttledShardSecondFraction.mean).toBeGreaterThan(off.throttledShardSecondFraction.mean);
    expect(on.retriesPerRecord.mean).toBeGreaterThan(0);
    // Overload: 1,100/s into 1,000/s; in steady state the excess 100/s is dropped after the TTL.
    const over = simulateDay({
      ...base,
      shardPeakMeans: [1100, 1100],
      bytesPerRecordMean: 100,
      bytesPerRecordSd: 10,
      horizonSeconds: 3600,
      replicas: 2,
      retry: { enabled: true, backoff: 'exponential', ttlSeconds: 30 },
    });
    expect(over.droppedRecordFraction.mean).toBeGreaterThan(0.085);
    expect(over.droppedRecordFraction.mean).toBeLessThan(0.0915);
    expect(over.throttledShardSecondFraction.mean).toBeGreaterThan(0.99);
  });

  it('skipping quiet hours changes nothing beyond Monte Carlo error', () => {
    const curve = Array.from({ length: 24 }, (_, h) => (h >= 17 && h <= 19 ? 1 : 0.3));
    const input = { ...base, dailyCurve: curve, horizonSeconds: 86_400, replicas: 4, shardPeakMeans: new Array(4).fill(930) };
    const full = simulateDay(input);
    const fast = simulateDay({ ...input, skipBelow: 1e-10 });
    expect(fast.skippedShardHoursPerReplica).toBe(4 * 21);
    expect(full.skippedShardHoursPerReplica).toBe(0);
    expect(fast.peakHour).toBe(17);
    withinCi(fast.throttledShardSecondFraction, full.throttledShardSecondFraction.mean, 5);
    // Peak-hour fraction equals Tier 1 at the peak mean.
    withinCi(fast.peakHourThrottledShardSecondFraction!, tier1(input, 930).probability);
    // Whole-day fraction = 3 busy hours out of 24 (quiet hours ≈ 0).
    withinCi(fast.throttledShardSecondFraction, (3 / 24) * tier1(input, 930).probability);
  });

  it('shards beyond maxSimulatedShards use Tier 1', () => {
    const means = [...new Array(4).fill(900), ...new Array(12).fill(850)];
    const r = simulateDay({ ...base, shardPeakMeans: means, maxSimulatedShards: 4 });
    expect(r.shardsSimulated).toBe(4);
    expect(r.shards).toBe(16);
    withinCi(r.throttledShardSecondFraction, (4 * tier1(base, 900).probability + 12 * tier1(base, 850).probability) / 16);
  });

  it('common random numbers: a busier stream never throttles less (same seed)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 700, max: 1000, noNaN: true }),
        fc.double({ min: 1, max: 1.2, noNaN: true }),
        fc.oneof(fc.constant(Infinity), fc.double({ min: 5, max: 500, noNaN: true })),
        fc.integer({ min: 0, max: 1e6 }),
        (mu, c, k, seed) => {
          const input: SimulateDayInput = {
            shardPeakMeans: [mu, mu * 0.9],
            bytesPerRecordMean: 100,
            bytesPerRecordSd: 20,
            dispersion: k,
            seed,
            replicas: 2,
            horizonSeconds: 300,
            skipBelow: 0,
            retry: noRetry,
          };
          const lo = simulateDay(input);
          const hi = simulateDay({ ...input, shardPeakMeans: [mu * c, mu * 0.9 * c] });
          expect(hi.throttledShardSecondFraction.mean).toBeGreaterThanOrEqual(lo.throttledShardSecondFraction.mean);
        },
      ),
      { numRuns: runs(200) },
    );
  });

  it('rejects bad input', () => {
    expect(() => simulateDay({ ...base, shardPeakMeans: [] })).toThrow(RangeError);
    expect(() => simulateDay({ ...base, dailyCurve: [1, 2] })).toThrow(RangeError);
    expect(() => simulateDay({ ...base, bucketDepthSeconds: 0.5 })).toThrow(RangeError);
  });
});
