// bench/search: import and search on the FULL corpus.
//  - import: importCorpus of the extracted full corpus into a fresh database (time, DB size), then a
//    no-op re-run (time).
//  - queries: p50/p95/p99 of search() = count + top 20 + snippets + facets, relevance order, for
//    1-character, 2-character, 3–4-character, Latin and phrase queries (some typed in Simplified).
//  - baseline, same process and run: a brute-force scan over the folded title, visible text and facet
//    values of every article held in memory (count + newest 20 + the same facets), and its ratio.
//  - recall: the id set of every query (all hits) against the brute-force id set.
// Writes bench/results/search.json.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { authorOf, catalogOf, categoryOf, tagsOf } from '../../src/search/catalog.js';
import { search } from '../../src/search/search.js';
import { importCorpus } from '../../src/store/import.js';
import { decompressText, metaValues } from '../../src/store/prepare.js';
import { openStore } from '../../src/store/store.js';
import { fold } from '../../src/text/fold.js';
import { visibleMain } from '../../src/text/visible.js';
import { extractedCorpus, FULL_TARBALL } from '../../test/support/corpus.js';

const QUERIES: Record<string, string[]> = {
  '1 char': ['港', '的', '中', '國', '警', '民', '法', '罷', '鬱', '龍', '书', '凯'],
  '2 chars': ['香港', '政府', '警察', '国安', '示威', '立法', '選舉', '中美', '疫苗', '林鄭', '记者', '佔中'],
  '3-4 chars': [
    '国安法',
    '崔天凯',
    '逃犯條例',
    '林鄭月娥',
    '黎智英',
    '國家安全',
    '修例風波',
    '新冠肺炎',
    '反送中',
    '立法会',
    '習近平',
    '六四',
  ],
  latin: [
    'carrie lam',
    'covid-19',
    'HKU',
    'police',
    'apple daily',
    'CY',
    'ICAC',
    'trump',
    'MTR',
    'DQ',
    'hong kong',
    'BNO',
  ],
  phrase: [
    '"香港 政府"',
    '"中國駐美大使"',
    '"警方表示，"',
    '"carrie lam"',
    '"一國兩制"',
    '"「港獨」"',
    '"国家安全法"',
    '"新聞自由"',
    '"Apple Daily"',
    '"記者會上"',
    '"《逃犯條例》"',
    '"反修例運動"',
  ],
};

const RUNS = 7;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

function stats(times: number[]) {
  const s = [...times].sort((a, b) => a - b);
  return {
    n: s.length,
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    max: s[s.length - 1]!,
  };
}

const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;

async function main(): Promise<void> {
  const folder = extractedCorpus(FULL_TARBALL);
  const work = mkdtempSync(join(tmpdir(), 'backfile-bench-search-'));
  const dbPath = join(work, 'backfile.db');
  const results: Record<string, unknown> = { corpus: FULL_TARBALL, folder };
  try {
    // import
    const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0] ?? '?';
    const loadBefore = load();
    const cpu0 = process.cpuUsage();
    const first = await importCorpus(dbPath, folder, { quiet: true });
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const again = await importCorpus(dbPath, folder, { quiet: true });
    console.log(
      `import: ${first.records} records in ${(first.ms / 1000).toFixed(1)} s (target ≤ 20 s; ` +
        `${cpuSeconds.toFixed(1)} CPU-s over both threads; load average ${loadBefore} before), ` +
        `DB ${(first.dbBytes / 1e6).toFixed(1)} MB (target ≤ 600 MB); no-op re-run ${(again.ms / 1000).toFixed(1)} s`,
    );
    results.import = {
      records: first.records,
      rejected: first.rejected.length,
      ms: first.ms,
      cpuSeconds,
      loadBefore,
      dbBytes: first.dbBytes,
      noopMs: again.ms,
    };

    const store = openStore(dbPath, { readonly: true });
    let t = performance.now();
    catalogOf(store);
    const catalogMs = performance.now() - t;
    console.log(`catalog load (once per process): ${fmt(catalogMs)}`);

    // phase 1: search timings, before the brute-force corpus fills the heap (its GC would add noise)
    const gc = (globalThis as { gc?: () => void }).gc;
    const byGroup: Record<string, { search: number[]; brute: number[] }> = {};
    const perQuery: Array<Record<string, unknown>> = [];
    for (const [group, queries] of Object.entries(QUERIES)) {
      byGroup[group] = { search: [], brute: [] };
      for (const q of queries) {
        gc?.();
        search(store, q); // warm the statement cache
        const times: number[] = [];
        let total = 0;
        for (let r = 0; r < RUNS; r++) {
          const t0 = performance.now();
          const res = search(store, q, { perPage: 20, fresh: true });
          times.push(performance.now() - t0);
          total = res.total;
        }
        byGroup[group]!.search.push(...times);
        perQuery.push({ group, query: q, total, p50: stats(times).p50 });
      }
    }

    // phase 2: the brute-force baseline and recall
    t = performance.now();
    const c = catalogOf(store);
    const bodyOf = store.db.prepare('SELECT body, main_len FROM bodies WHERE id = ?').raw();
    // placeholder pages (the farewell notice, an offline page) are not articles: search leaves them out
    const docs = Array.from({ length: c.size }, (_, d) => d)
      .filter((d) => !c.placeholder[d])
      .map((d) => {
        const id = c.ids[d]!;
        const [blob, mainLen] = bodyOf.get(id) as [Buffer, number];
        const title = c.titles[d]!;
        const text = visibleMain(decompressText(blob, store.bodyEncoding).slice(0, mainLen), title);
        const squash = (s: string) => fold(s).replace(/\s+/g, ' ');
        const meta = metaValues(authorOf(c, d), categoryOf(c, d), tagsOf(c, d));
        return { d, id, fields: [title, text, ...meta].map(squash) };
      });
    console.log(`brute-force corpus loaded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const brute = (query: string) => {
      const q = fold(query.startsWith('"') ? query.slice(1, -1) : query)
        .replace(/\s+/g, ' ')
        .trim();
      const terms = query.startsWith('"') ? [q] : q.split(' ');
      const hits = docs.filter((doc) => terms.every((term) => doc.fields.some((f) => f.includes(term))));
      // the same work as a search page: newest 20 and facet counts
      hits.sort((a, b) => c.dateRank[b.d]! - c.dateRank[a.d]!);
      const top = hits.slice(0, 20).map((h) => h.id);
      const counts = new Map<string, number>();
      for (const h of hits) {
        const key = [categoryOf(c, h.d), authorOf(c, h.d), c.dates[h.d]!.slice(0, 7), ...tagsOf(c, h.d)].join(
          '\u0000',
        );
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return { total: hits.length, top, ids: hits.map((h) => h.id).sort((a, b) => a - b) };
    };
    let recallOk = 0;
    let recallTotal = 0;
    let k = 0;
    for (const [group, queries] of Object.entries(QUERIES)) {
      for (const q of queries) {
        const t1 = performance.now();
        const b = brute(q);
        const bruteMs = performance.now() - t1;
        const all = search(store, q, { all: true, snippets: false, facets: false })
          .hits.map((h) => h.id)
          .sort((x, y) => x - y);
        const same = all.length === b.ids.length && all.every((id, i) => id === b.ids[i]);
        recallTotal++;
        if (same) recallOk++;
        else console.log(`  RECALL MISMATCH ${q}: search ${all.length}, brute force ${b.ids.length}`);
        byGroup[group]!.brute.push(bruteMs);
        Object.assign(perQuery[k++]!, { brute: b.total, same, bruteMs });
      }
    }
    console.log('\nsearch (count + top 20 + snippets + facets), relevance order, ms:');
    console.log('group        queries  p50      p95      p99      | brute force p50   ratio');
    const summary: Record<string, unknown> = {};
    const allTimes: { one: number[]; more: number[] } = { one: [], more: [] };
    for (const [group, g] of Object.entries(byGroup)) {
      const s = stats(g.search);
      const bs = stats(g.brute);
      (group === '1 char' ? allTimes.one : allTimes.more).push(...g.search);
      summary[group] = { search: s, brute: bs, ratio: bs.p50 / s.p50 };
      console.log(
        `${group.padEnd(12)} ${String(QUERIES[group]!.length).padStart(7)}  ${fmt(s.p50).padEnd(8)} ${fmt(s.p95).padEnd(8)} ${fmt(s.p99).padEnd(8)} | ${fmt(bs.p50).padEnd(17)} ${(bs.p50 / s.p50).toFixed(0)}×`,
      );
    }
    const one = stats(allTimes.one);
    const more = stats(allTimes.more);
    console.log(
      `\n≥ 2 chars: p50 ${fmt(more.p50)} (target ≤ 5), p99 ${fmt(more.p99)} (target ≤ 25); ` +
        `1 char: p99 ${fmt(one.p99)} (target ≤ 100)`,
    );
    console.log(`recall vs brute force: ${recallOk}/${recallTotal} queries with identical id sets`);
    const slow = [...perQuery].sort((a, b) => (b.p50 as number) - (a.p50 as number)).slice(0, 5);
    console.log(
      `slowest: ${slow.map((q) => `${q.query} ${fmt(q.p50 as number)} (${q.total} hits)`).join(', ')}`,
    );
    Object.assign(results, {
      catalogMs,
      groups: summary,
      oneChar: one,
      twoPlus: more,
      recall: { ok: recallOk, total: recallTotal },
      perQuery,
    });
    store.close();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const out = join(dirname(fileURLToPath(import.meta.url)), '../results/search.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote ${out}`);
}

await main();
