// diffReports(): regions matched by code, cost lines by service + item + resource, with changes.

import { describe, expect, it } from 'vitest';
import { diffReports, numberChange, type NumberChange, type ReportDiff } from '../../src/model/gate/diff.js';
import { cost, firehose, line, region, report, stream } from '../fixtures/check/reports.js';

/** Every NumberChange anywhere in the diff. */
function numberChanges(value: unknown, out: NumberChange[] = []): NumberChange[] {
  if (Array.isArray(value)) for (const v of value) numberChanges(v, out);
  else if (typeof value === 'object' && value !== null) {
    if ('change' in value && 'percent' in value && 'base' in value) out.push(value as NumberChange);
    else for (const v of Object.values(value)) numberChanges(v, out);
  }
  return out;
}

const base = report([
  region('us-east-1'),
  region('ap-northeast-1', { cost: cost([line('kinesis', 'shard-hours', 50)], ['firehose-ingestion']) }),
  region('us-east-2', { stream: null }),
]);

describe('a report diffed with itself', () => {
  const d = diffReports(base, base);
  it('changes nothing: every change is zero, every percentage zero or null', () => {
    const changes = numberChanges(d);
    expect(changes.length).toBeGreaterThan(20);
    for (const c of changes) {
      // a total left unknown by a missing price: unknown on both sides, change unknown
      if (c.change === null) expect([c.base, c.head, c.percent]).toEqual([null, null, null]);
      else expect(c.change).toBe(0);
      expect(c.percent === null || c.percent === 0).toBe(true);
    }
  });
  it('marks every region, line and delivery stream unchanged', () => {
    expect(d.changed).toBe(false);
    expect(d.regions.map((r) => r.status)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(d.regions.flatMap((r) => r.cost.lines.map((l) => l.status))).not.toContain('changed');
    expect(d.regions.flatMap((r) => [r.mode, r.binding_constraint, r.throttle_level]).some((t) => t.changed)).toBe(false);
    expect(d.regions[1]?.cost.unknown).toEqual({ base: ['firehose-ingestion'], head: ['firehose-ingestion'], added: [], removed: [] });
  });
  it('survives a JSON round trip (a saved report against its profile)', () => {
    const saved = JSON.parse(JSON.stringify(base)) as typeof base;
    expect(numberChanges(diffReports(saved, base)).every((c) => c.change === 0 || (c.change === null && c.base === null && c.head === null))).toBe(true);
  });
});

describe('changes', () => {
  const head = report([
    region('us-east-1', {
      stream: stream({ shards: 6, binding_constraint: 'hot-key', throttle: { level: 'medium', write_throttled_fraction_at_peak: 1e-3, read_throttled: false, unfixable: [] } }),
      firehose: [firehose({ objects_per_day: 2880 })],
      cost: cost([
        line('kinesis', 'shard-hours', 65.7),
        line('firehose', 'firehose-ingestion', 30, { resource: 'to-s3' }),
        line('firehose', 'firehose-ingestion', 12, { resource: 'to-opensearch' }),
      ]),
    }),
    region('eu-west-1'),
  ]);
  const d: ReportDiff = diffReports(base, head);
  const us = d.regions[0];

  it('compares the stream: shards, binding constraint, throttle level and fraction', () => {
    expect(us?.status).toBe('changed');
    expect(us?.shards).toEqual({ base: 4, head: 6, change: 2, percent: 50 });
    expect(us?.binding_constraint).toEqual({ base: 'write-bytes', head: 'hot-key', changed: true });
    expect(us?.throttle_level).toEqual({ base: 'low', head: 'medium', changed: true });
    expect(us?.write_throttled_fraction.change).toBeCloseTo(5.1e-4, 12);
    expect(us?.firehose[0]?.objects_per_day).toEqual({ base: 1440, head: 2880, change: 1440, percent: 100 });
  });

  it('matches cost lines by service, item and resource; lines on one side are added or removed', () => {
    const lines = us?.cost.lines.map((l) => [l.service, l.item, l.resource, l.status]);
    expect(lines).toEqual([
      ['kinesis', 'shard-hours', null, 'changed'],
      ['kinesis', 'put-payload-units', null, 'removed'],
      ['firehose', 'firehose-ingestion', 'to-s3', 'unchanged'],
      ['firehose', 'firehose-ingestion', 'to-opensearch', 'added'],
    ]);
    const [shardHours, removed, , added] = us?.cost.lines ?? [];
    expect(shardHours?.monthly_usd.change).toBeCloseTo(21.9, 9);
    expect(shardHours?.monthly_usd.percent).toBeCloseTo(50, 9);
    expect(removed?.monthly_usd).toEqual({ base: 12.2, head: null, change: -12.2, percent: -100 });
    expect(added?.monthly_usd).toEqual({ base: null, head: 12, change: 12, percent: null });
  });

  it('compares hourly, daily and monthly totals', () => {
    expect(us?.cost.monthly_usd.base).toBeCloseTo(86, 9);
    expect(us?.cost.monthly_usd.head).toBeCloseTo(107.7, 9);
    expect(us?.cost.monthly_usd.change).toBeCloseTo(21.7, 9);
    expect(us?.cost.hourly_usd.change).toBeCloseTo(21.7 / 730, 9);
    expect(us?.cost.daily_usd.change).toBeCloseTo((21.7 / 730) * 24, 9);
  });

  it('lists regions only in the base as removed and only in the head as added, after the matched ones', () => {
    expect(d.regions.map((r) => [r.region, r.status])).toEqual([
      ['us-east-1', 'changed'],
      ['ap-northeast-1', 'removed'],
      ['us-east-2', 'removed'],
      ['eu-west-1', 'added'],
    ]);
    const removed = d.regions[1];
    // its base total is unknown (a price is missing), so is the change; the priced part is known
    expect(removed?.cost.monthly_usd).toEqual({ base: null, head: null, change: null, percent: null });
    expect(removed?.cost.known_monthly_usd).toEqual({ base: 50, head: null, change: -50, percent: -100 });
    expect(removed?.cost.unknown.removed).toEqual(['firehose-ingestion']);
    const noStream = d.regions[2];
    expect(noStream?.mode).toEqual({ base: 'none', head: null, changed: true });
    expect(noStream?.shards).toEqual({ base: null, head: null, change: 0, percent: null });
    expect(d.regions[3]?.shards).toEqual({ base: null, head: 4, change: 4, percent: null });
  });

  it('sums totals over every region of each side and flags unknown prices', () => {
    // the base has an unpriced line: its total is unknown, its priced part a lower bound
    expect(d.totals.monthly_usd).toEqual({ base: null, head: 107.7 + 86, change: null, percent: null });
    expect(d.totals.known_monthly_usd.base).toBeCloseTo(86 + 50 + 86, 9);
    expect(d.totals.known_monthly_usd.head).toBeCloseTo(107.7 + 86, 9);
    expect(d.totals.known_monthly_usd.change).toBeCloseTo(107.7 - 136, 9);
    expect(d.totals.base_unknown).toBe(true);
    expect(d.totals.head_unknown).toBe(false);
    expect(d.changed).toBe(true);
  });

  it('notices unknown prices appearing in a region', () => {
    const later = report([region('us-east-1', { cost: { ...cost([line('kinesis', 'shard-hours', 43.8)]), unknown: ['s3-put-requests'] } })]);
    const u = diffReports(report([region('us-east-1')]), later).regions[0]?.cost.unknown;
    expect(u).toMatchObject({ added: ['s3-put-requests'], removed: [] });
  });
});

describe('numberChange', () => {
  it('gives no percentage from a zero or missing base', () => {
    expect(numberChange(0, 5)).toEqual({ base: 0, head: 5, change: 5, percent: null });
    expect(numberChange(undefined, 5)).toEqual({ base: null, head: 5, change: 5, percent: null });
    expect(numberChange(-10, -5).percent).toBe(50);
  });
});
