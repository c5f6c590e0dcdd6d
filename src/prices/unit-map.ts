// Reads the JSON data files the AWS pricing pages fill their tables from ("metered unit maps",
// https://b0.p.awsstatic.com/pricing/2.0/meteredUnitMaps/<service>/USD/current/<service>.json) into a
// catalogue fragment. Pure: the JSON walker of import.ts hands over byte ranges, this decodes them.
//
// Layout: { "manifest": { "serviceId", "hawkFilePublicationDate", "currencyCode", … },
//           "regions": { "<Region display name>": { "<label>": { "rateCode", "price", … }, … } } }
// Labelled entries give the prices; an entry keyed by its opaque rate-code hash with no label is not
// identified (the 2025-11-03 Kinesis file holds seven such, probably On-demand Advantage) and is
// never used. Prices are per the same unit as the catalogue's (a PUT payload unit, a request, a GB,
// an hour), so the unit conversion is the identity; only tier ends are converted (TB → GB).

import { UsageError } from '../errors.js';
import { isRecord } from '../json-values.js';
import { isIsoDate } from './catalogue.js';
import { regionByName } from './regions.js';
import { FIREHOSE_QUOTED_ABOVE_GB, PRICE_KEYS, type Price, type PriceKey, type PriceTier, type RegionPrices } from './types.js';
import type { ImportResult, RegionImport } from './import.js';

/** The byte-range reader import.ts's JsonWalker provides. */
export interface UnitMapReader {
  members(start: number, fn: (ks: number, ke: number, vs: number, ve: number) => void): void;
  parse(s: number, e: number): unknown;
  string(s: number, e: number): string;
  fail(message: string, at?: number): never;
  /** 1-based line and column of a byte offset. */
  position(at: number): { line: number; col: number };
}

export type UnitMapService = 'kinesis' | 'kinesisfirehose' | 's3' | 'lambda';
export const UNIT_MAP_SERVICES: readonly UnitMapService[] = ['kinesis', 'kinesisfirehose', 's3', 'lambda'];

/** The Price List offer code of each service, for the import summary. */
const OFFER_OF: Record<UnitMapService, ImportResult['offerCode']> = {
  kinesis: 'AmazonKinesis',
  kinesisfirehose: 'AmazonKinesisFirehose',
  s3: 'AmazonS3',
  lambda: 'AWSLambda',
};

/** A flat price: one label. A tiered price: one label per tier, each with the tier's end. */
interface LabelRule {
  key: PriceKey;
  unit: string;
  labels: readonly string[];
  /** Tier ends in the catalogue's unit (null = open); present for tiered prices, one per label. */
  upTo?: readonly (number | null)[];
  note?: string;
}

// Tier ends follow the convention of the files themselves: 1 TB = 1,024 GB and 1 PB = 1,000 TB
// (the Firehose file's Iceberg tiers read "from 0 to 256000" and "256000 to 1024000" GB for 250 TB
// and 1 PB). Beyond 5 PB of Firehose ingestion AWS quotes on request: the last tier is kept open
// and the model warns past 5 PB (FIREHOSE_QUOTED_ABOVE_GB).
const TB = 1024;
const PB = 1000 * TB;
const FIREHOSE_TIER_NOTE = 'tiers per GB per month: first 500 TB, next 1.5 PB, next 3 PB (to 5 PB); above 5 PB AWS prices on request, so the last tier is left open';
const firehoseTiers = (prefix: string): string[] => [`${prefix} first 500TB`, `${prefix} Next 1 5PB`, `${prefix} Next 3PB`];
const FIREHOSE_UP_TO = [500 * TB, 500 * TB + 1.5 * PB, null];

const RULES: Record<UnitMapService, readonly LabelRule[]> = {
  // Labels: https://aws.amazon.com/kinesis/data-streams/pricing/ renders these entries.
  kinesis: [
    { key: 'kinesis.shard-hour', unit: 'shard-hour', labels: ['Provisioned shard hour per ShardHour'] },
    { key: 'kinesis.put-payload-unit', unit: 'unit', labels: ['Payload Units per PutRequest'], note: 'per 25 KB PUT payload unit' },
    {
      key: 'kinesis.extended-retention-shard-hour',
      unit: 'shard-hour',
      labels: ['Addon shard hour per ShardHour'],
      note: 'flat per shard-hour for any retention over 24 h up to 7 days',
    },
    { key: 'kinesis.long-term-retention-gb-month', unit: 'GB-month', labels: ['Long term Data Retention GB-month per GB-month'] },
    { key: 'kinesis.long-term-retrieval-gb', unit: 'GB', labels: ['Long term Data Retrieval GB per GB'] },
    { key: 'kinesis.efo-consumer-shard-hour', unit: 'consumer-shard-hour', labels: ['Enhanced fan out per ConsumerShardHour'] },
    { key: 'kinesis.efo-data-gb', unit: 'GB', labels: ['Enhanced fan out GB of data retrieved per GB'] },
    { key: 'kinesis.on-demand-stream-hour', unit: 'stream-hour', labels: ['OnDemandStreamHr per StreamHr'] },
    { key: 'kinesis.on-demand-data-in-gb', unit: 'GB', labels: ['OnDemandDataIngested per GB'] },
    { key: 'kinesis.on-demand-data-out-gb', unit: 'GB', labels: ['OnDemandDataRetrieval per GB'] },
    { key: 'kinesis.on-demand-efo-data-gb', unit: 'GB', labels: ['OnDemandEFODataRetrieval per GB'] },
    { key: 'kinesis.on-demand-extended-retention-gb-month', unit: 'GB-month', labels: ['OnDemandExtendedRetentionByteHrs per GB month'] },
    { key: 'kinesis.on-demand-long-term-retention-gb-month', unit: 'GB-month', labels: ['OnDemandLongTermRetentionByteHrs per GB month'] },
  ],
  // https://aws.amazon.com/firehose/pricing/
  kinesisfirehose: [
    { key: 'firehose.direct-put-ingestion-gb', unit: 'GB', labels: firehoseTiers('Per GB of data ingested'), upTo: FIREHOSE_UP_TO, note: FIREHOSE_TIER_NOTE },
    { key: 'firehose.stream-source-ingestion-gb', unit: 'GB', labels: firehoseTiers('Per GB of data read from Kinesis Streams'), upTo: FIREHOSE_UP_TO, note: FIREHOSE_TIER_NOTE },
    { key: 'firehose.format-conversion-gb', unit: 'GB', labels: ['Per GB of data format conversion'] },
    { key: 'firehose.vpc-data-gb', unit: 'GB', labels: ['Per GB of data delivered to VPC'] },
    { key: 'firehose.vpc-az-hour', unit: 'AZ-hour', labels: ['Per Hour per AZ for VPC delivery'], note: 'partial hours are billed as full hours' },
    { key: 'firehose.dynamic-partitioning-gb', unit: 'GB', labels: ['Per GB of dynamically partitioned data delivered'] },
    { key: 'firehose.dynamic-partitioning-object', unit: 'object', labels: ['Per object dynamically partitioned'] },
    { key: 'firehose.jq-hour', unit: 'hour', labels: ['Per JQ processing hour'] },
  ],
  // https://aws.amazon.com/s3/pricing/. Unprefixed request labels are S3 Standard; other classes say
  // "to Standard Infrequent Access" and so on. Glacier Deep Archive storage has no label in the file.
  s3: [
    { key: 's3.put-request', unit: 'request', labels: ['PUT COPY/POST or LIST requests per Requests'], note: 'S3 Standard PUT, COPY, POST, LIST requests' },
    { key: 's3.get-request', unit: 'request', labels: ['GET and all other requests per Requests'], note: 'S3 Standard GET and all other requests' },
    {
      key: 's3.storage-standard-gb-month',
      unit: 'GB-month',
      labels: ['Standard Storage First 50 TB per GB Mo', 'Standard Storage Next 450 TB per GB Mo', 'Standard Storage Over 500 TB per GB Mo'],
      upTo: [50 * TB, 500 * TB, null],
      note: 'tiers per GB-month: first 50 TB, next 450 TB, over 500 TB',
    },
    { key: 's3.storage-standard-ia-gb-month', unit: 'GB-month', labels: ['Standard Infrequent Access Storage per GB-Mo'] },
    { key: 's3.storage-one-zone-ia-gb-month', unit: 'GB-month', labels: ['One Zone Infrequent Access Storage Inf per GB-Mo'] },
    { key: 's3.storage-glacier-ir-gb-month', unit: 'GB-month', labels: ['Glacier Instant Retrieval Storage'] },
    { key: 's3.storage-glacier-flexible-gb-month', unit: 'GB-month', labels: ['Glacier Storage per GB Mo'] },
  ],
  // https://aws.amazon.com/lambda/pricing/: duration tiers per account and Region, x86 first 6 billion
  // GB-seconds, next 9 billion, over 15 billion; Arm first 7.5 billion, next 11.25 billion, over 18.75
  // billion. The free tier is per account and not assumed unused.
  lambda: [
    { key: 'lambda.request', unit: 'request', labels: ['Lambda Requests'] },
    {
      key: 'lambda.duration-x86-gb-second',
      unit: 'GB-second',
      labels: ['Lambda Duration', 'Lambda Duration Tier2', 'Lambda Duration Tier3'],
      upTo: [6e9, 15e9, null],
      note: 'x86 tiers per GB-second per month: first 6 billion, next 9 billion, over 15 billion',
    },
    {
      key: 'lambda.duration-arm-gb-second',
      unit: 'GB-second',
      labels: ['Lambda Duration-ARM', 'Lambda Duration-ARM Tier2', 'Lambda Duration-ARM Tier3'],
      upTo: [7.5e9, 18.75e9, null],
      note: 'Arm tiers per GB-second per month: first 7.5 billion, next 11.25 billion, over 18.75 billion',
    },
  ],
};

export { FIREHOSE_QUOTED_ABOVE_GB };

/** The URL AWS publishes a service's data file at: the `source` of every price read from it. */
export function unitMapUrl(service: UnitMapService): string {
  return `https://b0.p.awsstatic.com/pricing/2.0/meteredUnitMaps/${service}/USD/current/${service}.json`;
}

const PRICE_RE = /^\d{1,9}(\.\d{1,12})?$/;

/** Entries that are not Regions: S3 and Lambda carry global rates under "Any" and "". */
const NOT_REGIONS = new Set(['any', '']);

/**
 * Imports a metered-unit-map file whose top-level members are `top` (name → value byte range).
 * Throws a UsageError (`bad-offer-file`) at the first thing it cannot read. Longer than 80 lines
 * because the walk over Regions uses the service, publication date and source the manifest checks
 * establish, and gathers its warnings and per-Region counts into the one result.
 */
export function importUnitMap(w: UnitMapReader, top: Map<string, [number, number]>, file: string): ImportResult {
  const manifestRange = top.get('manifest')!;
  const manifest = w.parse(manifestRange[0], manifestRange[1]);
  if (!isRecord(manifest)) w.fail('`manifest` is not an object', manifestRange[0]);
  const at = w.position(manifestRange[0]);
  const service = manifest.serviceId;
  if (typeof service !== 'string' || !(UNIT_MAP_SERVICES as readonly string[]).includes(service)) {
    throw fileError(
      file,
      at,
      `wrong service \`${typeof service === 'string' ? service : String(service)}\` in the manifest: kplan reads the ${UNIT_MAP_SERVICES.join(', ')} price data files`,
      {
        expected: UNIT_MAP_SERVICES.join(', '),
        found: JSON.stringify(service ?? null),
      },
    );
  }
  if (manifest.currencyCode !== 'USD') {
    throw fileError(file, at, 'only USD price data files can be imported', { expected: '"USD"', found: JSON.stringify(manifest.currencyCode ?? null) });
  }
  const published = typeof manifest.hawkFilePublicationDate === 'string' ? manifest.hawkFilePublicationDate.slice(0, 10) : '';
  if (!isIsoDate(published) || !/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/.test(String(manifest.hawkFilePublicationDate))) {
    throw fileError(file, at, 'the manifest has no readable publication date (hawkFilePublicationDate)', { found: JSON.stringify(manifest.hawkFilePublicationDate ?? null) });
  }
  const regionsRange = top.get('regions');
  if (!regionsRange) throw fileError(file, { line: 1, col: 1 }, 'the price data file has no `regions`');

  const svc = service as UnitMapService;
  const source = `${unitMapUrl(svc)} (published ${published})`;
  const regions: Record<string, RegionPrices> = {};
  const perRegion: RegionImport[] = [];
  const warnings: string[] = [];
  const unknownNames: string[] = [];
  let unlabelled = 0;
  let unlabelledRegions = 0;
  w.members(regionsRange[0], (ks, ke, vs) => {
    const name = w.string(ks, ke);
    if (NOT_REGIONS.has(name.trim().toLowerCase())) return;
    const info = regionByName(name);
    if (!info) {
      unknownNames.push(name);
      return;
    }
    const read = readRegion(w, vs, svc);
    if (read.unlabelled > 0) {
      unlabelled += read.unlabelled;
      unlabelledRegions++;
    }
    const prices: Partial<Record<PriceKey, Price>> = {};
    let used = 0;
    for (const rule of RULES[svc]) {
      const got = rule.labels.map((l) => read.byLabel.get(l));
      if (got.every((g) => g === undefined)) continue;
      if (got.some((g) => g === undefined)) {
        warnings.push(`${info.code} ${rule.key}: skipped, the file has only some of its tiers (${rule.labels.filter((_, i) => got[i] === undefined).join('; ')} missing)`);
        continue;
      }
      used += rule.labels.length;
      prices[rule.key] = toPrice(rule, got as number[], published, source);
    }
    const imported = PRICE_KEYS.filter((k) => prices[k] !== undefined);
    if (regions[info.code]) w.fail(`the Region ${info.code} appears twice`, ks);
    if (imported.length > 0) regions[info.code] = { region: info.code, prices };
    perRegion.push({ region: info.code, imported, skippedSkus: read.labelled - used });
  });
  if (perRegion.every((r) => r.imported.length === 0)) {
    throw fileError(file, w.position(regionsRange[0]), `no usable price: none of the labels in the ${svc} price data file is one kplan knows`, {
      hint: 'import the kinesis, kinesisfirehose, s3 or lambda file from https://b0.p.awsstatic.com/pricing/2.0/meteredUnitMaps/',
    });
  }
  if (unlabelled > 0) {
    warnings.push(`${unlabelled} rate code(s) without a label in ${unlabelledRegions} Region(s) were not used: what they price cannot be told from the file`);
  }
  if (unknownNames.length > 0) {
    warnings.push(`${unknownNames.length} Region name(s) kplan does not know were skipped (${unknownNames.slice(0, 5).join(', ')}${unknownNames.length > 5 ? ', …' : ''})`);
  }
  perRegion.sort((a, b) => a.region.localeCompare(b.region));
  return {
    offerCode: OFFER_OF[svc],
    format: 'metered-unit-map',
    publicationDate: published,
    catalogue: { catalogue_version: 1, as_of: published, source, currency: 'USD', regions },
    perRegion,
    unknownRegionSkus: unknownNames.length,
    warnings,
  };
}

interface RegionRead {
  /** label → price, for the labels of this service's rules. */
  byLabel: Map<string, number>;
  /** Labelled entries in the Region. */
  labelled: number;
  /** Rate codes that no labelled entry carries. */
  unlabelled: number;
}

/** One Region's entries: checks each entry kplan uses, counts the rest. */
function readRegion(w: UnitMapReader, start: number, svc: UnitMapService): RegionRead {
  const wanted = new Set(RULES[svc].flatMap((r) => r.labels));
  const byLabel = new Map<string, number>();
  const labelledCodes = new Set<string>();
  const hashCodes: string[] = [];
  let labelled = 0;
  w.members(start, (ks, ke, vs, ve) => {
    const label = w.string(ks, ke);
    const entry = w.parse(vs, ve);
    if (!isRecord(entry)) w.fail(`the entry "${label}" is not an object`, vs);
    const rateCode = typeof entry.rateCode === 'string' ? entry.rateCode : undefined;
    // An entry keyed by its own regionless rate code carries no label.
    if (label === entry.RegionlessRateCode) {
      if (rateCode !== undefined) hashCodes.push(rateCode);
      return;
    }
    labelled++;
    if (rateCode !== undefined) labelledCodes.add(rateCode);
    if (!wanted.has(label)) return;
    if (byLabel.has(label)) w.fail(`the label "${label}" appears twice in one Region`, ks);
    const price = entry.price;
    if (typeof price !== 'string' || !PRICE_RE.test(price)) {
      w.fail(`the price of "${label}" is not a decimal number of USD (found ${JSON.stringify(price ?? null).slice(0, 40)})`, vs);
    }
    byLabel.set(label, Number(price));
  });
  return { byLabel, labelled, unlabelled: hashCodes.filter((c) => !labelledCodes.has(c)).length };
}

function toPrice(rule: LabelRule, usd: number[], asOf: string, source: string): Price {
  const price: Price = { usd: usd[0]!, unit: rule.unit, as_of: asOf, source, confidence: 'H' };
  if (rule.upTo) price.tiers = rule.upTo.map((upTo, i): PriceTier => ({ up_to: upTo, usd: usd[i]! }));
  if (rule.note) price.note = rule.note;
  return price;
}

function fileError(file: string, position: { line: number; col: number }, message: string, extra: { expected?: string; found?: string; hint?: string } = {}): UsageError {
  return new UsageError([{ code: 'bad-offer-file', severity: 'error', file, position, message, ...extra }]);
}
