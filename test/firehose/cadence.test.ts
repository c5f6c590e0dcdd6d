// Flush cadence: which hint triggers, objects/day, object size, latency, hour by hour.

import { describe, expect, it } from 'vitest';
import { modelFirehose } from '../../src/model/firehose/delivery.js';
import { bufferState, cadence } from '../../src/model/firehose/cadence.js';
import { KIB, MIB } from '../../src/units.js';
import { config, input } from './fixtures.js';

describe('size-triggered buffer', () => {
  // 1,024 rec/s × 1 KiB = 1 MiB/s; 5 MiB / 300 s: size fills in 5 s < 300 s → size.
  // τ = 5 s; objects/day = 86,400 / 5 = 17,280; object = 5 MiB; latency = 1 (poll) + 5 + 5 (delivery) = 11 s.
  const r = modelFirehose(input({ recordsPerSecond: 1024 }));
  it('flushes every 5 s on size', () => {
    expect(r.report.flush_trigger).toBe('size');
    expect(r.report.flush_seconds).toBeCloseTo(5, 9);
    expect(r.report.objects_per_day).toBeCloseTo(17_280, 6);
    expect(r.report.object_size_bytes).toBeCloseTo(5 * MIB, 3);
    expect(r.report.latency_seconds).toBeCloseTo(11, 9);
    expect(r.report.trigger_share).toEqual({ size: 1, interval: 0, idle: 0 });
  });
});

describe('tie between the hints', () => {
  it("is 'interval' when size / R equals the interval", () => {
    // 1 MiB/s into 60 MiB / 60 s: both fire at 60 s; the rule is 'size' only if size / R < interval.
    const r = modelFirehose(input({ recordsPerSecond: 1024, config: config({ bufferSizeBytes: 60 * MIB, bufferIntervalSeconds: 60 }) }));
    expect(r.report.flush_trigger).toBe('interval');
    expect(r.report.flush_seconds).toBe(60);
  });
});

describe('interval-triggered buffer', () => {
  // 10 rec/s × 1 KiB = 10 KiB/s; 5 MiB would take 512 s > 300 s → interval.
  // τ = 300 s; objects/day = 288; raw object = 3,000 KiB = 3,072,000 B; gzip 0.2 → 614,400 B.
  // Direct PUT has no poll: latency = 0 + 300 + 5 = 305 s.
  const r = modelFirehose(input({ recordsPerSecond: 10, config: config({ source: 'direct-put', compression: 'gzip', compressionRatio: 0.2 }) }));
  it('flushes every 300 s on the interval', () => {
    expect(r.report.flush_trigger).toBe('interval');
    expect(r.report.flush_seconds).toBe(300);
    expect(r.report.objects_per_day).toBeCloseTo(288, 9);
    expect(r.report.object_size_bytes_raw).toBeCloseTo(3_072_000, 3);
    expect(r.report.object_size_bytes).toBeCloseTo(614_400, 3);
    expect(r.report.latency_seconds).toBeCloseTo(305, 9);
  });
});

describe('zero buffering (interval 0)', () => {
  it('collects for 5 s unless the size fills first', () => {
    // 100 KiB/s: 5 MiB takes 51.2 s > 5 s → τ = 5 s, 17,280 objects/day; latency 1 + 5 + 5 = 11 s.
    const r = modelFirehose(input({ recordsPerSecond: 100, config: config({ bufferIntervalSeconds: 0 }) }));
    expect(r.report.flush_seconds).toBeCloseTo(5, 9);
    expect(r.report.objects_per_day).toBeCloseTo(17_280, 6);
    expect(r.report.latency_seconds).toBeCloseTo(11, 9);
    expect((r.report.buffer as { zero_buffering: boolean }).zero_buffering).toBe(true);
  });
  it('never makes more objects than records', () => {
    // 0.1 rec/s: one record every 10 s > 5 s → τ = 10 s → 8,640 objects/day = records/day.
    const r = modelFirehose(input({ recordsPerSecond: 0.1, config: config({ bufferIntervalSeconds: 0 }) }));
    expect(r.report.flush_seconds).toBeCloseTo(10, 9);
    expect(r.report.objects_per_day).toBeCloseTo(8_640, 6);
  });
  it('bills 3 S3 requests per object below a 60 s interval (multipart upload)', () => {
    // 17,280 objects/day × 730/24 = 525,600 objects/month × 3 = 1,576,800 requests.
    const r = modelFirehose(input({ recordsPerSecond: 100, config: config({ bufferIntervalSeconds: 0 }) }));
    const s3 = r.drafts.find((d) => d.item === 's3-put-requests');
    expect(s3?.quantity).toBeCloseTo(1_576_800, 3);
    expect(r.report.s3_requests_per_object).toBe(3);
  });
});

describe('hour by hour with a daily curve', () => {
  // 64 rec/s × 1 KiB = 64 KiB/s average; 5 MiB / 60 s. Curve: hours 0–11 at 1.5×, 12–23 at 0.5×.
  // 1.5×: 96 KiB/s → 5,120/96 = 53.33 s < 60 → size, 3,600/53.33 = 67.5 objects/h.
  // 0.5×: 32 KiB/s → 160 s > 60 → interval, 60 objects/h.
  // Day: 12 × 67.5 + 12 × 60 = 1,530 objects (flat traffic would give 1,440: the interval hours cannot go slower).
  const curve = [...new Array<number>(12).fill(1.5), ...new Array<number>(12).fill(0.5)];
  const r = modelFirehose(input({ recordsPerSecond: 64, dailyCurve: curve, config: config({ bufferIntervalSeconds: 60 }) }));
  type Hour = { hour: number; flush_seconds: number; flush_trigger: string; objects: number };
  const hourly = r.report.hourly as Hour[];
  it('reports each hour', () => {
    expect(hourly).toHaveLength(24);
    expect(hourly[0]?.flush_trigger).toBe('size');
    expect(hourly[0]?.flush_seconds).toBeCloseTo(5120 / 96, 9);
    expect(hourly[0]?.objects).toBeCloseTo(67.5, 9);
    expect(hourly[23]?.flush_trigger).toBe('interval');
    expect(hourly[23]?.objects).toBeCloseTo(60, 9);
  });
  it('sums the day and reports the trigger share', () => {
    expect(r.report.objects_per_day).toBeCloseTo(1_530, 9);
    expect(r.report.trigger_share).toEqual({ size: 0.5, interval: 0.5, idle: 0 });
    // At the average (64 KiB/s → 80 s > 60 s) the typical trigger is the interval.
    expect(r.report.flush_trigger).toBe('interval');
    expect(r.report.flush_seconds).toBe(60);
    expect(r.report.flush_seconds_min).toBeCloseTo(53.333, 3);
    expect(r.report.flush_seconds_max).toBe(60);
  });
  it('flat traffic has no hourly array', () => {
    expect(modelFirehose(input()).report.hourly).toBeNull();
  });
  it('counts idle hours as neither trigger', () => {
    const c = cadence({
      recordsPerSecond: 10,
      averageRecordBytes: KIB,
      multipliers: [...new Array<number>(12).fill(2), ...new Array<number>(12).fill(0)],
      bufferSizeBytes: 5 * MIB,
      bufferIntervalSeconds: 300,
      buffers: 1,
      compressionRatio: 1,
    });
    // Busy hours: 20 KiB/s → 256 s < 300 → size; 12 × 3,600 / 256 = 168.75 objects.
    expect(c.triggerShare).toEqual({ size: 0.5, interval: 0, idle: 0.5 });
    expect(c.objectsPerDay).toBeCloseTo(168.75, 9);
  });
});

describe('bufferState', () => {
  it('uses equal shares per dynamic partition', () => {
    // 1 MiB/s over 4 buffers = 256 KiB/s each; 5 MiB / 256 KiB/s = 20 s < 300 → size; 4 / 20 = 0.2 objects/s.
    const s = bufferState(
      { recordsPerSecond: 1024, averageRecordBytes: KIB, multipliers: [1], bufferSizeBytes: 5 * MIB, bufferIntervalSeconds: 300, buffers: 4, compressionRatio: 1 },
      1,
    );
    expect(s.trigger).toBe('size');
    expect(s.flushSeconds).toBeCloseTo(20, 9);
    expect(s.objectsPerSecond).toBeCloseTo(0.2, 12);
  });
});
