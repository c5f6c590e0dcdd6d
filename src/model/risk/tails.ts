// Upper tails of per-second record counts on one shard (docs/model.md, `throttle-rate`): Poisson, and the negative
// binomial with variance μ + μ²/k that models bursty ("overdispersed") arrivals.
//
// Method: the pmf at one point comes from log-space (lgamma), then neighbouring terms follow from the
// exact ratio pmf(x±1)/pmf(x); sums run from the cap away from the mode, so every term shrinks and the
// sum stops once terms fall below 1e-17 of the total. No overflow for μ up to 1e7 and beyond.

import { lgammaRatio, logFactorial } from '../../math/special.js';

const REL_EPS = 1e-17;
/** Above this k (relative to μ) the negative binomial is Poisson to double precision. */
const POISSON_K_RATIO = 1e13;

function isPoisson(mu: number, k: number): boolean {
  return !Number.isFinite(k) || k > POISSON_K_RATIO * Math.max(1, mu);
}

function checkArgs(mu: number, k: number): void {
  if (!(mu >= 0) || !Number.isFinite(mu)) throw new RangeError(`mean must be finite and ≥ 0, got ${mu}`);
  if (!(k > 0)) throw new RangeError(`dispersion k must be > 0, got ${k}`);
}

/** ln P(X = x) for X ~ Poisson(μ). */
export function poissonLogPmf(x: number, mu: number): number {
  if (x < 0 || x !== Math.floor(x)) return -Infinity;
  if (mu === 0) return x === 0 ? 0 : -Infinity;
  return x * Math.log(mu) - mu - logFactorial(x);
}

/** ln P(X = x) for X ~ NegBin(mean μ, shape k), variance μ + μ²/k; k = ∞ is Poisson. */
export function negBinLogPmf(x: number, mu: number, k: number): number {
  if (isPoisson(mu, k)) return poissonLogPmf(x, mu);
  if (x < 0 || x !== Math.floor(x)) return -Infinity;
  if (mu === 0) return x === 0 ? 0 : -Infinity;
  // Γ(x+k)/(Γ(k)x!) · (k/(k+μ))^k · (μ/(k+μ))^x
  return lgammaRatio(k, x) - logFactorial(x) - k * Math.log1p(mu / k) + x * Math.log(mu / (k + mu));
}

/** P(X = x) for X ~ NegBin(μ, k) (Poisson when k = ∞). */
export function negBinPmf(x: number, mu: number, k: number): number {
  return Math.exp(negBinLogPmf(x, mu, k));
}

/** Mode of NegBin(μ, k) (Poisson when k = ∞). */
export function negBinMode(mu: number, k: number): number {
  if (isPoisson(mu, k)) return Math.floor(mu);
  return k > 1 ? Math.floor(((k - 1) * mu) / k) : 0;
}

/**
 * Σ_{x > c} g(x)·pmf(x) or Σ_{x ≤ c} g(x)·pmf(x) with g = 1 (weighted = false) or g = |x − c|,
 * summed away from the mode from the cap. Shared core of the tail and excess functions.
 */
function tailSum(c: number, mu: number, k: number, upper: boolean, weighted: boolean): number {
  const pois = isPoisson(mu, k);
  const p = pois ? 0 : mu / (k + mu);
  let x = upper ? c + 1 : c;
  const logStart = pois ? poissonLogPmf(x, mu) : negBinLogPmf(x, mu, k);
  if (logStart === -Infinity) return 0;
  let term = 1;
  let sum = 0;
  if (upper) {
    for (let guard = 0; guard < 1e9; guard++) {
      const w = weighted ? x - c : 1;
      const add = term * w;
      sum += add;
      if (add < REL_EPS * sum && x > mu) break;
      term *= pois ? mu / (x + 1) : ((x + k) * p) / (x + 1);
      x++;
      if (term === 0) break;
    }
  } else {
    for (; x >= 0; x--) {
      const w = weighted ? c - x : 1;
      const add = term * w;
      sum += add;
      if (add < REL_EPS * sum && x < mu && w > 0) break;
      if (x === 0) break;
      // pmf(x−1)/pmf(x)
      term *= pois ? x / mu : x / ((x - 1 + k) * p);
      if (term === 0) break;
    }
  }
  return sum * Math.exp(logStart);
}

/** P(X > cap) for X ~ NegBin(μ, k), variance μ + μ²/k (k = ∞: Poisson). cap is floored to an integer. */
export function negBinSf(cap: number, mu: number, k: number): number {
  checkArgs(mu, k);
  if (cap < 0) return 1;
  if (mu === 0) return 0;
  if (cap === Infinity) return 0;
  const c = Math.floor(cap);
  if (c >= negBinMode(mu, k)) return Math.min(1, tailSum(c, mu, k, true, false));
  return Math.max(0, 1 - tailSum(c, mu, k, false, false));
}

/** P(X > cap) for X ~ Poisson(μ). */
export function poissonSf(cap: number, mu: number): number {
  return negBinSf(cap, mu, Infinity);
}

/** E[(X − cap)+] for X ~ NegBin(μ, k) (k = ∞: Poisson): expected records above the cap. */
export function negBinExcess(cap: number, mu: number, k: number): number {
  checkArgs(mu, k);
  if (cap < 0) return mu - cap;
  if (mu === 0 || cap === Infinity) return 0;
  const c = Math.floor(cap);
  if (c >= negBinMode(mu, k)) return tailSum(c, mu, k, true, true);
  // E[(X−c)+] = μ − c + E[(c−X)+]
  return Math.max(0, mu - c + tailSum(c, mu, k, false, true));
}

/**
 * negBinSf(cap) and negBinExcess(cap) in one pass over the tail: the same terms, each sum stopping
 * where its own function would, so both are bit-identical to the separate calls.
 */
export function negBinSfAndExcess(cap: number, mu: number, k: number): { sf: number; excess: number } {
  checkArgs(mu, k);
  if (cap < 0) return { sf: 1, excess: mu - cap };
  if (mu === 0) return { sf: 0, excess: 0 };
  if (cap === Infinity) return { sf: 0, excess: 0 };
  const c = Math.floor(cap);
  const pois = isPoisson(mu, k);
  const p = pois ? 0 : mu / (k + mu);
  const upper = c >= negBinMode(mu, k);
  let x = upper ? c + 1 : c;
  const logStart = pois ? poissonLogPmf(x, mu) : negBinLogPmf(x, mu, k);
  if (logStart === -Infinity) return upper ? { sf: 0, excess: 0 } : { sf: 1, excess: Math.max(0, mu - c) };
  let term = 1;
  let plain = 0;
  let weighted = 0;
  let plainOn = true;
  let weightedOn = true;
  if (upper) {
    for (let guard = 0; guard < 1e9 && (plainOn || weightedOn); guard++) {
      if (plainOn) {
        plain += term;
        if (term < REL_EPS * plain && x > mu) plainOn = false;
      }
      if (weightedOn) {
        const add = term * (x - c);
        weighted += add;
        if (add < REL_EPS * weighted && x > mu) weightedOn = false;
      }
      term *= pois ? mu / (x + 1) : ((x + k) * p) / (x + 1);
      x++;
      if (term === 0) break;
    }
    const scale = Math.exp(logStart);
    return { sf: Math.min(1, plain * scale), excess: weighted * scale };
  }
  for (; x >= 0 && (plainOn || weightedOn); x--) {
    if (plainOn) {
      plain += term;
      if (term < REL_EPS * plain && x < mu) plainOn = false;
    }
    if (weightedOn) {
      const w = c - x;
      const add = term * w;
      weighted += add;
      if (add < REL_EPS * weighted && x < mu && w > 0) weightedOn = false;
    }
    if (x === 0) break;
    term *= pois ? x / mu : x / ((x - 1 + k) * p);
    if (term === 0) break;
  }
  const scale = Math.exp(logStart);
  return { sf: Math.max(0, 1 - plain * scale), excess: Math.max(0, mu - c + weighted * scale) };
}

/** E[(X − cap)+] for X ~ Poisson(μ). */
export function poissonExcess(cap: number, mu: number): number {
  return negBinExcess(cap, mu, Infinity);
}
