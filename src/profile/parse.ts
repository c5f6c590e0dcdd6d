// The one entry point from profile bytes (plus --set flags) to a validated Profile. Pure: the
// caller reads the file; every failure, however hostile the input, comes back as an Issue.

import type { Issue } from '../errors.js';
import { readYaml } from './located.js';
import type { LEntry, LMap, LNode, LSeq } from './located.js';
import { applyOverrides, isIssue, parseSetFlag } from './set.js';
import type { SetOverride } from './set.js';
import type { Profile } from './types.js';
import { validateProfile } from './validate.js';
import { formatLocaleNumber } from '../units.js';

export interface ParseOptions {
  /** The file as the user named it (`<stdin>` for standard input): issues and `name` use it. */
  file: string;
  /** Raw `--set key.path=value` flags, applied in order before validation. */
  overrides?: readonly string[];
  /** Region codes a profile may name (the price catalogue's). */
  regionCodes: readonly string[];
  /** Largest input accepted, in bytes; default 1 MiB. */
  maxBytes?: number;
}

export interface ParseResult {
  /** Undefined iff `issues` holds an error. */
  profile: Profile | undefined;
  /** Errors and warnings, in the order found. */
  issues: Issue[];
}

export const DEFAULT_MAX_BYTES = 1024 * 1024;

/** UTF-8 length of a string, stopping once past `limit`. */
function utf8Length(text: string, limit: number): number {
  let n = 0;
  for (let i = 0; i < text.length && n <= limit; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

export function parseProfile(input: string | Uint8Array, options: ParseOptions): ParseResult {
  return guarded(options.file, () => {
    const flags = parseFlags(options.overrides ?? []);
    const read = prepareUnchecked(input, options);
    if (read.kind === 'fatal') return read.result;
    if (read.kind === 'unreadable') return { profile: undefined, issues: [...flags.issues, ...read.issues] };
    return validateUnchecked(read.prepared, flags);
  });
}

/**
 * A profile read once (decoded, YAML turned into the located tree) so it can be validated many
 * times with different overrides: `kplan sweep` validates one copy per point without re-reading.
 */
export interface PreparedProfile {
  readonly kind: 'prepared';
  readonly file: string;
  readonly regionCodes: readonly string[];
  /** The located tree as read; never changed (each validation works on a copy). */
  readonly root: LNode;
  /** Issues found while reading (warnings, duplicate and forbidden keys). */
  readonly readIssues: readonly Issue[];
}

export function isPrepared(x: PreparedProfile | ParseResult): x is PreparedProfile {
  return (x as PreparedProfile).kind === 'prepared';
}

/** Reads the input as far as the located tree; a ParseResult when it cannot be read at all. */
export function prepareProfile(input: string | Uint8Array, options: Omit<ParseOptions, 'overrides'>): PreparedProfile | ParseResult {
  return guardedPrepare(options.file, () => {
    const read = prepareUnchecked(input, options);
    if (read.kind === 'fatal') return read.result;
    if (read.kind === 'unreadable') return { profile: undefined, issues: read.issues };
    return read.prepared;
  });
}

/**
 * Applies `--set`-style overrides to a copy of the prepared tree and validates it: parseProfile's
 * result. An override may be given already read (a SetOverride), which skips reading it again.
 */
export function validatePrepared(prepared: PreparedProfile, overrides: readonly (string | SetOverride)[]): ParseResult {
  return guarded(prepared.file, () => validateUnchecked(prepared, parseFlags(overrides)));
}

/** A prepared profile whose values at some key paths change from one validation to the next. */
export interface OverrideSlots {
  /**
   * Validates the profile with `values[i].text` (YAML) at `paths[i]`, after the fixed overrides;
   * `raw` is the flag that names the value in messages. The same result as validatePrepared with
   * the fixed overrides followed by `path=text` for each slot.
   */
  validate(values: readonly { text: string; raw: string }[]): ParseResult;
}

const PLAIN_DECIMAL = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

/**
 * Applies the fixed overrides once and leaves a slot at each path, so each validation only swaps the
 * slot values: no copy of the tree and, for plain numbers, no YAML read per validation (a plain
 * decimal is what the YAML core schema reads as a number). Paths that cannot be slotted (one inside
 * another, or a path the tree cannot take) fall back to validatePrepared per call.
 */
export function prepareSlots(prepared: PreparedProfile, overrides: readonly (string | SetOverride)[], paths: readonly (readonly (string | number)[])[]): OverrideSlots {
  const general: OverrideSlots = {
    validate: (values) => validatePrepared(prepared, [...overrides, ...values.map((v, i) => ({ path: [...(paths[i] ?? [])], valueText: v.text, raw: v.raw }))]),
  };
  const prefix = (a: readonly (string | number)[], b: readonly (string | number)[]) => a.length <= b.length && a.every((x, i) => x === b[i]);
  if (paths.some((a, i) => a.length === 0 || paths.some((b, j) => i !== j && prefix(a, b)))) return general;
  const flags = parseFlags(overrides);
  const root = cloneNode(prepared.root);
  if (root.kind !== 'map') return general;
  const applyIssues = applyOverrides(root, flags.overrides);
  const placeholders: SetOverride[] = paths.map((p, i) => ({ path: [...p], valueText: '~', raw: `--slot-${i}` }));
  if (applyOverrides(root, placeholders).length > 0) return general;
  const slots: { parent: LNode; last: string | number; keySrc: LEntry['keySrc'] | null }[] = [];
  for (const p of paths) {
    let node: LNode = root;
    for (const seg of p.slice(0, -1)) {
      const next: LNode | undefined =
        typeof seg === 'number' ? (node.kind === 'seq' ? node.items[seg] : undefined) : node.kind === 'map' ? node.entries.get(seg)?.value : undefined;
      if (next === undefined) return general;
      node = next;
    }
    const last = p[p.length - 1] as string | number;
    const entry = typeof last === 'string' && node.kind === 'map' ? node.entries.get(last) : undefined;
    // A key the file already had keeps its position; a new one is named by the flag.
    slots.push({ parent: node, last, keySrc: entry !== undefined && entry.keySrc.flag === undefined ? entry.keySrc : null });
  }
  const base = { issues: [...flags.issues, ...prepared.readIssues, ...applyIssues] };
  return {
    validate(values) {
      return guarded(prepared.file, () => {
        for (let i = 0; i < slots.length; i++) {
          const slot = slots[i] as (typeof slots)[number];
          const v = values[i] as { text: string; raw: string };
          const src = { file: '--set', flag: v.raw };
          const text = v.text.trim();
          let value: LNode;
          if (PLAIN_DECIMAL.test(text)) value = { kind: 'scalar', src, value: Number(text) };
          else {
            const read = readYaml(v.text, { file: '--set', flag: v.raw });
            if (read.issues.some((x) => x.severity === 'error')) return general.validate(values);
            value = read.root ?? { kind: 'scalar', src, value: null };
          }
          if (typeof slot.last === 'number') (slot.parent as LSeq).items[slot.last] = value;
          else (slot.parent as LMap).entries.set(slot.last, { key: slot.last, keySrc: slot.keySrc ?? src, value });
        }
        return finish(prepared, [...base.issues], root);
      });
    },
  };
}

function crashResult(file: string, e: unknown): ParseResult {
  // The parser is written not to throw. An exhausted stack is still the input's depth (exit 2);
  // anything else is a kplan bug and goes up to the CLI, which says so (exit 3).
  if (!(e instanceof RangeError)) throw e;
  return {
    profile: undefined,
    issues: [{ code: 'too-deep', severity: 'error', file, message: 'the profile is nested too deeply to read (stack exhausted)' }],
  };
}

function guarded(file: string, run: () => ParseResult): ParseResult {
  try {
    return run();
  } catch (e) {
    return crashResult(file, e);
  }
}

function guardedPrepare(file: string, run: () => PreparedProfile | ParseResult): PreparedProfile | ParseResult {
  try {
    return run();
  } catch (e) {
    return crashResult(file, e);
  }
}

function parseFlags(raw: readonly (string | SetOverride)[]): { issues: Issue[]; overrides: SetOverride[] } {
  const issues: Issue[] = [];
  const overrides: SetOverride[] = [];
  for (const r of raw) {
    const o = typeof r === 'string' ? parseSetFlag(r) : r;
    if (isIssue(o)) issues.push(o);
    else overrides.push(o);
  }
  return { issues, overrides };
}

type Prepared = { kind: 'fatal'; result: ParseResult } | { kind: 'unreadable'; issues: Issue[] } | { kind: 'ok'; prepared: PreparedProfile };

function prepareUnchecked(input: string | Uint8Array, options: Omit<ParseOptions, 'overrides'>): Prepared {
  const file = options.file;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const fail = (issue: Issue): Prepared => ({ kind: 'fatal', result: { profile: undefined, issues: [issue] } });

  const size = typeof input === 'string' ? utf8Length(input, maxBytes) : input.byteLength;
  if (size > maxBytes) {
    return fail({
      code: 'too-large',
      severity: 'error',
      file,
      message: `the profile is larger than ${formatLocaleNumber(maxBytes)} bytes`,
      expected: `at most ${formatLocaleNumber(maxBytes)} bytes`,
      found: typeof input === 'string' ? `more than ${formatLocaleNumber(maxBytes)} bytes` : `${formatLocaleNumber(input.byteLength)} bytes`,
      hint: 'a profile is a short YAML file; check that the right file was given',
    });
  }

  let text: string;
  if (typeof input === 'string') {
    text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      const at = firstInvalidUtf8(input);
      const before = new TextDecoder('utf-8').decode(input.subarray(0, at));
      const lineStart = before.lastIndexOf('\n') + 1;
      return fail({
        code: 'not-utf8',
        severity: 'error',
        file,
        position: { line: before.split('\n').length, col: before.length - lineStart + 1 },
        message: 'the profile is not UTF-8 text',
        expected: 'a UTF-8 encoded YAML file',
        found: `a byte 0x${(input[at] ?? 0).toString(16).padStart(2, '0')} that is not UTF-8, at byte offset ${at}`,
        hint: 'is this a binary file, or saved in another encoding (UTF-16, Latin-1)?',
      });
    }
  }

  const read = readYaml(text, { file });
  if (read.empty) {
    return {
      kind: 'unreadable',
      issues: [
        ...read.issues,
        {
          code: 'wrong-type',
          severity: 'error',
          file,
          position: { line: 1, col: 1 },
          message: 'the profile is empty',
          expected: 'a mapping with `version: 1` and `traffic`',
          found: 'an empty document',
          hint: '`kplan init` writes a starter profile',
        },
      ],
    };
  }
  if (read.root === undefined || read.issues.some((i) => i.severity === 'error' && i.code !== 'duplicate-key' && i.code !== 'forbidden-key')) {
    return { kind: 'unreadable', issues: read.issues };
  }
  return { kind: 'ok', prepared: { kind: 'prepared', file, regionCodes: options.regionCodes, root: read.root, readIssues: read.issues } };
}

function validateUnchecked(prepared: PreparedProfile, flags: { issues: Issue[]; overrides: SetOverride[] }): ParseResult {
  const issues: Issue[] = [...flags.issues, ...prepared.readIssues];
  // Overrides change the tree in place, so they get a copy and the prepared tree stays as read.
  const root = flags.overrides.length > 0 ? cloneNode(prepared.root) : prepared.root;
  if (root.kind === 'map') issues.push(...applyOverrides(root, flags.overrides));
  return finish(prepared, issues, root);
}

/** Validates an overridden tree and orders the issues: the last step of every validation. */
function finish(prepared: PreparedProfile, issues: Issue[], root: LNode): ParseResult {
  const file = prepared.file;
  const result = validateProfile(root, file, prepared.regionCodes);
  issues.push(...result.issues);
  const failed = issues.some((i) => i.severity === 'error');
  const profile = failed ? undefined : result.profile;
  // Warnings from reading the YAML (unknown tags) belong with the profile's own warnings.
  if (profile !== undefined) {
    const yamlWarnings = prepared.readIssues.filter((i) => i.severity === 'warning').map((i) => ({ code: i.code, message: i.message }));
    profile.warnings.unshift(...yamlWarnings);
  }
  return { profile, issues: inReadingOrder(issues) };
}

/** A copy of the containers of a located tree; scalars and sources are shared (never changed). */
function cloneNode(node: LNode): LNode {
  if (node.kind === 'scalar') return node;
  if (node.kind === 'seq') return { kind: 'seq', src: node.src, items: node.items.map(cloneNode) };
  const entries = new Map<string, LEntry>();
  for (const [k, e] of node.entries) entries.set(k, { key: e.key, keySrc: e.keySrc, value: cloneNode(e.value) });
  return { kind: 'map', src: node.src, entries };
}

/** Flag problems first, then the file's from top to bottom (a stable sort keeps ties in order found). */
function inReadingOrder(issues: Issue[]): Issue[] {
  const key = (i: Issue): number => (i.position === undefined ? (i.file === '--set' ? -1 : 0) : i.position.line * 1e6 + i.position.col);
  return issues
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) => key(a.issue) - key(b.issue) || a.index - b.index)
    .map((x) => x.issue);
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // Walks whole sequences so the offset points at the first byte of the bad one.
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0 || i + len > bytes.length) return i;
    try {
      decoder.decode(bytes.subarray(i, i + len));
    } catch {
      return i;
    }
    i += len;
  }
  return i;
}
