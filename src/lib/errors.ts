// The one error base of backfile: a user-facing message, a machine-readable code, an exit code for
// the CLI, an HTTP status for the server, and the underlying cause when there is one.

export type ErrorCode =
  | 'usage' // the command line or a request was malformed
  | 'not-found' // a file, record or page does not exist
  | 'bad-record' // one record could not be read
  | 'bad-source' // a corpus source (folder, tarball, git repo) could not be read
  | 'bad-query' // a search query could not be understood
  | 'bad-store' // the SQLite file is corrupt, foreign or from another version
  | 'network' // a remote host could not be reached or misbehaved
  | 'io' // a file or folder could not be written or read: permissions, a read-only or full disk
  | 'internal';

const EXIT_CODES: Record<ErrorCode, number> = {
  usage: 2,
  'not-found': 3,
  'bad-record': 1,
  'bad-source': 3,
  'bad-query': 2,
  'bad-store': 4,
  network: 5,
  io: 74,
  internal: 70,
};

const HTTP_STATUS: Record<ErrorCode, number> = {
  usage: 400,
  'not-found': 404,
  'bad-record': 422,
  'bad-source': 500,
  'bad-query': 400,
  'bad-store': 503,
  network: 502,
  io: 500,
  internal: 500,
};

export class BackfileError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BackfileError';
    this.code = code;
  }

  get exitCode(): number {
    return EXIT_CODES[this.code];
  }

  get httpStatus(): number {
    return HTTP_STATUS[this.code];
  }
}

export class UsageError extends BackfileError {
  /** The command whose arguments were wrong, named before the message (`backfile search: …`). */
  command: string | undefined;
  constructor(message: string, options?: { cause?: unknown; command?: string }) {
    super('usage', message, options);
    this.name = 'UsageError';
    this.command = options?.command;
  }
}

export class NotFoundError extends BackfileError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('not-found', message, options);
    this.name = 'NotFoundError';
  }
}

export class RecordError extends BackfileError {
  readonly path: string;
  constructor(path: string, message: string, options?: { cause?: unknown }) {
    super('bad-record', message, options);
    this.name = 'RecordError';
    this.path = path;
  }
}

export class SourceError extends BackfileError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('bad-source', message, options);
    this.name = 'SourceError';
  }
}

export class QueryError extends BackfileError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('bad-query', message, options);
    this.name = 'QueryError';
  }
}

export class StoreError extends BackfileError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('bad-store', message, options);
    this.name = 'StoreError';
  }
}

export class NetworkError extends BackfileError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('network', message, options);
    this.name = 'NetworkError';
  }
}

/** What the file system errors a user can fix (not a bug of backfile) mean. */
const FILE_ERRORS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exhausted',
  EMFILE: 'too many open files',
};

/** SQLite's result codes of the same kind (better-sqlite3's SqliteError.code). */
const SQLITE_FILE_ERRORS: Array<[RegExp, string]> = [
  [/^SQLITE_READONLY/, 'the database file or its folder is read-only'],
  [/^SQLITE_FULL$/, 'the disk is full'],
  [/^SQLITE_CANTOPEN/, 'the database file cannot be opened (its folder is missing or not writable?)'],
  [/^SQLITE_PERM$/, 'permission denied'],
  [/^SQLITE_IOERR/, 'a disk read or write failed'],
];

/**
 * A file system or disk error as the user can act on it ('io': which file, and why), or null for
 * anything else. `file` names the file when the error does not (SQLite's errors never do).
 */
export function fileError(err: unknown, file?: string): BackfileError | null {
  if (!(err instanceof Error)) return null;
  const code = (err as NodeJS.ErrnoException).code;
  if (typeof code !== 'string') return null;
  const path = (err as NodeJS.ErrnoException).path ?? file;
  const why = FILE_ERRORS[code] ?? SQLITE_FILE_ERRORS.find(([re]) => re.test(code))?.[1];
  if (!why) return null;
  const syscall = (err as NodeJS.ErrnoException).syscall ?? (code.startsWith('SQLITE') ? 'write' : undefined);
  const what = path ? `cannot ${verbOf(syscall)} ${path}` : 'a file could not be written';
  return new BackfileError('io', `${what}: ${why}`, { cause: err });
}

function verbOf(syscall: string | undefined): string {
  if (!syscall) return 'use';
  if (syscall.startsWith('mkdir')) return 'create the folder';
  if (syscall.startsWith('open')) return 'open';
  if (/^(write|rename|copyfile|link|symlink|unlink|rmdir|rm|utime|chmod)/.test(syscall)) return 'write';
  return 'read';
}

/** Wraps anything thrown into a BackfileError, keeping the original as the cause. */
export function toBackfileError(err: unknown): BackfileError {
  if (err instanceof BackfileError) return err;
  const io = fileError(err);
  if (io) return io;
  const message = err instanceof Error ? err.message : String(err);
  return new BackfileError('internal', `unexpected error: ${message}`, { cause: err });
}
