// Break-even: the traffic level at which two capacity modes cost the same. The profile's traffic
// (average and peak records/s together) is scaled over a bounded range; each mode's monthly cost is
// a function of that scale and the crossings of those curves are found by bisection on a log scale.
// Provisioned cost is a step function of the shard count, so a crossing may sit on a step.
// Pure: no I/O.

import type { Profile, StreamMode } from '../../profile/types.js';
import type { RegionPrices } from '../../prices/types.js';
import type { CostItem } from '../../report/types.js';
import { MIB, formatGrouped } from '../../units.js';
import { kinesisDrafts, onDemandShardEstimate } from '../cost/kinesis.js';
import { modelProfileFirehose } from '../firehose/delivery.js';
import { withKplBillingBasis } from '../cost/kpl-basis.js';
import { priceLines, type LineDraft } from '../cost/pricing.js';
import { buildRiskModel, type RiskOptions } from '../stream/risk-model.js';
import { sizeShards } from '../stream/sizing.js';

export const BREAK_EVEN_MODES: readonly StreamMode[] = ['provisioned', 'on-demand', 'on-demand-advantage'];

/** The pairs compared, in report order. */
export const BREAK_EVEN_PAIRS: readonly [StreamMode, StreamMode][] = [
  ['provisioned', 'on-demand'],
  ['on-demand', 'on-demand-advantage'],
  ['provisioned', 'on-demand-advantage'],
];

export interface BreakEvenOptions {
  /** Smallest and largest multiple of the profile's traffic searched. */
  minScale?: number;
  maxScale?: number;
  /** Grid points per decade before bisection (a crossing pair closer than one grid step can be missed). */
  pointsPerDecade?: number;
  /** Bisection stops when the bracket's high/low ratio is at most 1 + tolerance. */
  tolerance?: number;
  risk?: RiskOptions;
}

export const DEFAULT_BREAK_EVEN = { minScale: 1e-3, maxScale: 1e3, pointsPerDecade: 10, tolerance: 0.01 } as const;

export interface Crossing {
  /** Multiple of the profile's traffic. */
  scale: number;
  /** Average records/s (the profile's average × scale). */
  records_per_second: number;
  /** Average payload ingest, MiB/s. */
  mib_per_second: number;
  /** Whole-pipeline monthly cost of each of the two modes there (Firehose included, as in `alternatives`). */
  monthly_usd: Partial<Record<StreamMode, number>>;
  cheaper_below: StreamMode;
  cheaper_above: StreamMode;
}

export interface PairBreakEven {
  modes: [StreamMode, StreamMode];
  /** `provisioned↔on-demand`. */
  pair: string;
  status: 'crossing' | 'never' | 'unknown';
  crossings: Crossing[];
  /** Never within range: the mode cheaper over the whole range (null when they tie throughout). */
  cheaper_throughout?: StreamMode | null;
  /** Prices the catalogue lacks, when status is `unknown`. */
  unknown?: CostItem[];
  note: string;
}

export interface BreakEven {
  /** What is scaled. */
  basis: string;
  range: { min_scale: number; max_scale: number; min_records_per_second: number; max_records_per_second: number };
  tolerance: number;
  pairs: PairBreakEven[];
}

export interface ModeCostAt {
  shards: number;
  monthly_usd: number;
  unknown: CostItem[];
}

/** The profile with its traffic (average and peak) multiplied by `scale`, and shards sized automatically. */
export function scaleTraffic(profile: Profile, scale: number): Profile {
  const t = profile.traffic;
  return {
    ...profile,
    traffic: { ...t, recordsPerSecond: t.recordsPerSecond * scale, peakRecordsPerSecond: t.peakRecordsPerSecond * scale },
    stream: { ...profile.stream, shards: null },
  };
}

/**
 * Kinesis monthly cost of each mode, sized automatically, as `planRegion` sizes the alternatives
 * (one sizing serves all three: the modes differ only in what is billed).
 */
export function kinesisModeCosts(profile: Profile, prices: RegionPrices | undefined, risk?: RiskOptions): Record<StreamMode, ModeCostAt> {
  const p = profile.stream.shards === null ? profile : { ...profile, stream: { ...profile.stream, shards: null } };
  return modeCostsAt(p, provisionedShards(p, risk), prices);
}

/** Kinesis monthly cost of each mode: `provisioned` shards, and AWS's on-demand estimate for the others. */
function modeCostsAt(p: Profile, provisioned: number, prices: RegionPrices | undefined): Record<StreamMode, ModeCostAt> {
  const estimate = onDemandShardEstimate(p);
  const out = {} as Record<StreamMode, ModeCostAt>;
  for (const mode of BREAK_EVEN_MODES) {
    const shards = mode === 'provisioned' ? provisioned : estimate;
    const priced = priceLines(kinesisDrafts(p, mode, shards, false).drafts, prices);
    out[mode] = {
      shards,
      monthly_usd: priced.lines.reduce((s, l) => s + l.monthly_usd, 0),
      unknown: [...new Set(priced.unknown.map((u) => u.item))],
    };
  }
  return out;
}

/** Provisioned shards of a profile sized automatically. */
function provisionedShards(p: Profile, risk: RiskOptions | undefined): number {
  return sizeShards(p, 'provisioned', buildRiskModel(p, risk), false).shards;
}

// Sizing does not depend on the region, so `size` over many regions sizes each traffic level once.
const sizedAtScale = new WeakMap<Profile, Map<string, number>>();

/**
 * Provisioned shard counts by scale, for one profile: sized where they must be, and read off where
 * they cannot differ. The count never falls as traffic grows (test/properties: more traffic never
 * needs fewer shards), so a scale between two scales with the same count has that count: a break-even
 * scan over six decades sizes the one-shard stretch at its ends only.
 */
export class ShardsByScale {
  /** Scales sized or inferred, ascending, with their counts. */
  private readonly scales: number[] = [];
  private readonly shards: number[] = [];

  constructor(
    private readonly profile: Profile,
    private readonly risk: RiskOptions | undefined,
  ) {}

  at(scale: number): number {
    let lo = 0;
    let hi = this.scales.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.scales[mid]! < scale) lo = mid + 1;
      else hi = mid;
    }
    if (this.scales[lo] === scale) return this.shards[lo]!;
    const below = lo > 0 ? this.shards[lo - 1] : undefined;
    const above = lo < this.scales.length ? this.shards[lo] : undefined;
    const n = below !== undefined && below === above ? below : this.size(scale);
    this.scales.splice(lo, 0, scale);
    this.shards.splice(lo, 0, n);
    return n;
  }

  /** Counts at every scale of an ascending grid, sizing by halves: ends first, then between unequal ends. */
  fill(grid: readonly number[]): void {
    const fillBetween = (i: number, j: number): void => {
      if (j - i <= 1) return;
      const m = (i + j) >> 1;
      this.at(grid[m]!);
      fillBetween(i, m);
      fillBetween(m, j);
    };
    if (grid.length === 0) return;
    this.at(grid[0]!);
    this.at(grid[grid.length - 1]!);
    fillBetween(0, grid.length - 1);
  }

  private size(scale: number): number {
    let memo = sizedAtScale.get(this.profile);
    if (memo === undefined) {
      memo = new Map();
      sizedAtScale.set(this.profile, memo);
    }
    const key = `${scale}|${this.risk?.seed ?? ''}`;
    let n = memo.get(key);
    if (n === undefined) {
      n = provisionedShards(scaleTraffic(this.profile, scale), this.risk);
      memo.set(key, n);
    }
    return n;
  }
}

/** Kinesis costs at `scale` × the profile's traffic, with the provisioned count from `sized`. */
function costsAtScale(profile: Profile, scale: number, prices: RegionPrices | undefined, sized: ShardsByScale): Record<StreamMode, ModeCostAt> {
  return modeCostsAt(scaleTraffic(profile, scale), sized.at(scale), prices);
}

/** Firehose line drafts of a profile (the same in every mode). */
function firehoseDrafts(profile: Profile, region: string): LineDraft[] {
  return modelProfileFirehose(profile, region, false).drafts;
}

/** Whole-pipeline monthly cost of one mode at a given scale, priced as `planRegion` prices it. */
function pipelineMonthly(profile: Profile, mode: StreamMode, shards: number, prices: RegionPrices | undefined, region: string): number {
  const priced = priceLines([...kinesisDrafts(profile, mode, shards, false).drafts, ...withKplBillingBasis(profile, shards, firehoseDrafts(profile, region))], prices);
  return priced.lines.reduce((s, l) => s + l.monthly_usd, 0);
}

/**
 * Finds where the monthly cost curves of the capacity modes cross as the traffic scales. Longer than
 * 80 lines because the grid scan, the bisection and the crossing records of every mode pair share one
 * memo of costs by scale, so no scale is sized and priced twice.
 */
export function breakEven(profile: Profile, prices: RegionPrices | undefined, region: string, options: BreakEvenOptions = {}): BreakEven | undefined {
  if (profile.stream.mode === 'none') return undefined;
  const minScale = options.minScale ?? DEFAULT_BREAK_EVEN.minScale;
  const maxScale = options.maxScale ?? DEFAULT_BREAK_EVEN.maxScale;
  const perDecade = options.pointsPerDecade ?? DEFAULT_BREAK_EVEN.pointsPerDecade;
  const tolerance = options.tolerance ?? DEFAULT_BREAK_EVEN.tolerance;
  const risk = options.risk;
  const avg = profile.traffic.recordsPerSecond;
  const payload = profile.traffic.recordSize.averageBytes;

  const memo = new Map<number, Record<StreamMode, ModeCostAt>>();
  const sized = new ShardsByScale(profile, risk);
  const costsAt = (scale: number): Record<StreamMode, ModeCostAt> => {
    let c = memo.get(scale);
    if (c === undefined) {
      c = costsAtScale(profile, scale, prices, sized);
      memo.set(scale, c);
    }
    return c;
  };

  // Firehose lines are the same in every mode, so the Kinesis costs alone locate a crossing.
  const decades = Math.log10(maxScale / minScale);
  const steps = Math.max(2, Math.ceil(decades * perDecade));
  const grid: number[] = [];
  for (let i = 0; i <= steps; i++) grid.push(minScale * Math.pow(maxScale / minScale, i / steps));
  sized.at(1);
  sized.fill(grid);

  const pairs: PairBreakEven[] = [];
  for (const [a, b] of BREAK_EVEN_PAIRS) {
    const label = `${a}↔${b}`;
    const base = costsAt(1);
    const unknown = [...new Set([...base[a].unknown, ...base[b].unknown])];
    if (unknown.length > 0) {
      pairs.push({ modes: [a, b], pair: label, status: 'unknown', crossings: [], unknown, note: `cannot tell: no price for ${unknown.join(', ')}` });
      continue;
    }
    const diff = (scale: number): number => {
      const c = costsAt(scale);
      return c[a].monthly_usd - c[b].monthly_usd;
    };
    const sign = (x: number): number => (Math.abs(x) < 1e-9 ? 0 : Math.sign(x));
    const crossings: Crossing[] = [];
    let prevScale = grid[0] as number;
    let prevSign = sign(diff(prevScale));
    let firstSign = prevSign;
    for (let i = 1; i < grid.length; i++) {
      const s = grid[i] as number;
      const sg = sign(diff(s));
      if (firstSign === 0) firstSign = sg;
      if (sg !== 0 && prevSign !== 0 && sg !== prevSign) {
        // Bisection in log space: the bracket keeps one end on each side.
        let lo = prevScale;
        let hi = s;
        while (hi / lo > 1 + tolerance) {
          const mid = Math.sqrt(lo * hi);
          const m = sign(diff(mid));
          if (m === prevSign) lo = mid;
          else hi = mid;
        }
        const at = Math.sqrt(lo * hi);
        const below = prevSign < 0 ? a : b;
        const above = below === a ? b : a;
        const scaled = scaleTraffic(profile, at);
        const costs = costsAt(at);
        crossings.push({
          scale: at,
          records_per_second: avg * at,
          mib_per_second: (avg * at * payload) / MIB,
          monthly_usd: {
            [a]: pipelineMonthly(scaled, a, costs[a].shards, prices, region),
            [b]: pipelineMonthly(scaled, b, costs[b].shards, prices, region),
          },
          cheaper_below: below,
          cheaper_above: above,
        });
      }
      if (sg !== 0) prevSign = sg;
      prevScale = s;
    }
    if (crossings.length > 0) {
      pairs.push({ modes: [a, b], pair: label, status: 'crossing', crossings, note: crossings.map((c) => crossingSentence(c)).join('; ') });
    } else {
      const cheaper = firstSign < 0 ? a : firstSign > 0 ? b : null;
      pairs.push({
        modes: [a, b],
        pair: label,
        status: 'never',
        crossings: [],
        cheaper_throughout: cheaper,
        note: cheaper === null ? 'they cost the same over the whole range' : `never within range: ${cheaper} is cheaper throughout`,
      });
    }
  }
  return {
    basis: 'traffic.records_per_second and traffic.peak_records_per_second scaled together; shards sized automatically; Firehose unchanged',
    range: { min_scale: minScale, max_scale: maxScale, min_records_per_second: avg * minScale, max_records_per_second: avg * maxScale },
    tolerance,
    pairs,
  };
}

function crossingSentence(c: Crossing): string {
  const rps = formatGrouped(Number(c.records_per_second.toPrecision(3)));
  return `${c.cheaper_below} is cheaper below ${rps} records/s, ${c.cheaper_above} above`;
}
