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
// Relevance: BM25, plus how much of the title the terms make (./order.ts: titleCoverage) and a title
// bonus for one-character terms. Result sets above SCORE_LIMIT articles
// are ranked without BM25 (which FTS5 computes for every hit, about 0.5 µs each, and which says
// little when a term is in thousands of articles): articles holding the terms in their title first,
// then those holding them in author, category or tags, each group newest first. Filters, date
// ranges, sorting and facet counts run on the in-memory catalog (./catalog.ts); snippets are cut
// from the visible text of the page's hits only, reading as much of each body as where the index
// found the first match says (inflated by SQLite where the body-inflate extension is built). A
// query's ranking (total, facets, its first RESULT_WINDOW hits) is kept in a result cache, so its
// next pages need no new ranking. Nothing here throws for any query text: problems become
// result.warnings.

import { QueryError, toBackfileError } from '../lib/errors.js';
import { firstIndex } from '../lib/first-index.js';
import { LruMap } from '../lib/lru-map.js';
import type { Store } from '../store/types.js';
import { loadSpellings } from '../text/spellings.js';
import { ftsPhrase } from '../text/tokenize.js';
import { bm25Rows } from './bm25.js';
import { authorOf, type Catalog, catalogOf, categoryOf, tagsOf } from './catalog.js';
import { countersOf } from './counters.js';
import { cachedDoc, type DocText, docContains } from './doc-text.js';
import { EMPTY_FACETS, facetsOf } from './facets.js';
import { foldedOf } from './folded-catalog.js';
import { cutSnippets, UNKNOWN_OFFSET } from './hit-snippets.js';
import { int32List, integerList } from './integer-list.js';
import { pushNote, type QueryNote } from './notes.js';
import {
  addTitleRelevance,
  byLevelThenDate,
  firstOfEachStory,
  levelOf,
  orderByScore,
  TITLE_BONUS,
} from './order.js';
import { type ParsedQuery, parseQuery, type Term } from './query.js';
import type { SearchFacets, SearchHit, SearchOptions, SearchResult, SearchSort } from './types.js';

export type { SearchOptions, SearchResult } from './types.js';

/** BM25 column weights: title, visible text, facet values. */
const BM25_WEIGHTS = [10, 1, 3] as const;
/** The FTS column of the visible text (title 0, text 1, facet values 2). */
const TEXT_COLUMN = 1;
const DEFAULT_PER_PAGE = 20;
const DEFAULT_FACET_LIMIT = 20;
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
  /** Placeholder pages that matched, left out of the hits. */
  placeholders: number;
  versions: Int32Array | null;
  /**
   * Aligned with order, where each hit's first match in its text is, when BM25 came from the
   * extension: the token offset, NO_MATCH_IN_TEXT, or UNKNOWN_OFFSET (see ./hit-snippets.ts).
   */
  textFirst: Int32Array | null;
  /** What the ranking could not do as asked (a query of only exclusions). */
  notes: QueryNote[];
}

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
        const d = c.denseOf.get(id);
        if (d >= 0) holding[d] = 1;
      }
    return use(holding);
  } finally {
    holding.fill(0);
  }
}

/** Dense indexes passing the filters (or all when there are none), as a predicate. */
function filterPredicate(q: ParsedQuery, c: Catalog): ((d: number) => boolean) | null {
  const tests: Array<(d: number) => boolean> = [];
  const valueSet = (folded: string[], index: Map<string, number[]>) =>
    new Set(folded.flatMap((f) => index.get(f) ?? []));
  // an author is a byline or a person it names (an article can name several): each must hold
  for (const author of q.authors) {
    const ok = new Set(c.foldedAuthor.get(author) ?? []);
    tests.push((d) => ok.has(c.authorIdx[d]!));
  }
  if (q.categories.length) {
    const ok = valueSet(q.categories, c.foldedCategory);
    tests.push((d) => ok.has(c.categoryIdx[d]!));
  }
  if (q.ids.length) {
    const ok = new Set(q.ids);
    tests.push((d) => ok.has(c.ids[d]!));
  }
  for (const tag of q.tags) {
    const ok = new Set(c.foldedTag.get(tag) ?? []);
    tests.push((d) => {
      for (let k = c.tagStart[d]!; k < c.tagStart[d + 1]!; k++) if (ok.has(c.tagList[k]!)) return true;
      return false;
    });
  }
  if (q.notAuthors.length) {
    const out = valueSet(q.notAuthors, c.foldedAuthor);
    tests.push((d) => !out.has(c.authorIdx[d]!));
  }
  if (q.notCategories.length) {
    const out = valueSet(q.notCategories, c.foldedCategory);
    tests.push((d) => !out.has(c.categoryIdx[d]!));
  }
  if (q.notIds.length) {
    const out = new Set(q.notIds);
    tests.push((d) => !out.has(c.ids[d]!));
  }
  if (q.notTags.length) {
    const out = valueSet(q.notTags, c.foldedTag);
    tests.push((d) => {
      for (let k = c.tagStart[d]!; k < c.tagStart[d + 1]!; k++) if (out.has(c.tagList[k]!)) return false;
      return true;
    });
  }
  const { from, to } = q.date;
  if (from || to) {
    // a date range is a range of ranks in date order (undated articles, '', rank first and never pass)
    const byDate = foldedOf(c).byDate;
    const dateAt = (rank: number) => c.dates[byDate[rank]!]!;
    const lo = firstIndex(byDate.length, (r) => dateAt(r) !== '' && (!from || dateAt(r) >= from));
    const hi = to ? firstIndex(byDate.length, (r) => dateAt(r).slice(0, to.length) > to) : byDate.length;
    tests.push((d) => {
      const r = c.dateRank[d]!;
      return r >= lo && r < hi;
    });
  }
  if (tests.length === 0) return null;
  if (tests.length === 1) return tests[0]!;
  return (d) => tests.every((t) => t(d));
}

function normalizeOptions(options: SearchOptions | undefined): {
  page: number;
  perPage: number;
  all: boolean;
  sort: SearchSort;
  facetLimit: number;
  facets: boolean;
  snippets: boolean;
  idsOnly: boolean;
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
    // no cap: a page of any size costs no more than `all` (callers that serve pages cap their own)
    perPage: int(o.perPage, DEFAULT_PER_PAGE, 1, Number.MAX_SAFE_INTEGER),
    all: Boolean(o.all),
    sort,
    facetLimit: int(o.facetLimit, DEFAULT_FACET_LIMIT, 0, 100_000),
    facets: o.facets !== false,
    snippets: o.snippets !== false,
    idsOnly: Boolean(o.idsOnly),
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
  if (ranked.placeholders) result.placeholders = ranked.placeholders;
  result.facets = ranked.facets;
  for (const note of ranked.notes) addNote(result, note);
  const to = Math.min(ranked.order.length, opts.all ? ranked.order.length : from + opts.perPage);
  if (opts.idsOnly) {
    const ids = new Int32Array(Math.max(0, to - from));
    for (let i = from; i < to; i++) ids[i - from] = c.ids[ranked.order[i]!]!;
    result.ids = ids;
  } else result.hits = pageOf(store, c, q, ranked, from, to, opts.snippets, docs);
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
  loadSpellings();
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

/** Adds a note to a result, in English and as its code, one for one. */
function addNote(result: SearchResult, note: QueryNote): void {
  if (!result.notes) result.notes = [];
  pushNote(result.warnings, result.notes, note);
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
    ...(opts.idsOnly ? { ids: new Int32Array(0) } : {}),
    facets: EMPTY_FACETS,
    warnings: q.warnings,
    notes: q.notes,
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
        addNote(result, { code: 'notRun', values: [e.message] });
      } else throw e;
    } else if (e instanceof QueryError) addNote(result, { code: 'notRun', values: [e.message] });
    else throw e;
  }
  // every hit is on the one page
  if (opts.all) result.perPage = Math.max(1, result.ids?.length ?? result.hits.length);
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
  // what is left out needs something to be left out of: a query of exclusions alone finds nothing
  const excludes = q.excluded.length + q.notAuthors.length + q.notCategories.length + q.notTags.length;
  const includes =
    q.authors.length +
    q.categories.length +
    q.tags.length +
    q.ids.length +
    (q.date.from || q.date.to ? 1 : 0);
  if (!hasTerms && (!filter || includes === 0)) {
    const notes: QueryNote[] = excludes + q.notIds.length ? [{ code: 'onlyExcluded', values: [] }] : [];
    return {
      total: 0,
      facets: EMPTY_FACETS,
      order: new Int32Array(0),
      scores: null,
      stories: opts.collapse ? 0 : null,
      placeholders: 0,
      versions: null,
      textFirst: null,
      notes,
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
        const d = c.denseOf.get(id);
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
      // the title: one-character terms (not in the FTS query) add a bonus when it holds them, and
      // every term as much as it makes of it
      addTitleRelevance(c, dense, scores, q.clauses.flat(), singles);
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
  // Placeholder pages (captures of the farewell notice or an offline page instead of the article)
  // are not articles: they are left out of the hits, the counts and the facets, and counted apart.
  // (Moved in place; a removed one's first-match offset is cleared here, as the others' are after.)
  let placeholders = 0;
  for (let i = 0; i < dense.length; i++) {
    const d = dense[i]!;
    if (c.placeholder[d]) {
      placeholders++;
      if (firstsSet) textFirst[d] = 0;
      continue;
    }
    if (placeholders) {
      dense[i - placeholders] = d;
      if (scores) scores[i - placeholders] = scores[i]!;
    }
  }
  if (placeholders) {
    dense = dense.subarray(0, dense.length - placeholders);
    if (scores) scores = scores.subarray(0, dense.length);
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
    return { ...ranked, facets, stories, placeholders };
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
): Omit<Ranked, 'facets' | 'stories' | 'placeholders'> {
  const story = storyHits ? c.storyOf : null;
  // the hits in order: as dense indexes (by level or date), or as their places in dense (by score)
  let byPlace: number[] | null = null;
  let byDense: number[] | null = null;
  let orderScores: ArrayLike<number> | null = null;
  if (levelTerms) {
    ({ order: byDense, levels: orderScores } = byLevelThenDate(
      dense,
      c,
      levelOf(c, levelTerms),
      levelTerms.length * TITLE_BONUS,
      upTo,
      story,
      false,
    ));
  } else if (!scores) {
    byDense = byLevelThenDate(dense, c, () => 0, 0, upTo, story, opts.sort === 'oldest').order;
  } else {
    byPlace = orderByScore(dense, scores, c, story ? dense.length : upTo);
    if (story) byPlace = firstOfEachStory(byPlace, dense, story, upTo);
    orderScores = byPlace.map((i) => scores![i]!);
  }
  const n = Math.min((byDense ?? byPlace)!.length, upTo);
  const ranked = new Int32Array(n);
  const rankedScores = orderScores ? new Float64Array(n) : null;
  const versions = storyHits ? new Int32Array(n) : null;
  for (let i = 0; i < n; i++) {
    ranked[i] = byDense ? byDense[i]! : dense[byPlace![i]!]!;
    if (rankedScores) rankedScores[i] = orderScores![i]!;
    if (versions) versions[i] = storyHits![story![ranked[i]!]!]!;
  }
  return {
    total: dense.length,
    order: ranked,
    scores: rankedScores,
    versions,
    textFirst: null,
    notes: [],
  };
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
      author: authorOf(c, d),
      category: categoryOf(c, d),
      tags: tagsOf(c, d),
      snippet: { text: '', highlights: [] },
    };
    if (ranked.scores) hit.score = ranked.scores[i]!;
    if (ranked.versions && ranked.versions[i]! > 1) hit.versions = ranked.versions[i]!;
    hits.push(hit);
  }
  if (snippets) cutSnippets(store, q, hits, ranked.textFirst?.subarray(from, to) ?? null, docs);
  return hits;
}
