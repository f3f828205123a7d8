// The catalog's titles and facet values folded (src/text/fold.ts), and its date order, made once
// per catalog: what search matches terms against to rank large result sets by where the terms are
// (title, then author, category or tags) and to filter by date ranges.

import { foldForMatch } from '../text/ignorable.js';
import type { Catalog } from './catalog.js';
import { termsRegExp } from './snippet.js';

/** Folded values of one kind, joined with NULs so that one scan finds the values holding a term. */
interface JoinedValues {
  text: string;
  /** Start offset of each value in text, ascending. */
  starts: Int32Array;
}

export interface FoldedCatalog {
  titles: string[];
  /** Letters and digits (UTF-16 units) of each folded title, at least 1: what title coverage divides by. */
  titleLetters: Uint16Array;
  authors: JoinedValues;
  categories: JoinedValues;
  tags: JoinedValues;
  /** Dense indexes in (date, id) order: the inverse of dateRank. */
  byDate: Int32Array;
  /** How many articles have no date (the first of byDate). */
  undated: number;
}

const foldedCache = new WeakMap<Catalog, FoldedCatalog>();

function joined(values: string[]): JoinedValues {
  const starts = new Int32Array(values.length);
  let at = 0;
  const folded = values.map((v, i) => {
    const f = foldForMatch(v);
    starts[i] = at;
    at += f.length + 1;
    return f;
  });
  return { text: folded.join('\u0000'), starts };
}

const NOT_LETTER = /[^\p{L}\p{N}]/gu;

/** The letters and digits of a text, in UTF-16 units (punctuation and spacing left out). */
export function lettersIn(text: string): number {
  return text.replace(NOT_LETTER, '').length;
}

/** Folded titles and facet values, and the date order, made once per catalog. */
export function foldedOf(c: Catalog): FoldedCatalog {
  let f = foldedCache.get(c);
  if (!f) {
    const byDate = new Int32Array(c.size);
    for (let d = 0; d < c.size; d++) byDate[c.dateRank[d]!] = d;
    let undated = 0;
    while (undated < c.size && c.dates[byDate[undated]!] === '') undated++;
    const titles = c.titles.map(foldForMatch);
    f = {
      titles,
      titleLetters: Uint16Array.from(titles, (t) => Math.min(0xffff, Math.max(1, lettersIn(t)))),
      authors: joined(c.authorValues),
      categories: joined(c.categoryValues),
      tags: joined(c.tagValues),
      byDate,
      undated,
    };
    foldedCache.set(c, f);
  }
  return f;
}

/** Marks (1) the values that hold a folded term: one scan of the joined values. */
function valuesHolding(values: JoinedValues, term: string): Uint8Array {
  const marks = new Uint8Array(values.starts.length);
  const t = term.trim();
  if (!t) return marks;
  const valueAt = (offset: number) => {
    let lo = 0;
    let hi = values.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (values.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  if (!/\s/.test(t)) {
    for (let at = values.text.indexOf(t); at >= 0; at = values.text.indexOf(t, at + 1))
      marks[valueAt(at)] = 1;
  } else {
    const re = termsRegExp([t])!;
    for (let m = re.exec(values.text); m; m = re.exec(values.text)) {
      marks[valueAt(m.index)] = 1;
      re.lastIndex = m.index + 1;
    }
  }
  return marks;
}

/** Tests whether an article's author, category or one of its tags holds a term (values tested once). */
export function metaMatcher(c: Catalog, f: FoldedCatalog, term: string): (d: number) => boolean {
  const authors = valuesHolding(f.authors, term);
  const categories = valuesHolding(f.categories, term);
  const tags = valuesHolding(f.tags, term);
  return (d) => {
    const a = c.authorIdx[d]!;
    if (a >= 0 && authors[a]) return true;
    const k = c.categoryIdx[d]!;
    if (k >= 0 && categories[k]) return true;
    for (let i = c.tagStart[d]!, e = c.tagStart[d + 1]!; i < e; i++) if (tags[c.tagList[i]!]) return true;
    return false;
  };
}
