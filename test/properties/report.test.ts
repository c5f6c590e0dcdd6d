// Bookkeeping of the report: cost lines sum to the totals, a report diffed with itself is zero,
// and the same seed gives the same bytes.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { diffReports, type NumberChange } from '../../src/model/gate/diff.js';
import { plan } from '../../src/model/plan.js';
import { runCli } from '../helpers/io.js';
import { CATALOGUE, RUNS, makeProfile, profilePatch } from './arbitraries.js';
import { DEEP } from '../helpers/depth.js';

const modes = fc.constantFrom('provisioned', 'on-demand', 'on-demand-advantage', 'none') as fc.Arbitrary<'provisioned' | 'on-demand' | 'on-demand-advantage' | 'none'>;

describe('report bookkeeping', () => {
  test('Σ priced lines === known_monthly_usd exactly, = monthly_usd when all are priced (else null); hourly × 730 ≈ monthly; daily = hourly × 24', () => {
    fc.assert(
      fc.property(
        profilePatch,
        modes,
        fc.constantFrom('us-east-1', 'ap-northeast-1', 'us-east-1,ap-northeast-1').map((r) => r.split(',')),
        (patch, mode, regions) => {
          // 'none' needs a Firehose to have anything to price; the others may have one.
          const profile = makeProfile({ ...patch, regions, stream: { ...patch.stream, mode } });
          const report = plan(profile, CATALOGUE, { explain: false });
          for (const r of report.results) {
            const sum = r.cost.lines.reduce((s, l) => s + (l.monthly_usd ?? 0), 0);
            expect(sum).toBe(r.cost.known_monthly_usd);
            const unpriced = r.cost.lines.filter((l) => l.monthly_usd === null);
            // Unknown is never $0: an unpriced line keeps its quantity and makes every total null.
            expect(unpriced.length > 0).toBe(r.cost.unknown.length > 0);
            for (const l of unpriced) expect(l.unit_price_usd === null && l.quantity > 0 && r.cost.unknown.includes(l.item)).toBe(true);
            if (unpriced.length > 0) {
              expect([r.cost.monthly_usd, r.cost.daily_usd, r.cost.hourly_usd]).toEqual([null, null, null]);
              for (const a of r.alternatives) if ((a.unknown ?? []).length > 0) expect(a.monthly_usd).toBeNull();
              continue;
            }
            expect(sum).toBe(r.cost.monthly_usd);
            expect(Math.abs(r.cost.hourly_usd! * 730 - r.cost.monthly_usd!)).toBeLessThanOrEqual(1e-12 * Math.max(1, r.cost.monthly_usd!));
            expect(r.cost.daily_usd).toBe(r.cost.hourly_usd! * 24);
            for (const l of r.cost.lines) expect(Number.isFinite(l.monthly_usd) && l.monthly_usd! >= 0).toBe(true);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  test('a report diffed with itself has only zero changes', () => {
    const zero = (c: NumberChange, what: string) => {
      // An unknown figure on both sides: the change is unknown, not zero.
      if (c.change === null) {
        expect([c.base, c.head, c.percent], what).toEqual([null, null, null]);
        return;
      }
      expect(c.change, what).toBe(0);
      expect(c.base, what).toBe(c.head);
      expect(c.percent === null || c.percent === 0, what).toBe(true);
    };
    fc.assert(
      fc.property(profilePatch, modes, (patch, mode) => {
        const report = plan(makeProfile({ ...patch, stream: { ...patch.stream, mode } }), CATALOGUE, { explain: false });
        // A copy, so nothing can pass by identity.
        const d = diffReports(report, structuredClone(report));
        expect(d.changed).toBe(false);
        for (const t of [d.totals.hourly_usd, d.totals.daily_usd, d.totals.monthly_usd]) zero(t, 'totals');
        for (const r of d.regions) {
          expect(r.status).toBe('unchanged');
          for (const t of [r.mode, r.binding_constraint, r.throttle_level]) expect(t.changed).toBe(false);
          for (const c of [r.shards, r.write_throttled_fraction, r.cost.hourly_usd, r.cost.daily_usd, r.cost.monthly_usd]) zero(c, r.region);
          for (const l of r.cost.lines) {
            expect(l.status).toBe('unchanged');
            for (const c of [l.quantity, l.unit_price_usd, l.monthly_usd]) zero(c, l.item);
          }
          for (const f of r.firehose) expect(f.status).toBe('unchanged');
          expect(r.cost.unknown.added).toEqual([]);
          expect(r.cost.unknown.removed).toEqual([]);
        }
      }),
      { numRuns: RUNS },
    );
  });

  // Through the CLI with the simulation on: each run simulates a day of the hot shards twice
  // (~0.5 s), so 10 runs rather than 1,000.
  test('the same seed gives the same bytes (size --simulate --seed, 10 runs)', async () => {
    const root = resolve(import.meta.dirname, '../..');
    // fastapi-logs' simulated day costs ~2 s (its sizes drawn from the law); clickstream draws from a
    // lognormal too, at a fifth of the cost: npm test takes it and direct-put, test:deep all three.
    const names = DEEP ? ['fastapi-logs', 'clickstream', 'direct-put'] : ['clickstream', 'direct-put'];
    const profiles = names.map((n) => readFileSync(resolve(root, 'profiles', `${n}.yaml`), 'utf8'));
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: profiles.length - 1 }), fc.nat({ max: 2 ** 31 }), fc.double({ min: 0.5, max: 1.5, noNaN: true }), async (which, seed, k) => {
        const text = profiles[which]!;
        const rps = Number(/records_per_second: (\d+)/.exec(text)![1]);
        const peak = Number(/peak_records_per_second: (\d+)/.exec(text)?.[1] ?? rps);
        const argv = [
          'size',
          'p.yaml',
          '--format',
          'json',
          '--simulate',
          '--seed',
          String(seed),
          `--set=traffic.records_per_second=${rps * k}`,
          `--set=traffic.peak_records_per_second=${peak * k}`,
        ];
        const a = await runCli(argv, { files: { 'p.yaml': text }, disk: false });
        const b = await runCli(argv, { files: { 'p.yaml': text }, disk: false });
        expect(a.code, a.stderr).toBe(0);
        expect(b.stdout).toBe(a.stdout);
        expect(b.stderr).toBe(a.stderr);
      }),
      // Each run simulates a day twice: three in npm test, ten in test:deep.
      { numRuns: DEEP ? 10 : 3 },
    );
  });
});
