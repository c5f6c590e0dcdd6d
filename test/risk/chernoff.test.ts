// The Chernoff bound's search (compound.ts, byteTailBound) against a plain scan: any θ gives an
// upper bound on the byte tail, and the search must find one no worse than the best of 20,000
// evenly spaced θ (ψ written out here from the lattice, apart from the model's code), including the
// cases that defeat a plain Newton step (sizes of tens of KB, whose ψ′ grows like e^(θ·cap)) and
// deep negative-binomial tails whose best θ sits by the point where the PGF diverges.

import { describe, expect, it } from 'vitest';
import { byteTailBound, sizeLattice, type RecordSizeLaw, type SizeLattice } from '../../src/model/risk/compound.js';

const MiB = 1_048_576;

function lognormal(average: number, p99: number, key: number): RecordSizeLaw {
  const z = 2.3263479;
  return { kind: 'lognormal', meanBytes: average, sigma: z - Math.sqrt(z * z - 2 * Math.log(p99 / average)), extraBytes: key };
}

/** min over a grid of t = θ·cap in (0, 700] of ln(e^−t · PGF_X(M(θ))), over the records below the cap. */
function scannedLogBound(lat: SizeLattice, mu: number, k: number): number {
  let best = 0;
  for (let g = 1; g <= 20_000; g++) {
    const t = (700 * g) / 20_000;
    let m = 0;
    for (let i = 0; i < lat.index.length; i++) if (lat.index[i]! < lat.capIndex) m += lat.prob[i]! * Math.exp((t * lat.index[i]!) / lat.capIndex);
    const u = Number.isFinite(k) ? (mu / k) * (m - 1) : 0;
    const psi = Number.isFinite(k) ? (u < 1 ? -t - k * Math.log1p(-u) : Infinity) : -t + mu * (m - 1);
    if (psi < best) best = psi;
  }
  return best;
}

const CASES: { name: string; law: RecordSizeLaw; load: number; k: number }[] = [
  { name: 'fastapi-logs sizes, half the cap, k = 50', law: lognormal(1228.8, 8192, 36), load: 0.5, k: 50 },
  { name: 'clickstream sizes, a quiet hour, k = 50 (a tail of 1e-43)', law: lognormal(700, 2048, 24), load: 0.03, k: 50 },
  { name: 'clickstream sizes, k = 5', law: lognormal(700, 2048, 24), load: 0.3, k: 5 },
  { name: 'records of 24 KB on average, Poisson (a plain Newton step overshoots to ψ′ ≈ 1e36)', law: lognormal(24_000, 100_000, 16), load: 0.2, k: Infinity },
  { name: 'records of 24 KB on average, k = 1', law: lognormal(24_000, 100_000, 16), load: 0.6, k: 1 },
  { name: 'the fanout mix, Poisson', law: { kind: 'atoms', bytes: [2080, 6176, 30752], shares: [0.7, 0.25, 0.05] }, load: 0.4, k: Infinity },
  { name: '100-byte records, k = 10', law: { kind: 'atoms', bytes: [108], shares: [1] }, load: 0.09, k: 10 },
];

describe('byteTailBound finds the best θ', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const lat = sizeLattice(c.law, MiB);
      const mu = (c.load * MiB) / lat.meanBytes;
      const scanned = scannedLogBound(lat, mu, c.k);
      expect(scanned).toBeLessThan(0);
      const bound = byteTailBound(lat, mu, c.k);
      // The bound is P(a record reaches the cap alone) + e^ψ at the search's θ: its second part is no
      // larger than the scan's best (to 1e-6 of its logarithm, the grid's own spacing aside).
      // 1 − PGF_X(1 − q), without cancellation (q is 1e-47 for clickstream's sizes).
      const big = -Math.expm1(Number.isFinite(c.k) ? -c.k * Math.log1p((mu / c.k) * lat.bigShare) : -mu * lat.bigShare);
      const small = bound.over - big;
      expect(small).toBeGreaterThan(0);
      expect(Math.log(small)).toBeLessThanOrEqual(scanned + 1e-6 * Math.abs(scanned));
    });
  }
});
