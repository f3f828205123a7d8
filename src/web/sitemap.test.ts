import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SITEMAP_PART, sitemapIndex, sitemapPart, sitemapParts } from './sitemap.js';

test('a sitemap index names one part per 10,000 articles, at the origin asked for', () => {
  assert.equal(sitemapParts(0), 1);
  assert.equal(sitemapParts(SITEMAP_PART), 1);
  assert.equal(sitemapParts(SITEMAP_PART + 1), 2);
  const index = sitemapIndex('https://archive.example.org', 2);
  assert.match(
    index,
    /^<\?xml version="1.0" encoding="UTF-8"\?>\n<sitemapindex xmlns="http:\/\/www\.sitemaps\.org\/schemas\/sitemap\/0\.9">/,
  );
  assert.deepEqual(
    [...index.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]),
    ['https://archive.example.org/sitemap/1.xml', 'https://archive.example.org/sitemap/2.xml'],
  );
});

test('a part lists its articles in order; past the last part there is none; addresses are escaped', () => {
  const ids = Int32Array.from({ length: SITEMAP_PART + 2 }, (_, i) => i + 1);
  const first = sitemapPart('http://h', ids, 1)!;
  assert.equal(first.match(/<url>/g)?.length, SITEMAP_PART);
  assert.match(first, /<url><loc>http:\/\/h\/article\/1<\/loc><\/url>\n/);
  const second = sitemapPart('http://h', ids, 2)!;
  assert.deepEqual(
    [...second.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]),
    [`http://h/article/${SITEMAP_PART + 1}`, `http://h/article/${SITEMAP_PART + 2}`],
  );
  assert.equal(sitemapPart('http://h', ids, 3), null);
  assert.equal(sitemapPart('http://h', ids, 0), null);
  assert.match(sitemapPart('http://a&b', [7], 1)!, /<loc>http:\/\/a&amp;b\/article\/7<\/loc>/);
});
