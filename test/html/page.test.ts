// `--format html` without a browser: the command writes one self-contained page (to --output or
// standard output) for every shipped profile and for a sweep, under 1 MB, with nothing that could
// make a request; hostile names are escaped; the what-if form's initial values, given back as
// `--set` flags, leave the profile as it was.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runCli } from '../helpers/io.js';
import { runs } from '../helpers/depth.js';
import { esc, jsonForScript, scriptText } from '../../src/render/html/escape.js';
import { shellWord, whatIfFields, whatIfOverrides } from '../../src/render/html/controls.js';
import { parseProfile } from '../../src/profile/parse.js';
import { REGION_CODES } from '../../src/prices/regions.js';
import type { Report } from '../../src/report/types.js';

const ROOT = resolve(import.meta.dirname, '../..');
const PROFILES = readdirSync(resolve(ROOT, 'profiles'))
  .filter((f) => f.endsWith('.yaml'))
  .sort();

/** The JSON the page embeds for its app. */
function pageData(html: string): Record<string, unknown> {
  const m = /<script type="application\/json" id="kplan-data">([^<]*)<\/script>/.exec(html);
  expect(m).not.toBeNull();
  return JSON.parse(m![1]!) as Record<string, unknown>;
}

/** Tags with attributes or elements that would fetch something, and CSS that would: none may appear. */
const FETCHING = /<[a-z][^>]*\s(src|href|action|formaction|poster|srcset|data|background)=|<(link|iframe|object|embed|img|audio|video|base|frame)\b|url\(|@import/i;

/** The page without its scripts' contents (the app is code, not markup). */
function markup(html: string): string {
  return html.replace(/(<script[^>]*>)[^]*?<\/script>/g, '$1</script>');
}

describe('kplan size --format html', () => {
  for (const f of PROFILES) {
    it(`${f}: one self-contained page under 1 MB with the report's figures`, async () => {
      const r = await runCli(['size', `profiles/${f}`, '--format', 'html', '--output', 'out/plan.html']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe('');
      const html = r.io.files.get(resolve(ROOT, 'out/plan.html')) as string;
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(Buffer.byteLength(html)).toBeLessThan(1_000_000);
      expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;`);
      expect(markup(html)).not.toMatch(FETCHING);
      // The summary carries the same shards and cents as --format json.
      const json = JSON.parse((await runCli(['size', `profiles/${f}`, '--format', 'json'])).stdout) as Report;
      for (const region of json.results) {
        const row = new RegExp(
          `<tr data-region="${region.region}" data-shards="${region.stream?.shards ?? ''}" data-monthly-usd="${(region.cost.monthly_usd ?? region.cost.known_monthly_usd).toFixed(2)}"`,
        );
        expect(html).toMatch(row);
      }
      // The app gets the profile's text and the catalogue it was priced with.
      const data = pageData(html);
      expect(data.source).toBe(readFileSync(resolve(ROOT, 'profiles', f), 'utf8'));
      expect(data.command).toBe('size');
      expect((data.catalogue as { as_of: string }).as_of).toBe(json.prices.as_of);
    });
  }

  it('writes to standard output without --output; sweep writes a page too', async () => {
    const size = await runCli(['size', 'profiles/fastapi-logs.yaml', '--format', 'html', '--set', 'traffic.records_per_second=2000', '--region', 'us-west-2']);
    expect(size.code, size.stderr).toBe(0);
    const data = pageData(size.stdout);
    expect(data.overrides).toEqual(['traffic.records_per_second=2000']);
    expect(data.regions).toEqual(['us-west-2']);
    expect(size.stdout).toContain('data-region="us-west-2"');

    const sweep = await runCli(['sweep', 'profiles/fastapi-logs.yaml', '--vary', 'traffic.records_per_second=500..5000:4', '--format', 'html']);
    expect(sweep.code, sweep.stderr).toBe(0);
    expect(sweep.stdout).toContain('<section id="sweep"');
    expect(Buffer.byteLength(sweep.stdout)).toBeLessThan(1_000_000);
    expect(pageData(sweep.stdout).vary).toEqual(['traffic.records_per_second=500..5000:4']);
  });

  it('--output: no colour codes in the file even on a terminal; a failed write is exit 3', async () => {
    const r = await runCli(['size', 'profiles/fanout.yaml', '--output', 'out/plan.txt'], { tty: true, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.io.files.get(resolve(ROOT, 'out/plan.txt'))).not.toMatch(/\x1b\[/);
    // The same run to the terminal is coloured: the file is plain because it is a file.
    expect((await runCli(['size', 'profiles/fanout.yaml'], { tty: true, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } })).stdout).toMatch(/\x1b\[/);
    const bad = await runCli(['size', 'profiles/fanout.yaml', '--output', 'x/plan.txt']);
    // What the real writer throws (src/cli/io.ts): a failed write is exit 3 with the reason.
    const { WriteFailure } = await import('../../src/cli/write-error.js');
    bad.io.writeFileAtomic = async (p) => {
      throw new WriteFailure(p, Object.assign(new Error('EACCES'), { code: 'EACCES' }));
    };
    const io = bad.io;
    const { main } = await import('../../src/cli/main.js');
    io.err.length = 0;
    expect(await main(io)).toBe(3);
    expect(io.err.join('')).toMatch(/cannot write .*x\/plan\.txt.*EACCES/);
  });

  it('reads the profile from standard input: the page names it `-` in its command line', async () => {
    const r = await runCli(['size', '-', '--format', 'html', '--set', 'stream.retention=48h'], { stdin: readFileSync(resolve(ROOT, 'profiles/fanout.yaml')) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('<code id="base-command">kplan size - --set stream.retention=48h</code>');
  });

  it('escapes hostile names everywhere (markup, attributes, the embedded JSON)', async () => {
    const name = `</script><script>alert(1)</script><img src=x onerror=alert(2)> <!-- ' " &`;
    const profile = [
      'version: 1',
      `name: ${JSON.stringify(name)}`,
      'region: us-east-1',
      'traffic: { records_per_second: 100, peak_records_per_second: 300, record_size: 1 KiB }',
      `consumers: [{ name: ${JSON.stringify('<svg onload=alert(3)>')}, type: lambda }]`,
      `firehose: [{ name: ${JSON.stringify('x"><script>alert(4)</script>')}, source: stream }]`,
    ].join('\n');
    const r = await runCli(['size', 'evil.yaml', '--format', 'html'], { files: { 'evil.yaml': profile } });
    expect(r.code, r.stderr).toBe(0);
    const html = r.stdout;
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<svg onload');
    expect(markup(html)).not.toMatch(FETCHING);
    // Exactly the page's own scripts: the data block and the app.
    expect(html.match(/<script/g)?.length).toBe(2);
    expect(html).toContain(`<h1>${esc(name)}</h1>`);
    expect(pageData(html).source).toBe(profile);
  });
});

/** Every element the page itself writes; a name that became markup would add another. */
const PAGE_TAGS = new Set(
  'html head meta title style body header h1 h2 h3 h4 p code main section table thead tbody tr th td strong em ul li figure figcaption details summary svg rect text line polyline circle footer script small span div'.split(
    ' ',
  ),
);

describe('hostile names, fuzzed', () => {
  it('any name, consumer and delivery stream name: exit 0 or 2, and on 0 the names are text', async () => {
    let pages = 0;
    const numRuns = runs(300);
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }), async (name, other) => {
        const profile = [
          'version: 1',
          `name: ${JSON.stringify(name)}`,
          'region: us-east-1',
          'traffic: { records_per_second: 50, peak_records_per_second: 80, record_size: 512 }',
          `consumers: [{ name: ${JSON.stringify(other)}, type: lambda }]`,
          `firehose: [{ name: ${JSON.stringify(`${other}!`)}, source: stream }]`,
        ].join('\n');
        // disk: false, so no browser bundle: a static page (and the warning), which is all the markup.
        const r = await runCli(['size', 'p.yaml', '--format', 'html'], { files: { 'p.yaml': profile }, disk: false });
        expect([0, 2]).toContain(r.code);
        if (r.code !== 0) return;
        const tags = new Set([...markup(r.stdout).matchAll(/<([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1]!.toLowerCase()));
        for (const t of tags) expect(PAGE_TAGS.has(t), `<${t}> in the page`).toBe(true);
        expect(r.stdout.match(/<script/g)?.length).toBe(1);
        expect(pageData(r.stdout).source).toBe(profile);
        pages++;
      }),
      { numRuns },
    );
    // Most names are valid, so the property is about pages, not refusals.
    expect(pages).toBeGreaterThan(numRuns / 2);
  });
});

describe('escaping', () => {
  it('esc leaves no markup character and decodes back to the text', () => {
    const decode = (s: string) =>
      s
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&');
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const e = esc(s);
        expect(e).not.toMatch(/[<>"']/);
        expect(decode(e)).toBe(s);
      }),
      { numRuns: runs(2000) },
    );
  });

  it('jsonForScript parses back to the value and cannot close or comment the element', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: 'binary' }), (v, s) => {
        for (const x of [v, s, { s }]) {
          const text = jsonForScript(x);
          expect(text).not.toMatch(/[<>&\u2028\u2029]/);
          expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(x)));
        }
      }),
      { numRuns: runs(2000) },
    );
  });

  it('scriptText breaks up </script and <!-- in code', () => {
    expect(scriptText('a="</script>";b="</SCRIPT";c="<!--"')).toBe('a="<\\/script>";b="<\\/SCRIPT";c="<\\!--"');
  });

  it('shellWord quotes anything a shell would read specially', () => {
    expect(shellWord('traffic.records_per_second=5')).toBe('traffic.records_per_second=5');
    expect(shellWord(`a=it's $HOME`)).toBe(`'a=it'\\''s $HOME'`);
  });
});

describe('the what-if form', () => {
  const parse = (text: string, overrides: string[] = []) => {
    const r = parseProfile(text, { file: 'p.yaml', overrides, regionCodes: REGION_CODES });
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    return r.profile!;
  };

  it('sets nothing while the inputs hold their initial values, and one flag per changed input', () => {
    for (const f of PROFILES) {
      const fields = whatIfFields(parse(readFileSync(resolve(ROOT, 'profiles', f), 'utf8')));
      const initial = Object.fromEntries(fields.map((x) => [x.id, x.initial]));
      expect(whatIfOverrides(fields, initial)).toEqual([]);
      expect(whatIfOverrides(fields, { ...initial, rps: ' 42 ', retention: '72h' })).toEqual(['traffic.records_per_second=42', 'stream.retention=72h']);
    }
  });

  it('offers advantage_other_traffic where there is a stream and kpl_billing per stream-fed delivery stream under KPL, each given back unchanged', () => {
    const ids = (f: string) => whatIfFields(parse(readFileSync(resolve(ROOT, 'profiles', f), 'utf8'))).map((x) => x.id);
    expect(ids('iot-fleet.yaml')).toEqual(expect.arrayContaining(['advantage', 'kplbilling-0']));
    expect(ids('fastapi-logs.yaml')).toContain('advantage');
    expect(ids('fastapi-logs.yaml').some((id) => id.startsWith('kplbilling'))).toBe(false);
    expect(ids('direct-put.yaml').filter((id) => id === 'advantage' || id.startsWith('kplbilling'))).toEqual([]);
    const text = [
      'version: 1',
      'region: us-east-1',
      'traffic: { records_per_second: 100, record_size: 200 B }',
      'producer: { aggregation: kpl }',
      'stream: { mode: on-demand-advantage, advantage_other_traffic: { in: 20 MiB, out: 1536 KiB } }',
      'firehose:',
      '  - { name: a, source: stream, kpl_billing: aggregated-records }',
      '  - { name: b, source: direct-put }',
      '  - { name: c, source: stream }',
      '',
    ].join('\n');
    const p = parse(text);
    const fields = whatIfFields(p);
    const byId = Object.fromEntries(fields.map((x) => [x.id, x]));
    expect(byId.advantage!.initial).toBe('{in: 20 MiB, out: 1536 KiB}');
    expect(byId['kplbilling-0']!.initial).toBe('aggregated-records');
    expect(byId['kplbilling-1']).toBeUndefined();
    expect(byId['kplbilling-2']!.initial).toBe('user-records');
    expect(byId['kplbilling-2']!.key).toBe('firehose.2.kpl_billing');
    // Each initial value, given back as its --set flag, leaves the profile as it was.
    const again = parse(
      text,
      ['advantage', 'kplbilling-0', 'kplbilling-2'].map((id) => `${byId[id]!.key}=${byId[id]!.initial}`),
    );
    expect(again.stream.advantageOtherTraffic).toEqual(p.stream.advantageOtherTraffic);
    expect(again.firehose.map((f) => f.kplBilling)).toEqual(p.firehose.map((f) => f.kplBilling));
    // A change becomes the flag the command line takes.
    const initial = Object.fromEntries(fields.map((x) => [x.id, x.initial]));
    expect(whatIfOverrides(fields, { ...initial, advantage: '{in: 0 B, out: 0 B}', 'kplbilling-2': 'aggregated-records' })).toEqual([
      'stream.advantage_other_traffic={in: 0 B, out: 0 B}',
      'firehose.2.kpl_billing=aggregated-records',
    ]);
  });

  it("the consumers input, given back as --set, leaves any profile's consumers as they were (hostile names too)", () => {
    const consumer = fc.record({
      name: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== ''),
      type: fc.constantFrom('lambda', 'kcl', 'custom'),
      efo: fc.boolean(),
      polls: fc.integer({ min: 1, max: 5 }),
      catchUp: fc.option(fc.integer({ min: 1, max: 3600 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(consumer, { selector: (c) => c.name, maxLength: 4 }), (list) => {
        const yaml = list
          .map(
            (c) =>
              `  - { name: ${JSON.stringify(c.name)}, type: ${c.type}${c.efo ? ', efo: true' : ''}${!c.efo && c.type === 'custom' ? `, polls_per_second: ${c.polls}` : ''}${c.catchUp !== undefined ? `, catch_up: ${c.catchUp}` : ''} }`,
          )
          .join('\n');
        const text = `version: 1\nregion: us-east-1\ntraffic: { records_per_second: 100, record_size: 1 KiB }\nconsumers:${list.length === 0 ? ' []' : `\n${yaml}`}\n`;
        const r = parseProfile(text, { file: 'p.yaml', regionCodes: REGION_CODES });
        fc.pre(r.profile !== undefined);
        const field = whatIfFields(r.profile!).find((x) => x.id === 'consumers')!;
        const again = parse(text, [`consumers=${field.initial}`]);
        expect(again.consumers).toEqual(r.profile!.consumers);
      }),
      { numRuns: runs(400) },
    );
  });
});
