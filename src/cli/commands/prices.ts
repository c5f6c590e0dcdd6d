// `kplan prices [--region r,…] [--format table|json|markdown] [--prices file]`: the regions of the
// catalogue (complete, partial, none) and, for the chosen regions, every price with its unit,
// as-of date, source and confidence; prices the catalogue lacks are listed as unknown.

import type { Context } from '../main.js';
import { UsageError, usageError, type Issue } from '../../errors.js';
import { loadCatalogue } from '../catalogue.js';
import { checkRegion, REGION_CODES } from '../../prices/regions.js';
import { pricesView } from '../../prices/view.js';
import { renderPrices, type PricesFormat } from '../../render/prices.js';

const FORMATS: readonly PricesFormat[] = ['table', 'json', 'markdown'];

/** The regions of `--region a,b` (`all` = every region); undefined when the flag is absent. */
export function parseRegions(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  const codes = String(value)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (codes.length === 0) throw usageError('bad-flag', '--region needs at least one region code', { expected: 'e.g. us-east-1,eu-west-1 or all' });
  if (codes.includes('all')) return [...REGION_CODES];
  const issues = codes.map((c) => checkRegion(c, '--region')).filter((i): i is Issue => i !== undefined);
  if (issues.length > 0) throw new UsageError(issues);
  return [...new Set(codes)];
}

export async function run(ctx: Context, _args: string[], opts: Record<string, unknown>): Promise<number> {
  const format = (opts.format ?? 'table') as PricesFormat;
  if (!FORMATS.includes(format)) {
    throw usageError('bad-flag', `unknown format \`${String(format)}\``, { expected: FORMATS.join(', ') });
  }
  const regions = parseRegions(opts.region);
  const catalogue = await loadCatalogue(ctx, opts.prices as string | undefined);
  ctx.io.stdout.write(renderPrices(pricesView(catalogue, regions), format, { color: ctx.color && format !== 'json' }));
  return 0;
}
