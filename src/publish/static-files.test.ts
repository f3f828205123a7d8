import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CopyFileNames,
  relativeHref,
  rewriteLinks,
  safeFileName,
  staticFileOf,
  withoutLang,
} from './static-files.js';

test('staticFileOf: a page is a file of its path, its page number a file beside it; what a host cannot serve is none', () => {
  assert.equal(staticFileOf('/'), 'index.html');
  assert.equal(staticFileOf('/article/32181'), 'article/32181.html');
  assert.equal(staticFileOf('/tag/%E5%9C%8B%E5%AE%89%E6%B3%95'), 'tag/國安法.html');
  assert.equal(staticFileOf('/tag/%E5%9C%8B%E5%AE%89%E6%B3%95?page=2'), 'tag/國安法/page-2.html');
  assert.equal(staticFileOf('/date/2020/07'), 'date/2020/07.html');
  assert.equal(staticFileOf('/date/2020?page=3'), 'date/2020/page-3.html');
  assert.equal(staticFileOf('/on-this-day/06-04.csv'), 'on-this-day/06-04.csv', 'downloads keep their names');
  assert.equal(staticFileOf('/static/style.0123456789.css'), 'static/style.0123456789.css');
  // a value holding a slash or a query's characters is one file name, not a path or a query
  assert.equal(staticFileOf('/tag/a%2Fb%3Fc%23d'), 'tag/a%2Fb%3Fc#d.html');
  for (const url of [
    '/search?q=x',
    '/tag/x?sort=oldest',
    '/tag/x?page=2&sort=oldest',
    '/tag/x?page=0',
    '/?page=2',
    '/api/article/1',
    '/api',
    '/article/1/',
    '//evil.example/x',
    '/tag/%E0%A4',
    '/tag/..',
    'article/1',
  ])
    assert.equal(staticFileOf(url), null, url);
});

test('safeFileName: any value is one name any file system takes, and two values never share one', () => {
  assert.equal(safeFileName('國安法'), '國安法');
  assert.equal(safeFileName('a/b\\c:d*e?f"g<h>i|j'), 'a%2Fb%5Cc%3Ad%2Ae%3Ff%22g%3Ch%3Ei%7Cj');
  assert.notEqual(safeFileName('a/b'), safeFileName('a%2Fb'), 'the escape character is escaped too');
  assert.equal(safeFileName('100% 測試'), '100%25 測試');
  assert.equal(safeFileName('.hidden'), '%2Ehidden');
  assert.equal(safeFileName('CON'), '%43ON');
  assert.equal(safeFileName('end.'), 'end%2E');
  assert.equal(safeFileName('tab\there'), 'tab%09here');
  const long = '香'.repeat(200);
  const other = `${'香'.repeat(199)}港`;
  assert.ok(Buffer.byteLength(safeFileName(long)) <= 200);
  assert.notEqual(safeFileName(long), safeFileName(other), 'long names differ by a hash of the whole');
  assert.equal(safeFileName(long), safeFileName(long));
});

test('relativeHref: links from one file to another, up and down folders, percent-encoded', () => {
  assert.equal(relativeHref('index.html', 'article/1.html'), 'article/1.html');
  assert.equal(relativeHref('article/1.html', 'article/2.html'), '2.html');
  assert.equal(relativeHref('article/1.html', 'index.html'), '../index.html');
  assert.equal(
    relativeHref('tag/國安法/page-2.html', 'tag/國安法.html'),
    '../%E5%9C%8B%E5%AE%89%E6%B3%95.html',
  );
  assert.equal(relativeHref('date/2020/07/15.html', 'static/app.js'), '../../../static/app.js');
  assert.equal(relativeHref('a.html', 'tag/100%25 x.html'), 'tag/100%2525%20x.html');
  assert.equal(relativeHref('tag/x.html', 'tag/x/page-2.html'), 'x/page-2.html');
});

test('rewriteLinks: changes, keeps or drops links; a dropped anchor keeps its text, a dropped form goes', () => {
  const html =
    '<head><link rel="alternate" href="/api/x"><link rel="stylesheet" href="/s.css"></head>' +
    '<a class="title" lang="en" href="/article/1">One &amp; <mark>two</mark></a> ' +
    '<a href="/search?q=a&amp;b=c">find</a> <a href="https://example.org/">out</a> <a href="#top">top</a>' +
    '<form class="f" action="/search"><input name="q"></form><img src="/static/x.png" alt="">';
  const out = rewriteLinks(html, (v) => {
    if (!v.startsWith('/')) return undefined;
    if (v.startsWith('/api') || v.startsWith('/search')) return null;
    return `mapped${v}&"`;
  });
  assert.equal(
    out,
    '<head><link rel="stylesheet" href="mapped/s.css&amp;&quot;"></head>' +
      '<a class="title" lang="en" href="mapped/article/1&amp;&quot;">One &amp; <mark>two</mark></a> ' +
      '<span>find</span> <a href="https://example.org/">out</a> <a href="#top">top</a>' +
      '<img src="mapped/static/x.png&amp;&quot;" alt="">',
  );
  const seen: string[] = [];
  rewriteLinks(html, (v) => {
    seen.push(v);
    return undefined;
  });
  assert.ok(seen.includes('/search?q=a&b=c'), 'the map gets values decoded');
});

test('withoutLang: the page a language switch names, its other parameters kept', () => {
  assert.equal(withoutLang('/article/1?lang=en', 'en'), '/article/1');
  assert.equal(withoutLang('/tag/x?page=2&lang=en', 'en'), '/tag/x?page=2');
  assert.equal(withoutLang('/article/1?lang=zh', 'en'), null, 'the other language');
  assert.equal(withoutLang('/article/1', 'en'), null);
});

test('CopyFileNames: names that only case tells apart are made distinct, each URL keeping its first', () => {
  const names = new CopyFileNames();
  assert.equal(names.fileOf('/tag/Hong%20Kong'), 'tag/Hong Kong.html');
  const second = names.fileOf('/tag/hong%20kong');
  assert.match(second!, /^tag\/hong kong~[0-9a-f]{8}\.html$/);
  assert.equal(names.fileOf('/tag/hong%20kong'), second, 'the same each time');
  assert.equal(names.fileOf('/tag/Hong%20Kong'), 'tag/Hong Kong.html');
  assert.equal(names.fileOf('/tag/HONG%20KONG?page=2'), 'tag/HONG KONG/page-2.html', 'a folder of its own');
  assert.equal(names.fileOf('/search?q=x'), null);
});
