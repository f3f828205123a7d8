// An in-memory catalog of every article's listing fields (title, date, author, category, tags) as
// dense arrays, loaded once per store and reloaded when the data changes (meta 'generation'). Search
// uses it to filter, sort and count facets over result sets of any size in a few milliseconds
// without going back to SQLite.

import { isPlaceholderSummary } from '../corpus/anomalies.js';
import { bylinePeople } from '../corpus/byline.js';
import { IdIndex } from '../lib/id-index.js';
import { storyKey } from '../store/story.js';
import type { Store } from '../store/types.js';
import { foldForMatch } from '../text/ignorable.js';

export interface Catalog {
  generation: string;
  size: number;
  /** Article ids by dense index, ascending. */
  ids: Int32Array;
  /** id -> dense index (or -1). */
  denseOf: IdIndex;
  titles: string[];
  dates: string[];
  /**
   * The tags of the few articles whose record lists them otherwise than tagsOf() would make them
   * from tagList (an empty or repeated tag), as the record has them. Every article's author,
   * category and tags are read through authorOf(), categoryOf() and tagsOf(): a copy of each per
   * article cost a search thread 8 MB of heap.
   */
  rawTags: Map<number, string[]>;
  /** Rank of each article in (date, id) order: sorting by it sorts by date. */
  dateRank: Int32Array;
  /** Distinct values and, per article, the index of its value. */
  authorValues: string[];
  authorIdx: Int32Array;
  categoryValues: string[];
  categoryIdx: Int32Array; // -1 for none
  tagValues: string[];
  /** CSR: tags of article d are tagList[tagStart[d] .. tagStart[d+1]). */
  tagStart: Int32Array;
  tagList: Int32Array;
  yearValues: string[];
  yearIdx: Int32Array; // -1 for no date
  monthValues: string[];
  monthIdx: Int32Array; // -1 for no date
  /** Story of each article (src/store/story.ts): versions of one article share it. */
  storyOf: Int32Array;
  storyCount: number;
  /** 1 for a placeholder page (src/corpus/anomalies.ts): ranked after every article. */
  placeholder: Uint8Array;
  /**
   * Facets count what a facet's link filters by: values that fold alike (the tags 習近平 and
   * 习近平) are one facet value, shown as the form most articles have, and an article holding both
   * counts once. categoryFacet gives each article's facet value index (-1: none); tagFacet is
   * aligned with tagList, -1 where an earlier tag of the article is the same value.
   * The author facet counts people (src/corpus/byline.ts: 記者林勵、鄭啟智 names 林勵 and 鄭啟智):
   * authorFacet is the article's one person's facet value index, -1 for none, or, for a byline
   * naming several, -2 - its byline's value index v, whose people are
   * authorPeople[authorPeopleStart[v] .. authorPeopleStart[v + 1]) (each once).
   */
  authorFacet: Int32Array;
  authorFacetValues: string[];
  authorPeopleStart: Int32Array;
  authorPeople: Int32Array;
  categoryFacet: Int32Array;
  categoryFacetValues: string[];
  tagFacet: Int32Array;
  tagFacetValues: string[];
  /**
   * Folded value -> value indexes (several originals can fold alike). For authors, a folded byline
   * or person -> the bylines that are it or name it (林勵 -> 記者林勵, 記者林勵、鄭啟智, …).
   */
  foldedAuthor: Map<string, number[]>;
  foldedCategory: Map<string, number[]>;
  foldedTag: Map<string, number[]>;
}

const cache = new WeakMap<Store, Catalog>();

function generationOf(store: Store): string {
  const row = store.statement("SELECT value FROM meta WHERE key = 'generation'").pluck().get() as
    | string
    | undefined;
  return row ?? '0';
}

function interner(): { values: string[]; index(v: string): number } {
  const values: string[] = [];
  const map = new Map<string, number>();
  return {
    values,
    index(v: string): number {
      let i = map.get(v);
      if (i === undefined) {
        i = values.length;
        values.push(v);
        map.set(v, i);
      }
      return i;
    },
  };
}

function foldedIndex(values: string[]): Map<string, number[]> {
  const m = new Map<string, number[]>();
  values.forEach((v, i) => {
    const f = foldForMatch(v);
    const list = m.get(f);
    if (list) list.push(i);
    else m.set(f, [i]);
  });
  return m;
}

/**
 * Facet values of a field: one for each folded value, named by its most used form (of forms used
 * alike, the first met); `groupOf` maps a value index to its facet value's index.
 */
function facetGroups(
  values: string[],
  folded: Map<string, number[]>,
  uses: Int32Array,
): { groupOf: Int32Array; names: string[] } {
  const groupOf = new Int32Array(values.length).fill(-1);
  const names: string[] = [];
  for (const members of folded.values()) {
    let named = members[0]!;
    for (const i of members) if (uses[i]! > uses[named]!) named = i;
    for (const i of members) groupOf[i] = names.length;
    names.push(values[named]!);
  }
  return { groupOf, names };
}

/**
 * The people of the bylines (src/corpus/byline.ts) as facet values, people that fold alike being
 * one, named by the form most articles have: for each byline, its one facet value (facetOf; -1 for
 * none) or, when it names several, -2 - its index and its facet values in start/list. Adds to
 * `foldedAuthor` each person's bylines, so that author:林勵 finds 記者林勵 and 記者林勵、鄭啟智.
 */
function authorPeopleOf(
  bylines: string[],
  bylineUses: Int32Array,
  foldedAuthor: Map<string, number[]>,
): { facetOf: Int32Array; names: string[]; start: Int32Array; list: Int32Array } {
  const personI = interner();
  const personUses: number[] = [];
  const peopleOf = bylines.map((byline, v) =>
    bylinePeople(byline).map((person) => {
      const p = personI.index(person);
      personUses[p] = (personUses[p] ?? 0) + bylineUses[v]!;
      return p;
    }),
  );
  const foldedPerson = foldedIndex(personI.values);
  const groups = facetGroups(personI.values, foldedPerson, Int32Array.from(personUses));
  const folds = [...foldedPerson.keys()];
  const facetOf = new Int32Array(bylines.length).fill(-1);
  const start = new Int32Array(bylines.length + 1);
  const list: number[] = [];
  peopleOf.forEach((persons, v) => {
    start[v] = list.length;
    const own = [...new Set(persons.map((p) => groups.groupOf[p]!))];
    if (own.length === 1) facetOf[v] = own[0]!;
    else if (own.length > 1) {
      facetOf[v] = -2 - v;
      list.push(...own);
    }
    for (const g of own) {
      // facetGroups numbers the groups in foldedPerson's order
      const named = foldedAuthor.get(folds[g]!);
      if (!named) foldedAuthor.set(folds[g]!, [v]);
      else if (!named.includes(v)) named.push(v);
    }
  });
  start[bylines.length] = list.length;
  return { facetOf, names: groups.names, start, list: Int32Array.from(list) };
}

function build(store: Store, generation: string): Catalog {
  const rows = store.db
    .prepare('SELECT id, title, date, author, category, tags FROM articles ORDER BY id')
    .raw()
    .all() as Array<[number, string, string, string, string | null, string]>;
  const size = rows.length;
  const ids = new Int32Array(size);
  const titles: string[] = new Array(size);
  const dates: string[] = new Array(size);
  const rawTags = new Map<number, string[]>();
  const authorIdx = new Int32Array(size);
  const categoryIdx = new Int32Array(size);
  const yearIdx = new Int32Array(size);
  const monthIdx = new Int32Array(size);
  const authorI = interner();
  const categoryI = interner();
  const tagI = interner();
  const yearI = interner();
  const monthI = interner();
  const tagStart = new Int32Array(size + 1);
  const storyOf = new Int32Array(size);
  const placeholder = new Uint8Array(size);
  const stories = new Map<string, number>();
  let storyCount = 0;
  const links = store.storyLinks();
  const tagListArr: number[] = [];
  rows.forEach(([id, title, date, author, category, tagJson], d) => {
    ids[d] = id;
    if (isPlaceholderSummary(title, date)) placeholder[d] = 1;
    // a story whose titles were reworded is its linked articles (src/store/story-links.ts)
    const story = links.get(id);
    const key = story !== undefined ? `\u0001${story}` : storyKey(title, date);
    if (key === null) storyOf[d] = storyCount++;
    else {
      let story = stories.get(key);
      if (story === undefined) {
        story = storyCount++;
        stories.set(key, story);
      }
      storyOf[d] = story;
    }
    titles[d] = title;
    dates[d] = date;
    const t = JSON.parse(tagJson) as string[];
    authorIdx[d] = author ? authorI.index(author) : -1;
    categoryIdx[d] = category !== null ? categoryI.index(category) : -1;
    const hasDate = /^\d{4}-\d{2}/.test(date);
    yearIdx[d] = hasDate ? yearI.index(date.slice(0, 4)) : -1;
    monthIdx[d] = hasDate ? monthI.index(date.slice(0, 7)) : -1;
    tagStart[d] = tagListArr.length;
    const seenTags = new Set<number>();
    for (const tag of t) {
      if (!tag) continue;
      const ti = tagI.index(tag);
      if (!seenTags.has(ti)) {
        seenTags.add(ti);
        tagListArr.push(ti);
      }
    }
    if (seenTags.size !== t.length) rawTags.set(d, t);
  });
  tagStart[size] = tagListArr.length;
  const denseOf = IdIndex.of(ids);
  const order = Array.from({ length: size }, (_, d) => d).sort((a, b) =>
    dates[a]! < dates[b]! ? -1 : dates[a]! > dates[b]! ? 1 : ids[a]! - ids[b]!,
  );
  const dateRank = new Int32Array(size);
  order.forEach((d, rank) => {
    dateRank[d] = rank;
  });
  const tagList = Int32Array.from(tagListArr);
  const foldedAuthor = foldedIndex(authorI.values);
  const foldedCategory = foldedIndex(categoryI.values);
  const foldedTag = foldedIndex(tagI.values);
  const usesOf = (count: number, indexes: ArrayLike<number>) => {
    const uses = new Int32Array(count);
    for (let k = 0; k < indexes.length; k++) if (indexes[k]! >= 0) uses[indexes[k]!]!++;
    return uses;
  };
  const people = authorPeopleOf(authorI.values, usesOf(authorI.values.length, authorIdx), foldedAuthor);
  const categoryGroups = facetGroups(
    categoryI.values,
    foldedCategory,
    usesOf(categoryI.values.length, categoryIdx),
  );
  const tagGroups = facetGroups(tagI.values, foldedTag, usesOf(tagI.values.length, tagList));
  const perArticle = (groupOf: Int32Array, idx: Int32Array) => idx.map((i) => (i >= 0 ? groupOf[i]! : -1));
  // an article's tags as facet values, each once
  const tagFacet = new Int32Array(tagList.length);
  for (let d = 0; d < size; d++) {
    for (let k = tagStart[d]!; k < tagStart[d + 1]!; k++) {
      const g = tagGroups.groupOf[tagList[k]!]!;
      let repeated = false;
      for (let j = tagStart[d]!; j < k && !repeated; j++) repeated = tagFacet[j] === g;
      tagFacet[k] = repeated ? -1 : g;
    }
  }
  return {
    generation,
    size,
    ids,
    denseOf,
    titles,
    dates,
    rawTags,
    dateRank,
    storyOf,
    storyCount,
    placeholder,
    authorValues: authorI.values,
    authorIdx,
    categoryValues: categoryI.values,
    categoryIdx,
    tagValues: tagI.values,
    tagStart,
    tagList,
    yearValues: yearI.values,
    yearIdx,
    monthValues: monthI.values,
    monthIdx,
    authorFacet: authorIdx.map((v) => (v >= 0 ? people.facetOf[v]! : -1)),
    authorFacetValues: people.names,
    authorPeopleStart: people.start,
    authorPeople: people.list,
    categoryFacet: perArticle(categoryGroups.groupOf, categoryIdx),
    categoryFacetValues: categoryGroups.names,
    tagFacet,
    tagFacetValues: tagGroups.names,
    foldedAuthor,
    foldedCategory,
    foldedTag,
  };
}

/** An article's byline ('' for none), by dense index. */
export function authorOf(c: Catalog, d: number): string {
  const v = c.authorIdx[d]!;
  return v >= 0 ? c.authorValues[v]! : '';
}

/** An article's category (null for none), by dense index. */
export function categoryOf(c: Catalog, d: number): string | null {
  const v = c.categoryIdx[d]!;
  return v >= 0 ? c.categoryValues[v]! : null;
}

/** An article's tags as its record lists them, by dense index. */
export function tagsOf(c: Catalog, d: number): string[] {
  const raw = c.rawTags.get(d);
  if (raw) return raw;
  const tags: string[] = [];
  for (let k = c.tagStart[d]!; k < c.tagStart[d + 1]!; k++) tags.push(c.tagValues[c.tagList[k]!]!);
  return tags;
}

/** The store's catalog, (re)built when the data changed since it was last built. */
export function catalogOf(store: Store): Catalog {
  const generation = generationOf(store);
  const known = cache.get(store);
  if (known && known.generation === generation) return known;
  const fresh = build(store, generation);
  cache.set(store, fresh);
  return fresh;
}
