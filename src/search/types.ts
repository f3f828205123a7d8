// The search API the CLI and the web app use: search(store, query, options) -> SearchResult.

import type { ArticleSummary, FacetCount } from '../store/types.js';
import type { QueryNote } from './notes.js';

export type SearchSort = 'relevance' | 'newest' | 'oldest';

export interface SearchOptions {
  /** 1-based page. */
  page?: number;
  /** Hits per page (default 20; any number: a page of 5,000 is 5,000 hits). */
  perPage?: number;
  /** Return every hit (ignores page/perPage). */
  all?: boolean;
  sort?: SearchSort;
  /** How many author and tag facet values (default 20). */
  facetLimit?: number;
  /** Skip facets (faster when they are not shown). */
  facets?: boolean;
  /** Skip snippets. */
  snippets?: boolean;
  /**
   * Give the ids of the hits (result.ids, in order) instead of hit objects: what an export of a
   * whole result set needs, at 4 bytes a hit (with `all`, every hit; facets still as asked).
   */
  idsOnly?: boolean;
  /**
   * One hit per story: versions of an article (same title and date) are shown once, at the place of
   * the best-ranked one, with `versions` on the hit; pages count stories. Default false.
   */
  collapse?: boolean;
  /**
   * Rank afresh instead of reading the result cache (which keeps, per query, the total, the facets
   * and the first hits in order, so that the next pages and other formats need no new ranking).
   */
  fresh?: boolean;
  /**
   * Result sets up to this many articles are ranked by BM25; larger ones by where the terms are
   * (title, then author, category or tags), newest first within each (default 2,000: BM25 costs
   * about 0.7 µs a hit). Infinity ranks every set by BM25.
   */
  scoreLimit?: number;
}

/** A piece of text near a match; highlights are [start, end) UTF-16 offsets into text. */
export interface Snippet {
  text: string;
  highlights: Array<[number, number]>;
}

export interface SearchHit extends ArticleSummary {
  snippet: Snippet;
  /** Relevance score (higher is better) when sorted by relevance. */
  score?: number;
  /** With collapse: how many hits are versions of this story (this one included), when more than 1. */
  versions?: number;
  /** Where the terms are in the title, [start, end) UTF-16 offsets, when it holds them. */
  titleHighlights?: Array<[number, number]>;
  /**
   * For a hit whose title and snippet hold no term: the author, category or tags that do (it was
   * found by them), each with where the terms are in it.
   */
  matchedIn?: Array<{
    field: 'author' | 'category' | 'tag';
    value: string;
    highlights: Array<[number, number]>;
  }>;
}

export interface SearchFacets {
  category: FacetCount[];
  author: FacetCount[];
  tag: FacetCount[];
  year: FacetCount[];
  month: FacetCount[];
}

export interface SearchResult {
  /** The query as given. */
  query: string;
  /** The query as understood, in the query language (normalized). */
  understood: string;
  /** Articles found. */
  total: number;
  /** With collapse: stories found (versions of one article count once); pages count these. */
  stories?: number;
  /**
   * Placeholder pages that match, when there are any: records holding a capture of the farewell
   * notice or an offline page instead of their article. They are not articles, so they are not
   * among the hits, the total or the facets.
   */
  placeholders?: number;
  page: number;
  perPage: number;
  sort: SearchSort;
  hits: SearchHit[];
  /** With idsOnly: the ids of the page's hits (every hit with `all`), in order; hits is empty. */
  ids?: Int32Array;
  facets: SearchFacets;
  /** Things about the query the user should know (an ignored malformed date, an unbalanced quote). */
  warnings: string[];
  /** The same as codes with their values (./notes.ts), one for one, to be said in another language. */
  notes?: QueryNote[];
  tookMs: number;
}
