// The comparison's data: which metadata fields differ (tags listed in another order are the same
// tags), each version's citation, and characters outside the BMP kept whole.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importArticles } from '../store/import.js';
import { openStore } from '../store/store.js';
import { fixtureArticle } from '../store/test-fixtures.js';
import type { StoredArticle } from '../store/types.js';
import { compareVersions } from './compare.js';

function pair(fromTags: string[], toTags: string[]) {
  const store = openStore(':memory:');
  importArticles(store, [
    fixtureArticle(1, { title: '選舉', date: '2021-12-16', text: '一段。', tags: fromTags }),
    fixtureArticle(2, { title: '選舉', date: '2021-12-16', text: '一段。', tags: toTags }),
  ]);
  const data = compareVersions(store.getArticle(1)!, store.getArticle(2)!);
  store.close();
  return data;
}

test('tags in another order are the same tags, said to be reordered; other tags differ', () => {
  const reordered = pair(['立法會選舉', '選舉開支'], ['選舉開支', '立法會選舉']);
  assert.ok(!reordered.differs.includes('tags'));
  assert.equal(reordered.tagsReordered, true);
  const other = pair(['立法會選舉'], ['立法會選舉', '選舉開支']);
  assert.ok(other.differs.includes('tags'));
  assert.equal(other.tagsReordered, false);
  const same = pair(['立法會選舉'], ['立法會選舉']);
  assert.deepEqual([same.differs.includes('tags'), same.tagsReordered], [false, false]);
  // a tag twice is not the same list as the tag once
  assert.ok(pair(['甲', '甲'], ['甲']).differs.includes('tags'));
});

test('each version carries its own citation, naming its number', () => {
  const data = pair([], []);
  assert.match(data.from.citation.bibtex, /^@misc\{hkcnews1,/);
  assert.match(data.to.citation.bibtex, /^@misc\{hkcnews2,/);
  assert.match(data.to.citation.apa, /hkcnews\.com\/article\/2\//);
});

function version(id: number, title: string, body: string): StoredArticle {
  return {
    id,
    title,
    date: '2021-12-20',
    lastUpdated: null,
    author: '記者',
    category: '眾聞',
    tags: [],
    url: `https://web.archive.org/web/20211220000000/https://www.hkcnews.com/article/${id}`,
    captureTimestamp: '20211220000000',
    originalUrl: `https://www.hkcnews.com/article/${id}`,
    body,
  } as unknown as StoredArticle;
}

test('a change next to a character outside the BMP never cuts it in two', () => {
  // 😀 and 😁 share their first UTF-16 unit, 𨋢 and 𨋣 too
  const data = compareVersions(
    version(1, '標題😀', '乙😀甲𨋢丙\n\n丁😀\n'),
    version(2, '標題😁', '乙😁甲𨋣丙\n\n丁😀😁\n'),
  );
  for (const diff of [data.title, data.text]) {
    assert.ok(diff.ops.length > 1);
    for (const { text } of diff.ops)
      assert.doesNotMatch(
        text,
        /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/,
        JSON.stringify(text),
      );
  }
  assert.deepEqual(
    data.text.ops.filter((o) => o.op !== 'equal').map((o) => `${o.op}:${o.text}`),
    ['delete:😀甲𨋢', 'insert:😁甲𨋣', 'insert:😁'],
  );
});
