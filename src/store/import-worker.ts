// The reading half of an import, run in a worker thread so that reading, parsing, text extraction,
// tokenizing and compression overlap with the SQLite writes of the importing thread. Records whose
// file is unchanged (same path, same content hash) are not even parsed.

import { createHash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { toRecordEntry } from '../corpus/records.js';
import { readSource } from '../corpus/source.js';
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
       * fields hold empty placeholders and `spans` gives [offset, length] × 5 per item
       * (body, title, text, meta, chars). One transferred buffer instead of thousands of copies.
       */
      items: PreparedItem[];
      bytes: Uint8Array;
      spans: number[];
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
    for (const key of ['ftsTitle', 'ftsText', 'ftsMeta', 'ftsChars'] as const) {
      const v = p[key];
      add(typeof v === 'string' ? Buffer.from(v, 'utf8') : v);
      p[key] = '';
    }
    p.body = NO_BYTES;
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
    const k = i * 5;
    p.body = view(k);
    p.ftsTitle = view(k + 1);
    p.ftsText = view(k + 2);
    p.ftsMeta = view(k + 3);
    p.ftsChars = view(k + 4);
  });
  return batch.items;
}

async function main(): Promise<void> {
  const port = parentPort!;
  const input = workerData as WorkerInput;
  const byPath = new Map(input.existing.map(([id, hash, path]) => [path, { id, hash }]));
  let inflight = 0;
  let release: (() => void) | null = null;
  port.on('message', (msg: string) => {
    if (msg === 'ack') {
      inflight--;
      if (release) {
        const r = release;
        release = null;
        r();
      }
    }
  });
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
  let chars: { db: Database.Database; insert: Database.Statement; ids: Set<number> } | null = null;
  if (input.charsDb) {
    const db = new Database(input.charsDb);
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('page_size = 16384');
    db.exec(FTS_CHARS_SQL);
    db.exec(bulkLoadSql('fts_chars', 'start'));
    db.exec('BEGIN');
    chars = { db, insert: db.prepare('INSERT INTO fts_chars (rowid, chars) VALUES (?, ?)'), ids: new Set() };
  }
  const closeChars = () => {
    if (!chars) return;
    chars.db.exec('COMMIT');
    // merged here, while the importing thread writes the last batches
    chars.db.exec(bulkLoadSql('fts_chars', 'end'));
    chars.db.close();
    chars = null;
  };
  const send = async () => {
    if (batch.records === 0) return;
    // In id order (stable: of two records with one id, the first read stays first): FTS5 writes its
    // pending index as a new segment whenever a rowid is lower than the one before, so a corpus
    // read in id order is indexed in one segment.
    batch.items.sort((a, b) => a.prepared.id - b.prepared.id);
    if (chars) {
      for (const { prepared } of batch.items) {
        // first occurrence of an id wins, as in the importing thread
        if (!chars.ids.has(prepared.id)) chars.insert.run(prepared.id, prepared.ftsChars);
        chars.ids.add(prepared.id);
        prepared.ftsChars = '';
      }
    }
    inflight++;
    packBytes(batch);
    port.postMessage(batch, [batch.bytes.buffer as ArrayBuffer]);
    batch = empty();
    while (inflight >= 3) await new Promise<void>((resolve) => (release = resolve));
  };
  try {
    for await (const entry of readSource(input.source)) {
      batch.records++;
      if (entry.error || !entry.bytes) {
        const parsed = toRecordEntry(entry.path, entry.bytes, entry.error);
        batch.rejected.push({ path: entry.path, reason: parsed.error?.message ?? 'unreadable' });
      } else {
        const hash = contentHash(entry.bytes, input.indexVersion);
        const before = byPath.get(entry.path);
        if (before && before.hash === hash) {
          batch.unchanged.push([before.id, entry.path]);
        } else {
          const parsed = toRecordEntry(entry.path, entry.bytes);
          if (parsed.error) batch.rejected.push({ path: entry.path, reason: parsed.error.message });
          else {
            batch.items.push({ prepared: prepareArticle(parsed.article), hash, path: entry.path });
          }
        }
      }
      if (batch.items.length >= input.batchSize || batch.records >= input.batchSize * 4) await send();
    }
    await send();
    closeChars();
    port.postMessage({ type: 'done' } satisfies WorkerMessage);
  } catch (err) {
    const e = toBackfileError(err);
    await send();
    closeChars();
    port.postMessage({ type: 'fail', message: e.message, code: e.code } satisfies WorkerMessage);
  }
}

if (parentPort && (workerData as WorkerInput | undefined)?.source !== undefined) await main();
