// Prices quantities: the model computes monthly quantities per cost item (a LineDraft), and this
// turns them into priced lines with the catalogue it is given. A price the catalogue lacks makes
// the line unknown: never $0, never a guess (docs/prices.md).

import type { CostItem, CostLine, CostReport, Service } from '../../report/types.js';
import type { Price, PriceKey, RegionPrices } from '../../prices/types.js';
import { HOURS_PER_DAY, HOURS_PER_MONTH } from '../../units.js';

export interface LineDraft {
  service: Service;
  item: CostItem;
  /** Monthly quantity in `unit`. */
  quantity: number;
  unit: string;
  priceKey: PriceKey;
  resource?: string;
}

export interface PricedLines {
  lines: CostLine[];
  unknown: { service: Service; item: CostItem; quantity: number; unit: string; resource?: string }[];
}

/** Looks up a price; undefined when the region or the figure is missing. */
export function findPrice(prices: RegionPrices | undefined, key: PriceKey): Price | undefined {
  return prices?.prices[key];
}

/**
 * Prices each draft. Tiered prices (Firehose ingestion) are applied to the running total of
 * that price key across the drafts, as AWS bills tiers per account and Region.
 */
export function priceLines(drafts: readonly LineDraft[], prices: RegionPrices | undefined): PricedLines {
  const lines: CostLine[] = [];
  const unknown: PricedLines['unknown'] = [];
  const usedSoFar = new Map<PriceKey, number>();
  for (const d of drafts) {
    if (!(d.quantity > 0)) continue; // zero-quantity lines are left out
    const price = findPrice(prices, d.priceKey);
    if (price === undefined) {
      const u: PricedLines['unknown'][number] = { service: d.service, item: d.item, quantity: d.quantity, unit: d.unit };
      if (d.resource !== undefined) u.resource = d.resource;
      unknown.push(u);
      continue;
    }
    if (price.tiers && price.tiers.length > 0) {
      const start = usedSoFar.get(d.priceKey) ?? 0;
      usedSoFar.set(d.priceKey, start + d.quantity);
      const tiers = applyTiers(price, start, d.quantity);
      const monthly = tiers.reduce((s, t) => s + t.monthly_usd, 0);
      const line: CostLine = {
        service: d.service,
        item: d.item,
        quantity: d.quantity,
        unit: d.unit,
        unit_price_usd: d.quantity > 0 ? monthly / d.quantity : price.usd,
        monthly_usd: monthly,
      };
      if (d.resource !== undefined) line.resource = d.resource;
      if (tiers.length > 1) line.tiers = tiers;
      lines.push(line);
      continue;
    }
    // Optional fields are added only when set (no `undefined` keys, no deletes on the hot path).
    const line: CostLine = { service: d.service, item: d.item, quantity: d.quantity, unit: d.unit, unit_price_usd: price.usd, monthly_usd: d.quantity * price.usd };
    if (d.resource !== undefined) line.resource = d.resource;
    lines.push(line);
  }
  return { lines, unknown };
}

/** Splits `quantity` (starting at `start` of the month's running total) over the price's tiers. */
export function applyTiers(
  price: Price,
  start: number,
  quantity: number,
): { quantity: number; unit_price_usd: number; monthly_usd: number }[] {
  const out: { quantity: number; unit_price_usd: number; monthly_usd: number }[] = [];
  let remaining = quantity;
  let cursor = start;
  const tiers = price.tiers ?? [];
  for (const [i, tier] of tiers.entries()) {
    // The last tier is open-ended even when a Price List file gives it an end.
    const upper = i === tiers.length - 1 ? Number.POSITIVE_INFINITY : (tier.up_to ?? Number.POSITIVE_INFINITY);
    if (cursor < upper && remaining > 0) {
      const take = Math.min(remaining, upper - cursor);
      out.push({ quantity: take, unit_price_usd: tier.usd, monthly_usd: take * tier.usd });
      remaining -= take;
      cursor += take;
    }
    if (remaining <= 0) break;
  }
  return out;
}

/** Totals for a set of priced lines: monthly is their sum; hourly = monthly / 730; daily = hourly × 24. */
export function costReport(priced: PricedLines): CostReport {
  const monthly = priced.lines.reduce((s, l) => s + l.monthly_usd, 0);
  const hourly = monthly / HOURS_PER_MONTH;
  const report: CostReport = {
    hourly_usd: hourly,
    daily_usd: hourly * HOURS_PER_DAY,
    monthly_usd: monthly,
    lines: priced.lines,
    unknown: [...new Set(priced.unknown.map((u) => u.item))],
  };
  if (priced.unknown.length > 0) report.unknown_lines = priced.unknown;
  return report;
}
