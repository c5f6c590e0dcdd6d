// S3 storage classes a lifecycle can move delivered objects to: their minimum storage durations
// (https://aws.amazon.com/s3/storage-classes/, "Minimum storage duration charge") and the
// transition rules of lifecycle configurations
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html).

import type { StorageClass } from '../profile/types.js';
import type { PriceKey } from '../prices/types.js';

export const S3_STORAGE_CLASSES_DOC = 'https://aws.amazon.com/s3/storage-classes/';
export const S3_LIFECYCLE_DOC = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html';

/** The supported lifecycle "waterfall": a transition only moves down this list. */
export const STORAGE_CLASSES: readonly StorageClass[] = ['standard', 'standard-ia', 'one-zone-ia', 'glacier-ir', 'glacier-flexible', 'glacier-deep-archive'];

/** Objects deleted or moved out earlier are billed for the rest of this many days. */
export const MINIMUM_STORAGE_DAYS: Record<StorageClass, number> = {
  standard: 0,
  'standard-ia': 30,
  'one-zone-ia': 30,
  'glacier-ir': 90,
  'glacier-flexible': 90,
  'glacier-deep-archive': 180,
};

/** Lifecycle moves objects to Standard-IA or One Zone-IA only after 30 days in the bucket. */
export const MIN_DAYS_BEFORE_IA_TRANSITION = 30;

export const STORAGE_PRICE_KEY: Record<StorageClass, PriceKey> = {
  standard: 's3.storage-standard-gb-month',
  'standard-ia': 's3.storage-standard-ia-gb-month',
  'one-zone-ia': 's3.storage-one-zone-ia-gb-month',
  'glacier-ir': 's3.storage-glacier-ir-gb-month',
  'glacier-flexible': 's3.storage-glacier-flexible-gb-month',
  'glacier-deep-archive': 's3.storage-glacier-deep-archive-gb-month',
};

/** With `retention: forever` storage has no steady state; kplan prices the month after this many days of delivery. */
export const FOREVER_HORIZON_DAYS = 365;
