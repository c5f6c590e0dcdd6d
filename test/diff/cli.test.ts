// kplan diff through main(): the real parser, model and catalogue. Structure only, not model numbers.

import { describe, expect, it } from 'vitest';
import type { NumberChange, ReportDiff } from '../../src/model/gate/diff.js';
import { runCli } from '../helpers/io.js';

const GATE = 'test/fixtures/check/gate.yaml'; // us-east-1 and ap-northeast-1, no Firehose
const WITHIN = 'test/fixtures/check/within.yaml'; // us-east-1 with a Firehose delivery stream

function allNumberChanges(d: ReportDiff): NumberChange[] {
  return d.regions.flatMap((r) => [
    r.shards,
    r.write_throttled_fraction,
    r.cost.hourly_usd,
    r.cost.daily_usd,
    r.cost.monthly_usd,
    ...r.cost.lines.flatMap((l) => [l.quantity, l.unit_price_usd, l.monthly_usd]),
    ...r.firehose.flatMap((f) => [f.objects_per_day, f.latency_seconds]),
  ]);
}

describe('kplan diff (real pipeline)', () => {
  it('kplan diff <saved report> <its profile> --format json → every change zero', async () => {
    const saved = await runCli(['size', WITHIN, '--format', 'json']);
    const r = await runCli(['diff', 'base.json', WITHIN, '--format', 'json'], { files: { 'base.json': saved.stdout } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as ReportDiff;
    expect(d.changed).toBe(false);
    const changes = allNumberChanges(d);
    expect(changes.length).toBeGreaterThan(8);
    expect(changes.every((c) => c.change === 0)).toBe(true);
  });

  it('kplan diff a.yaml b.yaml → removed Firehose lines and an added region', async () => {
    const r = await runCli(['diff', WITHIN, GATE, '--format', 'json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as ReportDiff;
    expect(d.regions.map((x) => [x.region, x.status])).toEqual([
      ['us-east-1', 'changed'],
      ['ap-northeast-1', 'added'],
    ]);
    const us = d.regions[0];
    expect(us?.cost.lines.filter((l) => l.service === 'firehose').every((l) => l.status === 'removed')).toBe(true);
    expect(us?.firehose.map((f) => f.status)).toEqual(['removed']);
  });

  it('--set applies to both profiles', async () => {
    const r = await runCli(['diff', WITHIN, WITHIN, '--set', 'traffic.records_per_second=1500', '--format', 'json']);
    const d = JSON.parse(r.stdout) as ReportDiff;
    expect(d.changed).toBe(false);
  });

  it('kplan diff renders a table by default and markdown on request', async () => {
    const table = await runCli(['diff', WITHIN, GATE]);
    expect(table.stdout).toContain('ap-northeast-1: added (only in head)');
    expect(table.stdout).toMatch(/monthly total, all regions: /);
    const md = await runCli(['diff', WITHIN, GATE, '--format', 'markdown']);
    expect(md.stdout).toMatch(/^### kplan diff: within/);
  });

  it('kplan diff <not a report> → exit 2', async () => {
    const r = await runCli(['diff', 'old.json', WITHIN], { files: { 'old.json': '{"schema_version": 1, "results": {}}' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('results');
  });
});
