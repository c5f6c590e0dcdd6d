// A fake Io for CLI tests: files in memory (or read through from disk), captured output.

import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Io } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

export interface FakeIo extends Io {
  out: string[];
  err: string[];
  files: Map<string, string | Uint8Array>;
  appended: Map<string, string>;
}

export interface FakeIoOptions {
  files?: Record<string, string | Uint8Array>;
  env?: Record<string, string | undefined>;
  stdin?: string | Uint8Array;
  /** Read paths not in `files` from the real disk, relative to the repository. */
  disk?: boolean;
  tty?: boolean;
}

const ROOT = resolve(import.meta.dirname, '../..');

export function fakeIo(argv: string[], options: FakeIoOptions = {}): FakeIo {
  const files = new Map<string, string | Uint8Array>(Object.entries(options.files ?? {}));
  const out: string[] = [];
  const err: string[] = [];
  const appended = new Map<string, string>();
  const enc = new TextEncoder();
  const bytes = (v: string | Uint8Array) => (typeof v === 'string' ? enc.encode(v) : v);
  const disk = options.disk ?? true;
  const io: FakeIo = {
    argv,
    env: { NO_COLOR: '1', ...options.env },
    cwd: ROOT,
    out,
    err,
    files,
    appended,
    stdout: { write: (s: string) => void out.push(s), isTTY: options.tty ?? false },
    stderr: { write: (s: string) => void err.push(s), isTTY: false },
    readFile: async (p) => {
      const v = files.get(p);
      if (v !== undefined) return bytes(v);
      if (disk) return readFileSync(resolve(ROOT, p));
      throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
    },
    readStdin: async () => bytes(options.stdin ?? ''),
    writeFileAtomic: async (p, text) => void files.set(p, text),
    appendFile: async (p, text) => void appended.set(p, (appended.get(p) ?? '') + text),
    stat: async (p) => {
      const v = files.get(p);
      if (v !== undefined) return { size: bytes(v).length, isFile: true, isDirectory: false };
      if (!disk) return undefined;
      try {
        const s = statSync(resolve(ROOT, p));
        return { size: s.size, isFile: s.isFile(), isDirectory: s.isDirectory() };
      } catch {
        return undefined;
      }
    },
  };
  return io;
}

/** Runs kplan in-process; returns the exit code and what it wrote. */
export async function runCli(argv: string[], options: FakeIoOptions = {}): Promise<{ code: number; stdout: string; stderr: string; io: FakeIo }> {
  const io = fakeIo(argv, options);
  const code = await main(io);
  return { code, stdout: io.out.join(''), stderr: io.err.join(''), io };
}
