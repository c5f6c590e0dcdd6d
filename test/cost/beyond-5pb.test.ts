// Firehose ingestion past 5 PB a month: AWS quotes it on request. The last tier stays open (priced at
// its rate) and the line is flagged. Expected sums written out tier by tier.

import { describe, expect, it } from 'vitest';
import { priceLines, type LineDraft } from '../../src/model/cost/pricing.js';
import { testCatalogue } from '../helpers/catalogue.js';

const prices = testCatalogue().regions['us-east-1'];
const draft = (gb: number, resource: string): LineDraft => ({
  service: 'firehose',
  item: 'firehose-ingestion',
  quantity: gb,
  unit: 'GB',
  priceKey: 'firehose.stream-source-ingestion-gb',
  resource,
});

describe('Firehose ingestion tiers at and past 5 PB', () => {
  it('prices 6,000,000 GB over the three tiers and flags the volume past 5,120,000 GB', () => {
    const p = priceLines([draft(6_000_000, 'big')], prices);
    expect(p.lines[0]!.monthly_usd).toBeCloseTo(512_000 * 0.029 + 1_536_000 * 0.025 + 3_952_000 * 0.02, 6);
    expect(p.beyondPriceList).toEqual([{ resource: 'big', priceKey: 'firehose.stream-source-ingestion-gb', quantity: 6_000_000, coveredUpTo: 5_120_000 }]);
  });

  it('counts the account and Region together: two streams of 3 PB pass 5 PB, the second is flagged', () => {
    const p = priceLines([draft(3_072_000, 'a'), draft(3_072_000, 'b')], prices);
    expect(p.beyondPriceList.map((b) => b.resource)).toEqual(['b']);
  });

  it('does not flag 5 PB or less', () => {
    expect(priceLines([draft(5_120_000, 'x')], prices).beyondPriceList).toEqual([]);
  });
});
