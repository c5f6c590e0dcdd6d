// Views of a report diff: terminal table, JSON and markdown. Pure: each returns a string.

import { Chalk } from 'chalk';
import { BOX_CHARS, layoutTable } from './grid.js';
import { formatBudgetValue, type BudgetUnit } from '../model/gate/budget.js';
import type { DiffStatus, NumberChange, RegionDiff, ReportDiff, TextChange } from '../model/gate/diff.js';
import { mdCell } from './format.js';
import { formatOneDecimal } from '../units.js';
import { sanitizeDeep } from '../text/sanitize.js';

export type DiffFormat = 'table' | 'json' | 'markdown';

/** One row of a region's comparison, before layout. */
export interface DiffRow {
  label: string;
  base: string;
  head: string;
  change: string;
  percent: string;
  /** Cost went up (`up`) or down (`down`): red or green in the terminal. */
  tone: 'up' | 'down' | null;
  strong?: boolean;
}

function value(unit: BudgetUnit, n: number | null): string {
  return n === null ? '—' : formatBudgetValue(unit, n);
}

/** `+$21.90`, `-2`, `$0.00`, `0`. */
export function signed(unit: BudgetUnit, n: number): string {
  if (n === 0) return formatBudgetValue(unit, 0);
  const text = formatBudgetValue(unit, n);
  return n > 0 ? `+${text}` : text;
}

/** `+50%`, `-12.5%`, `0%`, or empty when there is no base to compare with. */
export function signedPercent(p: number | null): string {
  if (p === null) return '';
  if (p === 0) return '0%';
  return `${p > 0 ? '+' : ''}${formatOneDecimal(p)}%`;
}

function numberRow(label: string, unit: BudgetUnit, c: NumberChange, opts: { money?: boolean; status?: DiffStatus; strong?: boolean } = {}): DiffRow {
  const status = opts.status;
  const percent = status === 'added' || status === 'removed' ? status : signedPercent(c.percent);
  // A null money figure on a side that is there is an unpriced cost, not an absent one.
  const side = (n: number | null, absent: boolean) => (n === null && opts.money === true && !absent ? 'unknown' : value(unit, n));
  const change = c.change;
  return {
    label,
    base: side(c.base, status === 'added'),
    head: side(c.head, status === 'removed'),
    change: change === null ? (opts.money === true ? 'unknown' : '') : c.base === null && c.head === null ? '' : signed(unit, change),
    percent,
    tone: opts.money === true && change !== null && change !== 0 ? (change > 0 ? 'up' : 'down') : null,
    ...(opts.strong ? { strong: true } : {}),
  };
}

function textRow(label: string, c: TextChange): DiffRow {
  return { label, base: c.base ?? '—', head: c.head ?? '—', change: c.changed ? 'changed' : '', percent: '', tone: null };
}

/** The rows of one region: stream, Firehose, every cost line, totals and unknown prices. */
export function regionRows(r: RegionDiff): DiffRow[] {
  const rows: DiffRow[] = [
    textRow('mode', r.mode),
    numberRow('shards', 'count', r.shards),
    textRow('binding constraint', r.binding_constraint),
    textRow('throttle level', r.throttle_level),
    numberRow('write throttled fraction at peak', 'fraction', r.write_throttled_fraction),
  ];
  for (const f of r.firehose) {
    rows.push(numberRow(`firehose ${f.name}: objects/day`, 'count', f.objects_per_day, { status: f.status }));
    rows.push(numberRow(`firehose ${f.name}: latency`, 'seconds', f.latency_seconds, { status: f.status }));
  }
  for (const l of r.cost.lines) {
    const label = `${l.service} ${l.item}${l.resource === null ? '' : ` (${l.resource})`}`;
    rows.push(numberRow(label, 'usd', l.monthly_usd, { money: true, status: l.status }));
  }
  rows.push(numberRow('hourly', 'usd', r.cost.hourly_usd, { money: true }));
  rows.push(numberRow('daily', 'usd', r.cost.daily_usd, { money: true }));
  rows.push(numberRow('monthly', 'usd', r.cost.monthly_usd, { money: true, strong: true }));
  const u = r.cost.unknown;
  if (u.base.length + u.head.length > 0) {
    const change = [...u.added.map((i) => `+${i}`), ...u.removed.map((i) => `-${i}`)].join(', ');
    rows.push({ label: 'unknown prices', base: u.base.join(', ') || '—', head: u.head.join(', ') || '—', change, percent: '', tone: null });
  }
  return rows;
}

function regionTitle(r: RegionDiff): string {
  if (r.status === 'added') return `${r.region}: added (only in head)`;
  if (r.status === 'removed') return `${r.region}: removed (only in base)`;
  return `${r.region}: ${r.status}`;
}

function sideText(d: ReportDiff, which: 'base' | 'head'): string {
  const s = d[which];
  return `${s.profile.name} (${s.profile.file})`;
}

function totalText(d: ReportDiff): string {
  const t = d.totals.monthly_usd;
  const side = (n: number | null, unknown: boolean) => (n === null ? 'unknown' : `${value('usd', n)}${unknown ? ' + unknown' : ''}`);
  const pct = signedPercent(t.percent);
  const change = t.change === null ? 'change unknown' : signed('usd', t.change);
  return `monthly total, all regions: ${side(t.base, d.totals.base_unknown)} → ${side(t.head, d.totals.head_unknown)}, ${change}${pct === '' ? '' : ` (${pct})`}`;
}

/** The terminal view: one table per region, then the total. */
export function renderDiffTable(d: ReportDiff, opts: { color: boolean }): string {
  d = sanitizeDeep(d); // input text made safe to print (src/text/sanitize.ts)
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const out: string[] = [`kplan diff: ${sideText(d, 'base')} → ${sideText(d, 'head')}`];
  if (d.base.prices.as_of !== d.head.prices.as_of || d.base.prices.source !== d.head.prices.source) {
    out.push(`prices: ${d.base.prices.as_of} (${d.base.prices.source}) → ${d.head.prices.as_of} (${d.head.prices.source})`);
  }
  for (const r of d.regions) {
    out.push('', c.bold(regionTitle(r)));
    const rows = regionRows(r).map((row) => {
      const paint = row.tone === 'up' ? c.red : row.tone === 'down' ? c.green : (s: string) => s;
      const strong = row.strong === true ? c.bold : (s: string) => s;
      return [strong(row.label), strong(row.base), strong(row.head), paint(row.change), paint(row.percent)];
    });
    out.push(
      layoutTable(['', 'base', 'head', 'change', '%'], rows, {
        chars: BOX_CHARS,
        padding: 1,
        compact: true,
        colAligns: ['left', 'right', 'right', 'right', 'right'],
        wordWrap: false,
      }),
    );
  }
  if (d.regions.length === 0) out.push('', 'no regions on either side');
  out.push('', totalText(d));
  return `${out.join('\n')}\n`;
}

/** The report diff as JSON. */
export function renderDiffJson(d: ReportDiff): string {
  return `${JSON.stringify(d, null, 2)}\n`;
}

/** A pull-request view: the total first, one table per region. */
export function renderDiffMarkdown(d: ReportDiff): string {
  d = sanitizeDeep(d); // input text made safe to print (src/text/sanitize.ts)
  const out: string[] = [`### kplan diff: ${mdCell(sideText(d, 'base'))} → ${mdCell(sideText(d, 'head'))}`, '', `**${mdCell(totalText(d))}**`];
  for (const r of d.regions) {
    out.push('', `#### ${mdCell(regionTitle(r))}`, '', '| | base | head | change | % |', '|---|--:|--:|--:|--:|');
    for (const row of regionRows(r)) {
      const cells = [row.label, row.base, row.head, row.change, row.percent].map(mdCell);
      out.push(`| ${(row.strong === true ? cells.map((x) => (x === '' ? x : `**${x}**`)) : cells).join(' | ')} |`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** Renders a diff in the given format; the string ends with a newline. */
export function renderDiff(d: ReportDiff, format: DiffFormat, opts: { color: boolean }): string {
  if (format === 'json') return renderDiffJson(d);
  if (format === 'markdown') return renderDiffMarkdown(d);
  return renderDiffTable(d, opts);
}
