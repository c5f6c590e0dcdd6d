// The probability a sweep point reports (risk model's reportedFraction, which skips the expected
// throttled records) is the bits of throttle(shards).fraction, the figure points reported when they
// computed the whole throttle: for every shipped profile, at and around its shard count, with the
// interpolated byte tails sweep points use and with exact ones.

import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { REGION_CODES } from '../../src/prices/regions.js';
import { parseProfile } from '../../src/profile/parse.js';
import { buildRiskModel, type RiskOptions } from '../../src/model/stream/risk-model.js';
import { sizeShards } from '../../src/model/stream/sizing.js';

const dir = new URL('../../profiles/', import.meta.url);

describe('reportedFraction is throttle(shards).fraction to the bit', () => {
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    it(file, () => {
      const profile = parseProfile(readFileSync(new URL(file, dir), 'utf8'), { file, regionCodes: REGION_CODES }).profile!;
      if (profile.stream.mode === 'none') return;
      let compared = 0;
      for (const options of [{ interpolateByteTail: true, details: false }, undefined] as (RiskOptions | undefined)[]) {
        // Two models, each after the sizing that fills its caches as a plan's does.
        const reported = buildRiskModel(profile, options);
        const full = buildRiskModel(profile, options);
        const n = sizeShards(profile, 'provisioned', reported, false).shards;
        sizeShards(profile, 'provisioned', full, false);
        for (const shards of [Math.max(1, Math.floor(n / 2)), n - 1, n, n + 1, 2 * n]) {
          if (shards < 1) continue;
          const a = reported.reportedFraction!(shards);
          const b = full.throttle(shards).fraction;
          expect(Object.is(a, b), `${file} at ${shards} shards: ${a} vs ${b}`).toBe(true);
          compared++;
        }
      }
      expect(compared).toBeGreaterThanOrEqual(8);
    });
  }
});
