// The reading half of an import, run in a worker thread so that reading, parsing, text extraction,
// tokenizing and compression overlap with the SQLite writes of the importing thread. Records whose
// content is unchanged (a stored article's content hash) are not even parsed, wherever their file
// now lies (a corpus moved, or given as another root: `articles/` or the tarball holding it), and
// the importing thread only notes their new path. Duplicate ids are found here, in read order: the
// first file read with an id is the article, the others are rejected.

import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { toRecordEntry } from '../corpus/records.js';
import { readSource } from '../corpus/source.js';
import type { Article } from '../corpus/types.js';
import { toBackfileError } from '../lib/errors.js';
import { type PreparedArticle, prepareArticle } from './prepare.js';
import { bulkLoadSql, FTS_CHARS_SQL } from './schema.js';

export interface WorkerInput {
  source: string;
  /** [id, hash, sourcePath] of every stored article. */
  existing: Array<[number, string, string]>;
  batchSize: number;
  indexVersion: number;
  /**
   * For a first import: build the per-character index (fts_chars) here, in this SQLite file, to
   * share the SQLite work between the two threads; the importing thread copies it in at the end.
   */
  charsDb?: string;
}

export interface PreparedItem {
  prepared: PreparedArticle;
  hash: string;
  path: string;
}

export type WorkerMessage =
  | {
      type: 'batch';
      records: number;
      /**
       * Items whose body and index texts were moved into `bytes` (UTF-8 for the texts): their
       * fields hold empty placeholders and `spans` gives [offset, length] × 6 per item
       * (body, lead, title, text, meta, chars). One transferred buffer instead of thousands of copies.
       */
      items: PreparedItem[];
      bytes: Uint8Array;
      spans: number[];
      /** [id, path] of the records whose content is a stored article's (their path may be new). */
      unchanged: Array<[number, string]>;
      rejected: Array<{ path: string; reason: string }>;
    }
  | { type: 'done' }
  | { type: 'fail'; message: string; code: string };

export function contentHash(bytes: Buffer, indexVersion: number): string {
  return `${indexVersion}:${createHash('sha1').update(bytes).digest('base64')}`;
}

const NO_BYTES = Buffer.alloc(0);

/** Moves the bodies and index texts of a batch into one buffer (see WorkerMessage). */
function packBytes(batch: Extract<WorkerMessage, { type: 'batch' }>): void {
  const parts: Buffer[] = [];
  let offset = 0;
  const add = (b: Buffer) => {
    parts.push(b);
    batch.spans.push(offset, b.length);
    offset += b.length;
  };
  for (const { prepared: p } of batch.items) {
    add(p.body);
    add(p.lead);
    for (const key of ['ftsTitle', 'ftsText', 'ftsMeta', 'ftsChars'] as const) {
      const v = p[key];
      add(typeof v === 'string' ? Buffer.from(v, 'utf8') : v);
      p[key] = '';
    }
    p.body = NO_BYTES;
    p.lead = NO_BYTES;
  }
  // a large Buffer.concat result owns its memory; a small one lives in the shared pool and is
  // copied out, since transferring it would detach the pool
  const bytes = Buffer.concat(parts, offset);
  batch.bytes = bytes.buffer.byteLength === bytes.length ? bytes : new Uint8Array(bytes);
}

/** Restores the bodies and index texts of a received batch (views into its one buffer). */
export function unpackBytes(batch: Extract<WorkerMessage, { type: 'batch' }>): PreparedItem[] {
  const { bytes, spans } = batch;
  const view = (k: number) => Buffer.from(bytes.buffer, bytes.byteOffset + spans[2 * k]!, spans[2 * k + 1]!);
  batch.items.forEach(({ prepared: p }, i) => {
    const k = i * 6;
    p.body = view(k);
    p.lead = view(k + 1);
    p.ftsTitle = view(k + 2);
    p.ftsText = view(k + 3);
    p.ftsMeta = view(k + 4);
    p.ftsChars = view(k + 5);
  });
  return batch.items;
}

async function main(): Promise<void> {
  const port = parentPort!;
  const input = workerData as WorkerInput;
  const byHash = storedByHash(input.existing);
  /** id -> path of the first file read with it */
  const seen = new Map<number, string>();
  let inflight = 0;
  let release: (() => void) | null = null;
  const wake = () => {
    if (release) {
      const r = release;
      release = null;
      r();
    }
  };
  const empty = (): Extract<WorkerMessage, { type: 'batch' }> => ({
    type: 'batch',
    records: 0,
    items: [],
    bytes: new Uint8Array(0),
    spans: [],
    unchanged: [],
    rejected: [],
  });
  let batch = empty();
  // the per-character index, built here for a first import
  let chars: { db: Database.Database; insert: Database.Statement } | null = null;
  if (input.charsDb) {
    const db = new Database(input.charsDb);
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('page_size = 16384');
    db.exec(FTS_CHARS_SQL);
    db.exec(bulkLoadSql('fts_chars', 'start'));
    db.exec('BEGIN');
    chars = { db, insert: db.prepare('INSERT INTO fts_chars (rowid, chars) VALUES (?, ?)') };
  }
  const closeChars = () => {
    if (!chars) return;
    chars.db.exec('COMMIT');
    // merged here, while the importing thread writes the last batches
    chars.db.exec(bulkLoadSql('fts_chars', 'end'));
    chars.db.close();
    chars = null;
  };
  // Asked to stop (the import was interrupted), the reading stops between two records and the thread
  // exits from there: terminated from outside it could be inside node:zlib, compressing a body, and
  // Node 20 then aborts the whole process as it frees the thread ("close before init").
  let stopping = false;
  let finished = false;
  const exitNow = () => {
    chars?.db.close(); // its transaction rolled back: the importing thread removes the file
    chars = null;
    process.exit(0);
  };
  port.on('message', (msg: string) => {
    if (msg === 'ack') {
      inflight--;
      wake();
    } else if (msg === 'stop') {
      stopping = true;
      if (finished) exitNow();
      else wake();
    }
  });
  /** Sorts one readable record file into the batch: unchanged, to write, or rejected. */
  const take = (path: string, bytes: Buffer) => {
    const hash = contentHash(bytes, input.indexVersion);
    const stored = byHash.get(hash);
    let article: Article | undefined;
    // the same bytes under the same file name have the same id (it comes from original_url, or
    // else from the file name); under another name, the record says which id it has
    let id = stored?.find((s) => s.path === path || basename(s.path) === basename(path))?.id;
    let unchanged = id !== undefined;
    if (id === undefined) {
      const parsed = toRecordEntry(path, bytes);
      if (parsed.error) {
        batch.rejected.push({ path, reason: parsed.error.message });
        return;
      }
      article = parsed.article;
      id = article.id;
      unchanged = stored?.some((s) => s.id === id) ?? false;
    }
    const first = seen.get(id);
    if (first !== undefined) {
      batch.rejected.push({ path, reason: `duplicate article id ${id} (also in ${first})` });
      return;
    }
    seen.set(id, path);
    if (unchanged) batch.unchanged.push([id, path]);
    else batch.items.push({ prepared: prepareArticle(article!), hash, path });
  };
  const send = async () => {
    if (batch.records === 0) return;
    // In id order (a batch holds each id once): FTS5 writes its pending index as a new segment
    // whenever a rowid is lower than the one before, so a corpus read in id order is indexed in one
    // segment.
    batch.items.sort((a, b) => a.prepared.id - b.prepared.id);
    if (chars) {
      for (const { prepared } of batch.items) {
        chars.insert.run(prepared.id, prepared.ftsChars);
        prepared.ftsChars = '';
      }
    }
    inflight++;
    packBytes(batch);
    port.postMessage(batch, [batch.bytes.buffer as ArrayBuffer]);
    batch = empty();
    while (inflight >= 3 && !stopping) await new Promise<void>((resolve) => (release = resolve));
  };
  try {
    for await (const entry of readSource(input.source)) {
      if (stopping) break;
      batch.records++;
      if (entry.error || !entry.bytes) {
        const parsed = toRecordEntry(entry.path, entry.bytes, entry.error);
        batch.rejected.push({ path: entry.path, reason: parsed.error?.message ?? 'unreadable' });
      } else take(entry.path, entry.bytes);
      if (batch.items.length >= input.batchSize || batch.records >= input.batchSize * 4) await send();
    }
    if (stopping) return exitNow();
    await send();
    closeChars();
    port.postMessage({ type: 'done' } satisfies WorkerMessage);
  } catch (err) {
    if (stopping) return exitNow();
    const e = toBackfileError(err);
    await send();
    closeChars();
    port.postMessage({ type: 'fail', message: e.message, code: e.code } satisfies WorkerMessage);
  }
  // the importing thread stops this thread once it has the last message
  finished = true;
  if (stopping) exitNow();
}

/** Stored articles by content hash (several when files without an id in their URL share bytes). */
function storedByHash(existing: WorkerInput['existing']): Map<string, Array<{ id: number; path: string }>> {
  const byHash = new Map<string, Array<{ id: number; path: string }>>();
  for (const [id, hash, path] of existing) {
    const list = byHash.get(hash);
    if (list) list.push({ id, path });
    else byHash.set(hash, [{ id, path }]);
  }
  return byHash;
}

if (parentPort && (workerData as WorkerInput | undefined)?.source !== undefined) await main();
