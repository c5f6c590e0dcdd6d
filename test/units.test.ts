// Unit parsing and formatting in one place (src/units.ts).

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatGrouped, parseDurationText, parseSizeText } from '../src/units.js';

describe('formatGrouped', () => {
  it('matches en-US grouping with up to 3 decimals', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -1e12, max: 1e12 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })), (n) => {
        expect(formatGrouped(n)).toBe(n.toLocaleString('en-US').replace(/^-0$/, '0'));
      }),
      { numRuns: 2000 },
    );
    expect(formatGrouped(1234567.891)).toBe('1,234,567.891');
    expect(formatGrouped(100)).toBe('100');
    expect(formatGrouped(-4000.5)).toBe('-4,000.5');
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
