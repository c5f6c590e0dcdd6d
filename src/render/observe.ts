// Renders `kplan observe`: what was derived from the metrics and the backtest, as a text table, as
// markdown or as JSON. Pure: returns strings; the command writes them.

import { formatIssue } from '../errors.js';
import type { ObserveResult } from '../observe/index.js';
import type { Backtest, BacktestSide, FreshnessSide } from '../observe/backtest.js';
import type { TrafficFigures } from '../observe/derive.js';
import { burstinessYaml } from '../observe/profile-yaml.js';
import { formatUtc } from '../observe/timestamp.js';
import { formatGrouped } from '../units.js';

export type ObserveFormat = 'table' | 'json' | 'markdown';

const g = (x: number, d = 1) => formatGrouped(x, d);
/** A predicted count: whole numbers from 100 up, one decimal below. */
const gp = (x: number) => formatGrouped(x, x >= 100 ? 0 : 1);

function curveSummary(t: TrafficFigures): string {
  const c = t.dailyCurve.value;
  if (!c) return 'flat (not observed)';
  let lo = 0;
  let hi = 0;
  c.forEach((v, h) => {
    if (v < c[lo]!) lo = h;
    if (v > c[hi]!) hi = h;
  });
  return `min ${c[lo]} at ${String(lo).padStart(2, '0')}h UTC · max ${c[hi]} at ${String(hi).padStart(2, '0')}h UTC`;
}

/** The derived figures as [label, value] rows. */
function figureRows(r: ObserveResult): [string, string][] {
  const d = r.derived;
  const rows: [string, string][] = [];
  const t = d.stream ?? d.firehose.find((f) => f.traffic)?.traffic ?? null;
  if (t) {
    rows.push([
      'window',
      `${formatUtc(t.startMs)} – ${formatUtc(t.endMs)} · ${t.periodSeconds} s periods · ${g(t.periods, 0)} with data, ${g(t.missingPeriods, 0)} missing${t.partialLastLeftOut ? ' · partly filled last period left out' : ''}`,
    ]);
    rows.push([
      'records/s',
      `mean ${g(t.recordsPerSecond.value)} · busiest minute ${g(t.peakRecordsPerSecond.value)} (${formatUtc(t.peakRecordsPerSecond.atMs)})${t.periodSeconds > 60 ? ` · between ${g(t.peakRecordsPerSecond.lowerBound)} and ${g(t.peakRecordsPerSecond.upperBound)}` : ''}`,
    ]);
    rows.push(['record size', `${g(t.recordSizeBytes?.value ?? 0, 0)} B (mean)`]);
    const b = burstinessYaml(t.dispersion.value);
    rows.push(['burstiness', b === undefined ? 'not observable (profile default)' : `${b} (a lower bound of the per-second burstiness)`]);
    rows.push(['daily curve', curveSummary(t)]);
  }
  if (d.keys)
    rows.push([
      'partition keys',
      `${d.keys.value.kind === 'random' ? 'random' : `${g(d.keys.value.count, 0)} keys`}${d.keys.hotFactor !== null ? ` (hottest shard ${g(d.keys.hotFactor, 3)}× the mean)` : ' (no shard-level metrics)'}`,
    ]);
  if (d.consumers) rows.push(['consumers', `${d.consumers.value} polling application(s) besides Firehose`]);
  rows.push(['shards', d.shards ? `${d.shards.value} (${d.shards.provenance})` : 'unknown: give --shards N for a backtest']);
  for (const f of d.firehose) rows.push([`firehose ${f.name}`, `${f.source.value}${f.freshness ? ' · DataFreshness observed' : ''}`]);
  return rows;
}

function pad(rows: [string, string][], indent = '  '): string[] {
  const w = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${indent}${k.padEnd(w)}  ${v}`);
}

function sideRows(s: BacktestSide): [string, string][] {
  return [
    ['observed', `${g(s.observedTotal, 0)} ${s.unit} in ${g(s.periodsObserved, 0)} of ${g(s.periods, 0)} periods`],
    ['predicted', `${gp(s.predictedTotal)} ${s.unit} in ${g(s.periodsPredicted, 0)} periods (${g(s.periodsBoth, 0)} in the same periods as observed)`],
    ['verdict', s.verdict.text + (s.verdict.close && s.verdict.kind !== 'none' ? ' (close)' : '')],
  ];
}

function textTable(head: string[], rows: string[][], indent = '    '): string[] {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => indent + cells.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  ');
  return [line(head), ...rows.map(line)];
}

const ratio = (p: number, o: number) => (o > 0 ? `${g(p / o, 2)}×` : p > 0 ? '—' : '');

function sideText(title: string, s: BacktestSide): string[] {
  const out = [`  ${title}  (${s.metric})`, ...pad(sideRows(s), '    ')];
  if (s.days.length > 0) {
    out.push('    per day:');
    out.push(
      ...textTable(
        ['date', 'observed', 'predicted', 'pred/obs'],
        s.days.map((d) => [d.date, g(d.observed, 0), gp(d.predicted), ratio(d.predicted, d.observed)]),
        '      ',
      ),
    );
  }
  if (s.top.length > 0) {
    out.push('    busiest periods:');
    out.push(
      ...textTable(
        ['period', 'records/s', 'observed', 'predicted'],
        s.top.map((r) => [formatUtc(r.atMs), g(r.recordsPerSecond), g(r.observed, 0), gp(r.predicted)]),
        '      ',
      ),
    );
  }
  return out;
}

function freshnessText(f: FreshnessSide): string[] {
  return [
    `  Firehose ${f.name}  (${f.metric})`,
    ...pad(
      [
        ['observed', `mean ${g(f.observedMeanSeconds)} s · max ${g(f.observedMaxSeconds)} s`],
        ['predicted', `mean ${g(f.predictedMeanSeconds)} s · max ${g(f.predictedMaxSeconds)} s (poll + buffer wait at the period's bytes + upload)`],
        ['verdict', f.verdict.text + (f.verdict.close && f.verdict.kind !== 'none' ? ' (close)' : '')],
      ],
      '    ',
    ),
  ];
}

function backtestText(b: Backtest | null): string[] {
  if (!b) return ['Backtest', '  not run: the shard count is unknown (give --shards N, or include shard-level metrics)'];
  const out = [`Backtest  ${b.shards} shards · ${b.periodSeconds} s periods · shard loads: ${b.shardLoads}`];
  if (b.write) out.push(...sideText('write throttling', b.write));
  if (b.read) out.push(...sideText('read throttling', b.read));
  for (const f of b.freshness) out.push(...freshnessText(f));
  out.push('  notes:', ...b.notes.map((n) => `    - ${n}`));
  return out;
}

/** The plain-text report. */
export function renderObserveText(r: ObserveResult, profileFile: string | null): string {
  const out = ['Observed', ...pad(figureRows(r)), ''];
  out.push(...backtestText(r.backtest));
  if (r.warnings.length > 0) {
    out.push('', 'Warnings');
    for (const w of r.warnings)
      out.push(
        ...formatIssue(w)
          .split('\n')
          .map((l) => `  ${l}`),
      );
  }
  if (profileFile) out.push('', `Profile written to ${profileFile} (every figure carries a comment saying where it came from).`);
  return out.join('\n') + '\n';
}

/** The report as YAML comments, appended to the profile when it goes to standard output. */
export function renderObserveComments(r: ObserveResult): string {
  return (
    renderObserveText(r, null)
      .trimEnd()
      .split('\n')
      .map((l) => (l === '' ? '#' : `# ${l}`))
      .join('\n') + '\n'
  );
}

function mdSide(title: string, s: BacktestSide): string[] {
  const out = [`### ${title}`, '', `${s.metric}. **${s.verdict.text}**.`, '', '| | value |', '|---|---|', ...sideRows(s).map(([k, v]) => `| ${k} | ${v} |`), ''];
  if (s.days.length > 0) {
    out.push(
      '| date | observed | predicted | pred/obs |',
      '|---|---:|---:|---:|',
      ...s.days.map((d) => `| ${d.date} | ${g(d.observed, 0)} | ${gp(d.predicted)} | ${ratio(d.predicted, d.observed)} |`),
      '',
    );
  }
  if (s.top.length > 0) {
    out.push(
      '| busiest period | records/s | observed | predicted |',
      '|---|---:|---:|---:|',
      ...s.top.map((x) => `| ${formatUtc(x.atMs)} | ${g(x.recordsPerSecond)} | ${g(x.observed, 0)} | ${gp(x.predicted)} |`),
      '',
    );
  }
  return out;
}

/** Markdown: the figures, the backtest and the profile. */
export function renderObserveMarkdown(r: ObserveResult): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const out = ['## Observed', '', '| figure | value |', '|---|---|', ...figureRows(r).map(([k, v]) => `| ${k} | ${esc(v)} |`), ''];
  out.push('## Backtest', '');
  const b = r.backtest;
  if (!b) out.push('Not run: the shard count is unknown (give `--shards N`, or include shard-level metrics).', '');
  else {
    out.push(`${b.shards} shards, ${b.periodSeconds} s periods; shard loads: ${b.shardLoads}.`, '');
    if (b.write) out.push(...mdSide('Write throttling', b.write));
    if (b.read) out.push(...mdSide('Read throttling', b.read));
    for (const f of b.freshness) {
      out.push(
        `### Firehose ${esc(f.name)}`,
        '',
        `${f.metric}. **${f.verdict.text}**.`,
        '',
        '| | mean | max |',
        '|---|---:|---:|',
        `| observed | ${g(f.observedMeanSeconds)} s | ${g(f.observedMaxSeconds)} s |`,
        `| predicted | ${g(f.predictedMeanSeconds)} s | ${g(f.predictedMaxSeconds)} s |`,
        '',
      );
    }
    out.push(...b.notes.map((n) => `- ${n}`), '');
  }
  if (r.warnings.length > 0) out.push('## Warnings', '', ...r.warnings.map((w) => `- ${esc(formatIssue(w).replace(/\n\s*/g, ' '))}`), '');
  out.push('## Profile', '', '```yaml', r.profileText.trimEnd(), '```');
  return out.join('\n') + '\n';
}

const round = (x: number, d = 10) => (Number.isFinite(x) ? Number(x.toPrecision(d)) : null);

/** JSON: the figures with their provenance, the backtest, the warnings and the profile text. */
export function renderObserveJson(r: ObserveResult): string {
  const d = r.derived;
  const traffic = (t: TrafficFigures | null) =>
    t && {
      period_seconds: t.periodSeconds,
      start: new Date(t.startMs).toISOString(),
      end: new Date(t.endMs).toISOString(),
      periods: t.periods,
      missing_periods: t.missingPeriods,
      partial_last_period_left_out: t.partialLastLeftOut,
      records_per_second: { value: round(t.recordsPerSecond.value), provenance: t.recordsPerSecond.provenance },
      peak_records_per_second: {
        value: round(t.peakRecordsPerSecond.value),
        at: new Date(t.peakRecordsPerSecond.atMs).toISOString(),
        lower_bound: round(t.peakRecordsPerSecond.lowerBound),
        upper_bound: round(t.peakRecordsPerSecond.upperBound),
        provenance: t.peakRecordsPerSecond.provenance,
      },
      record_size_bytes: t.recordSizeBytes && { value: round(t.recordSizeBytes.value), provenance: t.recordSizeBytes.provenance },
      daily_curve: { value: t.dailyCurve.value, provenance: t.dailyCurve.provenance },
      dispersion: { value: t.dispersion.value === null ? null : Number.isFinite(t.dispersion.value) ? round(t.dispersion.value) : 'poisson', provenance: t.dispersion.provenance },
    };
  const side = (s: BacktestSide | null) =>
    s && {
      metric: s.metric,
      unit: s.unit,
      observed_total: round(s.observedTotal),
      predicted_total: round(s.predictedTotal),
      periods: s.periods,
      periods_observed: s.periodsObserved,
      periods_predicted: s.periodsPredicted,
      periods_both: s.periodsBoth,
      verdict: { kind: s.verdict.kind, factor: s.verdict.factor === null ? null : round(s.verdict.factor), close: s.verdict.close, text: s.verdict.text },
      days: s.days.map((x) => ({ date: x.date, observed: round(x.observed), predicted: round(x.predicted) })),
      top: s.top.map((x) => ({ at: new Date(x.atMs).toISOString(), records_per_second: round(x.recordsPerSecond), observed: round(x.observed), predicted: round(x.predicted) })),
    };
  const b = r.backtest;
  const out = {
    stream: d.streamName,
    traffic: traffic(d.stream),
    partition_keys: d.keys && { value: d.keys.value, hot_shard_factor: d.keys.hotFactor === null ? null : round(d.keys.hotFactor), provenance: d.keys.provenance },
    consumers: d.consumers && { value: d.consumers.value, provenance: d.consumers.provenance },
    shards: d.shards && { value: d.shards.value, provenance: d.shards.provenance },
    firehose: d.firehose.map((f) => ({ name: f.name, source: f.source.value, source_provenance: f.source.provenance, traffic: traffic(f.traffic) })),
    backtest: b && {
      shards: b.shards,
      period_seconds: b.periodSeconds,
      shard_loads: b.shardLoads,
      write: side(b.write),
      read: side(b.read),
      freshness: b.freshness.map((f) => ({
        name: f.name,
        metric: f.metric,
        observed_mean_seconds: round(f.observedMeanSeconds),
        observed_max_seconds: round(f.observedMaxSeconds),
        predicted_mean_seconds: round(f.predictedMeanSeconds),
        predicted_max_seconds: round(f.predictedMaxSeconds),
        verdict: { kind: f.verdict.kind, factor: f.verdict.factor === null ? null : round(f.verdict.factor), text: f.verdict.text },
        days: f.days.map((x) => ({ date: x.date, observed: round(x.observed), predicted: round(x.predicted) })),
      })),
      notes: b.notes,
    },
    warnings: r.warnings,
    profile: r.profileText,
  };
  return JSON.stringify(out, null, 2) + '\n';
}
