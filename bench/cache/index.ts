// bench/cache: the page cache's policy (src/web/page-cache.ts, a segmented LRU that remembers what
// it pushed out) against a plain LRU of the same budget, the baseline, on simulated request streams
// over the 49,118 articles: readers' requests spread as Zipf's law, moving to other articles
// half-way through, with and without a crawler walking every article in turn. Prints the readers'
// hit ratio under each; writes bench/results/cache.json. It measures where requests find their
// page, not speed: the server's cost of a miss is in bench/web (an uncached article page).

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CachedPage, PageCache } from '../../src/web/page-cache.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const ARTICLES = 49_118;
const REQUESTS = 600_000;
/** Requests before the readers' hit ratio is counted (the cache filling up). */
const WARM_UP = 100_000;
/** As the server's: createApp's default. */
const ENTRIES = 1500;
const BYTES = 24 * 1024 * 1024;

/** The baseline: least recently used out, by count and bytes. */
class PlainLru {
  private readonly map = new Map<string, CachedPage>();
  private bytes = 0;
  get(key: string): CachedPage | undefined {
    const hit = this.map.get(key);
    if (hit) {
      this.map.delete(key);
      this.map.set(key, hit);
    }
    return hit;
  }
  set(key: string, page: CachedPage): void {
    this.map.set(key, page);
    this.bytes += page.body.length;
    while (this.map.size > ENTRIES || this.bytes > BYTES) {
      const oldest = this.map.keys().next().value as string;
      this.bytes -= this.map.get(oldest)!.body.length;
      this.map.delete(oldest);
    }
  }
}

/** A seeded generator (mulberry32), so that both caches see the same requests. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Article numbers drawn by Zipf's law of exponent s, the most asked for from `first` on. */
function zipf(s: number, rand: () => number): (first: number) => number {
  const cumulative = new Float64Array(ARTICLES);
  let sum = 0;
  for (let i = 0; i < ARTICLES; i++) {
    sum += 1 / (i + 1) ** s;
    cumulative[i] = sum;
  }
  return (first) => {
    const r = rand() * sum;
    let lo = 0;
    let hi = ARTICLES - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return (lo + first) % ARTICLES;
  };
}

// pages of 13–18 KB, as article pages are
const pages = Array.from({ length: 8 }, (_, n) => {
  const body = new Uint8Array(13_000 + n * 700);
  return { status: 200, type: 'text/html', body, etag: `"${n}"` };
});

function hitRatio(
  cache: { get(k: string): CachedPage | undefined; set(k: string, p: CachedPage): void },
  s: number,
  crawlerShare: number,
): number {
  const rand = random(42);
  const next = zipf(s, rand);
  let crawled = 0;
  let reads = 0;
  let hits = 0;
  for (let n = 0; n < REQUESTS; n++) {
    const crawler = rand() < crawlerShare;
    // half-way, readers move on to other articles (the popular ones of another week)
    const id = crawler ? crawled++ % ARTICLES : next(n < REQUESTS / 2 ? 0 : 20_000);
    const key = `zh-Hant|/article/${id}`;
    const hit = cache.get(key);
    if (!crawler && n >= WARM_UP) {
      reads++;
      if (hit) hits++;
    }
    if (!hit) cache.set(key, pages[id % pages.length]!);
  }
  return hits / reads;
}

console.log(
  `page cache of ${ENTRIES} pages / ${BYTES / 1024 / 1024} MB; ${REQUESTS.toLocaleString('en')} requests over ${ARTICLES.toLocaleString('en')} articles (the first ${WARM_UP.toLocaleString('en')} not counted)`,
);
const rows: Array<{ zipf: number; crawlerShare: number; plainLru: number; pageCache: number }> = [];
for (const s of [0.8, 1]) {
  for (const crawlerShare of [0, 0.2, 0.5]) {
    const plainLru = hitRatio(new PlainLru(), s, crawlerShare);
    const pageCache = hitRatio(new PageCache(ENTRIES, BYTES), s, crawlerShare);
    rows.push({ zipf: s, crawlerShare, plainLru, pageCache });
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    console.log(
      `zipf s=${s}, crawler ${String(crawlerShare * 100).padStart(2)}% of requests: readers' hits ${pct(pageCache)} (plain LRU ${pct(plainLru)}; ${(pageCache / plainLru).toFixed(2)}×)`,
    );
  }
}
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(
  join(root, 'bench/results/cache.json'),
  `${JSON.stringify({ date: new Date().toISOString(), entries: ENTRIES, bytes: BYTES, requests: REQUESTS, rows }, null, 2)}\n`,
);
