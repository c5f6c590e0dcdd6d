// The terminal: the report follows the terminal's width (TTY columns, then COLUMNS, then 100), and
// long runs show progress on standard error only when it is a terminal.

import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fakeIo, runCli } from '../helpers/io.js';
import { main } from '../../src/cli/main.js';
import { outputWidth, progress } from '../../src/cli/terminal.js';

const ROOT = resolve(import.meta.dirname, '../..');
const PROFILES = readdirSync(resolve(ROOT, 'profiles')).map((f) => `profiles/${f}`);
const widest = (text: string) => Math.max(...text.split('\n').map((l) => [...l].length));

describe('output width', () => {
  it('TTY columns, then COLUMNS, then 100', () => {
    expect(outputWidth({ stdout: { write: () => {}, isTTY: true, columns: 72 }, env: { COLUMNS: '90' } })).toBe(72);
    expect(outputWidth({ stdout: { write: () => {}, isTTY: false }, env: { COLUMNS: '90' } })).toBe(90);
    expect(outputWidth({ stdout: { write: () => {} }, env: { COLUMNS: 'wide' } })).toBe(100);
    expect(outputWidth({ stdout: { write: () => {} }, env: {} })).toBe(100);
  });

  it('at 80 columns no line of size is wider than 80, for every shipped profile, with --explain', async () => {
    for (const p of PROFILES) {
      for (const extra of [[], ['--explain']]) {
        const r = await runCli(['size', p, ...extra], { env: { COLUMNS: '80' } });
        expect(r.code).toBe(0);
        expect(widest(r.stdout), `${p} ${extra.join(' ')}`).toBeLessThanOrEqual(80);
      }
    }
  }, 60_000);

  it('a 60-column terminal gets a 60-column report; a pipe without COLUMNS keeps 100', async () => {
    const io = fakeIo(['size', 'profiles/clickstream.yaml'], { tty: true });
    io.stdout.columns = 60;
    expect(await main(io)).toBe(0);
    expect(widest(io.out.join(''))).toBeLessThanOrEqual(60);
    const piped = await runCli(['size', 'profiles/clickstream.yaml']);
    expect(widest(piped.stdout)).toBeGreaterThan(80);
    expect(widest(piped.stdout)).toBeLessThanOrEqual(100);
  });
});

describe('progress', () => {
  const sweep = ['sweep', 'profiles/fastapi-logs.yaml', '--vary', 'traffic.records_per_second=1000..5000:20', '--format', 'json'];

  it('a sweep shows progress on standard error when it is a terminal', async () => {
    const io = fakeIo(sweep);
    io.stderr.isTTY = true;
    expect(await main(io)).toBe(0);
    const err = io.err.join('');
    expect(err).toContain('sweep 100% (20 of 20)');
    expect(err).toMatch(/\r\u001b\[2K$/); // the line is cleared at the end
    expect(JSON.parse(io.out.join(''))).toBeTruthy(); // stdout untouched
  });

  it('size --simulate shows progress per replica on a terminal, and the report is the same', async () => {
    const argv = ['size', 'profiles/fanout.yaml', '--simulate', '--seed', '3', '--format', 'json'];
    const io = fakeIo(argv);
    io.stderr.isTTY = true;
    expect(await main(io)).toBe(0);
    expect(io.err.join('')).toContain('simulate 100% (32 of 32)');
    const piped = await runCli(argv);
    expect(piped.stderr).toBe('');
    expect(piped.stdout).toBe(io.out.join(''));
  });

  const keys = Array.from({ length: 2_000 }, (_, i) => `k${i.toString(36)}`);
  const keyList = [
    'version: 1',
    'name: listed-keys',
    'region: us-east-1',
    'traffic:',
    '  records_per_second: 20000',
    '  peak_records_per_second: 50000',
    '  record_size: 500 B',
    '  partition_key_size: 8 B',
    `  partition_keys: [${keys.join(', ')}]`,
    'stream:',
    '  mode: provisioned',
    'budgets:',
    '  monthly_usd: { warn: 100000 }',
    '',
  ].join('\n');

  it('size and check with a long key list show the hashing and the shard-count scans on a terminal; the output is the same', async () => {
    for (const argv of [
      ['size', 'keys.yaml', '--format', 'json'],
      ['check', 'keys.yaml', '--format', 'json'],
    ]) {
      const io = fakeIo(argv, { files: { 'keys.yaml': keyList } });
      io.stderr.isTTY = true;
      const code = await main(io);
      const err = io.err.join('');
      expect(err).toContain('keys 100% (2,000 of 2,000)');
      expect(err).toContain('keys: shard counts 0% (0 of');
      expect(err).toMatch(/\r\u001b\[2K$/); // the line is cleared at the end
      const piped = await runCli(argv, { files: { 'keys.yaml': keyList } });
      expect(piped.code).toBe(code);
      expect(piped.stderr).not.toContain('keys'); // nothing when standard error is not a terminal
      if (argv[0] === 'size') expect(piped.stderr).toBe('');
      expect(piped.stdout).toBe(io.out.join(''));
    }
  }, 60_000);

  it('nothing in pipes or CI', async () => {
    const r = await runCli(sweep);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('updates at most once per percent, whatever the number of points', () => {
    const out: string[] = [];
    const bar = progress({ stderr: { write: (s: string) => void out.push(s), isTTY: true } }, 'x');
    for (let i = 1; i <= 10_000; i++) bar.update(i, 10_000);
    bar.end();
    expect(out.length).toBeLessThanOrEqual(102);
  });
});
