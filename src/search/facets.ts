// Facet counts of a result set: hits per category, author, tag, year and month, counted on the
// catalog's arrays (./counters.ts), the largest first (years and months in date order). Values
// that fold alike are one facet value (./catalog.ts), as the filter a facet's link makes matches
// them all: the count a facet shows is the total its link gives. Authors are people: an article
// counts once for each person its byline names (記者林勵、鄭啟智: 林勵 and 鄭啟智), as author:林勵
// finds every byline naming them.

import { topK } from '../lib/top-k.js';
import type { FacetCount } from '../store/types.js';
import type { Catalog } from './catalog.js';
import { countersOf } from './counters.js';
import type { SearchFacets } from './types.js';

function topCounts(counts: Int32Array, values: string[], limit: number): FacetCount[] {
  // the `limit` largest counts (ties by value) without sorting every value that occurs
  const before = (a: number, b: number) =>
    counts[b]! - counts[a]! || (values[a]! < values[b]! ? -1 : values[a]! > values[b]! ? 1 : 0);
  const occurring: number[] = [];
  for (let i = 0; i < counts.length; i++) if (counts[i] !== 0) occurring.push(i);
  const top = limit > 0 ? topK(occurring, limit, before) : occurring.sort(before);
  return top.map((i) => ({ value: values[i]!, count: counts[i]! }));
}

function chronological(counts: Int32Array, values: string[]): FacetCount[] {
  const out: FacetCount[] = [];
  for (let i = 0; i < counts.length; i++)
    if (counts[i]! > 0) out.push({ value: values[i]!, count: counts[i]! });
  return out.sort((a, b) => (a.value < b.value ? -1 : 1));
}

/** Counts per value of a result set (the counters are zero again after; see Counters). */
export function facetsOf(c: Catalog, dense: Int32Array, limit: number): SearchFacets {
  const { category: cat, author, tag, year, month } = countersOf(c);
  try {
    for (let i = 0; i < dense.length; i++) {
      const d = dense[i]!;
      const ci = c.categoryFacet[d]!;
      if (ci >= 0) cat[ci]!++;
      // a byline's person, or the people of a byline naming several (-2 - its value index)
      const ai = c.authorFacet[d]!;
      if (ai >= 0) author[ai]!++;
      else if (ai < -1)
        for (let k = c.authorPeopleStart[-2 - ai]!, e = c.authorPeopleStart[-1 - ai]!; k < e; k++)
          author[c.authorPeople[k]!]!++;
      const yi = c.yearIdx[d]!;
      if (yi >= 0) {
        year[yi]!++;
        month[c.monthIdx[d]!]!++;
      }
      for (let k = c.tagStart[d]!, e = c.tagStart[d + 1]!; k < e; k++) {
        const ti = c.tagFacet[k]!;
        if (ti >= 0) tag[ti]!++;
      }
    }
    return {
      category: topCounts(cat, c.categoryFacetValues, 0),
      author: topCounts(author, c.authorFacetValues, limit),
      tag: topCounts(tag, c.tagFacetValues, limit),
      year: chronological(year, c.yearValues),
      month: chronological(month, c.monthValues),
    };
  } finally {
    // about 65 KB in all (15,253 tags): zeroing them costs less than listing what was counted
    for (const counts of [cat, author, tag, year, month]) counts.fill(0);
  }
}

export const EMPTY_FACETS: SearchFacets = { category: [], author: [], tag: [], year: [], month: [] };
