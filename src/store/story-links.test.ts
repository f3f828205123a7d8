import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalogOf } from '../search/catalog.js';
import { search } from '../search/search.js';
import { importArticles } from './import.js';
import { openStore } from './store.js';
import { describeLinks, linkStories, runsOf, sameText, titleLikeness } from './story-links.js';
import { fixtureArticle } from './test-fixtures.js';

/** A text of n Han characters, the same for the same seed (a version's text is its seed's). */
function hanText(seed: number, n: number): string {
  let x = seed * 2654435761;
  let out = '';
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out += String.fromCharCode(0x4e00 + (x % 6000));
    if (i % 60 === 59) out += '。\n\n';
  }
  return out;
}

const DAY = '2020-11-27';
const NEWS = hanText(1, 600);
const articles = [
  fixtureArticle(1, { title: '武肺確診破6000　養和現小型爆發', date: DAY, author: '眾新聞記者', text: NEWS }),
  // republished the same day: a prefix added to the title, a paragraph to the text
  fixtureArticle(2, {
    title: '【第四波疫情】武肺確診破6000　養和現小型爆發',
    date: DAY,
    author: '眾新聞記者',
    text: `${hanText(2, 120)}\n\n${NEWS}`,
  }),
  // and again, one word of the title changed: the three are one story
  fixtureArticle(3, {
    title: '武肺確診破6000　養和現小規模爆發',
    date: DAY,
    author: '眾新聞記者',
    text: NEWS,
  }),
  // a version under its first title (one story with 1 by its title, as before)
  fixtureArticle(4, { title: '武肺確診破6000　養和現小型爆發', date: DAY, author: '眾新聞記者', text: NEWS }),
  // the parts of a series: titles as alike, texts that share nothing
  fixtureArticle(5, {
    title: '十本必看日本推理小說（上）',
    date: DAY,
    author: '書評人',
    text: hanText(5, 500),
  }),
  fixtureArticle(6, {
    title: '十本必看日本推理小說（下）',
    date: DAY,
    author: '書評人',
    text: hanText(6, 500),
  }),
  // the same text under another byline (and a title of its own), or on another day: other stories
  fixtureArticle(7, {
    title: '武肺確診破6000　養和現小型群組爆發',
    date: DAY,
    author: '另一記者',
    text: NEWS,
  }),
  fixtureArticle(8, {
    title: '【第四波疫情】武肺確診破6000　養和現小型爆發',
    date: '2020-11-28',
    author: '眾新聞記者',
    text: NEWS,
  }),
  // talks of one forum: videos under one short introduction, the same in each
  fixtureArticle(9, {
    title: '管治論壇：講者甲演說全記錄',
    date: DAY,
    author: '眾新聞',
    text: hanText(9, 100),
  }),
  fixtureArticle(10, {
    title: '管治論壇：講者乙演說全記錄',
    date: DAY,
    author: '眾新聞',
    text: hanText(9, 100),
  }),
];

test('titles are alike by their letter pairs, folded', () => {
  assert.equal(titleLikeness('武肺確診破6000', '武肺确诊破6000'), 1);
  assert.ok(
    titleLikeness('武肺確診破6000　養和現小型爆發', '【第四波疫情】武肺確診破6000　養和現小型爆發') > 0.7,
  );
  assert.ok(titleLikeness('周梓樂出殯', '區議會選舉') < 0.1);
  assert.equal(titleLikeness('', ''), 0);
});

test('texts are versions of one when the shorter is nearly all in the longer, and long enough to tell', () => {
  assert.ok(sameText(runsOf(NEWS), runsOf(`${hanText(2, 400)}${NEWS}`)));
  assert.ok(!sameText(runsOf(hanText(5, 500)), runsOf(hanText(6, 500))));
  // 100 characters in common are no evidence
  assert.ok(!sameText(runsOf(hanText(9, 100)), runsOf(hanText(9, 100))));
  // whitespace does not count
  assert.ok(sameText(runsOf(NEWS), runsOf(NEWS.replaceAll('\n\n', ' '))));
});

test('an import links the versions whose titles were reworded, and nothing else', () => {
  const store = openStore(':memory:');
  importArticles(store, articles);
  assert.deepEqual(
    [...store.storyLinks()].sort((a, b) => a[0] - b[0]),
    [
      [1, 1],
      [2, 1],
      [3, 1],
      [4, 1],
    ],
  );
  // the article page lists them as versions, by title group as before
  assert.deepEqual(
    store
      .versions(2)
      .map((v) => v.id)
      .sort(),
    [1, 3, 4],
  );
  assert.deepEqual(store.versions(5), []);
  assert.deepEqual(store.versions(7), []);
  // 當年今日 and the latest articles list each story once (its latest version)
  const day = store.onThisDay('11-27', 10)[0]!;
  assert.equal(day.count, 9);
  assert.deepEqual(
    day.items.map((a) => a.id).sort((a, b) => a - b),
    [4, 5, 6, 7, 9, 10],
  );
  assert.equal(store.latest(20).filter((a) => a.id <= 4).length, 1);
  // search counts them as one story
  const found = search(store, '養和', { collapse: true });
  assert.equal(found.total, 6);
  assert.equal(found.stories, 3, 'the linked four, 7 (another byline) and 8 (another day)');
  const c = catalogOf(store);
  const storyOf = (id: number) => c.storyOf[c.denseOf.get(id)]!;
  assert.equal(storyOf(2), storyOf(1));
  assert.notEqual(storyOf(5), storyOf(6));
  assert.notEqual(storyOf(9), storyOf(10));
  store.close();
});

test('the links are worked out again when the articles change', () => {
  const store = openStore(':memory:');
  importArticles(store, articles);
  // a new version of the forum's talk, whose text is now the talk itself
  const talk = hanText(11, 400);
  importArticles(store, [
    fixtureArticle(12, {
      title: '管治論壇：講者甲演說全記錄（更新）',
      date: DAY,
      author: '眾新聞',
      text: talk,
    }),
    fixtureArticle(13, {
      title: '管治論壇：講者甲演說全記錄　全文',
      date: DAY,
      author: '眾新聞',
      text: talk,
    }),
  ]);
  assert.equal(store.storyLinks().get(13), 12);
  assert.equal(store.storyLinks().get(9), undefined);
  store.close();
});

test("an article's page lists a reworded version with its title, and one titled alike without", async () => {
  const { createApp } = await import('../web/app.js');
  const store = openStore(':memory:');
  importArticles(store, articles);
  const html = await (await createApp(store, { logError: () => {} }).request('/article/1')).text();
  const list =
    /<details class="versions-all">[\s\S]*?<\/details>|<ul>(?:(?!<\/ul>)[\s\S])*compare-link[\s\S]*?<\/ul>/.exec(
      html,
    )?.[0] ?? '';
  assert.match(
    list,
    /<a href="\/article\/2">第 2 號<\/a>.*?<span class="version-title" lang="zh-Hant-HK">【第四波疫情】武肺確診破6000　養和現小型爆發<\/span>/,
  );
  assert.match(
    list,
    /<a href="\/article\/3">第 3 號<\/a>.*?<span class="version-title" lang="zh-Hant-HK">武肺確診破6000　養和現小規模爆發<\/span>/,
  );
  // 4 has 1's title: nothing to show
  assert.match(list, /<a href="\/article\/4">第 4 號<\/a>(?:(?!version-title)(?!<\/li>).)*<\/li>/);
  assert.match(html, /標題經修改（列出）而署名及內文相同/);
  store.close();
});

test('what was linked, in one line for the import summary', () => {
  assert.equal(
    describeLinks({ articles: 3266, stories: 736 }),
    '3,266 articles of 736 stories whose titles were reworded are linked as versions',
  );
  const store = openStore(':memory:');
  store.db.exec('BEGIN');
  assert.deepEqual(linkStories(store.db), { articles: 0, stories: 0 });
  store.db.exec('COMMIT');
  store.close();
});
