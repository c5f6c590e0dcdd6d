// The one boundary between kplan and the process: commands read and write only through an Io,
// so tests run every command in-process with a fake one.

export interface Io {
  /** Arguments after `node kplan`. */
  argv: string[];
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  stdout: { write(text: string): void; isTTY?: boolean; columns?: number };
  stderr: { write(text: string): void; isTTY?: boolean; columns?: number };
  /** Reads a file; rejects with a Node error (`code` ENOENT, EISDIR, EACCES, …). */
  readFile(path: string): Promise<Uint8Array>;
  /** Reads all of standard input. */
  readStdin(): Promise<Uint8Array>;
  /** Writes a file atomically (temporary file + rename), creating parent folders. */
  writeFileAtomic(path: string, text: string): Promise<void>;
  /** Appends text to a file (for `$GITHUB_STEP_SUMMARY`). */
  appendFile(path: string, text: string): Promise<void>;
  /** Size in bytes and kind of a path, or undefined when it does not exist. */
  stat(path: string): Promise<{ size: number; isFile: boolean; isDirectory: boolean } | undefined>;
}

/** The real Io of the running process. */
export async function nodeIo(): Promise<Io> {
  const fsSync = await import('node:fs');
  const pathMod = await import('node:path');
  // Only `prices import` and `check` (GitHub step summary) write files: load the promise API then.
  const fs = () => import('node:fs/promises');
  // A reader that stops early (`kplan sweep … | head`) closes the pipe: drop the rest of the
  // output instead of dying with an unhandled EPIPE stack; the command's exit code still stands.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
    });
  }
  return {
    argv: process.argv.slice(2),
    env: process.env,
    cwd: process.cwd(),
    stdout: process.stdout,
    stderr: process.stderr,
    // Reads and stats are synchronous: a CLI reads a few small files one after the other, and the
    // promise API's thread-pool round trips (open, fstat, read, close) cost milliseconds of idle.
    readFile: async (p) => fsSync.readFileSync(p),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    writeFileAtomic: async (p, text) => {
      const f = await fs();
      await f.mkdir(pathMod.dirname(p), { recursive: true });
      const tmp = `${p}.${process.pid}.${Date.now()}.tmp`;
      await f.writeFile(tmp, text);
      await f.rename(tmp, p);
    },
    appendFile: async (p, text) => (await fs()).appendFile(p, text),
    stat: async (p) => {
      try {
        const s = fsSync.statSync(p, { throwIfNoEntry: false });
        return s === undefined ? undefined : { size: s.size, isFile: s.isFile(), isDirectory: s.isDirectory() };
      } catch {
        return undefined;
      }
    },
  };
}
