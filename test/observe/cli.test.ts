// `kplan observe` through the injected Io: formats, --output, get-metric-statistics files merged
// with get-metric-data ones, the label forms, the shipped queries file, byte-identical reruns.

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runCli } from '../helpers/io.js';
import { parseLabel } from '../../src/observe/labels.js';
import { positionOfPath } from '../../src/observe/json-locate.js';
import { parseTimestamp } from '../../src/observe/timestamp.js';
import { exportOf, getMetricStatistics, synthesize, type SynthSpec } from './synth.js';

const ROOT = resolve(import.meta.dirname, '../..');
const SPEC: SynthSpec = {
  seed: 8,
  recordsPerSecond: 2500,
  dailyCurve: null,
  dispersion: 25,
  recordBytes: 400,
  shards: 3,
  keys: null,
  startMs: Date.UTC(2026, 10, 27),
  seconds: 86_400 + 3600,
  readers: 1,
};
const truth = synthesize(SPEC);
const EXPORT = exportOf(SPEC, truth, { stream: 'orders' });

describe('formats', () => {
  it('--output writes the profile; stdout has the text report; reruns are byte-identical', async () => {
    const a = await runCli(['observe', 'm.json', '--output', 'out/p.yaml', '--shards', '3'], { files: { 'm.json': EXPORT }, disk: false });
    const b = await runCli(['observe', 'm.json', '--output', 'out/p.yaml', '--shards', '3'], { files: { 'm.json': EXPORT }, disk: false });
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toMatch(/^Observed\n/);
    expect(a.stdout).toMatch(/^Backtest {2}3 shards/m);
    expect(a.stdout).toMatch(/verdict {4}(conservative|optimistic|agrees)/);
    expect(a.stdout).toMatch(/Profile written to out\/p\.yaml/);
    const file = [...a.io.files.entries()].find(([k]) => k.endsWith('out/p.yaml'))![1] as string;
    expect(file).toMatch(/^name: "orders"$/m);
    expect(file).toMatch(/^ {2}shards: 3$/m);
  });

  it('--format json: the figures with provenance, the backtest, the profile text', async () => {
    const r = await runCli(['observe', 'm.json', '--shards', '3', '--format', 'json'], { files: { 'm.json': EXPORT }, disk: false });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.stream).toBe('orders');
    expect(j.traffic.records_per_second.provenance).toMatch(/IncomingRecords/);
    expect(j.traffic.peak_records_per_second.value).toBeCloseTo(Math.max(...truth.records) / 60, 3);
    expect(j.backtest.write.verdict.kind).toMatch(/conservative|optimistic|none/);
    expect(j.backtest.write.observed_total).toBe(truth.throttled.reduce((x: number, y: number) => x + y, 0));
    expect(j.profile).toMatch(/^version: 1$/m);
  });

  it('--format markdown: tables and the profile in a yaml block', async () => {
    const r = await runCli(['observe', 'm.json', '--shards', '3', '--format', 'markdown'], { files: { 'm.json': EXPORT }, disk: false });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^## Observed$/m);
    expect(r.stdout).toMatch(/^### Write throttling$/m);
    expect(r.stdout).toMatch(/```yaml\n# Workload profile/);
  });

  it('no files: a usage error', async () => {
    const r = await runCli(['observe'], { disk: false });
    expect(r.code).toBe(2);
  });
});

describe('get-metric-statistics files, one per metric, merged', () => {
  it('gives the same figures as the get-metric-data export', async () => {
    const t = truth.minuteTimes;
    const files = {
      'records.json': getMetricStatistics('IncomingRecords', t, truth.records),
      'bytes.json': getMetricStatistics('IncomingBytes', t, truth.bytes, 'Bytes'),
    };
    const a = await runCli(['observe', 'records.json', 'bytes.json', '--format', 'json'], { files, disk: false });
    const b = await runCli(['observe', 'm.json', '--format', 'json'], { files: { 'm.json': EXPORT }, disk: false });
    expect(a.code).toBe(0);
    const ja = JSON.parse(a.stdout);
    const jb = JSON.parse(b.stdout);
    expect(ja.traffic.records_per_second.value).toBe(jb.traffic.records_per_second.value);
    expect(ja.traffic.peak_records_per_second.value).toBe(jb.traffic.peak_records_per_second.value);
    expect(ja.traffic.record_size_bytes.value).toBe(jb.traffic.record_size_bytes.value);
  });
});

describe('labels', () => {
  it('the documented forms', () => {
    expect(parseLabel('IncomingRecords')).toMatchObject({ namespace: 'kinesis', metric: 'IncomingRecords', shardId: null, statistic: null });
    expect(parseLabel('AWS/Kinesis IncomingBytes Sum')).toMatchObject({ namespace: 'kinesis', metric: 'IncomingBytes', statistic: 'Sum' });
    expect(parseLabel('orders shardId-000000000004 IncomingRecords')).toMatchObject({ shardId: 'shardId-000000000004', resource: 'orders' });
    expect(parseLabel('IncomingRecords ShardId=shardId-000000000012 StreamName=orders')).toMatchObject({ shardId: 'shardId-000000000012', resource: 'orders' });
    expect(parseLabel('AWS/Firehose:logs:IncomingRecords:Sum')).toMatchObject({ namespace: 'firehose', resource: 'logs', statistic: 'Sum' });
    expect(parseLabel('DeliveryToS3.DataFreshness')).toMatchObject({ namespace: 'firehose', metric: 'DeliveryToS3.DataFreshness' });
    expect(parseLabel('getrecords.iteratoragemilliseconds Maximum')).toMatchObject({ metric: 'GetRecords.IteratorAgeMilliseconds', statistic: 'Maximum' });
    expect(parseLabel('CPUUtilization')).toBeUndefined();
    expect(parseLabel('Firehose GetRecords.Bytes')).toBeUndefined();
  });

  it('the shipped --metric-data-queries file is valid and every label is read', () => {
    type Q = { Id: string; Label: string; MetricStat?: { Period: number; Stat: string }; Expression?: string; Period?: number };
    const q = JSON.parse(readFileSync(resolve(ROOT, 'docs/observe/metric-data-queries.json'), 'utf8')) as Q[];
    expect(q.length).toBeGreaterThanOrEqual(12);
    for (const e of q) {
      expect(e.Id).toMatch(/^[a-z][a-zA-Z0-9_]*$/);
      // A search expression's dynamic label names each shard: CloudWatch fills in ${PROP('Dim.ShardId')}.
      const label = e.Label.replace("${PROP('Dim.ShardId')}", 'shardId-000000000001').replace('MY_DELIVERY_STREAM', 'logs').replace('MY_STREAM', 'orders');
      const ref = parseLabel(label);
      expect(ref, e.Label).toBeDefined();
      if (e.MetricStat) {
        expect(ref!.statistic).toBe(e.MetricStat.Stat);
        expect(e.MetricStat.Period).toBe(60);
      } else {
        expect(ref!.shardId).toBe('shardId-000000000001');
        expect(e.Expression).toMatch(/'Sum', 60\)$/);
      }
      expect(ref!.resource).toBe(ref!.namespace === 'kinesis' ? 'orders' : 'logs');
    }
  });
});

describe('positions and timestamps', () => {
  it('line:col of a JSON path', () => {
    const text = '{\n  "a": [1,\n    {"b": "x"}]\n}';
    expect(positionOfPath(text, ['a', 1, 'b'])).toEqual({ line: 3, col: 11 });
    expect(positionOfPath(text, ['a', 0])).toEqual({ line: 2, col: 9 });
  });

  it('timestamp forms', () => {
    const utc = Date.UTC(2026, 10, 30, 10, 0, 0);
    expect(parseTimestamp('2026-11-30T10:00:00+00:00')!.ms).toBe(utc);
    expect(parseTimestamp('2026-11-30T10:00:00Z')!.ms).toBe(utc);
    expect(parseTimestamp('2026-11-30T11:30:00+01:30')).toEqual({ ms: utc, offsetMinutes: 90 });
    expect(parseTimestamp('2026-11-30T05:00:00.000-05:00')!.ms).toBe(utc);
    expect(parseTimestamp(utc / 1000)!.ms).toBe(utc);
    expect(parseTimestamp('2026-11-30T10:00:00')).toEqual({ ms: utc, offsetMinutes: null });
    for (const bad of ['2026-13-01T00:00:00Z', '2026-02-30T00:00:00Z', '2026-11-30T24:00:00Z', 'yesterday', '', 12, null]) expect(parseTimestamp(bad)).toBeUndefined();
  });
});

describe('Firehose Direct PUT', () => {
  const t = truth.minuteTimes;
  it('only Firehose metrics: stream mode none, the delivery stream takes the traffic; kplan size reads it', async () => {
    const { getMetricData } = await import('./synth.js');
    const doc = getMetricData([
      { id: 'r', label: 'AWS/Firehose clicks IncomingRecords Sum', times: t, values: truth.records },
      { id: 'b', label: 'AWS/Firehose clicks IncomingBytes Sum', times: t, values: truth.bytes },
    ]);
    const r = await runCli(['observe', 'm.json'], { files: { 'm.json': doc }, disk: false });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}mode: none$/m);
    expect(r.stdout).toMatch(/^ {4}source: direct-put$/m);
    const s = await runCli(['size', '-', '--format', 'json'], { stdin: r.stdout, disk: false });
    expect(s.stderr).toBe('');
    expect(s.code).toBe(0);
  });

  it('a Direct PUT delivery stream beside the Kinesis stream: its own traffic block', async () => {
    const { getMetricData } = await import('./synth.js');
    const half = truth.records.map((x) => Math.round(x / 2));
    const doc = getMetricData([
      { id: 'r', label: 'IncomingRecords', times: t, values: truth.records },
      { id: 'b', label: 'IncomingBytes', times: t, values: truth.bytes },
      { id: 'fr', label: 'Firehose audit IncomingRecords', times: t, values: half },
      { id: 'fb', label: 'Firehose audit IncomingBytes', times: t, values: half.map((x) => x * 2000) },
    ]);
    const r = await runCli(['observe', 'm.json', '--format', 'json'], { files: { 'm.json': doc }, disk: false });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.firehose[0].source).toBe('direct-put');
    expect(j.firehose[0].traffic.record_size_bytes.value).toBe(2000);
    expect(j.profile).toMatch(/^ {4}traffic:\n {6}# .*\n {6}records_per_second: /m);
    const s = await runCli(['size', '-', '--format', 'json'], { stdin: j.profile, disk: false });
    expect(s.stderr).toBe('');
    expect(s.code).toBe(0);
  });
});
