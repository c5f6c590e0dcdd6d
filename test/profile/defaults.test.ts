import { describe, expect, test } from 'vitest';
import { errors, FULL, MINIMAL, parse } from './helpers.js';

describe('defaults of a minimal profile', () => {
  const r = parse(MINIMAL);
  const p = r.profile;

  test('parses with only the missing-peak warning', () => {
    expect(errors(r)).toEqual([]);
    expect(p).toBeDefined();
    expect(r.issues.map((i) => [i.severity, i.code, i.path])).toEqual([['warning', 'missing-key', 'traffic.peak_records_per_second']]);
    expect(p?.warnings).toEqual([expect.objectContaining({ code: 'missing-key', path: 'traffic.peak_records_per_second' })]);
  });

  test('top level', () => {
    expect(p?.version).toBe(1);
    expect(p?.name).toBe('p');
    expect(p?.file).toBe('p.yaml');
    expect(p?.regions).toEqual(['us-east-1']);
    expect(p?.consumers).toEqual([]);
    expect(p?.firehose).toEqual([]);
    expect(p?.budgets).toEqual([]);
  });

  test('traffic', () => {
    expect(p?.traffic).toEqual({
      recordsPerSecond: 100,
      peakRecordsPerSecond: 100,
      peakDefaulted: true,
      peakWindowSeconds: 60,
      recordSize: { kind: 'fixed', buckets: [{ bytes: 1024, share: 1 }], averageBytes: 1024 },
      partitionKeyBytes: 32,
      partitionKeys: { kind: 'random' },
      keySkew: 0,
      burstiness: { level: 'medium', dispersion: 50 },
      dailyCurve: null,
    });
  });

  test('producer and stream', () => {
    expect(p?.producer).toEqual({ aggregation: 'none', aggregationMaxSizeBytes: 51_200, producers: 1, bufferTimeSeconds: 0.1 });
    expect(p?.stream).toEqual({
      mode: 'provisioned',
      shards: null,
      retentionHours: 24,
      targetUtilization: 0.8,
      maxThrottleRate: 1e-4,
      previousPeakRecordsPerSecond: null,
      advantageOtherTraffic: { inBytesPerSecond: 0, outBytesPerSecond: 0 },
    });
  });

  test('positions of every key given', () => {
    expect(p?.positions).toEqual({
      version: { line: 1, col: 1 },
      traffic: { line: 2, col: 1 },
      'traffic.records_per_second': { line: 2, col: 11 },
      'traffic.record_size': { line: 2, col: 36 },
    });
    expect(Object.getPrototypeOf(p?.positions)).toBeNull();
  });
});

describe('name', () => {
  test('from the file name without extension', () => {
    expect(parse(MINIMAL, [], 'profiles/orders.prod.yaml').profile?.name).toBe('orders.prod');
    expect(parse(MINIMAL, [], 'C:\\work\\web.yml').profile?.name).toBe('web');
    expect(parse(MINIMAL, [], '<stdin>').profile?.name).toBe('stdin');
  });
  test('given', () => {
    expect(parse(`${MINIMAL}name: shop\n`).profile?.name).toBe('shop');
  });
});

describe('regions', () => {
  test('region, regions, all', () => {
    expect(parse(`${MINIMAL}region: eu-west-1\n`).profile?.regions).toEqual(['eu-west-1']);
    expect(parse(`${MINIMAL}regions: [eu-west-1, us-east-2, eu-west-1]\n`).profile?.regions).toEqual(['eu-west-1', 'us-east-2']);
    expect(parse(`${MINIMAL}region: all\n`).profile?.regions).toEqual(['all']);
    expect(parse(`${MINIMAL}regions: [all]\n`).profile?.regions).toEqual(['all']);
  });
});

describe('a full profile', () => {
  const r = parse(FULL);
  const p = r.profile;
  test('parses without errors or warnings', () => {
    expect(r.issues).toEqual([]);
  });
  test('traffic', () => {
    const t = p?.traffic;
    expect(t?.peakRecordsPerSecond).toBe(5000);
    expect(t?.peakDefaulted).toBe(false);
    expect(t?.recordSize.kind).toBe('average-p99');
    expect(t?.recordSize.buckets).toHaveLength(50);
    expect(t?.partitionKeyBytes).toBe(36);
    expect(t?.partitionKeys).toEqual({ kind: 'count', count: 5000 });
    expect(t?.keySkew).toBe(0.8);
    expect(t?.burstiness).toEqual({ level: 'custom', dispersion: 25 });
    expect(t?.dailyCurve).toHaveLength(24);
    const mean = (t?.dailyCurve ?? []).reduce((s, v) => s + v, 0) / 24;
    expect(mean).toBeCloseTo(1, 12);
  });
  test('producer, stream', () => {
    expect(p?.producer).toEqual({ aggregation: 'kpl', aggregationMaxSizeBytes: 51_200, producers: 20, bufferTimeSeconds: 0.1 });
    expect(p?.stream.retentionHours).toBe(168);
    expect(p?.stream.targetUtilization).toBe(0.75);
  });
  test('consumers: poll defaults and EFO', () => {
    expect(p?.consumers).toEqual([
      { name: 'enricher', type: 'lambda', efo: false, pollsPerSecond: 1, catchUpSeconds: null },
      { name: 'analytics', type: 'kcl', efo: true, pollsPerSecond: 0, catchUpSeconds: 3600 },
      { name: 'audit', type: 'custom', efo: false, pollsPerSecond: 0.5, catchUpSeconds: null },
    ]);
  });
  test('firehose: destination defaults, conversion, direct put', () => {
    const [s3, direct] = p?.firehose ?? [];
    expect(s3).toMatchObject({
      source: 'stream',
      kplBilling: 'user-records',
      destination: 's3',
      bufferSizeBytes: 128 * 1024 * 1024,
      bufferIntervalSeconds: 300,
      bufferSizeGiven: true,
      bufferIntervalGiven: true,
      compression: 'gzip',
      compressionRatio: 0.2,
      formatConversion: 'parquet',
      dynamicPartitioning: { partitions: 20, jq: true },
      vpc: null,
      traffic: null,
    });
    expect(direct).toMatchObject({
      source: 'direct-put',
      destination: 'http',
      bufferSizeBytes: 5 * 1024 * 1024,
      bufferIntervalSeconds: 300,
      bufferSizeGiven: false,
      bufferIntervalGiven: false,
      compressionRatio: 1,
      vpc: { subnets: 3 },
    });
    expect(direct?.traffic?.recordsPerSecond).toBe(50);
    expect(direct?.traffic?.recordSize).toEqual({
      kind: 'histogram',
      buckets: [
        { bytes: 512, share: 0.5 },
        { bytes: 4096, share: 0.5 },
      ],
      averageBytes: 2304,
    });
  });
  test('budgets with positions', () => {
    expect(p?.budgets).toEqual([
      { name: 'monthly_usd', warn: 800, error: 1000, position: { line: 54, col: 3 }, origin: 'budgets' },
      { name: 'shards', warn: null, error: 40, position: { line: 55, col: 3 }, origin: 'budgets' },
      { name: 'throttle_rate', warn: null, error: 0.001, position: { line: 56, col: 3 }, origin: 'budgets' },
    ]);
  });
  test('positions of nested keys', () => {
    expect(p?.positions['consumers[1].efo']).toEqual({ line: 30, col: 5 });
    expect(p?.positions['firehose[1].traffic.record_size']).toEqual({ line: 50, col: 7 });
    expect(p?.positions['firehose[1].traffic.record_size[1].size']).toEqual({ line: 52, col: 12 });
  });
});

describe('other defaults', () => {
  test('direct put without traffic takes the top-level traffic', () => {
    const r = parse(`${MINIMAL}stream: {mode: none}\nfirehose: [{name: f, source: direct-put}]\n`);
    expect(errors(r)).toEqual([]);
    expect(r.profile?.firehose[0]?.traffic).toBe(r.profile?.traffic);
  });
  test('format conversion raises the default buffer to 128 MiB', () => {
    const r = parse(`${MINIMAL}firehose: [{name: f, format_conversion: orc}]\n`);
    expect(r.profile?.firehose[0]?.bufferSizeBytes).toBe(128 * 1024 * 1024);
    expect(r.profile?.firehose[0]?.bufferSizeGiven).toBe(false);
  });
  test('snowflake defaults', () => {
    const r = parse(`${MINIMAL}firehose: [{name: f, destination: snowflake, compression: snappy}]\n`);
    expect(r.profile?.firehose[0]).toMatchObject({ bufferSizeBytes: 128 * 1024 * 1024, bufferIntervalSeconds: 0, compressionRatio: 0.35 });
  });
  test('kcl polls 1/1.5 per second', () => {
    const r = parse(`${MINIMAL}consumers: [{name: c, type: kcl}]\n`);
    expect(r.profile?.consumers[0]?.pollsPerSecond).toBeCloseTo(1 / 1.5, 12);
  });
  test('named burstiness levels', () => {
    const level = (b: string) => parse(MINIMAL.replace('record_size: 1KiB', `record_size: 1KiB, burstiness: ${b}`)).profile?.traffic.burstiness;
    expect(level('none')).toEqual({ level: 'none', dispersion: Infinity });
    expect(level('poisson')).toEqual({ level: 'poisson', dispersion: Infinity });
    expect(level('low')).toEqual({ level: 'low', dispersion: 200 });
    expect(level('high')).toEqual({ level: 'high', dispersion: 10 });
  });
  test('partition keys list', () => {
    const r = parse(MINIMAL.replace('record_size: 1KiB', 'record_size: 1KiB, partition_keys: [a, "b", "ключ"]'));
    expect(r.profile?.traffic.partitionKeys).toEqual({ kind: 'list', keys: ['a', 'b', 'ключ'] });
  });
  test('sizes and durations with units', () => {
    const r = parse(`version: 1
traffic: {records_per_second: 1, peak_records_per_second: 2, record_size: "1.5 KiB", peak_window: 5m}
producer: {aggregation_max_size: 1MB, buffer_time: 250ms}
stream: {retention: 2d}
`);
    expect(r.issues).toEqual([]);
    expect(r.profile?.traffic.recordSize.averageBytes).toBe(1536);
    expect(r.profile?.traffic.peakWindowSeconds).toBe(300);
    expect(r.profile?.producer.aggregationMaxSizeBytes).toBe(1024 * 1024);
    expect(r.profile?.producer.bufferTimeSeconds).toBe(0.25);
    expect(r.profile?.stream.retentionHours).toBe(48);
  });
  test('records above 1 MiB warn', () => {
    const r = parse(MINIMAL.replace('1KiB', '2MiB'));
    expect(errors(r)).toEqual([]);
    expect(r.issues.some((i) => i.severity === 'warning' && i.path === 'traffic.record_size' && /1 MiB/.test(i.message))).toBe(true);
  });
  test('previous_peak on-demand; warns when provisioned', () => {
    expect(parse(`${MINIMAL}stream: {mode: on-demand, previous_peak: 3000}\n`).profile?.stream.previousPeakRecordsPerSecond).toBe(3000);
    const r = parse(`${MINIMAL}stream: {previous_peak: 3000}\n`);
    expect(r.profile).toBeDefined();
    expect(r.issues.some((i) => i.severity === 'warning' && i.path === 'stream.previous_peak')).toBe(true);
  });
  test('EFO consumer with polls_per_second warns and polls 0', () => {
    const r = parse(`${MINIMAL}consumers: [{name: c, type: custom, efo: true, polls_per_second: 2}]\n`);
    expect(r.profile?.consumers[0]?.pollsPerSecond).toBe(0);
    expect(r.issues.some((i) => i.severity === 'warning' && i.path === 'consumers[0].polls_per_second')).toBe(true);
  });
  test('shards above the account quota warn', () => {
    // Default quotas: 20,000 shards in us-east-1, us-west-2, eu-west-1; 1,000 elsewhere.
    const r = parse(`${MINIMAL}stream: {shards: 1500}\n`);
    expect(r.profile?.stream.shards).toBe(1500);
    expect(r.issues.some((i) => i.path === 'stream.shards')).toBe(false);
    const r2 = parse(`${MINIMAL}region: eu-central-1\nstream: {shards: 1500}\n`);
    expect(r2.issues.some((i) => i.severity === 'warning' && i.path === 'stream.shards')).toBe(true);
  });
  test('a BOM and CRLF line ends are fine', () => {
    const r = parse(new TextEncoder().encode(`\ufeff${MINIMAL.replace(/\n/g, '\r\n')}`));
    expect(errors(r)).toEqual([]);
  });
});
