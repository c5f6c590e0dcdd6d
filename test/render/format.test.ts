import { describe, expect, it } from 'vitest';
import {
  formatFraction,
  formatNumber,
  formatPercent,
  formatQuantity,
  formatUnitPrice,
  formatUsd,
  formatUsdWithUnknown,
  modeOptions,
  rankRegions,
  recommendedShards,
  scalarExtras,
  utilizationBand,
} from '../../src/render/format.js';
import type { Alternative, RegionResult } from '../../src/report/types.js';

describe('formatUnitPrice', () => {
  it.each([
    [0.015, '$0.015'],
    [0.0195, '$0.0195'],
    [0.1, '$0.10'],
    [29.2, '$29.20'],
    [0.001, '$0.001'],
    [0.000000014, '$0.014 / 1M'],
    [0.000005, '$0.005 / 1K'],
    [0.0005, '$0.50 / 1K'],
    [0.0000001234567, '$0.1235 / 1M'],
    [3e-12, '$0.003 / 1B'],
    [0, '$0'],
  ])('%s → %s', (price, text) => {
    expect(formatUnitPrice(price)).toBe(text);
  });
});

describe('formatUsd', () => {
  it.each([
    [0, '$0.00'],
    [1234.5, '$1,234.50'],
    [44303.704375, '$44,303.70'],
    [0.004, '<$0.01'],
    [0.005, '$0.01'],
    [-2.5, '-$2.50'],
  ])('%s → %s', (n, text) => {
    expect(formatUsd(n)).toBe(text);
  });

  it('marks unknown parts and never prints a bare zero for them', () => {
    expect(formatUsdWithUnknown(43.8, ['s3-put-requests'])).toBe('≥ $43.80 + unknown (s3-put-requests)');
    expect(formatUsdWithUnknown(43.8, ['s3-put-requests', 'firehose-ingestion'])).toBe('≥ $43.80 + unknown (s3-put-requests, firehose-ingestion)');
    expect(formatUsdWithUnknown(0, ['shard-hours'])).toBe('unknown (shard-hours)');
    expect(formatUsdWithUnknown(0, [])).toBe('$0.00');
  });
});

describe('numbers', () => {
  it('groups thousands and trims decimals as quantities grow', () => {
    expect(formatQuantity(52560000000)).toBe('52,560,000,000');
    expect(formatQuantity(513281.25)).toBe('513,281.3');
    expect(formatQuantity(2.125)).toBe('2.13');
    expect(formatQuantity(0.012345)).toBe('0.0123');
  });

  it('keeps precision for explain values', () => {
    expect(formatNumber(262144000)).toBe('262,144,000');
    expect(formatNumber(1.123456789)).toBe('1.12346');
    expect(formatNumber(4.8734e-4)).toBe('4.8734e-4');
  });

  it('writes shares as percentages and small fractions in e-notation', () => {
    expect(formatPercent(0.85)).toBe('85.0%');
    expect(formatPercent(0.00049)).toBe('0.049%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatFraction(4.9e-4)).toBe('4.9e-4 (0.049%)');
    expect(formatFraction(0.031)).toBe('0.031 (3.1%)');
    expect(formatFraction(0)).toBe('0 (0%)');
  });
});

describe('utilizationBand', () => {
  it.each([
    [0.6999, 'ok'],
    [0.7, 'watch'],
    [0.8999, 'watch'],
    [0.9, 'hot'],
    [0.9999, 'hot'],
    [1, 'over'],
  ])('%s → %s', (share, band) => {
    expect(utilizationBand(share)).toBe(band);
  });
});

describe('helpers', () => {
  it('keeps scalar extras only', () => {
    expect(scalarExtras({ level: 'low', a: 1.5, b: 'x', c: true, d: { e: 1 }, f: [1] }, ['level'])).toEqual([
      ['a', '1.5'],
      ['b', 'x'],
      ['c', 'yes'],
    ]);
  });

  it('recommends the largest requirement other than `given`', () => {
    expect(
      recommendedShards([
        { constraint: 'given', shards: 20 },
        { constraint: 'write-bytes', shards: 9 },
        { constraint: 'minimum', shards: 1 },
      ]),
    ).toBe(9);
    expect(recommendedShards([{ constraint: 'given', shards: 20 }])).toBeUndefined();
  });

  it('marks the cheapest mode: cheapest_mode first, then the flag, then the lowest fully priced option', () => {
    const a = (mode: Alternative['mode'], monthly_usd: number, extra: Partial<Alternative> = {}): Alternative => ({
      mode,
      shards: null,
      monthly_usd,
      known_monthly_usd: monthly_usd,
      note: '',
      ...extra,
    });
    const region = (monthly: number, alternatives: Alternative[], extra: Record<string, unknown> = {}): RegionResult => ({
      region: 'r',
      stream: { mode: 'provisioned', shards: 2 } as RegionResult['stream'],
      firehose: [],
      cost: { hourly_usd: 0, daily_usd: 0, monthly_usd: monthly, known_monthly_usd: monthly, lines: [], unknown: [] },
      alternatives,
      ...extra,
    });
    const cheapest = (r: RegionResult): string | undefined => {
      const o = modeOptions(r).find((x) => x.cheapest);
      return o && `${o.mode}${o.current ? ' (current)' : ''}`;
    };
    expect(cheapest(region(10, [a('on-demand', 5), a('on-demand-advantage', 20, { cheapest: true })]))).toBe('on-demand-advantage');
    expect(cheapest(region(10, [a('on-demand', 5)], { cheapest_mode: 'provisioned' }))).toBe('provisioned (current)');
    expect(cheapest(region(10, [a('on-demand', 5)], { cheapest_mode: null }))).toBeUndefined();
    expect(cheapest(region(10, [a('on-demand', 5, { unknown: ['on-demand-data-in'] }), a('on-demand-advantage', 11)]))).toBe('provisioned (current)');
    expect(cheapest(region(10, [a('on-demand', 9)]))).toBe('on-demand');
    expect(modeOptions(region(10, [a('on-demand', 9, { estimated_shards: 3 } as Partial<Alternative>)])).map((o) => o.shards)).toEqual(['2', '~3']);
  });

  it('ranks complete regions by cost, ties by name, incomplete ones last', () => {
    const region = (code: string, monthly: number, unknown: RegionResult['cost']['unknown'] = []): RegionResult => ({
      region: code,
      stream: null,
      firehose: [],
      cost: { hourly_usd: 0, daily_usd: 0, monthly_usd: unknown.length > 0 ? null : monthly, known_monthly_usd: monthly, lines: [], unknown },
      alternatives: [],
    });
    const ranked = rankRegions([region('b', 5), region('x', 1, ['shard-hours']), region('a', 5), region('c', 2)]);
    expect(ranked.map((r) => [r.result.region, r.rank, r.label])).toEqual([
      ['c', 1, 'cheapest'],
      ['a', 2, ''],
      ['b', 3, 'most expensive'],
      ['x', null, 'incomplete'],
    ]);
  });
});
