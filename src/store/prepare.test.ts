import assert from 'node:assert/strict';
import { test } from 'node:test';
import { indexedDate, prepareArticle } from './prepare.js';
import { fixtureArticle } from './test-fixtures.js';

test('the indexed date is YYYY-MM-DD or undated: a malformed date cannot make a year of "14/0"', () => {
  assert.equal(indexedDate('2020-08-14'), '2020-08-14');
  assert.equal(indexedDate('2020/8/4'), '2020-08-04');
  assert.equal(indexedDate('2020-08-14T10:00:00+08:00'), '2020-08-14');
  assert.equal(indexedDate('2020-08-14 10:00'), '2020-08-14');
  for (const bad of ['14/08/2020', '2020-13-01', '2020-02-00', 'yesterday', '', '2020', '2020-08-14x'])
    assert.equal(indexedDate(bad), '', bad);
  const prepared = prepareArticle(fixtureArticle(1, { title: '日期', date: '14/08/2020', text: '正文' }));
  assert.equal(prepared.date, '');
});
