// bench/recover: records per second through recovery (CDX listing, replay fetch, extraction,
// record writing, state) against the fake Wayback Machine on loopback without rate limits, with
// two baselines measured in the same run: raw fetch throughput (the same pages, no extraction) and
// extraction alone (no network). Then proof that the politeness limits hold under load: the
// busiest sliding second/minute of requests the fake server saw, against the limits.
// Writes bench/results/recover.json.

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractHkcnews } from '../../src/recover/extract/hkcnews.js';
import { HttpClient } from '../../src/recover/http.js';
import { maxInWindow } from '../../src/recover/rate-limit.js';
import { recover } from '../../src/recover/recover.js';
import { startFakeWayback } from '../../src/recover/testing/fake-wayback.js';
import { capturesOf, loadRecords } from '../../src/recover/testing/round-trip.js';
import { replayPath } from '../../src/recover/url.js';
import { SAMPLE_TARBALL } from '../../test/support/corpus.js';

const here = dirname(fileURLToPath(import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'bench-recover-'));

function rate(n: number, ms: number): number {
  return Math.round((n / ms) * 1000);
}

const records = await loadRecords(SAMPLE_TARBALL);
const captures = capturesOf(records);
const fake = await startFakeWayback({ captures });
console.log(`${records.length} sample records rendered as article pages, served on ${fake.url}`);

// baseline 1: raw fetch of the same pages, same pool and concurrency, nothing else
const client = new HttpClient({ pageRate: 0, cdxRate: 0 });
let t = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: 6 }, async () => {
    while (next < captures.length) {
      const c = captures[next++]!;
      await client.get(`${fake.url}${replayPath(c.timestamp, c.original)}`);
    }
  }),
);
const fetchMs = performance.now() - t;
client.close();

// baseline 2: extraction alone, pages in memory
const pages = captures.map((c) => (typeof c.body === 'string' ? c.body : String(c.body)));
t = performance.now();
records.forEach((r, i) => {
  extractHkcnews({
    html: pages[i]!,
    originalUrl: r.originalUrl,
    timestamp: r.captureTimestamp ?? '',
    id: r.id,
  });
});
const extractMs = performance.now() - t;

// the whole recovery, no rate limits
fake.reset();
t = performance.now();
const summary = await recover({
  site: 'hkcnews',
  out: join(work, 'full'),
  waybackBase: fake.url,
  keepEmpty: true,
  quiet: true,
  http: { pageRate: 0, cdxRate: 0 },
});
const recoverMs = performance.now() - t;

const throughput = {
  records: records.length,
  recoverPerSecond: rate(summary.total, recoverMs),
  rawFetchPerSecond: rate(captures.length, fetchMs),
  extractOnlyPerSecond: rate(records.length, extractMs),
  ratioToRawFetch: Number((recoverMs / fetchMs).toFixed(2)),
  ratioToExtractOnly: Number((recoverMs / extractMs).toFixed(2)),
  fullCorpusAt8PerSecond: `${(49_118 / 8 / 3600).toFixed(1)} h (the politeness limit, not the tool, sets the pace)`,
};
console.log(
  `recover: ${throughput.recoverPerSecond} records/s (${summary.recovered} recovered + ${summary.empty} empty) · ` +
    `raw fetch ${throughput.rawFetchPerSecond} pages/s (×${throughput.ratioToRawFetch} the time) · ` +
    `extraction only ${throughput.extractOnlyPerSecond} records/s (×${throughput.ratioToExtractOnly} the time)`,
);

// politeness under load: 24 workers hammering, 429s and 503s injected, the server in its own
// process so that its clock is not held up by the client's work
const server = spawn(process.execPath, ['--import', 'tsx', join(here, 'fake-server.ts')], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
const remote = await new Promise<string>((resolve) => {
  server.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
});
interface LogEntry {
  kind: string;
  at: number;
}
const limitRuns: Record<string, unknown> = {};
async function politeness(
  name: string,
  opts: { pageRate: number; cdxRate: number; windowScale: number; ids: string; cdxPageSize: number },
) {
  await fetch(`${remote}/__fake/reset?faults=3,0.05`);
  const start = performance.now();
  const s = await recover({
    site: 'hkcnews',
    out: join(work, name),
    waybackBase: remote,
    keepEmpty: true,
    quiet: true,
    ids: opts.ids,
    concurrency: 24,
    cdxPageSize: opts.cdxPageSize,
    http: {
      pageRate: opts.pageRate,
      cdxRate: opts.cdxRate,
      windowScale: opts.windowScale,
      backoffBaseMs: 20,
      retryAfterDefaultMs: 200,
      maxSockets: 24,
    },
  });
  const ms = performance.now() - start;
  const second = 1000 * opts.windowScale;
  const minute = 60_000 * opts.windowScale;
  const log = (await (await fetch(`${remote}/__fake/log`)).json()) as LogEntry[];
  const pageTimes = log.filter((e) => e.kind === 'replay').map((e) => e.at);
  const cdxTimes = log.filter((e) => e.kind === 'cdx').map((e) => e.at);
  const result = {
    articles: s.total,
    seconds: Number((ms / 1000).toFixed(1)),
    pageRequests: pageTimes.length,
    cdxRequests: cdxTimes.length,
    pageLimit: `${opts.pageRate} per ${second} ms`,
    maxPagePerWindow: maxInWindow(pageTimes, second),
    cdxLimit: `${opts.cdxRate} per ${minute} ms`,
    maxCdxPerWindow: maxInWindow(cdxTimes, minute),
    throttled: s.http?.throttled ?? 0,
    holds:
      (opts.pageRate === 0 || maxInWindow(pageTimes, second) <= opts.pageRate) &&
      (opts.cdxRate === 0 || maxInWindow(cdxTimes, minute) <= opts.cdxRate),
  };
  limitRuns[name] = result;
  console.log(
    `${name}: ${result.pageRequests} page fetches, busiest ${second} ms window ${result.maxPagePerWindow} (limit ${opts.pageRate || 'none'}); ` +
      `${result.cdxRequests} CDX requests, busiest ${minute} ms window ${result.maxCdxPerWindow} (limit ${opts.cdxRate}); ` +
      `${result.throttled} 429s honoured · ${result.holds ? 'limits hold' : 'LIMIT EXCEEDED'}`,
  );
  return result;
}
// real time scale (8 page fetches per second, 24 workers pushing)
const realPages = await politeness('limits-real-seconds', {
  pageRate: 8,
  cdxRate: 24,
  windowScale: 1,
  ids: '1-4000',
  cdxPageSize: 5000,
});
// the CDX limit with its minute shrunk 1:10 (to 6 s) and small CDX pages, so that it is hit hard
const scaled = await politeness('limits-cdx-scaled-1:10', {
  pageRate: 0,
  cdxRate: 24,
  windowScale: 0.1,
  ids: '1-49122',
  cdxPageSize: 40,
});

server.stdin!.end();
await fake.close();
rmSync(work, { recursive: true, force: true });
mkdirSync(join(here, '../results'), { recursive: true });
writeFileSync(
  join(here, '../results/recover.json'),
  `${JSON.stringify({ date: new Date().toISOString(), throughput, politeness: limitRuns }, null, 2)}\n`,
);
if (!realPages.holds || !scaled.holds) process.exitCode = 1;
