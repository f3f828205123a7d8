// Arrays of the catalog's size that search writes into instead of making new ones for each query:
// counters for facets and stories, marks, date bitmaps and a query's candidates, all zero between uses.

import type { Catalog } from './catalog.js';

/**
 * Counters of the catalog's size, kept from one search to the next and all zero between uses. Made
 * anew, they were about 200 KB a search (story hits, tag counts), and V8 counts such array memory
 * toward the old generation's limit: the search thread ran a major GC every few hundred searches, on
 * top of its own work, in the threads that help the collector.
 */
export interface Counters {
  story: Int32Array;
  category: Int32Array;
  author: Int32Array;
  tag: Int32Array;
  /** The author and tag values counted by the search under way, in the order first met. */
  authorSeen: Int32Array;
  tagSeen: Int32Array;
  year: Int32Array;
  month: Int32Array;
  /** A bit for each date rank (see Catalog.dateRank) of the result set being ordered. */
  dateMarks: Uint32Array;
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

export function countersOf(c: Catalog): Counters {
  let counters = countersCache.get(c);
  if (!counters) {
    counters = {
      story: new Int32Array(c.storyCount),
      category: new Int32Array(c.categoryFacetValues.length),
      author: new Int32Array(c.authorFacetValues.length),
      tag: new Int32Array(c.tagFacetValues.length),
      authorSeen: new Int32Array(c.authorFacetValues.length),
      tagSeen: new Int32Array(c.tagFacetValues.length),
      year: new Int32Array(c.yearValues.length),
      month: new Int32Array(c.monthValues.length),
      dateMarks: new Uint32Array(Math.ceil(c.size / 32)),
      holding: new Uint8Array(c.size),
      textFirst: new Int32Array(c.size),
      candidates: new Int32Array(c.size),
      candidateScores: new Float64Array(c.size),
    };
    countersCache.set(c, counters);
  }
  return counters;
}
