// Where `size` and `sweep` put their output: standard output, or the file named by `--output`.

import { resolve } from 'node:path';
import type { Context } from './main.js';
import { usageError } from '../errors.js';

/** Standard output, or `--output <file>` (written whole through a temporary file and a rename). */
export async function writeOutput(ctx: Context, output: string | undefined, text: string): Promise<void> {
  if (output === undefined) {
    ctx.io.stdout.write(text);
    return;
  }
  if (output === '') throw usageError('bad-flag', '--output needs a file name', { file: '--output' });
  await ctx.io.writeFileAtomic(resolve(ctx.io.cwd, output), text);
}
