// Sizing a Kinesis data stream: shards required by each per-shard limit at peak, under
// target_utilization, for the hottest shard; the binding constraint; and what more shards cannot fix.
// Limits: https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html

import type { Profile, StreamMode } from '../../profile/types.js';
import type { Constraint, Explanation, Requirement, Unfixable, Warning } from '../../report/types.js';
import { MIB, formatGrouped } from '../../units.js';
import {
  KEY_WRITE_BYTES_PER_SECOND,
  KEY_WRITE_RECORDS_PER_SECOND,
  SHARD_READ_BYTES_PER_SECOND,
  SHARD_READ_TPS,
  SHARD_WRITE_BYTES_PER_SECOND,
  SHARD_WRITE_RECORDS_PER_SECOND,
  kinesisRecordsOnShard,
} from './traffic.js';
import { describeKeys, limitsOf, scanListed, type Found, type Limit, type SizingContext } from './limits.js';
import type { OnProgress } from '../risk/placement.js';

/** The hot-shard view the sizing needs, at a given shard count. */
export interface HotShard {
  /** Hottest shard load ÷ mean shard load (the value sizing uses: p95 over hash placements, or exact). */
  factor: number;
  /** Median over hash placements (= factor when exact). */
  p50: number;
  p95: number;
  /** Traffic share of the busiest partition key (0 for random keys). */
  topKeyShare: number;
  method: 'uniform' | 'closed-form' | 'exact';
}

/** Throttle probability of the hottest shard at peak, at a given shard count. */
export interface ThrottleAtShards {
  /** Expected share of shard-seconds at peak in which the hottest shard's demand exceeds a limit. */
  fraction: number;
  recordsOnly: number;
  bytesOnly: number;
}

/** What the risk engine provides to sizing. Pure functions of the shard count. */
export interface RiskModel {
  hot(shards: number): HotShard;
  throttle(shards: number): ThrottleAtShards;
  /**
   * The largest mean user records/s a shard can take with a throttle probability ≤ maxRate, when
   * that does not depend on the shard count (no KPL aggregation); undefined otherwise.
   */
  maxShardMean?(maxRate: number): number | undefined;
  /** The throttle probability of the busiest key alone on a shard: the floor at any shard count. */
  keyFloor(): ThrottleAtShards;
  /** Whether keyFloor().fraction > maxRate (judged by μ* where it is known, without the tail). */
  keyFloorAbove?(maxRate: number): boolean;
  /** Mean user records/s on the hottest shard at peak with `shards` shards (what throttle() is judged at). */
  hottestMean?(shards: number): number;
  /** throttle(shards).fraction alone: searches need only the probability. */
  throttleFraction?(shards: number): number;
  /** The probability a report gives at `shards`: throttle(shards).fraction, without its expected records. */
  reportedFraction?(shards: number): number;
}

/** Peak figures of the whole stream, per second. */
export interface PeakFlow {
  userRecordsPerSecond: number;
  /** Payload + partition key bytes/s: what counts toward the 1 MiB/s shard limit. */
  writeBytesPerSecond: number;
  /** Payload only. */
  payloadBytesPerSecond: number;
}

export interface ShardCountResult {
  shards: number;
  shardsGiven: number | null;
  binding: Constraint;
  requirements: Requirement[];
  hot: HotShard;
  utilization: { write_bytes: number; write_records: number; read_bytes: number; read_tps: number };
  kinesisRecordsPerSecondAtPeak: number;
  sharedConsumers: number;
  efoConsumers: number;
  pollsPerSecond: number;
  unfixable: Unfixable[];
  readThrottled: boolean;
  warnings: Warning[];
  explain: Explanation[];
}

/** Largest shard count the search considers (UpdateShardCount's per-stream maximum). */
export const MAX_SHARDS = 10_000;
/**
 * Where the searches give up: far past any stream (the rows of 1e9 records/s need ~1.3 million
 * shards and must show that count, not a power of two where a search stopped).
 */
const SEARCH_LIMIT = 2 ** 40;
/** Hot-shard requirements are capped at this multiple of what evenly spread keys need. */
export const SKEW_CAP_MULTIPLE = 8;

/** Shared consumers of a stream: polling applications plus Firehose delivery streams that read it. */
export function consumerCounts(profile: Profile): { shared: number; efo: number; pollsPerSecond: number; names: string[] } {
  let shared = 0;
  let efo = 0;
  let polls = 0;
  const names: string[] = [];
  for (const c of profile.consumers) {
    if (c.efo) efo += 1;
    else {
      shared += 1;
      polls += c.pollsPerSecond;
      names.push(c.name);
    }
  }
  // Firehose reads each shard once per second with GetRecords and counts against the shared limits
  // (https://docs.aws.amazon.com/firehose/latest/dev/writing-with-kinesis-streams.html).
  for (const f of profile.firehose) {
    if (f.source === 'stream') {
      shared += 1;
      polls += 1;
      names.push(f.name);
    }
  }
  return { shared, efo, pollsPerSecond: polls, names };
}

/** peakFlow per traffic object: a plan asks for it a dozen times, and profiles are not mutated. */
const peakMemo = new WeakMap<Profile['traffic'], PeakFlow>();

/** The whole stream's peak flow. */
export function peakFlow(profile: Profile): PeakFlow {
  const t = profile.traffic;
  let flow = peakMemo.get(t);
  if (flow === undefined) {
    const curvePeak = t.dailyCurve ? Math.max(...t.dailyCurve) * t.recordsPerSecond : 0;
    const rps = Math.max(t.peakRecordsPerSecond, curvePeak);
    flow = Object.freeze({
      userRecordsPerSecond: rps,
      writeBytesPerSecond: rps * (t.recordSize.averageBytes + t.partitionKeyBytes),
      payloadBytesPerSecond: rps * t.recordSize.averageBytes,
    });
    peakMemo.set(t, flow);
  }
  return flow;
}

/** A stretch of the day at one rate (rate ÷ the peak rate). */
export interface DaySegment {
  hour: number;
  seconds: number;
  scale: number;
}

/**
 * The day, one definition for the closed-form day and the simulation (docs/model.md): every UTC hour
 * at its daily-curve average (flat at records_per_second without a curve), except that inside the
 * busiest hour a peak_window-long stretch runs at the peak rate and the rest of that hour at the
 * rate that keeps the hour's average (0 when the window alone carries more than the hour).
 */
export function daySegments(profile: Profile): DaySegment[] {
  const t = profile.traffic;
  const peak = peakFlow(profile).userRecordsPerSecond;
  const curve = t.dailyCurve ?? new Array<number>(24).fill(1);
  const hourly = curve.map((m) => (peak > 0 ? (t.recordsPerSecond * m) / peak : 0));
  let busiest = 0;
  for (let h = 1; h < hourly.length; h++) if (hourly[h]! > hourly[busiest]!) busiest = h;
  const window = Math.min(3600, Math.max(1, Math.round(t.peakWindowSeconds)));
  const out: DaySegment[] = [];
  hourly.forEach((scale, hour) => {
    if (hour !== busiest || scale >= 1 || window >= 3600) {
      out.push({ hour, seconds: 3600, scale: hour === busiest ? 1 : scale });
      return;
    }
    out.push({ hour, seconds: window, scale: 1 });
    out.push({ hour, seconds: 3600 - window, scale: Math.max(0, (3600 * scale - window) / (3600 - window)) });
  });
  return out;
}

/**
 * Sizes the stream (or checks a given shard count). Walks the table of limits (limits.ts): each
 * requirement is the smallest N at which that limit holds on the hottest shard within
 * `target_utilization`; the count is the largest, and the binding constraint the one that set it.
 * Longer than 80 lines because the limits walk, the given-count check and the per-key ceiling add to
 * the same requirements, warnings and unfixable lists, returned as one result.
 */
export function sizeShards(profile: Profile, mode: StreamMode, risk: RiskModel, withExplain = true, onScan?: OnProgress): ShardCountResult {
  const c = sizingContext(profile, mode, risk, onScan);
  const { peak } = c;
  // Explanations are built only when asked for (`--explain`); searches and sweeps skip them.
  const explain: Explanation[] | undefined = withExplain ? [] : undefined;
  const warnings: Warning[] = [];
  const unfixable: Unfixable[] = [];
  const requirements: Requirement[] = [];
  // The placement-dependent limits met so far: with listed keys a later limit's count must meet them too.
  const met: Limit[] = [];
  const found: Found = {
    even: 1,
    all: 1,
    prior: (n) => met.every((l) => l.holds!(c, n)),
    priorAtShare: (share) => met.every((l) => l.atShare?.(c, share) ?? true),
  };
  for (const limit of limitsOf(profile)) {
    const need = limit.need(c, found);
    if (need.unfixable) unfixable.push(...need.unfixable);
    if (need.warnings) warnings.push(...need.warnings);
    if (limit.even) found.even = Math.max(found.even, need.shards);
    found.all = Math.max(found.all, need.shards);
    if (!c.monotone && limit.holds && !need.capped) met.push(limit);
    if (need.row === false) continue;
    requirements.push({ constraint: limit.constraint, shards: need.shards, detail: limit.detail(c, need) });
    if (explain && limit.explain) explain.push(limit.explain(c, need));
  }

  let shards = found.all;
  let binding: Constraint = pickBinding(requirements, shards);
  if (shards === 1 && requirements.every((r) => r.shards <= 1)) binding = 'minimum';
  const shardsGiven = profile.stream.shards;
  if (shardsGiven !== null && mode === 'provisioned') {
    for (const r of requirements) {
      if (r.shards > shardsGiven) {
        warnings.push({
          code: 'under-provisioned',
          message: `${shardsGiven} shards given, but ${r.constraint} needs ${r.shards}: ${r.detail}`,
        });
      }
    }
    shards = shardsGiven;
    binding = 'given';
  }

  const step = stepUpWarning(c, met, found, shards, mode === 'provisioned' && shardsGiven === null);
  if (step) warnings.push(step);

  // Hot key: one key lands on one shard, so its rate is capped at one shard's limits in every mode.
  const hot = risk.hot(shards);
  const keyRps = hot.topKeyShare * peak.userRecordsPerSecond;
  const keyBytes = hot.topKeyShare * peak.writeBytesPerSecond;
  if (hot.topKeyShare > 0 && (keyRps > KEY_WRITE_RECORDS_PER_SECOND || keyBytes > KEY_WRITE_BYTES_PER_SECOND)) {
    // The hard per-key ceiling says it all; drop the softer hot-key findings.
    for (let i = unfixable.length - 1; i >= 0; i--) if (unfixable[i]!.kind === 'hot-key') unfixable.splice(i, 1);
    unfixable.push({
      kind: 'hot-key',
      message: `the busiest partition key carries ${pct(hot.topKeyShare)} of traffic: ${fmt(keyRps)} records/s and ${mib(keyBytes)} MiB/s at peak, over one shard's 1,000 records/s or 1 MiB/s`,
      fix: 'salt the key (append a suffix 0..n to spread it over n shards) or set explicit hash keys; no shard count or capacity mode lifts a single key past one shard',
    });
  }

  const utilization = utilizationAt(profile, risk, shards);
  const readThrottled = utilization.read_bytes > 1 || (c.consumers.shared > 0 && c.consumers.pollsPerSecond > SHARD_READ_TPS);
  if (explain) explain.push(...utilizationExplain(c, shards, utilization));
  return {
    shards,
    shardsGiven: mode === 'provisioned' ? shardsGiven : null,
    binding,
    requirements,
    hot,
    utilization,
    kinesisRecordsPerSecondAtPeak: c.uniform(shards).records * shards,
    sharedConsumers: c.consumers.shared,
    efoConsumers: c.consumers.efo,
    pollsPerSecond: c.consumers.pollsPerSecond,
    unfixable,
    readThrottled,
    warnings,
    explain: explain ?? [],
  };
}

/**
 * Listed keys: the exact placement is not monotone in the shard count, so the count found can be
 * adequate while N + 1 (an even split, as UpdateShardCount's uniform scaling makes it) is not. Says
 * so, and names the next adequate count to scale up to.
 */
function stepUpWarning(c: SizingContext, met: Limit[], found: Found, shards: number, automatic: boolean): Warning | undefined {
  if (c.monotone || !automatic || met.length === 0 || shards + 1 > MAX_SHARDS || found.prior(shards + 1)) return undefined;
  const failing = met.filter((l) => !l.holds!(c, shards + 1)).map((l) => l.constraint);
  const limit = Math.min(MAX_SHARDS, 2 * shards + 2);
  const next = scanListed(c, found.priorAtShare, found.prior, shards + 2, limit);
  const then = next <= limit ? `scale to ${next} shards, not ${shards + 1}` : `no count up to ${limit} meets them again`;
  return {
    code: 'listed-keys-not-monotone',
    message: `${shards} shards meet every limit with the listed keys, but ${shards + 1} would not (${failing.join(', ')}): the hottest shard would carry ${fmt(c.risk.hot(shards + 1).factor)}× the mean load instead of ${fmt(c.risk.hot(shards).factor)}×; exact placement is not monotone in the shard count: ${then}`,
  };
}

/** The peak, the consumers and the shard loads every limit reads. */
function sizingContext(profile: Profile, mode: StreamMode, risk: RiskModel, onScan?: OnProgress): SizingContext {
  const peak = peakFlow(profile);
  const t = profile.traffic;
  const userRecordBytes = t.recordSize.averageBytes + t.partitionKeyBytes;
  return {
    profile,
    mode,
    risk,
    u: profile.stream.targetUtilization,
    peak,
    consumers: consumerCounts(profile),
    userRecordBytes,
    monotone: t.partitionKeys.kind !== 'list',
    ...(onScan !== undefined ? { onScan } : {}),
    uniform(n) {
      const flow = kinesisRecordsOnShard(peak.userRecordsPerSecond / n, userRecordBytes, profile.producer);
      return { bytes: peak.writeBytesPerSecond / n, records: flow.kinesisRecordsPerSecond };
    },
    hottest(n) {
      const hot = risk.hot(n);
      const flow = kinesisRecordsOnShard((peak.userRecordsPerSecond / n) * hot.factor, userRecordBytes, profile.producer);
      return { hot, bytes: (peak.writeBytesPerSecond / n) * hot.factor, records: flow.kinesisRecordsPerSecond };
    },
  };
}

/** `--explain` entries of the hottest shard's utilisation at the chosen count. */
function utilizationExplain(c: SizingContext, shards: number, utilization: ReturnType<typeof utilizationAt>): Explanation[] {
  const h = c.hottest(shards);
  const hot = h.hot;
  const t = c.profile.traffic;
  return [
    {
      topic: 'utilization.write-bytes',
      formula: 'peak write bytes/s ÷ shards × hot_shard_factor ÷ 1 MiB/s',
      inputs: { peak_write_bytes_per_second: c.peak.writeBytesPerSecond, shards, hot_shard_factor: hot.factor },
      result: utilization.write_bytes,
    },
    {
      topic: 'utilization.write-records',
      formula: 'Kinesis records/s on the hottest shard ÷ 1,000/s',
      inputs: { kinesis_records_per_second_hottest: h.records, shards, hot_shard_factor: hot.factor },
      result: utilization.write_records,
    },
    {
      topic: 'hot-shard-factor',
      formula:
        hot.method === 'exact'
          ? 'N × max_j w_j with w_j = Σ traffic shares of the keys whose MD5 falls in shard j (even hash ranges)'
          : hot.method === 'uniform'
            ? 'random keys: every record picks a shard uniformly, so H = 1 (per-second variation is in the throttle risk)'
            : 'N × max(1/N + z_q·sd, p1 + (1 − p1)/N), sd² = (1/N)(1 − 1/N)Σp_k², z_q = Φ⁻¹(q^(1/N)), q = 0.95',
      inputs: { shards, keys: describeKeys(c.profile), key_skew: t.keySkew, top_key_share: hot.topKeyShare },
      result: hot.factor,
      note: `p50 ${fmt(hot.p50)}, p95 ${fmt(hot.p95)}`,
    },
  ];
}

/** Share of each per-shard limit the hottest shard uses at peak with `shards` shards. */
export function utilizationAt(profile: Profile, risk: RiskModel, shards: number): { write_bytes: number; write_records: number; read_bytes: number; read_tps: number } {
  const peak = peakFlow(profile);
  const consumers = consumerCounts(profile);
  const t = profile.traffic;
  const hot = risk.hot(shards).factor;
  const bytes = (peak.writeBytesPerSecond / shards) * hot;
  const flow = kinesisRecordsOnShard((peak.userRecordsPerSecond / shards) * hot, t.recordSize.averageBytes + t.partitionKeyBytes, profile.producer);
  return {
    write_bytes: bytes / SHARD_WRITE_BYTES_PER_SECOND,
    write_records: flow.kinesisRecordsPerSecond / SHARD_WRITE_RECORDS_PER_SECOND,
    read_bytes: (consumers.shared * bytes) / SHARD_READ_BYTES_PER_SECOND,
    read_tps: consumers.pollsPerSecond / SHARD_READ_TPS,
  };
}

/** The requirement that set the shard count: the largest, preferring the most specific on ties. */
function pickBinding(requirements: Requirement[], shards: number): Constraint {
  const order: Constraint[] = ['throttle-rate', 'hot-key', 'catch-up', 'write-bytes', 'write-records', 'read-bytes'];
  for (const c of order) {
    if (requirements.some((r) => r.constraint === c && r.shards === shards)) return c;
  }
  return 'minimum';
}

/** The hottest shard's throttle probability at N shards, without the expected records when the model can skip them. */
export function throttleFraction(risk: RiskModel, shards: number): number {
  return risk.throttleFraction?.(shards) ?? risk.throttle(shards).fraction;
}

/** Relative band around μ* in which withinMuStar asks the exact probability. */
export const MU_STAR_BAND = 1e-6;

/**
 * Whether a shard at mean μ meets the throttle target whose largest adequate mean is μ* (the
 * probability grows with the mean): the comparison μ < μ*, or `exact()` within MU_STAR_BAND of μ*,
 * which is known to a tenth of that (MU_STAR_TOLERANCE).
 */
export function withinMuStar(mu: number, muStar: number, exact: () => boolean): boolean {
  return Math.abs(mu - muStar) <= MU_STAR_BAND * muStar ? exact() : mu < muStar;
}

/**
 * Smallest N in [lo, cap] with ok(N) (ok monotone), searched outward from a guess: two calls of ok
 * when the guess is right, as closed forms usually are, instead of a doubling search from 1.
 */
export function smallestNNear(ok: (n: number) => boolean, guess: number, lo = 1, cap = Number.POSITIVE_INFINITY): number {
  const g = Math.min(Math.max(lo, Math.ceil(guess)), cap);
  // A guess that is no number keeps the plain search and its early exit.
  if (!Number.isFinite(g) || g > SEARCH_LIMIT) return smallestN(ok, lo, cap);
  if (!ok(g)) return g >= cap ? Number.POSITIVE_INFINITY : smallestN(ok, g + 1, cap);
  // ok(hi); gallop down to a failing N (or lo − 1, below the range), then bisect.
  let hi = g;
  let step = 1;
  let probe = g - 1;
  while (probe >= lo && ok(probe)) {
    hi = probe;
    step *= 2;
    probe = hi - step;
  }
  let bad = Math.max(probe, lo - 1);
  while (hi - bad > 1) {
    const mid = Math.floor((bad + hi) / 2);
    if (ok(mid)) hi = mid;
    else bad = mid;
  }
  return hi;
}

/**
 * Smallest N ≥ from with ok(N), by doubling then bisection (ok is monotone in N). With a cap, N is
 * searched up to the cap only and Infinity means no N ≤ cap will do.
 */
export function smallestN(ok: (n: number) => boolean, from = 1, cap = Number.POSITIVE_INFINITY): number {
  let lo = Math.max(1, from);
  if (ok(lo)) return lo;
  if (lo >= cap) return Number.POSITIVE_INFINITY;
  let hi = Math.min(lo * 2, cap);
  while (!ok(hi)) {
    if (hi >= cap) return Number.POSITIVE_INFINITY;
    lo = hi;
    hi = Math.min(hi * 2, cap);
    if (hi > SEARCH_LIMIT) return hi; // no count will do (a NaN load); the caller reports it as it is
  }
  // ok(hi) and !ok(lo)
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (ok(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Math.abs(x) >= 100) return formatGrouped(Math.round(x));
  return Number(x.toPrecision(3)).toString();
}

export function mib(bytesPerSecond: number): string {
  return fmt(bytesPerSecond / MIB);
}

export function pct(x: number): string {
  return `${Number((x * 100).toPrecision(3))}%`;
}
