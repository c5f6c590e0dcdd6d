// The JSON view of a sweep, on its own so `--format json` loads no terminal styling (chalk).

import type { SweepResult } from '../model/whatif/sweep.js';

/** The result object as it is, pretty-printed, with a trailing newline. */
export function renderSweepJson(result: SweepResult): string {
  return JSON.stringify(result, null, 2) + '\n';
}
