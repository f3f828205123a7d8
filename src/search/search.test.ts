import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importArticles } from '../store/import.js';
import { openStore } from '../store/store.js';
import { FIXTURES, fixtureArticle } from '../store/test-fixtures.js';
import { search } from './search.js';

const store = openStore(':memory:');
importArticles(store, FIXTURES);

const ids = (query: string, options = {}) =>
  search(store, query, { perPage: 100, ...options })
    .hits.map((h) => h.id)
    .sort((a, b) => a - b);

test('Chinese terms of any length are found exactly, in either script', () => {
  assert.deepEqual(ids('國安法'), [101, 106]);
  assert.deepEqual(ids('国安法'), [101, 106]);
  assert.deepEqual(ids('崔天凯'), [102]);
  assert.deepEqual(ids('凱'), [102]);
  assert.deepEqual(ids('港'), [103]);
  assert.deepEqual(ids('𠵾'), [105]);
  assert.deepEqual(ids('中美'), [102, 106]); // 106 by its tag
});

test('variants, full-width forms and Latin case fold alike', () => {
  assert.deepEqual(ids('这么做'), [102, 106]);
  assert.deepEqual(ids('這麼做'), [102, 106]);
  assert.deepEqual(ids('线索'), [106]);
  assert.deepEqual(ids('mtr'), [103]);
  assert.deepEqual(ids('3%'), [103]);
  assert.deepEqual(ids('卫生署'), [103]);
  assert.deepEqual(ids('里'), [103, 106]); // 這裡 (a link text) and 裏外, 這裡
});

test('digits next to Han characters are found (no word-boundary pitfall)', () => {
  assert.deepEqual(ids('11月就中美'), [102]);
  assert.deepEqual(ids('月就'), [102]);
});

test('Latin strings match as substrings; separators are checked in the text', () => {
  assert.deepEqual(ids('lam'), [101, 104]); // Islam, lamb, Carrie Lam (tag of 101)
  assert.deepEqual(ids('"carrie lam"'), [101, 104]);
  assert.deepEqual(ids('"carrie-lam"'), [104]);
  assert.deepEqual(ids('covid-19'), [104]);
  assert.deepEqual(ids('"covid-190 is"'), [104]);
  assert.deepEqual(ids('"lam met"'), [104]);
  assert.deepEqual(ids('"lam,"'), []);
});

test('URLs, image file names, the footer and the columnist box are not searchable', () => {
  assert.deepEqual(ids('秘密'), []);
  assert.deepEqual(ids('example'), []);
  assert.deepEqual(ids('月費訂戶'), []);
  assert.deepEqual(ids('報館'), []);
  assert.deepEqual(ids('立法會外'), [101]); // a figure caption is
});

test('a minus before author:, category:, tag: or id: leaves those articles out', () => {
  assert.deepEqual(ids('國安法'), [101, 106]);
  assert.deepEqual(ids('國安法 -author:記者乙'), [101]);
  assert.deepEqual(ids('國安法 -author:记者乙'), [101]); // folded, as the filter is
  assert.deepEqual(ids('國安法 -tag:中美關係'), [101]);
  assert.deepEqual(ids('國安法 -tag:"carrie lam"'), [106]);
  assert.deepEqual(ids('記者 -category:眾聞'), [103]);
  assert.deepEqual(ids('國安法 -id:101'), [106]);
  assert.deepEqual(ids('國安法 -tag:沒有這個標籤'), [101, 106]);
  assert.deepEqual(ids('author:記者甲 -tag:港鐵'), [101]);
  const r = search(store, '國安法 -tag:中美關係');
  assert.deepEqual(r.warnings, []);
  assert.equal(r.understood, '國安法 -tag:中美關係');
  // exclusions alone leave nothing to leave them out of, as -國安法 alone does
  const alone = search(store, '-tag:中美關係');
  assert.equal(alone.total, 0);
  assert.deepEqual(alone.notes, [{ code: 'onlyExcluded', values: [] }]);
  // a date range is not turned inside out: it is used as a range, with a warning
  const date = search(store, '國安法 -date:2021');
  assert.deepEqual(
    date.notes?.map((n) => n.code),
    ['filterNegated'],
  );
  assert.deepEqual(ids('國安法 -date:2021'), ids('國安法 date:2021'));
});

test('author, category and tag values are searchable as text', () => {
  assert.deepEqual(ids('記者甲'), [101, 103]);
  assert.deepEqual(ids('tri-angles'), [104]);
  assert.deepEqual(ids('english'), [104]);
});

test('AND, OR, exclusion and filters', () => {
  assert.deepEqual(ids('中美 國安法'), [106]);
  assert.deepEqual(ids('港鐵 OR 崔天凱'), [102, 103]);
  assert.deepEqual(ids('國安法 -裏外'), [101]);
  assert.deepEqual(ids('國安法 -裡'), [101]); // a one-character exclusion, folded (裏/裡)
  assert.deepEqual(ids('港 加價'), [103]); // a one-character term with a longer one
  assert.deepEqual(ids('港 OR 凱'), [102, 103]);
  assert.deepEqual(ids('中美 -"現在連"'), [106]);
  assert.deepEqual(ids('國安法 author:記者乙'), [106]);
  assert.deepEqual(ids('author:记者甲'), [101, 103]);
  assert.deepEqual(ids('category:眾說'), [103]);
  assert.deepEqual(ids('tag:"carrie lam"'), [101]);
  assert.deepEqual(ids('tag:中美關係 tag:國安法'), [106]);
  assert.deepEqual(ids('date:2020'), [102, 106]);
  assert.deepEqual(ids('date:2019-06..2019-12'), [103, 104]);
  assert.deepEqual(ids('from:2020-07-23'), [101, 106]);
  assert.deepEqual(ids('to:2019-06'), [103]);
  assert.deepEqual(ids('中美 date:2020-07-22'), [102]);
  assert.deepEqual(ids('id:103'), [103]);
  assert.deepEqual(ids('id:103 id:101'), [101, 103]);
  assert.deepEqual(ids('id:103 國安法'), []);
  assert.deepEqual(ids('id:99999'), []);
});

test('what the query language cannot use reaches the result as a warning (the reader shows them)', () => {
  const control = search(store, '\u0001');
  assert.equal(control.total, 0);
  assert.deepEqual(control.warnings, [
    'the control character U+0001 has no letters or digits to search for; it was ignored',
  ]);
  const prefix = search(store, 'foo:國安法');
  assert.equal(prefix.total, 0);
  assert.match(
    prefix.warnings.join(),
    /^"foo:" is not a filter \(use author:, .*\); it was searched as text$/,
  );
  // from the result cache too (a second page, the same query)
  assert.deepEqual(search(store, '\u0001', { page: 2 }).warnings, control.warnings);
});

test('date ranges take every dated article inside them and no undated one', () => {
  const dates = ['', '2019-12-31', '2020-01-01', '2020-01-15', '2020-01-31', '2020-02-01', '', '2021-06-30'];
  const s = openStore(':memory:');
  importArticles(
    s,
    dates.map((date, i) => fixtureArticle(201 + i, { text: `日期測試${i}`, date })),
  );
  for (const [query, from, to] of [
    ['date:2020', '2020', '2020'],
    ['date:2020-01', '2020-01', '2020-01'],
    ['date:2019-12..2020-01-15', '2019-12', '2020-01-15'],
    ['from:2020-01-15', '2020-01-15', undefined],
    ['to:2020-01', undefined, '2020-01'],
    ['to:2021-06-30', undefined, '2021-06-30'],
    ['from:2021-07', '2021-07', undefined],
    ['to:2019', undefined, '2019'],
  ] as const) {
    const expected = dates
      .map((date, i) => ({ date, id: 201 + i }))
      .filter(({ date }) => date !== '' && (!from || date >= from) && (!to || date.slice(0, to.length) <= to))
      .map(({ id }) => id);
    for (const q of [query, `日期測試 ${query}`]) {
      const got = search(s, q, { all: true, sort: 'oldest' }).hits.map((h) => h.id);
      assert.deepEqual(got, expected, q);
    }
  }
  s.close();
});

test('sorting, pagination and totals', () => {
  const newest = search(store, 'date:2019..2021', { sort: 'newest', perPage: 2 });
  assert.equal(newest.total, 5);
  assert.deepEqual(
    newest.hits.map((h) => h.id),
    [101, 106],
  );
  const page2 = search(store, 'date:2019..2021', { sort: 'newest', perPage: 2, page: 2 });
  assert.deepEqual(
    page2.hits.map((h) => h.id),
    [102, 104],
  );
  const oldest = search(store, 'date:2019..2021', { sort: 'oldest', all: true });
  assert.deepEqual(
    oldest.hits.map((h) => h.id),
    [103, 104, 102, 106, 101],
  );
  const beyond = search(store, 'date:2019..2021', { page: 99 });
  assert.equal(beyond.total, 5);
  assert.equal(beyond.hits.length, 0);
});

test('relevance weights the title', () => {
  const r = search(store, '國安法', { sort: 'relevance' });
  assert.equal(r.hits[0]?.id, 101);
  assert.ok(typeof r.hits[0]?.score === 'number');
});

test('snippets show the original characters, with highlights on the matches', () => {
  const r = search(store, '崔天凯');
  const snippet = r.hits[0]!.snippet;
  assert.ok(snippet.highlights.length >= 1);
  for (const [s, e] of snippet.highlights) assert.equal(snippet.text.slice(s, e), '崔天凱');
  const latin = search(store, '"carrie lam"').hits.find((h) => h.id === 104)!.snippet;
  assert.deepEqual(
    latin.highlights.map(([s, e]) => latin.text.slice(s, e)),
    ['Carrie Lam'],
  );
  const full = search(store, 'mtr').hits[0]!.snippet;
  assert.deepEqual(
    full.highlights.map(([s, e]) => full.text.slice(s, e)),
    ['ＭＴＲ'],
  );
});

test('snippets of long bodies: from the head when the match is early, from the whole text when late', () => {
  // text that deflate cannot shrink much, so that the stored body is well over the head read first
  let seed = 7;
  const han = (n: number) =>
    Array.from({ length: n }, () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return String.fromCharCode(0x4e00 + (seed % 0x5000));
    }).join('');
  const paragraphs = Array.from({ length: 50 }, () => `${han(80)}。`);
  const s = openStore(':memory:');
  importArticles(s, [
    fixtureArticle(1, {
      text: [paragraphs[0], `早見甲乙丙丁${han(20)}`, ...paragraphs.slice(1)].join('\n\n'),
    }),
    fixtureArticle(2, { text: [...paragraphs, `晚見甲乙丙丁，${han(20)}`, '𠵾字在後。'].join('\n\n') }),
  ]);
  const bodySize = s.db.prepare('SELECT min(length(body)) FROM bodies').pluck().get() as number;
  assert.ok(bodySize > 4000, `bodies of ${bodySize} bytes`);
  for (const [q, id, before] of [
    ['早見甲乙丙丁', 1, ''],
    ['晚見甲乙丙丁', 2, '…'],
  ] as const) {
    const hit = search(s, q).hits.find((h) => h.id === id)!;
    assert.ok(hit.snippet.text.startsWith(before), hit.snippet.text.slice(0, 20));
    assert.deepEqual(
      hit.snippet.highlights.map(([a, b]) => hit.snippet.text.slice(a, b)),
      [q],
    );
  }
  // a character outside the BMP (a surrogate pair) near the end is shown whole
  const rare = search(s, '𠵾字').hits[0]!.snippet;
  assert.deepEqual(
    rare.highlights.map(([a, b]) => rare.text.slice(a, b)),
    ['𠵾字'],
  );
  s.close();
});

test('facets count the whole result set', () => {
  const r = search(store, '記者 OR reporter OR 文章', { perPage: 1 });
  assert.equal(r.total, 6);
  assert.deepEqual(r.facets.category, [
    { value: '眾聞', count: 3 },
    { value: 'tri-angles', count: 1 },
    { value: '眾說', count: 1 },
  ]);
  // people: the bylines 記者乙 and 記者甲 name 乙 and 甲
  assert.deepEqual(r.facets.author.slice(0, 2), [
    { value: '乙', count: 2 },
    { value: '甲', count: 2 },
  ]);
  assert.deepEqual(r.facets.year, [
    { value: '2019', count: 2 },
    { value: '2020', count: 2 },
    { value: '2021', count: 1 },
  ]);
  assert.equal(r.facets.month.length, 4);
  assert.deepEqual(r.facets.tag[0], { value: '中美關係', count: 2 });
  const none = search(store, '國安法', { facets: false });
  assert.deepEqual(none.facets.category, []);
});

test('a facet counts values that fold alike as one, as the filter its link makes matches them all', () => {
  const s = openStore(':memory:');
  importArticles(s, [
    fixtureArticle(1, { text: '領導人。', tags: ['習近平', '习近平'], author: '記者甲' }),
    fixtureArticle(2, { text: '領導人。', tags: ['习近平'], author: '記者甲' }),
    fixtureArticle(3, { text: '領導人。', tags: ['習近平', '江澤民'], author: 'Reporter A' }),
    fixtureArticle(4, { text: '領導人。', tags: ['習近平'], author: 'reporter a' }),
  ]);
  const r = search(s, '領導人', { fresh: true });
  // one value, named as most articles have it, each article counted once
  assert.deepEqual(r.facets.tag, [
    { value: '習近平', count: 4 },
    { value: '江澤民', count: 1 },
  ]);
  assert.deepEqual(r.facets.author, [
    { value: 'Reporter A', count: 2 },
    { value: '甲', count: 2 },
  ]);
  for (const [key, facet] of [
    ['tag', r.facets.tag],
    ['author', r.facets.author],
  ] as const) {
    for (const { value, count } of facet) {
      assert.equal(search(s, `領導人 ${key}:"${value}"`, { fresh: true }).total, count, `${key}:${value}`);
    }
  }
  s.close();
});

test('author: finds a person under every byline naming them, and the author facet counts people', () => {
  const s = openStore(':memory:');
  importArticles(s, [
    fixtureArticle(1, { text: '法庭消息。', author: '記者林勵' }),
    fixtureArticle(2, { text: '法庭消息。', author: '記者林勵、鄭啟智' }),
    fixtureArticle(3, { text: '法庭消息。', author: '實習記者林勵' }),
    fixtureArticle(4, { text: '法庭消息。', author: '記者郑启智、實習記者林勵' }),
    fixtureArticle(5, { text: '法庭消息。', author: '林勵' }), // a byline that is the name alone
    fixtureArticle(6, { text: '法庭消息。', author: '帝國之間、民國之外' }), // a column: one author
    fixtureArticle(7, { text: '法庭消息。', author: '眾新聞記者' }),
    fixtureArticle(8, { text: '法庭消息。', author: '記者林勵、林励' }), // one person, written twice
    fixtureArticle(9, { text: '其他消息。', author: '特約記者鄭啟智' }),
  ]);
  const found = (q: string) =>
    search(s, q, { perPage: 100, fresh: true })
      .hits.map((h) => h.id)
      .sort((a, b) => a - b);
  assert.deepEqual(found('author:林勵'), [1, 2, 3, 4, 5, 8]);
  assert.deepEqual(found('author:林励'), [1, 2, 3, 4, 5, 8]); // folded, as before
  assert.deepEqual(found('author:鄭啟智'), [2, 4, 9]);
  // a byline as written still finds itself, and only itself
  assert.deepEqual(found('author:記者林勵'), [1]);
  assert.deepEqual(found('author:記者林勵、鄭啟智'), [2]);
  // two authors: articles naming both
  assert.deepEqual(found('author:林勵 author:鄭啟智'), [2, 4]);
  // a column is not split into people
  assert.deepEqual(found('author:帝國之間、民國之外'), [6]);
  assert.deepEqual(found('author:帝國之間'), []);
  assert.deepEqual(found('法庭 -author:林勵'), [6, 7]);
  assert.deepEqual(found('法庭 -author:鄭啟智'), [1, 3, 5, 6, 7, 8]);

  const r = search(s, '法庭', { fresh: true, facetLimit: 0 });
  assert.equal(r.total, 8);
  // an article counts once for each person it names (8 names 林勵 twice: once)
  assert.deepEqual(r.facets.author, [
    { value: '林勵', count: 6 },
    { value: '鄭啟智', count: 2 },
    { value: '帝國之間、民國之外', count: 1 },
    { value: '眾新聞記者', count: 1 },
  ]);
  // each value's link finds the count it shows, on the search and on the search by one person
  for (const q of ['法庭', '法庭 author:林勵', '法庭 author:鄭啟智', 'author:林勵 -author:鄭啟智']) {
    const facet = search(s, q, { fresh: true, facetLimit: 0 }).facets.author;
    assert.ok(facet.length > 0, q);
    for (const { value, count } of facet)
      assert.equal(search(s, `${q} author:"${value}"`, { fresh: true }).total, count, `${q} author:${value}`);
  }
  assert.deepEqual(search(s, '法庭 author:鄭啟智', { fresh: true }).facets.author, [
    { value: '林勵', count: 2 },
    { value: '鄭啟智', count: 2 },
  ]);
  s.close();
});

test('facets, story counts and date order of one search do not leak into the next (reused counters)', () => {
  // 600 articles in stories of two versions, each with a tag of its own and one of 40 authors: a
  // search of a few hits lists the counters it touched, one of most articles zeroes them all
  const make = () => {
    const s = openStore(':memory:');
    importArticles(
      s,
      Array.from({ length: 600 }, (_, k) =>
        fixtureArticle(k + 1, {
          title: `第${Math.floor(k / 2)}則消息${k % 7 === 0 ? '海港城' : ''}`,
          date: `2020-${String((Math.floor(k / 2) % 12) + 1).padStart(2, '0')}-01`,
          author: `作者${k % 40}`,
          tags: [`標籤${k}`, k % 3 === 0 ? '三' : '其他'],
          text: k % 5 === 0 ? '內文提到維港。' : '內文。',
        }),
      ),
    );
    return s;
  };
  const a = make();
  const run = (s: typeof a, q: string, sort: 'relevance' | 'newest' = 'relevance') => {
    const r = search(s, q, { fresh: true, collapse: true, sort, perPage: 100, facetLimit: 0 });
    return {
      total: r.total,
      stories: r.stories,
      facets: r.facets,
      hits: r.hits.map((h) => [h.id, h.versions]),
    };
  };
  const queries: Array<[string, 'relevance' | 'newest']> = [
    ['海港城', 'relevance'], // 86 hits
    ['消息', 'newest'], // every article
    ['維港 -海港城', 'relevance'],
    ['標籤599', 'relevance'], // one hit
    ['消', 'newest'],
  ];
  const first = queries.map(([q, sort]) => run(a, q, sort));
  // each again, after the others, and in another order
  for (const i of [4, 2, 0, 3, 1, 0, 4]) assert.deepEqual(run(a, ...queries[i]!), first[i], queries[i]![0]);
  // and what a new store (new counters) gives for each, asked first
  for (let i = 0; i < queries.length; i++) {
    const b = make();
    assert.deepEqual(run(b, ...queries[i]!), first[i], queries[i]![0]);
    b.close();
  }
  assert.ok(first[1]!.stories! < first[1]!.total); // versions were merged
  assert.equal(first[3]!.facets.tag.length, 2);
  // a ranking kept for a query's next pages owns its arrays: searches in between, which reuse the
  // counters and the candidate arrays, leave it as it was
  const page = (p: number, fresh = false) => ({
    ...search(a, '消息 內文', { collapse: true, perPage: 20, page: p, fresh }),
    tookMs: 0,
  });
  page(1);
  for (const [q, sort] of queries) run(a, q, sort);
  assert.deepEqual(page(3), page(3, true));
  a.close();
});

test('hostile and malformed queries return results or warnings, never an exception', () => {
  const hostile = [
    '',
    ' ',
    '"',
    '""',
    '"國安',
    '*',
    '國安*',
    'NEAR(國安 法)',
    '^國安',
    'title:國安',
    ':',
    'OR',
    'OR OR 國安 OR',
    '-',
    '-國安法',
    'AND NOT',
    "'; DROP TABLE articles; --",
    '國安法" OR 1=1 --',
    '\u0000\u0001\u001f國安法\u007f',
    '😀',
    '😀國安法😀',
    '\ud800',
    '。，！',
    'date:2019-13',
    'date:abcd..',
    'date:..',
    'from:2020-02-30x',
    'to:',
    'author:',
    'tag:"',
    '國'.repeat(10_000),
    'a b c d e f g h i j k l m n o p q r s t u v w x y z aa bb cc dd ee ff gg hh ii jj',
    '{}[]()<>|\\/@#$%&',
    'NEAR/3 fts MATCH',
    'rowid:1',
  ];
  for (const q of hostile) {
    const r = search(store, q);
    assert.ok(Number.isInteger(r.total), q);
    assert.ok(Array.isArray(r.warnings), q);
  }
  assert.ok(search(store, 'date:2019-13').warnings.length > 0);
  assert.ok(search(store, '"國安').warnings.length > 0);
  assert.deepEqual(ids('"國安'), [101, 106]);
  assert.deepEqual(ids('國安法" OR 1=1 --'), []);
  assert.equal(search(store, '國'.repeat(10_000)).total, 0);
  assert.deepEqual(ids('😀國安法😀'), []);
  assert.deepEqual(ids('"表情符號😀不影響"'), [105]);
});

test('invisible characters inside words do not hide them from search', () => {
  const s = openStore(':memory:');
  importArticles(s, [
    fixtureArticle(1, {
      title: '\u2060\u2060入境處大狀',
      text: '反\u200c送\u200c中運\u200c動，非\u200d法集結。Carrie\u200bLam 說❤\ufe0f。',
    }),
  ]);
  for (const q of [
    '反送中',
    '反送中運動',
    '非法集結',
    '入境處',
    '"處大狀"',
    '反\u200b送中',
    '"carrie lam"',
  ]) {
    assert.equal(search(s, q).total, 1, q);
  }
  // an emoji's variation selector is not a letter: ❤️ is no more searchable than ❤
  for (const q of ['❤\ufe0f', '❤']) {
    const r = search(s, q);
    assert.equal(r.total, 0, q);
    assert.match(r.warnings.join(), /no letters or digits/, q);
  }
  const snippet = search(s, '送中運').hits[0]!.snippet;
  assert.deepEqual(
    snippet.highlights.map(([a, b]) => snippet.text.slice(a, b)),
    ['送中運'],
  );
  s.close();
});

test('new articles are searchable at once (the cached catalog is refreshed)', () => {
  const s = openStore(':memory:');
  importArticles(s, [FIXTURES[0]!]);
  assert.equal(search(s, '國安法').total, 1);
  importArticles(s, [fixtureArticle(900, { text: '國安法新文章' })]);
  assert.equal(search(s, '國安法').total, 2);
  s.close();
});

test('placeholder pages are not results: they are counted apart, out of the total and the facets', () => {
  const s = openStore(':memory:');
  const farewell = (id: number) =>
    fixtureArticle(id, {
      title: '眾新聞告別　感謝讀者',
      date: '',
      author: '',
      category: '',
      text: '感謝讀者多年支持。',
    });
  importArticles(s, [
    fixtureArticle(1, { title: '多謝街坊', date: '2021-03-01', text: '感謝讀者來信。', tags: ['讀者'] }),
    fixtureArticle(2, { title: '讀者來函', date: '', text: '感謝讀者，此文未註明日期。' }),
    fixtureArticle(3, { title: '讀者之聲', date: '2019-05-02', text: '再次感謝讀者。' }),
    farewell(4),
    farewell(5),
  ]);
  for (const sort of ['relevance', 'newest', 'oldest'] as const) {
    for (const query of ['感謝讀者', '感謝', '謝']) {
      const r = search(s, query, { sort, collapse: true });
      assert.deepEqual(r.hits.map((h) => h.id).sort(), [1, 2, 3], `${query} ${sort}`);
      assert.equal(r.total, 3);
      assert.equal(r.stories, 3);
      assert.equal(r.placeholders, 2, `${query} ${sort}`);
      const years = r.facets.year.reduce((n, f) => n + f.count, 0);
      assert.equal(years, 2, 'the undated article is in no year; the placeholders are in no facet');
    }
  }
  // the undated article comes last, oldest first as newest first
  assert.deepEqual(
    search(s, '感謝', { sort: 'oldest' }).hits.map((h) => h.id),
    [3, 1, 2],
  );
  assert.deepEqual(
    search(s, '感謝', { sort: 'newest' }).hits.map((h) => h.id),
    [1, 3, 2],
  );
  // a query no placeholder matches says nothing of them
  assert.equal(search(s, '來信').placeholders, undefined);
  // large sets (ranked by where the terms are) leave them out too
  assert.equal(search(s, '感謝', { scoreLimit: 0 }).total, 3);
  s.close();
});

test('hits mark their titles, and name the tag, author or category that found them', () => {
  const s = openStore(':memory:');
  importArticles(s, [
    fixtureArticle(1, { title: '評論', date: '2021-03-02', text: '與此無關的正文。', tags: ['港版國安法'] }),
    fixtureArticle(2, { title: '國安法之下', date: '2021-03-01', text: '正文。' }),
    // the last snippet cut matches far into its text (the regex is left there)
    fixtureArticle(3, { title: '回顧', date: '2021-02-01', text: `${'前文。'.repeat(20)}國安法實施一年。` }),
  ]);
  const hits = search(s, '国安法', { sort: 'newest' }).hits;
  assert.deepEqual(
    hits.map((h) => [h.id, h.titleHighlights, h.matchedIn]),
    [
      [1, undefined, [{ field: 'tag', value: '港版國安法', highlights: [[2, 5]] }]],
      [2, [[0, 3]], undefined],
      [3, undefined, undefined],
    ],
  );
  s.close();
});

test('an article id far past the others (up to 2,147,483,647) is found, listed and linked like any', () => {
  const s = openStore(':memory:');
  importArticles(s, [
    fixtureArticle(7, { text: '遠方的編號。' }),
    fixtureArticle(2_147_483_647, { text: '遠方的編號。' }),
  ]);
  assert.deepEqual(
    search(s, '遠方', { perPage: 10 })
      .hits.map((h) => h.id)
      .sort((a, b) => a - b),
    [7, 2_147_483_647],
  );
  assert.equal(s.getArticle(2_147_483_647)?.id, 2_147_483_647);
  const { prev, next } = s.adjacent(2_147_483_647);
  assert.deepEqual([prev?.id, next?.id].filter(Boolean), [7]);
  s.close();
});
