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
  | 'internal';

const EXIT_CODES: Record<ErrorCode, number> = {
  usage: 2,
  'not-found': 3,
  'bad-record': 1,
  'bad-source': 3,
  'bad-query': 2,
  'bad-store': 4,
  network: 5,
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
  constructor(message: string, options?: { cause?: unknown }) {
    super('usage', message, options);
    this.name = 'UsageError';
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

/** Wraps anything thrown into a BackfileError, keeping the original as the cause. */
export function toBackfileError(err: unknown): BackfileError {
  if (err instanceof BackfileError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new BackfileError('internal', `unexpected error: ${message}`, { cause: err });
}
