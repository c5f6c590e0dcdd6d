// Sources: Direct PUT quotas per Region at peak traffic; the stream source has none; record size limit.

import { describe, expect, it } from 'vitest';
import { modelFirehose } from '../../src/model/firehose/delivery.js';
import { checkDirectPut, directPutDemand, directPutQuota } from '../../src/model/firehose/quotas.js';
import { KIB, MIB } from '../../src/units.js';
import { codes, config, fixedSize, histogram, input } from './fixtures.js';

const directPut = config({ source: 'direct-put' });

describe('quota table', () => {
  it('5 MiB/s, 2,000 req/s, 500,000 rec/s in the three large Regions', () => {
    for (const r of ['us-east-1', 'us-west-2', 'eu-west-1']) {
      expect(directPutQuota(r)).toEqual({ recordsPerSecond: 500_000, requestsPerSecond: 2_000, bytesPerSecond: 5 * MIB });
    }
  });
  it('1 MiB/s, 1,000 req/s, 100,000 rec/s in the other listed Regions', () => {
    for (const r of ['us-east-2', 'ap-northeast-1', 'eu-central-1', 'sa-east-1', 'eu-south-1']) {
      expect(directPutQuota(r)).toEqual({ recordsPerSecond: 100_000, requestsPerSecond: 1_000, bytesPerSecond: 1 * MIB });
    }
  });
  it('no figure for an unlisted Region', () => {
    expect(directPutQuota('ap-southeast-3')).toBeUndefined();
  });
});

describe('PutRecordBatch packing', () => {
  it('full batches of 500 small records', () => {
    // 3,000 rec/s of 1 KiB → 500 per call → 6 requests/s.
    expect(directPutDemand(3000, KIB)).toMatchObject({ recordsPerCall: 500, requestsPerSecond: 6 });
  });
  it('4 MiB caps the batch for large records', () => {
    // 100 KiB records: floor(4,096 / 100) = 40 per call; 400 rec/s → 10 requests/s.
    expect(directPutDemand(400, 100 * KIB)).toMatchObject({ recordsPerCall: 40, requestsPerSecond: 10 });
  });
});

describe('breach in a 1 MiB/s Region', () => {
  // Peak 3,000 rec/s × 1 KiB = 2.93 MiB/s in ap-northeast-1 (1 MiB/s): bytes bind at 293%.
  // Rounded up to a whole MiB/s: 3 MiB/s = ×3 → 3,000 requests/s, 300,000 records/s.
  const r = modelFirehose(input({ region: 'ap-northeast-1', recordsPerSecond: 500, peakRecordsPerSecond: 3000, config: directPut }));
  it('checks the peak, not the average', () => {
    // The average (0.49 MiB/s) would fit.
    const dp = r.report.direct_put as { level: string; binding: string; increase_multiple: number };
    expect(dp.level).toBe('exceeded');
    expect(dp.binding).toBe('bytes');
    expect(dp.increase_multiple).toBe(3);
  });
  it('names the increase to request', () => {
    const w = r.report.warnings.find((x) => x.code === 'direct-put-quota-exceeded');
    expect(w?.message).toContain('×3');
    expect(w?.message).toContain('3 MiB/s');
    expect(w?.message).toContain('3,000 requests/s');
    expect(w?.message).toContain('300,000 records/s');
  });
  it('the same traffic fits in us-east-1 (58.6% of 5 MiB/s)', () => {
    const e = modelFirehose(input({ region: 'us-east-1', recordsPerSecond: 500, peakRecordsPerSecond: 3000, config: directPut }));
    expect(codes(e.report.warnings).filter((c) => c.startsWith('direct-put'))).toEqual([]);
    expect((e.report.direct_put as { level: string }).level).toBe('ok');
  });
  it('warns near the quota (90% of 5 MiB/s)', () => {
    // 4,608 rec/s × 1 KiB = 4.5 MiB/s.
    const c = checkDirectPut('us-east-1', 4608, KIB);
    expect(c.level).toBe('near');
    const e = modelFirehose(input({ region: 'us-east-1', peakRecordsPerSecond: 4608, config: directPut }));
    expect(codes(e.report.warnings)).toContain('direct-put-quota-near');
  });
  it('says the quota is unknown in an unlisted Region', () => {
    const e = modelFirehose(input({ region: 'ap-southeast-3', config: directPut }));
    expect(codes(e.report.warnings)).toContain('direct-put-quota-unknown');
    expect((e.report.direct_put as { level: string }).level).toBe('unknown');
  });
});

describe('source: stream', () => {
  it('has no Direct PUT quota, whatever the rate', () => {
    const r = modelFirehose(input({ region: 'ap-northeast-1', recordsPerSecond: 100_000, peakRecordsPerSecond: 200_000 }));
    expect(r.report.direct_put).toBeNull();
    expect(codes(r.report.warnings).filter((c) => c.startsWith('direct-put'))).toEqual([]);
  });
  it('adds the 1 s poll to latency; Direct PUT does not', () => {
    const s = modelFirehose(input());
    const d = modelFirehose(input({ config: directPut }));
    expect(s.report.latency_seconds - d.report.latency_seconds).toBeCloseTo(1, 12);
  });
});

describe('record size limit', () => {
  it('warns record-too-large when the largest bucket is over 1,000 KiB', () => {
    const h = histogram([
      { bytes: 2 * KIB, share: 0.99 },
      { bytes: 2 * MIB, share: 0.01 },
    ]);
    const r = modelFirehose(input({ recordSize: h }));
    const w = r.report.warnings.find((x) => x.code === 'record-too-large');
    expect(w?.message).toContain('1% of records');
    expect(w?.message).toContain('refuses');
  });
  it('1,000 KiB exactly is accepted', () => {
    const r = modelFirehose(input({ recordsPerSecond: 1, recordSize: fixedSize(1000 * KIB) }));
    expect(codes(r.report.warnings)).not.toContain('record-too-large');
  });
});
