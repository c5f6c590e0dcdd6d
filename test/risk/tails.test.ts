import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { negBinExcess, negBinPmf, negBinSf, negBinSfAndExcess, poissonExcess, poissonSf } from '../../src/model/risk/tails.js';
import { erfc, lgamma, normalCdf, normalQuantile } from '../../src/math/special.js';
import { runs } from '../helpers/depth.js';

/** Relative agreement to `digits` significant figures. */
const sig = (a: number, b: number, digits = 2) => expect(Number(a.toPrecision(digits))).toBe(Number(b.toPrecision(digits)));

describe('special functions (reference values from scipy)', () => {
  it('lgamma', () => {
    expect(lgamma(0.5)).toBeCloseTo(0.5723649429247001, 14);
    expect(lgamma(10)).toBeCloseTo(12.801827480081469, 13);
    expect(lgamma(1e7) / 151180949.36947393).toBeCloseTo(1, 14);
  });
  it('erfc and Φ⁻¹', () => {
    expect(erfc(3) / 2.2090496998585445e-5).toBeCloseTo(1, 13);
    expect(erfc(10) / 2.0884875837625446e-45).toBeCloseTo(1, 12);
    expect(normalQuantile(0.999)).toBeCloseTo(3.090232306167813, 12);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 11);
    fc.assert(
      fc.property(fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }), (p) => {
        expect(normalCdf(normalQuantile(p)) / p).toBeCloseTo(1, 9);
      }),
      { numRuns: runs(300) },
    );
  });
});

describe('tails vs reference values (cap 1,000 records/s)', () => {
  it('Poisson P(X > 1000)', () => {
    sig(poissonSf(1000, 850), 2.5e-7);
    sig(poissonSf(1000, 900), 4.9e-4);
    sig(poissonSf(1000, 950), 5.2e-2);
    sig(poissonSf(1000, 800), 4.4e-12); // §0: "Poisson 4e-12" at 80% load
  });
  it('negative binomial P(X > 1000)', () => {
    sig(negBinSf(1000, 800, 200), 1.4e-3);
    sig(negBinSf(1000, 800, 50), 5.0e-2);
    sig(negBinSf(1000, 700, 50), 4.0e-3);
  });
  it('matches scipy to 10 digits, excess included', () => {
    expect(poissonSf(1000, 900) / 0.0004906327328575949).toBeCloseTo(1, 10);
    expect(poissonExcess(1000, 900) / 0.004279306283011437).toBeCloseTo(1, 10);
    expect(negBinSf(1000, 800, 50) / 0.05017910290534738).toBeCloseTo(1, 10);
    expect(negBinExcess(1000, 800, 50) / 2.943835274562025).toBeCloseTo(1, 10);
    expect(negBinExcess(1000, 1200, 50) / 208.66179671027803).toBeCloseTo(1, 10);
    expect(negBinSf(1000, 5, 0.5) / 2.1658656597031944e-43).toBeCloseTo(1, 9);
  });
  it('is stable for μ up to 1e7', () => {
    expect(poissonSf(1e7 + 5000, 1e7) / 0.05691411382484299).toBeCloseTo(1, 7);
    expect(poissonSf(1e7 - 5000, 1e7) / 0.94306781393566).toBeCloseTo(1, 8);
    expect(poissonSf(2e7, 1e7)).toBe(0);
    // k = 3 (shape-3 gamma mixing): P(X ≤ 1000) ≈ (1000/3.3e6)³/6 ≈ 4.5e-12 survives.
    expect(1 - negBinSf(1000, 1e7, 3)).toBeCloseTo(4.5e-12, 12);
    expect(Number.isFinite(negBinExcess(1e7, 1e7, 100))).toBe(true);
  });
  it('k = ∞ and huge k are Poisson; pmf sums to 1', () => {
    expect(negBinSf(1000, 900, Infinity)).toBe(poissonSf(1000, 900));
    expect(negBinSf(1000, 900, 1e12) / poissonSf(1000, 900)).toBeCloseTo(1, 5);
    let s = 0;
    for (let x = 0; x < 5000; x++) s += negBinPmf(x, 800, 50);
    expect(s).toBeCloseTo(1, 12);
  });
  it('excess identity E[(X−c)+] − E[(X−c−1)+] = P(X > c)', () => {
    for (const [mu, k] of [
      [700, 50],
      [950, Infinity],
      [20, 0.3],
    ] as const) {
      for (const c of [0, 10, 500, 1000]) {
        expect(negBinExcess(c, mu, k) - negBinExcess(c + 1, mu, k)).toBeCloseTo(negBinSf(c, mu, k), 9);
      }
    }
  });
});

describe('tail properties', () => {
  const mu = fc.double({ min: 0, max: 5000, noNaN: true });
  const cap = fc.integer({ min: 0, max: 6000 });
  const k = fc.oneof(fc.constant(Infinity), fc.double({ min: 0.05, max: 1e4, noNaN: true }));
  const le = (a: number, b: number) => expect(a).toBeLessThanOrEqual(b * (1 + 1e-9) + 1e-300);

  it('monotone in μ and in the cap', () => {
    fc.assert(
      fc.property(mu, fc.double({ min: 0, max: 500, noNaN: true }), cap, fc.integer({ min: 0, max: 300 }), k, (m, dm, c, dc, kk) => {
        le(negBinSf(c, m, kk), negBinSf(c, m + dm, kk));
        le(negBinSf(c + dc, m, kk), negBinSf(c, m, kk));
        le(negBinExcess(c, m, kk), negBinExcess(c, m + dm, kk));
      }),
      { numRuns: runs(300) },
    );
  });

  it('lower k (burstier) raises the tail at high load (cap ≥ μ + 2 sd of the burstier law)', () => {
    // Near the mean the order can flip (small k also moves mass towards 0), so "high load" means
    // a cap at least two standard deviations above the mean.
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 3000, noNaN: true }),
        fc.double({ min: 2, max: 6, noNaN: true }),
        fc.double({ min: 0.2, max: 1000, noNaN: true }),
        fc.double({ min: 1.01, max: 100, noNaN: true }),
        (m, sds, kk, f) => {
          const c = Math.ceil(m + sds * Math.sqrt(m + (m * m) / kk));
          le(negBinSf(c, m, kk * f), negBinSf(c, m, kk));
          le(poissonSf(c, m), negBinSf(c, m, kk));
        },
      ),
      { numRuns: runs(300) },
    );
  });
});

describe('negBinSfAndExcess', () => {
  it('gives exactly the bits of negBinSf and negBinExcess, above and below the mode, Poisson or not', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 5000, noNaN: true }),
        fc.double({ min: -10, max: 8000, noNaN: true }),
        fc.oneof(fc.constant(Infinity), fc.double({ min: 0.1, max: 1e6, noNaN: true })),
        (mu, cap, k) => {
          const both = negBinSfAndExcess(cap, mu, k);
          expect(both.sf).toBe(negBinSf(cap, mu, k));
          expect(both.excess).toBe(negBinExcess(cap, mu, k));
        },
      ),
      { numRuns: runs(1000) },
    );
  });
});

describe('long upper tails (μ ≫ k: aggregated KPL records, bursty) by the incomplete beta', () => {
  // [cap, μ, k, P(X > cap), E[(X − cap)+]] from mpmath at 50 digits (betainc(cap + 1, k, 0, p), p = μ/(k + μ),
  // and μ·P(Y ≥ cap) − cap·P(X > cap) with Y of shape k + 1): geometric counts (k = 1) far above
  // the mean, k = 0.5, and caps just above the mode (the complement of the lower tail).
  const REF: [number, number, number, number, number][] = [
    [1663891, 119800.1652252678, 1, 9.292967345606446e-7, 0.11133083164040163],
    [149796, 119800.1652252678, 1, 0.2863944056580303, 34310.38351183006],
    [300000, 119800, 1, 0.08174329274549835, 9792.928214203448],
    [2000000, 500000, 3, 0.0005222686672920085, 101.38215815331966],
    [850000, 1000000, 5, 0.5801174653881868, 251838.8977605991],
    [2100000, 2000000, 10, 0.397132452201437, 207498.41621750258],
    [120000, 50000, 0.5, 0.12133501767050671, 10121.59416718993],
    // below and near the mode (μ = 10⁶: the sums down from the cap took 0.1–0.2 s a call)
    [500000, 1e6, 50, 0.999993042010669, 500000.1256017221],
    [900000, 1e6, 50, 0.7531907854164642, 118403.19841901003],
    [990000, 1e6, 200, 0.5470776649566583, 33388.93307657413],
  ];
  // P(X > c) to 1e-8: the double p = μ/(k + μ) alone moves it by up to 2e-10, ln Γ at 10⁶ by ~1e-9
  // (the term-by-term sums err as much there), and the continued fraction loses digits near where
  // it stops converging fast (2.4e-9 at a cap of 300,000). E[(X − c)+] to 1e-7: near the mode it is
  // the difference of two tails 17 times its size (2.5e-8 at μ = 10⁶, k = 200).
  it('match the reference to 1e-8 (the tail) and 1e-7 (the excess)', () => {
    for (const [cap, mu, k, sf, excess] of REF) {
      const both = negBinSfAndExcess(cap, mu, k);
      expect(Math.abs(both.sf / sf - 1), `P(X > ${cap}), μ ${mu}, k ${k}`).toBeLessThan(1e-8);
      expect(Math.abs(both.excess / excess - 1), `E[(X − ${cap})+], μ ${mu}, k ${k}`).toBeLessThan(1e-7);
      expect(negBinSf(cap, mu, k)).toBe(both.sf);
      expect(negBinExcess(cap, mu, k)).toBe(both.excess);
    }
  });
});
