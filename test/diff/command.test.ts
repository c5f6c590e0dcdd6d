// `kplan diff` as a command, with a stand-in pipeline: profiles and saved reports on either side.

import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { run } from '../../src/cli/commands/diff.js';
import type { ReportDiff } from '../../src/model/gate/diff.js';
import { fakeIo } from '../helpers/io.js';
import { cost, line, region, report } from '../fixtures/check/reports.js';
import { fakeSource } from '../fixtures/check/source.js';

const base = report([region('us-east-1'), region('us-east-2')]);
const head = report([region('us-east-1', { cost: cost([line('kinesis', 'shard-hours', 100)]) })]);
const files: Record<string, string> = { 'base.yaml': 'version: 1\n', 'head.yaml': 'version: 1\n', 'base.json': JSON.stringify(base), 'head.json': JSON.stringify(head) };

async function diff(args: string[], opts: Record<string, unknown> = {}) {
  const io = fakeIo([], { disk: false, files });
  const source = fakeSource([], base, { 'base.yaml': base, 'head.yaml': head });
  const code = await run({ io, color: false, debug: false }, args, { format: 'json', set: [], ...opts }, source);
  return { code, stdout: io.out.join(''), stderr: io.err.join(''), source };
}

const parse = (s: string) => JSON.parse(s) as ReportDiff;

describe('kplan diff', () => {
  it('compares two profiles, computing each with the same flags', async () => {
    const r = await diff(['base.yaml', 'head.yaml'], { set: ['traffic.records_per_second=5'], prices: 'p.json' });
    expect(r.code).toBe(0);
    expect(r.source.computed.map((c) => [c.file, c.opts.set, c.opts.prices])).toEqual([
      ['base.yaml', ['traffic.records_per_second=5'], 'p.json'],
      ['head.yaml', ['traffic.records_per_second=5'], 'p.json'],
    ]);
    const d = parse(r.stdout);
    expect(d.regions.map((x) => [x.region, x.status])).toEqual([
      ['us-east-1', 'changed'],
      ['us-east-2', 'removed'],
    ]);
    expect(d.regions[0]?.cost.monthly_usd.change).toBeCloseTo(14, 9);
  });
  it('compares two saved reports without computing anything', async () => {
    const r = await diff(['base.json', 'head.json']);
    expect(r.source.computed).toEqual([]);
    expect(parse(r.stdout).base.profile.file).toBe('profiles/orders.yaml');
  });
  it('a saved report against its own profile: every change zero', async () => {
    const r = await diff(['base.json', 'base.yaml']);
    const d = parse(r.stdout);
    expect(d.changed).toBe(false);
    expect(d.totals.monthly_usd.change).toBe(0);
  });
  it('--region keeps those regions of a saved report', async () => {
    const d = parse((await diff(['base.json', 'base.json'], { region: 'us-east-2' })).stdout);
    expect(d.regions.map((x) => x.region)).toEqual(['us-east-2']);
  });
  it('says that --set does not apply to a saved report', async () => {
    const r = await diff(['base.json', 'head.yaml'], { set: ['a=1'] });
    expect(r.stderr).toContain('--set does not apply to the saved report base.json');
  });
  it('renders table and markdown', async () => {
    expect((await diff(['base.yaml', 'head.yaml'], { format: 'table' })).stdout).toContain('us-east-2: removed (only in base)');
    expect((await diff(['base.yaml', 'head.yaml'], { format: 'markdown' })).stdout).toMatch(/^### kplan diff/);
  });
  it('refuses a bad saved report and two standard inputs (exit 2)', async () => {
    files['bad.json'] = '{"schema_version": 1, "results": 3}';
    await expect(diff(['bad.json', 'head.yaml'])).rejects.toBeInstanceOf(UsageError);
    await expect(diff(['-', '-'])).rejects.toThrow(/only one of <base> and <head>/);
  });
});
