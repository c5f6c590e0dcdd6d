// The one bounded reader of the CLI: a file, device, FIFO or standard input, read to at most its
// limit + 1 byte, with every failure turned into a located UsageError (exit 2) that says the limit.

import type { Context } from './main.js';
import { usageError } from '../errors.js';
import { formatLocaleNumber } from '../units.js';

/** `1 MiB (1,048,576 bytes)`. */
export function limitText(maxBytes: number): string {
  const units: [number, string][] = [
    [1024 ** 3, 'GiB'],
    [1024 ** 2, 'MiB'],
    [1024, 'KiB'],
  ];
  const grouped = formatLocaleNumber(maxBytes);
  for (const [size, unit] of units) {
    if (maxBytes >= size && maxBytes % size === 0) return `${maxBytes / size} ${unit} (${grouped} bytes)`;
  }
  return `${grouped} bytes`;
}

const article = (what: string) => `${/^[aeiou]/i.test(what) ? 'an' : 'a'} ${what}`;

export interface ReadOptions {
  maxBytes: number;
  /** What the file is, for messages: `profile`, `price catalogue`, `offer file`, `saved report`. */
  what: string;
  /** The name to show in messages (default: the path). */
  display?: string;
}

/**
 * Reads `path` (or standard input for `-`), never more than `maxBytes` + 1 bytes, so `/dev/zero`,
 * `/dev/urandom` and an endless pipe fail at once; over the limit is a `too-large` UsageError.
 */
export async function readBounded(ctx: Context, path: string, opts: ReadOptions): Promise<{ bytes: Uint8Array; file: string }> {
  const { maxBytes, what } = opts;
  const file = path === '-' ? '<stdin>' : (opts.display ?? path);
  const tooLarge = () =>
    usageError('too-large', `${path === '-' ? 'standard input' : file} is larger than the limit of ${limitText(maxBytes)} for ${article(what)}`, {
      file,
      hint: path === '-' ? 'is the right thing piped in?' : `is \`${file}\` the ${what} you meant?`,
    });
  // A regular file over the limit is refused by its size, without reading it.
  if (path !== '-') {
    const st = await ctx.io.stat(path);
    if (st !== undefined && st.isFile && st.size > maxBytes) {
      throw usageError('too-large', `${file} is ${formatLocaleNumber(st.size)} bytes, larger than the limit of ${limitText(maxBytes)} for ${article(what)}`, { file });
    }
  }
  let bytes: Uint8Array;
  try {
    bytes = path === '-' ? await ctx.io.readStdin(maxBytes) : await ctx.io.readFile(path, maxBytes);
  } catch (err) {
    const code = (err as { code?: string }).code;
    const cannot = (why: string) => `cannot read ${what} \`${file}\`: ${why}`;
    if (code === 'ENOENT') throw usageError('file-not-found', cannot('no such file'), { file, hint: 'check the path; use - to read standard input' });
    if (code === 'EISDIR') throw usageError('not-a-file', cannot('it is a folder'), { file });
    if (code === 'ELOOP') throw usageError('unreadable', cannot('a symlink loop (too many levels of symbolic links, ELOOP)'), { file });
    if (code === 'EACCES' || code === 'EPERM') throw usageError('unreadable', cannot(`permission denied (${code})`), { file });
    if (code === 'ENOTDIR') throw usageError('file-not-found', cannot('no such file (a part of the path is not a folder)'), { file });
    throw usageError('unreadable', cannot(code ?? (err instanceof Error ? err.message : String(err))), { file });
  }
  if (bytes.length > maxBytes) throw tooLarge();
  return { bytes, file };
}
