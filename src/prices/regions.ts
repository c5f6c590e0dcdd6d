// Every commercial AWS Region: code, name and billing-code prefix of its Price List usage types
// (https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-region-billing-codes.html,
// shared/reference/aws-facts.md §1c). Legacy us-east-1 Kinesis SKUs carry no prefix.

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
  { code: 'af-south-1', name: 'Africa (Cape Town)', billingPrefix: 'AFS1' },
  { code: 'ap-east-1', name: 'Asia Pacific (Hong Kong)', billingPrefix: 'APE1' },
  { code: 'ap-south-1', name: 'Asia Pacific (Mumbai)', billingPrefix: 'APS3' },
  { code: 'ap-south-2', name: 'Asia Pacific (Hyderabad)', billingPrefix: 'APS5' },
  { code: 'ap-southeast-1', name: 'Asia Pacific (Singapore)', billingPrefix: 'APS1' },
  { code: 'ap-southeast-2', name: 'Asia Pacific (Sydney)', billingPrefix: 'APS2' },
  { code: 'ap-southeast-3', name: 'Asia Pacific (Jakarta)', billingPrefix: 'APS4' },
  { code: 'ap-northeast-1', name: 'Asia Pacific (Tokyo)', billingPrefix: 'APN1' },
  { code: 'ap-northeast-2', name: 'Asia Pacific (Seoul)', billingPrefix: 'APN2' },
  { code: 'ap-northeast-3', name: 'Asia Pacific (Osaka)', billingPrefix: 'APN3' },
  { code: 'ca-central-1', name: 'Canada (Central)', billingPrefix: 'CAN1' },
  { code: 'eu-central-1', name: 'Europe (Frankfurt)', billingPrefix: 'EUC1' },
  { code: 'eu-west-1', name: 'Europe (Ireland)', billingPrefix: 'EU' },
  { code: 'eu-west-2', name: 'Europe (London)', billingPrefix: 'EUW2' },
  { code: 'eu-west-3', name: 'Europe (Paris)', billingPrefix: 'EUW3' },
  { code: 'eu-south-1', name: 'Europe (Milan)', billingPrefix: 'EUS1' },
  { code: 'eu-north-1', name: 'Europe (Stockholm)', billingPrefix: 'EUN1' },
  { code: 'me-south-1', name: 'Middle East (Bahrain)', billingPrefix: 'MES1' },
  { code: 'sa-east-1', name: 'South America (São Paulo)', billingPrefix: 'SAE1' },
];

export const REGION_CODES: readonly string[] = REGIONS.map((r) => r.code);

export function regionInfo(code: string): RegionInfo | undefined {
  return REGIONS.find((r) => r.code === code);
}
