// The list scanner is a shortcut past yaml: whatever the text, readYaml with it must give exactly
// what yaml alone gives (values, positions, issues). The oracle is readYaml with the scanner off.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readYaml, readYamlText } from '../../src/profile/located.js';
import { findScalarLists } from '../../src/profile/scalar-lists.js';
import { parse } from './helpers.js';
import { DEEP, runs } from '../helpers/depth.js';

const ORIGIN = { file: 'p.yaml' };
const withScanner = (text: string) => readYaml(text, ORIGIN, { minListItems: 1 });
const yamlAlone = (text: string) => readYaml(text, ORIGIN, { minListItems: Number.POSITIVE_INFINITY });

// Items near every edge of the accepted subset: YAML indicators, core-schema words and numbers,
// quotes, escapes, spaces, tabs and non-ASCII.
const tricky = [
  'a',
  'k1',
  'user-42',
  'x.y/z',
  'a+b@c=d',
  'a~b',
  'a$%^&*!?;()<>|',
  '0',
  '12',
  '-1',
  '+2',
  '1.5',
  '.5',
  '1e3',
  '1E-3',
  '0x1F',
  '0x1G',
  '0o17',
  '0o8',
  '.inf',
  '-.Inf',
  '.nan',
  '~',
  'null',
  'Null',
  'NULL',
  'nUll',
  'true',
  'True',
  'TRUE',
  'tRue',
  'false',
  'no',
  'yes',
  'on',
  '2024-01-01',
  '1_000',
  '550e8400-e29b',
  'a:b',
  'a: b',
  'a #b',
  'a#b',
  'a,b',
  'a b',
  'a[b]',
  'a{b}',
  '"q"',
  "'q'",
  '"a\\"b"',
  '"a\\nb"',
  "'it''s'",
  "'a\"b'",
  '"a\'b"',
  '""',
  "''",
  '"a#b"',
  '"a, b"',
  '- a',
  '-a',
  '?a',
  '? a',
  '&x a',
  '*x',
  '!t a',
  '!!str 1',
  '|',
  '>',
  '%a',
  '@a',
  '`a',
  'a\tb',
  '\ta',
  'é',
  '"é"',
  'a\u00a0b',
  '[a]',
  '{a: 1}',
  '[]',
  '{}',
];
const simple = fc.oneof(fc.stringMatching(/^[a-zA-Z0-9_][a-zA-Z0-9_.\-/]{0,6}$/), fc.stringMatching(/^"[a-z0-9 :#,-]{0,6}"$/), fc.stringMatching(/^'[a-z0-9 :#,-]{0,6}'$/));
const item = fc.oneof(
  { weight: 12, arbitrary: simple },
  { weight: 1, arbitrary: fc.constantFrom(...tricky) },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z0-9_][a-z0-9_.:#\-~ ]{0,6}$/) },
);
/** Mostly the common spelling, sometimes any of the others. */
const mostly = <T>(common: T, ...others: T[]) => fc.oneof({ weight: 4, arbitrary: fc.constant(common) }, { weight: 1, arbitrary: fc.constantFrom(common, ...others) });

const flowSep = mostly(', ', ',', ' , ', ',\n    ', ',\n', ', # c\n    ', ',\n\n    ', ' ,\n  ', ',\n', ',#c\n    ', ',\t', ',\r\n    ');
const flowList = fc
  .record({
    items: fc.array(fc.tuple(item, flowSep), { minLength: 1, maxLength: 8 }),
    open: mostly('[', '[ ', '[\n    ', '[ # c\n    '),
    close: mostly(']', ' ]', ',]', '\n    ]', '\n  ]', '\n]', ', ]'),
    after: mostly('', ' ', ' # c', '#c', ': v', ' : v', ',', ' x', '\r'),
  })
  .map(({ items, open, close, after }) => open + items.map(([v, s], i) => (i === items.length - 1 ? v : v + s)).join('') + close + after);

const blockList = fc
  .record({
    indent: fc.constantFrom(0, 2, 4, 5),
    items: fc.array(fc.tuple(item, mostly('', '  ', ' # c', '#c', '\r'), mostly('', '\n', '  \n', '      # c\n', '\t\n')), { minLength: 1, maxLength: 8 }),
    dash: mostly('- ', '-  ', '-\t', '-'),
  })
  .map(({ indent, items, dash }) => items.map(([v, t, gap]) => `${' '.repeat(indent)}${dash}${v}${t}\n${gap}`).join(''));

const following = mostly(
  '',
  '  burstiness: medium\n',
  'stream:\n  mode: provisioned\n',
  '    - x: 1\n',
  '  - {a: 1}\n',
  '      more\n',
  '  - a\n',
  '---\nb: 1\n',
  '# end\n',
  '    # c\n',
  '...\n',
);

/** A profile-shaped document with a list in one of many places and spellings. */
const doc = fc
  .record({
    list: fc.oneof(flowList, blockList),
    place: mostly(
      'flow-value',
      'block-value',
      'block-value',
      'block-value',
      'top',
      'comment',
      'block-scalar',
      'quoted',
      'anchored',
      'aliased',
      'seq-item',
      'seq-map',
      'key',
      'tagged',
    ),
    following,
  })
  .map(({ list, place, following }) => {
    const head = 'version: 1\ntraffic:\n  records_per_second: 100\n';
    const inline = list.replace(/\n(?=.)/g, '\n    ');
    switch (place) {
      case 'flow-value':
        return `${head}  partition_keys: ${list.trimStart()}\n${following}`;
      case 'block-value':
        return `${head}  partition_keys:\n${list}${following}`;
      case 'top':
        return `${list}${following}`;
      case 'comment':
        return `${head}  # ${inline}\n  partition_keys: random\n${following}`;
      case 'block-scalar':
        return `${head}  name: |\n    ${inline}\n${following}`;
      case 'quoted':
        return `${head}  name: "${list}"\n${following}`;
      case 'anchored':
        return `${head}  partition_keys: &k ${list.trimStart()}\n${following}`;
      case 'aliased':
        return `${head}  partition_keys: &k\n${list}${following}other: *k\n`;
      case 'seq-item':
        return `${head}  lists:\n  - ${inline.trimStart()}\n${following}`;
      case 'seq-map':
        return `${head}  lists:\n  - k: ${list.trimStart()}\n${following}`;
      case 'key':
        return `${head}  ${inline.trimStart()}: 1\n${following}`;
      default:
        return `${head}  partition_keys: !custom ${list.trimStart()}\n${following}`;
    }
  });

describe('list scanner', () => {
  it('gives exactly what yaml alone gives, for any list in any place', () => {
    let taken = 0;
    let total = 0;
    fc.assert(
      fc.property(doc, (text) => {
        total++;
        const found = findScalarLists(text, 1);
        if (found !== null && readYamlText(found.text, ORIGIN, found.lists) !== null) taken++;
        expect(withScanner(text)).toEqual(yamlAlone(text));
      }),
      { numRuns: runs(4000) },
    );
    // Not vacuous: the shortcut stands for a fair share of the documents.
    expect(taken).toBeGreaterThan(total / 20);
  });

  // yaml alone, the oracle, takes ~0.2 s per list of 5,000 located keys: npm test reads 5,000, test:deep 20,000.
  it(`reads flow and block lists of ${DEEP ? '20,000' : '5,000'} keys with their positions`, () => {
    const keys = Array.from({ length: DEEP ? 20_000 : 5_000 }, (_, i) => `k${i.toString(36)}`);
    const texts = [
      `traffic:\n  partition_keys: [${keys.join(', ')}]\n  burstiness: medium\n`,
      `traffic:\n  partition_keys:\n${keys.map((k) => `    - "${k}"`).join('\n')}\n  burstiness: medium\n`,
      `traffic:\n  partition_keys:\n${keys.map((k) => `  - ${k} # c`).join('\r\n')}\r\n  burstiness: medium\r\n`,
      `traffic:\n  partition_keys: [\n${keys.map((k) => `    "${k}"`).join(',\n')}\n  ]\n  burstiness: medium\n`,
    ];
    for (const text of texts) {
      const found = findScalarLists(text);
      expect(found?.lists.size).toBe(1);
      expect(readYamlText(found!.text, ORIGIN, found!.lists)).not.toBeNull();
      expect(withScanner(text)).toEqual(yamlAlone(text));
    }
  });

  it('keeps the located errors of bad keys in a long list', () => {
    const keys = Array.from({ length: 200 }, (_, i) => `k${i}`);
    keys[150] = '"' + 'x'.repeat(300) + '"';
    const text = `version: 1\ntraffic:\n  records_per_second: 100\n  record_size: 1 KiB\n  partition_keys:\n${keys.map((k) => `    - ${k}`).join('\n')}\n`;
    const r = parse(text);
    const e = r.issues.find((i) => i.code === 'out-of-range');
    expect(e?.path).toBe('traffic.partition_keys[150]');
    expect(e?.position).toEqual({ line: 156, col: 7 });
  });
});
