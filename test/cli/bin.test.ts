// The installed entry point, bin/kplan.js, run as a user runs it: a CommonJS shim that answers
// --version itself and loads the bundle (dist/, built by `npm install` / `npm ci`).

import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = resolve(ROOT, 'bin/kplan.js');

function kplan(args: string[]) {
  if (!existsSync(resolve(ROOT, 'dist/kplan.cjs'))) throw new Error('dist/kplan.cjs is missing: run `npm run build` (npm install does)');
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bin/kplan.js', () => {
  it('prints package.json version for --version and -V', () => {
    const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(kplan(['--version'])).toMatchObject({ status: 0, stdout: `${pkg.version}\n`, stderr: '' });
    expect(kplan(['-V']).stdout).toBe(`${pkg.version}\n`);
  });
  it('runs a command through the bundle: size --format json exits 0 with the whole report', () => {
    const r = kplan(['size', 'profiles/fastapi-logs.yaml', '--format', 'json']);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { results: { stream: { shards: number } }[] };
    expect(report.results[0]?.stream.shards).toBeGreaterThan(0);
  });
  it('reads the built-in prices from one file per Region beside the bundle, equal to the source catalogue', () => {
    const source = JSON.parse(readFileSync(resolve(ROOT, 'src/prices/data/builtin.json'), 'utf8')) as { regions: Record<string, unknown> };
    const dir = resolve(ROOT, 'dist/builtin-prices');
    expect(readdirSync(dir).sort()).toEqual(
      Object.keys(source.regions)
        .map((c) => `${c}.json`)
        .sort(),
    );
    for (const [code, region] of Object.entries(source.regions)) expect(JSON.parse(readFileSync(resolve(dir, `${code}.json`), 'utf8'))).toEqual(region);
    // Through the bundle, every Region priced as the source prices it.
    const r = kplan(['size', 'profiles/direct-put.yaml', '--region', 'all', '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    const regions = (JSON.parse(r.stdout) as { results: { region: string }[] }).results.map((x) => x.region);
    expect(regions.sort()).toEqual(Object.keys(source.regions).sort());
  });
  it('is ASCII, which the shim reads as Latin-1', () => {
    expect(readFileSync(resolve(ROOT, 'dist/kplan.cjs')).some((b) => b > 0x7f)).toBe(false);
  });
  it('exits 2 with a located message and no stack for a missing file', () => {
    const r = kplan(['size', 'no-such-profile.yaml']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no-such-profile.yaml');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
  it('a reader that closes the pipe early ends the run quietly, with the exit code of the command', async () => {
    // 300 sweep points are ~240 KB of JSON: several times what a pipe holds, so writes are still
    // pending when the reader goes away.
    const child = spawn(process.execPath, [BIN, 'sweep', 'profiles/fastapi-logs.yaml', '--vary', 'traffic.records_per_second=100..100000:300', '--format', 'json'], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
