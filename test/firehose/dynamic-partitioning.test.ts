// Dynamic partitioning: one buffer per active partition, 1.5× delay, the 500-partition quota.

import { describe, expect, it } from 'vitest';
import { modelFirehose } from '../../src/model/firehose/delivery.js';
import { activePartitions } from '../../src/model/firehose/cadence.js';
import { MIB } from '../../src/units.js';
import { codes, config, input } from './fixtures.js';

describe('active partitions', () => {
  it('3 new partitions/s with a 60 s buffer → 180 active (AWS dynamic-partitioning page)', () => {
    expect(activePartitions(3, 60)).toBe(180);
  });
});

describe('180 partitions, 64 MiB / 60 s', () => {
  // 1,800 rec/s × 1 KiB = 1,800 KiB/s ÷ 180 = 10 KiB/s per partition; 64 MiB would take 6,553.6 s > 60 → interval.
  // τ = 60 s per partition → 180 × 1,440 = 259,200 objects/day of 600 KiB.
  const r = modelFirehose(
    input({ recordsPerSecond: 1800, config: config({ bufferSizeBytes: 64 * MIB, bufferIntervalSeconds: 60, dynamicPartitioning: { partitions: 180, jq: false } }) }),
  );
  it('counts objects per partition', () => {
    expect(r.report.active_partitions).toBe(180);
    expect(r.report.flush_trigger).toBe('interval');
    expect(r.report.flush_seconds).toBe(60);
    expect(r.report.objects_per_day).toBeCloseTo(259_200, 6);
    expect(r.report.object_size_bytes).toBeCloseTo(600 * 1024, 3);
  });
  it('latency: typical 1 + 60 + 5 = 66 s, up to 1 + 1.5 × 60 + 5 = 96 s', () => {
    expect(r.report.latency_seconds).toBeCloseTo(66, 9);
    expect(r.report.latency_seconds_max).toBeCloseTo(96, 9);
  });
  it('no quota warning at 180', () => {
    expect(codes(r.report.warnings)).not.toContain('dynamic-partitioning-quota');
  });
  it('names the interval as the fix for many small objects', () => {
    // 900 s: 10 KiB/s × 900 = 9,000 KiB (< 64 MiB, interval) → 180 × 96 = 17,280 objects/day of 8.79 MiB.
    const w = r.report.warnings.find((x) => x.code === 'small-objects');
    expect(w?.message).toContain('raise buffer_interval to 900s: would give 17,280 objects/day of 8.79 MiB');
    expect(w?.message).toContain('180 active partitions');
  });
});

describe('partition quota', () => {
  it('warns above 500 with the number needed, 5,000 by request and the error prefix', () => {
    const r = modelFirehose(input({ config: config({ bufferSizeBytes: 64 * MIB, dynamicPartitioning: { partitions: 600, jq: false } }) }));
    const w = r.report.warnings.find((x) => x.code === 'dynamic-partitioning-quota');
    expect(w?.message).toContain('needs 600 active partitions');
    expect(w?.message).toContain('default quota of 500');
    expect(w?.message).toContain('up to 5,000');
    expect(w?.message).toContain('activePartitionExceeded');
  });
  it('says when even 5,000 is not enough', () => {
    const r = modelFirehose(input({ config: config({ bufferSizeBytes: 64 * MIB, dynamicPartitioning: { partitions: 6000, jq: false } }) }));
    const w = r.report.warnings.find((x) => x.code === 'dynamic-partitioning-quota');
    expect(w?.message).toContain('more than the 5,000 available by request');
  });
  it('500 exactly is within the quota', () => {
    const r = modelFirehose(input({ config: config({ bufferSizeBytes: 64 * MIB, dynamicPartitioning: { partitions: 500, jq: false } }) }));
    expect(codes(r.report.warnings)).not.toContain('dynamic-partitioning-quota');
  });
});
