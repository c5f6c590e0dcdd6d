// The body of the HTML page: summary, requirements, utilisation, cost, capacity modes against
// traffic, schedule, Firehose and throttle, each chart with its numbers in a <details> table.
// Pure: it runs in the CLI and, bundled, in the page's live what-if, so both draw the same figures.

import type { CostReport, RegionResult, Report, StreamReport, Warning } from '../../report/types.js';
import type { BreakEven } from '../../model/whatif/breakeven.js';
import type { ScheduleReport } from '../../model/whatif/schedule.js';
import type { SweepResult } from '../../model/whatif/sweep.js';
import type { StreamMode } from '../../profile/types.js';
import {
  BAND_LABEL,
  costHasUnknown,
  costItemLabel,
  formatBytes,
  formatFactor,
  formatFraction,
  formatInt,
  formatNumber,
  formatPercent,
  formatQuantity,
  formatSeconds,
  formatUnitPrice,
  formatUsd,
  formatUsdWithUnknown,
  modeOptions,
  optionMonthly,
  peakText,
  shardsText,
  throttleFacts,
  unknownCostLines,
  utilizationBand,
  utilizationRows,
  UTILIZATION_THRESHOLDS,
  formatCostTotal,
} from '../format.js';
import { knownTotal } from '../../report/cost.js';
import { HOURS_PER_DAY, HOURS_PER_MONTH } from '../../units.js';
import { pairText } from '../schedule.js';
import { axisLabel, shortUsd, SWEEP_MODES } from '../sweep.js';
import type { ModeCurves } from './curves.js';
import { esc } from './escape.js';
import { barChart, figure, lineChart, stackedBars, table, type Series, type StackRow } from './svg.js';

export interface PlanView {
  report: Report;
  curves: ModeCurves;
  sweep?: SweepResult;
}

const MODES: readonly StreamMode[] = ['provisioned', 'on-demand', 'on-demand-advantage'];

function money(region: RegionResult): string {
  return formatCostTotal(region.cost);
}

/** Cents as a number, for the page's machine-readable attributes (what the browser tests compare). */
function cents(n: number): string {
  return (Math.round(n * 100) / 100).toFixed(2);
}

function warningList(warnings: readonly Warning[]): string {
  if (warnings.length === 0) return '';
  return `<ul class="warnings">${warnings.map((w) => `<li><code>${esc(w.code)}</code> ${esc(w.message)}</li>`).join('')}</ul>`;
}

function summary(report: Report): string {
  const rows = report.results.map((r) => {
    const s = r.stream;
    const cheapest = modeOptions(r).find((o) => o.cheapest);
    return (
      `<tr data-region="${esc(r.region)}" data-shards="${s === null ? '' : s.shards}" data-monthly-usd="${cents(knownTotal(r.cost, 'monthly_usd'))}" data-unknown="${costHasUnknown(r.cost)}">` +
      `<th scope="row">${esc(r.region)}</th><td>${esc(s === null ? 'none' : s.mode)}</td>` +
      `<td class="num shards">${s === null ? '—' : esc(s.mode === 'provisioned' ? formatInt(s.shards) : `~${formatInt(s.shards)}`)}</td>` +
      `<td>${s === null ? '—' : `<strong>${esc(s.binding_constraint)}</strong>`}</td>` +
      `<td class="num monthly"><strong>${esc(money(r))}</strong></td>` +
      `<td class="lvl-${esc(s?.throttle.level ?? 'none')}">${esc(s === null ? '—' : s.throttle.level)}</td>` +
      `<td>${cheapest === undefined ? '—' : esc(`${cheapest.mode}${cheapest.current ? ' (current)' : ''}, ${optionMonthly(cheapest)}`)}</td></tr>`
    );
  });
  return (
    `<section id="summary" aria-labelledby="h-summary"><h2 id="h-summary">Summary</h2>` +
    `<table class="summary"><thead><tr><th scope="col">region</th><th scope="col">mode</th><th scope="col" class="num">shards</th><th scope="col">binding constraint</th><th scope="col" class="num">monthly</th><th scope="col">throttle</th><th scope="col">cheapest mode</th></tr></thead><tbody>${rows.join('')}</tbody></table>` +
    warningList(report.warnings ?? []) +
    `</section>`
  );
}

function costLineRows(cost: CostReport): string[][] {
  // Unpriced lines come after, from unknownCostLines, marked as unknown.
  const rows = cost.lines.flatMap((l) =>
    l.monthly_usd === null || l.unit_price_usd === null
      ? []
      : [
          [
            esc(l.service),
            esc(costItemLabel(l)),
            esc(`${formatQuantity(l.quantity)} ${l.unit}`),
            esc(l.tiers !== undefined && l.tiers.length > 1 ? 'tiered' : formatUnitPrice(l.unit_price_usd)),
            esc(formatUsd(l.monthly_usd)),
          ],
        ],
  );
  for (const u of unknownCostLines(cost)) rows.push([esc(u.service), esc(u.label), esc(u.quantity ?? '—'), '<strong>unknown</strong>', '<strong>unknown</strong>']);
  rows.push(['<strong>total</strong>', '', '', '', `<strong>${esc(formatCostTotal(cost))}</strong>`]);
  return rows;
}

/** Cost lines as stacked bars, one per Region; unpriced items drawn as "unknown", never as $0. */
function costSection(report: Report): string {
  const keys: string[] = [];
  const rows: StackRow[] = report.results.map((r) => {
    const parts = r.cost.lines.flatMap((l) => {
      if (l.monthly_usd === null) return [];
      const key = costItemLabel(l);
      if (!keys.includes(key)) keys.push(key);
      return [{ key, value: l.monthly_usd }];
    });
    return { label: r.region, parts, unknown: unknownCostLines(r.cost).length, total: `${money(r)}/month` };
  });
  const tables = report.results
    .map(
      (r) =>
        `<h4>${esc(r.region)}: ${esc(money(r))}/month (${esc(formatCostTotal(r.cost, 'hourly_usd'))}/h)</h4>${table(['service', 'item', 'quantity', 'unit price', 'monthly'], costLineRows(r.cost), [2, 3, 4])}`,
    )
    .join('');
  const unknownNote = report.results.some((r) => costHasUnknown(r.cost))
    ? `<p class="note">Prices the catalogue lacks are shown as <strong>unknown</strong>, never as $0: the totals marked “+ unknown” are lower bounds. Import prices with <code>kplan prices import</code>.</p>`
    : '';
  return (
    `<section id="cost" aria-labelledby="h-cost"><h2 id="h-cost">Cost</h2>` +
    figure(report.results.length > 1 ? 'Monthly cost lines per Region' : 'Monthly cost lines', stackedBars('Monthly cost lines, stacked', rows, keys), tables) +
    unknownNote +
    `</section>`
  );
}

function requirementsFigure(s: StreamReport): string {
  const bars = s.requirements.map((r) => ({
    label: r.constraint,
    value: r.shards,
    text: `${formatInt(r.shards)}${r.constraint === s.binding_constraint ? ' (binding)' : ''}`,
    cls: r.constraint === s.binding_constraint ? 'binding' : 'req',
  }));
  const rows = s.requirements.map((r) => [
    r.constraint === s.binding_constraint ? `<strong>${esc(r.constraint)}</strong> (binding)` : esc(r.constraint),
    esc(formatInt(r.shards)),
    esc(r.detail),
  ]);
  return figure(
    'Shards each constraint requires',
    barChart('Shards each constraint requires; the binding one is marked', bars),
    table(['constraint', 'shards', 'detail'], rows, [1]),
  );
}

function utilisationFigure(s: StreamReport): string {
  const rows = utilizationRows(s);
  const bars = rows.map(([label, share]) => ({ label, value: share, text: `${formatPercent(share)} · ${BAND_LABEL[utilizationBand(share)]}`, cls: utilizationBand(share) }));
  const { watch, hot } = UTILIZATION_THRESHOLDS;
  return figure(
    `Hottest shard at peak against the ${watch * 100}% / ${hot * 100}% bands`,
    barChart('Utilisation of the hottest shard at peak, share of each limit', bars, { max: 1, bands: [watch, hot], limit: 1 }),
    table(
      ['limit', 'share of the limit', 'band'],
      rows.map(([l, v]) => [esc(l), esc(formatPercent(v)), esc(BAND_LABEL[utilizationBand(v)])]),
      [1],
    ),
  );
}

function throttleSection(s: StreamReport): string {
  const t = s.throttle;
  const p50 = typeof t.hot_shard_factor_p50 === 'number' ? t.hot_shard_factor_p50 : undefined;
  const p95 = typeof t.hot_shard_factor_p95 === 'number' ? t.hot_shard_factor_p95 : undefined;
  const bars = [
    { label: 'even spread', value: 1, text: '1.00', cls: 'req' },
    ...(p50 !== undefined ? [{ label: 'hot shard p50', value: p50, text: formatFactor(p50), cls: 'watch' }] : []),
    ...(p95 !== undefined ? [{ label: 'hot shard p95', value: p95, text: formatFactor(p95), cls: 'hot' }] : []),
    { label: 'sized with', value: s.hot_shard_factor, text: formatFactor(s.hot_shard_factor), cls: 'binding' },
  ];
  const facts = throttleFacts(t);
  const unfixable =
    t.unfixable.length > 0
      ? `<h4>What more shards cannot fix</h4><ul class="unfixable">${t.unfixable.map((u) => `<li><strong>${esc(u.kind)}</strong>: ${esc(u.message)} <em>Fix:</em> ${esc(u.fix)}</li>`).join('')}</ul>`
      : '<p>Nothing found that more shards cannot fix.</p>';
  return (
    `<h3>Throttle: <span class="lvl-${esc(t.level)}">${esc(t.level)}</span></h3>` +
    `<p>Per-second risk: the hottest shard is write-throttled in ${esc(formatFraction(t.write_throttled_fraction_at_peak))} of shard-seconds at peak; reads throttled: ${t.read_throttled ? '<strong>yes</strong>' : 'no'}.</p>` +
    figure(
      'Hot-shard factor (busiest shard ÷ average shard)',
      barChart('Hot-shard factor: load of the busiest shard over the average shard', bars),
      table(['fact', 'value'], [['hot-shard factor used for sizing', esc(formatFactor(s.hot_shard_factor))], ...facts.map(([k, v]) => [esc(k), esc(v)])]),
    ) +
    unfixable
  );
}

function modesFigure(region: RegionResult, curves: ModeCurves): string {
  const pts = curves[region.region] ?? [];
  const be = region.break_even as BreakEven | undefined;
  if (pts.length === 0 || be === undefined) return '';
  const series: Series[] = MODES.map((m) => ({
    name: m,
    points: pts.filter((p) => p.monthly_usd[m] !== null).map((p) => ({ x: p.records_per_second, y: p.monthly_usd[m] as number })),
  }));
  const markers = be.pairs.flatMap((p) =>
    p.crossings.map((c) => ({ x: c.records_per_second, label: `${p.pair}: ${formatNumber(Number(c.records_per_second.toPrecision(3)))} records/s` })),
  );
  // The profile's own average: every sample is scale × it.
  const here = pts[0] ? pts[0].records_per_second / pts[0].scale : undefined;
  const chart = lineChart('Monthly Kinesis cost of each capacity mode against average traffic (log axes); dashed lines mark break-even points', series, {
    logX: true,
    logY: true,
    xLabel: 'average records/s (log)',
    yLabel: 'Kinesis $/month (log)',
    tickX: (v) => formatNumber(v),
    tickY: (v) => shortUsd(v),
    markers,
    ...(here !== undefined ? { here: { x: here, label: 'this profile' } } : {}),
  });
  const rows = pts.map((p) => [
    esc(formatNumber(Number(p.records_per_second.toPrecision(4)))),
    ...MODES.map((m) => (p.monthly_usd[m] === null ? 'unknown' : esc(formatUsd(p.monthly_usd[m] as number)))),
  ]);
  const pairs = `<ul>${be.pairs.map((p) => `<li>${esc(p.pair)}: ${esc(pairText(p))}</li>`).join('')}</ul>`;
  return (
    `<h3>Capacity modes against traffic</h3>` +
    figure('Kinesis monthly cost per mode against traffic, with break-even points', chart, table(['records/s', ...MODES], rows, [0, 1, 2, 3])) +
    `<p class="note">Average and peak traffic scaled together; shards sized automatically; Firehose costs the same in every mode and is left out of the curves. Break-even:</p>${pairs}`
  );
}

function scheduleFigure(s: ScheduleReport): string {
  const staticShards = s.strategies.find((x) => x.strategy === 'static')?.shards;
  const hours = s.hours;
  const end = (v: (h: (typeof hours)[number]) => number) => [...hours.map((h) => ({ x: h.hour, y: v(h) })), { x: 24, y: v(hours[hours.length - 1] as (typeof hours)[number]) }];
  const series: Series[] = [
    { name: 'need', points: end((h) => h.need), step: true },
    { name: 'scheduled shards', points: end((h) => h.shards), step: true },
  ];
  if (staticShards !== undefined)
    series.push({
      name: 'static shards',
      points: [
        { x: 0, y: staticShards },
        { x: 24, y: staticShards },
      ],
    });
  const chart = lineChart('Shards needed and run per UTC hour: static against scheduled', series, {
    xLabel: 'hour (UTC)',
    yLabel: 'shards',
    zeroY: true,
    tickX: (v) => String(v),
    tickY: (v) => formatNumber(v),
  });
  const rows = hours.map((h) => [
    esc(String(h.hour).padStart(2, '0')),
    esc(formatNumber(Number(h.records_per_second.toPrecision(4)))),
    esc(String(h.need)),
    esc(String(h.shards)),
    h.change === null ? '' : esc(`${h.change.from} → ${h.change.to}, starts ${h.change.starts_minutes_before} min before`),
  ]);
  const strat = table(
    ['strategy', 'shards', 'per day', 'per month', 'max throttled'],
    s.strategies.map((x) => [
      esc(x.strategy === s.cheapest ? `${x.strategy} (cheapest)` : x.strategy),
      esc(x.shard_hours_per_day === null ? `~${formatInt(x.shards)}` : formatInt(x.shards)),
      esc(x.daily_usd ?? formatUsdWithUnknown(((x.known_monthly_usd ?? 0) * HOURS_PER_DAY) / HOURS_PER_MONTH, x.unknown)),
      esc(x.monthly_usd ?? formatUsdWithUnknown(x.known_monthly_usd ?? 0, x.unknown)),
      esc(x.write_throttled_fraction === null ? '—' : formatFraction(x.write_throttled_fraction)),
    ]),
    [1, 2, 3],
  );
  return (
    `<h3>Daily schedule</h3>` +
    figure('Need and shards per UTC hour', chart, table(['hour', 'records/s', 'need', 'shards', 'change'], rows, [1, 2, 3])) +
    `<p class="note">${esc(s.changes)} change(s) a day; stream cost only.</p>${strat}`
  );
}

function firehoseSection(region: RegionResult): string {
  if (region.firehose.length === 0) return '';
  const bars = region.firehose.map((f) => ({
    label: f.name,
    value: f.flush_seconds,
    text: `${f.flush_trigger} · ${formatSeconds(f.flush_seconds)}`,
    cls: f.flush_trigger === 'size' ? 'watch' : 'req',
  }));
  const rows = region.firehose.map((f) => [
    esc(f.name),
    esc(f.flush_trigger),
    esc(formatSeconds(f.flush_seconds)),
    esc(f.objects_per_day >= 100 ? formatInt(f.objects_per_day) : formatQuantity(f.objects_per_day)),
    esc(formatBytes(f.object_size_bytes)),
    esc(`~${formatSeconds(f.latency_seconds)}`),
  ]);
  const warnings = region.firehose.map((f) => warningList(f.warnings)).join('');
  return (
    `<h3>Firehose</h3>` +
    figure(
      'Flush period per delivery stream',
      barChart('Seconds between flushes per delivery stream, and what triggers the flush', bars),
      table(['delivery stream', 'flush on', 'every', 'objects/day', 'object size', 'latency'], rows, [2, 3, 4, 5]),
    ) +
    table(['delivery stream', 'flush on', 'every', 'objects/day', 'object size', 'latency'], rows, [2, 3, 4, 5]) +
    warnings
  );
}

function alternatives(region: RegionResult): string {
  const options = modeOptions(region);
  if (options.length === 0) return '';
  return table(
    ['mode', 'shards', 'monthly', 'note'],
    options.map((o) => [esc(`${o.mode}${o.cheapest ? ' (cheapest)' : ''}${o.current ? ' (current)' : ''}`), esc(o.shards), esc(optionMonthly(o)), esc(o.note)]),
    [1, 2],
  );
}

function regionSection(region: RegionResult, curves: ModeCurves, index: number): string {
  const s = region.stream;
  const parts = [`<section class="region" aria-labelledby="h-region-${index}"><h2 id="h-region-${index}">${esc(region.region)}</h2>`];
  if (s === null) parts.push('<p>Mode none: Firehose Direct PUT, no Kinesis stream.</p>');
  else {
    parts.push(`<p>${esc(s.mode)} · ${esc(shardsText(s))} · peak ${esc(peakText(s))}</p>`);
    parts.push(`<h3>Requirements</h3>${requirementsFigure(s)}`);
    parts.push(`<h3>Utilisation</h3>${utilisationFigure(s)}`);
  }
  const modes = alternatives(region);
  if (modes !== '') parts.push(`<h3>Capacity modes</h3>${modes}`);
  parts.push(modesFigure(region, curves));
  if (region.schedule !== undefined) parts.push(scheduleFigure(region.schedule as ScheduleReport));
  parts.push(firehoseSection(region));
  if (s !== null) parts.push(throttleSection(s), warningList(s.warnings));
  parts.push('</section>');
  return parts.join('');
}

function sweepSection(sw: SweepResult): string {
  const [a1, a2] = sw.axes;
  if (a1 === undefined) return '';
  const numeric = sw.points.every((p) => typeof p.at[a1.key] === 'number');
  const second = a2 === undefined ? [undefined] : a2.values;
  const seriesCost: Series[] = [];
  const seriesShards: Series[] = [];
  for (const v2 of second) {
    const pts = sw.points.filter((p) => p.valid && (a2 === undefined || p.at[a2.key] === v2));
    const suffix = a2 === undefined || v2 === undefined ? '' : ` at ${a2.key}=${axisLabel(a2, v2)}`;
    const xOf = (p: (typeof pts)[number]) => (numeric ? (p.at[a1.key] as number) : a1.values.indexOf(p.at[a1.key] as string));
    seriesCost.push({
      name: `${sw.mode} $/month${suffix}`,
      points: pts.filter((p) => p.monthly_usd !== null && p.unknown.length === 0).map((p) => ({ x: xOf(p), y: p.monthly_usd as number })),
    });
    seriesShards.push({ name: `shards${suffix}`, points: pts.filter((p) => p.shards !== null).map((p) => ({ x: xOf(p), y: p.shards as number })), step: false });
  }
  const logX = numeric && a1.kind === 'geometric';
  const tickX = (v: number) => (numeric ? axisLabel(a1, v) : String(a1.values[v] ?? ''));
  const cost = lineChart(`Monthly cost (${sw.mode}) against ${a1.key}`, seriesCost.slice(0, 8), { logX, xLabel: a1.key, yLabel: '$/month', tickX, tickY: shortUsd, zeroY: true });
  const shards = lineChart(`Shards against ${a1.key}`, seriesShards.slice(0, 8), { logX, xLabel: a1.key, yLabel: 'shards', tickX, tickY: (v) => formatNumber(v), zeroY: true });
  const head = [...sw.axes.map((a) => a.key), 'shards', 'binding', 'throttle', 'monthly', ...SWEEP_MODES];
  const rows = sw.points.map((p) => [
    ...sw.axes.map((a) => esc(axisLabel(a, p.at[a.key] as number | string))),
    p.valid ? esc(p.shards === null ? '—' : formatInt(p.shards)) : '<em>invalid</em>',
    esc(p.binding_constraint ?? '—'),
    esc(p.throttle_level ?? '—'),
    esc(p.monthly_usd === null ? (p.valid ? formatUsdWithUnknown(p.known_monthly_usd ?? 0, p.unknown) : '—') : formatUsdWithUnknown(p.monthly_usd, p.unknown)),
    ...SWEEP_MODES.map((m) => {
      const x = p.modes[m];
      return x === undefined ? '—' : esc(formatUsdWithUnknown(x.monthly_usd ?? x.known_monthly_usd, x.unknown));
    }),
  ]);
  const numbers = table(head, rows, []);
  return (
    `<section id="sweep" aria-labelledby="h-sweep"><h2 id="h-sweep">Sweep: ${esc(sw.axes.map((a) => a.flag).join(' × '))} in ${esc(sw.region)}</h2>` +
    (sw.invalid_points > 0 ? `<p class="note">${esc(sw.invalid_points)} of ${esc(sw.points.length)} points are not valid profiles (marked invalid in the table).</p>` : '') +
    figure(`Monthly cost against ${a1.key}`, cost, numbers) +
    figure(`Shards against ${a1.key}`, shards, numbers) +
    `</section>`
  );
}

/** The page body for a plan (and a sweep, for `kplan sweep`). */
export function renderPlanView(view: PlanView): string {
  const parts = [];
  if (view.sweep !== undefined) parts.push(sweepSection(view.sweep));
  parts.push(summary(view.report), costSection(view.report));
  view.report.results.forEach((r, i) => parts.push(regionSection(r, view.curves, i)));
  return parts.join('');
}
