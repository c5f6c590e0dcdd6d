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
  try {
    await ctx.io.writeFileAtomic(resolve(ctx.io.cwd, output), text);
  } catch (err) {
    // A path the user gave that cannot be written is their input, not a kplan bug: exit 2.
    const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : String(err);
    throw usageError('bad-flag', `cannot write --output \`${output}\`: ${code}`, { file: '--output', hint: 'check that the folder exists and can be written' });
  }
}
