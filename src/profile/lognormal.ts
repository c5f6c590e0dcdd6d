// Record sizes given as {average, p99}: a lognormal with that mean and 99th percentile,
// discretised into equal-probability bins so billing rounding can be applied per record.

/** Φ⁻¹(0.99), the standard normal 99th percentile. */
export const Z99 = 2.3263479;
export const LOGNORMAL_BINS = 50;

/** Largest p99/average ratio a lognormal can have: exp(z²/2) (σ = z). */
export const MAX_P99_RATIO = Math.exp((Z99 * Z99) / 2);

/**
 * Standard normal CDF to double precision (Hart 1968, as given by G. West, "Better approximations
 * to cumulative normal functions", 2005). Needed in the tails, where erf approximations of
 * 1e-7 accuracy would bias the bin means.
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const a = Math.abs(x);
  let c: number;
  if (a > 37) {
    c = 0;
  } else {
    const e = Math.exp((-a * a) / 2);
    if (a < 7.07106781186547) {
      let b = 3.52624965998911e-2 * a + 0.700383064443688;
      b = b * a + 6.37396220353165;
      b = b * a + 33.912866078383;
      b = b * a + 112.079291497871;
      b = b * a + 221.213596169931;
      b = b * a + 220.206867912376;
      c = e * b;
      b = 8.83883476483184e-2 * a + 1.75566716318264;
      b = b * a + 16.064177579207;
      b = b * a + 86.7807322029461;
      b = b * a + 296.564248779674;
      b = b * a + 637.333633378831;
      b = b * a + 793.826512519948;
      b = b * a + 440.413735824752;
      c = c / b;
    } else {
      let b = a + 0.65;
      b = a + 4 / b;
      b = a + 3 / b;
      b = a + 2 / b;
      b = a + 1 / b;
      c = e / b / 2.506628274631;
    }
  }
  return x > 0 ? 1 - c : c;
}

/** P(a < Z < b), computed on the side of the distribution that keeps precision. */
function normalMass(a: number, b: number): number {
  if (a > 0) return normalCdf(-a) - normalCdf(-b);
  return normalCdf(b) - normalCdf(a);
}

// Acklam's coefficients for the inverse normal CDF.
const QA0 = -3.969683028665376e1, QA1 = 2.209460984245205e2, QA2 = -2.759285104469687e2, QA3 = 1.38357751867269e2, QA4 = -3.066479806614716e1, QA5 = 2.506628277459239;
const QB0 = -5.447609879822406e1, QB1 = 1.615858368580409e2, QB2 = -1.556989798598866e2, QB3 = 6.680131188771972e1, QB4 = -1.328068155288572e1;
const QC0 = -7.784894002430293e-3, QC1 = -3.223964580411365e-1, QC2 = -2.400758277161838, QC3 = -2.549732539343734, QC4 = 4.374664141464968, QC5 = 2.938163982698783;
const QD0 = 7.784695709041462e-3, QD1 = 3.224671290700398e-1, QD2 = 2.445134137142996, QD3 = 3.754408661907416;

/** Inverse standard normal CDF (Acklam), polished with one Halley step against normalCdf. */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((QC0 * q + QC1) * q + QC2) * q + QC3) * q + QC4) * q + QC5) / ((((QD0 * q + QD1) * q + QD2) * q + QD3) * q + 1);
  } else if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((QA0 * r + QA1) * r + QA2) * r + QA3) * r + QA4) * r + QA5) * q) / (((((QB0 * r + QB1) * r + QB2) * r + QB3) * r + QB4) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((QC0 * q + QC1) * q + QC2) * q + QC3) * q + QC4) * q + QC5) / ((((QD0 * q + QD1) * q + QD2) * q + QD3) * q + 1);
  }
  const e = normalCdf(x) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

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
  if (binsMemo.size >= 256) binsMemo.clear();
  binsMemo.set(key, out);
  return out;
}
