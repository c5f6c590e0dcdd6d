// Firehose data transformation with Lambda: hand-worked figures (issue: 1,000 records/s of 1 KiB
// through a 1 MB / 60 s transform buffer), computed here with plain arithmetic, not the model's code.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runs } from '../helpers/depth.js';
import { modelFirehose } from '../../src/model/firehose/delivery.js';
import { costReport, priceLines } from '../../src/model/cost/pricing.js';
import type { TransformConfig } from '../../src/profile/types.js';
import { MIB } from '../../src/units.js';
import { testCatalogue } from '../helpers/catalogue.js';
import { codes, config, fixedSize, input, raisedCosine } from './fixtures.js';

function transform(over: Partial<TransformConfig> = {}): TransformConfig {
  return {
    memoryBytes: 128 * MIB,
    durationSecondsPerInvocation: 0.2,
    durationSecondsPerMiB: 0,
    timeoutSeconds: null,
    bufferSizeBytes: 1 * MIB,
    bufferIntervalSeconds: 60,
    bufferSizeGiven: true,
    bufferIntervalGiven: true,
    architecture: 'x86',
    outputRatio: 1,
    ...over,
  };
}

const us = testCatalogue().regions['us-east-1'];
const run = (t: Partial<TransformConfig> = {}, over: Omit<Parameters<typeof input>[0], 'config'> = {}, cfg: Parameters<typeof config>[0] = {}) =>
  modelFirehose(input({ recordsPerSecond: 1000, recordSize: fixedSize(1024), ...over, config: config({ ...cfg, transform: transform(t) }) }));

describe('transform cadence (1,000 records/s of 1 KiB, 1 MiB / 60 s, 128 MB, 200 ms)', () => {
  const r = run();
  const t = r.report.transform;

  it('invokes every 1.024 s on the size hint: 84,375 invocations a day of 1 MiB', () => {
    // 1 MiB ÷ (1,000 × 1,024 B/s) = 1,048,576 / 1,024,000 s.
    expect(t?.invocation_seconds).toBeCloseTo(1_048_576 / 1_024_000, 12);
    expect(t?.trigger).toBe('size');
    expect(t?.invocations_per_day).toBeCloseTo(86_400 / 1.024, 6);
    expect(t?.invocations_per_day).toBeCloseTo(84_375, 6);
    expect(t?.invocations_per_hour).toBeCloseTo(84_375 / 24, 6);
    expect(t?.bytes_per_invocation).toBeCloseTo(1_048_576, 6);
  });

  it('bills 84,375 × 0.2 s × 0.125 GB = 2,109.375 GB-seconds a day', () => {
    expect(t?.gb_seconds_per_day).toBeCloseTo(2_109.375, 6);
  });

  it('prices lambda-requests and lambda-duration a month (730 h) on the x86 tiers, no free tier', () => {
    const monthlyRequests = (84_375 * 730) / 24;
    const monthlyGbSeconds = (2_109.375 * 730) / 24;
    const req = r.drafts.find((d) => d.item === 'lambda-requests');
    const dur = r.drafts.find((d) => d.item === 'lambda-duration');
    expect(req).toMatchObject({ service: 'lambda', unit: 'request', priceKey: 'lambda.request', resource: 'fh' });
    expect(dur).toMatchObject({ service: 'lambda', unit: 'GB-second', priceKey: 'lambda.duration-x86-gb-second' });
    expect(req?.quantity).toBeCloseTo(monthlyRequests, 6);
    expect(dur?.quantity).toBeCloseTo(monthlyGbSeconds, 6);
    const cost = costReport(priceLines(r.drafts, us));
    const line = (item: string) => cost.lines.find((l) => l.item === item);
    expect(line('lambda-requests')?.monthly_usd).toBeCloseTo(monthlyRequests * 0.2e-6, 9);
    expect(line('lambda-duration')?.monthly_usd).toBeCloseTo(monthlyGbSeconds * 0.0000166667, 9);
  });

  it('Arm prices at the Arm rate', () => {
    const arm = run({ architecture: 'arm' });
    expect(arm.drafts.find((d) => d.item === 'lambda-duration')?.priceKey).toBe('lambda.duration-arm-gb-second');
    const cost = costReport(priceLines(arm.drafts, us));
    expect(cost.lines.find((l) => l.item === 'lambda-duration')?.monthly_usd).toBeCloseTo(((2_109.375 * 730) / 24) * 0.0000133334, 9);
  });

  it('crosses the GB-second tiers: 7 billion GB-s a month bill 6e9 at tier 1 and 1e9 at tier 2', () => {
    // Pick the memory so that the month is exactly 7e9 GB-s: GB = 7e9 / (84,375 × 730/24 × 0.2).
    const gb = 7e9 / (((84_375 * 730) / 24) * 0.2);
    const big = run({ memoryBytes: gb * 1024 * MIB });
    const cost = costReport(priceLines(big.drafts, us));
    expect(cost.lines.find((l) => l.item === 'lambda-duration')?.monthly_usd).toBeCloseTo(6e9 * 0.0000166667 + 1e9 * 0.000015, 3);
  });

  it('an unknown Lambda price leaves the lines unknown, never $0', () => {
    const cost = costReport(priceLines(r.drafts, testCatalogue().regions['ap-northeast-1']));
    expect(cost.unknown).toEqual(expect.arrayContaining(['lambda-requests', 'lambda-duration']));
    const lambda = cost.lines.filter((l) => l.item.startsWith('lambda'));
    expect(lambda.map((l) => l.item).sort()).toEqual(['lambda-duration', 'lambda-requests']);
    for (const l of lambda) {
      expect(l.quantity).toBeGreaterThan(0);
      expect(l.monthly_usd).toBeNull();
    }
    expect(cost.monthly_usd).toBeNull();
  });
});

describe('the transformation in the delivery', () => {
  it('adds the transform buffer and run time to the latency; the destination buffer holds transformed bytes', () => {
    // Output ratio 0.5: the S3 buffer (5 MiB / 300 s) fills at 512,000 B/s → every 5,242,880 / 512,000 = 10.24 s.
    const r = run({ outputRatio: 0.5 });
    expect(r.report.flush_seconds).toBeCloseTo(10.24, 9);
    expect(r.report.flush_trigger).toBe('size');
    expect(r.report.objects_per_day).toBeCloseTo(86_400 / 10.24, 6);
    expect(r.report.object_size_bytes).toBeCloseTo(5 * MIB, 3);
    // poll 1 + transform wait 1.024 + run 0.2 + S3 wait 10.24 + delivery 5.
    expect(r.report.latency_seconds).toBeCloseTo(1 + 1.024 + 0.2 + 10.24 + 5, 9);
    expect(r.report.latency_breakdown).toEqual({
      poll_seconds: 1,
      transform_buffer_seconds: 1_048_576 / 1_024_000,
      transform_run_seconds: 0.2,
      buffer_seconds: 10.24,
      delivery_seconds: 5,
    });
  });

  it('format conversion bills the transformed records (5 KB-rounded); ingestion still bills the input', () => {
    // 5 KiB records, output ratio 2 → 10 KiB out: conversion 10,240 B/record, ingestion 5,120 B/record.
    const r = run({ outputRatio: 2 }, { recordSize: fixedSize(5120) }, { formatConversion: 'parquet', bufferSizeBytes: 128 * MIB });
    const records = 1000 * 730 * 3600;
    expect(r.drafts.find((d) => d.item === 'firehose-ingestion')?.quantity).toBeCloseTo((records * 5120) / 2 ** 30, 6);
    expect(r.drafts.find((d) => d.item === 'firehose-format-conversion')?.quantity).toBeCloseTo((records * 10_240) / 2 ** 30, 6);
  });

  it('run time per MiB scales with the bytes in each invocation', () => {
    // 50 ms per MiB at 1 MiB per invocation = 50 ms; GB-s/day = 84,375 × 0.05 × 0.125.
    const r = run({ durationSecondsPerInvocation: 0, durationSecondsPerMiB: 0.05 });
    expect(r.report.transform?.run_seconds).toBeCloseTo(0.05, 12);
    expect(r.report.transform?.gb_seconds_per_day).toBeCloseTo(84_375 * 0.05 * 0.125, 6);
  });

  it('bills run time rounded up to the next millisecond', () => {
    const r = run({ durationSecondsPerInvocation: 0.2001 });
    expect(r.report.transform?.gb_seconds_per_day).toBeCloseTo(84_375 * 0.201 * 0.125, 6);
  });

  it('goes hour by hour with a daily curve: size-triggered hours invoke rate × 3,600 / 1 MiB times, quiet hours every 60 s', () => {
    const curve = raisedCosine(0.999, 12); // hour 0 at 0.001 × average: 1,024 B/s × 60 s < 1 MiB → interval
    const r = run({}, { dailyCurve: curve });
    const hourly = r.report.transform?.hourly as { invocations: number; trigger: string }[];
    let total = 0;
    for (let h = 0; h < 24; h++) {
      const bytesPerSecond = 1_024_000 * (curve[h] as number);
      const sizeSeconds = 1_048_576 / bytesPerSecond;
      const expected = sizeSeconds < 60 ? 3600 / sizeSeconds : 3600 / 60;
      expect(hourly[h]?.invocations).toBeCloseTo(expected, 6);
      expect(hourly[h]?.trigger).toBe(sizeSeconds < 60 ? 'size' : 'interval');
      total += expected;
    }
    expect(r.report.transform?.invocations_per_day).toBeCloseTo(total, 6);
    expect(hourly[0]?.trigger).toBe('interval');
  });
});

describe('transformation warnings', () => {
  it('warns when the response nears the 6 MiB synchronous limit, and names a buffer that fits', () => {
    // 3,072 records of 1 KiB per invocation; each returns 1,331.2 B = 444 base64 groups of 4 bytes:
    // 3,072 × 1,776 = 5,455,872 B ≥ 80% of 6 MiB.
    const r = run({ bufferSizeBytes: 3 * MIB, outputRatio: 1.3 });
    expect(r.report.transform?.response_bytes_max).toBeCloseTo(3072 * 4 * 444, 3);
    const w = r.report.warnings.find((x) => x.code === 'transform-payload-limit');
    expect(w?.message).toMatch(/close to Lambda's 6 MiB/);
    expect(w?.message).toMatch(/Lower transform.buffer_size to 2\.7 MiB/); // 4.8 MiB / (1.3 × 4/3) = 2.77 MiB
  });

  it('tiny records: base64 of 1-byte records is 4 bytes each, so a full 3 MiB buffer overflows the request', () => {
    const r = run({ bufferSizeBytes: 3 * MIB }, { recordsPerSecond: 1e6, recordSize: fixedSize(1) });
    expect(r.report.transform?.request_bytes_max).toBeCloseTo(3 * MIB * 4, 0);
    expect(r.report.warnings.find((x) => x.code === 'transform-payload-limit')?.message).toMatch(/above Lambda's 6 MiB/);
  });

  it('run time near 5 minutes warns; beyond it, or beyond the timeout, says what Firehose does', () => {
    expect(codes(run({ durationSecondsPerInvocation: 250 }).report.warnings)).toContain('transform-run-time');
    expect(codes(run({ durationSecondsPerInvocation: 200 }).report.warnings)).not.toContain('transform-run-time');
    // 120 s per MiB at 3 MiB per invocation = 360 s > 300 s.
    const over = run({ durationSecondsPerInvocation: 0, durationSecondsPerMiB: 120, bufferSizeBytes: 3 * MIB });
    expect(over.report.warnings.find((x) => x.code === 'transform-timeout')?.message).toMatch(/retries 3 times, then writes the batch to processing-failed/);
    // 5 s per MiB × 3 MiB = 15 s > the 10 s timeout.
    const timeout = run({ durationSecondsPerInvocation: 0, durationSecondsPerMiB: 5, bufferSizeBytes: 3 * MIB, timeoutSeconds: 10 });
    expect(timeout.report.warnings.find((x) => x.code === 'transform-timeout')?.message).toMatch(/timeout of 10 s/);
  });
});

describe('without a transformation', () => {
  it('the report has no transform section and no Lambda lines', () => {
    const r = modelFirehose(input());
    expect(r.report.transform).toBeUndefined();
    expect(r.drafts.some((d) => d.service === 'lambda')).toBe(false);
    expect(r.report.latency_breakdown).toEqual({ poll_seconds: 1, buffer_seconds: 5, delivery_seconds: 5 });
  });
});

describe('properties (conservation over random configurations)', () => {
  it('invocations × bytes per invocation = input bytes a day; the destination receives input × output ratio', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 50_000, noNaN: true }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.double({ min: 0.2, max: 3, noNaN: true }),
        fc.integer({ min: 0, max: 900 }),
        fc.double({ min: 0.01, max: 1.4, noNaN: true }),
        fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
        (rps, bytes, sizeMiB, interval, ratio, amp) => {
          const curve = amp === undefined ? null : raisedCosine(amp, 9);
          const r = run(
            { bufferSizeBytes: sizeMiB * MIB, bufferIntervalSeconds: interval, outputRatio: ratio },
            { recordsPerSecond: rps, recordSize: fixedSize(bytes), dailyCurve: curve },
          );
          const t = r.report.transform;
          // Mean of the sampled curve is 1, so a day carries rps × bytes × 86,400 bytes in.
          const inPerDay = rps * bytes * 86_400;
          expect((t?.invocations_per_day ?? 0) * (t?.bytes_per_invocation ?? 0)).toBeCloseTo(inPerDay, -Math.log10(inPerDay) + 6);
          const outPerDay = r.report.objects_per_day * (r.report.object_size_bytes_raw as number);
          expect(outPerDay / (inPerDay * ratio)).toBeCloseTo(1, 9);
          expect(r.report.latency_seconds).toBeGreaterThan((t?.buffer_wait_seconds ?? 0) + (t?.run_seconds ?? 0));
        },
      ),
      { numRuns: runs(400), seed: 18 },
    );
  });
});
