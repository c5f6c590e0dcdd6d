// `kplan sweep`: what-if over one or two profile keys. An axis (`--vary key=from..to[:steps]`) is
// read into values; each point is the profile with those values applied after any `--set`,
// validated exactly like the file, then planned as `kplan size` plans it. Points where the binding
// constraint or the cheapest mode changes along the first axis are marked. Pure: no I/O.

import type { Issue } from '../../errors.js';
import type { PreparedProfile } from '../../profile/parse.js';
import { prepareSlots, validatePrepared } from '../../profile/parse.js';
import { parseSetFlag, isIssue } from '../../profile/set.js';
import type { Profile, StreamMode } from '../../profile/types.js';
import type { PriceCatalogue } from '../../prices/types.js';
import type { Constraint, CostItem, RegionResult, ThrottleReport } from '../../report/types.js';
import { KPLAN_VERSION } from '../../version.js';
import { GIB, KIB, MIB, formatGrouped } from '../../units.js';
import { breakEven, type BreakEven } from './breakeven.js';
import { planRegion, resolveRegions } from '../plan.js';
import type { RiskOptions } from '../stream/risk-model.js';

/** Most points one sweep computes (both axes together). */
export const MAX_POINTS = 10_000;
/** Points of a range written without `:steps`. */
export const DEFAULT_STEPS = 10;

export type AxisUnit = 'number' | 'bytes' | 'seconds';

export interface AxisValue {
  /** YAML text applied to the key, as a `--set` value. */
  text: string;
  /** The value as a number (bytes for sizes, seconds for durations); null for words. */
  number: number | null;
}

export interface VaryAxis {
  /** The flag as given. */
  raw: string;
  /** `traffic.records_per_second` as written. */
  key: string;
  /** The key path as `--set` reads it. */
  path: (string | number)[];
  kind: 'linear' | 'geometric' | 'list';
  /** Unit of the numbers: sizes in bytes, durations in seconds; null for a list of words. */
  unit: AxisUnit | null;
  values: AxisValue[];
}

function badVary(raw: string, message: string, extra: Partial<Issue> = {}): Issue {
  return {
    code: 'bad-vary',
    severity: 'error',
    file: '--vary',
    message,
    expected: 'key.path=from..to[:steps] (linear), key.path=from..to:xN (geometric) or key.path=a,b,c (a list)',
    found: raw,
    ...extra,
  };
}

const PLAIN_NUMBER = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:e[+-]?[0-9]+)?$/i;
const SIZE_UNITS: Record<string, number> = { b: 1, kb: KIB, kib: KIB, mb: MIB, mib: MIB, gb: GIB, gib: GIB };
const DURATION_UNITS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400 };

/** A range end: a plain number, a size (bytes) or a duration (seconds). */
function readQuantity(text: string): { value: number; unit: AxisUnit | null; integer: boolean } | undefined {
  const t = text.trim();
  if (PLAIN_NUMBER.test(t)) return { value: Number(t), unit: null, integer: /^[+-]?[0-9]+$/.test(t) };
  const m = /^([0-9]+(?:\.[0-9]+)?(?:e[+-]?[0-9]+)?)\s*([a-z]+)$/i.exec(t);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] ?? '').toLowerCase();
  if (SIZE_UNITS[unit] !== undefined) return { value: n * SIZE_UNITS[unit], unit: 'bytes', integer: true };
  if (DURATION_UNITS[unit] !== undefined) return { value: n * DURATION_UNITS[unit], unit: 'seconds', integer: false };
  return undefined;
}

/** Splits a list on commas outside brackets, braces and quotes. */
function splitList(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let cur = '';
  for (const ch of text) {
    if (quote !== null) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') depth = Math.max(0, depth - 1);
    else if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur.trim());
  return out;
}

const tidy = (x: number): number => Number(x.toPrecision(12));

function valueOf(x: number, unit: AxisUnit, integer: boolean): AxisValue {
  if (unit === 'bytes') {
    const b = Math.round(x);
    return { text: `${b}B`, number: b };
  }
  if (unit === 'seconds') {
    const s = Math.round(x * 1000) / 1000;
    return { text: `${s}s`, number: s };
  }
  const v = integer ? Math.round(x) : tidy(x);
  return { text: String(v), number: v };
}

/**
 * Reads one `--vary` flag. Ranges: `a..b` (10 points), `a..b:n` (n points, linear, ends included),
 * `a..b:xn` (n points, constant ratio). Ends may carry a size or duration unit; integer ends give
 * integer points (duplicates dropped). Anything else is a list `a,b,c` of YAML values.
 */
export function parseVary(raw: string): VaryAxis | Issue {
  const eq = raw.indexOf('=');
  if (eq < 0) return badVary(raw, `the --vary flag \`${raw}\` has no \`=\``);
  const key = raw.slice(0, eq).trim();
  const spec = raw.slice(eq + 1).trim();
  if (key === '') return badVary(raw, `the --vary flag \`${raw}\` names no key`);
  // The key path follows the --set rules (list indexes, no prototype keys).
  const path = parseSetFlag(`${key}=0`);
  if (isIssue(path)) return badVary(raw, path.message.replace('--set', '--vary'), path.hint !== undefined ? { hint: path.hint } : {});
  if (spec === '') return badVary(raw, `the --vary flag \`${raw}\` gives no values`);

  const items = splitList(spec);
  const dots = spec.indexOf('..');
  if (items.length === 1 && dots >= 0) {
    const fromText = spec.slice(0, dots);
    const m = /^(.*?)(?::\s*([x\u00d7])?\s*([0-9]+))?\s*$/i.exec(spec.slice(dots + 2));
    const toText = m?.[1] ?? '';
    const geometric = m?.[2] !== undefined;
    const stepsText = m?.[3];
    const from = readQuantity(fromText);
    const to = readQuantity(toText);
    if (from === undefined || to === undefined) {
      return badVary(raw, `the range \`${spec}\` of --vary ${key} needs a number (or a size or duration) at each end`, {
        hint: 'e.g. `1000..10000:10`, `100..100000:x7`, `1KiB..64KiB:x7`, `60s..900s:4`',
      });
    }
    if (from.unit !== null && to.unit !== null && from.unit !== to.unit) {
      return badVary(raw, `the range \`${spec}\` mixes a ${from.unit === 'bytes' ? 'size' : 'duration'} and a ${to.unit === 'bytes' ? 'size' : 'duration'}`);
    }
    const unit: AxisUnit = from.unit ?? to.unit ?? 'number';
    const integer = unit === 'number' ? from.integer && to.integer : unit === 'bytes';
    const steps = stepsText === undefined ? DEFAULT_STEPS : Number(stepsText);
    if (!Number.isSafeInteger(steps) || steps > MAX_POINTS) {
      return badVary(raw, `--vary ${key} asks for ${stepsText} points; at most ${formatGrouped(MAX_POINTS)} in a sweep`);
    }
    if (from.value === to.value) return { raw, key, path: path.path, kind: geometric ? 'geometric' : 'linear', unit, values: [valueOf(from.value, unit, integer)] };
    if (steps < 2) return badVary(raw, `a range needs at least 2 points; --vary ${key} asks for ${steps}`, { hint: 'write `:2` or more, or list the value alone' });
    const xs: number[] = [];
    if (geometric) {
      if (!(from.value > 0 && to.value > 0)) {
        return badVary(raw, `a geometric range needs both ends above 0; --vary ${key} goes from ${fromText.trim()} to ${toText.trim()}`, {
          hint: 'use a linear range (`:n` without x)',
        });
      }
      const ratio = Math.pow(to.value / from.value, 1 / (steps - 1));
      for (let i = 0; i < steps; i++) xs.push(i === steps - 1 ? to.value : from.value * Math.pow(ratio, i));
    } else {
      for (let i = 0; i < steps; i++) xs.push(i === steps - 1 ? to.value : from.value + ((to.value - from.value) * i) / (steps - 1));
    }
    const seen = new Set<string>();
    const values: AxisValue[] = [];
    for (const x of xs) {
      const v = valueOf(x, unit, integer);
      if (seen.has(v.text)) continue;
      seen.add(v.text);
      values.push(v);
    }
    return { raw, key, path: path.path, kind: geometric ? 'geometric' : 'linear', unit, values };
  }

  if (items.some((i) => i === '')) return badVary(raw, `the list \`${spec}\` of --vary ${key} has an empty item`);
  if (items.length > MAX_POINTS) return badVary(raw, `--vary ${key} lists ${items.length} values; at most ${formatGrouped(MAX_POINTS)} in a sweep`);
  const quantities = items.map(readQuantity);
  const units = new Set(quantities.map((q) => (q === undefined ? 'word' : (q.unit ?? 'number'))));
  const unit = units.size === 1 && !units.has('word') ? ([...units][0] as AxisUnit) : null;
  const values = items.map((text, i) => ({ text, number: unit === null ? null : tidy((quantities[i] as { value: number }).value) }));
  return { raw, key, path: path.path, kind: 'list', unit, values };
}

// ---- running a sweep ----

export type ChangeKind = 'binding-constraint' | 'cheapest-mode';

export interface PointChange {
  what: ChangeKind;
  from: string | null;
  to: string | null;
}

export interface ModeAtPoint {
  shards: number;
  /** null when any line is unknown. */
  monthly_usd: number | null;
  /** The sum of the priced lines. */
  known_monthly_usd: number;
  unknown: CostItem[];
}

export interface SweepPoint {
  index: number;
  /** Axis key → value: a number for numeric axes (bytes for sizes, seconds for durations), else the text. */
  at: Record<string, number | string>;
  valid: boolean;
  /** Why the point is not a valid profile (invalid points only). */
  issues?: Issue[];
  shards: number | null;
  binding_constraint: Constraint | null;
  throttle_level: ThrottleReport['level'] | null;
  write_throttled_fraction: number | null;
  /** Monthly cost in the profile's own mode (what `kplan size` reports as `cost.monthly_usd`). */
  monthly_usd: number | null;
  /** The sum of its priced lines (null for an invalid point). */
  known_monthly_usd: number | null;
  /** Items the profile's own mode could not price. */
  unknown: CostItem[];
  /** Every capacity mode, sized automatically as in `alternatives` (the profile's own mode as sized). */
  modes: Partial<Record<StreamMode, ModeAtPoint>>;
  cheapest_mode: StreamMode | null;
  /** What changed since the previous valid point along the first axis (same second-axis value). */
  changes: PointChange[];
}

export interface SweepAxisReport {
  key: string;
  flag: string;
  kind: VaryAxis['kind'];
  unit: AxisUnit | null;
  values: (number | string)[];
  /** Keys set with this axis: the peak follows the average at the profile's peak-to-average ratio. */
  follows: { key: string; ratio: number }[];
}

export interface SweepResult {
  schema_version: 1;
  kind: 'sweep';
  kplan_version: string;
  profile: { name: string; file: string };
  prices: { as_of: string; source: string };
  region: string;
  mode: Profile['stream']['mode'];
  axes: SweepAxisReport[];
  /** First axis fastest: point i·n₁ + j is value j of the first axis and i of the second. */
  points: SweepPoint[];
  invalid_points: number;
  /** For the profile as given (after `--set`), at the sweep's region. */
  break_even: BreakEven | null;
}

export interface SweepInput {
  prepared: PreparedProfile;
  /** `--set` flags, applied before the axis values. */
  set: readonly string[];
  axes: readonly VaryAxis[];
  catalogue: PriceCatalogue;
  /** The region to plan; default the profile's first. */
  region?: string;
  risk?: RiskOptions;
  /** Compute the break-even of the base profile (default true). */
  breakEven?: boolean;
  /** Called after each point with (points done, points in all): the CLI's progress line. */
  onPoint?: (done: number, total: number) => void;
}

export type SweepOutcome = { ok: true; result: SweepResult } | { ok: false; issues: Issue[] };

const RPS_KEY = 'traffic.records_per_second';
const PEAK_KEY = 'traffic.peak_records_per_second';

/** Total points of the axes, or an issue when over the limit. */
export function checkAxes(axes: readonly VaryAxis[]): Issue | undefined {
  if (axes.length === 0) return badVary('', 'sweep needs at least one --vary key=from..to[:steps]');
  if (axes.length > 2) return badVary(axes.map((a) => a.raw).join(' '), `sweep takes one or two --vary axes; ${axes.length} were given`);
  if (axes.length === 2 && axes[0]?.key === axes[1]?.key) return badVary(axes[1]?.raw ?? '', `both --vary flags name ${axes[0]?.key}`);
  const total = axes.reduce((n, a) => n * a.values.length, 1);
  if (total > MAX_POINTS) {
    return badVary(axes.map((a) => a.raw).join(' '), `the sweep has ${formatGrouped(total)} points; at most ${formatGrouped(MAX_POINTS)}`, {
      hint: 'use fewer steps, or a geometric range',
    });
  }
  return undefined;
}

/** Names the --vary flag (not --set) in the issues of a point's own values. */
function renameIssues(issues: Issue[], generated: { raw: string; flag: string }[]): Issue[] {
  return issues.map((issue) => {
    const g = generated.find((x) => issue.message.includes(`--set ${x.raw}`) || (issue.found ?? '').includes(`--set ${x.raw}`) || issue.found === x.raw);
    if (g === undefined) return issue;
    const swap = (s: string): string => (s === g.raw ? `--vary ${g.flag}, point ${g.raw}` : s.split(`--set ${g.raw}`).join(`--vary ${g.flag}, point ${g.raw}`));
    const out: Issue = { ...issue, file: '--vary', message: swap(issue.message) };
    if (issue.found !== undefined) out.found = swap(issue.found);
    return out;
  });
}

function pointOf(index: number, at: Record<string, number | string>, r: RegionResult): SweepPoint {
  const s = r.stream;
  const modes: Partial<Record<StreamMode, ModeAtPoint>> = {};
  if (s !== null) {
    modes[s.mode] = { shards: s.shards, monthly_usd: r.cost.monthly_usd, known_monthly_usd: r.cost.known_monthly_usd, unknown: r.cost.unknown };
    for (const a of r.alternatives) {
      modes[a.mode] = { shards: a.shards ?? a.estimated_shards ?? 0, monthly_usd: a.monthly_usd, known_monthly_usd: a.known_monthly_usd, unknown: a.unknown ?? [] };
    }
  }
  return {
    index,
    at,
    valid: true,
    shards: s?.shards ?? null,
    binding_constraint: s?.binding_constraint ?? null,
    throttle_level: s?.throttle.level ?? null,
    write_throttled_fraction: s?.throttle.write_throttled_fraction_at_peak ?? null,
    monthly_usd: r.cost.monthly_usd,
    known_monthly_usd: r.cost.known_monthly_usd,
    unknown: r.cost.unknown,
    modes,
    cheapest_mode: r.cheapest_mode ?? null,
    changes: [],
  };
}

/** Marks, along the first axis of each block, where the binding constraint or the cheapest mode changes. */
export function markChanges(points: SweepPoint[], firstAxisLength: number): void {
  for (let start = 0; start < points.length; start += firstAxisLength) {
    let prev: SweepPoint | undefined;
    for (let j = start; j < Math.min(points.length, start + firstAxisLength); j++) {
      const p = points[j] as SweepPoint;
      if (!p.valid) continue;
      if (prev !== undefined) {
        if (p.binding_constraint !== prev.binding_constraint) p.changes.push({ what: 'binding-constraint', from: prev.binding_constraint, to: p.binding_constraint });
        if (p.cheapest_mode !== prev.cheapest_mode) p.changes.push({ what: 'cheapest-mode', from: prev.cheapest_mode, to: p.cheapest_mode });
      }
      prev = p;
    }
  }
}

/**
 * Runs the sweep. Issues come back when the profile with `--set` alone is invalid, or when every point is.
 * Longer than 80 lines because every point reads the same validated base, prepared slots and
 * peak-follows ratio, which the result then reports beside the axes.
 */
export function runSweep(input: SweepInput): SweepOutcome {
  const axisIssue = checkAxes(input.axes);
  if (axisIssue !== undefined) return { ok: false, issues: [axisIssue] };
  const base = validatePrepared(input.prepared, input.set);
  const baseErrors = base.issues.filter((i) => i.severity === 'error');
  if (base.profile === undefined || baseErrors.length > 0) return { ok: false, issues: baseErrors.length > 0 ? baseErrors : base.issues };
  const profile = base.profile;
  const region = input.region ?? resolveRegions(profile, input.catalogue)[0] ?? 'us-east-1';
  const risk: RiskOptions = { ...input.risk, simulate: false };

  // Varying the average alone would soon put it above the peak (an invalid profile); "twice the
  // traffic" means both, so the peak follows at the profile's ratio unless it is an axis itself.
  const axes = input.axes;
  const peakFollows = axes.some((a) => a.key === RPS_KEY) && !axes.some((a) => a.key === PEAK_KEY) && !profile.traffic.peakDefaulted;
  const ratio = profile.traffic.peakRecordsPerSecond / profile.traffic.recordsPerSecond;

  const first = axes[0] as VaryAxis;
  const second = axes[1];
  // Flags are read once, and each point only swaps the values at the axis keys (prepareSlots).
  const set = input.set.map((raw) => {
    const o = parseSetFlag(raw);
    return isIssue(o) ? raw : o;
  });
  const peakPath: (string | number)[] = ['traffic', 'peak_records_per_second'];
  const slotPaths = axes.map((a) => a.path);
  if (peakFollows) slotPaths.push(peakPath);
  const slots = prepareSlots(input.prepared, set, slotPaths);
  const outer = second?.values ?? [undefined];
  const points: SweepPoint[] = [];
  const total = outer.length * first.values.length;
  let index = 0;
  for (const v2 of outer) {
    for (const v1 of first.values) {
      const at: Record<string, number | string> = {};
      const generated: { text: string; raw: string; flag: string }[] = [];
      const pairs: [VaryAxis, AxisValue][] = [[first, v1]];
      if (second !== undefined && v2 !== undefined) pairs.push([second, v2]);
      let peak: { text: string; raw: string; flag: string } | undefined;
      for (const [axis, v] of pairs) {
        at[axis.key] = v.number ?? v.text;
        generated.push({ text: v.text, raw: `${axis.key}=${v.text}`, flag: axis.raw });
        if (peakFollows && axis.key === RPS_KEY && v.number !== null) {
          const text = String(tidy(v.number * ratio));
          peak = { text, raw: `${PEAK_KEY}=${text}`, flag: axis.raw };
        }
      }
      if (peakFollows) {
        // A list item that is not a number leaves the peak as the profile has it.
        const p = profile.traffic.peakRecordsPerSecond;
        generated.push(peak ?? { text: String(p), raw: `${PEAK_KEY}=${p}`, flag: first.raw });
      }
      const parsed = slots.validate(generated);
      const errors = parsed.issues.filter((i) => i.severity === 'error');
      if (parsed.profile === undefined || errors.length > 0) {
        points.push({
          index,
          at,
          valid: false,
          issues: renameIssues(errors.length > 0 ? errors : parsed.issues, generated),
          shards: null,
          binding_constraint: null,
          throttle_level: null,
          write_throttled_fraction: null,
          monthly_usd: null,
          known_monthly_usd: null,
          unknown: [],
          modes: {},
          cheapest_mode: null,
          changes: [],
        });
      } else {
        points.push(pointOf(index, at, planRegion(parsed.profile, input.catalogue, region, { explain: false, risk, whatIf: false, warnings: false })));
      }
      index++;
      input.onPoint?.(index, total);
    }
  }

  const invalid = points.filter((p) => !p.valid);
  if (invalid.length === points.length) {
    const p = points[0] as SweepPoint;
    const where = Object.entries(p.at)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    return {
      ok: false,
      issues: [
        badVary(axes.map((a) => a.raw).join(' '), `no point of the sweep is a valid profile; the first (${where}) fails:`, { expected: undefined, found: undefined }),
        ...(p.issues ?? []),
      ].map(stripUndefined),
    };
  }
  markChanges(points, first.values.length);

  return {
    ok: true,
    result: {
      schema_version: 1,
      kind: 'sweep',
      kplan_version: KPLAN_VERSION,
      profile: { name: profile.name, file: profile.file },
      prices: { as_of: input.catalogue.as_of, source: input.catalogue.source },
      region,
      mode: profile.stream.mode,
      axes: axes.map((a) => ({
        key: a.key,
        flag: a.raw,
        kind: a.kind,
        unit: a.unit,
        values: a.values.map((v) => v.number ?? v.text),
        follows: peakFollows && a.key === RPS_KEY ? [{ key: PEAK_KEY, ratio }] : [],
      })),
      points,
      invalid_points: invalid.length,
      break_even: input.breakEven === false ? null : (breakEven(profile, input.catalogue.regions[region], region, { risk }) ?? null),
    },
  };
}

function stripUndefined(issue: Issue): Issue {
  const out = { ...issue } as Record<string, unknown>;
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out as unknown as Issue;
}
