// kplan init and kplan schema through an injected Io.

import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/io.js';

describe('kplan init', () => {
  it('prints a starter profile that kplan sizes as it is', async () => {
    const init = await runCli(['init']);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('version: 1');
    const size = await runCli(['size', '-', '--format', 'json'], { stdin: init.stdout });
    expect(size.stderr).toBe('');
    expect(size.code).toBe(0);
    expect(JSON.parse(size.stdout).profile.name).toBe('my-stream');
  });
  it('writes a file, and will not overwrite one without --force', async () => {
    const first = await runCli(['init', 'new.yaml'], { disk: false });
    expect(first.code).toBe(0);
    expect(String(first.io.files.get('new.yaml'))).toContain('records_per_second');
    const again = await runCli(['init', 'old.yaml'], { files: { 'old.yaml': 'mine' }, disk: false });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--force');
    expect(again.io.files.get('old.yaml')).toBe('mine');
    const forced = await runCli(['init', 'old.yaml', '--force'], { files: { 'old.yaml': 'mine' }, disk: false });
    expect(forced.code).toBe(0);
    expect(String(forced.io.files.get('old.yaml'))).toContain('version: 1');
  });
});

describe('kplan schema', () => {
  it('prints a JSON Schema naming every top-level key of the profile', async () => {
    const r = await runCli(['schema']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['version', 'name', 'region', 'regions', 'traffic', 'producer', 'stream', 'consumers', 'firehose', 'budgets']),
    );
    expect(schema.required).toEqual(expect.arrayContaining(['version', 'traffic']));
  });
});
