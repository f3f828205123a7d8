// Wider queries for a search that found nothing: without its filters, without quotes or *, without
// the words no article holds, word by word, and Chinese typed without spaces cut into the words the
// archive holds (./split-unfound.ts), each with how many articles it finds, so that a reader sees
// which way out is worth taking; and which of the words typed no article holds (a misspelling, most
// often). The reader's empty result and `backfile search` offer them.

import { type CountFn, cutUnfoundWords } from './split-unfound.js';

/** A wider query offered when nothing was found, and how many articles it finds. */
export interface RelaxedQuery {
  q: string;
  total: number;
}

/** The ways out of a search that found nothing. */
export interface WiderQueries {
  /** Up to three wider queries that find something, the likeliest first. */
  relaxed: RelaxedQuery[];
  /**
   * The words typed that no article holds (each searched alone), in the order typed: only when
   * there is something else they could be blamed instead of (other words, or filters).
   */
  unfound: string[];
}

/** The most words of a query counted alone to find those no article holds. */
const MAX_WORDS_COUNTED = 6;

/**
 * Up to three wider queries that find something, for a query (`q`, its free text, and `filters`,
 * its facet filters) that found nothing, counted by `count`.
 */
export async function relaxedQueries(
  q: string,
  filters: Array<{ key: string; value: string }>,
  count: CountFn,
): Promise<RelaxedQuery[]> {
  return (await widerQueries(q, filters, count)).relaxed;
}

/** The wider queries of relaxedQueries, and the words typed that no article holds. */
export async function widerQueries(
  q: string,
  filters: Array<{ key: string; value: string }>,
  count: CountFn,
): Promise<WiderQueries> {
  const candidates: string[] = [];
  if (filters.length && q) candidates.push(q);
  // without quotes, and without the * a reader may type as a wildcard (search is by substring
  // already: 香港 finds 香港人, carr finds Carrie), which the index reads as the character it is
  const plain = q.replace(/["*]/g, ' ').replace(/\s+/g, ' ').trim();
  if (plain && plain !== q) candidates.push(plain);
  const typed = plain.split(' ').filter((w) => w && !w.startsWith('-') && !/^[a-z]+:/i.test(w));
  const longestFirst = (list: string[]) => [...list].sort((a, b) => b.length - a.length);
  const words = longestFirst(typed);
  // each count once: cutting asks about the pieces the candidates then name again
  const counts = new Map<string, Promise<number>>();
  const counted = (query: string) => {
    let total = counts.get(query);
    if (!total) {
      total = Promise.resolve()
        .then(() => count(query))
        .catch(() => 0); // a suggestion that fails is simply not offered
      counts.set(query, total);
    }
    return total;
  };
  // the words no article holds, when there is more than the one word to blame: the query without
  // them is the likeliest way out (國安法 黎智英 zzzqq: 國安法 黎智英)
  const distinct = [...new Set(typed)];
  const unfound: string[] = [];
  if (distinct.length > 1 || (distinct.length === 1 && filters.length)) {
    const alone = distinct.slice(0, MAX_WORDS_COUNTED);
    const totals = await Promise.all(alone.map((w) => counted(w)));
    unfound.push(...alone.filter((_w, i) => totals[i] === 0));
    if (unfound.length && unfound.length < distinct.length) {
      const nowhere = new Set(unfound);
      candidates.push(
        plain
          .split(' ')
          .filter((w) => !nowhere.has(w))
          .join(' '),
      );
    }
  }
  if (words.length > 1) candidates.push(...words.filter((w) => !unfound.includes(w)).slice(0, 3));
  // Chinese typed without spaces (47人初選大起訴): its words as the archive holds them
  const pieces = await cutUnfoundWords(typed, counted);
  // (alone, a piece of one character finds too much to be a way out)
  const wordPieces = pieces ? longestFirst(pieces).filter((p) => [...p].length > 1) : [];
  if (pieces && wordPieces.length) candidates.push(pieces.join(' '));
  candidates.push(...wordPieces.slice(0, 3));
  const seen = new Set<string>();
  const out: RelaxedQuery[] = [];
  for (const cand of candidates) {
    if (seen.has(cand) || out.length >= 3) continue;
    seen.add(cand);
    const total = await counted(cand);
    if (total > 0) out.push({ q: cand, total });
  }
  return { relaxed: out, unfound };
}
