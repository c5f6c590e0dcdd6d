// The interpolated byte tail (tail-grid.ts) against the exact recursion at the same mean: never
// below it, and above it by at most 0.2%, over means where the tail is between 1e-14 and 0.5.

import { afterAll, describe, expect, it } from 'vitest';
import { compoundByteTail, sizeLattice, type RecordSizeLaw } from '../../src/model/risk/compound.js';
import { interpolatedByteTail } from '../../src/model/risk/tail-grid.js';
import { Rng } from '../../src/model/risk/rng.js';
import { DEEP } from '../helpers/depth.js';

const MiB = 1_048_576;

/** The lognormal with this mean and 99th percentile (ln(p99/mean) = zσ − σ²/2, smaller root). */
function lognormal(average: number, p99: number, key: number): RecordSizeLaw {
  const z = 2.3263478740408408;
  const sigma = z - Math.sqrt(z * z - 2 * Math.log(p99 / average));
  return { kind: 'lognormal', meanBytes: average, sigma, extraBytes: key };
}

const LAWS: [string, RecordSizeLaw][] = [
  ['fastapi-logs (lognormal 1.2 KiB, p99 8 KiB)', lognormal(1228.8, 8192, 36)],
  ['clickstream (lognormal 700 B, p99 2 KiB)', lognormal(700, 2048, 24)],
  ['fanout mix (2 / 6 / 30 KiB)', { kind: 'atoms', bytes: [2080, 6176, 30752], shares: [0.7, 0.25, 0.05] }],
  ['histogram on billing boundaries', { kind: 'atoms', bytes: [1040, 5136, 25616], shares: [0.6, 0.3, 0.1] }],
  ['2 / 8 KB mix', { kind: 'atoms', bytes: [2024, 8024], shares: [0.8, 0.2] }],
];

describe('interpolated byte tail vs the exact recursion', () => {
  let worst = 1;
  afterAll(() => {
    if (DEEP) console.log(`largest interpolated ÷ exact: ${worst}`);
  });
  for (const [name, law] of LAWS) {
    for (const k of [10, 50, Infinity]) {
      it(`${name}, k = ${k}: exact ≤ interpolated ≤ 1.002 × exact`, () => {
        const lat = sizeLattice(law, MiB);
        // The means whose exact tail is 1e-13 and 0.5, by bisection; samples between them, even in ln μ.
        const at = (target: number): number => {
          let lo = 0;
          let hi = (2 * MiB) / lat.meanBytes;
          for (let i = 0; i < 40; i++) {
            const mid = (lo + hi) / 2;
            if (compoundByteTail(lat, mid, k).over < target) lo = mid;
            else hi = mid;
          }
          return hi;
        };
        const from = Math.log(at(1e-13));
        const to = Math.log(at(0.5));
        const rng = new Rng(7, Math.round(lat.meanBytes) + (Number.isFinite(k) ? k : 0));
        const n = DEEP ? 200 : 12;
        let checked = 0;
        const ratios: number[] = [];
        for (let s = 0; s < n; s++) {
          const mu = Math.exp(from + (to - from) * rng.nextFloat());
          const exact = compoundByteTail(lat, mu, k);
          if (!(exact.over >= 1e-14 && exact.over <= 0.5)) continue;
          const got = interpolatedByteTail(lat, mu, k);
          expect(got.over).toBeGreaterThanOrEqual(exact.over);
          expect(got.over).toBeLessThanOrEqual(exact.over * 1.002);
          expect(got.excessBytes).toBeGreaterThanOrEqual(exact.excessBytes);
          expect(got.excessBytes).toBeLessThanOrEqual(exact.excessBytes * 1.002);
          ratios.push(got.over / exact.over, got.excessBytes / exact.excessBytes);
          checked++;
        }
        expect(checked).toBeGreaterThan(n / 2);
        worst = Math.max(worst, ...ratios);
      });
    }
  }
});
