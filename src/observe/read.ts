// Reading CloudWatch metrics files: the JSON `aws cloudwatch get-metric-data` and
// `get-metric-statistics` print, several files merged (pages, one file per metric). Every byte is
// hostile: anything that cannot be read is a located issue (file:line:col and JSON path), never a
// crash; what is only doubtful (a partial page, a time zone, a duplicate page) is a warning that
// says what was done with it. Pure: bytes in, series and issues out.

import type { Issue, IssueCode } from '../errors.js';
import { didYouMean } from '../errors.js';
import { formatJsonPath, positionOfPath, syntaxErrorPosition } from './json-locate.js';
import { METRIC_NAMES, describeRef, isCountMetric, parseLabel, refKey, type MetricRef, type Statistic } from './labels.js';
import { formatUtc, parseTimestamp } from './timestamp.js';

export interface MetricsInput {
  /** The file name as the user gave it (or `<stdin>`). */
  file: string;
  bytes: Uint8Array;
}

/** One metric over time, every page and file merged, oldest first. */
export interface Series {
  key: string;
  ref: MetricRef;
  statistic: Statistic;
  /** Seconds per data point (inferred from the spacing of the timestamps); null with a single point. */
  periodSeconds: number | null;
  /** Start of each period, ms since the epoch (UTC), strictly increasing. */
  times: Float64Array;
  values: Float64Array;
  /** Files it came from. */
  files: string[];
}

export interface ReadResult {
  series: Series[];
  issues: Issue[];
}

type JsonPath = (string | number)[];

/** One series as found in one file (one MetricDataResults entry or one get-metric-statistics file). */
interface Part {
  file: string;
  path: JsonPath;
  /** Where the i-th point's timestamp sits. */
  pointPath: (i: number) => JsonPath;
  ref: MetricRef;
  statistic: Statistic;
  times: Float64Array;
  values: Float64Array;
  partial: boolean;
}

/** Errors reported per file before the rest are summed up in one line. */
const MAX_ERRORS_PER_FILE = 12;

class FileReader {
  readonly issues: Issue[] = [];
  readonly parts: Part[] = [];
  private errors = 0;
  private suppressed = 0;
  private offsetCount = 0;
  private offsetExample = '';
  private noZoneCount = 0;
  private noZoneExample = '';

  constructor(
    readonly file: string,
    readonly text: string,
  ) {}

  error(code: IssueCode, path: JsonPath, message: string, extra: Partial<Issue> = {}): void {
    if (this.errors >= MAX_ERRORS_PER_FILE) {
      this.suppressed++;
      return;
    }
    this.errors++;
    this.issues.push({ code, severity: 'error', file: this.file, position: positionOfPath(this.text, path), path: formatJsonPath(path) || undefined, message, ...extra });
  }

  warn(code: IssueCode, path: JsonPath | null, message: string, extra: Partial<Issue> = {}): void {
    this.issues.push({
      code,
      severity: 'warning',
      file: this.file,
      ...(path ? { position: positionOfPath(this.text, path), path: formatJsonPath(path) || undefined } : {}),
      message,
      ...extra,
    });
  }

  get failed(): boolean {
    return this.errors > 0;
  }

  finish(): void {
    if (this.suppressed > 0) {
      this.issues.push({ code: 'bad-metrics', severity: 'error', file: this.file, message: `${this.suppressed} more error(s) of the same kind in this file are not shown` });
    }
    if (this.offsetCount > 0) {
      this.warn(
        'bad-metrics',
        null,
        `${this.offsetCount} timestamp(s) carry a UTC offset other than +00:00 (e.g. \`${this.offsetExample}\`); converted to UTC, which the daily curve uses`,
      );
    }
    if (this.noZoneCount > 0) {
      this.warn('bad-metrics', null, `${this.noZoneCount} timestamp(s) carry no time zone (e.g. \`${this.noZoneExample}\`); read as UTC`, {
        hint: 'the AWS CLI prints timestamps with an offset; check how the file was made',
      });
    }
  }

  /** Reads a timestamp; counts zones for the summary warning. The path is built only on error. */
  timestamp(v: unknown, base: JsonPath, a: string | number, b: string | number): number | undefined {
    const t = parseTimestamp(v);
    if (t === undefined) {
      this.error('wrong-type', [...base, a, b], 'not a timestamp', { expected: 'an ISO 8601 time such as 2026-11-30T10:00:00+00:00, or epoch seconds', found: describeJson(v) });
      return undefined;
    }
    if (t.offsetMinutes === null) {
      if (this.noZoneCount++ === 0) this.noZoneExample = String(v);
    } else if (t.offsetMinutes !== 0) {
      if (this.offsetCount++ === 0) this.offsetExample = String(v);
    }
    return t.ms;
  }

  /** A data point's value: a finite number ≥ 0. */
  value(v: unknown, base: JsonPath, key: string | number, k?: number): number | undefined {
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v;
    const path = k === undefined ? [...base, key] : [...base, key, k];
    if (typeof v === 'number') {
      this.error('out-of-range', path, 'a metric value below zero', { expected: 'a number ≥ 0', found: String(v) });
    } else {
      this.error('wrong-type', path, 'a metric value must be a number', { expected: 'a number', found: describeJson(v) });
    }
    return undefined;
  }
}

/** A short description of a JSON value for messages. */
function describeJson(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return String(v);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Resolves what a label names; warns and returns undefined for labels kplan does not read. */
function labelRef(r: FileReader, label: unknown, path: JsonPath, fallback?: unknown): MetricRef | undefined {
  const text = typeof label === 'string' ? label : typeof fallback === 'string' ? fallback : undefined;
  if (text === undefined) {
    r.error('wrong-type', path, 'a series needs a Label (the CLI prints the metric name there)', { expected: 'a string', found: describeJson(label) });
    return undefined;
  }
  const ref = parseLabel(text);
  if (ref === undefined) {
    const first = text.split(/[\s:,|=]+/).find((t) => t.length > 0) ?? text;
    const hint = didYouMean(first, METRIC_NAMES) ?? 'labels name a metric: see docs/observe.md for the forms kplan reads';
    r.warn('bad-metrics', path, `ignored the series labelled \`${text}\`: not a metric kplan reads`, { hint });
  }
  return ref;
}

/** The statistic of a series: the label's, else Sum for counts and Maximum for ages. */
function statisticOf(ref: MetricRef): Statistic {
  return ref.statistic ?? (isCountMetric(ref.metric) ? 'Sum' : 'Maximum');
}

function readGetMetricData(r: FileReader, doc: Record<string, unknown>): void {
  const results = doc.MetricDataResults;
  if (!Array.isArray(results)) {
    r.error('wrong-type', ['MetricDataResults'], 'MetricDataResults must be a list', { found: describeJson(results) });
    return;
  }
  if (Array.isArray(doc.Messages)) {
    doc.Messages.forEach((m, i) => {
      if (isObject(m)) r.warn('bad-metrics', ['Messages', i], `CloudWatch says: ${String(m.Code ?? '')} ${String(m.Value ?? '')}`.trim());
    });
  }
  results.forEach((entry, i) => {
    const path: JsonPath = ['MetricDataResults', i];
    if (!isObject(entry)) {
      r.error('wrong-type', path, 'each MetricDataResults entry must be an object', { expected: '{Id, Label, Timestamps, Values, StatusCode}', found: describeJson(entry) });
      return;
    }
    const ref = labelRef(r, entry.Label, [...path, 'Label'], entry.Id);
    const status = entry.StatusCode;
    if (status !== undefined && status !== 'Complete' && status !== 'PartialData') {
      r.warn('bad-metrics', [...path, 'StatusCode'], `ignored the series \`${String(entry.Label ?? entry.Id)}\`: StatusCode is ${describeJson(status)}`, {
        hint: 'CloudWatch could not return it (InternalError, Forbidden): fetch it again',
      });
      return;
    }
    const ts = entry.Timestamps;
    const vs = entry.Values;
    if (!Array.isArray(ts)) return r.error('wrong-type', [...path, 'Timestamps'], 'Timestamps must be a list', { found: describeJson(ts) });
    if (!Array.isArray(vs)) return r.error('wrong-type', [...path, 'Values'], 'Values must be a list', { found: describeJson(vs) });
    if (ts.length !== vs.length) {
      return r.error('inconsistent', [...path, 'Values'], `Timestamps has ${ts.length} entries but Values has ${vs.length}`, {
        hint: 'each value belongs to the timestamp at the same index; the file was cut or edited',
      });
    }
    if (ref === undefined) return;
    const statistic = statisticOf(ref);
    if (isCountMetric(ref.metric) && statistic !== 'Sum') {
      r.warn('bad-metrics', [...path, 'Label'], `ignored \`${String(entry.Label)}\`: ${ref.metric} is read as Sum per period, this series is ${statistic}`, {
        hint: 'query the Sum statistic',
      });
      return;
    }
    const n = ts.length;
    const times = new Float64Array(n);
    const values = new Float64Array(n);
    let ok = true;
    for (let k = 0; k < n; k++) {
      const t = r.timestamp(ts[k], path, 'Timestamps', k);
      const v = r.value(vs[k], path, 'Values', k);
      if (t === undefined || v === undefined) ok = false;
      else {
        times[k] = t;
        values[k] = v;
      }
    }
    if (!ok) return;
    r.parts.push({ file: r.file, path, pointPath: (k) => [...path, 'Timestamps', k], ref, statistic, times, values, partial: status === 'PartialData' });
  });
}

const STAT_KEYS: readonly Statistic[] = ['Sum', 'Maximum', 'Average', 'Minimum', 'SampleCount'];

function readGetMetricStatistics(r: FileReader, doc: Record<string, unknown>): void {
  const points = doc.Datapoints;
  if (!Array.isArray(points)) {
    r.error('wrong-type', ['Datapoints'], 'Datapoints must be a list', { found: describeJson(points) });
    return;
  }
  const ref = labelRef(r, doc.Label, ['Label']);
  if (ref === undefined) return;
  // The statistic: the label's, else the first of Sum, Maximum, … the first data point carries.
  const first = points.find(isObject);
  let statistic: Statistic = ref.statistic ?? (isCountMetric(ref.metric) ? 'Sum' : 'Maximum');
  if (ref.statistic === null && first && !(statistic in first)) {
    statistic = STAT_KEYS.find((s) => s in first) ?? statistic;
  }
  if (isCountMetric(ref.metric) && statistic !== 'Sum') {
    r.warn('bad-metrics', ['Datapoints'], `ignored \`${String(doc.Label)}\`: ${ref.metric} is read as Sum per period, these data points carry ${statistic}`, {
      hint: 'run get-metric-statistics with --statistics Sum',
    });
    return;
  }
  const n = points.length;
  const times = new Float64Array(n);
  const values = new Float64Array(n);
  let ok = true;
  for (let k = 0; k < n; k++) {
    const p = points[k];
    const path = ['Datapoints', k];
    if (!isObject(p)) {
      r.error('wrong-type', path, 'each data point must be an object', { expected: '{Timestamp, Sum, Unit}', found: describeJson(p) });
      ok = false;
      continue;
    }
    if (!(statistic in p)) {
      r.error('missing-key', path, `the data point has no ${statistic}`, { expected: `${statistic} in every data point` });
      ok = false;
      continue;
    }
    const t = r.timestamp(p.Timestamp, ['Datapoints'], k, 'Timestamp');
    const v = r.value(p[statistic], path, statistic);
    if (t === undefined || v === undefined) ok = false;
    else {
      times[k] = t;
      values[k] = v;
    }
  }
  if (!ok) return;
  r.parts.push({ file: r.file, path: [], pointPath: (k) => ['Datapoints', k, 'Timestamp'], ref, statistic, times, values, partial: false });
}

/** Reads one file into parts; issues go to the reader. */
function readFile(input: MetricsInput): FileReader {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(input.bytes);
  } catch {
    const r = new FileReader(input.file, '');
    r.issues.push({ code: 'not-utf8', severity: 'error', file: input.file, message: 'the file is not UTF-8 text', hint: 'pass the JSON the AWS CLI prints (--output json)' });
    return r;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const r = new FileReader(input.file, text);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const position = syntaxErrorPosition(text, message);
    r.issues.push({
      code: 'json-syntax',
      severity: 'error',
      file: input.file,
      ...(position ? { position } : {}),
      message: `not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, '').replace(/^Unexpected token/, 'unexpected token')}`,
      hint: 'run the aws command with --output json and save its whole output',
    });
    return r;
  }
  if (isObject(doc) && 'MetricDataResults' in doc) readGetMetricData(r, doc);
  else if (isObject(doc) && 'Datapoints' in doc) readGetMetricStatistics(r, doc);
  else {
    const found = isObject(doc)
      ? `an object with keys ${
          Object.keys(doc)
            .slice(0, 5)
            .map((k) => `\`${k}\``)
            .join(', ') || '(none)'
        }`
      : describeJson(doc);
    r.error('bad-metrics', [], 'not CloudWatch metrics output', {
      expected: '{"MetricDataResults": […]} (get-metric-data) or {"Label": …, "Datapoints": […]} (get-metric-statistics)',
      found,
    });
  }
  r.finish();
  return r;
}

/** Orders a part's points by time (the CLI prints get-metric-data newest first). */
function sortIndex(times: Float64Array): Uint32Array {
  const idx = new Uint32Array(times.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  let sorted = true;
  for (let i = 1; i < times.length; i++) if (times[i]! < times[i - 1]!) sorted = false;
  if (sorted) return idx;
  let reversed = true;
  for (let i = 1; i < times.length; i++) if (times[i]! > times[i - 1]!) reversed = false;
  if (reversed) return idx.reverse();
  return idx.sort((a, b) => times[a]! - times[b]!);
}

/** The period of a series from the spacing of its points; issues for spacing that mixes periods. */
function inferPeriod(times: Float64Array, located: (i: number) => Partial<Issue>, name: string, issues: Issue[]): number | null | undefined {
  if (times.length < 2) return null;
  // Runs of equal steps are counted at once: a regular series is one run.
  const counts = new Map<number, number>();
  let runStep = times[1]! - times[0]!;
  let runLength = 0;
  for (let i = 1; i < times.length; i++) {
    const d = times[i]! - times[i - 1]!;
    if (d === runStep) runLength++;
    else {
      counts.set(runStep, (counts.get(runStep) ?? 0) + runLength);
      runStep = d;
      runLength = 1;
    }
  }
  counts.set(runStep, (counts.get(runStep) ?? 0) + runLength);
  let mode = 0;
  let best = -1;
  for (const [d, c] of counts) if (c > best || (c === best && d < mode)) [mode, best] = [d, c];
  if (mode % 60_000 !== 0) {
    issues.push({ code: 'bad-metrics', severity: 'error', ...located(1), message: `${name}: points are ${mode / 1000} s apart; kplan reads periods of whole minutes` });
    return undefined;
  }
  // A run of three or more equal steps longer than the period is a second, coarser period (CloudWatch
  // keeps 1-minute data for 15 days, then 5-minute data), not a gap.
  let run = 0;
  for (let i = 1; i < times.length; i++) {
    const d = times[i]! - times[i - 1]!;
    if (d % mode !== 0) {
      issues.push({
        code: 'bad-metrics',
        severity: 'error',
        ...located(i),
        message: `${name}: mixed periods: a point ${d / 1000} s after the previous one in a series of ${mode / 1000} s periods`,
      });
      return undefined;
    }
    run = d > mode && d === times[i - 1]! - (times[i - 2] ?? Number.NaN) ? run + 1 : d > mode ? 1 : 0;
    if (run >= 3) {
      issues.push({
        code: 'bad-metrics',
        severity: 'error',
        ...located(i),
        message: `${name}: mixed periods: points every ${d / 1000} s in a series of ${mode / 1000} s periods`,
        hint: 'query one period for the whole window (1-minute data reaches back 15 days), or pass the two windows separately',
      });
      return undefined;
    }
  }
  return mode / 1000;
}

/** Merges the parts of one series: sorts, drops repeated points, checks the period. */
function mergeParts(parts: Part[], texts: Map<string, string>, issues: Issue[]): Series | undefined {
  const first = parts[0]!;
  const name = describeRef(first.ref, first.statistic);
  const total = parts.reduce((s, p) => s + p.times.length, 0);
  const allT = new Float64Array(total);
  const allV = new Float64Array(total);
  const origin = new Uint32Array(total);
  const originPart = new Uint16Array(total);
  let o = 0;
  parts.forEach((p, pi) => {
    const idx = sortIndex(p.times);
    for (let q = 0; q < idx.length; q++) {
      const k = idx[q]!;
      allT[o] = p.times[k]!;
      allV[o] = p.values[k]!;
      origin[o] = k;
      originPart[o] = pi;
      o++;
    }
  });
  const order = new Uint32Array(total);
  for (let i = 0; i < total; i++) order[i] = i;
  if (parts.length > 1) order.sort((a, b) => allT[a]! - allT[b]! || a - b);
  const located = (j: number): Partial<Issue> => {
    const part = parts[originPart[j]!]!;
    const path = part.pointPath(origin[j]!);
    return { file: part.file, position: positionOfPath(texts.get(part.file) ?? '', path), path: formatJsonPath(path) };
  };
  const times = new Float64Array(total);
  const values = new Float64Array(total);
  const keptAt = new Uint32Array(total);
  let kept = 0;
  let repeated = 0;
  for (let oi = 0; oi < total; oi++) {
    const j = order[oi]!;
    const t = allT[j]!;
    const v = allV[j]!;
    if (kept > 0 && times[kept - 1] === t) {
      const prev = values[kept - 1]!;
      if (prev === v) {
        repeated++;
        continue;
      }
      const before = located(keptAt[kept - 1]!);
      issues.push({
        code: 'inconsistent',
        severity: 'error',
        ...located(j),
        message: `${name}: two different values for ${formatUtc(t)}: ${v} here and ${prev} at ${before.file}:${before.position?.line}:${before.position?.col}`,
        hint: 'the files overlap with different data (another stream, statistic or period?)',
      });
      return undefined;
    }
    times[kept] = t;
    values[kept] = v;
    keptAt[kept] = j;
    kept++;
  }
  if (repeated > 0) {
    issues.push({
      code: 'bad-metrics',
      severity: 'warning',
      file: first.file,
      message: `${name}: ${repeated} data point(s) appear twice with the same value (overlapping pages or files); each is counted once`,
    });
  }
  const t64 = times.slice(0, kept);
  const period = inferPeriod(t64, (i) => located(keptAt[i]!), name, issues);
  if (period === undefined) return undefined;
  return {
    key: refKey(first.ref, first.statistic),
    ref: first.ref,
    statistic: first.statistic,
    periodSeconds: period,
    times: t64,
    values: values.slice(0, kept),
    files: [...new Set(parts.map((p) => p.file))],
  };
}

/** Reads and merges every metrics file. */
export function readMetrics(inputs: readonly MetricsInput[]): ReadResult {
  const issues: Issue[] = [];
  const texts = new Map<string, string>();
  const groups = new Map<string, Part[]>();
  for (const input of inputs) {
    const r = readFile(input);
    issues.push(...r.issues);
    texts.set(input.file, r.text);
    if (r.failed) continue;
    for (const p of r.parts) {
      const key = refKey(p.ref, p.statistic);
      const g = groups.get(key);
      if (g) g.push(p);
      else groups.set(key, [p]);
    }
  }
  const series: Series[] = [];
  for (const parts of groups.values()) {
    if (parts.every((p) => p.partial)) {
      const p = parts[0]!;
      issues.push({
        code: 'bad-metrics',
        severity: 'warning',
        file: p.file,
        position: positionOfPath(texts.get(p.file) ?? '', [...p.path, 'StatusCode']),
        path: formatJsonPath([...p.path, 'StatusCode']),
        message: `${describeRef(p.ref, p.statistic)}: StatusCode PartialData and no later page: the series may stop short of the window`,
        hint: 'CloudWatch returned a NextToken: fetch the remaining pages (the AWS CLI does so unless --no-paginate or --max-items) and pass them too',
      });
    }
    const s = mergeParts(parts, texts, issues);
    if (s && s.times.length > 0) series.push(s);
  }
  series.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { series, issues };
}
