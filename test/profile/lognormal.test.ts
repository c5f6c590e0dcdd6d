import { describe, expect, test } from 'vitest';
import { discretiseLognormal, lognormalSigma, MAX_P99_RATIO, Z99 } from '../../src/profile/lognormal.js';
import { normalCdf, normalQuantile } from '../../src/math/special.js';
import { parse } from './helpers.js';

const KIB = 1024;

/** Smallest bucket size whose cumulative share reaches q. */
function discreteQuantile(buckets: { bytes: number; share: number }[], q: number): number {
  let c = 0;
  for (const b of buckets) {
    c += b.share;
    if (c >= q - 1e-12) return b.bytes;
  }
  return buckets[buckets.length - 1]?.bytes ?? NaN;
}

describe('normal distribution helpers', () => {
  test('CDF and quantile to double precision', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 14);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316301, 15);
    expect(normalQuantile(0.99)).toBeCloseTo(Z99, 6);
    for (const p of [1e-9, 0.001, 0.02, 0.3, 0.5, 0.77, 0.98, 0.999999]) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 12);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
  });
});

describe('lognormal record sizes from {average, p99}', () => {
  test('the fitted continuous lognormal has exactly the given mean and p99', () => {
    for (const [avg, p99] of [
      [1 * KIB, 2 * KIB],
      [1 * KIB, 8 * KIB],
      [500, 700],
      [10 * KIB, 140 * KIB],
    ] as const) {
      const sigma = lognormalSigma(avg, p99) as number;
      const mu = Math.log(avg) - (sigma * sigma) / 2;
      expect(Math.exp(mu + (sigma * sigma) / 2)).toBeCloseTo(avg, 6);
      expect(Math.exp(mu + Z99 * sigma) / p99).toBeCloseTo(1, 9);
    }
  });

  test('no solution beyond exp(z²/2)', () => {
    expect(lognormalSigma(1, MAX_P99_RATIO * 1.001)).toBeUndefined();
    expect(lognormalSigma(1, MAX_P99_RATIO * 0.999)).toBeDefined();
  });

  test('50 equal-probability bins whose mean is the average exactly', () => {
    const r = parse('version: 1\ntraffic: {records_per_second: 10, record_size: {average: 1KiB, p99: 8KiB}}\n');
    const d = r.profile?.traffic.recordSize;
    expect(d?.kind).toBe('average-p99');
    expect(d?.averageBytes).toBe(1024);
    const buckets = d?.buckets ?? [];
    expect(buckets).toHaveLength(50);
    for (const b of buckets) expect(b.share).toBe(1 / 50);
    for (let i = 1; i < buckets.length; i++) expect((buckets[i]?.bytes ?? 0) > (buckets[i - 1]?.bytes ?? Infinity)).toBe(true);
    const mean = buckets.reduce((s, b) => s + b.bytes * b.share, 0);
    expect(Math.abs(mean - 1024) / 1024).toBeLessThan(1e-12);
    expect(buckets.reduce((s, b) => s + b.share, 0)).toBeCloseTo(1, 12);
  });

  test('the mean is exact across shapes, before any renormalisation is large', () => {
    for (const ratio of [1.01, 1.5, 3, 8, 14.9]) {
      const sigma = lognormalSigma(1000, 1000 * ratio) as number;
      const raw = discretiseLognormal(1000, sigma);
      const mean = raw.reduce((s, b) => s + b.bytes * b.share, 0);
      expect(Math.abs(mean - 1000)).toBeLessThan(1e-9);
    }
  });

  test('the discrete p99 is within a few % of the given p99 for moderate tails', () => {
    // Each bin sits at its conditional mean, so the top 2% bin lies above the true p99;
    // the gap grows with the tail (about 4% at p99 = 2 × average).
    for (const ratio of [1.25, 1.5, 2]) {
      const sigma = lognormalSigma(1000, 1000 * ratio) as number;
      const p99 = discreteQuantile(discretiseLognormal(1000, sigma), 0.99);
      expect(Math.abs(p99 / (1000 * ratio) - 1)).toBeLessThan(0.05);
    }
  });

  test('the median of the bins matches the lognormal median', () => {
    const sigma = lognormalSigma(KIB, 8 * KIB) as number;
    const median = Math.exp(Math.log(KIB) - (sigma * sigma) / 2);
    const buckets = discretiseLognormal(KIB, sigma);
    // Bins 24 and 25 straddle the median.
    expect(buckets[24]?.bytes).toBeLessThan(median);
    expect(buckets[25]?.bytes).toBeGreaterThan(median);
  });
});
