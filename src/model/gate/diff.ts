// What changed between two reports (`kplan diff`, and the baseline of `kplan check`). Pure.

import type { CostItem, CostLine, FirehoseReport, RegionResult, Report, Service } from '../../report/types.js';
import { knownMonthly } from '../../report/cost.js';

/**
 * A number on both sides. A missing side counts as 0 in `change` (a cost line left out is $0); an
 * unknown side (an unpriced cost) makes `change` null.
 */
export interface NumberChange {
  base: number | null;
  head: number | null;
  change: number | null;
  /** change ÷ |base| × 100; null when the base is missing or 0. */
  percent: number | null;
}

export interface TextChange {
  base: string | null;
  head: string | null;
  changed: boolean;
}

export type DiffStatus = 'unchanged' | 'changed' | 'added' | 'removed';

export interface CostLineChange {
  service: Service;
  item: CostItem;
  resource: string | null;
  unit: string;
  status: DiffStatus;
  quantity: NumberChange;
  unit_price_usd: NumberChange;
  monthly_usd: NumberChange;
}

export interface FirehoseChange {
  name: string;
  status: DiffStatus;
  objects_per_day: NumberChange;
  latency_seconds: NumberChange;
}

export interface UnknownChange {
  base: CostItem[];
  head: CostItem[];
  added: CostItem[];
  removed: CostItem[];
}

export interface RegionDiff {
  region: string;
  status: DiffStatus;
  /** Stream capacity mode, `none` without a stream. */
  mode: TextChange;
  shards: NumberChange;
  binding_constraint: TextChange;
  throttle_level: TextChange;
  write_throttled_fraction: NumberChange;
  firehose: FirehoseChange[];
  cost: {
    hourly_usd: NumberChange;
    daily_usd: NumberChange;
    monthly_usd: NumberChange;
    /** The priced lines' sums: what is known of the change when a total is unknown. */
    known_monthly_usd: NumberChange;
    lines: CostLineChange[];
    unknown: UnknownChange;
  };
}

export interface DiffSide {
  profile: { name: string; file: string };
  prices: { as_of: string; source: string };
  kplan_version: string;
}

export interface ReportDiff {
  schema_version: 1;
  base: DiffSide;
  head: DiffSide;
  regions: RegionDiff[];
  /** Sums over every region of each side. */
  totals: {
    hourly_usd: NumberChange;
    daily_usd: NumberChange;
    monthly_usd: NumberChange;
    known_monthly_usd: NumberChange;
    /** True when a side has prices it could not find: its totals are null, known_monthly_usd a lower bound. */
    base_unknown: boolean;
    head_unknown: boolean;
  };
  changed: boolean;
}

/**
 * Compares two numbers; a missing side (undefined: the region or line is not there) counts as 0,
 * an unknown one (null: an unpriced cost) makes the change unknown too.
 */
export function numberChange(base: number | null | undefined, head: number | null | undefined): NumberChange {
  const b = base ?? null;
  const h = head ?? null;
  if (base === null || head === null) return { base: b, head: h, change: null, percent: null };
  const change = (h ?? 0) - (b ?? 0);
  const percent = b === null || b === 0 ? null : (change / Math.abs(b)) * 100;
  return { base: b, head: h, change, percent };
}

function textChange(base: string | null | undefined, head: string | null | undefined): TextChange {
  const b = base ?? null;
  const h = head ?? null;
  return { base: b, head: h, changed: b !== h };
}

const numberChanged = (c: NumberChange) => c.base !== c.head;

function lineKey(l: CostLine): string {
  return `${l.service}\u0000${l.item}\u0000${l.resource ?? ''}`;
}

/** Pairs items by key, in base order then head-only items in head order; repeated keys pair by occurrence. */
function pairBy<T>(base: readonly T[], head: readonly T[], key: (t: T) => string): [T | undefined, T | undefined][] {
  const pending = new Map<string, number[]>();
  head.forEach((h, i) => {
    const k = key(h);
    const list = pending.get(k);
    if (list) list.push(i);
    else pending.set(k, [i]);
  });
  const pairs: [T | undefined, T | undefined][] = [];
  const used = new Set<number>();
  for (const b of base) {
    const i = pending.get(key(b))?.shift();
    if (i !== undefined) used.add(i);
    pairs.push([b, i === undefined ? undefined : head[i]]);
  }
  head.forEach((h, i) => {
    if (!used.has(i)) pairs.push([undefined, h]);
  });
  return pairs;
}

function statusOf(base: unknown, head: unknown, changed: boolean): DiffStatus {
  if (base === undefined) return 'added';
  if (head === undefined) return 'removed';
  return changed ? 'changed' : 'unchanged';
}

function diffLine(b: CostLine | undefined, h: CostLine | undefined): CostLineChange {
  const any = (h ?? b) as CostLine;
  const quantity = numberChange(b?.quantity, h?.quantity);
  const unitPrice = numberChange(b?.unit_price_usd, h?.unit_price_usd);
  const monthly = numberChange(b?.monthly_usd, h?.monthly_usd);
  return {
    service: any.service,
    item: any.item,
    resource: any.resource ?? null,
    unit: any.unit,
    status: statusOf(b, h, [quantity, unitPrice, monthly].some(numberChanged) || b?.unit !== h?.unit),
    quantity,
    unit_price_usd: unitPrice,
    monthly_usd: monthly,
  };
}

function diffFirehose(b: FirehoseReport | undefined, h: FirehoseReport | undefined): FirehoseChange {
  const objects = numberChange(b?.objects_per_day, h?.objects_per_day);
  const latency = numberChange(b?.latency_seconds, h?.latency_seconds);
  return {
    name: (h ?? b)?.name ?? '',
    status: statusOf(b, h, numberChanged(objects) || numberChanged(latency)),
    objects_per_day: objects,
    latency_seconds: latency,
  };
}

function diffRegion(b: RegionResult | undefined, h: RegionResult | undefined): RegionDiff {
  const bs = b?.stream;
  const hs = h?.stream;
  const mode = (r: RegionResult | undefined) => (r === undefined ? null : (r.stream?.mode ?? 'none'));
  const lines = pairBy(b?.cost.lines ?? [], h?.cost.lines ?? [], lineKey).map(([x, y]) => diffLine(x, y));
  const firehose = pairBy(b?.firehose ?? [], h?.firehose ?? [], (f) => f.name).map(([x, y]) => diffFirehose(x, y));
  const baseUnknown = b?.cost.unknown ?? [];
  const headUnknown = h?.cost.unknown ?? [];
  const d: RegionDiff = {
    region: (h ?? b)?.region ?? '',
    status: 'unchanged',
    mode: textChange(mode(b), mode(h)),
    shards: numberChange(bs?.shards, hs?.shards),
    binding_constraint: textChange(bs?.binding_constraint, hs?.binding_constraint),
    throttle_level: textChange(bs?.throttle.level, hs?.throttle.level),
    write_throttled_fraction: numberChange(bs?.throttle.write_throttled_fraction_at_peak, hs?.throttle.write_throttled_fraction_at_peak),
    firehose,
    cost: {
      hourly_usd: numberChange(b?.cost.hourly_usd, h?.cost.hourly_usd),
      daily_usd: numberChange(b?.cost.daily_usd, h?.cost.daily_usd),
      monthly_usd: numberChange(b?.cost.monthly_usd, h?.cost.monthly_usd),
      known_monthly_usd: numberChange(b && knownMonthly(b.cost), h && knownMonthly(h.cost)),
      lines,
      unknown: {
        base: [...baseUnknown],
        head: [...headUnknown],
        added: headUnknown.filter((i) => !baseUnknown.includes(i)),
        removed: baseUnknown.filter((i) => !headUnknown.includes(i)),
      },
    },
  };
  const changed =
    [d.mode, d.binding_constraint, d.throttle_level].some((t) => t.changed) ||
    [d.shards, d.write_throttled_fraction, d.cost.hourly_usd, d.cost.daily_usd, d.cost.monthly_usd].some(numberChanged) ||
    lines.some((l) => l.status !== 'unchanged') ||
    firehose.some((f) => f.status !== 'unchanged') ||
    d.cost.unknown.added.length > 0 ||
    d.cost.unknown.removed.length > 0;
  d.status = statusOf(b, h, changed);
  return d;
}

function side(r: Report): DiffSide {
  return { profile: { ...r.profile }, prices: { ...r.prices }, kplan_version: r.kplan_version };
}

/** A report's total over its regions; null when any region's is unknown. */
function total(r: Report, key: 'hourly_usd' | 'daily_usd' | 'monthly_usd'): number | null {
  let sum = 0;
  for (const x of r.results) {
    const v = x.cost[key];
    if (v === null) return null;
    sum += v;
  }
  return sum;
}

/** Compares two reports region by region (matched by Region code). */
export function diffReports(base: Report, head: Report): ReportDiff {
  const regions = pairBy(base.results, head.results, (r) => r.region).map(([b, h]) => diffRegion(b, h));
  const totals = {
    hourly_usd: numberChange(total(base, 'hourly_usd'), total(head, 'hourly_usd')),
    daily_usd: numberChange(total(base, 'daily_usd'), total(head, 'daily_usd')),
    monthly_usd: numberChange(total(base, 'monthly_usd'), total(head, 'monthly_usd')),
    known_monthly_usd: numberChange(
      base.results.reduce((s, r) => s + knownMonthly(r.cost), 0),
      head.results.reduce((s, r) => s + knownMonthly(r.cost), 0),
    ),
    base_unknown: base.results.some((r) => r.cost.unknown.length > 0),
    head_unknown: head.results.some((r) => r.cost.unknown.length > 0),
  };
  return {
    schema_version: 1,
    base: side(base),
    head: side(head),
    regions,
    totals,
    changed: regions.some((r) => r.status !== 'unchanged'),
  };
}
