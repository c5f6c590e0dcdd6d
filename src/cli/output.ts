// Everything kplan writes to stdout and stderr passes guardOutput (src/text/sanitize.ts): no raw
// control character, and no line that a GitHub Actions runner would take for a workflow command.
// Only the annotation writer (`check --format github`) writes its commands past the guard.

import type { Io } from './io.js';
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
