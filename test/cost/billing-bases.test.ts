// Billing bases of the Kinesis cost lines (docs/cost.md). The expected quantities are written out
// from the traffic by hand: bytes per second × 2,628,000 s ÷ 2^30, not through the model's volumes.

import { describe, expect, it } from 'vitest';
import { kinesisDrafts } from '../../src/model/cost/kinesis.js';
import { fixedSize, makeProfile } from '../helpers/profile.js';

const SECONDS_PER_MONTH = 730 * 3600;
const GIB = 2 ** 30;
const qty = (drafts: { item: string; quantity: number }[], item: string) => drafts.find((d) => d.item === item)?.quantity;

describe('1,000 records/s of 100 B, 200 h retention', () => {
  const profile = makeProfile({ traffic: { recordsPerSecond: 1000, peakRecordsPerSecond: 1000, recordSize: fixedSize(100) }, stream: { retentionHours: 200 } });
  // payload stored an hour: 100 B × 1,000/s × 3,600 s; 32 h of it beyond 7 days
  const payloadLongTermGbMonth = (100 * 1000 * 3600 * 32) / GIB;
  const roundedLongTermGbMonth = (1024 * 1000 * 3600 * 32) / GIB;

  it('long-term retention is on the payload stored in every mode: 10.73 GB-month, not 109.86', () => {
    expect(payloadLongTermGbMonth).toBeCloseTo(10.73, 2);
    expect(roundedLongTermGbMonth).toBeCloseTo(109.86, 2);
    for (const mode of ['provisioned', 'on-demand'] as const) {
      expect(qty(kinesisDrafts(profile, mode, 1).drafts, 'long-term-retention'), mode).toBeCloseTo(payloadLongTermGbMonth, 9);
    }
  });

  it('on-demand extended retention (24 h–7 d) and Advantage retention are on the payload too', () => {
    expect(qty(kinesisDrafts(profile, 'on-demand', 1).drafts, 'extended-retention')).toBeCloseTo((100 * 1000 * 3600 * 144) / GIB, 9);
    expect(qty(kinesisDrafts(profile, 'on-demand-advantage', 1).drafts, 'extended-retention')).toBeCloseTo((100 * 1000 * 3600 * 176) / GIB, 9);
  });

  it('on-demand data in is rounded to 1 KB per record; data out and EFO data are per GB read', () => {
    const p = makeProfile({
      traffic: { recordsPerSecond: 1000, peakRecordsPerSecond: 1000, recordSize: fixedSize(100) },
      consumers: [{ efo: false }, { efo: false }, { efo: true }],
    });
    const d = kinesisDrafts(p, 'on-demand', 4).drafts;
    expect(qty(d, 'on-demand-data-in')).toBeCloseTo((1024 * 1000 * SECONDS_PER_MONTH) / GIB, 9);
    expect(qty(d, 'on-demand-data-out')).toBeCloseTo((2 * 100 * 1000 * SECONDS_PER_MONTH) / GIB, 9);
    expect(qty(d, 'on-demand-efo-data')).toBeCloseTo((100 * 1000 * SECONDS_PER_MONTH) / GIB, 9);
  });
});
