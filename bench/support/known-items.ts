// Queries made the way a reader half remembers an article, for a seeded sample of stories: two
// words of its title (and the same typed in Simplified), one title word (alone and with the year),
// a phrase of its text. bench/relevance measures where each article lands; bench/web sends them as
// a stream of distinct searches.

import * as OpenCC from 'opencc-js';
import type { Catalog } from '../../src/search/catalog.js';
import { decompressText } from '../../src/store/prepare.js';
import type { Store } from '../../src/store/types.js';
import { visibleMain } from '../../src/text/visible.js';

const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });

/** A seeded generator, so that every run asks the same queries. */
export function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x80000000;
  };
}

export type Kind =
  | 'two title words'
  | 'two title words, Simplified'
  | 'one title word'
  | 'one title word + year'
  | 'text phrase';

export interface Item {
  kind: Kind;
  query: string;
  id: number;
}

const WORD = /[\p{L}\p{N}]+/gu;
const LATIN = /^[\p{Script=Latin}\p{N}]+$/u;

/**
 * Words of a title as a reader recalls them: `count` words of 2–`maxLen` characters, each from a
 * different phrase of the title when it has enough (a Latin word is taken whole).
 */
function titleWords(title: string, count: number, maxLen: number, rand: () => number): string | null {
  const runs = (title.match(WORD) ?? []).filter((r) => Array.from(r).length >= 2);
  if (runs.length === 0) return null;
  const picked = new Set<number>();
  while (picked.size < Math.min(count, runs.length)) picked.add(Math.floor(rand() * runs.length));
  const words = [...picked]
    .sort((a, b) => a - b)
    .map((i) => {
      const run = runs[i]!;
      return LATIN.test(run) ? run : pieceOf(run, 2 + Math.floor(rand() * (maxLen - 1)), rand);
    });
  return words.join(' ');
}

/** A phrase of 6–8 letters or digits from the visible text (no punctuation inside). */
function textPhrase(text: string, rand: () => number): string | null {
  const runs = (text.match(WORD) ?? []).filter((r) => Array.from(r).length >= 6 && !LATIN.test(r));
  if (runs.length === 0) return null;
  const run = runs[Math.floor(rand() * runs.length)]!;
  return pieceOf(run, 6 + Math.floor(rand() * 3), rand);
}

/** `length` characters (code points: never half of a surrogate pair) from a random place of `run`. */
function pieceOf(run: string, length: number, rand: () => number): string {
  const chars = Array.from(run);
  const len = Math.min(chars.length, length);
  const at = Math.floor(rand() * (chars.length - len + 1));
  return chars.slice(at, at + len).join('');
}

/**
 * Queries for `sample` stories drawn with the seed (dated articles, not placeholder pages, one
 * article per story); each knows the article it was made from.
 */
export function knownItemQueries(store: Store, c: Catalog, sample: number, seed: number): Item[] {
  const rand = rng(seed);
  // The sample: dated articles (not placeholder pages), one per story.
  const eligible = sampledStories(c);
  const items: Item[] = [];
  const bodyOf = store.db.prepare('SELECT body, main_len FROM bodies WHERE id = ?').raw();
  for (let k = 0; k < sample; k++) {
    const d = eligible[Math.floor(rand() * eligible.length)]!;
    const id = c.ids[d]!;
    const title = c.titles[d]!;
    const two = titleWords(title, 2, 2, rand);
    if (two) {
      items.push({ kind: 'two title words', query: two, id });
      items.push({ kind: 'two title words, Simplified', query: toSimplified(two), id });
    }
    const one = titleWords(title, 1, 4, rand);
    if (one) {
      items.push({ kind: 'one title word', query: one, id });
      items.push({ kind: 'one title word + year', query: `${one} date:${c.dates[d]!.slice(0, 4)}`, id });
    }
    const row = bodyOf.get(id) as [Buffer, number] | undefined;
    const phrase = row
      ? textPhrase(visibleMain(decompressText(row[0], store.bodyEncoding).slice(0, row[1]), title), rand)
      : null;
    if (phrase) items.push({ kind: 'text phrase', query: phrase, id });
  }
  return items;
}

/** The articles the sample is drawn from: dated, not placeholder pages, the first of each story. */
export function sampledStories(c: Catalog): number[] {
  const eligible: number[] = [];
  const seen = new Set<number>();
  for (let d = 0; d < c.size; d++) {
    if (c.placeholder[d] || c.dates[d] === '' || seen.has(c.storyOf[d]!)) continue;
    seen.add(c.storyOf[d]!);
    eligible.push(d);
  }
  return eligible;
}

/** A copy of `items` in a seeded random order (Fisher-Yates), the same in every run. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const rand = rng(seed);
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
