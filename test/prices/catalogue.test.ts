import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import {
  builtinCatalogue,
  COMPLETE_KEYS,
  mergeCatalogues,
  regionCompleteness,
  regionStatus,
  regionsWithPrices,
  validateCatalogue,
} from '../../src/prices/catalogue.js';
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

  it('validates and is the builtin source', () => {
    expect(() => validateCatalogue(data, 'builtin')).not.toThrow();
    expect(cat.source).toBe('builtin');
    expect(cat.as_of).toBe('2026-11-27');
  });

  it('has the cited us-east-1 figures', () => {
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

  it('dates figures from the dated AWS blog and everything else at the compile date', () => {
    const p = cat.regions['us-east-1']!.prices;
    expect(p['kinesis.on-demand-stream-hour']!.as_of).toBe('2026-03-09');
    expect(p['kinesis.shard-hour']!.as_of).toBe('2026-11-27');
    expect(cat.regions['ap-south-1']!.prices['kinesis.shard-hour']!.as_of).toBe('2026-10-02');
  });

  it('never stores a zero or a missing figure as a price', () => {
    for (const r of Object.values(cat.regions)) {
      for (const p of Object.values(r.prices)) expect(p.usd).toBeGreaterThan(0);
    }
  });

  it('has the S3 PUT price for us-east-1 only and leaves ap-northeast-2 out', () => {
    expect(cat.regions['us-east-1']?.prices['s3.put-request']?.usd).toBe(0.000005);
    for (const r of Object.values(cat.regions)) if (r.region !== 'us-east-1') expect(r.prices['s3.put-request']).toBeUndefined();
    expect(cat.regions['ap-northeast-2']).toBeUndefined();
  });

  it('has us-east-1 complete; us-east-2 lacks only the Advantage figures cited for us-east-1 alone', () => {
    expect(regionCompleteness(cat, 'us-east-1').complete).toBe(true);
    const e2 = regionCompleteness(cat, 'us-east-2');
    expect(e2.missing.filter((k) => k !== 's3.put-request').every((k) => k.startsWith('kinesis.advantage-'))).toBe(true);
    expect(regionStatus(cat, 'us-west-2')).toBe('partial');
    expect(regionStatus(cat, 'ca-central-1')).toBe('none');
  });

  it('defines completeness as every us-east-1 key except s3.put-request', () => {
    expect(COMPLETE_KEYS).not.toContain('s3.put-request');
    expect(COMPLETE_KEYS).toHaveLength(PRICE_KEYS.length - 1);
  });

  it('lists the regions that have prices, in registry order', () => {
    expect(regionsWithPrices(cat)).toEqual(['us-east-1', 'us-east-2', 'us-west-2', 'af-south-1', 'ap-northeast-1', 'ap-south-1', 'eu-west-1', 'eu-west-2']);
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
