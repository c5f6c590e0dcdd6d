// Every reported number has an explanation with a formula and inputs.

import { describe, expect, it } from 'vitest';
import { modelFirehose } from '../../src/model/firehose/delivery.js';
import { MIB } from '../../src/units.js';
import { config, input } from './fixtures.js';

describe('explanations', () => {
  const r = modelFirehose(
    input({
      config: config({
        name: 'x',
        source: 'direct-put',
        formatConversion: 'parquet',
        bufferSizeBytes: 128 * MIB,
        vpc: { subnets: 2 },
        dynamicPartitioning: { partitions: 10, jq: true },
      }),
    }),
  );
  const topics = r.explain.map((e) => e.topic);
  it('covers cadence, latency, limits and each cost quantity', () => {
    for (const t of [
      'ingest-bytes-per-second',
      'flush-seconds',
      'flush-trigger',
      'objects-per-day',
      'object-size-bytes',
      'trigger-share',
      'latency-seconds',
      'latency-seconds-max',
      'active-partitions',
      'buffer-seconds-of-peak-ingest',
      'direct-put.requests-per-second',
      'direct-put.utilization',
      'cost.firehose-ingestion',
      'cost.firehose-format-conversion',
      'cost.firehose-vpc-data',
      'cost.firehose-vpc-az-hours',
      'cost.firehose-dynamic-partitioning-data',
      'cost.firehose-dynamic-partitioning-objects',
      'cost.firehose-jq-hours',
      'cost.s3-put-requests',
    ]) {
      expect(topics).toContain(`firehose.x.${t}`);
    }
  });
  it('each explanation result matches the reported number', () => {
    const get = (t: string) => r.explain.find((e) => e.topic === `firehose.x.${t}`)?.result;
    expect(get('objects-per-day')).toBe(r.report.objects_per_day);
    expect(get('latency-seconds')).toBe(r.report.latency_seconds);
    expect(get('object-size-bytes')).toBe(r.report.object_size_bytes);
    for (const d of r.drafts) expect(get(`cost.${d.item}`)).toBe(d.quantity);
    for (const e of r.explain) expect(e.formula.length).toBeGreaterThan(0);
  });
});
