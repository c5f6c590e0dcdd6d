// Monthly quantities of every Kinesis cost item, per capacity mode (the items of docs/cost.md).
// Billing rules: https://aws.amazon.com/kinesis/data-streams/pricing/. AWS states the 1 KB rounding
// for on-demand data *in* only; data read out (shared and EFO) is billed per GB read and retention
// per GB stored, so both are counted on the payload (docs/cost.md, "Billing bases").

import type { Profile, StreamMode } from '../../profile/types.js';
import type { Explanation } from '../../report/types.js';
import { GIB, HOURS_PER_MONTH, MIB, SECONDS_PER_HOUR, SECONDS_PER_MONTH } from '../../units.js';
import type { LineDraft } from './pricing.js';
import {
  FIREHOSE_ROUNDING_BYTES,
  ON_DEMAND_ROUNDING_BYTES,
  PUT_PAYLOAD_UNIT_BYTES,
  aggregatedUnitsPerRecord,
  expectedUnitsPerRecord,
  kinesisRecordsOnShard,
  roundedBytesPerRecord,
} from '../stream/traffic.js';
import { consumerCounts } from '../stream/sizing.js';

/** Advantage bills ingest and retrieval at no less than 25 MiB/s each (https://aws.amazon.com/kinesis/data-streams/pricing/). */
export const ADVANTAGE_MINIMUM_BYTES_PER_SECOND = 25 * MIB;

export interface MonthlyVolumes {
  userRecords: number;
  kinesisRecords: number;
  /** Σ ceil(record / 25 KB) over Kinesis records. */
  putPayloadUnits: number;
  /** Payload bytes written (billing counts payload, not partition keys). */
  payloadBytes: number;
  /** Σ ceil(record / 1 KB) × 1 KB over Kinesis records: on-demand billed bytes. */
  onDemandBilledBytes: number;
  /**
   * Σ ceil(record / 5 KB) × 5 KB over Kinesis records (aggregated, as stored in the stream): what
   * Firehose ingestion would bill if it counted aggregated records rather than de-aggregated ones.
   */
  firehoseBilledBytesPerKinesisRecord: number;
}

/**
 * Volumes over a 730-hour month. With a daily curve each UTC hour is computed on its own (KPL
 * aggregation packs better at higher rates) and the day is scaled to the month (× 730 / 24).
 */
export function monthlyVolumes(profile: Profile, shards: number): MonthlyVolumes {
  const t = profile.traffic;
  const curve = t.dailyCurve ?? new Array<number>(24).fill(1);
  const aggregated = profile.producer.aggregation === 'kpl';
  const perRecordBytes = t.recordSize.averageBytes + (aggregated ? t.partitionKeyBytes : 0);
  const out: MonthlyVolumes = { userRecords: 0, kinesisRecords: 0, putPayloadUnits: 0, payloadBytes: 0, onDemandBilledBytes: 0, firehoseBilledBytesPerKinesisRecord: 0 };
  const hourScale = (HOURS_PER_MONTH / 24) * SECONDS_PER_HOUR; // seconds of one UTC hour over a month
  // Without aggregation every Kinesis record is a user record: the per-record rounding is the same
  // every hour, so it is computed once.
  const fixedUnits = aggregated ? undefined : expectedUnitsPerRecord(t.recordSize, PUT_PAYLOAD_UNIT_BYTES);
  const fixedBilled = aggregated ? undefined : roundedBytesPerRecord(t.recordSize, ON_DEMAND_ROUNDING_BYTES);
  const fixedFirehose = aggregated ? undefined : roundedBytesPerRecord(t.recordSize, FIREHOSE_ROUNDING_BYTES);
  for (const m of curve) {
    const userRps = t.recordsPerSecond * m;
    if (userRps <= 0) continue;
    const flow = kinesisRecordsOnShard(userRps / shards, perRecordBytes, profile.producer);
    const kinesisRps = flow.kinesisRecordsPerSecond * shards;
    const maxSize = profile.producer.aggregationMaxSizeBytes;
    const units = fixedUnits ?? aggregatedUnitsPerRecord(flow, maxSize, PUT_PAYLOAD_UNIT_BYTES);
    const billed = fixedBilled ?? aggregatedUnitsPerRecord(flow, maxSize, ON_DEMAND_ROUNDING_BYTES) * ON_DEMAND_ROUNDING_BYTES;
    out.userRecords += userRps * hourScale;
    out.kinesisRecords += kinesisRps * hourScale;
    out.putPayloadUnits += kinesisRps * units * hourScale;
    out.payloadBytes += userRps * t.recordSize.averageBytes * hourScale;
    out.onDemandBilledBytes += kinesisRps * billed * hourScale;
    const firehose = fixedFirehose ?? aggregatedUnitsPerRecord(flow, maxSize, FIREHOSE_ROUNDING_BYTES) * FIREHOSE_ROUNDING_BYTES;
    out.firehoseBilledBytesPerKinesisRecord += kinesisRps * firehose * hourScale;
  }
  return out;
}

/** Steady-state data stored for `hours` of retention, in GB (2^30 B), from the monthly payload. */
function storedGiB(payloadBytesPerMonth: number, hours: number): number {
  const bytesPerHour = payloadBytesPerMonth / HOURS_PER_MONTH;
  return (bytesPerHour * hours) / GIB;
}

export interface ModeCost {
  mode: StreamMode;
  drafts: LineDraft[];
  explain: Explanation[];
}

/**
 * Kinesis line drafts for one capacity mode at the given (provisioned or estimated) shard count.
 * Longer than 80 lines because each bill line sits beside its explanation, one branch per capacity
 * mode, so a mode's whole bill reads in one place.
 */
export function kinesisDrafts(profile: Profile, mode: StreamMode, shards: number, withExplain = true): ModeCost {
  const v = monthlyVolumes(profile, shards);
  const c = consumerCounts(profile);
  const retention = profile.stream.retentionHours;
  const drafts: LineDraft[] = [];
  // Explanations are built only when asked for (`--explain`); searches and sweeps skip them.
  const explain: Explanation[] | undefined = withExplain ? [] : undefined;
  const payloadGiB = v.payloadBytes / GIB;
  const billedInGiB = v.onDemandBilledBytes / GIB;
  const dist = profile.traffic.recordSize;

  if (mode === 'provisioned') {
    drafts.push({ service: 'kinesis', item: 'shard-hours', quantity: shards * HOURS_PER_MONTH, unit: 'shard-hour', priceKey: 'kinesis.shard-hour' });
    explain?.push({ topic: 'cost.shard-hours', formula: 'shards × 730 h', inputs: { shards }, result: shards * HOURS_PER_MONTH });
    drafts.push({ service: 'kinesis', item: 'put-payload-units', quantity: v.putPayloadUnits, unit: 'unit', priceKey: 'kinesis.put-payload-unit' });
    explain?.push({
      topic: 'cost.put-payload-units',
      formula: 'Kinesis records/month × E[ceil(record_bytes ÷ 25,600)] (per record over the size distribution, after aggregation)',
      inputs: {
        kinesis_records_per_month: v.kinesisRecords,
        units_per_record: v.kinesisRecords > 0 ? v.putPayloadUnits / v.kinesisRecords : 0,
        average_record_bytes: dist.averageBytes,
      },
      result: v.putPayloadUnits,
    });
    if (retention > 24) {
      // Extended retention (24 h–7 d) is a flat add-on per shard-hour, whatever the number of days.
      drafts.push({ service: 'kinesis', item: 'extended-retention', quantity: shards * HOURS_PER_MONTH, unit: 'shard-hour', priceKey: 'kinesis.extended-retention-shard-hour' });
      explain?.push({
        topic: 'cost.extended-retention',
        formula: 'shards × 730 h (retention > 24 h)',
        inputs: { shards, retention_hours: retention },
        result: shards * HOURS_PER_MONTH,
      });
    }
    if (retention > 168) {
      const gbMonth = storedGiB(v.payloadBytes, retention - 168);
      drafts.push({ service: 'kinesis', item: 'long-term-retention', quantity: gbMonth, unit: 'GB-month', priceKey: 'kinesis.long-term-retention-gb-month' });
      explain?.push({
        topic: 'cost.long-term-retention',
        formula: 'payload GB per hour × (retention_hours − 168)',
        inputs: { payload_gb_per_month: payloadGiB, retention_hours: retention },
        result: gbMonth,
      });
    }
    if (c.efo > 0) {
      const csh = c.efo * shards * HOURS_PER_MONTH;
      drafts.push({ service: 'kinesis', item: 'efo-consumer-shard-hours', quantity: csh, unit: 'consumer-shard-hour', priceKey: 'kinesis.efo-consumer-shard-hour' });
      explain?.push({ topic: 'cost.efo-consumer-shard-hours', formula: 'EFO consumers × shards × 730 h', inputs: { efo_consumers: c.efo, shards }, result: csh });
      drafts.push({ service: 'kinesis', item: 'efo-data', quantity: c.efo * payloadGiB, unit: 'GB', priceKey: 'kinesis.efo-data-gb' });
      explain?.push({
        topic: 'cost.efo-data',
        formula: 'EFO consumers × payload GB/month',
        inputs: { efo_consumers: c.efo, payload_gb_per_month: payloadGiB },
        result: c.efo * payloadGiB,
      });
    }
    return { mode, drafts, explain: explain ?? [] };
  }

  if (mode === 'on-demand') {
    drafts.push({ service: 'kinesis', item: 'on-demand-stream-hours', quantity: HOURS_PER_MONTH, unit: 'stream-hour', priceKey: 'kinesis.on-demand-stream-hour' });
    drafts.push({ service: 'kinesis', item: 'on-demand-data-in', quantity: billedInGiB, unit: 'GB', priceKey: 'kinesis.on-demand-data-in-gb' });
    explain?.push({
      topic: 'cost.on-demand-data-in',
      formula: 'Kinesis records/month × E[ceil(record_bytes ÷ 1,024) × 1,024] ÷ 2^30',
      inputs: { kinesis_records_per_month: v.kinesisRecords, billed_bytes_per_record: v.kinesisRecords > 0 ? v.onDemandBilledBytes / v.kinesisRecords : 0 },
      result: billedInGiB,
    });
    // Retrieval is billed per consumer application, per GB read: no rounding (AWS states it for data in only).
    drafts.push({ service: 'kinesis', item: 'on-demand-data-out', quantity: c.shared * payloadGiB, unit: 'GB', priceKey: 'kinesis.on-demand-data-out-gb' });
    explain?.push({
      topic: 'cost.on-demand-data-out',
      formula: 'shared consumers × payload GB/month (per GB read, no rounding)',
      inputs: { shared_consumers: c.shared, payload_gb_per_month: payloadGiB },
      result: c.shared * payloadGiB,
    });
    drafts.push({ service: 'kinesis', item: 'on-demand-efo-data', quantity: c.efo * payloadGiB, unit: 'GB', priceKey: 'kinesis.on-demand-efo-data-gb' });
    // Retention is billed on data stored, as the provisioned long-term retention: the payload.
    if (retention > 24) {
      const gbMonth = storedGiB(v.payloadBytes, Math.min(retention, 168) - 24);
      drafts.push({ service: 'kinesis', item: 'extended-retention', quantity: gbMonth, unit: 'GB-month', priceKey: 'kinesis.on-demand-extended-retention-gb-month' });
      explain?.push({
        topic: 'cost.extended-retention',
        formula: 'payload GB per hour × (min(retention_hours, 168) − 24)',
        inputs: { payload_gb_per_month: payloadGiB, retention_hours: retention },
        result: gbMonth,
      });
    }
    if (retention > 168) {
      const gbMonth = storedGiB(v.payloadBytes, retention - 168);
      drafts.push({ service: 'kinesis', item: 'long-term-retention', quantity: gbMonth, unit: 'GB-month', priceKey: 'kinesis.on-demand-long-term-retention-gb-month' });
      explain?.push({
        topic: 'cost.long-term-retention',
        formula: 'payload GB per hour × (retention_hours − 168)',
        inputs: { payload_gb_per_month: payloadGiB, retention_hours: retention },
        result: gbMonth,
      });
    }
    return { mode, drafts, explain: explain ?? [] };
  }

  // On-demand Advantage: no stream-hour fee; ingest and retrieval each billed at ≥ 25 MiB/s
  // (https://aws.amazon.com/blogs/big-data/kinesis-on-demand-advantage-saves-60-on-streaming-costs/).
  // The minimum is per account and Region: the account's other Advantage traffic counts towards
  // it, so this stream bills its own GB plus the shortfall, max(own, minimum − other).
  const minimumGiB = (ADVANTAGE_MINIMUM_BYTES_PER_SECOND * SECONDS_PER_MONTH) / GIB;
  const other = profile.stream.advantageOtherTraffic;
  const otherInGiB = (other.inBytesPerSecond * SECONDS_PER_MONTH) / GIB;
  const otherOutGiB = (other.outBytesPerSecond * SECONDS_PER_MONTH) / GIB;
  const inGiB = Math.max(billedInGiB, minimumGiB - otherInGiB);
  drafts.push({ service: 'kinesis', item: 'advantage-data-in', quantity: inGiB, unit: 'GB', priceKey: 'kinesis.advantage-data-in-gb' });
  explain?.push({
    topic: 'cost.advantage-data-in',
    formula:
      otherInGiB > 0 ? "max(billed GB in, 64,160.16 GB (25 MiB/s) − the account's other Advantage GB in)" : 'max(billed GB in, 25 MiB/s × 2,628,000 s ÷ 1,024 = 64,160.16 GB)',
    inputs: otherInGiB > 0 ? { billed_gb_in: billedInGiB, minimum_gb: minimumGiB, other_gb_in: otherInGiB } : { billed_gb_in: billedInGiB, minimum_gb: minimumGiB },
    result: inGiB,
  });
  // Retrieval minimum: GetRecords and enhanced fan-out together (documented in docs/cost.md); per GB read.
  const outActual = (c.shared + c.efo) * payloadGiB;
  const outGiB = Math.max(outActual, minimumGiB - otherOutGiB);
  drafts.push({ service: 'kinesis', item: 'advantage-data-out', quantity: outGiB, unit: 'GB', priceKey: 'kinesis.advantage-data-out-gb' });
  explain?.push({
    topic: 'cost.advantage-data-out',
    formula:
      otherOutGiB > 0
        ? "max((shared + EFO consumers) × payload GB/month, 64,160.16 GB − the account's other Advantage GB out)"
        : 'max((shared + EFO consumers) × payload GB/month, 64,160.16 GB)',
    inputs:
      otherOutGiB > 0
        ? { consumers: c.shared + c.efo, payload_gb_per_month: payloadGiB, minimum_gb: minimumGiB, other_gb_out: otherOutGiB }
        : { consumers: c.shared + c.efo, payload_gb_per_month: payloadGiB, minimum_gb: minimumGiB },
    result: outGiB,
  });
  if (retention > 24) {
    const gbMonth = storedGiB(v.payloadBytes, retention - 24);
    drafts.push({ service: 'kinesis', item: 'extended-retention', quantity: gbMonth, unit: 'GB-month', priceKey: 'kinesis.advantage-retention-gb-month' });
    explain?.push({
      topic: 'cost.extended-retention',
      formula: 'payload GB per hour × (retention_hours − 24)',
      inputs: { payload_gb_per_month: payloadGiB, retention_hours: retention },
      result: gbMonth,
    });
  }
  return { mode, drafts, explain: explain ?? [] };
}

/**
 * Shards AWS runs an on-demand stream with, as an estimate: a new stream has 4, and a shard is split
 * when its write traffic passes 500 KB/s (https://aws.amazon.com/blogs/big-data/amazon-kinesis-data-streams-now-supports-10x-larger-record-sizes-simplifying-real-time-data-processing/);
 * records count too, at half the 1,000 records/s limit. It depends on the profile only (never on a
 * provisioned sizing), so it grows with traffic.
 */
export function onDemandShardEstimate(profile: Profile): number {
  const t = profile.traffic;
  const curvePeak = t.dailyCurve ? Math.max(...t.dailyCurve) * t.recordsPerSecond : 0;
  const userRps = Math.max(t.peakRecordsPerSecond, curvePeak);
  const bytes = userRps * (t.recordSize.averageBytes + t.partitionKeyBytes);
  // With KPL aggregation a Kinesis record carries up to floor(max size ÷ record) user records.
  const perRecord =
    profile.producer.aggregation === 'kpl' ? Math.max(1, Math.floor(profile.producer.aggregationMaxSizeBytes / Math.max(1, t.recordSize.averageBytes + t.partitionKeyBytes))) : 1;
  const estimate = Math.max(4, Math.ceil(bytes / (500 * 1024)), Math.ceil(userRps / perRecord / 500));
  return Math.min(estimate, Math.ceil(ON_DEMAND_MAX_WRITE_BYTES_PER_SECOND / (500 * 1024)));
}

/**
 * The most an on-demand stream takes: 10 GiB/s of writes in us-east-1, us-west-2 and eu-west-1 on
 * request, 200 MiB/s by default elsewhere (https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html).
 */
export const ON_DEMAND_MAX_WRITE_BYTES_PER_SECOND = 10 * 1024 * 1024 * 1024;
