import { describe, expect, it } from 'vitest';
import { attributeRisk, standardFactors, type AttributionParams } from '../../src/model/risk/attribution.js';
import { hotShardFactor } from '../../src/model/risk/hotshard.js';
import { dailyRisk } from '../../src/model/risk/throttle.js';

describe('attributeRisk', () => {
  type P = { a: number; b: number; c: number };
  const factors = [
    { name: 'a', remove: (p: P) => ({ ...p, a: 0 }) },
    { name: 'b', remove: (p: P) => ({ ...p, b: 0 }) },
    { name: 'c', remove: (p: P) => ({ ...p, c: 0 }) },
  ];

  it('additive risk: each cause gets exactly its own term', () => {
    const r = attributeRisk({ risk: (p: P) => 1 + p.a + p.b + p.c, base: { a: 1, b: 2, c: 7 }, factors });
    r.factors.forEach((f, i) => {
      expect(f.value).toBeCloseTo([1, 2, 7][i]!, 12);
      expect(f.share).toBeCloseTo([0.1, 0.2, 0.7][i]!, 12);
    });
    expect(r.residualRisk).toBe(1);
  });

  it('multiplicative risk on the log scale splits ln(base/residual) by factor', () => {
    const risk = (p: P) => 1e-9 * 10 ** (4 * p.a) * 10 ** (2 * p.b) * 10 ** (0 * p.c);
    const r = attributeRisk({ risk, base: { a: 1, b: 1, c: 1 }, factors, scale: 'log' });
    expect(r.factors[0]!.share).toBeCloseTo(2 / 3, 12);
    expect(r.factors[1]!.share).toBeCloseTo(1 / 3, 12);
    expect(r.factors[2]!.share).toBe(0);
    const total = r.factors.reduce((s, f) => s + f.value, 0);
    expect(total).toBeCloseTo(Math.log(r.baseRisk / r.residualRisk), 12);
  });

  it('pure interaction is split evenly', () => {
    // Throttles only when both a and b are present.
    const r = attributeRisk({ risk: (p: P) => p.a * p.b, base: { a: 1, b: 1, c: 1 }, factors });
    expect(r.factors[0]!.share).toBeCloseTo(0.5, 12);
    expect(r.factors[1]!.share).toBeCloseTo(0.5, 12);
    expect(r.factors[0]!.aloneRatio).toBe(Infinity);
  });

  it('standard causes on a Tier 1 risk function', () => {
    type Q = AttributionParams & { shards: number; avg: number };
    const curve = Array.from({ length: 24 }, (_, h) => 1 + 0.5 * Math.cos(((h - 18) / 24) * 2 * Math.PI));
    const risk = (p: Q) => {
      const H = hotShardFactor({ keys: p.keys, skew: p.skew, shards: p.shards }).mean;
      const rows = Array.from({ length: 24 }, (_, h) => {
        const perShard = (p.avg * (p.dailyCurve ? p.dailyCurve[h]! : 1)) / p.shards;
        const hot = perShard * H;
        const rest = (perShard * p.shards - hot) / (p.shards - 1);
        return [hot, ...new Array(p.shards - 1).fill(rest)];
      });
      return dailyRisk({
        hourlyShardMeans: rows,
        recordsCap: 1000,
        bytesCap: 1_048_576,
        bytesPerRecordMean: 300,
        bytesPerRecordSd: 100,
        dispersion: p.dispersion,
        steady: p.steady,
      }).throttledShardSecondFraction;
    };
    // Busiest shard at the peak hour ≈ H 1.6 × 250/s × 1.5 ≈ 600/s: below the cap, so every cause adds risk.
    // (Above the cap a burstier law can lower P(X > cap); then a cause's value can be negative.)
    const base: Q = { keys: { kind: 'count', count: 2000 }, skew: 0.9, dispersion: 50, dailyCurve: curve, shards: 8, avg: 2000 };
    const r = attributeRisk({ risk, base, factors: standardFactors<Q>() });
    expect(r.baseRisk).toBeGreaterThan(r.residualRisk);
    const total = r.factors.reduce((a, f) => a + f.value, 0);
    expect(total).toBeCloseTo(r.baseRisk - r.residualRisk, 14); // Shapley efficiency
    expect(r.factors.map((f) => f.share).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    for (const f of r.factors) expect(f.value).toBeGreaterThan(0);
    expect(r.factors.map((f) => f.name)).toEqual(['hot-shards', 'bursts', 'daily-curve']);
  });
});
