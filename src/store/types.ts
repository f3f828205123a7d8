// What the SQLite store gives its readers (the search engine, the web app, exports). The store
// module implements it; the web app is built on it alone (createApp(store)).

import type { TokenScheme } from '../text/tokenize.js';
import type { BodyEncoding, RecordRepairNote } from './prepare.js';

export interface ArticleSummary {
  id: number;
  title: string;
  /** "YYYY-MM-DD" or "" */
  date: string;
  author: string;
  category: string | null;
  tags: string[];
}

/** What an article page links to besides the article. */
export interface ArticleLinks {
  prev: ArticleSummary | null;
  next: ArticleSummary | null;
  related: ArticleSummary[];
  versions: VersionSummary[];
}

/** A version of an article: what tells it from the others. */
export interface VersionSummary extends ArticleSummary {
  lastUpdated: string | null;
  /** 14-digit Wayback timestamp of its capture. */
  captureTimestamp: string | null;
}

/** An article as a row of a data export: what cites it and where it came from, without its body. */
export interface ArticleRecord extends VersionSummary {
  /**
   * The story it is a version of, named by the smallest id of its versions (its own id when it has
   * none): what search merges into one hit (src/store/story.ts).
   */
  storyId: number;
  /** The article's address on hkcnews.com. */
  originalUrl: string;
  /** Its Wayback capture URL ('' when the record has none). */
  url: string;
}

export interface StoredArticle extends ArticleSummary {
  lastUpdated: string | null;
  /** Wayback capture URL. */
  url: string;
  /** 14-digit capture timestamp, or null. */
  captureTimestamp: string | null;
  originalUrl: string;
  /** Main Markdown text (title heading included, footer and columnist box excluded). */
  body: string;
  /** The subscription footer, or "". */
  footer: string;
  /** The columnist box Markdown, or "". */
  columnist: string;
  /** Path of the record in its source. */
  sourcePath: string;
  /** Set when the title and body shown were repaired from the record's (which keeps its bytes). */
  repair?: RecordRepairNote;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface PageRequest {
  /** 1-based. */
  page?: number;
  perPage?: number;
  sort?: 'newest' | 'oldest';
  /**
   * One entry per story (versions of an article: the same title and date, src/store/story.ts), with
   * how many versions it has in the listing; pages count stories (listBy, listByDate).
   */
  collapse?: boolean;
}

/** An article of a listing; with collapse, how many of the listing's articles are its story's. */
export type ListedArticle = ArticleSummary & { versions?: number };

/** A page of a listing: `total` articles, and with collapse `stories`, which the pages count. */
export type Listing = PageOf<ListedArticle> & { stories?: number };

/** One date's articles: how many there are, and some of them. */
export interface DayArticles {
  /** "YYYY-MM-DD" */
  date: string;
  count: number;
  items: ArticleSummary[];
}

export interface PageOf<T> {
  total: number;
  page: number;
  perPage: number;
  items: T[];
}

export type ListKind = 'category' | 'tag' | 'author';

export interface StoreStats {
  articles: number;
  firstDate: string | null;
  lastDate: string | null;
  authors: number;
  tags: number;
  categories: number;
}

/** What the archive holds, in figures (the about page). */
export interface ArchiveFacts extends StoreStats {
  /** Records without a date (placeholder pages among them). */
  undated: number;
  /** Captures of a farewell notice or an offline page instead of an article. */
  placeholders: number;
  /** Articles that are versions of a story of several (and how many such stories). */
  versionArticles: number;
  versionStories: number;
  /** Records whose title or text was repaired (mis-decoded text restored). */
  repaired: number;
}

export interface Store {
  /** The underlying better-sqlite3 database (for search and import; the web app should not need it). */
  readonly db: import('better-sqlite3').Database;
  /** A prepared statement of db, prepared once per store (for search's own queries). */
  readonly statement: (sql: string) => import('better-sqlite3').Statement;
  /** How this database's body blobs are encoded before deflate (decompressText needs it). */
  readonly bodyEncoding: BodyEncoding;
  /** How this database's full-text index tokenizes (search plans its queries for it). */
  readonly tokenScheme: TokenScheme;
  /** The connection has the phrase-freqs extension: search computes BM25 itself (src/search/bm25.ts). */
  readonly phraseFreqs: boolean;
  /** The connection has the body-inflate extension: snippets inflate bodies in SQLite (inflate_raw). */
  readonly inflateBodies: boolean;
  /** The database has the leads table (made since INDEX_VERSION 8): snippets are cut from leads. */
  readonly hasLeads: boolean;
  close(): void;
  stats(): StoreStats;
  /** What the archive holds, in figures. */
  archiveFacts(): ArchiveFacts;
  /**
   * Articles of stories whose titles were reworded (src/store/story-links.ts), each with its
   * story's smallest id; empty for a database made before story links, until an import.
   */
  storyLinks(): Map<number, number>;
  getArticle(id: number): StoredArticle | null;
  /** Summaries of the given ids, in the order given (missing ids are skipped). */
  summariesOf(ids: readonly number[]): ArticleSummary[];
  /** Every article's id, ascending: placeholder pages left out (what a sitemap lists). */
  articleIds(): Int32Array;
  /** Export rows of the given ids, in the order given (missing ids are skipped). */
  recordsOf(ids: readonly number[]): ArticleRecord[];
  latest(limit: number): ArticleSummary[];
  /** Categories with counts, largest first. */
  categories(): FacetCount[];
  /** Articles per month, "YYYY-MM", in date order. */
  monthCounts(): FacetCount[];
  /** Articles per day of a month ("YYYY-MM"), "YYYY-MM-DD", in date order; days without any left out. */
  dayCounts(month: string): FacetCount[];
  /** Articles of each month-day ("MM-DD") in all years, for the days that have any, in calendar order. */
  monthDayCounts(): FacetCount[];
  /**
   * This month and day ("MM-DD") in each year of the archive, newest first: how many articles that
   * date has, and up to `perYear` of them (one per story).
   */
  onThisDay(monthDay: string, perYear: number): DayArticles[];
  /**
   * Every article of this month and day ("MM-DD") in all years, newest first (by date, then by
   * number, highest first): what the 當年今日 page's exports hold, the page's `total` of them.
   */
  onThisDayIds(monthDay: string): number[];
  /** Articles with a category, tag or author value. */
  listBy(kind: ListKind, value: string, req?: PageRequest): Listing;
  /** Articles of a year "YYYY", month "YYYY-MM" or day "YYYY-MM-DD". */
  listByDate(prefix: string, req?: PageRequest): Listing;
  /**
   * Articles without a date: the articles first, by number (newest first: the highest), then the
   * placeholder pages (src/corpus/anomalies.ts), with how many of them there are.
   */
  listUndated(req?: PageRequest): PageOf<ArticleSummary> & { placeholders: number };
  /**
   * The nearest year, month or day (as long as `prefix`: "YYYY", "YYYY-MM" or "YYYY-MM-DD") before
   * and after it that has articles, or null.
   */
  neighbourDates(prefix: string): { before: string | null; after: string | null };
  /** All values of a kind with counts (for index pages), largest first. */
  /**
   * The values of a kind with their counts, most articles first; with `containing`, only those that
   * hold it (folded: Traditional and Simplified, width and case alike).
   */
  values(kind: ListKind, req?: { page?: number; perPage?: number; containing?: string }): PageOf<FacetCount>;
  /** The articles before and after by date (then id), skipping versions of this one. */
  adjacent(id: number): { prev: ArticleSummary | null; next: ArticleSummary | null };
  /** Articles sharing the most tags with this one, newest first among equals; one per story. */
  related(id: number, limit: number): ArticleSummary[];
  /** The other versions of an article (same title and date: src/store/story.ts), by id. */
  /** adjacent, related and versions of one article together (the app's article page). */
  articleLinks(id: number, relatedLimit: number): ArticleLinks;
  /** The other versions of an article (same story), by number, with when each was last updated and captured. */
  versions(id: number): VersionSummary[];
}
