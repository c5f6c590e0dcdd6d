// Scaling schedule for a provisioned stream with a daily curve: hourly shard counts that obey
// UpdateShardCount (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_UpdateShardCount.html):
// at most 10 scaling operations per rolling 24 h, each to between ½× and 2× the current count, and
// each taking minutes. Compared with a static stream sized for the peak and with on-demand.
// Pure: no I/O.

import type { Profile, StreamMode } from '../../profile/types.js';
import type { RegionPrices } from '../../prices/types.js';
import type { CostItem } from '../../report/types.js';
import { HOURS_PER_DAY, HOURS_PER_MONTH } from '../../units.js';
import { kinesisDrafts, onDemandShardEstimate } from '../cost/kinesis.js';
import { priceLines, type LineDraft } from '../cost/pricing.js';
import { buildRiskModel, type RiskOptions } from '../stream/risk-model.js';
import { sizeShards, throttleFraction, type RiskModel } from '../stream/sizing.js';

export const UPDATE_SHARD_COUNT_URL = 'https://docs.aws.amazon.com/kinesis/latest/APIReference/API_UpdateShardCount.html';

export interface ScheduleRules {
  /** Scaling operations per rolling 24 h (UpdateShardCount default quota: 10). */
  maxChanges: number;
  /**
   * Minutes a scale-up is started before the hour it serves, so the new shards are open when the
   * traffic arrives (AWS: resharding takes "a few minutes"). Those minutes are billed at the new count.
   */
  leadMinutes: number;
}

export const DEFAULT_RULES: ScheduleRules = { maxChanges: 10, leadMinutes: 15 };

export interface PlannedSchedule {
  /** Shards in force during each slot (hour). */
  shards: number[];
  /** Scaling operations per cycle, counting the wrap-around from the last slot to the first. */
  changes: number;
  /** Σ shards over the cycle plus the lead time of each scale-up (shard-slots). */
  shardSlots: number;
}

/** Changes in a cyclic sequence, counting the wrap-around. */
export function countChanges(shards: readonly number[]): number {
  let n = 0;
  for (let i = 0; i < shards.length; i++) if (shards[i] !== shards[(i + shards.length - 1) % shards.length]) n++;
  return n;
}

/** True when one UpdateShardCount call can go from `from` to `to` (target within ½× … 2×). */
export function oneStep(from: number, to: number): boolean {
  return 2 * to >= from && to <= 2 * from;
}

/**
 * The cheapest repeating schedule with `shards[i] ≥ needs[i]`, each change one UpdateShardCount call
 * within ½×–2×, and at most `maxChanges` changes per cycle (the cycle repeats, so any rolling window
 * of one cycle holds exactly one cycle's changes). Dynamic programming over (slot, shard count,
 * changes used). The busiest slot holds the peak count in some optimum, so the cycle starts there;
 * other counts need only be needs or reached from one by halving (ceil(n/2)): lowering any
 * other run of equal counts would cost less. Longer than 80 lines because the forward pass, the
 * closing of the cycle and the walk back read the same flat cost and parent arrays by their indices.
 */
export function planSchedule(needs: readonly number[], rules: ScheduleRules = DEFAULT_RULES): PlannedSchedule {
  const n = needs.length;
  if (n === 0) return { shards: [], changes: 0, shardSlots: 0 };
  const need = needs.map((x) => Math.max(1, Math.ceil(x)));
  const peak = Math.max(...need);
  const start = need.indexOf(peak);
  const lead = rules.leadMinutes / 60;
  const maxK = Math.max(0, Math.floor(rules.maxChanges));

  const values = new Set<number>();
  for (const v of need)
    for (let x = v; ; x = Math.ceil(x / 2)) {
      values.add(x);
      if (x <= 1) break;
    }
  const C = [...values].filter((v) => v <= peak).sort((a, b) => a - b);
  const m = C.length;
  const iPeak = C.indexOf(peak);
  const K = maxK + 1;
  const INF = Number.POSITIVE_INFINITY;

  // cost[k * m + i] after slot t; parent[t][k * m + i] = previous value index.
  let cost = new Float64Array(K * m).fill(INF);
  cost[iPeak] = peak;
  const parents: Int32Array[] = [new Int32Array(K * m).fill(-1)];
  for (let t = 1; t < n; t++) {
    const slot = (start + t) % n;
    const next = new Float64Array(K * m).fill(INF);
    const parent = new Int32Array(K * m).fill(-1);
    for (let i = 0; i < m; i++) {
      const v = C[i] as number;
      if (v < (need[slot] as number)) continue;
      for (let k = 0; k < K; k++) {
        let best = cost[k * m + i] as number;
        let from = Number.isFinite(best) ? i : -1;
        if (k > 0) {
          for (let j = 0; j < m; j++) {
            if (j === i) continue;
            const u = C[j] as number;
            if (!oneStep(u, v)) continue;
            const c = (cost[(k - 1) * m + j] as number) + lead * Math.max(0, v - u);
            if (c < best - 1e-12) {
              best = c;
              from = j;
            }
          }
        }
        if (from >= 0) {
          next[k * m + i] = best + v;
          parent[k * m + i] = from;
        }
      }
    }
    cost = next;
    parents.push(parent);
  }

  // Close the cycle back to the peak count.
  let bestCost = INF;
  let bestK = -1;
  let bestI = -1;
  for (let k = 0; k < K; k++) {
    for (let i = 0; i < m; i++) {
      const c = cost[k * m + i] as number;
      if (!Number.isFinite(c)) continue;
      const u = C[i] as number;
      let total: number;
      let changes: number;
      if (u === peak) {
        total = c;
        changes = k;
      } else {
        if (!oneStep(u, peak) || k + 1 > maxK) continue;
        total = c + lead * Math.max(0, peak - u);
        changes = k + 1;
      }
      if (total < bestCost - 1e-9 || (Math.abs(total - bestCost) <= 1e-9 && changes < countFor(bestK, bestI))) {
        bestCost = total;
        bestK = k;
        bestI = i;
      }
    }
  }
  function countFor(k: number, i: number): number {
    if (k < 0) return INF;
    return C[i] === peak ? k : k + 1;
  }

  // Walk the parents back.
  const seq = new Array<number>(n);
  let k = bestK;
  let i = bestI;
  for (let t = n - 1; t >= 0; t--) {
    seq[t] = C[i] as number;
    if (t === 0) break;
    const j = (parents[t] as Int32Array)[k * m + i] as number;
    if (j !== i) k -= 1;
    i = j;
  }
  const shards = new Array<number>(n);
  for (let t = 0; t < n; t++) shards[(start + t) % n] = seq[t] as number;
  return { shards, changes: countChanges(shards), shardSlots: shardSlots(shards, rules.leadMinutes) };
}

/** Σ shards per slot plus the lead minutes of each scale-up, billed at the new count. */
export function shardSlots(shards: readonly number[], leadMinutes: number): number {
  let total = 0;
  for (let i = 0; i < shards.length; i++) {
    const s = shards[i] as number;
    const nextS = shards[(i + 1) % shards.length] as number;
    total += s + (leadMinutes / 60) * Math.max(0, nextS - s);
  }
  return total;
}

// ---- the report section ----

export interface ScheduleHour {
  /** UTC hour. */
  hour: number;
  records_per_second: number;
  /** Shards that hour's traffic needs (same constraints and target utilisation as `size`). */
  need: number;
  shards: number;
  /** The UpdateShardCount call that takes effect at the start of this hour. */
  change: null | { from: number; to: number; starts_minutes_before: number };
}

export type Strategy = 'static' | 'scheduled' | 'on-demand' | 'on-demand-advantage';

export interface StrategyCost {
  strategy: Strategy;
  /** Static: the count; scheduled: the largest; on-demand: AWS's estimated count at peak. */
  shards: number;
  shard_hours_per_day: number | null;
  /** Stream cost only: Firehose is the same in every strategy. Null when a price is unknown. */
  daily_usd: number | null;
  monthly_usd: number | null;
  /** The sum of the priced lines a month. */
  known_monthly_usd: number;
  unknown: CostItem[];
  /** Largest hourly write throttled fraction at that hour's peak (hottest shard); null for on-demand. */
  write_throttled_fraction: number | null;
  note: string;
}

export interface ScheduleReport {
  basis: string;
  rules: { max_changes_per_24h: number; min_factor: number; max_factor: number; lead_minutes: number; source: string };
  /** Within-hour peak ÷ hour average, taken from the busiest hour and applied to every hour. */
  peak_to_hour_ratio: number;
  hours: ScheduleHour[];
  changes: number;
  /** Each hour at its own need, whatever the rules. */
  ideal: { shards: number[]; changes: number; shard_hours_per_day: number; daily_usd: number | null; obeys_rules: boolean };
  strategies: StrategyCost[];
  /** Cheapest strategy with every price known; null when none can be compared. */
  cheapest: Strategy | null;
}

export interface ScheduleOptions {
  rules?: ScheduleRules;
  risk?: RiskOptions;
}

/** Shard-hour-priced items: billed per shard in force, so they follow the schedule. */
const PER_SHARD_ITEMS: ReadonlySet<CostItem> = new Set(['shard-hours', 'extended-retention', 'efo-consumer-shard-hours']);

/** The profile's traffic during one UTC hour, as a flat profile. */
function hourProfile(profile: Profile, hour: number, ratio: number): Profile {
  const t = profile.traffic;
  const m = (t.dailyCurve as number[])[hour] as number;
  return {
    ...profile,
    traffic: { ...t, recordsPerSecond: t.recordsPerSecond * m, peakRecordsPerSecond: t.recordsPerSecond * m * ratio, dailyCurve: null },
    stream: { ...profile.stream, shards: null },
  };
}

/** The profile with only one hour of the curve (the others zero): monthly volumes of that hour alone. */
function oneHour(profile: Profile, hour: number): Profile {
  const curve = profile.traffic.dailyCurve as number[];
  return { ...profile, traffic: { ...profile.traffic, dailyCurve: curve.map((m, h) => (h === hour ? m : 0)) } };
}

/** Kinesis provisioned cost with `shards[h]` in force each hour (scale-ups billed from their start). */
function provisionedCost(profile: Profile, shards: readonly number[], leadMinutes: number, prices: RegionPrices | undefined): { monthly: number; unknown: CostItem[] } {
  const merged = new Map<string, LineDraft>();
  for (let h = 0; h < HOURS_PER_DAY; h++) {
    const s = shards[h] as number;
    const nextS = shards[(h + 1) % HOURS_PER_DAY] as number;
    const effective = s + (leadMinutes / 60) * Math.max(0, nextS - s);
    for (const d of kinesisDrafts(oneHour(profile, h), 'provisioned', s, false).drafts) {
      const q = PER_SHARD_ITEMS.has(d.item) ? (d.quantity * effective) / (s * HOURS_PER_DAY) : d.quantity;
      const key = `${d.item}|${d.priceKey}`;
      const prev = merged.get(key);
      if (prev === undefined) merged.set(key, { ...d, quantity: q });
      else prev.quantity += q;
    }
  }
  const priced = priceLines([...merged.values()], prices);
  return { monthly: priced.lines.reduce((a, l) => a + l.monthly_usd, 0), unknown: [...new Set(priced.unknown.map((u) => u.item))] };
}

function onDemandCost(profile: Profile, mode: StreamMode, shards: number, prices: RegionPrices | undefined): { monthly: number; unknown: CostItem[] } {
  const priced = priceLines(kinesisDrafts(profile, mode, shards, false).drafts, prices);
  return { monthly: priced.lines.reduce((a, l) => a + l.monthly_usd, 0), unknown: [...new Set(priced.unknown.map((u) => u.item))] };
}

const perDay = (monthly: number): number => (monthly * HOURS_PER_DAY) / HOURS_PER_MONTH;

/** A strategy's money: null totals when a price is unknown (never $0), and the known part. */
function money(c: { monthly: number; unknown: CostItem[] }): Pick<StrategyCost, 'daily_usd' | 'monthly_usd' | 'known_monthly_usd' | 'unknown'> {
  const known = c.unknown.length === 0;
  return { daily_usd: known ? perDay(c.monthly) : null, monthly_usd: known ? c.monthly : null, known_monthly_usd: c.monthly, unknown: c.unknown };
}

interface HoursSized {
  needs: number[];
  /** Each hour's risk model; null for an idle hour (no traffic, no risk). */
  models: (RiskModel | null)[];
  staticSizing: ReturnType<typeof sizeShards>;
  plan: PlannedSchedule;
}
const hoursMemo = new WeakMap<Profile, Map<string, HoursSized>>();

/**
 * The schedule section of a provisioned profile with a daily curve; undefined otherwise. Each hour
 * is sized at its own rate with the within-hour burstiness of the busiest hour: the hour's peak is
 * `hour rate × ratio`, ratio = profile peak ÷ (busiest hour multiplier × average), at least 1.
 * Longer than 80 lines because the four strategies, the hour rows and the ideal are all built from the
 * same memoised hourly sizing, risk models and plan.
 */
export function buildSchedule(profile: Profile, prices: RegionPrices | undefined, options: ScheduleOptions = {}): ScheduleReport | undefined {
  const curve = profile.traffic.dailyCurve;
  if (curve === null || curve.length !== HOURS_PER_DAY || profile.stream.mode !== 'provisioned') return undefined;
  const rules = options.rules ?? DEFAULT_RULES;
  const t = profile.traffic;
  const busiest = Math.max(...curve);
  const ratio = Math.max(1, t.peakRecordsPerSecond / Math.max(busiest * t.recordsPerSecond, 1e-12));

  // Sizing does not depend on the region: `size` over many regions sizes the hours once.
  const memoKey = `${options.risk?.seed ?? ''}|${rules.maxChanges}|${rules.leadMinutes}`;
  let sized = hoursMemo.get(profile)?.get(memoKey);
  if (sized === undefined) {
    const needs: number[] = [];
    const models: (RiskModel | null)[] = [];
    for (let h = 0; h < HOURS_PER_DAY; h++) {
      const hp = hourProfile(profile, h, ratio);
      if (!(hp.traffic.recordsPerSecond > 0)) {
        needs.push(1);
        models.push(null);
        continue;
      }
      const risk = buildRiskModel(hp, options.risk);
      needs.push(sizeShards(hp, 'provisioned', risk, false).shards);
      models.push(risk);
    }
    const auto = { ...profile, stream: { ...profile.stream, shards: null } };
    const staticSizing = sizeShards(auto, 'provisioned', buildRiskModel(auto, options.risk), false);
    sized = { needs, models, staticSizing, plan: planSchedule(needs, rules) };
    const forProfile = hoursMemo.get(profile) ?? new Map<string, HoursSized>();
    forProfile.set(memoKey, sized);
    hoursMemo.set(profile, forProfile);
  }
  const { needs, models, staticSizing, plan } = sized;
  const risk = (h: number, shards: number): number => {
    const m = models[h];
    return m ? throttleFraction(m, shards) : 0;
  };
  const auto = { ...profile, stream: { ...profile.stream, shards: null } };
  const staticShards = Math.max(staticSizing.shards, ...needs);
  // Without KPL aggregation every hour has the same per-shard settings, so the throttle probability
  // is a non-decreasing function of the hottest shard's mean alone: the day's maximum is the busiest
  // hour's value, one evaluation instead of 24. With aggregation the records cap moves with the load.
  const maxRisk = (shards: readonly number[]): number => {
    if (profile.producer.aggregation === 'none') {
      let busiest = -1;
      let top = Number.NEGATIVE_INFINITY;
      shards.forEach((s, h) => {
        const model = models[h];
        // An idle hour carries nothing; a model without hottestMean makes the shortcut give way.
        const m = model ? (model.hottestMean?.(s) ?? Number.NaN) : 0;
        if (m > top) {
          top = m;
          busiest = h;
        }
      });
      if (busiest >= 0) return risk(busiest, shards[busiest] as number);
    }
    return Math.max(...shards.map((s, h) => risk(h, s)));
  };

  const staticArr = new Array<number>(HOURS_PER_DAY).fill(staticShards);
  const staticCost = provisionedCost(profile, staticArr, 0, prices);
  const schedCost = provisionedCost(profile, plan.shards, rules.leadMinutes, prices);
  const idealCost = provisionedCost(profile, needs, rules.leadMinutes, prices);
  const estimate = onDemandShardEstimate(profile);
  const od = onDemandCost(auto, 'on-demand', estimate, prices);
  const adv = onDemandCost(auto, 'on-demand-advantage', estimate, prices);

  const strategies: StrategyCost[] = [
    {
      strategy: 'static',
      shards: staticShards,
      shard_hours_per_day: staticShards * HOURS_PER_DAY,
      ...money(staticCost),
      write_throttled_fraction: maxRisk(staticArr),
      note: `${staticShards} shards all day, sized for the peak`,
    },
    {
      strategy: 'scheduled',
      shards: Math.max(...plan.shards),
      shard_hours_per_day: plan.shardSlots,
      ...money(schedCost),
      write_throttled_fraction: maxRisk(plan.shards),
      note: `${plan.changes} UpdateShardCount call(s) a day; never below an hour's need`,
    },
    {
      strategy: 'on-demand',
      shards: estimate,
      shard_hours_per_day: null,
      ...money(od),
      write_throttled_fraction: null,
      note: 'scales itself; a daily curve stays within 2× the previous 30-day peak once the stream has seen one day',
    },
    {
      strategy: 'on-demand-advantage',
      shards: estimate,
      shard_hours_per_day: null,
      ...money(adv),
      write_throttled_fraction: null,
      note: 'billed at ≥ 25 MiB/s in and out, a minimum per account and Region that kplan charges to this stream alone',
    },
  ];
  const comparable = strategies.filter((s) => s.unknown.length === 0);
  const cheapest = comparable.length > 0 ? comparable.reduce((a, b) => (b.known_monthly_usd < a.known_monthly_usd - 1e-9 ? b : a)).strategy : null;

  const hours: ScheduleHour[] = plan.shards.map((s, h) => {
    const prev = plan.shards[(h + HOURS_PER_DAY - 1) % HOURS_PER_DAY] as number;
    return {
      hour: h,
      records_per_second: t.recordsPerSecond * (curve[h] as number),
      need: needs[h] as number,
      shards: s,
      change: s === prev ? null : { from: prev, to: s, starts_minutes_before: s > prev ? rules.leadMinutes : 0 },
    };
  });
  return {
    basis: `each UTC hour sized at its rate × ${Number(ratio.toPrecision(4))} (the busiest hour's peak ÷ its average), same constraints and target utilisation; stream cost only (Firehose is the same in every strategy)`,
    rules: { max_changes_per_24h: rules.maxChanges, min_factor: 0.5, max_factor: 2, lead_minutes: rules.leadMinutes, source: UPDATE_SHARD_COUNT_URL },
    peak_to_hour_ratio: ratio,
    hours,
    changes: plan.changes,
    ideal: {
      shards: needs,
      changes: countChanges(needs),
      shard_hours_per_day: shardSlots(needs, rules.leadMinutes),
      daily_usd: money(idealCost).daily_usd,
      obeys_rules: countChanges(needs) <= rules.maxChanges && needs.every((s, h) => oneStep(needs[(h + HOURS_PER_DAY - 1) % HOURS_PER_DAY] as number, s)),
    },
    strategies,
    cheapest,
  };
}
