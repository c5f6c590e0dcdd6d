// `--set key.path=value`: overrides applied to the parsed profile before validation, so an
// overridden value meets exactly the checks a value in the file meets.

import type { Issue } from '../errors.js';
import { FORBIDDEN_KEYS, joinPath, readYaml } from './located.js';
import type { LEntry, LMap, LNode, LScalar, LSeq, Src } from './located.js';

export interface SetOverride {
  /** Key path; numbers index lists (`consumers.0.efo` → ['consumers', 0, 'efo']). */
  path: (string | number)[];
  /** The value as YAML text: a scalar or a flow collection. */
  valueText: string;
  /** The flag as given, for messages. */
  raw: string;
}

const MAX_INDEX = 1_000_000;

function badSet(raw: string, message: string, extra: Partial<Issue> = {}): Issue {
  return {
    code: 'bad-set',
    severity: 'error',
    file: '--set',
    message,
    expected: 'key.path=value, e.g. `traffic.records_per_second=500` or `consumers.0.efo=true`',
    found: raw,
    ...extra,
  };
}

export function isIssue(x: SetOverride | Issue): x is Issue {
  return 'code' in x;
}

/** Formats a parsed path the way issues name keys: `consumers[0].efo`. */
export function formatSetPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((acc, seg) => joinPath(acc, seg), '');
}

/**
 * Reads one `--set` flag. The path is split on `.` (`a[0].b` is accepted too); all-digit segments
 * index lists. The value is YAML: `true`, `1.5`, `1KiB`, `[1, 2]`, `{average: 1KiB, p99: 8KiB}`.
 */
export function parseSetFlag(raw: string): SetOverride | Issue {
  const eq = raw.indexOf('=');
  if (eq < 0) return badSet(raw, `the --set flag \`${raw}\` has no \`=\``);
  const pathText = raw.slice(0, eq).trim();
  const valueText = raw.slice(eq + 1);
  if (pathText === '') return badSet(raw, `the --set flag \`${raw}\` names no key`);
  const segments = pathText.replace(/\[([^\]]*)\]/g, '.$1').split('.');
  const path: (string | number)[] = [];
  for (const seg of segments) {
    const s = seg.trim();
    if (s === '') return badSet(raw, `the key path \`${pathText}\` has an empty segment`);
    if (FORBIDDEN_KEYS.has(s)) {
      return badSet(raw, `the key path \`${pathText}\` goes through \`${s}\`, which is never a profile key`, {
        hint: '`__proto__`, `constructor` and `prototype` are not allowed',
      });
    }
    if (/^[0-9]+$/.test(s)) {
      const n = Number(s);
      if (!Number.isSafeInteger(n) || n > MAX_INDEX) return badSet(raw, `the list index ${s} in \`${pathText}\` is too large`);
      path.push(n);
    } else {
      path.push(s);
    }
  }
  const value = readYaml(valueText, { file: '--set', flag: raw });
  const err = value.issues.find((i) => i.severity === 'error');
  if (err !== undefined) {
    return badSet(raw, `the value of --set \`${pathText}\` is not valid YAML: ${err.message}`, {
      expected: 'a YAML value: a number, a word, `[a, b]` or `{key: value}`',
    });
  }
  return { path, valueText, raw };
}

/**
 * Applies overrides to the located tree (in place), creating missing mappings and lists.
 * Returns `bad-set` issues for flags that cannot be applied; those flags change nothing.
 */
export function applyOverrides(root: LMap, overrides: readonly SetOverride[]): Issue[] {
  const issues: Issue[] = [];
  for (const o of overrides) {
    const issue = applyOne(root, o);
    if (issue !== undefined) issues.push(issue);
  }
  return issues;
}

function applyOne(root: LMap, o: SetOverride): Issue | undefined {
  const src: Src = { file: '--set', flag: o.raw };
  const read = readYaml(o.valueText, { file: '--set', flag: o.raw });
  const bad = read.issues.find((i) => i.severity === 'error');
  if (bad !== undefined) return badSet(o.raw, `the value of --set \`${formatSetPath(o.path)}\` is not valid YAML: ${bad.message}`);
  const value: LNode = read.root ?? { kind: 'scalar', src, value: null };
  if (o.path.length === 0) return badSet(o.raw, `the --set flag \`${o.raw}\` names no key`);

  let cur: LNode = root;
  let curPath = '';
  for (let i = 0; i < o.path.length; i++) {
    const seg = o.path[i] as string | number;
    const last = i === o.path.length - 1;
    const next = o.path[i + 1];
    const fresh = (): LNode => (typeof next === 'number' ? ({ kind: 'seq', src, items: [] } as LSeq) : ({ kind: 'map', src, entries: new Map() } as LMap));
    if (typeof seg === 'string') {
      if (cur.kind !== 'map') {
        return badSet(o.raw, `\`${curPath}\` is ${describe(cur)}, so it has no key \`${seg}\``, {
          hint: cur.kind === 'seq' ? `index the list with a number: \`${curPath}.0.${seg}\`` : `set the whole value: \`--set ${curPath}=…\``,
        });
      }
      if (FORBIDDEN_KEYS.has(seg)) return badSet(o.raw, `\`${seg}\` is never a profile key`);
      const existing: LEntry | undefined = cur.entries.get(seg);
      if (last) {
        cur.entries.set(seg, { key: seg, keySrc: existing?.keySrc ?? src, value });
        return undefined;
      }
      if (existing === undefined || isNull(existing.value)) {
        const child = fresh();
        cur.entries.set(seg, { key: seg, keySrc: existing?.keySrc ?? src, value: child });
        cur = child;
      } else {
        cur = existing.value;
      }
    } else {
      if (cur.kind !== 'seq') {
        return badSet(o.raw, `\`${curPath}\` is ${describe(cur)}, not a list, so it cannot be indexed with ${seg}`);
      }
      if (seg > cur.items.length) {
        return badSet(o.raw, `\`${curPath}\` has ${cur.items.length} item(s); index ${seg} is past its end`, {
          hint: `indexes run from 0 to ${cur.items.length} (${cur.items.length} appends a new item)`,
        });
      }
      if (last) {
        cur.items[seg] = value;
        return undefined;
      }
      const existing: LNode | undefined = cur.items[seg];
      if (existing === undefined || isNull(existing)) {
        const child = fresh();
        cur.items[seg] = child;
        cur = child;
      } else {
        cur = existing;
      }
    }
    curPath = joinPath(curPath, seg);
  }
  return undefined;
}

function isNull(n: LNode): n is LScalar {
  return n.kind === 'scalar' && n.value === null;
}

function describe(n: LNode): string {
  if (n.kind === 'map') return 'a mapping';
  if (n.kind === 'seq') return 'a list';
  return n.value === null ? 'empty' : `the value \`${String(n.value)}\``;
}
