// Reading the money of a report: totals are null when a line is unknown (docs/cost.md), so
// every reader goes through these rather than the raw fields. Reports saved by kplan before the
// null totals carried `unknown_lines` and a priced-only `monthly_usd`; they read the same here.

import type { CostLine, CostReport } from './types.js';
import { HOURS_PER_DAY, HOURS_PER_MONTH } from '../units.js';

/** The lines without a price, with their quantities. */
export function unknownLines(cost: CostReport): CostLine[] {
  const legacy = (cost as { unknown_lines?: unknown }).unknown_lines;
  const fromLines = cost.lines.filter((l) => l.monthly_usd === null);
  if (Array.isArray(legacy) && fromLines.length === 0) return legacy as CostLine[];
  return fromLines;
}

/** The sum of the priced lines a month: the total when every line is priced, else a lower bound. */
export function knownMonthly(cost: CostReport): number {
  if (typeof cost.known_monthly_usd === 'number') return cost.known_monthly_usd;
  return cost.monthly_usd ?? cost.lines.reduce((s, l) => s + (l.monthly_usd ?? 0), 0);
}

/** The known part of a total: monthly, daily (= monthly / 730 × 24) or hourly (= monthly / 730). */
export function knownTotal(cost: CostReport, key: 'monthly_usd' | 'daily_usd' | 'hourly_usd'): number {
  const v = cost[key];
  if (typeof v === 'number') return v;
  const monthly = knownMonthly(cost);
  return key === 'monthly_usd' ? monthly : key === 'daily_usd' ? (monthly / HOURS_PER_MONTH) * HOURS_PER_DAY : monthly / HOURS_PER_MONTH;
}

/** True when the total leaves out unpriced lines. */
export function hasUnknown(cost: CostReport): boolean {
  return cost.unknown.length > 0 || unknownLines(cost).length > 0;
}
