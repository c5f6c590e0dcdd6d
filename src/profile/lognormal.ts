// Record sizes given as {average, p99}: a lognormal with that mean and 99th percentile,
// discretised into equal-probability bins so billing rounding can be applied per record.

// The normal masses and quantile of the risk engine: erfc-based, accurate in the tails, where an
// approximation of 1e-7 would bias the bin means.
import { normalMass, normalQuantile } from '../math/special.js';

/** Φ⁻¹(0.99), the standard normal 99th percentile. */
export const Z99 = 2.3263479;
export const LOGNORMAL_BINS = 50;

/** Largest p99/average ratio a lognormal can have: exp(z²/2) (σ = z). */
export const MAX_P99_RATIO = Math.exp((Z99 * Z99) / 2);

/** Bin edges Φ⁻¹(i / bins), i = 1..bins−1, per bin count: the same for every profile. */
const edgesMemo = new Map<number, Float64Array>();

function binEdges(bins: number): Float64Array {
  let edges = edgesMemo.get(bins);
  if (!edges) {
    edges = new Float64Array(bins - 1);
    for (let i = 0; i < bins - 1; i++) edges[i] = normalQuantile((i + 1) / bins);
    if (edgesMemo.size > 16) edgesMemo.clear();
    edgesMemo.set(bins, edges);
  }
  return edges;
}

/**
 * σ of the lognormal with mean `average` and 99th percentile `p99` (p99 ≥ average):
 * ln(p99/average) = zσ − σ²/2, the smaller root. Undefined when no lognormal fits.
 */
export function lognormalSigma(average: number, p99: number): number | undefined {
  const disc = Z99 * Z99 - 2 * Math.log(p99 / average);
  if (!(disc >= 0)) return undefined;
  return Z99 - Math.sqrt(disc);
}

/** The lognormal behind each bin list this module made, for models that need the continuous law. */
const lawOfBins = new WeakMap<readonly { bytes: number; share: number }[], { averageBytes: number; sigma: number }>();

/** The lognormal (mean, σ) whose bins these are, if discretiseLognormal made them. */
export function lognormalOfBins(bins: readonly { bytes: number; share: number }[]): { averageBytes: number; sigma: number } | undefined {
  return lawOfBins.get(bins);
}

/** Discretised lognormals by (average, σ, bins). */
const binsMemo = new Map<string, { bytes: number; share: number }[]>();

/**
 * `bins` equal-probability bins of the lognormal with mean `average` and shape σ, each at its
 * conditional mean E[X | bin] = average · bins · (Φ(z_hi − σ) − Φ(z_lo − σ)). The bin means
 * average to `average` in closed form; the tiny float error is scaled away.
 */
export function discretiseLognormal(average: number, sigma: number, bins = LOGNORMAL_BINS): { bytes: number; share: number }[] {
  // A sweep validates the same record sizes at every point: reuse the bins (callers only read them).
  const key = `${average}|${sigma}|${bins}`;
  const hit = binsMemo.get(key);
  if (hit) return hit;
  const out: { bytes: number; share: number }[] = [];
  const edges = binEdges(bins);
  let lo = -Infinity;
  let sum = 0;
  for (let i = 0; i < bins; i++) {
    const hi = i === bins - 1 ? Infinity : edges[i]!;
    const bytes = average * bins * normalMass(lo - sigma, hi - sigma);
    out.push({ bytes, share: 1 / bins });
    sum += bytes;
    lo = hi;
  }
  const scale = (average * bins) / sum;
  for (const b of out) b.bytes *= scale;
  for (const b of out) Object.freeze(b);
  Object.freeze(out);
  lawOfBins.set(out, { averageBytes: average, sigma });
  if (binsMemo.size >= 256) binsMemo.clear();
  binsMemo.set(key, out);
  return out;
}
