// An internal error (anything that is not a UsageError) ends in exit 3 with a message that says it
// is a kplan bug, names the version and how to report it; the stack only with --debug.

import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { KPLAN_VERSION } from '../../src/version.js';
import { fakeIo } from '../helpers/io.js';
import { STACK_LINE } from '../hostile/outcome.js';

const PROFILE = 'version: 1\ntraffic: {records_per_second: 100, record_size: 1KiB}\n';

/** Runs kplan with an Io whose `stat` throws a TypeError, as a bug in a command would. */
async function runBroken(argv: string[]) {
  const io = fakeIo(argv, { files: { 'p.yaml': PROFILE }, disk: false });
  io.stat = async () => {
    throw new TypeError("Cannot read properties of undefined (reading 'size')");
  };
  const code = await main(io);
  return { code, stderr: io.err.join(''), stdout: io.out.join('') };
}

describe('internal errors', () => {
  it('exit 3 with "this is a kplan bug", the version and how to report it, and no stack', async () => {
    const r = await runBroken(['size', 'p.yaml', '--format', 'json']);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/this is a kplan bug/i);
    expect(r.stderr).toContain(`kplan ${KPLAN_VERSION}`);
    expect(r.stderr).toContain("Cannot read properties of undefined (reading 'size')");
    expect(r.stderr).toMatch(/report it/i);
    expect(r.stderr).toMatch(/issue/i);
    expect(r.stderr).toContain('--debug');
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stderr).not.toMatch(/TypeError: /);
  });

  it('prints the stack with --debug', async () => {
    const r = await runBroken(['size', 'p.yaml', '--format', 'json', '--debug']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/this is a kplan bug/i);
    expect(r.stderr).toMatch(/TypeError: Cannot read properties/);
    expect(r.stderr).toMatch(STACK_LINE);
  });

  it('is the same for check and diff, and for a value thrown that is not an Error', async () => {
    expect((await runBroken(['check', 'p.yaml'])).code).toBe(3);
    expect((await runBroken(['diff', 'p.yaml', 'p.yaml'])).code).toBe(3);
    const io = fakeIo(['size', 'p.yaml'], { files: { 'p.yaml': PROFILE }, disk: false });
    io.stat = () => {
      throw 'a string';
    };
    expect(await main(io)).toBe(3);
    expect(io.err.join('')).toMatch(/this is a kplan bug/i);
  });

  it('input errors stay exit 2 without the bug message', async () => {
    const io = fakeIo(['size', 'p.yaml'], { files: { 'p.yaml': 'version: 2\n' }, disk: false });
    expect(await main(io)).toBe(2);
    expect(io.err.join('')).not.toMatch(/kplan bug/i);
  });
});
