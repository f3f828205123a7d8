// bench/web: the reader under load on the full corpus. The server runs as a child process
// (`backfile serve`, as `npm start` runs it: one search worker thread per core but one) so its RSS
// can be read from /proc; autocannon drives it on loopback at 64 connections for article pages (a
// rotating set of ids that fits the page cache, and a set too large for it; both again gzipped, as
// browsers ask for them), listings, searches
// (fresh: `Cache-Control: no-cache` bypasses the page and result caches; thousands of distinct
// queries, each asked once; pages of repeated queries through the result cache; cached pages), and
// article pages read while searches run. In the same
// run nginx (Debian's nginx-light) serves the same article pages pre-rendered to files: that is the
// ceiling, and the article figure is given as its share. Writes bench/results/web.json.

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { catalogOf } from '../../src/search/catalog.js';
import { openStore } from '../../src/store/store.js';
import { fullDb } from '../support/full-db.js';
import { knownItemQueries, shuffled } from '../support/known-items.js';
import { buildReader, startReader } from '../support/reader-server.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');
const CONNECTIONS = 64;
const DURATION = Number(process.env.BENCH_WEB_SECONDS ?? 10);
const CACHED_IDS = 1000;
const UNCACHED_IDS = 20_000;
/** Stories whose known-item queries make the distinct searches (about five queries each). */
const DISTINCT_SAMPLE = 2400;
/**
 * Node flags of the server child, as `npm start` runs it: a small young generation and a capped old
 * generation keep RSS near the working set under load (without them V8 lets garbage from 64
 * concurrent requests and large searches grow the heap by 100+ MB). The collector keeps its helper
 * threads: `--single-threaded-gc` (rounds 17-22) gives searches 12-30% more a second, but in round
 * 23 it cost uncached article pages 8-15% and listings 15-25%, for the same RSS, and the two loads
 * together came out even: a trade made for reading (see README.md).
 */
const SERVER_NODE_FLAGS = (
  process.env.BENCH_WEB_NODE_FLAGS ?? '--max-semi-space-size=4 --max-old-space-size=128'
)
  .split(' ')
  .filter(Boolean);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function rssMb(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

interface Figures {
  name: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  rssMb?: number;
  /**
   * The server's CPU time (every thread) per answered request, in ms: what a request costs it,
   * whether or not the load generator, on the same machine, was the limit.
   */
  cpuMsPerReq?: number;
}

/** CPU time a process has used, user and system, in ms (/proc/PID/stat counts clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function load(
  name: string,
  base: string,
  paths: string[],
  pid?: number,
  opts: {
    connections?: number;
    headers?: Record<string, string>;
    quiet?: boolean;
    /** false when another load runs at the same time (the server's CPU is theirs together). */
    cpu?: boolean;
  } = {},
): Promise<Figures> {
  let i = 0;
  let peak = 0;
  const cpuBefore = pid ? cpuMs(pid) : 0;
  const timer = pid
    ? setInterval(() => {
        peak = Math.max(peak, rssMb(pid).rss);
      }, 250)
    : undefined;
  const result = await autocannon({
    url: base,
    connections: opts.connections ?? CONNECTIONS,
    duration: DURATION,
    headers: opts.headers ?? {},
    requests: [
      {
        setupRequest: (req) => {
          req.path = paths[i++ % paths.length]!;
          return req;
        },
      },
    ],
  });
  if (timer) clearInterval(timer);
  const cpuAfter = pid ? cpuMs(pid) : 0;
  const f: Figures = {
    name,
    reqPerSec: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    rssMb: pid ? Math.round(peak) : undefined,
    cpuMsPerReq:
      pid && opts.cpu !== false && result.requests.total > 0
        ? Math.round(((cpuAfter - cpuBefore) / result.requests.total) * 1000) / 1000
        : undefined,
  };
  if (!opts.quiet) report(f);
  return f;
}

function report(f: Figures): void {
  console.log(
    `${f.name.padEnd(44)} ${String(f.reqPerSec).padStart(7)} req/s  p50 ${f.p50} ms  p99 ${f.p99} ms` +
      `${f.non2xx ? `  non-2xx ${f.non2xx}` : ''}${f.errors ? `  errors ${f.errors}` : ''}` +
      `${f.rssMb ? `  peak RSS ${f.rssMb} MB` : ''}` +
      `${f.cpuMsPerReq !== undefined ? `  server CPU ${f.cpuMsPerReq.toFixed(3)} ms/req` : ''}`,
  );
}

/** The mean of repeated runs (req/s averaged; latencies: the worse of the runs). */
function mean(name: string, runs: Figures[]): Figures {
  const avg = (f: (r: Figures) => number) => Math.round(runs.reduce((sum, r) => sum + f(r), 0) / runs.length);
  return {
    name,
    reqPerSec: avg((r) => r.reqPerSec),
    p50: Math.max(...runs.map((r) => r.p50)),
    p99: Math.max(...runs.map((r) => r.p99)),
    non2xx: runs.reduce((sum, r) => sum + r.non2xx, 0),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
    rssMb: runs[0]!.rssMb === undefined ? undefined : Math.max(...runs.map((r) => r.rssMb ?? 0)),
    cpuMsPerReq:
      runs[0]!.cpuMsPerReq === undefined
        ? undefined
        : Math.round((runs.reduce((sum, r) => sum + (r.cpuMsPerReq ?? 0), 0) / runs.length) * 1000) / 1000,
  };
}

/**
 * Fetches each path twice (fills the page cache and gives nginx its files), as identity unless told
 * an Accept-Encoding: the server caches a gzipped page under a key of its own.
 */
async function warm(
  base: string,
  paths: string[],
  saveTo?: string,
  acceptEncoding = 'identity',
): Promise<void> {
  // twice each: the page cache keeps a page asked for once on probation only (see
  // src/web/page-cache.ts), and the cached runs measure the pages readers come back to
  const queue = [...paths, ...paths];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let p = queue.shift(); p !== undefined; p = queue.shift()) {
        const res = await fetch(base + p, { headers: { 'accept-encoding': acceptEncoding } });
        const body = Buffer.from(await res.arrayBuffer());
        if (res.status !== 200) throw new Error(`${p} answered ${res.status}`);
        if (saveTo) {
          const file = join(saveTo, p);
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, body);
        }
      }
    }),
  );
}

function startNginx(dir: string, docroot: string, port: number): ChildProcess {
  const conf = join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `worker_processes auto;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
user root;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  open_file_cache max=20000 inactive=60s;
  default_type text/html;
  charset utf-8;
  client_body_temp_path ${dir}/tmp;
  proxy_temp_path ${dir}/tmp;
  fastcgi_temp_path ${dir}/tmp;
  uwsgi_temp_path ${dir}/tmp;
  scgi_temp_path ${dir}/tmp;
  server {
    listen 127.0.0.1:${port};
    root ${docroot};
    location / { try_files $uri =404; }
  }
}
`,
  );
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  return spawn('/usr/sbin/nginx', ['-c', conf, '-p', dir, '-g', 'daemon off;'], { stdio: 'inherit' });
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up`);
}

function spread<T>(items: T[], n: number): T[] {
  if (items.length <= n) return items;
  const step = items.length / n;
  return Array.from({ length: n }, (_, i) => items[Math.floor(i * step)]!);
}

const db = await fullDb();
const store = openStore(db, { readonly: true });
const monthCounts = store.monthCounts();
const months = monthCounts.map((m) => m.value);
const allIds: number[] = [];
for (const month of months) {
  for (let page = 1; ; page++) {
    const items = store.listByDate(month, { page, perPage: 1000, sort: 'oldest' }).items;
    allIds.push(...items.map((a) => a.id));
    if (items.length < 1000) break;
  }
}
if (allIds.length === 0) throw new Error(`no dated articles in ${db}`);
const stats = store.stats();
const tags = store.values('tag', { perPage: 300 }).items;
const authors = store.values('author', { perPage: 200 }).items;
const categories = store.categories();
// listings count their pages in stories (versions of an article listed once)
const stories = new Map<string, number>();
const storiesOf = (key: string, listing: { stories?: number; total: number }) =>
  stories.set(key, listing.stories ?? listing.total);
for (const t of tags)
  storiesOf(`tag:${t.value}`, store.listBy('tag', t.value, { collapse: true, perPage: 1 }));
for (const a of authors)
  storiesOf(`author:${a.value}`, store.listBy('author', a.value, { collapse: true, perPage: 1 }));
for (const c of categories)
  storiesOf(`category:${c.value}`, store.listBy('category', c.value, { collapse: true, perPage: 1 }));
for (const m of monthCounts)
  storiesOf(`date:${m.value}`, store.listByDate(m.value, { collapse: true, perPage: 1 }));
// Distinct searches: what many readers looking for different articles ask (known-item queries made
// from a seeded sample of stories: title words, in either script, a phrase of the text), each once,
// in a seeded random order: the five queries of a story, asked one after another, would find its
// pages in SQLite's cache and flatter the figures.
const distinctQueries = shuffled(
  [...new Set(knownItemQueries(store, catalogOf(store), DISTINCT_SAMPLE, 1997_07_01).map((i) => i.query))],
  2022_01_04,
);
store.close();

const cachedIds = spread(allIds, CACHED_IDS);
const uncachedIds = spread(allIds, UNCACHED_IDS);
const articlePaths = cachedIds.map((id) => `/article/${id}`);
const uncachedPaths = uncachedIds.map((id) => `/article/${id}`);
const listingPaths: string[] = [];
for (let p = 1; p <= 5; p++) {
  const last = (key: string, page: number) => Math.min(page, Math.ceil((stories.get(key) ?? 1) / 20));
  for (const t of tags)
    listingPaths.push(`/tag/${encodeURIComponent(t.value)}?page=${last(`tag:${t.value}`, p)}`);
  for (const a of authors)
    listingPaths.push(
      `/author/${encodeURIComponent(a.value)}?page=${last(`author:${a.value}`, p)}&sort=oldest`,
    );
  for (const c of categories)
    listingPaths.push(`/category/${encodeURIComponent(c.value)}?page=${last(`category:${c.value}`, p * 7)}`);
  for (const m of monthCounts)
    listingPaths.push(`/date/${m.value.replace('-', '/')}?page=${last(`date:${m.value}`, p)}`);
}
const QUERIES = [
  '國安法',
  '国安法',
  '林鄭月娥',
  '立法會 選舉',
  '"反送中"',
  '警察 -催淚彈',
  '新冠',
  '記者',
  '香港',
  '民主派',
  '教育',
  '中大',
  'Carrie Lam',
  '區議會',
  '法庭',
  '疫苗',
  '六四',
  '43 萬',
  '港',
  '移民',
];
// Pages 1-3 of each query. `r` makes every URL new to the page cache; the result cache (keyed by the
// query) still serves the pages of a query seen before, unless the request says no-cache.
let bust = 0;
const searchPaths: string[] = [];
for (let n = 0; n < 4000; n++) {
  const q = QUERIES[n % QUERIES.length]!;
  const page = 1 + (Math.floor(n / QUERIES.length) % 3);
  searchPaths.push(`/search?q=${encodeURIComponent(q)}${page > 1 ? `&page=${page}` : ''}&r=${bust++}`);
}
const FRESH = { 'cache-control': 'no-cache' };

console.log(
  `corpus: ${stats.articles.toLocaleString('en')} articles in ${db}; autocannon ${CONNECTIONS} connections, ${DURATION} s per run; server flags: ${SERVER_NODE_FLAGS.join(' ') || 'none'}`,
);
const port = await freePort();
buildReader();
const reader = await startReader(db, port, SERVER_NODE_FLAGS);
const base = `http://127.0.0.1:${port}`;
const pid = reader.pid!;
const work = mkdtempSync(join(tmpdir(), 'backfile-bench-web-'));
const docroot = join(work, 'root');
const results: Figures[] = [];
let nginx: ChildProcess | undefined;
try {
  const idle = rssMb(pid);
  console.log(`server RSS at start: ${idle.rss.toFixed(0)} MB`);
  await warm(base, articlePaths, docroot);

  // The ceiling: nginx on the same pages, measured in turn with the reader (twice each, alternating,
  // so that load from elsewhere on the machine falls on both alike). The reader is idle meanwhile.
  const nginxPort = await freePort();
  nginx = startNginx(work, docroot, nginxPort);
  const nginxBase = `http://127.0.0.1:${nginxPort}`;
  await waitFor(`${nginxBase}${articlePaths[0]}`);
  // A short untimed run first, so that the JIT has compiled the hot path before anything is measured.
  await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: 3,
    requests: [{ path: articlePaths[0]! }],
  });
  const articleRuns: Figures[] = [];
  const nginxRuns: Figures[] = [];
  for (let round = 1; round <= 2; round++) {
    articleRuns.push(
      await load(`article pages (${CACHED_IDS} ids, cached) #${round}`, base, articlePaths, pid),
    );
    nginxRuns.push(await load(`nginx, same pages pre-rendered #${round}`, nginxBase, articlePaths));
  }
  const article = mean(`article pages (${CACHED_IDS} ids, cached)`, articleRuns);
  const ceiling = mean('nginx, same pages pre-rendered', nginxRuns);
  nginx.kill('SIGQUIT');
  await new Promise((r) => nginx!.once('exit', r));

  results.push(article);
  results.push(await load(`article pages (${UNCACHED_IDS} ids, uncached)`, base, uncachedPaths, pid));
  // As browsers ask for them: gzipped (cached pages are compressed once; uncached ones per request).
  const GZIP = { 'accept-encoding': 'gzip, deflate, br' };
  await warm(base, articlePaths, undefined, GZIP['accept-encoding']);
  results.push(
    await load(`article pages (${CACHED_IDS} ids, cached, gzip)`, base, articlePaths, pid, { headers: GZIP }),
  );
  results.push(
    await load(`article pages (${UNCACHED_IDS} ids, uncached, gzip)`, base, uncachedPaths, pid, {
      headers: GZIP,
    }),
  );
  results.push(await load('listings (tag/author/category/date)', base, listingPaths, pid));
  // As for article pages, a short untimed run of fresh searches first: the search thread's JIT has
  // not yet compiled the ranking of large sets, and its first second at 64 connections (about 400
  // ms a request) would otherwise be the run's p99.
  let warmed = 0;
  await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: 3,
    headers: FRESH,
    requests: [
      {
        setupRequest: (req) => {
          req.path = searchPaths[warmed++ % searchPaths.length]!;
          return req;
        },
      },
    ],
  });
  results.push(
    await load('searches, fresh (20 queries × 3 pages, no-cache)', base, searchPaths, pid, {
      headers: FRESH,
    }),
  );
  const distinctPaths = distinctQueries.map((q) => `/search?q=${encodeURIComponent(q)}`);
  results.push(
    await load(
      `searches, distinct (${distinctPaths.length.toLocaleString('en')} queries)`,
      base,
      distinctPaths,
      pid,
      {
        headers: FRESH,
      },
    ),
  );
  results.push(await load('searches, new pages of known queries', base, searchPaths, pid));
  const repeated = QUERIES.map((q) => `/search?q=${encodeURIComponent(q)}`);
  await warm(base, repeated);
  results.push(await load('searches (20 queries, cached pages)', base, repeated, pid));
  // Readers on article pages while others search: 48 connections read uncached articles, 16 run
  // fresh searches, at the same time.
  const [reading, searching] = await Promise.all([
    load('mixed: article pages (48 conns, uncached)', base, uncachedPaths, pid, {
      connections: 48,
      headers: FRESH,
      quiet: true,
      cpu: false,
    }),
    load('mixed: fresh searches (16 conns)', base, searchPaths, undefined, {
      connections: 16,
      headers: FRESH,
      quiet: true,
    }),
  ]);
  report(reading);
  report(searching);
  results.push(reading, searching);
  results.push(ceiling);
  const end = rssMb(pid);
  console.log(`server RSS after the runs: ${end.rss.toFixed(0)} MB (peak ${end.hwm.toFixed(0)} MB)`);

  const ratio = article.reqPerSec / ceiling.reqPerSec;
  const uncachedRatio = results[1]!.reqPerSec / ceiling.reqPerSec;
  const worstP99 = Math.max(...results.filter((r) => r !== ceiling).map((r) => r.p99));
  console.log(
    `\narticle pages (cached) ${article.reqPerSec} req/s = ${(ratio * 100).toFixed(0)}% of the nginx ceiling ` +
      `${ceiling.reqPerSec} req/s (target ≥ 50%); uncached ${(uncachedRatio * 100).toFixed(0)}%`,
  );
  console.log(
    `article p99 ${article.p99} ms; worst p99 ${worstP99} ms (target < 100 ms); peak RSS ${end.hwm.toFixed(0)} MB (target ≤ 250 MB)`,
  );
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(
    join(root, 'bench/results/web.json'),
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        articles: stats.articles,
        connections: CONNECTIONS,
        durationSeconds: DURATION,
        results,
        rss: { startMb: Math.round(idle.rss), endMb: Math.round(end.rss), peakMb: Math.round(end.hwm) },
        ceilingRatio: ratio,
        uncachedCeilingRatio: uncachedRatio,
        nodeFlags: SERVER_NODE_FLAGS,
        targets: { ratio: ratio >= 0.5, articleP99: article.p99 < 100, worstP99, rss: end.hwm <= 250 },
      },
      null,
      2,
    )}\n`,
  );
} finally {
  if (reader.exitCode === null) reader.kill('SIGTERM');
  if (nginx && nginx.exitCode === null) {
    nginx.kill('SIGQUIT');
    await new Promise((r) => nginx!.once('exit', r));
  }
  rmSync(work, { recursive: true, force: true });
}
