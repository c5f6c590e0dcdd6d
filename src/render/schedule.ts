// The what-if sections of a region: break-even traffic between capacity modes, and the scaling
// schedule of a provisioned stream with a daily curve. Text (for the table view and `sweep`) and
// markdown. Pure: returns lines.

import type { BreakEven, Crossing, PairBreakEven } from '../model/whatif/breakeven.js';
import type { ScheduleReport, StrategyCost } from '../model/whatif/schedule.js';
import { formatBytesPerSecond, formatFraction, formatInt, formatNumber, formatQuantity, formatUsd, mdCell, plainStyle, type Style } from './format.js';
import { HOURS_PER_DAY, HOURS_PER_MONTH, MIB } from '../units.js';

/** Width the text views wrap to. */
const WIDTH = 100;

/** A rate to three significant digits, grouped: 1234567 → "1,230,000". */
export function formatRate3(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return formatNumber(Number(n.toPrecision(3)));
}

function wrapText(text: string, indent: number, hang: number): string[] {
  const width = WIDTH - indent;
  const words = text.split(/\s+/).filter((w) => w !== '');
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const limit = lines.length === 0 ? width : width - hang;
    if (line !== '' && line.length + 1 + w.length > limit) {
      lines.push(line);
      line = w;
    } else line = line === '' ? w : `${line} ${w}`;
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines.map((l, i) => ' '.repeat(indent + (i === 0 ? 0 : hang)) + l);
}

function crossingText(c: Crossing): string {
  const money = Object.values(c.monthly_usd).filter((x): x is number => typeof x === 'number');
  const at = money.length > 0 ? `; ≈ ${formatUsd(money.reduce((a, b) => a + b, 0) / money.length)}/month there` : '';
  return `${c.cheaper_below} is cheaper below ${formatRate3(c.records_per_second)} records/s (${formatBytesPerSecond(c.mib_per_second * MIB)}), ${c.cheaper_above} above${at}`;
}

/** One sentence per pair. */
export function pairText(p: PairBreakEven): string {
  if (p.status === 'unknown') return p.note;
  if (p.status === 'never') return p.cheaper_throughout ? `never within range: ${p.cheaper_throughout} is cheaper throughout` : 'the same cost throughout the range';
  if (p.crossings.length === 1) return crossingText(p.crossings[0] as Crossing);
  // Several crossings (the provisioned staircase): the cheaper mode between each pair of levels.
  const parts = [`${p.crossings[0]?.cheaper_below} below ${formatRate3(p.crossings[0]?.records_per_second ?? 0)} records/s`];
  p.crossings.forEach((c, i) => {
    const next = p.crossings[i + 1];
    parts.push(next === undefined ? `${c.cheaper_above} above` : `${c.cheaper_above} to ${formatRate3(next.records_per_second)}`);
  });
  return `cheaper: ${parts.join(', ')}`;
}

function rangeText(be: BreakEven): string {
  return `${formatRate3(be.range.min_records_per_second)}–${formatRate3(be.range.max_records_per_second)} records/s`;
}

/** The break-even block of the text views. */
export function breakEvenLines(be: BreakEven, style: Style = plainStyle): string[] {
  const out = [style.bold('Break-even') + style.dim(` (average and peak traffic scaled together over ${rangeText(be)}; within ${formatNumber(be.tolerance * 100)}%)`)];
  const labelWidth = Math.max(...be.pairs.map((p) => p.pair.length)) + 2;
  for (const p of be.pairs) {
    const lines = wrapText(pairText(p), 2 + labelWidth, 0);
    const first = lines[0] ?? '';
    out.push(`  ${p.pair.padEnd(labelWidth)}${first.trimStart()}`, ...lines.slice(1));
  }
  return out;
}

/** The break-even block in markdown. */
export function breakEvenMarkdown(be: BreakEven): string[] {
  const out = [`**Break-even** (average and peak traffic scaled together over ${mdCell(rangeText(be))})`, ''];
  for (const p of be.pairs) out.push(`- ${mdCell(p.pair)}: ${mdCell(pairText(p))}`);
  return out;
}

const hh = (h: number): string => String(h).padStart(2, '0');

function strategyRow(s: StrategyCost, cheapest: boolean): string[] {
  const shards = s.shard_hours_per_day === null ? `~${formatInt(s.shards)}` : formatInt(s.shards);
  // Unknown prices: the known part as a lower bound, never $0 (docs/cost.md).
  const known = typeof s.known_monthly_usd === 'number' ? s.known_monthly_usd : (s.monthly_usd ?? 0);
  const money = (n: number | null, knownPart: number): string =>
    n !== null && s.unknown.length === 0 ? formatUsd(n) : knownPart === 0 ? 'unknown' : `≥ ${formatUsd(knownPart)} + unknown`;
  return [
    cheapest ? `${s.strategy} (cheapest)` : s.strategy,
    shards,
    s.shard_hours_per_day === null ? '—' : formatQuantity(s.shard_hours_per_day),
    money(s.daily_usd, (known * HOURS_PER_DAY) / HOURS_PER_MONTH),
    money(s.monthly_usd, known),
    s.write_throttled_fraction === null ? '—' : formatFraction(s.write_throttled_fraction),
  ];
}

const STRATEGY_HEAD = ['strategy', 'shards', 'shard-h/day', 'per day', 'per month', 'max throttled'];

function rulesText(s: ScheduleReport): string {
  return `UpdateShardCount: ≤ ${s.rules.max_changes_per_24h} changes/24 h, ×½–×2 each; scale-ups start ${s.rules.lead_minutes} min early`;
}

/** Pads a small grid of plain cells: first column left, others right. */
function padGrid(rows: string[][], indent: number): string[] {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map(
    (r) =>
      ' '.repeat(indent) +
      r
        .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
  );
}

/** The schedule block of the text views: hour → shards with the changes marked, then the strategies. */
export function scheduleLines(s: ScheduleReport, style: Style = plainStyle, width = WIDTH): string[] {
  const out = [style.bold('Scaling schedule') + style.dim(` (${rulesText(s)})`)];
  const cell = Math.max(2, ...s.hours.map((h) => String(h.need).length), ...s.hours.map((h) => String(h.shards).length)) + 1;
  const perRow = 10 + 24 * cell <= width - 2 ? 24 : 10 + 12 * cell <= width - 2 ? 12 : 6;
  for (let start = 0; start < 24; start += perRow) {
    const hours = s.hours.slice(start, start + perRow);
    const row = (label: string, f: (h: (typeof hours)[number]) => string) => `  ${label.padEnd(10)}${hours.map((h) => f(h).padStart(cell)).join('')}`;
    out.push(style.dim(row('hour UTC', (h) => hh(h.hour))));
    out.push(row('need', (h) => String(h.need)));
    out.push(row('shards', (h) => String(h.shards)));
    out.push(row('change', (h) => (h.change === null ? '' : h.change.to > h.change.from ? '▲' : '▼')).trimEnd());
  }
  const ideal = s.ideal.obeys_rules ? 'every hour at its own need keeps the rules' : `every hour at its own need would take ${s.ideal.changes}`;
  out.push(`  ${s.changes} change(s) a day (▲ up, ▼ down, at the hour); ${ideal}`);
  out.push('');
  const rows = [STRATEGY_HEAD, ...s.strategies.map((x) => strategyRow(x, x.strategy === s.cheapest))];
  const grid = padGrid(rows, 2);
  out.push(style.bold(grid[0] ?? ''), ...grid.slice(1));
  out.push(...wrapText(`Stream cost only; ${s.basis.replace(/; stream cost only.*$/, '')}.`, 2, 0).map((l) => style.dim(l)));
  return out;
}

/** The schedule block in markdown. */
export function scheduleMarkdown(s: ScheduleReport): string[] {
  const out = [`<details><summary>Scaling schedule: ${s.changes} change(s) a day${s.cheapest ? `; cheapest strategy ${s.cheapest}` : ''}</summary>`, ''];
  out.push(`${mdCell(rulesText(s))}.`, '');
  out.push(`| hour UTC | ${s.hours.map((h) => hh(h.hour)).join(' | ')} |`);
  out.push(`|---|${s.hours.map(() => '--:').join('|')}|`);
  out.push(`| need | ${s.hours.map((h) => String(h.need)).join(' | ')} |`);
  out.push(`| shards | ${s.hours.map((h) => (h.change === null ? String(h.shards) : `**${h.shards}**${h.change.to > h.change.from ? '▲' : '▼'}`)).join(' | ')} |`);
  out.push('', `| ${STRATEGY_HEAD.join(' | ')} |`, '|---|--:|--:|--:|--:|--:|');
  for (const x of s.strategies)
    out.push(
      `| ${strategyRow(x, x.strategy === s.cheapest)
        .map(mdCell)
        .join(' | ')} |`,
    );
  out.push('', mdCell(`Stream cost only; ${s.basis.replace(/; stream cost only.*$/, '')}.`), '', '</details>');
  return out;
}
