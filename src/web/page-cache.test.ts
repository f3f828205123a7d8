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

test('a page asked for again outlives any number of pages asked for once', () => {
  const cache = new PageCache(10, 1_000_000);
  cache.set('/article/1', page('popular'));
  assert.ok(cache.get('/article/1'), 'asked for again: protected');
  assert.equal(cache.protectedSize, 1);
  // a crawler's walk, or a query string made new for each request
  for (let n = 0; n < 1000; n++) cache.set(`/article/1?x=${n}`, page(`once ${n}`));
  assert.equal(cache.get('/article/1')?.etag, page('popular').etag);
  assert.equal(cache.size, 10);
  assert.equal(cache.get('/article/1?x=0'), undefined, 'the oldest of those asked for once left');
  assert.ok(cache.get('/article/1?x=999'), 'the newest is still on probation');
});

test('the protected share sheds its oldest entries back on probation, not out', () => {
  const cache = new PageCache(5, 1_000_000); // 4 protected at most
  for (const k of ['a', 'b', 'c', 'd', 'e']) cache.set(k, page(k));
  for (const k of ['a', 'b', 'c', 'd', 'e']) assert.ok(cache.get(k));
  assert.equal(cache.protectedSize, 4);
  assert.equal(cache.size, 5, 'a, shed from the protected share, is still kept');
  assert.ok(cache.get('a'), 'and is protected again when asked for');
  cache.set('f', page('f'));
  assert.equal(cache.get('b'), undefined, 'b, shed when a came back, was oldest on probation');
  for (const k of ['a', 'c', 'd', 'e', 'f']) assert.ok(cache.get(k), k);
});

test('the byte budget holds across both segments, and a protected page is replaced in place', () => {
  const cache = new PageCache(100, 100); // 80 bytes protected at most
  cache.set('a', page('a'.repeat(20)));
  cache.set('b', page('b'.repeat(20)));
  assert.ok(cache.get('a'));
  assert.ok(cache.get('b'));
  cache.set('a', page('A'.repeat(25)));
  assert.equal(cache.protectedSize, 2, 'replacing a protected entry keeps it protected');
  for (let n = 0; n < 20; n++) cache.set(`once${n}`, page('z'.repeat(20)));
  assert.ok(cache.totalBytes <= 100);
  assert.equal(cache.get('a')?.body.length, 25);
  assert.ok(cache.get('b'));
});

test('pages pushed out of probation and asked for again soon are kept, as a new working set', () => {
  const cache = new PageCache(10, 1_000_000); // 8 protected at most
  const first = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
  for (const k of first) cache.set(k, page(k));
  for (const k of first) assert.ok(cache.get(k));
  assert.equal(cache.protectedSize, 8);
  // readers move on to 9 other pages, asked for in turn: with only 2 places on probation beside
  // the 8 protected, each would be pushed out before it was asked for again
  const next = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
  const missesOfRound: number[] = [];
  for (let round = 0; round < 4; round++) {
    let misses = 0;
    for (const k of next) {
      if (!cache.get(k)) {
        misses++;
        cache.set(k, page(k));
      }
    }
    missesOfRound.push(misses);
  }
  assert.deepEqual(missesOfRound.slice(2), [0, 0], `misses by round: ${missesOfRound}`);
  assert.equal(cache.get('a'), undefined);
});

test('the set of keys pushed out lately is bounded', () => {
  const cache = new PageCache(3, 1_000_000);
  for (let n = 0; n < 100; n++) cache.set(`once${n}`, page(`${n}`));
  // once0 was pushed out 97 pages ago (the memory holds the last 3): it starts on probation again
  cache.set('once0', page('0'));
  assert.equal(cache.protectedSize, 0);
  // once96 was pushed out 4 pages ago, still remembered: it is protected at once
  cache.set('once96', page('96'));
  assert.equal(cache.protectedSize, 1);
});
