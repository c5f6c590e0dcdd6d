// Sizing a Kinesis data stream: shards required by each per-shard limit at peak, under
// target_utilization, for the hottest shard; the binding constraint; and what more shards cannot fix.
// Limits: https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html

import type { Profile, StreamMode } from '../../profile/types.js';
import type { Constraint, Explanation, Requirement, Unfixable, Warning } from '../../report/types.js';
import { MIB, formatGrouped } from '../../units.js';
import {
  EFO_CONSUMER_LIMIT,
  EFO_CONSUMER_LIMIT_ADVANTAGE,
  KEY_WRITE_BYTES_PER_SECOND,
  KEY_WRITE_RECORDS_PER_SECOND,
  SHARD_READ_BYTES_PER_SECOND,
  SHARD_READ_TPS,
  SHARD_WRITE_BYTES_PER_SECOND,
  SHARD_WRITE_RECORDS_PER_SECOND,
  kinesisRecordsOnShard,
} from './traffic.js';

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
  /** Mean user records/s on the hottest shard at peak with `shards` shards (what throttle() is judged at). */
  hottestMean?(shards: number): number;
  /** throttle(shards).fraction alone: searches need only the probability. */
  throttleFraction?(shards: number): number;
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

/**
 * Sizes the stream (or checks a given shard count). Each requirement is the smallest N at which the
 * hottest shard stays within `target_utilization` of that limit; the hot-shard factor depends on N,
 * so each is found by search (the requirement is monotone in N).
 */
export function sizeShards(profile: Profile, mode: StreamMode, risk: RiskModel, withExplain = true): ShardCountResult {
  const u = profile.stream.targetUtilization;
  const peak = peakFlow(profile);
  const consumers = consumerCounts(profile);
  // Explanations are built only when asked for (`--explain`); searches and sweeps skip them.
  const explain: Explanation[] | undefined = withExplain ? [] : undefined;
  const warnings: Warning[] = [];
  const unfixable: Unfixable[] = [];
  const t = profile.traffic;
  const userRecordBytes = t.recordSize.averageBytes + t.partitionKeyBytes;

  // Load of the hottest shard at N shards.
  const hottest = (n: number) => {
    const hot = risk.hot(n);
    const userRps = (peak.userRecordsPerSecond / n) * hot.factor;
    const flow = kinesisRecordsOnShard(userRps, userRecordBytes, profile.producer);
    const bytes = (peak.writeBytesPerSecond / n) * hot.factor;
    return { hot, bytes, records: flow.kinesisRecordsPerSecond };
  };
  const uniform = (n: number) => {
    const userRps = peak.userRecordsPerSecond / n;
    const flow = kinesisRecordsOnShard(userRps, userRecordBytes, profile.producer);
    return { bytes: peak.writeBytesPerSecond / n, records: flow.kinesisRecordsPerSecond };
  };

  const writeBytesOk = (n: number, load: { bytes: number }) => load.bytes <= u * SHARD_WRITE_BYTES_PER_SECOND;
  const writeRecordsOk = (n: number, load: { records: number }) => load.records <= u * SHARD_WRITE_RECORDS_PER_SECOND;
  const readBytesOk = (n: number, load: { bytes: number }) =>
    consumers.shared * load.bytes <= u * SHARD_READ_BYTES_PER_SECOND;

  const requirements: Requirement[] = [];
  const nWriteBytes = smallestNNear((n) => writeBytesOk(n, uniform(n)), peak.writeBytesPerSecond / (u * SHARD_WRITE_BYTES_PER_SECOND));
  requirements.push({
    constraint: 'write-bytes',
    shards: nWriteBytes,
    detail: `${mib(peak.writeBytesPerSecond)} MiB/s at peak (payload + ${t.partitionKeyBytes} B keys) ÷ (1 MiB/s × ${u})`,
  });
  explain?.push({
    topic: 'shards.write-bytes',
    formula: 'ceil(peak_records/s × (record_bytes + key_bytes) ÷ (1 MiB/s × target_utilization))',
    inputs: {
      peak_records_per_second: peak.userRecordsPerSecond,
      record_bytes: t.recordSize.averageBytes,
      key_bytes: t.partitionKeyBytes,
      target_utilization: u,
    },
    result: nWriteBytes,
  });

  // Without KPL every user record is a Kinesis record, so the closed form is exact; with it, a start.
  const nWriteRecords = smallestNNear((n) => writeRecordsOk(n, uniform(n)), peak.userRecordsPerSecond / (u * SHARD_WRITE_RECORDS_PER_SECOND));
  const kinesisRpsUniform = uniform(1).records;
  requirements.push({
    constraint: 'write-records',
    shards: nWriteRecords,
    detail:
      profile.producer.aggregation === 'kpl'
        ? `${fmt(peak.userRecordsPerSecond)} user records/s packed by KPL into ≈${fmt(uniform(nWriteRecords).records)} Kinesis records/s per shard at ${nWriteRecords} shard(s) ÷ (1,000/s × ${u})`
        : `${fmt(peak.userRecordsPerSecond)} records/s at peak ÷ (1,000/s × ${u})`,
  });
  explain?.push({
    topic: 'shards.write-records',
    formula:
      profile.producer.aggregation === 'kpl'
        ? 'smallest N with Kinesis_rec/s per shard ≤ 1,000 × u; Kinesis_rec/s = (P/T_b)(1 − e^(−λT_b/P)) + bytes/s ÷ aggregation_max_size, λ = peak/N'
        : 'ceil(peak_records/s ÷ (1,000/s × target_utilization))',
    inputs: {
      peak_records_per_second: peak.userRecordsPerSecond,
      target_utilization: u,
      aggregation: profile.producer.aggregation,
      producers: profile.producer.producers,
      buffer_time_s: profile.producer.bufferTimeSeconds,
      aggregation_max_size_bytes: profile.producer.aggregationMaxSizeBytes,
    },
    result: nWriteRecords,
  });

  let nReadBytes = 1;
  if (consumers.shared > 0) {
    nReadBytes = smallestNNear((n) => readBytesOk(n, uniform(n)), (consumers.shared * peak.writeBytesPerSecond) / (u * SHARD_READ_BYTES_PER_SECOND));
    requirements.push({
      constraint: 'read-bytes',
      shards: nReadBytes,
      detail: `${consumers.shared} shared consumer(s) × ${mib(peak.writeBytesPerSecond)} MiB/s ÷ (2 MiB/s × ${u})`,
    });
    explain?.push({
      topic: 'shards.read-bytes',
      formula: 'ceil(shared_consumers × peak write bytes/s ÷ (2 MiB/s × target_utilization))',
      inputs: { shared_consumers: consumers.shared, peak_write_bytes_per_second: peak.writeBytesPerSecond, target_utilization: u },
      result: nReadBytes,
    });
  }

  // Skew: the same three limits for the hottest shard. When skew needs more shards than uniform
  // traffic would, the binding constraint is the hot key(s).
  // The hottest shard never carries less than the busiest key, so skew can need more shards than
  // is sensible, or than any count can give. Requirements driven by the hot shard are capped at
  // SKEW_CAP_MULTIPLE × the count even traffic would need (and at the stream maximum); past the cap
  // the fix is spreading the keys, not shards. The cap grows with traffic, so more traffic still
  // never gets fewer shards.
  const hotOk = (n: number) => {
    const h = hottest(n);
    return writeBytesOk(n, h) && writeRecordsOk(n, h) && (consumers.shared === 0 || readBytesOk(n, h));
  };
  const nUniform = Math.max(nWriteBytes, nWriteRecords, nReadBytes);
  const skewCap = Math.min(MAX_SHARDS, Math.max(nUniform * SKEW_CAP_MULTIPLE, 1));
  // As the count grows the hottest shard tends to the busiest key alone.
  const p1 = risk.hot(1).topKeyShare;
  const keyOnly = {
    bytes: p1 * peak.writeBytesPerSecond,
    records: kinesisRecordsOnShard(p1 * peak.userRecordsPerSecond, userRecordBytes, profile.producer).kinesisRecordsPerSecond,
  };
  const hotFeasible = writeBytesOk(0, keyOnly) && writeRecordsOk(0, keyOnly) && (consumers.shared === 0 || readBytesOk(0, keyOnly));
  // The hottest shard carries at least the mean, so hotOk(N) implies the uniform limits: N ≥ nUniform.
  const nHotSearch = hotFeasible ? smallestNNear(hotOk, nUniform, 1, skewCap) : Number.POSITIVE_INFINITY;
  const nHot = Math.min(nHotSearch, skewCap);
  if (!hotFeasible) {
    unfixable.push({
      kind: 'hot-key',
      message: `the busiest partition key carries ${pct(p1)} of traffic (${fmt(p1 * peak.userRecordsPerSecond)} records/s, ${mib(p1 * peak.writeBytesPerSecond)} MiB/s at peak): its shard stays above ${pct(u)} of a limit at any shard count`,
      fix: 'salt the key (append a suffix 0..n to spread it over n shards) or set explicit hash keys',
    });
  } else if (!Number.isFinite(nHotSearch)) {
    unfixable.push({
      kind: 'hot-key',
      message: `key skew puts ${fmt(risk.hot(skewCap).factor)}× the mean load on the hottest shard even at ${skewCap} shards (${SKEW_CAP_MULTIPLE}× what evenly spread keys need): sized at that cap`,
      fix: 'spread the busiest keys (salting, explicit hash keys), or list the keys (partition_keys: [...]) for their exact placement',
    });
  }
  if (nHot > nUniform) {
    const h = risk.hot(nHot);
    requirements.push({
      constraint: 'hot-key',
      shards: nHot,
      detail: `hottest shard carries ${fmt(h.factor)}× the mean load (${h.method === 'exact' ? 'exact MD5 placement of the keys' : `p95 over hash placements, ${describeKeys(profile)}`})${Number.isFinite(nHotSearch) ? '' : '; capped'}`,
    });
  }

  // GetRecords TPS: every shared consumer polls every shard, so more shards do not help.
  const readTpsUtil = consumers.pollsPerSecond / SHARD_READ_TPS;
  let readThrottled = false;
  if (consumers.shared > 0) {
    requirements.push({
      constraint: 'read-tps',
      shards: 1,
      detail: `Σ GetRecords polls ${fmt(consumers.pollsPerSecond)}/s per shard of 5/s (${consumers.names.join(', ')}); independent of the shard count`,
    });
    explain?.push({
      topic: 'utilization.read-tps',
      formula: 'Σ polls_per_second of shared consumers ÷ 5 GetRecords/s per shard',
      inputs: Object.fromEntries(
        [...profile.consumers.filter((c) => !c.efo).map((c) => [c.name, c.pollsPerSecond] as const),
          ...profile.firehose.filter((f) => f.source === 'stream').map((f) => [f.name, 1] as const)],
      ),
      result: readTpsUtil,
    });
    if (consumers.pollsPerSecond > SHARD_READ_TPS) {
      readThrottled = true;
      unfixable.push({
        kind: 'read-tps',
        message: `shared consumers poll ${fmt(consumers.pollsPerSecond)} GetRecords/s per shard; the limit is 5/s per shard, whatever the shard count`,
        fix: 'move consumers to enhanced fan-out (efo: true), or poll less often (polls_per_second / KCL idleTimeBetweenReadsInMillis ≥ 1,000 ms)',
      });
    } else if (consumers.pollsPerSecond > SHARD_READ_TPS * u) {
      warnings.push({
        code: 'read-tps-high',
        message: `shared consumers use ${pct(readTpsUtil)} of the 5 GetRecords/s per shard; one more poller will throttle reads (ReadProvisionedThroughputExceeded)`,
      });
    }
  }

  // Enhanced fan-out: a registered-consumer limit per stream, not per shard.
  const efoLimit = mode === 'on-demand-advantage' ? EFO_CONSUMER_LIMIT_ADVANTAGE : EFO_CONSUMER_LIMIT;
  if (consumers.efo > 0) {
    requirements.push({
      constraint: 'efo-consumers',
      shards: 1,
      detail: `${consumers.efo} enhanced fan-out consumer(s) of ${efoLimit} per stream; each gets 2 MiB/s per shard`,
    });
    if (consumers.efo > efoLimit) {
      unfixable.push({
        kind: 'efo-consumers',
        message: `${consumers.efo} enhanced fan-out consumers exceed the ${efoLimit} registered consumers per stream`,
        fix:
          mode === 'on-demand-advantage'
            ? 'split the consumers across streams, or move some to shared polling'
            : 'on-demand Advantage allows 50; otherwise split across streams or move some to shared polling',
      });
    }
  }

  // Catch-up SLA: after an outage of L seconds a consumer must read the backlog within L again:
  // T = L·W / (limit − load) ≤ L  ⇔  W ≤ limit / (1 + others) (docs/model.md, "Consumers").
  const avgBytes = t.recordsPerSecond * (t.recordSize.averageBytes + t.partitionKeyBytes);
  let nCatchUp = 1;
  for (const c of profile.consumers) {
    if (c.catchUpSeconds === null) continue;
    const need = smallestN((n) => {
      const w = (avgBytes / n) * risk.hot(n).factor;
      const available = c.efo ? SHARD_READ_BYTES_PER_SECOND - w : SHARD_READ_BYTES_PER_SECOND - consumers.shared * w;
      return available > 0 && (w * c.catchUpSeconds!) / available <= c.catchUpSeconds!;
    }, 1, skewCap);
    if (!Number.isFinite(need)) {
      unfixable.push({
        kind: 'hot-key',
        message: `${c.name}: the hottest shard leaves too little spare read capacity to catch up within ${c.catchUpSeconds}s even at ${skewCap} shards: sized at that cap`,
        fix: 'spread the busiest keys, read with enhanced fan-out, or relax catch_up',
      });
    }
    const needCapped = Math.min(need, skewCap);
    if (needCapped > nCatchUp) nCatchUp = needCapped;
    requirements.push({
      constraint: 'catch-up',
      shards: needCapped,
      detail: `${c.name}: catch up on ${c.catchUpSeconds}s of backlog within ${c.catchUpSeconds}s: backlog × shard write rate ÷ spare read rate ≤ SLA`,
    });
  }

  // Throttle rate: shards until the expected throttled share of shard-seconds at peak is acceptable.
  const maxRate = profile.stream.maxThrottleRate;
  const floor = Math.max(nUniform, nHot, nCatchUp, 1);
  const throttleOk = fastThrottleOk(risk, maxRate, peak.userRecordsPerSecond);
  let nThrottle = floor;
  if (!throttleOk(floor)) {
    const found = floor < skewCap ? smallestN(throttleOk, floor, skewCap) : Number.POSITIVE_INFINITY;
    nThrottle = Math.max(floor, Math.min(found, skewCap));
    if (!Number.isFinite(found)) {
      const atAnyCount = risk.keyFloor().fraction > maxRate;
      unfixable.push({
        kind: 'hot-key',
        message: atAnyCount
          ? `per-second bursts on the busiest partition key keep its shard throttled more than ${maxRate} of the time at any shard count`
          : `per-second bursts on the hottest shard stay above ${maxRate} of shard-seconds up to ${skewCap} shards (${SKEW_CAP_MULTIPLE}× what evenly spread keys need): sized at that cap`,
        fix: 'spread the busiest keys (salting, explicit hash keys), smooth producer bursts (KPL RateLimit, batching), or accept a higher max_throttle_rate',
      });
    }
  }
  if (nThrottle > floor) {
    requirements.push({
      constraint: 'throttle-rate',
      shards: nThrottle,
      detail: `per-second bursts (${profile.traffic.burstiness.level}) on the hottest shard: throttled share ≤ ${maxRate} of shard-seconds at peak`,
    });
  }

  let shards = Math.max(floor, nThrottle);
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

  const h = hottest(shards);
  const utilization = utilizationAt(profile, risk, shards);
  if (utilization.read_bytes > 1) readThrottled = true;
  explain?.push({
    topic: 'utilization.write-bytes',
    formula: 'peak write bytes/s ÷ shards × hot_shard_factor ÷ 1 MiB/s',
    inputs: { peak_write_bytes_per_second: peak.writeBytesPerSecond, shards, hot_shard_factor: hot.factor },
    result: utilization.write_bytes,
  });
  explain?.push({
    topic: 'utilization.write-records',
    formula: 'Kinesis records/s on the hottest shard ÷ 1,000/s',
    inputs: { kinesis_records_per_second_hottest: h.records, shards, hot_shard_factor: hot.factor },
    result: utilization.write_records,
  });
  explain?.push({
    topic: 'hot-shard-factor',
    formula:
      hot.method === 'exact'
        ? 'N × max_j w_j with w_j = Σ traffic shares of the keys whose MD5 falls in shard j (even hash ranges)'
        : hot.method === 'uniform'
          ? 'random keys: every record picks a shard uniformly, so H = 1 (per-second variation is in the throttle risk)'
          : 'N × max(1/N + z_q·sd, p1 + (1 − p1)/N), sd² = (1/N)(1 − 1/N)Σp_k², z_q = Φ⁻¹(q^(1/N)), q = 0.95',
    inputs: { shards, keys: describeKeys(profile), key_skew: t.keySkew, top_key_share: hot.topKeyShare },
    result: hot.factor,
    note: `p50 ${fmt(hot.p50)}, p95 ${fmt(hot.p95)}`,
  });
  void kinesisRpsUniform;
  return {
    shards,
    shardsGiven: mode === 'provisioned' ? shardsGiven : null,
    binding,
    requirements,
    hot,
    utilization,
    kinesisRecordsPerSecondAtPeak: uniform(shards).records * shards,
    sharedConsumers: consumers.shared,
    efoConsumers: consumers.efo,
    pollsPerSecond: consumers.pollsPerSecond,
    unfixable,
    readThrottled,
    warnings,
    explain: explain ?? [],
  };
}

/** Share of each per-shard limit the hottest shard uses at peak with `shards` shards. */
export function utilizationAt(
  profile: Profile,
  risk: RiskModel,
  shards: number,
): { write_bytes: number; write_records: number; read_bytes: number; read_tps: number } {
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

/**
 * Whether the hottest shard at N shards stays within the throttle target. When the risk model knows
 * the largest acceptable shard mean μ*, the answer is the cheap comparison peak ÷ N × H ≤ μ*, with
 * the exact probability evaluated only within 1e-6 of the boundary (μ* is known to 1e-9).
 */
function fastThrottleOk(risk: RiskModel, maxRate: number, peakRecordsPerSecond: number): (n: number) => boolean {
  const exact = (n: number) => throttleFraction(risk, n) <= maxRate;
  const muStar = risk.maxShardMean?.(maxRate);
  if (muStar === undefined || !(muStar > 0)) return exact;
  return (n) => {
    const mu = (peakRecordsPerSecond / n) * risk.hot(n).factor;
    if (Math.abs(mu - muStar) <= 1e-6 * muStar) return exact(n);
    return mu < muStar;
  };
}

/**
 * Smallest N in [lo, cap] with ok(N) (ok monotone), searched outward from a guess: two calls of ok
 * when the guess is right, as closed forms usually are, instead of a doubling search from 1.
 */
export function smallestNNear(ok: (n: number) => boolean, guess: number, lo = 1, cap = Number.POSITIVE_INFINITY): number {
  const g = Math.min(Math.max(lo, Math.ceil(guess)), cap);
  // Absurd inputs keep the plain search and its early exit.
  if (!Number.isFinite(g) || g > MAX_SHARDS * 64) return smallestN(ok, lo, cap);
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
    if (hi > MAX_SHARDS * 64) return hi; // absurd input; the caller reports the count as it is
  }
  // ok(hi) and !ok(lo)
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (ok(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

function describeKeys(profile: Profile): string {
  const k = profile.traffic.partitionKeys;
  if (k.kind === 'random') return 'random keys';
  if (k.kind === 'count') return `${k.count} keys, Zipf s=${profile.traffic.keySkew}`;
  return `${k.keys.length} listed keys`;
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
