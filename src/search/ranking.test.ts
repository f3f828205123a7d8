// Ranking of result sets too large for BM25 (over SCORE_LIMIT hits): title holders first, then
// articles holding the terms in author, category or tags, each group newest first; and the result
// cache serves later pages and fresh runs identically.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importArticles } from '../store/import.js';
import { openStore } from '../store/store.js';
import { fixtureArticle } from '../store/test-fixtures.js';
import { commonTokenCount, prepareSearch, search } from './search.js';

const N = 2300; // above SCORE_LIMIT (2000)
const day = (i: number) => {
  const d = new Date(Date.UTC(2015, 0, 1) + i * 86_400_000);
  return d.toISOString().slice(0, 10);
};
const IN_TITLE = new Set([17, 400, 1200, 2250]);
const IN_TAGS = new Set([5, 900, 2100]);
const articles = Array.from({ length: N }, (_, k) => {
  const id = k + 1;
  return fixtureArticle(id, {
    title: IN_TITLE.has(id) ? `國際海港城測試${id}` : `文章${id}`,
    date: day(id),
    text: `這是第${id}篇，內文提到國際海港城一次。`,
    tags: IN_TAGS.has(id) ? ['國際海港城'] : ['其他'],
  });
});
const store = openStore(':memory:');
importArticles(store, articles);

test('a large result set ranks title matches, then facet-value matches, each newest first, then the rest newest first', () => {
  const r = search(store, '國際海港城', { perPage: 12 });
  assert.equal(r.total, N);
  assert.deepEqual(
    r.hits.map((h) => h.id),
    [2250, 1200, 400, 17, 2100, 900, 5, 2300, 2299, 2298, 2297, 2296],
  );
  assert.ok(r.hits[0]!.score! > r.hits[4]!.score! && r.hits[4]!.score! > r.hits[7]!.score!);
  // Simplified input ranks the same
  assert.deepEqual(
    search(store, '国际海港城', { perPage: 12 }).hits.map((h) => h.id),
    r.hits.map((h) => h.id),
  );
});

test('every page of a large set continues the same order, deep pages included', () => {
  const all = search(store, '海港城', { all: true }).hits.map((h) => h.id);
  assert.equal(all.length, N);
  assert.equal(new Set(all).size, N);
  for (const page of [1, 2, 5, 6, 30, 115]) {
    const got = search(store, '海港城', { page, perPage: 20 }).hits.map((h) => h.id);
    assert.deepEqual(got, all.slice((page - 1) * 20, page * 20), `page ${page}`);
  }
  const oldest = search(store, '海港城', { sort: 'oldest', perPage: 3 }).hits.map((h) => h.id);
  assert.deepEqual(oldest, [1, 2, 3]);
});

test('cached pages equal fresh ones, and a fresh run refills the cache', () => {
  const first = search(store, '內文 海港城', { page: 1 });
  const cached = search(store, '內文 海港城', { page: 3 });
  const fresh = search(store, '內文 海港城', { page: 3, fresh: true });
  const strip = (r: typeof first) => ({ ...r, tookMs: 0 });
  assert.deepEqual(strip(cached), strip(fresh));
  assert.equal(cached.total, first.total);
  assert.deepEqual(cached.facets, first.facets);
  // a page past the cached window is ranked again, and still continues the order
  const deep = search(store, '內文 海港城', { page: 40 });
  assert.deepEqual(
    deep.hits.map((h) => h.id),
    search(store, '內文 海港城', { all: true })
      .hits.slice(780, 800)
      .map((h) => h.id),
  );
});

test('collapse shows each story once, where its best version ranks, and pages count stories', () => {
  // 2,100 articles matching 海港城, in stories of three versions (same title and date)
  const s = openStore(':memory:');
  const M = 2100;
  importArticles(
    s,
    Array.from({ length: M }, (_, k) => {
      const id = k + 1;
      const storyNo = Math.floor(k / 3);
      return fixtureArticle(id, {
        title: storyNo % 100 === 7 ? `海港城消息${storyNo}` : `消息${storyNo}`,
        date: day(storyNo),
        text: `第${id}篇提到海港城。`,
      });
    }),
  );
  for (const sort of ['relevance', 'newest', 'oldest'] as const) {
    const all = search(s, '海港城', { collapse: true, all: true, sort, snippets: false });
    assert.equal(all.total, M, sort);
    assert.equal(all.stories, M / 3, sort);
    assert.equal(all.hits.length, M / 3, sort);
    assert.equal(new Set(all.hits.map((h) => h.title)).size, M / 3, sort);
    assert.ok(
      all.hits.every((h) => h.versions === 3),
      sort,
    );
    // every page continues the same order
    const page3 = search(s, '海港城', { collapse: true, page: 3, perPage: 20, sort, snippets: false });
    assert.deepEqual(
      page3.hits.map((h) => h.id),
      all.hits.slice(40, 60).map((h) => h.id),
      sort,
    );
  }
  const top = search(s, '海港城', { collapse: true, perPage: 8 }).hits;
  // title holders first (stories 607, 507, …, 7), newest first, one version each
  assert.deepEqual(
    top.map((h) => h.title),
    [
      '海港城消息607',
      '海港城消息507',
      '海港城消息407',
      '海港城消息307',
      '海港城消息207',
      '海港城消息107',
      '海港城消息7',
      '消息699',
    ],
  );
  // a small set (BM25) collapses alike
  const small = search(s, '海港城消息', { collapse: true, all: true });
  assert.equal(small.total, 21);
  assert.equal(small.stories, 7);
  assert.deepEqual(
    small.hits.map((h) => h.versions),
    [3, 3, 3, 3, 3, 3, 3],
  );
  // without collapse, every version is a hit of its own
  const plain = search(s, '海港城', { perPage: 3 });
  assert.equal(plain.stories, undefined);
  assert.equal(new Set(plain.hits.map((h) => h.title)).size, 1);
  s.close();
});

test('scoreLimit moves the line between BM25 and the ranking by where the terms are', () => {
  // above the limit: the large-set order; at Infinity the same set is ranked by BM25 (with scores
  // from FTS5: title holders first, then by how much of the short text the term is)
  const byLevel = search(store, '國際海港城', { perPage: 4 });
  const byBm25 = search(store, '國際海港城', { perPage: 4, scoreLimit: Number.POSITIVE_INFINITY });
  assert.deepEqual(
    byLevel.hits.map((h) => h.id),
    [2250, 1200, 400, 17],
  );
  assert.deepEqual(new Set(byBm25.hits.map((h) => h.id)), IN_TITLE, 'BM25 also puts the title holders first');
  assert.notEqual(byBm25.hits[0]!.score, byLevel.hits[0]!.score, 'the scores are BM25, not levels');
  // a small limit takes a small set out of BM25: newest first among the title holders
  const small = search(store, '城測', { perPage: 4, scoreLimit: 0 });
  assert.deepEqual(
    small.hits.map((h) => h.id),
    [2250, 1200, 400, 17],
  );
  // the result cache keeps each limit apart: the default limit (BM25 here) is not served the levels
  assert.notDeepEqual(
    search(store, '城測', { perPage: 4 }).hits.map((h) => h.score),
    small.hits.map((h) => h.score),
  );
});

test('prepareSearch (common tokens known) ranks every set as before: large sets by level, small ones by BM25 in one pass', () => {
  const queries = [
    '國際海港城',
    '海港城 -測試',
    '國際海港城測試17',
    '測試 OR 國際海港城測試400',
    '第17篇',
    '"海港城測試"',
    '文章1*',
  ];
  const run = (s: typeof store) =>
    queries.map((q) => {
      const r = search(s, q, { fresh: true, perPage: 30 });
      return [q, r.total, r.hits.map((h) => [h.id, h.score])];
    });
  const before = run(store);
  const prepared = openStore(':memory:');
  importArticles(prepared, articles);
  prepareSearch(prepared);
  assert.deepEqual(run(prepared), before);
  // the large set was ranked by level (title, tags, then date), not by BM25 over 2,300 hits
  const large = before[0]![2] as Array<[number, number]>;
  assert.deepEqual(
    large.slice(0, 4).map(([id]) => id),
    [2250, 1200, 400, 17],
  );
  prepared.close();
});

test('a prepared store reads the common tokens of new data at its first search after an import', () => {
  const prepared = openStore(':memory:');
  importArticles(prepared, articles);
  prepareSearch(prepared);
  const before = commonTokenCount(prepared);
  assert.ok(before !== null && before > 0);
  // an import changes the catalog: its common tokens are unknown until a search needs them
  importArticles(prepared, [
    fixtureArticle(N + 1, { title: '新文章', date: day(N + 1), text: '國際海港城又一次。' }),
  ]);
  assert.equal(commonTokenCount(prepared), null);
  const r = search(prepared, '國際海港城', { perPage: 3 });
  assert.equal(r.total, N + 1);
  assert.equal(commonTokenCount(prepared), before);
  // a store never prepared (a one-off search) does not pay for reading them
  const oneOff = openStore(':memory:');
  importArticles(oneOff, articles);
  search(oneOff, '國際海港城', { perPage: 3 });
  assert.equal(commonTokenCount(oneOff), null);
  prepared.close();
  oneOff.close();
});

test('date order visits every hit once, however the hits fall in the date bitmap, undated last', () => {
  // 100 articles, every third one a hit, some undated: the hits' date ranks span several words of
  // 32 ranks, with gaps, and the undated ones sit below the dated ones
  const undated = new Set([33, 64, 65]);
  const s = openStore(':memory:');
  importArticles(
    s,
    Array.from({ length: 100 }, (_, k) =>
      fixtureArticle(k + 1, {
        date: undated.has(k + 1) ? '' : day(1000 - 7 * k),
        text: (k + 1) % 3 === 0 || undated.has(k + 1) ? '天文台預報' : '其他消息',
      }),
    ),
  );
  const hits = Array.from({ length: 100 }, (_, k) => k + 1).filter((id) => id % 3 === 0 || undated.has(id));
  const dated = hits.filter((id) => !undated.has(id));
  // dates fall as ids rise: the newest dated hit has the lowest id
  for (const [sort, expected] of [
    ['newest', dated],
    ['oldest', [...dated].reverse()],
  ] as const) {
    const got = search(s, '天文台', { sort, all: true }).hits.map((h) => h.id);
    assert.equal(got.length, hits.length, sort);
    assert.deepEqual(got.slice(0, dated.length), expected, sort);
    assert.deepEqual(
      got.slice(dated.length).sort((a, b) => a - b),
      [33, 64, 65],
      `${sort}: undated last`,
    );
    // and a page of it is the same stretch
    assert.deepEqual(
      search(s, '天文台', { sort, page: 2, perPage: 7 }).hits.map((h) => h.id),
      got.slice(7, 14),
      sort,
    );
  }
  s.close();
});
