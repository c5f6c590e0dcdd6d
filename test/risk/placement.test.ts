import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evenHashRangeStarts, exactShardWeights, harmonic, hashKeyOf, shardOfKey, someShardAbove, zipfShares, zipfStats } from '../../src/model/risk/placement.js';
import { runs } from '../helpers/depth.js';

const TWO_128 = 1n << 128n;

function referenceShard(key: string, shards: number): number {
  const h = BigInt('0x' + createHash('md5').update(key, 'utf8').digest('hex'));
  const step = TWO_128 / BigInt(shards);
  return Math.min(shards - 1, Number(h / step));
}

describe('hash ranges', () => {
  it('splits evenly like CreateStream', () => {
    expect(evenHashRangeStarts(2)[1]).toBe(170141183460469231731687303715884105728n); // 2^127
    expect(evenHashRangeStarts(3)[1]).toBe(113427455640312821154458202477256070485n);
    expect(evenHashRangeStarts(4)[3]).toBe(3n * 85070591730234615865843651857942052864n);
  });

  it('hashKeyOf reads MD5 big-endian', () => {
    expect(hashKeyOf('')).toBe(BigInt('0xd41d8cd98f00b204e9800998ecf8427e'));
  });

  it('shardOfKey agrees with a node:crypto reference', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 64 }), fc.integer({ min: 1, max: 5000 }), (key, n) => {
        expect(shardOfKey(key, n)).toBe(referenceShard(key, n));
      }),
      { numRuns: runs(500) },
    );
  });

  it('places a known key list exactly', () => {
    const keys = Array.from({ length: 20 }, (_, i) => `customer-${i}`);
    const w = exactShardWeights(keys, null, 4);
    const counts = new Array<number>(4).fill(0);
    for (const k of keys) counts[referenceShard(k, 4)]! += 1;
    expect(Array.from(w)).toEqual(counts.map((c) => c / 20));
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    // 1 shard takes everything
    expect(exactShardWeights(keys, null, 1)[0]).toBeCloseTo(1, 12);
  });
});

describe('listed keys hashed once', () => {
  // Reference: every key hashed with node:crypto and divided by the range width, key by key.
  const reference = (keys: readonly string[], shares: Float64Array | null, n: number): number[] => {
    const w = new Array<number>(n).fill(0);
    keys.forEach((k, i) => (w[referenceShard(k, n)]! += shares ? shares[i]! : 1 / keys.length));
    return w;
  };

  it('per-shard shares agree with a key-by-key placement for any list, skew and shard count', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 12 }), { minLength: 1, maxLength: 300 }), fc.integer({ min: 1, max: 700 }), fc.constantFrom(0, 0.7, 1.3), (keys, n, s) => {
        const shares = s > 0 ? zipfShares(keys.length, s) : null;
        const w = exactShardWeights(keys, shares, n);
        const ref = reference(keys, shares, n);
        for (let j = 0; j < n; j++) expect(w[j]!).toBeCloseTo(ref[j]!, 12);
        // Early stop: above the max never, just below it always.
        const max = Math.max(...ref);
        expect(someShardAbove(keys, shares, n, max + 1e-9)).toBe(false);
        expect(someShardAbove(keys, shares, n, max - 1e-9)).toBe(true);
      }),
      { numRuns: runs(400) },
    );
  });

  it('agrees on a 2,000-key list from 2 shards to nearly one key per shard', () => {
    const keys = Array.from({ length: 2000 }, (_, i) => `b${i}`);
    for (const n of [2, 3, 7, 64, 1000, 1999]) {
      const w = exactShardWeights(keys, null, n);
      const ref = reference(keys, null, n);
      for (let j = 0; j < n; j++) expect(w[j]!).toBeCloseTo(ref[j]!, 12);
    }
  });
});

describe('zipf', () => {
  it('shares are normalised and decreasing', () => {
    const p = zipfShares(1000, 1.1);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    for (let i = 1; i < p.length; i++) expect(p[i]!).toBeLessThanOrEqual(p[i - 1]!);
    expect(p[0]! / p[1]!).toBeCloseTo(2 ** 1.1, 10);
  });

  it('zipfStats matches explicit shares for small K', () => {
    for (const [K, s] of [
      [10, 0],
      [100, 0.7],
      [5000, 1],
      [20000, 1.6],
    ] as const) {
      const p = zipfShares(K, s);
      let sq = 0;
      let cu = 0;
      for (const v of p) {
        sq += v * v;
        cu += v * v * v;
      }
      const st = zipfStats(K, s);
      expect(st.p1).toBeCloseTo(p[0]!, 12);
      expect(st.sumSquares / sq).toBeCloseTo(1, 10);
      expect(st.sumCubes / cu).toBeCloseTo(1, 10);
      expect(st.effectiveKeys * sq).toBeCloseTo(1, 10);
    }
  });

  it('Euler–Maclaurin harmonic numbers agree with exact summation beyond 1e6', () => {
    for (const a of [0.3, 0.8, 1, 1.2, 2]) {
      let exact = 0;
      const K = 3_000_000;
      for (let k = K; k >= 1; k--) exact += Math.pow(k, -a);
      expect(harmonic(K, a) / exact).toBeCloseTo(1, 11);
    }
    // H(K, 1) = ln K + γ + 1/(2K) − …
    expect(harmonic(1e9, 1)).toBeCloseTo(Math.log(1e9) + 0.5772156649015329 + 1 / 2e9, 11);
  });
});
