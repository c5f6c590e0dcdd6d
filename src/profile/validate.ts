// The located tree → the normalised Profile (src/profile/types.ts), with defaults applied.
// Every problem becomes an Issue with file, line:col, key path, expected and found; all of them
// are collected in one pass so the user fixes the profile in one round.

import { didYouMean } from '../errors.js';
import type { Issue, IssueCode, SourcePosition } from '../errors.js';
import { DEFAULT_COMPRESSION_RATIO, DESTINATION_LIMITS, FORMAT_CONVERSION_DEFAULT_BUFFER_BYTES, FORMAT_CONVERSION_MIN_BUFFER_BYTES } from '../aws/firehose-destinations.js';
import { formatBytes, formatSeconds, parseDurationText, parseSizeText, formatGrouped, formatLarge, MIB } from '../units.js';
import {
  AGGREGATIONS,
  BUDGET_NAMES,
  BUDGET_THRESHOLD_KEYS,
  BUDGETS,
  ADVANTAGE_OTHER_TRAFFIC_KEYS,
  BURSTINESS_KEYS,
  BURSTINESS_LEVELS,
  COMPRESSIONS,
  CONSUMER_KEYS,
  CONSUMER_TYPES,
  DEFAULTS,
  DESTINATIONS,
  DYNAMIC_PARTITIONING_KEYS,
  FIREHOSE_KEYS,
  KPL_BILLING_BASES,
  FIREHOSE_SOURCES,
  FORMAT_CONVERSIONS,
  HISTOGRAM_BUCKET_KEYS,
  LIMITS,
  PRODUCER_KEYS,
  RECORD_SIZE_AVG_P99_KEYS,
  STREAM_KEYS,
  STREAM_MODES,
  TOP_KEYS,
  TRAFFIC_KEYS,
  VPC_KEYS,
  TRANSFORM_KEYS,
  TRANSFORM_PER_MIB_KEYS,
  S3_KEYS,
  S3_TRANSITION_KEYS,
  LAMBDA_ARCHITECTURE_WORDS,
  STORAGE_CLASS_WORDS,
} from './keys.js';
import {
  BASE64_EXPANSION,
  defaultTransformBufferBytes,
  LAMBDA_MAX_MEMORY_BYTES,
  LAMBDA_MAX_TIMEOUT_SECONDS,
  LAMBDA_MIN_MEMORY_BYTES,
  TRANSFORM_DEFAULT_BUFFER_INTERVAL_SECONDS,
  TRANSFORM_MAX_BUFFER_BYTES,
  TRANSFORM_MAX_BUFFER_INTERVAL_SECONDS,
  TRANSFORM_MAX_RUN_SECONDS,
  TRANSFORM_MIN_BUFFER_BYTES,
  TRANSFORM_MIN_BUFFER_INTERVAL_SECONDS,
  TRANSFORM_PAYLOAD_LIMIT_BYTES,
} from '../aws/lambda-transform.js';
import { MIN_DAYS_BEFORE_IA_TRANSITION, STORAGE_CLASSES } from '../aws/s3-storage.js';
import type { KeyTable } from './keys.js';
import { joinPath } from './located.js';
import type { LEntry, LMap, LNode, Src } from './located.js';
import { discretiseLognormal, lognormalSigma, MAX_P99_RATIO } from './lognormal.js';
import type {
  Budget,
  BudgetName,
  Burstiness,
  Compression,
  Consumer,
  FirehoseConfig,
  FirehoseDestination,
  KplBillingBasis,
  LambdaArchitecture,
  PartitionKeys,
  S3Config,
  StorageClass,
  TransformConfig,
  Producer,
  Profile,
  RecordSizeDistribution,
  StreamConfig,
  StreamModeOrNone,
  Traffic,
} from './types.js';

type Extra = Partial<Pick<Issue, 'expected' | 'found' | 'hint'>>;

class Ctx {
  readonly issues: Issue[] = [];
  readonly warnings: Profile['warnings'] = [];
  readonly positions: Record<string, SourcePosition> = Object.create(null) as Record<string, SourcePosition>;
  errorCount = 0;

  report(code: IssueCode, severity: 'error' | 'warning', src: Src, path: string, message: string, extra: Extra = {}): void {
    const issue: Issue = { code, severity, file: src.file, message };
    if (src.position !== undefined) issue.position = src.position;
    if (path !== '') issue.path = path;
    if (extra.expected !== undefined) issue.expected = extra.expected;
    if (extra.found !== undefined) issue.found = extra.found;
    if (extra.hint !== undefined) issue.hint = extra.hint;
    if (src.flag !== undefined) {
      // The value came from the command line: name the flag, there is no line to point at.
      issue.file = '--set';
      issue.message = `${message} (from --set ${src.flag})`;
      issue.found = issue.found === undefined ? `--set ${src.flag}` : `${issue.found} (--set ${src.flag})`;
    }
    this.issues.push(issue);
    if (severity === 'error') this.errorCount++;
    else this.warnings.push(path === '' ? { code, message: issue.message } : { code, message: issue.message, path });
  }
  error(code: IssueCode, src: Src, path: string, message: string, extra: Extra = {}): void {
    this.report(code, 'error', src, path, message, extra);
  }
  warn(code: IssueCode, src: Src, path: string, message: string, extra: Extra = {}): void {
    this.report(code, 'warning', src, path, message, extra);
  }
}

// ---- describing values ----

function fmtNum(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (n === Infinity) return '.inf';
  if (n === -Infinity) return '-.inf';
  if (Number.isSafeInteger(n)) return formatGrouped(n);
  if (Math.abs(n) >= 1e15 || (Math.abs(n) < 1e-4 && n !== 0)) return formatLarge(n);
  return String(n);
}

function describe(node: LNode): string {
  if (node.kind === 'map') return 'a mapping';
  if (node.kind === 'seq') return `a list of ${node.items.length}`;
  const v = node.value;
  if (v === null) return 'nothing (an empty value)';
  if (typeof v === 'number') return fmtNum(v);
  if (typeof v === 'boolean') return String(v);
  const s = v.length > 60 ? `${v.slice(0, 57)}...` : v;
  return JSON.stringify(s);
}

function oneOf(values: readonly string[]): string {
  return values.map((v) => `\`${v}\``).join(', ');
}

// ---- mappings ----

class MapView {
  constructor(
    readonly ctx: Ctx,
    readonly node: LMap,
    readonly path: string,
    readonly table: KeyTable,
    /** Where the mapping is named (its key, or the list item): missing keys point here. */
    readonly owner: Src,
  ) {
    for (const [key, entry] of node.entries) {
      const p = joinPath(path, key);
      if (!Object.prototype.hasOwnProperty.call(table, key)) {
        const known = Object.keys(table);
        const hint = didYouMean(key, known) ?? `allowed here: ${oneOf(known)}`;
        ctx.error('unknown-key', entry.keySrc, p, `unknown key \`${key}\``, { found: key, hint });
        continue;
      }
      if (entry.keySrc.position !== undefined && entry.keySrc.flag === undefined) ctx.positions[p] = entry.keySrc.position;
    }
  }

  entry(key: string): LEntry | undefined {
    return Object.prototype.hasOwnProperty.call(this.table, key) ? this.node.entries.get(key) : undefined;
  }
  has(key: string): boolean {
    return this.entry(key) !== undefined;
  }
  at(key: string): string {
    return joinPath(this.path, key);
  }
  /**
   * The mapping under `key` as a view of its own, named by its key: undefined when the key is
   * absent or null, or (with an issue) when its value is not a mapping (`shape` says what is).
   */
  sub(key: string, table: KeyTable, shape: string): MapView | undefined {
    const e = this.entry(key);
    if (e === undefined || isNull(e.value)) return undefined;
    const path = this.at(key);
    const map = asMap(this.ctx, e.value, path, shape);
    return map === undefined ? undefined : new MapView(this.ctx, map, path, table, e.keySrc);
  }
  /** A required key; undefined (with an issue) when absent or invalid. */
  required<T>(key: string, read: (n: LNode, p: string) => T | undefined, expected: string): T | undefined {
    const e = this.entry(key);
    if (e === undefined) {
      this.ctx.error('missing-key', this.owner, this.at(key), `the required key \`${key}\` is missing`, { expected });
      return undefined;
    }
    return read(e.value, this.at(key));
  }
  /** An optional key: the default when absent, undefined (with an issue) when invalid. */
  optional<T>(key: string, read: (n: LNode, p: string) => T | undefined, dflt: T): T | undefined {
    const e = this.entry(key);
    if (e === undefined) return dflt;
    return read(e.value, this.at(key));
  }
  /** Src of a key's value, or of the mapping when the key is absent. */
  srcOf(key: string): Src {
    return this.entry(key)?.value.src ?? this.owner;
  }
}

function asMap(ctx: Ctx, node: LNode, path: string, expected: string): LMap | undefined {
  if (node.kind === 'map') return node;
  ctx.error('wrong-type', node.src, path, 'expected a mapping', { expected, found: describe(node) });
  return undefined;
}

// ---- scalars ----

interface NumOpts {
  min?: number;
  minExclusive?: boolean;
  max?: number;
  maxExclusive?: boolean;
  integer?: boolean;
  /** The max only catches absurd input: name it only when it is exceeded. */
  sanityMax?: boolean;
}

function rangeText(o: NumOpts, showSanityMax = false): string {
  const noun = o.integer ? 'an integer' : 'a number';
  // ±Number.MAX_VALUE means "no bound": never print 1.7976931348623157e+308.
  const min = o.min !== undefined && o.min > -1e300 ? o.min : undefined;
  const max = (o.sanityMax && !showSanityMax) || o.max === undefined || o.max >= 1e300 ? undefined : o.max;
  if (min !== undefined && max !== undefined) {
    if (o.integer) return `${noun} from ${fmtNum(min)} to ${fmtNum(max)}`;
    return `${noun} in ${o.minExclusive ? '(' : '['}${fmtNum(min)}, ${fmtNum(max)}${o.maxExclusive ? ')' : ']'}`;
  }
  if (min !== undefined) return `${noun} ${o.minExclusive ? '>' : '≥'} ${fmtNum(min)}`;
  if (max !== undefined) return `${noun} ${o.maxExclusive ? '<' : '≤'} ${fmtNum(max)}`;
  return noun;
}

function inRange(n: number, o: NumOpts): boolean {
  if (o.min !== undefined && (o.minExclusive ? !(n > o.min) : !(n >= o.min))) return false;
  if (o.max !== undefined && (o.maxExclusive ? !(n < o.max) : !(n <= o.max))) return false;
  return true;
}

function readNumber(ctx: Ctx, node: LNode, path: string, o: NumOpts): number | undefined {
  // Built only for a message: most numbers are valid, and the text costs more than the check.
  const expected = () => rangeText(o);
  if (node.kind !== 'scalar' || typeof node.value !== 'number') {
    const numeric = node.kind === 'scalar' && typeof node.value === 'string' && node.value.trim() !== '' && Number.isFinite(Number(node.value));
    ctx.error('wrong-type', node.src, path, `expected ${o.integer ? 'an integer' : 'a number'}`, {
      expected: expected(),
      found: describe(node),
      ...(numeric ? { hint: 'write the number without quotes' } : {}),
    });
    return undefined;
  }
  const n = node.value;
  if (!Number.isFinite(n)) {
    ctx.error('not-finite', node.src, path, 'the number must be finite', { expected: expected(), found: describe(node) });
    return undefined;
  }
  if (o.integer && !Number.isInteger(n)) {
    ctx.error('wrong-type', node.src, path, 'expected a whole number', { expected: expected(), found: describe(node) });
    return undefined;
  }
  if (!inRange(n, o)) {
    ctx.error('out-of-range', node.src, path, 'the number is out of range', { expected: rangeText(o, true), found: describe(node) });
    return undefined;
  }
  return n;
}

interface QtyOpts {
  min: number;
  minExclusive?: boolean;
  max: number;
  /** Overrides the range wording (e.g. a destination's range); a function is called only for a message. */
  expected?: string | (() => string);
  hint?: string;
}

const SIZE_UNITS = ['B', 'KB', 'KiB', 'MB', 'MiB', 'GB', 'GiB'];
const DURATION_UNITS = ['ms', 's', 'm', 'h', 'd'];

function expectedText(o: QtyOpts): string | undefined {
  return typeof o.expected === 'function' ? o.expected() : o.expected;
}
function sizeRangeText(o: QtyOpts): string {
  return expectedText(o) ?? `a size ${o.minExclusive ? 'above' : 'from'} ${formatBytes(o.min)} ${o.minExclusive ? 'up ' : ''}to ${formatBytes(o.max)}`;
}
function durationRangeText(o: QtyOpts): string {
  return expectedText(o) ?? `a duration ${o.minExclusive ? 'above' : 'from'} ${formatSeconds(o.min)} ${o.minExclusive ? 'up ' : ''}to ${formatSeconds(o.max)}`;
}

function readQuantity(ctx: Ctx, node: LNode, path: string, o: QtyOpts, kind: 'size' | 'duration'): number | undefined {
  const isSize = kind === 'size';
  // Message texts are built only for a message: most values are valid.
  const expected = () => (isSize ? sizeRangeText(o) : durationRangeText(o));
  const example = isSize ? 'a size such as `1 KiB`, `5MiB` or `2048` (bytes)' : 'a duration such as `100ms`, `60s`, `24h`, `7d` or `90` (seconds)';
  const fmt = isSize ? formatBytes : formatSeconds;
  let value = Number.NaN;
  let withValue = false;
  const found = () => (withValue ? `${describe(node)} (${fmt(value)})` : describe(node));
  if (node.kind === 'scalar' && typeof node.value === 'number') {
    value = node.value;
    if (!Number.isFinite(value)) {
      ctx.error('not-finite', node.src, path, `the ${kind} must be finite`, { expected: expected(), found: found() });
      return undefined;
    }
  } else if (node.kind === 'scalar' && typeof node.value === 'string') {
    const text = node.value;
    const parsed = isSize ? parseSizeText(text) : parseDurationText(text);
    if (parsed === undefined) {
      const unit = /^\s*[0-9.eE+-]*\s*([a-zA-Z]+)\s*$/.exec(text)?.[1];
      let hint: string | undefined;
      if (/^\s*-/.test(text)) hint = `a ${kind} cannot be negative`;
      else if (unit !== undefined) {
        // Units are case-sensitive (`m` is minutes, `M` nothing): a unit that differs only in case is the suggestion.
        const units = isSize ? SIZE_UNITS : DURATION_UNITS;
        const sameLetters = units.filter((u) => u.toLowerCase() === unit.toLowerCase());
        hint =
          sameLetters.length > 0
            ? `did you mean ${sameLetters.map((u) => `\`${u}\``).join(' or ')}? (units are case-sensitive: ${units.join(', ')})`
            : (didYouMean(unit, units) ?? `units: ${units.join(', ')}`);
      }
      ctx.error(isSize ? 'bad-size' : 'bad-duration', node.src, path, `cannot read ${JSON.stringify(text)} as a ${kind}`, {
        expected: example,
        found: found(),
        ...(hint !== undefined ? { hint } : {}),
      });
      return undefined;
    }
    value = parsed;
    withValue = Number.isFinite(value);
  } else {
    ctx.error('wrong-type', node.src, path, `expected a ${kind}`, { expected: example, found: found() });
    return undefined;
  }
  if (!Number.isFinite(value) || value < o.min || (o.minExclusive && value === o.min) || value > o.max) {
    ctx.error('out-of-range', node.src, path, `the ${kind} is out of range`, { expected: expected(), found: found(), ...(o.hint !== undefined ? { hint: o.hint } : {}) });
    return undefined;
  }
  return value;
}

const readSize = (ctx: Ctx, node: LNode, path: string, o: QtyOpts): number | undefined => readQuantity(ctx, node, path, o, 'size');
const readDuration = (ctx: Ctx, node: LNode, path: string, o: QtyOpts): number | undefined => readQuantity(ctx, node, path, o, 'duration');

function readEnum<T extends string>(ctx: Ctx, node: LNode, path: string, values: readonly T[]): T | undefined {
  const expected = () => `one of ${oneOf(values)}`;
  if (node.kind !== 'scalar' || typeof node.value !== 'string') {
    ctx.error('wrong-type', node.src, path, 'expected a word', { expected: expected(), found: describe(node) });
    return undefined;
  }
  const v = node.value;
  if ((values as readonly string[]).includes(v)) return v as T;
  const hint = didYouMean(v, values);
  ctx.error('bad-enum', node.src, path, `\`${v}\` is not an allowed value`, { expected: expected(), found: describe(node), ...(hint !== undefined ? { hint } : {}) });
  return undefined;
}

function readBool(ctx: Ctx, node: LNode, path: string): boolean | undefined {
  if (node.kind === 'scalar' && typeof node.value === 'boolean') return node.value;
  const hint = node.kind === 'scalar' && typeof node.value === 'string' ? 'write `true` or `false` without quotes' : undefined;
  ctx.error('wrong-type', node.src, path, 'expected true or false', { expected: '`true` or `false`', found: describe(node), ...(hint ? { hint } : {}) });
  return undefined;
}

function readName(ctx: Ctx, node: LNode, path: string): string | undefined {
  if (node.kind === 'scalar' && typeof node.value === 'string' && node.value.trim() !== '') return node.value;
  const quote = node.kind === 'scalar' && (typeof node.value === 'number' || typeof node.value === 'boolean');
  ctx.error('wrong-type', node.src, path, 'expected a non-empty name', {
    expected: 'a non-empty string',
    found: describe(node),
    ...(quote ? { hint: 'put the name in quotes' } : {}),
  });
  return undefined;
}

// ---- traffic ----

const RECORD_SIZE_EXPECTED = 'a size, `{average, p99}`, or a list of `{size, share}`';
const RECORD_OPTS: QtyOpts = { min: 0, minExclusive: true, max: LIMITS.maxRecordBytes, hint: 'a Kinesis record holds at most 10 MiB' };

function readRecordSize(ctx: Ctx, node: LNode, path: string): RecordSizeDistribution | undefined {
  const before = ctx.errorCount;
  let dist: RecordSizeDistribution | undefined;
  if (node.kind === 'scalar') {
    if (node.value === null || typeof node.value === 'boolean') {
      ctx.error('wrong-type', node.src, path, 'expected a record size', { expected: RECORD_SIZE_EXPECTED, found: describe(node) });
      return undefined;
    }
    const bytes = readSize(ctx, node, path, RECORD_OPTS);
    if (bytes === undefined) return undefined;
    dist = fixed(bytes);
  } else if (node.kind === 'map') {
    const m = new MapView(ctx, node, path, RECORD_SIZE_AVG_P99_KEYS, node.src);
    const avg = m.required('average', (n, p) => readSize(ctx, n, p, RECORD_OPTS), 'the mean record size');
    const p99 = m.required('p99', (n, p) => readSize(ctx, n, p, RECORD_OPTS), 'the 99th-percentile record size');
    if (avg === undefined || p99 === undefined || ctx.errorCount > before) return undefined;
    const p99Src = m.srcOf('p99');
    if (p99 < avg) {
      ctx.error('inconsistent', p99Src, m.at('p99'), 'the p99 record size is below the average', {
        expected: `a p99 ≥ the average (${formatBytes(avg)})`,
        found: formatBytes(p99),
      });
      return undefined;
    }
    if (p99 === avg) {
      dist = fixed(avg);
    } else {
      const sigma = lognormalSigma(avg, p99);
      if (sigma === undefined || p99 / avg > MAX_P99_RATIO) {
        ctx.error('inconsistent', p99Src, m.at('p99'), 'no lognormal has this average and p99', {
          expected: `a p99 at most ${MAX_P99_RATIO.toFixed(2)} × the average (${formatBytes(avg * MAX_P99_RATIO)})`,
          found: `${formatBytes(p99)} (${(p99 / avg).toFixed(2)} × the average)`,
          hint: 'sizes this skewed are better given as a histogram: a list of `{size, share}`',
        });
        return undefined;
      }
      dist = { kind: 'average-p99', buckets: discretiseLognormal(avg, sigma), averageBytes: avg };
    }
  } else {
    dist = readHistogram(ctx, node, path);
    if (dist === undefined) return undefined;
  }
  const largest = Math.max(...dist.buckets.map((b) => b.bytes));
  if (dist.kind === 'average-p99' && largest > LIMITS.maxRecordBytes) {
    ctx.warn('out-of-range', node.src, path, `the largest 2% of records average ${formatBytes(largest)} in the fitted lognormal, above the 10 MiB record limit`, {
      hint: 'give a histogram to bound the largest records',
    });
  } else if (largest > LIMITS.defaultMaxRecordBytes) {
    ctx.warn('out-of-range', node.src, path, `records up to ${formatBytes(largest)} exceed the default 1 MiB maximum record size`, {
      hint: 'raise the stream maximum with UpdateMaxRecordSize (up to 10 MiB)',
    });
  }
  return dist;
}

function fixed(bytes: number): RecordSizeDistribution {
  return { kind: 'fixed', buckets: [{ bytes, share: 1 }], averageBytes: bytes };
}

function readHistogram(ctx: Ctx, node: LNode, path: string): RecordSizeDistribution | undefined {
  if (node.kind !== 'seq') return undefined;
  const before = ctx.errorCount;
  if (node.items.length === 0 || node.items.length > LIMITS.maxHistogramBuckets) {
    ctx.error('out-of-range', node.src, path, 'a record-size histogram needs at least one bucket', {
      expected: `1 to ${fmtNum(LIMITS.maxHistogramBuckets)} buckets \`{size, share}\``,
      found: describe(node),
    });
    return undefined;
  }
  const bySize = new Map<number, number>();
  let total = 0;
  node.items.forEach((item, i) => {
    const p = joinPath(path, i);
    const map = asMap(ctx, item, p, 'a bucket `{size, share}`');
    if (map === undefined) return;
    const m = new MapView(ctx, map, p, HISTOGRAM_BUCKET_KEYS, item.src);
    const size = m.required('size', (n, q) => readSize(ctx, n, q, RECORD_OPTS), 'a record size');
    const share = m.required('share', (n, q) => readNumber(ctx, n, q, { min: 0, minExclusive: true, max: 1 }), 'a share in (0, 1]');
    if (size === undefined || share === undefined) return;
    bySize.set(size, (bySize.get(size) ?? 0) + share);
    total += share;
  });
  if (ctx.errorCount > before) return undefined;
  if (Math.abs(total - 1) > 0.001) {
    ctx.error('inconsistent', node.src, path, 'the histogram shares do not sum to 1', {
      expected: 'shares summing to 1 (± 0.001)',
      found: `a sum of ${Number(total.toFixed(6))}`,
    });
    return undefined;
  }
  const buckets = [...bySize.entries()].sort((a, b) => a[0] - b[0]).map(([bytes, share]) => ({ bytes, share: share / total }));
  const averageBytes = buckets.reduce((s, b) => s + b.bytes * b.share, 0);
  return { kind: 'histogram', buckets, averageBytes };
}

function readPartitionKeys(ctx: Ctx, node: LNode, path: string): PartitionKeys | undefined {
  const expected = '`random`, a whole number of keys ≥ 1, or a list of key strings';
  if (node.kind === 'scalar' && node.value === 'random') return { kind: 'random' };
  if (node.kind === 'scalar' && typeof node.value === 'number') {
    const n = readNumber(ctx, node, path, { min: 1, integer: true, max: Number.MAX_SAFE_INTEGER });
    return n === undefined ? undefined : { kind: 'count', count: n };
  }
  if (node.kind === 'scalar' && typeof node.value === 'string') {
    const hint = didYouMean(node.value, ['random']);
    ctx.error('bad-enum', node.src, path, `\`${node.value}\` is not a partition-key setting`, { expected, found: describe(node), ...(hint ? { hint } : {}) });
    return undefined;
  }
  if (node.kind === 'seq') {
    if (node.items.length === 0 || node.items.length > LIMITS.maxPartitionKeyList) {
      ctx.error('out-of-range', node.src, path, 'the list of partition keys has the wrong length', {
        expected: `1 to ${fmtNum(LIMITS.maxPartitionKeyList)} keys`,
        found: describe(node),
      });
      return undefined;
    }
    const keys: string[] = [];
    let ok = true;
    node.items.forEach((item, i) => {
      // A UTF-16 length of 1 … 256 is 1 … 256 characters: the path and the count only for the rest.
      if (item.kind === 'scalar' && typeof item.value === 'string' && item.value.length >= 1 && item.value.length <= LIMITS.maxPartitionKeyChars) {
        keys.push(item.value);
        return;
      }
      const p = joinPath(path, i);
      if (item.kind !== 'scalar' || typeof item.value !== 'string') {
        ok = false;
        const scalar = item.kind === 'scalar' && item.value !== null;
        ctx.error('wrong-type', item.src, p, 'a partition key must be a string', {
          expected: 'a string of 1–256 characters',
          found: describe(item),
          ...(scalar ? { hint: 'put the key in quotes' } : {}),
        });
        return;
      }
      const chars = [...item.value].length;
      if (chars < 1 || chars > LIMITS.maxPartitionKeyChars) {
        ok = false;
        ctx.error('out-of-range', item.src, p, 'a partition key is 1 to 256 characters', {
          expected: 'a string of 1–256 characters',
          found: `${chars} characters`,
        });
        return;
      }
      keys.push(item.value);
    });
    return ok ? { kind: 'list', keys } : undefined;
  }
  ctx.error('wrong-type', node.src, path, 'expected partition keys', { expected, found: describe(node) });
  return undefined;
}

function readBurstiness(ctx: Ctx, node: LNode, path: string): Burstiness | undefined {
  const levels = Object.keys(BURSTINESS_LEVELS) as (keyof typeof BURSTINESS_LEVELS)[];
  if (node.kind === 'map') {
    const m = new MapView(ctx, node, path, BURSTINESS_KEYS, node.src);
    // Below k = 0.1 a second is almost always empty or a flood: a stream that is off most of the
    // time, better described by a daily curve; the tail sums also grow without bound.
    const k = m.required('dispersion', (n, p) => readNumber(ctx, n, p, { min: LIMITS.minDispersion }), 'the negative-binomial shape k ≥ 0.1');
    return k === undefined ? undefined : { level: 'custom', dispersion: k };
  }
  if (node.kind === 'scalar' && typeof node.value === 'string') {
    const level = readEnum(ctx, node, path, levels);
    return level === undefined ? undefined : { level, dispersion: BURSTINESS_LEVELS[level] };
  }
  ctx.error('wrong-type', node.src, path, 'expected a burstiness level', {
    expected: `one of ${oneOf(levels)}, or \`{dispersion: k}\``,
    found: describe(node),
  });
  return undefined;
}

function readDailyCurve(ctx: Ctx, node: LNode, path: string): number[] | null | undefined {
  if (node.kind === 'scalar' && node.value === null) return null;
  if (node.kind !== 'seq' || node.items.length !== 24) {
    ctx.error('wrong-type', node.src, path, 'expected 24 hourly multipliers', { expected: 'a list of 24 numbers ≥ 0 (UTC hours 0–23)', found: describe(node) });
    return undefined;
  }
  const values: number[] = [];
  const before = ctx.errorCount;
  node.items.forEach((item, i) => {
    const v = readNumber(ctx, item, joinPath(path, i), { min: 0, max: 24 });
    if (v !== undefined) values.push(v);
  });
  if (ctx.errorCount > before) return undefined;
  const mean = values.reduce((s, v) => s + v, 0) / 24;
  if (Math.abs(mean - 1) > 0.01) {
    ctx.error('inconsistent', node.src, path, 'the daily curve must average 1', {
      expected: 'a mean of 1 (± 1%): the multipliers scale the average rate',
      found: `a mean of ${Number(mean.toFixed(4))}`,
      hint: mean > 0 ? `divide each value by ${Number(mean.toFixed(4))}` : undefined,
    });
    return undefined;
  }
  // Scale away the allowed 1% so the curve keeps the average rate exactly.
  return values.map((v) => v / mean);
}

function readTraffic(ctx: Ctx, node: LNode, path: string, owner: Src): Traffic | undefined {
  const map = asMap(ctx, node, path, 'a mapping with `records_per_second` and `record_size`');
  if (map === undefined) return undefined;
  const before = ctx.errorCount;
  const m = new MapView(ctx, map, path, TRAFFIC_KEYS, owner);
  const rate: NumOpts = { min: 0, minExclusive: true, max: LIMITS.maxRecordsPerSecond, sanityMax: true };
  const rps = m.required('records_per_second', (n, p) => readNumber(ctx, n, p, rate), 'average records per second, a number > 0');
  let peak = m.optional('peak_records_per_second', (n, p) => readNumber(ctx, n, p, rate), undefined as number | undefined);
  const peakDefaulted = !m.has('peak_records_per_second');
  const peakWindow = m.optional('peak_window', (n, p) => readDuration(ctx, n, p, { min: 0, minExclusive: true, max: LIMITS.maxPeakWindowSeconds }), DEFAULTS.peakWindowSeconds);
  const recordSize = m.required('record_size', (n, p) => readRecordSize(ctx, n, p), RECORD_SIZE_EXPECTED);
  const keyBytes = m.optional(
    'partition_key_size',
    (n, p) => readSize(ctx, n, p, { min: LIMITS.minPartitionKeyBytes, max: LIMITS.maxPartitionKeyBytes, expected: 'a size from 1 B to 256 B' }),
    DEFAULTS.partitionKeyBytes,
  );
  const keys = m.optional('partition_keys', (n, p) => readPartitionKeys(ctx, n, p), { kind: 'random' } as PartitionKeys);
  const skew = m.optional('key_skew', (n, p) => readNumber(ctx, n, p, { min: 0, max: LIMITS.maxKeySkew, sanityMax: true }), DEFAULTS.keySkew);
  const burst = m.optional('burstiness', (n, p) => readBurstiness(ctx, n, p), {
    level: DEFAULTS.burstiness,
    dispersion: BURSTINESS_LEVELS[DEFAULTS.burstiness],
  } as Burstiness);
  const curve = m.optional('daily_curve', (n, p) => readDailyCurve(ctx, n, p), null as number[] | null);

  if (rps !== undefined && peak !== undefined && peak < rps) {
    ctx.error('inconsistent', m.srcOf('peak_records_per_second'), m.at('peak_records_per_second'), 'the peak rate is below the average rate', {
      expected: `a peak ≥ records_per_second (${fmtNum(rps)})`,
      found: fmtNum(peak),
    });
  }
  if (peakDefaulted && rps !== undefined) {
    peak = rps;
    ctx.warn('missing-key', owner, m.at('peak_records_per_second'), 'no peak rate given: sizing for the average rate as the peak', {
      hint: 'set `peak_records_per_second` (the highest 1-minute rate) to leave room for peaks',
    });
  }
  if (ctx.errorCount > before || rps === undefined || peak === undefined || recordSize === undefined) return undefined;
  return {
    recordsPerSecond: rps,
    peakRecordsPerSecond: peak,
    peakDefaulted,
    peakWindowSeconds: peakWindow as number,
    recordSize,
    partitionKeyBytes: keyBytes as number,
    partitionKeys: keys as PartitionKeys,
    keySkew: skew as number,
    burstiness: burst as Burstiness,
    dailyCurve: curve ?? null,
  };
}

// ---- producer, stream ----

function readProducer(ctx: Ctx, entry: LEntry | undefined): Producer {
  const out: Producer = {
    aggregation: DEFAULTS.aggregation,
    aggregationMaxSizeBytes: DEFAULTS.aggregationMaxSizeBytes,
    producers: DEFAULTS.producers,
    bufferTimeSeconds: DEFAULTS.bufferTimeSeconds,
  };
  if (entry === undefined || isNull(entry.value)) return out;
  const map = asMap(ctx, entry.value, 'producer', 'a mapping such as `{aggregation: kpl}`');
  if (map === undefined) return out;
  const m = new MapView(ctx, map, 'producer', PRODUCER_KEYS, entry.keySrc);
  out.aggregation = m.optional('aggregation', (n, p) => readEnum(ctx, n, p, AGGREGATIONS), out.aggregation) ?? out.aggregation;
  out.aggregationMaxSizeBytes =
    m.optional('aggregation_max_size', (n, p) => readSize(ctx, n, p, { min: 0, minExclusive: true, max: LIMITS.maxAggregationBytes }), out.aggregationMaxSizeBytes) ??
    out.aggregationMaxSizeBytes;
  out.producers = m.optional('producers', (n, p) => readNumber(ctx, n, p, { min: 1, max: LIMITS.maxProducers, integer: true, sanityMax: true }), out.producers) ?? out.producers;
  out.bufferTimeSeconds =
    m.optional('buffer_time', (n, p) => readDuration(ctx, n, p, { min: 0, max: LIMITS.maxBufferTimeSeconds }), out.bufferTimeSeconds) ?? out.bufferTimeSeconds;
  return out;
}

function shardQuota(regions: readonly string[]): number {
  if (regions.includes('all')) return LIMITS.shardQuotaSmall;
  return Math.min(...regions.map((r) => (LIMITS.shardQuotaLargeRegions.includes(r) ? LIMITS.shardQuotaLarge : LIMITS.shardQuotaSmall)));
}

// Longer than 80 lines because the keys of `stream` are read in profile order with the checks that tie
// them together (shards and mode, the Regions' shard quota, max_throttle_rate and burstiness, previous_peak and mode).
function readStream(ctx: Ctx, entry: LEntry | undefined, regions: readonly string[], traffic?: Traffic): StreamConfig {
  const out: StreamConfig = {
    mode: DEFAULTS.mode,
    shards: null,
    retentionHours: DEFAULTS.retentionHours,
    targetUtilization: DEFAULTS.targetUtilization,
    maxThrottleRate: DEFAULTS.maxThrottleRate,
    previousPeakRecordsPerSecond: null,
    advantageOtherTraffic: { inBytesPerSecond: 0, outBytesPerSecond: 0 },
  };
  if (entry === undefined || isNull(entry.value)) return out;
  const map = asMap(ctx, entry.value, 'stream', 'a mapping such as `{mode: provisioned}`');
  if (map === undefined) return out;
  const m = new MapView(ctx, map, 'stream', STREAM_KEYS, entry.keySrc);
  const mode = m.optional('mode', (n, p) => readEnum<StreamModeOrNone>(ctx, n, p, STREAM_MODES), out.mode);
  if (mode !== undefined) out.mode = mode;

  const shardsEntry = m.entry('shards');
  if (shardsEntry !== undefined) {
    const n = shardsEntry.value;
    const p = m.at('shards');
    if (n.kind === 'scalar' && n.value === 'auto') {
      out.shards = null;
    } else if (n.kind === 'scalar' && typeof n.value === 'string') {
      const hint = didYouMean(n.value, ['auto']);
      ctx.error('bad-enum', n.src, p, `\`${n.value}\` is not a shard count`, { expected: '`auto` or an integer from 1 to 10,000', found: describe(n), ...(hint ? { hint } : {}) });
    } else {
      const count = readNumber(ctx, n, p, { min: 1, max: LIMITS.maxShards, integer: true });
      if (count !== undefined) {
        out.shards = count;
        if (mode !== undefined && mode !== 'provisioned') {
          ctx.error('inconsistent', n.src, p, `a shard count applies to provisioned streams only, not to mode \`${mode}\``, {
            expected: '`shards: auto`, or `mode: provisioned`',
            found: fmtNum(count),
            hint: mode === 'none' ? 'a stream with mode `none` has no shards' : 'AWS sizes on-demand streams itself',
          });
        } else {
          const quota = shardQuota(regions);
          if (count > quota) {
            ctx.warn('out-of-range', n.src, p, `${fmtNum(count)} shards exceed the default account quota of ${quota} shards in the region(s) priced`, {
              hint: 'request a Kinesis shard quota increase before creating the stream',
            });
          }
        }
      }
    }
  }

  const retention = m.optional(
    'retention',
    (n, p) =>
      readDuration(ctx, n, p, {
        min: LIMITS.minRetentionHours * 3600,
        max: LIMITS.maxRetentionHours * 3600,
        expected: 'a duration from 24h to 365d (8,760 h)',
      }),
    out.retentionHours * 3600,
  );
  if (retention !== undefined) {
    const hours = retention / 3600;
    if (Math.abs(hours - Math.round(hours)) > 1e-9) {
      ctx.error('out-of-range', m.srcOf('retention'), m.at('retention'), 'retention is set in whole hours', {
        expected: 'a whole number of hours from 24h to 365d',
        found: `${Number(hours.toFixed(4))} h`,
      });
    } else out.retentionHours = Math.round(hours);
  }
  out.targetUtilization = m.optional('target_utilization', (n, p) => readNumber(ctx, n, p, { min: 0, minExclusive: true, max: 1 }), out.targetUtilization) ?? out.targetUtilization;
  out.maxThrottleRate = m.optional('max_throttle_rate', (n, p) => readNumber(ctx, n, p, { min: 0, max: 1, maxExclusive: true }), out.maxThrottleRate) ?? out.maxThrottleRate;
  // Random per-second arrivals throttle some second at every shard count (a Poisson or
  // negative-binomial tail is never 0), so a target of 0 has no answer; steady arrivals can meet it.
  if (out.maxThrottleRate === 0 && traffic !== undefined && traffic.burstiness.level !== 'none' && traffic.peakWindowSeconds > 1) {
    ctx.error('out-of-range', m.srcOf('max_throttle_rate'), m.at('max_throttle_rate'), 'no shard count throttles 0 of the shard-seconds when arrivals vary per second', {
      expected: 'a rate in (0, 1) such as 1e-6, or `traffic.burstiness: none` for perfectly steady arrivals',
      found: '0',
      hint: `with burstiness \`${traffic.burstiness.level}\` every second has some chance of a burst above a shard's limit`,
    });
  }

  const prev = m.entry('previous_peak');
  if (prev !== undefined && !isNull(prev.value)) {
    const v = readNumber(ctx, prev.value, m.at('previous_peak'), { min: 0, max: LIMITS.maxRecordsPerSecond, sanityMax: true });
    if (v !== undefined) {
      out.previousPeakRecordsPerSecond = v;
      if (out.mode !== 'on-demand' && out.mode !== 'on-demand-advantage') {
        ctx.warn('inconsistent', prev.value.src, m.at('previous_peak'), `previous_peak only matters in on-demand modes; mode is \`${out.mode}\``, {
          hint: 'it is kept for the on-demand alternatives in the report',
        });
      }
    }
  }
  const other = readAdvantageOther(ctx, m, out.mode);
  if (other !== undefined) out.advantageOtherTraffic = other;
  return out;
}

/** `stream.advantage_other_traffic`: the account's other Advantage traffic, `{in, out}` per second. */
function readAdvantageOther(ctx: Ctx, m: MapView, mode: StreamModeOrNone): StreamConfig['advantageOtherTraffic'] | undefined {
  const o = m.sub('advantage_other_traffic', ADVANTAGE_OTHER_TRAFFIC_KEYS, '`{in: 20 MiB, out: 40 MiB}` (sizes per second)');
  if (o === undefined) return undefined;
  const opts: QtyOpts = { min: 0, max: LIMITS.maxSizeBytes, expected: 'a size per second from 0 B to 1,024 GiB, such as `20 MiB`' };
  const inBytes = o.optional('in', (n, p) => readSize(ctx, n, p, opts), 0);
  const outBytes = o.optional('out', (n, p) => readSize(ctx, n, p, opts), 0);
  if (inBytes === undefined || outBytes === undefined) return undefined;
  if (mode !== 'on-demand-advantage' && (inBytes > 0 || outBytes > 0)) {
    ctx.warn('inconsistent', o.owner, o.path, `advantage_other_traffic only matters with mode \`on-demand-advantage\`; mode is \`${mode}\``, {
      hint: 'it is kept for the on-demand Advantage alternative in the report',
    });
  }
  return { inBytesPerSecond: inBytes, outBytesPerSecond: outBytes };
}

// ---- consumers, firehose ----

interface NameSeen {
  path: string;
}

function checkName(ctx: Ctx, names: Map<string, NameSeen>, name: string | undefined, src: Src, path: string): void {
  if (name === undefined) return;
  const first = names.get(name);
  if (first !== undefined) {
    ctx.error('inconsistent', src, path, `the name \`${name}\` is already used by ${first.path}`, {
      expected: 'a name unique among consumers and delivery streams',
      found: JSON.stringify(name),
    });
    return;
  }
  names.set(name, { path: path.replace(/\.name$/, '') });
}

function listOf(ctx: Ctx, entry: LEntry | undefined, path: string, what: string): { node: LNode; index: number }[] {
  if (entry === undefined || isNull(entry.value)) return [];
  if (entry.value.kind !== 'seq') {
    ctx.error('wrong-type', entry.value.src, path, `expected a list of ${what}`, { expected: `a list (each item starting with \`- name: …\`)`, found: describe(entry.value) });
    return [];
  }
  return entry.value.items.map((node, index) => ({ node, index }));
}

function readConsumers(ctx: Ctx, entry: LEntry | undefined, names: Map<string, NameSeen>, mode: StreamModeOrNone): Consumer[] {
  const out: Consumer[] = [];
  const items = listOf(ctx, entry, 'consumers', 'consumers');
  if (items.length > 0 && mode === 'none' && entry !== undefined) {
    ctx.error('inconsistent', entry.keySrc, 'consumers', 'consumers read a Kinesis data stream, but `stream.mode` is `none`', {
      expected: 'no consumers with `stream.mode: none`',
      found: `${items.length} consumer(s)`,
      hint: 'set `stream.mode` to `provisioned` or `on-demand`, or remove the consumers',
    });
  }
  for (const { node, index } of items) {
    const path = joinPath('consumers', index);
    if (node.src.position !== undefined && node.src.flag === undefined) ctx.positions[path] = node.src.position;
    const map = asMap(ctx, node, path, 'a consumer `{name, type, …}`');
    if (map === undefined) continue;
    const m = new MapView(ctx, map, path, CONSUMER_KEYS, node.src);
    const name = m.required('name', (n, p) => readName(ctx, n, p), 'a name unique among consumers and delivery streams');
    checkName(ctx, names, name, m.srcOf('name'), m.at('name'));
    const type = m.required('type', (n, p) => readEnum(ctx, n, p, CONSUMER_TYPES), `one of ${oneOf(CONSUMER_TYPES)}`);
    const efo = m.optional('efo', (n, p) => readBool(ctx, n, p), DEFAULTS.efo) ?? false;
    let polls: number | undefined;
    if (m.has('polls_per_second')) {
      polls = readNumber(ctx, (m.entry('polls_per_second') as LEntry).value, m.at('polls_per_second'), {
        min: 0,
        minExclusive: true,
        max: LIMITS.maxPollsPerSecond,
        sanityMax: true,
      });
      if (efo && polls !== undefined) {
        ctx.warn('inconsistent', m.srcOf('polls_per_second'), m.at('polls_per_second'), 'polls_per_second is ignored for an enhanced fan-out consumer', {
          hint: 'EFO consumers get records pushed over SubscribeToShard and do not poll',
        });
      }
    } else if (type === 'custom' && !efo) {
      ctx.error('missing-key', node.src, m.at('polls_per_second'), 'a custom consumer needs `polls_per_second`', {
        expected: 'GetRecords calls per shard per second, a number > 0',
        hint: 'or set `efo: true` for an enhanced fan-out consumer',
      });
    } else if (type === 'lambda' || type === 'kcl') {
      polls = DEFAULTS.pollsPerSecond[type];
    }
    let catchUp: number | null = null;
    const cu = m.entry('catch_up');
    if (cu !== undefined && !isNull(cu.value)) {
      catchUp = readDuration(ctx, cu.value, m.at('catch_up'), { min: 0, minExclusive: true, max: LIMITS.maxCatchUpSeconds }) ?? null;
    }
    out.push({
      name: name ?? '',
      type: type ?? 'custom',
      efo,
      pollsPerSecond: efo ? 0 : (polls ?? 0),
      catchUpSeconds: catchUp,
    });
  }
  return out;
}

// About 100 lines: the keys of a delivery stream read in profile order with the checks that tie
// them together (source and stream mode, conversion and destination, the destination's ranges).
function readFirehoses(
  ctx: Ctx,
  entry: LEntry | undefined,
  names: Map<string, NameSeen>,
  mode: StreamModeOrNone,
  topTraffic: Traffic | undefined,
  aggregation: Producer['aggregation'],
): FirehoseConfig[] {
  const out: FirehoseConfig[] = [];
  for (const { node, index } of listOf(ctx, entry, 'firehose', 'delivery streams')) {
    const path = joinPath('firehose', index);
    if (node.src.position !== undefined && node.src.flag === undefined) ctx.positions[path] = node.src.position;
    const map = asMap(ctx, node, path, 'a delivery stream `{name, destination, …}`');
    if (map === undefined) continue;
    const before = ctx.errorCount;
    const m = new MapView(ctx, map, path, FIREHOSE_KEYS, node.src);
    const name = m.required('name', (n, p) => readName(ctx, n, p), 'a name unique among consumers and delivery streams');
    checkName(ctx, names, name, m.srcOf('name'), m.at('name'));
    const source = m.optional('source', (n, p) => readEnum(ctx, n, p, FIREHOSE_SOURCES), DEFAULTS.source);
    const destination = m.optional('destination', (n, p) => readEnum<FirehoseDestination>(ctx, n, p, DESTINATIONS), DEFAULTS.destination);
    const kplBilling = m.optional('kpl_billing', (n, p) => readEnum<KplBillingBasis>(ctx, n, p, KPL_BILLING_BASES), DEFAULTS.kplBilling);
    // The basis only decides anything for a stream of KPL-aggregated records: say so where it is set.
    if (m.has('kpl_billing') && kplBilling !== undefined && (source !== 'stream' || aggregation !== 'kpl')) {
      ctx.warn(
        'inconsistent',
        m.srcOf('kpl_billing'),
        m.at('kpl_billing'),
        source !== 'stream'
          ? 'kpl_billing has no effect on a `direct-put` delivery stream: it receives user records, each billed rounded up to 5 KB'
          : 'kpl_billing has no effect without `producer.aggregation: kpl`: every Kinesis record is one user record',
        { hint: 'remove `kpl_billing`, or set `producer.aggregation: kpl` with `source: stream`' },
      );
    }
    const compression = m.optional('compression', (n, p) => readEnum<Compression>(ctx, n, p, COMPRESSIONS), DEFAULTS.compression);
    const format = m.optional('format_conversion', (n, p) => readEnum(ctx, n, p, FORMAT_CONVERSIONS), DEFAULTS.formatConversion);

    if (source === 'stream' && mode === 'none') {
      ctx.error('inconsistent', m.srcOf('source'), m.at('source'), 'this delivery stream reads the Kinesis stream, but `stream.mode` is `none`', {
        expected: '`source: direct-put` with `stream.mode: none`',
        found: m.has('source') ? '`stream`' : '`stream` (the default)',
        hint: 'set `source: direct-put`, or give the stream a capacity mode',
      });
    }
    if (format !== undefined && format !== 'none' && destination !== undefined && destination !== 's3') {
      ctx.error('inconsistent', m.srcOf('format_conversion'), m.at('format_conversion'), `record format conversion is only available for S3 delivery, not \`${destination}\``, {
        expected: '`format_conversion: none`, or `destination: s3`',
        found: `\`${format}\``,
      });
    }

    const limits = DESTINATION_LIMITS[destination ?? 's3'];
    // Conversion on another destination is already an error; its 64 MiB floor would only add noise.
    const converting = format !== undefined && format !== 'none' && limits.destination === 's3';
    const minSize = converting ? Math.max(limits.minBufferSizeBytes, FORMAT_CONVERSION_MIN_BUFFER_BYTES) : limits.minBufferSizeBytes;
    const defaultSize = converting ? FORMAT_CONVERSION_DEFAULT_BUFFER_BYTES : limits.defaultBufferSizeBytes;
    const sizeExpected = (): string =>
      converting
        ? `a size from ${formatBytes(minSize)} to ${formatBytes(limits.maxBufferSizeBytes)} (record format conversion needs at least 64 MiB)`
        : `a size from ${formatBytes(limits.minBufferSizeBytes)} to ${formatBytes(limits.maxBufferSizeBytes)} for destination \`${limits.destination}\``;
    const bufferSize = m.optional('buffer_size', (n, p) => readSize(ctx, n, p, { min: minSize, max: limits.maxBufferSizeBytes, expected: sizeExpected }), defaultSize);
    const bufferInterval = m.optional(
      'buffer_interval',
      (n, p) =>
        readDuration(ctx, n, p, {
          min: limits.minBufferIntervalSeconds,
          max: limits.maxBufferIntervalSeconds,
          expected: () => `a duration from ${limits.minBufferIntervalSeconds}s to ${limits.maxBufferIntervalSeconds}s for destination \`${limits.destination}\``,
        }),
      limits.defaultBufferIntervalSeconds,
    );
    const ratio = m.optional('compression_ratio', (n, p) => readNumber(ctx, n, p, { min: 0, minExclusive: true, max: 1 }), DEFAULT_COMPRESSION_RATIO[compression ?? 'none']);

    const dynamic = readDynamicPartitioning(ctx, m, destination, bufferInterval, limits.destination);
    const vpc = readVpc(ctx, m, destination ?? 's3');

    let traffic: Traffic | null = null;
    const own = m.entry('traffic');
    if (source === 'stream' && own !== undefined) {
      ctx.error('inconsistent', own.keySrc, m.at('traffic'), "a delivery stream that reads the Kinesis stream takes the stream's traffic", {
        expected: 'no `traffic` with `source: stream`',
        found: 'a `traffic` mapping',
        hint: 'set `source: direct-put` for a delivery stream with traffic of its own',
      });
    } else if (source === 'direct-put') {
      if (own !== undefined) traffic = readTraffic(ctx, own.value, m.at('traffic'), own.keySrc) ?? null;
      else traffic = topTraffic ?? null;
    }

    const transform = readTransform(ctx, m, destination ?? 's3');
    const s3 = readS3(ctx, m, destination ?? 's3');

    if (ctx.errorCount > before) continue;
    out.push({
      name: name as string,
      source: source as FirehoseConfig['source'],
      kplBilling: kplBilling as KplBillingBasis,
      destination: destination as FirehoseDestination,
      bufferSizeBytes: bufferSize as number,
      bufferIntervalSeconds: bufferInterval as number,
      bufferSizeGiven: m.has('buffer_size'),
      bufferIntervalGiven: m.has('buffer_interval'),
      compression: compression as Compression,
      compressionRatio: ratio as number,
      formatConversion: format as FirehoseConfig['formatConversion'],
      dynamicPartitioning: dynamic,
      vpc,
      traffic,
      transform,
      s3,
    });
  }
  return out;
}

/** `dynamic_partitioning`: S3 only, and not with zero buffering. */
function readDynamicPartitioning(
  ctx: Ctx,
  m: MapView,
  destination: FirehoseDestination | undefined,
  bufferInterval: number | undefined,
  limitsDestination: FirehoseDestination,
): FirehoseConfig['dynamicPartitioning'] {
  let dynamic: FirehoseConfig['dynamicPartitioning'] = null;
  const dp = m.entry('dynamic_partitioning');
  if (dp !== undefined && !isNull(dp.value)) {
    const dpPath = m.at('dynamic_partitioning');
    const dpMap = asMap(ctx, dp.value, dpPath, '`{partitions: n, jq: true|false}`');
    if (dpMap !== undefined) {
      const d = new MapView(ctx, dpMap, dpPath, DYNAMIC_PARTITIONING_KEYS, dp.keySrc);
      const partitions = d.required(
        'partitions',
        (n, p) => readNumber(ctx, n, p, { min: 1, max: LIMITS.maxPartitions, integer: true, sanityMax: true }),
        'active partitions, an integer ≥ 1',
      );
      const jq = d.optional('jq', (n, p) => readBool(ctx, n, p), DEFAULTS.jq);
      if (partitions !== undefined && jq !== undefined) dynamic = { partitions, jq };
    }
    if (destination !== undefined && destination !== 's3') {
      ctx.error('inconsistent', dp.keySrc, dpPath, `dynamic partitioning is only available for S3 delivery, not \`${destination}\``, {
        expected: '`destination: s3`',
        found: `\`${destination}\``,
      });
    }
    if (bufferInterval === 0) {
      const given = m.has('buffer_interval');
      ctx.error(
        'inconsistent',
        given ? m.srcOf('buffer_interval') : dp.keySrc,
        given ? m.at('buffer_interval') : dpPath,
        'dynamic partitioning does not work with zero buffering',
        {
          expected: 'a buffer_interval of at least 60s with dynamic partitioning',
          found: given ? 'buffer_interval 0' : `the \`${limitsDestination}\` default buffer_interval of 0`,
          hint: 'set `buffer_interval` to 60s or more',
        },
      );
    }
  }
  return dynamic;
}

/** `vpc`: the subnets of VPC delivery. */
function readVpc(ctx: Ctx, m: MapView, destination: FirehoseDestination | undefined): FirehoseConfig['vpc'] {
  let vpc: FirehoseConfig['vpc'] = null;
  const vpcEntry = m.entry('vpc');
  if (vpcEntry !== undefined && !isNull(vpcEntry.value)) {
    const vPath = m.at('vpc');
    const vMap = asMap(ctx, vpcEntry.value, vPath, '`{subnets: n}`');
    if (vMap !== undefined) {
      const v = new MapView(ctx, vMap, vPath, VPC_KEYS, vpcEntry.keySrc);
      const subnets = v.required('subnets', (n, p) => readNumber(ctx, n, p, { min: 1, max: LIMITS.maxSubnets, integer: true }), 'subnets (AZs), an integer ≥ 1');
      if (subnets !== undefined) vpc = { subnets };
    }
    // Firehose delivers through a VPC only to a destination that lives in one (OpenSearch, Splunk,
    // HTTP, …); S3 is reached over AWS's network (https://docs.aws.amazon.com/firehose/latest/dev/controlling-access.html).
    if (destination === 's3') {
      ctx.error('inconsistent', vpcEntry.keySrc, vPath, 'VPC delivery is only for destinations that live in a VPC, not `s3`', {
        expected: 'no `vpc` with `destination: s3`',
        found: '`vpc` with `destination: s3`',
        hint: 'remove `vpc`, or set the destination that lives in your VPC (opensearch, splunk, http)',
      });
      vpc = null;
    }
  }
  return vpc;
}

// ---- firehose: transform, s3 ----

const SECONDS_PER_DAY = 86_400;

/** `transform`: the Lambda function and its buffer (https://docs.aws.amazon.com/firehose/latest/dev/data-transformation.html). */
function readTransform(ctx: Ctx, fh: MapView, destination: FirehoseDestination): TransformConfig | null {
  const t = fh.sub('transform', TRANSFORM_KEYS, '`{memory, duration, …}`');
  if (t === undefined) return null;
  const memory = t.required(
    'memory',
    (n, p) => readSize(ctx, n, p, { min: LAMBDA_MIN_MEMORY_BYTES, max: LAMBDA_MAX_MEMORY_BYTES, expected: 'a size from 128 MiB to 10 GiB (Lambda memory)' }),
    'the function memory, e.g. `128MB`',
  );
  const runMax = { min: 0, minExclusive: true, max: TRANSFORM_MAX_RUN_SECONDS, hint: 'Firehose waits at most 5 minutes for a transformation' };
  let perInvocation = 0;
  let perMiB = 0;
  let durationOk = false;
  const d = t.entry('duration');
  if (d === undefined) {
    ctx.error('missing-key', t.owner, t.at('duration'), 'the required key `duration` is missing', { expected: 'run time per invocation (e.g. `200ms`) or `{per_mib: 50ms}`' });
  } else if (d.value.kind === 'map') {
    const pm = new MapView(ctx, d.value, t.at('duration'), TRANSFORM_PER_MIB_KEYS, d.keySrc);
    const v = pm.required('per_mib', (n, p) => readDuration(ctx, n, p, { ...runMax, expected: 'a duration above 0 up to 5m per MiB' }), 'run time per MiB of input');
    if (v !== undefined) [perMiB, durationOk] = [v, true];
  } else {
    const v = readDuration(ctx, d.value, t.at('duration'), { ...runMax, expected: 'a duration above 0 up to 5m (Firehose waits at most 5 minutes)' });
    if (v !== undefined) [perInvocation, durationOk] = [v, true];
  }
  const timeoutEntry = t.entry('timeout');
  let timeout: number | null = null;
  if (timeoutEntry !== undefined && !isNull(timeoutEntry.value)) {
    timeout =
      readDuration(ctx, timeoutEntry.value, t.at('timeout'), {
        min: 0,
        minExclusive: true,
        max: LAMBDA_MAX_TIMEOUT_SECONDS,
        expected: "a duration above 0 up to 15m (Lambda's maximum)",
      }) ?? null;
  }
  if (durationOk && timeout !== null && perInvocation > timeout && d !== undefined) {
    ctx.error('inconsistent', d.value.src, t.at('duration'), `the run time ${formatSeconds(perInvocation)} is longer than the function's timeout of ${formatSeconds(timeout)}`, {
      expected: `a run time of at most the timeout (${formatSeconds(timeout)})`,
      found: formatSeconds(perInvocation),
      hint: `every invocation would time out; Firehose retries 3 times, then writes the batch to processing-failed/. Raise \`timeout\` above ${formatSeconds(perInvocation)} or make the function faster`,
    });
  }
  const defaultSize = defaultTransformBufferBytes(destination);
  const bufferSize = t.optional(
    'buffer_size',
    (n, p) => readSize(ctx, n, p, { min: TRANSFORM_MIN_BUFFER_BYTES, max: TRANSFORM_MAX_BUFFER_BYTES, expected: 'a size from 0.2 MiB to 3 MiB (the transform buffering hint)' }),
    defaultSize,
  );
  const bufferInterval = t.optional(
    'buffer_interval',
    (n, p) =>
      readDuration(ctx, n, p, {
        min: TRANSFORM_MIN_BUFFER_INTERVAL_SECONDS,
        max: TRANSFORM_MAX_BUFFER_INTERVAL_SECONDS,
        expected: 'a duration from 0s to 900s (the transform buffering hint)',
      }),
    TRANSFORM_DEFAULT_BUFFER_INTERVAL_SECONDS,
  );
  const architecture = t.optional('architecture', (n, p) => readEnum<LambdaArchitecture>(ctx, n, p, LAMBDA_ARCHITECTURE_WORDS), DEFAULTS.architecture);
  const outputRatio = t.optional('output_ratio', (n, p) => readNumber(ctx, n, p, { min: 0, minExclusive: true, max: LIMITS.maxOutputRatio }), DEFAULTS.outputRatio);
  if (bufferSize !== undefined && outputRatio !== undefined) checkTransformPayload(ctx, t, bufferSize, outputRatio);
  if (memory === undefined || !durationOk || bufferSize === undefined || bufferInterval === undefined || architecture === undefined || outputRatio === undefined) return null;
  return {
    memoryBytes: memory,
    durationSecondsPerInvocation: perInvocation,
    durationSecondsPerMiB: perMiB,
    timeoutSeconds: timeout,
    bufferSizeBytes: bufferSize,
    bufferIntervalSeconds: bufferInterval,
    bufferSizeGiven: t.has('buffer_size'),
    bufferIntervalGiven: t.has('buffer_interval'),
    architecture,
    outputRatio,
  };
}

/**
 * A full transform buffer goes to the function base64-encoded, and its output comes back the same
 * way: both must fit Lambda's 6 MB synchronous payload. A buffer hint that lets the response
 * overflow fails every full invocation, whatever the traffic, so it is an error here; how close a
 * given traffic comes is the model's warning.
 */
function checkTransformPayload(ctx: Ctx, t: MapView, bufferSize: number, outputRatio: number): void {
  const worst = bufferSize * BASE64_EXPANSION * Math.max(1, outputRatio);
  if (worst <= TRANSFORM_PAYLOAD_LIMIT_BYTES) return;
  const fits = Math.floor((TRANSFORM_PAYLOAD_LIMIT_BYTES / (BASE64_EXPANSION * Math.max(1, outputRatio)) / MIB) * 10) / 10;
  const blameRatio = t.has('output_ratio') && !t.has('buffer_size');
  const key = blameRatio ? 'output_ratio' : 'buffer_size';
  const hint =
    fits >= TRANSFORM_MIN_BUFFER_BYTES / MIB
      ? `set transform.buffer_size to ${fits} MiB or less (its output then stays under 6 MiB)`
      : 'even the smallest buffer (0.2 MiB) overflows at this output ratio: return less data from the function';
  ctx.error(
    'inconsistent',
    t.has(key) ? t.srcOf(key) : t.owner,
    t.at(key),
    `a full transform buffer of ${formatBytes(bufferSize)} returns ${formatBytes(worst)} base64-encoded (output ratio ${outputRatio}), above Lambda's 6 MiB synchronous payload limit`,
    {
      expected: 'a response of at most 6 MiB: buffer_size × output_ratio × 4/3 ≤ 6 MiB',
      found: `${formatBytes(bufferSize)} × ${outputRatio} × 4/3 = ${formatBytes(worst)}`,
      hint,
    },
  );
}

/** `s3`: retention, lifecycle transitions and reads of the delivered objects. */
function readS3(ctx: Ctx, fh: MapView, destination: FirehoseDestination): S3Config | null {
  const entry = fh.entry('s3');
  if (entry === undefined || isNull(entry.value)) return null;
  const path = fh.at('s3');
  if (destination !== 's3') {
    ctx.error('inconsistent', entry.keySrc, path, `\`s3\` describes objects of an S3 destination, not \`${destination}\``, {
      expected: '`destination: s3`',
      found: `\`${destination}\``,
    });
    return null;
  }
  const map = asMap(ctx, entry.value, path, '`{retention, transitions, get_requests_per_object}`');
  if (map === undefined) return null;
  const s = new MapView(ctx, map, path, S3_KEYS, entry.keySrc);
  const retention = s.required('retention', (n, p) => readRetention(ctx, n, p), 'a duration in whole days, or `forever`');
  const transitions = readTransitions(ctx, s, retention ?? null);
  const gets = s.optional('get_requests_per_object', (n, p) => readNumber(ctx, n, p, { min: 0, max: LIMITS.maxGetRequestsPerObject, sanityMax: true }), 0);
  if (retention === undefined || transitions === undefined || gets === undefined) return null;
  return { retentionSeconds: retention, transitions, getRequestsPerObject: gets };
}

/** A lifecycle age: whole days (S3 lifecycle rules count days). */
function readDays(ctx: Ctx, node: LNode, path: string, min: number, what: string): number | undefined {
  const v = readDuration(ctx, node, path, { min, max: LIMITS.maxS3RetentionSeconds, expected: `${what} in whole days, e.g. \`30d\`` });
  if (v === undefined) return undefined;
  if (!Number.isInteger(v / SECONDS_PER_DAY)) {
    ctx.error('out-of-range', node.src, path, 'S3 lifecycle rules count whole days', { expected: `${what} in whole days, e.g. \`30d\``, found: formatSeconds(v) });
    return undefined;
  }
  return v;
}

function readRetention(ctx: Ctx, node: LNode, path: string): number | null | undefined {
  if (node.kind === 'scalar' && node.value === 'forever') return null;
  return readDays(ctx, node, path, SECONDS_PER_DAY, 'a duration of at least 1 day');
}

/**
 * Transitions move down the lifecycle waterfall (Standard → Standard-IA → One Zone-IA → Glacier
 * Instant Retrieval → Glacier Flexible Retrieval → Deep Archive), each later than the one before;
 * Standard-IA and One Zone-IA take objects only after 30 days in their current class, and a
 * transition at or after the expiration never happens
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html).
 */
function readTransitions(ctx: Ctx, s: MapView, retention: number | null): S3Config['transitions'] | undefined {
  const list = listOf(ctx, s.entry('transitions'), s.at('transitions'), 'transitions');
  const out: S3Config['transitions'] = [];
  let ok = true;
  let prev: { at: number; cls: StorageClass } = { at: 0, cls: 'standard' };
  for (const { node, index } of list) {
    const p = joinPath(s.at('transitions'), index);
    const map = asMap(ctx, node, p, '`{after: 30d, class: standard-ia}`');
    if (map === undefined) {
      ok = false;
      continue;
    }
    const t = new MapView(ctx, map, p, S3_TRANSITION_KEYS, node.src);
    const after = t.required('after', (n, q) => readDays(ctx, n, q, 0, 'an object age'), 'an object age such as `30d`');
    const cls = t.required('class', (n, q) => readEnum<StorageClass>(ctx, n, q, STORAGE_CLASS_WORDS), `one of ${oneOf(STORAGE_CLASS_WORDS)}`);
    if (after === undefined || cls === undefined) {
      ok = false;
      continue;
    }
    const where = STORAGE_CLASSES.indexOf(cls);
    if (where <= STORAGE_CLASSES.indexOf(prev.cls)) {
      ctx.error('inconsistent', t.srcOf('class'), t.at('class'), `a lifecycle cannot move objects from \`${prev.cls}\` to \`${cls}\``, {
        expected: `a class after \`${prev.cls}\` in ${STORAGE_CLASSES.join(' → ')}`,
        found: `\`${cls}\``,
      });
      ok = false;
    } else if (out.length > 0 && after <= prev.at) {
      ctx.error('inconsistent', t.srcOf('after'), t.at('after'), 'each transition must come later than the one before', {
        expected: `an age above ${formatSeconds(prev.at)}`,
        found: formatSeconds(after),
      });
      ok = false;
    } else if ((cls === 'standard-ia' || cls === 'one-zone-ia') && after - prev.at < MIN_DAYS_BEFORE_IA_TRANSITION * SECONDS_PER_DAY) {
      ctx.error('out-of-range', t.srcOf('after'), t.at('after'), `S3 moves objects to \`${cls}\` only after 30 days in their current class`, {
        expected: `after of at least ${formatSeconds(prev.at + MIN_DAYS_BEFORE_IA_TRANSITION * SECONDS_PER_DAY)}`,
        found: formatSeconds(after),
      });
      ok = false;
    } else if (retention !== null && after >= retention) {
      ctx.error(
        'inconsistent',
        t.srcOf('after'),
        t.at('after'),
        `the lifecycle deletes objects at ${formatSeconds(retention)}, before this transition at ${formatSeconds(after)}`,
        {
          expected: `a transition earlier than the retention (${formatSeconds(retention)})`,
          found: formatSeconds(after),
          hint: 'lengthen `retention` or remove the transition',
        },
      );
      ok = false;
    }
    prev = { at: after, cls };
    out.push({ afterSeconds: after, storageClass: cls });
  }
  return ok ? out : undefined;
}

// ---- budgets ----

function readBudgets(ctx: Ctx, entry: LEntry | undefined): Budget[] {
  if (entry === undefined || isNull(entry.value)) return [];
  const map = asMap(ctx, entry.value, 'budgets', 'a mapping of budget name → threshold, e.g. `{monthly_usd: 500}`');
  if (map === undefined) return [];
  const out: Budget[] = [];
  for (const [key, e] of map.entries) {
    const path = joinPath('budgets', key);
    if (!(BUDGET_NAMES as string[]).includes(key)) {
      ctx.error('unknown-key', e.keySrc, path, `unknown budget \`${key}\``, { found: key, hint: didYouMean(key, BUDGET_NAMES) ?? `budgets: ${oneOf(BUDGET_NAMES)}` });
      continue;
    }
    if (e.keySrc.position !== undefined && e.keySrc.flag === undefined) ctx.positions[path] = e.keySrc.position;
    const name = key as BudgetName;
    const spec = BUDGETS[name];
    const range: NumOpts = spec.min === -Number.MAX_VALUE ? {} : { min: spec.min, max: spec.max, sanityMax: spec.max === Number.MAX_VALUE };
    let warn: number | null = null;
    let error: number | null = null;
    const v = e.value;
    if (v.kind === 'map') {
      const m = new MapView(ctx, v, path, BUDGET_THRESHOLD_KEYS, e.keySrc);
      const before = ctx.errorCount;
      if (m.has('warn')) warn = readNumber(ctx, (m.entry('warn') as LEntry).value, m.at('warn'), range) ?? null;
      if (m.has('error')) error = readNumber(ctx, (m.entry('error') as LEntry).value, m.at('error'), range) ?? null;
      if (!m.has('warn') && !m.has('error')) {
        ctx.error('missing-key', e.keySrc, path, `the budget \`${key}\` needs \`warn\` or \`error\``, { expected: '`{warn: n}`, `{error: n}` or both' });
      } else if (ctx.errorCount === before && warn !== null && error !== null && warn > error) {
        ctx.error('inconsistent', m.srcOf('warn'), m.at('warn'), 'the warn threshold is above the error threshold', {
          expected: `warn ≤ error (${fmtNum(error)})`,
          found: fmtNum(warn),
        });
      }
    } else if (v.kind === 'scalar' && typeof v.value === 'number') {
      error = readNumber(ctx, v, path, range) ?? null;
    } else {
      ctx.error('wrong-type', v.src, path, 'expected a budget threshold', { expected: 'a number (the error threshold) or `{warn, error}`', found: describe(v) });
      continue;
    }
    out.push({
      name,
      warn,
      error,
      position: e.keySrc.flag === undefined ? (e.keySrc.position ?? null) : null,
      origin: e.keySrc.flag === undefined ? 'budgets' : `--set ${e.keySrc.flag}`,
    });
  }
  return out;
}

// ---- top level ----

function readRegions(ctx: Ctx, m: MapView, regionCodes: readonly string[]): string[] {
  const single = m.entry('region');
  const multi = m.entry('regions');
  if (single !== undefined && multi !== undefined) {
    ctx.error('inconsistent', multi.keySrc, 'regions', 'give `region` or `regions`, not both', {
      expected: 'one of `region` and `regions`',
      found: 'both',
    });
    return [DEFAULTS.region];
  }
  const e = multi ?? single;
  if (e === undefined) return [DEFAULTS.region];
  const path = multi !== undefined ? 'regions' : 'region';
  const v = e.value;
  const expected = 'a region code such as `us-east-1`, `all`, or a list of region codes';
  let items: { node: LNode; path: string }[];
  if (v.kind === 'scalar' && typeof v.value === 'string') items = [{ node: v, path }];
  else if (v.kind === 'seq' && v.items.length > 0) items = v.items.map((node, i) => ({ node, path: joinPath(path, i) }));
  else {
    ctx.error('wrong-type', v.src, path, 'expected a region code or a non-empty list of them', { expected, found: describe(v) });
    return [DEFAULTS.region];
  }
  const out: string[] = [];
  for (const { node, path: p } of items) {
    if (node.kind !== 'scalar' || typeof node.value !== 'string') {
      ctx.error('wrong-type', node.src, p, 'expected a region code', { expected, found: describe(node) });
      continue;
    }
    const code = node.value;
    if (code !== 'all' && !regionCodes.includes(code)) {
      ctx.error('bad-region', node.src, p, `unknown region \`${code}\``, {
        expected: 'a region code in the price catalogue, or `all`',
        found: JSON.stringify(code),
        hint: didYouMean(code, [...regionCodes, 'all']) ?? `regions: ${regionCodes.join(', ')}`,
      });
      continue;
    }
    if (!out.includes(code)) out.push(code);
  }
  if (out.includes('all')) {
    if (out.length > 1) {
      ctx.error('inconsistent', v.src, path, '`all` already includes every region', { expected: '`all` alone, or a list of region codes', found: out.join(', ') });
    }
    return ['all'];
  }
  return out.length > 0 ? out : [DEFAULTS.region];
}

function isNull(n: LNode): boolean {
  return n.kind === 'scalar' && n.value === null;
}

/** `profiles/web.yaml` → `web`; `<stdin>` and `-` → `stdin`. */
export function defaultName(file: string): string {
  if (file === '<stdin>' || file === '-' || file === '') return 'stdin';
  const base = file.split(/[\\/]/).pop() ?? file;
  const stem = base.replace(/\.[^.]*$/, '');
  return stem === '' ? base || 'profile' : stem;
}

export interface ValidateResult {
  profile: Profile | undefined;
  issues: Issue[];
}

/** Validates the located tree of a profile; the profile is undefined when any error was found. */
export function validateProfile(root: LNode, file: string, regionCodes: readonly string[]): ValidateResult {
  const ctx = new Ctx();
  const map = root.kind === 'map' ? root : undefined;
  if (map === undefined) {
    ctx.error('wrong-type', root.src, '', 'a profile is a mapping of keys', {
      expected: 'a mapping with `version: 1` and `traffic`',
      found: describe(root),
    });
    return { profile: undefined, issues: ctx.issues };
  }
  const m = new MapView(ctx, map, '', TOP_KEYS, root.src);

  const versionEntry = m.entry('version');
  if (versionEntry === undefined) {
    ctx.error('missing-key', root.src, 'version', 'the required key `version` is missing', { expected: '`version: 1` as the first line', hint: 'add `version: 1`' });
  } else {
    const v = versionEntry.value;
    if (v.kind !== 'scalar' || typeof v.value !== 'number') {
      ctx.error('wrong-type', v.src, 'version', 'expected the format version number', {
        expected: '1',
        found: describe(v),
        ...(v.kind === 'scalar' && v.value === '1' ? { hint: 'write `version: 1` without quotes' } : {}),
      });
    } else if (v.value !== 1) {
      ctx.error('unsupported-version', v.src, 'version', `profile format version ${fmtNum(v.value)} is not supported`, {
        expected: '1',
        found: describe(v),
        hint: 'this kplan reads version 1 profiles',
      });
    }
  }

  const name = m.optional('name', (n, p) => readName(ctx, n, p), defaultName(file));
  const regions = readRegions(ctx, m, regionCodes);
  const trafficEntry = m.entry('traffic');
  let traffic: Traffic | undefined;
  if (trafficEntry === undefined) {
    ctx.error('missing-key', root.src, 'traffic', 'the required key `traffic` is missing', {
      expected: 'a `traffic` mapping with `records_per_second` and `record_size`',
    });
  } else {
    traffic = readTraffic(ctx, trafficEntry.value, 'traffic', trafficEntry.keySrc);
  }
  const producer = readProducer(ctx, m.entry('producer'));
  const stream = readStream(ctx, m.entry('stream'), regions, traffic);
  const names = new Map<string, NameSeen>();
  const consumers = readConsumers(ctx, m.entry('consumers'), names, stream.mode);
  const firehose = readFirehoses(ctx, m.entry('firehose'), names, stream.mode, traffic, producer.aggregation);
  const budgets = readBudgets(ctx, m.entry('budgets'));

  if (stream.mode === 'none' && ctx.errorCount === 0 && !firehose.some((f) => f.source === 'direct-put')) {
    const e = m.entry('stream');
    ctx.warn('inconsistent', e?.keySrc ?? root.src, 'stream.mode', 'with `stream.mode: none` and no `direct-put` delivery stream there is nothing to plan', {
      hint: 'add a `firehose` entry with `source: direct-put`',
    });
  }

  if (ctx.errorCount > 0 || traffic === undefined || name === undefined) return { profile: undefined, issues: ctx.issues };
  return {
    profile: {
      version: 1,
      name,
      file,
      regions,
      traffic,
      producer,
      stream,
      consumers,
      firehose,
      budgets,
      positions: ctx.positions,
      warnings: ctx.warnings,
    },
    issues: ctx.issues,
  };
}
