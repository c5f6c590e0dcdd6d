// Firehose ingestion from a KPL-aggregated stream: kplan bills 5 KB per de-aggregated user record and
// names the figure per aggregated Kinesis record. iot-fleet: $14,536 of its $15,181/month, against
// about $2,300 per aggregated record (the figures of the issue that asked for this, worked apart).

import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/io.js';
import type { Report } from '../../src/report/types.js';

describe('iot-fleet: Firehose billing basis under KPL aggregation', () => {
  it('bills per user record and warns with the per-aggregated-record figure', async () => {
    const r = await runCli(['size', 'profiles/iot-fleet.yaml', '--format', 'json']);
    const res = (JSON.parse(r.stdout) as Report).results[0]!;
    const line = res.cost.lines.find((l) => l.item === 'firehose-ingestion')!;
    expect(line.monthly_usd).toBeCloseTo(14536.29, 1);
    expect(res.cost.monthly_usd).toBeCloseTo(15180.8, 1);
    const w = res.firehose[0]!.warnings.find((x) => x.code === 'firehose-kpl-billing-basis')!;
    expect(w.message).toContain('each de-aggregated user record rounded up to 5 KB ($14,536.29/month)');
    const other = Number(/Per aggregated Kinesis record it would be [\d,]+ GB\/month \(\$([\d,.]+)\/month\)/.exec(w.message)![1]!.replaceAll(',', ''));
    expect(other).toBeGreaterThan(2200);
    expect(other).toBeLessThan(2400);
  });

  it('says nothing without aggregation', async () => {
    const r = await runCli(['size', 'profiles/fastapi-logs.yaml', '--format', 'json']);
    const res = (JSON.parse(r.stdout) as Report).results[0]!;
    expect(res.firehose.flatMap((f) => f.warnings).some((w) => w.code === 'firehose-kpl-billing-basis')).toBe(false);
  });
});
