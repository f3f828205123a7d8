import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { parseHTML } from 'linkedom';
import { BackfileError } from '../lib/errors.js';
import { importArticles } from '../store/import.js';
import { openStore } from '../store/store.js';
import { fixtureArticle } from '../store/test-fixtures.js';
import type { Store } from '../store/types.js';
import { FIXTURE_ARTICLES } from '../web/testing/fixtures.js';
import { SITE_CHECKSUMS, SITE_MANIFEST, type StaticSiteSummary, writeStaticSite } from './static-site.js';

const work = mkdtempSync(join(tmpdir(), 'backfile-static-site-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** The reader's fixtures, and one article that links a missing article and names a tag in another script. */
function siteStore(): Store {
  const store = openStore(':memory:');
  const base = FIXTURE_ARTICLES.find((a) => a.id === 102)!;
  importArticles(store, [
    ...FIXTURE_ARTICLES,
    {
      ...base,
      id: 109,
      title: '測試文章：簡體標籤與失落的連結',
      date: '2021-05-01',
      tags: ['国安法'],
      body: '# 測試\n\n見[一篇存檔沒有的文章](https://www.hkcnews.com/article/999/gone)。',
      url: 'https://web.archive.org/web/20210501000000/https://www.hkcnews.com/article/109/x',
      originalUrl: 'https://www.hkcnews.com/article/109/x',
    },
  ]);
  return store;
}

const NOW = () => new Date('2026-06-30T04:00:00Z');

/** Every file under dir, as paths relative to it with `/`. */
function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .map((f) => f.split('\\').join('/'))
    .filter((f) => statSync(join(dir, f)).isFile());
}

/**
 * Checks a copy as a browser reading it from the disk would: every href, src and action of every
 * page that is not an outside address or a fragment must be a relative link to a file of the copy.
 */
function brokenLinks(dir: string): string[] {
  const broken: string[] = [];
  for (const file of filesUnder(dir).filter((f) => f.endsWith('.html'))) {
    const { document } = parseHTML(readFileSync(join(dir, file), 'utf8'));
    for (const el of document.querySelectorAll('[href], [src], [action]')) {
      const value = el.getAttribute('href') ?? el.getAttribute('src') ?? el.getAttribute('action') ?? '';
      if (/^(?:https?:|mailto:|#)/.test(value)) continue;
      if (value.startsWith('/') || value.includes('?')) {
        broken.push(`${file}: ${value} (not a relative link to a file)`);
        continue;
      }
      const target = join(dirname(join(dir, file)), decodeURIComponent(value.split('#')[0]!));
      if (!existsSync(target) || !statSync(target).isFile()) broken.push(`${file}: ${value}`);
    }
  }
  return broken;
}

let zh: StaticSiteSummary;
const zhDir = join(work, 'zh');
test('writeStaticSite: every page a file, every internal link a relative link to a file of the copy', async () => {
  const store = siteStore();
  const progress: number[] = [];
  zh = await writeStaticSite(store, zhDir, { now: NOW, onProgress: (done) => progress.push(done) });
  const files = new Set(filesUnder(zhDir));
  for (const f of [
    'index.html',
    'about.html',
    'categories.html',
    'tags.html',
    'authors.html',
    'date.html',
    'date/2021.html',
    'date/2021/06.html',
    'date/2021/06/30.html',
    'date/undated.html',
    'article/101.html',
    'article/666.html',
    'article/109.html',
    'category/眾說.html',
    'tag/國安法.html',
    'tag/a%2Fb%3Fc#d.html',
    'tag/100%25 測試 & more.html',
    'author/測試專欄作者.html',
    'on-this-day/all.html',
    'on-this-day/06-30.html',
    'on-this-day/02-29.html',
    'on-this-day/06-30.csv',
    'on-this-day/06-30.ris',
    'on-this-day/06-30.bib',
    SITE_MANIFEST,
  ])
    assert.ok(files.has(f), `${f} is written`);
  assert.equal([...files].filter((f) => f.startsWith('static/')).length, 2, 'the stylesheet and the script');
  assert.ok(![...files].some((f) => /search|\.atom|sitemap|api/.test(f)), 'nothing the copy cannot serve');
  assert.ok(files.has('find.html') && files.has('find-index.js'));
  assert.deepEqual(brokenLinks(zhDir), []);
  assert.equal(zh.failed.length, 0);
  assert.equal(zh.articles, FIXTURE_ARTICLES.length + 1);
  assert.equal(zh.files, files.size, 'every file is counted');
  assert.ok(progress.length > 0 && progress.at(-1)! >= zh.pages, 'progress is reported');
  // every file's checksum, which sha256sum checks in the folder (a copy moved anywhere)
  const sums = readFileSync(join(zhDir, SITE_CHECKSUMS), 'utf8').trimEnd().split('\n');
  assert.equal(sums.length, files.size - 1, 'every file but the list itself');
  for (const line of sums.slice(0, 50)) {
    const [hash, file] = line.split('  ') as [string, string];
    assert.equal(
      createHash('sha256')
        .update(readFileSync(join(zhDir, file)))
        .digest('hex'),
      hash,
      file,
    );
  }
  const check = spawnSync('sha256sum', ['--check', '--quiet', SITE_CHECKSUMS], {
    cwd: zhDir,
    encoding: 'utf8',
  });
  assert.equal(check.status, 0, check.stdout + check.stderr);
  const manifest = JSON.parse(readFileSync(join(zhDir, SITE_MANIFEST), 'utf8'));
  assert.equal(manifest.madeOn, '2026-06-30');
  assert.equal(manifest.articles, zh.articles);
  assert.deepEqual(manifest.languages, ['zh']);
  assert.equal(manifest.complete, true);
  store.close();
});

test('writeStaticSite: a link to a page that is missing is text, mended after the crawl', () => {
  const page = readFileSync(join(zhDir, 'article/109.html'), 'utf8');
  assert.match(page, /<span>一篇存檔沒有的文章<\/span>/, 'the link to the missing article 999 is unlinked');
  assert.ok(!page.includes('999.html'));
  assert.ok((zh.unlinked.article ?? 0) >= 1);
  assert.ok(zh.mended >= 1, 'the page was written before 999 was found missing');
  // a tag as an article writes it is a listing of its own, in either script
  assert.match(page, /href="\.\.\/tag\/%E5%9B%BD%E5%AE%89%E6%B3%95\.html"/);
  // the fixture's link from 101 to 102, written as an hkcnews address, is a link between files
  assert.match(readFileSync(join(zhDir, 'article/101.html'), 'utf8'), /href="102\.html"/);
});

test('writeStaticSite: pages leave out what needs the server and say they are a copy', () => {
  const home = readFileSync(join(zhDir, 'index.html'), 'utf8');
  assert.match(home, /<html lang="zh-Hant-HK"/);
  assert.match(
    home,
    /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; script-src &#39;self&#39;/,
  );
  assert.match(home, /form-action &#39;self&#39;/);
  // no server to search on: the header's box finds by title in the copy
  assert.match(home, /<form class="header-search" action="find\.html" method="get">/);
  assert.match(home, /placeholder="按標題尋找…"/);
  assert.ok(!home.includes('lang-switch'), 'no language switch');
  assert.ok(!home.includes('application/json') && !home.includes('atom'), 'no JSON or feed links');
  assert.match(home, /2026-06-30 製作的靜態副本/);
  assert.match(home, /href="on-this-day\/all\.html"/, 'the home page leads to the days of the year');
  const listing = readFileSync(join(zhDir, 'tag/香港政治.html'), 'utf8');
  assert.ok(!listing.includes('class="sort"'), 'one order');
  const day = readFileSync(join(zhDir, 'on-this-day/06-30.html'), 'utf8');
  assert.ok(!day.includes('otd-picker'));
  assert.match(day, /href="06-30\.csv"/);
  assert.match(day, /href="all\.html"/);
  const calendar = readFileSync(join(zhDir, 'on-this-day/all.html'), 'utf8');
  assert.equal(calendar.match(/href="\d\d-\d\d\.html"/g)?.length, 366);
  const { document } = parseHTML(readFileSync(join(zhDir, 'article/666.html'), 'utf8'));
  const scripts = [...document.querySelectorAll('script')].map((e) => e.getAttribute('src'));
  assert.equal(scripts.length, 1);
  assert.match(scripts[0]!, /^\.\.\/static\/app\.[0-9a-f]+\.js$/, 'no script but the app');
  const handlers = [...document.querySelectorAll('*')].flatMap((e) =>
    e.getAttributeNames().filter((n: string) => n.startsWith('on')),
  );
  assert.deepEqual(handlers, [], 'no event handlers');
  assert.ok(document.querySelector('p')?.textContent, 'the body is there');
});

test('writeStaticSite: a copy without a server finds by title, in a page and an index of titles for every language', async () => {
  const find = readFileSync(join(zhDir, 'find.html'), 'utf8');
  assert.match(find, /<form id="find-form" class="search-form" action="find\.html" method="get"/);
  assert.match(find, /<script src="find-index\.js" defer=""><\/script>/);
  assert.match(find, /<noscript>/);
  const index = readFileSync(join(zhDir, 'find-index.js'), 'utf8');
  assert.match(index, /^window\.BACKFILE_FIND = /);
  assert.match(index, /"測試文章：國安法實施一周年回顧"/);
  // an article's page links there from its search box, at any depth
  assert.match(
    readFileSync(join(zhDir, 'tag/香港政治.html'), 'utf8'),
    /<form class="header-search" action="\.\.\/find\.html"/,
  );
  const store = siteStore();
  const dir = join(work, 'find-both');
  await writeStaticSite(store, dir, { now: NOW, lang: 'both' });
  assert.match(
    readFileSync(join(dir, 'en/find.html'), 'utf8'),
    /<script src="\.\.\/find-index\.js" defer="">/,
    'one index for both',
  );
  assert.ok(!existsSync(join(dir, 'en/find-index.js')));
  assert.deepEqual(brokenLinks(dir), []);
  store.close();
});

test('writeStaticSite: search boxes ask the named server, in the language asked for', async () => {
  const store = siteStore();
  const dir = join(work, 'en');
  await writeStaticSite(store, dir, { now: NOW, lang: 'en', searchUrl: 'https://archive.example.org' });
  const home = readFileSync(join(dir, 'index.html'), 'utf8');
  assert.match(home, /<html lang="en"/);
  assert.match(
    home,
    /<form class="header-search" action="https:\/\/archive\.example\.org\/search" method="get">/,
  );
  assert.match(home, /form-action https:\/\/archive\.example\.org/);
  assert.match(home, /search is on the archive&#39;s server/);
  assert.ok(
    !existsSync(join(dir, 'find.html')) && !existsSync(join(dir, 'find-index.js')),
    'the server searches',
  );
  assert.deepEqual(brokenLinks(dir), []);
  store.close();
});

test('writeStaticSite: in both languages, Chinese at the root and English in en/, each page switching to the other', async () => {
  const store = siteStore();
  const dir = join(work, 'both');
  const summary = await writeStaticSite(store, dir, { now: NOW, lang: 'both' });
  const zhHome = readFileSync(join(dir, 'index.html'), 'utf8');
  assert.match(zhHome, /<html lang="zh-Hant-HK"/);
  assert.match(zhHome, /<a class="lang-switch" href="en\/index\.html" hreflang="en" lang="en"/);
  const enHome = readFileSync(join(dir, 'en/index.html'), 'utf8');
  assert.match(enHome, /<html lang="en"/);
  assert.match(enHome, /<a class="lang-switch" href="\.\.\/index\.html" hreflang="zh-Hant-HK"/);
  assert.match(
    enHome,
    /<link rel="stylesheet" href="\.\.\/static\/style\.[0-9a-f]+\.css"\/>/,
    'one stylesheet for both',
  );
  assert.ok(!existsSync(join(dir, 'en/static')));
  assert.match(
    readFileSync(join(dir, 'en/tag/香港政治.html'), 'utf8'),
    /class="lang-switch" href="\.\.\/\.\.\/tag\/%E9%A6%99%E6%B8%AF%E6%94%BF%E6%B2%BB\.html"/,
  );
  assert.match(
    readFileSync(join(dir, 'en/article/101.html'), 'utf8'),
    /<h2 id="provenance-title">Provenance<\/h2>/,
  );
  assert.deepEqual(brokenLinks(dir), []);
  assert.equal(summary.pages, 2 * zh.pages, 'every page in each language');
  assert.equal(summary.articles, zh.articles, 'each article once');
  assert.deepEqual(summary.languages, ['zh', 'en']);
  assert.deepEqual(JSON.parse(readFileSync(join(dir, SITE_MANIFEST), 'utf8')).languages, ['zh', 'en']);
  store.close();
});

test('writeStaticSite: at a public address, articles name their file there, and sitemaps list every article', async () => {
  const store = siteStore();
  const dir = join(work, 'public');
  const base = 'https://user.github.io/hkcnews';
  const summary = await writeStaticSite(store, dir, { now: NOW, publicUrl: base });
  const page = readFileSync(join(dir, 'article/101.html'), 'utf8');
  assert.match(
    page,
    /<link rel="canonical" href="https:\/\/user\.github\.io\/hkcnews\/article\/101\.html"\/>/,
  );
  assert.match(
    page,
    /<meta property="og:url" content="https:\/\/user\.github\.io\/hkcnews\/article\/101\.html"\/>/,
  );
  assert.match(
    readFileSync(join(dir, 'sitemap.xml'), 'utf8'),
    /<sitemap><loc>https:\/\/user\.github\.io\/hkcnews\/sitemap\/1\.xml<\/loc><\/sitemap>/,
  );
  const part = readFileSync(join(dir, 'sitemap/1.xml'), 'utf8');
  const listed = [...part.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]!);
  assert.equal(listed.length, store.articleIds().length, 'every article, placeholder pages aside');
  assert.ok(listed.includes(`${base}/article/101.html`));
  for (const url of listed) assert.ok(existsSync(join(dir, url.slice(base.length + 1))), url);
  assert.equal(
    readFileSync(join(dir, 'robots.txt'), 'utf8'),
    `User-agent: *\nAllow: /\nSitemap: ${base}/sitemap.xml\n`,
  );
  assert.deepEqual(brokenLinks(dir), []);
  assert.equal(JSON.parse(readFileSync(join(dir, SITE_MANIFEST), 'utf8')).sitemaps, 1);
  // the page hosts answer with for an address the copy has not: links at the public address
  const notFound = readFileSync(join(dir, '404.html'), 'utf8');
  assert.match(notFound, /<div class="error-page" data-copy-base="https:\/\/user\.github\.io\/hkcnews">/);
  assert.match(notFound, /這個靜態副本沒有這個網址/);
  assert.match(
    notFound,
    /<link rel="stylesheet" href="https:\/\/user\.github\.io\/hkcnews\/static\/style\.[0-9a-f]+\.css"\/>/,
  );
  assert.match(notFound, /<a href="https:\/\/user\.github\.io\/hkcnews\/categories\.html">/);
  assert.match(notFound, /action="https:\/\/user\.github\.io\/hkcnews\/find\.html"/);
  assert.ok(
    ![...notFound.matchAll(/\s(?:href|src|action)="([^"#][^"]*)"/g)].some(
      (m) => !m[1]!.startsWith('https://'),
    ),
    'every link absolute',
  );
  assert.ok(
    !existsSync(join(zhDir, '404.html')),
    'without a public address there is none: its links could not be relative',
  );
  assert.equal(summary.files, filesUnder(dir).length, 'every file is counted');
  store.close();
});

test('writeStaticSite: values only case tells apart get files a case-insensitive disk keeps apart', async () => {
  const store = openStore(':memory:');
  importArticles(store, [
    fixtureArticle(1, { title: '甲', date: '2020-01-01', text: '一', tags: ['Hong Kong'] }),
    fixtureArticle(2, { title: '乙', date: '2020-01-02', text: '二', tags: ['hong kong'] }),
  ]);
  const dir = join(work, 'case');
  await writeStaticSite(store, dir, { now: NOW, lang: 'both' });
  const files = filesUnder(dir);
  const lower = files.map((f) => f.toLowerCase());
  assert.equal(new Set(lower).size, files.length, 'no two files differ only in case');
  const tags = files.filter((f) => f.startsWith('tag/'));
  assert.equal(tags.length, 2);
  assert.ok(tags.includes('tag/Hong Kong.html'));
  const other = tags.find((f) => f !== 'tag/Hong Kong.html')!;
  assert.match(other, /^tag\/hong kong~[0-9a-f]{8}\.html$/);
  assert.match(readFileSync(join(dir, other), 'utf8'), /<h1>標籤：hong kong<\/h1>/);
  assert.ok(files.includes(`en/${other}`), 'the same name in each language');
  assert.deepEqual(brokenLinks(dir), []);
  store.close();
});

test('writeStaticSite: an earlier copy is replaced; a folder holding anything else is refused', async () => {
  const store = siteStore();
  const dir = join(work, 'again');
  await writeStaticSite(store, dir, { now: NOW });
  writeFileSync(join(dir, 'article/stale.html'), 'old');
  writeFileSync(join(dir, 'gone.html'), 'old');
  writeFileSync(join(dir, 'CNAME'), 'archive.example.org\n');
  await writeStaticSite(store, dir, { now: NOW });
  assert.ok(!existsSync(join(dir, 'article/stale.html')), 'what the earlier copy held is gone');
  assert.ok(!existsSync(join(dir, 'gone.html')));
  assert.ok(existsSync(join(dir, 'article/101.html')));
  assert.ok(existsSync(join(dir, '.nojekyll')), 'GitHub Pages serves names starting with _ too');
  assert.equal(readFileSync(join(dir, 'CNAME'), 'utf8'), 'archive.example.org\n', "the host's file is kept");
  // a copy cut short (its manifest says so) is replaced as well
  writeFileSync(
    join(dir, SITE_MANIFEST),
    JSON.stringify({ ...JSON.parse(readFileSync(join(dir, SITE_MANIFEST), 'utf8')), complete: false }),
  );
  rmSync(join(dir, 'index.html'));
  await writeStaticSite(store, dir, { now: NOW });
  assert.ok(existsSync(join(dir, 'index.html')));
  assert.equal(JSON.parse(readFileSync(join(dir, SITE_MANIFEST), 'utf8')).complete, true);
  const other = join(work, 'other');
  mkdirSync(other);
  writeFileSync(join(other, 'notes.txt'), 'mine');
  await assert.rejects(writeStaticSite(store, other, { now: NOW }), (err: unknown) => {
    assert.ok(err instanceof BackfileError);
    assert.equal(err.code, 'io');
    assert.match(err.message, /not empty and holds no static copy/);
    return true;
  });
  assert.equal(readFileSync(join(other, 'notes.txt'), 'utf8'), 'mine', 'nothing of it is touched');
  store.close();
});
