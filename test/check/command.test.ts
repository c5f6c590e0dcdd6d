// `kplan check` as a command, with a stand-in pipeline that returns hand-built reports, so exit codes,
// flags, formats and the job summary are tested whatever the model computes.

import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import type { Context } from '../../src/cli/main.js';
import { annotationFile, budgetsFromFlags, parsePositive, run } from '../../src/cli/commands/check.js';
import type { Budget } from '../../src/profile/types.js';
import type { Report } from '../../src/report/types.js';
import { fakeIo, type FakeIo } from '../helpers/io.js';
import { fakeSource } from '../fixtures/check/source.js';
import { budget, cost, line, region, report } from '../fixtures/check/reports.js';

async function check(
  argsOpts: { args?: string[]; opts?: Record<string, unknown>; env?: Record<string, string>; files?: Record<string, string> },
  budgets: Budget[],
  computed: Report,
): Promise<{ code: number; stdout: string; stderr: string; io: FakeIo }> {
  const io = fakeIo([], { disk: false, files: { 'profiles/orders.yaml': 'version: 1\n', ...argsOpts.files }, ...(argsOpts.env ? { env: argsOpts.env } : {}) });
  const ctx: Context = { io, color: false, debug: false };
  const code = await run(ctx, argsOpts.args ?? ['profiles/orders.yaml'], { format: 'table', set: [], ...argsOpts.opts }, fakeSource(budgets, computed));
  return { code, stdout: io.out.join(''), stderr: io.err.join(''), io };
}

const usEast1 = report([region('us-east-1')]); // $86.00 a month, 4 shards

async function usageIssue(p: Promise<unknown>) {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UsageError);
  return (err as UsageError).issues[0];
}

describe('exit codes', () => {
  it('0 when every error budget holds, even with warnings', async () => {
    const r = await check({}, [budget('monthly_usd', 50, 100, 42)], usEast1);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^WARN monthly_usd us-east-1/);
  });
  it('1 when an error budget is broken', async () => {
    const r = await check({}, [budget('monthly_usd', null, 80, 42)], usEast1);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAIL monthly_usd us-east-1: $86.00 > $80.00, over by $6.00 (7.5%) (profiles/orders.yaml:42)');
  });
  it('1 when an error budget cannot be judged for unknown prices; 0 for a warn budget', async () => {
    const partial = report([region('ap-northeast-1', { cost: cost([line('kinesis', 'shard-hours', 10)], ['firehose-ingestion']) })]);
    expect((await check({}, [budget('monthly_usd', null, 1000)], partial)).code).toBe(1);
    expect((await check({}, [budget('monthly_usd', 1000, null)], partial)).code).toBe(0);
  });
  it('a flag adds an error budget that is judged beside the profile budget of the same name', async () => {
    const r = await check({ opts: { maxMonthlyUsd: '80' } }, [budget('monthly_usd', null, 100, 42)], usEast1);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual([
      'PASS monthly_usd us-east-1: $86.00 ≤ $100.00 (profiles/orders.yaml:42)',
      'FAIL monthly_usd us-east-1: $86.00 > $80.00, over by $6.00 (7.5%) (--max-monthly-usd)',
    ]);
  });
});

describe('bad input is a UsageError (exit 2)', () => {
  it.each(['-5', '0', 'abc', '$600', '', '1e999', 'Infinity'])('--max-monthly-usd %j', async (value) => {
    const issue = await usageIssue(check({ opts: { maxMonthlyUsd: value } }, [], usEast1));
    expect(issue).toMatchObject({ code: 'bad-flag', file: '--max-monthly-usd' });
  });
  it('accepts decimal and exponent forms', () => {
    expect(parsePositive('--max-throttle-rate', '1e-3')).toBe(0.001);
    expect(parsePositive('--max-utilization', '.9')).toBe(0.9);
    expect(budgetsFromFlags({ maxShards: '8', maxMonthlyUsdIncreasePercent: '10' })).toEqual([
      { name: 'shards', warn: null, error: 8, position: null, origin: '--max-shards' },
      { name: 'monthly_usd_increase_percent', warn: null, error: 10, position: null, origin: '--max-monthly-usd-increase-percent' },
    ]);
  });
  it('an increase budget without --baseline', async () => {
    const issue = await usageIssue(check({ opts: { maxMonthlyUsdIncrease: '10' } }, [], usEast1));
    expect(issue?.hint).toContain('--baseline');
  });
  it('nothing to check', async () => {
    const issue = await usageIssue(check({}, [], usEast1));
    expect(issue).toMatchObject({ code: 'missing-key', path: 'budgets' });
  });
  it('a baseline that is not a kplan report', async () => {
    const files = { 'base.json': '{"schema_version": 2}' };
    const issue = await usageIssue(check({ opts: { baseline: 'base.json' }, files }, [budget('monthly_usd_increase', null, 5)], usEast1));
    expect(issue).toMatchObject({ code: 'bad-report', file: 'base.json' });
  });
});

describe('baseline', () => {
  it('judges the increase over a saved report (USD and %)', async () => {
    const base = report([region('us-east-1', { cost: cost([line('kinesis', 'shard-hours', 80)]) })]);
    const files = { 'base.json': JSON.stringify(base) };
    const budgets = [budget('monthly_usd_increase', null, 5, 50), budget('monthly_usd_increase_percent', 5, 10, 51)];
    const r = await check({ opts: { baseline: 'base.json' }, files }, budgets, usEast1);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAIL monthly_usd_increase us-east-1: $6.00 > $5.00, over by $1.00 (20%) (profiles/orders.yaml:50)');
    expect(r.stdout).toContain('WARN monthly_usd_increase_percent us-east-1: 7.5% > warn 5%, over by 2.5 percentage points (50%); error at 10% (profiles/orders.yaml:51)');
  });
  it('a report as its own baseline passes a zero-increase budget', async () => {
    const files = { 'base.json': JSON.stringify(usEast1) };
    const r = await check({ opts: { baseline: 'base.json', maxMonthlyUsdIncrease: '0.01' }, files }, [], usEast1);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('PASS monthly_usd_increase us-east-1: $0.00 ≤ $0.01 (--max-monthly-usd-increase)');
  });
});

describe('formats', () => {
  it('json: verdicts, summary and report', async () => {
    const r = await check({ opts: { format: 'json' } }, [budget('shards', null, 3, 9)], usEast1);
    expect(r.code).toBe(1);
    const parsed = JSON.parse(r.stdout) as { verdicts: { line: number }[]; summary: { exit_code: number }; report: Report };
    expect(parsed.verdicts[0]?.line).toBe(9);
    expect(parsed.summary.exit_code).toBe(1);
    expect(parsed.report.results[0]?.region).toBe('us-east-1');
  });
  it('markdown: the pull-request comment', async () => {
    const r = await check({ opts: { format: 'markdown' } }, [budget('shards', null, 3, 9)], usEast1);
    expect(r.stdout).toMatch(/^## ❌ kplan check: 1 error budget broken/);
  });
  it('github: annotations at the budget line, and the markdown appended to $GITHUB_STEP_SUMMARY', async () => {
    const env = { GITHUB_STEP_SUMMARY: '/tmp/summary.md' };
    const r = await check({ opts: { format: 'github' }, env }, [budget('shards', null, 3, 9), budget('monthly_usd', 50, null, 8)], usEast1);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^::error file=profiles\/orders\.yaml,line=9,col=[0-9]+,title=kplan budget shards::FAIL /);
    expect(lines[1]).toMatch(/^::warning file=profiles\/orders\.yaml,line=8,col=[0-9]+,title=kplan budget monthly_usd::WARN /);
    expect(lines[2]).toBe('kplan check: 0 passed, 1 warning, 1 failed: 1 error budget broken');
    const summary = r.io.appended.get('/tmp/summary.md') ?? '';
    expect(summary).toMatch(/^## ❌ kplan check: 1 error budget broken — orders/);
    expect(summary).toContain('| ❌ FAIL | `shards` | us-east-1 |');
  });
  it('github: nothing appended without $GITHUB_STEP_SUMMARY', async () => {
    const r = await check({ opts: { format: 'github' } }, [budget('shards', null, 30, 9)], usEast1);
    expect(r.code).toBe(0);
    expect(r.io.appended.size).toBe(0);
  });
  it('github: a summary file that cannot be written is a warning, not a different exit code', async () => {
    const io = fakeIo([], { disk: false, files: { 'p.yaml': 'x' }, env: { GITHUB_STEP_SUMMARY: '/nope/summary.md' } });
    io.appendFile = async () => {
      throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
    };
    const code = await run({ io, color: false, debug: false }, ['p.yaml'], { format: 'github' }, fakeSource([budget('shards', null, 1, 3)], usEast1));
    expect(code).toBe(1);
    expect(io.err.join('')).toContain('cannot append to $GITHUB_STEP_SUMMARY (/nope/summary.md): EACCES');
  });
});

describe('annotation file path', () => {
  it('is relative to the workspace, with forward slashes', () => {
    expect(annotationFile('profiles/x.yaml', '/ws', '/ws')).toBe('profiles/x.yaml');
    expect(annotationFile('./profiles/x.yaml', '/ws', undefined)).toBe('profiles/x.yaml');
    expect(annotationFile('/ws/infra/x.yaml', '/ws', '/ws')).toBe('infra/x.yaml');
    expect(annotationFile('x.yaml', '/ws/infra', '/ws')).toBe('infra/x.yaml');
    expect(annotationFile('<stdin>', '/ws', '/ws')).toBeNull();
  });
});
