// Import: loads every record of a source (folder, tarball, git repository) into the store, with a
// progress bar and a closing summary. A worker thread reads, parses and prepares records (text,
// tokens, compression) while this thread writes them.
//
// Incremental by content hash: unchanged records are skipped unparsed (wherever their file now lies:
// a record found at a new path only has its path noted, with no re-indexing), changed ones
// replaced, records gone from the source removed (only after the whole source was read). A database most of whose
// records were indexed by another version of backfile (INDEX_VERSION), or whose bodies are encoded
// otherwise than BODY_ENCODING (made before INDEX_VERSION 4), or whose index holds another
// TOKEN_SCHEME (made before INDEX_VERSION 5), is rebuilt instead.
//
// Crash-safe:
//  - a first import (no database yet) or a rebuild is made in "<db>.partial" without a journal
//    (fast; the per-character index is built by the worker in "<db>.partial.chars" and copied in
//    at the end) and renamed into place when complete; a run stopped midway (Ctrl-C, SIGKILL)
//    leaves no new database (a rebuild leaves the old one), and the next run starts over. What a
//    killed run leaves of these side files the next run removes first (discardPartialImport; the
//    CLI calls it too when a second Ctrl-C quits at once).
//  - an update of an existing database writes transactions of a few thousand records with a
//    rollback journal, so a kill leaves the last committed state and the next run goes on from it.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import { countRecords } from '../corpus/source.js';
import type { Article } from '../corpus/types.js';
import { BackfileError, fileError, SourceError } from '../lib/errors.js';
import { formatDuration, Progress } from '../lib/progress.js';
import { TOKEN_SCHEME } from '../text/tokenize.js';
import { type PreparedItem, unpackBytes, type WorkerInput, type WorkerMessage } from './import-worker.js';
import { BODY_ENCODING, prepareArticle } from './prepare.js';
import { bulkLoadSql, FTS_CHARS_SHADOWS } from './schema.js';
import { openStore, type SqliteStore } from './store.js';
import { describeLinks, hasStoryLinks, linkStories, type StoryLinks } from './story-links.js';
import type { Store } from './types.js';
import { StoreWriter } from './writer.js';

/**
 * Bumped whenever what is derived from a record (visible text, folding, tokens, stored columns)
 * changes: the stored hashes then no longer match and every record is re-indexed. 6: thirteen
 * more variant characters folded (撃 → 擊 …), link addresses holding parentheses kept out of the
 * visible text. 7: invisible characters (zero-width, joiners, direction marks, soft hyphens) no
 * longer split words (src/text/ignorable.ts), a zero-width space between Latin words is a space,
 * and variation selectors are not letters (❤️ made a one-character token of U+FE0F). 8: each
 * article's lead (the start of its visible text) is stored for snippets. 9: a Markdown table's
 * pipes and delimiter row are not part of the visible text. 10: a link inside brackets is the inner
 * one (`[ [text](url) ]`, 6 records), as the runs of the inline pass stop at their next opener.
 */
export const INDEX_VERSION = 10;

export interface RejectedRecord {
  path: string;
  reason: string;
}

export interface ImportSummary {
  /** Record files read from the source (rejected ones included). */
  records: number;
  added: number;
  updated: number;
  unchanged: number;
  /** Of the unchanged, those found at another path than the stored one (the path is updated). */
  moved: number;
  removed: number;
  /**
   * Articles of the database the source lacks that were kept, not removed: the source lacks most of
   * them (see MASS_REMOVAL), and the import was not told to prune.
   */
  kept: number;
  rejected: RejectedRecord[];
  /** True when the run was stopped before the end (the next run completes it). */
  interrupted: boolean;
  ms: number;
  dbBytes: number;
  /** The versions linked by their text (src/store/story-links.ts), when they were worked out. */
  linked?: StoryLinks;
}

export interface ImportOptions {
  quiet?: boolean;
  signal?: AbortSignal;
  /** Records per batch (default 2000). */
  batchSize?: number;
  /** Called after each batch is written (tests use it to interrupt an import midway). */
  onBatch?: (recordsSoFar: number) => void;
  /** Remove the articles the source lacks even when it lacks most of them (see MASS_REMOVAL). */
  prune?: boolean;
}

/**
 * A source that lacks more than half of a database's articles (and more than `min` of them) is
 * taken for the wrong one, a subfolder or another corpus, rather than for the archive having
 * shrunk: its import adds and updates as usual but keeps the articles it lacks, unless told to
 * prune. A rebuild from such a source is not put in place.
 */
const MASS_REMOVAL = { share: 0.5, min: 100 };

function isMassRemoval(removed: number, held: number): boolean {
  return removed > MASS_REMOVAL.min && removed > held * MASS_REMOVAL.share;
}

function fileSize(path: string): number {
  let total = 0;
  for (const suffix of ['', '-journal', '-wal']) {
    try {
      total += statSync(path + suffix).size;
    } catch {
      // absent
    }
  }
  return total;
}

function formatBytes(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${Math.round(n / 1e3)} kB`;
}

/**
 * A short report of an import for the terminal. `failed`: the source could not be read to its end
 * (its error follows), and what was read is `kept` (an update), or discarded: a first import or a
 * rebuild is never put in place incomplete, so the database is `not-created` or `unchanged`.
 */
export function describeImport(
  s: ImportSummary,
  dbPath: string,
  failed?: 'kept' | 'not-created' | 'unchanged',
): string {
  const n = (x: number) => x.toLocaleString('en');
  const read = `${n(s.records)} records in ${formatDuration(s.ms)}`;
  // an interrupted first import or rebuild is discarded like a failed one
  const stopped = s.interrupted ? 'import interrupted' : 'import failed';
  const again = s.interrupted ? '; run the same import again to make it' : '';
  if (failed === 'not-created') return `${stopped} after ${read}; ${dbPath} was not created${again}`;
  if (failed === 'unchanged') return `${stopped} after ${read}; ${dbPath} is left as it was${again}`;
  const lines = [
    `${failed ? 'import failed' : s.interrupted ? 'import interrupted' : 'imported'}: ${read} — ` +
      `${n(s.added)} added, ${n(s.updated)} updated, ${n(s.unchanged)} unchanged` +
      (s.moved ? ` (${n(s.moved)} at a new path)` : '') +
      `, ${n(s.removed)} removed, ${n(s.rejected.length)} rejected; ` +
      `${dbPath} is ${formatBytes(s.dbBytes)}`,
  ];
  if (!failed && s.linked && s.linked.articles > 0) lines.push(describeLinks(s.linked));
  if (failed && s.records > 0)
    lines.push('What was read before the error is kept; run the same import again once the source reads.');
  if (s.kept > 0)
    lines.push(
      `${n(s.kept)} articles of the database are not in this source and were kept: it lacks most of them ` +
        '(another folder?); import with --prune to remove them',
    );
  const shown = s.rejected.slice(0, 20);
  for (const r of shown) lines.push(`  rejected ${r.path}: ${r.reason}`);
  if (s.rejected.length > shown.length)
    lines.push(`  … and ${n(s.rejected.length - shown.length)} more rejected`);
  if (s.interrupted) lines.push('Run the same import again to complete it.');
  return lines.join('\n');
}

/** Starts the reading worker (under tsx when running from TypeScript sources: tests, `npm run dev`). */
function startWorker(workerData: WorkerInput): Worker {
  if (import.meta.url.endsWith('.js'))
    return new Worker(new URL('./import-worker.js', import.meta.url), { workerData });
  const url = new URL('./import-worker.ts', import.meta.url).href;
  const boot = `(async () => { (await import('tsx/esm/api')).register(); await import(${JSON.stringify(url)}); })()
    .catch((err) => { console.error(err); process.exit(70); });`;
  return new Worker(boot, { eval: true, workerData });
}

/** How long the reading worker has to stop when asked before it is terminated. */
const STOP_GRACE_MS = 5000;

/**
 * Asks the reading worker to stop and resolves once it has exited. It stops between two records:
 * worker.terminate() can land while the worker is inside node:zlib (compressing a body), and Node
 * 20 then aborts the whole process as it frees the thread ("close before init", node_zlib.cc). A
 * worker that has not stopped after STOP_GRACE_MS is terminated all the same.
 */
function stopWorker(worker: Worker, exited: Promise<void>): Promise<void> {
  worker.postMessage('stop');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(() => void worker.terminate().finally(resolve), STOP_GRACE_MS);
    timer.unref();
  });
  return Promise.race([exited, late]).finally(() => clearTimeout(timer));
}

/** A database file and what SQLite may leave beside it. */
const SIDE_FILES = ['', '-journal', '-wal', '-shm'];

/**
 * Removes what an unfinished first import (or rebuild) of dbPath leaves beside it: "<db>.partial",
 * its per-character index "<db>.partial.chars", and their journals, none of which is ever put in
 * place. Never the database itself nor its journal (which rolls back an interrupted update). For
 * when no import of dbPath goes on writing them: before one starts, or as a process quits during
 * its own import. True when there was something to remove.
 */
export function discardPartialImport(dbPath: string): boolean {
  const partialPath = `${dbPath}.partial`;
  let found = false;
  for (const file of [partialPath, `${partialPath}.chars`]) {
    for (const suffix of SIDE_FILES) {
      found ||= existsSync(file + suffix);
      rmSync(file + suffix, { force: true });
    }
  }
  return found;
}

/** Imports a source into the database at dbPath (created when missing). */
export async function importCorpus(
  dbPath: string,
  source: string,
  opts: ImportOptions = {},
): Promise<ImportSummary> {
  const started = Date.now();
  const memory = dbPath === ':memory:';
  const total = await countRecords(source); // also checks that the source exists
  // (the database's folder is made once the source is known to be there)
  if (!memory) mkdirSync(dirname(dbPath), { recursive: true });
  const previous = memory ? null : idsToRebuild(dbPath);
  // a first import, or a rebuild, is made in a side file and renamed into place when complete
  const fresh = !memory && (previous !== null || !existsSync(dbPath));
  const partialPath = `${dbPath}.partial`;
  // a stale partial first import (killed midway) is discarded: a fresh one starts over, an
  // existing database does not need it
  if (!memory) discardPartialImport(dbPath);
  let store: SqliteStore;
  try {
    store = openStore(fresh ? partialPath : dbPath, { create: true });
  } catch (err) {
    // the side file is ours: the user asked for dbPath
    if (err instanceof BackfileError && err.code === 'io' && fresh)
      throw new BackfileError('io', err.message.replace(partialPath, dbPath), { cause: err });
    throw err;
  }
  if (fresh) {
    store.db.pragma('journal_mode = OFF');
    store.db.pragma('synchronous = OFF');
  }
  // 64 MiB: the pages written at random (facets) fit; the index is written segment by segment
  store.db.pragma('cache_size = -65536');
  const progress = new Progress({ unit: 'records', label: 'import', total, silent: opts.quiet });
  const summary: ImportSummary = {
    records: 0,
    added: 0,
    updated: 0,
    unchanged: 0,
    moved: 0,
    removed: 0,
    kept: 0,
    rejected: [],
    interrupted: false,
    ms: 0,
    dbBytes: 0,
  };
  let failure: unknown;
  try {
    failure = await runImport(store, source, fresh, opts, summary, progress, previous);
  } catch (err) {
    progress.finish();
    store.close();
    // SQLite does not say which file it could not write
    throw fileError(err, dbPath) ?? err;
  }
  if (fresh) store.db.pragma('journal_mode = DELETE');
  store.close();
  if (fresh && (summary.interrupted || failure)) {
    // an incomplete first import (or rebuild) is never put in place: it would pass for a finished one
    for (const suffix of ['', '-journal']) rmSync(partialPath + suffix, { force: true });
  } else if (fresh) {
    // a rebuild replaces the database: a journal left beside it belongs to the old one
    for (const suffix of ['-journal', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
    renameSync(partialPath, dbPath);
  }
  summary.ms = Date.now() - started;
  summary.dbBytes = fileSize(dbPath);
  const failed =
    !failure && !summary.interrupted
      ? undefined
      : !fresh
        ? failure
          ? 'kept'
          : undefined
        : previous
          ? 'unchanged'
          : 'not-created';
  progress.finish(describeImport(summary, dbPath, failed));
  if (failure) throw failure;
  return summary;
}

/**
 * The ids of an existing database when most of its records were indexed by another version of
 * backfile (null otherwise): it is then rebuilt from the source in a side file, as fast as a first
 * import (re-indexing 49,118 records in place took 7 times as long and left the file 28% larger).
 */
function idsToRebuild(dbPath: string): Set<number> | null {
  if (!existsSync(dbPath)) return null;
  const store = openStore(dbPath, { readonly: true });
  try {
    const ids = store.db.prepare('SELECT id FROM articles').pluck().all() as number[];
    // bodies of another encoding or tokens of another scheme are never mixed in: rebuilt whole
    if (store.bodyEncoding !== BODY_ENCODING || store.tokenScheme !== TOKEN_SCHEME) return new Set(ids);
    return ids.length > 0 && staleRecordCount(store) * 2 >= ids.length ? new Set(ids) : null;
  } finally {
    store.close();
  }
}

/**
 * Runs the worker and writes what it sends; returns a source failure to throw after cleanup. With
 * `previous` (a rebuild), records are counted as updated, added and removed against those ids.
 */
async function runImport(
  store: SqliteStore,
  source: string,
  fresh: boolean,
  opts: ImportOptions,
  summary: ImportSummary,
  progress: Progress,
  previous: Set<number> | null,
): Promise<unknown> {
  const db = store.db;
  const writer = new StoreWriter(db);
  const existing = writer.existing();
  const seen = new Set<number>(); // the ids of this run's records
  // A first import builds the per-character index in the worker, in a side file copied in at the end
  const charsDb = fresh ? `${store.path}.chars` : undefined;
  if (charsDb) {
    for (const suffix of SIDE_FILES) rmSync(charsDb + suffix, { force: true });
    writer.withChars = false;
  }
  const input: WorkerInput = {
    source,
    existing: [...existing].map(([id, e]) => [id, e.hash, e.sourcePath]),
    batchSize: opts.batchSize ?? 2000,
    indexVersion: INDEX_VERSION,
    ...(charsDb ? { charsDb } : {}),
  };
  const writeBatch = db.transaction((items: PreparedItem[], moved: Array<[number, string]>) => {
    for (const item of items) writer.write(item.prepared, item.hash, item.path);
    // an unchanged record at a new path: only its path (which the reader shows) is updated
    for (const [id, path] of moved) writer.setSourcePath(id, path);
    if (items.length || moved.length) writer.bumpGeneration();
  });
  if (fresh) {
    db.exec(bulkLoadSql('fts', 'start'));
    db.exec('BEGIN');
  }
  const worker = startWorker(input);
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let failure: unknown;
  let aborted = false;
  await new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      aborted = true;
      // the worker may be writing its side index: what it leaves is removed once it has stopped
      void stopWorker(worker, exited).then(() => resolve());
    };
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    let settled = false;
    const finish = (fn: () => void) => {
      settled = true;
      opts.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    // Messages are handled one per turn of the event loop. A port hands over every message that has
    // arrived in one go, and the worker keeps batches ready: handled as they came, a whole import
    // ran in one turn, and Ctrl-C (a signal is an event of the loop) waited until its end.
    const queue: WorkerMessage[] = [];
    let scheduled = false;
    let exitedCleanly = false;
    const pump = () => {
      scheduled = false;
      const msg = queue.shift();
      if (msg) handle(msg);
      if (queue.length && !aborted && !settled) schedule();
      // a worker that ended without a last word: what it sent is handled first
      else if (exitedCleanly && !settled) finish(resolve);
    };
    const schedule = () => {
      if (scheduled) return;
      scheduled = true;
      setImmediate(pump);
    };
    worker.on('message', (msg: WorkerMessage) => {
      queue.push(msg);
      schedule();
    });
    const handle = (msg: WorkerMessage) => {
      if (aborted || settled) return;
      try {
        if (msg.type === 'batch') {
          summary.records += msg.records;
          summary.rejected.push(...msg.rejected);
          // the worker sends each id once (it rejects the files that repeat one)
          const moved: Array<[number, string]> = [];
          for (const [id, path] of msg.unchanged) {
            seen.add(id);
            summary.unchanged++;
            if (existing.get(id)?.sourcePath !== path) moved.push([id, path]);
          }
          summary.moved += moved.length;
          const items = unpackBytes(msg);
          for (const { prepared } of items) {
            seen.add(prepared.id);
            if (existing.has(prepared.id) || previous?.has(prepared.id)) summary.updated++;
            else summary.added++;
          }
          if (fresh) {
            for (const item of items) writer.write(item.prepared, item.hash, item.path);
          } else writeBatch(items, moved);
          worker.postMessage('ack');
          progress.tick(msg.records);
          opts.onBatch?.(summary.records);
        } else if (msg.type === 'done') {
          void stopWorker(worker, exited);
          finish(resolve);
        } else {
          failure = new SourceError(msg.message);
          void stopWorker(worker, exited);
          finish(resolve);
        }
      } catch (err) {
        void stopWorker(worker, exited);
        finish(() => reject(err));
      }
    };
    worker.on('error', (err) => finish(() => reject(err)));
    worker.on('exit', (code) => {
      if (aborted || settled) return;
      if (code !== 0 && code !== 1)
        finish(() => reject(new BackfileError('internal', `import worker exited with ${code}`)));
      else if (queue.length || scheduled) exitedCleanly = true;
      else finish(resolve);
    });
  });
  if (aborted) summary.interrupted = true;
  // a source without a single record file is a wrong path, not an empty archive: as a sync it
  // would remove every article of the database
  if (!aborted && !failure && summary.records === 0) {
    failure = new SourceError(
      `${source} holds no record files (Markdown files, e.g. articles/article_1.md); nothing was imported or removed`,
    );
  }
  if (!aborted && !failure && previous && !opts.prune) {
    // a rebuild replaces the database: one from a source lacking most of its articles is not put in place
    let lacking = 0;
    for (const id of previous) if (!seen.has(id)) lacking++;
    if (isMassRemoval(lacking, previous.size)) {
      failure = new SourceError(
        `${source} lacks ${lacking.toLocaleString('en')} of the ${previous.size.toLocaleString('en')} articles of the database, which was not rebuilt from it; ` +
          'give the whole corpus, or import with --prune to keep only what this source holds',
      );
    }
  }
  if (!aborted && !failure) {
    let vanished = [...existing.keys()].filter((id) => !seen.has(id));
    if (!opts.prune && isMassRemoval(vanished.length, existing.size)) {
      summary.kept = vanished.length;
      vanished = [];
    }
    const removeAll = () => {
      for (const id of vanished) writer.remove(id);
      if (vanished.length > 0) writer.bumpGeneration();
    };
    if (fresh) removeAll();
    else db.transaction(removeAll)();
    summary.removed = vanished.length;
    if (previous) for (const id of previous) if (!seen.has(id)) summary.removed++;
  }
  if (!aborted && !failure) {
    // versions whose titles were reworded, worked out anew when anything changed (and once for a
    // database made before story links)
    const changed = summary.added + summary.updated + summary.removed > 0;
    const unlinked = !hasStoryLinks(db);
    if (fresh || changed || unlinked) {
      progress.stage('linking the versions whose titles were reworded');
      const link = () => {
        summary.linked = linkStories(db);
        writer.bumpGeneration();
      };
      if (fresh) link();
      else db.transaction(link)();
    }
  }
  if (fresh) {
    writer.bumpGeneration();
    db.exec('COMMIT');
    if (aborted || failure) {
      // the worker was stopped mid-write, or the source could not be read to its end: its
      // per-character index is unusable, and so is this first import; the caller discards it and
      // the next run starts over
      if (charsDb) for (const suffix of SIDE_FILES) rmSync(charsDb + suffix, { force: true });
      return failure;
    }
    if (charsDb) copyCharsIndex(db, charsDb);
    // one index segment instead of the several the load wrote (the worker merged fts_chars); the
    // merge frees the pages of the old segments (36 MB for the corpus tarball, which is not in id
    // order): a file with much free space is rewritten without it (2 s)
    if (summary.added + summary.updated > 0) progress.stage('compacting the search index');
    db.exec(bulkLoadSql('fts', 'end'));
    const free = db.pragma('freelist_count', { simple: true }) as number;
    if (free > (db.pragma('page_count', { simple: true }) as number) * 0.02) db.exec('VACUUM');
  }
  return failure;
}

/** Replaces the (empty) fts_chars of db by the one built in the side file, shadow table by shadow table. */
function copyCharsIndex(db: SqliteStore['db'], charsDb: string): void {
  db.prepare('ATTACH DATABASE ? AS side').run(charsDb);
  // FTS5 shadow tables are writable only outside SQLite's defensive mode (better-sqlite3's unsafe mode)
  db.unsafeMode(true);
  try {
    db.transaction(() => {
      for (const table of FTS_CHARS_SHADOWS) {
        db.exec(`DELETE FROM main.${table}; INSERT INTO main.${table} SELECT * FROM side.${table};`);
      }
    })();
  } finally {
    db.unsafeMode(false);
    db.exec('DETACH DATABASE side');
    rmSync(charsDb, { force: true });
  }
}

/**
 * Articles indexed by another version of backfile (their hash carries another INDEX_VERSION): what
 * is derived from them (visible text, tokens, repaired values) may be out of date until an import
 * of their source re-indexes them.
 */
export function staleRecordCount(store: Store): number {
  const prefix = `${INDEX_VERSION}:`;
  return store.db
    .prepare('SELECT count(*) FROM articles WHERE substr(hash, 1, length(?)) <> ?')
    .pluck()
    .get(prefix, prefix) as number;
}

/** A stable hash of an article built in memory (tests, small stores). */
function articleHash(article: Article): string {
  const json = JSON.stringify({ ...article, layout: undefined });
  return `${INDEX_VERSION}:${createHash('sha1').update(json).digest('base64')}`;
}

/** Writes articles into an open store in one transaction (for tests and small in-memory stores). */
export function importArticles(store: Store, articles: Article[]): void {
  const writer = new StoreWriter(store.db);
  store.db.transaction(() => {
    for (const article of articles) {
      writer.write(prepareArticle(article), articleHash(article), `memory/article_${article.id}.md`);
    }
    linkStories(store.db);
    writer.bumpGeneration();
  })();
}
