// Upper tails of per-second record counts on one shard (docs/model.md, `throttle-rate`): Poisson, and the negative
// binomial with variance μ + μ²/k that models bursty ("overdispersed") arrivals.
//
// Method: the pmf at one point comes from log-space (lgamma), then neighbouring terms follow from the
// exact ratio pmf(x±1)/pmf(x); sums run from the cap away from the mode, so every term shrinks and the
// sum stops once terms fall below 1e-17 of the total. No overflow for μ up to 1e7 and beyond.

import { lgamma, lgammaRatio, logFactorial } from '../../math/special.js';

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
 * Past this many terms (about 40 decay lengths (k + μ)/k of the negative binomial's tails, or 8
 * standard deviations μ/√k below the mode) a sum goes by the incomplete beta function instead:
 * heavily aggregated KPL records put 10⁵–10⁶ user records a second on a shard, and with bursty
 * arrivals (k = 1) a term-by-term sum took millions of terms (a `size` of such a profile: 5 s,
 * all of it here; 0.1–0.2 s a call below the mode at μ = 10⁶, k = 50).
 */
const LONG_SUM = 100_000;

function longSum(mu: number, k: number): boolean {
  return !isPoisson(mu, k) && (40 * (k + mu)) / k > LONG_SUM;
}

/**
 * The continued fraction of the regularized incomplete beta I_x(a, b) over its leading factor
 * x^a·(1 − x)^b / (a·B(a, b)) (modified Lentz; Numerical Recipes, 3rd ed., §6.4), for
 * x < (a + 1)/(a + b + 2), where it converges in O(√max(a, b)) steps; 1 − x is passed in, exact.
 */
function betaFraction(a: number, b: number, x: number, oneMinusX: number): number {
  const TINY = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  // 1 − (a + b)·x/(a + 1), written with 1 − x given (p near 1 is μ ≫ k: 1 − p from k/(k + μ)).
  let d = oneMinusX + ((1 - b) * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 1_000_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return h;
}

/**
 * Σ_{x ≥ a} pmf(x) / pmf(a) for a negative binomial of shape b and p = μ/(b + μ) (q = 1 − p), a ≥ 1:
 * I_p(a, b) over its leading factor, which is pmf(a); undefined where the fraction would converge
 * slowly (a near or below the mode).
 */
function upperOverPmf(a: number, b: number, p: number, q: number): number | undefined {
  return p < (a + 1) / (a + b + 2) ? betaFraction(a, b, p, q) : undefined;
}

/**
 * P(X > c) and, if asked, E[(X − c)+] for X ~ NegBin(μ, k), k finite, c an integer ≥ 0, by the
 * incomplete beta: P(X > c) = I_p(c + 1, k) with p = μ/(k + μ), pmf(c + 1) times its fraction; near
 * the mode 1 − P(X ≤ c) = 1 − I_{1−p}(k, c + 1) instead. E[(X − c)+] = E[X; X > c] − c·P(X > c), with
 * E[X; X > c] = μ·P(Y ≥ c) for Y of shape k + 1 and the same p (x·pmf_k(x) = μ·pmf_{k+1}(x − 1)):
 * both tails over the one factor pmf_X(c + 1) where the fractions apply (μ·pmf_Y(c) =
 * (c + 1)·pmf_X(c + 1)), so its rounding cancels in the difference.
 */
function negBinTailsByBeta(c: number, mu: number, k: number, wantExcess: boolean): { sf: number; excess: number } {
  const a = c + 1;
  const p = mu / (k + mu);
  const q = k / (k + mu);
  const hX = upperOverPmf(a, k, p, q);
  const pmf = hX !== undefined ? Math.exp(negBinLogPmf(a, mu, k)) : 0;
  let sf: number;
  if (hX !== undefined) sf = Math.min(1, pmf * hX);
  else {
    // ln of (1 − p)^k·p^a / (k·B(k, a)), with ln B(k, a) = ln Γ(k) − (ln Γ(a + k) − ln Γ(a)).
    const logFront = -k * Math.log1p(mu / k) - a * Math.log1p(k / mu) - Math.log(k) - (lgamma(k) - lgammaRatio(a, k));
    sf = Math.max(0, 1 - Math.exp(logFront) * betaFraction(k, a, q, p));
  }
  if (!wantExcess) return { sf, excess: Number.NaN };
  const hY = c >= 1 ? upperOverPmf(c, k + 1, p, q) : undefined;
  if (hX !== undefined && hY !== undefined) return { sf, excess: Math.max(0, pmf * (a * hY - c * hX)) };
  const atLeast = c === 0 ? 1 : negBinTailsByBeta(c - 1, (mu * (k + 1)) / k, k + 1, false).sf;
  return { sf, excess: Math.max(0, mu * atLeast - c * sf) };
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
  if (longSum(mu, k)) return negBinTailsByBeta(c, mu, k, false).sf;
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
  if (longSum(mu, k)) return negBinTailsByBeta(c, mu, k, true).excess;
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
  if (longSum(mu, k)) return negBinTailsByBeta(c, mu, k, true);
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
