// Views of a sweep: a table (one row per point, one block per second-axis value), a terminal chart of
// monthly cost per mode against the first axis, markdown, and JSON. Pure: returns strings.

import { makeStyle } from './style.js';
import type { StreamMode } from '../profile/types.js';
import type { SweepPoint, SweepResult, SweepAxisReport } from '../model/whatif/sweep.js';
import { formatBytes, formatFraction, formatInt, formatNumber, formatSeconds, formatUsd, mdCell, mdCode, plainStyle, type Style } from './format.js';
import { breakEvenLines, breakEvenMarkdown } from './schedule.js';
import { sanitizeDeep } from '../text/sanitize.js';

export const SWEEP_MODES: readonly StreamMode[] = ['provisioned', 'on-demand', 'on-demand-advantage'];
const MODE_HEAD: Record<StreamMode, string> = { provisioned: 'provisioned', 'on-demand': 'on-demand', 'on-demand-advantage': 'advantage' };
const MODE_SYMBOL: Record<StreamMode, string> = { provisioned: 'P', 'on-demand': 'O', 'on-demand-advantage': 'A' };

/** Charts drawn for a two-axis sweep (one per second-axis value, the first ones). */
export const MAX_CHARTS = 3;

/** An axis value for people: sizes and durations with units, numbers grouped. */
export function axisLabel(axis: Pick<SweepAxisReport, 'unit'>, value: number | string): string {
  if (typeof value === 'string') return value;
  if (axis.unit === 'bytes') return formatBytes(value);
  if (axis.unit === 'seconds') return formatSeconds(value);
  return formatNumber(value);
}

/** A short money label for chart gutters: "$1.2k", "$35", "$0.40". */
export function shortUsd(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e6) return `$${Number((n / 1e6).toPrecision(3))}M`;
  if (abs >= 1e4) return `$${Number((n / 1e3).toPrecision(3))}k`;
  if (abs >= 100) return `$${Math.round(n)}`;
  return `$${n.toFixed(2)}`;
}

function modeMoney(p: SweepPoint, mode: StreamMode): string {
  const m = p.modes[mode];
  if (m === undefined) return '—';
  if (m.monthly_usd === null || m.unknown.length > 0) return m.known_monthly_usd === 0 ? 'unknown' : `≥${formatUsd(m.known_monthly_usd)}+?`;
  return formatUsd(m.monthly_usd);
}

function changeText(p: SweepPoint): string {
  return p.changes.map((c) => (c.what === 'binding-constraint' ? `◆ binding → ${c.to ?? '—'}` : `◆ cheapest → ${c.to ?? 'unknown'}`)).join(', ');
}

function invalidText(p: SweepPoint): string {
  const first = p.issues?.[0];
  return `invalid: ${first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : 'not a valid profile'}`;
}

const ANSI = /\x1b\[[0-9;]*m/g;
const visible = (s: string): number => s.replace(ANSI, '').length;

/** Lays out rows in columns two spaces apart; `right` columns are right-aligned; the last column is free. */
function columns(head: string[], rows: string[][], right: boolean[], style: Style): string[] {
  const widths = head.map((h, i) => Math.max(visible(h), ...rows.map((r) => visible(r[i] ?? ''))));
  const line = (cells: string[]) =>
    '  ' +
    cells
      .map((c, i) => {
        const pad = ' '.repeat(Math.max(0, (widths[i] ?? 0) - visible(c)));
        if (i === cells.length - 1) return right[i] ? pad + c : c;
        return right[i] ? pad + c : c + pad;
      })
      .join('  ')
      .trimEnd();
  return [style.bold(line(head)), '  ' + widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)];
}

/** Blocks of points: one per second-axis value (one block for a single axis). */
export function blocks(result: SweepResult): { title: string | null; points: SweepPoint[] }[] {
  const first = result.axes[0] as SweepAxisReport;
  const second = result.axes[1];
  const n = first.values.length;
  const out: { title: string | null; points: SweepPoint[] }[] = [];
  for (let i = 0; i * n < result.points.length; i++) {
    const v = second?.values[i];
    out.push({ title: second !== undefined && v !== undefined ? `${second.key} = ${axisLabel(second, v)}` : null, points: result.points.slice(i * n, i * n + n) });
  }
  return out;
}

function hasStream(result: SweepResult): boolean {
  return result.mode !== 'none';
}

function tableRows(result: SweepResult, points: SweepPoint[], style: Style): { head: string[]; rows: string[][]; right: boolean[] } {
  const first = result.axes[0] as SweepAxisReport;
  const stream = hasStream(result);
  const head = [first.key, ...(stream ? ['shards', 'binding', 'throttle', 'throttled', ...SWEEP_MODES.map((m) => MODE_HEAD[m]), 'cheapest'] : ['monthly']), 'change'];
  const right = [true, ...(stream ? [true, false, false, true, true, true, true, false] : [true]), false];
  const rows = points.map((p) => {
    const x = axisLabel(first, p.at[first.key] ?? '');
    if (!p.valid) return [x, style.red(invalidText(p))];
    const mark = p.changes.length > 0 ? style.yellow(changeText(p)) : '';
    if (!stream) return [x, p.monthly_usd === null || p.unknown.length > 0 ? `≥${formatUsd(p.known_monthly_usd ?? 0)}+?` : formatUsd(p.monthly_usd), mark];
    const cheap = p.cheapest_mode;
    return [
      x,
      p.shards === null ? '—' : result.mode === 'provisioned' ? formatInt(p.shards) : `~${formatInt(p.shards)}`,
      p.binding_constraint ?? '—',
      p.throttle_level ?? '—',
      p.write_throttled_fraction === null ? '—' : formatFraction(p.write_throttled_fraction).replace(/ \(.*\)$/, ''),
      ...SWEEP_MODES.map((m) => (m === cheap ? style.green(modeMoney(p, m)) : modeMoney(p, m))),
      cheap ?? 'unknown',
      mark,
    ];
  });
  return { head, rows, right };
}

function axisSummary(a: SweepAxisReport): string {
  const n = a.values.length;
  const ends = a.kind === 'list' ? a.values.map((v) => axisLabel(a, v)).join(', ') : `${axisLabel(a, a.values[0] ?? '')} → ${axisLabel(a, a.values[n - 1] ?? '')}`;
  const follows = a.follows.map((f) => `; ${f.key} follows (× ${formatNumber(Number(f.ratio.toPrecision(4)))})`).join('');
  return `${a.key}: ${ends} (${formatInt(n)} point${n === 1 ? '' : 's'}, ${a.kind})${follows}`;
}

// ---- the chart ----

export interface ChartOptions {
  width?: number;
  height?: number;
}

/**
 * Monthly cost per mode against the first axis, in plain characters. The x axis is logarithmic for
 * a geometric axis; the y axis when the costs span more than 30×. Capital letters are points,
 * small letters fill the columns between them; `*` is where series overlap. The marker row shows
 * B (binding constraint changes), C (cheapest mode changes), * (both) and X (a break-even, when
 * the axis is the traffic). Longer than 80 lines because the plot, the marker row and the axis
 * labels all place by the same column and row scales (`col`, `row`), computed once at the top.
 */
export function renderChart(result: SweepResult, points: SweepPoint[], style: Style = plainStyle, options: ChartOptions = {}): string[] {
  const axis = result.axes[0] as SweepAxisReport;
  const width = options.width ?? 64;
  const height = options.height ?? 12;
  const modes = SWEEP_MODES.filter((m) => points.some((p) => p.valid && p.modes[m] !== undefined && p.modes[m]!.unknown.length === 0));
  const valid = points.filter((p) => p.valid);
  if (valid.length === 0 || modes.length === 0) return [style.dim('  (nothing to chart: no point has every price known)')];

  const numeric = axis.unit !== null && points.every((p) => typeof p.at[axis.key] === 'number');
  const xs = points.map((p, i) => (numeric ? (p.at[axis.key] as number) : i));
  const logX = numeric && axis.kind === 'geometric' && xs.every((x) => x > 0);
  const tx = (x: number) => (logX ? Math.log10(x) : x);
  const xMin = Math.min(...xs.map(tx));
  const xMax = Math.max(...xs.map(tx));
  const col = (x: number) => (xMax === xMin ? 0 : Math.round(((tx(x) - xMin) / (xMax - xMin)) * (width - 1)));

  const ys: number[] = [];
  for (const p of valid)
    for (const m of modes) {
      const v = p.modes[m];
      if (v !== undefined && v.monthly_usd !== null && v.unknown.length === 0) ys.push(v.monthly_usd);
    }
  let yMin = Math.min(...ys);
  let yMax = Math.max(...ys);
  const logY = yMin > 0 && yMax / yMin > 30;
  const ty = (y: number) => (logY ? Math.log10(y) : y);
  if (!logY) yMin = Math.min(0, yMin);
  if (yMax === yMin) yMax = yMin + 1;
  const row = (y: number) => height - 1 - Math.round(((ty(y) - ty(yMin)) / (ty(yMax) - ty(yMin))) * (height - 1));

  const grid: string[][] = Array.from({ length: height }, () => new Array<string>(width).fill(' '));
  const put = (r: number, c: number, ch: string, point: boolean) => {
    const line = grid[r] as string[];
    const cur = line[c] as string;
    if (!point) {
      if (cur === ' ') line[c] = ch;
    } else if (cur === ' ' || cur === cur.toLowerCase()) line[c] = cur === '*' ? '*' : ch;
    else if (cur !== ch) line[c] = '*';
  };
  for (const m of modes) {
    const series = points
      .map((p, i) => ({ x: xs[i] as number, v: p.valid ? p.modes[m] : undefined }))
      .filter(
        (s): s is { x: number; v: NonNullable<SweepPoint['modes'][StreamMode]> & { monthly_usd: number } } =>
          s.v !== undefined && s.v.monthly_usd !== null && s.v.unknown.length === 0,
      );
    // Fill between consecutive points first, then the points themselves on top.
    for (let i = 1; i < series.length; i++) {
      const a = series[i - 1]!;
      const b = series[i]!;
      const ca = col(a.x);
      const cb = col(b.x);
      for (let c = Math.min(ca, cb) + 1; c < Math.max(ca, cb); c++) {
        const f = (c - ca) / (cb - ca);
        const y = logY ? Math.pow(10, ty(a.v.monthly_usd) + f * (ty(b.v.monthly_usd) - ty(a.v.monthly_usd))) : a.v.monthly_usd + f * (b.v.monthly_usd - a.v.monthly_usd);
        put(row(y), c, MODE_SYMBOL[m].toLowerCase(), false);
      }
    }
    for (const s of series) put(row(s.v.monthly_usd), col(s.x), MODE_SYMBOL[m], true);
  }

  // Markers under the axis.
  const markers = new Array<string>(width).fill(' ');
  points.forEach((p, i) => {
    if (p.changes.length === 0) return;
    const c = col(xs[i] as number);
    const kinds = new Set(p.changes.map((x) => (x.what === 'binding-constraint' ? 'B' : 'C')));
    markers[c] = kinds.size > 1 || (markers[c] !== ' ' && markers[c] !== [...kinds][0]) ? '*' : ([...kinds][0] as string);
  });
  if (axis.key === 'traffic.records_per_second' && numeric && result.break_even) {
    for (const pair of result.break_even.pairs)
      for (const c of pair.crossings) {
        const x = c.records_per_second;
        if (x >= Math.min(...xs) && x <= Math.max(...xs)) markers[col(x)] = 'X';
      }
  }

  const labels = [shortUsd(yMax), shortUsd(logY ? Math.pow(10, (ty(yMax) + ty(yMin)) / 2) : (yMax + yMin) / 2), shortUsd(yMin)];
  const gutter = Math.max(...labels.map((l) => l.length)) + 1;
  const out: string[] = [];
  for (let r = 0; r < height; r++) {
    const label = r === 0 ? labels[0] : r === Math.floor((height - 1) / 2) ? labels[1] : r === height - 1 ? labels[2] : '';
    out.push(`  ${(label ?? '').padStart(gutter)} │${(grid[r] as string[]).join('').trimEnd()}`);
  }
  out.push(`  ${' '.repeat(gutter)} └${'─'.repeat(width)}`);
  const markerLine = markers.join('').trimEnd();
  if (markerLine !== '') out.push(`  ${' '.repeat(gutter)}  ${style.yellow(markerLine)}`);
  const left = axisLabel(axis, points[0]?.at[axis.key] ?? '');
  const right = axisLabel(axis, points[points.length - 1]?.at[axis.key] ?? '');
  const mid = `${axis.key}${logX ? ' (log)' : ''}`;
  const span = width - left.length - right.length;
  const midPad = Math.max(1, Math.floor((span - mid.length) / 2));
  out.push(`  ${' '.repeat(gutter)}  ${left}${' '.repeat(midPad)}${mid}${' '.repeat(Math.max(1, span - midPad - mid.length))}${right}`);
  const legend = modes.map((m) => `${MODE_SYMBOL[m]} ${m}`).join('  ');
  const unknownModes = SWEEP_MODES.filter((m) => !modes.includes(m) && points.some((p) => p.modes[m] !== undefined));
  out.push(
    style.dim(
      `  ${legend}  · monthly cost${logY ? ' (log)' : ''}; B binding changes, C cheapest changes, * both${markerLine.includes('X') ? ', X break-even' : ''}` +
        (unknownModes.length > 0 ? `; not charted (prices unknown): ${unknownModes.join(', ')}` : ''),
    ),
  );
  return out;
}

// ---- the views ----

function header(result: SweepResult, style: Style): string[] {
  return [
    style.bold(`kplan sweep · ${result.profile.name} · ${result.region} · ${result.mode}`),
    style.dim(`file ${result.profile.file} · prices as of ${result.prices.as_of} (${result.prices.source}) · kplan ${result.kplan_version}`),
    ...result.axes.map((a, i) => `${i === 0 ? 'vary' : 'and '} ${axisSummary(a)}`),
  ];
}

function footerNotes(result: SweepResult): string[] {
  const notes: string[] = [];
  if (result.invalid_points > 0) notes.push(`${result.invalid_points} of ${result.points.length} points are not valid profiles (marked invalid)`);
  if (hasStream(result)) notes.push('monthly cost per mode includes Firehose; +? = some prices unknown; ◆ marks a change from the row above');
  return notes;
}

/** The terminal view. */
export function renderSweepTable(result: SweepResult, opts: { color: boolean }): string {
  result = sanitizeDeep(result); // input text made safe to print (src/text/sanitize.ts)
  const style = makeStyle(opts.color);
  const parts: string[] = [header(result, style).join('\n')];
  const bs = blocks(result);
  bs.forEach((b, i) => {
    const lines: string[] = [];
    if (b.title !== null) lines.push(style.bold(style.cyan(`── ${b.title} `.padEnd(60, '─'))));
    const t = tableRows(result, b.points, style);
    lines.push(...columns(t.head, t.rows, t.right, style));
    if (hasStream(result) && i < MAX_CHARTS) lines.push('', ...renderChart(result, b.points, style));
    parts.push(lines.join('\n'));
  });
  if (bs.length > MAX_CHARTS && hasStream(result)) parts.push(style.dim(`(charts for the first ${MAX_CHARTS} of ${bs.length} blocks)`));
  if (result.break_even) parts.push(breakEvenLines(result.break_even, style).join('\n'));
  const notes = footerNotes(result);
  if (notes.length > 0) parts.push(notes.map((n) => style.dim(n)).join('\n'));
  return parts.join('\n\n') + '\n';
}

/** The pull-request view. */
export function renderSweepMarkdown(result: SweepResult): string {
  result = sanitizeDeep(result); // input text made safe to print (src/text/sanitize.ts)
  const parts: string[] = [
    `### kplan sweep: ${mdCell(result.profile.name)} · ${mdCell(result.region)} · ${result.mode}`,
    `${mdCode(result.profile.file)} · prices as of ${mdCell(result.prices.as_of)} (${mdCell(result.prices.source)}) · kplan ${mdCell(result.kplan_version)}`,
    result.axes.map((a) => `- ${mdCell(axisSummary(a))}`).join('\n'),
  ];
  for (const b of blocks(result).map((b, i) => ({ ...b, i }))) {
    const lines: string[] = [];
    if (b.title !== null) lines.push(`#### ${mdCell(b.title)}`, '');
    const t = tableRows(result, b.points, plainStyle);
    lines.push(`| ${t.head.map(mdCell).join(' | ')} |`, `|${t.right.map((r) => (r ? '--:' : '---')).join('|')}|`);
    for (const r of t.rows) {
      const cells = r.length < t.head.length ? [...r, ...new Array<string>(t.head.length - r.length).fill('')] : r;
      lines.push(`| ${cells.map(mdCell).join(' | ')} |`);
    }
    if (hasStream(result) && b.i < MAX_CHARTS) lines.push('', '```text', ...renderChart(result, b.points, plainStyle), '```');
    parts.push(lines.join('\n'));
  }
  if (result.break_even) parts.push(breakEvenMarkdown(result.break_even).join('\n'));
  const notes = footerNotes(result);
  if (notes.length > 0) parts.push(notes.map((n) => `_${mdCell(n)}_`).join('\n\n'));
  return parts.join('\n\n') + '\n';
}
