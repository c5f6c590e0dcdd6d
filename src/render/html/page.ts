// `--format html`: one self-contained page (inline CSS, SVG and script; no request of any kind, so
// it works opened from disk). Pure: the browser bundle's text is passed in, never read here.

import type { Profile } from '../../profile/types.js';
import type { PriceCatalogue } from '../../prices/types.js';
import type { RiskOptions } from '../../model/stream/risk-model.js';
import { esc, jsonForScript, scriptText } from './escape.js';
import { renderControls, shellWord, whatIfFields, type WhatIfField } from './controls.js';
import { renderPlanView, type PlanView } from './sections.js';
import { PAGE_CSS } from './style.js';

/** What the in-page app needs to recompute the plan exactly as the command line did. */
export interface PageData {
  command: 'size' | 'sweep';
  /** The profile's text as read, and its name as the user gave it. */
  source: string;
  file: string;
  /** The command line's `--set` flags, applied before the page's own. */
  overrides: string[];
  /** `--region`, already checked; absent: the profile's own regions. */
  regions?: string[];
  risk: RiskOptions;
  /** The price catalogue the command priced with, as data. */
  catalogue: PriceCatalogue;
  /** `sweep` only: the `--vary` flags as given and the region swept. */
  vary?: string[];
  fields: Pick<WhatIfField, 'id' | 'key' | 'initial'>[];
}

export interface PageInput {
  view: PlanView;
  profile: Profile;
  data: Omit<PageData, 'fields'>;
  /** The in-page app (dist/browser.js); without it the page is a static report. */
  bundle?: string;
}

/**
 * Content-Security-Policy: nothing may be fetched, framed or submitted; only the page's own inline
 * style and script run. Even a name that slipped past escaping could not make the page call out.
 * 'wasm-unsafe-eval' lets the script compile its own WebAssembly (the byte-tail recursion,
 * src/model/risk/panjer.ts); it allows no eval of JavaScript.
 */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline' 'wasm-unsafe-eval'; img-src data:; form-action 'none'; base-uri 'none'";

/** The equivalent command line for a set of flags. */
export function commandText(data: Pick<PageData, 'command' | 'file' | 'overrides' | 'regions' | 'vary'>, extra: readonly string[]): string {
  // Standard input is named `<stdin>` in messages and `-` on a command line.
  const words = ['kplan', data.command, data.file === '<stdin>' ? '-' : shellWord(data.file)];
  for (const v of data.vary ?? []) words.push('--vary', shellWord(v));
  if (data.regions !== undefined) words.push('--region', shellWord(data.regions.join(',')));
  for (const s of [...data.overrides, ...extra]) words.push('--set', shellWord(s));
  return words.join(' ');
}

export function renderHtmlPage(input: PageInput): string {
  const { view, profile } = input;
  const fields = whatIfFields(profile);
  const data: PageData = { ...input.data, fields: fields.map((f) => ({ id: f.id, key: f.key, initial: f.initial })) };
  const r = view.report;
  const title = `kplan: ${r.profile.name}`;
  const controls = input.bundle !== undefined ? renderControls(fields) : '';
  return (
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${esc(CSP)}">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="color-scheme" content="light dark">` +
    `<title>${esc(title)}</title><style>${PAGE_CSS}</style></head>` +
    `<body data-revision="0"><header><h1>${esc(r.profile.name)}</h1>` +
    `<p class="meta">Profile <code>${esc(r.profile.file)}</code> · kplan ${esc(r.kplan_version)} · prices as of ${esc(r.prices.as_of)} (${esc(r.prices.source)}) · <code id="base-command">${esc(commandText(data, []))}</code></p></header>` +
    controls +
    `<main id="plan">${renderPlanView(view)}</main>` +
    `<footer class="note"><p>Model and sources: see the kplan docs (model, cost, Firehose, what-if). All figures are computed in this page; it loads nothing.</p></footer>` +
    `<script type="application/json" id="kplan-data">${jsonForScript(data)}</script>` +
    (input.bundle !== undefined ? `<script>${scriptText(input.bundle)}</script>` : '') +
    `</body></html>\n`
  );
}
