// No command formats a number through ICU: the first Intl.NumberFormat call costs ~30 ms of CPU
// (src/units.ts formats en-US by hand). Each run replaces Intl.NumberFormat and
// Number#toLocaleString with stubs that count and throw; its output must equal that of the same run
// with ICU in place.

import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { runCli } from '../helpers/io.js';
import { DEEP } from '../helpers/depth.js';

const ROOT = resolve(import.meta.dirname, '../..');
const PROFILES = readdirSync(resolve(ROOT, 'profiles'))
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => `profiles/${f}`);

async function withoutIcu<T>(run: () => Promise<T>): Promise<{ result: T; calls: string[] }> {
  const calls: string[] = [];
  const numberFormat = Intl.NumberFormat;
  const toLocaleString = Object.getOwnPropertyDescriptor(Number.prototype, 'toLocaleString')!;
  const stub = (name: string) =>
    function (): never {
      calls.push(name);
      throw new Error(`${name} called`);
    };
  Object.defineProperty(Intl, 'NumberFormat', { value: stub('Intl.NumberFormat'), writable: true, configurable: true });
  Object.defineProperty(Number.prototype, 'toLocaleString', { ...toLocaleString, value: stub('Number#toLocaleString') });
  try {
    // The stubs are in place: a call would throw (and be counted even if something caught it).
    expect(() => (1234).toLocaleString('en-US')).toThrow();
    calls.length = 0;
    return { result: await run(), calls };
  } finally {
    Object.defineProperty(Intl, 'NumberFormat', { value: numberFormat, writable: true, configurable: true });
    Object.defineProperty(Number.prototype, 'toLocaleString', toLocaleString);
  }
}

// size's table, markdown and JSON are held to their golden files (test/cli/size.test.ts), which
// ICU's output wrote: only the stubbed run is needed for them.
// npm test: every profile's table, two profiles' markdown, JSON and --explain; test:deep: all.
const golden: string[][] = [];
const commands: string[][] = [];
for (const [i, p] of PROFILES.entries()) {
  const all = DEEP || i < 2;
  for (const format of all ? ['table', 'markdown', 'json'] : ['table']) golden.push(['size', p, '--format', format]);
  if (all) commands.push(['size', p, '--explain']);
}
commands.push(
  ['size', 'profiles/fastapi-logs.yaml', '--format', 'html'],
  ['check', 'profiles/fastapi-logs.yaml'],
  ['check', 'profiles/fastapi-logs-transform.yaml', '--format', 'markdown'],
  ['check', 'test/fixtures/check/gate.yaml'],
  ['check', 'test/fixtures/check/within.yaml', '--format', 'github'],
  ['check', 'profiles/clickstream.yaml', '--max-monthly-usd', '1', '--format', 'markdown'],
  ['sweep', 'profiles/fastapi-logs.yaml', '--vary', 'traffic.records_per_second=500..5000:4'],
  ['sweep', 'profiles/clickstream.yaml', '--vary', 'traffic.record_size=256B,1KiB,4KiB', '--format', 'markdown'],
  ['diff', 'profiles/fastapi-logs.yaml', 'profiles/clickstream.yaml'],
  ['diff', 'profiles/iot-fleet.yaml', 'profiles/fanout.yaml', '--format', 'markdown'],
);

describe('no command touches ICU number formatting', () => {
  for (const argv of golden) {
    it(`kplan ${argv.join(' ')}`, async () => {
      const { result, calls } = await withoutIcu(() => runCli(argv));
      expect(calls).toEqual([]);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
    });
  }
  for (const argv of commands) {
    it(`kplan ${argv.join(' ')}`, async () => {
      const { result, calls } = await withoutIcu(() => runCli(argv));
      expect(calls).toEqual([]);
      expect(result.code).toBeLessThan(2);
      const withIcu = await runCli(argv);
      expect(result.stdout).toBe(withIcu.stdout);
      expect(result.stderr).toBe(withIcu.stderr);
      expect(result.code).toBe(withIcu.code);
    });
  }
});
