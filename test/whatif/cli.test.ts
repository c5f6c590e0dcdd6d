// `kplan sweep` and the what-if sections of `kplan size`, end to end through an injected Io.

import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/io.js';
import type { SweepResult } from '../../src/model/whatif/sweep.js';
import type { Report } from '../../src/report/types.js';

const PROFILE = `version: 1
name: whatif
traffic:
  records_per_second: 1000
  peak_records_per_second: 2000
  record_size: 1KiB
  burstiness: poisson
firehose:
  - {name: lake, destination: s3}
`;
const files = { 'w.yaml': PROFILE };

describe('kplan sweep', () => {
  it('table: one row per point, the chart, the break-even', async () => {
    const r = await runCli(['sweep', 'w.yaml', '--vary', 'traffic.records_per_second=500..64000:x8'], { files });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('kplan sweep · whatif · us-east-1 · provisioned');
    expect(r.stdout).toContain('traffic.peak_records_per_second follows (× 2)');
    for (const x of ['500', '64,000']) expect(r.stdout).toMatch(new RegExp(`^\\s+${x}\\s+\\d`, 'm'));
    expect(r.stdout).toContain('traffic.records_per_second (log)');
    expect(r.stdout).toMatch(/P provisioned {2}O on-demand {2}A on-demand-advantage/);
    expect(r.stdout).toContain('Break-even');
    expect(r.stdout).not.toMatch(/\x1b\[/);
  });

  it('json: { axes, points } with each mode priced, stable on a second run', async () => {
    const argv = ['sweep', 'w.yaml', '--vary', 'traffic.records_per_second=1000..4000:4', '--vary', 'stream.mode=provisioned,on-demand', '--format', 'json'];
    const r = await runCli(argv, { files });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as SweepResult;
    expect(j.kind).toBe('sweep');
    expect(j.axes.map((a) => [a.key, a.kind, a.values])).toEqual([
      ['traffic.records_per_second', 'linear', [1000, 2000, 3000, 4000]],
      ['stream.mode', 'list', ['provisioned', 'on-demand']],
    ]);
    expect(j.points).toHaveLength(8);
    for (const p of j.points) {
      expect(p.valid).toBe(true);
      expect(Object.keys(p.modes).sort()).toEqual(['on-demand', 'on-demand-advantage', 'provisioned']);
      expect(p.cheapest_mode).not.toBeNull();
    }
    expect(j.points[4]?.at).toEqual({ 'traffic.records_per_second': 1000, 'stream.mode': 'on-demand' });
    expect(j.break_even?.pairs).toHaveLength(3);
    expect((await runCli(argv, { files })).stdout).toBe(r.stdout);
  });

  it('markdown: a table and the chart in a code block', async () => {
    const r = await runCli(['sweep', 'w.yaml', '--vary', 'traffic.record_size=256B,1KiB,4KiB', '--format', 'markdown'], { files });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('### kplan sweep: whatif');
    expect(r.stdout).toMatch(/^\| traffic\.record_size \| shards \|/m);
    expect(r.stdout).toContain('```text');
  });

  it('--set applies before the axis, and its errors name --set', async () => {
    const a = JSON.parse((await runCli(['sweep', 'w.yaml', '--vary', 'traffic.records_per_second=1000,2000', '--format', 'json'], { files })).stdout) as SweepResult;
    const b = JSON.parse(
      (await runCli(['sweep', 'w.yaml', '--vary', 'traffic.records_per_second=1000,2000', '--set', 'traffic.record_size=8KiB', '--format', 'json'], { files })).stdout,
    ) as SweepResult;
    expect(b.points[0]!.monthly_usd!).toBeGreaterThan(a.points[0]!.monthly_usd!);
    const bad = await runCli(['sweep', 'w.yaml', '--vary', 'traffic.records_per_second=1000,2000', '--set', 'stream.mode=sideways'], { files });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^--set: error: stream\.mode:/m);
  });

  it('an invalid point is marked in the output and explained on standard error; exit 0', async () => {
    const r = await runCli(['sweep', 'w.yaml', '--vary', 'traffic.peak_records_per_second=500,1000,4000'], { files });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/500\s+invalid: traffic\.peak_records_per_second/);
    expect(r.stderr).toMatch(/1 of 3 sweep points are not valid profiles; the first \(traffic\.peak_records_per_second=500\)/);
    expect(r.stderr).toMatch(/--vary traffic\.peak_records_per_second=500,1000,4000, point traffic\.peak_records_per_second=500/);
  });

  it.each([
    ['no --vary', [], /sweep needs at least one --vary/],
    [
      'three axes',
      ['--vary', 'traffic.records_per_second=1,2', '--vary', 'traffic.record_size=1KiB,2KiB', '--vary', 'stream.mode=provisioned,on-demand'],
      /one or two --vary axes; 3 were given/,
    ],
    ['a bad range', ['--vary', 'traffic.records_per_second=a..b'], /^--vary: error: the range `a\.\.b`/m],
    ['too many points', ['--vary', 'traffic.records_per_second=1..1000:200', '--vary', 'traffic.record_size=1KiB..64KiB:100'], /20,000 points; at most 10,000/],
    ['an unknown key', ['--vary', 'traffic.record_per_second=1..3:3'], /no point of the sweep is a valid profile[\s\S]*did you mean `records_per_second`/],
    ['a prototype key', ['--vary', 'traffic.__proto__.x=1,2'], /never a profile key/],
    ['several regions', ['--vary', 'traffic.records_per_second=1,2', '--region', 'us-east-1,eu-west-1'], /one region at a time/],
  ])('exit 2 on %s, with the reason on standard error', async (_what, flags, message) => {
    const r = await runCli(['sweep', 'w.yaml', ...flags], { files });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/internal error|at .*\.ts:\d+/);
  });

  it('a missing profile is exit 2', async () => {
    const r = await runCli(['sweep', 'nope.yaml', '--vary', 'traffic.records_per_second=1,2'], { files, disk: false });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read profile `nope\.yaml`: no such file/);
  });

  it('--region picks the region to plan', async () => {
    const r = await runCli(['sweep', 'w.yaml', '--vary', 'traffic.records_per_second=1000,2000', '--region', 'us-east-2', '--format', 'json'], { files });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as SweepResult).region).toBe('us-east-2');
  });
});

describe('kplan size: what-if sections', () => {
  const curve =
    '[0.505, 0.455, 0.404, 0.404, 0.455, 0.556, 0.758, 1.011, 1.263, 1.415, 1.465, 1.516, 1.516, 1.465, 1.415, 1.364, 1.314, 1.263, 1.213, 1.112, 1.011, 0.859, 0.707, 0.556]';
  const daily = PROFILE.replace('  burstiness: poisson\n', `  burstiness: poisson\n  daily_curve: ${curve}\n`);

  it('table: break-even under the alternatives, and the schedule with a daily curve', async () => {
    const r = await runCli(['size', 'd.yaml'], { files: { 'd.yaml': daily } });
    expect(r.code).toBe(0);
    const alt = r.stdout.indexOf('Alternatives');
    const be = r.stdout.indexOf('Break-even');
    const sched = r.stdout.indexOf('Scaling schedule');
    expect(alt).toBeGreaterThan(0);
    expect(be).toBeGreaterThan(alt);
    expect(sched).toBeGreaterThan(be);
    expect(r.stdout).toMatch(/provisioned↔on-demand\s+\S/);
    expect(r.stdout).toMatch(/^\s+hour UTC\s+00 01 02/m);
    expect(r.stdout).toMatch(/^\s+static\s+\d/m);
    expect(r.stdout).toMatch(/^\s+scheduled/m);
  });

  it('json: break_even and schedule in the region result; markdown shows both', async () => {
    const j = JSON.parse((await runCli(['size', 'd.yaml', '--format', 'json'], { files: { 'd.yaml': daily } })).stdout) as Report;
    const res = j.results[0]!;
    expect(res.break_even).toBeDefined();
    const s = res.schedule as { hours: unknown[]; strategies: { strategy: string }[] };
    expect(s.hours).toHaveLength(24);
    expect(s.strategies.map((x) => x.strategy)).toEqual(['static', 'scheduled', 'on-demand', 'on-demand-advantage']);
    const md = await runCli(['size', 'd.yaml', '--format', 'markdown'], { files: { 'd.yaml': daily } });
    expect(md.stdout).toContain('**Break-even**');
    expect(md.stdout).toContain('<details><summary>Scaling schedule');
  });

  it('no schedule without a daily curve', async () => {
    const j = JSON.parse((await runCli(['size', 'w.yaml', '--format', 'json'], { files })).stdout) as Report;
    expect(j.results[0]!.schedule).toBeUndefined();
    expect(j.results[0]!.break_even).toBeDefined();
  });
});
