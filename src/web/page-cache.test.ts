import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeEtag, PageCache } from './page-cache.js';

const page = (text: string) => {
  const body = new TextEncoder().encode(text);
  return { status: 200, type: 'text/html', body, etag: makeEtag(body) };
};

test('evicts the least recently used entry by count', () => {
  const cache = new PageCache(2, 1_000_000);
  cache.set('a', page('A'));
  cache.set('b', page('B'));
  assert.ok(cache.get('a'), 'a is now the most recent');
  cache.set('c', page('C'));
  assert.equal(cache.get('b'), undefined);
  assert.ok(cache.get('a'));
  assert.ok(cache.get('c'));
  assert.equal(cache.size, 2);
});

test('keeps within its byte budget and skips pages too large for it', () => {
  const cache = new PageCache(100, 40);
  cache.set('a', page('x'.repeat(8)));
  cache.set('b', page('y'.repeat(8)));
  cache.set('huge', page('z'.repeat(30)));
  assert.equal(cache.get('huge'), undefined, 'a page over a quarter of the budget is not kept');
  for (const k of ['c', 'd', 'e', 'f']) cache.set(k, page(k.repeat(8)));
  assert.ok(cache.totalBytes <= 40);
  assert.equal(cache.get('a'), undefined);
  cache.set('e', page('e'.repeat(4)));
  assert.equal(cache.get('e')?.body.length, 4, 'replacing an entry updates it');
});

test('ETags are strong, quoted and differ by content', () => {
  assert.match(page('a').etag, /^"[A-Za-z0-9_-]{22}"$/);
  assert.notEqual(page('a').etag, page('b').etag);
  assert.equal(page('a').etag, page('a').etag);
});
