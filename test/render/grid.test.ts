// The report's own grid layout (src/render/grid.ts) against the oracle it replaced: cli-table3,
// configured as the text report configured it (compact, borderless, no padding, word wrap on word
// boundaries). Random grids of ASCII words, runs of spaces, long words, empty and multi-line cells,
// wide characters and emoji, with and without chalk's colour codes, must lay out byte for byte alike.

import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Table, { type TableConstructorOptions } from 'cli-table3';
import { Chalk } from 'chalk';
import { BOX_CHARS, layoutGrid, layoutTable, type Align, type TableLayout } from '../../src/render/grid.js';
import { displayWidth } from '../../src/text/width.js';
import { runs } from '../helpers/depth.js';

// cli-table3's own measure (string-width 4 after stripping colour codes), for the width oracle.
const { strlen } = createRequire(import.meta.url)('cli-table3/src/utils.js') as { strlen: (s: string) => number };

const GRID_CHARS = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '─',
  'mid-mid': '  ',
  right: '',
  'right-mid': '',
  middle: '  ',
};

/** What src/render/table.ts's grid() did before it had its own layout. */
function oracle(head: string[], rows: string[][], colWidths: number[], colAligns: (Align | undefined)[]): string {
  const table = new Table({
    head,
    chars: GRID_CHARS,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
    colWidths: [...colWidths],
    colAligns: colAligns as Align[],
    wordWrap: true,
    wrapOnWordBoundary: true,
  });
  for (const row of rows) table.push([...row]);
  return table.toString();
}

const chalk = new Chalk({ level: 1 });
const PAINTS: ((s: string) => string)[] = [
  (s) => chalk.bold(s),
  (s) => chalk.dim(s),
  (s) => chalk.red(s),
  (s) => chalk.green(s),
  (s) => chalk.yellow(s),
  (s) => chalk.cyan(s),
  (s) => chalk.green(chalk.bold(s)),
  (s) => chalk.red(chalk.bold(s)),
  (s) => chalk.bold(chalk.cyan(s)),
];

const WIDE = ['日本', '語', '한국', 'ｗｉｄｅ', '👍', '👍🏽', '🇫🇷', '👨‍👩‍👧', '❤️', '✔', 'é', 'e\u0301', '≥', '—', '◀', '×', '─'];
const word = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[a-zA-Z0-9.,:%$()/-]{1,8}$/) },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z0-9]{9,40}$/) },
  { weight: 2, arbitrary: fc.constantFrom(...WIDE) },
);
const gap = fc.oneof({ weight: 6, arbitrary: fc.constant(' ') }, { weight: 1, arbitrary: fc.constantFrom('  ', '   ', '\n', ' \n ', '\n\n') });

/** A cell: words and gaps, some runs of it painted; sometimes empty or only spaces. */
const cell = (colour: boolean): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom('', ' ', '  ') },
    {
      weight: 8,
      arbitrary: fc.array(fc.tuple(word, gap, fc.integer({ min: -1, max: PAINTS.length - 1 }), fc.boolean()), { minLength: 1, maxLength: 8 }).map((parts) => {
        let out = '';
        parts.forEach(([w, g, paint, joinNext], i) => {
          const text = i === parts.length - 1 ? w : w + g;
          out += colour && paint >= 0 ? (PAINTS[paint] as (s: string) => string)(joinNext ? text : w) + (joinNext ? '' : i === parts.length - 1 ? '' : g) : text;
        });
        return out;
      }),
    },
  );

const grid = fc.boolean().chain((colour) =>
  fc.integer({ min: 1, max: 5 }).chain((cols) =>
    fc.record({
      head: fc.array(cell(colour), { minLength: cols, maxLength: cols }),
      boldHead: fc.boolean(),
      rows: fc.array(fc.array(cell(colour), { minLength: cols, maxLength: cols }), { maxLength: 5 }),
      colWidths: fc.array(fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 12, arbitrary: fc.integer({ min: 1, max: 30 }) }), { minLength: cols, maxLength: cols }),
      colAligns: fc.array(fc.constantFrom<Align | undefined>('left', 'right', 'center', undefined), { minLength: cols, maxLength: cols }),
    }),
  ),
);

describe('grid layout', () => {
  it('lays out random grids exactly as cli-table3 did', () => {
    fc.assert(
      fc.property(grid, ({ head, boldHead, rows, colWidths, colAligns }) => {
        const h = boldHead ? head.map((c) => chalk.bold(c)) : head;
        expect(layoutGrid(h, rows, colWidths, colAligns)).toBe(oracle(h, rows, colWidths, colAligns));
      }),
      { numRuns: runs(2000) },
    );
  });

  it('matches on the cases that shaped it', () => {
    const cases: [string[], string[][], number[], (Align | undefined)[]][] = [
      // A word longer than its column is cut with an ellipsis; a bold word keeps its codes closed.
      [['a', 'b'], [['averyveryverylongword here', chalk.bold('boldlongerthancolumn') + ' x']], [8, 6], ['left', 'right']],
      // Colour open across a wrap is closed at the break and reopened on the next line; dim is not.
      [['h'], [[chalk.red(chalk.bold('one two three four five'))], [chalk.dim('one two three four')]], [9], []],
      // Blank lines inside a wrapped cell are dropped; a cell of spaces is empty.
      [
        ['h', 'i'],
        [
          ['one\n\ntwo', '   '],
          ['', 'x'],
        ],
        [5, 3],
        ['center', 'center'],
      ],
      // A zero width is drawn one wide, without wrapping.
      [['', 'x'], [['', 'abc']], [0, 3], []],
      // Wide characters and emoji take two columns.
      [['名前', 'w'], [['日本語のテキスト 👍🏽 ok', '🇫🇷🇫🇷']], [7, 3], ['left', 'right']],
      // No rows: no rule.
      [['a', 'b'], [], [3, 3], []],
    ];
    for (const [head, rows, widths, aligns] of cases) expect(layoutGrid(head, rows, widths, aligns)).toBe(oracle(head, rows, widths, aligns));
  });
});

// The boxes of `kplan prices` (no rule between rows) and `kplan diff` (compact), auto-sized.
const BOXES: { ours: Omit<TableLayout, 'colAligns'>; theirs: TableConstructorOptions }[] = [
  {
    ours: { chars: { ...BOX_CHARS, mid: '', leftMid: '', midMid: '', rightMid: '' }, padding: 1, compact: false, wordWrap: false },
    theirs: { chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' }, style: { head: [], border: [] } },
  },
  { ours: { chars: BOX_CHARS, padding: 1, compact: true, wordWrap: false }, theirs: { style: { head: [], border: [], compact: true } } },
];

const box = fc.boolean().chain((colour) =>
  fc.integer({ min: 1, max: 6 }).chain((cols) =>
    fc.record({
      which: fc.integer({ min: 0, max: BOXES.length - 1 }),
      head: fc.array(cell(colour), { minLength: cols, maxLength: cols }),
      rows: fc.array(fc.array(cell(colour), { minLength: cols, maxLength: cols }), { maxLength: 5 }),
      colAligns: fc.array(fc.constantFrom<Align | undefined>('left', 'right', 'center', undefined), { minLength: cols, maxLength: cols }),
    }),
  ),
);

describe('box layout', () => {
  it('lays out random boxes exactly as cli-table3 did', () => {
    fc.assert(
      fc.property(box, ({ which, head, rows, colAligns }) => {
        const { ours, theirs } = BOXES[which] as (typeof BOXES)[number];
        const table = new Table({ head, colAligns: colAligns as Align[], ...theirs });
        for (const row of rows) table.push([...row]);
        expect(layoutTable(head, rows, { ...ours, colAligns })).toBe(table.toString());
      }),
      { numRuns: runs(1000) },
    );
  });
});

describe('displayWidth', () => {
  // Emoji added after Unicode 12 (string-width 4's emoji data) count 2 here, as terminals show
  // them, and 1 in string-width 4; the only single code points where the two disagree.
  const NEWER_EMOJI: [number, number][] = [
    [0x1f6d6, 0x1f6df],
    [0x1f6fb, 0x1f6fc],
    [0x1f7f0, 0x1f7f0],
    [0x1f90c, 0x1f90c],
    [0x1f972, 0x1f972],
    [0x1f977, 0x1f979],
    [0x1f9a3, 0x1f9a4],
    [0x1f9ab, 0x1f9ad],
    [0x1f9cb, 0x1f9cc],
    [0x1fa74, 0x1faff],
  ];
  const newer = (c: number) => NEWER_EMOJI.some(([lo, hi]) => c >= lo && c <= hi);

  it('agrees with string-width on single code points', () => {
    const codePoint = fc.oneof(
      fc.integer({ min: 0x20, max: 0x7e }),
      fc.integer({ min: 0xa0, max: 0x3000 }),
      fc.integer({ min: 0x3000, max: 0xffff }).filter((c) => c < 0xd800 || c > 0xdfff),
      fc.integer({ min: 0x1f000, max: 0x1faff }),
      fc.integer({ min: 0x10000, max: 0x10ffff }),
    );
    fc.assert(
      fc.property(
        codePoint.filter((c) => !newer(c)),
        (c) => {
          const s = String.fromCodePoint(c);
          expect(displayWidth(s)).toBe(strlen(s));
        },
      ),
      { numRuns: runs(40000) },
    );
  });

  it('agrees with string-width on emoji sequences and mixed text', () => {
    for (const s of ['👍🏽', '👨‍👩‍👧', '🏳️‍🌈', '🇫🇷', '1️⃣', '❤️', '©️', '☺', '✔️', 'e\u0301', '日本語 and ascii', 'a\u200db', 'ｗｉｄｅ', '☝', '🕴']) {
      expect(displayWidth(s), JSON.stringify(s)).toBe(strlen(s));
    }
  });

  it('counts newer emoji and sequences two columns wide', () => {
    expect([displayWidth('🫠'), strlen('🫠')]).toEqual([2, 1]);
    expect([displayWidth('❤️‍🔥'), strlen('❤️‍🔥')]).toEqual([2, 5]); // Unicode 13.1
    expect([displayWidth('🧑‍🦰'), strlen('🧑‍🦰')]).toEqual([2, 5]); // Unicode 12.1
  });
});
