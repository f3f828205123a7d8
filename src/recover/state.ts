// The resume state of a recovery run, in SQLite (better-sqlite3, WAL): which CDX listings are
// complete, every capture found per article, and each article's outcome. A run killed at any point
// starts again where it stopped: finished listings are not asked again, finished articles are not
// fetched again (no request, so no throttling for them).

import Database from 'better-sqlite3';
import { fileError, StoreError } from '../lib/errors.js';
import { statementCache } from '../lib/statement-cache.js';

/** kept: a record already in the output folder that this tool did not write (or that was edited since), left as it is. */
export type ArticleStatus = 'pending' | 'recovered' | 'empty' | 'unavailable' | 'failed' | 'kept';

export interface ArticleState {
  id: number;
  status: ArticleStatus;
  capture: string | null;
  original: string | null;
  path: string | null;
  sha256: string | null;
  reason: string | null;
  timestamp: string | null;
}

export interface CaptureRow {
  id: number;
  timestamp: string;
  original: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS listings (signature TEXT PRIMARY KEY, done INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS captures (
  id INTEGER NOT NULL, timestamp TEXT NOT NULL, original TEXT NOT NULL,
  PRIMARY KEY (id, timestamp, original)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS articles (
  id INTEGER PRIMARY KEY, status TEXT NOT NULL DEFAULT 'pending', capture TEXT, original TEXT,
  timestamp TEXT, path TEXT, sha256 TEXT, reason TEXT, updated_at INTEGER
);
`;

const STATE_VERSION = '1';

export class RecoverState {
  private readonly db: Database.Database;
  /** A prepared statement, prepared once per state file. */
  private readonly sql: (text: string) => Database.Statement;

  constructor(path: string) {
    try {
      this.db = new Database(path);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      this.db.exec(SCHEMA);
      this.sql = statementCache(this.db);
    } catch (err) {
      // a folder that cannot be written is not a broken state file
      const io = fileError(err, path);
      if (io) throw io;
      throw new StoreError(
        `cannot open the recovery state file ${path} (${(err as Error).message}); delete it to start afresh`,
        { cause: err },
      );
    }
    const version = this.getMeta('version');
    if (version === undefined) this.setMeta('version', STATE_VERSION);
    else if (version !== STATE_VERSION) {
      throw new StoreError(
        `the recovery state file ${path} is from another version; delete it to start afresh`,
      );
    }
  }

  getMeta(key: string): string | undefined {
    const row = this.sql('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  setMeta(key: string, value: string): void {
    this.sql(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    ).run(key, value);
  }

  listingDone(signature: string): boolean {
    const row = this.sql('SELECT done FROM listings WHERE signature = ?').get(signature) as
      | { done: number }
      | undefined;
    return row?.done === 1;
  }

  markListingDone(signature: string): void {
    this.sql(
      'INSERT INTO listings (signature, done) VALUES (?, 1) ON CONFLICT(signature) DO UPDATE SET done = 1',
    ).run(signature);
  }

  /** Stores captures (and a pending article row for each new id) in one transaction. */
  addCaptures(rows: CaptureRow[]): void {
    const cap = this.sql('INSERT OR IGNORE INTO captures (id, timestamp, original) VALUES (?, ?, ?)');
    const art = this.sql('INSERT OR IGNORE INTO articles (id, status) VALUES (?, ?)');
    this.db.transaction(() => {
      for (const r of rows) {
        cap.run(r.id, r.timestamp, r.original);
        art.run(r.id, 'pending');
      }
    })();
  }

  /** Captures of one article, newest first (https form first among forms of one capture). */
  captures(id: number): CaptureRow[] {
    return this.sql(
      'SELECT id, timestamp, original FROM captures WHERE id = ? ORDER BY timestamp DESC, original DESC',
    ).all(id) as CaptureRow[];
  }

  /**
   * Ids still to do: pending, and failed ones from an earlier run. Unavailable and empty ones stay
   * so unless retryUnavailable (captures can appear later, or a fixed profile may read them).
   */
  todo(range?: { from: number; to: number }, retryUnavailable = false, overwrite = false): number[] {
    const statuses = `('pending', 'failed'${retryUnavailable ? ", 'unavailable', 'empty'" : ''}${overwrite ? ", 'kept'" : ''})`;
    const rows = this.sql(
      `SELECT id FROM articles WHERE status IN ${statuses} AND id BETWEEN ? AND ? ORDER BY id`,
    ).all(range?.from ?? 0, range?.to ?? Number.MAX_SAFE_INTEGER) as { id: number }[];
    return rows.map((r) => r.id);
  }

  article(id: number): ArticleState | undefined {
    return this.sql('SELECT * FROM articles WHERE id = ?').get(id) as ArticleState | undefined;
  }

  /**
   * Notes the record about to be written for an article (its path and hash), before the file is:
   * a run killed between the file's rename and its outcome then knows the file as its own when it
   * starts again, instead of keeping it as a record it did not write. The status is left as it is.
   */
  noteWriting(id: number, path: string, sha256: string): void {
    this.sql(
      `INSERT INTO articles (id, status, path, sha256) VALUES (?, 'pending', ?, ?)
         ON CONFLICT(id) DO UPDATE SET path = excluded.path, sha256 = excluded.sha256`,
    ).run(id, path, sha256);
  }

  ensureArticle(id: number): void {
    this.sql("INSERT OR IGNORE INTO articles (id, status) VALUES (?, 'pending')").run(id);
  }

  setOutcome(
    id: number,
    status: ArticleStatus,
    fields: {
      capture?: string;
      original?: string;
      timestamp?: string;
      path?: string;
      sha256?: string;
      reason?: string;
    },
  ): void {
    this.sql(
      `INSERT INTO articles (id, status, capture, original, timestamp, path, sha256, reason, updated_at)
         VALUES (@id, @status, @capture, @original, @timestamp, @path, @sha256, @reason, @now)
         ON CONFLICT(id) DO UPDATE SET status = excluded.status, capture = excluded.capture,
           original = excluded.original, timestamp = excluded.timestamp, path = excluded.path,
           sha256 = excluded.sha256, reason = excluded.reason, updated_at = excluded.updated_at`,
    ).run({
      id,
      status,
      capture: fields.capture ?? null,
      original: fields.original ?? null,
      timestamp: fields.timestamp ?? null,
      path: fields.path ?? null,
      sha256: fields.sha256 ?? null,
      reason: fields.reason ?? null,
      now: Date.now(),
    });
  }

  all(range?: { from: number; to: number }): ArticleState[] {
    return this.sql('SELECT * FROM articles WHERE id BETWEEN ? AND ? ORDER BY id').all(
      range?.from ?? 0,
      range?.to ?? Number.MAX_SAFE_INTEGER,
    ) as ArticleState[];
  }

  close(): void {
    this.db.close();
  }
}
