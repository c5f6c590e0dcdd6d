import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dailyRisk, secondThrottleProbability, throttledFractionAtPeak, type SecondThrottleInput } from '../../src/model/risk/throttle.js';
import { negBinExcess, negBinPmf, negBinSf } from '../../src/model/risk/tails.js';
import { normalExcess, normalSf } from '../../src/math/special.js';
import { runs } from '../helpers/depth.js';
import { compoundByteTail, sizeLattice } from '../../src/model/risk/compound.js';

const MiB = 1_048_576;
const base: SecondThrottleInput = {
  meanRecordsPerSecond: 900,
  recordsCap: 1000,
  bytesPerRecordMean: 1056,
  bytesPerRecordSd: 300,
  bytesCap: MiB,
  dispersion: Infinity,
};

/** Direct sum over every x: the definition the fast windowed version must reproduce. */
function brute(i: SecondThrottleInput) {
  const { meanRecordsPerSecond: mu, dispersion: k, bytesPerRecordMean: m, bytesPerRecordSd: s, bytesCap: bc } = i;
  const rc = Math.floor(i.recordsCap);
  let union = 0;
  let bytes = 0;
  let exp = 0;
  for (let x = 0; x < Math.max(20000, 30 * mu); x++) {
    const p = negBinPmf(x, mu, k);
    if (p === 0 && x > mu) break;
    const sd = s * Math.sqrt(x);
    const qb = x === 0 ? 0 : sd > 0 ? normalSf((bc - x * m) / sd) : x * m > bc ? 1 : 0;
    union += p * (x > rc ? 1 : qb);
    bytes += p * qb;
    if (s === 0) {
      // Fixed sizes: ⌊cap ÷ m⌋ whole records fit the byte cap.
      exp += p * Math.max(0, x - Math.min(rc, Math.floor(bc / m)));
      continue;
    }
    const a = Math.max(0, x - rc);
    exp += p * (a + (x === 0 ? 0 : normalExcess(x * m, sd, bc + m * a) / m));
  }
  return { union, bytes, exp };
}

describe('secondThrottleProbability', () => {
  it('reduces to the record-count tails when bytes cannot bind', () => {
    const small = { ...base, bytesPerRecordMean: 100, bytesPerRecordSd: 20 };
    const cases: [number, number, number][] = [
      [850, Infinity, 2.5e-7],
      [900, Infinity, 4.9e-4],
      [950, Infinity, 5.2e-2],
      [800, 200, 1.4e-3],
      [800, 50, 5.0e-2],
      [700, 50, 4.0e-3],
    ];
    for (const [mu, k, expected] of cases) {
      const r = secondThrottleProbability({ ...small, meanRecordsPerSecond: mu, dispersion: k });
      expect(Number(r.probability.toPrecision(2))).toBe(expected);
      expect(r.bytesLimit).toBeLessThan(1e-100);
      expect(r.expectedThrottledRecords).toBeCloseTo(negBinExcess(1000, mu, k), 12);
    }
  });

  it('matches a brute-force sum when bytes matter', () => {
    const cases: SecondThrottleInput[] = [
      base,
      { ...base, meanRecordsPerSecond: 800, dispersion: 50 },
      { ...base, meanRecordsPerSecond: 80, bytesPerRecordMean: 10_000, bytesPerRecordSd: 8000, dispersion: 20 },
      { ...base, meanRecordsPerSecond: 3000, bytesPerRecordMean: 1000, bytesPerRecordSd: 500, dispersion: 50 },
      { ...base, meanRecordsPerSecond: 5000, bytesPerRecordMean: 1048, bytesPerRecordSd: 600, dispersion: 50 },
      { ...base, meanRecordsPerSecond: 700, bytesPerRecordMean: 1400, bytesPerRecordSd: 0, dispersion: 50 },
      { ...base, meanRecordsPerSecond: 5, bytesPerRecordMean: 300_000, bytesPerRecordSd: 100_000, dispersion: 2 },
      { ...base, meanRecordsPerSecond: 1500, recordsCap: 2000, bytesCap: 2 * MiB, dispersion: 10 },
    ];
    for (const c of cases) {
      const r = secondThrottleProbability(c);
      const b = brute(c);
      expect(r.probability / b.union).toBeCloseTo(1, 9);
      if (b.bytes > 1e-30) expect(r.bytesLimit / b.bytes).toBeCloseTo(1, 9);
      expect(r.expectedThrottledRecords / b.exp).toBeCloseTo(1, 5);
      expect(r.recordsLimit).toBeCloseTo(negBinSf(Math.floor(c.recordsCap), c.meanRecordsPerSecond, c.dispersion), 14);
      // The parts add up.
      expect(r.recordsOnly + r.bytesOnly + r.both).toBeCloseTo(r.probability, 12);
      expect(r.recordsOnly + r.both).toBeCloseTo(r.recordsLimit, 12);
    }
  });

  it('steady arrivals throttle all or nothing', () => {
    const s = { ...base, steady: true };
    expect(secondThrottleProbability({ ...s, meanRecordsPerSecond: 990 }).probability).toBe(0);
    const over = secondThrottleProbability({ ...s, meanRecordsPerSecond: 995 }); // 995 × 1056 B > 1 MiB
    expect(over.probability).toBe(1);
    expect(over.bytesOnly).toBe(1);
    expect(over.expectedThrottledRecords).toBeCloseTo(995 - MiB / 1056, 9);
    expect(secondThrottleProbability({ ...s, meanRecordsPerSecond: 1200, bytesPerRecordMean: 100 }).recordsOnly).toBe(1);
  });

  it('handles zero traffic and zero-byte records', () => {
    expect(secondThrottleProbability({ ...base, meanRecordsPerSecond: 0 }).probability).toBe(0);
    const r = secondThrottleProbability({ ...base, bytesPerRecordMean: 0, bytesPerRecordSd: 0 });
    expect(r.probability).toBe(r.recordsLimit);
  });
});

describe('throttle properties', () => {
  const settings = fc.record({
    bytesPerRecordMean: fc.double({ min: 10, max: 200_000, noNaN: true }),
    cv: fc.double({ min: 0, max: 2, noNaN: true }),
    k: fc.oneof(fc.constant(Infinity), fc.double({ min: 0.5, max: 1e4, noNaN: true })),
  });
  const mk = (s: { bytesPerRecordMean: number; cv: number; k: number }, mu: number): SecondThrottleInput => ({
    meanRecordsPerSecond: mu,
    recordsCap: 1000,
    bytesCap: MiB,
    bytesPerRecordMean: s.bytesPerRecordMean,
    bytesPerRecordSd: s.cv * s.bytesPerRecordMean,
    dispersion: s.k,
  });
  const le = (a: number, b: number) => expect(a).toBeLessThanOrEqual(b * (1 + 1e-9) + 1e-18);

  it('more traffic never lowers the throttle probability (so more shards never raise it)', () => {
    fc.assert(
      fc.property(settings, fc.double({ min: 0, max: 5000, noNaN: true }), fc.double({ min: 0, max: 1000, noNaN: true }), (s, mu, dmu) => {
        le(secondThrottleProbability(mk(s, mu)).probability, secondThrottleProbability(mk(s, mu + dmu)).probability);
      }),
      { numRuns: runs(200) },
    );
    fc.assert(
      fc.property(settings, fc.double({ min: 10, max: 1e6, noNaN: true }), fc.integer({ min: 1, max: 500 }), (s, total, n) => {
        const fewer = throttledFractionAtPeak({ ...mk(s, 0), shardMeans: new Array(n).fill(total / n) });
        const more = throttledFractionAtPeak({ ...mk(s, 0), shardMeans: new Array(n + 1).fill(total / (n + 1)) });
        le(more.fraction, fewer.fraction);
      }),
      { numRuns: runs(200) },
    );
  });

  it('lower k never lowers it at high load (caps ≥ μ + 2 sd of the burstier law)', () => {
    let checked = 0;
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 800, noNaN: true }),
        fc.double({ min: 0.5, max: 1000, noNaN: true }),
        fc.double({ min: 1.01, max: 100, noNaN: true }),
        fc.double({ min: 10, max: 1000, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (mu, k, f, bytes, cv) => {
          const hi = mu + 2 * Math.sqrt(mu + (mu * mu) / k);
          fc.pre(1000 >= hi && MiB >= hi * bytes * (1 + cv));
          const s = { bytesPerRecordMean: bytes, cv, k };
          const burstier = secondThrottleProbability(mk(s, mu)).probability;
          const calmer = secondThrottleProbability({ ...mk(s, mu), dispersion: k * f }).probability;
          le(calmer, burstier);
          checked++;
        },
      ),
      { numRuns: runs(200) },
    );
    expect(checked).toBeGreaterThanOrEqual(runs(200));
  });
});

describe('multi-shard and daily risk', () => {
  it('peak fraction averages shards; hottest is the busiest shard', () => {
    const r = throttledFractionAtPeak({ ...base, shardMeans: [500, 900, 950, 500] });
    const p = (mu: number) => secondThrottleProbability({ ...base, meanRecordsPerSecond: mu }).probability;
    expect(r.fraction).toBeCloseTo((2 * p(500) + p(900) + p(950)) / 4, 15);
    expect(r.hottest).toBe(p(950));
    expect(Array.from(r.perShard)).toEqual([p(500), p(900), p(950), p(500)]);
  });

  it('daily risk combines hours and shards', () => {
    const rows = Array.from({ length: 24 }, (_, h) => (h === 18 ? [900, 700] : [400, 300]));
    const d = dailyRisk({ ...base, hourlyShardMeans: rows });
    const r = (mu: number) => secondThrottleProbability({ ...base, meanRecordsPerSecond: mu });
    const peakP = (r(900).probability + r(700).probability) / 2;
    expect(d.peakHour).toBe(18);
    expect(d.peakHourFraction).toBeCloseTo(peakP, 15);
    const logNone = 3600 * (Math.log1p(-r(900).probability) + Math.log1p(-r(700).probability)) + 23 * 3600 * (Math.log1p(-r(400).probability) + Math.log1p(-r(300).probability));
    expect(d.pAnyThrottle).toBeCloseTo(-Math.expm1(logNone), 12);
    expect(d.expectedThrottledRecordsPerDay).toBeCloseTo(
      3600 * (r(900).expectedThrottledRecords + r(700).expectedThrottledRecords + 23 * (r(400).expectedThrottledRecords + r(300).expectedThrottledRecords)),
      6,
    );
    expect(d.expectedRetriesPerDay).toBe(d.expectedThrottledRecordsPerDay);
  });
});

describe('probability without the expected throttled records', () => {
  it('gives the same probabilities, bit for bit, and NaN for the records it skips', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 200_000, noNaN: true }),
        fc.double({ min: 1, max: 100_000, noNaN: true }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        fc.oneof(fc.constant(Infinity), fc.double({ min: 0.2, max: 1000, noNaN: true })),
        (mu, bytes, sdRatio, dispersion) => {
          const input = { meanRecordsPerSecond: mu, recordsCap: 1000, bytesCap: 1024 * 1024, bytesPerRecordMean: bytes, bytesPerRecordSd: bytes * sdRatio, dispersion };
          const full = secondThrottleProbability(input);
          const only = secondThrottleProbability({ ...input, expectedRecords: false });
          const { expectedThrottledRecords: _a, ...fullP } = full;
          const { expectedThrottledRecords: skipped, ...onlyP } = only;
          expect(onlyP).toEqual(fullP);
          if (!Number.isNaN(skipped)) expect(skipped).toBe(full.expectedThrottledRecords);
        },
      ),
      { numRuns: runs(300) },
    );
  });
});

describe('negligible byte tails', () => {
  it('a quiet second takes the Chernoff bound: at or below 1e-18, and never below the recursion', () => {
    // profiles/fanout.yaml's sizes (2 / 6 / 30 KiB + 32 B keys) at 5–30 records/s: 1 MiB needs 34
    // records even at 30 KiB.
    const law = { kind: 'atoms' as const, bytes: [2080, 6176, 30752], shares: [0.7, 0.25, 0.05] };
    const lat = sizeLattice(law, 1_048_576);
    for (const mu of [5, 10, 30]) {
      const r = secondThrottleProbability({
        meanRecordsPerSecond: mu,
        recordsCap: 1000,
        bytesPerRecordMean: 4992,
        bytesPerRecordSd: 6500,
        bytesCap: 1_048_576,
        dispersion: 50,
        recordSizes: law,
      });
      const exact = compoundByteTail(lat, mu, 50).over;
      expect(r.bytesLimit).toBeLessThanOrEqual(1e-18);
      expect(r.bytesLimit).toBeGreaterThanOrEqual(exact);
      expect(r.bytesLimit).not.toBe(exact);
    }
  });
});
