// Seeded random numbers for the Monte Carlo tier (docs/model.md, `--simulate`).
// Generator: xoshiro128** 1.1 (Blackman & Vigna, https://prng.di.unimi.it/) — 32-bit operations only, so it is fast in JS.
// Seeding: SplitMix64 folds (seed, id₁, id₂, …) into the state, giving every (replica, component)
// its own stream, so results do not depend on the order in which streams are used.
// Variates: Poisson by inversion (μ < 30) or PTRS (Hörmann, "The transformed rejection method for
// generating Poisson random variables"); Gamma by Marsaglia–Tsang (ACM TOMS 26(3), 2000);
// negative binomial as a Gamma-mixed Poisson.

import { logFactorial } from '../../math/special.js';

// ---- SplitMix64 on two 32-bit halves ----

/** Low 64 bits of (ah·2³² + al)·(bh·2³² + bl), returned as [hi, lo]. */
function mul64(ah: number, al: number, bh: number, bl: number, out: Uint32Array): void {
  const a0 = al & 0xffff;
  const a1 = al >>> 16;
  const b0 = bl & 0xffff;
  const b1 = bl >>> 16;
  const p00 = a0 * b0;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const p11 = a1 * b1;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  out[1] = ((mid & 0xffff) << 16) | (p00 & 0xffff);
  const carry = (mid >>> 16) + (p01 >>> 16) + (p10 >>> 16) + p11;
  out[0] = carry + Math.imul(ah, bl) + Math.imul(al, bh);
}

/** SplitMix64 (Steele, Lea & Flood; constants from Vigna's reference): 64-bit state as [hi, lo]. */
export class SplitMix64 {
  private readonly st = new Uint32Array(2);
  private readonly tmp = new Uint32Array(2);

  /** Start from the 64-bit value hi·2³² + lo. */
  constructor(hi: number, lo: number) {
    this.st[0] = hi;
    this.st[1] = lo;
  }

  /** Next 64-bit output, written to `out` as [hi, lo]. */
  next(out: Uint32Array): void {
    const st = this.st;
    // state += 0x9e3779b97f4a7c15
    const lo = st[1]! + 0x7f4a7c15;
    st[1] = lo;
    st[0] = st[0]! + 0x9e3779b9 + (lo > 0xffffffff ? 1 : 0);
    let hi = st[0]!;
    let l = st[1]!;
    // z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9
    let xl = (l >>> 30) | (hi << 2);
    let xh = hi >>> 30;
    mul64((hi ^ xh) >>> 0, (l ^ xl) >>> 0, 0xbf58476d, 0x1ce4e5b9, this.tmp);
    hi = this.tmp[0]!;
    l = this.tmp[1]!;
    // z = (z ^ (z >>> 27)) * 0x94d049bb133111eb
    xl = (l >>> 27) | (hi << 5);
    xh = hi >>> 27;
    mul64((hi ^ xh) >>> 0, (l ^ xl) >>> 0, 0x94d049bb, 0x133111eb, this.tmp);
    hi = this.tmp[0]!;
    l = this.tmp[1]!;
    // z ^ (z >>> 31)
    out[1] = l ^ ((l >>> 31) | (hi << 1));
    out[0] = hi ^ (hi >>> 31);
  }
}

function checkSeedPart(v: number, what: string): void {
  if (!Number.isInteger(v) || v < 0 || v > Number.MAX_SAFE_INTEGER) {
    throw new RangeError(`${what} must be an integer in [0, 2^53), got ${v}`);
  }
}

const TWO32 = 4294967296;
const INV_2_53 = 1 / 9007199254740992;
const INV_2_32 = 1 / 4294967296;

/** A xoshiro128** stream; state is four 32-bit words in a Uint32Array. */
export class Rng {
  /** Generator state (never all zero). */
  readonly s = new Uint32Array(4);
  private spare = 0;
  private hasSpare = false;

  /**
   * Stream for (seed, ...ids): SplitMix64 absorbs the seed and then each id in turn, then expands into
   * the 128-bit state. Different id tuples give statistically independent streams.
   */
  constructor(seed: number, ...ids: number[]) {
    checkSeedPart(seed, 'seed');
    const out = new Uint32Array(2);
    let sm = new SplitMix64(Math.floor(seed / TWO32), seed >>> 0);
    sm.next(out);
    for (const id of ids) {
      checkSeedPart(id, 'stream id');
      // Absorb: restart SplitMix from (previous output XOR id) so each id passes a full finaliser.
      sm = new SplitMix64((out[0]! ^ Math.floor(id / TWO32)) >>> 0, (out[1]! ^ (id >>> 0)) >>> 0);
      sm.next(out);
    }
    sm = new SplitMix64(out[0]!, out[1]!);
    sm.next(out);
    this.s[0] = out[0]!;
    this.s[1] = out[1]!;
    sm.next(out);
    this.s[2] = out[0]!;
    this.s[3] = out[1]!;
    if ((this.s[0]! | this.s[1]! | this.s[2]! | this.s[3]!) === 0) this.s[0] = 1;
  }

  /** Next 32-bit unsigned output of xoshiro128**. */
  nextU32(): number {
    const s = this.s;
    const s0 = s[0]!;
    const s1 = s[1]!;
    const s2 = s[2]! ^ s0;
    const s3 = s[3]! ^ s1;
    const r = Math.imul(s1, 5);
    const result = Math.imul((r << 7) | (r >>> 25), 9) >>> 0;
    s[1] = s1 ^ s2;
    s[0] = s0 ^ s3;
    s[2] = s2 ^ (s1 << 9);
    s[3] = (s3 << 11) | (s3 >>> 21);
    return result;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  nextFloat(): number {
    const a = this.nextU32() >>> 5;
    const b = this.nextU32() >>> 6;
    return (a * 67108864 + b) * INV_2_53;
  }

  /** Uniform double in [0, 1) with 32 random bits (one generator step; for inner loops). */
  nextFloat32(): number {
    return this.nextU32() * INV_2_32;
  }

  /** Uniform integer in [0, n), n ≤ 2³² (multiply-shift; bias below 2⁻²⁰ for n < 2¹²). */
  nextInt(n: number): number {
    return Math.floor(this.nextFloat() * n);
  }

  /** Standard normal variate (Marsaglia polar method; the second value is kept for the next call). */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    for (;;) {
      const u = 2 * this.nextFloat() - 1;
      const v = 2 * this.nextFloat() - 1;
      const q = u * u + v * v;
      if (q > 0 && q < 1) {
        const f = Math.sqrt((-2 * Math.log(q)) / q);
        this.spare = v * f;
        this.hasSpare = true;
        return u * f;
      }
    }
  }

  /** Gamma(shape, scale 1) variate: Marsaglia–Tsang; shape < 1 via Gamma(shape+1)·U^(1/shape). */
  gamma(shape: number): number {
    if (!(shape > 0)) throw new RangeError(`gamma shape must be > 0, got ${shape}`);
    if (shape < 1) {
      const g = this.gamma(shape + 1);
      const u = 1 - this.nextFloat(); // (0, 1]
      return g * Math.pow(u, 1 / shape);
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.nextFloat();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) return d * v;
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /** Poisson(μ) variate: inversion below μ = 30, PTRS transformed rejection above (Hörmann). */
  poisson(mu: number): number {
    if (!(mu >= 0) || !Number.isFinite(mu)) throw new RangeError(`Poisson mean must be finite and ≥ 0, got ${mu}`);
    if (mu === 0) return 0;
    if (mu < 30) {
      let p = Math.exp(-mu);
      let u = this.nextFloat();
      let x = 0;
      while (u > p) {
        u -= p;
        x++;
        p *= mu / x;
        if (p === 0) break; // u sat in the last ulp of the CDF
      }
      return x;
    }
    // Hörmann (1993), "The transformed rejection method for generating Poisson random variables".
    const smu = Math.sqrt(mu);
    const b = 0.931 + 2.53 * smu;
    const a = -0.059 + 0.02483 * b;
    const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    const logMu = Math.log(mu);
    for (;;) {
      const u = this.nextFloat() - 0.5;
      const v = this.nextFloat();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + mu + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -mu + k * logMu - logFactorial(k)) {
        return k;
      }
    }
  }

  /** NegBin(mean μ, shape k) variate, variance μ + μ²/k, as Poisson(μ·Gamma(k)/k); k = ∞ is Poisson. */
  negBin(mu: number, k: number): number {
    if (mu === 0) return 0;
    if (!Number.isFinite(k)) return this.poisson(mu);
    return this.poisson((mu * this.gamma(k)) / k);
  }
}
