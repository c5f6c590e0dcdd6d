// Reads AWS Price List offer files (JSON or CSV) of the AmazonKinesis, AmazonKinesisFirehose and
// AmazonS3 offers, and the pricing pages' data files (metered unit maps, read by unit-map.ts, told
// apart by their `manifest`), into a catalogue fragment. Pure: bytes in, result out.
//
// Layout: https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/reading-service-price-list-file-for-services.html
// (offer files: https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonKinesis/current/index.json
// and …/<region>/index.json). Offer files run to tens of MB, so neither format is parsed
// whole: JSON is walked byte by byte and only the products and terms kplan can use are decoded;
// CSV is read row by row, decoding only the cells needed.

import { isUtf8 } from 'node:buffer';
import { UsageError, type Issue } from '../errors.js';
import { isIsoDate } from './catalogue.js';
import { isRecord } from '../json-values.js';
import { regionByBillingPrefix, regionByName, regionInfo } from './regions.js';
import { importUnitMap } from './unit-map.js';
import { PRICE_KEYS, type Price, type PriceCatalogue, type PriceKey, type PriceTier, type RegionPrices } from './types.js';

export type OfferCode = 'AmazonKinesis' | 'AmazonKinesisFirehose' | 'AmazonS3';
export const OFFER_CODES: readonly OfferCode[] = ['AmazonKinesis', 'AmazonKinesisFirehose', 'AmazonS3'];

/** What a Price List unit is converted to. */
type UnitKind = 'hour' | 'gb' | 'gb-month' | 'count';

interface Rule {
  key: PriceKey;
  /** Usage type suffix, matched as `(^|-)<suffix>$` (legacy us-east-1 SKUs have no region prefix). */
  suffix: string;
  /** Operations the SKU must have, where known; absent = any. */
  operations?: readonly string[];
  /** Usage types that end in the suffix but are other products. */
  exclude?: RegExp;
  kind: UnitKind;
  /** kplan's unit for the price (as in the built-in catalogue). */
  unit: string;
}

// Usage types and operations: the offer files themselves, and infracost's filters
// (https://github.com/infracost/infracost/blob/master/internal/resources/aws/kinesis_stream.go).
// The operation tells apart usage types that share a suffix (`LongTermRetention-ReadBytes` and the
// EFO `…-ReadBytes`). Rules are tried in order; the first match wins.
const RULES: Record<OfferCode, readonly Rule[]> = {
  AmazonKinesis: [
    { key: 'kinesis.advantage-data-out-gb', suffix: 'Advantage-BilledOutgoingBytes', kind: 'gb', unit: 'GB' },
    { key: 'kinesis.on-demand-stream-hour', suffix: 'OnDemand-StreamHour', operations: ['OnDemandStreamHr'], kind: 'hour', unit: 'stream-hour' },
    { key: 'kinesis.on-demand-data-in-gb', suffix: 'OnDemand-BilledIncomingBytes', operations: ['OnDemandDataIngested'], kind: 'gb', unit: 'GB' },
    { key: 'kinesis.on-demand-data-out-gb', suffix: 'OnDemand-BilledOutgoingBytes', operations: ['OnDemandDataRetrieval'], kind: 'gb', unit: 'GB' },
    { key: 'kinesis.on-demand-efo-data-gb', suffix: 'OnDemand-BilledOutgoingEFOBytes', operations: ['OnDemandEFODataRetrieval'], kind: 'gb', unit: 'GB' },
    {
      key: 'kinesis.on-demand-extended-retention-gb-month',
      suffix: 'OnDemand-ExtendedRetention-ByteHrs',
      operations: ['OnDemandExtendedRetentionByteHrs'],
      kind: 'gb-month',
      unit: 'GB-month',
    },
    {
      key: 'kinesis.on-demand-long-term-retention-gb-month',
      suffix: 'OnDemand-LongTermRetention-ByteHrs',
      operations: ['OnDemandLongTermRetentionByteHrs'],
      kind: 'gb-month',
      unit: 'GB-month',
    },
    { key: 'kinesis.shard-hour', suffix: 'Storage-ShardHour', operations: ['shardHourStorage'], kind: 'hour', unit: 'shard-hour' },
    { key: 'kinesis.put-payload-unit', suffix: 'PutRequestPayloadUnits', operations: ['PutRequest'], kind: 'count', unit: 'unit' },
    { key: 'kinesis.extended-retention-shard-hour', suffix: 'Extended-ShardHour', operations: ['shardHourStorage'], kind: 'hour', unit: 'shard-hour' },
    { key: 'kinesis.long-term-retention-gb-month', suffix: 'LongTermRetention-ByteHrs', operations: ['LongTermRetentionByteHrs'], kind: 'gb-month', unit: 'GB-month' },
    { key: 'kinesis.long-term-retrieval-gb', suffix: 'LongTermRetention-ReadBytes', operations: ['LongTermRetentionDataRetrieval'], kind: 'gb', unit: 'GB' },
    { key: 'kinesis.efo-consumer-shard-hour', suffix: 'EnhancedFanoutHour', operations: ['ConsumerHour'], kind: 'hour', unit: 'consumer-shard-hour' },
    { key: 'kinesis.efo-data-gb', suffix: 'ReadBytes', operations: ['EnhancedFanoutDataRetrieval'], kind: 'gb', unit: 'GB' },
  ],
  AmazonKinesisFirehose: [
    // `DirectPUT-no-rounding-BilledBytes` and `KDS-no-rounding-BilledBytes` also end in
    // `-BilledBytes`; what they bill is not on https://aws.amazon.com/kinesis/data-firehose/pricing/, so they are not ingestion.
    { key: 'firehose.direct-put-ingestion-gb', suffix: 'BilledBytes', operations: ['PutRecord', 'PutRecordBatch'], exclude: /no-rounding/i, kind: 'gb', unit: 'GB' },
    { key: 'firehose.stream-source-ingestion-gb', suffix: 'StreamsSourceBilledBytes', kind: 'gb', unit: 'GB' },
    { key: 'firehose.format-conversion-gb', suffix: 'DFCBilledBytes', operations: ['DataFormatConversion'], kind: 'gb', unit: 'GB' },
    { key: 'firehose.vpc-data-gb', suffix: 'Firehose-VpcDelivery-Bytes', operations: ['VpcBandwidth'], kind: 'gb', unit: 'GB' },
    { key: 'firehose.vpc-az-hour', suffix: 'Firehose-VpcDelivery-Hours', operations: ['RunVpcInstance'], kind: 'hour', unit: 'AZ-hour' },
    { key: 'firehose.dynamic-partitioning-gb', suffix: 'DPBytesDelivered', kind: 'gb', unit: 'GB' },
    { key: 'firehose.dynamic-partitioning-object', suffix: 'S3DeliveryObjectCount', kind: 'count', unit: 'object' },
    { key: 'firehose.jq-hour', suffix: 'MetadataProcessingDuration', kind: 'hour', unit: 'hour' },
  ],
  // The objects Firehose delivers are S3 Standard PUTs: the Tier 1 request price (PUT, COPY, POST,
  // LIST). Other storage classes carry their own infix (`Requests-SIA-Tier1`) and do not match.
  AmazonS3: [{ key: 's3.put-request', suffix: 'Requests-Tier1', kind: 'count', unit: 'request' }],
};

const SUFFIX_RE = new Map<Rule, RegExp>();
for (const rules of Object.values(RULES)) {
  for (const r of rules) SUFFIX_RE.set(r, new RegExp(`(^|-)${r.suffix.replace(/[-]/g, '\\-')}$`));
}

/** The rule a SKU matches, by usage type suffix and operation, or undefined (a SKU kplan does not use). */
export function matchRule(offer: OfferCode, usagetype: string, operation: string | undefined): Rule | undefined {
  for (const rule of RULES[offer]) {
    if (!SUFFIX_RE.get(rule)!.test(usagetype)) continue;
    if (rule.exclude?.test(usagetype)) continue;
    if (rule.operations && !(operation !== undefined && rule.operations.includes(operation))) continue;
    return rule;
  }
  return undefined;
}

export interface RegionImport {
  region: string;
  /** Price keys imported for the region, in catalogue order. */
  imported: PriceKey[];
  /** SKUs of the region that were not imported (other products, or unreadable). */
  skippedSkus: number;
}

export interface ImportResult {
  /** The Price List offer code of the service (AWSLambda for the Lambda data file). */
  offerCode: OfferCode | 'AWSLambda';
  /** `metered-unit-map`: a pricing page's data file. */
  format: 'json' | 'csv' | 'metered-unit-map';
  /** YYYY-MM-DD */
  publicationDate: string;
  /** Only the imported prices; merge it over a catalogue with mergeCatalogues. */
  catalogue: PriceCatalogue;
  perRegion: RegionImport[];
  /** SKUs of regions kplan does not know (GovCloud, China, a Region newer than kplan). */
  unknownRegionSkus: number;
  /** Things the user should know: SKUs skipped for an unreadable unit, duplicate SKUs, … */
  warnings: string[];
}

function offerError(file: string, message: string, position?: { line: number; col: number }, extra: Partial<Issue> = {}): UsageError {
  const issue: Issue = { code: 'bad-offer-file', severity: 'error', file, message, ...extra };
  if (position) issue.position = position;
  return new UsageError([issue]);
}

/** Offset of the first byte that is not well-formed UTF-8 (Unicode 15, table 3-7), or b.length. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const len = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (len === 0 || i + len > b.length) return i;
    const c1 = b[i + 1]!;
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    if (c1 < lo || c1 > hi) return i;
    for (let k = 2; k < len; k++) if ((b[i + k]! & 0xc0) !== 0x80) return i;
    i += len;
  }
  return i;
}

/** 1-based line and column (in bytes) of a byte offset. */
function positionOf(b: Uint8Array, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, b.length);
  for (let i = 0; i < end; i++) {
    if (b[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: end - lineStart + 1 };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

// ---------------------------------------------------------------------------------------------
// Collecting SKUs, common to both formats

interface Dimension {
  begin: number;
  end: number | null;
  usd: number | undefined;
  unit: string;
}

interface Candidate {
  sku: string;
  rule: Rule;
  region: string;
  usagetype: string;
  effectiveDate: string | undefined;
  dims: Dimension[];
}

class Collector {
  readonly warnings: string[] = [];
  /** region → SKUs seen (matched or not). */
  private readonly seen = new Map<string, number>();
  /** region → key → chosen candidate. */
  private readonly chosen = new Map<string, Map<PriceKey, Candidate>>();
  private readonly unknownRegions = new Set<string>();
  unknownRegionSkus = 0;
  skuCount = 0;

  constructor(readonly offer: OfferCode) {}

  /**
   * The region of a SKU: the `regionCode` attribute, else the `location` name, else the usage
   * type's billing-code prefix; a usage type without any prefix is legacy us-east-1.
   */
  region(regionCode: string | undefined, location: string | undefined, usagetype: string): string | undefined {
    if (regionCode) {
      if (regionInfo(regionCode)) return regionCode;
      this.unknownRegions.add(regionCode);
      return undefined;
    }
    if (location) {
      const byName = regionByName(location);
      if (byName) return byName.code;
    }
    const first = usagetype.split('-', 1)[0] ?? '';
    const byPrefix = regionByBillingPrefix(first);
    if (byPrefix) return byPrefix.code;
    // Not a billing code (`Storage` in `Storage-ShardHour`): a legacy us-east-1 usage type.
    if (usagetype !== '' && !/^[A-Z]{2,4}\d?$/.test(first)) return 'us-east-1';
    this.unknownRegions.add(location || usagetype || '(no region)');
    return undefined;
  }

  countSku(region: string | undefined): void {
    this.skuCount++;
    if (region === undefined) {
      this.unknownRegionSkus++;
      return;
    }
    this.seen.set(region, (this.seen.get(region) ?? 0) + 1);
  }

  add(c: Candidate): void {
    let byKey = this.chosen.get(c.region);
    if (!byKey) this.chosen.set(c.region, (byKey = new Map()));
    const prev = byKey.get(c.rule.key);
    if (!prev) {
      byKey.set(c.rule.key, c);
      return;
    }
    // Two SKUs for one price (legacy `Storage-ShardHour` next to `USE1-Storage-ShardHour`, or one
    // usage type under two operations): the newer effective date wins.
    const newer = (c.effectiveDate ?? '') > (prev.effectiveDate ?? '') ? c : prev;
    const pa = prev.dims.map((d) => d.usd).join();
    const pc = c.dims.map((d) => d.usd).join();
    if (pa !== pc) {
      this.warnings.push(`${c.region} ${c.rule.key}: SKUs ${prev.sku} (${prev.usagetype}) and ${c.sku} (${c.usagetype}) differ; used ${newer.sku}`);
    }
    byKey.set(c.rule.key, newer);
  }

  finish(file: string, format: 'json' | 'csv', publicationDate: string): ImportResult {
    const regions: Record<string, RegionPrices> = {};
    const perRegion: RegionImport[] = [];
    const source = `AWS Price List ${this.offer} ${publicationDate}`;
    let newest = '';
    const regionCodes = new Set([...this.seen.keys(), ...this.chosen.keys()]);
    for (const region of regionCodes) {
      const prices: Partial<Record<PriceKey, Price>> = {};
      const byKey = this.chosen.get(region);
      for (const key of PRICE_KEYS) {
        const c = byKey?.get(key);
        if (!c) continue;
        const price = this.toPrice(c, source, publicationDate);
        if (price) {
          prices[key] = price;
          if (price.as_of > newest) newest = price.as_of;
        }
      }
      const imported = Object.keys(prices) as PriceKey[];
      if (imported.length > 0) regions[region] = { region, prices };
      perRegion.push({ region, imported, skippedSkus: (this.seen.get(region) ?? 0) - imported.length });
    }
    if (perRegion.every((r) => r.imported.length === 0)) {
      throw offerError(file, `no usable ${this.offer} SKU: none of the ${this.skuCount} SKUs is a Kinesis Data Streams or Firehose price kplan knows`, undefined, {
        hint: 'import the AmazonKinesis or AmazonKinesisFirehose offer file (index.json or index.csv) as published by AWS',
      });
    }
    if (this.unknownRegions.size > 0) {
      const list = [...this.unknownRegions].slice(0, 5).join(', ');
      this.warnings.push(`${this.unknownRegionSkus} SKUs of regions kplan does not know were skipped (${list}${this.unknownRegions.size > 5 ? ', …' : ''})`);
    }
    perRegion.sort((a, b) => a.region.localeCompare(b.region));
    return {
      offerCode: this.offer,
      format,
      publicationDate,
      catalogue: { catalogue_version: 1, as_of: newest || publicationDate, source, currency: 'USD', regions },
      perRegion,
      unknownRegionSkus: this.unknownRegionSkus,
      warnings: this.warnings,
    };
  }

  private toPrice(c: Candidate, source: string, publicationDate: string): Price | undefined {
    const skip = (why: string): undefined => {
      this.warnings.push(`${c.region} ${c.rule.key}: SKU ${c.sku} (${c.usagetype}) skipped: ${why}`);
      return undefined;
    };
    if (c.dims.length === 0) return skip('it has no OnDemand price');
    // Ranges are in the price's unit; kplan's unit may be larger (TB → GB) or smaller.
    const dims: { begin: number; end: number | null; usd: number }[] = [];
    for (const d of c.dims) {
      if (d.usd === undefined) return skip('a price dimension has no USD price');
      const factor = unitFactor(c.rule.kind, d.unit);
      if (factor === undefined) return skip(`its unit "${d.unit}" cannot be read as ${KIND_WORDS[c.rule.kind]}`);
      dims.push({ begin: d.begin * factor, end: d.end === null ? null : d.end * factor, usd: d.usd / factor });
    }
    dims.sort((a, b) => a.begin - b.begin);
    const tiers: PriceTier[] = [];
    let expectBegin = 0;
    for (let i = 0; i < dims.length; i++) {
      const d = dims[i]!;
      if (!sameNumber(d.begin, expectBegin)) return skip(`its price ranges are not contiguous (a range starts at ${d.begin}, expected ${expectBegin})`);
      if (d.end === null && i !== dims.length - 1) return skip('an open-ended price range is not the last');
      if (d.end !== null) {
        if (!(d.end > d.begin)) return skip(`a price range ends (${d.end}) before it starts (${d.begin})`);
        expectBegin = d.end;
      }
      tiers.push({ up_to: d.end, usd: d.usd });
    }
    const first = tiers[0]!;
    const asOf = c.effectiveDate && isIsoDate(c.effectiveDate) ? c.effectiveDate : publicationDate;
    const price: Price = { usd: first.usd, unit: c.rule.unit, as_of: asOf, source, confidence: 'H', usagetype: c.usagetype };
    if (tiers.length > 1 || first.up_to !== null) price.tiers = tiers;
    return price;
  }
}

/** Equal up to float noise from unit conversion. */
function sameNumber(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

const KIND_WORDS: Record<UnitKind, string> = { hour: 'hours', gb: 'GB', 'gb-month': 'GB-months', count: 'a count' };

/**
 * How many of kplan's units one Price List unit is (TB → 1,024 GB; a second → 1/3,600 hour;
 * "1,000 Objects" → 1,000), or undefined when the unit does not fit the price at all.
 */
export function unitFactor(kind: UnitKind, unit: string): number | undefined {
  const u = unit.trim();
  switch (kind) {
    case 'hour':
      if (/gb|byte/i.test(u)) return undefined;
      if (/(hrs?|hours?)$/i.test(u)) return 1;
      if (/^(s|secs?|seconds?)$/i.test(u)) return 1 / 3600;
      if (/^(mins?|minutes?)$/i.test(u)) return 1 / 60;
      return undefined;
    case 'gb':
      if (/^gi?b$/i.test(u) || (/^gb[-\s]/i.test(u) && !/mo/i.test(u))) return 1;
      if (/^ti?b$/i.test(u)) return 1024;
      if (/^mi?b$/i.test(u)) return 1 / 1024;
      return undefined;
    case 'gb-month':
      if (/^gi?b[-\s]?mo(nths?)?$/i.test(u)) return 1;
      return undefined;
    case 'count':
      if (/gb|byte|hour|hrs?$|month/i.test(u)) return undefined;
      if (/^(1,?000,?000|1m|million)\b/i.test(u)) return 1_000_000;
      if (/^(1,?000|1k|thousand)\b/i.test(u)) return 1000;
      return 1;
  }
}

function parseRange(s: string | undefined): number | null | undefined {
  if (s === undefined || s === '') return undefined;
  if (/^inf$/i.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

function parseUsd(s: unknown): number | undefined {
  if (typeof s !== 'string' || s.trim() === '') return undefined;
  const n = Number(s);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

function dateOnly(s: unknown): string | undefined {
  if (typeof s !== 'string') return undefined;
  const d = s.slice(0, 10);
  return isIsoDate(d) ? d : undefined;
}

// ---------------------------------------------------------------------------------------------
// JSON

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/** A byte-level JSON walker: checks structure while skipping, decodes only what is asked for. */
class JsonWalker {
  pos = 0;
  constructor(
    private readonly b: Uint8Array,
    private readonly file: string,
  ) {}

  fail(message: string, at = this.pos): never {
    throw offerError(this.file, `not a valid JSON offer file: ${message}`, positionOf(this.b, at));
  }

  position(at: number): { line: number; col: number } {
    return positionOf(this.b, at);
  }

  ws(): void {
    const b = this.b;
    let p = this.pos;
    while (p < b.length) {
      const c = b[p];
      if (c === 0x20 || c === LF || c === CR || c === 0x09) p++;
      else break;
    }
    this.pos = p;
  }

  private eofOr(message: string): never {
    this.fail(this.pos >= this.b.length ? 'the file ends too early (truncated?)' : message);
  }

  skipString(): void {
    const b = this.b;
    let p = this.pos + 1;
    for (;;) {
      if (p >= b.length) this.fail('the file ends inside a string (truncated?)');
      const c = b[p]!;
      if (c === QUOTE) break;
      if (c === BACKSLASH) p += 2;
      else if (c < 0x20) this.fail('control character inside a string', p);
      else p++;
    }
    this.pos = p + 1;
  }

  skipValue(depth: number): void {
    const b = this.b;
    if (this.pos >= b.length) this.fail('the file ends too early (truncated?)');
    const c = b[this.pos]!;
    if (c === QUOTE) return this.skipString();
    if (c === LBRACE || c === LBRACKET) {
      if (depth > 64) this.fail('nested too deep for an offer file');
      const close = c === LBRACE ? RBRACE : RBRACKET;
      if (!this.open(close)) return;
      do {
        if (c === LBRACE) this.key();
        this.skipValue(depth + 1);
      } while (this.more(close));
      return;
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      // The JSON number grammar, -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?, so `01` or `1.` are refused.
      let p = this.pos + (c === 0x2d ? 1 : 0);
      const digits = (): number => {
        const start = p;
        while (p < b.length && b[p]! >= 0x30 && b[p]! <= 0x39) p++;
        return p - start;
      };
      const intStart = p;
      const n = digits();
      if (n === 0 || (n > 1 && b[intStart] === 0x30)) this.fail('not a valid number', this.pos);
      if (b[p] === 0x2e) {
        p++;
        if (digits() === 0) this.fail('not a valid number', this.pos);
      }
      if (b[p] === 0x65 || b[p] === 0x45) {
        p++;
        if (b[p] === 0x2b || b[p] === 0x2d) p++;
        if (digits() === 0) this.fail('not a valid number', this.pos);
      }
      this.pos = p;
      return;
    }
    for (const word of LITERALS) {
      if (this.matches(word)) {
        this.pos += word.length;
        return;
      }
    }
    this.fail(`unexpected character '${String.fromCharCode(c)}'`);
  }

  private matches(word: Uint8Array): boolean {
    for (let i = 0; i < word.length; i++) if (this.b[this.pos + i] !== word[i]) return false;
    return true;
  }

  /** Calls `fn` for each member of the object at `start`: key bytes [ks, ke) with quotes, value [vs, ve). */
  members(start: number, fn: (ks: number, ke: number, vs: number, ve: number) => void): void {
    this.pos = start;
    this.ws();
    if (this.b[this.pos] !== LBRACE) this.eofOr('expected an object');
    if (!this.open(RBRACE)) return;
    do {
      const [ks, ke] = this.key();
      const vs = this.pos;
      this.skipValue(1);
      const ve = this.pos;
      fn(ks, ke, vs, ve);
      this.pos = ve;
    } while (this.more(RBRACE));
  }

  /** Steps past an opening brace or bracket: false (and past `close`) when the container is empty. */
  private open(close: number): boolean {
    this.pos++;
    this.ws();
    if (this.b[this.pos] !== close) return true;
    this.pos++;
    return false;
  }

  /** A quoted key and its colon, leaving pos at the value; the key's bytes [start, end) with quotes. */
  private key(): [number, number] {
    if (this.b[this.pos] !== QUOTE) this.eofOr('expected a quoted key');
    const start = this.pos;
    this.skipString();
    const end = this.pos;
    this.ws();
    if (this.b[this.pos] !== COLON) this.eofOr("expected ':' after a key");
    this.pos++;
    this.ws();
    return [start, end];
  }

  /** After a member: true past a comma (another member follows), false past `close`. */
  private more(close: number): boolean {
    this.ws();
    const d = this.b[this.pos];
    if (d === COMMA) {
      this.pos++;
      this.ws();
      return true;
    }
    if (d === close) {
      this.pos++;
      return false;
    }
    this.eofOr(close === RBRACE ? "expected ',' or '}'" : "expected ',' or ']'");
  }

  /** Parses the bytes [s, e) as JSON. */
  parse(s: number, e: number): unknown {
    let text: string;
    try {
      text = utf8.decode(this.b.subarray(s, e));
    } catch {
      this.fail('the text is not UTF-8', s);
    }
    try {
      return JSON.parse(text);
    } catch (err) {
      this.fail(err instanceof Error ? err.message : String(err), s);
    }
  }

  /** A JSON string at [s, e) (with its quotes). */
  string(s: number, e: number): string {
    // Keys are plain ASCII nearly always; decode those without JSON.parse.
    let out = '';
    for (let i = s + 1; i < e - 1; i++) {
      const c = this.b[i]!;
      if (c >= 0x80 || c === BACKSLASH) {
        const v = this.parse(s, e);
        return typeof v === 'string' ? v : '';
      }
      out += String.fromCharCode(c);
    }
    return out;
  }
}

const LITERALS = ['true', 'false', 'null'].map((w) => new TextEncoder().encode(w));

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function checkOffer(file: string, offer: unknown): OfferCode {
  if (typeof offer !== 'string') {
    throw offerError(file, 'the file has no offer code (offerCode / OfferCode): it is not an AWS Price List offer file');
  }
  if (!(OFFER_CODES as readonly string[]).includes(offer)) {
    throw offerError(file, `wrong offer code \`${offer}\`: kplan imports ${OFFER_CODES.join(' and ')}`, undefined, {
      expected: OFFER_CODES.join(' or '),
      found: offer,
    });
  }
  return offer as OfferCode;
}

function checkPublication(file: string, value: unknown): string {
  const d = dateOnly(value);
  if (!d) throw offerError(file, 'the file has no readable publication date (publicationDate / Publication Date)', undefined, { found: JSON.stringify(value ?? null) });
  return d;
}

function importJson(b: Uint8Array, file: string, start: number): ImportResult {
  const w: JsonWalker = new JsonWalker(b, file);
  // Pass 1: check the whole document and find the top-level members.
  const top = new Map<string, [number, number]>();
  w.members(start, (ks, ke, vs, ve) => top.set(w.string(ks, ke), [vs, ve]));
  w.ws();
  if (w.pos < b.length) w.fail('unexpected text after the end of the JSON object');

  // A pricing page's data file: a manifest and prices by Region name, no offer code.
  if (top.has('manifest') && !top.has('offerCode')) return importUnitMap(w, top, file);
  const at = (k: string) => top.get(k);
  const offerRange = at('offerCode');
  const offer = checkOffer(file, offerRange ? w.parse(offerRange[0], offerRange[1]) : undefined);
  const pubRange = at('publicationDate');
  const publicationDate = checkPublication(file, pubRange ? w.parse(pubRange[0], pubRange[1]) : undefined);
  const products = at('products');
  if (!products) throw offerError(file, 'the offer file has no `products`');
  const terms = at('terms');
  if (!terms) throw offerError(file, 'the offer file has no `terms`');

  // Pass 2: products → the SKUs kplan uses.
  const col = new Collector(offer);
  const wanted = new Map<string, Candidate>();
  w.members(products[0], (ks, ke, vs, ve) => {
    const p = w.parse(vs, ve);
    if (!isRecord(p)) w.fail('a product is not an object', vs);
    const attrs = isRecord(p.attributes) ? p.attributes : {};
    const sku = str(p.sku) ?? w.string(ks, ke);
    const usagetype = str(attrs.usagetype) ?? '';
    const rule = matchRule(offer, usagetype, str(attrs.operation));
    const region = col.region(str(attrs.regionCode), str(attrs.location), usagetype);
    col.countSku(region);
    if (rule && region) wanted.set(sku, { sku, rule, region, usagetype, effectiveDate: undefined, dims: [] });
  });

  // Pass 3: OnDemand terms of those SKUs.
  w.members(terms[0], (ks, ke, vs) => {
    if (w.string(ks, ke) !== 'OnDemand') return;
    w.members(vs, (sks, ske, svs, sve) => {
      const c = wanted.get(w.string(sks, ske));
      if (!c) return;
      const offers = w.parse(svs, sve);
      if (!isRecord(offers)) w.fail('an OnDemand term is not an object', svs);
      // One OnDemand offer term per SKU in practice; if there are more, the newest applies.
      let best: Record<string, unknown> | undefined;
      for (const t of Object.values(offers)) {
        if (!isRecord(t)) continue;
        if (!best || (dateOnly(t.effectiveDate) ?? '') > (dateOnly(best.effectiveDate) ?? '')) best = t;
      }
      if (!best) return;
      c.effectiveDate = dateOnly(best.effectiveDate);
      const dims = isRecord(best.priceDimensions) ? Object.values(best.priceDimensions) : [];
      for (const d of dims) {
        if (!isRecord(d)) continue;
        // The AWS doc's summary spells the range keys startingRange/endingRange; files use beginRange/endRange.
        const begin = parseRange(str(d.beginRange) ?? str(d.startingRange)) ?? 0;
        const end = parseRange(str(d.endRange) ?? str(d.endingRange));
        c.dims.push({ begin, end: end === undefined ? null : end, usd: parseUsd(isRecord(d.pricePerUnit) ? d.pricePerUnit.USD : undefined), unit: str(d.unit) ?? '' });
      }
    });
  });

  for (const c of wanted.values()) col.add(c);
  return col.finish(file, 'json', publicationDate);
}

// ---------------------------------------------------------------------------------------------
// CSV

/** Reads RFC 4180 rows; each field is three numbers in `out`: start, end, flags (1 = has "", 2 = quoted). */
class CsvReader {
  pos = 0;
  line = 1;
  constructor(
    private readonly b: Uint8Array,
    private readonly file: string,
  ) {
    // A UTF-8 byte order mark is allowed before the first row.
    if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) this.pos = 3;
  }

  fail(message: string, line = this.line): never {
    throw offerError(this.file, `not a valid CSV offer file: ${message}`, { line, col: 1 });
  }

  row(out: number[]): boolean {
    out.length = 0;
    const b = this.b;
    const n = b.length;
    if (this.pos >= n) return false;
    let p = this.pos;
    const startLine = this.line;
    for (;;) {
      let c = b[p];
      if (c === QUOTE) {
        const s = p + 1;
        let flags = 2;
        p++;
        for (;;) {
          if (p >= n) this.fail('the file ends inside a quoted field (truncated?)', startLine);
          c = b[p];
          if (c === QUOTE) {
            if (b[p + 1] === QUOTE) {
              flags |= 1;
              p += 2;
              continue;
            }
            break;
          }
          if (c === LF) this.line++;
          p++;
        }
        out.push(s, p, flags);
        p++;
      } else {
        const s = p;
        while (p < n) {
          c = b[p];
          if (c === COMMA || c === LF || c === CR) break;
          // RFC 4180: a field with a quote in it must be quoted as a whole.
          if (c === QUOTE) this.fail('a quote inside an unquoted field (a field with quotes must be quoted as a whole)');
          p++;
        }
        out.push(s, p, 0);
      }
      if (p >= n) break;
      c = b[p];
      if (c === COMMA) {
        p++;
        continue;
      }
      if (c === CR) p++;
      if (b[p] === LF) p++;
      else if (c !== CR) this.fail('expected a comma or the end of the line after a quoted field');
      this.line++;
      break;
    }
    this.pos = p;
    return true;
  }

  text(out: number[], i: number): string {
    const s = out[i * 3]!;
    const e = out[i * 3 + 1]!;
    const flags = out[i * 3 + 2]!;
    let t = '';
    let ascii = true;
    for (let k = s; k < e; k++) {
      const c = this.b[k]!;
      if (c >= 0x80) {
        ascii = false;
        break;
      }
      t += String.fromCharCode(c);
    }
    if (!ascii) {
      try {
        t = utf8.decode(this.b.subarray(s, e));
      } catch {
        this.fail('the text is not UTF-8');
      }
    }
    return flags & 1 ? t.replaceAll('""', '"') : t;
  }
}

const CSV_COLUMNS = {
  sku: 'sku',
  termType: 'termtype',
  effectiveDate: 'effectivedate',
  startingRange: 'startingrange',
  endingRange: 'endingrange',
  unit: 'unit',
  pricePerUnit: 'priceperunit',
  currency: 'currency',
  usageType: 'usagetype',
  operation: 'operation',
  regionCode: 'region code',
  location: 'location',
} as const;
const REQUIRED_CSV: readonly (keyof typeof CSV_COLUMNS)[] = ['sku', 'termType', 'unit', 'pricePerUnit', 'usageType'];

function importCsv(b: Uint8Array, file: string): ImportResult {
  const r = new CsvReader(b, file);
  const row: number[] = [];
  const meta = new Map<string, string>();
  // Metadata rows (FormatVersion, Disclaimer, Publication Date, Version, OfferCode), then the header.
  let header: string[] | undefined;
  for (let i = 0; i < 20 && r.row(row); i++) {
    const first = r.text(row, 0).trim();
    if (first.toLowerCase() === 'sku') {
      header = Array.from({ length: row.length / 3 }, (_, k) => r.text(row, k).trim().toLowerCase());
      break;
    }
    if (row.length >= 6) meta.set(first.toLowerCase(), r.text(row, 1).trim());
  }
  if (!header) {
    throw offerError(file, 'not a valid CSV offer file: no header row (a row starting with "SKU") after the metadata rows', { line: r.line, col: 1 });
  }
  const offer = checkOffer(file, meta.get('offercode'));
  const publicationDate = checkPublication(file, meta.get('publication date'));
  const headerLine = r.line - 1;
  const idx = {} as Record<keyof typeof CSV_COLUMNS, number>;
  for (const [k, name] of Object.entries(CSV_COLUMNS) as [keyof typeof CSV_COLUMNS, string][]) idx[k] = header.indexOf(name);
  for (const k of REQUIRED_CSV) {
    if (idx[k] < 0) throw offerError(file, `not a valid CSV offer file: the header has no \`${CSV_COLUMNS[k]}\` column`, { line: headerLine, col: 1 });
  }
  const width = header.length;
  const col = new Collector(offer);
  const candidates = new Map<string, Candidate>();
  const seenSkus = new Set<string>();
  const get = (k: keyof typeof CSV_COLUMNS): string | undefined => (idx[k] >= 0 ? r.text(row, idx[k]) : undefined);
  for (;;) {
    const line = r.line;
    if (!r.row(row)) break;
    if (row.length === 3 && row[0] === row[1]) continue; // blank line
    if (row.length / 3 !== width) {
      r.fail(`a row has ${row.length / 3} fields where the header has ${width} (truncated?)`, line);
    }
    const sku = get('sku')!;
    const usagetype = get('usageType')!;
    const operation = get('operation');
    const rule = matchRule(offer, usagetype, operation);
    if (!seenSkus.has(sku)) {
      seenSkus.add(sku);
      const region = col.region(get('regionCode'), get('location'), usagetype);
      col.countSku(region);
      if (rule && region) candidates.set(sku, { sku, rule, region, usagetype, effectiveDate: undefined, dims: [] });
    }
    const c = candidates.get(sku);
    if (!c || get('termType') !== 'OnDemand') continue;
    const currency = get('currency');
    const usd = currency === undefined || currency === 'USD' ? parseUsd(get('pricePerUnit')) : undefined;
    const eff = dateOnly(get('effectiveDate'));
    if (eff && (!c.effectiveDate || eff > c.effectiveDate)) c.effectiveDate = eff;
    const end = parseRange(get('endingRange'));
    c.dims.push({ begin: parseRange(get('startingRange')) ?? 0, end: end === undefined ? null : end, usd, unit: get('unit') ?? '' });
  }
  for (const c of candidates.values()) col.add(c);
  return col.finish(file, 'csv', publicationDate);
}

// ---------------------------------------------------------------------------------------------

/**
 * Imports an AWS Price List offer file (JSON or CSV, told apart by the first character).
 * Throws a UsageError (`bad-offer-file`) saying where the file broke.
 */
export function importOfferFile(input: Uint8Array | string, file = '<offer file>'): ImportResult {
  const b = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  // The readers decode only the fields they use; the rest must be text all the same.
  if (!isUtf8(b)) throw offerError(file, 'the file is not UTF-8 text', positionOf(b, firstInvalidUtf8(b)));
  let i = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  while (i < b.length && (b[i] === 0x20 || b[i] === LF || b[i] === CR || b[i] === 0x09)) i++;
  if (i >= b.length) throw offerError(file, 'the file is empty');
  if (b[i] === LBRACE) return importJson(b, file, i);
  // A `.json` file that is not JSON (binary, truncated at the start) is not reported as a bad CSV.
  if (/\.json$/i.test(file)) throw offerError(file, 'not a valid JSON offer file: it does not start with `{`', { line: 1, col: 1 });
  return importCsv(b, file);
}
