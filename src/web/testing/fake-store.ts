// An in-memory Store over a handful of articles, and a naive search over it, for the web app's tests
// when the real store and search are not wanted (or not yet there). It follows the Store contract
// in src/store/types.ts: date order, counts, pagination and related-by-tags.

import type { Article } from '../../corpus/types.js';
import type { SearchOptions, SearchResult } from '../../search/types.js';
import type {
  ArticleSummary,
  FacetCount,
  ListKind,
  PageOf,
  PageRequest,
  Store,
  StoredArticle,
  StoreStats,
} from '../../store/types.js';

/** Splits off the subscription footer and the columnist box the way the corpus lays them out. */
function splitParts(body: string): { main: string; footer: string; columnist: string } {
  const f = body.search(/\n---\n\s*\n請加入/);
  if (f === -1) return { main: body, footer: '', columnist: '' };
  const rest = body.slice(f);
  const c = rest.indexOf('\n---\n', 5);
  if (c === -1) return { main: body.slice(0, f), footer: rest, columnist: '' };
  return { main: body.slice(0, f), footer: rest.slice(0, c), columnist: rest.slice(c) };
}

export function toStored(a: Article): StoredArticle {
  const parts = splitParts(a.body);
  return {
    id: a.id,
    title: a.title,
    date: a.date,
    author: a.author,
    category: a.category ?? null,
    tags: a.tags ?? [],
    lastUpdated: a.lastUpdated ?? null,
    url: a.url,
    captureTimestamp: a.captureTimestamp ?? null,
    originalUrl: a.originalUrl,
    body: parts.main,
    footer: parts.footer,
    columnist: parts.columnist,
    sourcePath: `articles/test/article_${a.id}.md`,
  };
}

function summary(a: StoredArticle): ArticleSummary {
  return { id: a.id, title: a.title, date: a.date, author: a.author, category: a.category, tags: a.tags };
}

/** Newest first: by date then id; undated last. */
function newestFirst(a: StoredArticle, b: StoredArticle): number {
  if (a.date !== b.date) {
    if (!a.date) return 1;
    if (!b.date) return -1;
    return a.date < b.date ? 1 : -1;
  }
  return b.id - a.id;
}

function page<T>(all: T[], req: { page?: number; perPage?: number } = {}): PageOf<T> {
  const perPage = req.perPage ?? 20;
  const p = req.page ?? 1;
  return { total: all.length, page: p, perPage, items: all.slice((p - 1) * perPage, p * perPage) };
}

function counts(values: string[]): FacetCount[] {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
}

export function createFakeStore(articles: Article[]): Store {
  const all = articles.map(toStored).sort(newestFirst);
  const byId = new Map(all.map((a) => [a.id, a]));
  const dated = all.filter((a) => a.date);
  const ordered = (list: StoredArticle[], req?: PageRequest) =>
    req?.sort === 'oldest' ? [...list].reverse() : list;
  const valuesOf = (a: StoredArticle, kind: ListKind): string[] =>
    kind === 'tag'
      ? a.tags
      : kind === 'author'
        ? a.author
          ? [a.author]
          : []
        : a.category
          ? [a.category]
          : [];

  return {
    get db(): never {
      throw new Error('the fake store has no database');
    },
    close() {},
    stats(): StoreStats {
      const dates = dated.map((a) => a.date).sort();
      return {
        articles: all.length,
        firstDate: dates[0] ?? null,
        lastDate: dates[dates.length - 1] ?? null,
        authors: new Set(all.map((a) => a.author).filter(Boolean)).size,
        tags: new Set(all.flatMap((a) => a.tags)).size,
        categories: new Set(all.map((a) => a.category).filter(Boolean)).size,
      };
    },
    getArticle: (id) => byId.get(id) ?? null,
    latest: (limit) => dated.slice(0, limit).map(summary),
    categories: () => counts(all.flatMap((a) => (a.category ? [a.category] : []))),
    monthCounts: () =>
      counts(dated.map((a) => a.date.slice(0, 7))).sort((a, b) => (a.value < b.value ? -1 : 1)),
    onThisDay: (monthDay, limit) =>
      dated
        .filter((a) => a.date.slice(5) === monthDay)
        .slice(0, limit)
        .map(summary),
    listBy: (kind, value, req) =>
      page(
        ordered(
          all.filter((a) => valuesOf(a, kind).includes(value)),
          req,
        ).map(summary),
        req,
      ),
    listByDate: (prefix, req) =>
      page(
        ordered(
          dated.filter((a) => a.date.startsWith(prefix)),
          req,
        ).map(summary),
        req,
      ),
    values: (kind, req) => page(counts(all.flatMap((a) => valuesOf(a, kind))), req),
    adjacent(id) {
      const i = dated.findIndex((a) => a.id === id);
      if (i === -1) return { prev: null, next: null };
      const prev = dated[i + 1];
      const next = dated[i - 1];
      return { prev: prev ? summary(prev) : null, next: next ? summary(next) : null };
    },
    related(id, limit) {
      const a = byId.get(id);
      if (!a || a.tags.length === 0) return [];
      return all
        .filter((b) => b.id !== id)
        .map((b) => ({ b, shared: b.tags.filter((t) => a.tags.includes(t)).length }))
        .filter((x) => x.shared > 0)
        .sort((x, y) => y.shared - x.shared || newestFirst(x.b, y.b))
        .slice(0, limit)
        .map((x) => summary(x.b));
    },
  };
}

/**
 * A naive search for tests: every whitespace-separated term must occur in the title or body
 * (`key:value` terms filter by category/author/tag/date). Snippets highlight the first term.
 */
export function fakeSearch(store: Store, query: string, options: SearchOptions = {}): SearchResult {
  const started = performance.now();
  const all = store.listByDate('', { perPage: 1e9 }).items.map((s) => store.getArticle(s.id)!);
  const terms = query.trim().split(/\s+/).filter(Boolean);
  const hits = all.filter((a) =>
    terms.every((t) => {
      const m = /^(category|author|tag|date):(.+)$/.exec(t);
      if (!m) return (a.title + a.body).includes(t);
      const v = m[2]!.replace(/^"|"$/g, '');
      if (m[1] === 'category') return a.category === v;
      if (m[1] === 'author') return a.author === v;
      if (m[1] === 'tag') return a.tags.includes(v);
      return a.date.startsWith(v);
    }),
  );
  if (options.sort === 'oldest') hits.reverse();
  const perPage = options.perPage ?? 20;
  const p = options.page ?? 1;
  const word = terms.find((t) => !t.includes(':')) ?? '';
  return {
    query,
    understood: terms.join(' '),
    total: hits.length,
    page: p,
    perPage,
    sort: options.sort ?? 'relevance',
    hits: hits.slice((p - 1) * perPage, p * perPage).map((a) => {
      const text = a.body.replace(/\s+/g, ' ').slice(0, 120);
      const at = word ? text.indexOf(word) : -1;
      return {
        ...summary(a),
        snippet: { text, highlights: at >= 0 ? [[at, at + word.length] as [number, number]] : [] },
      };
    }),
    facets: {
      category: counts(hits.flatMap((a) => (a.category ? [a.category] : []))),
      author: counts(hits.map((a) => a.author).filter(Boolean)),
      tag: counts(hits.flatMap((a) => a.tags)),
      year: counts(hits.filter((a) => a.date).map((a) => a.date.slice(0, 4))),
      month: counts(hits.filter((a) => a.date).map((a) => a.date.slice(0, 7))),
    },
    warnings: [],
    tookMs: performance.now() - started,
  };
}
