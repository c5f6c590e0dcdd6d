// judge(): one verdict per budget per region, with the level, overage and declaration of each.

import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { judge, requireBaseline, summarize, type Verdict } from '../../src/model/gate/budget.js';
import { budget, cost, firehose, line, region, report, stream } from '../fixtures/check/reports.js';

const one = (verdicts: Verdict[]): Verdict => {
  expect(verdicts).toHaveLength(1);
  return verdicts[0] as Verdict;
};

describe('levels', () => {
  const r = report([region('us-east-1')]); // $86.00 a month, 4 shards

  it('passes at or under the threshold (equality holds)', () => {
    const v = one(judge(r, [budget('shards', null, 4)]));
    expect(v).toMatchObject({ level: 'pass', blocking: false, value: 4, threshold: 4, threshold_level: 'error', overage: null });
  });

  it('warns over the warn threshold and under the error one, without blocking', () => {
    const v = one(judge(r, [budget('monthly_usd', 80, 100, 42)]));
    expect(v).toMatchObject({ level: 'warn', blocking: false, threshold: 80, threshold_level: 'warn', warn: 80, error: 100 });
    expect(v.overage).toBeCloseTo(6, 9);
    expect(v.overage_percent).toBeCloseTo(7.5, 9);
    expect(v.message).toContain('over the warn threshold $80.00 by $6.00 (7.5%)');
  });

  it('fails over the error threshold, naming value, threshold, overage and the declaring line', () => {
    const v = one(judge(r, [budget('monthly_usd', 50, 80, 42)]));
    expect(v).toMatchObject({ level: 'fail', blocking: true, threshold: 80, threshold_level: 'error', file: 'profiles/orders.yaml', line: 42, column: 3, origin: 'budgets' });
    expect(v.overage).toBeCloseTo(6, 9);
    expect(v.message).toBe('monthly_usd in us-east-1 is $86.00, over the error threshold $80.00 by $6.00 (7.5%) (budgets at profiles/orders.yaml:42)');
  });

  it('passes against the warn threshold when both hold, and reports the tighter one', () => {
    const v = one(judge(r, [budget('monthly_usd', 90, 100)]));
    expect(v).toMatchObject({ level: 'pass', threshold: 90, threshold_level: 'warn' });
  });

  it('a warn-only budget never blocks', () => {
    const v = one(judge(r, [budget('shards', 1, null)]));
    expect(v).toMatchObject({ level: 'warn', blocking: false });
    expect(summarize([v]).exit_code).toBe(0);
  });

  it('gives no overage percentage against a zero threshold', () => {
    const v = one(judge(r, [budget('shards', null, 0)]));
    expect(v).toMatchObject({ level: 'fail', overage: 4, overage_percent: null });
  });

  it('judges a negative increase threshold (cost must fall) by its size', () => {
    const base = report([region('us-east-1', { cost: cost([line('kinesis', 'shard-hours', 100)]) })]);
    const head = report([region('us-east-1', { cost: cost([line('kinesis', 'shard-hours', 95)]) })]);
    const v = one(judge(head, [budget('monthly_usd_increase', null, -10)], base));
    expect(v.level).toBe('fail');
    expect(v.overage).toBeCloseTo(5, 9);
    expect(v.overage_percent).toBeCloseTo(50, 9);
  });
});

describe('values read from the report', () => {
  const r = report([
    region('us-east-1', {
      stream: stream({ shards: 7, utilization_at_peak: { write_bytes: 0.5, write_records: 0.93, read_bytes: 0.2, read_tps: 0.1 } }),
      firehose: [firehose({ name: 'a', latency_seconds: 61, objects_per_day: 1440 }), firehose({ name: 'b', latency_seconds: 301, objects_per_day: 288 })],
    }),
  ]);
  const value = (name: Parameters<typeof budget>[0]) => one(judge(r, [budget(name, null, 1e12)])).value;

  it('cost budgets take the region cost', () => {
    expect(value('monthly_usd')).toBeCloseTo(86, 9);
    expect(value('daily_usd')).toBeCloseTo((86 / 730) * 24, 9);
    expect(value('hourly_usd')).toBeCloseTo(86 / 730, 9);
  });
  it('shards, throttle rate, the hottest utilisation, the slowest latency, the sum of objects', () => {
    expect(value('shards')).toBe(7);
    expect(value('throttle_rate')).toBe(4.9e-4);
    expect(value('utilization')).toBe(0.93);
    expect(value('latency_seconds')).toBe(301);
    expect(value('objects_per_day')).toBe(1728);
  });
});

describe('n/a: a value the report does not have is never a silent pass', () => {
  const noStream = report([region('us-east-2', { stream: null })]);
  const noFirehose = report([region('us-east-1', { firehose: [] })]);

  it.each(['shards', 'throttle_rate', 'utilization'] as const)('%s without a data stream', (name) => {
    const v = one(judge(noStream, [budget(name, null, 1)]));
    expect(v).toMatchObject({ level: 'n/a', blocking: false, value: null });
    expect(v.reason).toContain('no data stream');
  });
  it.each(['latency_seconds', 'objects_per_day'] as const)('%s without a Firehose delivery stream', (name) => {
    const v = one(judge(noFirehose, [budget(name, null, 1)]));
    expect(v).toMatchObject({ level: 'n/a', blocking: false });
    expect(v.reason).toContain('no Firehose');
  });
  it('an n/a verdict does not fail the run but is counted', () => {
    const s = summarize(judge(noStream, [budget('shards', null, 1)]));
    expect(s).toMatchObject({ not_applicable: 1, passed: 0, exit_code: 0 });
  });
});

describe('unknown prices', () => {
  const partial = report([region('ap-northeast-1', { cost: cost([line('kinesis', 'shard-hours', 40)], ['firehose-ingestion', 's3-put-requests']) })]);

  it('an error budget that cannot be judged is unknown and fails the run, listing the items', () => {
    const v = one(judge(partial, [budget('monthly_usd', null, 100)]));
    expect(v).toMatchObject({ level: 'unknown', blocking: true, value: 40, threshold: 100, unknown_items: ['firehose-ingestion', 's3-put-requests'] });
    expect(v.message).toContain('firehose-ingestion, s3-put-requests');
    expect(summarize([v]).exit_code).toBe(1);
  });
  it('a warn-only budget that cannot be judged is unknown and only warns', () => {
    const v = one(judge(partial, [budget('daily_usd', 100, null)]));
    expect(v).toMatchObject({ level: 'unknown', blocking: false, threshold_level: 'warn' });
    expect(summarize([v]).exit_code).toBe(0);
  });
  it('a priced part already over the error threshold is a definite failure ("at least")', () => {
    const v = one(judge(partial, [budget('monthly_usd', null, 30)]));
    expect(v).toMatchObject({ level: 'fail', blocking: true, overage: 10, unknown_items: ['firehose-ingestion', 's3-put-requests'] });
    expect(v.message).toContain('at least $40.00');
  });
  it('non-cost budgets are judged as usual', () => {
    expect(one(judge(partial, [budget('shards', null, 10)])).level).toBe('pass');
  });
});

describe('per region, profile budgets and flags', () => {
  const r = report([region('us-east-1'), region('eu-west-1', { stream: stream({ shards: 9 }) })]);

  it('gives one verdict per budget per region, budgets in order', () => {
    const vs = judge(r, [budget('shards', null, 8, 12), budget('shards', null, 5, '--max-shards')]);
    expect(vs.map((v) => [v.origin, v.region, v.level])).toEqual([
      ['budgets', 'us-east-1', 'pass'],
      ['budgets', 'eu-west-1', 'fail'],
      ['--max-shards', 'us-east-1', 'pass'],
      ['--max-shards', 'eu-west-1', 'fail'],
    ]);
  });
  it('a flag budget has no file or line and says which flag set it', () => {
    const v = judge(r, [budget('shards', null, 5, '--max-shards')])[1] as Verdict;
    expect(v).toMatchObject({ file: null, line: null, origin: '--max-shards' });
    expect(v.message).toContain('(from --max-shards)');
  });
  it('summarize counts every level and exits 1 only on a blocking verdict', () => {
    const vs = judge(r, [budget('shards', 3, 8), budget('monthly_usd', null, 1000)]);
    expect(summarize(vs)).toEqual({ total: 4, passed: 2, warnings: 1, failed: 1, unknown: 0, not_applicable: 0, blocking: 1, exit_code: 1 });
    expect(summarize(vs.filter((v) => v.level !== 'fail')).exit_code).toBe(0);
  });
});

describe('budgets on the change against a baseline', () => {
  const base = report([region('us-east-1', { cost: cost([line('kinesis', 'shard-hours', 100)]) })]);
  const head = report([region('us-east-1', { cost: cost([line('kinesis', 'shard-hours', 112)]) }), region('eu-west-1', { cost: cost([line('kinesis', 'shard-hours', 30)]) })]);

  it('monthly_usd_increase is head − baseline in USD, per region', () => {
    const [us, eu] = judge(head, [budget('monthly_usd_increase', 5, 10)], base);
    expect(us).toMatchObject({ level: 'fail', baseline_monthly_usd: 100 });
    expect(us?.value).toBeCloseTo(12, 9);
    expect(us?.overage).toBeCloseTo(2, 9);
    // A region the baseline lacks: all of its cost is new.
    expect(eu).toMatchObject({ level: 'fail', value: 30, baseline_monthly_usd: null });
  });
  it('monthly_usd_increase_percent is the change in percent of the baseline', () => {
    const [us, eu] = judge(head, [budget('monthly_usd_increase_percent', 10, 20)], base);
    expect(us).toMatchObject({ level: 'warn', unit: 'percent' });
    expect(us?.value).toBeCloseTo(12, 9);
    expect(us?.message).toContain('by 2 percentage points');
    expect(eu).toMatchObject({ level: 'n/a' });
  });
  it('a baseline of $0 makes the percentage undefined (n/a) unless the head is $0 too', () => {
    const zero = report([region('us-east-1', { cost: cost([]) })]);
    const paid = report([region('us-east-1', { cost: cost([line('kinesis', 'shard-hours', 5)]) })]);
    expect(one(judge(paid, [budget('monthly_usd_increase_percent', null, 1)], zero)).level).toBe('n/a');
    expect(one(judge(zero, [budget('monthly_usd_increase_percent', null, 1)], zero))).toMatchObject({ level: 'pass', value: 0 });
  });
  it('the same report as its own baseline has no increase', () => {
    const vs = judge(head, [budget('monthly_usd_increase', null, 0.01), budget('monthly_usd_increase_percent', null, 0.01)], head);
    expect(vs.map((v) => [v.level, v.value])).toEqual([
      ['pass', 0],
      ['pass', 0],
      ['pass', 0],
      ['pass', 0],
    ]);
  });
  it('unknown prices in the baseline leave the increase unknown', () => {
    const unknownBase = report([region('us-east-1', { cost: cost([line('kinesis', 'shard-hours', 100)], ['efo-data']) })]);
    const v = judge(head, [budget('monthly_usd_increase', null, 1)], unknownBase)[0];
    expect(v).toMatchObject({ level: 'unknown', blocking: true, unknown_items: ['efo-data'] });
  });
  it('the same unpriced quantities on both sides cancel out of the increase', () => {
    const unpriced = (q: number) => line('s3', 's3-put-requests', 0, { quantity: q, unit: 'request', resource: 'to-s3', unit_price_usd: null, monthly_usd: null });
    const side = (monthly: number, q: number) => report([region('us-east-1', { cost: cost([line('kinesis', 'shard-hours', monthly), unpriced(q)], ['s3-put-requests']) })]);
    const usd = [budget('monthly_usd_increase', null, 5)];
    const cancels = one(judge(side(104, 100), usd, side(100, 100)));
    expect(cancels).toMatchObject({ level: 'pass', value: 4 });
    expect(cancels.message).toContain('cancel out');
    // More unpriced requests in the head: the priced increase is a lower bound.
    expect(one(judge(side(110, 200), usd, side(100, 100)))).toMatchObject({ level: 'fail', overage: 5 });
    expect(one(judge(side(104, 200), usd, side(100, 100)))).toMatchObject({ level: 'unknown', blocking: true });
    // Fewer: the increase could be smaller or larger than priced.
    expect(one(judge(side(110, 50), usd, side(100, 100)))).toMatchObject({ level: 'unknown' });
    // Percent: an unpriced baseline part only shrinks the change, so +4% priced is at most +4%.
    const pct = one(judge(side(104, 100), [budget('monthly_usd_increase_percent', null, 5)], side(100, 100)));
    expect(pct.level).toBe('pass');
    expect(pct.message).toContain('at most 4%');
    expect(one(judge(side(110, 100), [budget('monthly_usd_increase_percent', null, 5)], side(100, 100))).level).toBe('unknown');
  });
  it('without a baseline, increase budgets are a usage error with a hint', () => {
    expect(() => judge(head, [budget('monthly_usd_increase', null, 10)])).toThrow(UsageError);
    try {
      requireBaseline([budget('monthly_usd_increase_percent', null, 5, '--max-monthly-usd-increase-percent')], false);
      expect.unreachable();
    } catch (err) {
      const issue = (err as UsageError).issues[0];
      expect(issue).toMatchObject({ code: 'bad-flag', file: '--max-monthly-usd-increase-percent' });
      expect(issue?.hint).toContain('--baseline');
    }
    expect(() => requireBaseline([budget('monthly_usd', null, 10)], false)).not.toThrow();
  });
});
