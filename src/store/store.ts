// openStore: the SQLite-backed Store (see ./types.ts) — article pages, listings by category, tag,
// author and date, facet values, neighbours and related articles. Search lives in src/search/ and
// reads the same database through store.db.

import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { isPlaceholderSummary } from '../corpus/anomalies.js';
import { isArchiveName } from '../corpus/source.js';
import { fileError, StoreError } from '../lib/errors.js';
import { firstIndex } from '../lib/first-index.js';
import { IdIndex } from '../lib/id-index.js';
import { IntLists } from '../lib/int-lists.js';
import { statementCache } from '../lib/statement-cache.js';
import { topK } from '../lib/top-k.js';
import { foldForMatch } from '../text/ignorable.js';
import type { TokenScheme } from '../text/tokenize.js';
import { type BodyEncoding, bodyParts, captureUrl, type RecordRepairNote } from './prepare.js';
import { bodyEncodingOf, ensureSchema, FACET_KIND, tokenSchemeOf } from './schema.js';
import { storyKey } from './story.js';
import { hasStoryLinks } from './story-links.js';
import type {
  ArchiveFacts,
  ArticleLinks,
  ArticleRecord,
  ArticleSummary,
  DayArticles,
  FacetCount,
  ListedArticle,
  Listing,
  ListKind,
  PageOf,
  PageRequest,
  Store,
  StoredArticle,
  StoreStats,
  VersionSummary,
} from './types.js';

export interface OpenStoreOptions {
  /** Open for reading only (the file must exist). */
  readonly?: boolean;
  /** Create the schema when the file is new or empty (default: true for ':memory:', else false). */
  create?: boolean;
}

const SUMMARY_COLUMNS = 'a.id, a.title, a.date, a.author, a.category, a.tags';

interface SummaryRow {
  id: number;
  title: string;
  date: string;
  author: string;
  category: string | null;
  tags: string;
}

export function toSummary(row: SummaryRow): ArticleSummary {
  return {
    id: row.id,
    title: row.title,
    date: row.date,
    author: row.author,
    category: row.category,
    tags: JSON.parse(row.tags) as string[],
  };
}

const DEFAULT_PER_PAGE = 20;
const MAX_PER_PAGE = 1000;

function pageArgs(req: { page?: number; perPage?: number } | undefined): {
  page: number;
  perPage: number;
  offset: number;
} {
  const perPage = Math.min(MAX_PER_PAGE, Math.max(1, Math.floor(req?.perPage ?? DEFAULT_PER_PAGE) || 1));
  const page = Math.max(1, Math.floor(req?.page ?? 1) || 1);
  return { page, perPage, offset: (page - 1) * perPage };
}

/** The phrase-freqs SQLite extension (src/search/phrase-freqs.c), built by scripts/build-native.mjs. */
const PHRASE_FREQS = fileURLToPath(new URL('../../build/phrase-freqs.so', import.meta.url));
/** The extension's output format that src/search/bm25.ts reads (PHRASE_FREQS_VERSION in the C file). */
export const PHRASE_FREQS_VERSION = 4;
/** The body-inflate SQLite extension (src/store/body-inflate.c), built where zlib's headers are. */
const BODY_INFLATE = fileURLToPath(new URL('../../build/body-inflate.so', import.meta.url));
/** The body-inflate version search reads (BODY_INFLATE_VERSION in the C file). */
export const BODY_INFLATE_VERSION = 1;

const warned = new Set<string>();

/** Says once per thread and extension why search goes without it. */
function warnNative(path: string, why: string, without: string): void {
  if (warned.has(path)) return;
  warned.add(path);
  process.emitWarning(`${path} ${why}: ${without}, with the same results, more slowly`);
}

/**
 * Loads one of backfile's SQLite extensions into a connection; false when it is not built, cannot
 * be loaded, or was built from other sources than this code's (a build left behind by a `git pull`
 * without `npm run build`), whose output this code could misread. Its entry point is the one SQLite
 * derives from the file name (phrase-freqs.so: sqlite3_phrasefreqs_init).
 */
function loadNative(
  db: Database.Database,
  path: string,
  versionFunction: string,
  expected: number,
  without: string,
): boolean {
  if (!existsSync(path)) return false;
  try {
    db.loadExtension(path);
  } catch (err) {
    warnNative(path, `could not be loaded (${err instanceof Error ? err.message : String(err)})`, without);
    return false;
  }
  let version: unknown;
  try {
    version = db.prepare(`SELECT ${versionFunction}()`).pluck().get();
  } catch {
    version = 'none';
  }
  if (version === expected) return true;
  const which =
    version === 'none' ? 'an older build of the extension' : `version ${String(version)} of the extension`;
  warnNative(path, `is ${which}; this code reads version ${expected} (npm run build makes it)`, without);
  return false;
}

/** Loads the phrase-freqs extension (see loadNative); without it search ranks with FTS5's bm25(). */
export function loadPhraseFreqs(db: Database.Database, path = PHRASE_FREQS): boolean {
  return loadNative(
    db,
    path,
    'phrase_freqs_version',
    PHRASE_FREQS_VERSION,
    "searches rank with FTS5's bm25()",
  );
}

/** Loads the body-inflate extension (see loadNative); without it snippets inflate with node:zlib. */
export function loadBodyInflate(db: Database.Database, path = BODY_INFLATE): boolean {
  return loadNative(
    db,
    path,
    'body_inflate_version',
    BODY_INFLATE_VERSION,
    'snippets inflate bodies with node:zlib',
  );
}

/** Pragmas for reading and for crash-safe writing (rollback journal, fsync at commit). */
function configure(db: Database.Database, readonly: boolean): void {
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  if (!readonly) {
    db.pragma('journal_mode = DELETE');
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('busy_timeout = 5000');
}

interface MemoryIndex {
  generation: string;
  /** Article id at each position in (date, id) order. */
  idAt: Int32Array;
  /** Position of each article id (-1 for none). */
  rankOf: IdIndex;
  /** Positions of the articles of each tag. */
  byTag: IntLists<string>;
  /** Positions of the articles of each category and author, made when first listed. */
  byValue: Map<ListKind, IntLists<string>>;
  /** Scratch counts per story for story listings, all zero between calls. */
  storyScratch: Int32Array;
  /** Scratch counts for related(), all zero between calls. */
  shared: Uint16Array;
  /** Scratch list for related(): the positions it counted, so as to zero them after. */
  touched: Int32Array;
  /** Story number at each position (src/store/story.ts), or -1 for a story of its own. */
  storyAt: Int32Array;
  /** The smallest article id of each story number: the story's id in exports. */
  storyFirstId: Int32Array;
  /** Positions of the versions of each dated story that has more than one. */
  versionsOf: IntLists<number>;
  /** 1 at the position of a placeholder page (not an article): neighbours pass over it. */
  placeholderAt: Uint8Array;
  /** How many articles have no date: the first positions. */
  undated: number;
  /** The date at each position as the number YYYYMMDD (0: undated), for date ranges of positions. */
  dayAt: Int32Array;
  /** Every article's id but placeholder pages', ascending (made when first asked for). */
  articleIds?: Int32Array;
  /** The values of a kind with their counts and folded forms, made when first filtered. */
  foldedValues: Map<ListKind, Array<FacetCount & { folded: string }>>;
}

export class SqliteStore implements Store {
  readonly db: Database.Database;
  readonly path: string;

  readonly bodyEncoding: BodyEncoding;
  readonly tokenScheme: TokenScheme;
  readonly phraseFreqs: boolean;
  readonly inflateBodies: boolean;
  readonly hasLeads: boolean;

  constructor(db: Database.Database, path: string, native: { phraseFreqs: boolean; inflateBodies: boolean }) {
    this.db = db;
    this.path = path;
    this.statement = statementCache(db);
    this.bodyEncoding = bodyEncodingOf(db);
    this.tokenScheme = tokenSchemeOf(db);
    this.phraseFreqs = native.phraseFreqs;
    this.inflateBodies = native.inflateBodies;
    this.hasLeads =
      db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'leads'").get() !== undefined;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** A prepared statement, prepared once per store (search uses it for its own queries). */
  readonly statement: (sql: string) => Database.Statement;

  private prepare(sql: string): Database.Statement {
    return this.statement(sql);
  }

  private index: MemoryIndex | null = null;

  /**
   * Every article's position in (date, id) order with its story, and the articles of each tag as
   * positions, held in memory for adjacent(), versions() and related(); reloaded when an import
   * changes the data (meta 'generation'). About 2 MB.
   */
  private memoryIndex(): MemoryIndex {
    const generation = String(
      this.prepare("SELECT value FROM meta WHERE key = 'generation'").pluck().get() ?? '0',
    );
    if (!this.index || this.index.generation !== generation) {
      // Streamed in (date, id) order; versions share a date, so story keys are only compared
      // within one day (a whole-corpus map of titles would cost tens of MB while it is built).
      const count = this.prepare('SELECT count(*) FROM articles').pluck().get() as number;
      const idAt = new Int32Array(count);
      const storyAt = new Int32Array(count).fill(-1);
      const placeholderAt = new Uint8Array(count);
      const dayAt = new Int32Array(count);
      const dated: boolean[] = [];
      let day: string | null = null;
      let numberOf = new Map<string, number>();
      let rank = 0;
      let undated = 0;
      const links = this.storyLinks();
      for (const [id, title, date] of this.prepare('SELECT id, title, date FROM articles ORDER BY date, id')
        .raw()
        .iterate() as IterableIterator<[number, string, string]>) {
        if (rank >= count) break;
        idAt[rank] = id;
        if (isPlaceholderSummary(title, date)) placeholderAt[rank] = 1;
        if (date === '') undated++;
        else dayAt[rank] = Number(date.replaceAll('-', '')) || 0;
        if (date !== day) {
          day = date;
          numberOf = new Map();
        }
        // a story whose titles were reworded is its linked articles (all of one day)
        const story = links.get(id);
        const key = story !== undefined ? `\u0001${story}` : storyKey(title, date);
        if (key !== null) {
          let n = numberOf.get(key);
          if (n === undefined) {
            n = dated.length;
            numberOf.set(key, n);
            dated.push(date !== '');
          }
          storyAt[rank] = n;
        }
        rank++;
      }
      const rankOf = IdIndex.of(idAt);
      // dated stories with more than one article list their versions (undated placeholder copies
      // are only skipped by neighbours and related)
      const members = new Int32Array(dated.length);
      for (const n of storyAt) if (n >= 0) members[n]!++;
      const ranksOf = new Map<number, number[]>();
      storyAt.forEach((n, r) => {
        if (n < 0 || members[n]! < 2 || !dated[n]) return;
        const list = ranksOf.get(n);
        if (list) list.push(r);
        else ranksOf.set(n, [r]);
      });
      const versionsOf = IntLists.from(ranksOf);
      const storyFirstId = new Int32Array(dated.length).fill(0x7fffffff);
      storyAt.forEach((n, r) => {
        if (n >= 0 && idAt[r]! < storyFirstId[n]!) storyFirstId[n] = idAt[r]!;
      });
      const byTag = this.positionsByValue(FACET_KIND.tag, rankOf);
      this.index = {
        generation,
        idAt,
        rankOf,
        byTag,
        byValue: new Map([['tag', byTag]]),
        storyScratch: new Int32Array(dated.length),
        shared: new Uint16Array(idAt.length),
        touched: new Int32Array(idAt.length),
        storyAt,
        storyFirstId,
        versionsOf,
        undated,
        dayAt,
        placeholderAt,
        foldedValues: new Map(),
      };
    }
    return this.index;
  }

  /** The first `limit` of items, one a story (the first of each, in the order given). */
  private onePerStory(items: ArticleSummary[], limit: number): ArticleSummary[] {
    const { rankOf, storyAt } = this.memoryIndex();
    const seen = new Set<number>();
    const out: ArticleSummary[] = [];
    for (const a of items) {
      if (out.length >= limit) break;
      const rank = rankOf.get(a.id);
      const story = rank < 0 ? -1 : storyAt[rank]!;
      if (story >= 0) {
        if (seen.has(story)) continue;
        seen.add(story);
      }
      out.push(a);
    }
    return out;
  }

  private summaries(sql: string, ...params: unknown[]): ArticleSummary[] {
    return (this.prepare(sql).all(...params) as SummaryRow[]).map(toSummary);
  }

  stats(): StoreStats {
    const a = this.prepare(
      "SELECT count(*) AS n, min(NULLIF(date, '')) AS first, max(NULLIF(date, '')) AS last FROM articles",
    ).get() as { n: number; first: string | null; last: string | null };
    const count = this.prepare('SELECT count(DISTINCT value) FROM facets WHERE kind = ?').pluck();
    return {
      articles: a.n,
      firstDate: a.first,
      lastDate: a.last,
      authors: count.get(FACET_KIND.author) as number,
      tags: count.get(FACET_KIND.tag) as number,
      categories: count.get(FACET_KIND.category) as number,
    };
  }

  private hasRepairs = false;

  archiveFacts(): ArchiveFacts {
    const { placeholderAt, undated, versionsOf } = this.memoryIndex();
    let placeholders = 0;
    for (const p of placeholderAt) placeholders += p;
    const repairsTable = this.prepare(
      "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'repairs'",
    ).get();
    const repaired = repairsTable
      ? (this.prepare('SELECT count(*) FROM repairs').pluck().get() as number)
      : 0;
    return {
      ...this.stats(),
      undated,
      placeholders,
      versionArticles: versionsOf.total,
      versionStories: versionsOf.size,
      repaired,
    };
  }

  storyLinks(): Map<number, number> {
    if (!hasStoryLinks(this.db)) return new Map();
    return new Map(this.prepare('SELECT id, story FROM story_links').raw().all() as Array<[number, number]>);
  }

  /**
   * The note of a repair of an article's text (none in a database made before the repairs table;
   * looked for again until it is there, as an import beside this reader may add it).
   */
  private repairOf(id: number): RecordRepairNote | undefined {
    this.hasRepairs ||= Boolean(
      this.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'repairs'").get(),
    );
    if (!this.hasRepairs) return undefined;
    const row = this.prepare('SELECT kind, lost FROM repairs WHERE id = ?').get(id) as
      | RecordRepairNote
      | undefined;
    return row ? { kind: row.kind, lost: row.lost } : undefined;
  }

  getArticle(id: number): StoredArticle | null {
    if (!Number.isSafeInteger(id)) return null;
    const row = this.prepare(
      'SELECT a.*, b.body, b.main_len, b.footer_len FROM articles a JOIN bodies b ON b.id = a.id WHERE a.id = ?',
    ).get(id) as
      | (SummaryRow & {
          last_updated: string | null;
          url: string | null;
          capture_ts: string | null;
          original_url: string;
          body: Buffer;
          main_len: number;
          footer_len: number;
          source_path: string;
        })
      | undefined;
    if (!row) return null;
    const parts = bodyParts(row.body, row.main_len, row.footer_len, this.bodyEncoding);
    const repair = this.repairOf(id);
    return {
      ...(repair ? { repair } : {}),
      ...toSummary(row),
      lastUpdated: row.last_updated,
      url: row.url ?? captureUrl(row.capture_ts, row.original_url) ?? '',
      captureTimestamp: row.capture_ts,
      originalUrl: row.original_url,
      body: parts.main,
      footer: parts.footer,
      columnist: parts.columnist,
      sourcePath: row.source_path,
    };
  }

  /** Summaries of the given ids, in the order given (missing ids are skipped). */
  summariesOf(ids: readonly number[]): ArticleSummary[] {
    if (ids.length === 0) return [];
    const rows = this.prepare(
      `SELECT ${SUMMARY_COLUMNS} FROM articles a WHERE a.id IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(ids)) as SummaryRow[];
    const byId = new Map(rows.map((r) => [r.id, toSummary(r)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  articleIds(): Int32Array {
    const index = this.memoryIndex();
    if (!index.articleIds) {
      const ids: number[] = [];
      for (let r = 0; r < index.idAt.length; r++) if (!index.placeholderAt[r]) ids.push(index.idAt[r]!);
      index.articleIds = Int32Array.from(ids).sort();
    }
    return index.articleIds;
  }

  recordsOf(ids: readonly number[]): ArticleRecord[] {
    if (ids.length === 0) return [];
    const rows = this.prepare(
      `SELECT ${SUMMARY_COLUMNS}, a.last_updated, a.url, a.capture_ts, a.original_url
       FROM articles a WHERE a.id IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(ids)) as Array<
      SummaryRow & {
        last_updated: string | null;
        url: string | null;
        capture_ts: string | null;
        original_url: string;
      }
    >;
    const { rankOf, storyAt, storyFirstId } = this.memoryIndex();
    const storyIdOf = (id: number) => {
      const rank = rankOf.get(id);
      const story = rank < 0 ? -1 : storyAt[rank]!;
      return story >= 0 ? storyFirstId[story]! : id;
    };
    const byId = new Map<number, ArticleRecord>();
    for (const row of rows) {
      byId.set(row.id, {
        ...toSummary(row),
        storyId: storyIdOf(row.id),
        lastUpdated: row.last_updated,
        captureTimestamp: row.capture_ts,
        originalUrl: row.original_url,
        url: row.url ?? captureUrl(row.capture_ts, row.original_url) ?? '',
      });
    }
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  latest(limit: number): ArticleSummary[] {
    const n = Math.max(0, Math.floor(limit) || 0);
    return this.onePerStory(
      this.summaries(
        `SELECT ${SUMMARY_COLUMNS} FROM articles a WHERE a.date != '' ORDER BY a.date DESC, a.id DESC LIMIT ?`,
        n * 4,
      ),
      n,
    );
  }

  categories(): FacetCount[] {
    return this.prepare(
      'SELECT value, count(*) AS count FROM facets WHERE kind = ? GROUP BY value ORDER BY count DESC, value',
    ).all(FACET_KIND.category) as FacetCount[];
  }

  monthCounts(): FacetCount[] {
    return this.prepare(
      "SELECT substr(date, 1, 7) AS value, count(*) AS count FROM articles WHERE date != '' GROUP BY value ORDER BY value",
    ).all() as FacetCount[];
  }

  monthDayCounts(): FacetCount[] {
    // GROUP BY over the date index, then by month-day: the articles of each day of the year in all years
    return this.prepare(
      "SELECT substr(date, 6, 5) AS value, sum(n) AS count FROM (SELECT date, count(*) AS n FROM articles WHERE date != '' GROUP BY date) GROUP BY value ORDER BY value",
    ).all() as FacetCount[];
  }

  dayCounts(month: string): FacetCount[] {
    if (!/^\d{4}-\d{2}$/.test(month)) return [];
    return this.prepare(
      'SELECT date AS value, count(*) AS count FROM articles WHERE date >= ? AND date <= ? GROUP BY date ORDER BY date',
    ).all(`${month}-`, `${month}-~`) as FacetCount[];
  }

  /** This month-day's date in each year of the archive, from the first to the last ([] for no MM-DD). */
  private monthDayDates(monthDay: string): string[] {
    if (!/^\d{2}-\d{2}$/.test(monthDay)) return [];
    // the date in each year from the first to the last, looked up in the date index (a seek a
    // year, where comparing every article's month and day read the whole index)
    const edge = (order: 'ASC' | 'DESC') =>
      this.prepare(`SELECT date FROM articles WHERE date > '' ORDER BY date ${order} LIMIT 1`)
        .pluck()
        .get() as string | undefined;
    const first = Number(edge('ASC')?.slice(0, 4));
    const last = Number(edge('DESC')?.slice(0, 4));
    if (!(first > 0 && last >= first)) return [];
    const dates: string[] = [];
    for (let y = Math.max(first, last - 199); y <= last; y++) dates.push(`${y}-${monthDay}`);
    return dates;
  }

  onThisDay(monthDay: string, perYear: number): DayArticles[] {
    const dates = this.monthDayDates(monthDay);
    if (dates.length === 0) return [];
    const n = Math.max(0, Math.floor(perYear) || 0);
    const days = this.prepare(
      `SELECT date, count(*) FROM articles WHERE date IN (${dates.map(() => '?').join(', ')}) GROUP BY date ORDER BY date DESC`,
    )
      .raw()
      .all(...dates) as Array<[string, number]>;
    return days.map(([date, count]) => ({
      date,
      count,
      items: this.onePerStory(
        this.summaries(
          `SELECT ${SUMMARY_COLUMNS} FROM articles a WHERE a.date = ? ORDER BY a.id DESC LIMIT ?`,
          date,
          n * 4,
        ),
        n,
      ),
    }));
  }

  onThisDayIds(monthDay: string): number[] {
    const dates = this.monthDayDates(monthDay);
    if (dates.length === 0) return [];
    // dated records are never placeholder pages (those have no date): all of them are articles
    return this.prepare(
      `SELECT id FROM articles WHERE date IN (${dates.map(() => '?').join(', ')}) ORDER BY date DESC, id DESC`,
    )
      .pluck()
      .all(...dates) as number[];
  }

  listBy(kind: ListKind, value: string, req?: PageRequest): Listing {
    const { page, perPage } = pageArgs(req);
    if (FACET_KIND[kind] === undefined) return { total: 0, page, perPage, items: [] };
    // from the memory index's positions: stories, and undated articles last in either order
    const ranks = this.ranksOf(kind, value);
    return this.storyPage(ranks.length, (i) => ranks[i]!, req ?? {}, page, perPage);
  }

  listUndated(req?: PageRequest): PageOf<ArticleSummary> & { placeholders: number } {
    const { page, perPage, offset } = pageArgs(req);
    // undated articles come first in (date, id) order: the first ranks of the memory index
    const { idAt, placeholderAt, undated } = this.memoryIndex();
    const articles: number[] = [];
    const placeholders: number[] = [];
    for (let r = 0; r < undated && r < idAt.length; r++)
      (placeholderAt[r] ? placeholders : articles).push(idAt[r]!);
    if (req?.sort !== 'oldest') {
      articles.reverse();
      placeholders.reverse();
    }
    const ids = [...articles, ...placeholders].slice(offset, offset + perPage);
    return { total: undated, page, perPage, items: this.summariesOf(ids), placeholders: placeholders.length };
  }

  /** The positions, in (date, id) order, of the articles with a category, author or tag value. */
  private ranksOf(kind: ListKind, value: string): Int32Array {
    const index = this.memoryIndex();
    let byValue = index.byValue.get(kind);
    if (!byValue) {
      byValue = this.positionsByValue(FACET_KIND[kind], index.rankOf);
      index.byValue.set(kind, byValue);
    }
    return byValue.get(value) ?? new Int32Array(0);
  }

  /**
   * The positions of the articles of each value of a facet kind, ascending (date order). Streamed,
   * not read whole: the rows of a kind are up to 49,118 pairs, and peak memory counts.
   */
  private positionsByValue(kind: number, rankOf: IdIndex): IntLists<string> {
    const lists = new Map<string, number[]>();
    const rows = this.prepare('SELECT value, id FROM facets WHERE kind = ?').raw();
    for (const [value, id] of rows.iterate(kind) as IterableIterator<[string, number]>) {
      const rank = rankOf.get(id);
      if (rank < 0) continue;
      const list = lists.get(value);
      if (list) list.push(rank);
      else lists.set(value, [rank]);
    }
    return IntLists.from(lists, true);
  }

  /**
   * A page of a listing: `n` articles at positions rankAt(0…n-1) in (date, id) order, undated ones
   * last either way. With collapse, each story once (its latest version, newest first; its first,
   * oldest first), with how many of the listing's articles are its versions; pages count stories.
   */
  private storyPage(
    n: number,
    rankAt: (i: number) => number,
    req: PageRequest,
    page: number,
    perPage: number,
  ): Listing {
    const { idAt, storyAt, storyScratch: counts, undated } = this.memoryIndex();
    // the listing's positions ascend: newest first walks them down to the undated at the start;
    // oldest first starts after them and comes back to them at the end
    const firstDated = firstIndex(n, (i) => rankAt(i) >= undated);
    const oldest = req.sort === 'oldest';
    const at = (k: number) => rankAt(oldest ? (k + firstDated) % n : n - 1 - k);
    const from = (page - 1) * perPage;
    const ids: number[] = [];
    if (!req.collapse) {
      for (let k = from; k < Math.min(n, from + perPage); k++) ids.push(idAt[at(k)]!);
      return { total: n, page, perPage, items: this.summariesOf(ids) };
    }
    let stories = 0;
    for (let i = 0; i < n; i++) {
      const story = storyAt[rankAt(i)]!;
      if (story < 0 || counts[story] === 0) stories++;
      if (story >= 0) counts[story] = counts[story]! + 1;
    }
    const versions: number[] = [];
    try {
      let listed = 0;
      for (let k = 0; k < n && listed < from + perPage; k++) {
        const rank = at(k);
        const story = storyAt[rank]!;
        // a story's count turns negative once it is listed: its other versions are passed over
        if (story >= 0) {
          if (counts[story]! < 0) continue;
          counts[story] = -counts[story]!;
        }
        if (listed++ >= from) {
          ids.push(idAt[rank]!);
          versions.push(story >= 0 ? -counts[story]! : 1);
        }
      }
    } finally {
      for (let i = 0; i < n; i++) {
        const story = storyAt[rankAt(i)]!;
        if (story >= 0) counts[story] = 0;
      }
    }
    const items: ListedArticle[] = this.summariesOf(ids).map((a, i) =>
      versions[i]! > 1 ? { ...a, versions: versions[i]! } : a,
    );
    return { total: n, stories, page, perPage, items };
  }

  neighbourDates(prefix: string): { before: string | null; after: string | null } {
    if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(prefix)) return { before: null, after: null };
    // dates compare as strings: every date of the period starts with the prefix and sorts after it,
    // and before the prefix followed by '~' (after every digit); undated articles ('') come first
    const before = this.prepare("SELECT max(date) FROM articles WHERE date < ? AND date != ''")
      .pluck()
      .get(prefix) as string | null;
    const after = this.prepare('SELECT min(date) FROM articles WHERE date > ?').pluck().get(`${prefix}~`) as
      | string
      | null;
    return {
      before: before ? before.slice(0, prefix.length) : null,
      after: after ? after.slice(0, prefix.length) : null,
    };
  }

  listByDate(prefix: string, req?: PageRequest): Listing {
    const { page, perPage } = pageArgs(req);
    if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(prefix)) return { total: 0, page, perPage, items: [] };
    // the period's articles are one run of positions in (date, id) order: YYYY is 2020xxxx
    const { dayAt } = this.memoryIndex();
    const scale = 10 ** (8 - prefix.replaceAll('-', '').length);
    const low = Number(prefix.replaceAll('-', '')) * scale;
    const from = firstIndex(dayAt.length, (i) => dayAt[i]! >= low);
    const to = firstIndex(dayAt.length, (i) => dayAt[i]! >= low + scale);
    return this.storyPage(to - from, (i) => from + i, req ?? {}, page, perPage);
  }

  values(kind: ListKind, req?: { page?: number; perPage?: number; containing?: string }): PageOf<FacetCount> {
    const { page, perPage, offset } = pageArgs(req);
    const k = FACET_KIND[kind];
    if (k === undefined) return { total: 0, page, perPage, items: [] };
    const containing = foldForMatch(req?.containing?.trim() ?? '');
    if (containing) {
      // every value of the kind, folded once per generation (15,253 tags: about 20 ms), then filtered
      const index = this.memoryIndex();
      let all = index.foldedValues.get(kind);
      if (!all) {
        const rows = this.prepare(
          'SELECT value, count(*) AS count FROM facets WHERE kind = ? GROUP BY value ORDER BY count DESC, value',
        ).all(k) as FacetCount[];
        all = rows.map((r) => ({ ...r, folded: foldForMatch(r.value) }));
        index.foldedValues.set(kind, all);
      }
      const matching = all.filter((v) => v.folded.includes(containing));
      return {
        total: matching.length,
        page,
        perPage,
        items: matching.slice(offset, offset + perPage).map(({ value, count }) => ({ value, count })),
      };
    }
    const total = this.prepare('SELECT count(DISTINCT value) FROM facets WHERE kind = ?')
      .pluck()
      .get(k) as number;
    const items = this.prepare(
      `SELECT value, count(*) AS count FROM facets WHERE kind = ? GROUP BY value
         ORDER BY count DESC, value LIMIT ? OFFSET ?`,
    ).all(k, perPage, offset) as FacetCount[];
    return { total, page, perPage, items };
  }

  articleLinks(id: number, relatedLimit: number): ArticleLinks {
    // one look at the memory index (and its generation) for the three
    const index = this.memoryIndex();
    return {
      ...this.adjacentIn(index, id),
      related: this.relatedIn(index, id, relatedLimit),
      versions: this.versionsIn(index, id),
    };
  }

  adjacent(id: number): { prev: ArticleSummary | null; next: ArticleSummary | null } {
    return this.adjacentIn(this.memoryIndex(), id);
  }

  private adjacentIn(
    index: MemoryIndex,
    id: number,
  ): { prev: ArticleSummary | null; next: ArticleSummary | null } {
    // in memory: the neighbours in (date, id) order, past the versions of this article; dated
    // articles lead to dated ones and undated to undated (by number), never from one to the other
    const { idAt, rankOf, storyAt, placeholderAt, undated } = index;
    const rank = rankOf.get(id);
    if (rank < 0) return { prev: null, next: null };
    const [low, high] = rank < undated ? [0, undated] : [undated, idAt.length];
    const own = storyAt[rank]!;
    // passing over the versions of this article and placeholder pages
    const skip = (r: number) => placeholderAt[r] === 1 || (own >= 0 && storyAt[r] === own);
    let prev = rank - 1;
    while (prev >= low && skip(prev)) prev--;
    let next = rank + 1;
    while (next < high && skip(next)) next++;
    const [before, after] = [prev >= low ? idAt[prev]! : -1, next < high ? idAt[next]! : -1];
    const found = new Map(this.summariesOf([before, after].filter((x) => x >= 0)).map((a) => [a.id, a]));
    return { prev: found.get(before) ?? null, next: found.get(after) ?? null };
  }

  versions(id: number): VersionSummary[] {
    return this.versionsIn(this.memoryIndex(), id);
  }

  private versionsIn(index: MemoryIndex, id: number): VersionSummary[] {
    const { idAt, rankOf, storyAt, versionsOf } = index;
    const rank = rankOf.get(id);
    const ranks = rank < 0 ? undefined : versionsOf.get(storyAt[rank]!);
    if (!ranks) return [];
    const ids = Array.from(ranks, (r) => idAt[r]!)
      .filter((other) => other !== id)
      .sort((a, b) => a - b);
    const rows = this.prepare(
      `SELECT ${SUMMARY_COLUMNS}, a.last_updated, a.capture_ts FROM articles a
         WHERE a.id IN (SELECT value FROM json_each(?)) ORDER BY a.id`,
    ).all(JSON.stringify(ids)) as Array<
      SummaryRow & { last_updated: string | null; capture_ts: string | null }
    >;
    return rows.map((r) => ({
      ...toSummary(r),
      lastUpdated: r.last_updated || null,
      captureTimestamp: r.capture_ts,
    }));
  }

  related(id: number, limit: number): ArticleSummary[] {
    return this.relatedIn(this.memoryIndex(), id, limit);
  }

  private relatedIn(index: MemoryIndex, id: number, limit: number): ArticleSummary[] {
    // Shared tags are counted in memory: the equivalent self-join with GROUP BY took 30-40 ms per
    // article on the full corpus (popular tags have thousands of articles); this takes about 0.1 ms.
    const wanted = Math.max(0, Math.floor(limit) || 0);
    if (wanted === 0) return [];
    const tags = this.prepare(
      "SELECT DISTINCT value FROM json_each((SELECT tags FROM articles WHERE id = ?)) WHERE value != ''",
    )
      .pluck()
      .all(id) as string[];
    const { idAt, rankOf, byTag, shared, touched: scratch, storyAt } = index;
    const self = rankOf.get(id);
    // the positions counted, in a list kept from call to call (an article with popular tags counts
    // thousands: a new array each time was a tenth of what an article page allocates)
    let n = 0;
    for (const tag of tags) {
      const positions = byTag.get(tag);
      if (!positions) continue;
      for (let k = 0; k < positions.length; k++) {
        const other = positions[k]!;
        if (other === self || other < 0) continue;
        if (shared[other] === 0) scratch[n++] = other;
        shared[other]!++;
      }
    }
    const touched = scratch.subarray(0, n);
    // Most shared tags first; among equals, newest first (the later position in date order). Some
    // extra are picked, as versions of this article and second versions of a story are left out.
    const best = topK(touched, wanted * 4 + 4, (a, b) => shared[b]! - shared[a]! || b - a);
    for (let k = 0; k < n; k++) shared[touched[k]!] = 0;
    const own = self >= 0 ? storyAt[self]! : -1;
    const taken = new Set<number>();
    const ids: number[] = [];
    for (const rank of best) {
      const story = storyAt[rank]!;
      if (story >= 0 && (story === own || taken.has(story))) continue;
      if (story >= 0) taken.add(story);
      ids.push(idAt[rank]!);
      if (ids.length === wanted) break;
    }
    return this.summariesOf(ids);
  }
}

/** The first article of each story (versions of one are left out), up to `limit`. */

/** Opens (or, with create, initializes) a backfile database. ':memory:' gives an empty one. */
/** The first 16 bytes of every SQLite database file. */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** A path as a shell word, quoted when it must be. */
function shellWord(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replaceAll("'", "'\\''")}'`;
}

/**
 * Refuses a file that is not an SQLite file at all (a corpus archive or any other file given as
 * --db) with what to do instead: never the advice to delete it, which is for a damaged database or
 * another program's. An empty file is an empty database to SQLite, and passes.
 */
function refuseNonSqlite(path: string): void {
  const head = Buffer.alloc(SQLITE_HEADER.length);
  let got: number;
  try {
    const fd = openSync(path, 'r');
    try {
      got = readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    throw (
      fileError(err, path) ?? new StoreError(`cannot read ${path}: ${(err as Error).message}`, { cause: err })
    );
  }
  if (got === 0 || head.subarray(0, SQLITE_HEADER.length).equals(SQLITE_HEADER)) return;
  throw new StoreError(
    `${path} is not a backfile database (it is not an SQLite file); check --db` +
      (isArchiveName(path)
        ? `. It looks like a corpus archive: import it with \`backfile import ${shellWord(path)}\``
        : ''),
  );
}

export function openStore(
  dbPath: string,
  opts: {
    readonly?: boolean;
    create?: boolean;
    /** Load backfile's SQLite extensions (phrase-freqs, body-inflate) where built (default true). */
    native?: boolean;
  } = {},
): SqliteStore {
  const memory = dbPath === ':memory:' || dbPath === '';
  const create = opts.create ?? memory;
  const readonly = Boolean(opts.readonly) && !memory;
  if (!memory && !existsSync(dbPath) && (readonly || !create)) {
    throw new StoreError(
      `no database at ${dbPath}; create it with \`backfile import <source> --db ${dbPath}\``,
    );
  }
  if (!memory && existsSync(dbPath) && statSync(dbPath).isDirectory()) {
    throw new StoreError(
      `${dbPath} is a folder, not a database file; give the file's path (e.g. --db ${join(dbPath, 'backfile.db')}), ` +
        `or, if it holds a corpus, import it: \`backfile import ${shellWord(dbPath)}\``,
    );
  }
  if (!memory && existsSync(dbPath)) refuseNonSqlite(dbPath);
  let db: Database.Database;
  try {
    db = new Database(memory ? ':memory:' : dbPath, { readonly, fileMustExist: !create });
  } catch (err) {
    throw (
      fileError(err, dbPath) ??
      new StoreError(`cannot open ${dbPath}: ${(err as Error).message}`, { cause: err })
    );
  }
  try {
    configure(db, readonly);
    ensureSchema(db, dbPath, create && !readonly);
  } catch (err) {
    db.close();
    if (err instanceof StoreError) throw err;
    // a file that cannot be written is not a corrupt one: it is not to be deleted
    const io = fileError(err, dbPath);
    if (io) throw io;
    throw new StoreError(
      `${dbPath} is not a backfile database or is corrupt (${(err as Error).message}); delete it and re-import with \`backfile import <source>\``,
      { cause: err },
    );
  }
  const native = opts.native !== false;
  return new SqliteStore(db, dbPath, {
    phraseFreqs: native && loadPhraseFreqs(db),
    inflateBodies: native && loadBodyInflate(db),
  });
}
