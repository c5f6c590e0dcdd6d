// Reports from files: a saved JSON report (`kplan size … --format json > base.json`), validated
// before use, or a profile computed exactly as `kplan size` computes it.

import type { Context } from './main.js';
import type { Profile } from '../profile/types.js';
import type { Report } from '../report/types.js';
import { UsageError, usageError, type Issue } from '../errors.js';
import { isRecord, jsonTypeName } from '../json-values.js';
import { keyProgress } from './terminal.js';

/** Largest saved report kplan reads: every region with `--explain` stays well under this. */
export const MAX_REPORT_BYTES = 64 * 1024 * 1024;

/** The steps that turn a profile file into a report; tests pass their own. */
export interface ReportSource {
  readInput(ctx: Context, path: string, maxBytes: number): Promise<{ bytes: Uint8Array; file: string }>;
  /** Parses and validates a profile with `--set` overrides and `--region`. */
  profileFromBytes(bytes: Uint8Array, file: string, overrides: readonly string[], regionFlag?: string): Profile;
  /** Computes the report of a profile as `kplan size` does (`--prices`, `--seed`, `--explain`). */
  computeReport(ctx: Context, profile: Profile, opts: Record<string, unknown>): Promise<Report>;
  /** `--region` as region codes, or ['all']. */
  parseRegionFlag(value: string): string[];
}

/** The real pipeline, loaded on first use; the price catalogue is read once per run. */
export async function defaultSource(): Promise<ReportSource> {
  const [load, cat, model] = await Promise.all([import('./load.js'), import('./catalogue.js'), import('../model/plan.js')]);
  let catalogue: ReturnType<typeof cat.loadCatalogue> | undefined;
  return {
    readInput: (ctx, path, maxBytes) => load.readInput(ctx, path, maxBytes),
    profileFromBytes: (bytes, file, overrides, regionFlag) => {
      if (bytes.length > load.MAX_PROFILE_BYTES) {
        throw usageError('too-large', `${file} is ${bytes.length} bytes; the limit for a profile is ${load.MAX_PROFILE_BYTES}`, { file });
      }
      return load.profileFromBytes(bytes, file, overrides, regionFlag);
    },
    computeReport: async (ctx, profile, opts) => {
      const seed = load.parseSeed(opts.seed as string | undefined);
      catalogue ??= cat.loadCatalogue(ctx, opts.prices as string | undefined);
      const prices = await catalogue;
      const keys = keyProgress(ctx);
      try {
        return model.plan(profile, prices, {
          explain: opts.explain === true,
          risk: { simulate: opts.simulate === true, ...(seed !== undefined ? { seed } : {}) },
          onKeys: (stage, done, total) => keys.update(stage, done, total),
        });
      } finally {
        keys.end();
      }
    },
    parseRegionFlag: (value) => load.parseRegionFlag(value),
  };
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function decode(bytes: Uint8Array): string | undefined {
  try {
    return decoder.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

/** True when the bytes are a JSON object with `schema_version`: a saved report, not a profile. */
export function looksLikeReport(bytes: Uint8Array): boolean {
  const text = decode(bytes)?.trimStart();
  if (text === undefined || !text.startsWith('{')) return false;
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) && Object.hasOwn(value, 'schema_version');
  } catch {
    return false;
  }
}

const MAX_ISSUES = 20;
const SAVE_HINT = 'save a report with `kplan size <profile> --format json > report.json`';

/** Checks that the fields `diff` and `check` read are there with the right types. */
class Checker {
  readonly issues: Issue[] = [];
  constructor(private readonly file: string) {}

  bad(path: string, expected: string, found: unknown): void {
    if (this.issues.length >= MAX_ISSUES) return;
    this.issues.push({
      code: 'bad-report',
      severity: 'error',
      file: this.file,
      path,
      message: `not a kplan report: ${path} is ${jsonTypeName(found)}`,
      expected,
      found: jsonTypeName(found),
    });
  }
  object(v: unknown, path: string): Record<string, unknown> | undefined {
    if (isRecord(v)) return v;
    this.bad(path, 'an object', v);
    return undefined;
  }
  list(v: unknown, path: string): unknown[] | undefined {
    if (Array.isArray(v)) return v;
    this.bad(path, 'a list', v);
    return undefined;
  }
  number(o: Record<string, unknown>, key: string, path: string): void {
    const v = o[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) this.bad(`${path}.${key}`, 'a finite number', v);
  }
  /** A money figure: a finite number, or null where a price is unknown (report.md). */
  money(o: Record<string, unknown>, key: string, path: string): void {
    if (o[key] !== null) this.number(o, key, path);
  }
  string(o: Record<string, unknown>, key: string, path: string): void {
    if (typeof o[key] !== 'string') this.bad(`${path}.${key}`, 'a string', o[key]);
  }
}

function checkRegion(c: Checker, value: unknown, path: string): void {
  const r = c.object(value, path);
  if (r === undefined) return;
  c.string(r, 'region', path);
  if (r.stream !== null) {
    const s = c.object(r.stream, `${path}.stream`);
    if (s !== undefined) {
      const sp = `${path}.stream`;
      c.string(s, 'mode', sp);
      c.number(s, 'shards', sp);
      c.string(s, 'binding_constraint', sp);
      const t = c.object(s.throttle, `${sp}.throttle`);
      if (t !== undefined) {
        c.string(t, 'level', `${sp}.throttle`);
        c.number(t, 'write_throttled_fraction_at_peak', `${sp}.throttle`);
      }
      const u = c.object(s.utilization_at_peak, `${sp}.utilization_at_peak`);
      if (u !== undefined) for (const k of Object.keys(u)) c.number(u, k, `${sp}.utilization_at_peak`);
    }
  }
  const firehose = c.list(r.firehose, `${path}.firehose`);
  firehose?.forEach((f, i) => {
    const fp = `${path}.firehose[${i}]`;
    const o = c.object(f, fp);
    if (o === undefined) return;
    c.string(o, 'name', fp);
    c.number(o, 'objects_per_day', fp);
    c.number(o, 'latency_seconds', fp);
  });
  const cost = c.object(r.cost, `${path}.cost`);
  if (cost === undefined) return;
  const cp = `${path}.cost`;
  for (const k of ['hourly_usd', 'daily_usd', 'monthly_usd']) c.money(cost, k, cp);
  if (cost.known_monthly_usd !== undefined) c.number(cost, 'known_monthly_usd', cp);
  c.list(cost.lines, `${cp}.lines`)?.forEach((l, i) => {
    const lp = `${cp}.lines[${i}]`;
    const o = c.object(l, lp);
    if (o === undefined) return;
    for (const k of ['service', 'item', 'unit']) c.string(o, k, lp);
    c.number(o, 'quantity', lp);
    for (const k of ['unit_price_usd', 'monthly_usd']) c.money(o, k, lp);
    if (o.resource !== undefined) c.string(o, 'resource', lp);
  });
  c.list(cost.unknown, `${cp}.unknown`)?.forEach((u, i) => {
    if (typeof u !== 'string') c.bad(`${cp}.unknown[${i}]`, 'a cost item name', u);
  });
}

/** Parses a saved report; throws UsageError `bad-report` unless it is a kplan report with `schema_version: 1`. */
export function parseReport(bytes: Uint8Array, file: string): Report {
  const text = decode(bytes);
  if (text === undefined) throw usageError('bad-report', `${file} is not UTF-8 text, so not a kplan report`, { file, hint: SAVE_HINT });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw usageError('bad-report', `${file} is not valid JSON: ${(err as Error).message}`, { file, hint: SAVE_HINT });
  }
  if (!isRecord(value)) throw usageError('bad-report', `${file} is not a kplan report: expected a JSON object, found ${jsonTypeName(value)}`, { file, hint: SAVE_HINT });
  if (!Object.hasOwn(value, 'schema_version')) {
    throw usageError('bad-report', `${file} is not a kplan report: it has no schema_version`, { file, hint: SAVE_HINT });
  }
  if (value.schema_version !== 1) {
    throw usageError('bad-report', `${file} is a report of schema_version ${JSON.stringify(value.schema_version)}; this kplan reads schema_version 1`, {
      file,
      path: 'schema_version',
      expected: '1',
      found: JSON.stringify(value.schema_version),
      hint: 'save the report again with this version of kplan',
    });
  }
  const c = new Checker(file);
  c.string(value, 'kplan_version', '$');
  const profile = c.object(value.profile, 'profile');
  if (profile !== undefined) {
    c.string(profile, 'name', 'profile');
    c.string(profile, 'file', 'profile');
  }
  const prices = c.object(value.prices, 'prices');
  if (prices !== undefined) {
    c.string(prices, 'as_of', 'prices');
    c.string(prices, 'source', 'prices');
  }
  c.list(value.results, 'results')?.forEach((r, i) => checkRegion(c, r, `results[${i}]`));
  for (const issue of c.issues) if (issue.path?.startsWith('$.')) issue.path = issue.path.slice(2);
  if (c.issues.length > 0) throw new UsageError(c.issues);
  const report = value as unknown as Report;
  for (const r of report.results) if (!Array.isArray(r.alternatives)) r.alternatives = [];
  return report;
}

/** Keeps the regions `--region` asks for (a saved report cannot be recomputed for others). */
function filterRegions(report: Report, regions: string[]): Report {
  if (regions.includes('all')) return report;
  return { ...report, results: report.results.filter((r) => regions.includes(r.region)) };
}

export interface LoadedReport {
  report: Report;
  kind: 'report' | 'profile';
  /** The file as named, `<stdin>` for `-`. */
  file: string;
  /** The profile, when the file was one. */
  profile?: Profile;
}

/** Reads a saved report or a profile (detected by content) and returns its report. */
export async function reportFromFile(ctx: Context, path: string, opts: Record<string, unknown>, source: ReportSource): Promise<LoadedReport> {
  const { bytes, file } = await source.readInput(ctx, path, MAX_REPORT_BYTES);
  const region = opts.region as string | undefined;
  const overrides = (opts.set as string[] | undefined) ?? [];
  if (looksLikeReport(bytes)) {
    let report = parseReport(bytes, file);
    if (overrides.length > 0) ctx.io.stderr.write(`kplan: note: --set does not apply to the saved report ${file}\n`);
    if (region !== undefined) report = filterRegions(report, source.parseRegionFlag(region));
    return { report, kind: 'report', file };
  }
  const profile = source.profileFromBytes(bytes, file, overrides, region);
  return { report: await source.computeReport(ctx, profile, opts), kind: 'profile', file, profile };
}
