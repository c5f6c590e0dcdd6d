// Everything kplan writes to stdout and stderr passes guardOutput (src/text/sanitize.ts): no raw
// control character, and no line that a GitHub Actions runner would take for a workflow command.
// Only the annotation writer (`check --format github`) writes its commands past the guard.

import { resolve } from 'node:path';
import type { Io } from './io.js';
import { usageError } from '../errors.js';
import { guardOutput } from '../text/sanitize.js';

type Stream = Io['stdout'];

function guardStream(stream: Stream, color: boolean): Stream {
  let blank = true;
  const guarded: Stream = {
    write(text: string) {
      stream.write(guardOutput(text, { color }, blank));
      const nl = text.lastIndexOf('\n');
      const tail = nl < 0 ? text : text.slice(nl + 1);
      blank = (nl >= 0 || blank) && /^\s*$/.test(tail);
    },
  };
  if (stream.isTTY !== undefined) guarded.isTTY = stream.isTTY;
  if (stream.columns !== undefined) guarded.columns = stream.columns;
  return guarded;
}

/** The Io commands see: the same files and environment, stdout and stderr behind the guard. */
export function guardIo(io: Io, opts: { color: boolean }): Io {
  return { ...io, stdout: guardStream(io.stdout, opts.color), stderr: guardStream(io.stderr, false) };
}

/**
 * Standard output, or `--output <file>` (the same bytes), written through the one checked writer (a temporary file
 * and a rename; a target that is not a regular file is refused, exit 2; a failed write, exit 3).
 */
export async function writeOutput(ctx: { io: Io }, output: string | undefined, text: string): Promise<void> {
  if (output === undefined) {
    ctx.io.stdout.write(text);
    return;
  }
  if (output === '') throw usageError('bad-flag', '--output needs a file name', { file: '--output' });
  // The same guard as standard output, so a file holds exactly what the terminal would have shown.
  await ctx.io.writeFileAtomic(resolve(ctx.io.cwd, output), guardOutput(text, { color: false }));
}
