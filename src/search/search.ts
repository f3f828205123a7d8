// search(store, query, options): exact substring search over folded title, visible text and facet
// values (author, category, tags), with filters, sorting, pagination, snippets and facets.
//
// How: the query is parsed (./query.ts) into terms, each planned as a phrase of index tokens
// (src/text/tokenize.ts). Clauses of terms of two or more characters go to one FTS5 MATCH over the
// contentless index of character bigrams (trigrams of Latin letters and digits), which gives the
// candidate ids and BM25 scores (title weighted 10, facet values 3, text 1; see ./bm25.ts);
// one-character terms are looked up in the positionless per-character index. The index is exact
// for letters, digits, and the punctuation and spacing between them (whitespace runs match any
// whitespace run); only a term that starts with separators other than one opening bracket or
// quote, or has a gap longer than MAX_GAP, is checked against the folded text of each candidate —
// so every hit really contains every term, and every article containing them is a hit.
// Relevance: BM25, plus a title bonus for one-character terms. Result sets above SCORE_LIMIT articles
// are ranked without BM25 (which FTS5 computes for every hit, about 0.5 µs each, and which says
// little when a term is in thousands of articles): articles holding the terms in their title first,
// then those holding them in author, category or tags, each group newest first. Filters, date
// ranges, sorting and facet counts run on the in-memory catalog (./catalog.ts); snippets are cut
// from the visible text of the page's hits only, reading as much of each body as where the index
// found the first match says (inflated by SQLite where the body-inflate extension is built). A
// query's ranking (total, facets, its first RESULT_WINDOW hits) is kept in a result cache, so its
// next pages need no new ranking. Nothing here throws for any query text: problems become
// result.warnings.

import { inflateRawSync, constants as zlibConstants } from 'node:zlib';
import { QueryError, toBackfileError } from '../lib/errors.js';
import { LruMap } from '../lib/lru-map.js';
import { topK } from '../lib/top-k.js';
import { type BodyEncoding, decompressText, metaValues } from '../store/prepare.js';
import type { FacetCount, Store } from '../store/types.js';
import { fold } from '../text/fold.js';
import { ftsPhrase } from '../text/tokenize.js';
import { visibleMain } from '../text/visible.js';
import { bm25Rows } from './bm25.js';
import { type Catalog, catalogOf } from './catalog.js';
import { int32List, integerList } from './integer-list.js';
import { type ParsedQuery, parseQuery, type Term } from './query.js';
import { containsTerm, makeSnippet, termMatcher, termsRegExp } from './snippet.js';
import type { SearchFacets, SearchHit, SearchOptions, SearchResult, SearchSort, Snippet } from './types.js';

export type { SearchOptions, SearchResult } from './types.js';

/** BM25 column weights: title, visible text, facet values. */
const BM25_WEIGHTS = [10, 1, 3] as const;
/** The FTS column of the visible text (title 0, text 1, facet values 2). */
const TEXT_COLUMN = 1;
const DEFAULT_PER_PAGE = 20;
const MAX_PER_PAGE = 1000;
const DEFAULT_FACET_LIMIT = 20;
/** Relevance added per term found in the title (one-character terms; every term of a large set). */
const TITLE_BONUS = 5;
/** Subtracted from a placeholder page's relevance, so that it follows every article. */
const PLACEHOLDER_PENALTY = 1e6;
/** Relevance added per term found in author, category or tags (every term of a large set). */
const META_BONUS = 2;
/** Above this many matches, relevance is where the terms are (title, facet values), then newest. */
export const SCORE_LIMIT = 2000;

/** Hits per query kept in the result cache at least: five pages of 20. */
const RESULT_WINDOW = 100;
/** Queries kept in the result cache (a few KB each: facets and a window of hits). */
const RESULT_CACHE_ENTRIES = 500;

/** A ranked query: what every page of it shares. */
interface Ranked {
  total: number;
  facets: SearchFacets;
  /** Dense indexes of the first hits in order (all of them when order.length === total). */
  order: Int32Array;
  /** Scores aligned with order (relevance sort only). */
  scores: Float64Array | null;
  /** With collapse: stories among the hits, and the hits of each ranked one's story. */
  stories: number | null;
  versions: Int32Array | null;
  /**
   * Aligned with order, where each hit's first match in its text is, when BM25 came from the
   * extension: the token offset, NO_MATCH_IN_TEXT, or UNKNOWN_OFFSET (see snippetOf).
   */
  textFirst: Int32Array | null;
  warnings: string[];
}

/** Ranked.textFirst: the index holds no match in the hit's text (only in title or facet values). */
const NO_MATCH_IN_TEXT = -1;
/** Ranked.textFirst: not known. */
const UNKNOWN_OFFSET = -2;

const resultCaches = new WeakMap<Catalog, LruMap<string, Ranked>>();

/** The result cache of a catalog: a new catalog (the data changed) starts an empty one. */
function resultCacheOf(c: Catalog): LruMap<string, Ranked> {
  let cache = resultCaches.get(c);
  if (!cache) {
    cache = new LruMap(RESULT_CACHE_ENTRIES);
    resultCaches.set(c, cache);
  }
  return cache;
}

interface DocText {
  /** Visible main text, original characters. */
  text: string;
  folded: string;
  foldedTitle: string;
  foldedMeta: string[];
}

function loadDocText(store: Store, catalog: Catalog, id: number): DocText {
  const row = store.statement('SELECT body, main_len FROM bodies WHERE id = ?').raw().get(id) as
    | [Buffer, number]
    | undefined;
  const d = catalog.denseOf[id] ?? -1;
  const title = d >= 0 ? catalog.titles[d]! : '';
  const text = row ? visibleMain(decompressText(row[0], store.bodyEncoding).slice(0, row[1]), title) : '';
  const meta = d >= 0 ? metaValues(catalog.authors[d]!, catalog.categories[d], catalog.tags[d]!) : [];
  return { text, folded: fold(text), foldedTitle: fold(title), foldedMeta: meta.map(fold) };
}

/** Compressed bytes of a body read first for a snippet: about 1,500 characters of text. */
const HEAD_BYTES = 1536;
/** Compressed bytes read first when the window is near the start: about 1,000 characters of text. */
const SMALL_HEAD_BYTES = 1024;
/**
 * Where the index says the first match in the text is (Ranked.textFirst, in tokens: letters and
 * digits, so at least as many characters precede it), the head needed: none at all from this
 * offset on (over bench/web's distinct queries a head held the window for 776 of 1,900 first
 * matches at offsets 500-599, 255 of 6,193 from 600 on), a small one before NEAR_START_TOKENS or
 * when the text holds no match (it held the window for 97% of those; 768 bytes, 81%).
 */
const PAST_HEAD_TOKENS = 600;
const NEAR_START_TOKENS = 150;
/** Characters of context a snippet needs after the end of its first match (its width). */
const SNIPPET_WIDTH = 110;

/** Bodies read with one statement for snippets. */
const BODY_BATCH = 100;

/** An article's stored body: the raw-deflated blob and the UTF-16 length of its main part. */
type BodyRow = [blob: Buffer, mainLength: number];

/**
 * The bodies of some articles, by id, read with one statement: each statement run costs about 5 µs
 * through better-sqlite3, more than reading a body's row (a page of 20 hits: 0.15 ms against 0.05).
 */
function bodiesOf(store: Store, ids: readonly number[]): Map<number, BodyRow> {
  const out = new Map<number, BodyRow>();
  if (ids.length === 0) return out;
  const rows = store
    .statement('SELECT id, body, main_len FROM bodies WHERE id IN (SELECT value FROM json_each(?))')
    .raw()
    .all(JSON.stringify(ids)) as Array<[number, Buffer, number]>;
  for (const [id, blob, mainLength] of rows) out.set(id, [blob, mainLength]);
  return out;
}

/**
 * The snippet of an article for a query: from the head of its body alone when the first match and
 * the window around it lie there (most hits: about twice as fast as the whole text), else from the
 * whole visible text. Both give the same snippet: the head's visible text is a prefix of the
 * whole's, as every markup construct the visible text drops lies within one line, except comments.
 * `textFirst` (Ranked.textFirst) says where the index found the first match in the text: a text
 * without one gets the window at its start from the head, one far in is read whole at once.
 */
function snippetOf(
  row: BodyRow | undefined,
  title: string,
  re: RegExp | null,
  encoding: BodyEncoding,
  textFirst: number,
): Snippet {
  if (!row) return { text: '', highlights: [] };
  const [blob, mainLength] = row;
  const headBytes = headBytesFor(re, textFirst);
  if (headBytes > 0 && blob.length > headBytes) {
    const bytes = inflateRawSync(blob.subarray(0, headBytes), { finishFlush: zlibConstants.Z_SYNC_FLUSH });
    const snippet = snippetFromHead(bytes, mainLength, title, re, encoding, textFirst);
    if (snippet) return snippet;
  }
  return snippetFromWhole(decompressText(blob, encoding), mainLength, title, re);
}

/** How many compressed bytes of a body a snippet reads first (see PAST_HEAD_TOKENS), 0 for all. */
function headBytesFor(re: RegExp | null, textFirst: number): number {
  if (textFirst >= PAST_HEAD_TOKENS) return 0;
  const none = !re || textFirst === NO_MATCH_IN_TEXT;
  return none || (textFirst >= 0 && textFirst < NEAR_START_TOKENS) ? SMALL_HEAD_BYTES : HEAD_BYTES;
}

/** The snippet from the inflated head of a body, or null when its window may lie past the head. */
function snippetFromHead(
  bytes: Buffer,
  mainLength: number,
  title: string,
  re: RegExp | null,
  encoding: BodyEncoding,
  textFirst: number,
): Snippet | null {
  const head = bytes.toString(encoding, 0, encoding === 'utf16le' ? bytes.length & ~1 : bytes.length);
  // whole lines only (the last one may be cut, even inside a character), and no open comment
  const cut = Math.min(head.lastIndexOf('\n'), mainLength);
  const part = cut > 0 ? head.slice(0, cut) : '';
  if (!part || part.lastIndexOf('<!--') > part.lastIndexOf('-->')) return null;
  const text = visibleMain(part, title);
  const folded = fold(text);
  let m: RegExpExecArray | null = null;
  if (re) {
    re.lastIndex = 0;
    m = re.exec(folded);
  }
  // the window lies in the head: after a match there, or at the start when the text has none
  const none = !re || textFirst === NO_MATCH_IN_TEXT;
  const fits = m ? m.index + m[0].length : none ? 0 : Number.POSITIVE_INFINITY;
  return fits + SNIPPET_WIDTH < text.length ? makeSnippet(text, folded, re, SNIPPET_WIDTH) : null;
}

/** The snippet from a whole inflated body. */
function snippetFromWhole(body: string, mainLength: number, title: string, re: RegExp | null): Snippet {
  const text = visibleMain(body.slice(0, mainLength), title);
  return makeSnippet(text, fold(text), re, SNIPPET_WIDTH);
}

/**
 * The snippets of some hits, their bodies inflated by SQLite (the body-inflate extension): each
 * body's head, or all of it, comes from one statement; the few whose window lies past their head
 * come whole from a second one. The same snippets as snippetOf's, without a Buffer for each blob
 * and a zlib stream made for each inflate.
 */
function inflatedSnippets(
  store: Store,
  hits: readonly SearchHit[],
  textFirst: readonly number[],
  re: RegExp | null,
): Snippet[] {
  if (hits.length === 0) return [];
  const out: Snippet[] = hits.map(() => ({ text: '', highlights: [] }));
  const at = new Map(hits.map((h, i) => [h.id, i]));
  const plan = hits.map((h, i) => [h.id, headBytesFor(re, textFirst[i]!)]);
  const rows = store
    .statement(
      `SELECT b.id, inflate_raw(b.body, j.value ->> 1), b.main_len, j.value ->> 1 > 0 AND length(b.body) > j.value ->> 1
       FROM json_each(?) AS j JOIN bodies AS b ON b.id = j.value ->> 0`,
    )
    .raw()
    .all(JSON.stringify(plan)) as Array<[number, Buffer, number, number]>;
  const again: number[] = [];
  for (const [id, bytes, mainLength, isHead] of rows) {
    const i = at.get(id)!;
    const hit = hits[i]!;
    if (!isHead) out[i] = snippetFromWhole(bytes.toString(store.bodyEncoding), mainLength, hit.title, re);
    else {
      const snippet = snippetFromHead(bytes, mainLength, hit.title, re, store.bodyEncoding, textFirst[i]!);
      if (snippet) out[i] = snippet;
      else again.push(id);
    }
  }
  if (again.length) {
    const whole = store
      .statement(
        'SELECT id, inflate_raw(body), main_len FROM bodies WHERE id IN (SELECT value FROM json_each(?))',
      )
      .raw()
      .all(JSON.stringify(again)) as Array<[number, Buffer, number]>;
    for (const [id, bytes, mainLength] of whole) {
      const i = at.get(id)!;
      out[i] = snippetFromWhole(bytes.toString(store.bodyEncoding), mainLength, hits[i]!.title, re);
    }
  }
  return out;
}

function docContains(doc: DocText, term: Term): boolean {
  return (
    containsTerm(doc.foldedTitle, term.folded) ||
    containsTerm(doc.folded, term.folded) ||
    doc.foldedMeta.some((v) => containsTerm(v, term.folded))
  );
}

/** Ids of the articles holding one (folded) character, from the per-character index. */
function charIds(store: Store, folded: string): Int32Array {
  return idList(store, 'FROM fts_chars WHERE fts_chars MATCH ?', `"${folded.replaceAll('"', '""')}"`);
}

/**
 * The rowids `from` (a FROM … WHERE … clause of one parameter) selects, ascending: one blob of
 * 32-bit integers from the extension's id_list(), else the digits of group_concat (about half of
 * the cost of a row per id through better-sqlite3; see ./integer-list.ts).
 */
function idList(store: Store, from: string, arg: string): Int32Array {
  if (store.phraseFreqs)
    return int32List(store.statement(`SELECT id_list(rowid) ${from}`).pluck().get(arg) as Buffer | null);
  return integerList(
    store.statement(`SELECT CAST(group_concat(rowid) AS BLOB) ${from}`).pluck().get(arg) as Buffer | null,
  );
}

/** Folded values of one kind, joined with NULs so that one scan finds the values holding a term. */
interface JoinedValues {
  text: string;
  /** Start offset of each value in text, ascending. */
  starts: Int32Array;
}

interface FoldedCatalog {
  titles: string[];
  authors: JoinedValues;
  categories: JoinedValues;
  tags: JoinedValues;
  /** Dense indexes in (date, id) order: the inverse of dateRank. */
  byDate: Int32Array;
}

const foldedCache = new WeakMap<Catalog, FoldedCatalog>();

function joined(values: string[]): JoinedValues {
  const starts = new Int32Array(values.length);
  let at = 0;
  const folded = values.map((v, i) => {
    const f = fold(v);
    starts[i] = at;
    at += f.length + 1;
    return f;
  });
  return { text: folded.join('\u0000'), starts };
}

/** Folded titles and facet values, and the date order, made once per catalog. */
function foldedOf(c: Catalog): FoldedCatalog {
  let f = foldedCache.get(c);
  if (!f) {
    const byDate = new Int32Array(c.size);
    for (let d = 0; d < c.size; d++) byDate[c.dateRank[d]!] = d;
    f = {
      titles: c.titles.map(fold),
      authors: joined(c.authorValues),
      categories: joined(c.categoryValues),
      tags: joined(c.tagValues),
      byDate,
    };
    foldedCache.set(c, f);
  }
  return f;
}

/** Marks (1) the values that hold a folded term: one scan of the joined values. */
function valuesHolding(values: JoinedValues, term: string): Uint8Array {
  const marks = new Uint8Array(values.starts.length);
  const t = term.trim();
  if (!t) return marks;
  const valueAt = (offset: number) => {
    let lo = 0;
    let hi = values.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (values.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  if (!/\s/.test(t)) {
    for (let at = values.text.indexOf(t); at >= 0; at = values.text.indexOf(t, at + 1))
      marks[valueAt(at)] = 1;
  } else {
    const re = termsRegExp([t])!;
    for (let m = re.exec(values.text); m; m = re.exec(values.text)) {
      marks[valueAt(m.index)] = 1;
      re.lastIndex = m.index + 1;
    }
  }
  return marks;
}

/** Tests whether an article's author, category or one of its tags holds a term (values tested once). */
function metaMatcher(c: Catalog, f: FoldedCatalog, term: string): (d: number) => boolean {
  const authors = valuesHolding(f.authors, term);
  const categories = valuesHolding(f.categories, term);
  const tags = valuesHolding(f.tags, term);
  return (d) => {
    const a = c.authorIdx[d]!;
    if (a >= 0 && authors[a]) return true;
    const k = c.categoryIdx[d]!;
    if (k >= 0 && categories[k]) return true;
    for (let i = c.tagStart[d]!, e = c.tagStart[d + 1]!; i < e; i++) if (tags[c.tagList[i]!]) return true;
    return false;
  };
}

/**
 * Counters of the catalog's size, kept from one search to the next and all zero between uses. Made
 * anew, they were about 200 KB a search (story hits, tag counts), and V8 counts such array memory
 * toward the old generation's limit: the search thread ran a major GC every few hundred searches, on
 * top of its own work, in the threads that help the collector.
 */
interface Counters {
  story: Int32Array;
  category: Int32Array;
  author: Int32Array;
  tag: Int32Array;
  year: Int32Array;
  month: Int32Array;
  /** Position of each dense index in the result set plus one (0: not in it). */
  position: Int32Array;
  /** 1 for the articles holding a term (one-character terms, exclusions), by dense index. */
  holding: Uint8Array;
  /** Where an article's first match in its text is, minus UNKNOWN_OFFSET (0: not known), by dense index. */
  textFirst: Int32Array;
  /**
   * A query's candidates (from its FTS5 query, its one-character terms, or its filters alone) and
   * their scores, written here rather than in new arrays of each query's size (香港: 31,530 of
   * them, 380 KB a search in garbage); rank uses them before it returns, and nothing it returns
   * points into them.
   */
  candidates: Int32Array;
  candidateScores: Float64Array;
}

const countersCache = new WeakMap<Catalog, Counters>();

function countersOf(c: Catalog): Counters {
  let counters = countersCache.get(c);
  if (!counters) {
    counters = {
      story: new Int32Array(c.storyCount),
      category: new Int32Array(c.categoryValues.length),
      author: new Int32Array(c.authorValues.length),
      tag: new Int32Array(c.tagValues.length),
      year: new Int32Array(c.yearValues.length),
      month: new Int32Array(c.monthValues.length),
      position: new Int32Array(c.size),
      holding: new Uint8Array(c.size),
      textFirst: new Int32Array(c.size),
      candidates: new Int32Array(c.size),
      candidateScores: new Float64Array(c.size),
    };
    countersCache.set(c, counters);
  }
  return counters;
}

/**
 * Indexes into dense by score, then newest, sorted at least up to `upTo`: a full sort for small sets
 * or deep pages, else a partial selection.
 */
function orderByScore(dense: Int32Array, scores: Float64Array, c: Catalog, upTo: number): number[] {
  const n = dense.length;
  const rank = c.dateRank;
  const better = (a: number, b: number) => scores[b]! - scores[a]! || rank[dense[b]!]! - rank[dense[a]!]!;
  const all = Array.from({ length: n }, (_, i) => i);
  if (upTo >= n / 4 || n < 2000) return all.sort(better);
  return topK(all, upTo, better);
}

function ftsIds(store: Store, expr: string): Int32Array {
  return idList(store, 'FROM fts WHERE fts MATCH ?', expr);
}

/** Ids of articles containing a term, exactly (index candidates checked in the text when needed). */
function termIds(store: Store, catalog: Catalog, term: Term, docs: Map<number, DocText>): Int32Array {
  if (term.plan.single) return charIds(store, term.folded);
  const ids = ftsIds(store, ftsPhrase(term.plan));
  if (term.plan.exact) return ids;
  return ids.filter((id) => docContains(cachedDoc(store, catalog, id, docs), term));
}

/**
 * Marks (1, by dense index) the articles holding any of the terms, in the catalog's `holding`
 * counters, and gives them to `use`; they are all zero again after. A term can be in most of the
 * corpus (港): zeroing the whole array costs less than listing what was marked.
 */
function withHolding<T>(
  store: Store,
  c: Catalog,
  terms: Term[],
  docs: Map<number, DocText>,
  use: (holding: Uint8Array) => T,
): T {
  const holding = countersOf(c).holding;
  try {
    for (const t of terms)
      for (const id of termIds(store, c, t, docs)) {
        const d = c.denseOf[id] ?? -1;
        if (d >= 0) holding[d] = 1;
      }
    return use(holding);
  } finally {
    holding.fill(0);
  }
}

function cachedDoc(store: Store, catalog: Catalog, id: number, docs: Map<number, DocText>): DocText {
  let doc = docs.get(id);
  if (!doc) {
    doc = loadDocText(store, catalog, id);
    docs.set(id, doc);
  }
  return doc;
}

/** Dense indexes passing the filters (or all when there are none), as a predicate. */
function filterPredicate(q: ParsedQuery, c: Catalog): ((d: number) => boolean) | null {
  const tests: Array<(d: number) => boolean> = [];
  const valueSet = (folded: string[], index: Map<string, number[]>) =>
    new Set(folded.flatMap((f) => index.get(f) ?? []));
  if (q.authors.length) {
    const ok = valueSet(q.authors, c.foldedAuthor);
    tests.push((d) => ok.has(c.authorIdx[d]!));
  }
  if (q.categories.length) {
    const ok = valueSet(q.categories, c.foldedCategory);
    tests.push((d) => ok.has(c.categoryIdx[d]!));
  }
  for (const tag of q.tags) {
    const ok = new Set(c.foldedTag.get(tag) ?? []);
    tests.push((d) => {
      for (let k = c.tagStart[d]!; k < c.tagStart[d + 1]!; k++) if (ok.has(c.tagList[k]!)) return true;
      return false;
    });
  }
  const { from, to } = q.date;
  if (from || to) {
    // a date range is a range of ranks in date order (undated articles, '', rank first and never pass)
    const byDate = foldedOf(c).byDate;
    const dateAt = (rank: number) => c.dates[byDate[rank]!]!;
    const lo = firstRank(byDate.length, (r) => dateAt(r) !== '' && (!from || dateAt(r) >= from));
    const hi = to ? firstRank(byDate.length, (r) => dateAt(r).slice(0, to.length) > to) : byDate.length;
    tests.push((d) => {
      const r = c.dateRank[d]!;
      return r >= lo && r < hi;
    });
  }
  if (tests.length === 0) return null;
  if (tests.length === 1) return tests[0]!;
  return (d) => tests.every((t) => t(d));
}

/** The first rank in [0, n) for which a predicate, false then true along the ranks, holds (n: none). */
function firstRank(n: number, holds: (rank: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (holds(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function topCounts(counts: Int32Array, values: string[], limit: number): FacetCount[] {
  // the `limit` largest counts (ties by value) without sorting every value that occurs
  const before = (a: number, b: number) =>
    counts[b]! - counts[a]! || (values[a]! < values[b]! ? -1 : values[a]! > values[b]! ? 1 : 0);
  const occurring: number[] = [];
  for (let i = 0; i < counts.length; i++) if (counts[i] !== 0) occurring.push(i);
  const top = limit > 0 ? topK(occurring, limit, before) : occurring.sort(before);
  return top.map((i) => ({ value: values[i]!, count: counts[i]! }));
}

function chronological(counts: Int32Array, values: string[]): FacetCount[] {
  const out: FacetCount[] = [];
  for (let i = 0; i < counts.length; i++)
    if (counts[i]! > 0) out.push({ value: values[i]!, count: counts[i]! });
  return out.sort((a, b) => (a.value < b.value ? -1 : 1));
}

/** Counts per value of a result set (the counters are zero again after; see Counters). */
function facetsOf(c: Catalog, dense: Int32Array, limit: number): SearchFacets {
  const { category: cat, author, tag, year, month } = countersOf(c);
  try {
    for (let i = 0; i < dense.length; i++) {
      const d = dense[i]!;
      const ci = c.categoryIdx[d]!;
      if (ci >= 0) cat[ci]!++;
      const ai = c.authorIdx[d]!;
      if (ai >= 0) author[ai]!++;
      const yi = c.yearIdx[d]!;
      if (yi >= 0) {
        year[yi]!++;
        month[c.monthIdx[d]!]!++;
      }
      for (let k = c.tagStart[d]!, e = c.tagStart[d + 1]!; k < e; k++) tag[c.tagList[k]!]!++;
    }
    return {
      category: topCounts(cat, c.categoryValues, 0),
      author: topCounts(author, c.authorValues, limit),
      tag: topCounts(tag, c.tagValues, limit),
      year: chronological(year, c.yearValues),
      month: chronological(month, c.monthValues),
    };
  } finally {
    // about 65 KB in all (15,253 tags): zeroing them costs less than listing what was counted
    for (const counts of [cat, author, tag, year, month]) counts.fill(0);
  }
}

const EMPTY_FACETS: SearchFacets = { category: [], author: [], tag: [], year: [], month: [] };

function normalizeOptions(options: SearchOptions | undefined): {
  page: number;
  perPage: number;
  all: boolean;
  sort: SearchSort;
  facetLimit: number;
  facets: boolean;
  snippets: boolean;
  fresh: boolean;
  collapse: boolean;
  scoreLimit: number;
} {
  const o = options ?? {};
  const int = (v: unknown, fallback: number, min: number, max: number) => {
    const n = typeof v === 'number' && Number.isFinite(v) ? Math.floor(v) : fallback;
    return Math.min(max, Math.max(min, n));
  };
  const sort: SearchSort = o.sort === 'newest' || o.sort === 'oldest' ? o.sort : 'relevance';
  return {
    page: int(o.page, 1, 1, 1_000_000),
    perPage: int(o.perPage, DEFAULT_PER_PAGE, 1, MAX_PER_PAGE),
    all: Boolean(o.all),
    sort,
    facetLimit: int(o.facetLimit, DEFAULT_FACET_LIMIT, 0, 100_000),
    facets: o.facets !== false,
    snippets: o.snippets !== false,
    fresh: Boolean(o.fresh),
    collapse: Boolean(o.collapse),
    scoreLimit:
      typeof o.scoreLimit === 'number' && o.scoreLimit >= 0 ? Math.floor(o.scoreLimit) : SCORE_LIMIT,
  };
}

/**
 * The query's ranking, from the result cache when it holds enough of it, else computed (at least a
 * RESULT_WINDOW of hits, so that the next pages come from the cache too) and kept.
 */
function run(store: Store, q: ParsedQuery, opts: ReturnType<typeof normalizeOptions>, result: SearchResult) {
  const c = catalogOf(store);
  const from = opts.all ? 0 : (opts.page - 1) * opts.perPage;
  const key = `${opts.sort}|${opts.facets ? opts.facetLimit : '-'}|${opts.collapse ? 'c' : ''}|${opts.scoreLimit}|${result.query}`;
  const cache = opts.all ? null : resultCacheOf(c);
  const docs = new Map<number, DocText>();
  let ranked = opts.fresh ? undefined : cache?.get(key);
  const enough = (r: Ranked, to: number) => r.order.length >= Math.min(r.stories ?? r.total, to);
  if (!ranked || !enough(ranked, from + opts.perPage)) {
    const upTo = opts.all ? Number.MAX_SAFE_INTEGER : Math.max(from + opts.perPage, RESULT_WINDOW);
    ranked = rank(store, c, q, opts, upTo, docs);
    cache?.set(key, ranked);
  }
  result.total = ranked.total;
  if (ranked.stories !== null) result.stories = ranked.stories;
  result.facets = ranked.facets;
  result.warnings.push(...ranked.warnings);
  const to = Math.min(ranked.order.length, opts.all ? ranked.order.length : from + opts.perPage);
  result.hits = pageOf(store, c, q, ranked, from, to, opts.snippets, docs);
}

/**
 * Loads what search keeps in memory (the catalog, folded titles and facet values), so that the
 * first reader's search does not wait for it (about 0.3 s on the full corpus).
 */
export function prepareSearch(store: Store): void {
  preparedStores.add(store);
  const c = catalogOf(store);
  foldedOf(c);
  commonTokensOf(store, c, true);
}

/**
 * The index tokens in more than SCORE_LIMIT articles, with their counts (2,924 of 1.4 million on
 * the full corpus), read once per catalog from fts5vocab, which walks the whole index (about 1 s):
 * by prepareSearch, so the search threads of `serve` pay it at start (and the first search after
 * an import pays it again), while a one-off search does not.
 * With them, a query none of whose clauses can match more than SCORE_LIMIT articles (one of the
 * tokens of each of its phrases is rarer) is ranked by BM25 in one pass over the index, instead of
 * listing its ids first to count them (about 0.15 ms of a search of a few hits).
 */
const commonTokensCache = new WeakMap<Catalog, Map<string, number>>();
/**
 * Stores prepareSearch was called for: when their data changes (an import into a running server),
 * the first search of the new catalog reads its common tokens, as the server's start did.
 */
const preparedStores = new WeakSet<Store>();

/** How many common tokens search knows for the store's current data (null: not read). */
export function commonTokenCount(store: Store): number | null {
  return commonTokensCache.get(catalogOf(store))?.size ?? null;
}

function commonTokensOf(store: Store, c: Catalog, load: boolean): Map<string, number> | null {
  let tokens = commonTokensCache.get(c) ?? null;
  if (!tokens && load) {
    store.db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_vocab USING fts5vocab(main, 'fts', 'row')");
    const rows = store.db
      .prepare('SELECT term, doc FROM temp.fts_vocab WHERE doc > ?')
      .raw()
      .all(SCORE_LIMIT) as Array<[string, number]>;
    tokens = new Map(rows);
    commonTokensCache.set(c, tokens);
  }
  return tokens;
}

/**
 * The most articles an FTS expression of these clauses can match, from the common tokens: a phrase
 * matches at most as many as its rarest token (SCORE_LIMIT for one not among them), a clause the sum
 * of its phrases, the expression its smallest clause. Infinity when unknown.
 */
function matchBound(clauses: Term[][], common: Map<string, number> | null): number {
  if (!common) return Number.POSITIVE_INFINITY;
  let bound = Number.POSITIVE_INFINITY;
  for (const clause of clauses) {
    let sum = 0;
    for (const { plan } of clause) {
      // the last token of a prefix phrase stands for every token it begins
      const exact = plan.prefixLast ? plan.tokens.slice(0, -1) : plan.tokens;
      let rarest = Number.POSITIVE_INFINITY;
      for (const token of exact) rarest = Math.min(rarest, common.get(token) ?? SCORE_LIMIT);
      sum += rarest;
    }
    bound = Math.min(bound, sum);
  }
  return bound;
}

/** Runs a query. Never throws for any query text (a broken database still throws a StoreError). */
export function search(store: Store, query: string, options?: SearchOptions): SearchResult {
  const started = performance.now();
  const opts = normalizeOptions(options);
  const q = parseQuery(query, store.tokenScheme);
  const result: SearchResult = {
    query: String(query ?? ''),
    understood: q.understood,
    total: 0,
    page: opts.all ? 1 : opts.page,
    perPage: opts.perPage,
    sort: opts.sort,
    hits: [],
    facets: EMPTY_FACETS,
    warnings: q.warnings,
    tookMs: 0,
  };
  try {
    run(store, q, opts, result);
  } catch (err) {
    const e = toBackfileError(err);
    // FTS5 syntax cannot be injected (only quoted tokens reach MATCH); anything else from SQLite
    // about the query becomes a warning, while store problems propagate.
    if (e.code === 'bad-store' || e.code === 'internal') {
      if (/fts5|MATCH/i.test(e.message) && !/malformed|corrupt/i.test(e.message)) {
        result.warnings.push(`the query could not be run: ${e.message}`);
      } else throw e;
    } else if (e instanceof QueryError) result.warnings.push(e.message);
    else throw e;
  }
  result.tookMs = performance.now() - started;
  return result;
}

/**
 * Ranks a query: the total, the facets, and the hits in order up to `upTo` (all of them when
 * upTo >= total). Article texts loaded on the way (to check inexact terms) are left in `docs`.
 */
function rank(
  store: Store,
  c: Catalog,
  q: ParsedQuery,
  opts: ReturnType<typeof normalizeOptions>,
  upTo: number,
  docs: Map<number, DocText>,
): Ranked {
  const hasTerms = q.clauses.length > 0;
  const filter = filterPredicate(q, c);
  if (!hasTerms && !filter) {
    const warnings = q.excluded.length
      ? ['a query of only excluded terms matches nothing; add a term or a filter']
      : [];
    return {
      total: 0,
      facets: EMPTY_FACETS,
      order: new Int32Array(0),
      scores: null,
      stories: opts.collapse ? 0 : null,
      versions: null,
      textFirst: null,
      warnings,
    };
  }
  // Clauses of multi-character terms go to one FTS5 query (with BM25 scores); clauses holding a
  // one-character term are evaluated as id sets (one-character terms from the per-character index).
  const ftsClauses = q.clauses.filter((clause) => clause.every((t) => !t.plan.single));
  const setClauses = q.clauses.filter((clause) => clause.some((t) => t.plan.single));
  const singles = q.clauses.flat().filter((t) => t.plan.single);
  const wantScores = opts.sort === 'relevance' && hasTerms;
  let dense: Int32Array;
  let scores: Float64Array | null = null;
  let scoredByFts = false;
  // where the first match in each candidate's text is, from BM25's pass (zeroed before returning)
  const textFirst = countersOf(c).textFirst;
  let firstsSet: Int32Array | null = null;
  if (hasTerms) {
    let candidates: Int32Array | null = null; // dense indexes
    let candidateScores: Float64Array | null = null;
    if (ftsClauses.length) {
      const expr = ftsClauses
        .map((clause) => `(${clause.map((t) => ftsPhrase(t.plan)).join(' OR ')})`)
        .join(' AND ');
      const exact = ftsClauses.every((clause) => clause.every((t) => t.plan.exact));
      // BM25 costs about 0.5 µs a hit (FTS5 computes it for every one) and says little when the
      // terms are in thousands of articles: such sets are ranked by where the terms are, then date.
      // A set that cannot be larger than the limit is scored at once; else its ids are counted first.
      const common = commonTokensOf(store, c, preparedStores.has(store));
      const small = wantScores && matchBound(ftsClauses, common) <= opts.scoreLimit;
      let ids: ArrayLike<number> = small ? [] : ftsIds(store, expr);
      let bm25s: ArrayLike<number> | null = null;
      let firsts: Int32Array | null = null;
      scoredByFts = small || (wantScores && ids.length <= opts.scoreLimit);
      if (scoredByFts) {
        const terms = ftsClauses.flat();
        const scored = bm25Rows(
          store,
          c,
          expr,
          terms.map((t) => ftsPhrase(t.plan)),
          BM25_WEIGHTS,
          {
            knownRows: terms.map(({ plan }) =>
              plan.tokens.length === 1 && !plan.prefixLast ? common?.get(plan.tokens[0]!) : undefined,
            ),
            // where snippets will look: known when every term of the query is in this FTS query
            firstIn: setClauses.length === 0 ? TEXT_COLUMN : undefined,
          },
        );
        ids = scored.ids;
        bm25s = scored.scores;
        firsts = scored.firstIn ?? null;
      }
      // (an id is one article: at most c.size candidates)
      const { candidates: d1, candidateScores: s1 } = countersOf(c);
      let k = 0;
      for (let j = 0; j < ids.length; j++) {
        const id = ids[j]!;
        const d = c.denseOf[id] ?? -1;
        if (d < 0 || (filter && !filter(d))) continue;
        if (!exact) {
          const doc = cachedDoc(store, c, id, docs);
          if (!ftsClauses.every((clause) => clause.some((t) => docContains(doc, t)))) continue;
        }
        d1[k] = d;
        s1[k] = bm25s ? -bm25s[j]! : 0;
        if (firsts) textFirst[d] = firsts[j]! - UNKNOWN_OFFSET;
        k++;
      }
      candidates = d1.subarray(0, k);
      candidateScores = s1.subarray(0, k);
      if (firsts) firstsSet = candidates;
    }
    for (const clause of setClauses) {
      [candidates, candidateScores] = withHolding(store, c, clause, docs, (inClause) => {
        // into the candidate arrays; those held so far are in them already, so they are kept in
        // place (k never passes i). No first-match offsets were written with set clauses.
        const { candidates: into, candidateScores: intoScores } = countersOf(c);
        let k = 0;
        if (candidates === null) {
          for (let d = 0; d < c.size; d++) {
            if (!inClause[d] || (filter && !filter(d))) continue;
            into[k] = d;
            intoScores[k++] = 0;
          }
        } else {
          for (let i = 0; i < candidates.length; i++) {
            if (!inClause[candidates[i]!]) continue;
            into[k] = candidates[i]!;
            intoScores[k++] = candidateScores![i]!;
          }
        }
        return [into.subarray(0, k), intoScores.subarray(0, k)];
      });
    }
    dense = candidates ?? new Int32Array(0);
    if (wantScores && scoredByFts) {
      scores = candidateScores ?? new Float64Array(dense.length);
      // placeholder pages (not articles) come after every article
      for (let i = 0; i < dense.length; i++) if (c.placeholder[dense[i]!]) scores[i]! -= PLACEHOLDER_PENALTY;
      // one-character terms (not in the FTS query) add a bonus to BM25 when the title holds them
      const titles = foldedOf(c).titles;
      for (const t of singles) {
        const inTitle = termMatcher(t.folded);
        for (let i = 0; i < dense.length; i++) if (inTitle(titles[dense[i]!]!)) scores[i]! += TITLE_BONUS;
      }
    }
  } else {
    const into = countersOf(c).candidates;
    let k = 0;
    for (let d = 0; d < c.size; d++) if (filter!(d)) into[k++] = d;
    dense = into.subarray(0, k);
  }
  // exclusions
  if (q.excluded.length && dense.length) {
    [dense, scores] = withHolding(store, c, q.excluded, docs, (out) => {
      const keep: number[] = [];
      const keepScores: number[] = [];
      for (let i = 0; i < dense.length; i++) {
        if (out[dense[i]!]) continue;
        keep.push(dense[i]!);
        if (scores) keepScores.push(scores[i]!);
      }
      return [Int32Array.from(keep), scores ? Float64Array.from(keepScores) : null];
    });
  }
  const facets = opts.facets ? facetsOf(c, dense, opts.facetLimit) : EMPTY_FACETS;
  // With collapse, one hit per story: count each story's hits, and rank until `upTo` stories.
  const story = opts.collapse ? c.storyOf : null;
  const storyHits = story ? countersOf(c).story : null;
  let stories: number | null = null;
  try {
    if (storyHits) {
      stories = 0;
      for (let i = 0; i < dense.length; i++) if (storyHits[story![dense[i]!]!]!++ === 0) stories++;
    }
    const levelTerms = wantScores && !scoredByFts ? q.clauses.flat() : null;
    const ranked = ranking(c, dense, scores, levelTerms, opts, upTo, storyHits);
    if (firstsSet) ranked.textFirst = ranked.order.map((d) => textFirst[d]! + UNKNOWN_OFFSET);
    return { ...ranked, facets, stories };
  } finally {
    if (firstsSet) for (const d of firstsSet) textFirst[d] = 0;
    if (storyHits) {
      // zero what was counted: a small set's stories one by one, a large one's all at once
      if (dense.length < storyHits.length / 8) for (const d of dense) storyHits[story![d]!] = 0;
      else storyHits.fill(0);
    }
  }
}

/**
 * The order of a result set: by where the terms are (`levelTerms`, a large set), by score, or by
 * date; with `storyHits` (hits per story), one hit per story.
 */
function ranking(
  c: Catalog,
  dense: Int32Array,
  scores: Float64Array | null,
  levelTerms: Term[] | null,
  opts: ReturnType<typeof normalizeOptions>,
  upTo: number,
  storyHits: Int32Array | null,
): Omit<Ranked, 'facets' | 'stories'> {
  const story = storyHits ? c.storyOf : null;
  let order: number[];
  let orderScores: ArrayLike<number> | null = null;
  if (levelTerms) {
    ({ order, levels: orderScores } = byLevelThenDate(
      dense,
      c,
      levelOf(c, levelTerms),
      levelTerms.length * TITLE_BONUS,
      upTo,
      story,
      false,
    ));
  } else if (!scores) {
    order = byLevelThenDate(dense, c, () => 0, 0, upTo, story, opts.sort === 'oldest').order;
  } else {
    order = orderByScore(dense, scores, c, story ? dense.length : upTo);
    if (story) order = firstOfEachStory(order, dense, story, upTo);
    orderScores = order.map((i) => scores![i]!);
  }
  const n = Math.min(order.length, upTo);
  const ranked = new Int32Array(n);
  const rankedScores = orderScores ? new Float64Array(n) : null;
  const versions = storyHits ? new Int32Array(n) : null;
  for (let i = 0; i < n; i++) {
    ranked[i] = dense[order[i]!]!;
    if (rankedScores) rankedScores[i] = orderScores![i]!;
    if (versions) versions[i] = storyHits![story![ranked[i]!]!]!;
  }
  return {
    total: dense.length,
    order: ranked,
    scores: rankedScores,
    versions,
    textFirst: null,
    warnings: [],
  };
}

/** The first of each story in `order` (indexes into dense), up to `upTo` of them. */
function firstOfEachStory(order: number[], dense: Int32Array, story: Int32Array, upTo: number): number[] {
  const seen = new Set<number>();
  const out: number[] = [];
  for (const i of order) {
    if (out.length >= upTo) break;
    const s = story[dense[i]!]!;
    if (seen.has(s)) continue;
    seen.add(s);
    out.push(i);
  }
  return out;
}

/**
 * The relevance of an article in a large result set, from where the terms are: TITLE_BONUS per term
 * its title holds, else META_BONUS when its author, category or a tag holds it.
 */
function levelOf(c: Catalog, terms: Term[]): (d: number) => number {
  const f = foldedOf(c);
  const matchers = terms.map((t) => ({ title: termMatcher(t.folded), meta: metaMatcher(c, f, t.folded) }));
  return (d) => {
    if (c.placeholder[d]) return -1;
    let level = 0;
    for (const m of matchers) {
      if (m.title(f.titles[d]!)) level += TITLE_BONUS;
      else if (m.meta(d)) level += META_BONUS;
    }
    return level;
  };
}

/**
 * Indexes into dense ordered by level (highest first), then newest (or oldest), up to `upTo`; with
 * `story`, one per story. Hits are visited in date order and their level worked out as they come,
 * so the walk ends as soon as `upTo` hits (stories) have the highest possible level: a page of a
 * 30,000-hit set looks at a few hundred of them.
 */
function byLevelThenDate(
  dense: Int32Array,
  c: Catalog,
  level: (d: number) => number,
  maxLevel: number,
  upTo: number,
  story: Int32Array | null,
  oldest: boolean,
): { order: number[]; levels: number[] } {
  const byDate = foldedOf(c).byDate;
  // position + 1 in dense of each dense index of the catalog (0: not a hit), cleared after
  const pos = countersOf(c).position;
  for (let i = 0; i < dense.length; i++) pos[dense[i]!] = i + 1;
  try {
    const want = Math.min(upTo, dense.length);
    const buckets = new Map<number, number[]>();
    // stories seen at the highest level (with collapse, the walk ends at `want` distinct ones)
    const top = story ? new Set<number>() : null;
    const last = byDate.length - 1;
    for (let k = 0; k <= last; k++) {
      const i = pos[byDate[oldest ? k : last - k]!]! - 1;
      if (i < 0) continue;
      const l = level(dense[i]!);
      let bucket = buckets.get(l);
      if (!bucket) {
        bucket = [];
        buckets.set(l, bucket);
      }
      bucket.push(i);
      if (l === maxLevel && (top ? top.add(story![dense[i]!]!).size : bucket.length) >= want) break;
    }
    const order: number[] = [];
    const levels: number[] = [];
    const seen = story ? new Set<number>() : null;
    for (const l of [...buckets.keys()].sort((a, b) => b - a)) {
      for (const i of buckets.get(l)!) {
        if (order.length >= want) break;
        if (seen) {
          const s = story![dense[i]!]!;
          if (seen.has(s)) continue;
          seen.add(s);
        }
        order.push(i);
        levels.push(l);
      }
    }
    return { order, levels };
  } finally {
    for (let i = 0; i < dense.length; i++) pos[dense[i]!] = 0;
  }
}

/** The page [from, to) of ranked hits, with snippets when asked. */
function pageOf(
  store: Store,
  c: Catalog,
  q: ParsedQuery,
  ranked: Ranked,
  from: number,
  to: number,
  snippets: boolean,
  docs: Map<number, DocText>,
): SearchHit[] {
  const hits: SearchHit[] = [];
  for (let i = from; i < to; i++) {
    const d = ranked.order[i]!;
    const hit: SearchHit = {
      id: c.ids[d]!,
      title: c.titles[d]!,
      date: c.dates[d]!,
      author: c.authors[d]!,
      category: c.categories[d]!,
      tags: c.tags[d]!,
      snippet: { text: '', highlights: [] },
    };
    if (ranked.scores) hit.score = ranked.scores[i]!;
    if (ranked.versions && ranked.versions[i]! > 1) hit.versions = ranked.versions[i]!;
    hits.push(hit);
  }
  if (snippets) cutSnippets(store, q, hits, ranked.textFirst?.subarray(from, to) ?? null, docs);
  return hits;
}

/** Sets each hit's snippet: bodies read BODY_BATCH at a time (a JSON request may ask for every hit). */
function cutSnippets(
  store: Store,
  q: ParsedQuery,
  hits: SearchHit[],
  textFirst: Int32Array | null,
  docs: Map<number, DocText>,
): void {
  const re = termsRegExp(q.clauses.flat().map((t) => t.folded));
  for (let from = 0; from < hits.length; from += BODY_BATCH) {
    const fromBodies: SearchHit[] = [];
    const firsts: number[] = [];
    for (let i = from; i < Math.min(hits.length, from + BODY_BATCH); i++) {
      const hit = hits[i]!;
      const doc = docs.get(hit.id);
      if (doc) hit.snippet = makeSnippet(doc.text, doc.folded, re, SNIPPET_WIDTH);
      else {
        fromBodies.push(hit);
        firsts.push(textFirst?.[i] ?? UNKNOWN_OFFSET);
      }
    }
    if (store.inflateBodies) {
      const snippets = inflatedSnippets(store, fromBodies, firsts, re);
      for (let i = 0; i < fromBodies.length; i++) fromBodies[i]!.snippet = snippets[i]!;
      continue;
    }
    const bodies = bodiesOf(
      store,
      fromBodies.map((h) => h.id),
    );
    for (let i = 0; i < fromBodies.length; i++) {
      const hit = fromBodies[i]!;
      hit.snippet = snippetOf(bodies.get(hit.id), hit.title, re, store.bodyEncoding, firsts[i]!);
    }
  }
}
