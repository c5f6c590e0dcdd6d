// kplan size <profile>: the main job.

import type { Context } from '../main.js';
import { profileFromBytes, parseSeed, readInput } from '../load.js';
import { loadCatalogue } from '../catalogue.js';
import { plan } from '../../model/plan.js';
import { renderReport } from '../../render/index.js';
import { writeOutput } from '../output.js';
import { keyProgress, outputWidth, startProgress } from '../terminal.js';

export async function run(ctx: Context, args: string[], opts: Record<string, unknown>): Promise<number> {
  const seed = parseSeed(opts.seed as string | undefined);
  const set = (opts.set as string[] | undefined) ?? [];
  const regionFlag = opts.region as string | undefined;
  const { bytes, file } = await readInput(ctx, args[0] ?? '-');
  const profile = profileFromBytes(bytes, file, set, regionFlag);
  const catalogue = await loadCatalogue(ctx, opts.prices as string | undefined);
  const explain = opts.explain === true;
  const simulate = opts.simulate === true;
  const bar = startProgress(ctx, 'simulate');
  const risk = { simulate, ...(seed !== undefined ? { seed } : {}) };
  // A long key list (100,000 keys: over a second) shows its hashing and shard-count scans.
  const keys = keyProgress(ctx);
  const report = plan(profile, catalogue, {
    explain,
    risk: { ...risk, ...(simulate ? { onProgress: (done: number, total: number) => bar.update(done, total) } : {}) },
    onKeys: (stage, done, total) => keys.update(stage, done, total),
  });
  keys.end();
  bar.end();
  const format = (opts.format as 'table' | 'json' | 'markdown' | 'html') ?? 'table';
  const text =
    format === 'html'
      ? await (
          await import('../html.js')
        ).htmlPage(ctx, {
          report,
          profile,
          catalogue,
          source: bytes,
          risk,
          data: { command: 'size', file, overrides: set, ...(regionFlag !== undefined ? { regions: profile.regions } : {}) },
        })
      : // No colour codes in a file, whatever the terminal; a file is not bound to the terminal's width.
        await renderReport(report, format, { color: ctx.color && opts.output === undefined, explain, ...(opts.output === undefined ? { width: outputWidth(ctx.io) } : {}) });
  await writeOutput(ctx, opts.output as string | undefined, text);
  return 0;
}
