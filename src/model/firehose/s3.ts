// The S3 bill of delivered objects (docs/firehose.md, docs/cost.md): what the bucket holds once
// the lifecycle has reached its steady state, per storage class, and the GET requests of the
// objects' readers. Pure: no I/O.
//
// A day's delivery of D GB stays L_k days in class k, so in the steady state class k holds D × L_k
// GB. Objects that leave a class (transition or expiration) before its minimum storage duration
// are billed for the rest of it (https://aws.amazon.com/s3/storage-classes/), so the class bills
// D × max(L_k, minimum_k) GB-months per month.

import type { S3Config, StorageClass } from '../../profile/types.js';
import type { LineDraft } from '../cost/pricing.js';
import type { FirehoseS3Report, Warning } from '../../report/types.js';
import { FOREVER_HORIZON_DAYS, MINIMUM_STORAGE_DAYS, S3_STORAGE_CLASSES_DOC, STORAGE_PRICE_KEY } from '../../aws/s3-storage.js';
import { type DeliveryContext, fmt } from './context.js';
import { GIB, HOURS_PER_DAY, HOURS_PER_MONTH, SECONDS_PER_DAY } from '../../units.js';

export interface ClassSegment {
  storageClass: StorageClass;
  /** Object age range spent in the class, days. */
  fromDay: number;
  toDay: number;
  /** Left by a transition or expiration (false for the last class of `forever`). */
  leaves: boolean;
  storedGB: number;
  /** Stored GB plus the minimum-duration charge of objects that leave early, as GB-months per month. */
  billedGBMonth: number;
}

export interface S3Figures {
  config: S3Config;
  deliveredGBPerDay: number;
  /** Days objects are kept; the horizon for `forever`. */
  keptDays: number;
  forever: boolean;
  segments: ClassSegment[];
  storedGB: number;
  objectsPerMonth: number;
  getRequestsPerMonth: number;
}

/** Age ranges per class: Standard until the first transition, each class until the next, the last until expiration. */
export function classSegments(config: S3Config, gbPerDay: number): { segments: ClassSegment[]; keptDays: number } {
  const forever = config.retentionSeconds === null;
  const keptDays = forever ? FOREVER_HORIZON_DAYS : (config.retentionSeconds as number) / SECONDS_PER_DAY;
  const starts: { cls: StorageClass; day: number }[] = [{ cls: 'standard', day: 0 }];
  for (const t of config.transitions) starts.push({ cls: t.storageClass, day: t.afterSeconds / SECONDS_PER_DAY });
  const segments: ClassSegment[] = [];
  for (const [i, s] of starts.entries()) {
    const next = starts[i + 1];
    const from = Math.min(s.day, keptDays);
    const to = Math.min(next ? next.day : keptDays, keptDays);
    if (to <= from) continue;
    const leaves = next !== undefined || !forever;
    const days = to - from;
    const billedDays = leaves ? Math.max(days, MINIMUM_STORAGE_DAYS[s.cls]) : days;
    segments.push({ storageClass: s.cls, fromDay: from, toDay: to, leaves, storedGB: gbPerDay * days, billedGBMonth: gbPerDay * billedDays });
  }
  return { segments, keptDays };
}

export function s3Figures(ctx: DeliveryContext, config: S3Config): S3Figures {
  const c = ctx.cadence;
  const deliveredGBPerDay = (c.rawBytesPerDay * ctx.ratio) / GIB;
  const { segments, keptDays } = classSegments(config, deliveredGBPerDay);
  const objectsPerMonth = (c.objectsPerDay * HOURS_PER_MONTH) / HOURS_PER_DAY;
  return {
    config,
    deliveredGBPerDay,
    keptDays,
    forever: config.retentionSeconds === null,
    segments,
    storedGB: segments.reduce((s, x) => s + x.storedGB, 0),
    objectsPerMonth,
    getRequestsPerMonth: objectsPerMonth * config.getRequestsPerObject,
  };
}

export function s3Drafts(ctx: DeliveryContext, f: S3Figures): LineDraft[] {
  const ex = ctx.ex;
  ex?.(
    's3.delivered-gb-per-day',
    'GB/day = delivered raw bytes per day × compression ratio / 2^30',
    { raw_bytes_per_day: ctx.cadence.rawBytesPerDay, compression_ratio: ctx.ratio },
    f.deliveredGBPerDay,
  );
  const drafts: LineDraft[] = [];
  for (const s of f.segments) {
    ex?.(
      `cost.s3-storage.${s.storageClass}`,
      s.leaves ? 'GB-months/month = GB/day × max(days in class, minimum storage days)' : 'GB-months/month = GB/day × days in class',
      { gb_per_day: f.deliveredGBPerDay, from_day: s.fromDay, to_day: s.toDay, minimum_days: MINIMUM_STORAGE_DAYS[s.storageClass], stored_gb: s.storedGB },
      s.billedGBMonth,
      S3_STORAGE_CLASSES_DOC,
    );
    drafts.push({
      service: 's3',
      item: 's3-storage',
      quantity: s.billedGBMonth,
      unit: 'GB-month',
      priceKey: STORAGE_PRICE_KEY[s.storageClass],
      resource: `${ctx.name}:${s.storageClass}`,
    });
  }
  if (f.getRequestsPerMonth > 0) {
    ex?.(
      'cost.s3-get-requests',
      'requests/month = objects/month × GET requests per object',
      { objects_per_month: f.objectsPerMonth, get_requests_per_object: f.config.getRequestsPerObject },
      f.getRequestsPerMonth,
      'Priced at the S3 Standard GET rate; retrieval fees of the colder classes are not included.',
    );
    drafts.push({ service: 's3', item: 's3-get-requests', quantity: f.getRequestsPerMonth, unit: 'request', priceKey: 's3.get-request', resource: ctx.name });
  }
  return drafts;
}

export function s3Warnings(ctx: DeliveryContext, f: S3Figures): Warning[] {
  if (!f.forever) return [];
  const perMonth = f.deliveredGBPerDay * (HOURS_PER_MONTH / HOURS_PER_DAY);
  return [
    {
      code: 's3-retention-forever',
      message:
        `${ctx.name}: objects are kept forever, so storage never levels off: it grows by ${fmt(perMonth)} GB every month. ` +
        `The s3-storage lines price the month after ${FOREVER_HORIZON_DAYS} days of delivery (${fmt(f.storedGB)} GB); set \`s3.retention\` for a steady state.`,
    },
  ];
}

export function s3Report(f: S3Figures): FirehoseS3Report {
  return {
    retention_days: f.forever ? null : f.keptDays,
    horizon_days: f.forever ? f.keptDays : null,
    delivered_gb_per_day: f.deliveredGBPerDay,
    stored_gb: f.storedGB,
    classes: f.segments.map((s) => ({
      class: s.storageClass,
      from_day: s.fromDay,
      to_day: s.toDay,
      stored_gb: s.storedGB,
      billed_gb_month: s.billedGBMonth,
      minimum_days: MINIMUM_STORAGE_DAYS[s.storageClass],
    })),
    get_requests_per_object: f.config.getRequestsPerObject,
    get_requests_per_month: f.getRequestsPerMonth,
  };
}
