// The one boundary between kplan and the process: commands read and write only through an Io,
// so tests run every command in-process with a fake one. Reads are bounded while reading (a device
// or a pipe never ends), writes are checked (a full disk is an error, not a silent exit 0).

import { WriteFailure } from './write-error.js';

export interface OutStream {
  /** Writes text; throws WriteFailure when the stream cannot take it (EPIPE is dropped quietly). */
  write(text: string): void;
  isTTY?: boolean;
  /** Terminal width when isTTY. */
  columns?: number;
}

/** Largest read of a file kplan does when the caller names no limit. */
export const DEFAULT_READ_LIMIT = 64 * 1024 * 1024;

export interface Io {
  /** Arguments after `node kplan`. */
  argv: string[];
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  stdout: OutStream;
  stderr: OutStream;
  /**
   * Reads a file, device or FIFO, at most `maxBytes` + 1 bytes (default DEFAULT_READ_LIMIT): a
   * result longer than `maxBytes` means "too large" and the caller says so. Rejects with a Node
   * error (`code` ENOENT, EISDIR, EACCES, ELOOP, …).
   */
  readFile(path: string, maxBytes?: number): Promise<Uint8Array>;
  /** Reads standard input, at most `maxBytes` + 1 bytes. */
  readStdin(maxBytes?: number): Promise<Uint8Array>;
  /**
   * Writes a file through a temporary file beside the target and a rename: a symlink is written
   * through to its target, an existing file keeps its mode, parent folders are created. Rejects
   * with NotRegularFile when the target exists and is not a regular file, with WriteFailure when
   * the write fails.
   */
  writeFileAtomic(path: string, text: string): Promise<void>;
  /** Appends text to a file (for `$GITHUB_STEP_SUMMARY`). */
  appendFile(path: string, text: string): Promise<void>;
  /** Size in bytes and kind of a path, or undefined when it does not exist. */
  stat(path: string): Promise<{ size: number; isFile: boolean; isDirectory: boolean } | undefined>;
}

type Fs = typeof import('node:fs');

/** Waits a little without a timer (a non-blocking descriptor said EAGAIN). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Reads from an open descriptor until end of input or `maxBytes` + 1 bytes, whichever comes first. */
export function readBoundedFd(fs: Fs, fd: number, maxBytes: number): Buffer {
  const cap = maxBytes + 1;
  const chunks: Buffer[] = [];
  let total = 0;
  let buf = Buffer.allocUnsafe(Math.min(cap, 1024 * 1024));
  while (total < cap) {
    let n: number;
    try {
      n = fs.readSync(fd, buf, 0, Math.min(buf.length, cap - total), null);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EAGAIN') {
        pause(5);
        continue;
      }
      throw err;
    }
    if (n === 0) break;
    chunks.push(buf.subarray(0, n));
    total += n;
    buf = Buffer.allocUnsafe(Math.min(cap - total, 1024 * 1024) || 1);
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
}

/** Reads a path (file, device, FIFO) with readBoundedFd; a regular file over the limit is not read at all. */
export function readFileBounded(fs: Fs, path: string, maxBytes: number): Buffer {
  const fd = fs.openSync(path, 'r');
  try {
    const st = fs.fstatSync(fd);
    if (st.isDirectory()) throw Object.assign(new Error(`EISDIR: ${path}`), { code: 'EISDIR' });
    // Report the size without reading: the caller only needs to know it is over the limit.
    if (st.isFile() && st.size > maxBytes) return Buffer.alloc(maxBytes + 1);
    return readBoundedFd(fs, fd, maxBytes);
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes all of `text` to a descriptor, waiting out EAGAIN on a non-blocking pipe or terminal. */
export function writeAllFd(fs: Fs, fd: number, text: string): void {
  const data = Buffer.from(text, 'utf8');
  let off = 0;
  while (off < data.length) {
    try {
      off += fs.writeSync(fd, data, off, data.length - off);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EAGAIN') {
        pause(1);
        continue;
      }
      throw err;
    }
  }
}

/** A target that exists and is not a regular file (a device, a folder, a FIFO): never replaced. */
export class NotRegularFile extends Error {
  constructor(
    readonly path: string,
    readonly kind: string,
  ) {
    super(`${path} is ${kind}, not a regular file`);
    this.name = 'NotRegularFile';
  }
}

function kindOf(st: import('node:fs').Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isFIFO()) return 'a pipe';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * The one checked file writer: resolves a symlink to its target (so the link stays a link),
 * refuses a target that is not a regular file, writes a temporary file in the target's folder
 * with the target's mode, flushes it, and renames it over the target. On failure the temporary
 * file is removed and the target is as it was.
 */
export function writeFileChecked(fs: Fs, pathMod: typeof import('node:path'), path: string, text: string): void {
  let target = path;
  let st: import('node:fs').Stats | undefined;
  try {
    try {
      target = fs.realpathSync(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      // A dangling link: write the file it points at.
      const link = fs.lstatSync(path, { throwIfNoEntry: false });
      if (link?.isSymbolicLink()) target = pathMod.resolve(pathMod.dirname(path), fs.readlinkSync(path));
    }
    st = fs.statSync(target, { throwIfNoEntry: false });
  } catch (err) {
    throw new WriteFailure(path, err);
  }
  if (st !== undefined && !st.isFile()) throw new NotRegularFile(path, kindOf(st));
  const dir = pathMod.dirname(target);
  const tmp = pathMod.join(dir, `.${pathMod.basename(target)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`);
  let fd: number | undefined;
  try {
    fs.mkdirSync(dir, { recursive: true });
    fd = fs.openSync(tmp, 'wx', st === undefined ? 0o666 : st.mode & 0o7777);
    writeAllFd(fs, fd, text);
    fs.fsyncSync(fd);
    // The umask applied at open: set the existing file's mode exactly.
    if (st !== undefined) fs.fchmodSync(fd, st.mode & 0o7777);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, target);
  } catch (err) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw new WriteFailure(path, err);
  }
}

/** An output stream on a descriptor, written synchronously, so a failed write is seen where it happens. */
export function fdStream(fs: Fs, fd: number, name: string, isTTY = false): OutStream {
  let closed = false;
  return {
    write(text: string) {
      if (closed || text === '') return;
      try {
        writeAllFd(fs, fd, text);
      } catch (err) {
        // A reader that stops early (`kplan sweep … | head`): drop the rest; the exit code stands.
        if ((err as NodeJS.ErrnoException).code === 'EPIPE') {
          closed = true;
          return;
        }
        closed = true;
        throw new WriteFailure(name, err);
      }
    },
    isTTY,
  };
}

/** Standard output or error: a descriptor stream, with the terminal's width when it is one. */
function outStream(fs: Fs, fd: 1 | 2, tty: typeof import('node:tty'), name: string): OutStream {
  const stream = fdStream(fs, fd, name, tty.isatty(fd));
  if (stream.isTTY === true) {
    const columns = (fd === 1 ? process.stdout : process.stderr).columns;
    if (typeof columns === 'number' && columns > 0) stream.columns = columns;
  }
  return stream;
}

/** The real Io of the running process. */
export async function nodeIo(): Promise<Io> {
  const fs = await import('node:fs');
  const pathMod = await import('node:path');
  const tty = await import('node:tty');
  // SIGPIPE is ignored by Node: a closed pipe is an EPIPE error, handled in outStream.
  return {
    argv: process.argv.slice(2),
    env: process.env,
    cwd: process.cwd(),
    stdout: outStream(fs, 1, tty, 'standard output'),
    stderr: outStream(fs, 2, tty, 'standard error'),
    // Reads are synchronous: a CLI reads a few small files one after the other, and the promise
    // API's thread-pool round trips (open, fstat, read, close) cost milliseconds of idle.
    readFile: async (p, maxBytes = DEFAULT_READ_LIMIT) => readFileBounded(fs, p, maxBytes),
    readStdin: async (maxBytes = DEFAULT_READ_LIMIT) => readBoundedFd(fs, 0, maxBytes),
    writeFileAtomic: async (p, text) => writeFileChecked(fs, pathMod, p, text),
    appendFile: async (p, text) => fs.appendFileSync(p, text),
    stat: async (p) => {
      try {
        const s = fs.statSync(p, { throwIfNoEntry: false });
        return s === undefined ? undefined : { size: s.size, isFile: s.isFile(), isDirectory: s.isDirectory() };
      } catch {
        return undefined;
      }
    },
  };
}
