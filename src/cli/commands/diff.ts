// kplan diff <base> <head>: what changed between two profiles or two saved JSON reports.

import type { Context } from '../main.js';
import { usageError } from '../../errors.js';
import { diffReports } from '../../model/gate/diff.js';
import { renderDiff, type DiffFormat } from '../../render/diff.js';
import { defaultSource, reportFromFile, type ReportSource } from '../report-file.js';

function diffFormat(value: unknown): DiffFormat {
  if (value === undefined || value === 'table') return 'table';
  if (value === 'json' || value === 'markdown') return value;
  throw usageError('bad-flag', `--format ${String(value)} is not a diff format`, { file: '--format', expected: 'table, json or markdown' });
}

export async function run(ctx: Context, args: string[], opts: Record<string, unknown>, source?: ReportSource): Promise<number> {
  const format = diffFormat(opts.format);
  const [basePath, headPath] = args;
  if (basePath === undefined || headPath === undefined)
    throw usageError('bad-flag', 'kplan diff needs two files: <base> <head>', { hint: 'e.g. kplan diff base.json profiles/x.yaml' });
  if (basePath === '-' && headPath === '-') throw usageError('bad-flag', 'only one of <base> and <head> can be standard input (-)');
  const src = source ?? (await defaultSource());
  // Each side on its own: `--set`, `--region` and `--prices` apply to both.
  const base = await reportFromFile(ctx, basePath, opts, src);
  const head = await reportFromFile(ctx, headPath, opts, src);
  ctx.io.stdout.write(renderDiff(diffReports(base.report, head.report), format, { color: ctx.color }));
  return 0;
}
