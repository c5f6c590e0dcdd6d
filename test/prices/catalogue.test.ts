import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { builtinCatalogue, COMPLETE_KEYS, mergeCatalogues, regionCompleteness, regionStatus, regionsWithPrices, validateCatalogue } from '../../src/prices/catalogue.js';
import data from '../../src/prices/data/builtin.json' with { type: 'json' };
import { PRICE_KEYS, type PriceCatalogue } from '../../src/prices/types.js';

function clone<T>(v: T): T {
  return structuredClone(v);
}

/** The issues validateCatalogue throws for `json`. */
function problems(json: unknown): { path?: string; message: string; code: string }[] {
  try {
    validateCatalogue(json, 'test.json');
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as UsageError).issues;
  }
  throw new Error('expected validateCatalogue to throw');
}

describe('built-in catalogue', () => {
  const cat = builtinCatalogue();

  it('validates to itself and is the builtin source (so it need not be validated at run time)', () => {
    expect(() => validateCatalogue(data, 'builtin')).not.toThrow();
    expect(validateCatalogue(data, 'builtin')).toEqual(data);
    expect(JSON.stringify(validateCatalogue(data, 'builtin'))).toBe(JSON.stringify(data));
    expect(cat.source).toBe('builtin');
    expect(cat.as_of).toBe('2026-11-27');
  });

  it('is the data file as it is, frozen all the way down, each Region when first read', () => {
    expect(JSON.stringify(cat)).toBe(JSON.stringify(data));
    expect(Object.keys(cat.regions)).toEqual(Object.keys(data.regions));
    expect(Object.isFrozen(cat) && Object.isFrozen(cat.regions)).toBe(true);
    const unfrozen: string[] = [];
    const walk = (v: unknown, path: string): void => {
      if (typeof v !== 'object' || v === null) return;
      if (!Object.isFrozen(v)) unfrozen.push(path);
      for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
    };
    walk(cat, 'catalogue');
    expect(unfrozen).toEqual([]);
    const east = cat.regions['us-east-1']!;
    expect(cat.regions['us-east-1']).toBe(east);
    expect(() => {
      (east.prices['kinesis.shard-hour'] as { usd: number }).usd = 0;
    }).toThrow(TypeError);
    expect(() => {
      (cat.regions as Record<string, unknown>)['us-east-1'] = {};
    }).toThrow(TypeError);
    expect(east.prices['kinesis.shard-hour']!.usd).toBe(0.015);
  });

  it('has the us-east-1 figures of the AWS pricing pages', () => {
    const p = cat.regions['us-east-1']!.prices;
    expect(p['kinesis.shard-hour']!.usd).toBe(0.015);
    // $0.014 per million PUT payload units
    expect(p['kinesis.put-payload-unit']!.usd).toBeCloseTo(0.014 / 1e6, 20);
    expect(p['kinesis.put-payload-unit']!.usd).toBe(1.4e-8);
    expect(p['kinesis.on-demand-stream-hour']!.usd).toBe(0.04);
    expect(p['kinesis.advantage-data-out-gb']!.usd).toBe(0.016);
    expect(p['kinesis.advantage-efo-data-gb']!.usd).toBe(0.016);
    expect(p['kinesis.advantage-retention-gb-month']!.usd).toBe(0.023);
    const fh = p['firehose.direct-put-ingestion-gb']!;
    expect(fh.usd).toBe(0.029);
    expect(fh.tiers).toEqual([
      { up_to: 512000, usd: 0.029 },
      { up_to: 2048000, usd: 0.025 },
      { up_to: null, usd: 0.02 },
    ]);
    expect(p['firehose.stream-source-ingestion-gb']!.tiers).toEqual(fh.tiers);
  });

  it('dates each figure by its data file, and the kept Advantage figures by their own sources', () => {
    const p = cat.regions['us-east-1']!.prices;
    expect(p['kinesis.shard-hour']!.as_of).toBe('2025-11-03');
    expect(p['firehose.format-conversion-gb']!.as_of).toBe('2025-08-28');
    expect(p['s3.put-request']!.as_of).toBe('2025-12-02');
    expect(p['kinesis.advantage-data-in-gb']!.as_of).toBe('2026-03-09');
    expect(p['kinesis.shard-hour']!.source).toBe('https://b0.p.awsstatic.com/pricing/2.0/meteredUnitMaps/kinesis/USD/current/kinesis.json (published 2025-11-03)');
    // the old format-conversion citation pointed at a source file that holds no prices
    expect(JSON.stringify(cat)).not.toContain('kinesis_firehose_delivery_stream.go');
  });

  it('never stores a zero or a missing figure as a price', () => {
    for (const r of Object.values(cat.regions)) {
      for (const p of Object.values(r.prices)) expect(p.usd).toBeGreaterThan(0);
    }
  });

  it('prices S3 and Lambda in every Region it prices Kinesis in; Glacier Deep Archive storage stays unknown', () => {
    for (const r of Object.values(cat.regions)) {
      expect(r.prices['s3.put-request']).toBeDefined();
      expect(r.prices['lambda.duration-x86-gb-second']?.tiers).toHaveLength(3);
      expect(r.prices['s3.storage-glacier-deep-archive-gb-month']).toBeUndefined();
    }
  });

  it('has us-east-1 complete; every other Region lacks only the Advantage rates', () => {
    expect(regionCompleteness(cat, 'us-east-1').complete).toBe(true);
    for (const code of regionsWithPrices(cat).filter((c) => c !== 'us-east-1')) {
      const c = regionCompleteness(cat, code);
      expect(
        c.missing.filter((k) => k !== 's3.storage-glacier-deep-archive-gb-month').every((k) => k.startsWith('kinesis.advantage-')),
        code,
      ).toBe(true);
      expect(regionStatus(cat, code)).toBe('partial');
    }
    expect(regionStatus(cat, 'cn-north-1')).toBe('none');
  });

  it('defines completeness as every us-east-1 key (all but Glacier Deep Archive storage)', () => {
    expect(COMPLETE_KEYS).toEqual(PRICE_KEYS.filter((k) => k !== 's3.storage-glacier-deep-archive-gb-month'));
  });

  it('prices every Region of the data files: 34 commercial and both GovCloud Regions, no China Region', () => {
    const priced = regionsWithPrices(cat);
    expect(priced).toHaveLength(36);
    expect(priced).toContain('ap-northeast-2');
    expect(priced).toContain('us-gov-west-1');
    expect(priced).toContain('us-gov-east-1');
    expect(priced.filter((c) => c.startsWith('cn-'))).toEqual([]);
  });
});

describe('validateCatalogue', () => {
  const good = (): Record<string, any> => clone(data) as Record<string, any>;

  it('rejects an unknown price key with a suggestion', () => {
    const j = good();
    j.regions['us-east-1'].prices['kinesis.shard-hours'] = j.regions['us-east-1'].prices['kinesis.shard-hour'];
    const [i] = problems(j);
    expect(i).toMatchObject({ code: 'bad-catalogue', path: 'regions.us-east-1.prices.kinesis.shard-hours' });
    expect(i!.message).toContain('unknown price key');
  });

  it('rejects a negative or non-finite price', () => {
    const j = good();
    j.regions['us-east-1'].prices['kinesis.shard-hour'].usd = -0.015;
    j.regions['us-east-2'].prices['kinesis.shard-hour'].usd = Number.NaN;
    const issues = problems(j);
    expect(issues.map((i) => i.path)).toEqual(['regions.us-east-1.prices.kinesis.shard-hour.usd', 'regions.us-east-2.prices.kinesis.shard-hour.usd']);
    expect(issues[0]!.message).toContain('negative');
  });

  it('rejects a bad date', () => {
    const j = good();
    j.regions['us-east-1'].prices['kinesis.shard-hour'].as_of = '2026-02-30';
    expect(problems(j)[0]!.path).toBe('regions.us-east-1.prices.kinesis.shard-hour.as_of');
  });

  it('rejects tiers out of order and an open tier before the last', () => {
    const j = good();
    j.regions['us-east-1'].prices['firehose.direct-put-ingestion-gb'].tiers = [
      { up_to: 2048000, usd: 0.029 },
      { up_to: 512000, usd: 0.025 },
      { up_to: null, usd: 0.02 },
    ];
    j.regions['us-east-2'].prices['firehose.direct-put-ingestion-gb'].tiers = [
      { up_to: null, usd: 0.029 },
      { up_to: 512000, usd: 0.025 },
    ];
    const issues = problems(j);
    expect(issues.map((i) => i.path)).toEqual([
      'regions.us-east-1.prices.firehose.direct-put-ingestion-gb.tiers[1].up_to',
      'regions.us-east-2.prices.firehose.direct-put-ingestion-gb.tiers[0].up_to',
    ]);
  });

  it('rejects an unknown region and a wrong top-level shape', () => {
    const j = good();
    j.regions['us-east-9'] = { region: 'us-east-9', prices: {} };
    j.catalogue_version = 2;
    const paths = problems(j).map((i) => i.path);
    expect(paths).toContain('regions.us-east-9');
    expect(paths).toContain('catalogue_version');
    expect(problems([])[0]!.message).toContain('JSON object');
  });
});

describe('mergeCatalogues', () => {
  const price = (usd: number, as_of: string) => ({ usd, unit: 'shard-hour', as_of, source: 'test', confidence: 'H' as const });
  const overlay: PriceCatalogue = {
    catalogue_version: 1,
    as_of: '2026-12-01',
    source: 'overlay.json',
    currency: 'USD',
    regions: {
      'us-east-2': { region: 'us-east-2', prices: { 'kinesis.shard-hour': price(0.016, '2026-12-01') } },
      'ca-central-1': { region: 'ca-central-1', prices: { 'kinesis.shard-hour': price(0.0165, '2026-12-01') } },
    },
  };

  it('lets the overlay win per region and key, and keeps everything else', () => {
    const base = builtinCatalogue();
    const m = mergeCatalogues(base, overlay);
    expect(m.regions['us-east-2']!.prices['kinesis.shard-hour']!.usd).toBe(0.016);
    // untouched keys of a touched region
    expect(m.regions['us-east-2']!.prices['kinesis.put-payload-unit']).toEqual(base.regions['us-east-2']!.prices['kinesis.put-payload-unit']);
    // untouched regions
    expect(m.regions['us-east-1']).toEqual(base.regions['us-east-1']);
    expect(m.regions['eu-west-2']).toEqual(base.regions['eu-west-2']);
    expect(m.regions['ca-central-1']!.prices['kinesis.shard-hour']!.usd).toBe(0.0165);
    expect(m.as_of).toBe('2026-12-01');
    expect(m.source).toBe('overlay.json');
    // the base is not changed
    expect(base.regions['us-east-2']!.prices['kinesis.shard-hour']!.usd).toBe(0.015);
  });

  it('keeps the newer as_of of the two', () => {
    const m = mergeCatalogues(builtinCatalogue(), { ...overlay, as_of: '2020-01-01' });
    expect(m.as_of).toBe('2026-11-27');
  });
});

describe('the shared built-in catalogue', () => {
  it('cannot be changed by accident', () => {
    const cat = builtinCatalogue();
    expect(() => {
      (cat.regions['us-east-1']!.prices['kinesis.shard-hour'] as { usd: number }).usd = 0;
    }).toThrow(TypeError);
    expect(builtinCatalogue().regions['us-east-1']!.prices['kinesis.shard-hour']!.usd).toBe(0.015);
  });
});
