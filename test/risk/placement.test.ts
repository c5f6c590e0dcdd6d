import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  evenHashRangeStarts,
  exactShardWeights,
  harmonic,
  hashKeyOf,
  shardOfKey,
  zipfShares,
  zipfStats,
} from '../../src/model/risk/placement.js';
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
    const expected = new Float64Array(4);
    for (const k of keys) expected[referenceShard(k, 4)]! += 1 / 20;
    expect(Array.from(w)).toEqual(Array.from(expected));
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    // 1 shard takes everything
    expect(exactShardWeights(keys, null, 1)[0]).toBeCloseTo(1, 12);
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
