// The views of check verdicts: text lines, JSON, the PR comment and GitHub workflow commands.

import { describe, expect, it } from 'vitest';
import { judge, summarize } from '../../src/model/gate/budget.js';
import { diffReports } from '../../src/model/gate/diff.js';
import { escapeData, escapeProperty, renderCheckGithub, renderCheckJson, renderCheckMarkdown, renderCheckText, verdictDetail, type CheckOutput } from '../../src/render/check.js';
import type { Budget } from '../../src/profile/types.js';
import type { Report } from '../../src/report/types.js';
import { budget, cost, line, region, report, stream } from '../fixtures/check/reports.js';

function output(r: Report, budgets: Budget[], baseline?: Report): CheckOutput {
  const verdicts = judge(r, budgets, baseline);
  return { report: r, verdicts, summary: summarize(verdicts), ...(baseline ? { diff: diffReports(baseline, r) } : {}) };
}

// us-east-1 costs $86.00 a month with 4 shards; ap-northeast-1 has unknown prices; us-east-2 has no stream.
const mixed = report([
  region('us-east-1'),
  region('ap-northeast-1', { cost: cost([line('kinesis', 'shard-hours', 40)], ['firehose-ingestion']) }),
  region('us-east-2', { stream: null }),
]);
const budgets = [budget('monthly_usd', 80, 100, 42), budget('shards', null, 3, '--max-shards')];
const ANSI = /\u001b\[/;

describe('text', () => {
  const text = renderCheckText(output(mixed, budgets), { color: false });
  const lines = text.trimEnd().split('\n');

  it('prints one line per verdict with its level, value, threshold and source, then a summary', () => {
    expect(lines).toEqual([
      'WARN monthly_usd us-east-1: $86.00 > warn $80.00, over by $6.00 (7.5%); error at $100.00 (profiles/orders.yaml:42)',
      'UNKNOWN monthly_usd ap-northeast-1: ≥ $40.00 + unknown (firehose-ingestion) vs error $100.00: cannot be judged (fails the check) (profiles/orders.yaml:42)',
      'WARN monthly_usd us-east-2: $86.00 > warn $80.00, over by $6.00 (7.5%); error at $100.00 (profiles/orders.yaml:42)',
      'FAIL shards us-east-1: 4 > 3, over by 1 (33.3%) (--max-shards)',
      'FAIL shards ap-northeast-1: 4 > 3, over by 1 (33.3%) (--max-shards)',
      'N/A shards us-east-2: not applicable: the profile has no data stream (stream.mode: none) (--max-shards)',
      '0 passed, 2 warnings, 2 failed, 1 unknown, 1 n/a: 3 error budgets broken',
    ]);
  });

  it('an unknown verdict shows its value as the other outputs do: ≥ $X + unknown (items) for a cost, no ≥ for an increase', () => {
    const v = judge(mixed, [budget('monthly_usd', null, 100, 42)])[1]!;
    expect(v.level).toBe('unknown');
    expect(verdictDetail(v)).toBe('≥ $40.00 + unknown (firehose-ingestion) vs error $100.00: cannot be judged (fails the check)');
    // An increase against a baseline that lacks the same prices could be lower as well as higher.
    const inc = { ...v, budget: 'monthly_usd_increase' as const, value: 12 };
    expect(verdictDetail(inc)).toBe('$12.00 priced + unknown (firehose-ingestion) vs error $100.00: cannot be judged (fails the check)');
    expect(renderCheckMarkdown(output(mixed, budgets))).toContain('| ❓ UNKNOWN | `monthly_usd` | ap-northeast-1 | ≥ $40.00 + unknown (firehose-ingestion) | $100.00 (error) |');
  });

  it('a pass line reads value ≤ threshold', () => {
    const t = renderCheckText(output(report([region('us-east-1')]), [budget('monthly_usd', null, 600, 42)]), { color: false });
    expect(t).toBe('PASS monthly_usd us-east-1: $86.00 ≤ $600.00 (profiles/orders.yaml:42)\n1 passed, 0 warnings, 0 failed: every error budget holds\n');
  });

  it('colours only when asked', () => {
    expect(text).not.toMatch(ANSI);
    expect(renderCheckText(output(mixed, budgets), { color: true })).toMatch(ANSI);
  });
});

describe('json', () => {
  it('holds the verdicts, the summary and the report', () => {
    const parsed = JSON.parse(renderCheckJson(output(mixed, budgets))) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['verdicts', 'summary', 'report']);
    expect(parsed.report).toEqual(mixed);
    expect(parsed.summary).toMatchObject({ failed: 2, unknown: 1, exit_code: 1 });
    expect((parsed.verdicts as unknown[])[0]).toMatchObject({ budget: 'monthly_usd', region: 'us-east-1', level: 'warn', line: 42, file: 'profiles/orders.yaml' });
  });
  it('adds the baseline diff when there is a baseline', () => {
    const parsed = JSON.parse(renderCheckJson(output(mixed, [budget('monthly_usd_increase', null, 5)], mixed))) as Record<string, unknown>;
    expect(parsed).toHaveProperty('baseline_diff.changed', false);
  });
});

describe('markdown', () => {
  it('heads a broken gate with ❌ and tables verdicts and key figures', () => {
    const md = renderCheckMarkdown(output(mixed, budgets));
    expect(md.split('\n')[0]).toBe('## ❌ kplan check: 3 error budgets broken — orders');
    expect(md).toContain('| ❌ FAIL | `shards` | us-east-1 | 4 | 3 (error) | 1 (33.3%) | `--max-shards` |');
    expect(md).toContain('| ⚠️ WARN | `monthly_usd` | us-east-1 | $86.00 | $80.00 (warn) | $6.00 (7.5%) | `profiles/orders.yaml:42` |');
    expect(md).toContain('| Region | Mode | Shards | Binding constraint | Throttle | Monthly cost |');
    expect(md).toContain('| us-east-1 | provisioned | 4 | write-bytes | low | **$86.00** |');
    expect(md).toContain('| ap-northeast-1 | provisioned | 4 | write-bytes | low | **≥ $40.00 + unknown (firehose-ingestion)** |');
    expect(md).toContain('| us-east-2 | none | — | — | — | **$86.00** |');
    expect(md).toContain('an `error` budget that cannot be judged fails the check');
  });
  it('uses ⚠️ when only warnings and ✅ when everything holds', () => {
    const one = report([region('us-east-1')]);
    expect(renderCheckMarkdown(output(one, [budget('shards', 1, null)]))).toMatch(/^## ⚠️ /);
    expect(renderCheckMarkdown(output(one, [budget('shards', 10, 20)]))).toMatch(/^## ✅ kplan check: every budget holds — orders/);
  });
  it('shows the change against the baseline', () => {
    const base = report([region('us-east-1', { cost: cost([line('kinesis', 'shard-hours', 80)]) })]);
    const md = renderCheckMarkdown(output(report([region('us-east-1')]), [budget('monthly_usd_increase', null, 10)], base));
    expect(md).toContain('| Change vs baseline |');
    expect(md).toContain('| **$86.00** | +$6.00 (+7.5%) |');
  });
  it('escapes pipes in names', () => {
    const r = report([region('us-east-1', { stream: stream({ binding_constraint: 'hot-key' }) })], { profile: { name: 'a|b', file: 'x.yaml' } });
    expect(renderCheckMarkdown(output(r, [budget('shards', 10, 20)]))).toContain('— a\\|b');
  });
});

describe('github', () => {
  const gh = renderCheckGithub(output(mixed, budgets), { file: 'profiles/orders.yaml' });
  const lines = gh.trimEnd().split('\n');

  it('annotates each verdict that is not a pass with the file and the budget line', () => {
    expect(lines[0]).toMatch(/^::warning file=profiles\/orders\.yaml,line=42,col=[0-9]+,title=kplan budget monthly_usd::WARN monthly_usd in us-east-1 is \$86\.00/);
    // A blocking unknown is an error; a flag budget has no line.
    expect(lines[1]).toMatch(/^::error file=profiles\/orders\.yaml,line=42,col=[0-9]+,title=kplan budget monthly_usd::UNKNOWN /);
    expect(lines[3]).toMatch(/^::error file=profiles\/orders\.yaml,title=kplan budget shards::FAIL shards in us-east-1 is 4/);
    expect(lines[5]).toMatch(/^::warning file=profiles\/orders\.yaml,title=kplan budget shards::N\/A /);
    expect(lines).toHaveLength(7);
    expect(lines[6]).toBe('kplan check: 0 passed, 2 warnings, 2 failed, 1 unknown, 1 n/a: 3 error budgets broken');
  });

  it('escapes % in messages and : , % in properties', () => {
    expect(lines[0]).toContain('(7.5%25)');
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeProperty('C:\\a,b%.yaml')).toBe('C%3A\\a%2Cb%25.yaml');
    const odd = renderCheckGithub(output(report([region('us-east-1')]), [budget('shards', null, 1, 7)]), { file: 'my dir/a,b:c.yaml' });
    expect(odd.split('\n')[0]).toMatch(/^::error file=my dir\/a%2Cb%3Ac\.yaml,line=7,col=[0-9]+,title=kplan budget shards::/);
  });

  it('prints no annotation for passes, and leaves out file= for standard input', () => {
    const pass = renderCheckGithub(output(report([region('us-east-1')]), [budget('shards', null, 10)]), { file: null });
    expect(pass).toBe('kplan check: 1 passed, 0 warnings, 0 failed: every error budget holds\n');
    const stdin = renderCheckGithub(output(report([region('us-east-1')]), [budget('shards', null, 1)]), { file: null });
    expect(stdin.split('\n')[0]).toMatch(/^::error title=kplan budget shards::/);
  });
});
