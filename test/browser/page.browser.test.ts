// The HTML page in a real browser: Debian's chromium driven by playwright-core. The page loads
// from disk with no console error and no request beyond its own file; three inputs changed in the
// page give the shards and monthly cost (to the cent) that `kplan size --set …` gives on the
// command line, for three profiles, and so does each of the kpl_billing and advantage_other_traffic
// controls; the keyboard drives the form; a screenshot is not blank. The tests run concurrently
// (vitest's default of five at a time): 12–17 s here against 24–28 s one after the other.
//
// Without a browser these tests are skipped with the reason printed. `npm run test:browser` runs
// only them; KPLAN_CHROMIUM names another browser binary.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import type { BrowserContext, Page } from 'playwright-core';
import { fakeIo, runCli } from '../helpers/io.js';
import { profileFromBytes } from '../../src/cli/load.js';
import { htmlPage } from '../../src/cli/html.js';
import { builtinCatalogue } from '../../src/prices/catalogue.js';
import { plan } from '../../src/model/plan.js';
import type { Report } from '../../src/report/types.js';
import { scriptText } from '../../src/render/html/escape.js';
import { formatUsd } from '../../src/units.js';
import { decodePng, inkStats } from './png.js';
import { browserBundleOptions } from '../../scripts/browser-bundle.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const CHROMIUM = process.env.KPLAN_CHROMIUM ?? '/usr/bin/chromium';
const HAVE_BROWSER = existsSync(CHROMIUM);
const SKIP_REASON = `no Chromium at ${CHROMIUM} (apt-get install chromium, or set KPLAN_CHROMIUM)`;
if (!HAVE_BROWSER) process.stderr.write(`kplan browser tests SKIPPED: ${SKIP_REASON}\n`);

/** The in-page app built from the current source, as scripts/build.mjs builds dist/browser.js. */
async function bundleFromSource(): Promise<string> {
  const out = await build({ ...browserBundleOptions(ROOT), write: false });
  return out.outputFiles[0]!.text;
}

/** The page `kplan size <profile> --format html` writes, with the bundle built from src/. */
async function pageFor(profile: string, bundle: string): Promise<string> {
  const file = `profiles/${profile}.yaml`;
  return pageForBytes(file, readFileSync(resolve(ROOT, file)), bundle);
}

async function pageForBytes(file: string, bytes: Uint8Array, bundle: string): Promise<string> {
  const p = profileFromBytes(bytes, file, []);
  const catalogue = builtinCatalogue();
  const risk = { simulate: false };
  const report = plan(p, catalogue, { explain: false, risk });
  const ctx = { io: fakeIo([]), color: false, debug: false };
  return htmlPage(ctx, { report, profile: p, catalogue, source: bytes, risk, bundle, data: { command: 'size', file, overrides: [] } });
}

/** Shards and cents per Region from `kplan size --format json --set …`, run in-process. */
async function cliFigures(profile: string, sets: string[]): Promise<Record<string, { shards: string; monthly: string }>> {
  const r = await runCli(['size', `profiles/${profile}.yaml`, '--format', 'json', ...sets.flatMap((s) => ['--set', s])]);
  expect(r.code, r.stderr).toBe(0);
  const report = JSON.parse(r.stdout) as Report;
  return Object.fromEntries(
    report.results.map((x) => [x.region, { shards: x.stream === null ? '' : String(x.stream.shards), monthly: (x.cost.monthly_usd ?? x.cost.known_monthly_usd).toFixed(2) }]),
  );
}

/** The same figures as the page shows them (the summary rows' data attributes). */
async function pageFigures(page: Page): Promise<Record<string, { shards: string; monthly: string }>> {
  return page.$$eval('#summary tr[data-region]', (rows) =>
    Object.fromEntries(rows.map((r) => [r.getAttribute('data-region'), { shards: r.getAttribute('data-shards') ?? '', monthly: r.getAttribute('data-monthly-usd') ?? '' }])),
  );
}

// Concurrent tests (while Chromium computes one page, Node builds the next): each page keeps its own
// log of requests and problems.
describe.skipIf(!HAVE_BROWSER).concurrent('the HTML page in Chromium', () => {
  let context: BrowserContext;
  let dir: string;
  let bundle: string;
  /** Per page: every request it made, its console errors and warnings, and the file it was loaded from. */
  const logs = new WeakMap<Page, { requests: string[]; problems: string[]; file: string }>();
  const requestsOf = (page: Page): string[] => logs.get(page)!.requests;
  const problemsOf = (page: Page): string[] => logs.get(page)!.problems;
  /** The page of each profile as given, computed once (four tests open clickstream's). */
  const pages = new Map<string, Promise<string>>();
  let opened = 0;

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    dir = mkdtempSync(join(tmpdir(), 'kplan-browser-'));
    bundle = await bundleFromSource();
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1000, height: 900 },
    });
    // Every request goes through here and is refused, except the pages' own files (each page
    // logs what it asked for: open()).
    await context.route('**/*', (route) => (route.request().url().startsWith(`file://${dir}/`) ? route.continue() : route.abort()));
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(profile: string, source?: string, page0?: string): Promise<Page> {
    let html: string;
    if (page0 !== undefined) html = page0;
    else if (source !== undefined) html = await pageForBytes(`${profile}.yaml`, new TextEncoder().encode(source), bundle);
    else {
      if (!pages.has(profile)) pages.set(profile, pageFor(profile, bundle));
      html = await pages.get(profile)!;
    }
    const file = join(dir, `${profile}-${++opened}.html`);
    writeFileSync(file, html);
    const page = await context.newPage();
    const log = { requests: [] as string[], problems: [] as string[], file };
    logs.set(page, log);
    page.on('request', (r) => log.requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') log.problems.push(`${profile}: console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => log.problems.push(`${profile}: ${e.message}`));
    await page.goto(`file://${file}`);
    await page.waitForSelector('body[data-ready="true"]');
    return page;
  }

  /** Fills inputs (by field id) and presses Recompute; resolves once the page has recomputed. */
  async function change(page: Page, values: Record<string, string>): Promise<void> {
    for (const [id, value] of Object.entries(values)) {
      const el = page.locator(`#wi-${id}`);
      if ((await el.evaluate((e) => e.tagName)) === 'SELECT') await el.selectOption(value);
      else await el.fill(value);
    }
    const before = Number(await page.getAttribute('body', 'data-revision'));
    await page.click('#whatif button[type="submit"]');
    await page.waitForFunction(`Number(document.body.dataset.revision) > ${before}`);
    expect(await page.textContent('#whatif-issues')).toBe('');
  }

  it('loads from disk with no console error and no request but its own file', async () => {
    const page = await open('clickstream');
    expect(requestsOf(page)).toEqual([page.url()]);
    expect(problemsOf(page)).toEqual([]);
    // As given, the page shows what the command line computes.
    expect(await pageFigures(page)).toEqual(await cliFigures('clickstream', []));
    await page.close();
  });

  const cases: { profile: string; values: Record<string, string>; sets: string[] }[] = [
    {
      profile: 'clickstream',
      values: { rps: '6000', peak: '15000', retention: '72h' },
      sets: ['traffic.records_per_second=6000', 'traffic.peak_records_per_second=15000', 'stream.retention=72h'],
    },
    {
      profile: 'fanout',
      values: { size: '4 KiB', consumers: '[{name: fraud, type: kcl, efo: true}, {name: audit, type: lambda}]', mode: 'on-demand' },
      sets: ['traffic.record_size=4 KiB', 'consumers=[{name: fraud, type: kcl, efo: true}, {name: audit, type: lambda}]', 'stream.mode=on-demand'],
    },
    {
      profile: 'fastapi-logs',
      values: { keys: '40', skew: '1.1', peak: '9000' },
      sets: ['traffic.partition_keys=40', 'traffic.key_skew=1.1', 'traffic.peak_records_per_second=9000'],
    },
  ];

  for (const c of cases) {
    it(`${c.profile}: three inputs changed give the shards and monthly cost of kplan size --set`, async () => {
      const page = await open(c.profile);
      const before = await pageFigures(page);
      await change(page, c.values);
      const after = await pageFigures(page);
      const cli = await cliFigures(c.profile, c.sets);
      expect(after).toEqual(cli);
      // The change changed something: the test would pass vacuously otherwise.
      expect(after).not.toEqual(before);
      // The page names the same flags.
      const command = (await page.textContent('#whatif-command')) ?? '';
      for (const s of c.sets) expect(command).toContain(s.split('=')[0]);
      expect(problemsOf(page)).toEqual([]);
      expect(requestsOf(page)).toEqual([page.url()]);
      await page.close();
    });
  }

  it('iot-fleet: the kpl_billing control gives the figures of kplan size --set firehose.0.kpl_billing=…', async () => {
    const page = await open('iot-fleet');
    const before = await pageFigures(page);
    await change(page, { 'kplbilling-0': 'aggregated-records' });
    const after = await pageFigures(page);
    expect(after).toEqual(await cliFigures('iot-fleet', ['firehose.0.kpl_billing=aggregated-records']));
    expect(after).not.toEqual(before);
    expect(await page.textContent('#whatif-command')).toContain('firehose.0.kpl_billing=aggregated-records');
    expect(problemsOf(page)).toEqual([]);
    await page.close();
  });

  it('fastapi-logs on Advantage: the advantage_other_traffic control gives the figures of kplan size --set', async () => {
    const page = await open('fastapi-logs');
    await change(page, { mode: 'on-demand-advantage' });
    const alone = await pageFigures(page);
    expect(alone).toEqual(await cliFigures('fastapi-logs', ['stream.mode=on-demand-advantage']));
    await change(page, { advantage: '{in: 20 MiB, out: 20 MiB}' });
    const shared = await pageFigures(page);
    expect(shared).toEqual(await cliFigures('fastapi-logs', ['stream.mode=on-demand-advantage', 'stream.advantage_other_traffic={in: 20 MiB, out: 20 MiB}']));
    // Other traffic in the account leaves this stream less of the minimum to pay.
    expect(shared).not.toEqual(alone);
    expect(await page.textContent('#whatif-command')).toContain('stream.advantage_other_traffic=');
    expect(problemsOf(page)).toEqual([]);
    await page.close();
  });

  it('sweep page: a change recomputes the sweep as kplan sweep --set computes it', async () => {
    const vary = 'traffic.records_per_second=500..8000:x4';
    const r = await runCli(['sweep', 'profiles/fastapi-logs.yaml', '--vary', vary, '--format', 'html']);
    expect(r.code, r.stderr).toBe(0);
    // The command's page with the app built from the current source in place of dist/browser.js.
    const html = r.stdout.replace(/<script>[^]*<\/script><\/body>/, () => `<script>${scriptText(bundle)}</script></body>`);
    const page = await open('sweep', undefined, html);
    await change(page, { retention: '7d', size: '2 KiB' });
    const sets = ['stream.retention=7d', 'traffic.record_size=2 KiB'];
    const cli = await runCli(['sweep', 'profiles/fastapi-logs.yaml', '--vary', vary, '--format', 'json', ...sets.flatMap((x) => ['--set', x])]);
    const points = (JSON.parse(cli.stdout) as { points: { monthly_usd: number; shards: number }[] }).points;
    const rows = await page.$$eval('#sweep figure:first-of-type details tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    expect(rows.map((row) => [row[1], row[4]])).toEqual(points.map((p) => [String(p.shards), formatUsd(p.monthly_usd)]));
    // Not the sweep as first drawn: the change reached the sweep.
    const base = (JSON.parse((await runCli(['sweep', 'profiles/fastapi-logs.yaml', '--vary', vary, '--format', 'json'])).stdout) as { points: { monthly_usd: number }[] }).points;
    expect(rows.map((row) => row[4])).not.toEqual(base.map((p) => formatUsd(p.monthly_usd)));
    expect(problemsOf(page)).toEqual([]);
    expect(requestsOf(page)).toEqual([page.url()]);
    await page.close();
  });

  it('works from the keyboard: Tab to an input, type, Enter recomputes', async () => {
    const page = await open('clickstream');
    await page.focus('#wi-rps');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.id')).toBe('wi-rps');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('4500');
    await page.keyboard.press('Enter');
    await page.waitForFunction(`document.body.dataset.state === 'what-if'`);
    expect(await pageFigures(page)).toEqual(await cliFigures('clickstream', ['traffic.records_per_second=4500']));
    // An invalid value is reported, located, and the figures stay the last valid ones.
    await page.fill('#wi-skew', '-3');
    await page.click('#whatif button[type="submit"]');
    await page.waitForFunction(`document.body.dataset.state === 'invalid'`);
    expect(await page.textContent('#whatif-issues')).toContain('key_skew');
    await page.close();
  });

  it('shows hostile names as text: no script of theirs runs, before or after a recompute', async () => {
    const name = `</script><script>alert(1)</script><img src=x onerror=alert(2)> <!-- ' " &amp;`;
    const source = [
      'version: 1',
      `name: ${JSON.stringify(name)}`,
      'region: us-east-1',
      'traffic: { records_per_second: 100, peak_records_per_second: 300, record_size: 1 KiB }',
      'consumers: [{ name: "<svg onload=alert(3)>", type: lambda }]',
      'firehose: [{ name: "x\\"><script>alert(4)</script>", source: stream }]',
      '',
    ].join('\n');
    const dialogs: string[] = [];
    const page = await open('hostile', source);
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    expect(await page.title()).toBe(`kplan: ${name}`);
    expect(await page.textContent('h1')).toBe(name);
    await change(page, { rps: '200' });
    expect(await page.textContent('#plan')).toContain('x"><script>alert(4)</script>');
    // Only the page's own two scripts (its data and the app), no element a name tried to add.
    expect(await page.locator('script').count()).toBe(2);
    expect(await page.locator('img, svg[onload]').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(problemsOf(page)).toEqual([]);
    expect(requestsOf(page)).toEqual([page.url()]);
    await page.close();
  });

  it('prints on A4 without the form, and follows a dark setting', async () => {
    const page = await open('clickstream');
    const pdf = Buffer.from(await page.pdf({ preferCSSPageSize: true })).toString('latin1');
    // A4 is 210 × 297 mm = 595.28 × 841.89 pt; Chromium writes it as 594.96 × 841.92.
    const boxes = [...pdf.matchAll(/\/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(boxes.length).toBeGreaterThan(1);
    for (const [w, h] of boxes) {
      expect(Math.abs(w! - 595.28)).toBeLessThan(1);
      expect(Math.abs(h! - 841.89)).toBeLessThan(1);
    }
    await page.emulateMedia({ media: 'print' });
    expect(await page.evaluate('getComputedStyle(document.getElementById("whatif")).display')).toBe('none');
    await page.emulateMedia({ media: 'screen', colorScheme: 'dark' });
    const dark = await page.evaluate('getComputedStyle(document.body).backgroundColor');
    await page.emulateMedia({ media: 'screen', colorScheme: 'light' });
    const light = await page.evaluate('getComputedStyle(document.body).backgroundColor');
    expect(light).toBe('rgb(255, 255, 255)');
    expect(dark).not.toBe(light);
    await page.close();
  });

  it('draws a screenshot that is not blank, and the page is under 1 MB', async () => {
    const page = await open('clickstream');
    const html = readFileSync(logs.get(page)!.file);
    expect(html.length).toBeLessThan(1_000_000);
    const png = await page.screenshot({ fullPage: false });
    const stats = inkStats(decodePng(png));
    expect(stats.colours).toBeGreaterThan(50);
    expect(stats.inkShare).toBeGreaterThan(0.05);
    expect(problemsOf(page)).toEqual([]);
    await page.close();
  });
});

if (!HAVE_BROWSER) {
  describe('the HTML page in Chromium', () => {
    it.skip(`skipped: ${SKIP_REASON}`, () => {});
  });
}
