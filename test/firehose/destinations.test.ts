// Each destination's buffer limits and defaults as the model uses them.

import { describe, expect, it } from 'vitest';
import { DESTINATION_LIMITS } from '../../src/aws/firehose-destinations.js';
import { DELIVERY_SECONDS, modelFirehose } from '../../src/model/firehose/delivery.js';
import { MIB } from '../../src/units.js';
import type { FirehoseDestination } from '../../src/profile/types.js';
import { config, input } from './fixtures.js';

const MAX_MIB: Record<FirehoseDestination, number> = { s3: 128, redshift: 128, opensearch: 100, splunk: 5, http: 64, snowflake: 128 };

describe.each(Object.keys(MAX_MIB) as FirehoseDestination[])('%s', (destination) => {
  const lim = DESTINATION_LIMITS[destination];
  const cfg = config({ destination, bufferSizeBytes: lim.defaultBufferSizeBytes, bufferIntervalSeconds: lim.defaultBufferIntervalSeconds });

  it('reports the allowed ranges', () => {
    const r = modelFirehose(input({ config: cfg }));
    const b = r.report.buffer as { allowed_size_bytes: number[]; allowed_interval_seconds: number[] };
    expect(b.allowed_size_bytes).toEqual([1 * MIB, MAX_MIB[destination] * MIB]);
    expect(b.allowed_interval_seconds).toEqual([0, destination === 'splunk' ? 60 : 900]);
  });
  it('says the default was used', () => {
    const r = modelFirehose(input({ config: cfg }));
    const e = r.explain.find((x) => x.topic === 'firehose.fh.buffer');
    expect(e?.inputs['buffer_size_from']).toBe('destination default');
  });
  it('caps the 10-second fix at the destination maximum', () => {
    // Peak 20 MiB/s: 10 s needs 200 MiB, above every destination's maximum.
    const r = modelFirehose(input({ recordsPerSecond: 1024, peakRecordsPerSecond: 20 * 1024, config: config({ destination, bufferIntervalSeconds: 60 }) }));
    const w = r.report.warnings.find((x) => x.code === 'buffer-below-10s');
    expect(w?.message).toContain(`even the ${destination} maximum of ${MAX_MIB[destination]} MiB`);
  });
  it('adds the destination delivery time to latency', () => {
    // 1 MiB/s, 5 MiB / 60 s → size in 5 s; latency = 1 + 5 + delivery.
    const r = modelFirehose(input({ config: config({ destination, bufferIntervalSeconds: 60 }) }));
    expect(r.report.latency_seconds).toBeCloseTo(6 + DELIVERY_SECONDS[destination], 9);
  });
});

describe('defaults', () => {
  it('Snowflake defaults to zero buffering (128 MiB / 0 s)', () => {
    const lim = DESTINATION_LIMITS.snowflake;
    expect(lim.defaultBufferIntervalSeconds).toBe(0);
    // 10 KiB/s: 128 MiB is far off; zero buffering delivers every 5 s → 17,280 deliveries/day.
    const r = modelFirehose(input({ recordsPerSecond: 10, config: config({ destination: 'snowflake', bufferSizeBytes: lim.defaultBufferSizeBytes, bufferIntervalSeconds: 0 }) }));
    expect(r.report.flush_seconds).toBeCloseTo(5, 9);
    expect(r.report.objects_per_day).toBeCloseTo(17_280, 6);
  });
  it('Splunk defaults to 5 MiB / 60 s', () => {
    expect([DESTINATION_LIMITS.splunk.defaultBufferSizeBytes, DESTINATION_LIMITS.splunk.defaultBufferIntervalSeconds]).toEqual([5 * MIB, 60]);
  });
  it('Redshift latency includes the COPY after the S3 stage', () => {
    expect(DELIVERY_SECONDS.redshift).toBeGreaterThan(DELIVERY_SECONDS.s3);
  });
  it('only S3-object destinations get the small-objects warning', () => {
    // 10 KiB/s, 5 MiB / 60 s: 1,440 batches/day of 600 KiB.
    const s3 = modelFirehose(input({ recordsPerSecond: 10, config: config({ destination: 's3', bufferIntervalSeconds: 60 }) }));
    const http = modelFirehose(input({ recordsPerSecond: 10, config: config({ destination: 'http', bufferIntervalSeconds: 60 }) }));
    expect(s3.report.warnings.map((w) => w.code)).toContain('small-objects');
    expect(http.report.warnings.map((w) => w.code)).not.toContain('small-objects');
  });
});
