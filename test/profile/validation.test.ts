// The rules of docs/profile.md beyond one-issue-per-code: cross-key checks and ranges.
import { describe, expect, test } from 'vitest';
import { errors, expectIssue, MINIMAL, parse, theError } from './helpers.js';

const T = (extra: string) => MINIMAL.replace('record_size: 1KiB', `record_size: 1KiB, ${extra}`);
const RS = (rs: string) => `version: 1\ntraffic:\n  records_per_second: 100\n  record_size: ${rs}\n`;

describe('record_size', () => {
  test('p99 below the average', () => {
    const i = expectIssue(parse(RS('{average: 2KiB, p99: 1KiB}')), 'inconsistent', 'traffic.record_size.p99', 4, 37);
    expect(i.found).toBe('1 KiB');
  });
  test('p99 equal to the average is a fixed size', () => {
    expect(parse(RS('{average: 2KiB, p99: 2KiB}')).profile?.traffic.recordSize).toEqual({ kind: 'fixed', buckets: [{ bytes: 2048, share: 1 }], averageBytes: 2048 });
  });
  test('p99 beyond any lognormal', () => {
    const i = expectIssue(parse(RS('{average: 1KiB, p99: 16KiB}')), 'inconsistent', 'traffic.record_size.p99', 4, 37);
    expect(i.hint).toMatch(/histogram/);
    expect(i.expected).toMatch(/14\.97/);
  });
  test('histogram shares must sum to 1', () => {
    const i = expectIssue(parse(RS('[{size: 100, share: 0.5}, {size: 200, share: 0.4}]')), 'inconsistent', 'traffic.record_size', 4, 16);
    expect(i.found).toBe('a sum of 0.9');
    // Within ±0.001 the shares are renormalised.
    const ok = parse(RS('[{size: 100, share: 0.5}, {size: 200, share: 0.4995}]')).profile?.traffic.recordSize;
    expect(ok?.buckets.reduce((s, b) => s + b.share, 0)).toBeCloseTo(1, 12);
  });
  test('histogram shares must be > 0; sizes merge and sort', () => {
    expectIssue(parse(RS('[{size: 100, share: 1}, {size: 200, share: 0}]')), 'out-of-range', 'traffic.record_size[1].share', 4, 59);
    const h = parse(RS('[{size: 2KiB, share: 0.25}, {size: 100, share: 0.5}, {size: 2048, share: 0.25}]')).profile?.traffic.recordSize;
    expect(h?.buckets).toEqual([
      { bytes: 100, share: 0.5 },
      { bytes: 2048, share: 0.5 },
    ]);
    expect(h?.averageBytes).toBe(1074);
  });
  test('histogram bucket keys', () => {
    expectIssue(parse(RS('[{size: 100, shares: 1}]')), 'unknown-key', 'traffic.record_size[0].shares', 4, 29);
    expectIssue(parse(RS('[]')), 'out-of-range', 'traffic.record_size', 4, 16);
  });
  test('sizes above 10 MiB, zero, negative', () => {
    expectIssue(parse(RS('11MiB')), 'out-of-range', 'traffic.record_size', 4, 16);
    expectIssue(parse(RS('0')), 'out-of-range', 'traffic.record_size', 4, 16);
    expectIssue(parse(RS('-5')), 'out-of-range', 'traffic.record_size', 4, 16);
    const i = expectIssue(parse(RS('-5KiB')), 'bad-size', 'traffic.record_size', 4, 16);
    expect(i.hint).toMatch(/negative/);
    expect(expectIssue(parse(RS('5 KiBs')), 'bad-size', 'traffic.record_size', 4, 16).hint).toMatch(/KiB/);
    expect(parse(RS('10MiB')).profile?.traffic.recordSize.averageBytes).toBe(10 * 1024 * 1024);
  });
  test('wrong types', () => {
    expectIssue(parse(RS('true')), 'wrong-type', 'traffic.record_size', 4, 16);
    expectIssue(parse(RS('')), 'wrong-type', 'traffic.record_size', 4, 16);
  });
});

describe('traffic', () => {
  test('partition keys', () => {
    expectIssue(parse(T('partition_keys: 0')), 'out-of-range', 'traffic.partition_keys', 2, 71);
    expectIssue(parse(T('partition_keys: 2.5')), 'wrong-type', 'traffic.partition_keys', 2, 71);
    expect(expectIssue(parse(T('partition_keys: randm')), 'bad-enum', 'traffic.partition_keys', 2, 71).hint).toMatch(/random/);
    expectIssue(parse(T('partition_keys: []')), 'out-of-range', 'traffic.partition_keys', 2, 71);
    expectIssue(parse(T('partition_keys: [a, 7]')), 'wrong-type', 'traffic.partition_keys[1]', 2, 75);
    expectIssue(parse(T(`partition_keys: [a, ${'k'.repeat(257)}]`)), 'out-of-range', 'traffic.partition_keys[1]', 2, 75);
    expectIssue(parse(T('partition_keys: [a, ""]')), 'out-of-range', 'traffic.partition_keys[1]', 2, 75);
  });
  test('100,000 partition keys are allowed, 100,001 are not', () => {
    // The list in a block mapping, where the key-list scanner reads it (inside a flow mapping, as
    // T writes it, yaml composes 100,000 located nodes: 1 s a profile).
    const keys = (n: number) => Array.from({ length: n }, (_, i) => `k${i}`).join(',');
    const profile = (n: number) => `version: 1\ntraffic:\n  records_per_second: 100\n  record_size: 1KiB\n  partition_keys: [${keys(n)}]\n`;
    expect(parse(profile(100_000)).profile?.traffic.partitionKeys).toMatchObject({ kind: 'list' });
    theError(parse(profile(100_001)), 'out-of-range');
  });
  test('partition key size 1..256 bytes', () => {
    expect(parse(T('partition_key_size: 256')).profile?.traffic.partitionKeyBytes).toBe(256);
    expectIssue(parse(T('partition_key_size: 257')), 'out-of-range', 'traffic.partition_key_size', 2, 75);
    expectIssue(parse(T('partition_key_size: 0')), 'out-of-range', 'traffic.partition_key_size', 2, 75);
  });
  test('burstiness', () => {
    expectIssue(parse(T('burstiness: {dispersion: 0}')), 'out-of-range', 'traffic.burstiness.dispersion', 2, 80);
    expectIssue(parse(T('burstiness: {dispersion: .inf}')), 'not-finite', 'traffic.burstiness.dispersion', 2, 80);
    expectIssue(parse(T('burstiness: 3')), 'wrong-type', 'traffic.burstiness', 2, 67);
  });
  test('daily curve: 24 values averaging 1', () => {
    const flat = Array(24).fill(1);
    expect(parse(T(`daily_curve: [${flat.join(',')}]`)).profile?.traffic.dailyCurve).toEqual(flat);
    const i = expectIssue(parse(T(`daily_curve: [${Array(24).fill(1.1).join(',')}]`)), 'inconsistent', 'traffic.daily_curve', 2, 68);
    expect(i.found).toBe('a mean of 1.1');
    expectIssue(parse(T(`daily_curve: [${Array(23).fill(1).join(',')}]`)), 'wrong-type', 'traffic.daily_curve', 2, 68);
    expectIssue(parse(T(`daily_curve: [-1, ${Array(23).fill(1).join(',')}]`)), 'out-of-range', 'traffic.daily_curve[0]', 2, 69);
  });
  test('peak window and absurd rates', () => {
    expectIssue(parse(T('peak_window: 0')), 'out-of-range', 'traffic.peak_window', 2, 68);
    const i = expectIssue(parse('version: 1\ntraffic: {records_per_second: 1e308, record_size: 1KiB}\n'), 'out-of-range', 'traffic.records_per_second', 2, 31);
    expect(i.expected).toMatch(/1,000,000,000/);
  });
});

describe('producer and stream', () => {
  test('producer ranges', () => {
    expectIssue(parse(`${MINIMAL}producer: {aggregation_max_size: 2MiB}\n`), 'out-of-range', 'producer.aggregation_max_size', 3, 34);
    expectIssue(parse(`${MINIMAL}producer: {producers: 0}\n`), 'out-of-range', 'producer.producers', 3, 23);
    expectIssue(parse(`${MINIMAL}producer: {aggregation: zstd}\n`), 'bad-enum', 'producer.aggregation', 3, 25);
    expectIssue(parse(`${MINIMAL}producer: [kpl]\n`), 'wrong-type', 'producer', 3, 11);
  });
  test('shards', () => {
    expect(parse(`${MINIMAL}stream: {shards: auto}\n`).profile?.stream.shards).toBeNull();
    expectIssue(parse(`${MINIMAL}stream: {shards: 0}\n`), 'out-of-range', 'stream.shards', 3, 18);
    expectIssue(parse(`${MINIMAL}stream: {shards: 10001}\n`), 'out-of-range', 'stream.shards', 3, 18);
    expectIssue(parse(`${MINIMAL}stream: {shards: 2.5}\n`), 'wrong-type', 'stream.shards', 3, 18);
    expect(expectIssue(parse(`${MINIMAL}stream: {shards: atuo}\n`), 'bad-enum', 'stream.shards', 3, 18).hint).toMatch(/auto/);
    for (const mode of ['on-demand', 'on-demand-advantage', 'none']) {
      expectIssue(parse(`${MINIMAL}stream: {shards: 4, mode: ${mode}}\n`), 'inconsistent', 'stream.shards', 3, 18);
    }
  });
  test('retention', () => {
    expect(parse(`${MINIMAL}stream: {retention: 365d}\n`).profile?.stream.retentionHours).toBe(8760);
    expectIssue(parse(`${MINIMAL}stream: {retention: 366d}\n`), 'out-of-range', 'stream.retention', 3, 21);
    expectIssue(parse(`${MINIMAL}stream: {retention: 23h}\n`), 'out-of-range', 'stream.retention', 3, 21);
    expectIssue(parse(`${MINIMAL}stream: {retention: 1470m}\n`), 'out-of-range', 'stream.retention', 3, 21);
  });
  test('utilization and throttle rate', () => {
    // 0 only with steady arrivals (see below).
    const steady = MINIMAL.replace('record_size: 1KiB', 'record_size: 1KiB, burstiness: none');
    expect(parse(`${steady}stream: {target_utilization: 1, max_throttle_rate: 0}\n`).profile?.stream).toMatchObject({ targetUtilization: 1, maxThrottleRate: 0 });
    expectIssue(parse(`${MINIMAL}stream: {max_throttle_rate: 1}\n`), 'out-of-range', 'stream.max_throttle_rate', 3, 29);
  });
  test('region and regions together', () => {
    expectIssue(parse(`${MINIMAL}region: us-east-1\nregions: [eu-west-1]\n`), 'inconsistent', 'regions', 4, 1);
  });
  test('all with other regions', () => {
    expectIssue(parse(`${MINIMAL}regions: [all, eu-west-1]\n`), 'inconsistent', 'regions', 3, 10);
  });
});

describe('consumers and firehose', () => {
  test('custom consumer needs polls_per_second unless EFO', () => {
    expectIssue(parse(`${MINIMAL}consumers:\n  - name: c\n    type: custom\n`), 'missing-key', 'consumers[0].polls_per_second', 4, 5);
    expect(errors(parse(`${MINIMAL}consumers:\n  - {name: c, type: custom, efo: true}\n`))).toEqual([]);
  });
  test('name and type required', () => {
    expectIssue(parse(`${MINIMAL}consumers:\n  - type: lambda\n`), 'missing-key', 'consumers[0].name', 4, 5);
    expectIssue(parse(`${MINIMAL}consumers:\n  - name: c\n`), 'missing-key', 'consumers[0].type', 4, 5);
    expect(expectIssue(parse(`${MINIMAL}consumers:\n  - {name: c, type: lamda}\n`), 'bad-enum', 'consumers[0].type', 4, 21).hint).toMatch(/lambda/);
  });
  test('names unique across consumers and delivery streams', () => {
    const i = expectIssue(parse(`${MINIMAL}consumers:\n  - {name: x, type: lambda}\nfirehose:\n  - name: x\n`), 'inconsistent', 'firehose[0].name', 6, 11);
    expect(i.message).toMatch(/consumers\[0\]/);
  });
  test('consumers need a stream', () => {
    expectIssue(parse(`${MINIMAL}stream: {mode: none}\nconsumers: [{name: c, type: lambda}]\nfirehose: [{name: f, source: direct-put}]\n`), 'inconsistent', 'consumers', 4, 1);
  });
  test('source stream with stream mode none', () => {
    const i = expectIssue(parse(`${MINIMAL}stream: {mode: none}\nfirehose:\n  - name: f\n`), 'inconsistent', 'firehose[0].source', 5, 5);
    expect(i.hint).toMatch(/direct-put/);
  });
  test('source stream with its own traffic', () => {
    expectIssue(parse(`${MINIMAL}firehose:\n  - name: f\n    traffic: {records_per_second: 1, record_size: 1}\n`), 'inconsistent', 'firehose[0].traffic', 5, 5);
  });
  test('direct-put traffic is validated like the top-level traffic', () => {
    const i = expectIssue(
      parse(`${MINIMAL}firehose:\n  - name: f\n    source: direct-put\n    traffic: {records_per_secnd: 1, record_size: 1}\n`),
      'unknown-key',
      'firehose[0].traffic.records_per_secnd',
      6,
      15,
    );
    expect(i.hint).toMatch(/records_per_second/);
  });
  test('format conversion: buffer at least 64 MiB, S3 only', () => {
    const i = expectIssue(parse(`${MINIMAL}firehose:\n  - {name: f, format_conversion: parquet, buffer_size: 32MiB}\n`), 'out-of-range', 'firehose[0].buffer_size', 4, 56);
    expect(i.expected).toMatch(/64 MiB/);
    expectIssue(parse(`${MINIMAL}firehose:\n  - {name: f, destination: http, format_conversion: orc}\n`), 'inconsistent', 'firehose[0].format_conversion', 4, 53);
  });
  test('buffer interval range per destination', () => {
    const i = expectIssue(parse(`${MINIMAL}firehose:\n  - {name: f, destination: splunk, buffer_interval: 5m}\n`), 'out-of-range', 'firehose[0].buffer_interval', 4, 53);
    expect(i.expected).toBe('a duration from 0s to 60s for destination `splunk`');
    expectIssue(parse(`${MINIMAL}firehose:\n  - {name: f, destination: elastic}\n`), 'bad-enum', 'firehose[0].destination', 4, 28);
  });
  test('dynamic partitioning: no zero buffering', () => {
    expectIssue(parse(`${MINIMAL}firehose:\n  - {name: f, buffer_interval: 0, dynamic_partitioning: {partitions: 10}}\n`), 'inconsistent', 'firehose[0].buffer_interval', 4, 32);
    expectIssue(parse(`${MINIMAL}firehose:\n  - {name: f, dynamic_partitioning: {jq: true}}\n`), 'missing-key', 'firehose[0].dynamic_partitioning.partitions', 4, 15);
  });
  test('compression ratio', () => {
    expect(parse(`${MINIMAL}firehose:\n  - {name: f, compression: gzip, compression_ratio: 0.1}\n`).profile?.firehose[0]?.compressionRatio).toBe(0.1);
    expectIssue(parse(`${MINIMAL}firehose:\n  - {name: f, compression_ratio: 0}\n`), 'out-of-range', 'firehose[0].compression_ratio', 4, 34);
  });
  test('vpc subnets', () => {
    expectIssue(parse(`${MINIMAL}firehose:\n  - {name: f, vpc: {subnets: 0}}\n`), 'out-of-range', 'firehose[0].vpc.subnets', 4, 30);
  });
  test('consumers must be a list', () => {
    expectIssue(parse(`${MINIMAL}consumers: {name: c}\n`), 'wrong-type', 'consumers', 3, 12);
  });
});

describe('budgets', () => {
  test('numbers and {warn, error}', () => {
    const r = parse(`${MINIMAL}budgets:\n  monthly_usd: 100\n  utilization: {warn: 0.7}\n  monthly_usd_increase: {error: -5}\n`);
    expect(r.profile?.budgets).toEqual([
      { name: 'monthly_usd', warn: null, error: 100, position: { line: 4, col: 3 }, origin: 'budgets' },
      { name: 'utilization', warn: 0.7, error: null, position: { line: 5, col: 3 }, origin: 'budgets' },
      { name: 'monthly_usd_increase', warn: null, error: -5, position: { line: 6, col: 3 }, origin: 'budgets' },
    ]);
  });
  test('problems', () => {
    expectIssue(parse(`${MINIMAL}budgets:\n  monthly_usd: {warn: 100, error: 50}\n`), 'inconsistent', 'budgets.monthly_usd.warn', 4, 23);
    expectIssue(parse(`${MINIMAL}budgets:\n  throttle_rate: 2\n`), 'out-of-range', 'budgets.throttle_rate', 4, 18);
    expectIssue(parse(`${MINIMAL}budgets:\n  monthly_usd: -1\n`), 'out-of-range', 'budgets.monthly_usd', 4, 16);
    expectIssue(parse(`${MINIMAL}budgets:\n  monthly_usd: cheap\n`), 'wrong-type', 'budgets.monthly_usd', 4, 16);
    expectIssue(parse(`${MINIMAL}budgets:\n  monthly_usd: {}\n`), 'missing-key', 'budgets.monthly_usd', 4, 3);
    expectIssue(parse(`${MINIMAL}budgets:\n  monthly_usd: {warm: 3}\n`), 'unknown-key', 'budgets.monthly_usd.warm', 4, 17);
    expect(expectIssue(parse(`${MINIMAL}budgets:\n  latency: 3\n`), 'unknown-key', 'budgets.latency', 4, 3).hint).toMatch(/latency_seconds/);
  });
});

describe('stream.max_throttle_rate: 0', () => {
  const P = (burst: string) => `version: 1\ntraffic: {records_per_second: 100, record_size: 1KiB, burstiness: ${burst}}\nstream:\n  max_throttle_rate: 0\n`;
  test('refused, located, when arrivals vary per second: no shard count throttles 0 of the seconds', () => {
    const i = expectIssue(parse(P('medium')), 'out-of-range', 'stream.max_throttle_rate', 4, 22);
    expect(i.hint).toMatch(/burstiness `medium`/);
  });
  test('kept with steady arrivals, where demand within capacity never throttles', () => {
    expect(parse(P('none')).profile?.stream.maxThrottleRate).toBe(0);
  });
});
