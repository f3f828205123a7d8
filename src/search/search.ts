// search(store, query, options): exact substring search over folded title, visible text and facet
// values (author, category, tags), with filters, sorting, pagination, snippets and facets.
//
// How: the query is parsed (./query.ts) into terms, each planned as a phrase of index tokens
// (src/text/tokenize.ts). Clauses of terms of two or more characters go to one FTS5 MATCH over the
// contentless bigram index, which gives the candidate ids and BM25 scores (title weighted 10, facet
// values 3, text 1); one-character terms are looked up in the positionless per-character index. The
// index is exact for letters, digits, and the punctuation and spacing between them (whitespace runs
// match any whitespace run); only a term that starts with separators other than one opening bracket
// or quote, or has a gap longer than MAX_GAP, is checked against the folded text of each candidate —
// so every hit really contains every term, and every article containing them is a hit.
// Relevance: BM25, plus a title bonus for one-character terms; result sets above SCORE_LIMIT
// articles (terms in most of the corpus, where BM25 says little and costs most) are ranked by title
// matches, then newest. Filters, date ranges, sorting and facet counts run on the in-memory catalog
// (./catalog.ts); snippets are cut from the visible text of the page's hits only. Nothing here
// throws for any query text: problems become result.warnings.

import { QueryError, toBackfileError } from '../lib/errors.js';
import { topK } from '../lib/top-k.js';
import { decompressText, metaValues } from '../store/prepare.js';
import type { FacetCount, Store } from '../store/types.js';
import { fold } from '../text/fold.js';
import { ftsPhrase } from '../text/tokenize.js';
import { visibleMain } from '../text/visible.js';
import { type Catalog, catalogOf } from './catalog.js';
import { type ParsedQuery, parseQuery, type Term } from './query.js';
import { containsTerm, makeSnippet, termsRegExp } from './snippet.js';
import type { SearchFacets, SearchHit, SearchOptions, SearchResult, SearchSort } from './types.js';

export type { SearchOptions, SearchResult } from './types.js';

/** BM25 column weights: title, visible text, facet values. */
const BM25_WEIGHTS = [10, 1, 3] as const;
const DEFAULT_PER_PAGE = 20;
const MAX_PER_PAGE = 1000;
const DEFAULT_FACET_LIMIT = 20;
/** Relevance added per one-character term found in the title. */
const TITLE_BONUS = 5;
/** Above this many matches, relevance is title matches first, then newest (see tooManyToScore). */
const SCORE_LIMIT = 8000;

interface DocText {
  /** Visible main text, original characters. */
  text: string;
  folded: string;
  foldedTitle: string;
  foldedMeta: string[];
}

function loadDocText(store: Store, catalog: Catalog, id: number): DocText {
  const row = store.db.prepare('SELECT body, main_len FROM bodies WHERE id = ?').raw().get(id) as
    | [Buffer, number]
    | undefined;
  const d = catalog.denseOf[id] ?? -1;
  const title = d >= 0 ? catalog.titles[d]! : '';
  const text = row ? visibleMain(decompressText(row[0]).slice(0, row[1]), title) : '';
  const meta = d >= 0 ? metaValues(catalog.authors[d]!, catalog.categories[d], catalog.tags[d]!) : [];
  return { text, folded: fold(text), foldedTitle: fold(title), foldedMeta: meta.map(fold) };
}

function docContains(doc: DocText, term: Term): boolean {
  return (
    containsTerm(doc.foldedTitle, term.folded) ||
    containsTerm(doc.folded, term.folded) ||
    doc.foldedMeta.some((v) => containsTerm(v, term.folded))
  );
}

/** Ids of the articles holding one (folded) character, from the per-character index. */
function charIds(store: Store, folded: string): number[] {
  return store.db
    .prepare('SELECT rowid FROM fts_chars WHERE fts_chars MATCH ?')
    .pluck()
    .all(`"${folded.replaceAll('"', '""')}"`) as number[];
}

const titleCache = new WeakMap<Catalog, string[]>();

function foldedTitles(c: Catalog): string[] {
  let titles = titleCache.get(c);
  if (!titles) {
    titles = c.titles.map(fold);
    titleCache.set(c, titles);
  }
  return titles;
}

/**
 * True when an FTS expression matches so many articles that BM25 would cost more than the rest of
 * the search (about 0.8 µs an article) while saying little (the terms are in most articles): such
 * result sets are ranked by title matches, then newest.
 */
function tooManyToScore(store: Store, expr: string): boolean {
  const n = store.db
    .prepare(`SELECT count(*) FROM (SELECT rowid FROM fts WHERE fts MATCH ? LIMIT ${SCORE_LIMIT + 1})`)
    .pluck()
    .get(expr) as number;
  return n > SCORE_LIMIT;
}

/**
 * Indexes into dense in hit order (score, then newest; or by date), sorted at least up to `upTo`:
 * a full sort for small sets or deep pages, else a partial selection of the first `upTo`.
 */
function orderHits(
  dense: Int32Array,
  scores: Float64Array | null,
  rank: Int32Array,
  oldest: boolean,
  upTo: number,
): number[] {
  const n = dense.length;
  if (!scores) {
    // by date: the date ranks are a permutation, so a counting pass sorts in O(n + articles)
    const slot = new Int32Array(rank.length).fill(-1);
    for (let i = 0; i < n; i++) slot[rank[dense[i]!]!] = i;
    const order: number[] = [];
    if (oldest) {
      for (let r = 0; r < slot.length; r++) if (slot[r]! >= 0) order.push(slot[r]!);
    } else {
      for (let r = slot.length - 1; r >= 0; r--) if (slot[r]! >= 0) order.push(slot[r]!);
    }
    return order;
  }
  const better = (a: number, b: number) => scores[b]! - scores[a]! || rank[dense[b]!]! - rank[dense[a]!]!;
  const all = Array.from({ length: n }, (_, i) => i);
  if (upTo >= n / 4 || n < 2000) return all.sort(better);
  return topK(all, upTo, better);
}

function ftsIds(store: Store, expr: string): number[] {
  return store.db.prepare('SELECT rowid FROM fts WHERE fts MATCH ?').pluck().all(expr) as number[];
}

/** Ids of articles containing a term, exactly (index candidates checked in the text when needed). */
function termIds(store: Store, catalog: Catalog, term: Term, docs: Map<number, DocText>): number[] {
  if (term.plan.single) return charIds(store, term.folded);
  const ids = ftsIds(store, ftsPhrase(term.plan));
  if (term.plan.exact) return ids;
  return ids.filter((id) => docContains(cachedDoc(store, catalog, id, docs), term));
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
  if (from) tests.push((d) => c.dates[d]! !== '' && c.dates[d]! >= from);
  if (to) tests.push((d) => c.dates[d]! !== '' && c.dates[d]!.slice(0, to.length) <= to);
  if (tests.length === 0) return null;
  return (d) => tests.every((t) => t(d));
}

function topCounts(counts: Int32Array, values: string[], limit: number): FacetCount[] {
  // the `limit` largest counts (ties by value) without sorting every value that occurs
  const before = (a: number, b: number) =>
    counts[b]! - counts[a]! || (values[a]! < values[b]! ? -1 : values[a]! > values[b]! ? 1 : 0);
  const occurring = function* () {
    for (let i = 0; i < counts.length; i++) if (counts[i] !== 0) yield i;
  };
  const top = topK(occurring(), limit > 0 ? limit : counts.length, before);
  return top.map((i) => ({ value: values[i]!, count: counts[i]! }));
}

function chronological(counts: Int32Array, values: string[]): FacetCount[] {
  const out: FacetCount[] = [];
  for (let i = 0; i < counts.length; i++)
    if (counts[i]! > 0) out.push({ value: values[i]!, count: counts[i]! });
  return out.sort((a, b) => (a.value < b.value ? -1 : 1));
}

function facetsOf(c: Catalog, dense: Int32Array, limit: number): SearchFacets {
  const cat = new Int32Array(c.categoryValues.length);
  const author = new Int32Array(c.authorValues.length);
  const tag = new Int32Array(c.tagValues.length);
  const year = new Int32Array(c.yearValues.length);
  const month = new Int32Array(c.monthValues.length);
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
  };
}

/** Runs a query. Never throws for any query text (a broken database still throws a StoreError). */
export function search(store: Store, query: string, options?: SearchOptions): SearchResult {
  const started = performance.now();
  const opts = normalizeOptions(options);
  const q = parseQuery(query);
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

function run(
  store: Store,
  q: ParsedQuery,
  opts: ReturnType<typeof normalizeOptions>,
  result: SearchResult,
): void {
  const c = catalogOf(store);
  const hasTerms = q.clauses.length > 0;
  const filter = filterPredicate(q, c);
  if (!hasTerms && !filter) {
    if (q.excluded.length)
      result.warnings.push('a query of only excluded terms matches nothing; add a term or a filter');
    return;
  }
  const docs = new Map<number, DocText>();
  // Clauses of multi-character terms go to one FTS5 query (with BM25 scores); clauses holding a
  // one-character term are evaluated as id sets (one-character terms from the per-character index).
  const ftsClauses = q.clauses.filter((clause) => clause.every((t) => !t.plan.single));
  const setClauses = q.clauses.filter((clause) => clause.some((t) => t.plan.single));
  const singles = q.clauses.flat().filter((t) => t.plan.single);
  const wantScores = opts.sort === 'relevance' && hasTerms;
  let dense: Int32Array;
  let scores: Float64Array | null = null;
  let scoredByFts = false;
  if (hasTerms) {
    let candidates: Int32Array | null = null; // dense indexes
    let candidateScores: Float64Array | null = null;
    if (ftsClauses.length) {
      const expr = ftsClauses
        .map((clause) => `(${clause.map((t) => ftsPhrase(t.plan)).join(' OR ')})`)
        .join(' AND ');
      const exact = ftsClauses.every((clause) => clause.every((t) => t.plan.exact));
      scoredByFts = wantScores && !tooManyToScore(store, expr);
      const rows = scoredByFts
        ? (store.db
            .prepare(`SELECT rowid, bm25(fts, ${BM25_WEIGHTS.join(', ')}) FROM fts WHERE fts MATCH ?`)
            .raw()
            .all(expr) as Array<[number, number]>)
        : ftsIds(store, expr).map((id) => [id, 0] as [number, number]);
      const d1 = new Int32Array(rows.length);
      const s1 = new Float64Array(rows.length);
      let k = 0;
      for (const [id, bm25] of rows) {
        const d = c.denseOf[id] ?? -1;
        if (d < 0 || (filter && !filter(d))) continue;
        if (!exact) {
          const doc = cachedDoc(store, c, id, docs);
          if (!ftsClauses.every((clause) => clause.some((t) => docContains(doc, t)))) continue;
        }
        d1[k] = d;
        s1[k] = -bm25;
        k++;
      }
      candidates = d1.subarray(0, k);
      candidateScores = s1.subarray(0, k);
    }
    for (const clause of setClauses) {
      const inClause = new Uint8Array(c.size);
      for (const t of clause) {
        const ids = termIds(store, c, t, docs);
        for (const id of ids) {
          const d = c.denseOf[id] ?? -1;
          if (d >= 0) inClause[d] = 1;
        }
      }
      if (candidates === null) {
        const all: number[] = [];
        for (let d = 0; d < c.size; d++) if (inClause[d] && (!filter || filter(d))) all.push(d);
        candidates = Int32Array.from(all);
        candidateScores = new Float64Array(candidates.length);
      } else {
        const keep: number[] = [];
        const keepScores: number[] = [];
        for (let i = 0; i < candidates.length; i++) {
          if (!inClause[candidates[i]!]) continue;
          keep.push(candidates[i]!);
          keepScores.push(candidateScores![i]!);
        }
        candidates = Int32Array.from(keep);
        candidateScores = Float64Array.from(keepScores);
      }
    }
    dense = candidates ?? new Int32Array(0);
    if (wantScores) {
      scores = candidateScores ?? new Float64Array(dense.length);
      // Terms scored without BM25 (one-character terms; every term of a very large result set) add
      // a bonus when the title holds them.
      const unscored = scoredByFts ? singles : q.clauses.flat();
      if (unscored.length) {
        const titles = foldedTitles(c);
        for (let i = 0; i < dense.length; i++) {
          const title = titles[dense[i]!]!;
          for (const t of unscored) if (containsTerm(title, t.folded)) scores[i]! += TITLE_BONUS;
        }
      }
    }
  } else {
    const all: number[] = [];
    for (let d = 0; d < c.size; d++) if (filter!(d)) all.push(d);
    dense = Int32Array.from(all);
  }
  // exclusions
  if (q.excluded.length && dense.length) {
    const out = new Uint8Array(c.size);
    for (const term of q.excluded)
      for (const id of termIds(store, c, term, docs)) out[c.denseOf[id] ?? 0] = 1;
    const keep: number[] = [];
    const keepScores: number[] = [];
    for (let i = 0; i < dense.length; i++) {
      if (out[dense[i]!]) continue;
      keep.push(dense[i]!);
      if (scores) keepScores.push(scores[i]!);
    }
    dense = Int32Array.from(keep);
    scores = scores ? Float64Array.from(keepScores) : null;
  }
  result.total = dense.length;
  if (opts.facets) result.facets = facetsOf(c, dense, opts.facetLimit);
  // order and page
  const from = opts.all ? 0 : (opts.page - 1) * opts.perPage;
  const to = opts.all ? dense.length : Math.min(dense.length, from + opts.perPage);
  const order = orderHits(dense, scores, c.dateRank, opts.sort === 'oldest', to);
  const positive = q.clauses.flat().map((t) => t.folded);
  const re = termsRegExp(positive);
  for (let i = from; i < to; i++) {
    const d = dense[order[i]!]!;
    const id = c.ids[d]!;
    const hit: SearchHit = {
      id,
      title: c.titles[d]!,
      date: c.dates[d]!,
      author: c.authors[d]!,
      category: c.categories[d]!,
      tags: c.tags[d]!,
      snippet: { text: '', highlights: [] },
    };
    if (scores) hit.score = scores[order[i]!]!;
    if (opts.snippets) {
      const doc = docs.get(id) ?? loadDocText(store, c, id);
      hit.snippet = makeSnippet(doc.text, doc.folded, re);
    }
    result.hits.push(hit);
  }
}
