// kplan check through main(): the real parser, model and catalogue. Only structure is asserted
// (levels, lines, exit codes), not model numbers, so model changes do not break these tests.

import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/io.js';

const GATE = 'test/fixtures/check/gate.yaml'; // budgets on lines 16–19; two regions, no Firehose
const WITHIN = 'test/fixtures/check/within.yaml'; // budgets on lines 21–24; every error budget holds but monthly_usd

describe('kplan check (real pipeline)', () => {
  it('kplan check gate.yaml → exit 1, one line per budget per region, pointing at the budget lines', async () => {
    const r = await runCli(['check', GATE]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.map((l) => l.split(' ').slice(0, 3).join(' '))).toEqual([
      'WARN monthly_usd us-east-1:',
      'WARN monthly_usd ap-northeast-1:',
      'FAIL shards us-east-1:',
      'FAIL shards ap-northeast-1:',
      'PASS throttle_rate us-east-1:',
      'PASS throttle_rate ap-northeast-1:',
      'N/A latency_seconds us-east-1:',
      'N/A latency_seconds ap-northeast-1:',
      '2 passed, 2',
    ]);
    expect(lines[0]).toMatch(/\(test\/fixtures\/check\/gate\.yaml:16\)$/);
    expect(lines[2]).toMatch(/over by \d+ \(\d+(\.\d)?%\) \(test\/fixtures\/check\/gate\.yaml:17\)$/);
    expect(lines[4]).toMatch(/gate\.yaml:18\)$/);
    expect(lines[6]).toMatch(/no Firehose delivery stream \(test\/fixtures\/check\/gate\.yaml:19\)$/);
    expect(lines[8]).toBe('2 passed, 2 warnings, 2 failed, 2 n/a: 2 error budgets broken');
  });

  it('kplan check --format github → annotations with file= and line= of each budget, and the step summary', async () => {
    const r = await runCli(['check', GATE, '--format', 'github', '--region', 'us-east-1', '--max-shards', '100'], { env: { GITHUB_STEP_SUMMARY: 'summary.md' } });
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^::warning file=test\/fixtures\/check\/gate\.yaml,line=16,col=[0-9]+,title=kplan budget monthly_usd::WARN monthly_usd in us-east-1 is \$/);
    expect(lines[1]).toMatch(/^::error file=test\/fixtures\/check\/gate\.yaml,line=17,col=[0-9]+,title=kplan budget shards::FAIL shards in us-east-1 /);
    expect(lines[2]).toMatch(/^::warning file=test\/fixtures\/check\/gate\.yaml,line=19,col=[0-9]+,title=kplan budget latency_seconds::N\/A /);
    // The --max-shards flag budget passes: no annotation, but it counts.
    expect(lines[3]).toBe('kplan check: 2 passed, 1 warning, 1 failed, 1 n/a: 1 error budget broken');
    expect(lines).toHaveLength(4);
    expect(r.io.appended.get('summary.md')).toMatch(/^## ❌ kplan check: 1 error budget broken — gate\n/);
  });

  it('kplan check --format json → verdicts, summary and the report of `kplan size`', async () => {
    const [check, size] = await Promise.all([runCli(['check', GATE, '--format', 'json']), runCli(['size', GATE, '--format', 'json'])]);
    const parsed = JSON.parse(check.stdout) as { verdicts: { line: number | null }[]; summary: { exit_code: number }; report: unknown };
    expect(parsed.verdicts.map((v) => v.line)).toEqual([16, 16, 17, 17, 18, 18, 19, 19]);
    expect(parsed.summary.exit_code).toBe(1);
    expect(parsed.report).toEqual(JSON.parse(size.stdout));
  });

  it('kplan check within.yaml --set budgets… → exit 0 when every error budget holds', async () => {
    // monthly_usd carries an unknown S3 price in the built-in catalogue: keep it to a warn budget.
    const r = await runCli(['check', WITHIN, '--set', 'budgets.monthly_usd={warn: 1}']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^(WARN|UNKNOWN) monthly_usd us-east-1: /);
    expect(r.stdout).toContain('PASS shards us-east-1:');
    expect(r.code).toBe(0);
  });

  it('kplan check --baseline <its own saved report> → no increase', async () => {
    const saved = await runCli(['size', WITHIN, '--format', 'json']);
    const r = await runCli(['check', WITHIN, '--baseline', 'base.json', '--max-monthly-usd-increase', '0.01', '--max-monthly-usd-increase-percent', '0.1', '--format', 'json'], {
      files: { 'base.json': saved.stdout },
    });
    const verdicts = (JSON.parse(r.stdout) as { verdicts: { budget: string; level: string; value: number }[] }).verdicts.filter((v) => v.budget.startsWith('monthly_usd_increase'));
    expect(verdicts.map((v) => [v.budget, v.level, v.value])).toEqual([
      ['monthly_usd_increase', 'pass', 0],
      ['monthly_usd_increase_percent', 'pass', 0],
    ]);
  });

  it.each([
    [['--max-monthly-usd', '-5'], /--max-monthly-usd takes a positive number/],
    [['--max-throttle-rate', 'lots'], /--max-throttle-rate takes a positive number/],
    [['--max-monthly-usd-increase', '10'], /no --baseline was given/],
    [['--baseline', 'old.json', '--max-monthly-usd-increase', '10'], /old\.json is a report of schema_version 3/],
  ])('kplan check %j → exit 2 with the reason on stderr', async (flags, message) => {
    const r = await runCli(['check', WITHIN, ...flags], { files: { 'old.json': '{"schema_version": 3}' } });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('kplan check --baseline <a profile> computes the baseline like the head', async () => {
    const r = await runCli(['check', WITHIN, '--baseline', WITHIN, '--max-monthly-usd-increase', '0.01', '--set', 'budgets.monthly_usd={warn: 1}']);
    expect(r.stdout).toContain('PASS monthly_usd_increase us-east-1: $0.00 ≤ $0.01 (--max-monthly-usd-increase)');
    expect(r.code).toBe(0);
  });

  it('kplan check <missing file> → exit 2', async () => {
    const r = await runCli(['check', 'test/fixtures/check/nope.yaml']);
    expect(r.code).toBe(2);
  });
});
