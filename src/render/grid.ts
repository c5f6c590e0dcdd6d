// The borderless column layout of the text report: columns two spaces apart, a `─` rule under the
// head, cells word-wrapped to given widths. It reproduces byte for byte what cli-table3 0.6 printed
// for the same table (compact style, no padding, `wordWrap` on word boundaries), including its
// quirks: a word longer than its column is cut with `…`, blank lines of a wrapped cell are dropped,
// and bold or a colour left open at a line break is closed there and reopened on the next line.
// cli-table3 cost ~30 ms of start-up for a few lines of table; test/render/grid.test.ts checks this
// against it.

import { displayWidth } from '../text/width.js';

export type Align = 'left' | 'right' | 'center';

/** SGR colour codes, as cli-table3 recognises them (at most six parameters). */
const SGR = /\u001b\[(?:\d*;){0,5}\d*m/g;
const SGR_CAPTURE = /\u001b\[((?:\d*;){0,5}\d*)m/g;
const OSC8_CLOSE = '\x1B]8;;\x07';
const ELLIPSIS = '…';

/** Widest line of `text` in columns, colour codes ignored. */
function strlen(text: string): number {
  const plain = text.includes('\u001b') ? text.replace(SGR, '') : text;
  let width = 0;
  for (const line of plain.split('\n')) width = Math.max(width, displayWidth(line));
  return width;
}

function repeat(s: string, times: number): string {
  return times > 0 ? s.repeat(times) : '';
}

// --- Colour state carried across wrapped lines -------------------------------------------------
// Only these attributes are re-opened on a continuation line; dim (2) is not among them, its close
// (22) is bold's. Foreground and background are remembered as their last code.

const ATTRS: Record<string, { on: string; off: string }> = {};
const CODE_ATTR: Record<string, { set: string; to: boolean }> = {};
for (const [name, on, off] of [
  ['bold', 1, 22],
  ['italics', 3, 23],
  ['underline', 4, 24],
  ['inverse', 7, 27],
  ['strikethrough', 9, 29],
] as const) {
  ATTRS[name] = { on: `\u001b[${on}m`, off: `\u001b[${off}m` };
  CODE_ATTR[`\u001b[${on}m`] = { set: name, to: true };
  CODE_ATTR[`\u001b[${off}m`] = { set: name, to: false };
}

/** Attribute name → on/off, plus `fg`/`bg` → last code; insertion order matters (it orders the codes). */
type ColourState = Map<string, boolean | string>;

function updateState(state: ColourState, sequence: string, params: string): void {
  const code = params !== '' ? parseInt(params.split(';')[0] as string, 10) : 0;
  if ((code >= 30 && code <= 39) || (code >= 90 && code <= 97)) {
    state.set('fg', sequence);
  } else if ((code >= 40 && code <= 49) || (code >= 100 && code <= 107)) {
    state.set('bg', sequence);
  } else if (code === 0) {
    state.clear();
  } else {
    const info = CODE_ATTR[sequence];
    if (info) state.set(info.set, info.to);
  }
}

function readState(line: string): ColourState {
  const state: ColourState = new Map();
  if (!line.includes('\u001b')) return state;
  for (const m of line.matchAll(SGR_CAPTURE)) updateState(state, m[0], m[1] as string);
  return state;
}

/** `line` with every attribute open in `state` closed at its end. */
function unwindState(state: ColourState, line: string): string {
  let out = line;
  for (const [key, value] of state) {
    if (key !== 'fg' && key !== 'bg' && value === true) out += (ATTRS[key] as { off: string }).off;
  }
  const bg = state.get('bg');
  if (typeof bg === 'string' && bg !== '\u001b[49m') out += '\u001b[49m';
  const fg = state.get('fg');
  if (typeof fg === 'string' && fg !== '\u001b[39m') out += '\u001b[39m';
  return out;
}

/** `line` with every attribute open in `state` opened again at its start. */
function rewindState(state: ColourState, line: string): string {
  let out = line;
  for (const [key, value] of state) {
    if (key !== 'fg' && key !== 'bg' && value === true) out = (ATTRS[key] as { on: string }).on + out;
  }
  const bg = state.get('bg');
  if (typeof bg === 'string' && bg !== '\u001b[49m') out = bg + out;
  const fg = state.get('fg');
  if (typeof fg === 'string' && fg !== '\u001b[39m') out = fg + out;
  return out;
}

/** Each line closes what it opened and reopens what the line before left open. */
function colorizeLines(lines: string[]): string[] {
  let state: ColourState = new Map();
  return lines.map((input) => {
    const line = rewindState(state, input);
    state = readState(line);
    return unwindState(state, line);
  });
}

// --- Wrapping, cutting, padding -----------------------------------------------------------------

/** Greedy word wrap of one line; runs of whitespace are kept inside a line and dropped at breaks. */
function wordWrap(maxWidth: number, input: string): string[] {
  const lines: string[] = [];
  const split = input.split(/(\s+)/g);
  let line: string[] = [];
  let lineWidth = 0;
  let whitespace: string | undefined;
  for (let i = 0; i < split.length; i += 2) {
    const word = split[i] as string;
    let width = lineWidth + strlen(word);
    if (lineWidth > 0 && whitespace) width += whitespace.length;
    if (width > maxWidth) {
      if (lineWidth !== 0) lines.push(line.join(''));
      line = [word];
      lineWidth = strlen(word);
    } else {
      line.push(whitespace || '', word);
      lineWidth = width;
    }
    whitespace = split[i + 1];
  }
  if (lineWidth) lines.push(line.join(''));
  return lines;
}

function truncateWidth(text: string, width: number): string {
  if (text.length === strlen(text)) return text.substring(0, width);
  let s = text;
  while (strlen(s) > width) s = s.slice(0, -1);
  return s;
}

/** The first `width` columns of `text`, colour codes kept and closed. */
function truncateWidthWithAnsi(text: string, width: number): string {
  const codes = text.matchAll(SGR_CAPTURE);
  const pieces = text.split(SGR);
  let piece = 0;
  let outWidth = 0;
  let out = '';
  const state: ColourState = new Map();
  while (outWidth < width) {
    const code = codes.next();
    let add = pieces[piece++] as string;
    if (outWidth + strlen(add) > width) add = truncateWidth(add, width - outWidth);
    out += add;
    outWidth += strlen(add);
    if (outWidth < width) {
      if (code.done === true) break;
      out += code.value[0];
      updateState(state, code.value[0], code.value[1] as string);
    }
  }
  return unwindState(state, out);
}

/** `text` cut to `width` columns with a trailing `…` when it does not fit. */
function truncate(text: string, width: number): string {
  if (strlen(text) <= width) return text;
  let out = truncateWidthWithAnsi(text, width - ELLIPSIS.length) + ELLIPSIS;
  if (text.includes(OSC8_CLOSE) && !out.includes(OSC8_CLOSE)) out += OSC8_CLOSE;
  return out;
}

function pad(text: string, width: number, align: Align | undefined): string {
  const length = strlen(text);
  if (width + 1 < length) return text;
  const fill = width - length;
  if (align === 'right') return repeat(' ', fill) + text;
  if (align === 'center') {
    const right = Math.ceil(fill / 2);
    return repeat(' ', fill - right) + text + repeat(' ', right);
  }
  return text + repeat(' ', fill);
}

/** A cell's lines: word-wrapped to its column when the column has a set width, else split at newlines. */
function cellLines(content: string, setWidth: number | undefined, wrap: boolean, padding: number): string[] {
  if (setWidth !== undefined && setWidth !== 0 && !Number.isNaN(setWidth) && wrap) {
    const wrapped: string[] = [];
    for (const line of content.split('\n')) wrapped.push(...wordWrap(setWidth - padding, line));
    return colorizeLines(wrapped);
  }
  return colorizeLines(content.split('\n'));
}

/** Border characters, named as in cli-table3. */
export interface TableChars {
  top: string;
  topMid: string;
  topLeft: string;
  topRight: string;
  bottom: string;
  bottomMid: string;
  bottomLeft: string;
  bottomRight: string;
  left: string;
  leftMid: string;
  mid: string;
  midMid: string;
  right: string;
  rightMid: string;
  middle: string;
}

/** The box of cli-table3's default style. */
export const BOX_CHARS: TableChars = {
  top: '─',
  topMid: '┬',
  topLeft: '┌',
  topRight: '┐',
  bottom: '─',
  bottomMid: '┴',
  bottomLeft: '└',
  bottomRight: '┘',
  left: '│',
  leftMid: '├',
  mid: '─',
  midMid: '┼',
  right: '│',
  rightMid: '┤',
  middle: '│',
};

export interface TableLayout {
  chars: TableChars;
  /** Spaces either side of a cell's text. */
  padding: number;
  /** Only one rule between rows: the one under the head. */
  compact: boolean;
  /** A column's width, rules included; a column without one is as wide as its widest line plus padding. */
  colWidths?: readonly (number | undefined)[];
  colAligns?: readonly (Align | undefined)[];
  /** Word-wrap cells of columns with a set width. */
  wordWrap: boolean;
}

/**
 * Lays out a head and rows, all of the head's length, as cli-table3 0.6 does for tables without
 * spanning cells and without head or border colours. Returns the lines joined by `\n`.
 */
export function layoutTable(head: readonly string[], rows: readonly (readonly string[])[], layout: TableLayout): string {
  const { chars, padding, compact, wordWrap: wrap } = layout;
  const setWidths = layout.colWidths ?? [];
  const aligns = layout.colAligns ?? [];
  const table = [head, ...rows];
  const widths = head.map((_, x) => {
    const set = setWidths[x];
    if (typeof set === 'number') return Math.max(1, set || 0);
    let width = 1;
    for (const row of table) width = Math.max(width, strlen(String(row[x] ?? '')) + 2 * padding);
    return width;
  });
  const rule = (first: string, fill: string, join: string, last: string): string => first + widths.map((w) => repeat(fill, w)).join(join) + last;
  const out: string[] = [];
  const push = (line: string) => {
    if (line !== '') out.push(line);
  };
  const space = repeat(' ', padding);
  table.forEach((row, rowIndex) => {
    if (rowIndex === 0) push(rule(chars.topLeft, chars.top, chars.topMid, chars.topRight));
    else if (!compact || rowIndex === 1) push(rule(chars.leftMid, chars.mid, chars.midMid, chars.rightMid));
    const cells = row.map((cell, x) => cellLines(String(cell), setWidths[x], wrap, 2 * padding));
    const height = Math.max(1, ...cells.map((c) => c.length));
    for (let lineNum = 0; lineNum < height; lineNum++) {
      const drawn = cells.map((lines, x) => {
        const width = widths[x] as number;
        const line = lines[lineNum];
        if (line === undefined) return repeat(' ', width);
        const inner = width - 2 * padding;
        return space + pad(truncate(line, inner), inner, aligns[x]) + space;
      });
      push(chars.left + drawn.join(chars.middle) + chars.right);
    }
  });
  push(rule(chars.bottomLeft, chars.bottom, chars.bottomMid, chars.bottomRight));
  return out.join('\n');
}

/** The text report's grid: no outer border, columns two spaces apart, a `─` rule under the head. */
const GRID_CHARS: TableChars = {
  top: '',
  topMid: '',
  topLeft: '',
  topRight: '',
  bottom: '',
  bottomMid: '',
  bottomLeft: '',
  bottomRight: '',
  left: '',
  leftMid: '',
  mid: '─',
  midMid: '  ',
  right: '',
  rightMid: '',
  middle: '  ',
};

/**
 * Lays out a head and rows of equal length: `colWidths` are the columns' widths (a width below 1
 * is drawn 1 wide, without wrapping), `colAligns` their alignment (left when absent). Returns the
 * lines joined by `\n`, with no indent and trailing spaces kept.
 */
export function layoutGrid(head: readonly string[], rows: readonly (readonly string[])[], colWidths: readonly number[], colAligns: readonly (Align | undefined)[] = []): string {
  return layoutTable(head, rows, { chars: GRID_CHARS, padding: 0, compact: true, colWidths, colAligns, wordWrap: true });
}
