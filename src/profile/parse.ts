// The one entry point from profile bytes (plus --set flags) to a validated Profile. Pure: the
// caller reads the file; every failure, however hostile the input, comes back as an Issue.

import type { Issue } from '../errors.js';
import { readYaml } from './located.js';
import type { LMap } from './located.js';
import { applyOverrides, isIssue, parseSetFlag } from './set.js';
import type { SetOverride } from './set.js';
import type { Profile } from './types.js';
import { validateProfile } from './validate.js';

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
  try {
    return parseUnchecked(input, options);
  } catch (e) {
    // The parser is written not to throw; this keeps a missed case from becoming a crash.
    const deep = e instanceof RangeError;
    return {
      profile: undefined,
      issues: [
        {
          code: deep ? 'too-deep' : 'yaml-syntax',
          severity: 'error',
          file: options.file,
          message: deep ? 'the profile is nested too deeply to read (stack exhausted)' : `the profile could not be read because of a kplan bug; please report it: ${String(e)}`,
        },
      ],
    };
  }
}

function parseUnchecked(input: string | Uint8Array, options: ParseOptions): ParseResult {
  const file = options.file;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const fail = (issue: Issue): ParseResult => ({ profile: undefined, issues: [issue] });

  const size = typeof input === 'string' ? utf8Length(input, maxBytes) : input.byteLength;
  if (size > maxBytes) {
    return fail({
      code: 'too-large',
      severity: 'error',
      file,
      message: `the profile is larger than ${maxBytes.toLocaleString('en-US')} bytes`,
      expected: `at most ${maxBytes.toLocaleString('en-US')} bytes`,
      found: typeof input === 'string' ? `more than ${maxBytes.toLocaleString('en-US')} bytes` : `${input.byteLength.toLocaleString('en-US')} bytes`,
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

  const issues: Issue[] = [];
  const overrides: SetOverride[] = [];
  for (const raw of options.overrides ?? []) {
    const o = parseSetFlag(raw);
    if (isIssue(o)) issues.push(o);
    else overrides.push(o);
  }

  const read = readYaml(text, { file });
  issues.push(...read.issues);
  if (read.empty) {
    issues.push({
      code: 'wrong-type',
      severity: 'error',
      file,
      position: { line: 1, col: 1 },
      message: 'the profile is empty',
      expected: 'a mapping with `version: 1` and `traffic`',
      found: 'an empty document',
      hint: '`kplan init` writes a starter profile',
    });
    return { profile: undefined, issues };
  }
  if (read.root === undefined || read.issues.some((i) => i.severity === 'error' && i.code !== 'duplicate-key' && i.code !== 'forbidden-key')) {
    return { profile: undefined, issues };
  }

  const root = read.root;
  if (root.kind === 'map') issues.push(...applyOverrides(root as LMap, overrides));
  const result = validateProfile(root, file, options.regionCodes);
  issues.push(...result.issues);
  const failed = issues.some((i) => i.severity === 'error');
  const profile = failed ? undefined : result.profile;
  // Warnings from reading the YAML (unknown tags) belong with the profile's own warnings.
  if (profile !== undefined) {
    const yamlWarnings = read.issues.filter((i) => i.severity === 'warning').map((i) => ({ code: i.code, message: i.message }));
    profile.warnings.unshift(...yamlWarnings);
  }
  return { profile, issues: inReadingOrder(issues) };
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
