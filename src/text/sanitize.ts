// The one sanitiser of text that came from outside kplan (profile names, keys, values echoed in
// messages, file names) before it reaches any output: a terminal, a pull-request comment, or a
// GitHub Actions log, whose runner executes lines that start with `::` as workflow commands
// (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands).
// Nothing here touches the model: it is applied by renderers and by the CLI's output guard.

/**
 * Characters that are never printed raw: C0 controls (NUL, ESC, line breaks, …), DEL and C1
 * controls, Unicode line/paragraph separators, bidi embeddings, overrides, isolates and marks
 * (Trojan Source, CVE-2021-42574), zero-width characters and the byte-order mark.
 */
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;

const NEEDS_SANITIZING = new RegExp(`${HIDDEN.source}|##\\[|^\\s*::`);

/** `\u001b` for one character (valid inside a JSON string, readable in a terminal). */
function escapeChar(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A string from the input made safe to print inside a line: every hidden or control character
 * becomes a visible escape (`\n`, `\u001b`, `\u202e`), a leading `::` (a workflow command once the
 * string starts a line) becomes `\u003a:`, and `##[` (the runner's older command form, read
 * anywhere in a line) becomes `#\u0023[`. Clean strings are returned unchanged, so it is idempotent.
 */
export function sanitize(text: string): string {
  if (!NEEDS_SANITIZING.test(text)) return text;
  let s = text.replace(HIDDEN, (ch) => NAMED[ch] ?? escapeChar(ch));
  s = s.replace(/##\[/g, '#\\u0023[');
  return s.replace(/^(\s*)::/, '$1\\u003a:');
}

/** True when `sanitize` would change nothing. */
export function isClean(text: string): boolean {
  return sanitize(text) === text;
}

/** A copy of a JSON-like value with every string (and object key) sanitised; other values as they are. */
export function sanitizeDeep<T>(value: T): T {
  return walk(value, new Map()) as T;
}

function walk(value: unknown, seen: Map<object, unknown>): unknown {
  if (typeof value === 'string') return sanitize(value);
  if (value === null || typeof value !== 'object') return value;
  const done = seen.get(value);
  if (done !== undefined) return done;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const v of value) out.push(walk(v, seen));
    return out;
  }
  if (value instanceof Map || value instanceof Set || value instanceof Date || ArrayBuffer.isView(value)) return value;
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  for (const [k, v] of Object.entries(value)) out[sanitize(k)] = walk(v, seen);
  return out;
}

/** What the output guard may let through: colour escapes (SGR) when colour is on. */
export interface GuardOptions {
  color: boolean;
}

const SGR = /^\u001b\[[0-9;]*m/;

/** Anything guardOutput would change; text without it is returned as it is (the common case, fast). */
const SUSPECT = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]|##\[|(?:^|\n)\s*::/;

/**
 * The last line of defence, applied by the CLI to everything it writes to stdout and stderr
 * (except the annotation writer's own workflow commands): hidden and control characters other
 * than the line feed become `\uXXXX` (a valid JSON escape, so JSON stays the same data); a line
 * that would start with `::` (after whitespace, which the runner trims) starts with `\u003a:`;
 * `##[` becomes `#\u0023[`. `blankSoFar` says whether the line this text continues holds only
 * whitespace (true at the start of the output).
 */
export function guardOutput(text: string, opts: GuardOptions, blankSoFar = true): string {
  if (!SUSPECT.test(text)) return text;
  let out = '';
  let i = 0;
  let indent = blankSoFar; // only whitespace so far on this line
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '\n') {
      out += ch;
      i++;
      indent = true;
      continue;
    }
    if (ch === '\u001b' && opts.color) {
      const m = SGR.exec(text.slice(i, i + 16));
      if (m !== null) {
        out += m[0];
        i += m[0].length;
        continue;
      }
    }
    HIDDEN.lastIndex = 0;
    if (HIDDEN.test(ch)) {
      out += escapeChar(ch);
      indent = false;
      i++;
      continue;
    }
    if (ch === ':' && indent && text[i + 1] === ':') {
      out += '\\u003a';
      indent = false;
      i++;
      continue;
    }
    if (ch === '#' && text.startsWith('##[', i)) {
      out += '#\\u0023';
      indent = false;
      i += 2;
      continue;
    }
    if (!/\s/.test(ch)) indent = false;
    out += ch;
    i++;
  }
  return out;
}
