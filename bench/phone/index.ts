// bench/phone: the reader's pages as a mid-range phone on slow 4G gets them. Debian's Chromium
// (playwright-core) emulates the phone through CDP — 360×780 CSS px at 3× density, touch, a mobile
// user agent, the CPU slowed 4×, 150 ms of latency, 1.6 Mbps down and 750 kbps up — and loads each
// page cold (a fresh context: no cache) from the production build serving the full database, with
// JavaScript on and off. The archived images (archive.org, unreachable here) are answered with
// JPEGs drawn locally, after the delay of a far server and at the speed of the same link. For each
// page: TTFB, FCP, LCP, CLS (while the page loads, and after a reader has scrolled to its end),
// long tasks and total blocking time, bytes and requests by type. The baseline, in the same run and
// the same emulation: each page's own HTML without its stylesheet, script and images, served as a
// gzipped file by a plain static server — the text alone, the soonest this phone can show it.
// Writes bench/results/phone.json.

import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type Browser, type CDPSession, chromium, type Page } from 'playwright-core';
import { type ArchiveImage, drawPhotos, routeArchiveImages } from '../../test/support/archive-images.js';
import { fullDb } from '../support/full-db.js';
import { buildReader, startReader } from '../support/reader-server.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');
/** Ports of this bench (the machine's other work keeps to others). */
const READER_PORT = Number(process.env.BENCH_PHONE_PORT ?? 8171);
const BASELINE_PORT = READER_PORT + 1;
const RUNS = Number(process.env.BENCH_PHONE_RUNS ?? 3);

/** A mid-range Android phone. */
const PHONE = {
  viewport: { width: 360, height: 780 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
  userAgent:
    'Mozilla/5.0 (Linux; Android 13; Pixel 6a) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
};
const CPU_SLOWDOWN = 4;
/** Slow 4G, as Lighthouse's mobile preset throttles it. */
const NETWORK = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
  connectionType: 'cellular4g' as const,
};
/** A far server's answer (the Wayback Machine's) before the bytes of an image come at the link's speed. */
const IMAGE_LATENCY_MS = 600;

interface PageCase {
  key: string;
  label: string;
  path: string;
}

const ALL_PAGES: PageCase[] = [
  { key: 'home', label: 'home', path: '/' },
  { key: 'article-figures', label: 'article, 10 figures, opens with one (49660)', path: '/article/49660' },
  {
    key: 'article-versions',
    label: 'article, 9 figures under a list of versions (49636)',
    path: '/article/49636',
  },
  { key: 'article-long', label: 'article, long body (8259, 37,669 chars)', path: '/article/8259' },
  { key: 'search', label: 'search 國安法', path: `/search?q=${encodeURIComponent('國安法')}` },
  {
    key: 'search-heavy',
    label: 'search 香港 (31,529 hits)',
    path: `/search?q=${encodeURIComponent('香港')}`,
  },
  { key: 'tag', label: 'tag 國安法', path: `/tag/${encodeURIComponent('國安法')}` },
  { key: 'date', label: 'date 2020-07', path: '/date/2020/07' },
  { key: 'on-this-day', label: '當年今日 06-04', path: '/on-this-day/06-04' },
  { key: 'compare', label: 'compare 49619 ↔ 49636', path: '/article/49619/compare/49636' },
];
/** BENCH_PHONE_PAGES=home,article-figures picks pages by key. */
const PAGES = process.env.BENCH_PHONE_PAGES
  ? ALL_PAGES.filter((p) => process.env.BENCH_PHONE_PAGES!.split(',').includes(p.key))
  : ALL_PAGES;

type ByType = Record<'html' | 'css' | 'js' | 'font' | 'image' | 'other', number>;

interface LoadFigures {
  /**
   * When the HTML's last byte came (navigation responseEnd): Chrome's emulated latency falls on a
   * response's body, so that responseStart (TTFB) does not show it; the server's own time to the
   * first byte is measured apart (serverTtfb).
   */
  html: number;
  fcp: number;
  lcp: number;
  lcpElement: string;
  /** Layout shift (CLS, session windows) until the page and the images in view have loaded. */
  clsLoad: number;
  /** The same after scrolling to the end of the page, 0.8 of a screen at a time (pages with images). */
  clsRead: number | null;
  /** What moved most, for the record. */
  shiftSources: string[];
  longTasks: number;
  tbt: number;
  bytes: ByType;
  requests: ByType;
  images: number;
}

/** The page's text and markup alone: no stylesheet, no script, no images (nor their noscript links). */
export function bareText(html: string): string {
  return html
    .replace(/<link rel="stylesheet"[^>]*>/g, '')
    .replace(/<script\b[^>]*><\/script>/g, '')
    .replace(/<noscript>[\s\S]*?<\/noscript>/g, '')
    .replace(/<img\b[^>]*>/g, '');
}

/** A plain static server of gzipped files, by path (with its query). */
function startStatic(files: Map<string, Buffer>): Promise<Server> {
  const server = createServer((req, res) => {
    const body = files.get(req.url ?? '');
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-encoding': 'gzip',
      'content-length': body.length,
    });
    res.end(body);
  });
  return new Promise((resolve) => server.listen(BASELINE_PORT, '127.0.0.1', () => resolve(server)));
}

/**
 * Navigation timing and FCP, read at once (with JavaScript off the page runs no timers nor observer
 * callbacks, even for the tool), and the long tasks that LONG_TASK_OBSERVER gathered (JavaScript on).
 */
const READ_TIMING = `(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  return {
    timeOrigin: performance.timeOrigin,
    html: nav ? nav.responseEnd : 0,
    fcp: fcp ? fcp.startTime : 0,
    images: document.images.length,
    longTasks: window.__phoneLongTasks || [],
  };
})()`;

/** Run before the page's own script: gathers long tasks (the observer API does not buffer them for later). */
const LONG_TASK_OBSERVER = `window.__phoneLongTasks = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__phoneLongTasks.push(e.duration); })
  .observe({ type: 'longtask' });`;

interface Shift {
  /** ms since navigation. */
  t: number;
  value: number;
  input: boolean;
  sources: number[];
}

/** LCP candidates and layout shifts as the browser reports them over CDP (JavaScript on or off). */
function watchTimeline(cdp: CDPSession) {
  const shifts: Array<Omit<Shift, 't'> & { epochMs: number }> = [];
  const lcp: Array<{ epochMs: number; node: number }> = [];
  cdp.on('PerformanceTimeline.timelineEventAdded', ({ event }) => {
    if (event.type === 'layout-shift' && event.layoutShiftDetails) {
      const d = event.layoutShiftDetails;
      shifts.push({
        epochMs: event.time * 1000,
        value: d.value,
        input: d.hadRecentInput,
        sources: d.sources.map((x) => x.nodeId ?? 0),
      });
    } else if (event.type === 'largest-contentful-paint' && event.lcpDetails) {
      const d = event.lcpDetails;
      lcp.push({ epochMs: (d.renderTime || d.loadTime) * 1000, node: d.nodeId ?? 0 });
    }
  });
  return {
    async read(timeOrigin: number): Promise<{ shifts: Shift[]; lcp: number; lcpNode: number }> {
      const last = lcp[lcp.length - 1];
      return {
        shifts: shifts.map((s) => ({ ...s, t: s.epochMs - timeOrigin })),
        lcp: last ? last.epochMs - timeOrigin : 0,
        lcpNode: last?.node ?? 0,
      };
    },
  };
}

/** "img", "h1", "p.snippet": what a backend node is, for the record. */
async function describeNode(cdp: CDPSession, backendNodeId: number): Promise<string> {
  if (!backendNodeId) return '';
  try {
    const { node } = await cdp.send('DOM.describeNode', { backendNodeId });
    const attributes = node.attributes ?? [];
    const cls = attributes[attributes.indexOf('class') + 1];
    const name = node.nodeName.toLowerCase();
    return attributes.includes('class') && cls ? `${name}.${cls.split(' ')[0]}` : name;
  } catch {
    return '?';
  }
}

interface Timing {
  timeOrigin: number;
  html: number;
  fcp: number;
  images: number;
  longTasks: number[];
}

/** CLS as browsers report it: the largest session window (gaps under 1 s, at most 5 s) of shifts without input. */
export function cumulativeLayoutShift(shifts: Shift[]): number {
  let best = 0;
  let current = 0;
  let windowStart = -Infinity;
  let previous = -Infinity;
  for (const s of shifts) {
    if (s.input) continue;
    if (s.t - previous > 1000 || s.t - windowStart > 5000) {
      current = 0;
      windowStart = s.t;
    }
    current += s.value;
    previous = s.t;
    best = Math.max(best, current);
  }
  return best;
}

function typeOf(resourceType: string): keyof ByType {
  switch (resourceType) {
    case 'Document':
      return 'html';
    case 'Stylesheet':
      return 'css';
    case 'Script':
      return 'js';
    case 'Font':
      return 'font';
    case 'Image':
      return 'image';
    default:
      return 'other';
  }
}

/** Counts bytes on the wire by type, and knows when the network has been quiet for `ms`. */
function watchNetwork(cdp: CDPSession) {
  const zero = (): ByType => ({ html: 0, css: 0, js: 0, font: 0, image: 0, other: 0 });
  const bytes = zero();
  const requests = zero();
  const types = new Map<string, keyof ByType>();
  const inFlight = new Set<string>();
  let lastActivity = Date.now();
  cdp.on('Network.requestWillBeSent', (e) => {
    inFlight.add(e.requestId);
    types.set(e.requestId, typeOf(e.type ?? 'Other'));
    lastActivity = Date.now();
  });
  const done = (id: string, length: number) => {
    inFlight.delete(id);
    lastActivity = Date.now();
    const type = types.get(id) ?? 'other';
    bytes[type] += length;
    requests[type]++;
  };
  cdp.on('Network.loadingFinished', (e) => done(e.requestId, e.encodedDataLength));
  cdp.on('Network.loadingFailed', (e) => done(e.requestId, 0));
  return {
    bytes,
    requests,
    async quiet(ms: number, maxMs: number): Promise<void> {
      const until = Date.now() + maxMs;
      while (Date.now() < until) {
        if (inFlight.size === 0 && Date.now() - lastActivity >= ms) return;
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}

async function emulatePhone(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  await cdp.send('DOM.enable');
  await cdp.send('PerformanceTimeline.enable', { eventTypes: ['largest-contentful-paint', 'layout-shift'] });
  return cdp;
}

/** Scrolls to the end of the page as a reader would, 0.8 of a screen every 600 ms. */
async function readToTheEnd(page: Page): Promise<void> {
  for (let step = 0; step < 80; step++) {
    const atEnd = (await page.evaluate(
      `(() => { window.scrollBy(0, Math.round(innerHeight * 0.8)); return innerHeight + scrollY >= document.documentElement.scrollHeight - 2; })()`,
    )) as boolean;
    await page.waitForTimeout(600);
    if (atEnd) break;
  }
}

async function measure(
  browser: Browser,
  url: string,
  opts: { javaScript: boolean; images: ArchiveImage[]; read: boolean },
): Promise<LoadFigures> {
  const context = await browser.newContext({ ...PHONE, javaScriptEnabled: opts.javaScript });
  await routeArchiveImages(context, opts.images, {
    kind: 'ok',
    latencyMs: IMAGE_LATENCY_MS,
    bytesPerSecond: NETWORK.downloadThroughput,
  });
  if (opts.javaScript) await context.addInitScript(LONG_TASK_OBSERVER);
  const page = await context.newPage();
  const cdp = await emulatePhone(page);
  const network = watchNetwork(cdp);
  const timeline = watchTimeline(cdp);
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  await network.quiet(1500, 30_000);
  const timing = (await page.evaluate(READ_TIMING)) as Timing;
  const loaded = await timeline.read(timing.timeOrigin);
  let clsRead: number | null = null;
  let all = loaded;
  let longTasks = timing.longTasks;
  if (opts.read && timing.images > 0) {
    await readToTheEnd(page);
    await network.quiet(1500, 30_000);
    all = await timeline.read(timing.timeOrigin);
    clsRead = cumulativeLayoutShift(all.shifts);
    longTasks = ((await page.evaluate(READ_TIMING)) as Timing).longTasks;
  }
  const sources = new Map<string, number>();
  for (const s of all.shifts) {
    for (const node of new Set(s.sources)) {
      const name = await describeNode(cdp, node);
      sources.set(name, (sources.get(name) ?? 0) + s.value);
    }
  }
  const lcpElement = await describeNode(cdp, loaded.lcpNode);
  await context.close();
  return {
    html: timing.html,
    fcp: timing.fcp,
    lcp: loaded.lcp,
    lcpElement,
    clsLoad: cumulativeLayoutShift(loaded.shifts),
    clsRead,
    shiftSources: [...sources]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([s, v]) => `${s} ${v.toFixed(3)}`),
    longTasks: longTasks.length,
    tbt: longTasks.reduce((sum, d) => sum + Math.max(0, d - 50), 0),
    bytes: network.bytes,
    requests: network.requests,
    images: timing.images,
  };
}

/** The server's time to the first byte of a page (warm, gzip asked, loopback, no emulation): the median of 5. */
async function serverTtfb(url: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 6; i++) {
    const start = performance.now();
    const res = await fetch(url, { headers: { 'accept-encoding': 'gzip' } });
    const took = performance.now() - start;
    await res.arrayBuffer();
    if (i > 0) times.push(took);
  }
  return median(times);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The median of each figure over the runs (the bytes of the first run: they do not vary). */
function summarize(runs: LoadFigures[]) {
  const m = (f: (r: LoadFigures) => number) => Math.round(median(runs.map(f)) * 1000) / 1000;
  const reads = runs.map((r) => r.clsRead).filter((x): x is number => x !== null);
  return {
    html: m((r) => r.html),
    fcp: m((r) => r.fcp),
    lcp: m((r) => r.lcp),
    lcpElement: runs[0]!.lcpElement,
    clsLoad: m((r) => r.clsLoad),
    clsRead: reads.length ? Math.round(median(reads) * 1000) / 1000 : null,
    clsReadMax: reads.length ? Math.round(Math.max(...reads) * 1000) / 1000 : null,
    shiftSources: runs[0]!.shiftSources,
    longTasks: m((r) => r.longTasks),
    tbt: m((r) => r.tbt),
    bytes: runs[0]!.bytes,
    requests: runs[0]!.requests,
    images: runs[0]!.images,
  };
}

const kb = (n: number) => (n / 1024).toFixed(1);
const ms = (n: number) => String(Math.round(n));

buildReader();
const db = process.env.BENCH_PHONE_DB ?? (await fullDb());
const reader = await startReader(db, READER_PORT);
const base = `http://127.0.0.1:${READER_PORT}`;
let baseline: Server | undefined;
let browser: Browser | undefined;
try {
  // the baseline's files: each page's HTML as the reader sends it, without what it loads
  const files = new Map<string, Buffer>();
  for (const p of PAGES) {
    const res = await fetch(base + p.path);
    if (res.status !== 200) throw new Error(`${p.path}: ${res.status}`);
    files.set(p.path, gzipSync(bareText(await res.text())));
  }
  baseline = await startStatic(files);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  const images = await drawPhotos(browser);
  console.log(
    `phone: ${PHONE.viewport.width}×${PHONE.viewport.height} @${PHONE.deviceScaleFactor}x, CPU ${CPU_SLOWDOWN}× slower, ` +
      `${NETWORK.latency} ms, ${((NETWORK.downloadThroughput * 8) / 1024 / 1024).toFixed(1)} Mbps down; ` +
      `${RUNS} cold loads a page and mode, medians; images ${images.map((i) => `${i.width}×${i.height} ${kb(i.body.length)} KB`).join(', ')}`,
  );
  const results = [];
  for (const p of PAGES) {
    const modes: Record<string, ReturnType<typeof summarize>> = {};
    for (const javaScript of [true, false]) {
      const runs: LoadFigures[] = [];
      for (let i = 0; i < RUNS; i++)
        runs.push(await measure(browser, base + p.path, { javaScript, images, read: true }));
      modes[javaScript ? 'js' : 'noJs'] = summarize(runs);
    }
    const bare: LoadFigures[] = [];
    for (let i = 0; i < RUNS; i++)
      bare.push(
        await measure(browser, `http://127.0.0.1:${BASELINE_PORT}${p.path}`, {
          javaScript: false,
          images,
          read: false,
        }),
      );
    const b = summarize(bare);
    const js = modes.js!;
    const noJs = modes.noJs!;
    const server = await serverTtfb(base + p.path);
    const entry = {
      ...p,
      serverTtfb: Math.round(server * 10) / 10,
      js,
      noJs,
      baseline: { html: b.html, fcp: b.fcp, lcp: b.lcp, lcpElement: b.lcpElement, htmlBytes: b.bytes.html },
      fcpRatio: js.fcp / b.fcp,
      lcpRatio: js.lcp / b.lcp,
    };
    results.push(entry);
    console.log(`\n${p.label}  ${p.path}  (server TTFB ${server.toFixed(1)} ms)`);
    for (const [name, f] of [
      ['JS on ', js],
      ['JS off', noJs],
    ] as const) {
      console.log(
        `  ${name}  HTML ${ms(f.html)}  FCP ${ms(f.fcp)}  LCP ${ms(f.lcp)} (${f.lcpElement})  CLS ${f.clsLoad.toFixed(3)}` +
          `${f.clsRead === null ? '' : ` / read ${f.clsRead.toFixed(3)} (max ${f.clsReadMax!.toFixed(3)})`}` +
          `  ${name === 'JS on ' ? `long tasks ${f.longTasks} TBT ${ms(f.tbt)}` : 'long tasks n/a'}  KB html ${kb(f.bytes.html)} css ${kb(f.bytes.css)} ` +
          `js ${kb(f.bytes.js)} font ${kb(f.bytes.font)} img ${kb(f.bytes.image)} (${f.images} imgs)  ` +
          `requests ${Object.values(f.requests).reduce((s, n) => s + n, 0)}`,
      );
    }
    if (js.shiftSources.length) console.log(`  shifts (JS on) from: ${js.shiftSources.join(', ')}`);
    console.log(
      `  baseline (text alone, static)  HTML ${ms(b.html)}  FCP ${ms(b.fcp)}  LCP ${ms(b.lcp)}  ` +
        `→ FCP ${entry.fcpRatio.toFixed(2)}×, LCP ${entry.lcpRatio.toFixed(2)}× the baseline`,
    );
  }
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(
    join(root, 'bench/results/phone.json'),
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        phone: PHONE,
        cpuSlowdown: CPU_SLOWDOWN,
        network: NETWORK,
        imageLatencyMs: IMAGE_LATENCY_MS,
        images: images.map((i) => ({ width: i.width, height: i.height, bytes: i.body.length })),
        runs: RUNS,
        results,
      },
      null,
      2,
    )}\n`,
  );
} finally {
  await browser?.close();
  baseline?.close();
  if (reader.exitCode === null) reader.kill('SIGTERM');
}
