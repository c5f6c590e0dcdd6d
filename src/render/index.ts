// Renderer registry. Each format is imported only when asked for, so `--format json` never loads
// chalk or the table layout (startup time matters in CI loops and `sweep`).

import type { Report } from '../report/types.js';

export type Format = 'table' | 'json' | 'markdown';

export const FORMATS: readonly Format[] = ['table', 'json', 'markdown'];

export interface RenderOptions {
  /** Decided by the CLI from the terminal, NO_COLOR, FORCE_COLOR and --no-color; only the table uses it. */
  color: boolean;
  /** Append each region's formulas (table and markdown; JSON carries `explain` only if the model set it). */
  explain: boolean;
  /** Terminal width for the table (the CLI decides: TTY columns, then COLUMNS, then 100). */
  width?: number;
}

type Renderer = (report: Report, opts: RenderOptions) => string;

const renderers: Record<Format, () => Promise<Renderer>> = {
  json: async () => {
    const { renderJson } = await import('./json.js');
    return (report) => renderJson(report);
  },
  table: async () => (await import('./table.js')).renderTable,
  markdown: async () => (await import('./markdown.js')).renderMarkdown,
};

/** Renders a report in the given format; the string ends with a newline. */
export async function renderReport(report: Report, format: Format, opts: RenderOptions): Promise<string> {
  const load = renderers[format];
  if (load === undefined) throw new Error(`unknown report format: ${String(format)}`);
  return (await load())(report, opts);
}
