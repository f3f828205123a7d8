import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cdxParams, enumerateArticles, idPrefixes, parseCdxJson, parseIdRange } from './cdx.js';
import { hkcnewsProfile } from './extract/hkcnews.js';
import { HttpClient } from './http.js';
import { type FakeCapture, startFakeWayback } from './testing/fake-wayback.js';

test('parses JSON rows and the resume key after the empty row', () => {
  const text = `[["urlkey","timestamp","original","statuscode","mimetype","digest"],
["com,hkcnews)/article/1/a","20210101000000","https://www.hkcnews.com/article/1/a","200","text/html","X"],
[],
["com%2Chkcnews%29%2Farticle%2F2 20210101000000"]]`;
  const page = parseCdxJson(text);
  assert.equal(page.rows.length, 1);
  assert.equal(page.rows[0]!.original, 'https://www.hkcnews.com/article/1/a');
  assert.equal(page.resumeKey, 'com%2Chkcnews%29%2Farticle%2F2 20210101000000');
  assert.deepEqual(parseCdxJson('[]'), { rows: [], resumeKey: undefined });
  assert.deepEqual(parseCdxJson(''), { rows: [] });
  assert.throws(() => parseCdxJson('<html>busy</html>'), /not JSON/);
});

test('queries keep limit, showResumeKey and the filters on every page', () => {
  const p = cdxParams({ prefix: 'www.hkcnews.com/article/', from: '2021', pageSize: 100 }, 'KEY');
  assert.equal(p.get('url'), 'www.hkcnews.com/article/*');
  assert.equal(p.get('output'), 'json');
  assert.equal(p.get('fl'), 'urlkey,timestamp,original,statuscode,mimetype,digest');
  assert.deepEqual(p.getAll('filter'), ['statuscode:200']);
  assert.equal(p.get('collapse'), 'digest');
  assert.equal(p.get('limit'), '100');
  assert.equal(p.get('showResumeKey'), 'true');
  assert.equal(p.get('resumeKey'), 'KEY');
  assert.equal(p.get('from'), '2021');
});

test('id ranges become a few CDX prefixes covering them', () => {
  assert.deepEqual(parseIdRange('174-49122'), { from: 174, to: 49122 });
  assert.deepEqual(parseIdRange('5'), { from: 5, to: 5 });
  assert.throws(() => parseIdRange('9-3'));
  assert.deepEqual(idPrefixes({ from: 174, to: 174 }), ['174/']);
  assert.deepEqual(idPrefixes({ from: 170, to: 179 }), ['17']);
  assert.deepEqual(idPrefixes({ from: 0, to: 10 }), ['']);
  for (const range of [
    { from: 174, to: 49122 },
    { from: 32001, to: 33000 },
    { from: 9, to: 1234 },
  ]) {
    const prefixes = idPrefixes(range);
    assert.ok(prefixes.length <= 12);
    for (const id of [range.from, range.to, Math.floor((range.from + range.to) / 2)]) {
      assert.ok(
        prefixes.some((p) => (p.endsWith('/') ? `${id}/` === p : String(id).startsWith(p))),
        `${id} not covered by ${prefixes.join(',')}`,
      );
    }
  }
});

test('enumeration pages with resume keys and makes one article of every URL form', async () => {
  const captures: FakeCapture[] = [];
  for (let id = 100; id < 160; id++) {
    captures.push({
      original: `https://www.hkcnews.com/article/${id}/新聞-${id}`,
      timestamp: '20210101000000',
      body: `a${id}`,
    });
    captures.push({
      original: `http://hkcnews.com/article/${id}/%E6%96%B0%E8%81%9E-${id}`,
      timestamp: '20200101000000',
      body: `b${id}`,
    });
  }
  // the same capture listed under two forms, a redirect capture and another page of the site
  captures.push({
    original: 'http://www.hkcnews.com/article/100/新聞-100',
    timestamp: '20210101000000',
    body: 'a100',
  });
  captures.push({
    original: 'https://www.hkcnews.com/article/101',
    timestamp: '20220101000000',
    status: 301,
    location: '/article/101/x',
  });
  captures.push({ original: 'https://www.hkcnews.com/aboutus', timestamp: '20210101000000', body: 'about' });
  const fake = await startFakeWayback({ captures });
  const client = new HttpClient({ pageRate: 0, cdxRate: 0 });
  const queries = hkcnewsProfile.cdxPrefixes('').map((prefix) => ({ prefix, pageSize: 25 }));
  const articles = await enumerateArticles(client, fake.url, queries, hkcnewsProfile.articleId, {
    from: 100,
    to: 149,
  });
  client.close();
  await fake.close();
  assert.equal(articles.length, 50);
  const first = articles[0]!;
  assert.equal(first.id, 100);
  assert.deepEqual(
    first.captures.map((c) => c.timestamp),
    ['20210101000000', '20200101000000'],
  );
  assert.ok(first.captures[0]!.original.startsWith('https://'));
  assert.ok(articles.every((a) => a.captures.every((c) => c.statuscode === '200')));
  // 121 rows of 200 captures per host form, 25 a page: 5 pages per query, 2 queries
  assert.equal(fake.requests('cdx').length, 10);
  assert.ok(
    fake
      .requests('cdx')
      .slice(1)
      .some((r) => r.path.includes('resumeKey=')),
  );
});
