// On-demand traffic above the capacity AWS holds: every throttle figure follows the throttled share
// while capacity doubles (a new stream absorbs 4 MiB/s and 4,000 records/s).

import { describe, expect, it } from 'vitest';
import { plan } from '../../src/model/plan.js';
import { fixedSize, makeProfile } from '../helpers/profile.js';
import { testCatalogue } from '../helpers/catalogue.js';

describe('on-demand above its capacity', () => {
  it('limit, throttled records, the day and the attribution agree with the throttled share', () => {
    const curve = [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 1, 1, 1, 1, 1.5, 1.5, 1.5, 1.5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
    const scale = 24 / curve.reduce((a, b) => a + b, 0);
    const p = makeProfile({
      traffic: {
        recordsPerSecond: 1500,
        peakRecordsPerSecond: 4000,
        recordSize: fixedSize(1200),
        partitionKeyBytes: 36,
        dailyCurve: curve.map((x) => x * scale),
        burstiness: { level: 'medium', dispersion: 50 },
      },
      stream: { mode: 'on-demand', targetUtilization: 0.8 },
    });
    const r = plan(p, testCatalogue(), { explain: false }).results[0]!;
    const t = r.stream!.throttle as Record<string, unknown>;
    // Independent: 4,000 × 1,236 B/s against 4 MiB/s; the records (4,000/s) fit 4,000/s.
    const over = (4000 * 1236) / (4 * 1024 * 1024);
    const share = 1 - 1 / over;
    expect(r.stream!.throttle.write_throttled_fraction_at_peak).toBeCloseTo(share, 12);
    expect(t.bytes_limit_share).toBe(1);
    expect(t.records_limit_share).toBe(0);
    const shards = r.stream!.shards;
    expect(t.expected_throttled_records_per_second_at_peak as number).toBeCloseTo((share * 4000) / shards, 9);
    const daily = t.daily as Record<string, number>;
    expect(daily.p_any_throttle).toBe(1);
    // One doubling step (over < 2): 15 minutes at the peak with `share` of writes above capacity.
    expect(daily.expected_throttled_records_per_day).toBeCloseTo(4000 * share * 900, 6);
    expect(t.attribution).toEqual([{ cause: 'on-demand-capacity', share: 1, risk_without: expect.any(Number) }]);
  });
});
