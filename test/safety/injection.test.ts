// Hostile text in every string a user controls (profile fields, unknown keys, --set, --region,
// --vary, file names) through every command and format: no output line may start with `::` unless
// the annotation writer wrote it, and no raw control or bidi character may reach the output.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runCli } from '../helpers/io.js';
import { DEEP } from '../helpers/depth.js';
import { guardOutput, sanitize, sanitizeDeep } from '../../src/text/sanitize.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BASE = readFileSync(resolve(ROOT, 'profiles/fastapi-logs.yaml'), 'utf8');

/** Fragments that attack a GitHub Actions log or a terminal. */
export const HOSTILE = [
  'x\n::warning::INJECTED region',
  'x\r\n::error file=evil.yaml,line=1::forged',
  '::stop-commands::tok',
  '  ::add-mask::secret',
  '\u00a0::notice::nbsp',
  'a\u2028::warning::ls',
  'a\u0085::warning::nel',
  '##[error]old-style command',
  'nul\u0000byte',
  'esc\u001b[2J\u001b]0;title\u0007',
  'bidi\u202eevil\u202c \u2066iso\u2069',
  '%0A::warning::percent',
  'tab\there\u000bvt\u000cff\u007fdel',
];

/** Raw characters that must never appear in output (the line feed is the one allowed control). */
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;
/** What the annotation writer writes: command, escaped properties, escaped data on one line. */
const ANNOTATION = /^::(error|warning|notice) (file=[^,:\r\n]*,)?(line=\d+,)?(col=\d+,)?title=[^,:\r\n]*::[^\r\n]*$/;

/** A YAML double-quoted scalar with every non-ASCII or control character escaped. */
function yamlString(s: string): string {
  return `"${[...s]
    .map((ch) => {
      const c = ch.codePointAt(0) ?? 0;
      if (ch === '"' || ch === '\\') return `\\${ch}`;
      if (c < 0x20 || c >= 0x7f) return c > 0xffff ? `\\U${c.toString(16).padStart(8, '0')}` : `\\u${c.toString(16).padStart(4, '0')}`;
      return ch;
    })
    .join('')}"`;
}

function hostileProfile(s: string, where: 'name' | 'firehose' | 'consumer' | 'region' | 'key' | 'unknown' | 'keys'): string {
  const q = yamlString(s);
  switch (where) {
    case 'name':
      return BASE.replace('name: fastapi-logs', `name: ${q}`);
    case 'firehose':
      return BASE.replace('name: logs-to-s3', `name: ${q}`);
    case 'consumer':
      return BASE.replace('consumers: []', `consumers:\n  - name: ${q}\n    type: lambda`);
    case 'region':
      return BASE.replace('region: us-east-1', `region: ${q}`);
    case 'key':
      return BASE.replace('partition_keys: random', `partition_keys: [${q}, "b"]`);
    case 'unknown':
      return BASE.replace('traffic:\n', `traffic:\n  ${q}: 1\n`);
    case 'keys':
      return `${BASE}\n${q}: 1\n`;
  }
}

function assertSafe(text: string, where: string, allowAnnotations: boolean): void {
  expect(RAW.exec(text), `${where}: raw control character`).toBeNull();
  expect(text.includes('##['), `${where}: ##[ in output`).toBe(false);
  for (const line of text.split('\n')) {
    if (!/^\s*::/.test(line)) continue;
    expect(allowAnnotations && ANNOTATION.test(line), `${where}: a line starts with :: → ${JSON.stringify(line)}`).toBe(true);
  }
}

const RUNS: { argv: (file: string) => string[]; github?: boolean }[] = [
  ...['table', 'json', 'markdown'].map((f) => ({ argv: (p: string) => ['size', p, '--format', f] })),
  ...['text', 'json', 'markdown', 'github'].map((f) => ({ argv: (p: string) => ['check', p, '--format', f], github: f === 'github' })),
  ...['table', 'json', 'markdown'].map((f) => ({ argv: (p: string) => ['diff', p, p, '--format', f] })),
  ...['table', 'json', 'markdown'].map((f) => ({ argv: (p: string) => ['sweep', p, '--vary', 'traffic.records_per_second=1000,2000', '--format', f] })),
];

/** npm test: size (table, markdown), check --format github, sweep (markdown); every run at full depth. */
const QUICK = [RUNS[0], RUNS[2], RUNS[6], RUNS[11]].filter((r) => r !== undefined);

async function everyFormat(profile: string, file = 'profiles/hostile.yaml', extra: string[] = []): Promise<void> {
  for (const r of DEEP ? RUNS : QUICK) {
    const { stdout, stderr } = await runCli([...r.argv(file), ...extra], { files: { [file]: profile }, env: { GITHUB_WORKSPACE: ROOT } });
    const where = `${r.argv(file).join(' ')} ${extra.join(' ')}`;
    assertSafe(stdout, `${where} (stdout)`, r.github === true);
    assertSafe(stderr, `${where} (stderr)`, false);
  }
}

describe('the sanitiser', () => {
  it('makes control, line-break, ESC, NUL and bidi characters visible and leaves clean text alone', () => {
    expect(sanitize('x\n::warning::y')).toBe('x\\n::warning::y');
    expect(sanitize('::error::y')).toBe('\\u003a:error::y');
    expect(sanitize('a\u0000b\u001bc\u202ed')).toBe('a\\u0000b\\u001bc\\u202ed');
    expect(sanitize('##[error]x')).toBe('#\\u0023[error]x');
    expect(sanitize('logs-to-s3 us-east-1 1.2 KiB')).toBe('logs-to-s3 us-east-1 1.2 KiB');
    expect(sanitizeDeep({ 'k\n': ['v\r'] })).toEqual({ 'k\\n': ['v\\r'] });
  });
  it('the output guard keeps JSON the same data and colour escapes only when colour is on', () => {
    const json = JSON.stringify({ name: 'a\u202eb\u007f' });
    expect(JSON.parse(guardOutput(json, { color: false }))).toEqual({ name: 'a\u202eb\u007f' });
    expect(RAW.test(guardOutput(json, { color: false }))).toBe(false);
    expect(guardOutput('\u001b[31mred\u001b[39m', { color: true })).toBe('\u001b[31mred\u001b[39m');
    expect(guardOutput('\u001b[31mred', { color: false })).toBe('\\u001b[31mred');
    expect(guardOutput('ok\n  ::warning::x\n', { color: false })).toBe('ok\n  \\u003a:warning::x\n');
    expect(guardOutput(':: no', { color: false }, false)).toBe(':: no');
  });
  it('the annotation writer escapes per GitHub: %, CR, LF in data; also : and , in properties', async () => {
    const { escapeData, escapeProperty } = await import('../../src/render/check.js');
    expect(escapeData('50%\r\n')).toBe('50%25%0D%0A');
    expect(escapeProperty('a:b,c')).toBe('a%3Ab%2Cc');
  });
});

describe('hostile text reaches no output raw', () => {
  it('the issue’s cases: region, name with a forged annotation, NUL and bidi', async () => {
    const region = await runCli(['check', 'p.yaml', '--format', 'github'], { files: { 'p.yaml': hostileProfile('us-east-1\n::warning::INJECTED region', 'region') } });
    expect(region.stdout + region.stderr).not.toMatch(/^::warning::INJECTED/m);
    const name = await runCli(['size', 'p.yaml'], { files: { 'p.yaml': hostileProfile('x\n::error file=evil.yaml,line=1::forged', 'name') } });
    expect(name.code).toBe(0);
    expect(name.stdout).not.toMatch(/^\s*::error/m);
    expect(name.stdout).toContain('x\\n::error file=evil.yaml');
    const nul = await runCli(['size', 'p.yaml', '--format', 'markdown'], { files: { 'p.yaml': hostileProfile('a\u0000\u202eb', 'firehose') } });
    expect(nul.stdout).toContain('a\\u0000\\u202eb');
  });

  it('every field, every command and format, with each hostile fragment', async () => {
    const fields = ['name', 'firehose', 'consumer', 'region', 'key', 'unknown', 'keys'] as const;
    // Every pair at full depth; npm test gives each fragment one field, in turn.
    for (const [i, s] of HOSTILE.entries()) {
      for (const where of DEEP ? fields : [fields[i % fields.length] ?? 'name']) await everyFormat(hostileProfile(s, where));
    }
  }, 120_000);

  it('--set values and keys, --region, --vary, --format and file names', async () => {
    for (const s of DEEP ? HOSTILE : HOSTILE.slice(0, 2)) {
      await everyFormat(BASE, 'profiles/ok.yaml', ['--set', `name=${s}`]);
      await everyFormat(BASE, 'profiles/ok.yaml', ['--set', `${s}=1`]);
      await everyFormat(BASE, 'profiles/ok.yaml', ['--region', s]);
      await everyFormat(BASE, `profiles/${s}.yaml`);
      const vary = await runCli(['sweep', 'profiles/fastapi-logs.yaml', '--vary', `${s}=1..2`]);
      assertSafe(vary.stdout + vary.stderr, `--vary ${s}`, false);
      const fmt = await runCli(['size', 'profiles/fastapi-logs.yaml', '--format', s]);
      assertSafe(fmt.stdout + fmt.stderr, `--format ${s}`, false);
      const missing = await runCli(['size', `nope/${s}.yaml`]);
      assertSafe(missing.stdout + missing.stderr, `missing ${s}`, false);
    }
  }, 120_000);

  it('property: random strings built from hostile pieces in a random field', async () => {
    const piece = fc.oneof(fc.constantFrom(...HOSTILE, '::', '\n', '\r', '%', ',', ':', '\u001b', '\u202e'), fc.string({ unit: 'binary', maxLength: 8 }));
    const field = fc.constantFrom('name', 'firehose', 'consumer', 'region', 'unknown', 'keys' as const);
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { minLength: 1, maxLength: 5 }), field, async (pieces, where) => {
        const s = pieces.join('');
        const profile = hostileProfile(s, where);
        for (const r of [RUNS[0], RUNS[3], RUNS[6]]) {
          if (r === undefined) continue;
          const out = await runCli(r.argv('p.yaml'), { files: { 'p.yaml': profile } });
          assertSafe(out.stdout, 'stdout', r.github === true);
          assertSafe(out.stderr, 'stderr', false);
        }
      }),
      { numRuns: DEEP ? 200 : 8 },
    );
  }, 120_000);
});
