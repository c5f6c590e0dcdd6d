// Every AWS Region kplan knows: the commercial Regions and AWS GovCloud (US), priced in USD, and the
// China Regions, a separate partition priced in CNY (https://www.amazonaws.cn/en/kinesis/data-streams/pricing/),
// whose prices kplan does not have. Code, name, partition and the billing-code prefix of usage types.
// Names are those of the AWS pricing pages' data files ("EU (Frankfurt)", "AWS GovCloud (US)").
// Prefixes: https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-region-billing-codes.html
// (North America, Africa, Asia Pacific, EU for eu-west-1); the other European, Israel and Middle East
// codes as listed by AWS for S3 usage types:
// https://docs.amazonaws.cn/en_us/AmazonS3/latest/userguide/aws-usage-report-understand.html
// (that page spells af-south-1 `CPT`; the billing-code page and Kinesis SKUs use `AFS1`).
// Legacy us-east-1 Kinesis SKUs carry no prefix at all
// (https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-region-billing-codes.html).

import { didYouMean, type Issue } from '../errors.js';

export type Partition = 'aws' | 'aws-us-gov' | 'aws-cn';

export interface RegionInfo {
  code: string;
  name: string;
  /** `aws-cn` Regions are billed in CNY by a separate company; kplan's catalogue is USD. */
  partition: Partition;
  /** Billing-code prefix of usage types (`USE2` in `USE2-Storage-ShardHour`); null where not confirmed. */
  billingPrefix: string | null;
}

export const REGIONS: readonly RegionInfo[] = [
  { code: 'us-east-1', name: 'US East (N. Virginia)', partition: 'aws', billingPrefix: 'USE1' },
  { code: 'us-east-2', name: 'US East (Ohio)', partition: 'aws', billingPrefix: 'USE2' },
  { code: 'us-west-1', name: 'US West (N. California)', partition: 'aws', billingPrefix: 'USW1' },
  { code: 'us-west-2', name: 'US West (Oregon)', partition: 'aws', billingPrefix: 'USW2' },
  { code: 'ca-central-1', name: 'Canada (Central)', partition: 'aws', billingPrefix: 'CAN1' },
  { code: 'ca-west-1', name: 'Canada West (Calgary)', partition: 'aws', billingPrefix: 'CAN2' },
  { code: 'mx-central-1', name: 'Mexico (Central)', partition: 'aws', billingPrefix: 'MXC1' },
  { code: 'sa-east-1', name: 'South America (São Paulo)', partition: 'aws', billingPrefix: 'SAE1' },
  { code: 'af-south-1', name: 'Africa (Cape Town)', partition: 'aws', billingPrefix: 'AFS1' },
  { code: 'ap-east-1', name: 'Asia Pacific (Hong Kong)', partition: 'aws', billingPrefix: 'APE1' },
  { code: 'ap-east-2', name: 'Asia Pacific (Taipei)', partition: 'aws', billingPrefix: 'APE2' },
  { code: 'ap-northeast-1', name: 'Asia Pacific (Tokyo)', partition: 'aws', billingPrefix: 'APN1' },
  { code: 'ap-northeast-2', name: 'Asia Pacific (Seoul)', partition: 'aws', billingPrefix: 'APN2' },
  { code: 'ap-northeast-3', name: 'Asia Pacific (Osaka)', partition: 'aws', billingPrefix: 'APN3' },
  { code: 'ap-southeast-1', name: 'Asia Pacific (Singapore)', partition: 'aws', billingPrefix: 'APS1' },
  { code: 'ap-southeast-2', name: 'Asia Pacific (Sydney)', partition: 'aws', billingPrefix: 'APS2' },
  { code: 'ap-south-1', name: 'Asia Pacific (Mumbai)', partition: 'aws', billingPrefix: 'APS3' },
  { code: 'ap-southeast-3', name: 'Asia Pacific (Jakarta)', partition: 'aws', billingPrefix: 'APS4' },
  { code: 'ap-south-2', name: 'Asia Pacific (Hyderabad)', partition: 'aws', billingPrefix: 'APS5' },
  { code: 'ap-southeast-4', name: 'Asia Pacific (Melbourne)', partition: 'aws', billingPrefix: 'APS6' },
  { code: 'ap-southeast-5', name: 'Asia Pacific (Malaysia)', partition: 'aws', billingPrefix: 'APS7' },
  { code: 'ap-southeast-6', name: 'Asia Pacific (New Zealand)', partition: 'aws', billingPrefix: 'APS8' },
  { code: 'ap-southeast-7', name: 'Asia Pacific (Thailand)', partition: 'aws', billingPrefix: 'APS9' },
  { code: 'eu-central-1', name: 'Europe (Frankfurt)', partition: 'aws', billingPrefix: 'EUC1' },
  { code: 'eu-central-2', name: 'Europe (Zurich)', partition: 'aws', billingPrefix: 'EUC2' },
  { code: 'eu-west-1', name: 'Europe (Ireland)', partition: 'aws', billingPrefix: 'EU' },
  { code: 'eu-west-2', name: 'Europe (London)', partition: 'aws', billingPrefix: 'EUW2' },
  { code: 'eu-west-3', name: 'Europe (Paris)', partition: 'aws', billingPrefix: 'EUW3' },
  { code: 'eu-south-1', name: 'Europe (Milan)', partition: 'aws', billingPrefix: 'EUS1' },
  { code: 'eu-south-2', name: 'Europe (Spain)', partition: 'aws', billingPrefix: 'EUS2' },
  { code: 'eu-north-1', name: 'Europe (Stockholm)', partition: 'aws', billingPrefix: 'EUN1' },
  { code: 'il-central-1', name: 'Israel (Tel Aviv)', partition: 'aws', billingPrefix: 'ILC1' },
  { code: 'me-central-1', name: 'Middle East (UAE)', partition: 'aws', billingPrefix: 'MEC1' },
  { code: 'me-south-1', name: 'Middle East (Bahrain)', partition: 'aws', billingPrefix: 'MES1' },
  // Billing prefixes of these four are not confirmed by the pages above; the Price List gives their
  // SKUs a regionCode, which is what the importer reads first.
  { code: 'us-gov-west-1', name: 'AWS GovCloud (US)', partition: 'aws-us-gov', billingPrefix: null },
  { code: 'us-gov-east-1', name: 'AWS GovCloud (US-East)', partition: 'aws-us-gov', billingPrefix: null },
  { code: 'cn-north-1', name: 'China (Beijing)', partition: 'aws-cn', billingPrefix: null },
  { code: 'cn-northwest-1', name: 'China (Ningxia)', partition: 'aws-cn', billingPrefix: null },
];

/** Why a Region has no USD price, where kplan knows (the China partition); undefined otherwise. */
export function unpricedReason(code: string): string | undefined {
  return regionInfo(code)?.partition === 'aws-cn'
    ? `${code} is in the AWS China partition, priced in CNY by a separate operator (https://www.amazonaws.cn/en/pricing/); kplan's catalogue holds USD prices only, so every cost line is unknown`
    : undefined;
}

export const REGION_CODES: readonly string[] = REGIONS.map((r) => r.code);

const BY_CODE = new Map(REGIONS.map((r) => [r.code, r]));
const BY_PREFIX = new Map(REGIONS.filter((r) => r.billingPrefix !== null).map((r) => [r.billingPrefix, r]));
// Price List `location` values and pricing-page data files: older files say "EU (Ireland)" where newer
// ones say "Europe (Ireland)", and the data files spell São Paulo without the accent.
const plain = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
const BY_NAME = new Map(
  REGIONS.flatMap((r) => [
    [plain(r.name), r],
    [plain(r.name.replace(/^Europe /, 'EU ')), r],
  ]),
);
// The Price List calls us-gov-west-1 "AWS GovCloud (US-West)"; the pricing pages "AWS GovCloud (US)".
BY_NAME.set(plain('AWS GovCloud (US-West)'), BY_CODE.get('us-gov-west-1')!);

export function regionInfo(code: string): RegionInfo | undefined {
  return BY_CODE.get(code);
}

/** The region whose billing-code prefix this is (`USE2` → us-east-2), if known. */
export function regionByBillingPrefix(prefix: string): RegionInfo | undefined {
  return BY_PREFIX.get(prefix);
}

/** The region with this Price List location name (`US East (Ohio)`), if known. */
export function regionByName(name: string): RegionInfo | undefined {
  return BY_NAME.get(plain(name));
}

/** An error issue for a code that is not a known AWS Region, with "did you mean" suggestions. */
export function checkRegion(code: string, path?: string): Issue | undefined {
  if (BY_CODE.has(code)) return undefined;
  const hint = didYouMean(code, REGION_CODES);
  const issue: Issue = {
    code: 'bad-region',
    severity: 'error',
    message: `unknown region \`${code}\``,
    expected: 'an AWS Region code such as us-east-1',
    found: JSON.stringify(code),
    hint: hint ?? `the known regions are ${REGION_CODES.join(', ')}`,
  };
  if (path !== undefined) issue.path = path;
  return issue;
}
