// Named hostile inputs through the command line: each ends in exit 2 with a located message (or a
// clean exit 0), quickly, without a stack trace. test/profile/hostile.test.ts checks the parser's
// issue codes; these check what the user sees and what kplan does with the file system.

import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse as parseYaml, parseDocument } from 'yaml';
import { main } from '../../src/cli/main.js';
import { fakeIo, runCli } from '../helpers/io.js';
import { expectCleanOutcome, expectNoCrash, STACK_LINE } from './outcome.js';
import { jsonPaths } from '../helpers/json.js';
import { DEEP } from '../helpers/depth.js';

const leafPaths = (value: unknown) => jsonPaths(value, true);

const ROOT = resolve(import.meta.dirname, '../..');
const NAMES = readdirSync(resolve(ROOT, 'profiles'))
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const SHIPPED = Object.fromEntries(NAMES.map((n) => [n, readFileSync(resolve(ROOT, 'profiles', n), 'utf8')]));
// The every-field sweeps cost a plan per field and value: npm test takes the two richest profiles
// (Firehose with a transform and S3, KPL aggregation), test:deep every shipped one.
const SWEPT = DEEP ? SHIPPED : Object.fromEntries(Object.entries(SHIPPED).filter(([n]) => n === 'fastapi-logs-transform.yaml' || n === 'iot-fleet.yaml'));
const MINIMAL = 'version: 1\ntraffic: {records_per_second: 100, record_size: 1KiB}\n';

const size = (text: string | Uint8Array, extra: string[] = []) => runCli(['size', 'p.yaml', '--format', 'json', ...extra], { files: { 'p.yaml': text }, disk: false });

/** Exit 2, no stack, and the first message line starts with `where`. */
async function expectRefused(run: Promise<{ code: number; stdout: string; stderr: string }>, where: RegExp): Promise<string> {
  const r = await run;
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toMatch(STACK_LINE);
  expect(r.stderr.split('\n')[0]).toMatch(where);
  return r.stderr;
}

describe('hostile input through the CLI', () => {
  test('a folder as the path', async () => {
    await expectRefused(runCli(['size', 'profiles', '--format', 'json']), /^profiles: error: .*folder/);
    await expectRefused(runCli(['check', 'profiles']), /^profiles: error: .*folder/);
    expectNoCrash(await runCli(['diff', 'profiles', 'profiles/fanout.yaml']));
    expectNoCrash(await runCli(['size', 'profiles/fanout.yaml', '--prices', 'profiles']));
  });

  test('an unreadable file (EACCES)', async () => {
    const io = fakeIo(['size', 'secret.yaml', '--format', 'json'], { files: { 'secret.yaml': MINIMAL }, disk: false });
    io.readFile = async (p) => {
      throw Object.assign(new Error(`EACCES: permission denied, open '${p}'`), { code: 'EACCES', errno: -13 });
    };
    expect(await main(io)).toBe(2);
    const stderr = io.err.join('');
    expect(stderr).toMatch(/^secret\.yaml: error: .*EACCES/);
    expect(stderr).not.toMatch(STACK_LINE);
    expect(io.out.join('')).toBe('');
  });

  test('an empty file, and empty standard input', async () => {
    await expectRefused(size(''), /^p\.yaml:1:1: error: .*empty/);
    await expectRefused(size(new Uint8Array()), /^p\.yaml:1:1: error: .*empty/);
    await expectRefused(runCli(['size', '-'], { stdin: '' }), /^<stdin>:1:1: error: .*empty/);
  });

  test('a 50 MiB file is refused by its size without being read', async () => {
    const huge = new Uint8Array(50 * 1024 * 1024).fill(0x61);
    const io = fakeIo(['size', 'big.yaml', '--format', 'json'], { files: { 'big.yaml': huge }, disk: false });
    let reads = 0;
    const readFile = io.readFile;
    io.readFile = async (p) => {
      reads++;
      return readFile(p);
    };
    expect(await main(io)).toBe(2);
    expect(reads).toBe(0);
    expect(io.err.join('')).toMatch(/^big\.yaml: error: .*52,428,800 bytes, larger than the limit of 1 MiB \(1,048,576 bytes\)/);
  });

  test('50 MiB on standard input, and a file just over the limit', async () => {
    await expectRefused(runCli(['size', '-'], { stdin: new Uint8Array(50 * 1024 * 1024).fill(0x20) }), /^<stdin>: error: .*limit/);
    await expectRefused(size(`${MINIMAL}# ${'x'.repeat(1024 * 1024)}\n`), /^p\.yaml: error: .*limit/);
  });

  test('binary and non-UTF-8 input', async () => {
    await expectRefused(size(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])), /^p\.yaml:1:1: error: .*not UTF-8/);
    // Latin-1 "é" on line 2.
    await expectRefused(size(new Uint8Array([...new TextEncoder().encode('version: 1\nname: caf'), 0xe9, 0x0a])), /^p\.yaml:2:10: error: .*not UTF-8/);
    // UTF-16 with a byte-order mark.
    await expectRefused(size(new Uint8Array([0xff, 0xfe, 0x76, 0x00, 0x3a, 0x00])), /^p\.yaml:1:1: error: .*not UTF-8/);
    // Valid UTF-8 control bytes: read, then refused as YAML or as a profile.
    expectCleanOutcome(await size(new Uint8Array([0x00, 0x01, 0x02, 0x7f, 0x1b, 0x0a])), ['p.yaml']);
    await expectRefused(runCli(['diff', 'a', 'b'], { files: { a: new Uint8Array([0xff, 0xff]), b: MINIMAL }, disk: false }), /^a(:\d+:\d+)?: error/);
  });

  test('alias bombs', async () => {
    const levels = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++)
      levels.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    await expectRefused(size(`${MINIMAL}${levels.join('\n')}\n`), /^p\.yaml:\d+:\d+: error: .*alias/i);
    await expectRefused(size(`${MINIMAL}b: [${Array(50_000).fill('*a').join(', ')}]\na: &a 1\n`), /^p\.yaml:\d+:\d+: error/);
    await expectRefused(
      size(MINIMAL, ['--set=traffic.partition_keys=[&a [1,1,1,1,1,1,1,1,1,1], [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a], [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]]']),
      /^(--set|p\.yaml)/,
    );
  });

  test('10,000-deep nesting', async () => {
    await expectRefused(size(`${MINIMAL}x: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`), /^p\.yaml(:\d+:\d+)?: error: .*(deep|nest)/);
    await expectRefused(size(`${MINIMAL}x:\n  ${'- '.repeat(10_000)}1\n`), /^p\.yaml(:\d+:\d+)?: error: .*(deep|nest)/);
    await expectRefused(size(`${MINIMAL}x: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`), /^p\.yaml(:\d+:\d+)?: error: .*(deep|nest)/);
    await expectRefused(size(MINIMAL, [`--set=name=${'['.repeat(10_000)}${']'.repeat(10_000)}`]), /^--set(:\d+:\d+)?: error/);
    // A saved report is JSON: deep nesting there must not crash `diff` either.
    expectNoCrash(
      await runCli(['diff', 'a.json', 'b.json'], { files: { 'a.json': `{"schema_version": 1, "x": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`, 'b.json': '{}' }, disk: false }),
    );
  });

  test('duplicate keys', async () => {
    const text = SHIPPED['fastapi-logs.yaml']!.replace(/^ {2}burstiness: .*$/m, '$&\n  burstiness: low');
    const line = text.split('\n').findIndex((l) => l === '  burstiness: low') + 1;
    const stderr = await expectRefused(size(text), new RegExp(`^p\\.yaml:${line}:3: error: traffic\\.burstiness: `));
    expect(stderr).toMatch(/duplicate|twice|more than once/i);
    await expectRefused(size(`version: 1\nversion: 1\n${MINIMAL.slice('version: 1\n'.length)}`), /^p\.yaml:2:1: error/);
  });

  test('__proto__, constructor and prototype keys leave Object.prototype untouched', async () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    for (const text of [
      `${MINIMAL}__proto__: {polluted: true}\n`,
      `${MINIMAL}constructor: {prototype: {polluted: true}}\n`,
      'version: 1\ntraffic: {records_per_second: 1, record_size: 1, __proto__: {polluted: true}}\n',
      `${MINIMAL}consumers: [{name: a, type: lambda, constructor: {prototype: {polluted: 1}}}]\n`,
      `${MINIMAL}"__proto__": {polluted: true}\n`,
      `${MINIMAL}x: &p {polluted: true}\n<<: *p\n`,
    ]) {
      await expectRefused(size(text), /^p\.yaml:\d+:\d+: error/);
    }
    for (const flag of ['__proto__.polluted=true', 'constructor.prototype.polluted=true', 'traffic.__proto__.polluted=1', 'consumers.0.constructor=1']) {
      await expectRefused(size(MINIMAL, [`--set=${flag}`]), /^--set: error/);
    }
    // A saved report with prototype keys.
    expectNoCrash(
      await runCli(['diff', 'a.json', 'b.json'], {
        files: { 'a.json': '{"schema_version": 1, "__proto__": {"polluted": true}, "results": [{"__proto__": {"polluted": 1}}]}', 'b.json': MINIMAL },
        disk: false,
      }),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(Object.prototype.toString.call([])).toBe('[object Array]');
  });

  test('NaN, .inf, -.inf and 1e308 in every numeric field of every shipped profile', async () => {
    let fields = 0;
    for (const [name, text] of Object.entries(SWEPT)) {
      const parsed = parseYaml(text) as unknown;
      const numeric = leafPaths(parsed).filter((p) => typeof getIn(parsed, p) === 'number');
      for (const path of numeric) {
        fields++;
        for (const value of [NaN, Infinity, -Infinity]) {
          const doc = parseDocument(text);
          doc.setIn(path, value);
          const r = await size(doc.toString());
          expect(r.code, `${name} ${path.join('.')}=${value}`).toBe(2);
          // `version` is checked against 1 before anything else; every other field says it is not finite.
          expect(r.stderr, `${name} ${path.join('.')}=${value}`).toMatch(path[0] === 'version' ? /^p\.yaml:\d+:\d+: error: version: / : /^p\.yaml:\d+:\d+: error: .*finite/im);
          expect(r.stderr).not.toMatch(STACK_LINE);
          // The same through --set.
          const viaSet = await size(text, [`--set=${path.join('.')}=${value === Infinity ? '.inf' : value === -Infinity ? '-.inf' : '.nan'}`]);
          expect(viaSet.code, `${name} --set ${path.join('.')}=${value}`).toBe(2);
          expect(viaSet.stderr).toMatch(/^--set: error/);
        }
        const doc = parseDocument(text);
        doc.setIn(path, 1e308);
        expectCleanOutcome(await size(doc.toString()), ['p.yaml'], `${name} ${path.join('.')}=1e308`);
        expectCleanOutcome(await size(text, [`--set=${path.join('.')}=-1e308`]), ['p.yaml', '--set'], `${name} ${path.join('.')}=-1e308`);
      }
    }
    expect(fields).toBeGreaterThan(DEEP ? 40 : 30);
  });

  test('wrong types in every field of every shipped profile', async () => {
    for (const [name, text] of Object.entries(SWEPT)) {
      const all = leafPaths(parseYaml(text));
      for (const path of all) {
        for (const value of ['[1, 2]', '{a: 1}', '"text"', 'true', '~']) {
          expectCleanOutcome(await size(text, [`--set=${path.join('.')}=${value}`]), ['p.yaml', '--set'], `${name} ${path.join('.')}=${value}`);
        }
      }
    }
  });

  test('5e-324, the smallest double, in every numeric field of every shipped profile', async () => {
    // A rate that small once made a Firehose buffer's flush period 1 / rate = ∞ (found by the fuzz).
    for (const [name, text] of Object.entries(SWEPT)) {
      const parsed = parseYaml(text) as unknown;
      for (const path of leafPaths(parsed).filter((p) => typeof getIn(parsed, p) === 'number')) {
        const doc = parseDocument(text);
        doc.setIn(path, 5e-324);
        expectCleanOutcome(await size(doc.toString()), ['p.yaml'], `${name} ${path.join('.')}=5e-324`);
      }
    }
  });

  // Inputs that once made the model walk millions of terms (tiny dispersion), search the whole
  // shard range with a slow tail sum (many skewed keys at a million records/s), or allocate per
  // shard for hundreds of millions of on-demand shards (13 GB). The test timeout is the guard
  // against a hang; speed itself is measured by `npm run bench`.
  test('a negative-binomial shape below 0.1 is refused with its location', async () => {
    const r = await size(SHIPPED['fastapi-logs.yaml']!, ['--set=traffic.burstiness={dispersion: 0.001}']);
    expectCleanOutcome(r, ['p.yaml', '--set']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('traffic.burstiness.dispersion');
  });

  test('many skewed keys at 1,000,000 records/s: sized, with the hot key unfixable', async () => {
    const r = await size(SHIPPED['clickstream.yaml']!, ['--set=traffic.records_per_second=1e6', '--set=traffic.peak_records_per_second=1e6']);
    expectCleanOutcome(r, ['p.yaml']);
    const report = JSON.parse(r.stdout) as { results: { stream: { throttle: { unfixable: { kind: string }[] } } }[] };
    expect(report.results[0]!.stream.throttle.unfixable.map((u) => u.kind)).toContain('hot-key');
  });

  test('a stream beyond the on-demand maximum is reported, not allocated shard by shard', async () => {
    const flags = [
      'traffic.records_per_second=1e7',
      'traffic.peak_records_per_second=4.7e8',
      'traffic.record_size=631539B',
      'stream.mode=on-demand-advantage',
      'traffic.partition_keys=8756',
    ];
    const r = await size(
      SHIPPED['clickstream.yaml']!,
      flags.map((f) => `--set=${f}`),
    );
    expectCleanOutcome(r, ['p.yaml', '--set']);
    expect(r.stdout).toContain('beyond the most an on-demand stream takes');
  });
});

function getIn(doc: unknown, path: (string | number)[]): unknown {
  let cur = doc;
  for (const seg of path) cur = (cur as Record<string | number, unknown>)?.[seg];
  return cur;
}
