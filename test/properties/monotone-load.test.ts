// More traffic or bigger records never need fewer shards nor cost less. Provisioned mode on both
// sides, sized automatically, so the same mode is compared.

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { ProfilePatch } from '../helpers/profile.js';
import { DEEP } from '../helpers/depth.js';
import { COUNTEREXAMPLES, MAX_RECORD, RUNS, makeProfile, profilePatch, provisioned } from './arbitraries.js';

const scale = fc.oneof(fc.constant(1), fc.double({ min: 1, max: 4, noNaN: true }), fc.constantFrom(1.0000001, 2, 10));

function moreTraffic(patch: ProfilePatch, k: number): void {
  const a = provisioned(makeProfile(patch));
  const b = provisioned(
    makeProfile({
      ...patch,
      traffic: { ...patch.traffic, recordsPerSecond: patch.traffic!.recordsPerSecond! * k, peakRecordsPerSecond: patch.traffic!.peakRecordsPerSecond! * k },
    }),
  );
  expect(b.shards).toBeGreaterThanOrEqual(a.shards);
  expect(b.monthly).toBeGreaterThanOrEqual(a.monthly);
}

function biggerRecords(patch: ProfilePatch, k: number): void {
  const size = patch.traffic!.recordSize!;
  const buckets = size.buckets.map((b) => ({ bytes: Math.min(MAX_RECORD, Math.round(b.bytes * k)), share: b.share }));
  const bigger = { ...size, buckets, averageBytes: buckets.reduce((s, b) => s + b.bytes * b.share, 0) };
  const a = provisioned(makeProfile(patch));
  const b = provisioned(makeProfile({ ...patch, traffic: { ...patch.traffic, recordSize: bigger } }));
  expect(b.shards).toBeGreaterThanOrEqual(a.shards);
  expect(b.monthly).toBeGreaterThanOrEqual(a.monthly);
}

/** More peak with the average unchanged, or more average up to the peak: never fewer shards nor less cost. */
function morePeakOrAverage(patch: ProfilePatch, k: number, which: 'peak' | 'average'): void {
  const t = patch.traffic!;
  const avg = t.recordsPerSecond!;
  const peak = t.peakRecordsPerSecond!;
  const next = which === 'peak' ? { peakRecordsPerSecond: peak * k } : { recordsPerSecond: Math.min(peak, avg * k) };
  const a = provisioned(makeProfile(patch));
  const b = provisioned(makeProfile({ ...patch, traffic: { ...t, ...next } }));
  expect(b.shards).toBeGreaterThanOrEqual(a.shards);
  expect(b.monthly).toBeGreaterThanOrEqual(a.monthly);
}

/** The on-demand alternatives' monthly cost: more peak (AWS's estimated capacity) never bills less. */
function alternativesNeverFall(patch: ProfilePatch, k: number): void {
  const t = patch.traffic!;
  const a = provisioned(makeProfile(patch)).result.alternatives;
  const b = provisioned(makeProfile({ ...patch, traffic: { ...t, peakRecordsPerSecond: t.peakRecordsPerSecond! * k } })).result.alternatives;
  for (const alt of a) {
    const other = b.find((x) => x.mode === alt.mode);
    expect(other).toBeDefined();
    expect(other!.known_monthly_usd).toBeGreaterThanOrEqual(alt.known_monthly_usd * (1 - 1e-12));
  }
}

describe('monotone in load (provisioned)', () => {
  test('more peak with the average unchanged never makes an on-demand alternative cheaper (KPL aggregates split)', () => {
    // Two full plans a case: a tenth of the other properties' count outside test:deep.
    fc.assert(fc.property(profilePatch, scale, alternativesNeverFall), { numRuns: DEEP ? RUNS : Math.ceil(RUNS / 5) });
  });

  test('more peak with the average unchanged never needs fewer shards nor costs less', () => {
    fc.assert(
      fc.property(profilePatch, scale, (p, k) => morePeakOrAverage(p, k, 'peak')),
      { numRuns: RUNS },
    );
  });

  test('more average (up to the peak) never needs fewer shards nor costs less', () => {
    fc.assert(
      fc.property(profilePatch, scale, (p, k) => morePeakOrAverage(p, k, 'average')),
      { numRuns: RUNS },
    );
  });

  test('more traffic (×k, k ≥ 1) never needs fewer shards nor costs less', () => {
    fc.assert(fc.property(profilePatch, scale, moreTraffic), { numRuns: RUNS });
  });

  test('bigger records never need fewer shards nor cost less', () => {
    fc.assert(fc.property(profilePatch, scale, biggerRecords), { numRuns: RUNS });
  });

  test('regression: ×1.596 traffic once gave 572 shards where ×1 needed 6,265', () => {
    moreTraffic(COUNTEREXAMPLES.traffic.patch, COUNTEREXAMPLES.traffic.k);
  });

  test('regression: 1 MiB records once gave 8 shards where 166,330 B records needed 9', () => {
    biggerRecords(COUNTEREXAMPLES.recordSize.patch, COUNTEREXAMPLES.recordSize.k);
  });
});
