// What `kplan prices` shows, as one object: `--format json` prints it, the table and markdown are
// views of it (formats never disagree).

import { regionCompleteness, regionStatus, regionsWithPrices, type RegionStatus } from './catalogue.js';
import { REGIONS, regionInfo } from './regions.js';
import { PRICE_KEYS, type Price, type PriceCatalogue, type PriceKey } from './types.js';

export interface PricesViewRegion {
  region: string;
  name: string;
  status: RegionStatus;
  /** Keys with a price, of PRICE_KEYS.length. */
  priced: number;
}

export interface PricesViewDetail extends PricesViewRegion {
  prices: (Price & { key: PriceKey })[];
  /** Keys without a price: the model reports them as unknown, never $0. */
  unknown: PriceKey[];
}

export interface PricesView {
  catalogue: { source: string; as_of: string; currency: 'USD' };
  /** Every commercial region, in registry order. */
  regions: PricesViewRegion[];
  /** The chosen regions, each price with unit, as-of, source and confidence. */
  details: PricesViewDetail[];
  key_count: number;
}

/**
 * Builds the view. `regions` are the regions to detail (already checked); undefined = every
 * region that has at least one price.
 */
export function pricesView(cat: PriceCatalogue, regions?: readonly string[]): PricesView {
  const overview = (code: string): PricesViewRegion => ({
    region: code,
    name: regionInfo(code)?.name ?? code,
    status: regionStatus(cat, code),
    priced: regionCompleteness(cat, code).present.length,
  });
  const chosen = regions ?? regionsWithPrices(cat);
  return {
    catalogue: { source: cat.source, as_of: cat.as_of, currency: cat.currency },
    regions: REGIONS.map((r) => overview(r.code)),
    details: chosen.map((code) => {
      const prices = cat.regions[code]?.prices ?? {};
      const listed: (Price & { key: PriceKey })[] = [];
      const unknown: PriceKey[] = [];
      for (const key of PRICE_KEYS) {
        const p = prices[key];
        if (p) listed.push({ key, ...p });
        else unknown.push(key);
      }
      return { ...overview(code), prices: listed, unknown };
    }),
    key_count: PRICE_KEYS.length,
  };
}
