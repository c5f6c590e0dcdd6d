import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UsageError, type Issue } from '../../src/errors.js';
import { builtinCatalogue, mergeCatalogues, validateCatalogue } from '../../src/prices/catalogue.js';
import { importOfferFile, matchRule, unitFactor, type ImportResult } from '../../src/prices/import.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/offers/${name}`, import.meta.url));

function issueOf(fn: () => unknown): Issue {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as UsageError).issues[0]!;
  }
  throw new Error('expected a UsageError');
}

function checkKinesis(r: ImportResult): void {
  expect(r.offerCode).toBe('AmazonKinesis');
  expect(r.publicationDate).toBe('2026-10-01');
  expect(r.catalogue.source).toBe('AWS Price List AmazonKinesis 2026-10-01');
  const e1 = r.catalogue.regions['us-east-1']!.prices;
  // the legacy un-prefixed us-east-1 SKU
  expect(e1['kinesis.shard-hour']).toEqual({
    usd: 0.015,
    unit: 'shard-hour',
    as_of: '2026-09-01',
    source: 'AWS Price List AmazonKinesis 2026-10-01',
    confidence: 'H',
    usagetype: 'Storage-ShardHour',
  });
  expect(e1['kinesis.put-payload-unit']!.usd).toBe(1.4e-8);
  // the prefixed USE2- SKUs, with both range spellings
  const e2 = r.catalogue.regions['us-east-2']!.prices;
  expect(e2['kinesis.shard-hour']!.usd).toBe(0.015);
  expect(e2['kinesis.on-demand-stream-hour']!.usd).toBe(0.04);
  // a shared suffix told apart by operation
  expect(e2['kinesis.long-term-retention-gb-month']!.usd).toBe(0.023);
  expect(e2['kinesis.on-demand-long-term-retention-gb-month']!.usd).toBe(0.0235);
  // eu-west-1 found from the location name alone
  expect(r.catalogue.regions['eu-west-1']!.prices['kinesis.shard-hour']!.usd).toBe(0.017);
  // the non-stream channel SKU is ignored and counted as skipped; GovCloud is a known region
  expect(r.perRegion).toEqual([
    { region: 'eu-west-1', imported: ['kinesis.shard-hour'], skippedSkus: 0 },
    { region: 'us-east-1', imported: ['kinesis.shard-hour', 'kinesis.put-payload-unit'], skippedSkus: 1 },
    {
      region: 'us-east-2',
      imported: ['kinesis.shard-hour', 'kinesis.long-term-retention-gb-month', 'kinesis.on-demand-stream-hour', 'kinesis.on-demand-long-term-retention-gb-month'],
      skippedSkus: 0,
    },
    { region: 'us-gov-west-1', imported: ['kinesis.shard-hour'], skippedSkus: 0 },
  ]);
  expect(r.catalogue.regions['us-gov-west-1']!.prices['kinesis.shard-hour']!.usd).toBe(0.018);
  expect(r.unknownRegionSkus).toBe(0);
  expect(JSON.stringify(r.catalogue)).not.toContain('Channel');
  expect(() => validateCatalogue(r.catalogue, 'fragment')).not.toThrow();
}

function checkFirehose(r: ImportResult): void {
  expect(r.offerCode).toBe('AmazonKinesisFirehose');
  const ing = r.catalogue.regions['us-east-1']!.prices['firehose.direct-put-ingestion-gb']!;
  // tiers sorted by range whatever the order in the file; the no-rounding SKU is not ingestion
  expect(ing.usd).toBe(0.029);
  expect(ing.tiers).toEqual([
    { up_to: 512000, usd: 0.029 },
    { up_to: 2048000, usd: 0.025 },
    { up_to: null, usd: 0.02 },
  ]);
  expect(ing.usagetype).toBe('USE1-BilledBytes');
  expect(r.catalogue.regions['us-east-1']!.prices['firehose.format-conversion-gb']!.usd).toBe(0.018);
  expect(r.catalogue.regions['eu-west-2']!.prices['firehose.direct-put-ingestion-gb']!.tiers!.map((t) => t.usd)).toEqual([0.035, 0.03, 0.024]);
  expect(r.perRegion.find((x) => x.region === 'us-east-1')!.skippedSkus).toBe(1);
}

describe('importOfferFile: JSON', () => {
  it('reads an AmazonKinesis offer', () => {
    const r = importOfferFile(fixture('kinesis-offer.json'), 'kinesis-offer.json');
    expect(r.format).toBe('json');
    checkKinesis(r);
  });

  it('reads an AmazonKinesisFirehose offer with a tiered BilledBytes price', () => {
    checkFirehose(importOfferFile(fixture('firehose-offer.json'), 'firehose-offer.json'));
  });

  it('accepts a byte order mark', () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fixture('firehose-offer.json')]);
    checkFirehose(importOfferFile(bom, 'bom.json'));
  });
});

describe('importOfferFile: CSV', () => {
  it('reads an AmazonKinesis offer (quoted fields with commas and quotes)', () => {
    const r = importOfferFile(fixture('kinesis-offer.csv'), 'kinesis-offer.csv');
    expect(r.format).toBe('csv');
    checkKinesis(r);
  });

  it('reads an AmazonKinesisFirehose offer, finding columns by header name', () => {
    checkFirehose(importOfferFile(fixture('firehose-offer.csv'), 'firehose-offer.csv'));
  });

  it('gives the same catalogue as the JSON file', () => {
    const a = importOfferFile(fixture('kinesis-offer.json')).catalogue;
    const b = importOfferFile(fixture('kinesis-offer.csv')).catalogue;
    expect(b).toEqual(a);
  });
});

describe('importOfferFile: broken files', () => {
  it('rejects truncated JSON and says where', () => {
    const i = issueOf(() => importOfferFile(fixture('kinesis-truncated.json'), 'kinesis-truncated.json'));
    expect(i).toMatchObject({ code: 'bad-offer-file', file: 'kinesis-truncated.json' });
    expect(i.message).toContain('truncated');
    expect(i.position!.line).toBeGreaterThan(100);
  });

  it('rejects malformed JSON with its line', () => {
    const text = fixture('kinesis-offer.json').toString().replace('"sku" : "USE2SHARDHOUR001",', '"sku" : "USE2SHARDHOUR001"');
    const i = issueOf(() => importOfferFile(text, 'x.json'));
    expect(i.code).toBe('bad-offer-file');
    expect(i.message).toContain("expected ',' or '}'");
    expect(i.position!.line).toBe(text.split('\n').findIndex((l) => l.includes('"sku" : "USE2SHARDHOUR001"')) + 2);
  });

  it('rejects a truncated CSV row', () => {
    const i = issueOf(() => importOfferFile(fixture('kinesis-truncated.csv'), 'kinesis-truncated.csv'));
    expect(i.code).toBe('bad-offer-file');
    expect(i.position).toEqual({ line: 10, col: 1 });
  });

  it('rejects a CSV file without a header row', () => {
    const i = issueOf(() => importOfferFile(fixture('kinesis-no-header.csv'), 'kinesis-no-header.csv'));
    expect(i.message).toContain('no header row');
  });

  it('rejects another offer', () => {
    const text = fixture('kinesis-offer.json').toString().replace('"offerCode" : "AmazonKinesis"', '"offerCode" : "AmazonEC2"');
    const i = issueOf(() => importOfferFile(text, 'x.json'));
    expect(i).toMatchObject({ code: 'bad-offer-file', found: 'AmazonEC2' });
  });

  it('rejects a file with no usable SKU', () => {
    const text = fixture('kinesis-offer.csv')
      .toString()
      .split('\n')
      .filter((l) => !/ShardHour|PayloadUnits|StreamHour|ByteHrs/.test(l))
      .join('\n');
    expect(issueOf(() => importOfferFile(text, 'x.csv')).message).toContain('no usable AmazonKinesis SKU');
  });

  it('rejects an empty file and text that is neither JSON nor a CSV offer', () => {
    expect(issueOf(() => importOfferFile('  \n', 'x')).message).toContain('empty');
    expect(issueOf(() => importOfferFile('hello, world\n', 'x')).code).toBe('bad-offer-file');
  });
});

describe('matching SKUs', () => {
  it('matches by usage type suffix and operation', () => {
    expect(matchRule('AmazonKinesis', 'Storage-ShardHour', 'shardHourStorage')?.key).toBe('kinesis.shard-hour');
    expect(matchRule('AmazonKinesis', 'USE1-Storage-ShardHour', 'shardHourStorage')?.key).toBe('kinesis.shard-hour');
    expect(matchRule('AmazonKinesis', 'APN1-Extended-ShardHour', 'shardHourStorage')?.key).toBe('kinesis.extended-retention-shard-hour');
    expect(matchRule('AmazonKinesis', 'USE2-EnhancedFanout-ReadBytes', 'EnhancedFanoutDataRetrieval')?.key).toBe('kinesis.efo-data-gb');
    expect(matchRule('AmazonKinesis', 'USE2-LongTermRetention-ReadBytes', 'LongTermRetentionDataRetrieval')?.key).toBe('kinesis.long-term-retrieval-gb');
    expect(matchRule('AmazonKinesis', 'USE1-On-demand-Advantage-Channel-ProcessedBytes-S3TablesDestination', 'x')).toBeUndefined();
    expect(matchRule('AmazonKinesis', 'USE1-XStorage-ShardHour', 'shardHourStorage')).toBeUndefined();
    expect(matchRule('AmazonKinesis', 'Storage-ShardHour', 'somethingElse')).toBeUndefined();
    expect(matchRule('AmazonKinesisFirehose', 'USE1-KDS-no-rounding-BilledBytes', 'PutRecord')).toBeUndefined();
    expect(matchRule('AmazonKinesisFirehose', 'USE1-VendedLogsBilledBytes', 'PutRecord')).toBeUndefined();
    // rules are per offer
    expect(matchRule('AmazonKinesisFirehose', 'Storage-ShardHour', 'shardHourStorage')).toBeUndefined();
  });

  it('converts Price List units to kplan units, and refuses units that do not fit', () => {
    expect(unitFactor('gb', 'GB')).toBe(1);
    expect(unitFactor('gb', 'TB')).toBe(1024);
    expect(unitFactor('gb', 'GB-Mo')).toBeUndefined();
    expect(unitFactor('hour', 'ShardHour')).toBe(1);
    expect(unitFactor('hour', 'Hrs')).toBe(1);
    expect(unitFactor('hour', 'seconds')).toBe(1 / 3600);
    expect(unitFactor('count', '1,000,000 Units')).toBe(1_000_000);
    expect(unitFactor('count', '1,000 Objects')).toBe(1000);
    expect(unitFactor('count', 'PutRequest')).toBe(1);
    expect(unitFactor('count', 'GB')).toBeUndefined();
  });

  it('converts a TB-priced tiered SKU to GB tiers', () => {
    const text = fixture('firehose-offer.json')
      .toString()
      .replace(/"unit" : "GB",\n(\s+)"pricePerUnit" : \{\n\s+"USD" : "0.0290000000"/, '"unit" : "TB",\n$1"pricePerUnit" : {\n$1  "USD" : "29.696"')
      .replace(/"beginRange" : "0",\n(\s+)"endRange" : "512000",\n(\s+)"unit" : "TB"/, '"beginRange" : "0",\n$1"endRange" : "500",\n$2"unit" : "TB"');
    const r = importOfferFile(text, 'x.json');
    // one tier in TB and the rest in GB: ranges still meet at 512,000 GB
    expect(r.catalogue.regions['us-east-1']!.prices['firehose.direct-put-ingestion-gb']!.tiers![0]).toEqual({ up_to: 512000, usd: 0.029 });
  });
});

describe('regions of SKUs', () => {
  it('falls back to the billing-code prefix, and to us-east-1 for an un-prefixed usage type', () => {
    const csv = [
      '"FormatVersion","v1.0"',
      '"Publication Date","2026-10-01T12:00:00Z"',
      '"OfferCode","AmazonKinesis"',
      '"SKU","TermType","StartingRange","EndingRange","Unit","PricePerUnit","Currency","usageType","operation"',
      '"A","OnDemand","0","Inf","ShardHour","0.0195","USD","APN1-Storage-ShardHour","shardHourStorage"',
      '"B","OnDemand","0","Inf","ShardHour","0.015","USD","Storage-ShardHour","shardHourStorage"',
      '"C","OnDemand","0","Inf","ShardHour","0.02","USD","XYZ9-Storage-ShardHour","shardHourStorage"',
      '"D","Reserved","0","Inf","ShardHour","0.001","USD","USE2-Storage-ShardHour","shardHourStorage"',
      '',
    ].join('\r\n');
    const r = importOfferFile(csv, 'x.csv');
    expect(r.catalogue.regions['ap-northeast-1']!.prices['kinesis.shard-hour']!.usd).toBe(0.0195);
    expect(r.catalogue.regions['us-east-1']!.prices['kinesis.shard-hour']!.usd).toBe(0.015);
    // an unknown billing code is not guessed to be us-east-1
    expect(r.unknownRegionSkus).toBe(1);
    // only OnDemand terms are prices; without an effective date the publication date is the as-of
    expect(r.catalogue.regions['us-east-2']).toBeUndefined();
    expect(r.perRegion.find((x) => x.region === 'us-east-2')!.skippedSkus).toBe(1);
    expect(r.catalogue.regions['us-east-1']!.prices['kinesis.shard-hour']!.as_of).toBe('2026-10-01');
  });
});

describe('merging an import', () => {
  it('keeps the regions and keys the import does not touch', () => {
    const base = builtinCatalogue();
    const m = mergeCatalogues(base, importOfferFile(fixture('firehose-offer.json')).catalogue);
    expect(m.regions['us-east-1']!.prices['kinesis.shard-hour']).toEqual(base.regions['us-east-1']!.prices['kinesis.shard-hour']);
    expect(m.regions['ap-south-1']).toEqual(base.regions['ap-south-1']);
    expect(m.regions['eu-west-2']!.prices['firehose.vpc-az-hour']).toEqual(base.regions['eu-west-2']!.prices['firehose.vpc-az-hour']);
    expect(m.regions['us-east-1']!.prices['firehose.direct-put-ingestion-gb']!.source).toBe('AWS Price List AmazonKinesisFirehose 2026-10-02');
    expect(() => validateCatalogue(m, 'merged')).not.toThrow();
  });
});

describe('AmazonS3 offer: the S3 PUT request price for delivered objects', () => {
  it('imports Requests-Tier1 and ignores other storage classes', () => {
    const r = importOfferFile(fixture('s3-offer.json'), 's3-offer.json');
    const price = r.catalogue.regions['eu-west-1']?.prices['s3.put-request'];
    expect(price?.usd).toBeCloseTo(0.000005, 12);
    expect(price?.unit).toBe('request');
    expect(r.perRegion).toEqual([{ region: 'eu-west-1', imported: ['s3.put-request'], skippedSkus: 1 }]);
  });
});

describe('importOfferFile: as strict as the maintained parsers (docs/development.md)', () => {
  const json = fixture('kinesis-offer.json').toString('utf8');
  const csv = fixture('kinesis-offer.csv').toString('utf8');

  it('refuses a JSON number with a leading zero, even in a value it skips', () => {
    const i = issueOf(() => importOfferFile(json.replace('"products"', '"n": 01, "products"'), 'o.json'));
    expect(i.message).toContain('not a valid number');
    expect(i.position?.line).toBe(json.slice(0, json.indexOf('"products"')).split('\n').length);
  });

  it('refuses a quote inside an unquoted CSV field', () => {
    const i = issueOf(() => importOfferFile(csv.replace('"OnDemand"', 'On"Demand'), 'o.csv'));
    expect(i.message).toContain('a quote inside an unquoted field');
  });

  it('refuses bytes that are not UTF-8 anywhere in the file, at their line and column', () => {
    const head = Buffer.from(csv.slice(0, 2000));
    const bad = Buffer.concat([head, Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(csv.slice(2000))]);
    const i = issueOf(() => importOfferFile(bad, 'o.csv'));
    expect(i.message).toBe('the file is not UTF-8 text');
    const lines = csv.slice(0, 2000).split('\n');
    expect(i.position).toEqual({ line: lines.length, col: Buffer.byteLength(lines[lines.length - 1]!) + 1 });
    // a well-formed 4-byte character is fine
    expect(() => importOfferFile(csv.replace('Amazon Kinesis', 'Amazon Kinesis 🐟'), 'o.csv')).not.toThrow();
  });
});
