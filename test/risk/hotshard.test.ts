import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bulkExtreme, closedFormH, hotShardFactor, hotshardMonteCarlo, modelFormulaH } from '../../src/model/risk/hotshard.js';
import { lgamma } from '../../src/math/special.js';
import { exactShardWeights, zipfShares, zipfStats } from '../../src/model/risk/placement.js';
import { DEEP, runs } from '../helpers/depth.js';

// Reference values from a separate 3,000-replica numpy Monte Carlo: K, N, s, MC E[H], MC p95, formula.
const TABLE = [
  [100, 10, 0, 1.51, 1.8, 1.64],
  [1000, 10, 0, 1.16, 1.25, 1.2],
  [10000, 100, 0, 1.26, 1.35, 1.3],
  [1000, 16, 0.8, 1.99, 2.52, 1.97],
  [1000, 16, 1.0, 3.01, 3.86, 3.0],
  [100000, 64, 1.0, 6.23, 7.32, 6.21],
  [10000, 256, 0.7, 6.09, 6.9, 6.1],
] as const;
// The Monte Carlo costs K × replicas per row: npm test takes the rows up to 1,000 keys, test:deep all.
const MC_ROWS = DEEP ? TABLE : TABLE.filter(([K]) => K <= 1000);

const moments = (K: number, s: number) => {
  const st = zipfStats(K, s);
  return { K, p1: st.p1, sumSquares: st.sumSquares };
};

describe('hot-shard factor vs the reference table', () => {
  it('our seeded Monte Carlo reproduces the table (mean ±3%, p95 ±5%)', () => {
    for (const [K, N, s, mcMean, mcP95] of MC_ROWS) {
      const mc = hotshardMonteCarlo(K, s, N, K >= 100000 ? 600 : 3000, 2024);
      expect(Math.abs(mc.mean / mcMean - 1)).toBeLessThan(0.03);
      expect(Math.abs(mc.p95 / mcP95 - 1)).toBeLessThan(0.05);
    }
  });

  it('the one-line formula reproduces the "formula" column', () => {
    for (const [K, N, s, , , formula] of TABLE) {
      expect(modelFormulaH(moments(K, s), N)).toBeCloseTo(formula, 1);
    }
  });

  it('closed form (mean, p50, p95) is within 5% / 7% / 7% of Monte Carlo on the table rows', () => {
    for (const [K, N, s] of MC_ROWS) {
      const mc = hotshardMonteCarlo(K, s, N, K >= 100000 ? 600 : 3000, 99);
      const cf = hotShardFactor({ keys: { kind: 'count', count: K }, skew: s, shards: N });
      expect(cf.method).toBe('closed-form');
      expect(Math.abs(cf.mean / mc.mean - 1)).toBeLessThan(0.05);
      expect(Math.abs(cf.p50 / mc.p50 - 1)).toBeLessThan(0.07);
      expect(Math.abs(cf.p95 / mc.p95 - 1)).toBeLessThan(0.07);
    }
  });

  it('closed form stays within 10% (mean) / 15% (p95) in sparse and skewed corners', () => {
    const extra = [
      [10, 16, 0],
      [50, 100, 1.2],
      [20, 4, 0.5],
      [1000, 1000, 0],
      [200, 8, 1.5],
      [3000, 1000, 0.5],
      [500, 64, 0.3],
      [64, 64, 0],
      [5, 3, 2],
    ] as const;
    for (const [K, N, s] of extra) {
      const mc = hotshardMonteCarlo(K, s, N, 3000, 7);
      const cf = hotShardFactor({ keys: { kind: 'count', count: K }, skew: s, shards: N });
      expect(Math.abs(cf.mean / mc.mean - 1), `mean K=${K} N=${N} s=${s}`).toBeLessThan(0.1);
      expect(Math.abs(cf.p95 / mc.p95 - 1), `p95 K=${K} N=${N} s=${s}`).toBeLessThan(0.15);
    }
  });

  it('huge key counts use the approximate sums and stay sane', () => {
    const a = hotShardFactor({ keys: { kind: 'count', count: 1e9 }, skew: 0, shards: 1000 });
    expect(a.mean).toBeGreaterThan(1);
    expect(a.mean).toBeLessThan(1.01);
    const b = hotShardFactor({ keys: { kind: 'count', count: 1e9 }, skew: 1, shards: 64 });
    expect(b.topKeyShare).toBeCloseTo(1 / (Math.log(1e9) + 0.5772156649), 6);
    expect(b.mean).toBeCloseTo(64 * (b.topKeyShare + (1 - b.topKeyShare) / 64), 6);
  });
});

describe('hot-shard factor: random keys and key lists', () => {
  it('random keys give H = 1', () => {
    const r = hotShardFactor({ keys: { kind: 'random' }, skew: 0, shards: 50 });
    expect([r.mean, r.p50, r.p95, r.method]).toEqual([1, 1, 1, 'uniform']);
  });

  it('a key list uses exact MD5 placement', () => {
    const keys = Array.from({ length: 40 }, (_, i) => `device-${i}`);
    const r = hotShardFactor({ keys: { kind: 'list', keys }, skew: 0.5, shards: 8 });
    const w = exactShardWeights(keys, zipfShares(40, 0.5), 8);
    const h = 8 * Math.max(...w);
    expect(r.method).toBe('exact');
    expect([r.mean, r.p50, r.p95]).toEqual([h, h, h]);
    expect(r.topKeyShare).toBeCloseTo(zipfShares(40, 0.5)[0]!, 12);
  });
});

describe('hot-shard properties', () => {
  const keyCount = fc.oneof(fc.integer({ min: 1, max: 20000 }), fc.integer({ min: 1_000_001, max: 1_000_000_000 }));
  const shards = fc.integer({ min: 1, max: 4096 });
  const skew = fc.double({ min: 0, max: 3, noNaN: true });

  it('1 ≤ H ≤ N, and H ≥ N/K when K < N', () => {
    fc.assert(
      fc.property(keyCount, shards, skew, (K, N, s) => {
        const r = hotShardFactor({ keys: { kind: 'count', count: K }, skew: s, shards: N });
        for (const h of [r.mean, r.p50, r.p95]) {
          expect(h).toBeGreaterThanOrEqual(1);
          expect(h).toBeLessThanOrEqual(N);
          if (K < N) expect(h).toBeGreaterThanOrEqual(N / K - 1e-9);
        }
        expect(r.p95).toBeGreaterThanOrEqual(r.p50);
      }),
      { numRuns: runs(200) },
    );
  });

  it('the p95 share of the hottest shard (H ÷ N) never grows with the shard count', () => {
    // The sizing searches rely on it (the envelope in risk-model.ts only insures against a miss).
    // Full depth: 18 key counts × 7 skews × N = 1…600, 75,600 points; npm test: a spread subset.
    const counts = [2, 3, 5, 8, 13, 26, 40, 64, 100, 150, 300, 700, 1500, 3000, 10000, 30000, 1e5, 1e6];
    const skews = [0, 0.3, 0.6, 0.9, 1.1, 1.5, 2];
    const curves = counts.flatMap((K) => skews.map((s) => [K, s] as const)).filter((_, i) => DEEP || i % 9 === 0);
    const maxN = DEEP ? 600 : 120;
    for (const [K, s] of curves) {
      let prev = Infinity;
      for (let N = 1; N <= maxN; N++) {
        const share = hotShardFactor({ keys: { kind: 'count', count: K }, skew: s, shards: N }).p95 / N;
        // The root finder stops at 1e-13 of the share: steps up below 1e-12 are its rounding.
        if (share > prev * (1 + 1e-12)) expect.fail(`K = ${K}, s = ${s}: share ${share} at ${N} shards > ${prev} at ${N - 1}`);
        prev = share;
      }
    }
  });

  it('more skew never lowers the closed form', () => {
    fc.assert(
      fc.property(keyCount, shards, skew, fc.double({ min: 0, max: 1, noNaN: true }), (K, N, s, ds) => {
        for (const q of [null, 0.5, 0.95]) {
          const a = closedFormH(moments(K, s), N, q);
          const b = closedFormH(moments(K, s + ds), N, q);
          expect(b).toBeGreaterThanOrEqual(a * (1 - 1e-12));
        }
      }),
      { numRuns: runs(200) },
    );
  });
});

describe('hot-shard closed form just above the exact-sum limit', () => {
  it('a tiny skew over 1,000,001 keys never lowers H (the approximate sums start there)', () => {
    for (const [K, N] of [
      [1_000_001, 3691],
      [1_000_009, 486],
    ] as const) {
      for (const q of [null, 0.5, 0.95]) {
        expect(closedFormH(moments(K, 0.0007066449624360539), N, q)).toBeGreaterThanOrEqual(closedFormH(moments(K, 0), N, q) * (1 - 1e-12));
      }
    }
  });
});

describe('bulkExtreme quantiles', () => {
  // The straightforward loop, with F^N at every step: the skip below q^(1/N) must not change a bit.
  function reference(keff: number, N: number, q: number): number {
    const n = Math.max(1, Math.round(keff));
    const pi = 1 / N;
    const sd = Math.sqrt(n * pi * (1 - pi));
    const mode = Math.min(n, Math.floor((n + 1) * pi));
    const lo = Math.max(0, Math.floor(mode - 12 * sd - 12));
    const hi = Math.min(n, Math.ceil(mode + 14 * sd + 30));
    const lp = Math.log(pi);
    const lq = Math.log1p(-pi);
    const logC = lgamma(n + 1);
    let F = 0;
    let prevFN = 0;
    let pmf = Math.exp(logC - lgamma(lo + 1) - lgamma(n - lo + 1) + lo * lp + (n - lo) * lq);
    for (let y = lo; y <= hi; y++) {
      F = Math.min(1, F + pmf);
      const FN = Math.pow(F, N);
      if (FN >= q) return (y - 1 + (q - prevFN) / (FN - prevFN)) / n;
      prevFN = FN;
      pmf *= ((n - y) / (y + 1)) * (pi / (1 - pi));
    }
    return hi / n;
  }
  it('equal the full loop, bit for bit, in the binomial regime', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50_000 }), fc.integer({ min: 2, max: 2048 }), fc.constantFrom(0.5, 0.95, 0.99, 0.05), (keff, N, q) => {
        fc.pre(keff / N <= 1e5);
        expect(bulkExtreme(keff, N, q)).toBe(reference(keff, N, q));
      }),
      { numRuns: runs(500) },
    );
  });
});
