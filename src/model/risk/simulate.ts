// Tier 2: seeded per-second Monte Carlo of one day on the hottest shards (docs/model.md, `--simulate`).
//
// Per simulated shard and second (Δt = 1 s):
//   - rate: the shard's peak-hour mean × the hour's multiplier (the 24-value curve scaled so its
//     largest value is 1), PIECEWISE CONSTANT within each hour, which matches Tier 1's hourly means;
//   - arrivals X ~ NegBin(μ, k) (Poisson if k = ∞); bytes | X the sum of X sizes drawn from the
//     record-size law when one is given (sizedraw.ts: exact wherever a byte throttle has a chance of
//     1e-17 or more), else Normal(X·m, X·σ²); steady: X = μ and bytes = μ·m exactly;
//   - dual token bucket (records, bytes) of depth `bucketDepthSeconds` × rate, refilled once per second
//     ("strict" depth 1 s by default: AWS docs and the KPL's limiter:
//     https://docs.aws.amazon.com/streams/latest/dev/kinesis-producer-adv-retries-rate-limiting.html);
//   - accepted = min(demand, record tokens, demand × byte tokens / demand bytes) — when bytes bind,
//     records are accepted in proportion; new records and due retries are throttled alike;
//   - throttled records are retried by the producer after 1 s (or exponential back-off) and dropped
//     once their age would pass the TTL (KPL RecordTtl 30 s: https://github.com/awslabs/amazon-kinesis-producer/blob/master/java/amazon-kinesis-producer-sample/default_config.properties).
// Arrivals are drawn by inversion of a tabulated NegBin CDF with one uniform per shard-second: exact in
// distribution, cheap, and monotone in μ under common random numbers (same seed ⇒ a busier candidate
// never sees fewer arrivals), which keeps "risk vs shard count" monotone for the sizing search.
// Each (replica, shard, hour, component) owns an RNG stream, so results do not depend on loop order and
// an hour can be skipped without shifting later draws. Hours whose Tier 1 probability is below
// `skipBelow` on a shard with no pending retries are not simulated: their Tier 1 expectation is added.
// Only the `maxSimulatedShards` busiest shards are simulated; the rest contribute Tier 1 expectations.

import { Rng } from './rng.js';
import { negBinLogPmf, negBinMode } from './tails.js';
import { normalQuantile } from '../../math/special.js';
import { secondThrottleProbability, type SecondThrottleResult } from './throttle.js';
import type { RecordSizeLaw } from './compound.js';
import { byteDraw, byteSampler, drawSecondBytes, restartByteDraw, type ByteDraw } from './sizedraw.js';

/** Producer retry policy for throttled records. */
export interface RetryPolicy {
  /** false = throttled records are dropped at once (Tier 1's setting). */
  enabled: boolean;
  /** `none`: retry every second; `exponential`: waits 1, 2, 4 … s (capped at maxDelaySeconds). */
  backoff: 'none' | 'exponential';
  /** Largest back-off step in seconds (exponential only). Default 16. */
  maxDelaySeconds?: number;
  /** A record is dropped once its age would pass this (KPL RecordTtl 30 s). */
  ttlSeconds: number;
}

/** Input of {@link simulateDay}. */
export interface SimulateDayInput {
  /** Called after each replica with (replicas done, replicas in all): the CLI's progress line. */
  onReplica?: (done: number, total: number) => void;
  /** Mean records/s of every shard in the busiest hour of the curve. */
  shardPeakMeans: ArrayLike<number>;
  /** 24 hourly multipliers (UTC hours), any scale (normalised to a maximum of 1); null = flat. */
  dailyCurve?: readonly number[] | null;
  /**
   * The day as rate segments instead of dailyCurve: consecutive stretches of `seconds` in UTC hour
   * `hour` at `scale` × shardPeakMeans (docs/model.md, "the day": each hour's average, with the
   * peak window at the peak inside the busiest hour). Covers the horizon; overrides dailyCurve.
   */
  segments?: readonly DaySegment[];
  /** Mean bytes per record, partition key included. */
  bytesPerRecordMean: number;
  /** Standard deviation of bytes per record. */
  bytesPerRecordSd: number;
  /**
   * The record-size law, partition key included (the closed form's, compound.ts). Given, each
   * second's bytes are drawn from it and Tier 1 uses its exact byte tail; absent, bytes given the
   * count are Normal(x·m, x·σ²).
   */
  recordSizes?: RecordSizeLaw;
  /** NegBin shape k; Infinity = Poisson. */
  dispersion: number;
  /** Perfectly steady arrivals (exactly μ records each second). */
  steady?: boolean;
  /** Per-shard record rate limit, default 1,000/s (https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html). */
  recordsPerSecondLimit?: number;
  /** Per-shard byte rate limit, default 1 MiB/s (same page). */
  bytesPerSecondLimit?: number;
  /** Token-bucket depth in seconds of refill, default 1 ("strict"). */
  bucketDepthSeconds?: number;
  /** Default: retries on, no back-off, TTL 30 s. */
  retry?: RetryPolicy;
  seed: number;
  /** Default 32. */
  replicas?: number;
  /** Shards simulated per replica (the busiest); default 32. */
  maxSimulatedShards?: number;
  /** Default 86,400 (one day). */
  horizonSeconds?: number;
  /** Skip shard-hours whose Tier 1 per-second probability is below this; default 1e-10, 0 = never skip. */
  skipBelow?: number;
  /** `table` (default): CDF inversion; `rng`: Rng.negBin draws (same distribution, slower, no CRN monotonicity). */
  sampler?: 'table' | 'rng';
}

/** A stretch of the day at one rate. */
export interface DaySegment {
  hour: number;
  seconds: number;
  /** Rate ÷ the peak rate. */
  scale: number;
}

/** A Monte Carlo estimate over replicas. */
export interface Estimate {
  mean: number;
  /** 95% confidence interval: normal approximation over replicas (Wilson for proportions of replicas). */
  ci95: [number, number];
}

/** Output of {@link simulateDay}. */
export interface SimulateDayResult {
  seed: number;
  replicas: number;
  shards: number;
  shardsSimulated: number;
  horizonSeconds: number;
  /** How the rate varies within an hour. */
  rateShape: 'hourly-piecewise-constant' | 'segments';
  /** Throttled shard-seconds ÷ all shard-seconds (all shards). */
  throttledShardSecondFraction: Estimate;
  /** The busiest hour (0–23) of the curve. */
  peakHour: number;
  /** Same, over the busiest hour only; null if the horizon does not reach it. */
  peakHourThrottledShardSecondFraction: Estimate | null;
  /** Throttled put attempts ÷ all put attempts (retries included). */
  throttledRecordFraction: Estimate;
  /** Retries per new record. */
  retriesPerRecord: Estimate;
  /** Records dropped (TTL passed, or retries off) over the horizon. */
  droppedRecords: Estimate;
  /** Dropped records ÷ new records. */
  droppedRecordFraction: Estimate;
  /** P(at least one throttled shard-second over the horizon). */
  pAnyThrottle: Estimate;
  /** Shard-hours per replica taken from Tier 1 instead of being simulated. */
  skippedShardHoursPerReplica: number;
}

/** Tabulated NegBin CDF with a guide table for O(1) inversion. */
interface CdfTable {
  lo: number;
  cdf: Float64Array;
  guide: Int32Array;
}

/** Mass left out of each end of a table (below the 2⁻⁵³ resolution of the uniforms). */
const TABLE_TAIL = 1e-18;

function buildTable(mu: number, k: number): CdfTable {
  if (mu === 0) return { lo: 0, cdf: Float64Array.of(1), guide: Int32Array.of(0) };
  const mode = negBinMode(mu, k);
  const logMode = negBinLogPmf(mode, mu, k);
  const pois = !Number.isFinite(k);
  const p = pois ? 0 : mu / (k + mu);
  // Relative pmf from the mode outward until it falls below TABLE_TAIL × (mode pmf) × small factor.
  const down: number[] = [];
  let v = 1;
  for (let x = mode; x > 0; x--) {
    v *= pois ? x / mu : x / ((x - 1 + k) * p);
    if (v * Math.exp(logMode) < TABLE_TAIL * 1e-3) break;
    down.push(v);
  }
  const up: number[] = [];
  v = 1;
  for (let x = mode; ; x++) {
    v *= pois ? mu / (x + 1) : ((x + k) * p) / (x + 1);
    if (v * Math.exp(logMode) < TABLE_TAIL * 1e-3 || v === 0) break;
    up.push(v);
  }
  const lo = mode - down.length;
  const n = down.length + 1 + up.length;
  const pmf = new Float64Array(n);
  for (let i = 0; i < down.length; i++) pmf[down.length - 1 - i] = down[i]!;
  pmf[down.length] = 1;
  for (let i = 0; i < up.length; i++) pmf[down.length + 1 + i] = up[i]!;
  let total = 0;
  for (let i = 0; i < n; i++) total += pmf[i]!;
  const cdf = new Float64Array(n);
  let c = 0;
  for (let i = 0; i < n; i++) {
    c += pmf[i]! / total;
    cdf[i] = c;
  }
  cdf[n - 1] = 1; // rounding leftovers go to the last value, so inversion always ends
  const G = n;
  const guide = new Int32Array(G);
  let i = 0;
  for (let g = 0; g < G; g++) {
    const target = g / G;
    while (cdf[i]! <= target) i++;
    guide[g] = i;
  }
  return { lo, cdf, guide };
}

/** Mean and 95% CI of per-replica values. */
function estimate(values: Float64Array): Estimate {
  const R = values.length;
  let s = 0;
  for (let i = 0; i < R; i++) s += values[i]!;
  const mean = s / R;
  if (R < 2) return { mean, ci95: [mean, mean] };
  let ss = 0;
  for (let i = 0; i < R; i++) ss += (values[i]! - mean) ** 2;
  const half = 1.959963984540054 * Math.sqrt(ss / (R - 1) / R);
  return { mean, ci95: [mean - half, mean + half] };
}

/** Wilson score interval for a proportion of replicas. */
function wilson(successes: number, R: number): Estimate {
  const z = 1.959963984540054;
  const p = successes / R;
  const den = 1 + (z * z) / R;
  const centre = (p + (z * z) / (2 * R)) / den;
  const half = (z * Math.sqrt((p * (1 - p)) / R + (z * z) / (4 * R * R))) / den;
  return { mean: p, ci95: [Math.max(0, centre - half), Math.min(1, centre + half)] };
}

/** Settings and shared buffers of the per-second loop. */
interface HourConfig {
  recRate: number;
  byteRate: number;
  recCap: number;
  byteCap: number;
  m: number;
  sigma: number;
  k: number;
  steady: boolean;
  /** Bytes are drawn only when within zEdge sd of the byte tokens (else the mean is exact enough). */
  zEdge: number;
  /** Draws from the record-size law (null: Normal bytes, or a fixed size). */
  draw: ByteDraw | null;
  mask: number;
  stride: number;
  /** Retries allowed per record. */
  A: number;
  /** delays[a] = wait before retry a. */
  delays: Int32Array;
  /** Retry queue: q[slot·stride + a] = records due at `slot` for retry a. */
  q: Float64Array;
  slotTot: Float64Array;
}

// Shard state and per-replica accumulators live in small Float64Arrays so the hot loop is a plain
// function with no captured variables (V8 optimises it fully).
const ST_REC_TOK = 0;
const ST_BYTE_TOK = 1;
const ST_PENDING = 2;
const ST_SIZE = 3;
const ACC_THR_SEC = 0;
const ACC_THR_SEC_PEAK = 1;
const ACC_ATTEMPTS = 2;
const ACC_THR_ATTEMPTS = 3;
const ACC_NEW = 4;
const ACC_RETRIES = 5;
const ACC_DROPPED = 6;
const ACC_SIM_THR_SEC = 7;
const ACC_SIZE = 8;

/**
 * Simulate `secs` seconds of one shard at mean μ from absolute second t0; no allocation. Longer
 * than 80 lines because the per-second loop keeps the buckets and counters in locals: splitting it
 * would add a call per shard-second.
 */
function simulateHour(
  c: HourConfig,
  st: Float64Array,
  acc: Float64Array,
  t0: number,
  secs: number,
  mu: number,
  table: CdfTable | null,
  rngA: Rng,
  rngB: Rng,
  isPeak: boolean,
): void {
  const { recRate, byteRate, recCap, byteCap, m, sigma, k, steady, zEdge, draw, mask, stride, A, delays, q, slotTot } = c;
  const cdf = table ? table.cdf : EMPTY_F64;
  const guide = table ? table.guide : EMPTY_I32;
  const lo = table ? table.lo : 0;
  const G = guide.length;
  const useTable = table !== null;
  if (draw !== null) restartByteDraw(draw);
  const d1 = A >= 1 ? delays[1]! : 0;
  const zEdge2Sigma2 = zEdge * zEdge * sigma * sigma;
  let recTok = st[ST_REC_TOK]!;
  let byteTok = st[ST_BYTE_TOK]!;
  let pending = st[ST_PENDING]!;
  let thrSec = 0;
  let attempts = 0;
  let thrAttempts = 0;
  let newRecs = 0;
  let retries = 0;
  let dropped = 0;
  const end = t0 + secs;
  for (let t = t0; t < end; t++) {
    let x: number;
    if (steady) x = mu;
    else if (useTable) {
      const u = rngA.nextFloat();
      let i = guide[Math.floor(u * G)]!;
      while (cdf[i]! <= u) i++;
      x = lo + i;
    } else x = rngA.negBin(mu, k);
    recTok = recTok + recRate < recCap ? recTok + recRate : recCap;
    byteTok = byteTok + byteRate < byteCap ? byteTok + byteRate : byteCap;
    const slot = t & mask;
    const due = slotTot[slot]!;
    const demand = x + due;
    if (demand <= 0) continue;
    let bytes = x * m;
    if (draw !== null) {
      if (x > 0 && !steady) bytes = drawSecondBytes(draw, rngB, x, byteTok - due * m);
    } else if (sigma > 0 && x > 0 && !steady) {
      // Steady mode uses the mean bytes, like Tier 1. Draw only if the byte tokens are within zEdge sd: (room)² < zEdge²σ²x, no sqrt needed.
      const room = byteTok - bytes - due * m;
      if (room < 0 || room * room < zEdge2Sigma2 * x) {
        bytes += sigma * Math.sqrt(x) * rngB.normal();
        if (bytes < 0) bytes = 0;
      }
    }
    const demandBytes = bytes + due * m;
    let accept = demand < recTok ? demand : recTok;
    if (demandBytes > byteTok) {
      const byBytes = (demand * byteTok) / demandBytes;
      if (byBytes < accept) accept = byBytes;
    }
    recTok -= accept;
    byteTok -= accept === demand ? demandBytes : (accept * demandBytes) / demand;
    attempts += demand;
    newRecs += x;
    retries += due;
    const thr = demand - accept;
    const base = slot * stride;
    if (thr > 1e-9) {
      thrSec++;
      thrAttempts += thr;
      const f = thr / demand;
      // New records' throttled share → first retry; due retries' throttled share → next retry.
      const nNew = x * f;
      if (A >= 1) {
        const ds = (t + d1) & mask;
        q[ds * stride + 1] = q[ds * stride + 1]! + nNew;
        slotTot[ds] = slotTot[ds]! + nNew;
        pending += nNew;
      } else dropped += nNew;
      if (due > 0) {
        for (let a = 1; a <= A; a++) {
          const v = q[base + a]!;
          if (v === 0) continue;
          const moved = v * f;
          if (a < A) {
            const ds = (t + delays[a + 1]!) & mask;
            q[ds * stride + a + 1] = q[ds * stride + a + 1]! + moved;
            slotTot[ds] = slotTot[ds]! + moved;
            pending += moved;
          } else dropped += moved;
        }
      }
    }
    if (due > 0) {
      for (let a = 1; a <= A; a++) q[base + a] = 0;
      slotTot[slot] = 0;
      pending -= due;
      if (pending < 1e-9) pending = 0;
    }
  }
  st[ST_REC_TOK] = recTok;
  st[ST_BYTE_TOK] = byteTok;
  st[ST_PENDING] = pending;
  acc[ACC_THR_SEC] = acc[ACC_THR_SEC]! + thrSec;
  if (isPeak) acc[ACC_THR_SEC_PEAK] = acc[ACC_THR_SEC_PEAK]! + thrSec;
  acc[ACC_SIM_THR_SEC] = acc[ACC_SIM_THR_SEC]! + thrSec;
  acc[ACC_ATTEMPTS] = acc[ACC_ATTEMPTS]! + attempts;
  acc[ACC_THR_ATTEMPTS] = acc[ACC_THR_ATTEMPTS]! + thrAttempts;
  acc[ACC_NEW] = acc[ACC_NEW]! + newRecs;
  acc[ACC_RETRIES] = acc[ACC_RETRIES]! + retries;
  acc[ACC_DROPPED] = acc[ACC_DROPPED]! + dropped;
}

const EMPTY_F64 = new Float64Array(0);
const EMPTY_I32 = new Int32Array(0);

/**
 * Run the per-second Monte Carlo of one day; same input and seed ⇒ identical output. Longer than 80
 * lines because the day's segments, the Tier 1 part, the retry ring and the replica loop share the
 * validated inputs and buffers, allocated once and reused by every replica.
 */
export function simulateDay(input: SimulateDayInput): SimulateDayResult {
  const N = input.shardPeakMeans.length;
  if (N === 0) throw new RangeError('shardPeakMeans is empty');
  const means = Float64Array.from(input.shardPeakMeans);
  for (let j = 0; j < N; j++) {
    if (!(means[j]! >= 0) || !Number.isFinite(means[j]!)) throw new RangeError(`shard mean ${j} is invalid: ${means[j]}`);
  }
  const seed = input.seed;
  const R = input.replicas ?? 32;
  const J = Math.min(N, input.maxSimulatedShards ?? 32);
  const horizon = input.horizonSeconds ?? 86_400;
  if (!Number.isInteger(R) || R < 1) throw new RangeError(`replicas must be an integer ≥ 1, got ${R}`);
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > 86_400) throw new RangeError(`horizonSeconds must be in [1, 86400]`);
  const k = input.dispersion;
  if (!(k > 0)) throw new RangeError(`dispersion must be > 0, got ${k}`);
  const steady = input.steady === true;
  const m = input.bytesPerRecordMean;
  const sigma = input.bytesPerRecordSd;
  const recRate = input.recordsPerSecondLimit ?? 1000;
  const byteRate = input.bytesPerSecondLimit ?? 1_048_576;
  const depth = input.bucketDepthSeconds ?? 1;
  if (!(depth >= 1)) throw new RangeError(`bucketDepthSeconds must be ≥ 1, got ${depth}`);
  const recCap = recRate * depth;
  const byteCap = byteRate * depth;
  const retry: RetryPolicy = input.retry ?? { enabled: true, backoff: 'none', ttlSeconds: 30 };
  const skipBelow = input.skipBelow ?? 1e-10;
  const useTable = (input.sampler ?? 'table') === 'table';

  // Daily curve → hourly multipliers with maximum 1.
  const curve = input.dailyCurve ?? null;
  const mult = new Float64Array(24).fill(1);
  let peakHour = 0;
  if (curve) {
    if (curve.length !== 24) throw new RangeError(`dailyCurve needs 24 values, got ${curve.length}`);
    let max = 0;
    for (let h = 0; h < 24; h++) {
      const c = curve[h]!;
      if (!(c >= 0) || !Number.isFinite(c)) throw new RangeError(`dailyCurve[${h}] is invalid: ${c}`);
      if (c > max) {
        max = c;
        peakHour = h;
      }
    }
    if (max === 0) throw new RangeError('dailyCurve is all zero');
    for (let h = 0; h < 24; h++) mult[h] = curve[h]! / max;
  }
  const hours = Math.ceil(horizon / 3600);
  const secsOfHour = (h: number): number => Math.min(3600, horizon - 3600 * h);
  // The day as segments: one per hour from the curve, or as given. `sub` numbers a segment within
  // its hour (its RNG streams), so an hour in one piece draws as it always has.
  const segs: { hour: number; secs: number; mult: number; sub: number }[] = [];
  if (input.segments) {
    let total = 0;
    let best = -1;
    for (const g of input.segments) {
      if (!(g.seconds > 0) || !Number.isInteger(g.seconds) || !(g.scale >= 0) || !(g.hour >= 0 && g.hour < 24)) throw new RangeError('invalid day segment');
      const prev = segs[segs.length - 1];
      segs.push({ hour: g.hour, secs: g.seconds, mult: g.scale, sub: prev && prev.hour === g.hour ? prev.sub + 1 : 0 });
      if (g.scale > best) {
        best = g.scale;
        peakHour = g.hour;
      }
      total += g.seconds;
    }
    if (total !== horizon) throw new RangeError(`day segments cover ${total} s, not the horizon of ${horizon} s`);
  } else {
    for (let h = 0; h < hours; h++) segs.push({ hour: h, secs: secsOfHour(h), mult: mult[h]!, sub: 0 });
  }
  const peakSeconds = segs.reduce((a, g) => a + (g.hour === peakHour ? g.secs : 0), 0);
  const peakCovered = peakSeconds > 0;

  // Busiest J shards are simulated; the rest use Tier 1.
  const order = Array.from({ length: N }, (_, j) => j).sort((a, b) => means[b]! - means[a]! || a - b);
  const simMeans = order.slice(0, J).map((j) => means[j]!);
  const restMeans = order.slice(J).map((j) => means[j]!);

  // Tier 1 per-second results (caps = 1 s of refill, as a strict bucket), memoised by mean.
  const tier1Memo = new Map<number, SecondThrottleResult>();
  const tier1 = (mu: number): SecondThrottleResult => {
    let r = tier1Memo.get(mu);
    if (!r) {
      r = secondThrottleProbability({
        meanRecordsPerSecond: mu,
        recordsCap: recRate,
        bytesCap: byteRate,
        bytesPerRecordMean: m,
        bytesPerRecordSd: sigma,
        dispersion: k,
        steady,
        ...(input.recordSizes ? { recordSizes: input.recordSizes } : {}),
      });
      tier1Memo.set(mu, r);
    }
    return r;
  };

  // Deterministic Tier 1 part for shards that are not simulated.
  let restThrSec = 0;
  let restThrSecPeak = 0;
  let restAttempts = 0;
  let restThrAttempts = 0;
  let restNew = 0;
  let restLogNone = 0;
  for (const mu0 of restMeans) {
    for (const g of segs) {
      const h = g.hour;
      const mu = mu0 * g.mult;
      const r = tier1(mu);
      const secs = g.secs;
      restThrSec += secs * r.probability;
      if (h === peakHour) restThrSecPeak += secs * r.probability;
      restAttempts += secs * mu;
      restNew += secs * mu;
      restThrAttempts += secs * r.expectedThrottledRecords;
      restLogNone += secs * Math.log1p(-Math.min(1, r.probability));
    }
  }

  // Retry schedule: retry a (1-based) waits delay[a] seconds; it is allowed while its age ≤ TTL.
  const maxStep = retry.backoff === 'exponential' ? Math.max(1, Math.floor(retry.maxDelaySeconds ?? 16)) : 1;
  const delays: number[] = [0];
  if (retry.enabled) {
    let age = 0;
    for (let a = 1; a < 10_000; a++) {
      const d = retry.backoff === 'exponential' ? Math.min(maxStep, 2 ** (a - 1)) : 1;
      if (age + d > retry.ttlSeconds) break;
      age += d;
      delays.push(d);
    }
  }
  const A = delays.length - 1; // retries allowed per record
  let ring = 1;
  while (ring < maxStep + 1) ring <<= 1;
  const mask = ring - 1;
  const stride = A + 2;
  const delayArr = Int32Array.from(delays.concat([0]));

  // Tables by mean (shared by replicas).
  const tables = new Map<number, CdfTable>();
  const tableFor = (mu: number): CdfTable => {
    let t = tables.get(mu);
    if (!t) {
      t = buildTable(mu, k);
      tables.set(mu, t);
    }
    return t;
  };
  const zEdge = -normalQuantile(1e-17); // draw bytes only when within this many sd of the byte tokens
  const sampler = input.recordSizes ? byteSampler(input.recordSizes) : null;

  const fracAll = new Float64Array(R);
  const fracPeak = new Float64Array(R);
  const thrRecFrac = new Float64Array(R);
  const retriesPerRec = new Float64Array(R);
  const droppedArr = new Float64Array(R);
  const droppedFrac = new Float64Array(R);
  let anyCount = 0;
  let analyticLogNone = 0;
  let skippedShardHours = 0;
  const q = new Float64Array(ring * stride);
  const slotTot = new Float64Array(ring);

  const cfg: HourConfig = {
    recRate,
    byteRate,
    recCap,
    byteCap,
    m,
    sigma,
    k,
    steady,
    zEdge,
    draw: sampler && sampler.fixedBytes === null ? byteDraw(sampler) : null,
    mask,
    stride,
    A,
    delays: delayArr,
    q,
    slotTot,
  };
  const st = new Float64Array(ST_SIZE);
  const acc = new Float64Array(ACC_SIZE);

  for (let r = 0; r < R; r++) {
    acc.fill(0);
    let skippedLogNone = 0;
    for (let j = 0; j < J; j++) {
      st[ST_REC_TOK] = recCap;
      st[ST_BYTE_TOK] = byteCap;
      st[ST_PENDING] = 0;
      q.fill(0);
      slotTot.fill(0);
      let t = 0;
      for (const g of segs) {
        const h = g.hour;
        const secs = g.secs;
        const mu = simMeans[j]! * g.mult;
        const t1 = tier1(mu);
        if (skipBelow > 0 && st[ST_PENDING]! < 1e-9 && t1.probability < skipBelow) {
          // Quiet shard-hour: Tier 1 expectation, buckets end full, queue empty.
          acc[ACC_THR_SEC] = acc[ACC_THR_SEC]! + secs * t1.probability;
          if (h === peakHour) acc[ACC_THR_SEC_PEAK] = acc[ACC_THR_SEC_PEAK]! + secs * t1.probability;
          acc[ACC_ATTEMPTS] = acc[ACC_ATTEMPTS]! + secs * mu;
          acc[ACC_NEW] = acc[ACC_NEW]! + secs * mu;
          acc[ACC_THR_ATTEMPTS] = acc[ACC_THR_ATTEMPTS]! + secs * t1.expectedThrottledRecords;
          if (!retry.enabled) acc[ACC_DROPPED] = acc[ACC_DROPPED]! + secs * t1.expectedThrottledRecords;
          skippedLogNone += secs * Math.log1p(-t1.probability);
          st[ST_REC_TOK] = recCap;
          st[ST_BYTE_TOK] = byteCap;
          if (st[ST_PENDING] !== 0) {
            q.fill(0);
            slotTot.fill(0);
            st[ST_PENDING] = 0;
          }
          t += secs;
          skippedShardHours++;
          continue;
        }
        const rngA = new Rng(seed, r, j, h, 2 * g.sub);
        const rngB = new Rng(seed, r, j, h, 2 * g.sub + 1);
        const table = !steady && useTable ? tableFor(mu) : null;
        simulateHour(cfg, st, acc, t, secs, mu, table, rngA, rngB, h === peakHour);
        t += secs;
      }
    }
    const thrSec = acc[ACC_THR_SEC]!;
    const thrSecPeak = acc[ACC_THR_SEC_PEAK]!;
    const attempts = acc[ACC_ATTEMPTS]!;
    const thrAttempts = acc[ACC_THR_ATTEMPTS]!;
    const newRecs = acc[ACC_NEW]!;
    const retries = acc[ACC_RETRIES]!;
    const dropped = acc[ACC_DROPPED]!;
    const simThrSec = acc[ACC_SIM_THR_SEC]!;
    if (simThrSec > 0) anyCount++;
    analyticLogNone += skippedLogNone + restLogNone;
    const allSec = N * horizon;
    fracAll[r] = (thrSec + restThrSec) / allSec;
    fracPeak[r] = peakCovered ? (thrSecPeak + restThrSecPeak) / (N * peakSeconds) : 0;
    const totAttempts = attempts + restAttempts;
    thrRecFrac[r] = totAttempts > 0 ? (thrAttempts + restThrAttempts) / totAttempts : 0;
    const totNew = newRecs + restNew;
    retriesPerRec[r] = totNew > 0 ? retries / totNew : 0;
    const dropTot = dropped + (retry.enabled ? 0 : restThrAttempts);
    droppedArr[r] = dropTot;
    droppedFrac[r] = totNew > 0 ? dropTot / totNew : 0;
    input.onReplica?.(r + 1, R);
  }
  // P(any): simulated shard-seconds (Wilson over replicas) combined with the Tier 1 chance in the
  // shard-hours that were not simulated: 1 − (1 − p_sim)(1 − p_tier1).
  const simAny = wilson(anyCount, R);
  const pTier1 = -Math.expm1(analyticLogNone / R);
  const comb = (p: number): number => 1 - (1 - p) * (1 - pTier1);
  const pAny: Estimate = { mean: comb(simAny.mean), ci95: [comb(simAny.ci95[0]), comb(simAny.ci95[1])] };
  return {
    seed,
    replicas: R,
    shards: N,
    shardsSimulated: J,
    horizonSeconds: horizon,
    rateShape: input.segments ? 'segments' : 'hourly-piecewise-constant',
    throttledShardSecondFraction: estimate(fracAll),
    peakHour,
    peakHourThrottledShardSecondFraction: peakCovered ? estimate(fracPeak) : null,
    throttledRecordFraction: estimate(thrRecFrac),
    retriesPerRecord: estimate(retriesPerRec),
    droppedRecords: estimate(droppedArr),
    droppedRecordFraction: estimate(droppedFrac),
    pAnyThrottle: pAny,
    skippedShardHoursPerReplica: skippedShardHours / R,
  };
}
