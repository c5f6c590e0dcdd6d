import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderReport, type Format } from '../../src/render/index.js';
import type { Report } from '../../src/report/types.js';

const dir = fileURLToPath(new URL('../fixtures/reports/', import.meta.url));
const NAMES = ['provisioned-firehose', 'on-demand-regions', 'firehose-only', 'unknown-prices'] as const;
const ANSI = /\x1b\[/;

function load(name: string): Report {
  return JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as Report;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

const render = (name: string, format: Format, color = false, explain = false): Promise<string> => renderReport(load(name), format, { color, explain });

describe('json', () => {
  for (const name of NAMES) {
    it(`round-trips ${name} to the same object`, async () => {
      const report = load(name);
      const text = await renderReport(report, 'json', { color: true, explain: true });
      expect(JSON.parse(text)).toEqual(report);
      expect(text).toBe(`${JSON.stringify(report, null, 2)}\n`);
      expect(text).not.toMatch(ANSI);
    });
  }

  it('keeps numbers unrounded', async () => {
    const text = await render('provisioned-firehose', 'json');
    expect(text).toContain('"unit_price_usd": 1.4e-8');
    expect(text).toContain('"monthly_usd": 6672.65625');
  });

  it('adds no explain field the model did not set', async () => {
    const text = await render('on-demand-regions', 'json', false, true);
    expect(JSON.parse(text).results[0]).not.toHaveProperty('explain');
  });
});

describe('colour', () => {
  for (const name of NAMES) {
    it(`${name}: table has ANSI codes with colour and none without`, async () => {
      expect(await render(name, 'table', true)).toMatch(ANSI);
      expect(await render(name, 'table', false)).not.toMatch(ANSI);
    });

    it(`${name}: markdown never has ANSI codes`, async () => {
      expect(await render(name, 'markdown', true, true)).not.toMatch(ANSI);
    });
  }

  it('colours utilisation by band: red at 95%, yellow at 80%, green at 8%', async () => {
    const onDemand = await render('on-demand-regions', 'table', true);
    expect(onDemand).toContain('\x1b[31m95.0%\x1b[39m');
    const provisioned = await render('provisioned-firehose', 'table', true);
    expect(provisioned).toContain('\x1b[33m80.0%\x1b[39m');
    expect(provisioned).toContain('\x1b[32m8.0%\x1b[39m');
  });

  it('colours throttle levels: low green, medium yellow, high red', async () => {
    expect(await render('provisioned-firehose', 'table', true)).toMatch(/\x1b\[32m\x1b\[1mlow/);
    expect(await render('on-demand-regions', 'table', true)).toMatch(/\x1b\[33m\x1b\[1mmedium/);
    expect(await render('unknown-prices', 'table', true)).toMatch(/\x1b\[31m\x1b\[1mhigh/);
  });
});

describe('unknown prices', () => {
  for (const format of ['table', 'markdown'] as const) {
    it(`${format}: never shows $0.00 and marks the total`, async () => {
      const text = await render('unknown-prices', format);
      expect(text).not.toMatch(/\$0\.00(?!\d)/);
      for (const item of ['shard-hours', 'put-payload-units', 'firehose-ingestion']) {
        const line = text.split('\n').find((l) => l.includes(item) && /unknown/i.test(l));
        expect(line, item).toBeDefined();
        expect(line).not.toMatch(/\$0\.00(?!\d)/);
      }
      expect(text).toContain('$0.04 + unknown');
    });
  }

  it('table: each unknown item has a line marked UNKNOWN, with its quantity when given', async () => {
    const lines = (await render('unknown-prices', 'table')).split('\n');
    expect(lines.find((l) => l.includes('shard-hours'))).toMatch(/4,380 shard-hour\s+× price unknown\s+UNKNOWN$/);
    expect(lines.find((l) => l.includes('firehose-ingestion'))).toMatch(/—\s+× price unknown\s+UNKNOWN$/);
    expect(lines.find((l) => l.includes('total per month'))).toMatch(/≥ \$0\.04 \+ unknown$/);
  });

  it('an alternative with nothing priced reads "unknown", and no cheapest is named', async () => {
    const text = await render('unknown-prices', 'table');
    expect(text).toMatch(/provisioned \(current\)\s+6\s+≥ \$0\.04 \+ unknown\s+as sized/);
    expect(text).toMatch(/on-demand\s+~9\s+unknown\s+no on-demand prices/);
    expect(text).toContain('cheapest: cannot tell');
  });
});

describe('content', () => {
  it('shows tiny unit prices scaled, never in e-notation', async () => {
    const text = await render('provisioned-firehose', 'table');
    expect(text).toMatch(/52,560,000,000 unit\s+× \$0\.014 \/ 1M\s+\$735\.84/);
    expect(text).toContain('× $0.005 / 1K');
    expect(text).not.toMatch(/×[^\n]*e-\d/);
    expect(await render('provisioned-firehose', 'markdown')).toContain('| $0.014 / 1M | $735.84 |');
  });

  it('names the binding constraint with its detail, bold when coloured', async () => {
    const plain = await render('provisioned-firehose', 'table');
    expect(plain).toMatch(/binding constraint\s+write-bytes — 250 MiB\/s at peak/);
    expect(plain).toMatch(/write-bytes ◀ binding\s+350/);
    expect(await render('provisioned-firehose', 'table', true)).toContain('\x1b[1mwrite-bytes\x1b[22m — 250 MiB/s');
    const md = await render('provisioned-firehose', 'markdown');
    expect(md).toContain('**Binding constraint:** **write-bytes** — 250 MiB/s');
    expect(md).toContain('| **write-bytes** (binding) | 350 |');
  });

  it('shows given vs recommended shards', async () => {
    expect(await render('unknown-prices', 'table')).toMatch(/shards\s+6 given · 9 recommended/);
  });

  it('shows the throttle fraction in e-notation with a percentage, the known details as sentences, other scalars as they are', async () => {
    const text = await render('provisioned-firehose', 'table');
    expect(text).toContain('4.9e-4 (0.049%) of shard-seconds');
    expect(text).toMatch(/hot shard\s+p50 1\.2\d*, p95 1\.31 over hash placements/);
    expect(text).toMatch(/over the day\s+P\(any throttle\) 42\.0%; ≈1,234 throttled records/);
    expect(text).toMatch(/risk comes from\s+hot-shards 25\.0%, bursts 75\.0%/);
    expect(text).toMatch(/custom_extra\s+7/);
    expect(text).not.toContain('hot_shard_factor_p95');
  });

  it('shows unfixable limits with their fix', async () => {
    const text = await render('unknown-prices', 'table');
    expect(text).toContain('! read-tps: 4 shared consumers');
    expect(text).toContain('fix: Move two consumers to enhanced fan-out.');
    expect(text).toMatch(/read throttled\s+yes/);
  });

  it('shows the Firehose cadence and its warnings', async () => {
    const text = await render('provisioned-firehose', 'table');
    expect(text).toContain('flush on size every 12.8 s · 6,750 objects/day · 128 MiB per object · ~14.1 s latency');
    expect(text).toContain('! small-objects: Objects average 176 KiB');
    expect(await render('provisioned-firehose', 'markdown')).toContain('- `clicks-to-s3`: flush on size every 12.8 s');
  });

  it('lists the tiers of a tiered line', async () => {
    const text = await render('provisioned-firehose', 'table');
    expect(text).toMatch(/tier 1\s+512,000 GB\s+× \$0\.029\s+\$14,848\.00/);
    expect(text).toMatch(/tier 2\s+1,281\.3 GB\s+× \$0\.025\s+\$32\.03/);
  });

  it('shows hourly, daily and monthly totals rounded to cents', async () => {
    const text = await render('provisioned-firehose', 'table');
    expect(text).toMatch(/total per month\s+\$44,303\.70/);
    expect(text).toMatch(/per day\s+\$1,456\.56/);
    expect(text).toMatch(/per hour\s+\$60\.69/);
  });

  it('marks the cheapest mode: cheapest_mode, else the flag, else the lowest fully priced', async () => {
    // an alternative for the current mode, flagged
    expect(await render('provisioned-firehose', 'table')).toMatch(/provisioned \(cheapest, current\)\s+350\s+\$44,303\.70/);
    const text = await render('on-demand-regions', 'table');
    const sections = text.split(/^══ /m).slice(1);
    const [tokyo, virginia, mumbai] = sections;
    // cheapest_mode and the flag agree; the current mode is added from the region's cost
    expect(tokyo).toMatch(/on-demand \(current\)\s+~4\s+\$438\.32\s+as sized/);
    expect(tokyo).toMatch(/provisioned \(cheapest\)\s+8\s+\$114\.38/);
    expect(tokyo).toMatch(/on-demand-advantage\s+~4\s+\$3,079\.73/);
    // neither: computed
    expect(virginia).toMatch(/provisioned \(cheapest\)\s+8\s+\$88\.10/);
    // the current mode is the cheapest: no alternative is named
    expect(mumbai).toMatch(/on-demand \(cheapest, current\)\s+~4\s+\$432\.97/);
    expect(mumbai).toContain('cheapest: on-demand (the current mode) at $432.97/month');
    expect(mumbai).not.toMatch(/provisioned \(cheapest/);
  });

  it('renders a region without a stream', async () => {
    const text = await render('firehose-only', 'table');
    expect(text).toContain('none — Firehose Direct PUT, no Kinesis stream');
    expect(text).not.toContain('Throttle');
    expect(text).not.toContain('Alternatives');
  });

  it('shows stream and report-level warnings', async () => {
    const text = await render('provisioned-firehose', 'table');
    expect(text).toContain('! extended-retention: Retention of 72 h');
    expect(text).toMatch(/Report warnings\n {2}! prices-age:/);
  });

  it('keeps every table line within 100 columns, with or without colour', async () => {
    const long = load('unknown-prices');
    const words = 'the hottest shard takes more than its share of the writes because one key is hot'.split(' ');
    long.results[0]!.stream!.warnings.push({ code: 'a-rather-long-warning-code', message: [...words, ...words, ...words].join(' ') });
    const texts: [string, string][] = [];
    for (const name of NAMES) {
      for (const color of [false, true]) {
        for (const explain of [false, true]) texts.push([name, await render(name, 'table', color, explain)]);
      }
    }
    texts.push(['long warning', await renderReport(long, 'table', { color: false, explain: false })]);
    for (const [name, text] of texts) {
      for (const line of text.replace(/\x1b\[[0-9;]*m/g, '').split('\n')) {
        expect([...line].length, `${name}: ${line}`).toBeLessThanOrEqual(100);
      }
    }
  });

  it('does not touch its input and gives the same text twice', async () => {
    for (const name of NAMES) {
      for (const format of ['table', 'json', 'markdown'] as const) {
        const report = deepFreeze(load(name));
        const a = await renderReport(report, format, { color: true, explain: true });
        const b = await renderReport(report, format, { color: true, explain: true });
        expect(a).toBe(b);
      }
    }
  });
});

describe('regions', () => {
  it('table: ranks regions by monthly cost, naming the cheapest and most expensive', async () => {
    const text = await render('on-demand-regions', 'table');
    const ranking = text.slice(text.indexOf('Regions by monthly cost'));
    expect(ranking).toMatch(/1\s+us-east-1\s+on-demand\s+~4\s+\$337\.17\s+cheapest\n/);
    expect(ranking).toMatch(/2\s+ap-south-1\s+on-demand\s+~4\s+\$432\.97\n/);
    expect(ranking).toMatch(/3\s+ap-northeast-1\s+on-demand\s+~4\s+\$438\.32\s+most expensive\n/);
  });

  it('markdown: ranks regions and has one summary row per region in report order', async () => {
    const md = await render('on-demand-regions', 'markdown');
    expect(md).toContain('**Regions by monthly cost:** 1. us-east-1 ($337.17, **cheapest**) · 2. ap-south-1 ($432.97) · 3. ap-northeast-1 ($438.32, **most expensive**)');
    const rows = md.split('\n').filter((l) => /^\| (ap|us)-/.test(l));
    expect(rows.map((r) => r.split('|')[1]?.trim())).toEqual(['ap-northeast-1', 'us-east-1', 'ap-south-1']);
  });

  it('has no ranking for a single region', async () => {
    expect(await render('provisioned-firehose', 'table')).not.toContain('Regions by monthly cost');
    expect(await render('provisioned-firehose', 'markdown')).not.toContain('Regions by monthly cost');
  });

  it('does not rank a region whose cost is incomplete', async () => {
    const report = load('on-demand-regions');
    const unknown = load('unknown-prices').results[0];
    if (!unknown) throw new Error('fixture');
    report.results.push(unknown);
    const text = await renderReport(report, 'table', { color: false, explain: false });
    expect(text).toMatch(/—\s+ap-southeast-2\s+provisioned\s+6\s+≥ \$0\.04 \+ unknown\s+incomplete/);
    expect(text).toMatch(/3\s+ap-northeast-1[^\n]+most expensive/);
  });
});

describe('markdown', () => {
  it('starts with the title and a summary table', async () => {
    const md = await render('provisioned-firehose', 'markdown');
    expect(md.startsWith('### kplan: clickstream\n')).toBe(true);
    expect(md).toContain('| region | mode | shards | binding constraint | throttle | monthly | cheapest alternative |');
    expect(md).toContain('| us-east-1 | provisioned | 350 | **write-bytes** | low | **$44,303.70** | provisioned (current, $44,303.70) |');
    const regions = await render('on-demand-regions', 'markdown');
    expect(regions).toContain('| ap-south-1 | on-demand | ~4 | **on-demand-doubling** | medium | **$432.97** | on-demand (current, $432.97) |');
    expect(regions).toContain('| us-east-1 | on-demand | ~4 | **on-demand-doubling** | medium | **$337.17** | provisioned ($88.10) |');
    expect(md).toContain('<details><summary>Cost: $44,303.70/month');
  });

  it('escapes pipes and angle brackets from the model', async () => {
    const report = load('firehose-only');
    report.profile.name = 'a|b <c>';
    const region = report.results[0];
    if (!region) throw new Error('fixture');
    region.firehose[0]!.warnings.push({ code: 'x', message: 'use <b> | not this' });
    const md = await renderReport(report, 'markdown', { color: false, explain: false });
    expect(md).toContain('### kplan: a\\|b &lt;c&gt;');
    expect(md).toContain('use &lt;b&gt; \\| not this');
  });

  it('writes sub-cent amounts so they cannot open an HTML tag', async () => {
    const md = await render('unknown-prices', 'markdown');
    expect(md).toContain('(≥ &lt;$0.01 + unknown (shard-hours, put-payload-units, firehose-ingestion)/h');
    expect(md).not.toContain('<$');
  });
});

describe('explain', () => {
  it('is left out unless asked for', async () => {
    expect(await render('provisioned-firehose', 'table')).not.toContain('Explain');
    expect(await render('provisioned-firehose', 'markdown')).not.toContain('Explain');
  });

  it('table: groups entries by topic prefix with formula, inputs, result and note', async () => {
    const text = await render('provisioned-firehose', 'table', false, true);
    const block = text.slice(text.indexOf('\nExplain\n'));
    const groups = [...block.matchAll(/^ {2}(\S+)$/gm)].map((m) => m[1]);
    expect(groups).toEqual(['shards', 'throttle', 'cost']);
    expect(block).toContain('formula  ceil(peak_bytes × H ÷ (shard_write_bytes × headroom))');
    expect(block).toMatch(/inputs {3}peak_bytes = 262,144,000\n\s+H = 1\.12/);
    expect(block).toContain('result   350');
    expect(block).toContain('note     after KPL aggregation');
    expect(block).toContain('result   4.9e-4');
  });

  it('markdown: one table per topic prefix inside <details>', async () => {
    const md = await render('provisioned-firehose', 'markdown', false, true);
    expect(md).toContain('<details><summary>Explain</summary>');
    expect(md).toContain('**shards**');
    expect(md).toContain('| `shards.write-bytes` | `ceil(peak_bytes × H ÷ (shard_write_bytes × headroom))` | `peak_bytes = 262,144,000`<br>`H = 1.12`');
  });

  it('says nothing for a region without entries', async () => {
    for (const format of ['table', 'markdown'] as const) {
      expect(await render('on-demand-regions', format, false, true)).toBe(await render('on-demand-regions', format, false, false));
    }
  });
});
