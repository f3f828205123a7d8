// Writes prepared articles into the store: the article row, its body and lead, its facet values,
// its three index texts, and the note of a repair of its text. Callers wrap calls in transactions;
// every article's rows change together, so a database interrupted between transactions is consistent.

import type Database from 'better-sqlite3';
import type { PreparedArticle } from './prepare.js';
import { FACET_KIND } from './schema.js';

export interface ExistingRecord {
  hash: string;
  sourcePath: string;
}

/** A Buffer sent between threads arrives as a plain Uint8Array; SQLite binds Buffers as blobs. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export class StoreWriter {
  private readonly db: Database.Database;
  private readonly stmt;

  /** False while a first import builds fts_chars in the worker (see import.ts). */
  withChars = true;

  constructor(db: Database.Database) {
    this.db = db;
    this.stmt = {
      exists: db.prepare('SELECT 1 FROM articles WHERE id = ?').pluck(),
      insertArticle: db.prepare(
        `INSERT OR IGNORE INTO articles (id, title, date, last_updated, author, category, tags, url, capture_ts,
           original_url, source_path, hash)
         VALUES (@id, @title, @date, @lastUpdated, @author, @category, @tags, @url, @captureTimestamp,
           @originalUrl, @sourcePath, @hash)`,
      ),
      insertBody: db.prepare(
        'INSERT OR IGNORE INTO bodies (id, body, main_len, footer_len) VALUES (?, ?, ?, ?)',
      ),
      deleteBody: db.prepare('DELETE FROM bodies WHERE id = ?'),
      insertLead: db.prepare('INSERT OR REPLACE INTO leads (id, lead) VALUES (?, ?)'),
      deleteLead: db.prepare('DELETE FROM leads WHERE id = ?'),
      insertChars: db.prepare('INSERT INTO fts_chars (rowid, chars) VALUES (?, ?)'),
      deleteChars: db.prepare('DELETE FROM fts_chars WHERE rowid = ?'),
      deleteArticle: db.prepare('DELETE FROM articles WHERE id = ?'),
      setSourcePath: db.prepare('UPDATE articles SET source_path = ? WHERE id = ?'),
      insertFacet: db.prepare('INSERT OR IGNORE INTO facets (kind, value, date, id) VALUES (?, ?, ?, ?)'),
      // facet rows are found by their key (no index by article): the values come from the article row
      deleteFacets: db.prepare(
        `DELETE FROM facets WHERE id = @id AND date = (SELECT date FROM articles WHERE id = @id) AND (
           (kind = ${FACET_KIND.author} AND value = (SELECT author FROM articles WHERE id = @id)) OR
           (kind = ${FACET_KIND.category} AND value = (SELECT category FROM articles WHERE id = @id)) OR
           (kind = ${FACET_KIND.tag} AND value IN (SELECT value FROM json_each((SELECT tags FROM articles WHERE id = @id)))))`,
      ),
      insertRepair: db.prepare('INSERT OR REPLACE INTO repairs (id, kind, lost) VALUES (?, ?, ?)'),
      deleteRepair: db.prepare('DELETE FROM repairs WHERE id = ?'),
      insertFts: db.prepare('INSERT INTO fts (rowid, title, text, meta) VALUES (?, ?, ?, ?)'),
      deleteFts: db.prepare('DELETE FROM fts WHERE rowid = ?'),
      bump: db.prepare(
        `INSERT INTO meta (key, value) VALUES ('generation', '1')
         ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)`,
      ),
    };
  }

  /** Every stored article's content hash and source path. */
  existing(): Map<number, ExistingRecord> {
    const rows = this.db.prepare('SELECT id, hash, source_path FROM articles').raw().all() as Array<
      [number, string, string]
    >;
    return new Map(rows.map(([id, hash, sourcePath]) => [id, { hash, sourcePath }]));
  }

  /** Inserts or replaces one article. */
  write(p: PreparedArticle, hash: string, sourcePath: string): void {
    if (this.stmt.exists.get(p.id)) {
      this.removeIndexRows(p.id);
      this.stmt.deleteArticle.run(p.id);
    }
    this.stmt.insertArticle.run({
      id: p.id,
      title: p.title,
      date: p.date,
      lastUpdated: p.lastUpdated,
      author: p.author,
      category: p.category,
      tags: JSON.stringify(p.tags),
      url: p.url,
      captureTimestamp: p.captureTimestamp,
      originalUrl: p.originalUrl,
      sourcePath,
      hash,
    });
    if (p.category !== null) this.stmt.insertFacet.run(FACET_KIND.category, p.category, p.date, p.id);
    for (const tag of p.tags) if (tag) this.stmt.insertFacet.run(FACET_KIND.tag, tag, p.date, p.id);
    if (p.author) this.stmt.insertFacet.run(FACET_KIND.author, p.author, p.date, p.id);
    this.stmt.insertBody.run(p.id, asBuffer(p.body), p.mainLength, p.footerLength);
    this.stmt.insertLead.run(p.id, asBuffer(p.lead));
    if (p.repair) this.stmt.insertRepair.run(p.id, p.repair.kind, p.repair.lost);
    this.stmt.insertFts.run(p.id, p.ftsTitle, p.ftsText, p.ftsMeta);
    if (this.withChars) this.stmt.insertChars.run(p.id, p.ftsChars);
  }

  private removeIndexRows(id: number): void {
    this.stmt.deleteFacets.run({ id });
    this.stmt.deleteBody.run(id);
    this.stmt.deleteLead.run(id);
    this.stmt.deleteRepair.run(id);
    this.stmt.deleteFts.run(id);
    this.stmt.deleteChars.run(id);
  }

  /** Notes the new path of an article whose record file moved unchanged. */
  setSourcePath(id: number, sourcePath: string): void {
    this.stmt.setSourcePath.run(sourcePath, id);
  }

  /** Removes one article (no-op when absent). */
  remove(id: number): void {
    if (!this.stmt.exists.get(id)) return;
    this.removeIndexRows(id);
    this.stmt.deleteArticle.run(id);
  }

  /** Marks the data as changed (search caches key on this). Call inside the writing transaction. */
  bumpGeneration(): void {
    this.stmt.bump.run();
  }
}
