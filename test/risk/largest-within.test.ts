// The μ* search behind fast throttle checks: the largest shard mean whose throttle probability is
// within the target, to MU_STAR_TOLERANCE (1e-7) relative, in few evaluations.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MU_STAR_TOLERANCE, largestWithin } from '../../src/model/stream/risk-model.js';
import { secondThrottleProbability } from '../../src/model/risk/throttle.js';
import { runs } from '../helpers/depth.js';

const MIB = 1024 * 1024;

/** Checks the bracket contract: p(x) ≤ maxRate and p just above x is not (unless x is the cap). */
function expectBracket(p: (x: number) => number, cap: number, maxRate: number): number {
  let calls = 0;
  const counted = (x: number) => {
    calls++;
    return p(x);
  };
  const x = largestWithin(counted, cap, maxRate);
  expect(x).toBeGreaterThanOrEqual(0);
  expect(x).toBeLessThanOrEqual(cap);
  expect(p(x)).toBeLessThanOrEqual(maxRate);
  if (x < cap) expect(p(Math.min(cap, x + MU_STAR_TOLERANCE * cap + MU_STAR_TOLERANCE * x))).toBeGreaterThan(maxRate);
  return calls;
}

describe('largestWithin', () => {
  it('finds the boundary of shard throttle probabilities in at most 16 evaluations', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 50, max: 20_000, noNaN: true }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        fc.oneof(fc.constant(Infinity), fc.double({ min: 0.5, max: 500, noNaN: true })),
        fc.constantFrom(1e-2, 1e-3, 1e-4, 1e-6, 1e-9),
        (bytes, sdRatio, dispersion, maxRate) => {
          const settings = { recordsCap: 1000, bytesCap: MIB, bytesPerRecordMean: bytes, bytesPerRecordSd: bytes * sdRatio, dispersion };
          const p = (mu: number) => secondThrottleProbability({ ...settings, meanRecordsPerSecond: mu }).probability;
          const cap = Math.min(settings.recordsCap, settings.bytesCap / bytes);
          expect(expectBracket(p, cap, maxRate)).toBeLessThanOrEqual(16);
        },
      ),
      { numRuns: runs(200) },
    );
  });

  it('handles steps, flat zeros and targets of 0 or 1', () => {
    const step = (at: number) => (x: number) => (x > at ? 1 : 0);
    expectBracket(step(37.5), 100, 1e-3);
    expectBracket(step(99.999), 100, 0.5);
    expectBracket(() => 0, 100, 0);
    expect(largestWithin(() => 0.2, 100, 1)).toBe(100);
    expectBracket((x) => (x < 10 ? 0 : Math.min(1, (x - 10) ** 4)), 50, 1e-12);
  });
});
