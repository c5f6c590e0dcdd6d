// An exact byte tail for the tests, written apart from src/model/risk/compound.ts (nothing of it is
// imported or reused): B = S₁ + … + S_X, X ~ NegBin(μ, k) (Poisson when k = ∞), by FFT of the
// compound probability generating function on a fine grid of δ bytes.
//
// - Sizes onto the grid: an atom is split between its two neighbouring grid points so its mean is
//   kept; the lognormal is integrated exactly over each grid cell (mass and partial mean from the
//   normal CDF, written out below) and each cell split the same way. Sizes on the grid (atoms that
//   are multiples of δ) are exact; otherwise the split adds a variance of at most δ²/4 per record.
// - Wrap-around and round-off: the size law is exponentially tilted, w(j)·e^(t·j)/M(t), with t
//   chosen so that the tilted B has its mean at the cap. The tilted B is then concentrated around
//   the cap, so the FFT's round-off (~1e-16 of the largest term) is relative to terms of the size
//   that matter, and what wraps around the window is the tilted mass beyond it, far away. Untilting:
//   g(j) = g̃(j)·PGF_X(M(t))·e^(−t·j).
// - The count: PGF_X(u) = (1 + (μ/k)(1 − u))^(−k), in complex arithmetic (Poisson: e^(μ(u − 1))).

export type ExactSizes =
  | { kind: 'atoms'; bytes: readonly number[]; shares: readonly number[] }
  /** Lognormal data bytes of mean `meanBytes` and shape `sigma`, cut (conditioned) at `maxDataBytes`, plus `extraBytes`. */
  | { kind: 'lognormal'; meanBytes: number; sigma: number; extraBytes: number; maxDataBytes: number };

export interface ExactTail {
  /** P(B ≥ cap) (atoms: B landing on the cap counts as over; continuous laws: P(B > cap)). */
  over: number;
  /** E[(B − cap)+], bytes. */
  excessBytes: number;
  /** Tilted mass in the last eighth of the window: what could wrap around (should be ~0). */
  wrapMass: number;
}

// ---- The standard normal, from its series and continued fraction (no shared code). ----

const INV_SQRT_2PI = 0.3989422804014327;

/** Q(x) = P(Z > x) for x ≥ 0, relative accuracy ~1e-15. */
export function upperTail(x: number): number {
  const pdf = INV_SQRT_2PI * Math.exp(-0.5 * x * x);
  if (x < 3) {
    // Φ(x) − ½ = φ(x)·Σ x^(2n+1)/(2n+1)!!, all terms positive.
    let term = x;
    let sum = x;
    for (let n = 1; n < 500 && term > 1e-17 * sum; n++) {
      term *= (x * x) / (2 * n + 1);
      sum += term;
    }
    return 0.5 - pdf * sum;
  }
  // Mills ratio by its continued fraction x + 1/(x + 2/(x + 3/(x + …))), evaluated backwards from a
  // depth that converges to full precision at x ≥ 3 (more terms are needed the closer x is to 0).
  let t = x;
  for (let i = Math.ceil(30 + 1500 / (x * x)); i >= 1; i--) t = x + i / t;
  return pdf / t;
}

/** Φ(z) and Q(z) = 1 − Φ(z), each computed on its own side. */
function tails(z: number): { lo: number; up: number } {
  if (z === -Infinity) return { lo: 0, up: 1 };
  if (z === Infinity) return { lo: 1, up: 0 };
  if (z >= 0) {
    const up = upperTail(z);
    return { lo: 1 - up, up };
  }
  const lo = upperTail(-z);
  return { lo, up: 1 - lo };
}

/** P(a < Z ≤ b) from the tails at a and b, on the side that keeps precision. */
function between(a: number, ta: { lo: number; up: number }, b: number, tb: { lo: number; up: number }): number {
  if (!(b > a)) return 0;
  if (a >= 0) return ta.up - tb.up;
  if (b <= 0) return tb.lo - ta.lo;
  return 1 - ta.lo - tb.up;
}

// ---- Sizes on the grid. ----

function addSplit(w: Float64Array, bytes: number, p: number, step: number): void {
  const u = bytes / step;
  const j = Math.floor(u);
  const f = u - j;
  w[j]! += p * (1 - f);
  if (f > 0) w[j + 1]! += p * f;
}

/** Probabilities of the record size on the grid of `step` bytes (index j = j·step bytes). */
export function sizesOnGrid(sizes: ExactSizes, step: number): Float64Array {
  if (sizes.kind === 'atoms') {
    const top = Math.max(...sizes.bytes);
    const w = new Float64Array(Math.ceil(top / step) + 2);
    const total = sizes.shares.reduce((s, x) => s + x, 0);
    sizes.bytes.forEach((b, i) => addSplit(w, b, sizes.shares[i]! / total, step));
    return w;
  }
  const { meanBytes, sigma, extraBytes: e, maxDataBytes: dMax } = sizes;
  const m = Math.log(meanBytes) - (sigma * sigma) / 2;
  const z = (d: number) => (d <= 0 ? -Infinity : (Math.log(d) - m) / sigma);
  const w = new Float64Array(Math.ceil((dMax + e) / step) + 2);
  let total = 0;
  // Cells of the total size S = D + e: [j·step, (j + 1)·step) ↔ D in [j·step − e, (j + 1)·step − e).
  // The tails at each edge are computed once, for the mass (z) and the partial mean (z − σ).
  let lo = 0;
  let za = -Infinity;
  let ta = tails(za);
  let sa = tails(za);
  for (let j = Math.floor(e / step); lo < dMax; j++) {
    const hi = Math.min(dMax, (j + 1) * step - e);
    if (!(hi > lo)) continue;
    const zb = z(hi);
    const tb = tails(zb);
    const sb = tails(zb - sigma);
    const p = between(za, ta, zb, tb);
    if (p > 0) {
      // E[D; lo < D ≤ hi] = mean·P(za − σ < Z ≤ zb − σ): the lognormal's partial mean.
      const within = Math.min(hi, Math.max(lo, (meanBytes * between(za - sigma, sa, zb - sigma, sb)) / p));
      addSplit(w, within + e, p, step);
      total += p;
    }
    lo = hi;
    za = zb;
    ta = tb;
    sa = sb;
  }
  for (let j = 0; j < w.length; j++) w[j]! /= total;
  return w;
}

// ---- Complex radix-2 FFT, in place. ----

function fft(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      let t = re[i]!;
      re[i] = re[j]!;
      re[j] = t;
      t = im[i]!;
      im[i] = im[j]!;
      im[j] = t;
    }
  }
  // Twiddles from cos/sin directly (no recurrence), so their error stays at one rounding.
  const cos = new Float64Array(n / 2);
  const sin = new Float64Array(n / 2);
  const sign = inverse ? 1 : -1;
  for (let i = 0; i < n / 2; i++) {
    cos[i] = Math.cos((2 * Math.PI * i) / n);
    sin[i] = sign * Math.sin((2 * Math.PI * i) / n);
  }
  for (let len = 2; len <= n; len <<= 1) {
    const half = len >> 1;
    const stride = n / len;
    for (let i = 0; i < n; i += len) {
      for (let j = 0; j < half; j++) {
        const wr = cos[j * stride]!;
        const wi = sin[j * stride]!;
        const a = i + j;
        const b = a + half;
        const xr = re[b]! * wr - im[b]! * wi;
        const xi = re[b]! * wi + im[b]! * wr;
        re[b] = re[a]! - xr;
        im[b] = im[a]! - xi;
        re[a]! += xr;
        im[a]! += xi;
      }
    }
  }
  if (inverse) {
    for (let i = 0; i < n; i++) {
      re[i]! /= n;
      im[i]! /= n;
    }
  }
}

// ---- The compound law. ----

/** ln PGF_X(u) for real u (the tilt's normaliser). */
function logPgf(u: number, mu: number, k: number): number {
  return Number.isFinite(k) ? -k * Math.log1p((mu / k) * (1 - u)) : mu * (u - 1);
}

/**
 * The exact byte tail at grid step `step` bytes (a divisor of the cap), over a window of
 * `windowCaps` caps.
 */
export function exactByteTail(sizes: ExactSizes, mu: number, k: number, capBytes: number, step: number, windowCaps = 4): ExactTail {
  const w = sizesOnGrid(sizes, step);
  // Double the window until what could wrap around is negligible.
  for (let caps = windowCaps; ; caps *= 2) {
    const r = tiltedTail(w, sizes, mu, k, capBytes, step, caps);
    if (r.wrapMass < 1e-12 || caps >= 64) return r;
  }
}

function tiltedTail(w: Float64Array, sizes: ExactSizes, mu: number, k: number, capBytes: number, step: number, windowCaps: number): ExactTail {
  const c = Math.round(capBytes / step);
  if (Math.abs(c * step - capBytes) > 1e-9) throw new Error('the grid step must divide the cap');
  const poisson = !Number.isFinite(k);
  const q = poisson ? 0 : mu / k;
  const top = w.length - 1;
  // M(t) and M'(t)/M(t) of the size law, t per grid step.
  const mgf = (t: number) => {
    let m0 = 0;
    let m1 = 0;
    for (let j = 0; j <= top; j++) {
      if (w[j] === 0) continue;
      const v = w[j]! * Math.exp(t * j);
      m0 += v;
      m1 += j * v;
    }
    return { m0, m1 };
  };
  // Mean of the tilted B: E_t[X]·E_t[S] = PGF'(M)·M'/PGF(M), in grid steps.
  const tiltedMean = (t: number) => {
    const { m0, m1 } = mgf(t);
    if (poisson) return mu * m1;
    const d = 1 - q * (m0 - 1);
    return d <= 0 ? Infinity : (k * q * m1) / d;
  };
  let t = 0;
  if (tiltedMean(0) < c) {
    let lo = 0;
    let hi = 600 / top; // keeps e^(t·j) finite
    if (tiltedMean(hi) < c) lo = hi;
    else {
      for (let it = 0; it < 44; it++) {
        const mid = (lo + hi) / 2;
        if (tiltedMean(mid) < c) lo = mid;
        else hi = mid;
      }
    }
    t = lo;
  }
  const m0 = mgf(t).m0;
  let n = 1;
  while (n < windowCaps * c || n <= 2 * top) n <<= 1;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let j = 0; j <= top; j++) re[j] = (w[j]! * Math.exp(t * j)) / m0;
  fft(re, im, false);
  // PGF_X(M·φ̃)/PGF_X(M) at each frequency.
  for (let i = 0; i < n; i++) {
    const pr = re[i]!;
    const pi = im[i]!;
    let lr: number;
    let li: number;
    if (poisson) {
      lr = mu * m0 * (pr - 1);
      li = mu * m0 * pi;
    } else {
      // c(ω) = (1 + q − q·M·φ̃)/(1 + q − q·M); Re c > 0 where the tilt is defined, so the principal log.
      const den = 1 + q - q * m0;
      const cr = (1 + q - q * m0 * pr) / den;
      const ci = (-q * m0 * pi) / den;
      lr = -k * 0.5 * Math.log(cr * cr + ci * ci);
      li = -k * Math.atan2(ci, cr);
    }
    const mag = Math.exp(lr);
    re[i] = mag * Math.cos(li);
    im[i] = mag * Math.sin(li);
  }
  fft(re, im, true);
  const logNorm = logPgf(m0, mu, k);
  const onGrid = sizes.kind === 'atoms' && sizes.bytes.every((b) => Number.isInteger(b / step));
  let over = 0;
  let excess = 0;
  for (let j = c; j < n; j++) {
    const g = re[j]! * Math.exp(logNorm - t * j);
    // A continuous B lands on the cap with probability 0: the grid point at the cap stands for the
    // cell around it, half of it below.
    over += j === c && !onGrid ? g / 2 : g;
    excess += (j - c) * step * g;
  }
  let wrapMass = 0;
  for (let j = n - (n >> 3); j < n; j++) wrapMass += Math.abs(re[j]!);
  return { over, excessBytes: excess, wrapMass };
}
