// The listed-key placement behind sizing scans: MD5 of each key once (md5KeyWords), hash order,
// and someShardAbove answering from remembered dense runs of keys. Oracle: node:crypto MD5 and
// BigInt ranges, key by key, written here apart from the model's code path.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { md5KeyWords } from '../../src/model/risk/md5.js';
import { exactShardWeights, shardOfTop, someShardAbove, stepOf, zipfShares } from '../../src/model/risk/placement.js';
import { runs } from '../helpers/depth.js';

const TWO_128 = 1n << 128n;
const hashOf = (k: string) => BigInt('0x' + createHash('md5').update(k, 'utf8').digest('hex'));

/** Per-shard sums of the shares (equal when null), every key placed by BigInt division. */
function bruteWeights(hashes: bigint[], shares: Float64Array | null, n: number): number[] {
  const step = TWO_128 / BigInt(n);
  const w = new Array<number>(n).fill(0);
  hashes.forEach((h, i) => (w[Math.min(n - 1, Number(h / step))]! += shares ? shares[i]! : 1 / hashes.length));
  return w;
}

describe('md5KeyWords', () => {
  it('gives the big-endian words of node:crypto MD5 for any string', () => {
    const out = new Uint32Array(8);
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ maxLength: 1200 })), (s) => {
        md5KeyWords(s, out, 4);
        const hex = Array.from(out.subarray(4), (x) => x.toString(16).padStart(8, '0')).join('');
        expect(hex).toBe(createHash('md5').update(s, 'utf8').digest('hex'));
      }),
      { numRuns: runs(2000) },
    );
  });
});

describe('shard of a hash key from its top 53 bits', () => {
  it('agrees with BigInt division on, just below and just above every kind of boundary', () => {
    const counts = [1, 2, 3, 7, 64, 1000, 4093, 9999, 10_000, 65_537, 1_000_000, 3_000_001];
    for (const n of counts) {
      const { step, topStep } = stepOf(n);
      const js = [0n, 1n, 2n, BigInt(n >> 1), BigInt(n - 1), BigInt(n)].filter((j) => j <= BigInt(n));
      for (const j of js) {
        for (const d of [-(1n << 76n), -(1n << 75n), -2n, -1n, 0n, 1n, 2n, 1n << 75n, 1n << 76n, step / 3n]) {
          const h = j * step + d;
          if (h < 0n || h >= TWO_128) continue;
          const top = Number(h >> 75n);
          const expected = Math.min(n - 1, Number(h / step));
          const words = Uint32Array.from([96n, 64n, 32n, 0n], (b) => Number((h >> b) & 0xffffffffn));
          expect(shardOfTop(top, words, 0, n, step, topStep), `n=${n} h=${h}`).toBe(expected);
        }
      }
    }
  });
});

describe('listed keys scanned over shard counts', () => {
  it('someShardAbove answers like a key-by-key placement over a whole scan, remembered runs and all', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 10 }), { minLength: 20, maxLength: 600 }),
        fc.constantFrom(0, 0.6, 1.2),
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0.3, max: 3, noNaN: true }),
        (keys, s, from, slack) => {
          const shares = s > 0 ? zipfShares(keys.length, s) : null;
          const hashes = keys.map(hashOf);
          // One bound for the whole scan, as sizing uses it: `slack` × the mean share at the start.
          const bound = slack / from;
          for (let n = from; n < from + 120; n++) {
            const max = Math.max(...bruteWeights(hashes, shares, n));
            // Sums in another order round differently: skip counts whose busiest shard is at the bound.
            if (Math.abs(max - bound) < 1e-9) continue;
            expect(someShardAbove(keys, shares, n, bound), `n=${n}`).toBe(max > bound);
          }
        },
      ),
      { numRuns: runs(400) },
    );
  });

  it('per-shard sums agree with the brute force on random lists after a scan has run', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 12 }), { minLength: 1, maxLength: 400 }), fc.integer({ min: 1, max: 900 }), fc.constantFrom(0, 1.1), (keys, n, s) => {
        const shares = s > 0 ? zipfShares(keys.length, s) : null;
        for (let m = 1; m < 30; m++) someShardAbove(keys, shares, m, 1.5 / m);
        const w = exactShardWeights(keys, shares, n);
        const ref = bruteWeights(keys.map(hashOf), shares, n);
        for (let j = 0; j < n; j++) expect(w[j]!).toBeCloseTo(ref[j]!, 12);
      }),
      { numRuns: runs(400) },
    );
  });
});
