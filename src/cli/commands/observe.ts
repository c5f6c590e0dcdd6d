// `kplan observe <metrics.json…> [--output profile.yaml] [--shards N] [--format …]`: reads the
// CloudWatch metrics of a live stream (get-metric-data or get-metric-statistics JSON, several files
// merged), writes the profile they imply and backtests the model against what the stream recorded.
// Without --output the profile goes to standard output with the report appended as YAML comments,
// so `kplan observe m.json > p.yaml` gives a profile `kplan size` reads as it is.

import { resolve } from 'node:path';
import type { Context } from '../main.js';
import { usageError } from '../../errors.js';
import { readInput } from '../load.js';
import { observe } from '../../observe/index.js';
import type { MetricsInput } from '../../observe/read.js';
import { renderObserveComments, renderObserveJson, renderObserveMarkdown, renderObserveText } from '../../render/observe.js';
import { MAX_SHARDS } from '../../model/stream/sizing.js';

/** Largest metrics file read: 15 days of 1-minute data for hundreds of shard-level series fits well below. */
export const MAX_METRICS_BYTES = 256 * 1024 * 1024;

function parseShards(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const s = String(value);
  const n = Number(s);
  if (!/^[0-9]{1,6}$/.test(s) || n < 1 || n > MAX_SHARDS) {
    throw usageError('bad-flag', `--shards takes the stream's shard count, a whole number from 1 to ${MAX_SHARDS}`, { file: '--shards', found: s });
  }
  return n;
}

export async function run(ctx: Context, args: string[], opts: Record<string, unknown>): Promise<number> {
  if (args.length === 0) throw usageError('bad-flag', 'missing the metrics file(s) to read', { expected: 'kplan observe <metrics.json…>' });
  if (args.filter((a) => a === '-').length > 1) throw usageError('bad-flag', 'standard input (-) can be read once', { file: '-' });
  const shards = parseShards(opts.shards);
  const format = (opts.format as 'table' | 'json' | 'markdown') ?? 'table';
  const output = typeof opts.output === 'string' && opts.output !== '' ? opts.output : undefined;

  const inputs: MetricsInput[] = [];
  for (const a of args) {
    const { bytes, file } = await readInput(ctx, a, MAX_METRICS_BYTES);
    inputs.push({ file, bytes });
  }
  const result = observe(inputs, shards !== undefined ? { shards } : {});

  if (output !== undefined) {
    const path = resolve(ctx.io.cwd, output);
    const st = await ctx.io.stat(path);
    if (st && !st.isFile) throw usageError('not-a-file', `cannot write the profile to \`${output}\`: it is not a file`, { file: output });
    await ctx.io.writeFileAtomic(path, result.profileText);
  }
  if (format === 'json') ctx.io.stdout.write(renderObserveJson(result));
  else if (format === 'markdown') ctx.io.stdout.write(renderObserveMarkdown(result));
  else if (output !== undefined) ctx.io.stdout.write(renderObserveText(result, output));
  else ctx.io.stdout.write(`${result.profileText}\n${renderObserveComments(result)}`);
  return 0;
}
