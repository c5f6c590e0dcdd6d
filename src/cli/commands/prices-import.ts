// `kplan prices import <file> [--output <catalogue.json>]`: merges an AWS Price List offer file
// (AmazonKinesis, AmazonKinesisFirehose or AmazonS3, JSON or CSV) or a pricing page's data file
// (meteredUnitMaps kinesis, kinesisfirehose, s3 or lambda) into a local catalogue. Everything is read
// and checked before the one atomic write, so a bad offer file leaves the catalogue untouched.

import { resolve } from 'node:path';
import type { Context } from '../main.js';
import { usageError } from '../../errors.js';
import { defaultCatalogueFile, readCatalogueFile, readInputFile } from '../catalogue.js';
import { builtinCatalogue, mergeCatalogues } from '../../prices/catalogue.js';
import { importOfferFile } from '../../prices/import.js';
import { renderImport } from '../../render/prices.js';

/**
 * Largest offer file read. AWS's offer files for these services are tens of MB (a whole-service
 * AmazonS3 file is the largest); the bench imports a 50 MB one in under a second. The limit only
 * stops a device or an endless pipe from being read forever.
 */
export const MAX_OFFER_BYTES = 128 * 1024 * 1024;

const IMPORT_NOTE = 'Prices whose source starts with "AWS Price List" or a meteredUnitMaps URL were imported with `kplan prices import`.';

export async function run(ctx: Context, args: string[], opts: Record<string, unknown>): Promise<number> {
  const file = args[0];
  if (file === undefined || file === '') throw usageError('bad-flag', 'missing the offer file to import', { expected: 'kplan prices import <file>' });
  const output = typeof opts.output === 'string' && opts.output !== '' ? opts.output : defaultCatalogueFile(ctx.io.env);
  if (output === undefined) {
    throw usageError('bad-flag', 'nowhere to write the catalogue: neither XDG_CONFIG_HOME nor HOME is set', { hint: 'give --output <catalogue.json>' });
  }
  const outputPath = resolve(ctx.io.cwd, output);

  const bytes = await readInputFile(ctx, file, 'offer file', MAX_OFFER_BYTES);
  const result = importOfferFile(bytes, file === '-' ? '<stdin>' : file);

  const existing = await ctx.io.stat(outputPath);
  if (existing && !existing.isFile) throw usageError('not-a-file', `cannot write the catalogue to \`${output}\`: it is not a file`, { file: output });
  const base = existing ? await readCatalogueFile(ctx, output) : builtinCatalogue();
  const merged = mergeCatalogues(base, result.catalogue);
  merged.source = output;
  merged.notes = [...(base.notes ?? []).filter((n) => n !== IMPORT_NOTE), IMPORT_NOTE];

  await ctx.io.writeFileAtomic(outputPath, JSON.stringify(merged, null, 2) + '\n');
  ctx.io.stdout.write(renderImport(result, output, { color: ctx.color }));
  for (const w of result.warnings) ctx.io.stderr.write(`warning: ${w}\n`);
  return 0;
}
