// The price catalogue: the built-in data, validation of catalogue files, merging, and how complete
// a region is. Pure: no file or process access (the CLI side is src/cli/catalogue.ts).
//
// Rules of the built-in data (src/prices/data/builtin.json, its `notes`): figures only with a
// cited source (docs/prices.md); a figure without one is absent, never 0; `as_of` is the source's
// date where it gives one, else the compile date 2026-11-27.

import data from './data/builtin.json' with { type: 'json' };
import { UsageError, didYouMean, type Issue } from '../errors.js';
import { isRecord, jsonTypeName } from '../json-values.js';
import { REGIONS, REGION_CODES, regionInfo } from './regions.js';
import { PRICE_KEYS, type Confidence, type Price, type PriceCatalogue, type PriceKey, type PriceTier, type RegionPrices } from './types.js';

/**
 * The keys a region needs to be "complete": every key us-east-1 has in the built-in catalogue,
 * except `s3.put-request` (S3 is priced by S3, and the built-in data has no S3 figure).
 */
export const COMPLETE_KEYS: readonly PriceKey[] = PRICE_KEYS.filter(
  (k) => k !== 's3.put-request' && Object.hasOwn(data.regions['us-east-1'].prices, k),
);

let builtin: PriceCatalogue | undefined;

/** The catalogue shipped with kplan, validated once and shared (frozen: merge, don't mutate). */
export function builtinCatalogue(): PriceCatalogue {
  builtin ??= deepFreeze(validateCatalogue(data, 'builtin'));
  return builtin;
}

function deepFreeze<T>(o: T): T {
  if (typeof o === 'object' && o !== null) {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

const CATALOGUE_KEYS = new Set(['catalogue_version', 'as_of', 'source', 'currency', 'regions', 'notes']);
const REGION_KEYS = new Set(['region', 'prices']);
const PRICE_FIELDS = new Set(['usd', 'unit', 'tiers', 'as_of', 'source', 'confidence', 'usagetype', 'note']);
const TIER_FIELDS = new Set(['up_to', 'usd']);
const CONFIDENCES: readonly Confidence[] = ['H', 'M', 'L'];
const KEY_SET = new Set<string>(PRICE_KEYS);

/** Collects shape problems; throws them all at once as one UsageError. */
class Problems {
  readonly issues: Issue[] = [];
  constructor(private readonly file: string) {}
  add(path: string, message: string, extra: Partial<Issue> = {}): void {
    // A broken file can have thousands of problems; the first few say enough.
    if (this.issues.length >= 20) return;
    this.issues.push({ code: 'bad-catalogue', severity: 'error', file: this.file, path, message, ...extra });
  }
}

/** Catalogue messages call JSON arrays arrays. */
const typeName = (v: unknown): string => jsonTypeName(v, 'an array');

/** YYYY-MM-DD and a real calendar date. */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function checkUnknownKeys(p: Problems, obj: Record<string, unknown>, allowed: Set<string>, path: string): void {
  for (const k of Object.keys(obj)) {
    if (!allowed.has(k)) {
      const hint = didYouMean(k, [...allowed]);
      p.add(path ? `${path}.${k}` : k, `unknown field \`${k}\``, hint ? { hint } : {});
    }
  }
}

function checkUsd(p: Problems, v: unknown, path: string): number | undefined {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    p.add(path, 'price must be a finite number of USD', { expected: 'a number ≥ 0', found: typeName(v) });
    return undefined;
  }
  if (v < 0) {
    p.add(path, 'price must not be negative', { expected: 'a number ≥ 0', found: String(v) });
    return undefined;
  }
  return v;
}

function checkTiers(p: Problems, v: unknown, path: string): PriceTier[] | undefined {
  if (!Array.isArray(v) || v.length === 0) {
    p.add(path, 'tiers must be a non-empty list', { found: typeName(v) });
    return undefined;
  }
  const out: PriceTier[] = [];
  let previousEnd = 0;
  v.forEach((t: unknown, i: number) => {
    const tp = `${path}[${i}]`;
    if (!isRecord(t)) {
      p.add(tp, 'a tier must be an object with `up_to` and `usd`', { found: typeName(t) });
      return;
    }
    checkUnknownKeys(p, t, TIER_FIELDS, tp);
    const usd = checkUsd(p, t.usd, `${tp}.usd`);
    const upTo = t.up_to;
    if (upTo === null) {
      if (i !== v.length - 1) p.add(`${tp}.up_to`, 'only the last tier may be open-ended (up_to: null)');
    } else if (typeof upTo !== 'number' || !Number.isFinite(upTo) || upTo <= 0) {
      p.add(`${tp}.up_to`, 'tier end must be a positive number or null', { found: typeName(upTo) });
      return;
    } else if (upTo <= previousEnd) {
      p.add(`${tp}.up_to`, `tiers must be in increasing order: ${upTo} does not exceed the previous end ${previousEnd}`);
      return;
    } else {
      previousEnd = upTo;
    }
    if (usd !== undefined) out.push({ up_to: upTo, usd });
  });
  return out.length === v.length ? out : undefined;
}

function checkPrice(p: Problems, v: unknown, path: string): Price | undefined {
  if (!isRecord(v)) {
    p.add(path, 'a price must be an object', { found: typeName(v) });
    return undefined;
  }
  const before = p.issues.length;
  checkUnknownKeys(p, v, PRICE_FIELDS, path);
  const usd = checkUsd(p, v.usd, `${path}.usd`);
  if (typeof v.unit !== 'string' || v.unit.trim() === '') p.add(`${path}.unit`, 'unit must be a non-empty string', { found: typeName(v.unit) });
  if (!isIsoDate(v.as_of)) p.add(`${path}.as_of`, 'as_of must be a date YYYY-MM-DD', { found: typeName(v.as_of) });
  if (typeof v.source !== 'string' || v.source.trim() === '') p.add(`${path}.source`, 'source must be a non-empty string', { found: typeName(v.source) });
  if (typeof v.confidence !== 'string' || !CONFIDENCES.includes(v.confidence as Confidence)) {
    p.add(`${path}.confidence`, 'confidence must be H, M or L', { found: typeName(v.confidence) });
  }
  if (v.usagetype !== undefined && typeof v.usagetype !== 'string') p.add(`${path}.usagetype`, 'usagetype must be a string', { found: typeName(v.usagetype) });
  if (v.note !== undefined && typeof v.note !== 'string') p.add(`${path}.note`, 'note must be a string', { found: typeName(v.note) });
  let tiers: PriceTier[] | undefined;
  if (v.tiers !== undefined) {
    tiers = checkTiers(p, v.tiers, `${path}.tiers`);
    if (tiers && usd !== undefined && tiers[0] && tiers[0].usd !== usd) {
      p.add(`${path}.usd`, `usd of a tiered price must be its first tier's price (${tiers[0].usd})`, { found: String(usd) });
    }
  }
  if (p.issues.length > before || usd === undefined) return undefined;
  const price: Price = {
    usd,
    unit: v.unit as string,
    as_of: v.as_of as string,
    source: v.source as string,
    confidence: v.confidence as Confidence,
  };
  if (tiers) price.tiers = tiers;
  if (typeof v.usagetype === 'string') price.usagetype = v.usagetype;
  if (typeof v.note === 'string') price.note = v.note;
  return price;
}

/**
 * Checks that `json` is a price catalogue and returns a clean copy of it (fields in a fixed order,
 * regions in registry order). Throws a UsageError (`bad-catalogue`) listing every shape problem:
 * unknown price keys or regions, negative or non-finite prices, bad dates, tiers out of order.
 */
export function validateCatalogue(json: unknown, source: string): PriceCatalogue {
  const p = new Problems(source);
  if (!isRecord(json)) {
    p.add('', 'a price catalogue must be a JSON object', { found: typeName(json) });
    throw new UsageError(p.issues);
  }
  checkUnknownKeys(p, json, CATALOGUE_KEYS, '');
  if (json.catalogue_version !== 1) {
    p.add('catalogue_version', 'unsupported catalogue version', { expected: '1', found: typeName(json.catalogue_version) });
  }
  if (!isIsoDate(json.as_of)) p.add('as_of', 'as_of must be a date YYYY-MM-DD', { found: typeName(json.as_of) });
  if (typeof json.source !== 'string') p.add('source', 'source must be a string', { found: typeName(json.source) });
  if (json.currency !== 'USD') p.add('currency', 'only USD catalogues are supported', { expected: '"USD"', found: typeName(json.currency) });
  if (json.notes !== undefined && !(Array.isArray(json.notes) && json.notes.every((n) => typeof n === 'string'))) {
    p.add('notes', 'notes must be a list of strings', { found: typeName(json.notes) });
  }
  const regions: Record<string, RegionPrices> = {};
  if (!isRecord(json.regions)) {
    p.add('regions', 'regions must be an object keyed by region code', { found: typeName(json.regions) });
  } else {
    for (const [code, r] of Object.entries(json.regions)) {
      const rp = `regions.${code}`;
      if (!regionInfo(code)) {
        const hint = didYouMean(code, REGION_CODES);
        p.add(rp, `unknown region \`${code}\``, hint ? { hint } : {});
        continue;
      }
      if (!isRecord(r)) {
        p.add(rp, 'a region must be an object with `region` and `prices`', { found: typeName(r) });
        continue;
      }
      checkUnknownKeys(p, r, REGION_KEYS, rp);
      if (r.region !== code) p.add(`${rp}.region`, `region must repeat its key \`${code}\``, { found: typeName(r.region) });
      if (!isRecord(r.prices)) {
        p.add(`${rp}.prices`, 'prices must be an object keyed by price key', { found: typeName(r.prices) });
        continue;
      }
      const prices: Partial<Record<PriceKey, Price>> = {};
      for (const [key, v] of Object.entries(r.prices)) {
        const kp = `${rp}.prices.${key}`;
        if (!KEY_SET.has(key)) {
          const hint = didYouMean(key, PRICE_KEYS);
          p.add(kp, `unknown price key \`${key}\``, hint ? { hint } : {});
          continue;
        }
        const price = checkPrice(p, v, kp);
        if (price) prices[key as PriceKey] = price;
      }
      regions[code] = { region: code, prices: orderPrices(prices) };
    }
  }
  if (p.issues.length > 0) throw new UsageError(p.issues);
  const cat: PriceCatalogue = {
    catalogue_version: 1,
    as_of: json.as_of as string,
    source: json.source as string,
    currency: 'USD',
    regions: orderRegions(regions),
  };
  if (Array.isArray(json.notes)) cat.notes = [...(json.notes as string[])];
  return cat;
}

function orderPrices(prices: Partial<Record<PriceKey, Price>>): Partial<Record<PriceKey, Price>> {
  const out: Partial<Record<PriceKey, Price>> = {};
  for (const k of PRICE_KEYS) {
    const v = prices[k];
    if (v) out[k] = v;
  }
  return out;
}

function orderRegions(regions: Record<string, RegionPrices>): Record<string, RegionPrices> {
  const out: Record<string, RegionPrices> = {};
  for (const { code } of REGIONS) {
    const r = regions[code];
    if (r) out[code] = r;
  }
  return out;
}

/** The newer of two YYYY-MM-DD dates. */
function newest(a: string, b: string): string {
  return a >= b ? a : b;
}

/**
 * Merges `overlay` over `base`: per region and price key the overlay's figure wins; regions and
 * keys only in `base` are kept. The result's source is the overlay's, its as_of the newer of the two.
 */
export function mergeCatalogues(base: PriceCatalogue, overlay: PriceCatalogue): PriceCatalogue {
  const regions: Record<string, RegionPrices> = {};
  for (const code of new Set([...Object.keys(base.regions), ...Object.keys(overlay.regions)])) {
    const prices = { ...base.regions[code]?.prices, ...overlay.regions[code]?.prices };
    regions[code] = { region: code, prices: orderPrices(prices) };
  }
  const merged: PriceCatalogue = {
    catalogue_version: 1,
    as_of: newest(base.as_of, overlay.as_of),
    source: overlay.source,
    currency: 'USD',
    regions: orderRegions(regions),
  };
  const notes = overlay.notes ?? base.notes;
  if (notes) merged.notes = [...notes];
  return merged;
}

/** Regions with at least one price, in registry order. */
export function regionsWithPrices(cat: PriceCatalogue): string[] {
  return REGION_CODES.filter((c) => Object.keys(cat.regions[c]?.prices ?? {}).length > 0);
}

export interface RegionCompleteness {
  /** Keys the region has a price for, in PRICE_KEYS order. */
  present: PriceKey[];
  /** Every other key (including `s3.put-request`, which does not count against completeness). */
  missing: PriceKey[];
  /** Has every key of COMPLETE_KEYS. */
  complete: boolean;
}

export function regionCompleteness(cat: PriceCatalogue, region: string): RegionCompleteness {
  const prices = cat.regions[region]?.prices ?? {};
  const present = PRICE_KEYS.filter((k) => prices[k] !== undefined);
  const missing = PRICE_KEYS.filter((k) => prices[k] === undefined);
  return { present, missing, complete: COMPLETE_KEYS.every((k) => prices[k] !== undefined) };
}

export type RegionStatus = 'complete' | 'partial' | 'none';

export function regionStatus(cat: PriceCatalogue, region: string): RegionStatus {
  const c = regionCompleteness(cat, region);
  if (c.complete) return 'complete';
  return c.present.length > 0 ? 'partial' : 'none';
}
