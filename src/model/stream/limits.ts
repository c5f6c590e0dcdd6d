// The limits a stream is sized against, one entry each: its name, the shards it needs (a test of N
// shards and a search), the detail line of its requirement and its `--explain` entry. sizeShards
// walks the table in order, so adding a limit is adding one entry to LIMITS.
// Limits: https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html

import type { Profile, StreamMode } from '../../profile/types.js';
import type { Constraint, Explanation, Unfixable, Warning } from '../../report/types.js';
import { formatGrouped } from '../../units.js';
import {
  EFO_CONSUMER_LIMIT,
  EFO_CONSUMER_LIMIT_ADVANTAGE,
  SHARD_READ_BYTES_PER_SECOND,
  SHARD_READ_TPS,
  SHARD_WRITE_BYTES_PER_SECOND,
  SHARD_WRITE_RECORDS_PER_SECOND,
  kinesisRecordsOnShard,
} from './traffic.js';
import type { HotShard, PeakFlow, RiskModel } from './sizing.js';
import { PROGRESS_STEPS, someShardAbove, zipfShares, type OnProgress } from '../risk/placement.js';
import { MAX_SHARDS, SKEW_CAP_MULTIPLE, fmt, mib, pct, smallestN, smallestNNear, throttleFraction, withinMuStar } from './sizing.js';

/** Load of one shard at peak: write bytes/s (keys included) and Kinesis records/s. */
export interface ShardLoad {
  bytes: number;
  records: number;
}

/** What every limit reads: the profile, its peak and consumers, and shard loads as functions of N. */
export interface SizingContext {
  profile: Profile;
  mode: StreamMode;
  risk: RiskModel;
  /** target_utilization */
  u: number;
  peak: PeakFlow;
  consumers: { shared: number; efo: number; pollsPerSecond: number; names: string[] };
  userRecordBytes: number;
  /** Load of a shard when the traffic is spread evenly over N shards. */
  uniform(n: number): ShardLoad;
  /** Load of the hottest shard at N shards. */
  hottest(n: number): ShardLoad & { hot: HotShard };
  /**
   * Whether the hot shard's limits hold for every N past their smallest: true for random keys and
   * key counts (the p95 envelope never grows with N); false for listed keys, whose exact placement
   * can put more keys on the busiest shard at N + 1 than at N.
   */
  monotone: boolean;
  /** Progress of each listed-key scan over shard counts (counts tried of the counts it may try). */
  onScan?: OnProgress;
}

/** Counts found by the limits walked so far. */
export interface Found {
  /** Largest requirement of the limits evenly spread traffic sets (write bytes/records, read bytes). */
  even: number;
  /** Largest requirement so far (1 at the start). */
  all: number;
  /** Whether N shards meet every limit before this one that depends on the placement and was met. */
  prior(n: number): boolean;
  /** The same limits, when the hottest shard carries `share` of the peak traffic. */
  priorAtShare(share: number): boolean;
}

/** What one limit needs. */
export interface Need {
  shards: number;
  /** false: the limit adds no requirement row (it needs no more than the limits before it). */
  row?: boolean;
  /** Searched up to the skew cap without success: sized at the cap. */
  capped?: boolean;
  unfixable?: Unfixable[];
  warnings?: Warning[];
}

/** One limit of the table. */
export interface Limit {
  constraint: Constraint;
  /** One of the limits evenly spread traffic sets (the skew cap is a multiple of theirs). */
  even?: boolean;
  /** Shards the limit needs, given the counts found before it. */
  need(c: SizingContext, found: Found): Need;
  /** The requirement's detail line. */
  detail(c: SizingContext, need: Need): string;
  /** The `--explain` entry, when the limit has one. */
  explain?(c: SizingContext, need: Need): Explanation;
  /**
   * Whether N shards meet the limit, for the limits that depend on the key placement: with listed
   * keys the counts are searched jointly (see search) and checked at N + 1.
   */
  holds?(c: SizingContext, n: number): boolean;
  /**
   * Whether the limit holds when the hottest shard carries `share` of the peak traffic (true where
   * it cannot tell): holds(c, N) is atShare(c, busiest shard's share at N), and it falls with share.
   */
  atShare?(c: SizingContext, share: number): boolean;
}

/**
 * Smallest N in [from, cap] at which `ok` holds (Infinity if none). Monotone limits: doubling and
 * bisection. Listed keys: a scan from `from`, since the busiest shard is not monotone in N (26 keys
 * put 3 keys on the busiest shard at 13 shards, 5 at 14, 4 at 15); each count must then also meet
 * the placement-dependent limits before it, so the first count found meets them all.
 */
function search(c: SizingContext, found: Found, limit: Limit, ok: (n: number) => boolean, from: number, cap: number): number {
  if (c.monotone) return smallestN(ok, from, cap);
  // Every limit depends on the placement only through the busiest shard's share of the traffic, so
  // a count whose busiest shard carries more than the largest adequate share fails: such counts are
  // rejected by walking the shards until one is above it, usually after a few.
  return scanListed(
    c,
    (s) => (limit.atShare?.(c, s) ?? true) && found.priorAtShare(s),
    (n) => ok(n) && found.prior(n),
    from,
    cap,
  );
}

/**
 * Listed keys: the first N in [from, cap] with ok(N) (Infinity if none), skipping the counts whose
 * busiest shard carries more than the largest share at which `atShare` holds.
 */
export function scanListed(c: SizingContext, atShare: (s: number) => boolean, ok: (n: number) => boolean, from: number, cap: number): number {
  const bound = largestShare(atShare);
  const keys = c.profile.traffic.partitionKeys as { kind: 'list'; keys: readonly string[] };
  const shares = c.profile.traffic.keySkew > 0 ? zipfShares(keys.keys.length, c.profile.traffic.keySkew) : null;
  const start = Math.max(1, from);
  // The scan may try every count up to the cap; it usually stops far sooner (the bar then just ends).
  const total = Math.max(0, cap - start + 1);
  const every = Number.isFinite(total) ? Math.max(1, Math.ceil(total / PROGRESS_STEPS)) : Number.POSITIVE_INFINITY;
  for (let n = start; n <= cap; n++) {
    if (c.onScan !== undefined && (n - start) % every === 0) c.onScan(n - start, total);
    if (bound < 1 && someShardAbove(keys.keys, shares, n, bound)) continue;
    if (ok(n)) return n;
  }
  return Number.POSITIVE_INFINITY;
}

/**
 * A share s with atShare false above it (atShare falls with the share), a hair above the largest
 * share at which it holds so rounding never rejects an adequate count; 1 when it holds at 1.
 */
function largestShare(atShare: (s: number) => boolean): number {
  if (atShare(1)) return 1;
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 60 && hi - lo > 1e-15; i++) {
    const mid = (lo + hi) / 2;
    if (atShare(mid)) lo = mid;
    else hi = mid;
  }
  return hi * (1 + 1e-9);
}

/** Load of the hottest shard when it carries `share` of the peak traffic. */
function loadAtShare(c: SizingContext, share: number): ShardLoad {
  return {
    bytes: share * c.peak.writeBytesPerSecond,
    records: kinesisRecordsOnShard(share * c.peak.userRecordsPerSecond, c.userRecordBytes, c.profile.producer).kinesisRecordsPerSecond,
  };
}

/** Hot-shard requirements stop at SKEW_CAP_MULTIPLE × the count even traffic needs (and the stream maximum). */
export function skewCap(found: Found): number {
  return Math.min(MAX_SHARDS, Math.max(found.even * SKEW_CAP_MULTIPLE, 1));
}

const writeBytesOk = (c: SizingContext, load: ShardLoad) => load.bytes <= c.u * SHARD_WRITE_BYTES_PER_SECOND;
const writeRecordsOk = (c: SizingContext, load: ShardLoad) => load.records <= c.u * SHARD_WRITE_RECORDS_PER_SECOND;
const readBytesOk = (c: SizingContext, load: ShardLoad) => c.consumers.shared * load.bytes <= c.u * SHARD_READ_BYTES_PER_SECOND;
/** All three per-shard rate limits at once (reads only with shared consumers). */
const withinRates = (c: SizingContext, load: ShardLoad) => writeBytesOk(c, load) && writeRecordsOk(c, load) && (c.consumers.shared === 0 || readBytesOk(c, load));

const writeBytes: Limit = {
  constraint: 'write-bytes',
  even: true,
  need: (c) => ({
    shards: smallestNNear((n) => writeBytesOk(c, c.uniform(n)), c.peak.writeBytesPerSecond / (c.u * SHARD_WRITE_BYTES_PER_SECOND)),
  }),
  detail: (c) => `${mib(c.peak.writeBytesPerSecond)} MiB/s at peak (payload + ${c.profile.traffic.partitionKeyBytes} B keys) ÷ (1 MiB/s × ${c.u})`,
  explain: (c, need) => ({
    topic: 'shards.write-bytes',
    formula: 'ceil(peak_records/s × (record_bytes + key_bytes) ÷ (1 MiB/s × target_utilization))',
    inputs: {
      peak_records_per_second: c.peak.userRecordsPerSecond,
      record_bytes: c.profile.traffic.recordSize.averageBytes,
      key_bytes: c.profile.traffic.partitionKeyBytes,
      target_utilization: c.u,
    },
    result: need.shards,
  }),
};

// Without KPL every user record is a Kinesis record, so the closed form is exact; with it, a start.
const writeRecords: Limit = {
  constraint: 'write-records',
  even: true,
  need: (c) => ({
    shards: smallestNNear((n) => writeRecordsOk(c, c.uniform(n)), c.peak.userRecordsPerSecond / (c.u * SHARD_WRITE_RECORDS_PER_SECOND)),
  }),
  detail: (c, need) =>
    c.profile.producer.aggregation === 'kpl'
      ? `${fmt(c.peak.userRecordsPerSecond)} user records/s packed by KPL into ≈${fmt(c.uniform(need.shards).records)} Kinesis records/s per shard at ${need.shards} shard(s) ÷ (1,000/s × ${c.u})`
      : `${fmt(c.peak.userRecordsPerSecond)} records/s at peak ÷ (1,000/s × ${c.u})`,
  explain: (c, need) => ({
    topic: 'shards.write-records',
    formula:
      c.profile.producer.aggregation === 'kpl'
        ? 'smallest N with Kinesis_rec/s per shard ≤ 1,000 × u; Kinesis_rec/s = min(λ, max((P/T_b)(1 − e^(−λT_b/P)), λ ÷ floor(aggregation_max_size ÷ record_bytes))), λ = peak/N'
        : 'ceil(peak_records/s ÷ (1,000/s × target_utilization))',
    inputs: {
      peak_records_per_second: c.peak.userRecordsPerSecond,
      target_utilization: c.u,
      aggregation: c.profile.producer.aggregation,
      producers: c.profile.producer.producers,
      buffer_time_s: c.profile.producer.bufferTimeSeconds,
      aggregation_max_size_bytes: c.profile.producer.aggregationMaxSizeBytes,
    },
    result: need.shards,
  }),
};

const readBytes: Limit = {
  constraint: 'read-bytes',
  even: true,
  need: (c) =>
    c.consumers.shared === 0
      ? { shards: 1, row: false }
      : {
          shards: smallestNNear((n) => readBytesOk(c, c.uniform(n)), (c.consumers.shared * c.peak.writeBytesPerSecond) / (c.u * SHARD_READ_BYTES_PER_SECOND)),
        },
  detail: (c) => `${c.consumers.shared} shared consumer(s) × ${mib(c.peak.writeBytesPerSecond)} MiB/s ÷ (2 MiB/s × ${c.u})`,
  explain: (c, need) => ({
    topic: 'shards.read-bytes',
    formula: 'ceil(shared_consumers × peak write bytes/s ÷ (2 MiB/s × target_utilization))',
    inputs: { shared_consumers: c.consumers.shared, peak_write_bytes_per_second: c.peak.writeBytesPerSecond, target_utilization: c.u },
    result: need.shards,
  }),
};

// Skew: the same three limits for the hottest shard. The hottest shard never carries less than the
// busiest key, so skew can need more shards than is sensible, or than any count can give; past the
// skew cap the fix is spreading the keys, not shards. The cap grows with traffic, so more traffic
// still never gets fewer shards.
const hotKey: Limit = {
  constraint: 'hot-key',
  need(c, found) {
    // Even traffic needs more shards than a stream can have: the quota is the verdict (see quota).
    if (found.even >= MAX_SHARDS) return { shards: found.even, row: false };
    const cap = skewCap(found);
    // As the count grows the hottest shard tends to the busiest key alone.
    const p1 = c.risk.hot(1).topKeyShare;
    const keyOnly = {
      bytes: p1 * c.peak.writeBytesPerSecond,
      records: kinesisRecordsOnShard(p1 * c.peak.userRecordsPerSecond, c.userRecordBytes, c.profile.producer).kinesisRecordsPerSecond,
    };
    const feasible = withinRates(c, keyOnly);
    // The hottest shard carries at least the mean, so meeting the limits there implies N ≥ found.even.
    const ok = (n: number) => withinRates(c, c.hottest(n));
    const found1 = !feasible ? Number.POSITIVE_INFINITY : c.monotone ? smallestNNear(ok, found.even, 1, cap) : search(c, found, hotKey, ok, found.even, cap);
    const shards = Math.min(found1, cap);
    const unfixable: Unfixable[] = [];
    if (!feasible) {
      unfixable.push({
        kind: 'hot-key',
        message: `the busiest partition key carries ${pct(p1)} of traffic (${fmt(p1 * c.peak.userRecordsPerSecond)} records/s, ${mib(p1 * c.peak.writeBytesPerSecond)} MiB/s at peak): its shard stays above ${pct(c.u)} of a limit at any shard count`,
        fix: 'salt the key (append a suffix 0..n to spread it over n shards) or set explicit hash keys',
      });
    } else if (!Number.isFinite(found1)) {
      unfixable.push({
        kind: 'hot-key',
        message: `key skew puts ${fmt(c.risk.hot(cap).factor)}× the mean load on the hottest shard even at ${cap} shards (${SKEW_CAP_MULTIPLE}× what evenly spread keys need): sized at that cap`,
        fix: 'spread the busiest keys (salting, explicit hash keys), or list the keys (partition_keys: [...]) for their exact placement',
      });
    }
    return { shards, row: shards > found.even, capped: !Number.isFinite(found1), unfixable };
  },
  holds: (c, n) => withinRates(c, c.hottest(n)),
  atShare: (c, s) => withinRates(c, loadAtShare(c, s)),
  detail(c, need) {
    const h = c.risk.hot(need.shards);
    const how = h.method === 'exact' ? 'exact MD5 placement of the keys' : `p95 over hash placements, ${describeKeys(c.profile)}`;
    return `hottest shard carries ${fmt(h.factor)}× the mean load (${how})${need.capped ? '; capped' : ''}`;
  },
};

// GetRecords TPS: every shared consumer polls every shard, so more shards do not help.
const readTps: Limit = {
  constraint: 'read-tps',
  need(c) {
    if (c.consumers.shared === 0) return { shards: 1, row: false };
    const { pollsPerSecond } = c.consumers;
    const unfixable: Unfixable[] = [];
    const warnings: Warning[] = [];
    if (pollsPerSecond > SHARD_READ_TPS) {
      unfixable.push({
        kind: 'read-tps',
        message: `shared consumers poll ${fmt(pollsPerSecond)} GetRecords/s per shard; the limit is 5/s per shard, whatever the shard count`,
        fix: 'move consumers to enhanced fan-out (efo: true), or poll less often (polls_per_second / KCL idleTimeBetweenReadsInMillis ≥ 1,000 ms)',
      });
    } else if (pollsPerSecond > SHARD_READ_TPS * c.u) {
      warnings.push({
        code: 'read-tps-high',
        message: `shared consumers use ${pct(pollsPerSecond / SHARD_READ_TPS)} of the 5 GetRecords/s per shard; one more poller will throttle reads (ReadProvisionedThroughputExceeded)`,
      });
    }
    return { shards: 1, unfixable, warnings };
  },
  detail: (c) => `Σ GetRecords polls ${fmt(c.consumers.pollsPerSecond)}/s per shard of 5/s (${c.consumers.names.join(', ')}); independent of the shard count`,
  explain: (c) => ({
    topic: 'utilization.read-tps',
    formula: 'Σ polls_per_second of shared consumers ÷ 5 GetRecords/s per shard',
    inputs: Object.fromEntries([
      ...c.profile.consumers.filter((x) => !x.efo).map((x) => [x.name, x.pollsPerSecond] as const),
      ...c.profile.firehose.filter((f) => f.source === 'stream').map((f) => [f.name, 1] as const),
    ]),
    result: c.consumers.pollsPerSecond / SHARD_READ_TPS,
  }),
};

// Enhanced fan-out: a registered-consumer limit per stream, not per shard.
const efoLimitOf = (mode: StreamMode) => (mode === 'on-demand-advantage' ? EFO_CONSUMER_LIMIT_ADVANTAGE : EFO_CONSUMER_LIMIT);
const efoConsumers: Limit = {
  constraint: 'efo-consumers',
  need(c) {
    if (c.consumers.efo === 0) return { shards: 1, row: false };
    const limit = efoLimitOf(c.mode);
    const unfixable: Unfixable[] = [];
    if (c.consumers.efo > limit) {
      unfixable.push({
        kind: 'efo-consumers',
        message: `${c.consumers.efo} enhanced fan-out consumers exceed the ${limit} registered consumers per stream`,
        fix:
          c.mode === 'on-demand-advantage'
            ? 'split the consumers across streams, or move some to shared polling'
            : 'on-demand Advantage allows 50; otherwise split across streams or move some to shared polling',
      });
    }
    return { shards: 1, unfixable };
  },
  detail: (c) => `${c.consumers.efo} enhanced fan-out consumer(s) of ${efoLimitOf(c.mode)} per stream; each gets 2 MiB/s per shard`,
};

/**
 * Catch-up SLA of one consumer: after an outage of L seconds it must read the backlog within L again:
 * T = L·W / (limit − load) ≤ L  ⇔  W ≤ limit / (1 + others) (docs/model.md).
 */
function catchUp(consumer: Profile['consumers'][number]): Limit {
  const sla = consumer.catchUpSeconds!;
  const limit: Limit = {
    constraint: 'catch-up',
    need(c, found) {
      const cap = skewCap(found);
      const need = search(c, found, limit, (n) => catchUpOk(c, consumer, n), c.monotone ? 1 : found.all, cap);
      const unfixable: Unfixable[] = [];
      if (!Number.isFinite(need)) {
        unfixable.push({
          kind: 'hot-key',
          message: `${consumer.name}: the hottest shard leaves too little spare read capacity to catch up within ${sla}s even at ${cap} shards: sized at that cap`,
          fix: 'spread the busiest keys, read with enhanced fan-out, or relax catch_up',
        });
      }
      return { shards: Math.min(need, cap), capped: !Number.isFinite(need), unfixable };
    },
    holds: (c, n) => catchUpOk(c, consumer, n),
    atShare: (c, s) => catchUpAt(c, consumer, averageWriteBytes(c) * s),
    detail: () => `${consumer.name}: catch up on ${sla}s of backlog within ${sla}s: backlog × shard write rate ÷ spare read rate ≤ SLA`,
  };
  return limit;
}

/** Whether the hottest shard at N shards leaves the consumer enough spare read rate to catch up in time. */
function catchUpOk(c: SizingContext, consumer: Profile['consumers'][number], n: number): boolean {
  return catchUpAt(c, consumer, (averageWriteBytes(c) / n) * c.risk.hot(n).factor);
}

/** Average write bytes/s of the whole stream (keys included): what a backlog builds from. */
function averageWriteBytes(c: SizingContext): number {
  const t = c.profile.traffic;
  return t.recordsPerSecond * (t.recordSize.averageBytes + t.partitionKeyBytes);
}

/** Whether a shard written at `w` bytes/s on average leaves the consumer enough spare read rate. */
function catchUpAt(c: SizingContext, consumer: Profile['consumers'][number], w: number): boolean {
  const sla = consumer.catchUpSeconds!;
  const available = consumer.efo ? SHARD_READ_BYTES_PER_SECOND - w : SHARD_READ_BYTES_PER_SECOND - c.consumers.shared * w;
  return available > 0 && (w * sla) / available <= sla;
}

// Throttle rate: shards until the expected throttled share of shard-seconds at peak is acceptable.
const throttleRate: Limit = {
  constraint: 'throttle-rate',
  need(c, found) {
    const maxRate = c.profile.stream.maxThrottleRate;
    const floor = Math.max(found.all, 1);
    // Past the stream maximum the count still follows the target (the quota entry reports it);
    // listed keys would need a scan over hundreds of thousands of counts there, so they stop.
    if (floor >= MAX_SHARDS && !c.monotone) return { shards: floor, row: false };
    const cap = floor >= MAX_SHARDS ? found.even * SKEW_CAP_MULTIPLE : skewCap(found);
    const ok = fastThrottleOk(c.risk, maxRate, c.peak.userRecordsPerSecond);
    if (ok(floor) && found.prior(floor)) return { shards: floor, row: false };
    const guess = c.monotone ? throttleGuess(c, maxRate, floor, cap) : undefined;
    const n = floor >= cap ? Number.POSITIVE_INFINITY : guess !== undefined ? smallestNNear(ok, guess, floor, cap) : search(c, found, throttleRate, ok, floor, cap);
    const shards = Math.max(floor, Math.min(n, cap));
    const unfixable: Unfixable[] = [];
    if (!Number.isFinite(n)) {
      const atAnyCount = c.risk.keyFloorAbove?.(maxRate) ?? c.risk.keyFloor().fraction > maxRate;
      // Random keys have no busiest key: what more shards do not cure is the bursts themselves.
      const keyed = c.risk.hot(1).topKeyShare > 0;
      unfixable.push({
        kind: keyed ? 'hot-key' : 'bursts',
        message: atAnyCount
          ? `per-second bursts on the busiest partition key keep its shard throttled more than ${maxRate} of the time at any shard count`
          : `per-second bursts on the hottest shard stay above ${maxRate} of shard-seconds up to ${cap} shards (${SKEW_CAP_MULTIPLE}× what evenly spread ${keyed ? 'keys' : 'traffic'} needs): sized at that cap`,
        fix: keyed
          ? 'spread the busiest keys (salting, explicit hash keys), smooth producer bursts (KPL RateLimit, batching), or accept a higher max_throttle_rate'
          : 'smooth producer bursts (KPL RateLimit, batching), or accept a higher max_throttle_rate',
      });
    }
    return { shards, row: shards > floor, capped: !Number.isFinite(n), unfixable };
  },
  holds: (c, n) => fastThrottleOk(c.risk, c.profile.stream.maxThrottleRate, c.peak.userRecordsPerSecond)(n),
  atShare(c, s) {
    // Known only without KPL aggregation (μ*, the largest adequate shard mean); fastThrottleOk
    // judges within 1e-6 of μ* by the exact probability, so the bound keeps that margin.
    const muStar = c.risk.maxShardMean?.(c.profile.stream.maxThrottleRate);
    return muStar === undefined || !(muStar > 0) || s * c.peak.userRecordsPerSecond <= muStar * (1 + 2e-6);
  },
  detail: (c) => `per-second bursts (${c.profile.traffic.burstiness.level}) on the hottest shard: throttled share ≤ ${c.profile.stream.maxThrottleRate} of shard-seconds at peak`,
};

/**
 * Where the throttle search starts when μ* (the largest adequate shard mean) is known: the count at
 * which peak × H(N) ÷ N reaches μ*, by two fixed-point steps from the floor (H(N) ÷ N, the hottest
 * shard's share, does not grow with N). A guess only: smallestNNear checks it and searches outward,
 * usually in a few probes where doubling from the floor takes a dozen (each a hot-shard quantile).
 */
function throttleGuess(c: SizingContext, maxRate: number, floor: number, cap: number): number | undefined {
  const muStar = c.risk.maxShardMean?.(maxRate);
  if (muStar === undefined || !(muStar > 0)) return undefined;
  let n = floor;
  for (let step = 0; step < 2; step++) {
    const next = Math.ceil((c.peak.userRecordsPerSecond * c.risk.hot(n).factor) / n / muStar);
    if (!(next > n) || next > cap) break;
    n = next;
  }
  return n;
}

/**
 * Whether the hottest shard at N shards stays within the throttle target. When the risk model knows
 * the largest acceptable shard mean μ*, the answer is the cheap comparison peak ÷ N × H ≤ μ*, with
 * the exact probability evaluated only within 1e-6 of the boundary (μ* is known to 1e-7, MU_STAR_TOLERANCE).
 */
function fastThrottleOk(risk: RiskModel, maxRate: number, peakRecordsPerSecond: number): (n: number) => boolean {
  const exact = (n: number) => throttleFraction(risk, n) <= maxRate;
  const muStar = risk.maxShardMean?.(maxRate);
  if (muStar === undefined || !(muStar > 0)) return exact;
  return (n) => withinMuStar((peakRecordsPerSecond / n) * risk.hot(n).factor, muStar, () => exact(n));
}

// The stream maximum: UpdateShardCount scales a stream to at most 10,000 shards, within the account's
// shard quota (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_UpdateShardCount.html).
// Past it no count is adequate; the rows above keep their formulas and this says what to do.
const quota: Limit = {
  constraint: 'minimum',
  need(c, found) {
    // On-demand streams are run by AWS, whose own ceiling plan.ts reports.
    if (found.all <= MAX_SHARDS || c.mode !== 'provisioned') return { shards: found.all, row: false };
    return {
      shards: found.all,
      row: false,
      unfixable: [
        {
          kind: 'shard-quota',
          message: `the stream needs ${formatGrouped(found.all)} shards at peak, past the ${formatGrouped(MAX_SHARDS)} shards a stream can scale to (UpdateShardCount) and the default account shard quota`,
          fix: 'split the workload over several streams, or request a shard quota increase (Service Quotas) and spread the traffic so no stream passes 10,000 shards',
        },
      ],
    };
  },
  detail: () => '',
};

/** The limits of a profile, in the order they are sized and reported. */
export function limitsOf(profile: Profile): Limit[] {
  return [writeBytes, writeRecords, readBytes, hotKey, readTps, efoConsumers, ...profile.consumers.filter((x) => x.catchUpSeconds !== null).map(catchUp), throttleRate, quota];
}

export function describeKeys(profile: Profile): string {
  const k = profile.traffic.partitionKeys;
  if (k.kind === 'random') return 'random keys';
  if (k.kind === 'count') return `${k.count} keys, Zipf s=${profile.traffic.keySkew}`;
  return `${k.keys.length} listed keys`;
}
