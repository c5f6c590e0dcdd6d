// `kplan size` end to end through an injected Io: the shipped profiles against golden outputs and
// the report contract; input errors end in exit 2 with a located message.
//
// UPDATE_GOLDEN=1 npx vitest run test/cli rewrites the golden files after a deliberate change.

import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { runCli } from '../helpers/io.js';
import { contractViolations } from './contract.js';
import type { Report } from '../../src/report/types.js';
import { KPLAN_VERSION } from '../../src/version.js';

const ROOT = resolve(import.meta.dirname, '../..');
const GOLDEN = resolve(ROOT, 'test/golden');
const PROFILES = readdirSync(resolve(ROOT, 'profiles'))
  .filter((f) => f.endsWith('.yaml'))
  .sort();

function golden(name: string, actual: string): void {
  const file = resolve(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    if (process.env.UPDATE_GOLDEN !== '1' && process.env.CI) throw new Error(`missing golden file ${name}`);
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('kplan size on the shipped profiles', () => {
  it('ships the six profiles the README describes', () => {
    expect(PROFILES).toEqual(['clickstream.yaml', 'direct-put.yaml', 'fanout.yaml', 'fastapi-logs-transform.yaml', 'fastapi-logs.yaml', 'iot-fleet.yaml']);
  });

  for (const p of PROFILES) {
    const base = p.replace(/\.yaml$/, '');
    it(`${p}: JSON matches the contract and its golden file`, async () => {
      const r = await runCli(['size', `profiles/${p}`, '--format', 'json']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout) as Report;
      expect(contractViolations(report)).toEqual([]);
      golden(`${base}.json`, r.stdout);
    });
    it(`${p}: table and markdown match their golden files`, async () => {
      const table = await runCli(['size', `profiles/${p}`]);
      expect(table.code).toBe(0);
      expect(table.stdout).not.toMatch(/\x1b\[/);
      golden(`${base}.table.txt`, table.stdout);
      const md = await runCli(['size', `profiles/${p}`, '--format', 'markdown']);
      expect(md.code).toBe(0);
      golden(`${base}.md`, md.stdout);
    });
  }

  it('gives byte-identical output on a second run', async () => {
    const a = await runCli(['size', 'profiles/clickstream.yaml', '--format', 'json']);
    const b = await runCli(['size', 'profiles/clickstream.yaml', '--format', 'json']);
    expect(a.stdout).toBe(b.stdout);
  });

  it('reads standard input for -', async () => {
    const text = readFileSync(resolve(ROOT, 'profiles/iot-fleet.yaml'), 'utf8');
    const r = await runCli(['size', '-', '--format', 'json'], { stdin: text });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as Report).profile.file).toBe('<stdin>');
  });

  it('--explain adds the formulas to the JSON and the table', async () => {
    const json = await runCli(['size', 'profiles/fanout.yaml', '--format', 'json', '--explain']);
    const report = JSON.parse(json.stdout) as Report;
    const topics = report.results[0]!.explain!.map((e) => e.topic);
    expect(topics).toEqual(expect.arrayContaining(['shards.write-bytes', 'cost.shard-hours', 'cost.put-payload-units']));
    const table = await runCli(['size', 'profiles/fanout.yaml', '--explain']);
    expect(table.stdout).toContain('shards × 730 h');
  });

  it('--region overrides the profile and all prices every Region with prices', async () => {
    const one = JSON.parse((await runCli(['size', 'profiles/iot-fleet.yaml', '--format', 'json', '--region', 'us-east-2'])).stdout) as Report;
    expect(one.results.map((x) => x.region)).toEqual(['us-east-2']);
    const all = JSON.parse((await runCli(['size', 'profiles/iot-fleet.yaml', '--format', 'json', '--region', 'all'])).stdout) as Report;
    expect(all.results.length).toBeGreaterThan(2);
    expect(all.results.map((x) => x.region)).toContain('us-east-1');
  });

  it('colours the table only when asked', async () => {
    const plain = await runCli(['size', 'profiles/iot-fleet.yaml'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(plain.stdout).toMatch(/\x1b\[/);
    const off = await runCli(['size', 'profiles/iot-fleet.yaml', '--no-color'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(off.stdout).not.toMatch(/\x1b\[/);
    const json = await runCli(['size', 'profiles/iot-fleet.yaml', '--format', 'json'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(json.stdout).not.toMatch(/\x1b\[/);
  });
});

describe('input errors end in exit 2 with a located message and no stack trace', () => {
  const cases: [string, string[], Record<string, string>, RegExp][] = [
    ['a missing file', ['size', 'nope.yaml'], {}, /nope\.yaml: error: cannot read profile `nope\.yaml`: no such file/],
    ['a folder', ['size', 'profiles'], {}, /is a folder/],
    [
      'an unknown key',
      ['size', 'x.yaml'],
      { 'x.yaml': 'version: 1\ntraffic:\n  record_per_second: 5\n  record_size: 1KiB\n' },
      /x\.yaml:3:3: error: traffic\.record_per_second[\s\S]*did you mean `records_per_second`/,
    ],
    ['a bad region flag', ['size', 'profiles/iot-fleet.yaml', '--region', 'us-est-1'], {}, /unknown region `us-est-1`[\s\S]*us-east-1/],
    ['a bad --set', ['size', 'profiles/iot-fleet.yaml', '--set', 'traffic.records_per_second=-5'], {}, /--set/],
    ['a bad format', ['size', 'profiles/iot-fleet.yaml', '--format', 'xml'], {}, /xml/],
    ['an unknown command', ['sizes', 'x'], {}, /unknown command/],
  ];
  for (const [what, argv, files, pattern] of cases) {
    it(what, async () => {
      const r = await runCli(argv, { files });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
    });
  }
});

describe('version and help', () => {
  it('prints the version from package.json', async () => {
    const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(KPLAN_VERSION).toBe(pkg.version);
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });
  it('lists every command in --help', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['size', 'check', 'diff', 'sweep', 'prices', 'schema', 'init']) expect(r.stdout).toContain(c);
  });
});
