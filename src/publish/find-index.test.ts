import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runInNewContext } from 'node:vm';
import { importArticles } from '../store/import.js';
import { openStore } from '../store/store.js';
import { fixtureArticle } from '../store/test-fixtures.js';
import { type FindIndex, findIndex, findIndexScript } from './find-index.js';

function store() {
  const s = openStore(':memory:');
  importArticles(s, [
    fixtureArticle(1, { title: '國安法實施', date: '2020-07-01', text: '一' }),
    fixtureArticle(2, { title: 'Carrie Lam 記者會', date: '2021-01-02', text: '二' }),
    fixtureArticle(3, { title: '同日較小的號', date: '2021-01-02', text: '三' }),
    fixtureArticle(4, { title: '沒有日期', date: '', text: '四' }),
    fixtureArticle(5, {
      title: '</script><script>window.__pwned=1</script>',
      date: '2019-01-01',
      text: '五',
    }),
    // a placeholder page (the farewell notice captured in place of the article) is not listed
    fixtureArticle(6, {
      title: '眾新聞告別　感謝讀者',
      date: '',
      author: '',
      category: undefined,
      text: '告別',
    }),
  ]);
  return s;
}

test('findIndex: every article, newest first (then the higher number), placeholder pages left out', () => {
  const s = store();
  const { items } = findIndex(s);
  assert.deepEqual(
    items.map(([id, date]) => [id, date]),
    [
      [3, '2021-01-02'],
      [2, '2021-01-02'],
      [1, '2020-07-01'],
      [5, '2019-01-01'],
      [4, ''],
    ],
  );
  assert.equal(items[2]![2], '國安法實施');
  s.close();
});

test('findIndex: the folding a typed word needs to meet a title, and no more', () => {
  const s = store();
  const pairs = new Map<string, string>();
  const { fold } = findIndex(s);
  for (let i = 0; i < fold.length; i += 2) pairs.set(fold[i]!, fold[i + 1]!);
  assert.equal(pairs.get('國'), '国', 'a Traditional character of a title folds to what its title folds to');
  assert.equal(pairs.get('實'), '实');
  assert.equal(pairs.get('C'), 'c', 'case');
  assert.equal(pairs.get('Ｌ'), 'l', 'width');
  assert.equal(pairs.get('龍'), undefined, 'a character no title can match is left out');
  assert.equal(pairs.has('国'), false, 'what is already folded is not listed');
  s.close();
});

test('findIndexScript: one assignment a page can load as a script, its titles data, never markup', () => {
  const s = store();
  const script = findIndexScript(s);
  assert.match(script, /^window\.BACKFILE_FIND = \{/);
  const window: { BACKFILE_FIND?: FindIndex; __pwned?: number } = {};
  runInNewContext(script, { window });
  assert.equal(window.BACKFILE_FIND!.items.length, 5);
  assert.equal(window.__pwned, undefined);
  assert.ok(
    window.BACKFILE_FIND!.items.some(([, , title]) => title.includes('</script>')),
    'kept as text',
  );
  s.close();
});
