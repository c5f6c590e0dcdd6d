// Renders `kplan prices` and `kplan prices import` output. Renderers return strings; the command
// writes them.

import { Chalk, type ChalkInstance } from 'chalk';
import { BOX_CHARS, layoutTable, type TableLayout } from './grid.js';
import type { ImportResult } from '../prices/import.js';
import type { PricesView, PricesViewDetail } from '../prices/view.js';
import type { Price, PriceTier } from '../prices/types.js';
import { formatGrouped } from '../units.js';
import { sanitizeDeep } from '../text/sanitize.js';

export type PricesFormat = 'table' | 'json' | 'markdown';

export interface RenderOptions {
  color: boolean;
}

/** A USD figure without float noise or exponent notation: 1.4e-8 → "0.000000014". */
export function formatUsd(n: number): string {
  const p = Number(n.toPrecision(10));
  if (p === 0 || Math.abs(p) >= 1e-6) return String(p);
  return p.toFixed(20).replace(/0+$/, '');
}

/** For tiny per-unit prices, the per-thousand or per-million figure AWS quotes: "0.014 per 1M". */
function perMany(p: Price): string | undefined {
  if (p.usd === 0 || p.usd >= 1e-4 || /GB|hour/i.test(p.unit)) return undefined;
  const [scale, label] = p.usd < 1e-6 ? [1e6, '1M'] : [1e3, '1K'];
  return `${formatUsd(p.usd * scale)} per ${label}`;
}

function tierLines(tiers: readonly PriceTier[], unit: string): string[] {
  return tiers.map((t, i) => {
    const from = i === 0 ? 0 : (tiers[i - 1]!.up_to ?? 0);
    const range = t.up_to === null ? `over ${formatGrouped(from)} ${unit}` : `to ${formatGrouped(t.up_to)} ${unit}`;
    return `${formatUsd(t.usd)} ${range}`;
  });
}

/** The price cell: plain, with the per-1M figure, or one line per tier. */
function priceLines(p: Price): string[] {
  if (p.tiers && p.tiers.length > 0) return tierLines(p.tiers, p.unit);
  const many = perMany(p);
  return [many ? `${formatUsd(p.usd)} (${many})` : formatUsd(p.usd)];
}

/** Numbers each distinct source once, in order of first use. */
class Sources {
  private readonly index = new Map<string, number>();
  ref(source: string): string {
    let n = this.index.get(source);
    if (n === undefined) this.index.set(source, (n = this.index.size + 1));
    return `[${n}]`;
  }
  list(): [number, string][] {
    return [...this.index].map(([s, n]) => [n, s]);
  }
}

// A box without a rule between rows.
const COMPACT: TableLayout = { chars: { ...BOX_CHARS, mid: '', leftMid: '', midMid: '', rightMid: '' }, padding: 1, compact: false, wordWrap: false };

function statusWord(c: ChalkInstance, status: string): string {
  if (status === 'complete') return c.green(status);
  if (status === 'partial') return c.yellow(status);
  return c.dim(status);
}

export function renderPrices(view: PricesView, format: PricesFormat, opts: RenderOptions): string {
  if (format === 'json') return JSON.stringify(view, null, 2) + '\n';
  view = sanitizeDeep(view); // input text made safe to print (src/text/sanitize.ts)
  if (format === 'markdown') return renderPricesMarkdown(view);
  return renderPricesTable(view, opts);
}

function header(view: PricesView): string {
  const { source, as_of, currency } = view.catalogue;
  return `Price catalogue: ${source}, as of ${as_of} (${currency})`;
}

function renderPricesTable(view: PricesView, opts: RenderOptions): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const out: string[] = [c.bold(header(view)), ''];
  const overview = view.regions.map((r) => [r.region, r.name, statusWord(c, r.status), `${r.priced}/${view.key_count}`]);
  out.push(layoutTable(['Region', 'Name', 'Status', 'Prices'], overview, COMPACT), '');
  const sources = new Sources();
  for (const d of view.details) {
    out.push(c.bold(`${d.region} — ${d.name}: `) + statusWord(c, d.status));
    const rows: string[][] = [];
    for (const p of d.prices) {
      const conf = p.confidence === 'L' ? c.yellow(p.confidence) : p.confidence;
      rows.push([p.key, priceLines(p).join('\n'), p.unit, p.as_of, conf, sources.ref(p.source)]);
    }
    for (const key of d.unknown) rows.push([c.dim(key), c.yellow('unknown'), '', '', '', '']);
    out.push(layoutTable(['Price', 'USD', 'Per', 'As of', 'Conf.', 'Source'], rows, COMPACT));
    out.push(...noteLines(d).map((l) => c.dim(l)), '');
  }
  out.push(...sourceLines(sources));
  if (view.details.length === 0) out.push(c.dim('No region has prices. Import an AWS Price List file with `kplan prices import`.'));
  return out.join('\n').replace(/\n+$/, '') + '\n';
}

function noteLines(d: PricesViewDetail): string[] {
  const lines = d.prices.filter((p) => p.note).map((p) => `  ${p.key}: ${p.note}`);
  if (d.unknown.length > 0) lines.push(`  unknown: ${d.unknown.length} price(s) not in the catalogue; costs that need them are reported as unknown, never $0`);
  return lines;
}

function sourceLines(sources: Sources): string[] {
  const list = sources.list();
  if (list.length === 0) return [];
  return ['Sources:', ...list.map(([n, s]) => `  [${n}] ${s}`)];
}

/** Escapes a markdown table cell. */
function md(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, '<br>');
}

function renderPricesMarkdown(view: PricesView): string {
  const out: string[] = [`## ${header(view)}`, '', '| Region | Name | Status | Prices |', '|---|---|---|---:|'];
  for (const r of view.regions) out.push(`| ${r.region} | ${md(r.name)} | ${r.status} | ${r.priced}/${view.key_count} |`);
  out.push('');
  const sources = new Sources();
  for (const d of view.details) {
    out.push(`### ${d.region} — ${md(d.name)}: ${d.status}`, '', '| Price | USD | Per | As of | Conf. | Source |', '|---|---:|---|---|---|---|');
    for (const p of d.prices) {
      out.push(`| \`${p.key}\` | ${md(priceLines(p).join('\n'))} | ${md(p.unit)} | ${p.as_of} | ${p.confidence} | ${sources.ref(p.source)} |`);
    }
    for (const key of d.unknown) out.push(`| \`${key}\` | unknown | | | | |`);
    const notes = noteLines(d);
    if (notes.length > 0) out.push('', ...notes.map((l) => `- ${md(l.trim())}`));
    out.push('');
  }
  const list = sources.list();
  if (list.length > 0) out.push('Sources:', '', ...list.map(([n, s]) => `${n}. ${/^https?:/.test(s) ? `<${s}>` : md(s)}`));
  return out.join('\n').replace(/\n+$/, '') + '\n';
}

/** What `kplan prices import` did, per region. */
export function renderImport(result: ImportResult, output: string, opts: RenderOptions): string {
  result = sanitizeDeep(result); // input text made safe to print (src/text/sanitize.ts)
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const total = result.perRegion.reduce((s, r) => s + r.imported.length, 0);
  const lines = [
    c.bold(
      `Imported ${total} price(s) from ${result.offerCode} (${result.format === 'metered-unit-map' ? `AWS pricing-page data file published ${result.publicationDate}` : `AWS Price List ${result.publicationDate}, ${result.format.toUpperCase()}`}) into ${output}`,
    ),
  ];
  const width = Math.max(...result.perRegion.map((r) => r.region.length));
  for (const r of result.perRegion) {
    const what = r.imported.length > 0 ? `${r.imported.length} price(s): ${r.imported.join(', ')}` : c.dim('no price kplan uses');
    const skipped = r.skippedSkus > 0 ? c.dim(`; ${r.skippedSkus} other ${result.format === 'metered-unit-map' ? 'label' : 'SKU'}(s) skipped`) : '';
    lines.push(`  ${r.region.padEnd(width)}  ${what}${skipped}`);
  }
  return lines.join('\n') + '\n';
}
