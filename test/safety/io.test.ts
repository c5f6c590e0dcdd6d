// Bounded reads and checked writes against the real file system: devices, FIFOs, symlinks,
// modes, a full device. The CLI is run in-process with the real readers and writers swapped in.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as pathMod from 'node:path';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { fdStream, readBoundedFd, readFileBounded, writeFileChecked } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { fakeIo } from '../helpers/io.js';
import { MAX_PROFILE_BYTES } from '../../src/cli/load.js';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(pathMod.join(tmpdir(), 'kplan-io-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** kplan in-process with the real file functions and the given standard output. */
async function real(argv: string[], stdout?: { write(s: string): void }) {
  const io = fakeIo(argv);
  io.readFile = async (p, max = 64 * 1024 * 1024) => readFileBounded(fs, pathMod.resolve(io.cwd, p), max);
  io.writeFileAtomic = async (p, text) => writeFileChecked(fs, pathMod, pathMod.resolve(io.cwd, p), text);
  io.stat = async (p) => {
    try {
      const s = fs.statSync(pathMod.resolve(io.cwd, p), { throwIfNoEntry: false });
      return s && { size: s.size, isFile: s.isFile(), isDirectory: s.isDirectory() };
    } catch {
      return undefined;
    }
  };
  if (stdout) io.stdout = stdout;
  const code = await main(io);
  return { code, stdout: io.out.join(''), stderr: io.err.join('') };
}

describe('bounded reads', () => {
  it('reads at most limit + 1 bytes of /dev/zero and /dev/urandom', () => {
    expect(readFileBounded(fs, '/dev/zero', 1000).length).toBe(1001);
    expect(readFileBounded(fs, '/dev/urandom', 4096).length).toBe(4097);
  });
  it('kplan size /dev/zero and /dev/urandom exit 2 at once with the limit in the message', async () => {
    for (const dev of ['/dev/zero', '/dev/urandom']) {
      const r = await real(['size', dev]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('limit of 1 MiB (1,048,576 bytes)');
    }
  });
  it('kplan prices import /dev/zero exits 2 with the offer-file limit', async () => {
    const r = await real(['prices', 'import', '/dev/zero', '--output', pathMod.join(dir, 'never.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/limit of 128 MiB/);
    expect(fs.existsSync(pathMod.join(dir, 'never.json'))).toBe(false);
  });
  it('an endless FIFO (yes into it) is cut at the limit', async () => {
    const fifo = pathMod.join(dir, 'fifo');
    spawnSync('mkfifo', [fifo]);
    const writer: ChildProcess = spawn('sh', ['-c', `yes 'x: 1' > '${fifo}'`], { stdio: 'ignore' });
    try {
      const fd = fs.openSync(fifo, 'r');
      try {
        expect(readBoundedFd(fs, fd, MAX_PROFILE_BYTES).length).toBe(MAX_PROFILE_BYTES + 1);
      } finally {
        fs.closeSync(fd);
      }
    } finally {
      writer.kill();
    }
  });
  it('a symlink loop is reported as a loop, not as a missing file', async () => {
    const loop = pathMod.join(dir, 'loop.yaml');
    fs.symlinkSync(loop, loop);
    const r = await real(['size', loop]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('symlink loop');
    expect(r.stderr).not.toContain('no such file');
  });
});

describe('checked writes', () => {
  it('a failed write to standard output is exit 3 with the reason', async () => {
    const full = fs.openSync('/dev/full', 'w');
    try {
      for (const argv of [['size', 'profiles/fastapi-logs.yaml'], ['schema'], ['check', 'profiles/fastapi-logs.yaml', '--format', 'github']]) {
        const io = fdStream(fs, full, 'standard output');
        const r = await real(argv, io);
        expect(r.code, argv.join(' ')).toBe(3);
        expect(r.stderr).toContain('cannot write standard output: no space left on the device (ENOSPC)');
      }
    } finally {
      fs.closeSync(full);
    }
  });
  it('init --force refuses a device (exit 2) and leaves it alone', async () => {
    const r = await real(['init', '/dev/null', '--force']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/dev/null is a device');
    expect(fs.statSync('/dev/null').isCharacterDevice()).toBe(true);
  });
  it('init --force writes through a symlink and keeps the file mode', async () => {
    const target = pathMod.join(dir, 'real.yaml');
    const link = pathMod.join(dir, 'link.yaml');
    fs.writeFileSync(target, 'old\n', { mode: 0o600 });
    fs.chmodSync(target, 0o600);
    fs.symlinkSync(target, link);
    const r = await real(['init', link, '--force']);
    expect(r.code).toBe(0);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(target, 'utf8')).toContain('version: 1');
    expect(fs.statSync(target).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
  it('prices import --output keeps a 600 catalogue 600 and its symlink a symlink', async () => {
    const target = pathMod.join(dir, 'prices.json');
    const link = pathMod.join(dir, 'prices-link.json');
    fs.writeFileSync(target, fs.readFileSync('src/prices/data/builtin.json'));
    fs.chmodSync(target, 0o600);
    fs.symlinkSync(target, link);
    const offer = fs.readdirSync('test/fixtures/offers').find((f) => /kinesis/i.test(f) && f.endsWith('.json'));
    expect(offer).toBeDefined();
    const r = await real(['prices', 'import', `test/fixtures/offers/${offer}`, '--output', link]);
    expect(r.code).toBe(0);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.statSync(target).mode & 0o777).toBe(0o600);
  });
  it('a write that fails is exit 3 with the reason, and leaves no temporary file', async () => {
    const notDir = pathMod.join(dir, 'plain-file');
    fs.writeFileSync(notDir, 'keep\n');
    const r = await real(['init', pathMod.join(notDir, 'p.yaml')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/cannot write .*p\.yaml: a part of the path is not a folder \(ENOTDIR\)/);
    expect(fs.readFileSync(notDir, 'utf8')).toBe('keep\n');
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
