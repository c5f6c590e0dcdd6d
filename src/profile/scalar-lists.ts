// Long lists of simple string scalars (a profile's `partition_keys` may list 100,000 keys), read
// without the yaml package. yaml builds several objects and generator steps per token, about 1 s for
// 100,000 keys; this scanner reads the list in one pass. It is only ever a shortcut: located.ts
// blanks each list it found out of the text, lets yaml read the rest, and keeps the result only
// when yaml put a sequence exactly where the list was and reported nothing; otherwise it reads the
// original text with yaml alone, so every message and position stays yaml's.
//
// Accepted (anything else, and the scan declines): a flow sequence `[a, "b", 'c']` or a block
// sequence of `- a` lines, whose items are ASCII plain scalars that the YAML 1.2 core schema reads
// as strings, or single/double-quoted ASCII strings without escapes, each on one line; comments
// after whitespace. https://yaml.org/spec/1.2.2/#74-flow-collection-styles

/** A list found in the text, and what stands in for it in the text yaml reads. */
export interface ScalarList {
  /** Offset of `[` or of the first `-`: where yaml's sequence node must start. */
  start: number;
  /** A block list (`- a` lines), else a flow list (`[a, b]`). */
  block: boolean;
  /**
   * What stands in for the list: `- ~` (one null item) or `[ ]` on one line; over several lines a
   * single double-quoted item from the first item's start to the last one's end (`- "  …  "`,
   * `[ "  …  " ]`), so yaml reads the blank lines inside one token instead of line by line.
   */
  quoted: boolean;
  /** Item values, in order. */
  values: string[];
  /** Offset of each item's first character (its opening quote when quoted). */
  offsets: number[];
  /** Offset after the last item. */
  lastEnd: number;
}

export interface ScalarLists {
  /** The text with each list blanked out (same length, same line breaks, so same positions). */
  text: string;
  /** The lists, by start offset. */
  lists: Map<number, ScalarList>;
}

/** Below this many items yaml reads a list fast enough; the shortcut is for long key lists. */
export const MIN_LIST_ITEMS = 64;

const SPACE = 0x20;
const LF = 0x0a;
const CR = 0x0d;
const HASH = 0x23;

/** Characters a plain item may start with: none is a YAML indicator, so the item is plain text. */
const FIRST = charSet('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_');
/** Characters after the first: no `:`, `#`, `,`, brackets, braces, quotes or whitespace. */
const REST = charSet('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-/+@=~$%^&*!?;()<>|');

function charSet(chars: string): Uint8Array {
  const s = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) s[chars.charCodeAt(i)] = 1;
  return s;
}

/** What the YAML 1.2 core schema reads as null, a boolean or a number (yaml's core tags' tests). */
const NOT_A_STRING =
  /^(?:~|[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/;
/** First characters of the words above that FIRST allows. */
const MAYBE_NOT_A_STRING = charSet('0123456789nNtTfF');

/**
 * Finds the lists of at least `minItems` simple string items in `text`; null when there is none.
 * Linear in the text: a flow attempt stops before the next `[`, and a failed block attempt skips
 * the lines it read.
 */
export function findScalarLists(text: string, minItems = MIN_LIST_ITEMS): ScalarLists | null {
  const found: { list: ScalarList; end: number }[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x5b /* [ */) {
      const r = scanFlow(text, i);
      if (r !== null && r.list.values.length >= minItems) {
        found.push(r);
        i = r.end;
        continue;
      }
    } else if (i === 0 || text.charCodeAt(i - 1) === LF) {
      let p = i;
      while (p < n && text.charCodeAt(p) === SPACE) p++;
      if (text.charCodeAt(p) === 0x2d /* - */ && text.charCodeAt(p + 1) === SPACE) {
        const r = scanBlock(text, i, p - i);
        if (r.list !== null && r.list.values.length >= minItems) {
          found.push({ list: r.list, end: r.end });
          i = r.end;
          continue;
        }
        // The lines read cannot start a list either: each would end at the same line.
        if (r.end > i) {
          i = r.end;
          continue;
        }
      }
    }
    i++;
  }
  if (found.length === 0) return null;
  const parts: string[] = [];
  const lists = new Map<number, ScalarList>();
  let at = 0;
  for (const { list, end } of found) {
    parts.push(text.slice(at, list.start));
    // Everything but line breaks becomes a space, so every later offset keeps its line and column:
    // `-` or `[` and `]` where they were, and `~` or quotes at the first and last items.
    const first = list.offsets[0]!;
    const last = list.lastEnd - 1;
    list.quoted = last > first && text.lastIndexOf('\n', last) > first;
    const open = list.block ? '-' : '[';
    const close = list.block ? '' : ']';
    const inner = list.block ? end : end - 1;
    if (list.quoted) {
      parts.push(open, blank(text.slice(list.start + 1, first)), '"', blank(text.slice(first + 1, last)), '"', blank(text.slice(last + 1, inner)), close);
    } else if (list.block) parts.push('- ~', blank(text.slice(list.start + 3, end)));
    else parts.push('[', blank(text.slice(list.start + 1, end - 1)), ']');
    lists.set(list.start, list);
    at = end;
  }
  parts.push(text.slice(at));
  return { text: parts.join(''), lists };
}

/** `s` with every character but line breaks a space (a regex replace is 20× slower on 100,000 keys). */
function blank(s: string): string {
  return s
    .split('\n')
    .map((line) => (line.endsWith('\r') ? `${' '.repeat(line.length - 1)}\r` : ' '.repeat(line.length)))
    .join('\n');
}

/**
 * One item at `p`: its value and the offset after it, or null. Quoted items hold printable ASCII
 * without their quote or a backslash (no escapes, no folding); plain items are FIRST REST*.
 */
function scanItem(text: string, p: number): { value: string; end: number } | null {
  const c = text.charCodeAt(p);
  if (c === 0x22 /* " */ || c === 0x27 /* ' */) {
    let q = p + 1;
    for (;;) {
      const d = text.charCodeAt(q);
      if (d === c) break;
      if (!(d >= SPACE && d <= 0x7e) || d === 0x5c /* \ */) return null;
      q++;
    }
    // '' inside single quotes is an escaped quote: left to yaml.
    if (c === 0x27 && text.charCodeAt(q + 1) === 0x27) return null;
    return { value: text.slice(p + 1, q), end: q + 1 };
  }
  if (!(c < 128 && FIRST[c] === 1)) return null;
  let q = p + 1;
  for (;;) {
    const d = text.charCodeAt(q);
    if (d < 128 && REST[d] === 1) q++;
    else break;
  }
  const value = text.slice(p, q);
  if (MAYBE_NOT_A_STRING[c] === 1 && NOT_A_STRING.test(value)) return null;
  return { value, end: q };
}

/**
 * Skips spaces, comments and line breaks inside a flow list; every line after the first must be
 * blank or indented more than `indent` (the `[` line's), or, when `keyLine` (the `[` line starts
 * with a plain key, as in `  key: [`), start with the closing `]` at `indent` or more. Returns the
 * next offset, or -1.
 */
function skipFlowSpace(text: string, p: number, indent: number, keyLine: boolean): number {
  const n = text.length;
  let spaced = p > 0 && (text.charCodeAt(p - 1) === SPACE || text.charCodeAt(p - 1) === LF);
  for (;;) {
    if (p >= n) return -1;
    const c = text.charCodeAt(p);
    if (c === SPACE) {
      p++;
      spaced = true;
    } else if (c === HASH) {
      if (!spaced) return -1;
      while (p < n && text.charCodeAt(p) !== LF) p++;
    } else if (c === LF || (c === CR && text.charCodeAt(p + 1) === LF)) {
      p += c === CR ? 2 : 1;
      let q = p;
      while (q < n && text.charCodeAt(q) === SPACE) q++;
      const d = text.charCodeAt(q);
      const blank = q >= n || d === LF || (d === CR && text.charCodeAt(q + 1) === LF);
      if (!blank && q - p <= indent && !(keyLine && q - p === indent && d === 0x5d /* ] */)) return -1;
      p = q;
      spaced = true;
    } else return p;
  }
}

/** A flow list `[ … ]` at `start`, and the offset after `]`; null when it is not a simple one. */
function scanFlow(text: string, start: number): { list: ScalarList; end: number } | null {
  // The indent that counts is where the `[` line's content starts past any `- ` item marks: in
  // `  - k: [` the mapping holding `k` is at column 4, and the list's lines must be deeper.
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let q = lineStart;
  while (text.charCodeAt(q) === SPACE) q++;
  while (text.charCodeAt(q) === 0x2d /* - */ && text.charCodeAt(q + 1) === SPACE) {
    q += 2;
    while (text.charCodeAt(q) === SPACE) q++;
  }
  const indent = q - lineStart;
  const lineFirst = text.charCodeAt(q);
  const keyLine = lineFirst < 128 && FIRST[lineFirst] === 1;
  const values: string[] = [];
  const offsets: number[] = [];
  let lastEnd = start + 1;
  let p = skipFlowSpace(text, start + 1, indent, keyLine);
  if (p < 0) return null;
  for (;;) {
    if (text.charCodeAt(p) === 0x5d /* ] */) break;
    const item = scanItem(text, p);
    if (item === null) return null;
    values.push(item.value);
    offsets.push(p);
    lastEnd = item.end;
    p = skipFlowSpace(text, item.end, indent, keyLine);
    if (p < 0) return null;
    const c = text.charCodeAt(p);
    if (c === 0x2c /* , */) {
      p = skipFlowSpace(text, p + 1, indent, keyLine);
      if (p < 0) return null;
    } else if (c !== 0x5d) return null;
  }
  const end = p + 1;
  // After `]`: only spaces and a comment to the end of the line (not a key's `:`, not `]#`).
  if (restOfLine(text, end) < 0) return null;
  return { list: { start, block: false, quoted: false, values, offsets, lastEnd }, end };
}

/** Offset of the line break (or end) after `p` when only spaces and a ` #` comment follow; else -1. */
function restOfLine(text: string, p: number): number {
  const n = text.length;
  let spaced = false;
  while (p < n) {
    const c = text.charCodeAt(p);
    if (c === LF || (c === CR && text.charCodeAt(p + 1) === LF)) return p;
    if (c === SPACE) spaced = true;
    else if (c === HASH && spaced) {
      while (p < n && text.charCodeAt(p) !== LF) p++;
      return text.charCodeAt(p - 1) === CR ? p - 1 : p;
    } else return -1;
    p++;
  }
  return p;
}

/**
 * A block list whose first `- ` line starts at `lineStart` with `indent` spaces. Returns the list
 * (null when it is not a simple one) and the offset after the lines read (to skip on failure).
 */
function scanBlock(text: string, lineStart: number, indent: number): { list: ScalarList | null; end: number } {
  const n = text.length;
  const values: string[] = [];
  const offsets: number[] = [];
  let line = lineStart;
  /** End of the last item line: the list ends there, blank lines after it are not its own. */
  let end = lineStart;
  let lastEnd = lineStart;
  for (;;) {
    let p = line;
    while (p < n && text.charCodeAt(p) === SPACE) p++;
    const c = text.charCodeAt(p);
    const blank = p >= n || c === LF || (c === CR && text.charCodeAt(p + 1) === LF);
    if (!blank) {
      if (p - line !== indent || c !== 0x2d /* - */ || text.charCodeAt(p + 1) !== SPACE) break;
      let q = p + 1;
      while (text.charCodeAt(q) === SPACE) q++;
      const item = scanItem(text, q);
      const eol = item === null ? -1 : restOfLine(text, item.end);
      if (item === null || eol < 0) return { list: null, end: Math.max(end, lineStart) };
      values.push(item.value);
      offsets.push(q);
      lastEnd = item.end;
      end = eol;
    }
    if (p >= n) break;
    const next = text.indexOf('\n', p);
    if (next < 0) {
      line = n;
      break;
    }
    line = next + 1;
    if (line >= n) break;
  }
  // What follows must end the sequence: the end of the text, or a line indented less, or as much
  // but not another `-` item (a mapping key after a list at the key's own indent).
  let p = line;
  while (p < n && text.charCodeAt(p) === SPACE) p++;
  if (p < n && (p - line > indent || (p - line === indent && text.charCodeAt(p) === 0x2d))) return { list: null, end };
  const start = lineStart + indent;
  return { list: values.length > 0 ? { start, block: true, quoted: false, values, offsets, lastEnd } : null, end };
}
