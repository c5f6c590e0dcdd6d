// kplan sweep <profile> --vary key=from..to[:steps] [--vary …]: what-if over one or two keys.

import type { Context } from '../main.js';
import { readInput, parseRegionFlag, parseSeed } from '../load.js';
import { loadCatalogue } from '../catalogue.js';
import { UsageError, formatIssue, usageError, type Issue } from '../../errors.js';
import { isPrepared, prepareProfile } from '../../profile/parse.js';
import { REGION_CODES } from '../../prices/regions.js';
import { checkAxes, parseVary, runSweep, type SweepResult, type VaryAxis } from '../../model/whatif/sweep.js';
import type { PriceCatalogue } from '../../prices/types.js';
import { profileFromBytes } from '../load.js';
import { writeOutput } from '../output.js';
import { startProgress } from '../terminal.js';

export async function run(ctx: Context, args: string[], opts: Record<string, unknown>): Promise<number> {
  const flags = (opts.vary as string[] | undefined) ?? [];
  const issues: Issue[] = [];
  const axes: VaryAxis[] = [];
  for (const raw of flags) {
    const a = parseVary(raw);
    if ('code' in a) issues.push(a);
    else axes.push(a);
  }
  if (issues.length > 0) throw new UsageError(issues);
  const axisIssue = checkAxes(axes);
  if (axisIssue !== undefined) throw new UsageError([axisIssue]);

  const seed = parseSeed(opts.seed as string | undefined);
  let region: string | undefined;
  if (typeof opts.region === 'string') {
    const codes = parseRegionFlag(opts.region);
    if (codes.length !== 1 || codes[0] === 'all') {
      throw usageError('bad-flag', 'sweep plans one region at a time: give --region a single region code', { file: '--region', found: opts.region });
    }
    region = codes[0];
  }

  const { bytes, file } = await readInput(ctx, args[0] ?? '-');
  const prepared = prepareProfile(bytes, { file, regionCodes: REGION_CODES });
  if (!isPrepared(prepared)) {
    const errors = prepared.issues.filter((i) => i.severity === 'error');
    throw new UsageError(errors.length > 0 ? errors : prepared.issues);
  }
  const catalogue = await loadCatalogue(ctx, opts.prices as string | undefined);
  const bar = startProgress(ctx, 'sweep');
  const outcome = runSweep({
    onPoint: (done, total) => bar.update(done, total),
    prepared,
    set: (opts.set as string[] | undefined) ?? [],
    axes,
    catalogue,
    ...(region !== undefined ? { region } : {}),
    ...(seed !== undefined ? { risk: { seed } } : {}),
  });
  bar.end();
  if (!outcome.ok) throw new UsageError(outcome.issues);
  const result = outcome.result;

  const format = (opts.format as string | undefined) ?? 'table';
  let text: string;
  if (format === 'html') {
    text = await htmlSweep(ctx, { bytes, file, set: (opts.set as string[] | undefined) ?? [], flags, result, catalogue, ...(seed !== undefined ? { seed } : {}) });
  } else if (format === 'json') {
    text = (await import('../../render/sweep-json.js')).renderSweepJson(result);
  } else {
    const render = await import('../../render/sweep.js');
    text = format === 'markdown' ? render.renderSweepMarkdown(result) : render.renderSweepTable(result, { color: ctx.color && opts.output === undefined });
  }
  await writeOutput(ctx, opts.output as string | undefined, text);

  // Invalid points stay in the output, marked; the first one's reasons go to standard error.
  const bad = result.points.find((p) => !p.valid);
  if (bad !== undefined) {
    const where = Object.entries(bad.at)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    ctx.io.stderr.write(
      `kplan: warning: ${result.invalid_points} of ${result.points.length} sweep points are not valid profiles; the first (${where}):\n` +
        (bad.issues ?? []).map(formatIssue).join('\n') +
        '\n',
    );
  }
  return 0;
}

/** The sweep page: the plan of the profile as swept (its `--set` flags, the sweep's region) and the sweep. */
async function htmlSweep(
  ctx: Context,
  a: { bytes: Uint8Array; file: string; set: string[]; flags: string[]; result: SweepResult; catalogue: PriceCatalogue; seed?: number },
): Promise<string> {
  const { plan } = await import('../../model/plan.js');
  const profile = profileFromBytes(a.bytes, a.file, a.set);
  profile.regions = [a.result.region];
  const risk = a.seed !== undefined ? { seed: a.seed } : {};
  const report = plan(profile, a.catalogue, { explain: false, risk });
  return (await import('../html.js')).htmlPage(ctx, {
    report,
    profile,
    catalogue: a.catalogue,
    source: a.bytes,
    risk,
    sweep: a.result,
    data: { command: 'sweep', file: a.file, overrides: a.set, regions: [a.result.region], vary: a.flags },
  });
}
