// The S3 bill of delivered objects: steady-state storage of a lifecycle, minimum storage durations,
// tiered Standard prices and GET requests. Expected figures are worked by hand here.

import { describe, expect, it } from 'vitest';
import { modelFirehose } from '../../src/model/firehose/delivery.js';
import { costReport, priceLines } from '../../src/model/cost/pricing.js';
import type { S3Config } from '../../src/profile/types.js';
import { testCatalogue } from '../helpers/catalogue.js';
import { codes, config, fixedSize, input } from './fixtures.js';

const DAY = 86_400;
const TIB = 2 ** 40;
const us = testCatalogue().regions['us-east-1'];

/** A delivery stream of `tibPerDay` TiB a day (1 KiB records, no compression) with this S3 config. */
function deliver(tibPerDay: number, s3: S3Config) {
  const recordsPerSecond = (tibPerDay * TIB) / DAY / 1024;
  return modelFirehose(input({ recordsPerSecond, recordSize: fixedSize(1024), config: config({ bufferSizeBytes: 128 * 2 ** 20, bufferIntervalSeconds: 900, s3 }) }));
}
const keep = (days: number | null, transitions: S3Config['transitions'] = [], gets = 0): S3Config => ({
  retentionSeconds: days === null ? null : days * DAY,
  transitions,
  getRequestsPerObject: gets,
});
const storageLines = (r: ReturnType<typeof deliver>) => r.drafts.filter((d) => d.item === 's3-storage');

describe('steady-state storage', () => {
  it('1 TiB a day kept 30 days holds 30 TiB (30,720 GB), priced on the first Standard tier', () => {
    const r = deliver(1, keep(30));
    expect(r.report.s3?.delivered_gb_per_day).toBeCloseTo(1024, 6);
    expect(r.report.s3?.stored_gb).toBeCloseTo(30 * 1024, 6);
    const lines = storageLines(r);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ service: 's3', unit: 'GB-month', priceKey: 's3.storage-standard-gb-month', resource: 'fh:standard' });
    const cost = costReport(priceLines(r.drafts, us));
    expect(cost.lines.find((l) => l.item === 's3-storage')?.monthly_usd).toBeCloseTo(30_720 * 0.023, 6);
  });

  it('20 TiB a day kept 30 days (600 TiB) spans the three Standard tiers', () => {
    const r = deliver(20, keep(30));
    const gb = 20 * 1024 * 30; // 614,400 GB
    const expected = 51_200 * 0.023 + (512_000 - 51_200) * 0.022 + (gb - 512_000) * 0.021;
    const cost = costReport(priceLines(r.drafts, us));
    const line = cost.lines.find((l) => l.item === 's3-storage');
    expect(line?.monthly_usd).toBeCloseTo(expected, 4);
    expect(line?.tiers).toHaveLength(3);
  });

  it('a lifecycle splits the days by class and bills objects that leave early for the minimum', () => {
    // 30 d Standard, 30 d Standard-IA (min 30), then Glacier IR from day 60 until deletion at 90: 30 d held, 90 d billed.
    const r = deliver(
      1,
      keep(90, [
        { afterSeconds: 30 * DAY, storageClass: 'standard-ia' },
        { afterSeconds: 60 * DAY, storageClass: 'glacier-ir' },
      ]),
    );
    expect(r.report.s3?.stored_gb).toBeCloseTo(90 * 1024, 6);
    const q = Object.fromEntries(storageLines(r).map((d) => [d.priceKey, d.quantity]));
    expect(q).toEqual({
      's3.storage-standard-gb-month': expect.closeTo(30 * 1024, 6),
      's3.storage-standard-ia-gb-month': expect.closeTo(30 * 1024, 6),
      's3.storage-glacier-ir-gb-month': expect.closeTo(90 * 1024, 6),
    });
    const cost = costReport(priceLines(r.drafts, us));
    expect(cost.known_monthly_usd).toBeGreaterThan(0);
    const storage = cost.lines.filter((l) => l.item === 's3-storage').reduce((s, l) => s + (l.monthly_usd ?? NaN), 0);
    expect(storage).toBeCloseTo(30_720 * 0.023 + 30_720 * 0.0125 + 92_160 * 0.004, 6);
  });

  it('Deep Archive: 29 days held, 180 billed; without its price the line is unknown, never $0', () => {
    const r = deliver(1, keep(30, [{ afterSeconds: 1 * DAY, storageClass: 'glacier-deep-archive' }]));
    const deep = storageLines(r).find((d) => d.priceKey === 's3.storage-glacier-deep-archive-gb-month');
    expect(deep?.quantity).toBeCloseTo(180 * 1024, 6);
    const cost = costReport(priceLines(r.drafts, us));
    expect(cost.unknown).toContain('s3-storage');
    const deepLine = cost.lines.find((u) => u.resource === 'fh:glacier-deep-archive');
    expect(deepLine?.monthly_usd).toBeNull();
    expect(deepLine?.quantity).toBeCloseTo(180 * 1024, 6);
  });

  it('forever: no steady state; priced at one year of delivery, with a warning', () => {
    const r = deliver(1, keep(null));
    expect(r.report.s3?.stored_gb).toBeCloseTo(365 * 1024, 6);
    expect(r.report.s3?.retention_days).toBeNull();
    expect(codes(r.report.warnings)).toContain('s3-retention-forever');
  });
});

describe('GET requests', () => {
  it('objects/month × reads per object, at the Standard GET price', () => {
    const r = deliver(1, keep(30, [], 3));
    // 1 TiB/day in 128 MiB objects (size-triggered) = 8,192 objects/day.
    expect(r.report.objects_per_day).toBeCloseTo(8192, 6);
    const gets = r.drafts.find((d) => d.item === 's3-get-requests');
    expect(gets?.quantity).toBeCloseTo(((8192 * 730) / 24) * 3, 6);
    const cost = costReport(priceLines(r.drafts, us));
    expect(cost.lines.find((l) => l.item === 's3-get-requests')?.monthly_usd).toBeCloseTo(((8192 * 730) / 24) * 3 * 0.0000004, 9);
  });
  it('no reads, no line', () => {
    expect(deliver(1, keep(30)).drafts.some((d) => d.item === 's3-get-requests')).toBe(false);
  });
});
