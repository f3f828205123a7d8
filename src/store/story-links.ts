// Versions of one story whose titles were reworded (src/store/story.ts groups articles by their
// date and folded title): Citizen News often republished an article the same day under a new id
// with its title edited (a prefix added, 【第四波疫情】武肺確診破6000…; a word changed, 還柙無了期 and
// 還柙無期) and its text the same or grown. Title groups of one date and one byline are linked into
// one story when their titles are alike (TITLE_LIKENESS of their letter pairs) and the shorter
// text is nearly all in the longer (TEXT_CONTAINMENT of its 5-character runs, MIN_SHARED_RUNS of
// them at least). The text decides:
// the parts of a series (（上） and （下）, （一） and （二）) and 世界這一天──1月10日 against 1月15日
// have titles as alike, and texts that share nothing. Worked out at the end of an import (about
// 0.5 s for the full corpus, where 1,200 pairs of title groups are alike enough to be compared) and
// kept in the story_links table, which the reader and search read with the titles.

import type Database from 'better-sqlite3';
import { splitBody } from '../corpus/body.js';
import { fold } from '../text/fold.js';
import { visibleMain } from '../text/visible.js';
import { decompressText } from './prepare.js';
import { bodyEncodingOf, STORY_LINKS_SQL } from './schema.js';
import { lettersAndDigits, storyKey } from './story.js';

/** Dice coefficient of two titles' letter pairs (folded, letters and digits only) at least. */
export const TITLE_LIKENESS = 0.5;
/** Share of the shorter text's 5-character runs found in the longer, at least. */
export const TEXT_CONTAINMENT = 0.8;
/**
 * 5-character runs the two texts share, at least: a short text is no evidence. The talks of one
 * forum (新特首的香港管治論壇：講者葉劉淑儀 …田北俊 …湯家驊) were videos under one introduction of
 * 120 runs, the same in each.
 */
export const MIN_SHARED_RUNS = 150;
const RUN = 5;

/** The letter pairs of a title, counted (folded, letters and digits alone). */
function letterPairs(title: string): Map<string, number> {
  const letters = lettersAndDigits(fold(title));
  const pairs = new Map<string, number>();
  for (let i = 0; i + 1 < letters.length; i++) {
    const pair = letters.slice(i, i + 2);
    pairs.set(pair, (pairs.get(pair) ?? 0) + 1);
  }
  return pairs;
}

/** Dice's coefficient of two titles' counted letter pairs (0 when both have none). */
export function titleLikeness(a: string, b: string): number {
  return pairsLikeness(letterPairs(a), letterPairs(b));
}

function pairsLikeness(pa: Map<string, number>, pb: Map<string, number>): number {
  let shared = 0;
  let total = 0;
  for (const [pair, n] of pa) {
    shared += Math.min(n, pb.get(pair) ?? 0);
    total += n;
  }
  for (const n of pb.values()) total += n;
  return total ? (2 * shared) / total : 0;
}

/**
 * The 5-character runs of a visible text, whitespace left out, each as a 32-bit hash (numbers cost
 * a third of what strings do in a Set; a rare collision only nudges a share).
 */
export function runsOf(text: string): Set<number> {
  const t = text.replace(/\s+/g, '');
  const runs = new Set<number>();
  for (let i = 0; i + RUN <= t.length; i++) {
    let h = 0x811c9dc5;
    for (let k = i; k < i + RUN; k++) h = Math.imul(h ^ t.charCodeAt(k), 0x01000193);
    runs.add(h >>> 0);
  }
  return runs;
}

/** How many of the smaller set's runs the larger holds, and their share of it (0 when it is empty). */
export function textContainment(a: Set<number>, b: Set<number>): { shared: number; share: number } {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const run of small) if (large.has(run)) shared++;
  return { shared, share: small.size ? shared / small.size : 0 };
}

/** Whether two texts' runs make them versions of one text (see TEXT_CONTAINMENT, MIN_SHARED_RUNS). */
export function sameText(a: Set<number>, b: Set<number>): boolean {
  const { shared, share } = textContainment(a, b);
  return share >= TEXT_CONTAINMENT && shared >= MIN_SHARED_RUNS;
}

interface Candidate {
  id: number;
  title: string;
  author: string;
  /** Its title's letter pairs, worked out when first compared. */
  pairs?: Map<string, number>;
  /** Index of its title group among the day's. */
  group: number;
}

/** Whether db has story links (a database made before them has not, until linked). */
export function hasStoryLinks(db: Database.Database): boolean {
  return Boolean(
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'story_links'").get(),
  );
}

/** One line on what linkStories found. */
export function describeLinks(found: StoryLinks): string {
  const n = (x: number) => x.toLocaleString('en');
  return `${n(found.articles)} articles of ${n(found.stories)} stories whose titles were reworded are linked as versions`;
}

/** What linkStories found: the articles of linked stories, and those stories. */
export interface StoryLinks {
  articles: number;
  stories: number;
}

/**
 * Rewrites story_links from the articles of db: each article of a linked story (two or more title
 * groups) with the smallest id of that story.
 */
export function linkStories(db: Database.Database): StoryLinks {
  db.exec(STORY_LINKS_SQL);
  const encoding = bodyEncodingOf(db);
  const bodyOf = db.prepare('SELECT body FROM bodies WHERE id = ?').pluck();
  const runsCache = new Map<number, Set<number>>();
  const runs = (c: Candidate): Set<number> => {
    let r = runsCache.get(c.id);
    if (!r) {
      const blob = bodyOf.get(c.id) as Buffer | undefined;
      r = blob ? runsOf(visibleMain(splitBody(decompressText(blob, encoding)).main, c.title)) : new Set();
      runsCache.set(c.id, r);
    }
    return r;
  };
  const links: Array<[number, number]> = [];
  let day: string | null = null;
  let groups = new Map<string, number>();
  let members: number[][] = [];
  // one candidate a title group (its first article): versions within a group share their text
  let firsts: Candidate[] = [];
  const closeDay = () => {
    if (firsts.length > 1) links.push(...linksOfDay(firsts, members, runs));
    runsCache.clear();
  };
  for (const [id, title, date, author] of db
    .prepare("SELECT id, title, date, author FROM articles WHERE date != '' ORDER BY date, id")
    .raw()
    .iterate() as IterableIterator<[number, string, string, string]>) {
    if (date !== day) {
      closeDay();
      day = date;
      groups = new Map();
      members = [];
      firsts = [];
    }
    const key = storyKey(title, date);
    if (key === null) continue;
    let group = groups.get(key);
    if (group === undefined) {
      group = members.length;
      groups.set(key, group);
      members.push([]);
      firsts.push({ id, title, author, group });
    }
    members[group]!.push(id);
  }
  closeDay();
  db.exec('DELETE FROM story_links');
  const insert = db.prepare('INSERT INTO story_links (id, story) VALUES (?, ?)');
  for (const [id, story] of links) insert.run(id, story);
  return { articles: links.length, stories: new Set(links.map(([, story]) => story)).size };
}

/** The links of one day: [article id, story id] for each article of a story of several title groups. */
function linksOfDay(
  firsts: Candidate[],
  members: number[][],
  runs: (c: Candidate) => Set<number>,
): Array<[number, number]> {
  // union-find over the day's title groups
  const parent = firsts.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  let joined = false;
  for (let a = 0; a < firsts.length; a++) {
    for (let b = a + 1; b < firsts.length; b++) {
      const [x, y] = [firsts[a]!, firsts[b]!];
      if (!x.author || x.author !== y.author || root(a) === root(b)) continue;
      x.pairs ??= letterPairs(x.title);
      y.pairs ??= letterPairs(y.title);
      if (pairsLikeness(x.pairs, y.pairs) < TITLE_LIKENESS) continue;
      if (!sameText(runs(x), runs(y))) continue;
      parent[root(b)] = root(a);
      joined = true;
    }
  }
  if (!joined) return [];
  const byRoot = new Map<number, number[]>();
  for (let g = 0; g < firsts.length; g++) {
    const r = root(g);
    const list = byRoot.get(r);
    if (list) list.push(g);
    else byRoot.set(r, [g]);
  }
  const links: Array<[number, number]> = [];
  for (const gs of byRoot.values()) {
    if (gs.length < 2) continue;
    const ids = gs.flatMap((g) => members[g]!);
    const story = Math.min(...ids);
    for (const id of ids) links.push([id, story]);
  }
  return links;
}
