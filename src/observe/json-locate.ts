// Line and column for JSON errors. JSON.parse is fast but keeps no positions, so positions are
// found only when an error is reported: from the parser's message (syntax errors), or by walking
// the text to a JSON path (shape errors). Nothing here runs on the happy path.

import type { SourcePosition } from '../errors.js';

/** 1-based line and column of a 0-based character offset. */
export function positionOf(text: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(0, offset), text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, col: end - lineStart + 1 };
}

/** The position a JSON.parse SyntaxError names (Node 20: "at position N"; Node 22: "(line L column C)"). */
export function syntaxErrorPosition(text: string, message: string): SourcePosition | undefined {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { line: Number(lc[1]), col: Number(lc[2]) };
  const pos = /at position (\d+)/.exec(message);
  if (pos) return positionOf(text, Number(pos[1]));
  if (/Unexpected end of JSON input/.test(message)) return positionOf(text, text.length);
  return undefined;
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

function skipWs(t: string, i: number): number {
  while (i < t.length && WS.has(t.charCodeAt(i))) i++;
  return i;
}

/** End (exclusive) of the string starting at the quote at i. */
function skipString(t: string, i: number): number {
  i++;
  while (i < t.length) {
    const c = t.charCodeAt(i);
    if (c === 0x5c) i += 2;
    else if (c === 0x22) return i + 1;
    else i++;
  }
  return i;
}

/** End (exclusive) of the value starting at i (the text is valid JSON: it parsed). */
function skipValue(t: string, i: number): number {
  const c = t.charCodeAt(i);
  if (c === 0x22) return skipString(t, i);
  if (c === 0x7b || c === 0x5b) {
    // Brackets inside strings are skipped with the strings, so a depth count is enough.
    let depth = 0;
    while (i < t.length) {
      const d = t.charCodeAt(i);
      if (d === 0x22) {
        i = skipString(t, i);
        continue;
      }
      if (d === 0x7b || d === 0x5b) depth++;
      else if (d === 0x7d || d === 0x5d) {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    return i;
  }
  while (i < t.length && !WS.has(t.charCodeAt(i)) && t[i] !== ',' && t[i] !== '}' && t[i] !== ']') i++;
  return i;
}

/**
 * Offset of the value at `path` (object keys and array indexes) in valid JSON text, or of the
 * deepest container reached when the path runs out of the document.
 */
export function offsetOfPath(text: string, path: readonly (string | number)[]): number {
  let i = skipWs(text, 0);
  for (const seg of path) {
    const c = text.charCodeAt(i);
    if (c === 0x7b && typeof seg === 'string') {
      let j = skipWs(text, i + 1);
      let found = -1;
      while (j < text.length && text[j] === '"') {
        const keyEnd = skipString(text, j);
        let key: string;
        try {
          key = JSON.parse(text.slice(j, keyEnd)) as string;
        } catch {
          return i;
        }
        j = skipWs(text, keyEnd) + 1; // past ':'
        j = skipWs(text, j);
        if (key === seg) found = j; // the last duplicate wins, as in JSON.parse
        j = skipWs(text, skipValue(text, j));
        if (text[j] === ',') j = skipWs(text, j + 1);
      }
      if (found < 0) return i;
      i = found;
    } else if (c === 0x5b && typeof seg === 'number') {
      let j = skipWs(text, i + 1);
      let k = 0;
      while (k < seg && j < text.length && text[j] !== ']') {
        j = skipWs(text, skipValue(text, j));
        if (text[j] === ',') j = skipWs(text, j + 1);
        k++;
      }
      if (text[j] === ']' || j >= text.length) return i;
      i = j;
    } else {
      return i;
    }
  }
  return i;
}

/** Line and column of the value at `path`. */
export function positionOfPath(text: string, path: readonly (string | number)[]): SourcePosition {
  return positionOf(text, offsetOfPath(text, path));
}

/** `MetricDataResults[3].Values[17]` */
export function formatJsonPath(path: readonly (string | number)[]): string {
  let s = '';
  for (const seg of path) s += typeof seg === 'number' ? `[${seg}]` : s === '' ? seg : `.${seg}`;
  return s;
}
