// The terminal: how wide the output may be, and progress for long runs. Progress goes to standard
// error, and only when it is a terminal: never into pipes, files or CI logs.

import type { Io } from './io.js';
import { formatLocaleNumber } from '../units.js';

/** Width when nothing says otherwise. */
export const DEFAULT_WIDTH = 100;

/** The output width: the terminal's columns, else $COLUMNS, else 100. */
export function outputWidth(io: Pick<Io, 'stdout' | 'env'>): number {
  if (io.stdout.isTTY === true && typeof io.stdout.columns === 'number' && io.stdout.columns > 0) return io.stdout.columns;
  const env = io.env.COLUMNS;
  if (env !== undefined && /^\s*[0-9]{1,5}\s*$/.test(env) && Number(env) > 0) return Number(env);
  return DEFAULT_WIDTH;
}

export interface Progress {
  /** `done` of `total` units finished. */
  update(done: number, total: number): void;
  /** Clears the progress line. */
  end(): void;
}

export const SILENT: Progress = { update: () => {}, end: () => {} };

/** The progress reporter of a command: main gives it the raw standard error (past the output guard, which would escape `\r`). */
export function startProgress(ctx: { progress?: (label: string) => Progress }, label: string): Progress {
  return ctx.progress?.(label) ?? SILENT;
}

/**
 * The one progress reporter: `label 42% (4,200 of 10,000)` rewritten in place on standard error,
 * at most once per whole percent (no clock: output depends only on the work done). A no-op unless
 * standard error is a terminal.
 */
export function progress(io: Pick<Io, 'stderr'>, label: string): Progress {
  if (io.stderr.isTTY !== true) return SILENT;
  let shown = -1;
  let drawn = false;
  return {
    update(done, total) {
      if (total <= 0) return;
      const pct = Math.floor((100 * done) / total);
      if (pct === shown) return;
      shown = pct;
      drawn = true;
      io.stderr.write(`\r\u001b[2K${label} ${pct}% (${formatLocaleNumber(done)} of ${formatLocaleNumber(total)})`);
    },
    end() {
      if (drawn) io.stderr.write('\r\u001b[2K');
      drawn = false;
    },
  };
}

/**
 * Progress of work in stages, one bar per stage (`labels[stage]`): a new stage clears the bar of
 * the one before. The model reports the listed-key work this way (hashing, then shard-count scans).
 */
export function stagedProgress<S extends string>(
  ctx: { progress?: (label: string) => Progress },
  labels: Record<S, string>,
): { update(stage: S, done: number, total: number): void; end(): void } {
  let stage: S | undefined;
  let bar: Progress = SILENT;
  return {
    update(next, done, total) {
      if (next !== stage) {
        bar.end();
        stage = next;
        bar = startProgress(ctx, labels[next]);
      }
      bar.update(done, total);
    },
    end() {
      bar.end();
      stage = undefined;
      bar = SILENT;
    },
  };
}

/** The listed-key work of a plan (its `onKeys`): the hashing on the `keys` bar, then each scan over shard counts. */
export function keyProgress(ctx: { progress?: (label: string) => Progress }) {
  return stagedProgress(ctx, { hash: 'keys', scan: 'keys: shard counts' });
}
