// YAML text → a small tree of values that remember where they came from (file line:col, or the
// --set flag). The validator works on this tree instead of yaml's toJS() output so every issue can
// be located, and so hostile input (alias bombs, deep nesting, prototype keys, duplicate keys)
// is stopped here, before any plain object is built.

import { LineCounter, parseAllDocuments, isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Document, Node as YamlNode, YAMLError } from 'yaml';
import type { Issue, IssueCode, SourcePosition } from '../errors.js';
import { findScalarLists, type ScalarList } from './scalar-lists.js';

export interface Src {
  /** File name as given, or `--set` for a flag. */
  file: string;
  position?: SourcePosition;
  /** The raw `--set` flag this value came from. */
  flag?: string;
}

export type ScalarValue = string | number | boolean | null;

export interface LScalar {
  kind: 'scalar';
  src: Src;
  value: ScalarValue;
}
export interface LSeq {
  kind: 'seq';
  src: Src;
  items: LNode[];
}
export interface LEntry {
  key: string;
  keySrc: Src;
  value: LNode;
}
export interface LMap {
  kind: 'map';
  src: Src;
  /** A Map, so no key can ever reach an object prototype. */
  entries: Map<string, LEntry>;
}
export type LNode = LScalar | LSeq | LMap;

export const MAX_DEPTH = 64;
// yaml's own `maxAliasCount` guard acts only in toJS(); the walk below never calls toJS(), so it
// counts the nodes aliases add itself.
/** Nodes that aliases may add to the tree; a real profile reuses a few small blocks at most. */
export const MAX_ALIAS_NODES = 10_000;
/** yaml errors reported per input; the rest are noise from one cause. */
const MAX_YAML_ERRORS = 10;

export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export interface ReadYamlResult {
  /** Undefined when the text could not be read (see issues) or held no document. */
  root: LNode | undefined;
  /** True when the stream held no document at all (empty text or only comments). */
  empty: boolean;
  issues: Issue[];
}

/** `a.b`, `a[0]`: the dotted key path used in issues. */
export function joinPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

/**
 * Reads YAML text into a located tree. `origin.flag` marks every node as coming from that
 * --set flag (no line:col then). Never throws. `minListItems` is the scanner's threshold (tests
 * set it to 1, or to Infinity for yaml alone).
 */
export function readYaml(text: string, origin: { file: string; flag?: string }, options: { minListItems?: number } = {}): ReadYamlResult {
  // Long lists of plain keys are read by a scanner and yaml reads the rest (scalar-lists.ts); the
  // result stands only when yaml confirms every list's place and finds nothing to report.
  const found = origin.flag === undefined ? findScalarLists(text, options.minListItems) : null;
  if (found !== null) {
    const fast = readYamlText(found.text, origin, found.lists);
    if (fast !== null) return fast;
  }
  return readYamlText(text, origin, null) as ReadYamlResult;
}

/**
 * readYaml on `text`, where `lists` (when given) stand in for lists blanked out of it: null when
 * a list is not where yaml puts a sequence, or anything is reported (the caller then reads the
 * original text). Exported for the tests, which check that the shortcut is taken. Longer than 80
 * lines because the walk is a closure over the line counter and issue list it shares with the
 * parse checks before it, and over its own alias and depth state.
 */
export function readYamlText(text: string, origin: { file: string; flag?: string }, lists: Map<number, ScalarList> | null): ReadYamlResult | null {
  const issues: Issue[] = [];
  const lineCounter = new LineCounter();
  const srcAt = (offset: number | undefined): Src => {
    const src: Src = { file: origin.file };
    if (origin.flag !== undefined) src.flag = origin.flag;
    else if (offset !== undefined) {
      const lp = lineCounter.linePos(offset);
      src.position = { line: lp.line, col: lp.col };
    }
    return src;
  };
  const issue = (code: IssueCode, src: Src, path: string, message: string, extra: Partial<Issue> = {}): void => {
    const i: Issue = { code, severity: 'error', file: src.file, message, ...extra };
    if (src.position) i.position = src.position;
    if (path !== '') i.path = path;
    if (src.flag !== undefined) i.found = i.found === undefined ? `--set ${src.flag}` : `${i.found} in --set ${src.flag}`;
    issues.push(i);
  };

  let docs: Document.Parsed[];
  try {
    const parsed = parseAllDocuments(text, {
      lineCounter,
      // Duplicates are found below, so each is reported at the second key with its path.
      uniqueKeys: false,
      schema: 'core',
      merge: false,
      version: '1.2',
      prettyErrors: false,
    });
    docs = Array.isArray(parsed) ? parsed : [];
  } catch (e) {
    if (lists !== null) return null;
    // yaml reports its own failures as errors; a throw is a yaml bug or stack exhaustion.
    const overflow = e instanceof RangeError;
    issue(
      overflow ? 'too-deep' : 'yaml-syntax',
      srcAt(0),
      '',
      overflow ? 'the YAML is nested too deeply to read' : `the YAML parser failed (a kplan bug; please report it): ${String(e)}`,
    );
    return { root: undefined, empty: false, issues };
  }

  if (lists !== null && (docs.length !== 1 || docs[0]!.errors.length > 0 || docs[0]!.warnings.length > 0 || docs[0]!.contents == null)) return null;
  if (docs.length === 0) return { root: undefined, empty: true, issues };
  if (docs.length > 1) {
    const second = docs[1];
    issue('yaml-syntax', srcAt(second?.range[0]), '', 'the profile holds more than one YAML document', {
      expected: 'a single YAML document',
      found: `${docs.length} documents`,
      hint: 'remove the `---` separator, or split the documents into separate profiles',
    });
    return { root: undefined, empty: false, issues };
  }
  const doc = docs[0] as Document.Parsed;

  const seen = new Set<string>();
  const yamlIssue = (err: YAMLError, severity: 'error' | 'warning'): void => {
    const offset = err.pos[0];
    const key = `${err.code}@${offset}`;
    if (seen.has(key)) return;
    seen.add(key);
    if (severity === 'error' && issues.length >= MAX_YAML_ERRORS) return;
    const src = srcAt(offset);
    const firstLine = (err.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?\s*$/, '');
    const deep = err.code === 'RESOURCE_EXHAUSTION';
    const i: Issue = {
      code: deep ? 'too-deep' : 'yaml-syntax',
      severity,
      file: src.file,
      message: deep ? 'the YAML is nested too deeply to read (a profile needs a few levels; this has thousands)' : firstLine,
    };
    if (src.position) i.position = src.position;
    if (src.flag !== undefined) i.found = `--set ${src.flag}`;
    issues.push(i);
  };
  for (const err of doc.errors) yamlIssue(err, 'error');
  if (issues.length > 0) return { root: undefined, empty: false, issues };
  for (const w of doc.warnings) yamlIssue(w, 'warning');

  if (doc.contents === null || doc.contents === undefined) return { root: undefined, empty: true, issues };

  // ---- the walk ----
  let aliasDepth = 0;
  let aliasNodes = 0;
  let stopped = false;
  let reportedDeep = false;
  /** Lists that stand where yaml put their sequence; false once one is reached through an alias. */
  let listsPlaced = 0;
  let listsOk = true;
  const active = new Set<unknown>();
  // Anchors seen so far, in document order. yaml's Alias.resolve() searches the whole document
  // per alias, which is quadratic on a file of many aliases.
  const anchors = new Map<string, YamlNode>();
  const noteAnchor = (node: unknown): void => {
    // Re-walking an anchored value through an alias must not re-bind anchors defined since.
    if (aliasDepth > 0) return;
    if ((isScalar(node) || isMap(node) || isSeq(node)) && typeof node.anchor === 'string') anchors.set(node.anchor, node);
  };

  // Longer than 80 lines because one recursive step handles every node kind (alias, scalar, sequence,
  // mapping) under the same shared limits, so a limit is checked once for all of them.
  const walk = (node: unknown, depth: number, path: string, fallbackOffset: number | undefined): LNode => {
    const offset = rangeStart(node) ?? fallbackOffset;
    const src = srcAt(offset);
    const nil: LScalar = { kind: 'scalar', src, value: null };
    if (stopped) return nil;
    if (aliasDepth > 0 && ++aliasNodes > MAX_ALIAS_NODES) {
      stopped = true;
      issue('alias-limit', src, path, `YAML aliases expand to more than ${MAX_ALIAS_NODES} values`, {
        hint: 'a profile needs no more than a few small anchors; this looks like an alias bomb',
      });
      return nil;
    }
    if (node === null || node === undefined) return nil;

    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target === undefined) {
        issue('yaml-syntax', src, path, `the alias *${node.source} names no anchor`);
        return nil;
      }
      if (active.has(target)) {
        stopped = true;
        issue('alias-limit', src, path, `the alias *${node.source} refers to a value that contains it`, { hint: 'a circular alias never ends' });
        return nil;
      }
      active.add(target);
      aliasDepth++;
      const out = walk(target, depth, path, offset);
      aliasDepth--;
      active.delete(target);
      return out;
    }

    noteAnchor(node);
    if (isScalar(node)) return { kind: 'scalar', src, value: scalarValue(node.value, node.source) };

    if (isMap(node) || isSeq(node)) {
      if (depth > MAX_DEPTH) {
        if (!reportedDeep) {
          reportedDeep = true;
          issue('too-deep', src, path, `values are nested more than ${MAX_DEPTH} levels deep`, { expected: `at most ${MAX_DEPTH} levels` });
        }
        stopped = true;
        return nil;
      }
      active.add(node);
      try {
        const list = lists !== null && isSeq(node) ? lists.get(offset ?? -1) : undefined;
        if (list !== undefined) {
          // yaml read the stand-in (scalar-lists.ts): one double-quoted item from the first item's
          // start, `- ~` (one null item at the `~`), or `[ ]`.
          const item = node.items[0];
          const standIn =
            (node.flow === true) === !list.block &&
            (list.quoted
              ? node.items.length === 1 && isScalar(item) && item.type === 'QUOTE_DOUBLE' && rangeStart(item) === list.offsets[0]
              : list.block
                ? node.items.length === 1 && isScalar(item) && item.value === null && rangeStart(item) === list.start + 2
                : node.items.length === 0);
          // Through an alias the items would count toward the alias limit: left to yaml's reading.
          if (!standIn || aliasDepth > 0) {
            listsOk = false;
            stopped = true;
            return nil;
          }
          listsPlaced++;
          return { kind: 'seq', src, items: listItems(list, origin.file, lineCounter.lineStarts, srcAt) };
        }
        if (isSeq(node)) {
          const items: LNode[] = [];
          node.items.forEach((item, i) => {
            if (!stopped) items.push(walk(item, depth + 1, joinPath(path, i), offset));
          });
          return { kind: 'seq', src, items };
        }
        const entries = new Map<string, LEntry>();
        for (const pair of node.items) {
          if (stopped) break;
          if (!isPair(pair)) continue;
          const keyNode = pair.key as unknown;
          noteAnchor(keyNode);
          const keyOffset = rangeStart(keyNode) ?? offset;
          const keySrc = srcAt(keyOffset);
          const key = keyText(keyNode);
          if (key === undefined) {
            issue('wrong-type', keySrc, path, 'a key must be a plain word', {
              expected: 'a key such as `records_per_second`',
              found: describeKeyNode(keyNode),
            });
            continue;
          }
          const keyPath = joinPath(path, key);
          if (FORBIDDEN_KEYS.has(key)) {
            issue('forbidden-key', keySrc, keyPath, `the key \`${key}\` is not allowed`, {
              found: key,
              hint: '`__proto__`, `constructor` and `prototype` are never profile keys',
            });
            continue;
          }
          const first = entries.get(key);
          if (first !== undefined) {
            const at = first.keySrc.position;
            issue('duplicate-key', keySrc, keyPath, `the key \`${key}\` appears twice in the same mapping`, {
              found: key,
              hint: at ? `the first \`${key}\` is at line ${at.line}, column ${at.col}; keep one` : 'keep one',
            });
            continue;
          }
          const value = walk(pair.value, depth + 1, keyPath, rangeEnd(keyNode) ?? keyOffset);
          entries.set(key, { key, keySrc, value });
        }
        return { kind: 'map', src, entries };
      } finally {
        active.delete(node);
      }
    }
    // yaml produced a node kind a profile never has.
    return nil;
  };

  const root = walk(doc.contents, 1, '', 0);
  if (lists !== null && (!listsOk || listsPlaced !== lists.size || issues.length > 0)) return null;
  return { root: stopped && issues.length > 0 ? undefined : root, empty: false, issues };
}

/**
 * The located scalars of a scanned list. Its offsets ascend, so the line is found by walking the
 * line starts forward (what LineCounter.linePos finds by bisection for each one).
 */
function listItems(list: ScalarList, file: string, lineStarts: readonly number[], srcAt: (offset: number) => Src): LNode[] {
  const items: LNode[] = new Array(list.values.length);
  let line = 0;
  for (let i = 0; i < items.length; i++) {
    const offset = list.offsets[i]!;
    if (lineStarts.length === 0 || lineStarts[0]! > offset) {
      items[i] = { kind: 'scalar', src: srcAt(offset), value: list.values[i]! };
      continue;
    }
    while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= offset) line++;
    items[i] = { kind: 'scalar', src: { file, position: { line: line + 1, col: offset - lineStarts[line]! + 1 } }, value: list.values[i]! };
  }
  return items;
}

function rangeStart(node: unknown): number | undefined {
  if (node !== null && typeof node === 'object' && 'range' in node) {
    const r = (node as { range?: unknown }).range;
    if (Array.isArray(r) && typeof r[0] === 'number') return r[0];
  }
  return undefined;
}

function rangeEnd(node: unknown): number | undefined {
  if (node !== null && typeof node === 'object' && 'range' in node) {
    const r = (node as { range?: unknown }).range;
    if (Array.isArray(r) && typeof r[1] === 'number') return r[1];
  }
  return undefined;
}

function scalarValue(value: unknown, source: unknown): ScalarValue {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  // Tags of other schemas (dates, binary): keep the text, the validator reports the type.
  return typeof source === 'string' ? source : String(value);
}

function keyText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return typeof node.source === 'string' ? node.source : String(v);
  return undefined;
}

function describeKeyNode(node: unknown): string {
  if (node === null || node === undefined) return 'an empty key';
  if (isAlias(node)) return `the alias *${node.source}`;
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return node.value === null ? 'an empty key' : String(node.source ?? node.value);
  return 'an unreadable key';
}
