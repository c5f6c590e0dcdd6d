// `--simulate` draws each second's bytes from the record-size law (src/model/risk/sizedraw.ts). The
// oracles here are written apart from the simulator: an exact convolution of a small atom law, and a
// record-by-record Monte Carlo of the cut lognormal with the test's own generator.

import { describe, expect, it } from 'vitest';
import { DEEP } from '../helpers/depth.js';
import { simulateDay, type SimulateDayInput } from '../../src/model/risk/simulate.js';
import type { RecordSizeLaw } from '../../src/model/risk/compound.js';
import { binomial, byteDraw, byteSampler, drawSecondBytes } from '../../src/model/risk/sizedraw.js';
import { Rng } from '../../src/model/risk/rng.js';
import { normalCdf, normalSf } from '../../src/math/special.js';

const KiB = 1024;
const MiB = 1024 * KiB;
const noRetry = { enabled: false, backoff: 'none', ttlSeconds: 30 } as const;

/** Count pmf: Poisson (k = ∞) or negative binomial with mean μ, shape k, for x = 0 … n. */
function countPmf(mu: number, k: number, n: number): Float64Array {
  const p = new Float64Array(n + 1);
  if (!Number.isFinite(k)) {
    p[0] = Math.exp(-mu);
    for (let x = 1; x <= n; x++) p[x] = (p[x - 1]! * mu) / x;
  } else {
    p[0] = Math.pow(k / (k + mu), k);
    for (let x = 1; x <= n; x++) p[x] = (p[x - 1]! * (x - 1 + k) * mu) / (x * (k + mu));
  }
  return p;
}

/**
 * Exact P(X > recordsCap or S₁ + … + S_X > 1 MiB) for sizes that are whole KiB: the distribution of
 * the sum of x sizes, kept up to the cap, is convolved once more per record.
 */
function exactThrottle(sizesKiB: number[], shares: number[], mu: number, k: number, recordsCap: number): number {
  const cap = MiB / KiB;
  const xMax = Math.min(recordsCap, cap); // every size is ≥ 1 KiB: more records always pass the cap
  const pmf = countPmf(mu, k, xMax);
  let within = 0; // P(X ≤ recordsCap and S ≤ cap)
  let f = new Float64Array(cap + 1);
  f[0] = 1;
  for (let x = 0; x <= xMax; x++) {
    let mass = 0;
    for (let s = 0; s <= cap; s++) mass += f[s]!;
    within += pmf[x]! * mass;
    const g = new Float64Array(cap + 1);
    for (let s = 0; s <= cap; s++) {
      if (f[s] === 0) continue;
      for (let i = 0; i < sizesKiB.length; i++) {
        const t = s + sizesKiB[i]!;
        if (t <= cap) g[t] = g[t]! + f[s]! * shares[i]!;
      }
    }
    f = g;
  }
  return 1 - within;
}

/** |estimate − truth| within z standard errors (the error taken from the 95% interval). */
function within(est: { mean: number; ci95: [number, number] }, truth: number, z = 3.5): void {
  const se = (est.ci95[1] - est.ci95[0]) / 2 / 1.959963984540054;
  expect(Math.abs(est.mean - truth)).toBeLessThanOrEqual(z * se);
}

const flat = (mu: number, law: RecordSizeLaw, dispersion: number, m: number, sd: number): SimulateDayInput => ({
  shardPeakMeans: new Array(8).fill(mu),
  bytesPerRecordMean: m,
  bytesPerRecordSd: sd,
  recordSizes: law,
  dispersion,
  seed: 7,
  replicas: 8,
  horizonSeconds: 3600,
  skipBelow: 0,
  retry: noRetry,
});

function momentsOf(bytes: number[], shares: number[]): { m: number; sd: number } {
  const m = bytes.reduce((a, b, i) => a + b * shares[i]!, 0);
  const v = bytes.reduce((a, b, i) => a + shares[i]! * (b - m) ** 2, 0);
  return { m, sd: Math.sqrt(v) };
}

describe('--simulate draws bytes from the record-size law', () => {
  // A skewed mix: most records 1 KiB, a few of 256 KiB. Bytes pass the cap mostly when four or more
  // large records share a second, which a Normal given the count cannot see.
  const sizesKiB = [1, 16, 256];
  const shares = [0.9, 0.08, 0.02];
  const law: RecordSizeLaw = { kind: 'atoms', bytes: sizesKiB.map((s) => s * KiB), shares };
  const { m, sd } = momentsOf(law.bytes as number[], shares);

  for (const [name, k, mu] of [
    ['Poisson', Infinity, 60],
    ['negative binomial k = 10', 10, 50],
  ] as const) {
    it(`atoms, ${name}: the throttled share of seconds matches the exact convolution`, () => {
      const exact = exactThrottle(sizesKiB, shares, mu, k, 1000);
      expect(exact).toBeGreaterThan(5e-3);
      const sim = simulateDay(flat(mu, law, k, m, sd));
      within(sim.throttledShardSecondFraction, exact);
      // The Normal given the count (no law) misses it by far more than the Monte Carlo error.
      const normal = simulateDay({ ...flat(mu, law, k, m, sd), recordSizes: undefined });
      const se = (normal.throttledShardSecondFraction.ci95[1] - normal.throttledShardSecondFraction.ci95[0]) / 2 / 1.96;
      expect(Math.abs(normal.throttledShardSecondFraction.mean - exact)).toBeGreaterThan(6 * se);
    });
  }

  it('a fixed size stays exact: the same output as without a law', () => {
    const fixed: RecordSizeLaw = { kind: 'atoms', bytes: [8 * KiB + 32], shares: [1] };
    const input = flat(125, fixed, Infinity, 8 * KiB + 32, 0);
    const a = simulateDay(input);
    const b = simulateDay({ ...input, recordSizes: undefined });
    expect(a).toEqual(b);
    // 127 records of 8,224 B fit in 1 MiB: P(X > 127) for Poisson(125), exactly.
    const pmf = countPmf(125, Infinity, 127);
    within(a.throttledShardSecondFraction, 1 - pmf.reduce((s, p) => s + p, 0));
  });

  it('same seed, same output; another seed, another output', () => {
    const input = { ...flat(60, law, 10, m, sd), horizonSeconds: 600, retry: { enabled: true, backoff: 'exponential', ttlSeconds: 30 } as const, bucketDepthSeconds: 2 };
    const a = simulateDay(input);
    expect(JSON.stringify(simulateDay(input))).toBe(JSON.stringify(a));
    expect(simulateDay({ ...input, seed: 8 }).throttledShardSecondFraction.mean).not.toBe(a.throttledShardSecondFraction.mean);
  });

  // The lognormal fitted to {average, p99} (σ from p99/average = e^{2.326σ − σ²/2}), cut at 1 MiB,
  // against a record-by-record draw with the test's own generator (mulberry32, Box–Muller).
  // The seconds' record counts cover both ways of drawing the other records: one by one (≤ 48) and
  // by class counts (more).
  for (const [name, meanBytes, sigma, mu, seconds] of [
    ['body-driven (24 KiB average, σ = 1.06)', 24 * KiB, 1.06, 22, 120_000],
    ['tail-driven (4 KiB average, σ = 2)', 4 * KiB, 2, 80, 120_000],
    ['many small records (1.2 KiB average, σ = 1.06, 760/s)', 1.2 * KiB, 1.06, 760, 30_000],
  ] as const) {
    it(`lognormal, ${name}: matches a record-by-record Monte Carlo`, () => {
      const key = 36;
      const lawLn: RecordSizeLaw = { kind: 'lognormal', meanBytes, sigma, extraBytes: key };
      const lnMu = Math.log(meanBytes) - (sigma * sigma) / 2;
      let st = 0x2545f491;
      const uniform = (): number => {
        st = (st + 0x6d2b79f5) | 0;
        let t = Math.imul(st ^ (st >>> 15), 1 | st);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
      const gauss = (): number => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
      // Poisson(μ) as the sum of ⌈μ/50⌉ Poisson(μ/⌈μ/50⌉) drawn by inversion from 0.
      const parts = Math.ceil(mu / 50);
      const part = mu / parts;
      const poisson = (): number => {
        let total = 0;
        for (let j = 0; j < parts; j++) {
          let x = 0;
          let p = Math.exp(-part);
          let c = p;
          const u = uniform();
          while (u > c && p > 0) {
            x++;
            p *= part / x;
            c += p;
          }
          total += x;
        }
        return total;
      };
      const size = (): number => {
        for (;;) {
          const s = Math.exp(lnMu + sigma * gauss());
          if (s <= MiB) return s + key;
        }
      };
      // npm test draws a quarter of the seconds (the bound below widens with them); test:deep all.
      const n = DEEP ? seconds : seconds / 4;
      let over = 0;
      for (let t = 0; t < n; t++) {
        const x = poisson();
        if (x > 1000) {
          over++;
          continue;
        }
        let b = 0;
        for (let i = 0; i < x; i++) b += size();
        if (b > MiB) over++;
      }
      const p = over / n;
      const seOracle = Math.sqrt((p * (1 - p)) / n);
      const sim = simulateDay({ ...flat(mu, lawLn, Infinity, meanBytes + key, meanBytes * Math.sqrt(Math.expm1(sigma * sigma))), horizonSeconds: 1800 });
      const est = sim.throttledShardSecondFraction;
      const seSim = (est.ci95[1] - est.ci95[0]) / 2 / 1.96;
      expect(p).toBeGreaterThan(1e-3);
      expect(Math.abs(est.mean - p)).toBeLessThanOrEqual(4 * Math.hypot(seOracle, seSim));
    });
  }

  it('lognormal sizes, one record at a time: the cut law at its quantiles and in the far tail', () => {
    // Room 0 forces an exact draw every time; x = 1 makes the second one record.
    const meanBytes = 1.2 * KiB;
    const sigma = 1.06;
    const lnMu = Math.log(meanBytes) - (sigma * sigma) / 2;
    const d = byteDraw(byteSampler({ kind: 'lognormal', meanBytes, sigma, extraBytes: 0 }));
    const rng = new Rng(11);
    const n = 1_000_000;
    const zCut = (Math.log(MiB) - lnMu) / sigma;
    const kept = normalCdf(zCut);
    // Upper-tail probabilities of the cut law, from the 50th percentile to 2e-5 (past the 1e-4 of
    // records the sampler draws apart).
    const tails = [0.5, 0.1, 0.01, 1e-3, 1e-4, 2e-5];
    const sizeAt = tails.map((q) => {
      // Solve P(S > s) = q for the cut law: (Q(z) − Q(zCut)) / Φ(zCut) = q.
      let lo = -10;
      let hi = zCut;
      for (let i = 0; i < 200; i++) {
        const mid = (lo + hi) / 2;
        if ((normalSf(mid) - normalSf(zCut)) / kept > q) lo = mid;
        else hi = mid;
      }
      return Math.exp(lnMu + sigma * lo);
    });
    const above = new Array<number>(tails.length).fill(0);
    let max = 0;
    for (let i = 0; i < n; i++) {
      const b = drawSecondBytes(d, rng, 1, 0);
      if (b > max) max = b;
      for (let j = 0; j < tails.length; j++) if (b > sizeAt[j]!) above[j]!++;
    }
    expect(max).toBeLessThanOrEqual(MiB);
    tails.forEach((q, j) => {
      const sd = Math.sqrt(n * q * (1 - q));
      expect(Math.abs(above[j]! - n * q)).toBeLessThanOrEqual(4 * sd + 1);
    });
  });

  it('big records land in a second with chance 1 − (1 − q)^x, wherever the stream of records breaks into seconds', () => {
    // A record above the 1 − 1e-4 quantile (z = 3.719) makes the second's bytes jump past that size.
    const sigma = 1;
    const d = byteDraw(byteSampler({ kind: 'lognormal', meanBytes: 100, sigma, extraBytes: 0 }));
    const zBig = 3.719;
    const big = Math.exp(Math.log(100) - 0.5 + sigma * zBig);
    // The other records' mean: E[S | z < zBig] = 100·Φ(zBig − σ)/Φ(zBig).
    const bodyMean = (100 * normalCdf(zBig - sigma)) / normalCdf(zBig);
    const rng = new Rng(3);
    const seconds = 100_000;
    let withBig = 0;
    for (let t = 0; t < seconds; t++) {
      // With room for anything the other records count at their mean, so a second with a big
      // record (≥ 2,500 B) is the one whose bytes pass 1,000 × that mean by more than 2,000 B.
      const b = drawSecondBytes(d, rng, 1000, 1e12);
      if (b > 1000 * bodyMean + 2000) withBig++;
    }
    expect(big).toBeGreaterThan(2400);
    const p = 1 - Math.pow(1 - 1e-4, 1000);
    expect(Math.abs(withBig - seconds * p)).toBeLessThanOrEqual(4 * Math.sqrt(seconds * p * (1 - p)));
  });

  it('the binomial of the class counts: its CDF against the exact one, from small means to past ½', () => {
    const rng = new Rng(5);
    for (const [n, p] of [
      [700, 0.1],
      [60, 0.03],
      [1000, 0.45],
      [40, 0.8],
    ] as const) {
      // Exact CDF from the pmf recurrence, in the test.
      const pmf = new Float64Array(n + 1);
      pmf[0] = Math.pow(1 - p, n);
      for (let k = 1; k <= n; k++) pmf[k] = (pmf[k - 1]! * (n - k + 1) * p) / (k * (1 - p));
      const draws = 100_000;
      const counts = new Float64Array(n + 1);
      for (let i = 0; i < draws; i++) counts[binomial(rng, n, p)]!++;
      let cdf = 0;
      let emp = 0;
      for (let k = 0; k <= n; k++) {
        cdf += pmf[k]!;
        emp += counts[k]! / draws;
        const c = Math.min(1, cdf);
        expect(Math.abs(emp - cdf)).toBeLessThanOrEqual(4.5 * Math.sqrt((c * (1 - c)) / draws) + 1e-9);
      }
    }
  });
});
