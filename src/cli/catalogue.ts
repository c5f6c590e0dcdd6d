// Loads the price catalogue a command runs with: `--prices <file>`, else $KPLAN_PRICES, else the
// built-in one. A file is validated and merged over the built-in catalogue, so it only needs the
// prices it changes. All file access goes through ctx.io.

import { isAbsolute, join, resolve } from 'node:path';
import type { Context } from './main.js';
import { usageError, UsageError } from '../errors.js';
import { readBounded } from './read.js';
import { builtinCatalogue, mergeCatalogues, validateCatalogue } from '../prices/catalogue.js';
import type { PriceCatalogue } from '../prices/types.js';

/** Largest price catalogue kplan reads (the built-in one is under 100 KiB). */
export const MAX_CATALOGUE_BYTES = 64 * 1024 * 1024;

/** Reads a file as bytes, bounded while reading; a missing, unreadable, non-file or too large path is a UsageError. */
export async function readInputFile(ctx: Context, file: string, what: string, maxBytes = MAX_CATALOGUE_BYTES): Promise<Uint8Array> {
  return (await readBounded(ctx, file === '-' ? '-' : resolve(ctx.io.cwd, file), { maxBytes, what, display: file })).bytes;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Parses and validates catalogue file text (JSON). `file` names the file in messages. */
export function parseCatalogue(bytes: Uint8Array, file: string): PriceCatalogue {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw usageError('not-utf8', `price catalogue \`${file}\` is not UTF-8 text`, { file });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const at = /position (\d+)/.exec(message);
    const extra: { position?: { line: number; col: number } } = {};
    if (at) {
      const before = text.slice(0, Number(at[1]));
      const lines = before.split('\n');
      extra.position = { line: lines.length, col: (lines[lines.length - 1]?.length ?? 0) + 1 };
    }
    throw usageError('bad-catalogue', `price catalogue is not valid JSON: ${message}`, {
      file,
      ...extra,
      hint: 'a catalogue is the JSON that `kplan prices import` writes (see `kplan prices --format json`)',
    });
  }
  return validateCatalogue(json, file);
}

/** Reads, validates and returns a catalogue file as it is (not merged). */
export async function readCatalogueFile(ctx: Context, file: string): Promise<PriceCatalogue> {
  return parseCatalogue(await readInputFile(ctx, file, 'price catalogue'), file);
}

/**
 * The catalogue to price with: `--prices <file>`, else $KPLAN_PRICES, else the built-in one.
 * A file is merged over the built-in catalogue; its `source` becomes the file name.
 */
export async function loadCatalogue(ctx: Context, pricesOption: string | undefined): Promise<PriceCatalogue> {
  const env = ctx.io.env.KPLAN_PRICES;
  const file = pricesOption ?? (env !== undefined && env !== '' ? env : undefined);
  if (file === undefined) return builtinCatalogue();
  if (file === '') throw usageError('bad-flag', '--prices needs a file name', { expected: 'a price catalogue file' });
  try {
    const merged = mergeCatalogues(builtinCatalogue(), await readCatalogueFile(ctx, file));
    merged.source = file;
    return merged;
  } catch (err) {
    if (err instanceof UsageError && pricesOption === undefined) {
      const why = 'the file is named by $KPLAN_PRICES';
      for (const issue of err.issues) issue.hint = issue.hint ? `${issue.hint}; ${why}` : why;
    }
    throw err;
  }
}

/** Where `kplan prices import` writes without --output: $XDG_CONFIG_HOME/kplan/prices.json, else ~/.config/kplan/prices.json. */
export function defaultCatalogueFile(env: Readonly<Record<string, string | undefined>>): string | undefined {
  // XDG Base Directory spec: a relative $XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = env.XDG_CONFIG_HOME;
  if (xdg && isAbsolute(xdg)) return join(xdg, 'kplan', 'prices.json');
  const home = env.HOME || env.USERPROFILE;
  if (home) return join(home, '.config', 'kplan', 'prices.json');
  return undefined;
}
