// `--format html` for `size` and `sweep`: computes the page's extra data (mode curves), reads the
// browser bundle (dist/browser.js) on first use only, and renders the self-contained page.

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from './main.js';
import type { Profile } from '../profile/types.js';
import type { PriceCatalogue } from '../prices/types.js';
import type { Report } from '../report/types.js';
import type { RiskOptions } from '../model/stream/risk-model.js';
import type { SweepResult } from '../model/whatif/sweep.js';
import { resolveRegions } from '../model/plan.js';
import { modeCurves } from '../render/html/curves.js';
import { renderHtmlPage, type PageData } from '../render/html/page.js';

/** Where this module runs from: dist/ in the one-file bundle (bin passes it), else the module's folder. */
function here(): string {
  return typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
}

/** dist/browser.js next to the bundle, above dist/cli/, or in dist/ when running from src/cli/. */
export async function findBrowserBundle(ctx: Context, from = here()): Promise<string | undefined> {
  for (const candidate of [join(from, 'browser.js'), join(from, '..', 'browser.js'), join(from, '..', '..', 'dist', 'browser.js')]) {
    if ((await ctx.io.stat(candidate))?.isFile === true) return candidate;
  }
  return undefined;
}

export interface HtmlInput {
  report: Report;
  profile: Profile;
  catalogue: PriceCatalogue;
  source: Uint8Array;
  data: Omit<PageData, 'fields' | 'source' | 'catalogue' | 'risk'>;
  risk: RiskOptions;
  sweep?: SweepResult;
  /** The browser bundle's text, when the caller has it (the browser tests build it from src/). */
  bundle?: string;
}

/** The page; without the bundle (a source checkout never built) a static page and a warning. */
export async function htmlPage(ctx: Context, input: HtmlInput): Promise<string> {
  let bundle = input.bundle;
  const bundlePath = bundle === undefined ? await findBrowserBundle(ctx) : undefined;
  if (bundlePath !== undefined) bundle = new TextDecoder('utf-8').decode(await ctx.io.readFile(bundlePath));
  if (bundle === undefined) ctx.io.stderr.write('kplan: warning: dist/browser.js not found (run `npm run build`): the page has no live what-if\n');
  const regions = resolveRegions(input.profile, input.catalogue);
  const curves = modeCurves(input.profile, input.catalogue, regions, input.risk);
  // The page recomputes only the Regions it shows (its inputs cannot change them): it carries their
  // prices alone, not the whole catalogue (~300 KB for 36 Regions).
  const carried: PriceCatalogue = {
    ...input.catalogue,
    regions: Object.fromEntries(regions.filter((r) => input.catalogue.regions[r] !== undefined).map((r) => [r, input.catalogue.regions[r]!])),
  };
  return renderHtmlPage({
    view: { report: input.report, curves, ...(input.sweep !== undefined ? { sweep: input.sweep } : {}) },
    profile: input.profile,
    data: { ...input.data, source: new TextDecoder('utf-8').decode(input.source), catalogue: carried, risk: input.risk },
    ...(bundle !== undefined ? { bundle } : {}),
  });
}
