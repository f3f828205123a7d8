import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { misDecodeCyrillic } from '../corpus/testing/mis-decode.js';
import { StoreError } from '../lib/errors.js';
import { search } from '../search/search.js';
import { importArticles } from './import.js';
import { openStore } from './store.js';
import { FIXTURES, fixtureArticle } from './test-fixtures.js';

const store = openStore(':memory:');
importArticles(store, FIXTURES);

test('getArticle gives every field back, the body split into its parts', () => {
  const a = store.getArticle(104)!;
  const original = FIXTURES.find((f) => f.id === 104)!;
  assert.equal(a.title, original.title);
  assert.equal(a.url, original.url);
  assert.equal(a.captureTimestamp, '20210101000000');
  assert.equal(a.body + a.footer + a.columnist, original.body);
  assert.ok(a.footer.includes('請加入成為眾新聞的月費訂戶'));
  assert.ok(a.columnist.includes('某人是前記者'));
  assert.ok(!a.body.includes('月費訂戶'));
  assert.equal(a.category, 'tri-angles');
  assert.deepEqual(a.tags, ['english']);
  assert.equal(store.getArticle(105)!.category, null);
  assert.equal(store.getArticle(999), null);
});

test('stats, latest, categories, month counts', () => {
  assert.deepEqual(store.stats(), {
    articles: 6,
    firstDate: '2019-06-12',
    lastDate: '2021-06-30',
    authors: 3,
    tags: 5,
    categories: 3,
  });
  assert.deepEqual(
    store.latest(2).map((a) => a.id),
    [101, 106],
  );
  assert.deepEqual(store.categories()[0], { value: '眾聞', count: 3 });
  assert.deepEqual(
    store.monthCounts().map((m) => m.value),
    ['2019-06', '2019-12', '2020-07', '2021-06'],
  );
  const june = store.dayCounts('2021-06');
  assert.equal(
    june.reduce((n, d) => n + d.count, 0),
    store.monthCounts().find((m) => m.value === '2021-06')!.count,
  );
  assert.ok(june.every((d) => d.value.startsWith('2021-06-') && d.count > 0));
  assert.deepEqual(store.dayCounts('2021-6'), []);
});

test('onThisDay, listBy, listByDate, values', () => {
  assert.deepEqual(
    store.onThisDay('07-22', 5).map((d) => [d.date, d.count, d.items.map((a) => a.id)]),
    [['2020-07-22', 1, [102]]],
  );
  assert.deepEqual(store.onThisDay('bad', 5), []);
  const byTag = store.listBy('tag', '國安法', { perPage: 1 });
  assert.equal(byTag.total, 2);
  assert.deepEqual(
    byTag.items.map((a) => a.id),
    [101],
  );
  assert.deepEqual(
    store.listBy('tag', '國安法', { perPage: 1, page: 2 }).items.map((a) => a.id),
    [106],
  );
  assert.deepEqual(
    store.listBy('author', '記者甲', { sort: 'oldest' }).items.map((a) => a.id),
    [103, 101],
  );
  assert.equal(store.listBy('category', '眾說').total, 1);
  assert.deepEqual(
    store.listByDate('2020-07').items.map((a) => a.id),
    [106, 102],
  );
  assert.equal(store.listByDate('2020').total, 2);
  assert.equal(store.listByDate('20x0').total, 0);
  const tags = store.values('tag');
  assert.equal(tags.total, 5);
  // only the values holding a text, folded: Simplified finds Traditional, case does not matter
  assert.deepEqual(store.values('tag', { containing: '国安' }).items, [{ value: '國安法', count: 2 }]);
  assert.deepEqual(
    store.values('tag', { containing: 'carrie' }).items.map((t) => t.value),
    ['Carrie Lam'],
  );
  assert.equal(store.values('tag', { containing: '沒有這個' }).total, 0);
  assert.equal(store.values('tag', { containing: '  ' }).total, 5, 'blank: every value');
  assert.deepEqual(tags.items[0], { value: '中美關係', count: 2 });
  assert.deepEqual(
    tags.items.slice(0, 2).map((t) => t.count),
    [2, 2],
  );
});

test('onThisDay: each year of the day, newest first, with its count and a few articles, one per story', () => {
  const days = openStore(':memory:');
  importArticles(days, [
    fixtureArticle(1, { title: '甲', date: '2021-06-30', text: '一' }),
    fixtureArticle(2, { title: '乙', date: '2021-06-30', text: '二' }),
    fixtureArticle(3, { title: '乙 ', date: '2021-06-30', text: '二之更新' }),
    fixtureArticle(4, { title: '丙', date: '2021-06-30', text: '三' }),
    fixtureArticle(5, { title: '丁', date: '2019-06-30', text: '四' }),
    fixtureArticle(6, { title: '戊', date: '2019-07-01', text: '五' }),
  ]);
  assert.deepEqual(
    days.onThisDay('06-30', 2).map((d) => [d.date, d.count, d.items.map((a) => a.id)]),
    [
      ['2021-06-30', 4, [4, 3]],
      ['2019-06-30', 1, [5]],
    ],
  );
  assert.deepEqual(days.neighbourDates('2021-06-30'), { before: '2019-07-01', after: null });
  assert.deepEqual(days.neighbourDates('2019-06-30'), { before: null, after: '2019-07-01' });
  assert.deepEqual(days.neighbourDates('2019-07'), { before: '2019-06', after: '2021-06' });
  assert.deepEqual(days.neighbourDates('2020'), { before: '2019', after: '2021' });
  assert.deepEqual(days.neighbourDates('bad'), { before: null, after: null });
  // versions of one story are one item
  assert.deepEqual(
    days.onThisDay('06-30', 5)[0]!.items.map((a) => a.id),
    [4, 3, 1],
  );
  days.close();
});

test('onThisDay finds the day in every year from the first to the last, 02-29 too, undated records aside', () => {
  const days = openStore(':memory:');
  importArticles(days, [
    fixtureArticle(1, { title: '甲', date: '2017-06-04', text: '一' }),
    fixtureArticle(2, { title: '乙', date: '2020-02-29', text: '二' }),
    fixtureArticle(3, { title: '丙', date: '2021-06-04', text: '三' }),
    fixtureArticle(4, { title: '丁', date: '', text: '四' }),
    fixtureArticle(5, { title: '戊', date: '2021-06-05', text: '五' }),
  ]);
  const day = (md: string) => days.onThisDay(md, 3).map((d) => [d.date, d.count, d.items.map((a) => a.id)]);
  assert.deepEqual(day('06-04'), [
    ['2021-06-04', 1, [3]],
    ['2017-06-04', 1, [1]],
  ]);
  assert.deepEqual(day('02-29'), [['2020-02-29', 1, [2]]]);
  assert.deepEqual(day('12-31'), []);
  assert.deepEqual(openStore(':memory:').onThisDay('06-04', 2), [], 'an empty archive has no years');
  days.close();
});

test('monthDayCounts: the articles of each month-day in all years, in calendar order, undated records aside', () => {
  const days = openStore(':memory:');
  importArticles(days, [
    fixtureArticle(1, { title: '甲', date: '2017-06-04', text: '一' }),
    fixtureArticle(2, { title: '乙', date: '2020-02-29', text: '二' }),
    fixtureArticle(3, { title: '丙', date: '2021-06-04', text: '三' }),
    fixtureArticle(4, { title: '丁', date: '', text: '四' }),
    fixtureArticle(5, { title: '戊', date: '2021-01-05', text: '五' }),
  ]);
  assert.deepEqual(days.monthDayCounts(), [
    { value: '01-05', count: 1 },
    { value: '02-29', count: 1 },
    { value: '06-04', count: 2 },
  ]);
  assert.deepEqual(openStore(':memory:').monthDayCounts(), []);
  days.close();
});

test('onThisDayIds: every article of the month-day in all years, newest first, every version, none undated', () => {
  const days = openStore(':memory:');
  importArticles(days, [
    fixtureArticle(1, { title: '甲', date: '2017-06-04', text: '一' }),
    fixtureArticle(2, { title: '乙', date: '2021-06-04', text: '二' }),
    fixtureArticle(3, { title: '乙 ', date: '2021-06-04', text: '二之更新' }),
    fixtureArticle(4, { title: '丁', date: '', text: '四' }),
    fixtureArticle(5, { title: '戊', date: '2021-06-05', text: '五' }),
  ]);
  assert.deepEqual(days.onThisDayIds('06-04'), [3, 2, 1]);
  assert.equal(
    days.onThisDayIds('06-04').length,
    days.onThisDay('06-04', 1).reduce((sum, d) => sum + d.count, 0),
    'as many as the page counts',
  );
  assert.deepEqual(days.onThisDayIds('12-31'), []);
  assert.deepEqual(days.onThisDayIds('bad'), []);
  days.close();
});

test('adjacent and related', () => {
  const { prev, next } = store.adjacent(102);
  assert.equal(prev?.id, 104);
  assert.equal(next?.id, 106);
  assert.deepEqual(store.adjacent(999), { prev: null, next: null });
  assert.deepEqual(
    store.related(106, 5).map((a) => a.id),
    [101, 102],
  );
  // ids the archive cannot hold have no neighbours, related articles or versions
  for (const id of [-1, 0, 101.5, Number.NaN, 2 ** 40]) {
    assert.deepEqual(store.adjacent(id), { prev: null, next: null });
    assert.deepEqual(store.related(id, 5), []);
    assert.deepEqual(store.versions(id), []);
  }
});

test('articleLinks gives what adjacent, related and versions give', () => {
  for (const id of [101, 102, 103, 104, 105, 106, 999999]) {
    assert.deepEqual(store.articleLinks(id, 3), {
      ...store.adjacent(id),
      related: store.related(id, 3),
      versions: store.versions(id),
    });
  }
});

test('a file that is not an SQLite file is never to be deleted; a corpus archive is to be imported', () => {
  const dir = mkdtempSync(join(tmpdir(), 'backfile-store-'));
  try {
    const text = join(dir, 'passwd');
    writeFileSync(text, 'root:x:0:0:root:/root:/bin/bash\n');
    const archive = join(dir, 'hkcnews sample.tar.xz');
    writeFileSync(archive, Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 1, 2, 3]));
    for (const readonly of [true, false]) {
      const opts = { readonly, create: !readonly };
      assert.throws(
        () => openStore(text, opts),
        (e: unknown) =>
          e instanceof StoreError &&
          e.message === `${text} is not a backfile database (it is not an SQLite file); check --db`,
      );
      assert.throws(
        () => openStore(archive, opts),
        (e: unknown) =>
          e instanceof StoreError &&
          e.message.endsWith(
            `It looks like a corpus archive: import it with \`backfile import '${archive}'\``,
          ) &&
          !/delete/.test(e.message),
      );
    }
    assert.equal(readFileSync(text, 'utf8'), 'root:x:0:0:root:/root:/bin/bash\n', 'left as it was');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a foreign or damaged SQLite file gives a StoreError that says to delete it and re-import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'backfile-store-'));
  try {
    const damaged = join(dir, 'damaged.db');
    writeFileSync(damaged, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(3000, 7)]));
    assert.throws(
      () => openStore(damaged),
      (e: unknown) => e instanceof StoreError && /is corrupt .*; delete it and re-import/.test(e.message),
    );
    const foreign = join(dir, 'foreign.db');
    const db = new Database(foreign);
    db.exec('CREATE TABLE t(x)');
    db.close();
    assert.throws(
      () => openStore(foreign),
      (e: unknown) => e instanceof StoreError && /re-import/.test(e.message),
    );
    const old = join(dir, 'old.db');
    openStore(old, { create: true }).close();
    const raw = new Database(old);
    raw.pragma('user_version = 999');
    raw.close();
    assert.throws(
      () => openStore(old),
      (e: unknown) => e instanceof StoreError && /another version/.test(e.message),
    );
    assert.throws(
      () => openStore(join(dir, 'missing.db')),
      (e: unknown) => e instanceof StoreError && /import/.test(e.message),
    );
    // a folder where the file should be: said so, read-only or not
    for (const readonly of [true, false])
      assert.throws(
        () => openStore(dir, { readonly, create: !readonly }),
        (e: unknown) =>
          e instanceof StoreError && e.message.includes(`${dir} is a folder, not a database file`),
      );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('versions of one story (same title and date): listed, and skipped by neighbours, related and latest', () => {
  const s = openStore(':memory:');
  const story = (id: number, extra = {}) =>
    fixtureArticle(id, {
      title: '立法會選舉 投票率新低',
      date: '2021-12-20',
      text: `版本 ${id}`,
      tags: ['選舉'],
      ...extra,
    });
  importArticles(s, [
    fixtureArticle(1, { title: '前一篇', date: '2021-12-19', text: '甲', tags: ['選舉'] }),
    story(2),
    story(3, { title: '立法會選舉  投票率新低 ' }), // spacing differs: still the same story
    story(4),
    fixtureArticle(5, { title: '後一篇', date: '2021-12-20', text: '乙', tags: ['選舉'] }),
    fixtureArticle(6, { title: '立法會選舉 投票率新低', date: '2021-12-21', text: '另一天', tags: ['選舉'] }),
    fixtureArticle(7, { title: '', date: '2021-12-20', text: '無題' }),
    fixtureArticle(8, { title: '', date: '2021-12-20', text: '無題二' }),
  ]);
  assert.deepEqual(
    s.versions(3).map((a) => a.id),
    [2, 4],
  );
  assert.deepEqual(s.versions(6), []); // same title, another day: another story
  assert.deepEqual(s.versions(7), []); // untitled articles are stories of their own
  // exports name each article's story by its first version, in any order asked
  assert.deepEqual(
    s.recordsOf([4, 6, 3, 7, 2]).map((r) => [r.id, r.storyId]),
    [
      [4, 2],
      [6, 6],
      [3, 2],
      [7, 7],
      [2, 2],
    ],
  );
  const around = s.adjacent(3);
  assert.equal(around.prev?.id, 1);
  assert.equal(around.next?.id, 5);
  assert.equal(s.adjacent(2).next?.id, 5);
  assert.equal(s.adjacent(4).prev?.id, 1);
  // related: no version of the article itself, and one version of any other story
  const related = s.related(1, 10).map((a) => a.id);
  assert.equal(related.filter((id) => [2, 3, 4].includes(id)).length, 1);
  assert.ok(related.includes(5) && related.includes(6));
  assert.deepEqual(
    s.related(3, 10).filter((a) => [2, 4].includes(a.id)),
    [],
  );
  assert.deepEqual(
    s.latest(10).map((a) => a.id),
    [6, 8, 7, 5, 4, 1],
  );
  s.close();
});

test('a record stored mis-decoded as a whole is kept decoded back, with a note of the repair', () => {
  const clean = fixtureArticle(7001, {
    title: '失業回落疑似好　港化灣區報應到',
    text: '上周本港公佈的最新失業率由6.0%大跌至5.5%。',
    tags: ['失業率', '羅家聰'],
    category: '眾說',
    author: '',
    columnist: '香港經濟學家、財經專欄作家。',
  });
  const broken = {
    ...clean,
    title: misDecodeCyrillic(clean.title, true),
    body: misDecodeCyrillic(clean.body, true),
    tags: clean.tags!.map((t) => misDecodeCyrillic(t)),
    category: misDecodeCyrillic('眾說'),
  };
  const s = openStore(':memory:');
  importArticles(s, [broken, fixtureArticle(7002, { text: '一篇正常的文章。' })]);
  const a = s.getArticle(7001)!;
  assert.equal(a.title, clean.title);
  assert.equal(a.body + a.footer + a.columnist, clean.body);
  assert.deepEqual(a.tags, clean.tags);
  assert.equal(a.category, '眾說');
  assert.deepEqual(a.repair, { kind: 'mis-decoded', lost: 0 });
  assert.equal(s.getArticle(7002)!.repair, undefined);
  assert.deepEqual(
    search(s, '失業率由').hits.map((h) => h.id),
    [7001],
    'its text is searchable as the Chinese it is',
  );
  s.close();
});

test('previous and next never cross between dated and undated articles', () => {
  const s = openStore(':memory:');
  importArticles(s, [
    fixtureArticle(1, { title: '無日期甲', date: '', text: '甲' }),
    fixtureArticle(2, { title: '無日期乙', date: '', text: '乙' }),
    fixtureArticle(3, { title: '最早', date: '2016-01-03', text: '丙' }),
    fixtureArticle(4, { title: '其次', date: '2017-02-01', text: '丁' }),
  ]);
  // the last undated article (by number) has no next: the earliest dated one is no neighbour of it
  assert.deepEqual([s.adjacent(2).prev?.id, s.adjacent(2).next], [1, null]);
  assert.deepEqual([s.adjacent(1).prev, s.adjacent(1).next?.id], [null, 2]);
  // and the earliest dated article has no previous one
  assert.deepEqual([s.adjacent(3).prev, s.adjacent(3).next?.id], [null, 4]);
  assert.deepEqual(
    s.listUndated().items.map((a) => a.id),
    [2, 1],
  );
  s.close();
});

test('listings with collapse: one entry per story, counted in stories, across page boundaries', () => {
  const s = openStore(':memory:');
  const version = (id: number, date = '2021-12-20') =>
    fixtureArticle(id, {
      title: '立法會選舉 投票率新低',
      date,
      text: `版本 ${id}`,
      tags: ['選舉'],
      author: '記者甲',
    });
  importArticles(s, [
    fixtureArticle(1, { title: '前一篇', date: '2021-12-19', text: '甲', tags: ['選舉'], author: '記者甲' }),
    version(2),
    fixtureArticle(3, { title: '另一篇', date: '2021-12-20', text: '乙', tags: ['選舉'], author: '記者甲' }),
    version(4),
    version(5),
    fixtureArticle(6, { title: '後一篇', date: '2021-12-21', text: '丙', tags: ['選舉'], author: '記者甲' }),
    fixtureArticle(7, { title: '無日期', date: '', text: '丁', tags: ['選舉'], author: '記者甲' }),
  ]);
  const pages = (list: (page: number) => { items: Array<{ id: number; versions?: number }> }) =>
    [1, 2, 3, 4].map((page) => list(page).items.map((a) => (a.versions ? `${a.id}×${a.versions}` : a.id)));
  for (const listing of [
    (req: object) => s.listBy('tag', '選舉', req),
    (req: object) => s.listBy('author', '記者甲', req),
  ]) {
    const first = listing({ collapse: true, perPage: 2 });
    assert.deepEqual([first.total, first.stories], [7, 5]);
    // the story's versions 2, 4, 5 straddle pages as articles; as a story it is listed once
    assert.deepEqual(
      pages((page) => listing({ collapse: true, perPage: 2, page })),
      [[6, '5×3'], [3, 1], [7], []],
    );
    assert.deepEqual(
      pages((page) => listing({ collapse: true, perPage: 2, page, sort: 'oldest' })),
      [[1, '2×3'], [3, 6], [7], []],
      'oldest first: undated last',
    );
    // without collapse, every article, undated last in either order
    assert.deepEqual(
      listing({ perPage: 100 }).items.map((a) => a.id),
      [6, 5, 4, 3, 2, 1, 7],
    );
    assert.deepEqual(
      listing({ perPage: 100, sort: 'oldest' }).items.map((a) => a.id),
      [1, 2, 3, 4, 5, 6, 7],
    );
    assert.deepEqual(
      listing({ perPage: 3, page: 3, sort: 'oldest' }).items.map((a) => a.id),
      [7],
    );
  }
  const day = s.listByDate('2021-12-20', { collapse: true });
  assert.deepEqual([day.total, day.stories], [4, 2]);
  assert.deepEqual(
    day.items.map((a) => [a.id, a.versions]),
    [
      [5, 3],
      [3, undefined],
    ],
  );
  const month = s.listByDate('2021-12', { collapse: true, sort: 'oldest' });
  assert.deepEqual(
    month.items.map((a) => a.id),
    [1, 2, 3, 6],
  );
  assert.equal(s.listByDate('2020', { collapse: true }).total, 0);
  // the scratch counts are left zeroed: the same page twice is the same
  assert.deepEqual(s.listBy('tag', '選舉', { collapse: true }), s.listBy('tag', '選舉', { collapse: true }));
  s.close();
});

test('articleIds: every article ascending, placeholder pages left out', () => {
  const s = openStore(':memory:');
  importArticles(s, [
    fixtureArticle(30, { title: '乙', date: '2020-01-01', text: '乙' }),
    {
      ...fixtureArticle(20, { title: 'Temporarily Offline', date: '', text: '', footer: false }),
      body: '\n',
    },
    fixtureArticle(10, { title: '甲', date: '', text: '甲' }),
  ]);
  assert.deepEqual([...s.articleIds()], [10, 30]);
  s.close();
});
