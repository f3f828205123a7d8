// The SQLite schema of the store and its version check. One file holds the articles (bodies
// compressed, apart), their facet values (category, tags, author) normalized for listing and
// counting, a contentless FTS5 index over pre-tokenized folded text (see src/text/tokenize.ts), and
// a positionless one of the distinct characters of each article (fast one-character queries). The schema version lives in
// `PRAGMA user_version`; the meta table names the application so a foreign SQLite file is refused.

import type Database from 'better-sqlite3';
import { fileError, StoreError } from '../lib/errors.js';
import { TOKEN_SCHEME, type TokenScheme } from '../text/tokenize.js';
import { BODY_ENCODING, type BodyEncoding } from './prepare.js';

export const SCHEMA_VERSION = 4;
export const APP_ID = 'backfile';

/** Facet kinds as stored in the facets table. */
export const FACET_KIND = { category: 1, tag: 2, author: 3 } as const;

/** Which letters and digits each article holds (one-character queries; no positions). */
export const FTS_CHARS_SQL = `
CREATE VIRTUAL TABLE IF NOT EXISTS fts_chars USING fts5(
  chars,
  content = '', contentless_delete = 1, detail = none, tokenize = 'ascii'
);
INSERT INTO fts_chars(fts_chars, rank) VALUES('hashsize', 67108864);
`;

/** The shadow tables of fts_chars (copied whole when it is built apart, see import.ts). */
export const FTS_CHARS_SHADOWS = ['fts_chars_data', 'fts_chars_idx', 'fts_chars_docsize', 'fts_chars_config'];

/**
 * The start of each article's visible text (LEAD_LENGTH UTF-16 units, or all of it), stored as
 * UTF-16LE bytes uncompressed: most search snippets are cut from it without inflating and reading
 * the Markdown of the body (see src/search/hit-snippets.ts). Added after schema 4 was out, as
 * repairs: databases made before lack it until they are opened for writing, and their snippets
 * come from the bodies; INDEX_VERSION 8 re-derives every record, which fills it.
 */
export const LEADS_SQL = `
CREATE TABLE IF NOT EXISTS leads (
  id INTEGER PRIMARY KEY,
  lead BLOB NOT NULL             -- UTF-16LE: the first LEAD_LENGTH units of the visible text
);
`;

/**
 * Records whose stored title and body were repaired (the record file keeps its bytes): what was done
 * and how many places had lost bytes. Added after schema 4 was out: databases made before lack it
 * until they are opened for writing, and read as having none.
 */
export const REPAIRS_SQL = `
CREATE TABLE IF NOT EXISTS repairs (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,            -- 'mis-decoded': UTF-8 read through a Cyrillic code page
  lost INTEGER NOT NULL          -- places where bytes were missing (U+FFFD in the text)
);
`;

/**
 * Versions of one story whose titles were reworded (src/store/story-links.ts): each article of such a
 * story with the story's smallest id, rewritten at the end of every import. Added after schema 4
 * was out: databases made before lack it until an import, and read as having none.
 */
export const STORY_LINKS_SQL = `
CREATE TABLE IF NOT EXISTS story_links (
  id INTEGER PRIMARY KEY,
  story INTEGER NOT NULL         -- the smallest article id of its story
);
`;

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS articles (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  date TEXT NOT NULL,
  last_updated TEXT,
  author TEXT NOT NULL,
  category TEXT,
  tags TEXT NOT NULL,            -- JSON array of strings
  url TEXT,                      -- NULL when it is the capture URL of original_url (the usual case)
  capture_ts TEXT,
  original_url TEXT NOT NULL,
  source_path TEXT NOT NULL,
  hash TEXT NOT NULL             -- content hash of the record file (incremental import)
);
CREATE INDEX IF NOT EXISTS articles_by_date ON articles(date, id);

-- bodies apart from the listing fields, so that listings never read them; stored in arrival order
-- (seq) so that pages fill up whatever order a source yields records in (a tarball's order is not
-- the id order: keyed by id, half-empty pages after splits cost 20+ MB)
CREATE TABLE IF NOT EXISTS bodies (
  seq INTEGER PRIMARY KEY,
  id INTEGER NOT NULL UNIQUE,
  body BLOB NOT NULL,            -- raw-deflated body text, UTF-16LE (meta body_encoding; UTF-8 before)
  main_len INTEGER NOT NULL,     -- UTF-16 length of the main part
  footer_len INTEGER NOT NULL    -- UTF-16 length of the footer part
);

-- the article's date is part of the key, so that a listing of a category, tag or author reads its
-- page in date order straight from the key instead of sorting every article of the value
CREATE TABLE IF NOT EXISTS facets (
  kind INTEGER NOT NULL,
  value TEXT NOT NULL,
  date TEXT NOT NULL,
  id INTEGER NOT NULL,
  PRIMARY KEY (kind, value, date, id)
) WITHOUT ROWID;

${REPAIRS_SQL}
${LEADS_SQL}
${STORY_LINKS_SQL}
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
  title, text, meta,
  content = '', contentless_delete = 1, tokenize = 'ascii'
);

${FTS_CHARS_SQL}`;

/**
 * FTS5 settings: a large in-memory term buffer (1 GiB) makes bulk loads much faster. FTS5 writes the
 * buffer as a new segment when it is full, or when a rowid comes lower than the one before; the full
 * corpus read in id order fits it, so a first import writes its index as one segment at the end.
 */
export const FTS_SETUP_SQL = `INSERT INTO fts(fts, rank) VALUES('hashsize', 1073741824);`;

/**
 * A bulk load (a first import or a rebuild) writes its index segments without merging them as it
 * goes (FTS5's automerge off), then merges whatever segments it wrote into one (`optimize`: nothing
 * to do after a load in id order), and turns automerge back on (FTS5's default, 4) for the updates
 * that follow. Searches in one segment are 13% faster than in the six a load used to leave (a
 * token's list is read from one place instead of merged from six).
 */
export function bulkLoadSql(table: 'fts' | 'fts_chars', phase: 'start' | 'end'): string {
  return phase === 'start'
    ? `INSERT INTO ${table}(${table}, rank) VALUES('automerge', 0);`
    : `INSERT INTO ${table}(${table}) VALUES('optimize'); INSERT INTO ${table}(${table}, rank) VALUES('automerge', 4);`;
}

const REIMPORT = 'delete it and re-import with `backfile import <source>`';

/** Creates the schema in an empty database, or checks that an existing one is ours and current. */
export function ensureSchema(db: Database.Database, path: string, create: boolean): void {
  let version: number;
  let tables: string[];
  try {
    version = db.pragma('user_version', { simple: true }) as number;
    tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]
    ).sort();
  } catch (err) {
    const io = fileError(err, path);
    if (io) throw io;
    throw new StoreError(
      `${path} is not a backfile database or is corrupt (${(err as Error).message}); ${REIMPORT}`,
      {
        cause: err,
      },
    );
  }
  if (tables.length === 0 && version === 0) {
    if (!create) {
      throw new StoreError(
        `${path} holds no backfile data; create it with \`backfile import <source> --db ${path}\``,
      );
    }
    db.pragma('page_size = 16384');
    db.exec(SCHEMA_SQL);
    db.exec(FTS_SETUP_SQL);
    db.prepare('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)').run('app', APP_ID);
    db.prepare('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)').run('body_encoding', BODY_ENCODING);
    db.prepare('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)').run('index_tokens', TOKEN_SCHEME);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
    return;
  }
  let app: string | undefined;
  try {
    app = tables.includes('meta')
      ? (db.prepare("SELECT value FROM meta WHERE key = 'app'").pluck().get() as string | undefined)
      : undefined;
  } catch (err) {
    throw new StoreError(`${path} is corrupt (${(err as Error).message}); ${REIMPORT}`, { cause: err });
  }
  if (app !== APP_ID) throw new StoreError(`${path} is not a backfile database; ${REIMPORT}`);
  if (version !== SCHEMA_VERSION) {
    throw new StoreError(
      `${path} was written by another version of backfile (schema ${version}, this one reads ${SCHEMA_VERSION}); ${REIMPORT}`,
    );
  }
  for (const t of ['articles', 'bodies', 'facets', 'fts', 'fts_chars']) {
    if (!tables.includes(t)) throw new StoreError(`${path} is incomplete (no ${t} table); ${REIMPORT}`);
  }
  if (create && !tables.includes('repairs')) db.exec(REPAIRS_SQL);
  if (create && !tables.includes('leads')) db.exec(LEADS_SQL);
}

/**
 * How the bodies of a database are encoded before deflate (see BODY_ENCODING): meta 'body_encoding',
 * which databases made before INDEX_VERSION 4 lack: theirs are UTF-8.
 */
export function bodyEncodingOf(db: Database.Database): BodyEncoding {
  const value = db.prepare("SELECT value FROM meta WHERE key = 'body_encoding'").pluck().get();
  return value === 'utf16le' ? 'utf16le' : 'utf8';
}

/**
 * How the full-text index of a database tokenizes (see TOKEN_SCHEME): meta 'index_tokens', which
 * databases made before INDEX_VERSION 5 lack: theirs hold bigrams only.
 */
export function tokenSchemeOf(db: Database.Database): TokenScheme {
  const value = db.prepare("SELECT value FROM meta WHERE key = 'index_tokens'").pluck().get();
  return value === 'trigrams' ? 'trigrams' : 'bigrams';
}
