// What every hostile run must look like: a clean exit (0, or 2 with a located message), never a
// crash, a stack trace or a non-finite number in a report.

import { expect } from 'vitest';
import type { Report } from '../../src/report/types.js';
import { contractViolations } from '../cli/contract.js';

export const STACK_LINE = /\n\s+at .+:\d+:\d+/;

/** A message line that names where the problem is: `file:line:col`, a file, `--set`, `<stdin>` or a flag. */
export function located(stderr: string, sources: readonly string[]): boolean {
  return stderr.split('\n').some((line) => sources.some((s) => line.startsWith(`${s}:`) || line.startsWith(`${s} `)) || /^--[a-z-]+: /.test(line));
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

function allFinite(value: unknown, path: string, bad: string[]): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) bad.push(path);
  } else if (Array.isArray(value)) value.forEach((v, i) => allFinite(v, `${path}[${i}]`, bad));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) allFinite(v, `${path}.${k}`, bad);
}

/** Exit 0 with a sound JSON report, or exit 2 with a located message; never a stack. */
export function expectCleanOutcome(r: RunResult, sources: readonly string[], what = ''): void {
  const ctx = `${what}\nexit ${r.code}\nstderr: ${r.stderr.slice(0, 2000)}`;
  expect([0, 2], ctx).toContain(r.code);
  expect(r.stderr, ctx).not.toMatch(STACK_LINE);
  expect(r.stderr, ctx).not.toMatch(/kplan bug|internal error/i);
  if (r.code === 2) {
    expect(r.stdout, ctx).toBe('');
    expect(located(r.stderr, sources), ctx).toBe(true);
    return;
  }
  let report: Report;
  try {
    report = JSON.parse(r.stdout) as Report;
  } catch (e) {
    throw new Error(`${ctx}\nstdout is not JSON: ${String(e)}\n${r.stdout.slice(0, 500)}`, { cause: e });
  }
  const bad: string[] = [];
  allFinite(report, '$', bad);
  expect(bad, ctx).toEqual([]);
  // JSON.stringify turns NaN and ±Infinity into null: the contract catches a number gone missing.
  expect(contractViolations(report), ctx).toEqual([]);
}

/** For `check` and `diff`: any documented exit code but 3, and no stack. */
export function expectNoCrash(r: RunResult, what = ''): void {
  const ctx = `${what}\nexit ${r.code}\nstderr: ${r.stderr.slice(0, 2000)}`;
  expect([0, 1, 2], ctx).toContain(r.code);
  expect(r.stderr, ctx).not.toMatch(STACK_LINE);
  expect(r.stderr, ctx).not.toMatch(/kplan bug|internal error/i);
}
