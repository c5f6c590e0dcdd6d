// Oracles for the throttle figures, written apart from the model's code path: a per-second Monte
// Carlo of record counts and record sizes against the byte tail and throttled share, and a Monte
// Carlo of hash placements against the hot-shard quantiles. Only the seeded generator (rng.ts) is
// shared; the reference values never touch tails.ts, compound.ts, throttle.ts's internals or
// hotshard.ts. Sample sizes go through runs(): `npm test` runs 1/20 of the full depth.

import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/model/risk/rng.js';
import { secondThrottleProbability, type SecondThrottleInput } from '../../src/model/risk/throttle.js';
import type { RecordSizeLaw } from '../../src/model/risk/compound.js';
import { hotShardFactor } from '../../src/model/risk/hotshard.js';
import { runs } from '../helpers/depth.js';

const MiB = 1_048_576;
const RECORDS_CAP = 1000;

/** A record-size law as the test draws it: a sampler, its mean and sd, and the model's description. */
interface Sizes {
  draw: (rng: Rng) => number;
  mean: number;
  sd: number;
  law: RecordSizeLaw;
}

function atoms(bytes: number[], shares: number[], key: number): Sizes {
  const b = bytes.map((x) => x + key);
  const mean = b.reduce((s, x, i) => s + x * shares[i]!, 0);
  const sd = Math.sqrt(b.reduce((s, x, i) => s + shares[i]! * (x - mean) ** 2, 0));
  const cum = shares.map((_, i) => shares.slice(0, i + 1).reduce((s, x) => s + x, 0));
  return {
    draw: (rng) => {
      const u = rng.nextFloat();
      for (let i = 0; i < cum.length; i++) if (u < cum[i]!) return b[i]!;
      return b[b.length - 1]!;
    },
    mean,
    sd,
    law: { kind: 'atoms', bytes: b, shares },
  };
}

/** The lognormal with this mean and 99th percentile (ln(p99/mean) = zσ − σ²/2, smaller root). */
function lognormal(average: number, p99: number, key: number): Sizes {
  const z = 2.3263478740408408;
  const sigma = z - Math.sqrt(z * z - 2 * Math.log(p99 / average));
  const mu = Math.log(average) - (sigma * sigma) / 2;
  return {
    draw: (rng) => Math.exp(mu + sigma * rng.normal()) + key,
    mean: average + key,
    sd: average * Math.sqrt(Math.expm1(sigma * sigma)),
    law: { kind: 'lognormal', meanBytes: average, sigma, extraBytes: key },
  };
}

interface Case {
  name: string;
  sizes: Sizes;
  mu: number;
  k: number;
  /** Fixed sizes: throttled records are whole records beyond ⌊cap ÷ size⌋. */
  fixed?: boolean;
}

const CASES: Case[] = [
  // profiles/fanout.yaml: 2 / 6 / 30 KiB, 32 B keys, medium bursts, at 2,400/s on 14 shards.
  { name: 'fanout mix', sizes: atoms([2048, 6144, 30720], [0.7, 0.25, 0.05], 32), mu: 170, k: 50 },
  // profiles/fastapi-logs.yaml's sizes: the lognormal's long tail.
  { name: 'lognormal (fastapi-logs)', sizes: lognormal(1228.8, 8192, 36), mu: 640, k: 50 },
  // 8 KiB + 32 B keys: 127 whole records fit the byte cap.
  { name: 'fixed 8 KiB', sizes: atoms([8192], [1], 32), mu: 95, k: 50, fixed: true },
  { name: 'negative binomial k = 10', sizes: atoms([2000, 8000], [0.8, 0.2], 24), mu: 200, k: 10 },
  // Small records near both caps: the records limit and the bytes limit overlap.
  { name: 'Poisson, both limits', sizes: lognormal(1000, 2048, 24), mu: 940, k: Infinity },
  // Sizes on the billing boundaries (1 KiB on-demand, 5 KiB Firehose, 25 KiB PUT units).
  { name: 'histogram on billing boundaries', sizes: atoms([1024, 5120, 25600], [0.6, 0.3, 0.1], 16), mu: 165, k: 50 },
];

/** One simulated shard-second: throttled or not, and the records it throttles (the model's definition). */
function simulate(c: Case, seconds: number, seed: number): { p: number; pSe: number; share: number; shareSe: number } {
  const rng = new Rng(seed);
  const m = c.sizes.mean;
  const fit = c.fixed ? Math.min(RECORDS_CAP, Math.floor(MiB / m)) : 0;
  let hits = 0;
  let sum = 0;
  let sumSq = 0;
  for (let s = 0; s < seconds; s++) {
    const x = Number.isFinite(c.k) ? rng.poisson((c.mu * rng.gamma(c.k)) / c.k) : rng.poisson(c.mu);
    let bytes = 0;
    for (let i = 0; i < x; i++) bytes += c.sizes.draw(rng);
    const over = x > RECORDS_CAP || bytes > MiB;
    if (over) hits++;
    // max((X − rc)+, (B − cap)+/m): records beyond what both limits allow (whole records for fixed sizes).
    const t = c.fixed ? Math.max(0, x - fit) : Math.max(0, x - RECORDS_CAP, (bytes - MiB) / m);
    sum += t;
    sumSq += t * t;
  }
  const p = hits / seconds;
  const mean = sum / seconds;
  const varT = sumSq / seconds - mean * mean;
  return { p, pSe: Math.sqrt((p * (1 - p)) / seconds), share: mean / c.mu, shareSe: Math.sqrt(varT / seconds) / c.mu };
}

function model(c: Case) {
  const input: SecondThrottleInput = {
    meanRecordsPerSecond: c.mu,
    recordsCap: RECORDS_CAP,
    bytesPerRecordMean: c.sizes.mean,
    bytesPerRecordSd: c.fixed ? 0 : c.sizes.sd,
    bytesCap: MiB,
    dispersion: c.k,
    recordSizes: c.sizes.law,
  };
  const r = secondThrottleProbability(input);
  return { p: r.probability, share: r.expectedThrottledRecords / c.mu };
}

describe('per-second throttle vs a Monte Carlo of simulated seconds', () => {
  // 2e5 seconds per case at full depth, 1e4 in npm test (P(throttle) is 2-6% in every case).
  const seconds = runs(200_000);
  for (const [i, c] of CASES.entries()) {
    it(`${c.name}: P(throttle) and the throttled share within the Monte Carlo's interval`, () => {
      const mc = simulate(c, seconds, 9000 + i);
      const r = model(c);
      // Enough throttled seconds that the interval means something.
      expect(mc.p * seconds).toBeGreaterThan(100);
      // Never below the simulation (4 standard errors), and above it by at most the lattice's 3%.
      expect(r.p).toBeGreaterThan(mc.p - 4 * mc.pSe);
      expect(r.p).toBeLessThan(mc.p + 4 * mc.pSe + 0.03 * r.p);
      expect(r.share).toBeGreaterThan(mc.share - 4 * mc.shareSe);
      expect(r.share).toBeLessThan(mc.share + 4 * mc.shareSe + 0.03 * r.share);
    }, 600_000); // full depth draws ~10⁸ record sizes per case
  }
});

/** Zipf(s) shares of K keys, written out here rather than taken from placement.ts. */
function zipf(K: number, s: number): Float64Array {
  const p = new Float64Array(K);
  let total = 0;
  for (let k = 0; k < K; k++) total += p[k] = Math.pow(k + 1, -s);
  for (let k = 0; k < K; k++) p[k]! /= total;
  return p;
}

/** H = N · max shard share over `replicas` uniform placements, sorted. */
function placements(K: number, s: number, N: number, replicas: number, seed: number): Float64Array {
  const p = zipf(K, s);
  const w = new Float64Array(N);
  const out = new Float64Array(replicas);
  const rng = new Rng(seed);
  for (let r = 0; r < replicas; r++) {
    w.fill(0);
    for (let k = 0; k < K; k++) w[rng.nextInt(N)]! += p[k]!;
    let max = 0;
    for (let j = 0; j < N; j++) if (w[j]! > max) max = w[j]!;
    out[r] = N * max;
  }
  return out.sort();
}

/** Distribution-free interval for the q-quantile from sorted samples: order statistics at np ± z√(np(1−p)). */
function quantileInterval(sorted: Float64Array, q: number, z = 3.5): [number, number] {
  const n = sorted.length;
  const half = z * Math.sqrt(n * q * (1 - q));
  const lo = Math.max(0, Math.floor(n * q - half));
  const hi = Math.min(n - 1, Math.ceil(n * q + half));
  return [sorted[lo]!, sorted[hi]!];
}

describe('hot-shard quantiles vs a Monte Carlo of hash placements', () => {
  const replicas = runs(8000);
  const cases: [number, number, number][] = [
    [20000, 0.9, 32], // profiles/clickstream.yaml
    [20000, 0.9, 69],
    [500, 1.1, 40],
    [1000, 0.8, 16],
  ];
  for (const [K, s, N] of cases) {
    it(`${K} keys, s = ${s}, ${N} shards: p95 within the interval or above it by ≤ 2%, p50 within it`, () => {
      const h = placements(K, s, N, replicas, 77 + N);
      const m = hotShardFactor({ keys: { kind: 'count', count: K }, skew: s, shards: N });
      const [lo95, hi95] = quantileInterval(h, 0.95);
      expect(m.p95).toBeGreaterThanOrEqual(lo95);
      expect(m.p95).toBeLessThanOrEqual(hi95 * 1.02);
      const [lo50, hi50] = quantileInterval(h, 0.5);
      expect(m.p50).toBeGreaterThanOrEqual(lo50 * 0.98);
      expect(m.p50).toBeLessThanOrEqual(hi50 * 1.02);
    }, 600_000);
  }
});
