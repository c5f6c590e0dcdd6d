// Byte tails between exact points, for callers that ask at hundreds of means (a sweep: one mean per
// point). ln P(B ≥ cap) and ln E[(B − cap)+] are smooth in ln μ, so a cubic through the exact values
// (compound.ts) at four neighbouring points of the fixed grid μ_i = e^(i/50) (2% apart) follows them
// to within 0.05% (docs/model.md, "Byte tail"); the result is raised by INTERPOLATION_MARGIN so it
// does not fall below the exact value. The grid is fixed, so the answer depends on μ alone, not on
// which means were asked before.

import { compoundByteTail, type ByteTail, type SizeLattice } from './compound.js';

/** Grid step in ln μ. */
const GRID_STEP = 0.02;
/**
 * Factor over the cubic: 2.5× the largest error seen against exact values (0.04%, test/risk/tail-grid.test.ts
 * over lognormals, histograms and mixes, Poisson and negative-binomial counts).
 */
export const INTERPOLATION_MARGIN = 1.001;
/**
 * Where a grid point's tail is below this, the exact value is used: compound.ts changes its way of
 * summing at 1e-11, and the logarithm is not smooth across that change.
 */
const SMALLEST = 1e-9;

/** The byte tail at μ, interpolated between exact values at the four nearest grid points. */
export function interpolatedByteTail(lat: SizeLattice, mu: number, k: number): ByteTail {
  if (!(mu > 0)) return { over: 0, excessBytes: 0 };
  const x = Math.log(mu) / GRID_STEP;
  const i = Math.floor(x);
  const t = x - i;
  const at = [i - 1, i, i + 1, i + 2].map((j) => compoundByteTail(lat, Math.exp(j * GRID_STEP), k));
  if (at.some((p) => !(p.over > SMALLEST) || !(p.over < 1) || !(p.excessBytes > 0))) return compoundByteTail(lat, mu, k);
  // Lagrange weights of the points −1, 0, 1, 2 at t ∈ [0, 1).
  const w = [(-t * (t - 1) * (t - 2)) / 6, ((t + 1) * (t - 1) * (t - 2)) / 2, (-(t + 1) * t * (t - 2)) / 2, ((t + 1) * t * (t - 1)) / 6];
  let lnOver = 0;
  let lnExcess = 0;
  for (let j = 0; j < 4; j++) {
    lnOver += w[j]! * Math.log(at[j]!.over);
    lnExcess += w[j]! * Math.log(at[j]!.excessBytes);
  }
  return { over: Math.min(1, Math.exp(lnOver) * INTERPOLATION_MARGIN), excessBytes: Math.exp(lnExcess) * INTERPOLATION_MARGIN };
}
