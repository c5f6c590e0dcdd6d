// Views of `kplan check` verdicts: terminal text, JSON, a pull-request comment, and GitHub Actions
// workflow commands. Pure: each returns a string; the CLI writes it.

import { Chalk } from 'chalk';
import { formatBudgetValue, formatOverage, type CheckSummary, type Verdict } from '../model/gate/budget.js';
import type { ReportDiff } from '../model/gate/diff.js';
import type { Report } from '../report/types.js';
import { formatCostTotal, formatUsd, formatUsdWithUnknown, mdCell, mdCode } from './format.js';
import { formatOneDecimal } from '../units.js';
import { sanitize, sanitizeDeep } from '../text/sanitize.js';

export interface CheckOutput {
  report: Report;
  verdicts: Verdict[];
  summary: CheckSummary;
  /** Baseline against head, when `--baseline` was given. */
  diff?: ReportDiff;
}

const LABEL: Record<Verdict['level'], string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', unknown: 'UNKNOWN', 'n/a': 'N/A' };

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `2 passed, 1 warning, 1 failed`, then unknown and n/a counts when there are any. */
export function summaryText(s: CheckSummary): string {
  const parts = [`${s.passed} passed`, plural(s.warnings, 'warning'), `${s.failed} failed`];
  if (s.unknown > 0) parts.push(`${s.unknown} unknown`);
  if (s.not_applicable > 0) parts.push(`${s.not_applicable} n/a`);
  return parts.join(', ');
}

/** `profiles/x.yaml:42`, `profiles/x.yaml` or `--max-monthly-usd`. */
export function sourceText(v: Verdict): string {
  if (v.file === null) return v.origin;
  return v.line === null ? v.file : `${v.file}:${v.line}`;
}

const pct = (n: number | null) => (n === null ? '' : ` (${formatOneDecimal(n)}%)`);

/**
 * The value of an `unknown` verdict, in the form the other outputs use: a cost's priced part is a
 * lower bound (`≥ $X + unknown (items)`, a missing price is never $0); an increase is not (unpriced
 * lines of the baseline could lower it), so it shows its priced part without `≥`.
 */
function unknownValue(v: Verdict): string {
  const items = v.unknown_items ?? [];
  const cost = v.budget === 'monthly_usd' || v.budget === 'daily_usd' || v.budget === 'hourly_usd';
  if (cost && v.value !== null) return formatUsdWithUnknown(v.value, items);
  const priced = v.value === null ? '—' : formatBudgetValue(v.unit, v.value);
  return `${priced} priced + unknown${items.length > 0 ? ` (${items.join(', ')})` : ''}`;
}

/** The body of one verdict line, without the level word and the source. */
export function verdictDetail(v: Verdict): string {
  const fmt = (n: number | null) => (n === null ? '—' : formatBudgetValue(v.unit, n));
  switch (v.level) {
    case 'pass': {
      const other = v.threshold_level === 'warn' && v.error !== null ? `; error at ${fmt(v.error)}` : '';
      return `${fmt(v.value)} ≤ ${fmt(v.threshold)}${v.threshold_level === 'warn' ? ' (warn)' : ''}${other}`;
    }
    case 'warn': {
      const atLeast = v.unknown_items === undefined ? '' : 'at least ';
      const other = v.error !== null ? `; error at ${fmt(v.error)}` : '';
      return `${atLeast}${fmt(v.value)} > warn ${fmt(v.threshold)}, over by ${atLeast}${formatOverage(v.unit, v.overage ?? 0)}${pct(v.overage_percent)}${other}`;
    }
    case 'fail': {
      // Unknown prices only add cost: the priced part is a lower bound.
      const atLeast = v.unknown_items === undefined ? '' : 'at least ';
      return `${atLeast}${fmt(v.value)} > ${fmt(v.threshold)}, over by ${atLeast}${formatOverage(v.unit, v.overage ?? 0)}${pct(v.overage_percent)}`;
    }
    case 'unknown':
      // The unpriced items are named in the value, which is the whole reason.
      return `${unknownValue(v)} vs ${v.threshold_level} ${fmt(v.threshold)}: cannot be judged${v.unknown_items?.length ? '' : `, ${v.reason ?? 'prices are unknown'}`}${v.blocking ? ' (fails the check)' : ''}`;
    case 'n/a':
      return `not applicable: ${v.reason ?? 'no value'}`;
  }
}

/** One line per verdict and a summary line: `PASS monthly_usd us-east-1: $412.10 ≤ $600.00 (profiles/x.yaml:42)`. */
export function renderCheckText(out: CheckOutput, opts: { color: boolean }): string {
  out = sanitizeDeep(out); // input text made safe to print (src/text/sanitize.ts)
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const paint: Record<Verdict['level'], (s: string) => string> = {
    pass: c.green,
    warn: c.yellow,
    fail: c.red,
    unknown: (s) => s,
    'n/a': c.dim,
  };
  const lines = out.verdicts.map((v) => {
    const word = v.level === 'unknown' ? (v.blocking ? c.red(LABEL.unknown) : c.yellow(LABEL.unknown)) : paint[v.level](LABEL[v.level]);
    return `${word} ${v.budget} ${v.region}: ${verdictDetail(v)} (${sourceText(v)})`;
  });
  const s = out.summary;
  const tail = s.total === 0 ? 'no budgets' : summaryText(s);
  const result = s.exit_code === 0 ? c.green('every error budget holds') : c.red(`${plural(s.blocking, 'error budget')} broken`);
  lines.push(`${tail}: ${result}`);
  return `${lines.join('\n')}\n`;
}

/** `{ verdicts, summary, report }`, never coloured. */
export function renderCheckJson(out: CheckOutput): string {
  const body: Record<string, unknown> = { verdicts: out.verdicts, summary: out.summary, report: out.report };
  if (out.diff !== undefined) body.baseline_diff = out.diff;
  return `${JSON.stringify(body, null, 2)}\n`;
}

function headline(out: CheckOutput): string {
  const s = out.summary;
  const name = mdCell(out.report.profile.name);
  if (s.exit_code === 1) return `## ❌ kplan check: ${plural(s.blocking, 'error budget')} broken — ${name}`;
  if (s.warnings + s.unknown + s.not_applicable > 0) return `## ⚠️ kplan check: error budgets hold, with warnings — ${name}`;
  return `## ✅ kplan check: every budget holds — ${name}`;
}

const ICON: Record<Verdict['level'], string> = { pass: '✅', warn: '⚠️', fail: '❌', unknown: '❓', 'n/a': '➖' };

/** A pull-request comment: headline, verdict table, and each region's key figures. */
export function renderCheckMarkdown(out: CheckOutput): string {
  out = sanitizeDeep(out); // input text made safe to print (src/text/sanitize.ts)
  const lines = [headline(out), ''];
  lines.push(`${summaryText(out.summary)}. Profile ${mdCode(out.report.profile.file)}, prices as of ${mdCell(out.report.prices.as_of)} (${mdCell(out.report.prices.source)}).`, '');
  if (out.verdicts.length > 0) {
    lines.push('| | Budget | Region | Value | Threshold | Over by | Declared |', '|---|---|---|---|---|---|---|');
    for (const v of out.verdicts) {
      const fmt = (n: number | null) => (n === null ? '—' : formatBudgetValue(v.unit, n));
      const value = v.level === 'n/a' ? `n/a: ${v.reason ?? ''}` : v.level === 'unknown' ? unknownValue(v) : fmt(v.value);
      const threshold = v.threshold === null ? '—' : `${fmt(v.threshold)} (${v.threshold_level})`;
      const overBy = v.overage === null ? '—' : `${formatOverage(v.unit, v.overage)}${pct(v.overage_percent)}`;
      lines.push(
        `| ${ICON[v.level]} ${LABEL[v.level]} | ${mdCode(v.budget)} | ${mdCell(v.region)} | ${mdCell(value)} | ${mdCell(threshold)} | ${mdCell(overBy)} | ${mdCode(sourceText(v))} |`,
      );
    }
    lines.push('');
  }
  const unknown = out.verdicts.filter((v) => v.level === 'unknown');
  if (unknown.length > 0) {
    lines.push('Unknown prices make a cost budget impossible to judge: an `error` budget that cannot be judged fails the check, a `warn` budget warns.', '');
    for (const v of unknown) lines.push(`- ${mdCode(v.budget)} in ${mdCell(v.region)}: ${mdCell(v.reason ?? '')}`);
    lines.push('');
  }
  const withBaseline = out.diff !== undefined;
  lines.push('| Region | Mode | Shards | Binding constraint | Throttle | Monthly cost |' + (withBaseline ? ' Change vs baseline |' : ''));
  lines.push('|---|---|---|---|---|---|' + (withBaseline ? '---|' : ''));
  for (const r of out.report.results) {
    const s = r.stream;
    const cells = [
      mdCell(r.region),
      s === null ? 'none' : s.mode,
      s === null ? '—' : String(s.shards),
      s === null ? '—' : mdCell(s.binding_constraint),
      s === null ? '—' : mdCell(s.throttle.level),
      `**${mdCell(formatCostTotal(r.cost))}**`,
    ];
    if (withBaseline) {
      const d = out.diff?.regions.find((x) => x.region === r.region);
      const m = d?.cost.monthly_usd;
      cells.push(d === undefined || m === undefined ? '—' : d.status === 'added' ? 'new region' : m.change === null ? 'unknown' : `${signedUsd(m.change)}${signedPct(m.percent)}`);
    }
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** `+$12.30` / `-$4.00` / `$0.00`. */
export function signedUsd(n: number): string {
  if (n === 0) return formatUsd(0);
  return n > 0 ? `+${formatUsd(n)}` : formatUsd(n);
}

function signedPct(p: number | null): string {
  if (p === null) return '';
  const text = formatOneDecimal(p);
  return ` (${p > 0 ? '+' : ''}${text}%)`;
}

/** Escapes a workflow command's message (GitHub Actions toolkit `escapeData`). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value (GitHub Actions toolkit `escapeProperty`). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * The annotation writer, the only code in kplan that writes GitHub Actions workflow commands:
 * `::error file=…,line=…,col=…,title=kplan budget <name>::<message>` per verdict that is not a pass.
 * Every part comes from the sanitiser and is escaped by GitHub's rules (data: `%`, CR, LF;
 * properties also `:` and `,`), so a profile cannot end a command or start another.
 * `file` is the profile path relative to the repository (null for standard input).
 */
export function githubAnnotations(out: CheckOutput, opts: { file: string | null }): string[] {
  const lines: string[] = [];
  for (const v of out.verdicts) {
    if (v.level === 'pass') continue;
    const command = v.level === 'fail' || (v.level === 'unknown' && v.blocking) ? 'error' : 'warning';
    const props: string[] = [];
    if (opts.file !== null) {
      props.push(`file=${escapeProperty(sanitize(opts.file))}`);
      // A flag's budget has no line: the annotation then marks the whole file.
      if (v.line !== null) props.push(`line=${v.line}`);
      if (v.line !== null && v.column !== null) props.push(`col=${v.column}`);
    }
    props.push(`title=${escapeProperty(sanitize(`kplan budget ${v.budget}`))}`);
    lines.push(`::${command} ${props.join(',')}::${escapeData(sanitize(`${LABEL[v.level]} ${v.message}`))}`);
  }
  return lines;
}

/** The line after the annotations: `kplan check: 2 passed, …: every error budget holds`. */
export function githubSummaryLine(out: CheckOutput): string {
  const s = out.summary;
  return `kplan check: ${s.total === 0 ? 'no budgets' : summaryText(s)}: ${s.exit_code === 0 ? 'every error budget holds' : `${plural(s.blocking, 'error budget')} broken`}`;
}

/** Annotations then the summary line, as `check --format github` prints them. */
export function renderCheckGithub(out: CheckOutput, opts: { file: string | null }): string {
  return `${[...githubAnnotations(out, opts), githubSummaryLine(out)].join('\n')}\n`;
}
