// Shared set-up of the end-to-end tests: Debian's Chromium through playwright-core (never a
// downloaded browser), the reader served over a DB imported once from the sample tarball (cached
// in a temp folder), a second server over the hostile fixture records, a network guard that lets
// no request leave loopback, axe-core injection, and screenshots into test-output/screenshots/.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { search } from '../../src/search/search.js';
import { importArticles, importCorpus } from '../../src/store/import.js';
import { openStore } from '../../src/store/store.js';
import type { Store } from '../../src/store/types.js';
import { collapseUnchanged } from '../../src/text/diff.js';
import { compareVersions } from '../../src/web/compare.js';
import { type RunningServer, startServer } from '../../src/web/server.js';
import { FIXTURE_ARTICLES } from '../../src/web/testing/fixtures.js';
import { REPO_ROOT, SAMPLE_TARBALL } from '../support/corpus.js';

export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-output/screenshots');
export const AXE_PATH = join(REPO_ROOT, 'node_modules/axe-core/axe.min.js');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A key that changes when the tarball or the store's code (its on-disk format) changes. */
function formatStamp(tarball: string): string {
  const hash = createHash('sha1').update(String(statSync(tarball).mtimeMs));
  const storeDir = join(REPO_ROOT, 'src/store');
  for (const name of readdirSync(storeDir).sort()) {
    if (/^(schema|prepare|writer|import)\.ts$/.test(name)) hash.update(readFileSync(join(storeDir, name)));
  }
  return hash.digest('hex').slice(0, 12);
}

/** The sample corpus imported into a DB once per tarball and store version (kept in the temp folder). */
export async function sampleDb(): Promise<string> {
  const stamp = formatStamp(SAMPLE_TARBALL);
  const dir = join(tmpdir(), 'backfile-e2e');
  mkdirSync(dir, { recursive: true });
  const db = join(dir, `sample-${stamp}.db`);
  if (existsSync(db)) return db;
  const tmp = `${db}.${process.pid}.tmp`;
  rmSync(tmp, { force: true });
  await importCorpus(tmp, SAMPLE_TARBALL, { quiet: true });
  try {
    renameSync(tmp, db);
  } catch {
    rmSync(tmp, { force: true });
  }
  return db;
}

/**
 * Two versions of one story of the sample, [earlier, later], whose texts differ by an insertion and
 * a deletion around an unchanged stretch long enough to be folded (found through the store, not
 * hard-coded): what the comparison page shows at its fullest.
 */
export function versionPair(store: Store): [number, number] {
  const ids = store.db.prepare('SELECT id FROM articles ORDER BY id DESC').pluck().all() as number[];
  for (const id of ids) {
    for (const v of store.versions(id)) {
      if (v.id < id) continue;
      const d = compareVersions(store.getArticle(id)!, store.getArticle(v.id)!).text;
      const ops = new Set(collapseUnchanged(d.ops).map((o) => o.op));
      if (d.granularity === 'characters' && ops.has('insert') && ops.has('delete') && ops.has('collapsed'))
        return [id, v.id];
    }
  }
  throw new Error('no two versions of one story with changes in the sample');
}

export interface Served {
  store: Store;
  server: RunningServer;
  /** Base URL without the trailing slash. */
  base: string;
  close(): Promise<void>;
}

export async function serveStore(store: Store): Promise<Served> {
  const server = await startServer({
    store,
    host: '127.0.0.1',
    port: 0,
    app: { search, logError: () => {} },
  });
  return {
    store,
    server,
    base: server.url.replace(/\/$/, ''),
    close: async () => {
      await server.close();
      store.close();
    },
  };
}

export async function serveSample(): Promise<Served> {
  return serveStore(openStore(await sampleDb(), { readonly: true }));
}

export async function serveFixtures(): Promise<Served> {
  const store = openStore(':memory:');
  importArticles(store, FIXTURE_ARTICLES);
  return serveStore(store);
}

/**
 * A page whose requests may only reach our own server: archive.org and everything else is aborted,
 * so no test touches the internet (and images fall back to their placeholder).
 */
export async function guardedPage(
  browser: Browser,
  base: string,
  opts: { width?: number; height?: number; dark?: boolean; bypassCSP?: boolean; javaScript?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page; blocked: string[] }> {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 },
    colorScheme: opts.dark ? 'dark' : 'light',
    bypassCSP: opts.bypassCSP ?? false,
    javaScriptEnabled: opts.javaScript ?? true,
    reducedMotion: 'reduce',
  });
  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${base}/`) || url === base) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  return { context, page, blocked };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; html: string }>;
}

/** Runs axe-core in the page (the page's context must bypass CSP to inject it). */
export async function axe(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected at run time
    const result = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v: AxeViolation) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, html: n.html.slice(0, 200) })),
    }));
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
