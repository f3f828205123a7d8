// bench/relevance: does search put the article a reader half remembers on the first page? A
// known-item evaluation on the full corpus, built from the corpus itself (no human judgements): for
// a seeded sample of stories, queries are made the way a reader remembers an article (two words of
// its title, the same typed in Simplified, one title word, one with the year, a phrase from its
// text: bench/support/known-items.ts), and the rank of that article's story in the results
// (versions merged, as the reader shows them) is measured: success at 1 and at 10 (the first page
// is 20), mean reciprocal rank over the first 100. Compared in the same run: BM25 for every result
// set, and the baseline, newest first: what an archive without relevance ranking offers.
// Writes bench/results/relevance.json.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogOf } from '../../src/search/catalog.js';
import { SCORE_LIMIT, search } from '../../src/search/search.js';
import type { SearchOptions } from '../../src/search/types.js';
import { openStore } from '../../src/store/store.js';
import { REPO_ROOT } from '../../test/support/corpus.js';
import { fullDb } from '../support/full-db.js';
import { type Item, knownItemQueries, sampledStories } from '../support/known-items.js';

const SAMPLE = Number(process.env.BENCH_RELEVANCE_SAMPLE ?? 400);
const DEPTH = 100;

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

const items = knownItemQueries(store, c, SAMPLE, 2022_01_04);

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
  const story = c.storyOf[c.denseOf.get(item.id)]!;
  const at = r.hits.findIndex((h) => c.storyOf[c.denseOf.get(h.id)] === story);
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
  `${items.length} queries from ${SAMPLE} sampled articles (of ${sampledStories(c).length.toLocaleString('en')} stories); ` +
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
