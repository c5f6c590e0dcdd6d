// One test per IssueCode the profile parser produces: code, key path and line:col.
import { describe, expect, test } from 'vitest';
import { expectIssue, MINIMAL, parse, theError } from './helpers.js';

const T = (extra: string) => MINIMAL.replace('record_size: 1KiB', `record_size: 1KiB, ${extra}`);

describe('issue codes', () => {
  test('yaml-syntax', () => {
    const i = expectIssue(parse(`${MINIMAL}name: a: b\n`), 'yaml-syntax', undefined, 3, 7);
    expect(i.message).toMatch(/compact mappings/);
  });

  test('yaml-syntax: more than one document', () => {
    const i = expectIssue(parse(`${MINIMAL}---\n${MINIMAL}`), 'yaml-syntax', undefined, 3, 1);
    expect(i.message).toMatch(/more than one YAML document/);
  });

  test('too-large', () => {
    const r = parse(`${MINIMAL}#${'x'.repeat(200)}\n`, [], 'p.yaml', 100);
    const i = theError(r, 'too-large');
    expect(i.path).toBeUndefined();
    expect(i.position).toBeUndefined();
    expect(i.expected).toMatch(/100 bytes/);
  });

  test('alias-limit', () => {
    const src = `version: 1
traffic: {records_per_second: 100, record_size: 1KiB}
a: &a [x, x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
`;
    const i = theError(parse(src), 'alias-limit');
    // The cap is hit while expanding `d` (10^4 leaves); `e` is never reached.
    expect(i.path).toMatch(/^d(\[\d+\]){4}$/);
    expect(i.position?.line).toBe(3);
    expect(i.file).toBe('p.yaml');
  });

  test('alias-limit: a circular alias', () => {
    const i = expectIssue(parse(`${MINIMAL}x: &a [1, *a]\n`), 'alias-limit', 'x[1]', 3, 11);
    expect(i.message).toMatch(/contains it/);
  });

  test('too-deep', () => {
    // The root mapping is level 1, so the 64th `[` is level 65: one past the limit.
    const src = `${MINIMAL}x: ${'['.repeat(70)}${']'.repeat(70)}\n`;
    const i = expectIssue(parse(src), 'too-deep', `x${'[0]'.repeat(63)}`, 3, 4 + 63);
    expect(i.expected).toMatch(/64/);
  });

  test('duplicate-key at the second key', () => {
    const i = expectIssue(
      parse(`version: 1\ntraffic:\n  records_per_second: 100\n  record_size: 1KiB\n  records_per_second: 200\n`),
      'duplicate-key',
      'traffic.records_per_second',
      5,
      3,
    );
    expect(i.hint).toMatch(/line 3, column 3/);
  });

  test('forbidden-key', () => {
    expectIssue(parse(`${MINIMAL}producer:\n  __proto__: {polluted: 1}\n`), 'forbidden-key', 'producer.__proto__', 4, 3);
  });

  test('unknown-key with a suggestion', () => {
    const i = expectIssue(
      parse(`${MINIMAL}consumers:\n  - name: a\n    type: lambda\n  - name: b\n    type: kcl\n    polls_per_secnd: 2\n`),
      'unknown-key',
      'consumers[1].polls_per_secnd',
      8,
      5,
    );
    expect(i.hint).toBe('did you mean `polls_per_second`?');
  });

  test('missing-key points at the mapping that lacks it', () => {
    const i = expectIssue(parse('version: 1\ntraffic:\n  records_per_second: 100\n'), 'missing-key', 'traffic.record_size', 2, 1);
    expect(i.expected).toMatch(/size/);
  });

  test('missing-key: version', () => {
    expectIssue(parse('traffic: {records_per_second: 100, record_size: 1KiB}\n'), 'missing-key', 'version', 1, 1);
  });

  test('wrong-type', () => {
    const i = expectIssue(parse('version: 1\ntraffic: {records_per_second: "100", record_size: 1KiB}\n'), 'wrong-type', 'traffic.records_per_second', 2, 31);
    expect(i.found).toBe('"100"');
    expect(i.hint).toMatch(/without quotes/);
  });

  test('wrong-type: empty file', () => {
    const i = expectIssue(parse(''), 'wrong-type', undefined, 1, 1);
    expect(i.message).toMatch(/empty/);
    expectIssue(parse('# only a comment\n'), 'wrong-type', undefined, 1, 1);
  });

  test('wrong-type: a document that is not a mapping', () => {
    expectIssue(parse('\n- version: 1\n'), 'wrong-type', undefined, 2, 1);
    expectIssue(parse('just words'), 'wrong-type', undefined, 1, 1);
  });

  test('out-of-range', () => {
    const i = expectIssue(parse(`${MINIMAL}stream:\n  target_utilization: 1.5\n`), 'out-of-range', 'stream.target_utilization', 4, 23);
    expect(i.expected).toBe('a number in (0, 1]');
    expect(i.found).toBe('1.5');
  });

  test('out-of-range: a buffer outside the destination range quotes it', () => {
    const i = expectIssue(parse(`${MINIMAL}firehose:\n  - name: f\n    destination: splunk\n    buffer_size: 10MiB\n`), 'out-of-range', 'firehose[0].buffer_size', 6, 18);
    expect(i.expected).toBe('a size from 1 MiB to 5 MiB for destination `splunk`');
  });

  test('bad-enum', () => {
    const i = expectIssue(parse(`${MINIMAL}stream: {mode: ondemand}\n`), 'bad-enum', 'stream.mode', 3, 16);
    expect(i.hint).toMatch(/on-demand/);
  });

  test('bad-size', () => {
    const i = expectIssue(parse('version: 1\ntraffic: {records_per_second: 100, record_size: 10 parsecs}\n'), 'bad-size', 'traffic.record_size', 2, 49);
    expect(i.found).toBe('"10 parsecs"');
  });

  test('bad-duration', () => {
    const i = expectIssue(parse(`${MINIMAL}producer: {buffer_time: 5 fortnights}\n`), 'bad-duration', 'producer.buffer_time', 3, 25);
    expect(i.expected).toMatch(/100ms/);
  });

  test('bad-region', () => {
    const i = expectIssue(parse(`${MINIMAL}regions: [eu-west-1, eu-wset-2]\n`), 'bad-region', 'regions[1]', 3, 22);
    expect(i.hint).toMatch(/`eu-west-2`/);
  });

  test('inconsistent: peak below the average', () => {
    const i = expectIssue(parse(T('peak_records_per_second: 50')), 'inconsistent', 'traffic.peak_records_per_second', 2, 80);
    expect(i.expected).toMatch(/≥ records_per_second \(100\)/);
  });

  test('not-finite', () => {
    expectIssue(parse(T('key_skew: .inf')), 'not-finite', 'traffic.key_skew', 2, 65);
  });

  test('unsupported-version', () => {
    expectIssue(parse(MINIMAL.replace('version: 1', 'version: 2')), 'unsupported-version', 'version', 1, 10);
  });

  test('bad-set', () => {
    const r = parse(MINIMAL, ['stream.shards']);
    const i = theError(r, 'bad-set');
    expect(i.file).toBe('--set');
    expect(i.found).toBe('stream.shards');
    expect(i.position).toBeUndefined();
  });

  test('not-utf8 at the first bad byte', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('version: 1\nname: caf'), 0xe9, 0x0a]);
    const i = expectIssue(parse(bytes), 'not-utf8', undefined, 2, 10);
    expect(i.found).toMatch(/0xe9/);
  });
});

describe('every problem in one run', () => {
  test('errors from all sections are collected, in reading order', () => {
    const r = parse(`version: 1
traffic:
  records_per_second: -5
  record_size: 0
stream: {mode: provisioned, shards: 0}
consumers:
  - {name: a, type: lambda, efo: "yes"}
firehose:
  - {name: a, buffer_interval: 1h}
budgets:
  monthly_usd: {}
`);
    expect(r.profile).toBeUndefined();
    expect(r.issues.map((i) => [i.code, i.path, i.position?.line])).toEqual([
      ['out-of-range', 'traffic.records_per_second', 3],
      ['out-of-range', 'traffic.record_size', 4],
      ['out-of-range', 'stream.shards', 5],
      ['wrong-type', 'consumers[0].efo', 7],
      ['inconsistent', 'firehose[0].name', 9],
      ['out-of-range', 'firehose[0].buffer_interval', 9],
      ['missing-key', 'budgets.monthly_usd', 11],
    ]);
  });
});
