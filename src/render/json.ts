// The JSON view: the report object as it is. No rounding and no colour, so CI scripts read the model's numbers.

import type { Report } from '../report/types.js';

/** Renders the report as pretty-printed JSON with a trailing newline. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
