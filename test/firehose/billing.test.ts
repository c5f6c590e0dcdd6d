// Monthly cost quantities (drafts): 5 KB rounding per record, price keys, optional features.

import { describe, expect, it } from 'vitest';
import { modelFirehose } from '../../src/model/firehose/delivery.js';
import { billedBytesPerRecord } from '../../src/model/firehose/costs.js';
import type { LineDraft } from '../../src/model/cost/pricing.js';
import { GIB, KIB, MIB } from '../../src/units.js';
import { config, fixedSize, histogram, input, raisedCosine } from './fixtures.js';

const SECONDS_PER_MONTH = 730 * 3600; // 2,628,000
const find = (d: LineDraft[], item: string) => d.find((x) => x.item === item);

describe('5 KB rounding per record', () => {
  it('rounds 3 KB→5 KB, 12 KB→15 KB, 42 KB→45 KB over a histogram', () => {
    // 0.5 × 5,120 + 0.3 × 15,360 + 0.2 × 46,080 = 2,560 + 4,608 + 9,216 = 16,384 B per record.
    const h = histogram([
      { bytes: 3 * KIB, share: 0.5 },
      { bytes: 12 * KIB, share: 0.3 },
      { bytes: 42 * KIB, share: 0.2 },
    ]);
    expect(billedBytesPerRecord(h)).toBeCloseTo(16_384, 9);
    // 1,000 rec/s → 2.628e9 records/month × 16,384 B / 2^30 = 2.628e9 / 65,536 = 40,100.0977 GB.
    const r = modelFirehose(input({ recordsPerSecond: 1000, recordSize: h }));
    expect(find(r.drafts, 'firehose-ingestion')?.quantity).toBeCloseTo(40_100.0977, 3);
  });
  it('bills a 1 KB record as 5 KB', () => {
    // 1 rec/s × 2,628,000 s × 5,120 B / 2^30 = 12.53128 GB (the raw volume is 2.50626 GB).
    const r = modelFirehose(input({ recordsPerSecond: 1, recordSize: fixedSize(1024) }));
    expect(find(r.drafts, 'firehose-ingestion')?.quantity).toBeCloseTo((SECONDS_PER_MONTH * 5120) / GIB, 9);
    expect(find(r.drafts, 'firehose-ingestion')?.quantity).toBeCloseTo(12.53128, 5);
  });
  it('does not round a record of exactly 5,120 B up, and rounds 5,121 B to 10,240 B', () => {
    expect(billedBytesPerRecord(fixedSize(5120))).toBe(5120);
    expect(billedBytesPerRecord(fixedSize(5121))).toBe(10_240);
  });
});

describe('price keys and units', () => {
  it('uses the stream-source key for source: stream and the Direct PUT key for direct-put', () => {
    const s = modelFirehose(input());
    const d = modelFirehose(input({ config: config({ source: 'direct-put' }) }));
    expect(find(s.drafts, 'firehose-ingestion')?.priceKey).toBe('firehose.stream-source-ingestion-gb');
    expect(find(d.drafts, 'firehose-ingestion')?.priceKey).toBe('firehose.direct-put-ingestion-gb');
    expect(find(s.drafts, 'firehose-ingestion')?.unit).toBe('GB');
  });
  it('names the delivery stream as resource on every draft', () => {
    const r = modelFirehose(
      input({ config: config({ name: 'logs', formatConversion: 'parquet', bufferSizeBytes: 128 * MIB, vpc: { subnets: 2 }, dynamicPartitioning: { partitions: 10, jq: true } }) }),
    );
    expect(r.drafts.length).toBe(8);
    for (const d of r.drafts) expect(d.resource).toBe('logs');
  });
});

describe('optional features', () => {
  // 1,024 rec/s × 1 KiB: raw 1 MiB/s → 2,628,000 MiB/month = 2,566.40625 GB raw; billed ×5 = 12,832.03125 GB.
  const RAW_GB = 2_628_000 / 1024;
  const BILLED_GB = RAW_GB * 5;

  it('format conversion bills the 5 KB-rounded GB', () => {
    const r = modelFirehose(input({ config: config({ formatConversion: 'orc', bufferSizeBytes: 128 * MIB }) }));
    expect(find(r.drafts, 'firehose-format-conversion')?.quantity).toBeCloseTo(BILLED_GB, 6);
    expect(find(r.drafts, 'firehose-format-conversion')?.priceKey).toBe('firehose.format-conversion-gb');
  });
  it('no format-conversion line without format conversion', () => {
    expect(find(modelFirehose(input()).drafts, 'firehose-format-conversion')).toBeUndefined();
  });
  it('VPC delivery: raw GB and subnets × 730 AZ-hours', () => {
    const r = modelFirehose(input({ config: config({ vpc: { subnets: 3 } }) }));
    expect(find(r.drafts, 'firehose-vpc-data')?.quantity).toBeCloseTo(RAW_GB, 6);
    expect(find(r.drafts, 'firehose-vpc-az-hours')?.quantity).toBe(2190);
    expect(find(r.drafts, 'firehose-vpc-az-hours')?.unit).toBe('AZ-hour');
  });
  it('dynamic partitioning: raw GB, objects/month, and 730 JQ hours only with jq', () => {
    // 4 partitions × 256 KiB/s: 5 MiB fills in 20 s → 4 × 4,320 = 17,280 objects/day → × 730/24 = 525,600 objects/month.
    const withJq = modelFirehose(input({ config: config({ dynamicPartitioning: { partitions: 4, jq: true } }) }));
    expect(find(withJq.drafts, 'firehose-dynamic-partitioning-data')?.quantity).toBeCloseTo(RAW_GB, 6);
    expect(find(withJq.drafts, 'firehose-dynamic-partitioning-objects')?.quantity).toBeCloseTo(525_600, 3);
    expect(find(withJq.drafts, 'firehose-jq-hours')?.quantity).toBe(730);
    const noJq = modelFirehose(input({ config: config({ dynamicPartitioning: { partitions: 4, jq: false } }) }));
    expect(find(noJq.drafts, 'firehose-jq-hours')).toBeUndefined();
  });
  it('S3 PUT requests = objects/month for S3 and Redshift, none for other destinations', () => {
    // 1 MiB/s, 5 MiB → 17,280 objects/day → 525,600 requests/month.
    for (const destination of ['s3', 'redshift'] as const) {
      const r = modelFirehose(input({ config: config({ destination }) }));
      const d = find(r.drafts, 's3-put-requests');
      expect(d?.quantity).toBeCloseTo(525_600, 3);
      expect(d?.service).toBe('s3');
      expect(d?.priceKey).toBe('s3.put-request');
    }
    for (const destination of ['opensearch', 'splunk', 'http', 'snowflake'] as const) {
      const r = modelFirehose(input({ config: config({ destination, bufferIntervalSeconds: 60 }) }));
      expect(find(r.drafts, 's3-put-requests')).toBeUndefined();
    }
  });
});

describe('daily curve', () => {
  it("keeps the month's volume and changes the object count", () => {
    // 64 rec/s × 1 KiB, 5 MiB / 300 s. Flat: 64 KiB/s → 80 s (size), 1,080 objects/day.
    // Curve ±0.9: quiet hours flush on the 300 s interval, so objects/day differ.
    const flat = modelFirehose(input({ recordsPerSecond: 64 }));
    const curved = modelFirehose(input({ recordsPerSecond: 64, dailyCurve: raisedCosine(0.9, 12) }));
    expect(find(curved.drafts, 'firehose-ingestion')?.quantity).toBeCloseTo(find(flat.drafts, 'firehose-ingestion')?.quantity ?? 0, 6);
    expect(flat.report.objects_per_day).toBeCloseTo(1_080, 9);
    expect(curved.report.objects_per_day).not.toBeCloseTo(1_080, 0);
    expect(find(curved.drafts, 's3-put-requests')?.quantity).toBeCloseTo((curved.report.objects_per_day * 730) / 24, 6);
  });
});

describe('curve mean within the ±1% the profile allows', () => {
  it('sums the day hour by hour: a curve of mean 1.01 bills 1% more', () => {
    // Month = day summed × 730/24 (docs/cost.md), so the curve's actual mean scales the volume.
    const flat = modelFirehose(input());
    const high = modelFirehose(input({ dailyCurve: new Array<number>(24).fill(1.01) }));
    expect(find(high.drafts, 'firehose-ingestion')?.quantity).toBeCloseTo((find(flat.drafts, 'firehose-ingestion')?.quantity ?? 0) * 1.01, 6);
  });
});
