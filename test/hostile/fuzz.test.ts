// CLI fuzz: random and mutated profiles, `--set` values, `check` flags and `diff` inputs, run end to
// end through the command line. The parser has its own fuzz suite (test/profile/fuzz.test.ts); this
// one checks what a user sees: exit 0 with a sound report, or exit 2 with a located message.

import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, test } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import { runCli } from '../helpers/io.js';
import { expectCleanOutcome, expectNoCrash } from './outcome.js';
import { jsonPaths } from '../helpers/json.js';
import { runs } from '../helpers/depth.js';

const ROOT = resolve(import.meta.dirname, '../..');
const NAMES = readdirSync(resolve(ROOT, 'profiles'))
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const SHIPPED = NAMES.map((n) => readFileSync(resolve(ROOT, 'profiles', n), 'utf8'));
const SOURCES = ['p.yaml', '--set', '<stdin>'];
// Enough runs to matter, few enough that the suite stays well inside CI time on 2 cores.
const RUNS = runs(300);

const size = (text: string | Uint8Array, extra: string[] = []) => runCli(['size', 'p.yaml', '--format', 'json', ...extra], { files: { 'p.yaml': text }, disk: false });

// Values a hostile or careless edit puts where a number, a size or a word belongs.
const nastyText = fc.constantFrom(
  '.nan',
  '.NaN',
  '.inf',
  '-.inf',
  '+.inf',
  '1e308',
  '-1e308',
  '1e309',
  '1e-320',
  '-1',
  '-0',
  '0',
  '0.0000001',
  '9007199254740993',
  '0x7fffffff',
  '0o777',
  '1_000',
  '"12"',
  "'x'",
  '~',
  'null',
  'true',
  'no',
  '[]',
  '{}',
  '[1, 2]',
  '{a: 1}',
  '""',
  '1 KiB',
  '1e300 GiB',
  '-5MiB',
  '10 parsecs',
  '24h',
  '1e400s',
  'auto',
  '*x',
  '&a',
  '!!binary aGVsbG8=',
  '!!float .nan',
  '|\n  text',
);
// Plausible numbers too, so that many runs get past validation and exercise the model.
const plausibleText = fc.oneof(
  fc.double({ min: 0, max: 1e7, noNaN: true }).map(String),
  fc.integer({ min: 0, max: 100_000 }).map(String),
  fc.tuple(fc.integer({ min: 1, max: 4096 }), fc.constantFrom('B', 'KiB', 'MiB', 's', 'h', 'd')).map(([n, u]) => `${n}${u}`),
);
const anyText = fc.oneof(nastyText, plausibleText, plausibleText, fc.string({ maxLength: 12 }), fc.double().map(String), fc.integer().map(String));

/** Text edits on a shipped profile, keeping its comments and layout. */
type Edit =
  | { op: 'number'; at: number; value: string }
  | { op: 'delete-line'; at: number }
  | { op: 'duplicate-line'; at: number }
  | { op: 'unknown-key'; at: number; key: string; value: string }
  | { op: 'truncate'; at: number }
  | { op: 'flip-byte'; at: number; bit: number }
  | { op: 'insert'; at: number; text: string };

const keyName = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'shards', 'efo', 'traffic', '<<', '? x', '"a"', 'record_size'),
  fc.string({ minLength: 1, maxLength: 10 }),
);
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('number' as const), at: fc.nat(), value: anyText }),
  fc.record({ op: fc.constant('delete-line' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('unknown-key' as const), at: fc.nat(), key: keyName, value: anyText }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('flip-byte' as const), at: fc.nat(), bit: fc.nat({ max: 7 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ unit: fc.constantFrom(...'{}[]:,-&*!|>\'"#%@ \n\t?ab1.'), maxLength: 8 }) }),
);

function applyEdit(input: string | Uint8Array, e: Edit): string | Uint8Array {
  if (e.op === 'flip-byte') {
    const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : new Uint8Array(input);
    if (bytes.length > 0) bytes[e.at % bytes.length]! ^= 1 << e.bit;
    return bytes;
  }
  // Once bytes were flipped, keep editing the (possibly broken) text as decoded.
  const text = typeof input === 'string' ? input : new TextDecoder().decode(input);
  const lines = text.split('\n');
  const line = e.at % Math.max(lines.length, 1);
  switch (e.op) {
    case 'number': {
      const numbers = [...text.matchAll(/(?<=[:[,{]\s*)-?\d[\d._]*(?:\s*[KMG]i?B|s|h|d|ms)?/g)];
      if (numbers.length === 0) return text;
      const m = numbers[e.at % numbers.length]!;
      return text.slice(0, m.index) + e.value + text.slice(m.index + m[0].length);
    }
    case 'delete-line':
      lines.splice(line, 1);
      return lines.join('\n');
    case 'duplicate-line':
      lines.splice(line, 0, lines[line] ?? '');
      return lines.join('\n');
    case 'unknown-key': {
      const indent = /^\s*/.exec(lines[line] ?? '')?.[0] ?? '';
      lines.splice(line, 0, `${indent}${e.key}: ${e.value}`);
      return lines.join('\n');
    }
    case 'truncate':
      return text.slice(0, e.at % (text.length + 1));
    case 'insert': {
      const i = e.at % (text.length + 1);
      return text.slice(0, i) + e.text + text.slice(i);
    }
  }
}

// Structural mutations on the parsed profile (as in the parser's fuzz, but through the CLI).
type Json = unknown;
const nastyValue = fc.constantFrom<Json>(NaN, Infinity, -Infinity, 1e308, -1e308, -1, 0, 2 ** 53 + 1, 5e-324, '', 'x', '1e309', null, true, [], {}, [1, 2], { a: 1 }, '10 parsecs');
const structural = fc.oneof(
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value: fc.oneof(nastyValue, fc.jsonValue({ maxDepth: 2 }), fc.double()) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('scale' as const), at: fc.nat(), by: fc.constantFrom(0, -1, 1e-9, 1e6, 1e12, 1e300) }),
);

type Mutation = typeof structural extends fc.Arbitrary<infer T> ? T : never;

/** Applies structural mutations to a JSON document in place: replace, delete or scale a value. */
function mutate(doc: Json, muts: readonly Mutation[]): void {
  for (const m of muts) {
    const all = jsonPaths(doc).filter((p) => p.length > 0);
    const path = all[m.at % all.length]!;
    let parent = doc as Record<string | number, Json>;
    for (const seg of path.slice(0, -1)) parent = parent[seg] as Record<string | number, Json>;
    const last = path[path.length - 1]!;
    if (m.op === 'replace') parent[last] = m.value as Json;
    else if (m.op === 'scale') parent[last] = typeof parent[last] === 'number' ? (parent[last] as number) * m.by : m.by;
    else if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  }
}

const SHIPPED_JSON = SHIPPED.map((t) => parseYaml(t) as Json);
const SET_PATHS = [
  ...new Set(
    SHIPPED_JSON.flatMap((doc) =>
      jsonPaths(doc)
        .filter((p) => p.length > 0)
        .map((p) => p.join('.')),
    ),
  ),
].sort();

describe('CLI fuzz: kplan size never crashes', () => {
  test('text edits of the shipped profiles (numbers, lines, unknown and duplicate keys, truncation, flipped bytes)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: SHIPPED.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 4 }), async (which, edits) => {
        let input: string | Uint8Array = SHIPPED[which]!;
        for (const e of edits) input = applyEdit(input, e);
        expectCleanOutcome(await size(input), SOURCES, `${NAMES[which]} ${JSON.stringify(edits)}`);
      }),
      { numRuns: RUNS },
    );
  });

  test('structural mutations of the shipped profiles', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: SHIPPED.length - 1 }), fc.array(structural, { minLength: 1, maxLength: 3 }), async (which, muts) => {
        const doc = structuredClone(SHIPPED_JSON[which]) as Json;
        mutate(doc, muts);
        expectCleanOutcome(await size(stringify(doc)), SOURCES, `${NAMES[which]} ${JSON.stringify(muts)}`);
      }),
      { numRuns: RUNS },
    );
  });

  test('--set values on every key of the shipped profiles', async () => {
    const flag = fc.oneof(
      fc
        .tuple(
          fc.constantFrom(
            ...SET_PATHS,
            'stream.shards',
            'consumers.9.efo',
            'traffic.record_size.p99',
            'firehose.0.traffic.records_per_second',
            '__proto__.x',
            'constructor.prototype.x',
            'a..b',
            '',
            'traffic[0]',
          ),
          anyText,
        )
        .map(([k, v]) => `${k}=${v}`),
      fc.string({ maxLength: 30 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: SHIPPED.length - 1 }), fc.array(flag, { minLength: 1, maxLength: 3 }), async (which, flags) => {
        const r = await size(
          SHIPPED[which]!,
          flags.map((f) => `--set=${f}`),
        );
        expectCleanOutcome(r, SOURCES, `${NAMES[which]} ${JSON.stringify(flags)}`);
      }),
      { numRuns: RUNS },
    );
    if (({} as Record<string, unknown>).x !== undefined) throw new Error('Object.prototype was polluted');
  });

  test('--set with extreme values that pass validation: the model must stay finite', async () => {
    // Up to 1e6 records/s (× up to 10 at peak) and 1,000,000 keys: the extremes that once took
    // minutes (named.test.ts) now size in well under a second. 1e12 and 1e15 probe the validator's
    // range checks.
    const rate = fc.oneof(fc.double({ min: 1e-6, max: 1e6, noNaN: true }), fc.constantFrom(1e-9, 1, 999.9, 1000, 1e12, 1e15));
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: SHIPPED.length - 1 }),
        rate,
        fc.double({ min: 1, max: 10, noNaN: true }),
        fc.oneof(
          fc.integer({ min: 1, max: 1_048_576 }).map((b) => `${b}B`),
          fc.constantFrom('1B', '1MiB', '1000KiB', '{average: 1B, p99: 1MiB}'),
        ),
        fc.oneof(fc.constant('auto'), fc.integer({ min: 1, max: 100_000 }).map(String)),
        fc.constantFrom('provisioned', 'on-demand', 'on-demand-advantage', 'none'),
        fc.oneof(fc.constant('random'), fc.integer({ min: 1, max: 1_000_000 }).map(String)),
        fc.constantFrom('none', 'poisson', 'low', 'medium', 'high', '{dispersion: 1e9}'),
        async (which, rps, peakFactor, recordSize, shards, mode, keys, burst) => {
          const flags = [
            `traffic.records_per_second=${rps}`,
            `traffic.peak_records_per_second=${rps * peakFactor}`,
            `traffic.record_size=${recordSize}`,
            `stream.shards=${shards}`,
            `stream.mode=${mode}`,
            `traffic.partition_keys=${keys}`,
            `traffic.burstiness=${burst}`,
          ];
          const r = await size(
            SHIPPED[which]!,
            flags.map((f) => `--set=${f}`),
          );
          expectCleanOutcome(r, SOURCES, `${NAMES[which]} ${JSON.stringify(flags)}`);
        },
      ),
      // Half the runs: each is a full sizing at extreme rates (~80 ms on CI's cores).
      { numRuns: RUNS / 2 },
    );
  });

  test('random text and bytes as the profile, from a file and from standard input', async () => {
    const input = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.uint8Array({ maxLength: 300 }),
      fc.string({ unit: fc.constantFrom(...'{}[]:,-&*!|>\'"#%@` \n\t?ab1.'), maxLength: 120 }),
    );
    await fc.assert(
      fc.asyncProperty(input, fc.boolean(), async (text, stdin) => {
        const r = stdin ? await runCli(['size', '-', '--format', 'json'], { stdin: text, disk: false }) : await size(text);
        expectCleanOutcome(r, SOURCES, JSON.stringify(typeof text === 'string' ? text : [...text]));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('CLI fuzz: check and diff never exit 3', () => {
  test('check with mutated profiles and random budget flags', async () => {
    const budgetFlag = fc
      .tuple(
        fc.constantFrom(
          '--max-monthly-usd',
          '--max-daily-usd',
          '--max-hourly-usd',
          '--max-shards',
          '--max-throttle-rate',
          '--max-utilization',
          '--max-latency-seconds',
          '--max-objects-per-day',
        ),
        anyText,
      )
      .map(([f, v]) => `${f}=${v}`);
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: SHIPPED.length - 1 }),
        fc.array(edit, { maxLength: 2 }),
        fc.array(budgetFlag, { maxLength: 3 }),
        fc.constantFrom('text', 'json', 'github', 'markdown'),
        async (which, edits, flags, format) => {
          let input: string | Uint8Array = SHIPPED[which]!;
          for (const e of edits) input = applyEdit(input, e);
          const r = await runCli(['check', 'p.yaml', '--format', format, ...flags], { files: { 'p.yaml': input }, disk: false, env: { GITHUB_STEP_SUMMARY: '/summary.md' } });
          expectNoCrash(r, `${NAMES[which]} ${JSON.stringify({ edits, flags, format })}`);
        },
      ),
      { numRuns: RUNS },
    );
  });

  // Saved reports to diff: the real JSON of two shipped profiles, then mutated.
  const reports: string[] = [];
  test('diff with mutated profiles and mutated saved reports', async () => {
    for (const text of SHIPPED.slice(0, 2)) reports.push((await size(text)).stdout);
    const side = fc.oneof(
      fc.tuple(fc.nat({ max: SHIPPED.length - 1 }), fc.array(edit, { maxLength: 2 })).map(([w, edits]) => {
        let input: string | Uint8Array = SHIPPED[w]!;
        for (const e of edits) input = applyEdit(input, e);
        return input;
      }),
      fc.tuple(fc.nat({ max: 1 }), fc.array(structural, { maxLength: 3 })).map(([w, muts]) => {
        const doc = JSON.parse(reports[w]!) as Json;
        mutate(doc, muts);
        return JSON.stringify(doc);
      }),
      fc.uint8Array({ maxLength: 64 }),
    );
    await fc.assert(
      fc.asyncProperty(side, side, fc.constantFrom('table', 'json', 'markdown'), async (base, head, format) => {
        const r = await runCli(['diff', 'base', 'head', '--format', format], { files: { base, head }, disk: false });
        expectNoCrash(r, `${format}`);
      }),
      { numRuns: RUNS },
    );
  });
});
