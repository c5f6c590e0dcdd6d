// kplan check <profile>: the CI budget gate. Exit 0 when every error budget holds, 1 when one is
// broken (or cannot be judged), 2 for bad input (a UsageError, mapped by main).

import { isAbsolute, relative, resolve } from 'node:path';
import type { Context } from '../main.js';
import type { Budget, BudgetName } from '../../profile/types.js';
import { usageError } from '../../errors.js';
import { judge, requireBaseline, summarize } from '../../model/gate/budget.js';
import { diffReports } from '../../model/gate/diff.js';
import { githubAnnotations, githubSummaryLine, renderCheckJson, renderCheckMarkdown, renderCheckText, type CheckOutput } from '../../render/check.js';
import { MAX_REPORT_BYTES, defaultSource, reportFromFile, type ReportSource } from '../report-file.js';

/** The `--max-…` flags: each adds an error-level budget. */
export const BUDGET_FLAGS: readonly { flag: string; key: string; budget: BudgetName }[] = [
  { flag: '--max-monthly-usd', key: 'maxMonthlyUsd', budget: 'monthly_usd' },
  { flag: '--max-daily-usd', key: 'maxDailyUsd', budget: 'daily_usd' },
  { flag: '--max-hourly-usd', key: 'maxHourlyUsd', budget: 'hourly_usd' },
  { flag: '--max-shards', key: 'maxShards', budget: 'shards' },
  { flag: '--max-throttle-rate', key: 'maxThrottleRate', budget: 'throttle_rate' },
  { flag: '--max-utilization', key: 'maxUtilization', budget: 'utilization' },
  { flag: '--max-latency-seconds', key: 'maxLatencySeconds', budget: 'latency_seconds' },
  { flag: '--max-objects-per-day', key: 'maxObjectsPerDay', budget: 'objects_per_day' },
  { flag: '--max-monthly-usd-increase', key: 'maxMonthlyUsdIncrease', budget: 'monthly_usd_increase' },
  { flag: '--max-monthly-usd-increase-percent', key: 'maxMonthlyUsdIncreasePercent', budget: 'monthly_usd_increase_percent' },
];

const POSITIVE = /^\+?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** A flag's threshold: a positive decimal number, else a UsageError (exit 2). */
export function parsePositive(flag: string, text: string): number {
  const trimmed = text.trim();
  const n = POSITIVE.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!Number.isFinite(n) || n <= 0) {
    throw usageError('bad-flag', `${flag} takes a positive number, found \`${text}\``, {
      file: flag,
      expected: 'a number greater than 0, e.g. 600 or 0.001',
      found: text,
      ...(/^\$/.test(trimmed) ? { hint: 'leave out the currency sign: amounts are in USD' } : {}),
    });
  }
  return n;
}

/** Error-level budgets from the `--max-…` flags, in flag order. */
export function budgetsFromFlags(opts: Record<string, unknown>): Budget[] {
  const budgets: Budget[] = [];
  for (const f of BUDGET_FLAGS) {
    const raw = opts[f.key];
    if (raw === undefined) continue;
    budgets.push({ name: f.budget, warn: null, error: parsePositive(f.flag, String(raw)), position: null, origin: f.flag });
  }
  return budgets;
}

/** The profile path as GitHub wants it in an annotation: relative to the workspace, `/`-separated. */
export function annotationFile(file: string, cwd: string, workspace: string | undefined): string | null {
  if (file === '<stdin>') return null;
  if (workspace !== undefined && workspace !== '') {
    const rel = relative(resolve(workspace), isAbsolute(file) ? file : resolve(cwd, file));
    if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) return rel.replace(/\\/g, '/');
  }
  return file.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

type CheckFormat = 'text' | 'json' | 'markdown' | 'github';

function checkFormat(value: unknown): CheckFormat {
  if (value === undefined || value === 'text' || value === 'table') return 'text';
  if (value === 'json' || value === 'markdown' || value === 'github') return value;
  throw usageError('bad-flag', `--format ${String(value)} is not a check format`, { file: '--format', expected: 'text, table, json, markdown or github' });
}

export async function run(ctx: Context, args: string[], opts: Record<string, unknown>, source?: ReportSource): Promise<number> {
  // Flags first: a typo in a threshold fails before any work.
  const flagBudgets = budgetsFromFlags(opts);
  const format = checkFormat(opts.format);
  const src = source ?? (await defaultSource());
  const path = args[0] ?? '-';
  const baselinePath = opts.baseline as string | undefined;
  if (path === '-' && baselinePath === '-') throw usageError('bad-flag', 'the profile and --baseline cannot both be standard input', { file: '--baseline' });

  const { bytes, file } = await src.readInput(ctx, path, MAX_REPORT_BYTES);
  const profile = src.profileFromBytes(bytes, file, (opts.set as string[] | undefined) ?? [], opts.region as string | undefined);
  const budgets = [...profile.budgets, ...flagBudgets];
  if (budgets.length === 0) {
    throw usageError('missing-key', `${file} declares no budgets and no --max-… flag was given: there is nothing to check`, {
      file,
      path: 'budgets',
      hint: 'add `budgets:` to the profile (e.g. `monthly_usd: { warn: 500, error: 1000 }`) or pass a flag such as --max-monthly-usd 1000',
    });
  }
  requireBaseline(budgets, baselinePath !== undefined, file);
  const baseline = baselinePath === undefined ? undefined : (await reportFromFile(ctx, baselinePath, opts, src)).report;

  const report = await src.computeReport(ctx, profile, opts);
  const verdicts = judge(report, budgets, baseline);
  const out: CheckOutput = { report, verdicts, summary: summarize(verdicts), ...(baseline !== undefined ? { diff: diffReports(baseline, report) } : {}) };

  if (format === 'text') ctx.io.stdout.write(renderCheckText(out, { color: ctx.color }));
  else if (format === 'json') ctx.io.stdout.write(renderCheckJson(out));
  else if (format === 'markdown') ctx.io.stdout.write(renderCheckMarkdown(out));
  else {
    // Workflow commands only from the annotation writer, past the output guard; the rest through it.
    const annotations = githubAnnotations(out, { file: annotationFile(file, ctx.io.cwd, ctx.io.env.GITHUB_WORKSPACE) });
    if (annotations.length > 0) (ctx.annotate ?? ((t: string) => ctx.io.stdout.write(t)))(`${annotations.join('\n')}\n`);
    ctx.io.stdout.write(`${githubSummaryLine(out)}\n`);
    const summaryFile = ctx.io.env.GITHUB_STEP_SUMMARY;
    if (summaryFile !== undefined && summaryFile !== '') {
      try {
        await ctx.io.appendFile(summaryFile, `${renderCheckMarkdown(out)}\n`);
      } catch (err) {
        // The verdict stands even when the job summary cannot be written.
        const code = (err as { code?: string }).code ?? String(err);
        ctx.io.stderr.write(`kplan: warning: cannot append to $GITHUB_STEP_SUMMARY (${summaryFile}): ${code}\n`);
      }
    }
  }
  return out.summary.exit_code;
}
