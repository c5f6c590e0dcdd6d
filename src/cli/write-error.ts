// A write that failed (a full disk, a closed terminal, a read-only folder): exit 3 with the reason
// (README.md, exit codes: 3 is "kplan could not finish"), never a silent exit 0.

const REASONS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  EIO: 'input/output error',
  ELOOP: 'too many levels of symbolic links (a symlink loop)',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  EBADF: 'the stream is closed',
  EXDEV: 'the temporary file and the target are on different file systems',
};

export class WriteFailure extends Error {
  readonly code: string;
  constructor(
    readonly target: string,
    cause: unknown,
  ) {
    const code = (cause as { code?: unknown } | null)?.code;
    const c = typeof code === 'string' ? code : 'EIO';
    super(`cannot write ${target}: ${REASONS[c] ?? (cause instanceof Error ? cause.message : String(cause))} (${c})`);
    this.name = 'WriteFailure';
    this.code = c;
  }
}
