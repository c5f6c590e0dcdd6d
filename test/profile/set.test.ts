import { describe, expect, test } from 'vitest';
import type { Issue } from '../../src/errors.js';
import { parseSetFlag } from '../../src/profile/set.js';
import type { SetOverride } from '../../src/profile/set.js';
import { errors, MINIMAL, parse, theError } from './helpers.js';

const WITH_CONSUMERS = `${MINIMAL}consumers:\n  - {name: a, type: lambda}\n  - {name: b, type: kcl}\n`;

describe('parseSetFlag', () => {
  test('paths and values', () => {
    expect(parseSetFlag('consumers.0.efo=true')).toEqual({ path: ['consumers', 0, 'efo'], valueText: 'true', raw: 'consumers.0.efo=true' });
    expect((parseSetFlag('consumers[1].name=x') as SetOverride).path).toEqual(['consumers', 1, 'name']);
    expect((parseSetFlag('name=a=b') as SetOverride).valueText).toBe('a=b');
    expect((parseSetFlag('traffic.daily_curve=') as SetOverride).valueText).toBe('');
  });
  test.each([
    ['no equals sign', 'stream.shards'],
    ['empty path', '=4'],
    ['empty segment', 'stream..shards=4'],
    ['__proto__', '__proto__.polluted=1'],
    ['constructor', 'traffic.constructor=1'],
    ['prototype', 'a.prototype.b=1'],
    ['bracketed __proto__', 'consumers[__proto__]=1'],
    ['bad YAML value', 'name=[1, 2'],
    ['huge index', 'consumers.99999999999999999999.name=x'],
  ])('bad flag: %s', (_what, raw) => {
    const r = parseSetFlag(raw) as Issue;
    expect(r.code).toBe('bad-set');
    expect(r.file).toBe('--set');
    expect(r.found).toBe(raw);
  });
});

describe('--set overrides', () => {
  test('typed values', () => {
    const r = parse(WITH_CONSUMERS, [
      'traffic.records_per_second=250',
      'traffic.record_size={average: 1KiB, p99: 4KiB}',
      'consumers.0.efo=true',
      'name="42"',
      'regions=[eu-west-1, us-west-2]',
      'stream.retention=7d',
    ]);
    expect(errors(r)).toEqual([]);
    const p = r.profile;
    expect(p?.traffic.recordsPerSecond).toBe(250);
    expect(p?.traffic.recordSize.kind).toBe('average-p99');
    expect(p?.consumers[0]?.efo).toBe(true);
    expect(p?.consumers[0]?.pollsPerSecond).toBe(0);
    expect(p?.name).toBe('42');
    expect(p?.regions).toEqual(['eu-west-1', 'us-west-2']);
    expect(p?.stream.retentionHours).toBe(168);
  });

  test('list index, and appending one past the end', () => {
    const r = parse(WITH_CONSUMERS, ['consumers.1.polls_per_second=0.5', 'consumers.2.name=c', 'consumers.2.type=lambda']);
    expect(errors(r)).toEqual([]);
    expect(r.profile?.consumers.map((c) => [c.name, c.pollsPerSecond])).toEqual([
      ['a', 1],
      ['b', 0.5],
      ['c', 1],
    ]);
  });

  test('creates missing mappings and lists', () => {
    const r = parse(MINIMAL, ['stream.mode=on-demand', 'firehose.0.name=f', 'budgets.monthly_usd.warn=10']);
    expect(errors(r)).toEqual([]);
    expect(r.profile?.stream.mode).toBe('on-demand');
    expect(r.profile?.firehose[0]?.name).toBe('f');
    expect(r.profile?.budgets).toEqual([{ name: 'monthly_usd', warn: 10, error: null, position: null, origin: '--set budgets.monthly_usd.warn=10' }]);
  });

  test('later flags win', () => {
    const r = parse(MINIMAL, ['traffic.records_per_second=1', 'traffic.records_per_second=2']);
    expect(r.profile?.traffic.recordsPerSecond).toBe(2);
  });

  test('an invalid overridden value is reported against --set, naming the flag', () => {
    const r = parse(MINIMAL, ['traffic.records_per_second=-3']);
    const i = theError(r, 'out-of-range');
    expect(i.file).toBe('--set');
    expect(i.position).toBeUndefined();
    expect(i.path).toBe('traffic.records_per_second');
    expect(i.found).toContain('--set traffic.records_per_second=-3');
    expect(i.message).toContain('--set traffic.records_per_second=-3');
  });

  test('an unknown key from --set gets a suggestion and names the flag', () => {
    const i = theError(parse(MINIMAL, ['traffic.peak_record_per_second=5']), 'unknown-key');
    expect(i.file).toBe('--set');
    expect(i.path).toBe('traffic.peak_record_per_second');
    expect(i.hint).toMatch(/peak_records_per_second/);
  });

  test('a missing key inside a mapping the flag created is reported against --set', () => {
    const i = theError(parse(MINIMAL, ['consumers.0.name=x']), 'missing-key');
    expect(i.file).toBe('--set');
    expect(i.path).toBe('consumers[0].type');
  });

  test('file issues keep their file positions next to --set issues', () => {
    const r = parse(`${MINIMAL}stream: {mode: fast}\n`, ['producer.producers=0']);
    expect(errors(r).map((i) => [i.code, i.file, i.path])).toEqual([
      ['out-of-range', '--set', 'producer.producers'],
      ['bad-enum', 'p.yaml', 'stream.mode'],
    ]);
  });

  test.each([
    ['index into a non-list', 'traffic.0=1', /not a list/],
    ['key into a list', 'consumers.name=x', /no key `name`/],
    ['key into a scalar', 'traffic.record_size.average=1KiB', /has no key/],
    ['index past the end + 1', 'consumers.3.name=x', /past its end/],
  ])('bad-set: %s', (_what, raw, message) => {
    const r = parse(WITH_CONSUMERS, [raw]);
    const i = theError(r, 'bad-set');
    expect(i.file).toBe('--set');
    expect(i.found).toBe(raw);
    expect(i.message).toMatch(message);
  });

  test('prototype paths never reach an object prototype', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).length;
    for (const raw of ['__proto__.polluted=1', 'traffic.__proto__.polluted=1', 'constructor.prototype.polluted=1', 'consumers.0.__proto__=1']) {
      const r = parse(WITH_CONSUMERS, [raw]);
      expect(theError(r, 'bad-set').found).toBe(raw);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).length).toBe(before);
  });

  test('a --set value that is itself hostile', () => {
    const bomb = `x=[${'['.repeat(200)}${']'.repeat(200)}]`;
    const r = parse(MINIMAL, [bomb]);
    expect(r.profile).toBeUndefined();
    expect(errors(r).some((i) => i.file === '--set')).toBe(true);
    const r2 = parse(MINIMAL, ['traffic.record_size={__proto__: 1}']);
    expect(theError(r2, 'bad-set').message).toMatch(/__proto__/);
  });

  test('flags are applied to a file with no optional sections; bad flags and a bad file both report', () => {
    const r = parse('version: 1\ntraffic: {records_per_second: 1, record_size: oops}\n', ['nope']);
    expect(
      errors(r)
        .map((i) => i.code)
        .sort(),
    ).toEqual(['bad-set', 'bad-size']);
  });
});
