// Unknown stays unknown, end to end: a Region kplan has no USD price for (the China partition),
// `kplan check` on it, and `--region all` ranking only fully priced Regions.

import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/io.js';
import type { Report } from '../../src/report/types.js';

const PROFILE = `version: 1
name: unknown-check
region: cn-north-1
traffic:
  records_per_second: 100
  record_size: 1 KiB
stream:
  mode: provisioned
  shards: 2
  retention: 24h
firehose:
  - name: to-s3
    source: stream
    destination: s3
budgets:
  monthly_usd: { error: 1000 }
`;

describe('a China Region: known, priced in CNY, so every line is unknown', () => {
  it('keeps every line with its quantity and null prices; totals null; the reason named', async () => {
    const r = await runCli(['size', 'p.yaml', '--format', 'json'], { files: { 'p.yaml': PROFILE } });
    expect(r.code).toBe(0);
    const res = (JSON.parse(r.stdout) as Report).results[0]!;
    const c = res.cost;
    expect(c.monthly_usd).toBeNull();
    expect(c.hourly_usd).toBeNull();
    expect(c.daily_usd).toBeNull();
    expect(c.known_monthly_usd).toBe(0);
    expect(c.lines.map((l) => l.item)).toEqual(['shard-hours', 'put-payload-units', 'firehose-ingestion', 's3-put-requests']);
    // 2 shards × 730 h, whatever the price
    expect(c.lines[0]).toMatchObject({ quantity: 1460, unit_price_usd: null, monthly_usd: null });
    for (const l of c.lines) expect(l.quantity).toBeGreaterThan(0);
    expect(c.unknown).toEqual(['shard-hours', 'put-payload-units', 'firehose-ingestion', 's3-put-requests']);
    for (const a of res.alternatives) expect([a.monthly_usd, a.known_monthly_usd]).toEqual([null, 0]);
    expect(res.cheapest_mode).toBeNull();
    expect(res.stream!.warnings.find((w) => w.code === 'no-prices')?.message).toContain('AWS China partition, priced in CNY');

    const table = await runCli(['size', 'p.yaml'], { files: { 'p.yaml': PROFILE } });
    expect(table.stdout).toMatch(/total per month\s+unknown/);
    expect(table.stdout).not.toContain('$0.00');
  });

  it('kplan check: an error budget that cannot be judged fails the check (exit 1)', async () => {
    const r = await runCli(['check', 'p.yaml'], { files: { 'p.yaml': PROFILE } });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^UNKNOWN monthly_usd cn-north-1: .*cannot be judged/m);
  });
});

describe('--region all', () => {
  it('ranks the fully priced Regions first and names the cheapest among them only', async () => {
    // On-demand Advantage is priced in us-east-1 only: every other Region's total is a lower bound
    // (cheaper-looking, since Advantage's lines are left out), so it is not ranked.
    const profile = PROFILE.replace('mode: provisioned\n  shards: 2', 'mode: on-demand-advantage').replace(/budgets:[\s\S]*$/, '');
    const json = await runCli(['size', 'p.yaml', '--region', 'all', '--format', 'json'], { files: { 'p.yaml': profile } });
    expect(json.code).toBe(0);
    const all = JSON.parse(json.stdout) as Report;
    expect(all.results).toHaveLength(36);
    const priced = all.results.filter((r) => r.cost.monthly_usd !== null).map((r) => r.region);
    expect(priced).toEqual(['us-east-1']);
    const table = await runCli(['size', 'p.yaml', '--region', 'all'], { files: { 'p.yaml': profile } });
    const ranking = table.stdout.slice(table.stdout.indexOf('Regions by monthly cost'));
    const rows = ranking.split('\n').filter((l) => /^\s+(\d+|—)\s+[a-z]{2}-/.test(l));
    expect(rows).toHaveLength(36);
    expect(rows[0]).toMatch(/^\s+1\s+us-east-1\s.*cheapest/);
    expect(rows.slice(1).every((l) => /^\s+—\s.*≥ \$[\d,.]+ \+ unknown\s+incomplete/.test(l))).toBe(true);
  });
});
