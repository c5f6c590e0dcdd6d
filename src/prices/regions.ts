// Every commercial AWS Region (no GovCloud, no China, no European Sovereign Cloud): code, name and
// the billing-code prefix of its Price List usage types.
// Prefixes: https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-region-billing-codes.html
// (North America, Africa, Asia Pacific, EU for eu-west-1); the other European, Israel and Middle East
// codes as listed by AWS for S3 usage types:
// https://docs.amazonaws.cn/en_us/AmazonS3/latest/userguide/aws-usage-report-understand.html
// (that page spells af-south-1 `CPT`; the billing-code page and Kinesis SKUs use `AFS1`).
// Legacy us-east-1 Kinesis SKUs carry no prefix at all
// (https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-region-billing-codes.html).

import { didYouMean, type Issue } from '../errors.js';

export interface RegionInfo {
  code: string;
  name: string;
  /** Billing-code prefix of usage types (`USE2` in `USE2-Storage-ShardHour`); null where not confirmed. */
  billingPrefix: string | null;
}

export const REGIONS: readonly RegionInfo[] = [
  { code: 'us-east-1', name: 'US East (N. Virginia)', billingPrefix: 'USE1' },
  { code: 'us-east-2', name: 'US East (Ohio)', billingPrefix: 'USE2' },
  { code: 'us-west-1', name: 'US West (N. California)', billingPrefix: 'USW1' },
  { code: 'us-west-2', name: 'US West (Oregon)', billingPrefix: 'USW2' },
  { code: 'ca-central-1', name: 'Canada (Central)', billingPrefix: 'CAN1' },
  { code: 'ca-west-1', name: 'Canada West (Calgary)', billingPrefix: 'CAN2' },
  { code: 'mx-central-1', name: 'Mexico (Central)', billingPrefix: 'MXC1' },
  { code: 'sa-east-1', name: 'South America (São Paulo)', billingPrefix: 'SAE1' },
  { code: 'af-south-1', name: 'Africa (Cape Town)', billingPrefix: 'AFS1' },
  { code: 'ap-east-1', name: 'Asia Pacific (Hong Kong)', billingPrefix: 'APE1' },
  { code: 'ap-east-2', name: 'Asia Pacific (Taipei)', billingPrefix: 'APE2' },
  { code: 'ap-northeast-1', name: 'Asia Pacific (Tokyo)', billingPrefix: 'APN1' },
  { code: 'ap-northeast-2', name: 'Asia Pacific (Seoul)', billingPrefix: 'APN2' },
  { code: 'ap-northeast-3', name: 'Asia Pacific (Osaka)', billingPrefix: 'APN3' },
  { code: 'ap-southeast-1', name: 'Asia Pacific (Singapore)', billingPrefix: 'APS1' },
  { code: 'ap-southeast-2', name: 'Asia Pacific (Sydney)', billingPrefix: 'APS2' },
  { code: 'ap-south-1', name: 'Asia Pacific (Mumbai)', billingPrefix: 'APS3' },
  { code: 'ap-southeast-3', name: 'Asia Pacific (Jakarta)', billingPrefix: 'APS4' },
  { code: 'ap-south-2', name: 'Asia Pacific (Hyderabad)', billingPrefix: 'APS5' },
  { code: 'ap-southeast-4', name: 'Asia Pacific (Melbourne)', billingPrefix: 'APS6' },
  { code: 'ap-southeast-5', name: 'Asia Pacific (Malaysia)', billingPrefix: 'APS7' },
  { code: 'ap-southeast-6', name: 'Asia Pacific (New Zealand)', billingPrefix: 'APS8' },
  { code: 'ap-southeast-7', name: 'Asia Pacific (Thailand)', billingPrefix: 'APS9' },
  { code: 'eu-central-1', name: 'Europe (Frankfurt)', billingPrefix: 'EUC1' },
  { code: 'eu-central-2', name: 'Europe (Zurich)', billingPrefix: 'EUC2' },
  { code: 'eu-west-1', name: 'Europe (Ireland)', billingPrefix: 'EU' },
  { code: 'eu-west-2', name: 'Europe (London)', billingPrefix: 'EUW2' },
  { code: 'eu-west-3', name: 'Europe (Paris)', billingPrefix: 'EUW3' },
  { code: 'eu-south-1', name: 'Europe (Milan)', billingPrefix: 'EUS1' },
  { code: 'eu-south-2', name: 'Europe (Spain)', billingPrefix: 'EUS2' },
  { code: 'eu-north-1', name: 'Europe (Stockholm)', billingPrefix: 'EUN1' },
  { code: 'il-central-1', name: 'Israel (Tel Aviv)', billingPrefix: 'ILC1' },
  { code: 'me-central-1', name: 'Middle East (UAE)', billingPrefix: 'MEC1' },
  { code: 'me-south-1', name: 'Middle East (Bahrain)', billingPrefix: 'MES1' },
];

export const REGION_CODES: readonly string[] = REGIONS.map((r) => r.code);

const BY_CODE = new Map(REGIONS.map((r) => [r.code, r]));
const BY_PREFIX = new Map(REGIONS.filter((r) => r.billingPrefix !== null).map((r) => [r.billingPrefix, r]));
// Price List `location` values; older files say "EU (Ireland)" where newer ones say "Europe (Ireland)".
const BY_NAME = new Map(REGIONS.flatMap((r) => [[r.name.toLowerCase(), r], [r.name.replace(/^Europe /, 'EU ').toLowerCase(), r]]));

export function regionInfo(code: string): RegionInfo | undefined {
  return BY_CODE.get(code);
}

/** The region whose billing-code prefix this is (`USE2` → us-east-2), if known. */
export function regionByBillingPrefix(prefix: string): RegionInfo | undefined {
  return BY_PREFIX.get(prefix);
}

/** The region with this Price List location name (`US East (Ohio)`), if known. */
export function regionByName(name: string): RegionInfo | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** An error issue for a code that is not a commercial AWS Region, with "did you mean" suggestions. */
export function checkRegion(code: string, path?: string): Issue | undefined {
  if (BY_CODE.has(code)) return undefined;
  const hint = didYouMean(code, REGION_CODES);
  const issue: Issue = {
    code: 'bad-region',
    severity: 'error',
    message: `unknown region \`${code}\``,
    expected: 'a commercial AWS Region code such as us-east-1',
    found: JSON.stringify(code),
    hint: hint ?? `the known regions are ${REGION_CODES.join(', ')}`,
  };
  if (path !== undefined) issue.path = path;
  return issue;
}
