// The billing bases a profile chooses (docs/cost.md, "Billing bases"): Firehose ingestion from a
// KPL-aggregated stream per user record or per aggregated Kinesis record (`firehose[].kpl_billing`),
// and the account's other On-demand Advantage traffic that counts towards the 25 MiB/s minimum
// (`stream.advantage_other_traffic`). Expected figures are worked by hand from the profile's numbers.

import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/io.js';
import type { Report } from '../../src/report/types.js';
import { kinesisDrafts } from '../../src/model/cost/kinesis.js';
import { fixedSize, makeProfile } from '../helpers/profile.js';
import { MINIMAL, expectIssue, parse } from '../profile/helpers.js';

const SECONDS_PER_MONTH = 730 * 3600;
const GIB = 2 ** 30;
const MIB = 2 ** 20;
const qty = (drafts: { item: string; quantity: number }[], item: string) => drafts.find((d) => d.item === item)?.quantity;

async function json(args: string[]): Promise<Report['results'][number]> {
  const r = await runCli(['size', ...args, '--format', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as Report).results[0]!;
}

describe('iot-fleet with kpl_billing: aggregated-records', () => {
  // By hand, from profiles/iot-fleet.yaml: 40,000 user records/s of 180 B + a 16 B key over the 16
  // shards the plan sizes; 40 producers flushing every 100 ms. Per shard λ = 2,500/s, each producer
  // holds m = λ × 0.1 s ÷ 40 = 6.25 records per flush, so 40 ÷ 0.1 × (1 − e^−6.25) aggregated
  // records/s leave for the shard (a 50 KiB record would hold 261: size never splits a flush).
  // Each carries 2,500 × 196 B ÷ that ≈ 1,227 B (spread over ± half of it: never above 5 KB), so
  // every aggregated record bills exactly one 5 KB unit = 5,120 B.
  const shards = 16;
  const aggregatedPerShard = (40 / 0.1) * (1 - Math.exp(-6.25));
  const handGb = (aggregatedPerShard * shards * 5120 * SECONDS_PER_MONTH) / GIB;
  const price = 0.029; // Firehose, Kinesis stream as source, first 500 TB/month, us-east-1 (https://aws.amazon.com/firehose/pricing/)

  it('bills the ingestion line per aggregated Kinesis record: ≈80,045 GB, ≈$2,321.32', async () => {
    expect((2500 * 196) / aggregatedPerShard).toBeLessThan(5120 / 1.5);
    expect(handGb).toBeCloseTo(80_045.37, 1);
    const res = await json(['profiles/iot-fleet.yaml', '--set', 'firehose.0.kpl_billing=aggregated-records']);
    expect(res.stream?.shards).toBe(shards);
    const line = res.cost.lines.find((l) => l.item === 'firehose-ingestion')!;
    expect(line.quantity / handGb).toBeCloseTo(1, 6);
    expect(line.unit_price_usd).toBeCloseTo(price, 12);
    expect(line.monthly_usd).toBeCloseTo(handGb * price, 1);
    expect(line.monthly_usd).toBeCloseTo(2321.3, 0);
    // Everything else is as on the default basis: the total moves by the ingestion line alone.
    const base = await json(['profiles/iot-fleet.yaml']);
    const baseLine = base.cost.lines.find((l) => l.item === 'firehose-ingestion')!;
    expect(res.cost.monthly_usd! - base.cost.monthly_usd!).toBeCloseTo(line.monthly_usd! - baseLine.monthly_usd!, 6);
    // The warning now gives the user-record figure: 501,251 GB, $14,536.29 (test/cost/kpl-basis.test.ts).
    const w = res.firehose[0]!.warnings.find((x) => x.code === 'firehose-kpl-billing-basis')!;
    expect(w.message).toContain('each aggregated Kinesis record rounded up to 5 KB');
    expect(w.message).toContain('Per de-aggregated user record it would be 501,251 GB/month ($14,536.29/month)');
    // The 5 KB-per-user-record warning does not hold on this basis.
    expect(res.firehose[0]!.warnings.some((x) => x.code === 'small-records-rounding')).toBe(false);
    expect(base.firehose[0]!.warnings.some((x) => x.code === 'small-records-rounding')).toBe(true);
  });

  it('--explain gives the aggregated basis in place of the per-user-record formula', async () => {
    const res = await json(['profiles/iot-fleet.yaml', '--set', 'firehose.0.kpl_billing=aggregated-records', '--explain']);
    const ex = (res.explain ?? []).filter((e) => e.topic === 'firehose.telemetry-lake.cost.firehose-ingestion');
    expect(ex).toHaveLength(1);
    expect(ex[0]!.formula).toContain('aggregated Kinesis records');
    expect((ex[0]!.result as number) / handGb).toBeCloseTo(1, 6);
  });

  it('the alternatives carry the same basis', async () => {
    const on = await json(['profiles/iot-fleet.yaml', '--set', 'firehose.0.kpl_billing=aggregated-records']);
    const off = await json(['profiles/iot-fleet.yaml']);
    const total = (r: typeof on) => r.alternatives.map((a) => a.monthly_usd ?? 0).reduce((a, b) => a + b, 0);
    // The alternatives carry the same Firehose lines: each is cheaper by the same amount.
    const drop = off.cost.monthly_usd! - on.cost.monthly_usd!;
    expect(total(off) - total(on)).toBeCloseTo(drop * off.alternatives.length, 4);
  });
});

describe('stream.advantage_other_traffic', () => {
  // 1,000 records/s of exactly 1 KiB: billed in = 1,000 KiB/s = 2,506.26 GB/month; nothing read.
  const profile = (inBytes: number, outBytes: number) =>
    makeProfile({
      traffic: { recordsPerSecond: 1000, peakRecordsPerSecond: 1000, recordSize: fixedSize(1024) },
      stream: { mode: 'on-demand-advantage', advantageOtherTraffic: { inBytesPerSecond: inBytes, outBytesPerSecond: outBytes } },
    });
  const own = (1000 * 1024 * SECONDS_PER_MONTH) / GIB;
  const minimum = (25 * MIB * SECONDS_PER_MONTH) / GIB;

  it('without other traffic the whole 25 MiB/s minimum falls on the stream (64,160.16 GB)', () => {
    expect(minimum).toBeCloseTo(64_160.16, 2);
    const d = kinesisDrafts(profile(0, 0), 'on-demand-advantage', 4).drafts;
    expect(qty(d, 'advantage-data-in')).toBeCloseTo(minimum, 6);
    expect(qty(d, 'advantage-data-out')).toBeCloseTo(minimum, 6);
  });

  it('20 MiB/s in and 10 MiB/s out elsewhere: the stream bills its own traffic plus the shortfall', () => {
    const d = kinesisDrafts(profile(20 * MIB, 10 * MIB), 'on-demand-advantage', 4).drafts;
    // in: own 2,506.26 + shortfall (25 − 20) MiB/s − own = 5 MiB/s over the month = 12,832.03 GB
    const shortfallIn = minimum - (20 * MIB * SECONDS_PER_MONTH) / GIB - own;
    expect(own + shortfallIn).toBeCloseTo(12_832.03, 2);
    expect(qty(d, 'advantage-data-in')).toBeCloseTo(own + shortfallIn, 6);
    // out: nothing read here, so the line is the shortfall alone: 15 MiB/s = 38,496.09 GB
    expect(qty(d, 'advantage-data-out')).toBeCloseTo(38_496.09, 2);
  });

  it('other traffic above the minimum leaves the stream its own traffic only', () => {
    const d = kinesisDrafts(profile(30 * MIB, 26 * MIB), 'on-demand-advantage', 4).drafts;
    expect(qty(d, 'advantage-data-in')).toBeCloseTo(own, 6);
    expect(qty(d, 'advantage-data-out')).toBe(0);
  });

  it('--set reaches the Advantage line and its note', async () => {
    const args = ['profiles/fastapi-logs.yaml', '--set', 'stream.mode=on-demand-advantage'];
    const base = await json(args);
    const withOther = await json([...args, '--set', 'stream.advantage_other_traffic={in: 25 MiB, out: 25 MiB}']);
    const line = (r: typeof base, item: string) => r.cost.lines.find((l) => l.item === item)!;
    expect(line(base, 'advantage-data-in').quantity).toBeCloseTo(minimum, 4);
    expect(line(withOther, 'advantage-data-in').quantity).toBeLessThan(minimum);
    // With 25 MiB/s elsewhere there is no shortfall: the line is the stream's own billed bytes.
    expect(line(withOther, 'advantage-data-out').quantity).toBeLessThan(line(base, 'advantage-data-out').quantity);
    const fromProvisioned = await json(['profiles/fastapi-logs.yaml', '--set', 'stream.advantage_other_traffic={in: 20 MiB}']);
    const alt = fromProvisioned.alternatives.find((a) => a.mode === 'on-demand-advantage')!;
    expect(alt.note).toContain('stream.advantage_other_traffic');
  });
});

describe('validation', () => {
  const KPL = `${MINIMAL}producer: {aggregation: kpl}\n`;
  it('kpl_billing: a bad word is a located error with the allowed values', () => {
    const i = expectIssue(parse(`${KPL}firehose:\n  - name: f\n    kpl_billing: aggregated\n`), 'bad-enum', 'firehose[0].kpl_billing', 6, 18);
    expect(i.expected).toContain('aggregated-records');
  });
  it('kpl_billing: from --set, and no effect without KPL or on Direct PUT (a located warning)', () => {
    const ok = parse(`${KPL}firehose:\n  - name: f\n`, ['firehose.0.kpl_billing=aggregated-records']);
    expect(ok.profile?.firehose[0]?.kplBilling).toBe('aggregated-records');
    expect(ok.issues.filter((x) => x.path?.startsWith('firehose'))).toEqual([]);
    const noKpl = parse(`${MINIMAL}firehose:\n  - name: f\n    kpl_billing: aggregated-records\n`);
    expect(noKpl.profile?.firehose[0]?.kplBilling).toBe('aggregated-records');
    const w = noKpl.issues.find((x) => x.path === 'firehose[0].kpl_billing')!;
    expect(w.severity).toBe('warning');
    expect(w.position).toEqual({ line: 5, col: 18 });
    expect(w.message).toContain('no effect without `producer.aggregation: kpl`');
    const direct = parse(`${KPL}stream: {mode: none}\nfirehose:\n  - {name: f, source: direct-put, kpl_billing: user-records}\n`);
    expect(direct.issues.find((x) => x.path === 'firehose[0].kpl_billing')?.message).toContain('no effect on a `direct-put` delivery stream');
  });
  it('advantage_other_traffic: sizes per second, located errors, --set, a warning outside Advantage', () => {
    const adv = `${MINIMAL}stream:\n  mode: on-demand-advantage\n`;
    const ok = parse(`${adv}  advantage_other_traffic: {in: 20 MiB, out: 1 GiB}\n`);
    expect(ok.profile?.stream.advantageOtherTraffic).toEqual({ inBytesPerSecond: 20 * MIB, outBytesPerSecond: GIB });
    expect(ok.issues.filter((x) => x.path?.startsWith('stream'))).toEqual([]);
    expectIssue(parse(`${adv}  advantage_other_traffic: {in: 20 Mib}\n`), 'bad-size', 'stream.advantage_other_traffic.in', 5, 33);
    expectIssue(parse(`${adv}  advantage_other_traffic: {in: -5}\n`), 'out-of-range', 'stream.advantage_other_traffic.in', 5, 33);
    expectIssue(parse(`${adv}  advantage_other_traffic: {inn: 5}\n`), 'unknown-key', 'stream.advantage_other_traffic.inn', 5, 29);
    expectIssue(parse(`${adv}  advantage_other_traffic: 5\n`), 'wrong-type', 'stream.advantage_other_traffic', 5, 28);
    const set = parse(adv, ['stream.advantage_other_traffic.out=10 MiB']);
    expect(set.profile?.stream.advantageOtherTraffic).toEqual({ inBytesPerSecond: 0, outBytesPerSecond: 10 * MIB });
    const prov = parse(`${MINIMAL}stream:\n  advantage_other_traffic: {in: 20 MiB}\n`);
    const w = prov.issues.find((x) => x.path === 'stream.advantage_other_traffic')!;
    expect(w.severity).toBe('warning');
    expect(w.position).toEqual({ line: 4, col: 3 });
  });
});
