// parseProfile must never throw: every input, however broken, comes back as issues.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import type { ParseResult } from '../../src/profile/parse.js';
import { FULL, parse } from './helpers.js';
import { jsonPaths } from '../helpers/json.js';
import { runs } from '../helpers/depth.js';

function checkInvariants(r: ParseResult): void {
  const hasError = r.issues.some((i) => i.severity === 'error');
  expect(r.profile === undefined).toBe(hasError);
  for (const i of r.issues) {
    // parseProfile's last-resort catch must never be what answered.
    expect(i.message).not.toMatch(/kplan bug|stack exhausted/);
    expect(typeof i.code).toBe('string');
    expect(i.message.length).toBeGreaterThan(0);
    expect(['p.yaml', '--set']).toContain(i.file);
    if (i.position) {
      expect(i.position.line).toBeGreaterThanOrEqual(1);
      expect(i.position.col).toBeGreaterThanOrEqual(1);
    }
  }
}

type Json = unknown;

function container(root: Json, path: (string | number)[]): Record<string | number, Json> | undefined {
  let cur: Json = root;
  for (const seg of path.slice(0, -1)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, Json>)[seg];
  }
  return cur !== null && typeof cur === 'object' ? (cur as Record<string | number, Json>) : undefined;
}

const nasty = fc.constantFrom<Json>(
  NaN,
  Infinity,
  -Infinity,
  1e308,
  -1,
  0,
  0.5,
  2 ** 53,
  '',
  'auto',
  'random',
  '1KiB',
  '10 parsecs',
  '-5MiB',
  '24h',
  'none',
  'direct-put',
  null,
  true,
  [],
  {},
  [1, 2, 3],
  { average: '1KiB', p99: '2KiB' },
  { dispersion: 0 },
  { warn: 5, error: 1 },
);
const value = fc.oneof(nasty, fc.jsonValue({ maxDepth: 3 }), fc.string({ maxLength: 20 }), fc.double());
const keyName = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'records_per_secnd', 'traffic', 'name', 'efo', 'shards', '<<', ''), fc.string({ maxLength: 12 }));

const mutation = fc.oneof(
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('add' as const), at: fc.nat(), key: keyName, value }),
);

const base = parseYaml(FULL) as Json;

describe('fuzz: parseProfile never throws', () => {
  test('valid profile parses (the mutation base)', () => {
    expect(parse(FULL).issues).toEqual([]);
  });

  test('random strings', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.string({ unit: fc.constantFrom(...'{}[]:,-&*!|>\'"#%@` \n\t?ab1.'), maxLength: 200 }),
        ),
        (s) => {
          checkInvariants(parse(s));
        },
      ),
      { numRuns: runs(600) },
    );
  });

  test('random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        checkInvariants(parse(bytes));
      }),
      { numRuns: runs(600) },
    );
  });

  test('random mutations of a valid profile', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const doc = structuredClone(base) as Json;
        for (const m of mutations) {
          const all = jsonPaths(doc).filter((p) => p.length > 0);
          if (all.length === 0) break;
          const path = all[m.at % all.length] as (string | number)[];
          const parent = container(doc, path);
          if (parent === undefined) continue;
          const last = path[path.length - 1] as string | number;
          if (m.op === 'replace') parent[last] = m.value;
          else if (m.op === 'delete') {
            if (Array.isArray(parent)) parent.splice(Number(last), 1);
            else delete parent[last];
          } else {
            const target = parent[last];
            if (target !== null && typeof target === 'object' && !Array.isArray(target)) {
              Object.defineProperty(target, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
            }
          }
        }
        checkInvariants(parse(stringify(doc)));
      }),
      { numRuns: runs(600) },
    );
  });

  test('random text edits of a valid profile', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.nat({ max: 8 }), fc.string({ maxLength: 6 })), { minLength: 1, maxLength: 5 }), (edits) => {
        let text = FULL;
        for (const [at, del, ins] of edits) {
          const i = at % (text.length + 1);
          text = text.slice(0, i) + ins + text.slice(i + del);
        }
        checkInvariants(parse(text));
      }),
      { numRuns: runs(600) },
    );
  });

  test('random --set flags', () => {
    const flag = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc
        .tuple(
          fc.array(fc.oneof(keyName, fc.nat({ max: 5 }).map(String)), { minLength: 1, maxLength: 4 }),
          fc.oneof(
            fc.string({ maxLength: 15 }),
            value.map((v) => JSON.stringify(v) ?? ''),
          ),
        )
        .map(([path, v]) => `${path.join('.')}=${v}`),
    );
    fc.assert(
      fc.property(fc.array(flag, { maxLength: 4 }), (flags) => {
        checkInvariants(parse(FULL, flags));
      }),
      { numRuns: runs(600) },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
