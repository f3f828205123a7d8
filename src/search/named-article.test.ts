import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importArticles } from '../store/import.js';
import { openStore } from '../store/store.js';
import { FIXTURES } from '../store/test-fixtures.js';
import { namedArticle } from './named-article.js';

const store = openStore(':memory:');
importArticles(store, FIXTURES);

test('an hkcnews address names its article, had or not; a number names an article the store has', () => {
  const byAddress = namedArticle(
    store,
    ' https://web.archive.org/web/20210101000000/https://www.hkcnews.com/article/101/x ',
  );
  assert.equal(byAddress?.by, 'address');
  assert.equal(byAddress?.article?.id, 101);
  assert.deepEqual(namedArticle(store, 'hkcnews.com/article/99999'), {
    id: 99999,
    by: 'address',
    article: null,
    captures: 'https://web.archive.org/web/*/hkcnews.com/article/99999/*',
  });
  const byNumber = namedArticle(store, '101');
  assert.equal(byNumber?.by, 'number');
  assert.equal(byNumber?.article?.title, FIXTURES.find((a) => a.id === 101)!.title);
  assert.equal(namedArticle(store, '99999'), null);
  assert.equal(namedArticle(store, '國安法'), null);
  assert.equal(namedArticle(store, '101 國安法'), null);
});
