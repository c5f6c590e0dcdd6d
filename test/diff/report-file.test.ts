// Saved reports: recognised by content, validated before use (`bad-report`, exit 2).

import { describe, expect, it } from 'vitest';
import { UsageError, type Issue } from '../../src/errors.js';
import { looksLikeReport, parseReport } from '../../src/cli/report-file.js';
import { region, report } from '../fixtures/check/reports.js';

const enc = (s: string) => new TextEncoder().encode(s);
const good = report([region('us-east-1'), region('us-east-2', { stream: null, firehose: [] })]);

function issues(text: string): Issue[] {
  try {
    parseReport(enc(text), 'base.json');
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as UsageError).issues;
  }
  throw new Error('expected a UsageError');
}

describe('looksLikeReport', () => {
  it('is true for a JSON object with schema_version, whatever its value', () => {
    expect(looksLikeReport(enc(JSON.stringify(good)))).toBe(true);
    expect(looksLikeReport(enc('\uFEFF  {"schema_version": 7}'))).toBe(true);
  });
  it('is false for profiles, including a profile written as JSON', () => {
    expect(looksLikeReport(enc('version: 1\nname: x\n'))).toBe(false);
    expect(looksLikeReport(enc('{"version": 1, "traffic": {}}'))).toBe(false);
    expect(looksLikeReport(enc('{ version: 1 }'))).toBe(false);
    expect(looksLikeReport(new Uint8Array([0xff, 0xfe, 0x7b]))).toBe(false);
  });
});

describe('parseReport', () => {
  it('returns a valid report as it is', () => {
    expect(parseReport(enc(JSON.stringify(good)), 'base.json')).toEqual(good);
  });
  it('fills in missing alternatives, which neither check nor diff read', () => {
    const { alternatives: _, ...bare } = region('us-east-1');
    expect(parseReport(enc(JSON.stringify(report([bare as never]))), 'b.json').results[0]?.alternatives).toEqual([]);
  });
  it.each([
    ['not JSON', 'version: 1', /not valid JSON/],
    ['not an object', '[1, 2]', /expected a JSON object, found a list/],
    ['no schema_version', '{"results": []}', /has no schema_version/],
    ['another schema_version', '{"schema_version": 2}', /schema_version 2; this kplan reads schema_version 1/],
  ])('refuses %s', (_name, text, message) => {
    const [issue] = issues(text);
    expect(issue).toMatchObject({ code: 'bad-report', file: 'base.json' });
    expect(issue?.message).toMatch(message);
  });
  it('names every field that is missing or of the wrong type, by path', () => {
    const broken = JSON.parse(JSON.stringify(good)) as Record<string, any>;
    broken.results[0].cost.monthly_usd = '12';
    delete broken.results[0].stream.shards;
    broken.results[0].cost.lines[1].item = 5;
    broken.results[1].firehose = null;
    const found = issues(JSON.stringify(broken));
    expect(found.map((i) => i.path)).toEqual(['results[0].stream.shards', 'results[0].cost.monthly_usd', 'results[0].cost.lines[1].item', 'results[1].firehose']);
    expect(found.every((i) => i.code === 'bad-report')).toBe(true);
    expect(found[1]).toMatchObject({ expected: 'a finite number', found: 'string "12"' });
  });
  it('refuses a report without results', () => {
    expect(issues('{"schema_version": 1, "kplan_version": "1", "profile": {"name": "a", "file": "b"}, "prices": {"as_of": "x", "source": "y"}}')[0]?.path).toBe('results');
  });
});
