// Unit parsing and formatting in one place (src/units.ts).

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatGrouped, parseDurationText, parseSizeText } from '../src/units.js';
import { runs } from './helpers/depth.js';

describe('formatGrouped', () => {
  it('matches en-US grouping with up to 3 decimals', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -1e12, max: 1e12 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })), (n) => {
        expect(formatGrouped(n)).toBe(n.toLocaleString('en-US').replace(/^-0$/, '0'));
      }),
      { numRuns: runs(2000) },
    );
    expect(formatGrouped(1234567.891)).toBe('1,234,567.891');
    expect(formatGrouped(100)).toBe('100');
    expect(formatGrouped(-4000.5)).toBe('-4,000.5');
    expect(formatGrouped(999)).toBe('999');
    expect(formatGrouped(1000)).toBe('1,000');
    expect(formatGrouped(-0.0001)).toBe('0');
    expect(formatGrouped(123456)).toBe('123,456');
  });
  it('groups like the regular-expression formulation, for any number of decimals', () => {
    // toFixed rounding, then grouping by regular expression: the straightforward formulation.
    const reference = (n: number, d: number): string => {
      const fixed = Math.abs(n).toFixed(d);
      if (fixed.includes('e')) return String(n);
      const [int = '0', frac = ''] = fixed.split('.');
      const trimmed = frac.replace(/0+$/, '');
      const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
      return `${n < 0 && (grouped !== '0' || trimmed !== '') ? '-' : ''}${grouped}${trimmed ? `.${trimmed}` : ''}`;
    };
    fc.assert(
      fc.property(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ min: -1e9, max: 1e9, noNaN: true })), fc.integer({ min: 0, max: 6 }), (n, d) => {
        // Past 1e15 (not a safe integer) the digits are noise: three significant digits instead.
        if (Math.abs(n) >= 1e15 && !Number.isSafeInteger(n)) expect(formatGrouped(n, d)).toBe(Number(n.toPrecision(3)).toExponential());
        else expect(formatGrouped(n, d)).toBe(reference(n, d));
      }),
      { numRuns: runs(2000) },
    );
  });
});

describe('sizes and durations', () => {
  it('reads binary units, as AWS bills', () => {
    expect(parseSizeText('1.5 KiB')).toBe(1536);
    expect(parseSizeText('100MB')).toBe(100 * 1024 * 1024);
    expect(parseSizeText('2048')).toBe(2048);
    expect(parseSizeText('10 parsecs')).toBeUndefined();
  });
  it('reads ms, s, m, h, d', () => {
    expect(parseDurationText('100ms')).toBeCloseTo(0.1, 12);
    expect(parseDurationText('60s')).toBe(60);
    expect(parseDurationText('7d')).toBe(604_800);
    expect(parseDurationText('1 fortnight')).toBeUndefined();
  });
});
