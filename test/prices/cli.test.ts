import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { loadCatalogue, defaultCatalogueFile } from '../../src/cli/catalogue.js';
import { UsageError } from '../../src/errors.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/offers/${name}`, import.meta.url));

interface FakeIo extends Io {
  files: Map<string, Uint8Array>;
  out: () => string;
  err: () => string;
  writes: string[];
}

/** An in-memory Io: files by absolute path, captured stdout and stderr. */
function fakeIo(argv: string[], files: Record<string, string | Uint8Array> = {}, env: Record<string, string> = {}): FakeIo {
  const map = new Map<string, Uint8Array>();
  for (const [k, v] of Object.entries(files)) map.set(k, typeof v === 'string' ? new TextEncoder().encode(v) : v);
  let out = '';
  let err = '';
  const writes: string[] = [];
  const enoent = (p: string) => Object.assign(new Error(`ENOENT: no such file or directory, open '${p}'`), { code: 'ENOENT' });
  return {
    argv,
    env: { HOME: '/home/u', ...env },
    cwd: '/work',
    stdout: { write: (t: string) => void (out += t), isTTY: false },
    stderr: { write: (t: string) => void (err += t), isTTY: false },
    readFile: async (p) => {
      const f = map.get(p);
      if (f) return f;
      if ([...map.keys()].some((k) => k.startsWith(p + '/'))) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
      throw enoent(p);
    },
    readStdin: async () => new Uint8Array(),
    writeFileAtomic: async (p, text) => {
      writes.push(p);
      map.set(p, new TextEncoder().encode(text));
    },
    appendFile: async () => {},
    stat: async (p) => {
      const f = map.get(p);
      if (f) return { size: f.length, isFile: true, isDirectory: false };
      if ([...map.keys()].some((k) => k.startsWith(p + '/'))) return { size: 0, isFile: false, isDirectory: true };
      return undefined;
    },
    files: map,
    out: () => out,
    err: () => err,
    writes,
  };
}

const text = (io: FakeIo, p: string) => new TextDecoder().decode(io.files.get(p));

describe('kplan prices', () => {
  it('lists regions and the prices of one region', async () => {
    const io = fakeIo(['prices', '--region', 'us-east-1']);
    expect(await main(io)).toBe(0);
    const out = io.out();
    expect(out).toContain('Price catalogue: builtin, as of 2026-11-27 (USD)');
    expect(out).toMatch(/us-east-1\s+│ US East \(N\. Virginia\)\s+│ complete/);
    expect(out).toMatch(/ca-central-1\s+│ Canada \(Central\)\s+│ partial/);
    expect(out).toMatch(/cn-north-1\s+│ China \(Beijing\)\s+│ none/);
    expect(out).toMatch(/kinesis\.put-payload-unit\s+│ 0\.000000014 \(0\.014 per 1M\)/);
    expect(out).toMatch(/s3\.put-request\s+│ 0\.000005 \(0\.005 per 1K\)/);
    expect(out).toContain('https://b0.p.awsstatic.com/pricing/2.0/meteredUnitMaps/kinesis/USD/current/kinesis.json (published 2025-11-03)');
    expect(out).not.toContain('\u001b['); // no colour without a terminal
  });

  it('prints JSON that lists the unknown prices', async () => {
    const io = fakeIo(['prices', '--region', 'ap-south-1,us-east-1', '--format', 'json']);
    expect(await main(io)).toBe(0);
    const view = JSON.parse(io.out());
    expect(view.details.map((d: { region: string }) => d.region)).toEqual(['ap-south-1', 'us-east-1']);
    const aps1 = view.details[0];
    expect(aps1.status).toBe('partial');
    expect(aps1.prices.find((p: { key: string }) => p.key === 'kinesis.shard-hour')).toMatchObject({ usd: 0.0175, confidence: 'H', as_of: '2025-11-03' });
    expect(aps1.unknown).toContain('kinesis.advantage-data-in-gb');
  });

  it('prints markdown', async () => {
    const io = fakeIo(['prices', '--region', 'eu-west-2', '--format', 'markdown']);
    expect(await main(io)).toBe(0);
    expect(io.out()).toContain('| `firehose.direct-put-ingestion-gb` | 0.035 to 512,000 GB<br>0.03 to 2,048,000 GB<br>0.024 over 2,048,000 GB |');
  });

  it('exits 2 on an unknown region, with a suggestion', async () => {
    const io = fakeIo(['prices', '--region', 'eu-west-9']);
    expect(await main(io)).toBe(2);
    expect(io.err()).toContain('unknown region `eu-west-9`');
    expect(io.err()).toContain('did you mean');
    expect(io.out()).toBe('');
  });

  it('uses --prices over the built-in catalogue, and exits 2 on a bad or missing file', async () => {
    const cat = JSON.stringify({
      catalogue_version: 1,
      as_of: '2026-12-01',
      source: 'x',
      currency: 'USD',
      regions: {
        'ca-central-1': { region: 'ca-central-1', prices: { 'kinesis.shard-hour': { usd: 0.0165, unit: 'shard-hour', as_of: '2026-12-01', source: 'test', confidence: 'H' } } },
      },
    });
    const io = fakeIo(['prices', '--prices', 'my.json', '--format', 'json'], { '/work/my.json': cat });
    expect(await main(io)).toBe(0);
    const view = JSON.parse(io.out());
    expect(view.catalogue).toEqual({ source: 'my.json', as_of: '2026-12-01', currency: 'USD' });
    expect(view.regions.find((r: { region: string }) => r.region === 'ca-central-1').status).toBe('partial');
    expect(view.regions.find((r: { region: string }) => r.region === 'us-east-1').status).toBe('complete');

    const bad = fakeIo(['prices', '--prices', 'my.json'], { '/work/my.json': cat.replace('0.0165', '-1') });
    expect(await main(bad)).toBe(2);
    expect(bad.err()).toContain('my.json: error: regions.ca-central-1.prices.kinesis.shard-hour.usd: price must not be negative');

    const missing = fakeIo(['prices', '--prices', 'nope.json']);
    expect(await main(missing)).toBe(2);
    expect(missing.err()).toContain('cannot read price catalogue `nope.json`: no such file');
  });
});

describe('loadCatalogue', () => {
  const ctx = (io: Io) => ({ io, color: false, debug: false });

  it('reads $KPLAN_PRICES when there is no --prices', async () => {
    const io = fakeIo([], { '/work/p.json': '{"catalogue_version":1' }, { KPLAN_PRICES: 'p.json' });
    const err = await loadCatalogue(ctx(io), undefined).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).issues[0]).toMatchObject({ code: 'bad-catalogue', file: 'p.json' });
    expect((err as UsageError).issues[0]!.hint).toContain('the file is named by $KPLAN_PRICES');
  });

  it('is the built-in catalogue without a file', async () => {
    expect((await loadCatalogue(ctx(fakeIo([])), undefined)).source).toBe('builtin');
  });

  it('writes to $XDG_CONFIG_HOME, else ~/.config', () => {
    expect(defaultCatalogueFile({ XDG_CONFIG_HOME: '/cfg', HOME: '/home/u' })).toBe('/cfg/kplan/prices.json');
    expect(defaultCatalogueFile({ XDG_CONFIG_HOME: 'relative', HOME: '/home/u' })).toBe('/home/u/.config/kplan/prices.json');
    expect(defaultCatalogueFile({})).toBeUndefined();
  });
});

describe('kplan prices import', () => {
  it('merges an offer file into a new catalogue, starting from the built-in one', async () => {
    const io = fakeIo(['prices', 'import', 'offers/kinesis-offer.json'], { '/work/offers/kinesis-offer.json': fixture('kinesis-offer.json') }, { XDG_CONFIG_HOME: '/cfg' });
    expect(await main(io)).toBe(0);
    expect(io.writes).toEqual(['/cfg/kplan/prices.json']);
    const cat = JSON.parse(text(io, '/cfg/kplan/prices.json'));
    expect(cat.source).toBe('/cfg/kplan/prices.json');
    expect(cat.regions['eu-west-1'].prices['kinesis.shard-hour'].usd).toBe(0.017);
    // built-in prices the import did not touch are still there
    expect(cat.regions['ap-south-1'].prices['kinesis.shard-hour'].usd).toBe(0.0175);
    expect(cat.regions['us-east-1'].prices['kinesis.on-demand-stream-hour'].source).toMatch(/^https:/);
    expect(io.out()).toContain('Imported 8 price(s) from AmazonKinesis (AWS Price List 2026-10-01, JSON)');
    expect(io.out()).toMatch(/us-east-1\s+2 price\(s\): kinesis\.shard-hour, kinesis\.put-payload-unit; 1 other SKU\(s\) skipped/);
    expect(io.err()).not.toContain('regions kplan does not know');

    // a second import (CSV, the other offer) merges into the file written by the first
    io.files.set('/work/fh.csv', fixture('firehose-offer.csv'));
    const io2 = { ...io, argv: ['prices', 'import', 'fh.csv'] };
    expect(await main(io2)).toBe(0);
    const cat2 = JSON.parse(text(io, '/cfg/kplan/prices.json'));
    expect(cat2.regions['eu-west-1'].prices['kinesis.shard-hour'].usd).toBe(0.017);
    expect(cat2.regions['us-east-1'].prices['firehose.direct-put-ingestion-gb'].source).toBe('AWS Price List AmazonKinesisFirehose 2026-10-02');

    // and `kplan prices --prices` reads it back
    const io3 = { ...io, argv: ['prices', '--prices', '/cfg/kplan/prices.json', '--region', 'eu-west-1', '--format', 'json'], stdout: { write: (t: string) => void (out3 += t) } };
    let out3 = '';
    expect(await main(io3)).toBe(0);
    expect(JSON.parse(out3).details[0].prices.map((p: { key: string }) => p.key)).toContain('kinesis.shard-hour');
  });

  it('writes to --output', async () => {
    const io = fakeIo(['prices', 'import', '/o/k.csv', '--output', 'cat.json'], { '/o/k.csv': fixture('kinesis-offer.csv') });
    expect(await main(io)).toBe(0);
    expect(io.writes).toEqual(['/work/cat.json']);
  });

  it('exits 2 on a truncated offer file and leaves the catalogue untouched', async () => {
    const before = '{"catalogue_version":1,"as_of":"2026-01-01","source":"x","currency":"USD","regions":{}}\n';
    const io = fakeIo(['prices', 'import', 'bad.json', '--output', '/c/prices.json'], {
      '/work/bad.json': fixture('kinesis-truncated.json'),
      '/c/prices.json': before,
    });
    expect(await main(io)).toBe(2);
    expect(io.err()).toMatch(/^bad\.json:\d+:\d+: error: not a valid JSON offer file: the file ends/);
    expect(io.writes).toEqual([]);
    expect(text(io, '/c/prices.json')).toBe(before);
  });

  it('imports a pricing-page data file, and leaves the catalogue untouched when one is truncated', async () => {
    const data = readFileSync(new URL('../fixtures/unit-maps/kinesisfirehose-2025-08-28.json', import.meta.url));
    const io = fakeIo(['prices', 'import', 'fh.json', '--output', '/c/prices.json'], { '/work/fh.json': data });
    expect(await main(io)).toBe(0);
    expect(io.out()).toContain('Imported 48 price(s) from AmazonKinesisFirehose (AWS pricing-page data file published 2025-08-28) into /c/prices.json');
    const cat = JSON.parse(text(io, '/c/prices.json'));
    expect(cat.regions['ap-northeast-2'].prices['firehose.format-conversion-gb']).toMatchObject({ usd: 0.022, as_of: '2025-08-28', confidence: 'H' });

    const before = text(io, '/c/prices.json');
    const bad = fakeIo(['prices', 'import', 'cut.json', '--output', '/c/prices.json'], { '/work/cut.json': data.subarray(0, 20000), '/c/prices.json': before });
    expect(await main(bad)).toBe(2);
    expect(bad.err()).toMatch(/^cut\.json:\d+:\d+: error: not a valid JSON offer file: the file ends/);
    expect(bad.writes).toEqual([]);
    expect(text(bad, '/c/prices.json')).toBe(before);
  });

  it('exits 2 on a malformed CSV offer and on an existing catalogue that is not valid, writing nothing', async () => {
    const csv = fakeIo(['prices', 'import', 'bad.csv', '--output', '/c/prices.json'], { '/work/bad.csv': fixture('kinesis-no-header.csv') });
    expect(await main(csv)).toBe(2);
    expect(csv.writes).toEqual([]);
    expect(csv.files.has('/c/prices.json')).toBe(false);

    const broken = fakeIo(['prices', 'import', 'k.json', '--output', '/c/prices.json'], {
      '/work/k.json': fixture('kinesis-offer.json'),
      '/c/prices.json': '{"catalogue_version": 1, "regions": [',
    });
    expect(await main(broken)).toBe(2);
    expect(broken.err()).toContain('price catalogue is not valid JSON');
    expect(broken.writes).toEqual([]);
  });

  it('exits 2 when the offer file does not exist', async () => {
    const io = fakeIo(['prices', 'import', 'nope.json', '--output', '/c/p.json']);
    expect(await main(io)).toBe(2);
    expect(io.err()).toContain('cannot read offer file `nope.json`: no such file');
  });
});
