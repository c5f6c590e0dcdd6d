// Terminal colours for the human views. Kept apart from format.ts so that the markdown and JSON
// views never load chalk.

import { Chalk } from 'chalk';
import type { Style } from './format.js';

/** A chalk-backed style; level 0 returns text unchanged. */
export function makeStyle(color: boolean): Style {
  const chalk = new Chalk({ level: color ? 1 : 0 });
  return {
    bold: (t) => chalk.bold(t),
    dim: (t) => chalk.dim(t),
    green: (t) => chalk.green(t),
    yellow: (t) => chalk.yellow(t),
    red: (t) => chalk.red(t),
    cyan: (t) => chalk.cyan(t),
  };
}
