// Named hostile inputs: each must come back as issues, quickly, without throwing.
import { describe, expect, test } from 'vitest';
import { errors, MINIMAL, parse, theError } from './helpers.js';

describe('hostile input', () => {
  test('billion laughs', () => {
    const levels = ['lol: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      levels.push(`l${i}: &${cur} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const r = parse(`${MINIMAL}${levels.join('\n')}\n`);
    expect(theError(r, 'alias-limit').file).toBe('p.yaml');
  });

  test('an alias bomb in the traffic section', () => {
    const r = parse(`version: 1
x: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
y: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
z: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
traffic:
  records_per_second: 1
  record_size: 1
  partition_keys: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
`);
    theError(r, 'alias-limit');
  });

  test('many aliases stop at the alias limit', () => {
    const r = parse(`${MINIMAL}a: &a 1\nb: [${Array(50_000).fill('*a').join(', ')}]\n`);
    theError(r, 'alias-limit');
  });

  test('an alias before its anchor, and an anchor on a key', () => {
    const r = parse(`${MINIMAL}name: *later\nx: &later y\n`);
    expect(errors(r).map((i) => [i.code, i.path, i.position?.line, i.position?.col])).toEqual([['yaml-syntax', 'name', 3, 7]]);
    expect(errors(parse(`${MINIMAL}&k name: x\nregion: *k\n`)).map((i) => i.code)).toEqual(['bad-region']);
    // A redefined anchor binds from there on, also after an alias re-walked the first one.
    const r2 = parse(`version: 1
traffic: &t {records_per_second: 1, peak_records_per_second: 1, record_size: 1, partition_keys: [&r eu-west-1]}
name: &r us-west-2
firehose: [{name: f, source: direct-put, traffic: *t}]
region: *r
`);
    expect(r2.issues).toEqual([]);
    expect(r2.profile?.regions).toEqual(['us-west-2']);
    const r3 = parse(`version: 1\ntraffic: {records_per_second: 1, peak_records_per_second: 1, record_size: 1}\nname: &r a\nregion: &r us-west-2\nregions: *r\n`);
    expect(errors(r3).map((i) => i.code)).toEqual(['inconsistent']);
  });

  test('small legitimate anchors still work', () => {
    const r = parse(`version: 1
traffic: &t {records_per_second: 10, peak_records_per_second: 20, record_size: 1KiB}
stream: {mode: none}
firehose:
  - {name: a, source: direct-put, traffic: *t}
  - {name: b, source: direct-put, traffic: *t}
`);
    expect(r.issues).toEqual([]);
    expect(r.profile?.firehose[1]?.traffic?.peakRecordsPerSecond).toBe(20);
  });

  test('10,000-deep flow nesting', () => {
    const r = parse(`${MINIMAL}x: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`);
    expect(r.profile).toBeUndefined();
    expect(errors(r).some((i) => i.code === 'too-deep')).toBe(true);
  });

  test('10,000-deep block sequences and mappings', () => {
    expect(errors(parse(`${MINIMAL}x:\n  ${'- '.repeat(10_000)}1\n`)).some((i) => i.code === 'too-deep')).toBe(true);
    expect(errors(parse(`${MINIMAL}x: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`)).some((i) => i.code === 'too-deep')).toBe(true);
    const block = Array.from({ length: 100 }, (_, i) => `${' '.repeat(i)}k:`).join('\n');
    expect(errors(parse(`${MINIMAL}${block} 1\n`)).some((i) => i.code === 'too-deep')).toBe(true);
  });

  test('2 MiB input', () => {
    const big = `${MINIMAL}# ${'x'.repeat(2 * 1024 * 1024)}\n`;
    expect(theError(parse(big), 'too-large').file).toBe('p.yaml');
    expect(theError(parse(new TextEncoder().encode(big)), 'too-large').found).toMatch(/bytes/);
  });

  test('the size limit counts UTF-8 bytes, not characters', () => {
    const text = `${MINIMAL}# ${'é'.repeat(60)}\n`;
    expect(text.length).toBeLessThan(160);
    theError(parse(text, [], 'p.yaml', 160), 'too-large');
  });

  test('binary and non-UTF-8 input', () => {
    theError(parse(new Uint8Array([0xff, 0xfe, 0x00, 0x76, 0x00])), 'not-utf8');
    theError(parse(new Uint8Array([0x76, 0x3a, 0x20, 0xc3, 0x28])), 'not-utf8');
    // Valid UTF-8 with control bytes is read, and fails as YAML or as a profile.
    const r = parse(new Uint8Array([0x00, 0x01, 0x02, 0x7f, 0x1b]));
    expect(r.profile).toBeUndefined();
    expect(errors(r).length).toBeGreaterThan(0);
  });

  test('__proto__ and constructor keys anywhere', () => {
    for (const src of [
      `${MINIMAL}__proto__: {polluted: true}\n`,
      `${MINIMAL}constructor: {prototype: {polluted: true}}\n`,
      'version: 1\ntraffic: {records_per_second: 1, record_size: 1, __proto__: 1}\n',
      `${MINIMAL}budgets: {prototype: 1}\n`,
      `${MINIMAL}consumers: [{name: a, type: lambda, constructor: 1}]\n`,
      `${MINIMAL}"__proto__": 1\n`,
    ]) {
      const r = parse(src);
      expect(errors(r).map((i) => i.code)).toContain('forbidden-key');
      expect(r.profile).toBeUndefined();
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('NaN, .inf, -.inf, 1e308', () => {
    const t = (v: string) => parse(`version: 1\ntraffic: {records_per_second: ${v}, record_size: 1KiB}\n`);
    expect(theError(t('.nan'), 'not-finite').found).toBe('.nan');
    expect(theError(t('.inf'), 'not-finite').found).toBe('.inf');
    expect(theError(t('-.inf'), 'not-finite').found).toBe('-.inf');
    expect(theError(t('1e309'), 'not-finite').found).toBe('.inf');
    theError(t('1e308'), 'out-of-range');
    theError(parse(`${MINIMAL}stream: {retention: 1e308}\n`), 'out-of-range');
    theError(parse('version: 1\ntraffic: {records_per_second: 1, record_size: 1e300 GiB}\n'), 'out-of-range');
    theError(parse('version: 1\ntraffic: {records_per_second: 1, record_size: .nan}\n'), 'not-finite');
  });

  test('wrong types everywhere', () => {
    const r = parse(`version: [1]
name: {a: 1}
region: 5
traffic: 7
producer: true
stream: [x]
consumers: 3
firehose: "x"
budgets: [1]
`);
    expect(r.profile).toBeUndefined();
    expect(errors(r).map((i) => [i.code, i.path])).toEqual([
      ['wrong-type', 'version'],
      ['wrong-type', 'name'],
      ['wrong-type', 'region'],
      ['wrong-type', 'traffic'],
      ['wrong-type', 'producer'],
      ['wrong-type', 'stream'],
      ['wrong-type', 'consumers'],
      ['wrong-type', 'firehose'],
      ['wrong-type', 'budgets'],
    ]);
  });

  test('duplicate keys at several levels', () => {
    const r = parse(`version: 1
version: 1
traffic:
  records_per_second: 1
  record_size: 1
  record_size: 2
`);
    expect(errors(r).map((i) => [i.code, i.path, i.position?.line])).toEqual([
      ['duplicate-key', 'version', 2],
      ['duplicate-key', 'traffic.record_size', 6],
    ]);
  });

  test('empty file, whitespace, a lone document marker, null', () => {
    for (const src of ['', '   \n\n', '---\n', '---\n...\n', '~\n', 'null']) {
      const r = parse(src);
      expect(r.profile).toBeUndefined();
      const i = errors(r)[0];
      expect(i?.code).toBe('wrong-type');
      expect(i?.position).toBeDefined();
    }
    theError(parse(new Uint8Array()), 'wrong-type');
  });

  test('non-scalar and odd keys', () => {
    expect(errors(parse(`${MINIMAL}? [a, b]\n: 1\n`)).map((i) => i.code)).toEqual(['wrong-type']);
    expect(errors(parse(`${MINIMAL}: 1\n`)).length).toBeGreaterThan(0);
    expect(errors(parse(`${MINIMAL}1: 1\n`)).map((i) => [i.code, i.path])).toEqual([['unknown-key', '1']]);
    expect(errors(parse(`${MINIMAL}<<: {name: x}\n`)).map((i) => i.code)).toEqual(['unknown-key']);
  });

  test('YAML 1.1 documents and foreign tags do not change the schema', () => {
    const r = parse(`%YAML 1.1\n---\n${MINIMAL}consumers: [{name: a, type: lambda, efo: yes}]\n`);
    expect(errors(r).map((i) => [i.code, i.path])).toEqual([['wrong-type', 'consumers[0].efo']]);
    const r2 = parse(`${MINIMAL}name: !local x\n`);
    expect(r2.issues.some((i) => i.severity === 'warning' && i.code === 'yaml-syntax')).toBe(true);
    expect(r2.profile?.warnings.some((w) => w.code === 'yaml-syntax')).toBe(true);
  });
});
