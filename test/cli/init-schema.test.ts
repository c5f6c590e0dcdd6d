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
  it('its commented transform and s3 blocks, uncommented, are a valid profile', async () => {
    const init = await runCli(['init']);
    const yaml = init.stdout.replace(/^ {4}# (?=transform:|s3:| {2}\w)/gm, '    ');
    expect(yaml).toMatch(/^ {4}transform: .*\n {6}memory: 128 MiB/m);
    const size = await runCli(['size', '-', '--format', 'json'], { stdin: yaml });
    expect(size.stderr).toBe('');
    expect(size.code).toBe(0);
    const fh = JSON.parse(size.stdout).results[0].firehose[0];
    expect(fh.transform.memory_bytes).toBe(128 * 2 ** 20);
    expect(fh.s3.classes.map((c: { class: string }) => c.class)).toEqual(['standard', 'standard-ia']);
  });
  it('its commented advantage_other_traffic and kpl_billing, uncommented where they apply, are a valid profile with their defaults', async () => {
    const init = (await runCli(['init'])).stdout;
    expect(init).toMatch(/^ {2}# advantage_other_traffic: \{in: 0 MiB, out: 0 MiB\} +# .+$/m);
    expect(init).toMatch(/^ {4}# kpl_billing: user-records +# .+$/m);
    const plain = await runCli(['size', '-', '--format', 'json', '--set', 'stream.mode=on-demand-advantage', '--set', 'producer.aggregation=kpl'], { stdin: init });
    const yaml = init.replace(/^( {2}| {4})# (?=advantage_other_traffic:|kpl_billing:)/gm, '$1');
    expect(yaml).toMatch(/^ {2}advantage_other_traffic: /m);
    expect(yaml).toMatch(/^ {4}kpl_billing: /m);
    const size = await runCli(['size', '-', '--format', 'json', '--set', 'stream.mode=on-demand-advantage', '--set', 'producer.aggregation=kpl'], { stdin: yaml });
    expect(size.stderr).toBe('');
    expect(size.code).toBe(0);
    // The values shown are the defaults: the same report as without the keys.
    const strip = (out: string) => JSON.stringify(JSON.parse(out).results);
    expect(strip(size.stdout)).toBe(strip(plain.stdout));
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
  it('describes the transform and s3 keys of a delivery stream', async () => {
    const r = await runCli(['schema']);
    const defs = (JSON.parse(r.stdout) as { $defs: Record<string, { properties: Record<string, unknown>; required?: string[] }> }).$defs;
    expect(Object.keys(defs.firehose?.properties ?? {})).toEqual(expect.arrayContaining(['transform', 's3']));
    expect(Object.keys(defs.transform?.properties ?? {})).toEqual(['memory', 'duration', 'timeout', 'buffer_size', 'buffer_interval', 'architecture', 'output_ratio']);
    expect(defs.transform?.required).toEqual(['memory', 'duration']);
    expect(Object.keys(defs.s3?.properties ?? {})).toEqual(['retention', 'transitions', 'get_requests_per_object']);
    expect(defs.s3_transition?.required).toEqual(['after', 'class']);
  });
});
