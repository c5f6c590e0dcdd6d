// Budgets against a report: `kplan check` (docs/ci-gate.md). Pure: the CLI decides the exit code
// from the verdicts and renders them.

import { usageError } from '../../errors.js';
import { formatOneDecimal, formatSignificantDigits, formatUsd } from '../../units.js';
import type { Budget, BudgetName } from '../../profile/types.js';
import type { CostItem, CostLine, CostReport, RegionResult, Report } from '../../report/types.js';
import { knownMonthly, knownTotal, unknownLines } from '../../report/cost.js';

export type VerdictLevel = 'pass' | 'warn' | 'fail' | 'unknown' | 'n/a';

export type BudgetUnit = 'usd' | 'count' | 'fraction' | 'seconds' | 'percent';

/** What each budget measures. */
export const BUDGET_UNITS: Readonly<Record<BudgetName, BudgetUnit>> = {
  monthly_usd: 'usd',
  daily_usd: 'usd',
  hourly_usd: 'usd',
  shards: 'count',
  throttle_rate: 'fraction',
  utilization: 'fraction',
  latency_seconds: 'seconds',
  objects_per_day: 'count',
  monthly_usd_increase: 'usd',
  monthly_usd_increase_percent: 'percent',
};

/** Budgets on the change against a baseline report. */
export const INCREASE_BUDGETS: readonly BudgetName[] = ['monthly_usd_increase', 'monthly_usd_increase_percent'];

export interface Verdict {
  budget: BudgetName;
  region: string;
  level: VerdictLevel;
  /** True when this verdict fails the run (exit 1). */
  blocking: boolean;
  unit: BudgetUnit;
  /** The measured value; for `unknown`, the priced part only. null when not available. */
  value: number | null;
  /** The threshold the value was compared with: the one broken, else the tightest one held. */
  threshold: number | null;
  threshold_level: 'warn' | 'error' | null;
  warn: number | null;
  error: number | null;
  /** value − threshold, for `warn` and `fail`. */
  overage: number | null;
  /** overage ÷ |threshold| × 100; null when the threshold is 0. */
  overage_percent: number | null;
  /** `budgets` (the profile) or the flag that set the budget. */
  origin: string;
  /** Where the budget is declared; null for flags. */
  file: string | null;
  line: number | null;
  column: number | null;
  message: string;
  /** Why an `n/a` or `unknown` verdict could not be judged. */
  reason?: string;
  /** Cost items without a price: on `unknown` verdicts, and on verdicts decided in spite of them. */
  unknown_items?: CostItem[];
  /** Increase budgets: the baseline's monthly cost in this region (null when the region is new). */
  baseline_monthly_usd?: number | null;
}

export interface CheckSummary {
  total: number;
  passed: number;
  warnings: number;
  failed: number;
  unknown: number;
  not_applicable: number;
  /** Verdicts that fail the run: broken error thresholds and error budgets that could not be judged. */
  blocking: number;
  /** The exit code these verdicts give: 0 or 1. */
  exit_code: 0 | 1;
}

/** Throws a UsageError when a budget on the change has no baseline to compare with. */
export function requireBaseline(budgets: readonly Budget[], hasBaseline: boolean, profileFile?: string): void {
  if (hasBaseline) return;
  const needing = budgets.filter((b) => INCREASE_BUDGETS.includes(b.name));
  const first = needing[0];
  if (first === undefined) return;
  const fromProfile = first.position !== null;
  throw usageError('bad-flag', `budget \`${first.name}\` (${first.origin}) compares with a baseline, and no --baseline was given`, {
    ...(fromProfile && profileFile !== undefined ? { file: profileFile, position: first.position ?? undefined, path: `budgets.${first.name}` } : { file: first.origin }),
    hint: 'save the base report with `kplan size <profile> --format json > base.json` and pass `--baseline base.json`',
  });
}

interface Measure {
  value: number | null;
  reason?: string;
  /** Where the true value lies when some prices are unknown; absent when the value is exact. */
  range?: { lo: number; hi: number; items: CostItem[] };
  baselineMonthly?: number | null;
  note?: string;
}

const NO_STREAM = 'the profile has no data stream (stream.mode: none)';
const NO_FIREHOSE = 'the profile has no Firehose delivery stream';

function measure(name: BudgetName, r: RegionResult, baseline: Report | undefined): Measure {
  switch (name) {
    case 'monthly_usd':
    case 'daily_usd':
    case 'hourly_usd': {
      const value = knownTotal(r.cost, name);
      // A missing price is never $0, so the priced part is a lower bound.
      return r.cost.unknown.length === 0 ? { value } : { value, range: { lo: value, hi: Infinity, items: [...r.cost.unknown] } };
    }
    case 'shards':
      return r.stream === null ? { value: null, reason: NO_STREAM } : { value: r.stream.shards };
    case 'throttle_rate':
      return r.stream === null ? { value: null, reason: NO_STREAM } : { value: r.stream.throttle.write_throttled_fraction_at_peak };
    case 'utilization': {
      if (r.stream === null) return { value: null, reason: NO_STREAM };
      const shares = Object.values(r.stream.utilization_at_peak).filter((x) => Number.isFinite(x));
      return shares.length === 0 ? { value: null, reason: 'the report has no utilisation figures' } : { value: Math.max(...shares) };
    }
    case 'latency_seconds':
      return r.firehose.length === 0 ? { value: null, reason: NO_FIREHOSE } : { value: Math.max(...r.firehose.map((f) => f.latency_seconds)) };
    case 'objects_per_day':
      return r.firehose.length === 0 ? { value: null, reason: NO_FIREHOSE } : { value: r.firehose.reduce((s, f) => s + f.objects_per_day, 0) };
    case 'monthly_usd_increase':
    case 'monthly_usd_increase_percent':
      return measureIncrease(name, r, baseline);
  }
}

/**
 * How the unpriced parts of two costs compare. `cancels`: the same unpriced quantities on both
 * sides (same region, so the same real price): they drop out of the difference. `head-adds`: the
 * head's unpriced quantities are at least the base's, so the priced difference is a lower bound.
 */
export function unknownBalance(head: CostReport, base: CostReport): 'none' | 'cancels' | 'head-adds' | 'open' {
  if (head.unknown.length === 0 && base.unknown.length === 0) return 'none';
  if (base.unknown.length === 0) return 'head-adds';
  const headLines = unknownLines(head);
  const baseLines = unknownLines(base);
  if (headLines.length === 0 || baseLines.length === 0) return 'open';
  const sum = (lines: readonly CostLine[]) => {
    const m = new Map<string, number>();
    for (const l of lines) {
      const k = `${l.service}\u0000${l.item}\u0000${l.resource ?? ''}\u0000${l.unit}`;
      m.set(k, (m.get(k) ?? 0) + l.quantity);
    }
    return m;
  };
  const h = sum(headLines);
  const b = sum(baseLines);
  const close = (x: number, y: number) => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
  if (h.size === b.size && [...b].every(([k, q]) => h.has(k) && close(h.get(k) ?? 0, q))) return 'cancels';
  if ([...b].every(([k, q]) => (h.get(k) ?? 0) >= q)) return 'head-adds';
  return 'open';
}

function measureIncrease(name: BudgetName, r: RegionResult, baseline: Report | undefined): Measure {
  if (baseline === undefined) return { value: null, reason: 'no --baseline report to compare with' };
  const base = baseline.results.find((b) => b.region === r.region);
  const head = knownMonthly(r.cost);
  if (base === undefined) {
    // A region the baseline did not have: all of its cost is new.
    if (name === 'monthly_usd_increase') {
      const m: Measure = { value: head, baselineMonthly: null, note: 'region not in the baseline' };
      if (r.cost.unknown.length > 0) m.range = { lo: head, hi: Infinity, items: [...r.cost.unknown] };
      return m;
    }
    return { value: null, reason: 'the region is not in the baseline, so a percentage increase is undefined', baselineMonthly: null };
  }
  const b = knownMonthly(base.cost);
  const d = head - b;
  const balance = unknownBalance(r.cost, base.cost);
  const items = [...new Set([...r.cost.unknown, ...base.cost.unknown])];
  const note = balance === 'cancels' ? 'the same unpriced quantities on both sides cancel out' : undefined;
  const withNote = (m: Measure): Measure => (note === undefined ? m : { ...m, note });
  if (name === 'monthly_usd_increase') {
    const m: Measure = { value: d, baselineMonthly: b };
    if (balance === 'head-adds') m.range = { lo: d, hi: Infinity, items };
    if (balance === 'open') m.range = { lo: -Infinity, hi: Infinity, items };
    return withNote(m);
  }
  if (b === 0 && base.cost.unknown.length === 0) {
    if (head === 0 && r.cost.unknown.length === 0) return { value: 0, baselineMonthly: 0 };
    return { value: null, reason: 'the baseline monthly cost in this region is $0, so a percentage increase is undefined', baselineMonthly: 0 };
  }
  const p = b === 0 ? (d === 0 ? 0 : Math.sign(d) * Infinity) : (d / Math.abs(b)) * 100;
  const m: Measure = { value: Number.isFinite(p) ? p : null, baselineMonthly: b };
  if (m.value === null) return { ...m, reason: 'the baseline has no priced cost in this region, so a percentage increase is undefined' };
  if (balance === 'none') return m;
  if (balance === 'head-adds' && base.cost.unknown.length === 0) m.range = { lo: p, hi: Infinity, items };
  // An unpriced baseline part only grows the denominator: the true change lies between 0 and p.
  else if (balance === 'cancels') m.range = { lo: Math.min(0, p), hi: Math.max(0, p), items };
  else m.range = { lo: -Infinity, hi: Infinity, items };
  return withNote(m);
}

/** Judges every budget in every region of the report: one verdict per budget per region, budgets in order. */
export function judge(report: Report, budgets: readonly Budget[], baseline?: Report): Verdict[] {
  requireBaseline(budgets, baseline !== undefined, report.profile.file);
  const verdicts: Verdict[] = [];
  for (const budget of budgets) {
    for (const region of report.results) verdicts.push(judgeOne(report, budget, region, baseline));
  }
  return verdicts;
}

function judgeOne(report: Report, budget: Budget, region: RegionResult, baseline: Report | undefined): Verdict {
  const unit = BUDGET_UNITS[budget.name];
  const m = measure(budget.name, region, baseline);
  const fromProfile = budget.position !== null || budget.origin === 'budgets';
  const v: Verdict = {
    budget: budget.name,
    region: region.region,
    level: 'pass',
    blocking: false,
    unit,
    value: m.value,
    threshold: null,
    threshold_level: null,
    warn: budget.warn,
    error: budget.error,
    overage: null,
    overage_percent: null,
    origin: budget.origin,
    file: fromProfile ? report.profile.file : null,
    line: budget.position?.line ?? null,
    column: budget.position?.col ?? null,
    message: '',
  };
  if (m.baselineMonthly !== undefined) v.baseline_monthly_usd = m.baselineMonthly;
  const where = declaredAt(v);
  const subject = `${budget.name} in ${region.region}`;
  const fmt = (n: number) => formatBudgetValue(unit, n);

  if (budget.warn === null && budget.error === null) {
    return { ...v, level: 'n/a', reason: 'the budget has no warn or error threshold', message: `${subject}: the budget has no warn or error threshold ${where}` };
  }
  if (m.value === null) {
    const reason = m.reason ?? 'the value is not available';
    return { ...v, level: 'n/a', reason, message: `${subject} does not apply: ${reason} ${where}` };
  }
  const value = m.value;
  // Judge the whole range the true value may lie in: exact values have a range of one point.
  const lo = m.range?.lo ?? value;
  const hi = m.range?.hi ?? value;
  const over = (t: number | null): t is number => t !== null && lo > t;
  const within = (t: number | null) => t === null || hi <= t;
  const bounded = m.range === undefined ? v : { ...v, unknown_items: [...m.range.items] };
  const atLeast = m.range !== undefined && lo === value && hi > value ? 'at least ' : '';
  const atMost = m.range !== undefined && hi === value && lo < value ? 'at most ' : '';
  const note = m.note ? ` (${m.note})` : '';

  if (over(budget.error)) return overBy(bounded, 'fail', budget.error, lo, subject, where, atLeast, note);
  if (within(budget.error) && over(budget.warn)) return overBy(bounded, 'warn', budget.warn, lo, subject, where, atLeast, note);
  if (within(budget.error) && within(budget.warn)) {
    const t = budget.warn ?? budget.error ?? 0;
    const tl = budget.warn !== null ? 'warn' : 'error';
    return { ...bounded, level: 'pass', threshold: t, threshold_level: tl, message: `${subject} is ${atMost}${fmt(value)}${note}, within the ${tl} threshold ${fmt(t)} ${where}` };
  }
  // The missing prices could go either way, and a gate must not pass what it cannot see.
  const items = m.range?.items ?? [];
  const reason = `the catalogue has no price for ${items.join(', ')}`;
  const t = budget.error ?? budget.warn ?? 0;
  const tl = budget.error !== null ? 'error' : 'warn';
  return {
    ...v,
    level: 'unknown',
    blocking: budget.error !== null,
    threshold: t,
    threshold_level: tl,
    reason,
    unknown_items: [...items],
    message:
      `${subject} cannot be judged: ${reason} (priced part ${fmt(value)}, ${tl} threshold ${fmt(t)})` +
      `${budget.error !== null ? '; an error budget that cannot be judged fails' : ''} ${where}`,
  };
}

function overBy(v: Verdict, level: 'warn' | 'fail', threshold: number, value: number, subject: string, where: string, atLeast: string, note: string): Verdict {
  const tl = level === 'fail' ? 'error' : 'warn';
  const overage = value - threshold;
  const overagePercent = threshold === 0 ? null : (overage / Math.abs(threshold)) * 100;
  const pct = overagePercent === null ? '' : ` (${formatPercent(overagePercent)})`;
  return {
    ...v,
    level,
    blocking: level === 'fail',
    threshold,
    threshold_level: tl,
    overage,
    overage_percent: overagePercent,
    message:
      `${subject} is ${atLeast}${formatBudgetValue(v.unit, value)}${note}, over the ${tl} threshold ${formatBudgetValue(v.unit, threshold)} ` +
      `by ${atLeast}${formatOverage(v.unit, overage)}${pct}${atLeast ? ' (some prices are unknown)' : ''} ${where}`,
  };
}

/** `(budgets at x.yaml:42)` or `(from --max-monthly-usd)`. */
function declaredAt(v: Verdict): string {
  if (v.file === null) return `(from ${v.origin})`;
  return v.line === null ? `(budgets in ${v.file})` : `(budgets at ${v.file}:${v.line})`;
}

/** Counts verdicts by level and decides the exit code: 1 when any verdict is blocking. */
export function summarize(verdicts: readonly Verdict[]): CheckSummary {
  const count = (l: VerdictLevel) => verdicts.filter((v) => v.level === l).length;
  const blocking = verdicts.filter((v) => v.blocking).length;
  return {
    total: verdicts.length,
    passed: count('pass'),
    warnings: count('warn'),
    failed: count('fail'),
    unknown: count('unknown'),
    not_applicable: count('n/a'),
    blocking,
    exit_code: blocking > 0 ? 1 : 0,
  };
}

/** A budget value for people: `$1,234.56`, `4.9e-4`, `61 s`, `12.5%`, `1,440`. */
export function formatBudgetValue(unit: BudgetUnit, n: number): string {
  if (!Number.isFinite(n)) return String(n);
  switch (unit) {
    case 'usd':
      return formatUsd(n);
    case 'count':
      return formatOneDecimal(n);
    case 'fraction':
      return n !== 0 && Math.abs(n) < 0.001 ? n.toExponential(1).replace('e+', 'e') : formatSignificantDigits(n, 3);
    case 'seconds':
      return `${formatOneDecimal(n)} s`;
    case 'percent':
      return formatPercent(n);
  }
}

/** How far over: a percentage budget is over by percentage points. */
export function formatOverage(unit: BudgetUnit, n: number): string {
  return unit === 'percent' ? `${formatOneDecimal(n)} percentage points` : formatBudgetValue(unit, n);
}

function formatPercent(n: number): string {
  return `${formatOneDecimal(n)}%`;
}
