// Firehose Direct PUT throughput quotas per Region and the PutRecordBatch packing that turns
// records/s into requests/s (docs/firehose.md).
// Source: https://github.com/awsdocs/amazon-kinesis-data-firehose-developer-guide/blob/master/doc_source/limits.md
// (archived quota page; the live page moved the figures to Service Quotas, so the Region list may be dated).

import { KIB, MIB } from '../../units.js';

export interface DirectPutQuota {
  recordsPerSecond: number;
  requestsPerSecond: number;
  bytesPerSecond: number;
}

export const DIRECT_PUT_QUOTA_SOURCE = 'https://github.com/awsdocs/amazon-kinesis-data-firehose-developer-guide/blob/master/doc_source/limits.md';

/** us-east-1, us-west-2, eu-west-1. */
export const DIRECT_PUT_QUOTA_LARGE: DirectPutQuota = {
  recordsPerSecond: 500_000,
  requestsPerSecond: 2_000,
  bytesPerSecond: 5 * MIB,
};

/** Every other Region the quota page lists. */
export const DIRECT_PUT_QUOTA_STANDARD: DirectPutQuota = {
  recordsPerSecond: 100_000,
  requestsPerSecond: 1_000,
  bytesPerSecond: 1 * MIB,
};

const LARGE_REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'];

// The page names Regions; these are their codes. Regions it does not list get no figure
// (the quota exists, but we have no source for its value).
const STANDARD_REGIONS = [
  'us-east-2',
  'us-west-1',
  'us-gov-east-1',
  'us-gov-west-1',
  'ap-east-1',
  'ap-south-1',
  'ap-northeast-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'ca-central-1',
  'eu-central-1',
  'eu-west-2',
  'eu-west-3',
  'eu-north-1',
  'me-south-1',
  'sa-east-1',
  'af-south-1',
  'eu-south-1',
];

/** The Direct PUT quota of a Region, or undefined when the source does not list the Region. */
export function directPutQuota(region: string): DirectPutQuota | undefined {
  if (LARGE_REGIONS.includes(region)) return { ...DIRECT_PUT_QUOTA_LARGE };
  if (STANDARD_REGIONS.includes(region)) return { ...DIRECT_PUT_QUOTA_STANDARD };
  return undefined;
}

/** PutRecordBatch takes at most 500 records or 4 MiB per call, whichever is smaller (a hard limit). */
export const PUT_RECORD_BATCH_MAX_RECORDS = 500;
export const PUT_RECORD_BATCH_MAX_BYTES = 4 * MIB;
/** Largest record Firehose accepts, before base64 (https://docs.aws.amazon.com/firehose/latest/APIReference/API_Record.html). */
export const FIREHOSE_MAX_RECORD_BYTES = 1000 * KIB;
/** Share of a quota at which kplan starts warning. */
export const DIRECT_PUT_NEAR_QUOTA = 0.8;

export interface DirectPutDemand {
  recordsPerSecond: number;
  requestsPerSecond: number;
  bytesPerSecond: number;
  /** Records per PutRecordBatch call, assuming full batches. */
  recordsPerCall: number;
}

/**
 * Peak demand on the quota. Producers are assumed to send full PutRecordBatch calls (500 records,
 * or as many average-size records as fit in 4 MiB): the fewest requests possible. Smaller batches
 * mean more requests/s, so this is a lower bound on requests.
 */
export function directPutDemand(peakRecordsPerSecond: number, averageRecordBytes: number): DirectPutDemand {
  const fit = averageRecordBytes > 0 ? Math.floor(PUT_RECORD_BATCH_MAX_BYTES / averageRecordBytes) : PUT_RECORD_BATCH_MAX_RECORDS;
  const recordsPerCall = Math.max(1, Math.min(PUT_RECORD_BATCH_MAX_RECORDS, fit));
  return {
    recordsPerSecond: peakRecordsPerSecond,
    requestsPerSecond: peakRecordsPerSecond / recordsPerCall,
    bytesPerSecond: peakRecordsPerSecond * averageRecordBytes,
    recordsPerCall,
  };
}

export type QuotaDimension = 'records' | 'requests' | 'bytes';

export interface DirectPutCheck {
  region: string;
  quota: DirectPutQuota | null;
  demand: DirectPutDemand;
  /** Peak demand ÷ quota per dimension; null when the quota is unknown. */
  utilization: Record<QuotaDimension, number> | null;
  /** The dimension closest to (or furthest over) its quota. */
  binding: QuotaDimension | null;
  level: 'ok' | 'near' | 'exceeded' | 'unknown';
  /**
   * When exceeded: the multiple of the current quota to ask for. The three quotas scale together,
   * so the request is made in MiB/s, rounded up to a whole MiB/s.
   */
  multipleNeeded: number | null;
  requested: DirectPutQuota | null;
}

export function checkDirectPut(region: string, peakRecordsPerSecond: number, averageRecordBytes: number): DirectPutCheck {
  const demand = directPutDemand(peakRecordsPerSecond, averageRecordBytes);
  const quota = directPutQuota(region);
  if (!quota) {
    return { region, quota: null, demand, utilization: null, binding: null, level: 'unknown', multipleNeeded: null, requested: null };
  }
  const utilization: Record<QuotaDimension, number> = {
    records: demand.recordsPerSecond / quota.recordsPerSecond,
    requests: demand.requestsPerSecond / quota.requestsPerSecond,
    bytes: demand.bytesPerSecond / quota.bytesPerSecond,
  };
  let binding: QuotaDimension = 'records';
  for (const d of ['requests', 'bytes'] as const) if (utilization[d] > utilization[binding]) binding = d;
  const worst = utilization[binding];
  const known = { region, quota, demand, utilization, binding };
  if (worst <= 1) return { ...known, level: worst >= DIRECT_PUT_NEAR_QUOTA ? 'near' : 'ok', multipleNeeded: null, requested: null };
  const baseMiB = quota.bytesPerSecond / MIB;
  const requestedMiB = Math.ceil(baseMiB * worst - 1e-9);
  const multiple = requestedMiB / baseMiB;
  return {
    ...known,
    level: 'exceeded',
    multipleNeeded: multiple,
    requested: {
      recordsPerSecond: quota.recordsPerSecond * multiple,
      requestsPerSecond: quota.requestsPerSecond * multiple,
      bytesPerSecond: quota.bytesPerSecond * multiple,
    },
  };
}
