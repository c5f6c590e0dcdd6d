// The pricing pages' data files (meteredUnitMaps): trimmed copies of the AWS files of 2025-11-03
// (Kinesis), 2025-08-28 (Firehose) and 2025-12-02 (S3, Lambda), six Regions each. The expected
// figures are the files' raw values as printed on the AWS pricing pages, typed in by hand.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UsageError, type Issue } from '../../src/errors.js';
import { builtinCatalogue, validateCatalogue } from '../../src/prices/catalogue.js';
import { catalogueText, generateCatalogue } from '../../src/prices/generate.js';
import { importOfferFile, type ImportResult } from '../../src/prices/import.js';
import { FIREHOSE_QUOTED_ABOVE_GB } from '../../src/prices/unit-map.js';

const FILES = ['kinesis-2025-11-03.json', 'kinesisfirehose-2025-08-28.json', 's3-2025-12-02.json', 'lambda-2025-12-02.json'];
const fixture = (name: string) => readFileSync(new URL(`../fixtures/unit-maps/${name}`, import.meta.url));
const read = (name: string): ImportResult => importOfferFile(fixture(name), name);

function issueOf(fn: () => unknown): Issue {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as UsageError).issues[0]!;
  }
  throw new Error('expected a UsageError');
}

const usd = (r: ImportResult, region: string, key: string) => (r.catalogue.regions[region]?.prices as Record<string, { usd: number } | undefined>)[key]?.usd;

describe('metered unit maps: reading', () => {
  it('reads the Kinesis file: Region names to codes, labels to keys, dated by the manifest', () => {
    const r = read(FILES[0]!);
    expect(r).toMatchObject({ offerCode: 'AmazonKinesis', format: 'metered-unit-map', publicationDate: '2025-11-03' });
    expect(r.perRegion.map((p) => p.region)).toEqual(['ap-northeast-2', 'eu-central-1', 'sa-east-1', 'us-east-1', 'us-east-2', 'us-gov-west-1']);
    const p = r.catalogue.regions['ap-northeast-2']!.prices['kinesis.shard-hour']!;
    expect(p).toEqual({
      usd: 0.0185,
      unit: 'shard-hour',
      as_of: '2025-11-03',
      source: 'https://b0.p.awsstatic.com/pricing/2.0/meteredUnitMaps/kinesis/USD/current/kinesis.json (published 2025-11-03)',
      confidence: 'H',
    });
    // Seoul, as on https://aws.amazon.com/kinesis/data-streams/pricing/
    expect(usd(r, 'ap-northeast-2', 'kinesis.put-payload-unit')! * 1e6).toBeCloseTo(0.0204, 12);
    expect(usd(r, 'ap-northeast-2', 'kinesis.extended-retention-shard-hour')).toBe(0.0247);
    expect(usd(r, 'ap-northeast-2', 'kinesis.on-demand-stream-hour')).toBe(0.049);
    expect(usd(r, 'ap-northeast-2', 'kinesis.on-demand-data-in-gb')).toBe(0.099);
    expect(usd(r, 'ap-northeast-2', 'kinesis.on-demand-data-out-gb')).toBe(0.049);
    // Frankfurt
    expect(usd(r, 'eu-central-1', 'kinesis.shard-hour')).toBe(0.018);
    expect(usd(r, 'eu-central-1', 'kinesis.extended-retention-shard-hour')).toBe(0.024);
    expect(usd(r, 'eu-central-1', 'kinesis.put-payload-unit')! * 1e6).toBeCloseTo(0.0175, 12);
    expect(validateCatalogue(r.catalogue, 'fragment')).toBeDefined();
  });

  it('never uses the unlabelled rate codes (seven a Region in the 2025-11-03 file)', () => {
    const r = read(FILES[0]!);
    for (const rp of Object.values(r.catalogue.regions)) {
      expect(Object.keys(rp.prices).filter((k) => k.startsWith('kinesis.advantage-'))).toEqual([]);
      expect(Object.keys(rp.prices)).toHaveLength(13);
    }
    expect(r.warnings).toContain('42 rate code(s) without a label in 6 Region(s) were not used: what they price cannot be told from the file');
  });

  it('reads the three Firehose ingestion tiers per source type, the last left open', () => {
    const r = read(FILES[1]!);
    const p = r.catalogue.regions['ap-northeast-2']!.prices;
    const tiers = [
      { up_to: 500 * 1024, usd: 0.036 },
      { up_to: 2000 * 1024, usd: 0.031 },
      { up_to: null, usd: 0.025 },
    ];
    expect(p['firehose.direct-put-ingestion-gb']!.tiers).toEqual(tiers);
    expect(p['firehose.stream-source-ingestion-gb']!.tiers).toEqual(tiers);
    expect(p['firehose.format-conversion-gb']!.usd).toBe(0.022);
    expect(p['firehose.vpc-data-gb']!.usd).toBe(0.01);
    expect(p['firehose.vpc-az-hour']!.usd).toBe(0.013);
    expect(FIREHOSE_QUOTED_ABOVE_GB).toBe(5000 * 1024);
    // the Vended Logs tier is another product
    expect(JSON.stringify(r.catalogue)).not.toContain('0.13');
  });

  it('reads the S3 request and storage prices and the Lambda prices', () => {
    const s3 = read(FILES[2]!);
    expect(s3.offerCode).toBe('AmazonS3');
    expect(usd(s3, 'ap-northeast-2', 's3.put-request')! * 1000).toBeCloseTo(0.0045, 12);
    expect(usd(s3, 'us-east-1', 's3.put-request')! * 1000).toBeCloseTo(0.005, 12);
    expect(usd(s3, 'us-east-1', 's3.get-request')! * 1000).toBeCloseTo(0.0004, 12);
    expect(s3.catalogue.regions['us-east-1']!.prices['s3.storage-standard-gb-month']!.tiers).toEqual([
      { up_to: 50 * 1024, usd: 0.023 },
      { up_to: 500 * 1024, usd: 0.022 },
      { up_to: null, usd: 0.021 },
    ]);
    expect(usd(s3, 'us-east-1', 's3.storage-standard-ia-gb-month')).toBe(0.0125);
    expect(usd(s3, 'us-east-1', 's3.storage-one-zone-ia-gb-month')).toBe(0.01);
    expect(usd(s3, 'us-east-1', 's3.storage-glacier-ir-gb-month')).toBe(0.004);
    expect(usd(s3, 'us-east-1', 's3.storage-glacier-flexible-gb-month')).toBe(0.0036);
    // no label for Glacier Deep Archive storage: unknown, not the Intelligent-Tiering Deep Archive rate
    expect(usd(s3, 'us-east-1', 's3.storage-glacier-deep-archive-gb-month')).toBeUndefined();
    // "Any" holds global rates, not a Region
    expect(s3.warnings.join()).not.toContain('Any');

    const l = read(FILES[3]!);
    expect(l.offerCode).toBe('AWSLambda');
    expect(usd(l, 'us-east-1', 'lambda.request')! * 1e6).toBeCloseTo(0.2, 12);
    expect(l.catalogue.regions['us-east-1']!.prices['lambda.duration-x86-gb-second']!.tiers).toEqual([
      { up_to: 6e9, usd: 0.0000166667 },
      { up_to: 15e9, usd: 0.000015 },
      { up_to: null, usd: 0.0000133334 },
    ]);
    expect(l.catalogue.regions['us-east-1']!.prices['lambda.duration-arm-gb-second']!.tiers![0]).toEqual({ up_to: 7.5e9, usd: 0.0000133334 });
  });

  it('skips a price whose tiers are incomplete, with a warning', () => {
    const text = fixture(FILES[1]!).toString('utf8').replaceAll('"Per GB of data ingested Next 3PB"', '"Per GB of data ingested Next 3PB (renamed)"');
    const r = importOfferFile(text, 'fh.json');
    expect(r.catalogue.regions['us-east-1']!.prices['firehose.direct-put-ingestion-gb']).toBeUndefined();
    expect(r.catalogue.regions['us-east-1']!.prices['firehose.stream-source-ingestion-gb']).toBeDefined();
    expect(r.warnings.join('\n')).toContain('us-east-1 firehose.direct-put-ingestion-gb: skipped, the file has only some of its tiers');
  });
});

describe('metered unit maps: malformed, truncated and foreign files', () => {
  const kinesis = () => fixture(FILES[0]!).toString('utf8');

  it('a truncated file: located error', () => {
    const text = kinesis();
    const i = issueOf(() => importOfferFile(text.slice(0, Math.floor(text.length / 2)), 'k.json'));
    expect(i.code).toBe('bad-offer-file');
    expect(i.file).toBe('k.json');
    expect(i.message).toMatch(/truncated/);
    expect(i.position?.line).toBeGreaterThan(1);
  });

  it('a foreign service or currency: located error naming what is read', () => {
    const ec2 = issueOf(() => importOfferFile(kinesis().replace('"serviceId": "kinesis"', '"serviceId": "ec2"'), 'ec2.json'));
    expect(ec2).toMatchObject({ code: 'bad-offer-file', file: 'ec2.json', position: { line: 2, col: 15 }, found: '"ec2"' });
    expect(ec2.message).toContain('wrong service `ec2`');
    const cny = issueOf(() => importOfferFile(kinesis().replace('"currencyCode": "USD"', '"currencyCode": "CNY"'), 'cn.json'));
    expect(cny.message).toContain('only USD');
    const date = issueOf(() => importOfferFile(kinesis().replace('"2025-11-03T22:26:48Z",\n    "ETL', '"yesterday",\n    "ETL'), 'd.json'));
    expect(date.message).toContain('publication date');
  });

  it('a price that is not a decimal: error at its entry', () => {
    const text = kinesis().replace(/("Provisioned shard hour per ShardHour": \{\n\s+"rateCode": "[^"]+",\n\s+"price": )"0\.0150000000"/, '$1"-1"');
    expect(text).toContain('"-1"');
    const i = issueOf(() => importOfferFile(text, 'k.json'));
    expect(i.message).toContain('the price of "Provisioned shard hour per ShardHour" is not a decimal number of USD');
    const line = text.slice(0, text.indexOf('"-1"')).split('\n').length;
    expect(i.position!.line).toBe(line - 2);
  });

  it('no label kplan knows: error', () => {
    const i = issueOf(() =>
      importOfferFile('{"manifest":{"serviceId":"s3","currencyCode":"USD","hawkFilePublicationDate":"2025-12-02T15:44:20Z"},"regions":{"EU (Frankfurt)":{}}}', 'e.json'),
    );
    expect(i.message).toContain('no usable price');
  });
});

describe('the built-in catalogue, regenerated from the data files', () => {
  const files = FILES.map((name) => ({ name, bytes: fixture(name) }));

  it('gives the shipped figures for every Region of the trimmed files, and keeps the Advantage rates', () => {
    const builtin = builtinCatalogue();
    const { catalogue, kept } = generateCatalogue(files, builtin);
    expect(Object.keys(catalogue.regions)).toEqual(['us-east-1', 'us-east-2', 'sa-east-1', 'ap-northeast-2', 'eu-central-1', 'us-gov-west-1']);
    for (const [code, rp] of Object.entries(catalogue.regions)) expect(rp.prices, code).toEqual(builtin.regions[code]!.prices);
    expect(kept).toEqual([
      'us-east-1 kinesis.advantage-data-in-gb',
      'us-east-1 kinesis.advantage-data-out-gb',
      'us-east-1 kinesis.advantage-efo-data-gb',
      'us-east-1 kinesis.advantage-retention-gb-month',
    ]);
    expect(catalogue.notes).toEqual(builtin.notes);
  });

  it('is deterministic, whatever the order of the files', () => {
    const a = catalogueText(generateCatalogue(files, builtinCatalogue()).catalogue);
    const b = catalogueText(generateCatalogue([...files].reverse(), builtinCatalogue()).catalogue);
    expect(a).toBe(b);
  });

  it('refuses a Price List offer file and the same service twice', () => {
    const offer = readFileSync(new URL('../fixtures/offers/kinesis-offer.json', import.meta.url));
    expect(issueOf(() => generateCatalogue([{ name: 'o.json', bytes: offer }], builtinCatalogue())).message).toContain('not a pricing-page data file');
    expect(issueOf(() => generateCatalogue([files[0]!, files[0]!], builtinCatalogue())).message).toContain('comes from two files');
  });
});
