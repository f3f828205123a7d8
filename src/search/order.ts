// The order of a result set: by BM25 score (then newest), or, for a set too large for BM25, by
// where the terms are (title, then author, category or tags), newest first within each level; with
// one hit per story when versions are merged.

import { topK } from '../lib/top-k.js';
import type { Catalog } from './catalog.js';
import { countersOf } from './counters.js';
import { foldedOf, lettersIn, metaMatcher } from './folded-catalog.js';
import type { Term } from './query.js';
import { termMatcher } from './snippet.js';

/** Relevance added per term found in the title (one-character terms; every term of a large set). */
export const TITLE_BONUS = 5;
/**
 * Relevance added (to BM25) for a title the terms make up entirely, in proportion for less: of two
 * titles holding the words, the one they make more of matches better (BM25 divides by the length of
 * the whole article, so a long title counted as much as a short one).
 */
export const TITLE_COVERAGE = 20;
/** Relevance added per term found in author, category or tags (every term of a large set). */
const META_BONUS = 2;

/**
 * How much of an article's title the terms make: the letters and digits of the terms its title
 * holds over those of the title (0 to 1).
 */
export function titleCoverage(c: Catalog, terms: Term[]): (d: number) => number {
  const f = foldedOf(c);
  const matchers = terms.map((t) => ({ holds: termMatcher(t.folded), letters: lettersIn(t.folded) }));
  return (d) => {
    const title = f.titles[d]!;
    let held = 0;
    for (const m of matchers) if (m.holds(title)) held += m.letters;
    return held ? Math.min(1, held / f.titleLetters[d]!) : 0;
  };
}

/**
 * Adds to the scores of the hits (dense indexes) TITLE_COVERAGE times their title coverage, and
 * TITLE_BONUS for each of `bonusTerms` (one-character terms, which BM25 does not see) their title holds.
 */
export function addTitleRelevance(
  c: Catalog,
  dense: Int32Array,
  scores: Float64Array,
  terms: Term[],
  bonusTerms: Term[],
): void {
  const titles = foldedOf(c).titles;
  for (const t of bonusTerms) {
    const inTitle = termMatcher(t.folded);
    for (let i = 0; i < dense.length; i++) if (inTitle(titles[dense[i]!]!)) scores[i]! += TITLE_BONUS;
  }
  const coverage = titleCoverage(c, terms);
  for (let i = 0; i < dense.length; i++) scores[i]! += TITLE_COVERAGE * coverage(dense[i]!);
}

/**
 * Indexes into dense by score, then newest, sorted at least up to `upTo`: a full sort for small sets
 * or deep pages, else a partial selection.
 */
export function orderByScore(dense: Int32Array, scores: Float64Array, c: Catalog, upTo: number): number[] {
  const n = dense.length;
  const rank = c.dateRank;
  const better = (a: number, b: number) => scores[b]! - scores[a]! || rank[dense[b]!]! - rank[dense[a]!]!;
  const all = Array.from({ length: n }, (_, i) => i);
  if (upTo >= n / 4 || n < 2000) return all.sort(better);
  return topK(all, upTo, better);
}

/** The first of each story in `order` (indexes into dense), up to `upTo` of them. */
export function firstOfEachStory(
  order: number[],
  dense: Int32Array,
  story: Int32Array,
  upTo: number,
): number[] {
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
export function levelOf(c: Catalog, terms: Term[]): (d: number) => number {
  const f = foldedOf(c);
  const matchers = terms.map((t) => ({ title: termMatcher(t.folded), meta: metaMatcher(c, f, t.folded) }));
  return (d) => {
    let level = 0;
    for (const m of matchers) {
      if (m.title(f.titles[d]!)) level += TITLE_BONUS;
      else if (m.meta(d)) level += META_BONUS;
    }
    return level;
  };
}

/**
 * Hits (dense indexes) ordered by level (highest first), then newest (or oldest; undated last either
 * way), up to `upTo`; with `story`, one per story. Hits are visited in date order and their level
 * worked out as they come, so the walk ends as soon as `upTo` hits (stories) have the highest
 * possible level: a page of a 30,000-hit set looks at a few hundred of them. The walk goes over a
 * bitmap of the hits' date ranks, a 32nd of the catalog's size, one word at a time.
 */
export function byLevelThenDate(
  dense: Int32Array,
  c: Catalog,
  level: (d: number) => number,
  maxLevel: number,
  upTo: number,
  story: Int32Array | null,
  oldest: boolean,
): { order: number[]; levels: number[] } {
  const { byDate, undated } = foldedOf(c);
  const rank = c.dateRank;
  const marks = countersOf(c).dateMarks;
  for (let i = 0; i < dense.length; i++) {
    const r = rank[dense[i]!]!;
    marks[r >>> 5]! |= 1 << (r & 31);
  }
  const want = Math.min(upTo, dense.length);
  // hits by level: levels are small sums of TITLE_BONUS and META_BONUS
  const buckets: number[][] = [];
  // stories seen at the highest level (with collapse, the walk ends at `want` distinct ones)
  const top = story ? new Set<number>() : null;
  let topCount = 0;
  /** Files a hit; true when the walk can end. */
  const visit = (r: number): boolean => {
    const d = byDate[r]!;
    const l = level(d);
    const bucket = buckets[l];
    if (bucket) bucket.push(d);
    else buckets[l] = [d];
    if (l !== maxLevel) return false;
    topCount = top ? top.add(story![d]!).size : topCount + 1;
    return topCount >= want;
  };
  try {
    if (oldest) {
      // dated ranks upward, then the undated ones (ranks below `undated`)
      walkUp(marks, undated, byDate.length, visit) || walkUp(marks, 0, undated, visit);
    } else walkDown(marks, visit);
  } finally {
    marks.fill(0);
  }
  const order: number[] = [];
  const levels: number[] = [];
  const seen = story ? new Set<number>() : null;
  for (let l = buckets.length - 1; l >= 0 && order.length < want; l--) {
    for (const d of buckets[l] ?? []) {
      if (order.length >= want) break;
      if (seen) {
        const s = story![d]!;
        if (seen.has(s)) continue;
        seen.add(s);
      }
      order.push(d);
      levels.push(l);
    }
  }
  return { order, levels };
}

/** Visits the marked ranks from the highest down, until `visit` says to stop; true if it did. */
function walkDown(marks: Uint32Array, visit: (r: number) => boolean): boolean {
  for (let w = marks.length - 1; w >= 0; w--) {
    let bits = marks[w]!;
    while (bits !== 0) {
      const b = 31 - Math.clz32(bits);
      bits ^= 1 << b;
      if (visit((w << 5) | b)) return true;
    }
  }
  return false;
}

/** Visits the marked ranks in [from, to) upward, until `visit` says to stop; true if it did. */
function walkUp(marks: Uint32Array, from: number, to: number, visit: (r: number) => boolean): boolean {
  if (from >= to) return false;
  for (let w = from >>> 5; w <= (to - 1) >>> 5; w++) {
    let bits = marks[w]!;
    // only the ranks of [from, to) in the first and last words
    if (w === from >>> 5) bits &= ~0 << (from & 31);
    if (w === (to - 1) >>> 5 && (to & 31) !== 0) bits &= (1 << (to & 31)) - 1;
    while (bits !== 0) {
      const low = bits & -bits;
      bits ^= low;
      if (visit((w << 5) | (31 - Math.clz32(low)))) return true;
    }
  }
  return false;
}
