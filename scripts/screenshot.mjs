#!/usr/bin/env node
// Regenerates docs/img/html-clickstream.png: the `--format html` page of profiles/clickstream.yaml
// in Debian's Chromium, from the summary down through the charts. Needs `npm run build` first and
// /usr/bin/chromium (or KPLAN_CHROMIUM). Usage: node scripts/screenshot.mjs [out.png]

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = process.argv[2] ?? join(root, 'docs/img/html-clickstream.png');
const dir = mkdtempSync(join(tmpdir(), 'kplan-shot-'));
try {
  const r = spawnSync(process.execPath, [join(root, 'bin/kplan.js'), 'size', 'profiles/clickstream.yaml', '--format', 'html'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(r.stderr);
  writeFileSync(join(dir, 'page.html'), r.stdout);
  const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: process.env.KPLAN_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 900, height: 900 },
    colorScheme: 'light',
  });
  await context.route('**/*', (route) => (route.request().url().startsWith(`file://${dir}/`) ? route.continue() : route.abort()));
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`file://${join(dir, 'page.html')}`);
  const top = await page.evaluate('document.getElementById("summary").getBoundingClientRect().top + scrollY - 8');
  await page.screenshot({ path: out, fullPage: true, clip: { x: 0, y: top, width: 900, height: 1500 } });
  await context.close();
  process.stdout.write(`wrote ${out}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
