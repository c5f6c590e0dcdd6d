// Hand-worked example of the flush cadence (docs/firehose.md): idealised diurnal traffic, avg 4 MiB/s, peak 7.2, trough 0.8.
// 5 MiB/300 s → 69,120 objects/day; 64 MiB → 5,400; 128 MiB → 2,700 (τ 17.8 s at peak, 160 s at trough).

import { describe, expect, it } from 'vitest';
import { modelFirehose } from '../../src/model/firehose/delivery.js';
import { MIB } from '../../src/units.js';
import { config, input, raisedCosine } from './fixtures.js';

// 4,096 rec/s × 1 KiB = 4 MiB/s; curve 1 + 0.8·cos(2π(h − 14)/24): hour 14 = 1.8 (7.2 MiB/s), hour 2 = 0.2 (0.8 MiB/s).
const curve = raisedCosine(0.8, 14);
const run = (sizeMiB: number) =>
  modelFirehose(input({ recordsPerSecond: 4096, dailyCurve: curve, config: config({ bufferSizeBytes: sizeMiB * MIB, bufferIntervalSeconds: 300 }) }));

describe('Firehose worked example', () => {
  it('5 MiB / 300 s → 69,120 objects/day', () => {
    // Every hour is size-triggered (trough: 5 / 0.8 = 6.25 s < 300), so objects = bytes/day ÷ 5 MiB = 4 × 86,400 / 5.
    expect(run(5).report.objects_per_day).toBeCloseTo(69_120, 6);
  });
  it('64 MiB / 300 s → 5,400 objects/day', () => {
    // Trough: 64 / 0.8 = 80 s < 300 → still all size; 4 × 86,400 / 64 = 5,400.
    expect(run(64).report.objects_per_day).toBeCloseTo(5_400, 6);
  });
  it('128 MiB / 300 s → 2,700 objects/day, τ 17.8 s at peak and 160 s at trough', () => {
    const r = run(128);
    expect(r.report.objects_per_day).toBeCloseTo(2_700, 6);
    expect(r.report.flush_seconds_min).toBeCloseTo(128 / 7.2, 9); // 17.78 s
    expect(r.report.flush_seconds_max).toBeCloseTo(160, 9);
    expect(r.report.trigger_share).toMatchObject({ size: 1, interval: 0 });
    // Typical τ at the 4 MiB/s average: 32 s; latency 1 + 32 + 5 = 38 s; worst hour 1 + 160 + 5 = 166 s.
    expect(r.report.flush_seconds).toBeCloseTo(32, 9);
    expect(r.report.latency_seconds).toBeCloseTo(38, 9);
    expect(r.report.latency_seconds_max).toBeCloseTo(166, 9);
    const hourly = r.report.hourly as { hour: number; flush_seconds: number }[];
    expect(hourly[14]?.flush_seconds).toBeCloseTo(17.78, 2);
    expect(hourly[2]?.flush_seconds).toBeCloseTo(160, 9);
  });
  it('discretisation: hour-averaged multipliers keep 2,700 objects and move τ at peak by 0.05 s', () => {
    // Averaging the continuous cosine over each hour scales the swing by sin(π/24)/(π/24) = 0.99715:
    // peak 4 × (1 + 0.8 × 0.99715) = 7.1909 MiB/s → τ = 17.80 s (vs 17.78 sampled). Objects/day
    // stay 2,700 because size-triggered objects are linear in bytes and the day's bytes are unchanged.
    const k = Math.sin(Math.PI / 24) / (Math.PI / 24);
    const averaged = raisedCosine(0.8 * k, 14);
    const r = modelFirehose(input({ recordsPerSecond: 4096, dailyCurve: averaged, config: config({ bufferSizeBytes: 128 * MIB }) }));
    expect(r.report.objects_per_day).toBeCloseTo(2_700, 6);
    expect(r.report.flush_seconds_min).toBeCloseTo(128 / (4 * (1 + 0.8 * k)), 9);
    expect(r.report.flush_seconds_min as number).toBeGreaterThan(17.79);
  });
});
