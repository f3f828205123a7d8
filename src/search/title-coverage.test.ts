// Title coverage in BM25 ranking: of the articles whose title holds the words, the one the words
// make more of ranks first (BM25 alone divides by the whole article's length, so a long title
// counted as much as a short one); the result set itself does not change.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importArticles } from '../store/import.js';
import { openStore } from '../store/store.js';
import { fixtureArticle } from '../store/test-fixtures.js';
import { catalogOf } from './catalog.js';
import { titleCoverage } from './order.js';
import { parseQuery } from './query.js';
import { search } from './search.js';

const filler = (n: number) => '今日天氣晴朗，市民外出活動。'.repeat(n);
const articles = [
  // a long title, and a short body that repeats the words: BM25 alone ranks it first
  fixtureArticle(1, {
    title: '海港城商場週末舉行大型開幕典禮 多位嘉賓出席剪綵儀式 市民排隊入場',
    date: '2020-03-01',
    text: `海港城今日開幕。海港城人多。海港城熱鬧。${filler(2)}`,
  }),
  // the words are most of this title; its body is long and names them once
  fixtureArticle(2, { title: '【影片】海港城開幕', date: '2020-02-01', text: `海港城開幕。${filler(40)}` }),
  // the words only in the text
  fixtureArticle(3, { title: '商場消息', date: '2020-04-01', text: `海港城海港城海港城開幕。${filler(1)}` }),
  fixtureArticle(4, { title: '其他新聞', date: '2020-05-01', text: filler(3) }),
];
const store = openStore(':memory:');
importArticles(store, articles);

test('coverage is the letters of the terms the title holds over the letters of the title', () => {
  const c = catalogOf(store);
  const cover = (q: string, id: number) =>
    titleCoverage(c, parseQuery(q, store.tokenScheme).clauses.flat())(c.denseOf.get(id));
  // 海港城開幕 in 【影片】海港城開幕: 5 of 7 letters (brackets are not letters)
  assert.equal(cover('海港城開幕', 2), 5 / 7);
  assert.equal(cover('海港城 開幕', 2), 5 / 7);
  assert.equal(cover('影片海港城開幕', 2), 0, 'a term the title does not hold adds nothing');
  assert.equal(cover('影片 海港城開幕', 2), 1);
  // Simplified input is folded alike
  assert.equal(cover('海港城开幕', 2), 5 / 7);
  assert.equal(cover('海港城', 3), 0);
});

test('of two titles holding the words, the one they make more of ranks first; the text-only one after', () => {
  const r = search(store, '海港城', { perPage: 10 });
  assert.deepEqual(
    r.hits.map((h) => h.id),
    [2, 1, 3],
  );
  assert.ok(r.hits[0]!.score! > r.hits[1]!.score! && r.hits[1]!.score! > r.hits[2]!.score!);
  // Simplified input ranks the same, and two words as one phrase
  assert.deepEqual(
    search(store, '海港城 开幕', { perPage: 10 }).hits.map((h) => h.id),
    [2, 1, 3],
  );
  // the set is what the terms find, whatever the order: every hit holds every term
  assert.deepEqual(
    search(store, '海港城', { all: true, sort: 'newest' })
      .hits.map((h) => h.id)
      .sort(),
    [1, 2, 3],
  );
});
