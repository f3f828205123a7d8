// BM25 scores of the rows an FTS5 expression matches, equal bit for bit to FTS5's bm25(fts, ...weights),
// computed here from each row's weighted phrase frequencies (the phrase_freqs() auxiliary function
// of the phrase-freqs extension, src/search/phrase-freqs.c) and document lengths held in memory.
// FTS5's bm25() reads each hit's length from the %_docsize table (a B-tree lookup per row) and
// returns a row per hit; here one packed value comes back: about half the cost (疫苗, 1,219 hits:
// 0.45 ms against 0.93 ms). Without the extension (no C compiler where backfile was installed, or
// more than 64 phrases), FTS5's bm25() is used, with the same scores.

import type { Statement } from 'better-sqlite3';
import type { Store } from '../store/types.js';
import type { Catalog } from './catalog.js';
import { integerList } from './integer-list.js';

/** FTS5's bm25() constants. */
const K1 = 1.2;
const B = 0.75;
/** phrase_freqs() handles at most this many phrases. */
const MAX_PHRASES = 64;

export interface Bm25Rows {
  ids: ArrayLike<number>;
  /** bm25() values (negative: lower is better), aligned with ids. */
  scores: ArrayLike<number>;
  /**
   * With options.firstIn and the extension: the token offset of each row's first match in that
   * column (-1: none there), aligned with ids.
   */
  firstIn?: Int32Array;
}

export interface Bm25Options {
  /**
   * The number of rows holding each phrase where the caller knows it (a phrase of one common token:
   * its count in fts5vocab), which spares counting them again (about 55 µs a phrase).
   */
  knownRows?: ReadonlyArray<number | undefined>;
  /** A column whose first match offset each row should report (Bm25Rows.firstIn). */
  firstIn?: number;
}

interface TableStats {
  rows: number;
  avgdl: number;
  /** Tokens of each row (all columns), by the catalog's dense index. */
  lengths: Int32Array;
}

const statsCache = new WeakMap<Catalog, TableStats>();

/**
 * Rows, tokens and each row's length, as bm25() sees them: the counts from FTS5 itself (its
 * averages record), the lengths from %_docsize (the first varint per column; a table with
 * contentless_delete appends an origin after them).
 */
function tableStats(store: Store, c: Catalog, expr: string, columns: number): TableStats | null {
  let stats = statsCache.get(c);
  if (stats) return stats;
  const counts = store
    .statement('SELECT fts5_stats(fts) FROM fts WHERE fts MATCH ? LIMIT 1')
    .pluck()
    .get(expr) as string | undefined;
  if (!counts) return null;
  const [rows, tokens] = counts.split(' ').map(Number) as [number, number];
  // by the catalog's dense index, not by id: ids may spread far wider than their number
  const lengths = new Int32Array(c.size);
  // row by row: the whole table as arrays and buffers at once took 7 MB more at a server's peak
  const sizes = store.db.prepare('SELECT id, sz FROM fts_docsize').raw().iterate() as IterableIterator<
    [number, Buffer]
  >;
  for (const [id, sz] of sizes) {
    let total = 0;
    let at = 0;
    for (let col = 0; col < columns && at < sz.length; col++) {
      let v = 0;
      let byte: number;
      do {
        byte = sz[at++]!;
        v = v * 128 + (byte & 0x7f);
      } while (byte & 0x80 && at < sz.length);
      total += v;
    }
    const d = c.denseOf.get(id);
    if (d >= 0) lengths[d] = total;
  }
  stats = { rows, avgdl: tokens / rows, lengths };
  statsCache.set(c, stats);
  return stats;
}

/**
 * The rows of an FTS5 expression with their bm25() scores under the column weights. `phrases` are
 * the expression's phrases in the order they appear in it (FTS5 numbers them so).
 */
export function bm25Rows(
  store: Store,
  c: Catalog,
  expr: string,
  phrases: readonly string[],
  weights: readonly number[],
  options: Bm25Options = {},
): Bm25Rows {
  const { knownRows = [], firstIn } = options;
  if (!store.phraseFreqs || phrases.length > MAX_PHRASES || !weights.every(Number.isInteger)) {
    const rows = store
      .statement(`SELECT rowid, bm25(fts, ${weights.join(', ')}) FROM fts WHERE fts MATCH ?`)
      .raw()
      .all(expr) as Array<[number, number]>;
    return { ids: rows.map((r) => r[0]), scores: rows.map((r) => r[1]) };
  }
  const withFirst = firstIn !== undefined && Number.isInteger(firstIn);
  const stride = phrases.length + (withFirst ? 2 : 1);
  const packed = integerList(
    store
      .statement(
        // (an auxiliary function cannot run inside an aggregate: the rows come from a subquery,
        // which LIMIT keeps from being flattened into it)
        `SELECT CAST(group_concat(row) AS BLOB) FROM (SELECT rowid || ',' || ${withFirst ? `phrase_freqs_at(fts, ${firstIn}, ` : 'phrase_freqs(fts, '}${weights.join(', ')}) AS row FROM fts WHERE fts MATCH ? LIMIT -1)`,
      )
      .pluck()
      .get(expr) as Buffer | null,
  );
  const n = packed.length / stride;
  const ids = new Int32Array(n);
  const scores = new Float64Array(n);
  const first = withFirst ? new Int32Array(n) : undefined;
  if (n === 0) return { ids, scores, firstIn: first };
  const stats = tableStats(store, c, expr, weights.length);
  if (!stats)
    return { ids: ids.subarray(0, 0), scores: scores.subarray(0, 0), firstIn: first?.subarray(0, 0) };
  // each phrase's IDF from the number of rows holding it (the rows here when it is the only one),
  // through SQLite's ln(), the C library's log() that bm25() uses
  const ln = store.statement('SELECT ln(?)').pluck() as Statement<[number], number>;
  const count = store.statement('SELECT count(*) FROM fts WHERE fts MATCH ?').pluck() as Statement<
    [string],
    number
  >;
  const idf = phrases.map((phrase, i) => {
    const hits = phrases.length === 1 ? n : (knownRows[i] ?? count.get(phrase)!);
    const value = ln.get((stats.rows - hits + 0.5) / (hits + 0.5))!;
    return value <= 0.0 ? 1e-6 : value;
  });
  const { avgdl, lengths } = stats;
  for (let r = 0, at = 0; r < n; r++, at += stride) {
    const id = packed[at]!;
    const D = lengths[c.denseOf.get(id)] ?? 0;
    let score = 0.0;
    for (let i = 0; i < phrases.length; i++) {
      const f = packed[at + 1 + i]!;
      score += idf[i]! * ((f * (K1 + 1.0)) / (f + K1 * (1 - B + (B * D) / avgdl)));
    }
    ids[r] = id;
    scores[r] = -1.0 * score;
    if (first) first[r] = packed[at + stride - 1]!;
  }
  return { ids, scores, firstIn: first };
}
