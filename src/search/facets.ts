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

/**
 * The `limit` largest counts (ties by value; all when limit is 0) without sorting every value that
 * occurs; `seen` lists the values counted when known (else every counter is looked at).
 */
function topCounts(counts: Int32Array, values: string[], limit: number, seen?: Int32Array): FacetCount[] {
  const before = (a: number, b: number) =>
    counts[b]! - counts[a]! || (values[a]! < values[b]! ? -1 : values[a]! > values[b]! ? 1 : 0);
  let occurring: number[];
  if (seen) occurring = Array.from(seen);
  else {
    occurring = [];
    for (let i = 0; i < counts.length; i++) if (counts[i] !== 0) occurring.push(i);
  }
  const top = limit > 0 ? topK(occurring, limit, before) : occurring.sort(before);
  return top.map((i) => ({ value: values[i]!, count: counts[i]! }));
}

function chronological(counts: Int32Array, values: string[]): FacetCount[] {
  const out: FacetCount[] = [];
  for (let i = 0; i < counts.length; i++)
    if (counts[i]! > 0) out.push({ value: values[i]!, count: counts[i]! });
  return out.sort((a, b) => (a.value < b.value ? -1 : 1));
}

/** Result sets below this many hits list the values they count (see facetsOf). */
const TRACK_BELOW = 2000;

/** Counts per value of a result set (the counters are zero again after; see Counters). */
export function facetsOf(
  c: Catalog,
  dense: Int32Array,
  limit: number,
  trackBelow = TRACK_BELOW,
): SearchFacets {
  const { category: cat, author, tag, year, month, authorSeen, tagSeen } = countersOf(c);
  // A set of a few hundred hits lists the author and tag values it meets, so as not to scan and zero
  // the 15,000 tag and 5,000 author counters after (26 against 41 µs for the 432 hits of a known-item
  // query on average); a large set scans them (listing cost 香港, 港, 記者, 國安法 and 教育 5% more).
  const track = dense.length < trackBelow;
  let authors = 0;
  let tags = 0;
  try {
    for (let i = 0; i < dense.length; i++) {
      const d = dense[i]!;
      const ci = c.categoryFacet[d]!;
      if (ci >= 0) cat[ci]!++;
      // a byline's person, or the people of a byline naming several (-2 - its value index)
      const ai = c.authorFacet[d]!;
      if (ai >= 0) {
        author[ai]!++;
        if (track && author[ai] === 1) authorSeen[authors++] = ai;
      } else if (ai < -1)
        for (let k = c.authorPeopleStart[-2 - ai]!, e = c.authorPeopleStart[-1 - ai]!; k < e; k++) {
          const p = c.authorPeople[k]!;
          author[p]!++;
          if (track && author[p] === 1) authorSeen[authors++] = p;
        }
      const yi = c.yearIdx[d]!;
      if (yi >= 0) {
        year[yi]!++;
        month[c.monthIdx[d]!]!++;
      }
      for (let k = c.tagStart[d]!, e = c.tagStart[d + 1]!; k < e; k++) {
        const ti = c.tagFacet[k]!;
        if (ti >= 0) {
          tag[ti]!++;
          if (track && tag[ti] === 1) tagSeen[tags++] = ti;
        }
      }
    }
    return {
      category: topCounts(cat, c.categoryFacetValues, 0),
      author: topCounts(
        author,
        c.authorFacetValues,
        limit,
        track ? authorSeen.subarray(0, authors) : undefined,
      ),
      tag: topCounts(tag, c.tagFacetValues, limit, track ? tagSeen.subarray(0, tags) : undefined),
      year: chronological(year, c.yearValues),
      month: chronological(month, c.monthValues),
    };
  } finally {
    for (const counts of track ? [cat, year, month] : [cat, author, tag, year, month]) counts.fill(0);
    if (track) {
      for (let k = 0; k < authors; k++) author[authorSeen[k]!] = 0;
      for (let k = 0; k < tags; k++) tag[tagSeen[k]!] = 0;
    }
  }
}

export const EMPTY_FACETS: SearchFacets = { category: [], author: [], tag: [], year: [], month: [] };
