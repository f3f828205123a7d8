// bench/relevance: does search put the article a reader half remembers on the first page? A
// known-item evaluation on the full corpus, built from the corpus itself (no human judgements): for
// a seeded sample of articles, queries are made the way a reader remembers one (two words of its
// title, the same typed in Simplified, a phrase from its text), and the rank of that article's story
// in the results (versions merged, as the reader shows them) is measured: success at 1 and at 10
// (the first page is 20), mean reciprocal rank over the first 100. The baseline, in the same run, is
// the same queries sorted newest first: what an archive without relevance ranking offers.
// Writes bench/results/relevance.json.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as OpenCC from 'opencc-js';
import { catalogOf } from '../../src/search/catalog.js';
import { search } from '../../src/search/search.js';
import type { SearchOptions } from '../../src/search/types.js';
import { decompressText } from '../../src/store/prepare.js';
import { openStore } from '../../src/store/store.js';
import { visibleMain } from '../../src/text/visible.js';
import { REPO_ROOT } from '../../test/support/corpus.js';
import { fullDb } from '../support/full-db.js';

const SAMPLE = Number(process.env.BENCH_RELEVANCE_SAMPLE ?? 400);
const DEPTH = 100;
/** Above this many hits search ranks by where the terms are, then date (see src/search/search.ts). */
const SCORE_LIMIT = 2000;

const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });

/** A seeded generator, so that every run asks the same queries. */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x80000000;
  };
}

type Kind =
  | 'two title words'
  | 'two title words, Simplified'
  | 'one title word'
  | 'one title word + year'
  | 'text phrase';

interface Item {
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
  const runs = (title.match(WORD) ?? []).filter((r) => r.length >= 2);
  if (runs.length === 0) return null;
  const picked = new Set<number>();
  while (picked.size < Math.min(count, runs.length)) picked.add(Math.floor(rand() * runs.length));
  const words = [...picked]
    .sort((a, b) => a - b)
    .map((i) => {
      const run = runs[i]!;
      if (LATIN.test(run)) return run;
      const len = Math.min(run.length, 2 + Math.floor(rand() * (maxLen - 1)));
      const at = Math.floor(rand() * (run.length - len + 1));
      return run.slice(at, at + len);
    });
  return words.join(' ');
}

/** A phrase of 6–8 letters or digits from the visible text (no punctuation inside). */
function textPhrase(text: string, rand: () => number): string | null {
  const runs = (text.match(WORD) ?? []).filter((r) => r.length >= 6 && !LATIN.test(r));
  if (runs.length === 0) return null;
  const run = runs[Math.floor(rand() * runs.length)]!;
  const len = Math.min(run.length, 6 + Math.floor(rand() * 3));
  const at = Math.floor(rand() * (run.length - len + 1));
  return run.slice(at, at + len);
}

interface Figures {
  queries: number;
  found: number;
  at1: number;
  at10: number;
  mrr: number;
  medianHits: number;
}

function summarize(ranks: number[], totals: number[]): Figures {
  const n = ranks.length;
  const sorted = [...totals].sort((a, b) => a - b);
  return {
    queries: n,
    found: ranks.filter((r) => r > 0).length / n,
    at1: ranks.filter((r) => r === 1).length / n,
    at10: ranks.filter((r) => r > 0 && r <= 10).length / n,
    mrr: ranks.reduce((s, r) => s + (r > 0 ? 1 / r : 0), 0) / n,
    medianHits: sorted[Math.floor(n / 2)] ?? 0,
  };
}

const db = await fullDb();
const store = openStore(db, { readonly: true });
const c = catalogOf(store);
const rand = rng(2022_01_04);

// The sample: dated articles (not placeholder pages), one per story.
const eligible: number[] = [];
const seenStory = new Set<number>();
for (let d = 0; d < c.size; d++) {
  if (c.placeholder[d] || c.dates[d] === '' || seenStory.has(c.storyOf[d]!)) continue;
  seenStory.add(c.storyOf[d]!);
  eligible.push(d);
}
const items: Item[] = [];
const bodyOf = store.db.prepare('SELECT body, main_len FROM bodies WHERE id = ?').raw();
for (let k = 0; k < SAMPLE; k++) {
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
  const phrase = row ? textPhrase(visibleMain(decompressText(row[0]).slice(0, row[1]), title), rand) : null;
  if (phrase) items.push({ kind: 'text phrase', query: phrase, id });
}

/** The rankings compared: search's own, BM25 for sets of every size, and newest first. */
const RANKINGS = [
  { name: 'relevance', options: { sort: 'relevance' } },
  { name: 'BM25 for all', options: { sort: 'relevance', scoreLimit: Number.POSITIVE_INFINITY } },
  { name: 'newest first', options: { sort: 'newest' } },
] as const satisfies ReadonlyArray<{ name: string; options: SearchOptions }>;
type Ranking = (typeof RANKINGS)[number]['name'];

/** The rank (1-based) of the article's story among the first DEPTH stories (0 past them), and the time. */
function rankOf(item: Item, options: SearchOptions): { rank: number; total: number; ms: number } {
  const r = search(store, item.query, {
    ...options,
    perPage: DEPTH,
    collapse: true,
    facets: false,
    snippets: false,
    fresh: true,
  });
  const story = c.storyOf[c.denseOf[item.id]!]!;
  const at = r.hits.findIndex((h) => c.storyOf[c.denseOf[h.id]!] === story);
  return { rank: at + 1, total: r.stories ?? r.total, ms: r.tookMs };
}

interface Group {
  totals: number[];
  ranks: Record<Ranking, number[]>;
  ms: Record<Ranking, number[]>;
}
const groups = new Map<string, Group>();
function groupOf(key: string): Group {
  let g = groups.get(key);
  if (!g) {
    const per = <T>(f: () => T) =>
      Object.fromEntries(RANKINGS.map((r) => [r.name, f()])) as Record<Ranking, T>;
    g = { totals: [], ranks: per(() => []), ms: per(() => []) };
    groups.set(key, g);
  }
  return g;
}

const started = performance.now();
const rows: Array<Record<string, unknown>> = [];
for (const item of items) {
  const got = RANKINGS.map((r) => rankOf(item, r.options));
  const total = got[0]!.total;
  for (const key of [
    item.kind,
    total > SCORE_LIMIT ? `> ${SCORE_LIMIT} hits` : `≤ ${SCORE_LIMIT} hits`,
    'all',
  ]) {
    const g = groupOf(key);
    g.totals.push(total);
    RANKINGS.forEach((r, i) => {
      g.ranks[r.name].push(got[i]!.rank);
      g.ms[r.name].push(got[i]!.ms);
    });
  }
  rows.push({ ...item, total, ranks: Object.fromEntries(RANKINGS.map((r, i) => [r.name, got[i]!.rank])) });
}
const seconds = (performance.now() - started) / 1000;

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(6);
const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
console.log(
  `${items.length} queries from ${SAMPLE} sampled articles (of ${eligible.length.toLocaleString('en')} stories); ` +
    `the rank of the article's story among the first ${DEPTH}; ${seconds.toFixed(1)} s`,
);
console.log(
  `${'group'.padEnd(28)} ${'n'.padStart(4)} ${'hits p50'.padStart(8)}  ` +
    RANKINGS.map((r) => `${r.name}: @1 / @10 / MRR`.padEnd(30)).join(''),
);
const results: Record<string, Record<string, unknown>> = {};
const KEYS = [
  'two title words',
  'two title words, Simplified',
  'one title word',
  'one title word + year',
  'text phrase',
  `≤ ${SCORE_LIMIT} hits`,
  `> ${SCORE_LIMIT} hits`,
  'all',
];
for (const key of KEYS) {
  const g = groups.get(key);
  if (!g) continue;
  const figures = Object.fromEntries(RANKINGS.map((r) => [r.name, summarize(g.ranks[r.name], g.totals)]));
  results[key] = {
    ...figures,
    msP50: Object.fromEntries(RANKINGS.map((r) => [r.name, p50(g.ms[r.name])])),
  };
  console.log(
    `${key.padEnd(28)} ${String(g.totals.length).padStart(4)} ${String(p50(g.totals)).padStart(8)}  ` +
      RANKINGS.map((r) => {
        const f = figures[r.name]!;
        return `${pct(f.at1)} ${pct(f.at10)} ${f.mrr.toFixed(3)}`.padEnd(30);
      }).join(''),
  );
}
const all = results.all as Record<Ranking, Figures>;
const big = results[`> ${SCORE_LIMIT} hits`] as
  | (Record<Ranking, Figures> & { msP50: Record<Ranking, number> })
  | undefined;
console.log(
  `\nfirst page (@10): ${pct(all.relevance.at10).trim()} by relevance, ${pct(all['newest first'].at10).trim()} newest first ` +
    `(×${(all.relevance.at10 / Math.max(all['newest first'].at10, 1e-9)).toFixed(2)}); MRR ${all.relevance.mrr.toFixed(3)} against ${all['newest first'].mrr.toFixed(3)}`,
);
if (big)
  console.log(
    `sets over ${SCORE_LIMIT} hits: @10 ${pct(big.relevance.at10).trim()} (p50 ${big.msP50.relevance.toFixed(1)} ms) by where the terms are, ` +
      `${pct(big['BM25 for all'].at10).trim()} (p50 ${big.msP50['BM25 for all'].toFixed(1)} ms) by BM25`,
  );
mkdirSync(join(REPO_ROOT, 'bench/results'), { recursive: true });
writeFileSync(
  join(REPO_ROOT, 'bench/results/relevance.json'),
  `${JSON.stringify({ date: new Date().toISOString(), db, sample: SAMPLE, depth: DEPTH, seconds, results, queries: rows }, null, 2)}\n`,
);
store.close();
