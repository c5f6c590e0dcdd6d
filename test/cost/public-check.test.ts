// The public checks of docs/prices.md: a Frankfurt stream priced end to end from the built-in
// catalogue, and the Seoul figures of AWS's pricing-page data shown by `kplan prices`. The expected
// figures are AWS's per-Region prices multiplied out by hand, not the model's arithmetic.

import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/io.js';
import type { Report } from '../../src/report/types.js';

const FRANKFURT = `version: 1
name: frankfurt-check
region: eu-central-1
traffic:
  records_per_second: 60
  record_size: 2 KB
  burstiness: none
stream:
  mode: provisioned
  shards: 1
  retention: 168h
`;

describe('Frankfurt (eu-central-1): 1 shard, 60 records/s of 2 KB, 168 h retention', () => {
  it('costs 730 × $0.018 + 730 × $0.024 + 157.68 M units × $0.0175/M = $33.4194 a month', async () => {
    const r = await runCli(['size', 'f.yaml', '--format', 'json'], { files: { 'f.yaml': FRANKFURT } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const cost = (JSON.parse(r.stdout) as Report).results[0]!.cost;
    const line = (item: string) => cost.lines.find((l) => l.item === item)!;
    expect(line('shard-hours')).toMatchObject({ quantity: 730, unit_price_usd: 0.018 });
    expect(line('shard-hours').monthly_usd).toBeCloseTo(13.14, 9);
    expect(line('extended-retention')).toMatchObject({ quantity: 730, unit_price_usd: 0.024 });
    expect(line('extended-retention').monthly_usd).toBeCloseTo(17.52, 9);
    // 60 records/s × 2,628,000 s = 157.68 M records, one 25 KB unit each
    expect(line('put-payload-units').quantity).toBeCloseTo(157_680_000, 3);
    expect(line('put-payload-units').monthly_usd).toBeCloseTo(2.7594, 9);
    expect(cost.lines).toHaveLength(3);
    expect(cost.unknown).toEqual([]);
    expect(cost.monthly_usd).toBeCloseTo(33.4194, 9);
  });
});

describe('Seoul (ap-northeast-2): kplan prices shows the figures of AWS pricing-page data', () => {
  it('lists each with its source and date', async () => {
    const r = await runCli(['prices', '--region', 'ap-northeast-2', '--format', 'json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout).details[0];
    const price = (key: string) => d.prices.find((p: { key: string }) => p.key === key);
    const expectUsd = (key: string, usd: number, per = 1) => expect(price(key).usd * per, key).toBeCloseTo(usd, 12);
    expectUsd('kinesis.shard-hour', 0.0185);
    expectUsd('kinesis.put-payload-unit', 0.0204, 1e6);
    expectUsd('kinesis.extended-retention-shard-hour', 0.0247);
    expectUsd('kinesis.on-demand-stream-hour', 0.049);
    expectUsd('kinesis.on-demand-data-in-gb', 0.099);
    expectUsd('kinesis.on-demand-data-out-gb', 0.049);
    expect(price('firehose.direct-put-ingestion-gb').tiers.map((t: { usd: number }) => t.usd)).toEqual([0.036, 0.031, 0.025]);
    expect(price('firehose.stream-source-ingestion-gb').tiers.map((t: { usd: number }) => t.usd)).toEqual([0.036, 0.031, 0.025]);
    expectUsd('firehose.format-conversion-gb', 0.022);
    expectUsd('firehose.vpc-data-gb', 0.01);
    expectUsd('firehose.vpc-az-hour', 0.013);
    expectUsd('s3.put-request', 0.0045, 1000);
    expect(price('kinesis.shard-hour')).toMatchObject({
      as_of: '2025-11-03',
      confidence: 'H',
      source: 'https://b0.p.awsstatic.com/pricing/2.0/meteredUnitMaps/kinesis/USD/current/kinesis.json (published 2025-11-03)',
    });
    // Advantage: no label in the file, so unknown
    expect(d.unknown).toEqual([
      'kinesis.advantage-data-in-gb',
      'kinesis.advantage-data-out-gb',
      'kinesis.advantage-efo-data-gb',
      'kinesis.advantage-retention-gb-month',
      's3.storage-glacier-deep-archive-gb-month',
    ]);
  });

  it('the table shows them too', async () => {
    const r = await runCli(['prices', '--region', 'ap-northeast-2']);
    expect(r.stdout).toMatch(/kinesis\.put-payload-unit\s+│ 0\.0000000204 \(0\.0204 per 1M\)/);
    expect(r.stdout).toMatch(/s3\.put-request\s+│ 0\.0000045 \(0\.0045 per 1K\)/);
  });
});
