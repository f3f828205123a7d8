// The static copy (`backfile publish`, src/publish/static-site.ts) as readers get it: the sample's
// copy opened from the disk (file://, as from a USB stick), and the fixtures' copy in both languages
// from a plain static file server (as a host serves it, decoding the addresses into file names): a reader goes from the home page to an
// article, a tag, its next page, the days of the year and a day's download; the app's script runs
// under the pages' own Content-Security-Policy; no script of the hostile records runs; axe-core finds
// no serious or critical violation. Screenshots go to test-output/screenshots/.

import assert from 'node:assert/strict';
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { writeStaticSite } from '../../src/publish/static-site.js';
import { importArticles } from '../../src/store/import.js';
import { openStore } from '../../src/store/store.js';
import { FIXTURE_ARTICLES, HOSTILE_MARKERS } from '../../src/web/testing/fixtures.js';
import { axe, guardedPage, launchBrowser, sampleDb, screenshot } from './support.js';

const work = mkdtempSync(join(tmpdir(), 'backfile-e2e-static-'));
const sampleDir = join(work, 'sample');
const fixturesDir = join(work, 'fixtures');
let browser: Browser;
let server: Server;
let httpBase = '';
const sampleFile = pathToFileURL(sampleDir).href;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.csv': 'text/csv; charset=utf-8',
};

/** A static host: the path decoded into a file name under the folder, nothing else. */
function staticHost(dir: string): Server {
  return createServer((req, res) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const file = join(dir, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      // as GitHub Pages, Netlify and others do: the copy's 404.html, when it has one
      const notFound = join(dir, '404.html');
      if (!existsSync(notFound)) {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(404, { 'Content-Type': TYPES['.html']! });
      createReadStream(notFound).pipe(res);
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
}

before(async () => {
  const sample = openStore(await sampleDb(), { readonly: true });
  await writeStaticSite(sample, sampleDir);
  sample.close();
  server = staticHost(fixturesDir);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  httpBase = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  // served at the host's address: it has a 404.html with links there
  const fixtures = openStore(':memory:');
  importArticles(fixtures, FIXTURE_ARTICLES);
  await writeStaticSite(fixtures, fixturesDir, { lang: 'both', publicUrl: httpBase });
  fixtures.close();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  rmSync(work, { recursive: true, force: true });
});

test('from the disk: home → article → tag → its next page → the days of the year → a day and its download', async () => {
  const { context, page } = await guardedPage(browser, 'file://', { width: 1280 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${sampleFile}/index.html`);
  assert.equal(
    await page.locator('form.header-search').getAttribute('action'),
    'find.html',
    'without a server to search on, the box finds by title in the copy',
  );
  assert.equal(await page.locator('.lang-switch').count(), 0);
  await screenshot(page, 'static-home');

  const first = page.locator('.article-list a.title').first();
  const title = ((await first.textContent()) ?? '').trim();
  await first.click();
  await page.waitForURL(/\/article\/\d+\.html$/);
  assert.equal(((await page.locator('h1').textContent()) ?? '').trim(), title);
  // the app's script runs under the page's own policy, from the disk: it adds the copy buttons
  assert.ok((await page.locator('button.copy-button').count()) >= 1, 'the script ran');
  await screenshot(page, 'static-article');

  // a tag of many articles, then its second page
  await page.goto(`${sampleFile}/tags.html`);
  await page.locator('.chips a').first().click();
  await page.waitForURL(/\/tag\/[^/]+\.html$/);
  const next = page.locator('.pagination a[rel="next"]');
  assert.equal(await next.count(), 1, 'the largest tag has more than one page');
  await next.click();
  await page.waitForURL(/\/tag\/[^/]+\/page-2\.html$/);
  assert.equal(await page.locator('.pagination [aria-current="page"]').textContent(), '2');
  assert.ok((await page.locator('.article-list li').count()) > 0);
  await screenshot(page, 'static-tag-page-2');

  await page.goto(`${sampleFile}/index.html`);
  await page.locator('a[href="on-this-day/all.html"]').click();
  await page.waitForURL(/\/on-this-day\/all\.html$/);
  assert.equal(await page.locator('.otd-calendar a').count(), 366);
  await screenshot(page, 'static-on-this-day-all');
  await page.locator('.otd-calendar a[href="06-04.html"]').click();
  await page.waitForURL(/\/on-this-day\/06-04\.html$/);
  const csv = await page.locator('a[href="06-04.csv"]').getAttribute('href');
  assert.equal(csv, '06-04.csv');
  assert.ok(existsSync(join(sampleDir, 'on-this-day/06-04.csv')));
  assert.deepEqual(errors, []);
  await context.close();
});

test('from the disk: the search box finds articles by title, in either script, marked, newest first', async () => {
  const { context, page } = await guardedPage(browser, 'file://', { width: 1280 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${sampleFile}/date.html`);
  await page.fill('#header-q', '国安法');
  await page.press('#header-q', 'Enter');
  await page.waitForURL(/\/find\.html\?q=/);
  const status = page.locator('#find-status');
  await page.waitForFunction(() => /\d/.test(document.getElementById('find-status')?.textContent ?? ''));
  const n = Number(/找到 ([\d,]+) 篇/.exec((await status.textContent()) ?? '')?.[1]?.replace(/,/g, ''));
  assert.ok(n >= 5, `${n} titles hold 國安法 in the sample`);
  const results = page.locator('#find-results li');
  assert.equal(await results.count(), Math.min(n, 100));
  assert.equal(
    await page.locator('#find-results mark').first().textContent(),
    '國安法',
    'typed in Simplified, found in Traditional',
  );
  const dates = await page.locator('#find-results time').allTextContents();
  assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');
  await screenshot(page, 'static-find');
  // the same in Traditional, from the page's own box
  await page.fill('#find-q', '國安法');
  await page.press('#find-q', 'Enter');
  assert.match((await status.textContent()) ?? '', new RegExp(`找到 ${n.toLocaleString('en')} 篇`));
  await page.locator('#find-results a').first().click();
  await page.waitForURL(/\/article\/\d+\.html$/);
  assert.match((await page.locator('h1').textContent()) ?? '', /國安法/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('from a static host: addresses of values with any characters reach their files; the language switch; the 404 page; hostile records run no script', async () => {
  const { context, page } = await guardedPage(browser, httpBase, { width: 1280 });
  const res = await page.goto(`${httpBase}/tag/${encodeURIComponent('100%25 測試 & more')}.html`);
  assert.equal(res?.status(), 200);
  assert.match((await page.locator('h1').textContent()) ?? '', /100% 測試 & more/);
  // the article's own tag link, followed as a reader would
  await page.goto(`${httpBase}/article/108.html`);
  await page.locator('.article-tags a', { hasText: 'a/b?c#d' }).click();
  await page.waitForLoadState('load');
  assert.match((await page.locator('h1').textContent()) ?? '', /a\/b\?c#d/);

  // the language switch leads to the same page in English, and back
  await page.goto(`${httpBase}/article/108.html`);
  await page.locator('a.lang-switch').click();
  await page.waitForURL(`${httpBase}/en/article/108.html`);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await page.locator('a.lang-switch').click();
  await page.waitForURL(`${httpBase}/article/108.html`);
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-Hant-HK');

  // an address the copy has not: the original site's article address leads to its file; another
  // gets the copy's 404 page, whose links work from any depth
  await page.goto(`${httpBase}/article/108/${encodeURIComponent('測試文章-標籤')}`);
  await page.waitForURL(`${httpBase}/article/108.html`);
  await page.goto(`${httpBase}/about`);
  await page.waitForURL(`${httpBase}/about.html`);
  const missing = await page.goto(`${httpBase}/no/such/page.html`);
  assert.equal(missing?.status(), 404);
  assert.match((await page.locator('.error-page').textContent()) ?? '', /這個靜態副本沒有這個網址/);
  await page.locator('.error-page a', { hasText: '分類' }).first().click();
  await page.waitForURL(`${httpBase}/categories.html`);

  // a hostile title found by the finder is text
  await page.goto(`${httpBase}/find.html?q=${encodeURIComponent('惡意標題')}`);
  await page.waitForFunction(() => document.querySelectorAll('#find-results li').length > 0);
  assert.match(
    (await page.locator('#find-results a').first().textContent()) ?? '',
    /<script>window\.__pwned/,
  );
  for (const marker of HOSTILE_MARKERS)
    assert.equal(
      await page.evaluate((m) => (window as unknown as Record<string, unknown>)[m], marker),
      undefined,
    );

  await page.goto(`${httpBase}/article/666.html`);
  await page.waitForTimeout(300);
  for (const marker of HOSTILE_MARKERS)
    assert.equal(
      await page.evaluate((m) => (window as unknown as Record<string, unknown>)[m], marker),
      undefined,
    );
  assert.match(
    (await page.locator('.article-body').textContent()) ?? '',
    /after all the tricks, this paragraph remains/,
  );
  await context.close();
});

test('axe-core: no serious or critical violation on the copy’s pages, desktop light and 360 px dark', async (t) => {
  const tag = 'tags.html';
  for (const path of [
    'index.html',
    'on-this-day/all.html',
    'on-this-day/06-04.html',
    'about.html',
    tag,
    'find.html?q=香港',
  ]) {
    for (const variant of [
      { suffix: 'desktop-light', width: 1280, dark: false },
      { suffix: '360-dark', width: 360, dark: true },
    ]) {
      await t.test(`${path} (${variant.suffix})`, async () => {
        const { context, page } = await guardedPage(browser, 'file://', {
          width: variant.width,
          dark: variant.dark,
          bypassCSP: true,
        });
        await page.goto(`${sampleFile}/${path}`);
        const bad = (await axe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
        assert.deepEqual(bad, [], `${path}: ${JSON.stringify(bad, null, 1)}`);
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(scrollWidth <= variant.width + 1, `${path} overflows sideways at ${variant.width}px`);
        await screenshot(page, `static-${path.replace(/\W+/g, '-')}-${variant.suffix}`);
        await context.close();
      });
    }
  }
});
