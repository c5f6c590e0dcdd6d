// kplan size <profile>: the main job.

import type { Context } from '../main.js';
import { loadProfile, parseSeed } from '../load.js';
import { loadCatalogue } from '../catalogue.js';
import { plan } from '../../model/plan.js';
import { renderReport } from '../../render/index.js';
import { outputWidth, startProgress } from '../terminal.js';

export async function run(ctx: Context, args: string[], opts: Record<string, unknown>): Promise<number> {
  const seed = parseSeed(opts.seed as string | undefined);
  const profile = await loadProfile(ctx, args[0] ?? '-', { set: opts.set as string[], region: opts.region as string | undefined });
  const catalogue = await loadCatalogue(ctx, opts.prices as string | undefined);
  const explain = opts.explain === true;
  const simulate = opts.simulate === true;
  const bar = startProgress(ctx, 'simulate');
  const report = plan(profile, catalogue, {
    explain,
    risk: { simulate, ...(seed !== undefined ? { seed } : {}), ...(simulate ? { onProgress: (done: number, total: number) => bar.update(done, total) } : {}) },
  });
  bar.end();
  const format = (opts.format as 'table' | 'json' | 'markdown') ?? 'table';
  ctx.io.stdout.write(await renderReport(report, format, { color: ctx.color, explain, width: outputWidth(ctx.io) }));
  return 0;
}
