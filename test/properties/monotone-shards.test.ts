// One more shared consumer never needs fewer shards; one shard fewer than the answer breaks a named
// limit (an under-provisioned warning, or a throttle rate above max_throttle_rate) unless N = 1.

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { ProfilePatch } from '../helpers/profile.js';
import { COUNTEREXAMPLES, RUNS, makeProfile, profilePatch, provisioned, regionResult } from './arbitraries.js';

function oneMoreConsumer(patch: ProfilePatch, polls: number): void {
  const a = provisioned(makeProfile(patch));
  const b = provisioned(makeProfile({ ...patch, consumers: [...(patch.consumers ?? []), { efo: false, pollsPerSecond: polls, catchUpSeconds: null }] }));
  expect(b.shards).toBeGreaterThanOrEqual(a.shards);
}

describe('shard count (provisioned)', () => {
  test('one more shared consumer never needs fewer shards', () => {
    fc.assert(fc.property(profilePatch, fc.constantFrom(0.2, 0.5, 1), oneMoreConsumer), { numRuns: RUNS });
  });

  test('regression: a third shared consumer once gave 2 shards where two needed 5', () => {
    oneMoreConsumer(COUNTEREXAMPLES.consumer.patch, COUNTEREXAMPLES.consumer.polls);
  });

  test('shards − 1 breaks a named limit unless the stream is at its minimum', () => {
    fc.assert(
      fc.property(profilePatch, (patch) => {
        const auto = regionResult(makeProfile(patch)).stream!;
        fc.pre(auto.shards > 1);
        const fewer = makeProfile({ ...patch, stream: { ...patch.stream, shards: auto.shards - 1 } });
        const s = regionResult(fewer).stream!;
        expect(s.shards).toBe(auto.shards - 1);
        const under = s.warnings.some((w) => w.code === 'under-provisioned');
        const throttles = s.throttle.write_throttled_fraction_at_peak > fewer.stream.maxThrottleRate;
        expect(under || throttles, `${auto.shards} → ${s.shards} (${auto.binding_constraint}): no warning, throttle ${s.throttle.write_throttled_fraction_at_peak}`).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});
