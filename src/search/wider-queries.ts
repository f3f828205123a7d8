// Wider queries for a search that found nothing: without its filters, without quotes or *, word by
// word, and Chinese typed without spaces cut into the words the archive holds (./split-unfound.ts),
// each with how many articles it finds, so that a reader sees which way out is worth taking. The
// reader's empty result and `backfile search` offer them.

import { type CountFn, cutUnfoundWords } from './split-unfound.js';

/** A wider query offered when nothing was found, and how many articles it finds. */
export interface RelaxedQuery {
  q: string;
  total: number;
}

/**
 * Up to three wider queries that find something, for a query (`q`, its free text, and `filters`,
 * its facet filters) that found nothing, counted by `count`.
 */
export async function relaxedQueries(
  q: string,
  filters: Array<{ key: string; value: string }>,
  count: CountFn,
): Promise<RelaxedQuery[]> {
  const candidates: string[] = [];
  if (filters.length && q) candidates.push(q);
  // without quotes, and without the * a reader may type as a wildcard (search is by substring
  // already: 香港 finds 香港人, carr finds Carrie), which the index reads as the character it is
  const plain = q.replace(/["*]/g, ' ').replace(/\s+/g, ' ').trim();
  if (plain && plain !== q) candidates.push(plain);
  const typed = plain.split(' ').filter((w) => w && !w.startsWith('-') && !/^[a-z]+:/i.test(w));
  const longestFirst = (list: string[]) => [...list].sort((a, b) => b.length - a.length);
  const words = longestFirst(typed);
  if (words.length > 1) candidates.push(...words.slice(0, 3));
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
  return out;
}
