import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Rng, SplitMix64 } from '../../src/model/risk/rng.js';
import { negBinPmf } from '../../src/model/risk/tails.js';
import { runs } from '../helpers/depth.js';

const u64 = (o: Uint32Array) => (BigInt(o[0]!) << 32n) | BigInt(o[1]!);

describe('generators match the C reference implementations', () => {
  it('SplitMix64 (state 1234567)', () => {
    const sm = new SplitMix64(0, 1234567);
    const o = new Uint32Array(2);
    const out: bigint[] = [];
    for (let i = 0; i < 3; i++) {
      sm.next(o);
      out.push(u64(o));
    }
    expect(out).toEqual([6457827717110365317n, 3203168211198807973n, 9817491932198370423n]);
  });

  it('SplitMix64 agrees with a BigInt transcription', () => {
    const M = (1n << 64n) - 1n;
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: M }), (x0) => {
        let x = x0;
        const ref = (): bigint => {
          x = (x + 0x9e3779b97f4a7c15n) & M;
          let z = x;
          z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & M;
          z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & M;
          return z ^ (z >> 31n);
        };
        const sm = new SplitMix64(Number(x0 >> 32n), Number(x0 & 0xffffffffn));
        const o = new Uint32Array(2);
        for (let i = 0; i < 4; i++) {
          sm.next(o);
          expect(u64(o)).toBe(ref());
        }
      }),
      { numRuns: runs(200) },
    );
  });

  it('xoshiro128** from state {1,2,3,4}', () => {
    const r = new Rng(0);
    r.s.set([1, 2, 3, 4]);
    expect(Array.from({ length: 5 }, () => r.nextU32())).toEqual([11520, 0, 5927040, 70819200, 2031721883]);
  });
});

describe('streams', () => {
  it('same (seed, ids) → same sequence; other ids → other sequence', () => {
    const a = new Rng(42, 3, 7);
    const b = new Rng(42, 3, 7);
    const c = new Rng(42, 7, 3);
    const d = new Rng(43, 3, 7);
    const xs = Array.from({ length: 50 }, () => a.nextFloat());
    expect(Array.from({ length: 50 }, () => b.nextFloat())).toEqual(xs);
    expect(Array.from({ length: 50 }, () => c.nextFloat())).not.toEqual(xs);
    expect(Array.from({ length: 50 }, () => d.nextFloat())).not.toEqual(xs);
  });

  it('a stream does not depend on which other streams were used first', () => {
    const first = new Rng(9, 1, 2);
    const v1 = [first.poisson(900), first.gamma(2), first.normal()];
    const other = new Rng(9, 5, 5);
    for (let i = 0; i < 1000; i++) other.nextU32();
    const again = new Rng(9, 1, 2);
    expect([again.poisson(900), again.gamma(2), again.normal()]).toEqual(v1);
  });

  it('nextFloat is in [0, 1)', () => {
    const r = new Rng(1);
    let bad = 0;
    for (let i = 0; i < 1e5; i++) {
      const u = r.nextFloat();
      if (!(u >= 0 && u < 1)) bad++;
    }
    expect(bad).toBe(0);
  });
});

function moments(draw: () => number, n: number): { mean: number; variance: number } {
  let s = 0;
  let ss = 0;
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = draw();
    s += xs[i]!;
  }
  const mean = s / n;
  for (let i = 0; i < n; i++) ss += (xs[i]! - mean) ** 2;
  return { mean, variance: ss / (n - 1) };
}

/** Mean within 4.5 standard errors; variance within 4.5 sd of the sample variance (given excess kurtosis). */
function checkMoments(m: { mean: number; variance: number }, mean: number, variance: number, exKurt: number, n: number): void {
  expect(Math.abs(m.mean - mean)).toBeLessThan(4.5 * Math.sqrt(variance / n));
  expect(Math.abs(m.variance / variance - 1)).toBeLessThan(4.5 * Math.sqrt((exKurt + 2) / n));
}

describe('distributions (1e5 draws)', () => {
  const n = 100_000;
  it('uniform and normal', () => {
    const r = new Rng(11);
    checkMoments(
      moments(() => r.nextFloat(), n),
      0.5,
      1 / 12,
      -1.2,
      n,
    );
    checkMoments(
      moments(() => r.normal(), n),
      0,
      1,
      0,
      n,
    );
  });

  it('gamma (shape 0.5, 3, 50)', () => {
    for (const a of [0.5, 3, 50]) {
      const r = new Rng(12, Math.round(a * 10));
      checkMoments(
        moments(() => r.gamma(a), n),
        a,
        a,
        6 / a,
        n,
      );
    }
  });

  it('Poisson on both sides of the inversion/PTRS switch', () => {
    for (const mu of [0.3, 5, 29.5, 30.5, 900, 1e5]) {
      const r = new Rng(13, Math.round(mu * 10));
      checkMoments(
        moments(() => r.poisson(mu), n),
        mu,
        mu,
        1 / mu,
        n,
      );
    }
  });

  it('negative binomial', () => {
    for (const [mu, k] of [
      [800, 50],
      [5, 0.5],
      [900, Infinity],
    ] as const) {
      const r = new Rng(14, mu);
      const v = mu + (Number.isFinite(k) ? (mu * mu) / k : 0);
      // NegBin excess kurtosis is 6/k + 1/(μ(1+μ/k)) (1/μ for Poisson); allow a little slack on top.
      const exK = Number.isFinite(k) ? 6 / k + 1 / (mu * (1 + mu / k)) : 1 / mu;
      checkMoments(
        moments(() => r.negBin(mu, k), n),
        mu,
        v,
        exK + 1,
        n,
      );
    }
  });

  it('chi-square goodness of fit of the Poisson pmf (μ = 5 and μ = 900)', () => {
    for (const mu of [5, 900]) {
      const r = new Rng(15, mu);
      const counts = new Map<number, number>();
      for (let i = 0; i < n; i++) {
        const x = r.poisson(mu);
        counts.set(x, (counts.get(x) ?? 0) + 1);
      }
      // Bins: merge values until the expected count ≥ 20.
      const lo = Math.max(0, Math.floor(mu - 8 * Math.sqrt(mu)));
      const hi = Math.ceil(mu + 8 * Math.sqrt(mu));
      let chi2 = 0;
      let df = -1;
      let e = 0;
      let o = 0;
      for (let x = 0; x <= hi; x++) {
        e += x < lo ? 0 : n * negBinPmf(x, mu, Infinity);
        o += counts.get(x) ?? 0;
        if (e >= 20 || x === hi) {
          if (e > 0) {
            chi2 += (o - e) ** 2 / e;
            df++;
          }
          e = 0;
          o = 0;
        }
      }
      // Upper 0.1% point of χ²(df) (Wilson–Hilferty).
      const z = 3.09;
      const crit = df * (1 - 2 / (9 * df) + z * Math.sqrt(2 / (9 * df))) ** 3;
      expect(chi2).toBeLessThan(crit);
    }
  });
});
