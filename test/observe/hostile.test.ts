// Bad metrics files: each is a located error (exit 2, file:line:col and JSON path) or a warning
// that says what was ignored; never a crash. Run through the CLI with an injected Io.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runCli } from '../helpers/io.js';
import { runs } from '../helpers/depth.js';
import { observe } from '../../src/observe/index.js';
import { UsageError } from '../../src/errors.js';
import { cliTime, exportOf, getMetricData, synthesize, type SynthSpec } from './synth.js';

const SPEC: SynthSpec = {
  seed: 4,
  recordsPerSecond: 50,
  dailyCurve: null,
  dispersion: 50,
  recordBytes: 300,
  shards: 2,
  keys: null,
  startMs: Date.UTC(2026, 10, 29),
  seconds: 86_400,
  readers: 1,
};
const truth = synthesize(SPEC);
const GOOD = exportOf(SPEC, truth);
const T = truth.minuteTimes;

async function obs(files: Record<string, string>, extra: string[] = []) {
  return runCli(['observe', ...Object.keys(files), ...extra], { files, disk: false });
}

/** A small export: n minutes of records and bytes. */
function small(n: number, mutate?: (doc: { MetricDataResults: Record<string, unknown>[] }) => void): string {
  const doc = JSON.parse(
    getMetricData([
      { id: 'r', label: 'IncomingRecords', times: T.slice(0, n), values: truth.records.slice(0, n) },
      { id: 'b', label: 'IncomingBytes', times: T.slice(0, n), values: truth.bytes.slice(0, n) },
    ]),
  ) as { MetricDataResults: Record<string, unknown>[] };
  mutate?.(doc);
  return JSON.stringify(doc, null, 4);
}

describe('located errors (exit 2)', () => {
  it('malformed JSON: file:line:col of the syntax error', async () => {
    const text = '{\n    "MetricDataResults": [\n        {"Id": "r",, }\n    ]\n}\n';
    const r = await obs({ 'm.json': text });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^m\.json:3:20: error: not valid JSON/m);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack
  });

  it('cut-off file: the end of the input', async () => {
    const r = await obs({ 'm.json': GOOD.slice(0, 500) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/m\.json:\d+:\d+: error: not valid JSON/);
  });

  it('wrong shapes: a list, MetricDataResults not a list, an entry not an object, Datapoints not a list', async () => {
    expect((await obs({ 'a.json': '[1, 2]' })).stderr).toMatch(/a\.json:1:1: error: not CloudWatch metrics output/);
    expect((await obs({ 'a.json': '{"MetricDataResults": {}}' })).stderr).toMatch(/a\.json:1:23: error: MetricDataResults: MetricDataResults must be a list/);
    expect((await obs({ 'a.json': '{"MetricDataResults": [42]}' })).stderr).toMatch(/a\.json:1:24: error: MetricDataResults\[0\]: each MetricDataResults entry must be an object/);
    expect((await obs({ 'a.json': '{"Label": "IncomingRecords", "Datapoints": "none"}' })).stderr).toMatch(/error: Datapoints: Datapoints must be a list/);
    expect((await obs({ 'a.json': '{"Nothing": 1}' })).stderr).toMatch(/found an object with keys `Nothing`/);
  });

  it('a string where a number goes: the exact value, line and column', async () => {
    const text = small(30, (d) => {
      (d.MetricDataResults[0]!.Values as unknown[])[7] = '123';
    });
    const r = await obs({ 'm.json': text });
    expect(r.code).toBe(2);
    const line = text.split('\n').findIndex((l) => l.includes('"123"')) + 1;
    expect(r.stderr).toContain(`m.json:${line}:17: error: MetricDataResults[0].Values[7]: a metric value must be a number`);
    expect(r.stderr).toContain('found the string "123"');
  });

  it('null, negative values and bad timestamps', async () => {
    const r1 = await obs({ 'm.json': small(30, (d) => void ((d.MetricDataResults[0]!.Values as unknown[])[2] = null)) });
    expect(r1.stderr).toMatch(/Values\[2\]: a metric value must be a number/);
    const r2 = await obs({ 'm.json': small(30, (d) => void ((d.MetricDataResults[0]!.Values as unknown[])[2] = -5)) });
    expect(r2.stderr).toMatch(/Values\[2\]: a metric value below zero/);
    const r3 = await obs({ 'm.json': small(30, (d) => void ((d.MetricDataResults[1]!.Timestamps as unknown[])[4] = '2026-02-31T00:00:00+00:00')) });
    expect(r3.stderr).toMatch(/MetricDataResults\[1\]\.Timestamps\[4\]: not a timestamp/);
    expect([r1.code, r2.code, r3.code]).toEqual([2, 2, 2]);
  });

  it('Timestamps and Values of different lengths', async () => {
    const r = await obs({ 'm.json': small(30, (d) => void (d.MetricDataResults[0]!.Values as unknown[]).pop()) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/MetricDataResults\[0\]\.Values: Timestamps has 30 entries but Values has 29/);
  });

  it('the same timestamp twice with different values: both places named', async () => {
    const a = small(30);
    const b = small(30, (d) => void ((d.MetricDataResults[0]!.Values as number[])[0] = 1));
    const r = await obs({ 'a.json': a, 'b.json': b });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/two different values for .* here and \d+ at a\.json:\d+:\d+/);
  });

  it('mixed periods: a run of 5-minute points inside 1-minute data', async () => {
    const times = [...T.slice(0, 60), ...[1, 2, 3, 4].map((k) => T[59]! + k * 300_000)];
    const vals = times.map(() => 100);
    const r = await obs({
      'm.json': getMetricData([
        { id: 'r', label: 'IncomingRecords', times, values: vals },
        { id: 'b', label: 'IncomingBytes', times, values: vals },
      ]),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/mixed periods: points every 300 s in a series of 60 s periods/);
    expect(r.stderr).toMatch(/m\.json:\d+:\d+: error: MetricDataResults\[\d\]\.Timestamps\[\d+\]/);
  });

  it('periods that are not whole minutes', async () => {
    const times = T.slice(0, 30).map((t, i) => T[0]! + i * 30_000);
    const r = await obs({ 'm.json': getMetricData([{ id: 'r', label: 'IncomingRecords', times, values: times.map(() => 1) }]) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/30 s apart; kplan reads periods of whole minutes/);
  });

  it('no IncomingRecords at all / no IncomingBytes', async () => {
    const r = await obs({ 'm.json': getMetricData([{ id: 'x', label: 'GetRecords.Bytes', times: T.slice(0, 5), values: [1, 2, 3, 4, 5] }]) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no IncomingRecords series/);
    const r2 = await obs({ 'm.json': getMetricData([{ id: 'x', label: 'IncomingRecords', times: T.slice(0, 5), values: [1, 2, 3, 4, 5] }]) });
    expect(r2.stderr).toMatch(/no IncomingBytes series/);
  });

  it('not UTF-8, a missing file, a bad --shards', async () => {
    const r = await runCli(['observe', 'm.json'], { files: { 'm.json': new Uint8Array([0x7b, 0xff, 0xfe]) }, disk: false });
    expect(r.stderr).toMatch(/not UTF-8/);
    expect((await runCli(['observe', 'nope.json'], { disk: false })).stderr).toMatch(/no such file/);
    expect((await obs({ 'm.json': GOOD }, ['--shards', '0'])).stderr).toMatch(/--shards takes the stream's shard count/);
    expect((await obs({ 'm.json': GOOD }, ['--shards', 'x'])).code).toBe(2);
  });

  it('more than one stream', async () => {
    const r = await obs({
      'm.json': getMetricData([
        { id: 'a', label: 'alpha IncomingRecords', times: T.slice(0, 5), values: [1, 2, 3, 4, 5] },
        { id: 'b', label: 'beta IncomingRecords', times: T.slice(0, 5), values: [1, 2, 3, 4, 5] },
      ]),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/more than one stream: `alpha`, `beta`/);
  });
});

describe('warnings that say what was ignored (exit 0)', () => {
  it('gaps: counted, the longest named, figures over the periods present', async () => {
    const keep = T.map((_, i) => i).filter((i) => i < 100 || i >= 130);
    const doc = getMetricData([
      { id: 'r', label: 'IncomingRecords', times: keep.map((i) => T[i]!), values: keep.map((i) => truth.records[i]!) },
      { id: 'b', label: 'IncomingBytes', times: keep.map((i) => T[i]!), values: keep.map((i) => truth.bytes[i]!) },
    ]);
    const r = await obs({ 'm.json': doc });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/30 of 1440 periods have no data point \(longest gap 30 min\)/);
  });

  it('duplicate points with the same value (overlapping pages): counted once', async () => {
    const r = await obs({ 'a.json': GOOD, 'b.json': GOOD });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1440 data point\(s\) appear twice with the same value/);
    const one = await obs({ 'a.json': GOOD });
    expect(r.stdout.split('\n').find((l) => l.startsWith('records_per_second'))).toBe(one.stdout.split('\n').find((l) => l.startsWith('records_per_second')));
  });

  it('other time zones: converted to UTC, same figures, said so', async () => {
    const shifted = GOOD.replace(/"(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):00\+00:00"/g, (_, d: string, h: string, m: string) => {
      const t = Date.parse(`${d}T${h}:${m}:00Z`) + 3_600_000;
      return `"${new Date(t).toISOString().slice(0, 16)}:00+01:00"`;
    });
    expect(shifted).not.toBe(GOOD);
    const a = observe([{ file: 'a', bytes: new TextEncoder().encode(GOOD) }]);
    const b = observe([{ file: 'b', bytes: new TextEncoder().encode(shifted) }]);
    expect(b.derived.stream!.dailyCurve.value).toEqual(a.derived.stream!.dailyCurve.value);
    expect(b.derived.stream!.peakRecordsPerSecond.atMs).toBe(a.derived.stream!.peakRecordsPerSecond.atMs);
    expect(b.warnings.some((w) => /UTC offset other than \+00:00 .*converted to UTC/.test(w.message))).toBe(true);
  });

  it('StatusCode PartialData without a later page', async () => {
    const doc = JSON.parse(GOOD) as { MetricDataResults: Record<string, unknown>[] };
    doc.MetricDataResults[0]!.StatusCode = 'PartialData';
    const r = await obs({ 'm.json': JSON.stringify(doc, null, 2) });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/m\.json:\d+:\d+: warning: MetricDataResults\[0\]\.StatusCode: .*PartialData and no later page/);
  });

  it('PartialData followed by the next page: no warning', async () => {
    const doc = JSON.parse(small(40)) as { MetricDataResults: Record<string, unknown>[] };
    const page2 = JSON.parse(small(40)) as { MetricDataResults: Record<string, unknown>[] };
    doc.MetricDataResults[0]!.StatusCode = 'PartialData';
    const r = observe([
      { file: 'p1', bytes: new TextEncoder().encode(JSON.stringify(doc)) },
      { file: 'p2', bytes: new TextEncoder().encode(JSON.stringify(page2)) },
    ]);
    expect(r.warnings.some((w) => /PartialData/.test(w.message))).toBe(false);
  });

  it('an unknown label: ignored, with a hint', async () => {
    const doc = JSON.parse(GOOD) as { MetricDataResults: Record<string, unknown>[] };
    doc.MetricDataResults.push({ Id: 'x', Label: 'IncommingRecords', Timestamps: [], Values: [], StatusCode: 'Complete' });
    const r = await obs({ 'm.json': JSON.stringify(doc, null, 2) });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/warning: MetricDataResults\[5\]\.Label: ignored the series labelled `IncommingRecords`/);
    expect(r.stdout).toMatch(/did you mean `IncomingRecords`/);
  });

  it('InternalError status, a non-Sum count, CloudWatch Messages', async () => {
    const doc = JSON.parse(GOOD) as { MetricDataResults: Record<string, unknown>[]; Messages: unknown[] };
    doc.MetricDataResults.push({ Id: 'x', Label: 'IteratorAge GetRecords.IteratorAgeMilliseconds', Timestamps: [], Values: [], StatusCode: 'InternalError' });
    doc.MetricDataResults.push({ Id: 'y', Label: 'IncomingBytes Average', Timestamps: [cliTime(T[0]!)], Values: [5], StatusCode: 'Complete' });
    doc.Messages.push({ Code: 'MaxMetricsExceeded', Value: 'too many' });
    const r = await obs({ 'm.json': JSON.stringify(doc, null, 2) });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/StatusCode is the string "InternalError"/);
    expect(r.stdout).toMatch(/IncomingBytes is read as Sum per period, this series is Average/);
    expect(r.stdout).toMatch(/CloudWatch says: MaxMetricsExceeded too many/);
  });

  it('fewer than 24 hours: no daily curve, said so; still a valid profile', async () => {
    const r = await obs({ 'm.json': small(600) });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/only 10 hours of data: no daily curve/);
    expect(r.stdout).not.toMatch(/^ {2}daily_curve:/m);
  });
});

describe('never a crash', () => {
  const base = small(90);
  it('random byte edits of a valid export end in a result or a UsageError', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(base.length - 1), fc.constantFrom('"', ',', '-', '1', 'x', '}', ']', '[', ' ', 'e', '0', 'null')), { minLength: 1, maxLength: 6 }),
        (edits) => {
          let text = base;
          for (const [at, ch] of edits) text = text.slice(0, at) + ch + text.slice(at + 1);
          try {
            observe([{ file: 'f', bytes: new TextEncoder().encode(text) }], { shards: 2 });
          } catch (err) {
            if (!(err instanceof UsageError)) throw err;
            for (const i of err.issues) expect(i.message.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: runs(400) },
    );
  });

  it('arbitrary JSON values in place of the export', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => {
        for (const doc of [
          v,
          { MetricDataResults: v },
          { MetricDataResults: [v] },
          { Label: 'IncomingRecords', Datapoints: v },
          { MetricDataResults: [{ Label: 'IncomingRecords', Timestamps: v, Values: v }] },
        ]) {
          try {
            observe([{ file: 'f', bytes: new TextEncoder().encode(JSON.stringify(doc) ?? 'null') }]);
          } catch (err) {
            if (!(err instanceof UsageError)) throw err;
          }
        }
      }),
      { numRuns: runs(400) },
    );
  });
});
