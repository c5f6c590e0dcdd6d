// A small price catalogue with the us-east-1 figures of https://aws.amazon.com/kinesis/data-streams/pricing/
// and https://aws.amazon.com/kinesis/data-firehose/pricing/, so model
// tests do not depend on the shipped catalogue file.

import type { Price, PriceCatalogue, PriceKey } from '../../src/prices/types.js';

const p = (usd: number, unit: string, tiers?: Price['tiers']): Price => ({
  usd,
  unit,
  as_of: '2026-11-27',
  source: 'test',
  confidence: 'M',
  ...(tiers ? { tiers } : {}),
});

const firehoseTiers: Price['tiers'] = [
  { up_to: 512_000, usd: 0.029 },
  { up_to: 2_048_000, usd: 0.025 },
  { up_to: null, usd: 0.02 },
];

export const US_EAST_1: Partial<Record<PriceKey, Price>> = {
  'kinesis.shard-hour': p(0.015, 'shard-hour'),
  'kinesis.put-payload-unit': p(0.014 / 1e6, 'unit'),
  'kinesis.extended-retention-shard-hour': p(0.02, 'shard-hour'),
  'kinesis.long-term-retention-gb-month': p(0.023, 'GB-month'),
  'kinesis.long-term-retrieval-gb': p(0.021, 'GB'),
  'kinesis.efo-consumer-shard-hour': p(0.015, 'consumer-shard-hour'),
  'kinesis.efo-data-gb': p(0.013, 'GB'),
  'kinesis.on-demand-stream-hour': p(0.04, 'stream-hour'),
  'kinesis.on-demand-data-in-gb': p(0.08, 'GB'),
  'kinesis.on-demand-data-out-gb': p(0.04, 'GB'),
  'kinesis.on-demand-efo-data-gb': p(0.05, 'GB'),
  'kinesis.on-demand-extended-retention-gb-month': p(0.1, 'GB-month'),
  'kinesis.on-demand-long-term-retention-gb-month': p(0.023, 'GB-month'),
  'kinesis.advantage-data-in-gb': p(0.032, 'GB'),
  'kinesis.advantage-data-out-gb': p(0.016, 'GB'),
  'kinesis.advantage-efo-data-gb': p(0.016, 'GB'),
  'kinesis.advantage-retention-gb-month': p(0.023, 'GB-month'),
  'firehose.direct-put-ingestion-gb': p(0.029, 'GB', firehoseTiers),
  'firehose.stream-source-ingestion-gb': p(0.029, 'GB', firehoseTiers),
  'firehose.format-conversion-gb': p(0.018, 'GB'),
  'firehose.vpc-data-gb': p(0.01, 'GB'),
  'firehose.vpc-az-hour': p(0.01, 'AZ-hour'),
  'firehose.dynamic-partitioning-gb': p(0.02, 'GB'),
  'firehose.dynamic-partitioning-object': p(0.005 / 1000, 'object'),
  'firehose.jq-hour': p(0.07, 'hour'),
};

export function testCatalogue(): PriceCatalogue {
  return {
    catalogue_version: 1,
    as_of: '2026-11-27',
    source: 'test',
    currency: 'USD',
    regions: {
      'us-east-1': { region: 'us-east-1', prices: { ...US_EAST_1 } },
      // A region with only part of the prices, to exercise unknown lines.
      'ap-northeast-1': {
        region: 'ap-northeast-1',
        prices: { 'kinesis.shard-hour': p(0.0195, 'shard-hour'), 'kinesis.put-payload-unit': p(0.0215 / 1e6, 'unit') },
      },
    },
  };
}
