// iot-fleet (KPL aggregation): more peak with the same average once made the on-demand alternative
// cheaper ($18,721.77 at 61,000/s, $18,643.75 at 76,000/s), because AWS's larger estimated capacity
// split the aggregates below the 1 KiB billing unit. Splitting the same bytes never bills less.

import { describe, expect, test } from 'vitest';
import type { Report } from '../../src/report/types.js';
import { runCli } from '../helpers/io.js';

async function onDemandMonthly(peak: number): Promise<number> {
  const r = await runCli(['size', 'profiles/iot-fleet.yaml', '--region', 'us-east-1', '--format', 'json', '--set', `traffic.peak_records_per_second=${peak}`]);
  expect(r.code, r.stderr).toBe(0);
  const report = JSON.parse(r.stdout) as Report;
  const alt = report.results[0]!.alternatives.find((a) => a.mode === 'on-demand');
  return alt!.known_monthly_usd;
}

describe('KPL billing is monotone in the peak', () => {
  test('iot-fleet: the on-demand alternative never falls as the peak rises from 61,000 to 76,000 records/s', async () => {
    let prev = 0;
    for (const peak of [61_000, 66_000, 71_000, 76_000]) {
      const monthly = await onDemandMonthly(peak);
      expect(monthly).toBeGreaterThanOrEqual(prev);
      prev = monthly;
    }
  });
});
