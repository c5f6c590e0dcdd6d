// Prices quantities: the model computes monthly quantities per cost item (a LineDraft), and this
// turns them into priced lines with the catalogue it is given. A price the catalogue lacks makes
// the line unknown: never $0, never a guess (docs/prices.md).

import type { CostLine, CostReport, Service, CostItem } from '../../report/types.js';
import type { Price, PriceKey, RegionPrices } from '../../prices/types.js';
import { HOURS_PER_DAY, HOURS_PER_MONTH } from '../../units.js';
import { FIREHOSE_QUOTED_ABOVE_GB } from '../../prices/types.js';

export interface LineDraft {
  service: Service;
  item: CostItem;
  /** Monthly quantity in `unit`. */
  quantity: number;
  unit: string;
  priceKey: PriceKey;
  resource?: string;
}

/** A line with its price: what sums are made of. */
export type PricedLine = CostLine & { unit_price_usd: number; monthly_usd: number };

export interface PricedLines {
  /** The lines with a price. */
  lines: PricedLine[];
  /** The lines without one (their quantities kept). */
  unknown: { service: Service; item: CostItem; quantity: number; unit: string; resource?: string }[];
  /** Every line in draft order, unknown ones with null prices (what the report lists). */
  all: CostLine[];
  /** Lines past the volume a price list covers (AWS quotes Firehose ingestion past 5 PB on request). */
  beyondPriceList: { resource?: string; priceKey: PriceKey; quantity: number; coveredUpTo: number }[];
}

/**
 * Monthly volumes past which AWS prices on request: the catalogue's last tier is kept open, and the
 * line is flagged (https://aws.amazon.com/firehose/pricing/: tiers to 5 PB a month).
 */
export const PRICED_UP_TO: Partial<Record<PriceKey, number>> = {
  'firehose.direct-put-ingestion-gb': FIREHOSE_QUOTED_ABOVE_GB,
  'firehose.stream-source-ingestion-gb': FIREHOSE_QUOTED_ABOVE_GB,
};

/** Looks up a price; undefined when the region or the figure is missing. */
export function findPrice(prices: RegionPrices | undefined, key: PriceKey): Price | undefined {
  return prices?.prices[key];
}

/**
 * Prices each draft. Tiered prices (Firehose ingestion) are applied to the running total of
 * that price key across the drafts, as AWS bills tiers per account and Region.
 */
export function priceLines(drafts: readonly LineDraft[], prices: RegionPrices | undefined): PricedLines {
  const lines: PricedLine[] = [];
  const unknown: PricedLines['unknown'] = [];
  const all: CostLine[] = [];
  const beyondPriceList: PricedLines['beyondPriceList'] = [];
  const usedSoFar = new Map<PriceKey, number>();
  for (const d of drafts) {
    if (!(d.quantity > 0)) continue; // zero-quantity lines are left out
    const price = findPrice(prices, d.priceKey);
    if (price === undefined) {
      const u: PricedLines['unknown'][number] = { service: d.service, item: d.item, quantity: d.quantity, unit: d.unit };
      if (d.resource !== undefined) u.resource = d.resource;
      unknown.push(u);
      const line: CostLine = { service: d.service, item: d.item, quantity: d.quantity, unit: d.unit, unit_price_usd: null, monthly_usd: null };
      if (d.resource !== undefined) line.resource = d.resource;
      all.push(line);
      continue;
    }
    if (price.tiers && price.tiers.length > 0) {
      const start = usedSoFar.get(d.priceKey) ?? 0;
      usedSoFar.set(d.priceKey, start + d.quantity);
      const coveredUpTo = PRICED_UP_TO[d.priceKey];
      if (coveredUpTo !== undefined && start + d.quantity > coveredUpTo) {
        const b: PricedLines['beyondPriceList'][number] = { priceKey: d.priceKey, quantity: start + d.quantity, coveredUpTo };
        if (d.resource !== undefined) b.resource = d.resource;
        beyondPriceList.push(b);
      }
      const tiers = applyTiers(price, start, d.quantity);
      const monthly = tiers.reduce((s, t) => s + t.monthly_usd, 0);
      const line: PricedLine = {
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
      all.push(line);
      continue;
    }
    // Optional fields are added only when set (no `undefined` keys, no deletes on the hot path).
    const line: PricedLine = { service: d.service, item: d.item, quantity: d.quantity, unit: d.unit, unit_price_usd: price.usd, monthly_usd: d.quantity * price.usd };
    if (d.resource !== undefined) line.resource = d.resource;
    lines.push(line);
    all.push(line);
  }
  return { lines, unknown, all, beyondPriceList };
}

/** Splits `quantity` (starting at `start` of the month's running total) over the price's tiers. */
export function applyTiers(price: Price, start: number, quantity: number): { quantity: number; unit_price_usd: number; monthly_usd: number }[] {
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

/**
 * Totals for sets of priced lines, listed in order: monthly is their sum; hourly = monthly / 730;
 * daily = hourly × 24. With any line unknown the totals are null and `known_monthly_usd` is the
 * sum of the priced lines (docs/cost.md: unknown is never $0).
 */
export function costReport(...parts: PricedLines[]): CostReport {
  // Summed in line order, so the total is exactly the sum a reader of the lines makes.
  const known = parts.flatMap((p) => p.lines).reduce((s, l) => s + l.monthly_usd, 0);
  const unknown = [...new Set(parts.flatMap((p) => p.unknown.map((u) => u.item)))];
  const complete = unknown.length === 0;
  const hourly = known / HOURS_PER_MONTH;
  return {
    hourly_usd: complete ? hourly : null,
    daily_usd: complete ? hourly * HOURS_PER_DAY : null,
    monthly_usd: complete ? known : null,
    known_monthly_usd: known,
    lines: parts.flatMap((p) => p.all),
    unknown,
  };
}
