// The terminal view of a report, laid out for 100 columns. Colour is an option decided by the CLI:
// chalk is instantiated per call at level 1 or 0, never the global instance that reads the environment.

import { makeStyle } from './style.js';
import { layoutGrid, type Align } from './grid.js';
import type { CostReport, RegionResult, Report, StreamReport, Warning } from '../report/types.js';
import { renderExplainText } from './explain.js';
import { breakEvenLines, scheduleLines } from './schedule.js';
import type { BreakEven } from '../model/whatif/breakeven.js';
import type { ScheduleReport } from '../model/whatif/schedule.js';
import {
  BAND_LABEL,
  modeOptions,
  optionMonthly,
  colorByBand,
  colorThrottleLevel,
  costHasUnknown,
  costItemLabel,
  firehoseCadence,
  firehoseS3Text,
  firehoseTransformText,
  formatFraction,
  formatInt,
  formatFactor,
  formatQuantity,
  formatUnitPrice,
  formatUsd,
  formatCostTotal,
  formatPercent,
  peakText,
  rankRegions,
  scalarExtras,
  shardCount,
  shardsText,
  THROTTLE_KNOWN_FIELDS,
  consumerRows,
  throttleFacts,
  unknownCostLines,
  utilizationBand,
  utilizationRows,
  UTILIZATION_THRESHOLDS,
  type Style,
} from './format.js';
import { sanitizeDeep } from '../text/sanitize.js';

/** Width of the report when the CLI gives none (not a terminal and no COLUMNS). */
export const TABLE_WIDTH = 100;
/** Narrowest width laid out; below it lines simply run over. */
export const MIN_TABLE_WIDTH = 40;

// The width of the report being rendered, set by renderTable for the duration of one call: the
// helpers below read it instead of threading it through every function. Rendering stays a pure
// function of (report, options).
let reportWidth = TABLE_WIDTH;
const LABEL_WIDTH = 27;

/** Word-wraps plain text to the report width with a hanging indent; `lead` is printed before the first line. */
function wrap(text: string, indent: number, lead = '', leadWidth = lead.length): string[] {
  const width = Math.max(20, reportWidth - indent);
  const words = text.split(/\s+/).filter((w) => w !== '');
  const lines: string[] = [];
  let line = '';
  let lineWidth = leadWidth;
  for (const word of words) {
    if (line !== '' && lineWidth + 1 + word.length > width) {
      lines.push(line);
      line = word;
      lineWidth = leadWidth + word.length;
    } else {
      lineWidth += (line === '' ? 0 : 1) + word.length;
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  const pad = ' '.repeat(indent);
  return lines.map((l, i) => (i === 0 ? `${pad}${lead}${l}` : `${pad}${' '.repeat(leadWidth)}${l}`));
}

/** "  label   value" with a fixed label column; long values wrap under the value column. */
function field(label: string, value: string, style: Style): string {
  return `  ${style.dim(label.padEnd(LABEL_WIDTH - 2))}${value}`;
}

/** A field whose plain value may be long: wrapped first, then `decorate` styles the first line. */
function wrappedField(label: string, value: string, style: Style, decorate: (line: string) => string = (l) => l): string[] {
  const lines = wrap(value, LABEL_WIDTH);
  return lines.map((l, i) => {
    const text = l.slice(LABEL_WIDTH);
    return i === 0 ? field(label, decorate(text), style) : `${' '.repeat(LABEL_WIDTH)}${text}`;
  });
}

type GridCell = string;

const ANSI = /\x1b\[[0-9;]*m/g;

/** Widest line of a column, ignoring colour codes. */
function naturalWidth(cells: GridCell[]): number {
  let width = 0;
  for (const cell of cells) {
    for (const line of cell.replace(ANSI, '').split('\n')) width = Math.max(width, line.length);
  }
  return width;
}

/**
 * Lays out rows (grid.ts) and indents them by two spaces. The `flex` column gets what the others leave of the report width
 * and wraps; `footer` rows come after a second rule, for totals.
 */
function grid(head: string[], rows: GridCell[][], style: Style, options: { flex?: number; colAligns?: Align[]; footer?: GridCell[][] } = {}): string {
  const footer = options.footer ?? [];
  const all = [head, ...rows, ...footer];
  const widths = head.map((_, i) => naturalWidth(all.map((r) => r[i] ?? '')));
  if (options.flex !== undefined) {
    const gaps = 2 * (head.length - 1) + 2;
    const others = widths.reduce((sum, w, i) => (i === options.flex ? sum : sum + w), 0);
    const flexWidth = widths[options.flex] ?? 0;
    widths[options.flex] = Math.max(16, Math.min(flexWidth, reportWidth - gaps - others));
  }
  const body = [...rows, ...footer];
  const lines = layoutGrid(
    head.map((h) => style.bold(h)),
    body,
    widths,
    options.colAligns,
  ).split('\n');
  const rule = lines[1] ?? '';
  // Footer cells are short single lines, so the last `footer.length` lines are the footer.
  if (footer.length > 0) lines.splice(lines.length - footer.length, 0, rule);
  return lines.map((l) => `  ${l}`.trimEnd()).join('\n');
}

function warningLines(warnings: readonly Warning[], style: Style, indent: number): string[] {
  const out: string[] = [];
  for (const w of warnings) {
    const lead = `! ${w.code}: `;
    const lines = wrap(w.message, indent, lead);
    const first = lines[0] ?? '';
    out.push(first.replace(lead, style.yellow(lead)), ...lines.slice(1));
  }
  return out;
}

function renderStream(stream: StreamReport | null, style: Style): string[] {
  const out: string[] = [style.bold('Stream')];
  if (stream === null) {
    out.push(field('mode', 'none — Firehose Direct PUT, no Kinesis stream', style));
    return out;
  }
  out.push(field('mode', stream.mode, style));
  out.push(field('shards', shardsText(stream), style));
  const binding = stream.requirements.find((r) => r.constraint === stream.binding_constraint);
  const name = stream.binding_constraint;
  out.push(...wrappedField('binding constraint', binding ? `${name} — ${binding.detail}` : name, style, (l) => (l.startsWith(name) ? style.bold(name) + l.slice(name.length) : l)));
  out.push(...wrappedField('peak', peakText(stream), style));
  out.push(field('hot-shard factor', formatFactor(stream.hot_shard_factor), style));
  if (stream.requirements.length > 0) {
    out.push('');
    const rows = stream.requirements.map((r) => {
      const isBinding = r.constraint === stream.binding_constraint;
      return [isBinding ? style.bold(`${r.constraint} ◀ binding`) : r.constraint, isBinding ? style.bold(formatInt(r.shards)) : formatInt(r.shards), r.detail];
    });
    out.push(grid(['constraint', 'shards', 'detail'], rows, style, { flex: 2, colAligns: ['left', 'right', 'left'] }));
  }
  out.push('');
  const watch = `${UTILIZATION_THRESHOLDS.watch * 100}%`;
  const hot = `${UTILIZATION_THRESHOLDS.hot * 100}%`;
  out.push(`  Utilisation at peak, hottest shard ${style.dim(`(green < ${watch}, yellow < ${hot}, red ≥ ${hot})`)}`);
  const utilRows = utilizationRows(stream).map(([label, share]) => {
    const band = utilizationBand(share);
    return [label, colorByBand(style, band, formatPercent(share)), colorByBand(style, band, BAND_LABEL[band])];
  });
  out.push(grid(['limit', 'share', 'band'], utilRows, style, { colAligns: ['left', 'right', 'left'] }));
  return out;
}

function renderThrottle(stream: StreamReport, style: Style): string[] {
  const t = stream.throttle;
  const out: string[] = [style.bold('Throttle')];
  out.push(field('level', colorThrottleLevel(style, t.level, style.bold(t.level)), style));
  out.push(...wrappedField('write throttled at peak', `${formatFraction(t.write_throttled_fraction_at_peak)} of shard-seconds, hottest shard`, style));
  out.push(field('read throttled', t.read_throttled ? style.red('yes') : 'no', style));
  for (const [key, value] of throttleFacts(t)) out.push(...wrappedField(key, value, style));
  for (const [key, value] of scalarExtras(t, THROTTLE_KNOWN_FIELDS)) out.push(...wrappedField(key, value, style));
  for (const u of t.unfixable) {
    const lead = `! ${u.kind}: `;
    const lines = wrap(u.message, 2, lead);
    out.push((lines[0] ?? '').replace(lead, style.red(lead)), ...lines.slice(1));
    out.push(...wrap(u.fix, 2 + lead.length, 'fix: '));
  }
  return out;
}

function renderConsumers(stream: StreamReport, style: Style): string[] {
  const rows = consumerRows(stream);
  if (rows.length === 0) return [];
  return [
    style.bold('Consumers') + style.dim(' (reads from the hottest shard at average traffic)'),
    grid(['consumer', 'reads', 'GetRecords', 'per shard', 'catch-up'], rows, style, { flex: 4 }),
  ];
}

function renderFirehose(region: RegionResult, style: Style): string[] {
  if (region.firehose.length === 0) return [];
  const out: string[] = [style.bold('Firehose')];
  for (const fh of region.firehose) {
    out.push(`  ${style.bold(fh.name)}`);
    out.push(...wrap(firehoseCadence(fh), 4));
    for (const extra of [firehoseTransformText(fh), firehoseS3Text(fh)]) if (extra !== null) out.push(...wrap(extra, 4));
    out.push(...warningLines(fh.warnings, style, 4));
  }
  return out;
}

function renderCost(cost: CostReport, style: Style): string[] {
  const unknown = costHasUnknown(cost);
  const out: string[] = [style.bold('Cost') + style.dim(' (month = 730 h)')];
  const rows: GridCell[][] = [];
  for (const line of cost.lines) {
    // Unpriced lines are listed after the priced ones, below.
    if (line.monthly_usd === null || line.unit_price_usd === null) continue;
    const tiered = line.tiers !== undefined && line.tiers.length > 1;
    rows.push([
      costItemLabel(line),
      `${formatQuantity(line.quantity)} ${line.unit}`,
      tiered ? 'tiered:' : `× ${formatUnitPrice(line.unit_price_usd)}`,
      formatUsd(line.monthly_usd),
    ]);
    if (tiered && line.tiers) {
      line.tiers.forEach((tier, i) => {
        rows.push([
          style.dim(`  tier ${i + 1}`),
          style.dim(`${formatQuantity(tier.quantity)} ${line.unit}`),
          style.dim(`× ${formatUnitPrice(tier.unit_price_usd)}`),
          style.dim(formatUsd(tier.monthly_usd)),
        ]);
      });
    }
  }
  const unknownRows = unknownCostLines(cost);
  for (const u of unknownRows) {
    rows.push([u.label, u.quantity ?? '—', style.red('× price unknown'), style.red(style.bold('UNKNOWN'))]);
  }
  // The unknown items are the UNKNOWN rows above and the note below: the cells say "≥ $X + unknown".
  const money = (key: 'monthly_usd' | 'daily_usd' | 'hourly_usd'): string => formatCostTotal(cost, key, { items: false });
  out.push(
    grid(['item', 'quantity', 'unit price', 'monthly'], rows, style, {
      flex: 0,
      colAligns: ['left', 'right', 'left', 'right'],
      footer: [
        [style.bold('total per month'), '', '', style.bold(money('monthly_usd'))],
        ['per day', '', '', money('daily_usd')],
        ['per hour', '', '', money('hourly_usd')],
      ],
    }),
  );
  if (unknown) {
    const names = unknownRows.map((u) => u.item).join(', ');
    const lines = wrap(
      `No price in the catalogue for ${names} in this region: the total leaves them out and is a lower bound. Import prices with \`kplan prices import\`.`,
      2,
      '! ',
    );
    out.push((lines[0] ?? '').replace('! ', style.red('! ')), ...lines.slice(1));
  }
  return out;
}

function renderAlternatives(region: RegionResult, style: Style): string[] {
  const options = modeOptions(region);
  if (options.length === 0) return [];
  const rows = options.map((o) => {
    const tags = [o.cheapest ? 'cheapest' : '', o.current ? 'current' : ''].filter((t) => t !== '');
    const mode = tags.length > 0 ? `${o.mode} (${tags.join(', ')})` : o.mode;
    return [o.cheapest ? style.green(style.bold(mode)) : mode, o.shards, o.cheapest ? style.green(optionMonthly(o, { items: false })) : optionMonthly(o, { items: false }), o.note];
  });
  const out: string[] = [style.bold('Alternatives')];
  out.push(grid(['mode', 'shards', 'monthly', 'note'], rows, style, { flex: 3, colAligns: ['left', 'right', 'right', 'left'] }));
  const cheapest = options.find((o) => o.cheapest);
  out.push(
    cheapest
      ? `  cheapest: ${style.green(style.bold(cheapest.mode))}${cheapest.current ? ' (the current mode)' : ''} at ${optionMonthly(cheapest)}/month`
      : `  cheapest: ${style.yellow('cannot tell, some prices are unknown')}`,
  );
  return out;
}

function renderRegion(region: RegionResult, style: Style, explain: boolean): string {
  const title = `══ ${region.region} `;
  const blocks: string[][] = [[style.bold(style.cyan(title.padEnd(reportWidth, '═')))]];
  blocks.push(renderStream(region.stream, style));
  if (region.stream !== null) blocks.push(renderThrottle(region.stream, style));
  if (region.stream !== null) blocks.push(renderConsumers(region.stream, style));
  blocks.push(renderFirehose(region, style));
  blocks.push(renderCost(region.cost, style));
  blocks.push(renderAlternatives(region, style));
  if (region.break_even !== undefined) blocks.push(breakEvenLines(region.break_even as BreakEven, style));
  if (region.schedule !== undefined) blocks.push(scheduleLines(region.schedule as ScheduleReport, style, reportWidth));
  if (region.stream !== null && region.stream.warnings.length > 0) {
    blocks.push([style.bold('Warnings'), ...warningLines(region.stream.warnings, style, 2)]);
  }
  let text = blocks
    .filter((b) => b.length > 0)
    .map((b) => b.join('\n'))
    .join('\n\n');
  text += '\n';
  if (explain) {
    const block = renderExplainText(region.explain, style);
    if (block !== '') text += `\n${block}`;
  }
  return text;
}

function renderRanking(report: Report, style: Style): string {
  const ranked = rankRegions(report.results);
  const rows = ranked.map((r) => {
    const label =
      r.label === 'cheapest'
        ? style.green(style.bold('cheapest'))
        : r.label === 'most expensive'
          ? style.red('most expensive')
          : r.label === 'incomplete'
            ? style.red('incomplete: some prices unknown')
            : '';
    const stream = r.result.stream;
    return [
      r.rank === null ? '—' : String(r.rank),
      r.result.region,
      stream === null ? 'none' : stream.mode,
      stream === null ? '—' : shardCount(stream),
      formatCostTotal(r.result.cost, 'monthly_usd', { items: false }),
      label,
    ];
  });
  return [
    style.bold('Regions by monthly cost'),
    grid(['#', 'region', 'mode', 'shards', 'monthly', ''], rows, style, {
      colAligns: ['right', 'left', 'left', 'right', 'right', 'left'],
    }),
  ].join('\n');
}

/** Renders the report for a terminal; plain text when `color` is false. */
export function renderTable(report: Report, opts: { color: boolean; explain: boolean; width?: number }): string {
  report = sanitizeDeep(report); // input text made safe to print (src/text/sanitize.ts)
  reportWidth = Math.max(MIN_TABLE_WIDTH, Math.floor(opts.width ?? TABLE_WIDTH));
  try {
    return fitLines(renderTableAt(report, opts), reportWidth);
  } finally {
    reportWidth = TABLE_WIDTH;
  }
}

/**
 * Wraps any line still wider than the report (a long field value, a warning, an explanation) at
 * word boundaries: continuation lines hang under the value column of a `label   value` field,
 * else under the line's own indent + 2.
 */
export function fitLines(text: string, width: number): string {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const plain = line.replace(ANSI, '');
    if (plain.length <= width) {
      out.push(line);
      continue;
    }
    // A rule under a column head: cut it.
    if (/^[\s\u2500]+$/.test(plain)) {
      out.push(plain.slice(0, width).replace(/\s+$/, ''));
      continue;
    }
    const lead = /^\s*/.exec(plain)?.[0].length ?? 0;
    const isField = /^ {2}\S/.test(plain) && plain.length > LABEL_WIDTH && /\S {2,}$|\S $/.test(plain.slice(0, LABEL_WIDTH)) && plain[LABEL_WIDTH] !== ' ';
    const hang = Math.min(isField ? LABEL_WIDTH : lead + 2, Math.floor(width / 2));
    // Words longer than a line (a URL) are cut into pieces that fit.
    const room = Math.max(10, width - hang);
    const words = line.split(/(?<=\S) (?=\S)/).flatMap((word) => {
      const bare = word.replace(ANSI, '');
      if (bare.length <= room || bare.length !== word.length) return [word];
      const pieces: string[] = [];
      for (let i = 0; i < word.length; i += room) pieces.push(word.slice(i, i + room));
      return pieces;
    });
    let cur = '';
    let curWidth = 0;
    for (const word of words) {
      const w = word.replace(ANSI, '').length;
      if (cur !== '' && curWidth + 1 + w > width) {
        out.push(cur.replace(/\s+$/, ''));
        cur = ' '.repeat(hang) + word.replace(/^\s+/, '');
        curWidth = hang + word.replace(ANSI, '').replace(/^\s+/, '').length;
      } else {
        cur = cur === '' ? word : `${cur} ${word}`;
        curWidth += (curWidth === 0 ? 0 : 1) + w;
      }
    }
    out.push(cur);
  }
  return out.join('\n');
}

function renderTableAt(report: Report, opts: { color: boolean; explain: boolean }): string {
  const style = makeStyle(opts.color);
  const parts: string[] = [];
  parts.push(
    `${style.bold(`kplan size · ${report.profile.name}`)}\n${style.dim(`file ${report.profile.file} · prices as of ${report.prices.as_of} (${report.prices.source}) · kplan ${report.kplan_version}`)}\n`,
  );
  for (const region of report.results) parts.push(renderRegion(region, style, opts.explain));
  if (report.results.length > 1) parts.push(`${renderRanking(report, style)}\n`);
  if (report.warnings !== undefined && report.warnings.length > 0) {
    parts.push(`${[style.bold('Report warnings'), ...warningLines(report.warnings, style, 2)].join('\n')}\n`);
  }
  return parts.join('\n');
}
