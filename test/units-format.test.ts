// The handwritten en-US number formatters (src/units.ts) against their oracle, ICU itself:
// `new Intl.NumberFormat('en-US', options)` must print the same bytes for every double.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatFractionDigits, formatLocaleNumber, formatSignificantDigits, formatUsd } from '../src/units.js';
import { runs } from './helpers/depth.js';

const formatters = new Map<string, Intl.NumberFormat>();
function icu(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = JSON.stringify(options);
  let f = formatters.get(key);
  if (f === undefined) formatters.set(key, (f = new Intl.NumberFormat('en-US', options)));
  return f;
}

const bits = new DataView(new ArrayBuffer(8));
/** The double `steps` ulps away from x (towards +∞ for positive steps, in the bit order of |x|). */
function ulpsAway(x: number, steps: number): number {
  bits.setFloat64(0, x);
  bits.setBigUint64(0, bits.getBigUint64(0) + BigInt(steps));
  return bits.getFloat64(0);
}

/** Doubles that stress rounding: anything (NaN, ±∞, -0 included), integers, ties, powers of ten. */
const number = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.maxSafeInteger(),
  fc.double({ min: -1e7, max: 1e7 }),
  // x.5, x.x5, x.xx5, … at any scale, and the doubles either side of them.
  fc
    .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 16n }), fc.integer({ min: -25, max: 25 }), fc.integer({ min: -2, max: 2 }))
    .map(([neg, digits, exponent, ulps]) => ulpsAway(Number(`${neg ? '-' : ''}${digits}5e${exponent}`), ulps)),
  // 9.5, 99.95, 0.9995, 1000, 1e21 …: rounding that carries into a new power of ten.
  fc
    .tuple(fc.boolean(), fc.integer({ min: 0, max: 17 }), fc.constantFrom('5', '0', '49', '51', '9'), fc.integer({ min: -25, max: 25 }), fc.integer({ min: -1, max: 1 }))
    .map(([neg, nines, tail, exponent, ulps]) => ulpsAway(Number(`${neg ? '-' : ''}${'9'.repeat(nines)}${tail}e${exponent}`), ulps)),
  fc.tuple(fc.integer({ min: -30, max: 30 }), fc.integer({ min: -2, max: 2 })).map(([k, ulps]) => ulpsAway(10 ** k, ulps)),
);

describe('en-US number formatting without ICU', () => {
  it('formatFractionDigits prints what Intl.NumberFormat prints, for any fraction digits', () => {
    fc.assert(
      fc.property(number, fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 }), (n, a, b) => {
        const [min, max] = a <= b ? [a, b] : [b, a];
        expect(formatFractionDigits(n, max, min)).toBe(icu({ minimumFractionDigits: min, maximumFractionDigits: max }).format(n));
      }),
      { numRuns: runs(20_000) },
    );
  });

  it('formatSignificantDigits prints what Intl.NumberFormat prints, up to 14 significant digits', () => {
    // Past 14 the function hands the number to ICU itself (see its comment).
    fc.assert(
      fc.property(number, fc.integer({ min: 1, max: 14 }), (n, p) => {
        expect(formatSignificantDigits(n, p)).toBe(icu({ maximumSignificantDigits: p }).format(n));
      }),
      { numRuns: runs(20_000) },
    );
  });

  it('the options kplan uses match, and formatLocaleNumber is toLocaleString("en-US")', () => {
    const used: [(n: number) => string, Intl.NumberFormatOptions][] = [
      [(n) => formatFractionDigits(n, 0), { maximumFractionDigits: 0 }],
      [(n) => formatFractionDigits(n, 1), { maximumFractionDigits: 1 }],
      [(n) => formatFractionDigits(n, 2), { maximumFractionDigits: 2 }],
      [(n) => formatFractionDigits(n, 2, 2), { minimumFractionDigits: 2, maximumFractionDigits: 2 }],
      [(n) => formatSignificantDigits(n, 3), { maximumSignificantDigits: 3 }],
      [(n) => formatSignificantDigits(n, 4), { maximumSignificantDigits: 4 }],
      [(n) => formatSignificantDigits(n, 6), { maximumSignificantDigits: 6 }],
    ];
    fc.assert(
      fc.property(number, (n) => {
        for (const [format, options] of used) expect(format(n)).toBe(icu(options).format(n));
        expect(formatLocaleNumber(n)).toBe(n.toLocaleString('en-US'));
      }),
      { numRuns: runs(20_000) },
    );
  });

  it('the edges, spelled out', () => {
    // ICU rounds the shortest round-trip digits, not the exact binary value toFixed rounds.
    expect(formatFractionDigits(1.005, 2)).toBe('1.01');
    expect((1.005).toFixed(2)).toBe('1.00');
    expect(formatFractionDigits(0.15, 1)).toBe('0.2');
    expect(formatFractionDigits(-0, 0)).toBe('-0');
    expect(formatFractionDigits(-0.3, 0)).toBe('-0');
    expect(formatFractionDigits(-0.001, 2, 2)).toBe('-0.00');
    expect(formatFractionDigits(NaN, 0)).toBe('NaN');
    expect(formatFractionDigits(Infinity, 0)).toBe('∞');
    expect(formatSignificantDigits(-Infinity, 3)).toBe('-∞');
    expect(formatFractionDigits(2 ** 70, 0)).toBe('1,180,591,620,717,411,300,000');
    expect(formatFractionDigits(999.95, 1)).toBe('1,000');
    expect(formatSignificantDigits(123456, 3)).toBe('123,000');
    expect(formatSignificantDigits(1e-7, 3)).toBe('0.0000001');
    expect(formatSignificantDigits(9.9996, 4)).toBe('10');
    expect(formatSignificantDigits(5e-324, 3)).toBe(`0.${'0'.repeat(323)}5`);
    expect(formatSignificantDigits(1 - 2 ** -53, 16)).toBe('1'); // ICU's own rounding, see formatSignificantDigits
    expect(formatUsd(1234.565)).toBe('$1,234.57');
    expect(formatUsd(-0.1)).toBe('-$0.10');
  });
});
