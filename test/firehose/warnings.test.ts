// The 10-seconds-of-ingest advice and the small-objects warning that names its fix.

import { describe, expect, it } from 'vitest';
import { modelFirehose } from '../../src/model/firehose/delivery.js';
import { MIB } from '../../src/units.js';
import { codes, config, input } from './fixtures.js';

describe('buffer holds 10 s of peak ingest', () => {
  it('warns when 5 MiB holds 5 s of a 1 MiB/s peak, and names 10 MiB', () => {
    // Peak 1,024 rec/s × 1 KiB = 1 MiB/s; 5 MiB / 1 MiB/s = 5 s < 10 s → need 10 MiB.
    const r = modelFirehose(input({ recordsPerSecond: 512, peakRecordsPerSecond: 1024 }));
    const w = r.report.warnings.find((x) => x.code === 'buffer-below-10s');
    expect(w?.message).toContain('holds 5 s of peak ingest');
    expect(w?.message).toContain('raise buffer_size to 10 MiB');
    expect(r.report.buffer_seconds_of_peak_ingest).toBeCloseTo(5, 9);
  });
  it('no warning at exactly 10 s', () => {
    const r = modelFirehose(input({ recordsPerSecond: 512, peakRecordsPerSecond: 1024, config: config({ bufferSizeBytes: 10 * MIB }) }));
    expect(codes(r.report.warnings)).not.toContain('buffer-below-10s');
  });
  it('uses the busiest hour of the daily curve when it is above the given peak', () => {
    // Average 0.5 MiB/s, curve 1.5× for 12 hours → 0.75 MiB/s; 5 MiB holds 6.67 s → warn (the flat peak would hold 10 s).
    const curve = [...new Array<number>(12).fill(1.5), ...new Array<number>(12).fill(0.5)];
    const r = modelFirehose(input({ recordsPerSecond: 512, dailyCurve: curve }));
    expect(r.report.buffer_seconds_of_peak_ingest).toBeCloseTo(5 / 0.75, 9);
    expect(codes(r.report.warnings)).toContain('buffer-below-10s');
  });
  it('not applied with zero buffering', () => {
    const r = modelFirehose(input({ recordsPerSecond: 1024, config: config({ bufferIntervalSeconds: 0 }) }));
    expect(codes(r.report.warnings)).not.toContain('buffer-below-10s');
  });
  it('is judged per partition with dynamic partitioning', () => {
    // 10 MiB/s over 4 partitions = 2.5 MiB/s each; 64 MiB holds 25.6 s → fine (the stream as a whole would hold 6.4 s).
    const r = modelFirehose(input({ recordsPerSecond: 10_240, config: config({ bufferSizeBytes: 64 * MIB, dynamicPartitioning: { partitions: 4, jq: false } }) }));
    expect(codes(r.report.warnings)).not.toContain('buffer-below-10s');
  });
});

describe('small objects', () => {
  it('interval-triggered: names buffer_interval and the result', () => {
    // 10 KiB/s, 5 MiB / 300 s, gzip 0.2: 288 objects/day of 3,000 KiB raw → 600 KiB compressed (< 1 MiB).
    // At 900 s the 5 MiB size fills first (512 s): 86,400 / 512 = 168.75 ≈ 169 objects/day of 5 MiB × 0.2 = 1 MiB.
    const r = modelFirehose(input({ recordsPerSecond: 10, config: config({ compression: 'gzip', compressionRatio: 0.2 }) }));
    const w = r.report.warnings.find((x) => x.code === 'small-objects');
    expect(w?.message).toContain('objects average 600 KiB after compression');
    expect(w?.message).toContain('raise buffer_interval to 900s: would give 169 objects/day of 1 MiB');
  });
  it('size-triggered: names buffer_size and the result', () => {
    // 1 MiB/s into 1 MiB buffers: τ = 1 s → 86,400 objects/day of 0.2 MiB (gzip).
    // 128 MiB: τ = 128 s → 675 objects/day of 25.6 MiB.
    const r = modelFirehose(input({ recordsPerSecond: 1024, config: config({ bufferSizeBytes: 1 * MIB, compression: 'gzip', compressionRatio: 0.2 }) }));
    const w = r.report.warnings.find((x) => x.code === 'small-objects');
    expect(w?.message).toContain('raise buffer_size to 128 MiB: would give 675 objects/day of 25.6 MiB');
  });
  it('Parquet: judged on input bytes per object against 64 MiB', () => {
    // 100 KiB/s, 128 MiB / 300 s: 30,000 KiB = 29.3 MiB of input per object → small.
    // 900 s: 90,000 KiB = 87.89 MiB input → 96 objects/day; output × 0.25 = 21.97 MiB.
    const r = modelFirehose(input({ recordsPerSecond: 100, config: config({ formatConversion: 'parquet', bufferSizeBytes: 128 * MIB }) }));
    const w = r.report.warnings.find((x) => x.code === 'small-objects');
    expect(w?.message).toContain('objects hold 29.3 MiB of input');
    expect(w?.message).toContain('raise buffer_interval to 900s: would give 96 objects/day of 21.97 MiB');
    expect(r.report.compression_ratio).toBe(0.25);
  });
  it('at the maximum hints: says so', () => {
    // 1 KiB/s, 128 MiB / 900 s: 900 KiB × 0.2 = 180 KiB per object, nothing left to raise.
    const r = modelFirehose(input({ recordsPerSecond: 1, config: config({ bufferSizeBytes: 128 * MIB, bufferIntervalSeconds: 900, compression: 'gzip', compressionRatio: 0.2 }) }));
    const w = r.report.warnings.find((x) => x.code === 'small-objects');
    expect(w?.message).toContain('already at the s3 maximum');
  });
  it('no warning for large objects', () => {
    // 1 MiB/s into 128 MiB: 675 objects/day of 128 MiB.
    const r = modelFirehose(input({ recordsPerSecond: 1024, config: config({ bufferSizeBytes: 128 * MIB }) }));
    expect(codes(r.report.warnings)).not.toContain('small-objects');
  });
  it('many objects alone triggers it', () => {
    // 2 MiB/s into 1 MiB buffers, no compression: 172,800 objects/day of 1 MiB (> 100,000/day).
    const r = modelFirehose(input({ recordsPerSecond: 2048, config: config({ bufferSizeBytes: 1 * MIB }) }));
    const w = r.report.warnings.find((x) => x.code === 'small-objects');
    expect(w?.message).toContain('172,800 objects/day');
  });
});

describe('5 KB rounding of small records', () => {
  it('warns that 180 B records are billed as 5 KiB (28.4×)', async () => {
    const { fixedSize } = await import('../helpers/profile.js');
    const r = modelFirehose(input({ recordSize: fixedSize(180) }));
    const w = r.report.warnings.find((x) => x.code === 'small-records-rounding');
    expect(w?.message).toContain('billed as 5 KiB (28.4× their size)');
  });
  it('stays quiet when rounding adds less than 2×: 3 KiB records bill 5 KiB (1.7×)', async () => {
    const { fixedSize } = await import('../helpers/profile.js');
    const r = modelFirehose(input({ recordSize: fixedSize(3 * 1024) }));
    expect(codes(r.report.warnings)).not.toContain('small-records-rounding');
  });
});
