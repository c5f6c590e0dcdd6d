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

// S3 and Lambda, us-east-1, from AWS's price data files (S3 and Lambda metered-unit maps published
// 2025-12-02): `Standard Storage First 50 TB / Next 450 TB / Over 500 TB per GB Mo`,
// `Standard Infrequent Access Storage per GB-Mo`, `One Zone Infrequent Access Storage Inf per GB-Mo`,
// `Glacier Instant Retrieval Storage`, `Glacier Storage per GB Mo`, `GET and all other requests per
// Requests`, `Lambda Requests`, `Lambda Duration` (+ Tier2, Tier3: past 6 and 15 billion GB-s),
// `Lambda Duration-ARM` (+ Tier2, Tier3: past 7.5 and 18.75 billion GB-s, https://aws.amazon.com/lambda/pricing/).
// Deep Archive storage has no labelled entry in the file, so it is left out (its line is unknown).
const s3StandardTiers: Price['tiers'] = [
  { up_to: 51_200, usd: 0.023 },
  { up_to: 512_000, usd: 0.022 },
  { up_to: null, usd: 0.021 },
];
const lambdaX86Tiers: Price['tiers'] = [
  { up_to: 6e9, usd: 0.0000166667 },
  { up_to: 15e9, usd: 0.000015 },
  { up_to: null, usd: 0.0000133334 },
];
const lambdaArmTiers: Price['tiers'] = [
  { up_to: 7.5e9, usd: 0.0000133334 },
  { up_to: 18.75e9, usd: 0.0000120001 },
  { up_to: null, usd: 0.0000106667 },
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
  's3.get-request': p(0.0004 / 1000, 'request'),
  's3.storage-standard-gb-month': p(0.023, 'GB-month', s3StandardTiers),
  's3.storage-standard-ia-gb-month': p(0.0125, 'GB-month'),
  's3.storage-one-zone-ia-gb-month': p(0.01, 'GB-month'),
  's3.storage-glacier-ir-gb-month': p(0.004, 'GB-month'),
  's3.storage-glacier-flexible-gb-month': p(0.0036, 'GB-month'),
  'lambda.request': p(0.2 / 1e6, 'request'),
  'lambda.duration-x86-gb-second': p(0.0000166667, 'GB-second', lambdaX86Tiers),
  'lambda.duration-arm-gb-second': p(0.0000133334, 'GB-second', lambdaArmTiers),
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
