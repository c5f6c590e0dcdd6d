// The transformation and S3 keys end to end: validation errors located at the line, --set and
// --vary reaching the new keys, and the `check` budgets seeing the added latency and cost.

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/io.js';
import { testCatalogue } from '../helpers/catalogue.js';
import type { Report } from '../../src/report/types.js';
import type { SweepResult } from '../../src/model/whatif/sweep.js';

// 1,000 records/s of 1 KiB through a 1 MiB / 60 s transform buffer, 128 MB, 200 ms.
const BASE = `version: 1
name: t
traffic:
  records_per_second: 1000
  record_size: 1KiB
  burstiness: poisson
firehose:
  - name: lake
    buffer_size: 64MiB
    buffer_interval: 60s
    transform:
      memory: 128MB
      duration: 200ms
      buffer_size: 1MiB
      buffer_interval: 60s
    s3:
      retention: 30d
`;
const catalogue = JSON.stringify(testCatalogue());
// The CLI resolves --prices against its working directory (the repository in the fake Io).
const files = { 't.yaml': BASE, 'prices.json': catalogue, [resolve(import.meta.dirname, '../..', 'prices.json')]: catalogue };

async function errors(yaml: string): Promise<string> {
  const r = await runCli(['size', 'x.yaml'], { files: { 'x.yaml': yaml } });
  expect(r.code).toBe(2);
  return r.stderr;
}

describe('validation: located errors', () => {
  it('negative memory', async () => {
    const e = await errors(BASE.replace('memory: 128MB', 'memory: -128MB'));
    expect(e).toContain('x.yaml:12:15');
    expect(e).toContain('firehose[0].transform.memory');
    expect(e).toMatch(/cannot be negative/);
  });
  it('memory outside 128 MiB–10 GiB', async () => {
    expect(await errors(BASE.replace('memory: 128MB', 'memory: 64MB'))).toMatch(/128 MiB to 10 GiB/);
  });
  it('a run time longer than the timeout', async () => {
    const e = await errors(BASE.replace('duration: 200ms', 'duration: 5s\n      timeout: 3s'));
    expect(e).toContain('x.yaml:13:17');
    expect(e).toMatch(/run time 5 s is longer than the function's timeout of 3 s/);
    expect(e).toMatch(/processing-failed/);
  });
  it("a run time over Firehose's 5 minutes", async () => {
    expect(await errors(BASE.replace('duration: 200ms', 'duration: 6m'))).toMatch(/at most 5 minutes/);
  });
  it('transform buffer hints outside 0.2–3 MiB and 0–900 s', async () => {
    const e = await errors(BASE.replace('buffer_size: 1MiB', 'buffer_size: 4MiB').replace('interval: 60s\n    s3', 'interval: 901s\n    s3'));
    expect(e).toContain('x.yaml:14:20');
    expect(e).toMatch(/0\.2 MiB to 3 MiB/);
    expect(e).toContain('x.yaml:15:24');
    expect(e).toMatch(/0s to 900s/);
  });
  it('a full transform buffer whose response overflows 6 MiB, with the buffer that fits', async () => {
    // 3 MiB × 2 × 4/3 = 8 MiB; 6 MiB / (2 × 4/3) = 2.25 MiB → 2.2 MiB.
    const e = await errors(BASE.replace('buffer_size: 1MiB', 'buffer_size: 3MiB\n      output_ratio: 2'));
    expect(e).toContain('firehose[0].transform.buffer_size');
    expect(e).toMatch(/set transform.buffer_size to 2.2 MiB or less/);
  });
  it('a lifecycle that deletes before it transitions', async () => {
    const e = await errors(BASE.replace('retention: 30d', 'retention: 30d\n      transitions: [{after: 60d, class: glacier-ir}]'));
    expect(e).toContain('x.yaml:18:29');
    expect(e).toMatch(/deletes objects at 30 d, before this transition at 60 d/);
  });
  it('Standard-IA before 30 days, and a transition back up the waterfall', async () => {
    expect(await errors(BASE.replace('retention: 30d', 'retention: 90d\n      transitions: [{after: 10d, class: standard-ia}]'))).toMatch(/only after 30 days/);
    const back = BASE.replace('retention: 30d', 'retention: 200d\n      transitions: [{after: 30d, class: glacier-ir}, {after: 60d, class: standard-ia}]');
    expect(await errors(back)).toMatch(/cannot move objects from `glacier-ir` to `standard-ia`/);
  });
  it('s3 on a destination that is not S3', async () => {
    expect(await errors(BASE.replace('    buffer_size: 64MiB\n', '    destination: http\n    buffer_size: 64MiB\n'))).toMatch(/describes objects of an S3 destination/);
  });
});

describe('what-if keys and budgets', () => {
  it('--set reaches transform and s3 keys', async () => {
    const run = async (...set: string[]) => {
      const r = await runCli(['size', 't.yaml', '--format', 'json', '--prices', 'prices.json', ...set.flatMap((s) => ['--set', s])], { files });
      expect(r.stderr).toBe('');
      return (JSON.parse(r.stdout) as Report).results[0]?.firehose[0];
    };
    const base = await run();
    const doubled = await run('firehose.0.transform.memory=256MB', 'firehose.0.s3.retention=60d');
    expect(base?.transform?.gb_seconds_per_day).toBeCloseTo(2109.375, 6);
    expect(doubled?.transform?.gb_seconds_per_day).toBeCloseTo(2 * 2109.375, 6);
    expect(doubled?.s3?.stored_gb).toBeCloseTo(2 * (base?.s3?.stored_gb ?? 0), 6);
  });

  it('sweep --vary over the transform buffer: latency-bearing points, an out-of-range one invalid', async () => {
    const r = await runCli(['sweep', 't.yaml', '--vary', 'firehose.0.transform.buffer_size=1MiB,2MiB,4MiB', '--format', 'json', '--prices', 'prices.json'], { files });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as SweepResult;
    expect(j.points.map((p) => p.valid)).toEqual([true, true, false]);
    expect(j.points[2]?.issues?.[0]?.path).toBe('firehose[0].transform.buffer_size');
    expect(j.points[0]?.unknown).toEqual([]);
    expect(j.points[0]?.monthly_usd).not.toBeNull();
  });

  it('check: the latency budget sees the transform wait and run time', async () => {
    // Without the transform: 1 + 60 + 5 = 66 s; with it 1 + 1.024 + 0.2 + 60 + 5 = 67.224 s.
    const r = await runCli(['check', 't.yaml', '--prices', 'prices.json', '--set', 'budgets.latency_seconds=66.5'], { files });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/latency_seconds/);
    const ok = await runCli(['check', 't.yaml', '--prices', 'prices.json', '--set', 'budgets.latency_seconds=67.5'], { files });
    expect(ok.code).toBe(0);
  });
});
