// Help and messages that tell the truth: no flag that does nothing, examples that run, one prefix
// style, no internals (undefined, 1.797e308, 9.007e15, stack overflows), readable extreme values,
// documented units only, --color that forces colour.

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runCli } from '../helpers/io.js';
import { formatGrouped, formatSeconds, formatBytes, parseDurationText, parseSizeText } from '../../src/units.js';

const ROOT = resolve(import.meta.dirname, '../..');
const P = 'profiles/fastapi-logs.yaml';
const COMMANDS = [['size'], ['check'], ['diff'], ['sweep'], ['prices'], ['prices', 'import'], ['schema'], ['init']];

async function help(cmd: string[]): Promise<string> {
  const r = await runCli([...cmd, '--help']);
  expect(r.code).toBe(0);
  return r.stdout;
}

describe('flags that do something, help that says what works', () => {
  it('--explain and --seed exist only where they act (size); sweep, check and diff refuse them', async () => {
    for (const cmd of ['sweep', 'check', 'diff']) {
      const h = await help([cmd]);
      expect(h, cmd).not.toContain('--explain');
      expect(h, cmd).not.toContain('--seed');
    }
    const size = await help(['size']);
    expect(size).toContain('--explain');
    expect(size).toContain('--seed');
    const r = await runCli(['check', P, '--explain']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kplan: error: unknown option '--explain'/);
  });
  it('sweep --help promises one region, as sweep does', async () => {
    const h = await help(['sweep']);
    const region = h.split('\n').find((l) => l.includes('--region')) ?? '';
    expect(region).not.toMatch(/comma|all/);
    expect(region).toMatch(/one region/);
  });
  it('check --help and docs/ci-gate.md agree: the default format is text', async () => {
    expect(await help(['check'])).toMatch(/--format <format>[\s\S]*default: "text"/);
    expect(readFileSync(resolve(ROOT, 'docs/ci-gate.md'), 'utf8')).toContain('`--format text` (the default');
  });
  it('a repeated --region adds up', async () => {
    const r = await runCli(['size', P, '--region', 'us-east-1', '--region', 'eu-west-1', '--format', 'json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { results: { region: string }[] }).results.map((x) => x.region)).toEqual(['us-east-1', 'eu-west-1']);
  });
  it('every command’s --help ends with two or three examples, and those that need no other file run', async () => {
    for (const cmd of COMMANDS) {
      const h = await help(cmd);
      const tail = h.slice(h.lastIndexOf('Examples:'));
      const lines = tail
        .split('\n')
        .slice(1)
        .filter((l) => l.startsWith('  $ kplan '));
      expect(h.lastIndexOf('Examples:'), cmd.join(' ')).toBeGreaterThan(0);
      expect(lines.length, cmd.join(' ')).toBeGreaterThanOrEqual(cmd[0] === 'schema' ? 1 : 2);
      expect(lines.length).toBeLessThanOrEqual(3);
      for (const line of lines) {
        const argv = line.slice('  $ kplan '.length).split(' ');
        if (/[>&~]/.test(line) || argv.some((a) => /^Amazon|^my-stream/.test(a))) continue;
        const r = await runCli(argv);
        expect(r.code, `${line}\n${r.stderr}`).toBe(0);
      }
    }
  }, 60_000);
  it('--color forces colour when the output is not a terminal; --no-color wins over FORCE_COLOR', async () => {
    expect((await runCli(['size', P, '--color'])).stdout).toMatch(/\u001b\[/);
    expect((await runCli(['size', P, '--no-color'], { env: { FORCE_COLOR: '1', NO_COLOR: undefined } })).stdout).not.toMatch(/\u001b\[/);
  });
});

describe('messages show no internals', () => {
  it('unbounded ranges are not printed as 1.7976931348623157e+308', async () => {
    const r = await runCli(['size', P, '--set', 'budgets.monthly_usd=-5']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/e\+308|1\.797/);
    expect(r.stderr).toMatch(/a number ≥ 0/);
  });
  it('safe-integer limits are grouped, not 9.007199254740991e+15', async () => {
    const r = await runCli(['size', P, '--set', 'traffic.partition_keys=1e16']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('9,007,199,254,740,991');
    expect(r.stderr).not.toMatch(/9\.007/);
  });
  it('deep nesting says so, without "Maximum call stack size exceeded"', async () => {
    const deep = `version: 1\nx: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    const r = await runCli(['size', 'p.yaml'], { files: { 'p.yaml': deep } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nested too deeply/);
    expect(r.stderr).not.toMatch(/call stack|undefined/i);
  });
  it('one prefix style: `<where>: error: …`, `kplan: error: …` without a place', async () => {
    const flag = await runCli(['size', P, '--region', 'nope']);
    expect(flag.stderr).toMatch(/^--region: error: unknown region/);
    const commander = await runCli(['size', P, '--format', 'nope']);
    expect(commander.stderr).toMatch(/^kplan: error: option '--format <format>'/);
    const noPlace = await runCli(['diff', '-', '-']);
    expect(noPlace.stderr).toMatch(/^kplan: error: only one of/);
  });
  it('an echoed value is cut to a readable length', async () => {
    const r = await runCli(['size', P, '--set', `name=${'x'.repeat(10_000)}:`]);
    expect(r.stderr.length).toBeLessThan(2000);
  });
});

describe('extreme values print readably', () => {
  it('three significant digits past 1e15, never 16 digits of noise', () => {
    expect(formatSeconds(1e300)).toBe('2.78e+296 h');
    expect(formatGrouped(2_628_000_000_000_000.5)).toBe('2.63e+15');
    expect(formatBytes(1e300)).toMatch(/^9\.31e\+290 GiB$/);
    expect(formatGrouped(Number.MAX_SAFE_INTEGER)).toBe('9,007,199,254,740,991');
  });
});

describe('units: the documented spellings only, the rest refused with a did-you-mean', () => {
  it('parses B KB KiB MB MiB GB GiB and ms s m h d; refuses kb, M, MS', () => {
    expect(parseSizeText('1 KB')).toBe(1024);
    expect(parseSizeText('1 KiB')).toBe(1024);
    expect(parseSizeText('1 kb')).toBeUndefined();
    expect(parseSizeText('2 mib')).toBeUndefined();
    expect(parseDurationText('5 m')).toBe(300);
    expect(parseDurationText('5 M')).toBeUndefined();
    expect(parseDurationText('5 MS')).toBeUndefined();
    expect(parseDurationText('5 min')).toBeUndefined();
  });
  it.each([
    ['traffic.record_size=1 kb', /did you mean `KB`\?/],
    ['traffic.peak_window=5 M', /did you mean `m`/],
    ['firehose.0.buffer_interval=5 MS', /did you mean `ms`/],
  ])('--set %s is refused with a hint', async (set, hint) => {
    const r = await runCli(['size', P, '--set', set]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(hint);
  });
});

describe('offer files', () => {
  it('a binary .json offer file is reported as not JSON, not as "not a valid CSV"', async () => {
    const r = await runCli(['prices', 'import', 'bin.json', '--output', '/nonexistent-kplan-test/out.json'], {
      files: { [resolve(ROOT, 'bin.json')]: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 0xff]) },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^bin\.json:1:1: error: the file is not UTF-8 text$/m);
    expect(r.stderr).not.toMatch(/CSV/);
  });
});
