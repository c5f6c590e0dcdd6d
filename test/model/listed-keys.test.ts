// Listed keys: the exact MD5 placement is not monotone in the shard count, so sizing scans for the
// smallest adequate count. Oracle: a brute-force scan written here (node:crypto MD5, BigInt ranges).

import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sizeShards } from '../../src/model/stream/sizing.js';
import { buildRiskModel } from '../../src/model/stream/risk-model.js';
import { fixedSize, makeProfile, type ProfilePatch } from '../helpers/profile.js';
import { runs } from '../helpers/depth.js';
import { plan } from '../../src/model/plan.js';
import { testCatalogue } from '../helpers/catalogue.js';

const TWO_128 = 1n << 128n;
const md5 = (k: string) => BigInt('0x' + createHash('md5').update(k, 'utf8').digest('hex'));

/** Most keys on one shard of an evenly split N-shard stream. */
function busiestCount(hashes: bigint[], n: number): number {
  const step = TWO_128 / BigInt(n);
  const c = new Array<number>(n).fill(0);
  for (const h of hashes) c[Math.min(n - 1, Number(h / step))]! += 1;
  return Math.max(...c);
}

/**
 * Steady arrivals (burstiness none) of equally busy keys: N shards are adequate when the busiest
 * shard's records and bytes stay within target_utilization of 1,000 records/s and 1 MiB/s.
 */
function bruteForce(keys: string[], peak: number, bytes: number, u: number): number {
  const hashes = keys.map(md5);
  for (let n = 1; n <= 2_000; n++) {
    const load = (peak * busiestCount(hashes, n)) / keys.length;
    if (load <= u * 1000 && load * bytes <= u * 1024 * 1024) return n;
  }
  return Number.POSITIVE_INFINITY;
}

const sized = (patch: ProfilePatch) => {
  const p = makeProfile(patch);
  return sizeShards(p, 'provisioned', buildRiskModel(p, undefined), false);
};

const NATO =
  'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu'.split(' ');

describe('listed keys: the smallest adequate count', () => {
  it('26 keys alpha … zulu, 200 B, Poisson: 13 / 13 / 13 / 13 / 13 / 25 shards from 4,500 to 7,000 records/s', () => {
    // A brute-force scan gives these counts; a doubling-and-bisection search gave 18 / 15 / 16 / 13 / 21 / 63.
    const expected = [13, 13, 13, 13, 13, 25];
    [4500, 5000, 5500, 6000, 6500, 7000].forEach((peak, i) => {
      const r = sized({
        traffic: {
          recordsPerSecond: peak / 2,
          peakRecordsPerSecond: peak,
          recordSize: fixedSize(200),
          partitionKeyBytes: 8,
          partitionKeys: { kind: 'list', keys: NATO },
          burstiness: { level: 'poisson', dispersion: Number.POSITIVE_INFINITY },
        },
        stream: { targetUtilization: 0.8 },
      });
      expect(r.shards, `${peak} records/s`).toBe(expected[i]);
    });
  });

  it('says so when N + 1 would fail again, and names the next adequate count', () => {
    // 13 shards put 3 keys on the busiest shard, 14 put 5, 15 put 4 (4 × 4,500/26 = 692 ≤ 800).
    const r = sized({
      traffic: {
        recordsPerSecond: 2000,
        peakRecordsPerSecond: 4500,
        recordSize: fixedSize(200),
        partitionKeyBytes: 8,
        partitionKeys: { kind: 'list', keys: NATO },
        burstiness: { level: 'poisson', dispersion: Number.POSITIVE_INFINITY },
      },
      stream: { targetUtilization: 0.8 },
    });
    expect(r.shards).toBe(13);
    const w = r.warnings.find((x) => x.code === 'listed-keys-not-monotone');
    expect(w?.message).toContain('but 14 would not (hot-key)');
    expect(w?.message).toContain('scale to 15 shards');
  });

  it('agrees with a brute-force scan on random key lists', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 10 }), { minLength: 1, maxLength: 120 }),
        fc.double({ min: 10, max: 20_000, noNaN: true }),
        fc.constantFrom(100, 1000, 20_000),
        fc.constantFrom(0.5, 0.8, 1),
        (keys, peak, bytes, u) => {
          const expected = bruteForce(keys, peak, bytes + 8, u);
          const r = sized({
            traffic: {
              recordsPerSecond: peak,
              peakRecordsPerSecond: peak,
              recordSize: fixedSize(bytes),
              partitionKeyBytes: 8,
              partitionKeys: { kind: 'list', keys },
              burstiness: { level: 'none', dispersion: Number.POSITIVE_INFINITY },
            },
            stream: { targetUtilization: u },
          });
          // Past the skew cap (8× what even traffic needs) sizing stops and reports the hot key.
          if (r.unfixable.some((x) => x.kind === 'hot-key') || r.shards > 2_000) expect(expected).toBeGreaterThanOrEqual(r.shards);
          else expect(r.shards).toBe(expected);
        },
      ),
      { numRuns: runs(400) },
    );
  });
});

describe('progress of a listed key list', () => {
  const profile = (keys: string[]) =>
    makeProfile({
      traffic: {
        recordsPerSecond: 20_000,
        peakRecordsPerSecond: 50_000,
        recordSize: fixedSize(500),
        partitionKeyBytes: 8,
        partitionKeys: { kind: 'list', keys },
      },
    });

  it('reports the hashing and the scans at most ~100 times each, and the report does not depend on it', () => {
    const K = 2_345;
    // Two equal lists, distinct arrays: each is hashed afresh (the hashing is kept per list).
    const keys = () => Array.from({ length: K }, (_, i) => `key-${i}`);
    const calls: { stage: string; done: number; total: number }[] = [];
    const withProgress = plan(profile(keys()), testCatalogue(), { explain: true, onKeys: (stage, done, total) => void calls.push({ stage, done, total }) });
    const without = plan(profile(keys()), testCatalogue(), { explain: true });
    expect(JSON.stringify(withProgress)).toBe(JSON.stringify(without));

    const hash = calls.filter((c) => c.stage === 'hash');
    expect(hash.length).toBeGreaterThan(10);
    expect(hash.length).toBeLessThanOrEqual(101);
    expect(hash.every((c) => c.total === K)).toBe(true);
    expect(hash.at(-1)!.done).toBe(K);
    // Hashing comes first, and its counts only grow.
    expect(calls.findIndex((c) => c.stage === 'scan')).toBeGreaterThanOrEqual(hash.length);
    for (let i = 1; i < hash.length; i++) expect(hash[i]!.done).toBeGreaterThan(hash[i - 1]!.done);

    // Each scan counts the shard counts tried from 0 up to (never past) the counts it may try.
    const scan = calls.filter((c) => c.stage === 'scan');
    expect(scan.length).toBeGreaterThan(0);
    const passes = scan.filter((c) => c.done === 0).length;
    expect(scan.length).toBeLessThanOrEqual(101 * passes);
    expect(scan.every((c) => c.done >= 0 && c.done < c.total)).toBe(true);
  });

  it('random keys and key counts report nothing', () => {
    const calls: unknown[] = [];
    plan(makeProfile(), testCatalogue(), { explain: false, onKeys: (...a) => void calls.push(a) });
    expect(calls).toEqual([]);
  });
});
