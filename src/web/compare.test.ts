import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StoredArticle } from '../store/types.js';
import { compareVersions } from './compare.js';

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
