// Which records Firehose ingestion bills when it reads a stream written with KPL aggregation.
// Firehose de-aggregates the records it reads (https://docs.aws.amazon.com/firehose/latest/dev/kinesis-record-deaggregation.html)
// but AWS does not say whether it bills each user record or each aggregated Kinesis record, each
// rounded up to 5 KB (https://aws.amazon.com/firehose/pricing/). The profile chooses
// (`firehose[].kpl_billing`); the default is the conservative per-user-record basis. Pure.

import type { FirehoseConfig, Profile } from '../../profile/types.js';
import { GIB } from '../../units.js';
import { monthlyVolumes } from './kinesis.js';
import type { LineDraft } from './pricing.js';

/** True when the basis decides anything: a delivery stream reading a KPL-aggregated stream. */
export function kplBasisMatters(profile: Profile, fh: FirehoseConfig): boolean {
  return profile.producer.aggregation === 'kpl' && fh.source === 'stream' && profile.stream.mode !== 'none';
}

/** Firehose ingestion GB a month billed per aggregated Kinesis record: Σ ceil(record / 5 KB) × 5 KB. */
export function aggregatedIngestionGiB(profile: Profile, shards: number): number {
  return monthlyVolumes(profile, shards).firehoseBilledBytesPerKinesisRecord / GIB;
}

/**
 * The drafts with each `kpl_billing: aggregated-records` delivery stream's ingestion line billed per
 * aggregated Kinesis record (at the stream's `shards`: aggregation packs per shard). Other lines,
 * format conversion included (it converts the de-aggregated records), are unchanged.
 */
export function withKplBillingBasis(profile: Profile, shards: number, drafts: readonly LineDraft[]): LineDraft[] {
  const aggregated = new Set(profile.firehose.filter((f) => f.kplBilling === 'aggregated-records' && kplBasisMatters(profile, f)).map((f) => f.name));
  if (aggregated.size === 0) return [...drafts];
  const gib = aggregatedIngestionGiB(profile, shards);
  return drafts.map((d) => (d.item === 'firehose-ingestion' && d.resource !== undefined && aggregated.has(d.resource) ? { ...d, quantity: gib } : d));
}
