import assert from 'node:assert/strict';
import { test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { misDecodeCyrillic } from '../corpus/testing/mis-decode.js';
import { search } from '../search/search.js';
import { importArticles } from '../store/import.js';
import { openStore } from '../store/store.js';
import { fixtureArticle } from '../store/test-fixtures.js';
import type { Store } from '../store/types.js';
import { composeQuery, createApp, type SearchFn } from './app.js';
import { testApp } from './testing/test-app.js';

const { app } = testApp({ now: () => new Date('2024-06-30T04:00:00Z') });

async function get(path: string, init?: RequestInit) {
  const res = await app.request(path, init);
  return { res, text: await res.text() };
}

async function json(path: string) {
  const res = await app.request(path);
  assert.match(res.headers.get('content-type') ?? '', /application\/json/);
  return { res, body: (await res.json()) as Record<string, unknown> };
}

test('home shows latest, categories with counts, the timeline and 當年今日', async () => {
  const { res, text } = await get('/');
  assert.equal(res.status, 200);
  assert.match(text, /^<!doctype html><html lang="zh-Hant-HK"/);
  assert.match(text, /最新文章/);
  assert.match(
    text,
    /href="\/category\/%E7%9C%BE%E8%81%9E"><span lang="zh-Hant-HK">眾聞<\/span><span class="count">\d+<\/span>/,
  );
  // a group of links (an image's contents are hidden from screen readers), named and described
  assert.match(
    text,
    /<svg role="group"[^>]*aria-labelledby="timeline-title" aria-describedby="timeline-desc"/,
  );
  assert.match(text, /<desc id="timeline-desc">2017 年 1 月 至 2021 年 6 月 每月文章數，共 7 篇。<\/desc>/);
  assert.match(
    (await get('/?lang=en')).text,
    /<desc id="timeline-desc">Articles per month from Jan 2017 to Jun 2021, 7 in all.<\/desc>/,
  );
  assert.match(text, /<a href="\/date\/2021\/06" aria-label="2021 年 6 月: 2 篇" tabindex="-1">/);
  assert.match(text, /當年今日（6 月 30 日）/);
  // 06-30 of 2021 and 2020 are both past years' articles of this day
  assert.match(text, /href="\/article\/103"/);
  // and the page of this day, with more of its articles and a picker of other days
  assert.match(text, /<a href="\/on-this-day\/06-30">更多當年今日，或選看其他日子 ›<\/a>/);
  assert.match(
    (await get('/?lang=en')).text,
    /<a href="\/on-this-day\/06-30">More from this day, or choose another day ›<\/a>/,
  );
});

/** The links of a page's month chart, and those of them a keyboard's Tab reaches. */
function chartLinks(html: string): { all: string[]; tabbable: string[] } {
  const figure = /<figure class="timeline">[\s\S]*?<\/figure>/.exec(html)?.[0] ?? '';
  const all = figure.match(/<a [^>]*>/g) ?? [];
  return { all, tabbable: all.filter((a) => !/tabindex="-1"/.test(a)) };
}

test("the month chart is one tab stop: its bars are links for a pointer and a screen reader, out of the keyboard's way", async () => {
  const home = chartLinks((await get('/')).text);
  // a bar a month with articles (6 fixture months), and the list of the same months
  assert.equal(home.all.length, 7);
  assert.deepEqual(home.tabbable, ['<a class="timeline-list" href="/date">']);
  assert.match((await get('/')).text, /<a class="timeline-list" href="\/date">以列表瀏覽全部 6 個月 ›<\/a>/);
  assert.match(
    (await get('/?lang=en')).text,
    /<a class="timeline-list" href="\/date">All 6 months as a list ›<\/a>/,
  );
  // on /date, which lists the months under the chart, the one stop skips to that list
  const dates = (await get('/date')).text;
  assert.deepEqual(chartLinks(dates).tabbable, ['<a class="timeline-list" href="#y2017">']);
  assert.match(dates, /<h2 id="y2017">/);
  // the chart is still a named, described group of month links for a screen reader
  assert.match(
    dates,
    /<svg role="group"[^>]*aria-labelledby="timeline-title" aria-describedby="timeline-desc"/,
  );
});

test("the home page's 當年今日 follows the day in Hong Kong, its cached page too", async () => {
  let clock = new Date('2024-06-30T15:59:00Z'); // 23:59 in Hong Kong
  const local = createApp(testApp().store, { logError: () => {}, now: () => clock });
  assert.match(await (await local.request('/')).text(), /當年今日（6 月 30 日）/);
  clock = new Date('2024-06-30T16:01:00Z'); // 00:01 on 1 July
  const next = await (await local.request('/')).text();
  assert.match(next, /當年今日（7 月 1 日）/);
  assert.match(next, /href="\/on-this-day\/07-01"/);
  const api = (await (await local.request('/api')).json()) as { onThisDay: { monthDay: string } };
  assert.equal(api.onThisDay.monthDay, '07-01');
});

test("on 28 February of a year without a 29th, the home page's 當年今日 leads to 29 February's too", async () => {
  let clock = new Date('2026-02-28T04:00:00Z');
  const local = createApp(testApp().store, { logError: () => {}, now: () => clock });
  const common = await (await local.request('/')).text();
  assert.match(common, /<a href="\/on-this-day\/02-29">今年沒有 2 月 29 日：看 2 月 29 日的文章 ›<\/a>/);
  const api = (await (await local.request('/api')).json()) as { onThisDay: { leapDay?: string } };
  assert.equal(api.onThisDay.leapDay, '02-29');
  // a leap year's 28th does not (its 29th comes tomorrow), though the month-day is the same
  clock = new Date('2028-02-28T04:00:00Z');
  assert.doesNotMatch(await (await local.request('/')).text(), /href="\/on-this-day\/02-29"/);
  const leapYear = (await (await local.request('/api')).json()) as { onThisDay: object };
  assert.equal('leapDay' in leapYear.onThisDay, false);
});

test('a shared cache keeps the home page no later than midnight in Hong Kong', async () => {
  let clock = new Date('2024-06-30T15:58:30Z'); // 23:58:30 in Hong Kong: 90 s to go
  const local = createApp(testApp().store, { logError: () => {}, now: () => clock });
  for (const path of ['/', '/api']) {
    assert.equal((await local.request(path)).headers.get('cache-control'), 'public, max-age=90', path);
  }
  // from the page cache too: the time left is worked out for each answer
  clock = new Date('2024-06-30T15:59:50Z');
  assert.equal((await local.request('/')).headers.get('cache-control'), 'public, max-age=10');
  clock = new Date('2024-06-30T04:00:00Z'); // noon: the usual ten minutes
  assert.equal((await local.request('/')).headers.get('cache-control'), 'public, max-age=600');
  // other pages do not depend on the day
  clock = new Date('2024-06-30T15:59:50Z');
  assert.equal((await local.request('/article/101')).headers.get('cache-control'), 'public, max-age=600');
});

test('當年今日 of any day: each year that has it, with counts and its full listing, the days around, a day picker', async () => {
  const { res, text } = await get('/on-this-day/06-30');
  assert.equal(res.status, 200);
  assert.match(text, /<title>當年今日（6 月 30 日） – 眾新聞檔案<\/title>/);
  assert.match(text, /<h1>當年今日（6 月 30 日）<\/h1>/);
  assert.match(text, /歷年 6 月 30 日共有 3 篇文章，分屬 2 個年份。/);
  // newest year first, each headed by its day's listing and count
  assert.match(
    text,
    /<h2 class="otd-day-title" id="otd-2021-06-30"><a href="\/date\/2021\/06\/30">2021 年 6 月 30 日<\/a><span class="muted">（2 篇）<\/span><\/h2>[\s\S]*href="\/article\/10[12]"[\s\S]*id="otd-2020-06-30"[\s\S]*href="\/article\/103"/,
  );
  // the day before and after
  assert.match(text, /<nav class="date-nav" aria-label="前一日及後一日">/);
  assert.match(text, /<a href="\/on-this-day\/06-29" rel="prev">‹ 6 月 29 日<\/a>/);
  assert.match(text, /<a href="\/on-this-day\/07-01" rel="next">7 月 1 日 ›<\/a>/);
  assert.match(text, /<a href="\/on-this-day">今日<\/a>/);
  // a GET form of labelled selects, the day shown chosen: it works without JavaScript
  assert.match(
    text,
    /<form class="otd-picker" action="\/on-this-day" method="get"><fieldset><legend>選看其他日子<\/legend>/,
  );
  assert.match(text, /<label for="otd-month">月份<\/label><select id="otd-month" name="month">/);
  assert.match(text, /<option value="06" selected="">6 月<\/option>/);
  assert.match(text, /<label for="otd-day">日子<\/label><select id="otd-day" name="day">/);
  assert.match(text, /<option value="30" selected="">30<\/option>/);
  assert.equal(text.match(/<option /g)?.length, 12 + 31);
  assert.match(text, /<button type="submit">前往<\/button>/);

  const en = (await get('/on-this-day/06-30?lang=en')).text;
  assert.match(en, /<h1>On this day \(30 Jun\)<\/h1>/);
  assert.match(en, /3 articles on 30 Jun, in 2 years\./);
  assert.match(
    en,
    /<a href="\/date\/2021\/06\/30">30 Jun 2021<\/a><span class="muted"> \(2 articles\)<\/span>/,
  );
  assert.match(en, /<a href="\/on-this-day\/06-29" rel="prev">‹ 29 Jun<\/a>/);
  assert.match(en, /<legend>Choose another day<\/legend>/);
  assert.match(en, /<label for="otd-month">Month<\/label>/);
  assert.match(en, /<option value="06" selected="">Jun<\/option>/);
  assert.match(en, /<button type="submit">Go<\/button>/);
  assert.match(en, /<a href="\/on-this-day">Today<\/a>/);

  const { body } = await json('/api/on-this-day/06-30');
  assert.equal(body.monthDay, '06-30');
  assert.equal(body.prev, '06-29');
  assert.equal(body.next, '07-01');
  assert.equal(body.total, 3);
  const years = body.years as Array<{ date: string; count: number; items: Array<{ id: number }> }>;
  assert.deepEqual(
    years.map((y) => [y.date, y.count]),
    [
      ['2021-06-30', 2],
      ['2020-06-30', 1],
    ],
  );
  assert.deepEqual(
    years[1]!.items.map((a) => a.id),
    [103],
  );
  assert.deepEqual(await (await app.request('/on-this-day/06-30?format=json')).json(), body);
});

test('當年今日 of every day: a month a list, each day linked with its count, in JSON too; the day pages lead to it', async () => {
  const { res, text } = await get('/on-this-day/all');
  assert.equal(res.status, 200);
  assert.match(text, /<h1>當年今日：全年每一日<\/h1>/);
  assert.match(text, /一年 366 日，每日連到歷年同一日的文章；共 7 篇。/);
  assert.equal(text.match(/<a href="\/on-this-day\/\d\d-\d\d" aria-label=/g)?.length, 366);
  assert.match(text, /<h2 id="otd-month-2">2 月<\/h2>/);
  assert.match(
    text,
    /<a href="\/on-this-day\/06-30" aria-label="6 月 30 日（3 篇）">30<\/a> <span class="muted">3<\/span>/,
  );
  assert.match(text, /<a href="\/on-this-day\/02-29" aria-label="2 月 29 日（0 篇）">29<\/a>/);
  assert.ok(!text.includes('/on-this-day/02-30'));
  const en = (await get('/on-this-day/all?lang=en')).text;
  assert.match(en, /<h1>On this day: every day of the year<\/h1>/);
  assert.match(en, /aria-label="30 Jun \(3 articles\)"/);
  const { body } = await json('/api/on-this-day/all');
  assert.equal(body.total, 7);
  assert.deepEqual(
    (body.days as Array<{ value: string }>).map((d) => d.value),
    ['01-02', '03-15', '06-30', '12-31', '01-01'].sort(),
  );
  assert.match(
    (await get('/on-this-day/06-30')).text,
    /<p class="more"><a href="\/on-this-day\/all">全年每一日 ›<\/a><\/p>/,
  );
});

test('當年今日 goes round the year: 12-31 leads on to 01-01 and back, and 02-29 is a day of its own', async () => {
  const end = (await get('/on-this-day/12-31')).text;
  assert.match(end, /href="\/article\/104"/);
  assert.match(end, /<a href="\/on-this-day\/12-30" rel="prev">/);
  assert.match(end, /<a href="\/on-this-day\/01-01" rel="next">1 月 1 日 ›<\/a>/);
  assert.match(
    (await get('/on-this-day/01-01')).text,
    /<a href="\/on-this-day\/12-31" rel="prev">‹ 12 月 31 日<\/a>/,
  );
  // a day no article has is still a day: it says so, and leads on
  const leap = await get('/on-this-day/02-29');
  assert.equal(leap.res.status, 200);
  assert.match(leap.text, /存檔中沒有 2 月 29 日的文章。/);
  assert.match(leap.text, /<a href="\/on-this-day\/02-28" rel="prev">/);
  assert.match(leap.text, /<a href="\/on-this-day\/03-01" rel="next">/);
  assert.match((await get('/on-this-day/02-28')).text, /<a href="\/on-this-day\/02-29" rel="next">/);
  assert.match((await get('/on-this-day/03-01')).text, /<a href="\/on-this-day\/02-29" rel="prev">/);
  // and in a leap year's archive, its articles
  const store = openStore(':memory:');
  importArticles(store, [
    fixtureArticle(1, { title: '閏日消息', text: '二月廿九。', date: '2020-02-29' }),
    fixtureArticle(2, { title: '翌日消息', text: '三月一日。', date: '2020-03-01' }),
  ]);
  const { page } = appOver(store);
  const leapDay = await page('/on-this-day/02-29');
  assert.match(leapDay, /歷年 2 月 29 日共有 1 篇文章，分屬 1 個年份。/);
  assert.match(leapDay, /href="\/article\/1"/);
  assert.doesNotMatch(leapDay, /href="\/article\/2"/);
});

test('a long list of versions folds under a line that opens it; a short one is listed at once', async () => {
  const store = openStore(':memory:');
  importArticles(
    store,
    Array.from({ length: 7 }, (_, k) =>
      fixtureArticle(401 + k, { title: '直播：立法會會議', date: '2021-03-15', text: `第${k + 1}次更新。` }),
    ).concat([
      fixtureArticle(501, { title: '短篇報道', date: '2021-03-16', text: '初稿。' }),
      fixtureArticle(502, { title: '短篇報道', date: '2021-03-16', text: '修訂稿。' }),
    ]),
  );
  const { page } = appOver(store);
  const live = await page('/article/404');
  assert.match(live, /此文另有 6 個版本/);
  assert.match(
    live,
    /<details class="versions-all"><summary>列出其餘 6 個版本<\/summary><ul>(?:<li>[\s\S]*?<\/li>){6}<\/ul><\/details>/,
  );
  assert.match(live, /<a class="compare-link" href="\/article\/404\/compare\/407">/);
  assert.match(await page('/article/404?lang=en'), /<summary>List the 6 other versions<\/summary>/);
  const short = await page('/article/501');
  assert.doesNotMatch(short, /versions-all/);
  assert.match(short, /<a href="\/article\/502">第 502 號<\/a>/);
});

test('the picker asking for a day its month has not (30 February) leads to the last day of the month, which says so', async () => {
  const res = await app.request('/on-this-day?month=2&day=30&lang=en');
  assert.equal(res.status, 302);
  assert.equal(res.headers.get('location'), '/on-this-day/02-29?lang=en&asked=30');
  const en = await (await app.request('/on-this-day/02-29?lang=en&asked=30')).text();
  assert.match(en, /February has no day 30: this is its last day, 29 February\./);
  // the picker is there to choose again
  assert.match(en, /<form class="otd-picker"/);
  const zh = await (await app.request('/on-this-day?month=4&day=31')).headers.get('location');
  assert.equal(zh, '/on-this-day/04-30?asked=31');
  assert.match(
    (await get('/on-this-day/04-30?asked=31')).text,
    /4 月沒有 31 日，這裏是該月最後一日，4 月 30 日。/,
  );
  // in JSON too, and nothing said where the day asked for is not missing, or the page is no last day
  const api = await json('/api/on-this-day/02-29?asked=30');
  assert.equal((api.body as { asked?: number }).asked, 30);
  for (const path of [
    '/on-this-day/02-29?asked=20',
    '/on-this-day/02-28?asked=30',
    '/on-this-day/02-29?asked=x',
  ]) {
    assert.doesNotMatch((await get(path)).text, /沒有 \d+ 日，這裏是/, path);
  }
  // a day every month has goes straight to it
  assert.equal(
    (await app.request('/on-this-day?month=2&day=3')).headers.get('location'),
    '/on-this-day/02-03',
  );
});

test('a month-day written short (6-4, 06-4, 6-04) leads to its one address; a short day that is none is a 404', async () => {
  for (const short of ['6-4', '06-4', '6-04']) {
    const res = await app.request(`/on-this-day/${short}?lang=en`);
    assert.equal(res.status, 301, short);
    assert.equal(res.headers.get('location'), '/on-this-day/06-04?lang=en', short);
  }
  const api = await app.request('/api/on-this-day/2-29');
  assert.equal(api.status, 301);
  assert.equal(api.headers.get('location'), '/api/on-this-day/02-29');
  const none = await app.request('/on-this-day/2-30');
  assert.equal(none.status, 404);
  assert.match(await none.text(), /2 月沒有 30 日/);
  assert.equal((await app.request('/on-this-day/9-99')).status, 404);
});

test('當年今日 exports every article of the month-day in all years (CSV, RIS, BibTeX), linked from its page', async () => {
  const store = openStore(':memory:');
  importArticles(store, [
    fixtureArticle(1, { title: '六四悼念', text: '燭光。', date: '2019-06-04' }),
    fixtureArticle(2, { title: '六四集會', text: '維園。', date: '2021-06-04' }),
    fixtureArticle(3, { title: '六四集會', text: '維園，更新。', date: '2021-06-04' }),
    fixtureArticle(4, { title: '翌日', text: '六月五日。', date: '2021-06-05' }),
  ]);
  const local = appOver(store);
  const zh = await local.page('/on-this-day/06-04');
  assert.match(
    zh,
    /<p class="export">下載歷年 6 月 4 日全部 3 篇：<a href="\/on-this-day\/06-04\.csv" download="">CSV 試算表<\/a> · <a href="\/on-this-day\/06-04\.ris" download="">/,
  );
  assert.match(
    await local.page('/on-this-day/06-04?lang=en'),
    /Download all 3 articles from 4 Jun across the years:/,
  );
  assert.doesNotMatch(
    await local.page('/on-this-day/12-31'),
    /class="export"/,
    'nothing to export, no links',
  );
  const csv = await local.request('/on-this-day/06-04.csv');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
  assert.equal(csv.headers.get('x-total-count'), '3');
  assert.match(csv.headers.get('content-disposition') ?? '', /filename="backfile-on-this-day-06-04\.csv"/);
  const lines = (await csv.text()).split('\r\n');
  assert.match(lines[0]!, /^id,date,/);
  // newest first, each version its own line; the day after is not among them
  assert.deepEqual(
    lines.slice(1, -1).map((l) => l.split(',').slice(0, 2).join(',')),
    ['3,2021-06-04', '2,2021-06-04', '1,2019-06-04'],
  );
  const ris = await (await local.request('/on-this-day/06-04.ris')).text();
  assert.equal(ris.match(/^TY {2}- NEWS/gm)?.length, 3);
  assert.match(await (await local.request('/on-this-day/06-04.bib')).text(), /@misc\{hkcnews3,/);
  assert.equal((await local.request('/on-this-day/12-31.csv')).headers.get('x-total-count'), '0');
  assert.equal((await local.request('/on-this-day/02-30.csv')).status, 404);
  assert.equal((await local.request('/on-this-day/06-04.xls')).status, 404);
});

test("/on-this-day leads to today's page (Hong Kong), and the day picker's choice to that day's address", async () => {
  const to = async (path: string, local = app) => {
    const res = await local.request(path);
    return [res.status, res.headers.get('location'), res.headers.get('cache-control')];
  };
  assert.deepEqual(await to('/on-this-day'), [302, '/on-this-day/06-30', 'no-store']);
  // 00:30 on 1 July in Hong Kong, still 30 June in UTC
  const { app: late } = testApp({ now: () => new Date('2024-06-30T16:30:00Z') });
  assert.deepEqual(await to('/on-this-day', late), [302, '/on-this-day/07-01', 'no-store']);
  assert.deepEqual(await to('/on-this-day?month=07&day=01'), [302, '/on-this-day/07-01', 'no-store']);
  assert.deepEqual(await to('/on-this-day?month=2&day=29&lang=en'), [
    302,
    '/on-this-day/02-29?lang=en',
    'no-store',
  ]);
  assert.deepEqual(await to('/on-this-day?month=12&day=31&format=json'), [
    302,
    '/on-this-day/12-31?format=json',
    'no-store',
  ]);
  assert.deepEqual(await to('/api/on-this-day?month=6&day=4'), [302, '/api/on-this-day/06-04', 'no-store']);
  assert.deepEqual(await to('/api/on-this-day'), [302, '/api/on-this-day/06-30', 'no-store']);
  // the redirect carries the security headers of every response
  const res = await app.request('/on-this-day?month=6&day=4');
  assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self'/);
});

test('article page: metadata links, figure, body, author box, provenance, prev/next, related, citation', async () => {
  const { res, text } = await get('/article/103');
  assert.equal(res.status, 200);
  assert.match(text, /<h1>測試評論：城市與記憶<\/h1>/);
  assert.match(text, /href="\/author\/%E6%B8%AC%E8%A9%A6%E5%B0%88%E6%AC%84%E4%BD%9C%E8%80%85"/);
  assert.match(text, /href="\/tag\/%E5%9F%8E%E5%B8%82" rel="tag"/);
  assert.match(text, /<figcaption>測試圖片：舊街<\/figcaption>/);
  assert.doesNotMatch(text, /請加入成為眾新聞的月費訂戶/, 'the subscription footer is not shown');
  assert.match(text, /class="panel author-box"[\s\S]*測試專欄作者的簡介/);
  assert.match(text, /web\.archive\.org\/web\/20210101000000\/https:\/\/www\.hkcnews\.com\/article\/103/);
  assert.match(text, /2021-01-01 00:00:00 UTC/);
  assert.match(text, /class="prev-next"/);
  assert.match(text, /相關文章[\s\S]*href="\/article\/101"/);
  assert.match(text, /@misc\{hkcnews103,/);
  assert.doesNotMatch(
    text,
    /<h2>測試評論：城市與記憶<\/h2>/,
    'the title heading is not repeated in the body',
  );
});

test('the index pages find a value by part of it, in either script', async () => {
  const page = (await get(`/tags?q=${encodeURIComponent('香港政')}`)).text;
  assert.match(page, /<input id="values-q" type="search" name="q" value="香港政"/);
  assert.match(page, /1 個標籤含有「香港政」/);
  assert.match(page, /href="\/tag\/%E9%A6%99%E6%B8%AF%E6%94%BF%E6%B2%BB"/);
  assert.match(page, /<a href="\/tags">所有標籤<\/a>/);
  assert.match(page, /<h1>含有「香港政」的標籤<\/h1>/);
  const none = (await get('/tags?q=zzzqqq')).text;
  assert.match(none, /沒有標籤含有「zzzqqq」。/);
  assert.doesNotMatch(none, /0 個標籤|按文章數排列/);
  const english = (await get('/authors?q=zzzqqq&lang=en')).text;
  assert.match(english, /No author holds &quot;zzzqqq&quot;\./);
  assert.match((await get('/tags?q=%E9%A6%99%E6%B8%AF%E6%94%BF&lang=en')).text, /1 tag holding/);
  const api = (await json(`/api/tags?q=${encodeURIComponent('香港政')}`)).body as {
    q: string;
    result: { total: number; items: Array<{ value: string }> };
  };
  assert.equal(api.q, '香港政');
  assert.deepEqual(
    api.result.items.map((v) => v.value),
    ['香港政治'],
  );
  assert.equal((await app.request(`/tags?q=${'x'.repeat(300)}`)).status, 400);
});

test('an English article is marked and set as English; its title in lists too', async () => {
  const page = (await get('/article/105')).text;
  assert.match(page, /<article class="article" lang="en">/);
  assert.match((await get('/article/101')).text, /<article class="article" lang="zh-Hant-HK">/);
  const list = (await get('/category/tri-angles')).text;
  assert.match(list, /<a class="title" href="\/article\/105" lang="en">Test article: English title/);
  assert.equal(((await json('/api/article/105')).body as { lang: string }).lang, 'en');
  assert.equal(((await json('/api/article/101')).body as { lang: string }).lang, 'zh-Hant-HK');
});

test('an embedded video is a line of links in the page language: the video, and its archived player', async () => {
  const store = openStore(':memory:');
  importArticles(store, [
    fixtureArticle(401, {
      title: '有片',
      date: '2021-06-29',
      text: '片段如下。\n\n{{< video src="https://web.archive.org/web/20210629100947if_/https://www.youtube.com/embed/f1YFA_J5JBU" >}}\n\n完。',
    }),
  ]);
  const videoApp = createApp(store, { logError: () => {} });
  const zh = await (await videoApp.request('/article/401')).text();
  assert.doesNotMatch(zh, /\{\{(&lt;|<)|video src/);
  assert.match(
    zh,
    /<p class="video" lang="zh-Hant-HK"><a href="https:\/\/www\.youtube\.com\/watch\?v=f1YFA_J5JBU" rel="noopener noreferrer">YouTube 影片<\/a> · <a href="https:\/\/web\.archive\.org\/web\/20210629100947\/https:\/\/www\.youtube\.com\/embed\/f1YFA_J5JBU" rel="noopener noreferrer">播放器存檔（網頁時光機）<\/a><\/p>/,
  );
  const en = await (await videoApp.request('/article/401?lang=en')).text();
  // the English words, in a Chinese article, are marked English
  assert.match(
    en,
    /<p class="video" lang="en"><a [^>]*>Video on YouTube<\/a> · <a [^>]*>Archived player \(Wayback Machine\)<\/a>/,
  );
  // JSON (one answer whatever the language) has the Chinese words; the description skips the video
  const api = (await (await videoApp.request('/api/article/401?lang=en')).json()) as {
    bodyHtml: string;
    description: string;
  };
  assert.match(api.bodyHtml, /YouTube 影片/);
  assert.equal(api.description, '片段如下。 完。');
  store.close();
});

test('original hkcnews paths redirect to /article/:id with 301', async () => {
  for (const path of ['/article/101/', '/article/101/國安法-101/slug', '/article/101/a/b/c?x=1']) {
    const res = await app.request(encodeURI(path));
    assert.equal(res.status, 301, path);
    assert.equal(res.headers.get('location'), '/article/101');
  }
  const res = await app.request('/api/article/101/slug');
  assert.equal(res.headers.get('location'), '/api/article/101');
  // the format and the language asked for are kept
  const kept = await app.request('/article/101/slug?format=json&lang=en&x=1');
  assert.equal(kept.headers.get('location'), '/article/101?format=json&lang=en');
});

test('listings: category, tag (with odd characters), author, dates; sorted and paginated', async () => {
  const cat = await get('/category/%E7%9C%BE%E8%81%9E');
  assert.equal(cat.res.status, 200);
  assert.match(cat.text, /分類：眾聞/);
  const tag = await get(`/tag/${encodeURIComponent('a/b?c#d')}`);
  assert.equal(tag.res.status, 200);
  assert.match(tag.text, /href="\/article\/108"/);
  const oldest = await json('/api/category/%E7%9C%BE%E8%81%9E?sort=oldest&perPage=1&page=2');
  const result = oldest.body.result as { total: number; items: Array<{ id: number }> };
  assert.equal(oldest.body.pages, result.total);
  assert.equal(result.items.length, 1);
  const year = await get('/date/2021');
  assert.equal(year.res.status, 200);
  assert.match(year.text, /href="\/date\/2021\/06"/);
  // a space between digits and Han characters, none between Han characters
  assert.match(year.text, /<h1[^>]*>2021 年的文章<\/h1>/);
  assert.match((await get('/date/2021/06')).text, /<h1[^>]*>2021 年 6 月的文章<\/h1>/);
  // a date listing leads to the nearest dates with articles, and up to its month, year, all dates
  const oneDay = (await get('/date/2020/06/30')).text;
  assert.match(
    oneDay,
    /class="date-nav"[\s\S]*<a href="\/date\/2020\/01\/01" rel="prev">‹ 2020 年 1 月 1 日<\/a>[\s\S]*<a href="\/date\/2020\/06">2020 年 6 月<\/a>[\s\S]*<a href="\/date\/2021\/06\/30" rel="next">2021 年 6 月 30 日 ›<\/a>/,
  );
  assert.match(
    year.text,
    /class="date-nav"[\s\S]*href="\/date\/2020" rel="prev"[\s\S]*href="\/date">所有日期/,
  );
  assert.doesNotMatch(year.text, /rel="next">20/, 'no later year has articles');
  assert.deepEqual((await json('/api/date/2020/06')).body.neighbours, {
    before: '2020-01',
    after: '2021-06',
  });
  const day = await json('/api/date/2021/06/30');
  assert.deepEqual(
    (day.body.result as { items: Array<{ id: number }> }).items.map((a) => a.id).sort(),
    [101, 102],
  );
  const dates = await get('/date');
  assert.equal(dates.res.status, 200);
  const tags = await get('/tags');
  assert.match(tags.text, /香港政治<\/span><span class="count">3<\/span>/);
  assert.equal((await app.request('/authors')).status, 200);
  assert.equal((await app.request('/categories')).status, 200);
});

test('a listing asked for in another form of its value (Simplified, case) leads to the value the archive has', async () => {
  const simplified = await app.request(`/category/${encodeURIComponent('众闻')}?sort=oldest&page=1`);
  assert.equal(simplified.status, 302);
  assert.equal(simplified.headers.get('location'), '/category/%E7%9C%BE%E8%81%9E?sort=oldest&page=1');
  const api = await app.request(`/api/category/${encodeURIComponent('众闻')}`);
  assert.equal(api.headers.get('location'), '/api/category/%E7%9C%BE%E8%81%9E');
  assert.equal(
    (await app.request(`/tag/${encodeURIComponent('A/B?C#D')}`)).headers.get('location'),
    `/tag/${encodeURIComponent('a/b?c#d')}`,
  );
  // a value no article has in any form is still not found
  assert.equal((await app.request(`/tag/${encodeURIComponent('沒有這個標籤')}`)).status, 404);
  assert.equal((await app.request(`/api/author/${encodeURIComponent('…')}`)).status, 404);
});

test('search renders hits with <mark>, facets as filter links, and JSON', async () => {
  const { res, text } = await get(`/search?q=${encodeURIComponent('國安法')}`);
  assert.equal(res.status, 200);
  assert.match(text, /<mark>國安法<\/mark>/);
  assert.match(text, /href="\/search\?q=%E5%9C%8B%E5%AE%89%E6%B3%95&amp;tag=/);
  const filtered = await json(
    `/api/search?q=${encodeURIComponent('國安法')}&category=${encodeURIComponent('眾聞')}`,
  );
  const r = filtered.body.result as { total: number; query: string };
  assert.equal(r.total, 1);
  assert.equal(r.query, '國安法 category:眾聞');
  const start = await get('/search');
  assert.equal(start.res.status, 200);
  assert.match(start.text, /輸入字詞開始搜尋/);
  // the title is marked too
  assert.match(
    text,
    /class="title" href="\/article\/101"[^>]*>測試文章：<mark>國安法<\/mark>實施一周年回顧<\/a>/,
  );
  assert.match(text, /English title with <mark>国安法<\/mark> in simplified/);
});

test('a hit found by its tag, author or category says so, the term marked', async () => {
  const { text } = await get(`/search?q=${encodeURIComponent('香港政治')}`);
  assert.match(
    text,
    /<p class="matched-in">符合的資料：標籤「<span lang="zh-Hant-HK"><mark>香港政治<\/mark><\/span>」<\/p>/,
  );
  const en = await get(`/search?q=${encodeURIComponent('香港政治')}&lang=en`);
  assert.match(
    en.text,
    /<p class="matched-in">Found by: tag &quot;<span lang="zh-Hant-HK"><mark>香港政治<\/mark><\/span>&quot;<\/p>/,
  );
  const api = (await json(`/api/search?q=${encodeURIComponent('香港政治')}`)).body as {
    result: { hits: Array<{ matchedIn?: unknown }> };
  };
  assert.deepEqual(api.result.hits[0]!.matchedIn, [
    { field: 'tag', value: '香港政治', highlights: [[0, 4]] },
  ]);
  // a hit whose text holds the term is not explained by its fields
  assert.doesNotMatch((await get(`/search?q=${encodeURIComponent('國安法')}`)).text, /class="matched-in"/);
});

test('a search exports every article it finds as CSV, linked from its page', async () => {
  const q = encodeURIComponent('國安法');
  const page = await get(`/search?q=${q}&sort=newest`);
  assert.match(
    page.text,
    /下載全部 2 篇結果：<a href="\/search\.csv\?q=%E5%9C%8B%E5%AE%89%E6%B3%95&amp;sort=newest" download="">CSV 試算表<\/a>/,
  );
  for (const ext of ['ris', 'bib'])
    assert.ok(page.text.includes(`href="/search.${ext}?q=%E5%9C%8B%E5%AE%89%E6%B3%95&amp;sort=newest"`), ext);
  const res = await app.request(`/search.csv?q=${q}&sort=newest`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/);
  assert.match(
    res.headers.get('content-disposition') ?? '',
    /^attachment; filename="backfile-search\.csv"; filename\*=UTF-8''backfile-search-%E5%9C%8B%E5%AE%89%E6%B3%95\.csv$/,
  );
  assert.equal(res.headers.get('x-total-count'), '2');
  const lines = (await res.text())
    .replace(/^\ufeff/, '')
    .trim()
    .split('\r\n');
  assert.equal(
    lines[0],
    'id,date,last_updated,title,author,category,tags,article_url,original_url,wayback_url,capture_timestamp,story_id,captured_at',
  );
  // newest first, as the page lists them
  const api = await json(`/api/search?q=${q}&sort=newest`);
  const ids = (api.body.result as { hits: Array<{ id: number }> }).hits.map((h) => String(h.id));
  assert.deepEqual(
    lines.slice(1).map((l) => l.split(',')[0]),
    ids,
  );
  assert.match(
    lines[1]!,
    /,https:\/\/www\.hkcnews\.com\/article\/(\d+),https:\/\/www\.hkcnews\.com\/article\/\1\/[^,]*,https:\/\/web\.archive\.org\/web\/\d{14}\//,
  );
  // filters narrow it as they do the page; nothing to export is a 400 that says why
  const filtered = await app.request(`/search.csv?q=${q}&category=${encodeURIComponent('眾聞')}`);
  assert.equal(filtered.headers.get('x-total-count'), '1');
  const none = await app.request('/search.csv');
  assert.equal(none.status, 400);
  assert.match(await none.text(), /請輸入搜尋字詞或篩選條件/);
  assert.equal((await app.request(`/search.csv?q=${q}&sort=sideways`)).status, 400);
  // file names: cut by characters (not inside 𨋢), ' ( ) encoded, nothing left: the plain name
  const long = await app.request(`/search.csv?q=${encodeURIComponent(`${'a'.repeat(79)}𨋢`)}`);
  assert.equal(long.status, 200);
  assert.match(long.headers.get('content-disposition') ?? '', /a{79}%F0%A8%8B%A2\.csv$/);
  const quote = await app.request(`/search.csv?q=${encodeURIComponent("O'Brien (x)")}`);
  assert.match(
    quote.headers.get('content-disposition') ?? '',
    /filename\*=UTF-8''backfile-search-O%27Brien-%28x%29\.csv$/,
  );
  const odd = await app.request(`/search.csv?q=${encodeURIComponent('*?')}`);
  assert.match(odd.headers.get('content-disposition') ?? '', /filename\*=UTF-8''backfile-search\.csv$/);
  assert.equal((await app.request(`/search.csv?q=${q}&versions=bogus`)).status, 400);
  assert.equal((await app.request(`/search.csv?q=${q}&lang=fr`)).status, 400);
  const gz = await app.request(`/search.csv?q=${q}`, { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(gz.headers.get('content-encoding'), 'gzip');
  assert.match(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString(), /^\ufeffid,date/);
});

test('a search exports as RIS and BibTeX for reference managers, one entry per article', async () => {
  const q = encodeURIComponent('國安法');
  const ris = await app.request(`/search.ris?q=${q}&sort=oldest`);
  assert.equal(ris.status, 200);
  assert.match(ris.headers.get('content-type') ?? '', /^application\/x-research-info-systems; charset=utf-8/);
  assert.match(
    ris.headers.get('content-disposition') ?? '',
    /filename="backfile-search\.ris"; filename\*=UTF-8''backfile-search-%E5%9C%8B%E5%AE%89%E6%B3%95\.ris$/,
  );
  const risText = await ris.text();
  const csv = await (await app.request(`/search.csv?q=${q}&sort=oldest`)).text();
  const csvIds = csv
    .trim()
    .split('\r\n')
    .slice(1)
    .map((l) => l.split(',')[0]);
  assert.equal(csvIds.length, 2);
  assert.deepEqual(
    [...risText.matchAll(/^ID {2}- hkcnews(\d+)\r$/gm)].map((m) => m[1]),
    csvIds,
    'the same articles in the same order as the CSV',
  );
  const bib = await app.request(`/search.bib?q=${q}&sort=oldest`);
  assert.match(bib.headers.get('content-type') ?? '', /^application\/x-bibtex; charset=utf-8/);
  assert.deepEqual(
    [...(await bib.text()).matchAll(/^@misc\{hkcnews(\d+),$/gm)].map((m) => m[1]),
    csvIds,
  );
  assert.equal((await app.request('/search.bib')).status, 400);
});

test('the month facet waits for a year when the hits span more than twelve months', async () => {
  const months = Array.from({ length: 30 }, (_, i) => ({
    value: `${2019 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
    count: 1,
  }));
  const stub: SearchFn = (s, q, o) => {
    const r = search(s, q, o);
    return { ...r, facets: { ...r.facets, month: months } };
  };
  const { app: stubbed } = testApp({ search: stub });
  const wide = await (await stubbed.request(`/search?q=${encodeURIComponent('國安法')}`)).text();
  assert.match(wide, /id="facet-year"/);
  assert.doesNotMatch(wide, /id="facet-month"/);
  const api = (await (await stubbed.request(`/api/search?q=${encodeURIComponent('國安法')}`)).json()) as {
    result: { facets: { month: unknown[] } };
  };
  assert.equal(api.result.facets.month.length, 30, 'JSON keeps every month');
  const inYear = await (await stubbed.request(`/search?q=${encodeURIComponent('國安法')}&year=2021`)).text();
  assert.match(inYear, /id="facet-month"[\s\S]*href="\/search\?q=[^"]*&amp;year=2021&amp;month=2020-01"/);
  // the fixtures span a few months: shown at once
  assert.match((await get(`/search?q=${encodeURIComponent('國安法')}`)).text, /id="facet-month"/);
});

test('the year facet counts the undated articles too, so that the years add up to the total', async () => {
  // two of the hits are given no year, as undated articles have none
  const stub: SearchFn = (s, q, o) => {
    const r = search(s, q, o);
    const year = r.facets.year.map((f, i) => (i === 0 ? { ...f, count: f.count - 2 } : f));
    return { ...r, facets: { ...r.facets, year } };
  };
  const { app: stubbed } = testApp({ search: stub });
  const q = encodeURIComponent('國安法');
  const html = await (await stubbed.request(`/search?q=${q}`)).text();
  const years = html.slice(
    html.indexOf('id="facet-year"'),
    html.indexOf('</section>', html.indexOf('id="facet-year"')),
  );
  assert.match(years, /<li class="undated"><span>日期不詳<\/span><span class="count">2<\/span><\/li>/);
  const en = await (await stubbed.request(`/search?q=${q}&lang=en`)).text();
  assert.match(en, /<li class="undated"><span>No date<\/span><span class="count">2<\/span><\/li>/);
  // when every hit has a date, nothing is added
  assert.doesNotMatch((await get(`/search?q=${q}`)).text, /class="undated"/);
});

test('a search of more than 500 pages links no deeper than page 500, and says how to see the rest', async () => {
  // a stub that pretends the query matched 30,000 stories
  const stub: SearchFn = (s, q, o) => {
    const r = search(s, q, o);
    return { ...r, total: 30_000, stories: 30_000 };
  };
  const { app: stubbed } = testApp({ search: stub });
  const at = async (page: number) =>
    (await stubbed.request(`/search?q=${encodeURIComponent('國安法')}&page=${page}`)).text();
  const first = await at(1);
  assert.match(first, /href="\/search\?q=[^"]*&amp;page=500" aria-label="第 500 頁，共 1500 頁"/);
  assert.doesNotMatch(first, /page=1500/);
  assert.match(first, /搜尋結果只列出首 500 頁/);
  const last = await at(500);
  assert.doesNotMatch(last, /rel="next"/, 'no next link past the last page that can be asked for');
  assert.match(last, /rel="prev"/);
  // a deeper page, asked for by hand, is refused with what to do instead, in the reader's language
  const res = await stubbed.request(`/search?q=${encodeURIComponent('國安法')}&page=501`);
  assert.equal(res.status, 400);
  const deep = await res.text();
  assert.match(deep, /搜尋結果只列出首 500 頁。加上篩選/);
  assert.match(deep, /<a href="\/search\?q=%E5%9C%8B%E5%AE%89%E6%B3%95&amp;page=500">前往第 500 頁<\/a>/);
});

test('an empty search explains itself and offers a wider query', async () => {
  const { res, text } = await get(`/search?q=${encodeURIComponent('國安法 不存在的詞')}`);
  assert.equal(res.status, 200);
  assert.match(text, /沒有找到文章/);
  assert.match(text, /試試較寬的搜尋/);
  // no sort links over an empty list
  assert.doesNotMatch(text, /排序/);
  assert.match(text, /href="\/search\?q=%E5%9C%8B%E5%AE%89%E6%B3%95"/);
  // each suggestion says how many articles it finds, in the page and in its JSON
  const wider = await (await app.request(`/api/search?q=${encodeURIComponent('國安法')}`)).json();
  const found = wider.result.total as number;
  assert.ok(found > 0);
  assert.match(text, new RegExp(`>國安法</a>（${found} 篇）`));
  const json = await (await app.request(`/api/search?q=${encodeURIComponent('國安法 不存在的詞')}`)).json();
  assert.deepEqual(json.relaxed, [{ q: '國安法', total: found }]);
  // the word no article holds is named, in the page's language, and in the JSON
  assert.match(text, /<p>沒有文章含有「<span lang="zh-Hant-HK">不存在的詞<\/span>」。<\/p>/);
  assert.deepEqual(json.unfound, ['不存在的詞']);
  const en = await (
    await app.request(`/search?q=${encodeURIComponent('國安法 不存在的詞 zzqq')}&lang=en`)
  ).text();
  assert.match(
    en,
    /<p>No article holds the words &quot;<span lang="zh-Hant-HK">不存在的詞<\/span>&quot;, &quot;<span lang="en">zzqq<\/span>&quot;\.<\/p>/,
  );
  // a query that finds something names none
  assert.deepEqual(
    (await (await app.request(`/api/search?q=${encodeURIComponent('國安法')}`)).json()).unfound,
    [],
  );
});

test('snippet text is escaped around the marks', async () => {
  const { text } = await get(`/search?q=${encodeURIComponent('惡意')}`);
  assert.doesNotMatch(text, /<script>window/);
});

test('English interface via ?lang=en sets a cookie; the cookie keeps it', async () => {
  const first = await app.request('/?lang=en');
  assert.match(await first.text(), /<html lang="en"/);
  assert.match(first.headers.get('set-cookie') ?? '', /lang=en; Path=\//);
  const again = await get('/article/101', { headers: { cookie: 'x=1; lang=en' } });
  assert.match(again.text, /<html lang="en"/);
  assert.match(again.text, /Provenance/);
  assert.match(again.text, /<article class="article" lang="zh-Hant-HK">/);
  const back = await get('/article/101?lang=zh', { headers: { cookie: 'lang=en' } });
  assert.match(back.text, /<html lang="zh-Hant-HK"/);
});

test('every page has a JSON twin under /api and via ?format=json', async () => {
  for (const path of [
    '/',
    '/article/101',
    '/category/%E7%9C%BE%E8%81%9E',
    '/tags',
    '/date/2021',
    '/date',
    '/on-this-day/06-30',
    '/search?q=x',
  ]) {
    const api = await app.request(path === '/' ? '/api' : `/api${path}`);
    assert.equal(api.status, 200, path);
    assert.match(api.headers.get('content-type') ?? '', /application\/json/);
    const fmt = await app.request(`${path}${path.includes('?') ? '&' : '?'}format=json`);
    assert.deepEqual(await fmt.json(), await api.json(), path);
  }
  const { body } = await json('/api/article/101');
  const article = body.article as { id: number; footer: string };
  assert.equal(article.id, 101);
  assert.match(String(body.bodyHtml), /<figure>/);
  assert.ok((body.citation as { bibtex: string }).bibtex.startsWith('@misc'));
});

test('security headers: strict CSP without inline script, nosniff, frame denial', async () => {
  const res = await app.request('/article/101');
  const csp = res.headers.get('content-security-policy') ?? '';
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  assert.match(csp, /default-src 'none'/);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(res.headers.get('x-frame-options'), 'DENY');
  const html = await res.text();
  assert.doesNotMatch(
    html,
    /<script(?![^>]*\ssrc="\/static\/app\.[0-9a-f]+\.js")/,
    'only the external script',
  );
  assert.doesNotMatch(html, /\sstyle="/, 'no inline style (CSP blocks it)');
  assert.doesNotMatch(html, /\son[a-z]+="/, 'no inline handlers');
});

test('hostile record renders inert: escaped metadata, sanitized body, no javascript: links', async () => {
  const { res, text } = await get('/article/666');
  assert.equal(res.status, 200);
  assert.doesNotMatch(text, /<script>window/);
  assert.doesNotMatch(text, /<img src=x/);
  assert.doesNotMatch(text, /href="javascript:/i);
  assert.doesNotMatch(text, /<(iframe|svg onload|math|meta http-equiv|base)\b/i);
  assert.match(text, /&lt;script&gt;window.__pwned=&quot;title&quot;&lt;\/script&gt;惡意標題/);
  // in the head's metadata too
  assert.match(text, /<meta property="og:title" content="&lt;script&gt;window.__pwned=&quot;title&quot;/);
  assert.match(
    text,
    /<meta name="DC.creator" content="&lt;b onmouseover=&quot;window.__pwned=1&quot;&gt;惡意作者/,
  );
});

test('redirects and small fixed answers carry the security headers too', async () => {
  for (const path of ['/article/101/x', '/robots.txt', '/favicon.ico']) {
    const res = await app.request(path);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
    assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self'/, path);
  }
});

test('static files are served with long cache under hashed names; others 404', async () => {
  const home = await get('/');
  const css = /href="(\/static\/style\.[0-9a-f]+\.css)"/.exec(home.text)?.[1];
  const js = /src="(\/static\/app\.[0-9a-f]+\.js)"/.exec(home.text)?.[1];
  assert.ok(css && js);
  const cssRes = await app.request(css);
  assert.equal(cssRes.status, 200);
  assert.match(cssRes.headers.get('cache-control') ?? '', /max-age=31536000, immutable/);
  assert.match(cssRes.headers.get('content-type') ?? '', /text\/css/);
  assert.equal((await app.request(js)).status, 200);
  assert.equal((await app.request('/static/style.css')).status, 404);
  const stale = await app.request('/static/style.0123456789.css');
  assert.equal(stale.status, 200, 'an older hashed name still gets the stylesheet');
  assert.equal(stale.headers.get('cache-control'), 'no-cache');
  assert.equal((await app.request('/static/style.0123456789.js')).status, 404);
  assert.equal((await app.request('/static/../package.json')).status, 404);
});

test('ETag and If-None-Match give 304', async () => {
  const first = await app.request('/article/102');
  const etag = first.headers.get('etag');
  assert.ok(etag);
  const second = await app.request('/article/102', { headers: { 'if-none-match': etag } });
  assert.equal(second.status, 304);
  assert.equal(await second.text(), '');
  // weak comparison (a proxy may have weakened the tag), a list, and *
  for (const inm of [`W/${etag}`, `"other", ${etag}`, '*']) {
    const res = await app.request('/article/102', { headers: { 'if-none-match': inm } });
    assert.equal(res.status, 304, inm);
  }
  assert.equal((await app.request('/article/102', { headers: { 'if-none-match': '"other"' } })).status, 200);
});

test('pages, JSON, error pages and static files go compressed to a client that takes it', async () => {
  const gz = { headers: { 'accept-encoding': 'gzip, deflate, br' } };
  for (const path of [
    '/article/102',
    '/api/article/102',
    '/search?q=%E5%9C%8B%E5%AE%89%E6%B3%95',
    '/nowhere',
  ]) {
    const plain = await app.request(path);
    const zipped = await app.request(path, gz);
    assert.equal(zipped.status, plain.status, path);
    assert.equal(zipped.headers.get('content-encoding'), 'gzip', path);
    assert.equal(plain.headers.get('content-encoding'), null, path);
    assert.match(zipped.headers.get('vary') ?? '', /Accept-Encoding/, path);
    const bytes = Buffer.from(await zipped.arrayBuffer());
    const plainText = await plain.text();
    // a search page says how long it took
    const untimed = (s: string) => s.replace(/（\d+ 毫秒）/, '');
    assert.equal(untimed(gunzipSync(bytes).toString()), untimed(plainText), path);
    assert.ok(bytes.length < Buffer.byteLength(plainText) / 2, `${path} is smaller`);
    if (zipped.status === 200) {
      const etag = zipped.headers.get('etag')!;
      assert.notEqual(etag, plain.headers.get('etag'), 'each form has its own ETag');
      const again = await app.request(path, { headers: { ...gz.headers, 'if-none-match': etag } });
      assert.equal(again.status, 304, path);
      assert.equal(again.headers.get('content-encoding'), 'gzip');
    }
  }
  // a client that refuses gzip, or a body too small to be worth it, gets the bytes as they are
  const refused = await app.request('/article/102', { headers: { 'accept-encoding': 'gzip;q=0' } });
  assert.equal(refused.headers.get('content-encoding'), null);
  assert.equal((await app.request('/robots.txt', gz)).headers.get('content-encoding'), null);
  const css = /href="(\/static\/style\.[0-9a-f]+\.css)"/.exec((await get('/')).text)![1]!;
  const plainCss = await (await app.request(css)).text();
  const brCss = await app.request(css, gz);
  assert.equal(brCss.headers.get('content-encoding'), 'br');
  assert.equal(brotliDecompressSync(Buffer.from(await brCss.arrayBuffer())).toString(), plainCss);
  const gzCss = await app.request(css, { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(gunzipSync(Buffer.from(await gzCss.arrayBuffer())).toString(), plainCss);
  const etag = brCss.headers.get('etag')!;
  assert.equal((await app.request(css, { headers: { ...gz.headers, 'if-none-match': etag } })).status, 304);
});

test('other methods than GET and HEAD get 405 with Allow, as a page or JSON', async () => {
  // (fetch's Request refuses TRACE; server.test sends it over a socket)
  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND', 'MKCOL']) {
    const res = await app.request('/article/102', { method });
    assert.equal(res.status, 405, method);
    assert.equal(res.headers.get('allow'), 'GET, HEAD');
    const page = await res.text();
    assert.match(page, /這個存檔只供閱讀/);
    // the heading says what happened, not that the address was wrong
    assert.match(page, /<h1>不接受這種請求<\/h1>/, method);
    assert.doesNotMatch(page, /請求有誤|網址中有參數無法處理/, method);
    const api = await app.request('/api/article/102', { method });
    assert.equal(api.status, 405);
    const body = (await api.json()) as { error: { status: number; message: string } };
    assert.equal(body.error.status, 405);
    assert.match(body.error.message, new RegExp(`^${method} is not allowed here`));
  }
  assert.equal((await app.request('/article/102', { method: 'HEAD' })).status, 200);
});

test('bad input gets a helpful 4xx page, JSON for JSON requests, never a 500', async () => {
  const cases: Array<[string, number]> = [
    ['/article/999999', 404],
    ['/article/abc', 404],
    ['/article/-1', 404],
    ['/article/1e3', 404],
    ['/article/99999999999999999999', 404],
    ['/tag/%E0%A4%A', 404],
    ['/tag/no-such-tag', 404],
    ['/category/%00', 404],
    ['/date/1800', 404],
    ['/date/2021/13', 404],
    ['/date/2021/06/32', 404],
    ['/date/2030', 404],
    ['/category/%E7%9C%BE%E8%81%9E?page=0', 400],
    ['/category/%E7%9C%BE%E8%81%9E?page=-5', 400],
    ['/category/%E7%9C%BE%E8%81%9E?page=abc', 400],
    ['/category/%E7%9C%BE%E8%81%9E?page=99999999999999', 400],
    ['/category/%E7%9C%BE%E8%81%9E?page=999', 404],
    ['/category/%E7%9C%BE%E8%81%9E?sort=sideways', 400],
    ['/search?q=x&page=9999999', 400],
    ['/search?q=x&sort=%3Cscript%3E', 400],
    [`/search?q=${'a'.repeat(600)}`, 400],
    ['/search?q=x&year=20x1', 400],
    ['/search?q=x&month=2020-13', 400],
    ['/?lang=fr', 400],
    ['/?format=xml', 400],
    ['/search?page=7', 404],
    ['/search?q=&page=2', 404],
    ['/nothing/here', 404],
    ['/static/nope.css', 404],
    ['/%', 404],
    ['/..%2F..%2Fetc%2Fpasswd', 404],
    ['/on-this-day/13-40', 404],
    ['/on-this-day/xyz', 404],
    ['/on-this-day/02-30', 404],
    ['/on-this-day/2-30', 404], // (written short, 6-4 leads to 06-04: tested apart)
    ['/on-this-day/06-04/2020', 404],
    ['/on-this-day?month=2&day=31&lang=fr', 400],
    ['/on-this-day?month=13&day=1', 400],
    ['/on-this-day?month=6', 400],
    ['/on-this-day?month=6&day=abc', 400],
    ['/on-this-day?lang=fr', 400],
  ];
  for (const [path, status] of cases) {
    const res = await app.request(path);
    assert.equal(res.status, status, path);
    const text = await res.text();
    assert.match(res.headers.get('content-type') ?? '', /text\/html/, path);
    assert.doesNotMatch(text, /at .*\.(ts|js):\d+/, `no stack trace for ${path}`);
    assert.match(text, /href="\/"/, `the error page helps the reader on (${path})`);
    const api = await app.request(path.startsWith('/') ? `/api${path}` : path);
    if (api.status !== 404 || status !== 404) assert.equal(api.status, status, `/api${path}`);
    assert.match(api.headers.get('content-type') ?? '', /application\/json/, `/api${path}`);
    const body = (await api.json()) as { error: { status: number; message: string } };
    assert.equal(body.error.status, api.status);
  }
});

test("a not-found page says what is missing in the reader's language; JSON keeps the English message", async () => {
  const cases: Array<[string, RegExp, RegExp]> = [
    [
      '/article/999999',
      /眾新聞第 999999 號文章不在這個存檔中。/,
      /Citizen News article 999999 is not in this archive\./,
    ],
    ['/article/abc', /「abc」不是文章編號/, /&quot;abc&quot; is not an article number/],
    [
      '/tag/no-such-tag',
      /沒有標籤為「no-such-tag」的文章。/,
      /No articles have the tag &quot;no-such-tag&quot;\./,
    ],
    ['/date/2030', /沒有 2030 的文章。/, /No articles are dated 2030\./],
    ['/date/2021/13', /「13」不是月份（01–12）。/, /&quot;13&quot; is not a month \(01–12\)\./],
    [
      '/category/%E7%9C%BE%E8%81%9E?page=999',
      /沒有第 999 頁：這裏只有 \d+ 頁。/,
      /There is no page 999: there (is 1 page|are \d+ pages)\./,
    ],
    ['/nothing/here', /\/nothing\/here 沒有內容。/, /Nothing lives at \/nothing\/here\./],
    // bad requests, too
    [
      '/category/%E7%9C%BE%E8%81%9E?page=abc',
      /「page」須是 1 至 100,000 的整數。/,
      /&quot;page&quot; must be a whole number from 1 to 100,000\./,
    ],
    [
      '/tag/%E5%9C%8B%E5%AE%89%E6%B3%95?sort=up',
      /「sort」須是 newest、oldest 之一。/,
      /must be one of newest, oldest/,
    ],
    [
      '/search?q=x&year=20x1',
      /「year」篩選須寫成 2020。/,
      /The &quot;year&quot; filter must be written 2020\./,
    ],
    [`/search?q=${'a'.repeat(600)}`, /搜尋字串太長：最多 500 個字元。/, /The query is too long: at most 500/],
    [`/tag/${'a'.repeat(201)}`, /標籤名稱太長：最多 200 個字元。/, /The tag name is too long: at most 200/],
    [
      `/authors?q=${'a'.repeat(201)}`,
      /「q」篩選太長：最多 200 個字元。/,
      /The &quot;q&quot; filter is too long/,
    ],
    ['/search?q=x&versions=bogus', /「versions」只可以是 all/, /&quot;versions&quot; can only be all/],
    ['/search.csv?q=x&versions=bogus', /「versions」只可以是 all/, /&quot;versions&quot; can only be all/],
    ['/article/abc/slug', /「abc」不是文章編號/, /&quot;abc&quot; is not an article number/],
    [
      '/on-this-day/02-30',
      /2 月沒有 30 日（最多 29 日）：請另選日子。/,
      /February has no day 30 \(it has at most 29\): choose another day\./,
    ],
    [
      '/on-this-day/04-31',
      /4 月沒有 31 日（最多 30 日）：請另選日子。/,
      /April has no day 31 \(it has at most 30\): choose another day\./,
    ],
    [
      '/on-this-day/13-40',
      /「13-40」不是月日：請寫成 MM-DD，例如 06-04（6 月 4 日）。/,
      /&quot;13-40&quot; is not a month and day: write it MM-DD, such as 06-04 \(4 June\)\./,
    ],
    ['/on-this-day/xyz', /「xyz」不是月日/, /&quot;xyz&quot; is not a month and day/],
    [
      '/on-this-day/02-30',
      /2 月沒有 30 日（最多 29 日）：請另選日子。/,
      /February has no day 30 \(it has at most 29\): choose another day\./,
    ],
    [
      '/on-this-day?month=6',
      /「day」須是 1 至 31 的整數。/,
      /&quot;day&quot; must be a whole number from 1 to 31\./,
    ],
  ];
  for (const [path, zh, en] of cases) {
    const page = await (await app.request(path)).text();
    assert.match(page, zh, path);
    // the English message is not shown beside it
    assert.doesNotMatch(page, /lang="en">[^<]*(no articles|there is no|is not|nothing at)/, path);
    const english = await (await app.request(`${path}${path.includes('?') ? '&' : '?'}lang=en`)).text();
    assert.match(english, en, `${path} in English`);
  }
  // a missing article: where the Wayback Machine may still hold it, and how to recover it
  const missing = await (await app.request('/article/999999')).text();
  assert.match(
    missing,
    /href="https:\/\/web\.archive\.org\/web\/\*\/hkcnews\.com\/article\/999999\/\*" rel="noopener noreferrer"/,
  );
  assert.match(missing, /backfile recover --site hkcnews --ids 999999/);
  const api = (await (await app.request('/api/article/999999')).json()) as { error: { message: string } };
  assert.equal(api.error.message, 'there is no article 999999 in the archive');
  // the detail is escaped like any text
  const hostile = await (await app.request('/tag/%3Cscript%3Ealert(1)%3C%2Fscript%3E')).text();
  assert.match(hostile, /沒有標籤為「&lt;script&gt;alert\(1\)&lt;\/script&gt;」的文章/);
});

test('hostile headers do not break the server', async () => {
  const res = await app.request('/', {
    headers: {
      cookie: 'lang=%ZZ; lang=<script>; ;;;=',
      'if-none-match': '"\u00ff", W/',
      'x-forwarded-host': '<script>',
      'accept-language': 'x'.repeat(5000),
    },
  });
  assert.equal(res.status, 200);
  const post = await app.request('/', { method: 'POST', body: 'x' });
  assert.ok(post.status >= 400 && post.status < 500);
});

test("a path such as //evil.example/ does not turn its page's links into links to another site", async () => {
  // a 404 page links onwards from its own path (the language switch, the JSON twin): a path that
  // starts //, or whose %5C or %09 decoded reads as one (/\evil…, /<tab>/evil…), led elsewhere
  for (const path of [
    '//evil.example/',
    '//evil.example/x?q=1',
    '//evil.example/?format=bad',
    '/%5Cevil.example/',
    '/%5C%5Cevil.example/',
    '/%09/evil.example/',
    '/%5Cevil.example/?lang=en',
  ]) {
    const { res, text } = await get(path);
    assert.ok(res.status >= 400 && res.status < 500, `${path}: ${res.status}`);
    const links = [...text.matchAll(/\s(?:href|action)="([^"]*)"/g)].map((m) =>
      m[1]!.replaceAll('&amp;', '&'),
    );
    assert.ok(links.length > 5);
    for (const link of links) {
      assert.equal(new URL(link, 'http://localhost/').origin, 'http://localhost', `${path}: ${link}`);
    }
  }
});

test('unexpected errors become a 500 page without details', async () => {
  const logged: unknown[] = [];
  const broken = testApp({
    search: () => {
      throw new Error('secret internals');
    },
    logError: (e) => logged.push(e),
  }).app;
  const res = await broken.request('/search?q=x');
  assert.equal(res.status, 500);
  const text = await res.text();
  assert.doesNotMatch(text, /secret internals/);
  assert.match(text, /出了點問題/);
  assert.equal(logged.length, 1);
});

test('facet filters compose into the query language', () => {
  assert.equal(
    composeQuery('國安法', [
      { key: 'tag', value: '香港 政治' },
      { key: 'year', value: '2021' },
    ]),
    '國安法 tag:"香港 政治" date:2021',
  );
});

test('a search of Chinese typed without spaces that finds nothing offers its words as the archive has them', async () => {
  const res = await json(`/api/search?q=${encodeURIComponent('国安法立法会选举')}`);
  const body = res.body as { result: { total: number }; relaxed: Array<{ q: string; total: number }> };
  assert.equal(body.result.total, 0);
  assert.ok(body.relaxed.length > 0, 'some wider query is offered');
  for (const r of body.relaxed) {
    assert.ok(['国安法', '立法会选举', '国安法 立法会选举'].includes(r.q), r.q);
    const again = (await json(`/api/search?q=${encodeURIComponent(r.q)}`)).body as {
      result: { total: number };
    };
    assert.equal(again.result.total, r.total, `${r.q} finds what it says`);
  }
  const page = await (await app.request(`/search?q=${encodeURIComponent('国安法立法会选举')}`)).text();
  assert.match(page, new RegExp(`href="/search\\?q=${encodeURIComponent('立法会选举')}"`));
});

/** An app over a store of a test's own: its pages' HTML, its searches' totals, its raw responses. */
function appOver(store: Store) {
  const local = createApp(store, { logError: () => {} });
  return {
    request: (path: string) => local.request(path),
    page: async (path: string) => (await local.request(path)).text(),
    total: async (path: string) =>
      ((await (await local.request(`/api${path}`)).json()) as { result: { total: number } }).result.total,
  };
}

test("a tag facet's link adds its tag to those chosen, and finds the count it shows", async () => {
  const store = openStore(':memory:');
  importArticles(store, [
    fixtureArticle(1, { text: '法庭消息。', tags: ['國安法', '黎智英'], date: '2021-01-01' }),
    fixtureArticle(2, { text: '法庭消息。', tags: ['國安法', '黎智英'], date: '2021-02-01' }),
    fixtureArticle(3, { text: '法庭消息。', tags: ['國安法'], date: '2021-03-01' }),
    fixtureArticle(4, { text: '法庭消息。', tags: ['黎智英'], date: '2021-04-01' }),
    fixtureArticle(5, { text: '法庭消息。', tags: ['黎智英', '蘋果日報'], date: '2021-05-01' }),
  ]);
  const { page, total, request } = appOver(store);
  const q = encodeURIComponent('法庭');
  const tag = (v: string) => `tag=${encodeURIComponent(v)}`;
  const text = await page(`/search?q=${q}&${tag('國安法')}&sort=newest`);
  // in the three articles tagged 國安法, two are tagged 黎智英: the link keeps 國安法 and the sort
  const link = new RegExp(
    `<a href="(/search\\?q=${q}&amp;${tag('國安法')}&amp;${tag('黎智英')}&amp;sort=newest)"[^>]*>黎智英</a><span class="count">2</span>`,
  );
  const href = link.exec(text)?.[1]?.replaceAll('&amp;', '&');
  assert.ok(href, 'the facet links to both tags, in the same order of results');
  assert.equal(await total(href), 2);
  // both tags: both chips, each of which takes only itself away; the form keeps both
  const both = await page(href);
  assert.match(
    both,
    /<input type="hidden" name="tag" value="國安法"\/><input type="hidden" name="tag" value="黎智英"\/>/,
  );
  assert.match(
    both,
    new RegExp(
      `href="/search\\?q=${q}&amp;${tag('國安法')}&amp;sort=newest"[^>]*>(?:(?!</a>).)*黎智英</span></a>`,
    ),
  );
  assert.equal(
    await total(`/search?q=${q}&${tag('黎智英')}&${tag('黎智英')}`),
    4,
    'a tag given twice is one filter',
  );
  // the exports take the tags as the page does
  const csv = await request(`/search.csv?q=${q}&${tag('國安法')}&${tag('黎智英')}`);
  assert.equal(csv.headers.get('x-total-count'), '2');
  store.close();
});

test('an author facet counts people, its link adds the person to those chosen and finds the count it shows', async () => {
  const store = openStore(':memory:');
  importArticles(store, [
    fixtureArticle(1, { text: '法庭消息。', author: '記者林勵', date: '2021-01-01' }),
    fixtureArticle(2, { text: '法庭消息。', author: '記者林勵、鄭啟智', date: '2021-02-01' }),
    fixtureArticle(3, { text: '法庭消息。', author: '實習記者林勵', date: '2021-03-01' }),
    fixtureArticle(4, { text: '法庭消息。', author: '特約記者鄭啟智', date: '2021-04-01' }),
    fixtureArticle(5, { text: '法庭消息。', author: '帝國之間、民國之外', date: '2021-05-01' }),
  ]);
  const { page, total } = appOver(store);
  const q = encodeURIComponent('法庭');
  const author = (v: string) => `author=${encodeURIComponent(v)}`;
  // every value a facet shows: its link finds its count
  const facetLinks = (html: string) => {
    const section = html.slice(html.indexOf('id="facet-author"'));
    return [
      ...section
        .slice(0, section.indexOf('</section>'))
        .matchAll(/<a href="([^"]*)"[^>]*>([^<]*)<\/a><span class="count">(\d+)<\/span>/g),
    ].map((m) => ({ href: m[1]!.replaceAll('&amp;', '&'), value: m[2]!, count: Number(m[3]) }));
  };
  const plain = facetLinks(await page(`/search?q=${q}`));
  assert.deepEqual(
    plain.map((f) => [f.value, f.count]),
    [
      ['林勵', 3],
      ['鄭啟智', 2],
      ['帝國之間、民國之外', 1],
    ],
  );
  const byLam = facetLinks(await page(`/search?q=${q}&${author('林勵')}&sort=newest`));
  assert.deepEqual(
    byLam.map((f) => [f.value, f.count]),
    [
      ['林勵', 3],
      ['鄭啟智', 1],
    ],
  );
  // on a search by 林勵, 鄭啟智's link keeps 林勵 (articles by both) and the sort
  assert.equal(byLam[1]!.href, `/search?q=${q}&${author('林勵')}&${author('鄭啟智')}&sort=newest`);
  for (const f of [...plain, ...byLam]) assert.equal(await total(f.href), f.count, f.href);
  // both chosen: each chip takes only itself away
  const both = await page(byLam[1]!.href);
  assert.match(
    both,
    new RegExp(
      `href="/search\\?q=${q}&amp;${author('林勵')}&amp;sort=newest"[^>]*>(?:(?!</a>).)*鄭啟智</span></a>`,
    ),
  );
  store.close();
});

test('a person no byline is leads from /author/ to the search of every byline naming them', async () => {
  const store = openStore(':memory:');
  importArticles(store, [
    fixtureArticle(1, { text: '法庭消息。', author: '記者林勵' }),
    fixtureArticle(2, { text: '法庭消息。', author: '記者林勵、鄭啟智' }),
    fixtureArticle(3, { text: '法庭消息。', author: '眾新聞記者' }),
  ]);
  const local = createApp(store, { logError: () => {} });
  const lam = encodeURIComponent('林勵');
  const to = await local.request(`/author/${lam}`);
  assert.equal(to.status, 302);
  assert.equal(to.headers.get('location'), `/search?author=${lam}&sort=newest`);
  // in Simplified, with the listing's own parameters, and as JSON
  const api = await local.request(`/api/author/${encodeURIComponent('林励')}?sort=oldest&page=1`);
  assert.equal(api.headers.get('location'), `/api/search?sort=oldest&page=1&author=${lam}`);
  const found = (await (await local.request(api.headers.get('location')!)).json()) as {
    result: { total: number };
  };
  assert.equal(found.result.total, 2);
  // a byline still has its listing; one past its last page, and a value no byline names, stay 404s
  assert.equal((await local.request(`/author/${encodeURIComponent('記者林勵')}`)).status, 200);
  assert.equal((await local.request(`/author/${encodeURIComponent('眾新聞記者')}?page=9`)).status, 404);
  assert.equal((await local.request(`/author/${encodeURIComponent('林')}`)).status, 404);
  store.close();
});

test('an article page describes itself for link previews and reference managers', async () => {
  const { text } = await get('/article/101');
  const head = text.slice(0, text.indexOf('</head>'));
  const meta = (key: string) =>
    [...head.matchAll(new RegExp(`<meta (?:name|property)="${key}" content="([^"]*)"`, 'g'))].map(
      (m) => m[1],
    );
  assert.deepEqual(meta('og:type'), ['article']);
  assert.deepEqual(meta('og:title'), ['測試文章：國安法實施一周年回顧']);
  assert.deepEqual(meta('article:published_time'), ['2021-06-30']);
  assert.deepEqual(meta('article:modified_time'), ['2021-07-01T10:00:00+08:00']);
  // on the page, the time says it is Hong Kong's
  assert.match(text, /<time datetime="2021-07-01T10:00:00\+08:00">2021-07-01 10:00:00 香港時間<\/time>/);
  assert.deepEqual(meta('article:tag'), ['國安法', '香港政治']);
  assert.deepEqual(meta('DC.date'), ['2021-06-30']);
  assert.deepEqual(meta('DC.publisher'), ['眾新聞 Citizen News']);
  assert.match(meta('DC.identifier')[0] ?? '', /^https:\/\/www\.hkcnews\.com\/article\/101/);
  // the description opens with the text, not the figure's caption
  const description = meta('description')[0] ?? '';
  assert.match(description, /^國安法實施一年/);
  assert.deepEqual(meta('og:description'), [description]);
  // a page of figures alone is described by its captions
  assert.match((await get('/article/104')).text, /<meta name="description" content="海港一/);
});

test('HEAD answers like GET without a body', async () => {
  const res = await app.request('/article/101', { method: 'HEAD' });
  assert.equal(res.status, 200);
  assert.equal(await res.text(), '');
  assert.ok(res.headers.get('etag'));
});

test('a page past the end leads to the last one, and the search box keeps the query', async () => {
  const tag = await get('/tag/%E5%9C%8B%E5%AE%89%E6%B3%95?page=999&sort=oldest');
  assert.equal(tag.res.status, 404);
  assert.match(tag.text, /<a href="\/tag\/%E5%9C%8B%E5%AE%89%E6%B3%95\?sort=oldest">前往第 1 頁<\/a>/);
  const deep = await get('/search?q=%E6%B8%AF&page=501&lang=en');
  assert.equal(deep.res.status, 400);
  // past page 500 of a search with fewer pages: its own last page, not page 500
  assert.match(deep.text, /<a href="\/search\?q=%E6%B8%AF">Go to page 1<\/a>/);
  assert.match(deep.text, /<input id="error-q" type="search" name="q" value="港"/);
  const escaped = await get('/search?q=%22%3E%3Cscript%3E&page=501');
  assert.match(escaped.text, /value="&quot;&gt;&lt;script&gt;"/);
  assert.doesNotMatch((await get('/nothing/here')).text, /前往第/);
});

test('error pages keep the reader in their language', async () => {
  const { res, text } = await get('/category/x?page=0&lang=en');
  assert.equal(res.status, 400);
  assert.match(text, /<html lang="en"/);
  assert.match(text, /Bad request/);
  const zh = await get('/nothing');
  assert.match(zh.text, /找不到這一頁/);
  // a bad format= or lang= is explained in the language asked for, or the cookie's
  const english = [
    await get('/search?q=x&format=xml&lang=en'),
    await get('/search?q=x&format=xml', { headers: { cookie: 'lang=en' } }),
    await get('/search?q=x&lang=xx', { headers: { cookie: 'lang=en' } }),
  ];
  for (const { res, text } of english) {
    assert.equal(res.status, 400);
    assert.match(text, /<html lang="en"/);
    assert.match(text, /&quot;(format|lang)&quot; must be one of/);
  }
  assert.match((await get('/?format=xml')).text, /「format」須是 html、json 之一。/);
  // an empty lang= or format= is no choice at all, like an empty page=
  assert.equal((await get('/?lang=')).res.status, 200);
  assert.equal((await get('/api?format=')).res.status, 200);
});

test('the page cache keys a search by the query it reads, malformed %-sequences too', async () => {
  // Hono keeps %E4%ZZ as typed where URLSearchParams reads a U+FFFD: two searches, two pages
  const typed = await get('/search?q=%E4%ZZ%20zz9');
  const replaced = await get('/search?q=%EF%BF%BD%25ZZ%20zz9');
  assert.match(typed.text, /<title>[^<]*%E4%ZZ zz9/);
  assert.match(replaced.text, /<title>[^<]*\uFFFD%ZZ zz9/);
  const api = (await (await app.request('/api/search?q=%E4%ZZ%20yy8')).json()) as { q: string };
  const api2 = (await (await app.request('/api/search?q=%EF%BF%BD%25ZZ%20yy8')).json()) as { q: string };
  assert.equal(api.q, '%E4%ZZ yy8');
  assert.equal(api2.q, '\uFFFD%ZZ yy8');
});

test('a year facet narrows a date range typed in the query instead of replacing it', async () => {
  const total = async (path: string) =>
    ((await json(path)).body as { result: { total: number } }).result.total;
  // the fixtures hold 2020-01-01 and 2020-06-30
  assert.equal(await total('/api/search?q=&year=2020'), 2);
  assert.equal(await total('/api/search?q=date:2020-03..2020-12'), 1);
  assert.equal(await total('/api/search?q=date:2020-03..2020-12&year=2020'), 1);
  assert.equal(await total('/api/search?q=from:2020-03&year=2020'), 1);
  assert.equal(await total('/api/search?q=to:2020-03&year=2020'), 1);
  assert.equal(await total('/api/search?q=date:2020-03..2020-12&year=2020&month=2020-01'), 0);
});

test('versions of one story: search shows it once (or every version on request), the article lists the others', async () => {
  const store = openStore(':memory:');
  const version = (id: number) =>
    fixtureArticle(id, {
      title: '區議會選舉　投票率創新低',
      date: '2021-12-20',
      text: `投票率第${id}版`,
      tags: ['選舉'],
      ...(id === 203 ? { lastUpdated: '2021-12-20 23:10:00' } : {}),
    });
  importArticles(store, [
    version(201),
    version(202),
    version(203),
    fixtureArticle(204, { title: '另一篇', date: '2021-12-19', text: '投票率較低' }),
  ]);
  const versionsApp = createApp(store, { logError: () => {} });
  const merged = await versionsApp.request('/search?q=投票率');
  const html = await merged.text();
  assert.equal(merged.status, 200);
  assert.match(html, /找到 4 篇，合併版本後 2 則/);
  assert.equal(html.match(/class="title"/g)?.length, 2);
  // out of context (a screen reader's list of links) the link says which article's versions
  assert.match(
    html,
    /<a href="\/article\/203#versions">另有 2 個版本<span class="visually-hidden">：<span lang="zh-Hant-HK">區議會選舉　投票率創新低<\/span><\/span><\/a>/,
  );
  // the results have a heading of their own, not the search form's name
  assert.match(html, /<h2 id="results-title" class="visually-hidden">搜尋結果<\/h2>/);
  assert.match(
    await (await versionsApp.request('/search?q=投票率&lang=en')).text(),
    /<h2 id="results-title" class="visually-hidden">Results<\/h2>/,
  );
  assert.match(html, /href="\/search\?q=%E6%8A%95%E7%A5%A8%E7%8E%87&amp;versions=all">逐篇顯示所有版本/);

  const every = await versionsApp.request('/search?q=投票率&versions=all');
  const everyHtml = await every.text();
  assert.equal(everyHtml.match(/class="title"/g)?.length, 4);
  assert.match(everyHtml, /name="versions" value="all"/, 'a new search keeps the choice');
  assert.match(everyHtml, /合併同一報道的版本/);

  const api = (await (await versionsApp.request('/api/search?q=投票率')).json()) as {
    result: { total: number; stories: number; hits: Array<{ id: number; versions?: number }> };
  };
  assert.equal(api.result.total, 4);
  assert.equal(api.result.stories, 2);
  assert.deepEqual(
    api.result.hits.map((h) => [h.id, h.versions]),
    [
      [203, 3],
      [204, undefined],
    ],
  );
  assert.equal((await versionsApp.request('/search?q=投票率&versions=some')).status, 400);

  const article = await (await versionsApp.request('/article/202')).text();
  assert.match(article, /此文另有 2 個版本/);
  assert.match(
    article,
    /<a href="\/article\/201">第 201 號<\/a>[\s\S]*<a href="\/article\/203">第 203 號<\/a>/,
  );
  // what tells the versions apart: when each was last updated and captured
  assert.match(
    article,
    /第 203 號<\/a><span class="muted">（最後更新 2021-12-20 23:10:00 香港時間；存檔 2021-01-01 00:00:00 UTC）<\/span>/,
  );
  assert.match(article, /第 201 號<\/a><span class="muted">（存檔 2021-01-01 00:00:00 UTC）<\/span>/);
  assert.doesNotMatch(article, /class="next"/, 'the next article by date is not another version of this one');

  // listings show each story once, with its versions, and count pages in stories
  const day = await (await versionsApp.request('/date/2021/12/20')).text();
  assert.equal(day.match(/class="title"/g)?.length, 1);
  assert.match(day, /<a href="\/article\/203#versions">另有 2 個版本<span class="visually-hidden">/);
  assert.match(
    day,
    /第 1–1 則，共 1 則（3 篇，同一報道的版本合列） · <a href="\/date\/2021\/12\/20\?versions=all">逐篇顯示所有版本<\/a>/,
  );
  const everyDay = await (await versionsApp.request('/date/2021/12/20?versions=all&sort=oldest')).text();
  assert.equal(everyDay.match(/class="title"/g)?.length, 3);
  assert.match(everyDay, /<a href="\/date\/2021\/12\/20\?sort=oldest">合併同一報道的版本<\/a>/);
  // the periods around it keep the choices
  assert.match(everyDay, /<a href="\/date\/2021\/12\?sort=oldest&amp;versions=all">2021 年 12 月<\/a>/);
  assert.match(everyDay, /href="\/date\/2021\/12\/20\?versions=all&amp;sort=newest">最新/);
  const dayJson = (await (await versionsApp.request('/api/date/2021/12/20')).json()) as {
    result: { total: number; stories: number; items: Array<{ id: number; versions?: number }> };
  };
  assert.deepEqual([dayJson.result.total, dayJson.result.stories], [3, 1]);
  assert.deepEqual(
    dayJson.result.items.map((a) => [a.id, a.versions]),
    [[203, 3]],
  );
  assert.equal((await versionsApp.request('/date/2021/12/20?versions=every')).status, 400);
  store.close();
});

test('a placeholder record (the farewell page, not the article) says so and links to the other captures', async () => {
  const store = openStore(':memory:');
  const farewell = (id: number) => ({
    ...fixtureArticle(id, { title: '眾新聞告別    感謝讀者', date: '', text: '', footer: false }),
    author: '',
    category: undefined,
    body: '\n',
  });
  importArticles(store, [
    farewell(301),
    farewell(302),
    farewell(303),
    fixtureArticle(304, {
      title: '眾新聞告別　感謝讀者',
      date: '2022-01-02',
      text: '多謝讀者五年來的支持。',
    }),
    fixtureArticle(305, { title: '無日期的真文章', date: '', text: '正文。' }),
    fixtureArticle(300, { title: '另一篇無日期文章', date: '', text: '正文。' }),
  ]);
  const placeholderApp = createApp(store, { logError: () => {} });
  const page = await (await placeholderApp.request('/article/302')).text();
  assert.match(page, /這份存檔記錄不是原文/);
  // the heading and the page title are not the farewell notice's; it is quoted as what was captured
  assert.match(page, /<h1>第 302 號文章：存檔只有告別頁或暫停服務頁<\/h1>/);
  assert.match(page, /<title>第 302 號文章：存檔只有告別頁或暫停服務頁/);
  assert.match(page, /存檔頁面的標題是「眾新聞告別 {4}感謝讀者」/);
  // nothing to cite, and the neighbours are articles, not other placeholder pages
  assert.doesNotMatch(page, /引用本文|@misc/);
  assert.match(
    page,
    /class="prev"[\s\S]*href="\/article\/300"[\s\S]*class="next"[\s\S]*href="\/article\/305"/,
  );
  const pageJson = (await (await placeholderApp.request('/api/article/302')).json()) as {
    citation: unknown;
    next: { id: number };
  };
  assert.equal(pageJson.citation, null);
  const undated = (await (await placeholderApp.request('/api/article/300')).json()) as {
    next: { id: number };
  };
  assert.equal(undated.next.id, 305, 'an undated article passes over the placeholder pages');
  // the undated records have a listing of their own, the articles first, newest (highest number) first
  const listing = (await (await placeholderApp.request('/api/date/undated')).json()) as {
    placeholders: number;
    result: { total: number; items: Array<{ id: number }> };
  };
  assert.equal(listing.result.total, 5);
  assert.equal(listing.placeholders, 3);
  assert.deepEqual(
    listing.result.items.map((a) => a.id),
    [305, 300, 303, 302, 301],
  );
  const oldest = (await (await placeholderApp.request('/api/date/undated?sort=oldest')).json()) as {
    result: { items: Array<{ id: number }> };
  };
  assert.deepEqual(
    oldest.result.items.map((a) => a.id),
    [300, 305, 301, 302, 303],
  );
  const html = await (await placeholderApp.request('/date/undated')).text();
  assert.match(html, /<h1>日期不詳的文章<\/h1>/);
  assert.match(html, /其中 3 個只存有告別頁或暫停服務頁，列在最後/);
  // listed as their pages name them, not by the farewell notice's title
  assert.match(
    html,
    /<a class="title placeholder" href="\/article\/303">第 303 號文章：存檔只有告別頁或暫停服務頁<\/a>/,
  );
  assert.doesNotMatch(html, /class="title"[^>]*>眾新聞告別/);
  const dates = await (await placeholderApp.request('/date')).text();
  assert.match(dates, /<a href="\/date\/undated">日期不詳<\/a><span class="muted">（5 篇）<\/span>/);
  assert.match(
    page,
    /<a href="https:\/\/web\.archive\.org\/web\/\*\/hkcnews\.com\/article\/302\/\*" rel="noopener noreferrer">/,
  );
  assert.match(page, /backfile recover --site hkcnews --ids 302/);
  assert.doesNotMatch(page, /此文另有/, 'placeholder copies are not listed as versions');
  const real = await (await placeholderApp.request('/article/304')).text();
  assert.doesNotMatch(real, /這份存檔記錄不是原文/);
  // search: the placeholder pages are not results (the dated article is), and the page says so
  const api = (await (await placeholderApp.request('/api/search?q=感謝讀者')).json()) as {
    result: { total: number; stories: number; placeholders: number; hits: Array<{ id: number }> };
  };
  assert.equal(api.result.total, 1);
  assert.equal(api.result.stories, 1);
  assert.equal(api.result.placeholders, 3);
  assert.deepEqual(
    api.result.hits.map((h) => h.id),
    [304],
  );
  const found = await (await placeholderApp.request('/search?q=感謝讀者')).text();
  assert.match(found, /另有 3 個佔位頁亦符合，未有列出/);
  // the link leads to the page of /date/undated where they start (after the 2 undated articles: page 1)
  assert.match(found, /<a href="\/date\/undated">佔位頁列在未註明日期的文章之後<\/a>/);
  const english = await (await placeholderApp.request('/search?q=感謝讀者&lang=en')).text();
  assert.match(english, /3 placeholder pages also match and are not listed/);
  assert.equal((await placeholderApp.request('/date/undated?versions=bogus')).status, 400);
  // the archivist's command is folded away from readers
  assert.match(page, /<details class="recover-hint"><summary>給存檔人員<\/summary>/);
  store.close();
});

test('an article whose record was stored mis-decoded is shown decoded back, and says so', async () => {
  const store = openStore(':memory:');
  const clean = fixtureArticle(7001, {
    title: '失業回落疑似好',
    text: '上周本港公佈的失業率由6.0%跌至5.5%。',
  });
  importArticles(store, [
    { ...clean, title: misDecodeCyrillic(clean.title), body: misDecodeCyrillic(clean.body) },
  ]);
  const repairedApp = createApp(store, { logError: () => {} });
  const zh = await (await repairedApp.request('/article/7001')).text();
  assert.match(zh, /<h1>失業回落疑似好<\/h1>/);
  assert.match(zh, /上周本港公佈的失業率/);
  assert.match(zh, /class="notice repaired"[\s\S]*此篇文字經解碼還原[\s\S]*存檔檔案保留原樣/);
  const en = await (await repairedApp.request('/article/7001?lang=en')).text();
  assert.match(en, /This article(&#39;|')s text was decoded back/);
  const api = (await (await repairedApp.request('/api/article/7001')).json()) as {
    article: { repair?: { kind: string; lost: number } };
  };
  assert.deepEqual(api.article.repair, { kind: 'mis-decoded', lost: 0 });
  assert.doesNotMatch((await get('/article/103')).text, /notice repaired/);
  store.close();
});

test('an address whose slug the backup lost: the provenance links every capture, the citation the article', async () => {
  const store = openStore(':memory:');
  const lost = 'https://hkcnews.com/article/7002/%EF%BF%BD%EF%BF%BD-7002/%EF%BF%BD%EF%BF%BD%EF%BF%BD';
  importArticles(store, [
    {
      ...fixtureArticle(7002, { title: '損毀網址', text: '內文。' }),
      originalUrl: lost,
      url: `https://web.archive.org/web/20211203014537/${lost}`,
    },
  ]);
  const lostApp = createApp(store, { logError: () => {} });
  const captures = 'https://web.archive.org/web/*/hkcnews.com/article/7002/*';
  const zh = await (await lostApp.request('/article/7002')).text();
  assert.match(
    zh,
    new RegExp(
      `class="lost-slug">備份中此網址的標題部分已損毀[^<]*<a href="${captures.replaceAll('*', '\\*')}"`,
    ),
  );
  assert.match(zh, /https:\/\/www\.hkcnews\.com\/article\/7002 \(Archived 2021-01-01; captures:/);
  const en = await (await lostApp.request('/article/7002?lang=en')).text();
  assert.match(en, /The backup lost the title part of this address/);
  // a readable address has no such note
  assert.doesNotMatch((await get('/article/103')).text, /lost-slug/);
  store.close();
});

test('an hkcnews address pasted into search opens its article; one the archive lacks is explained', async () => {
  for (const address of [
    'https://www.hkcnews.com/article/101/國安法-101/slug',
    'https://web.archive.org/web/20210101000000/https://www.hkcnews.com/article/101/x',
    'hkcnews.com/article/101',
  ]) {
    const res = await app.request(`/search?q=${encodeURIComponent(address)}`);
    assert.equal(res.status, 303, address);
    assert.equal(res.headers.get('location'), '/article/101');
  }
  for (const path of ['/api/search?q=', '/search?format=json&q=']) {
    const res = await app.request(`${path}${encodeURIComponent('https://hkcnews.com/article/101')}`);
    assert.equal(res.headers.get('location'), '/api/article/101', path);
  }
  const english = await app.request(`/search?lang=en&q=${encodeURIComponent('hkcnews.com/article/101')}`);
  assert.equal(english.headers.get('location'), '/article/101?lang=en', 'the language asked for is kept');
  const missing = await get(`/search?q=${encodeURIComponent('https://www.hkcnews.com/article/99999/gone')}`);
  assert.equal(missing.res.status, 200);
  assert.match(missing.text, /眾新聞第 99999 號文章不在這個存檔中/);
  assert.match(missing.text, /href="https:\/\/web\.archive\.org\/web\/\*\/[^"]*article\/99999/);
  assert.match(missing.text, /backfile recover --site hkcnews --ids 99999/);
  assert.doesNotMatch(missing.text, /沒有找到文章|輸入字詞開始搜尋/, 'not searched as text');
  const api = (await json(`/api/search?q=${encodeURIComponent('hkcnews.com/article/99999')}`)).body as {
    direct: { id: number; article: null; captures: string };
  };
  assert.equal(api.direct.id, 99999);
  assert.equal(api.direct.article, null);
  // an article number is a text search too, with the article it names offered first
  const byNumber = await get('/search?q=101');
  assert.equal(byNumber.res.status, 200);
  assert.match(byNumber.text, /class="notice direct"[^>]*>文章編號 101：[\s\S]*?href="\/article\/101"/);
  // no text holds the number: the article it names is the answer, with no "nothing found" under it
  assert.doesNotMatch(byNumber.text, /沒有找到文章|找到 0 篇/);
  assert.match((await get('/search?q=99999')).text, /沒有找到文章/);
  assert.doesNotMatch((await get('/search?q=99999')).text, /notice direct/);
});

test('a record rebuilt from a WARC file shows no Wayback capture it does not have', async () => {
  const store = openStore(':memory:');
  const base = fixtureArticle(7101, { title: '自行存檔的文章', date: '2021-05-01', text: '正文。' });
  importArticles(store, [{ ...base, url: base.originalUrl, captureTimestamp: '20250101000000' }]);
  const warcApp = createApp(store, { logError: () => {} });
  const page = await (await warcApp.request('/article/7101')).text();
  assert.match(page, /不在網頁時光機：這份記錄由其他網頁存檔（例如 WARC 檔案）重建。/);
  assert.doesNotMatch(page, /web\.archive\.org\/web\/2025/);
  assert.match(page, /2025-01-01 00:00:00 UTC/);
  assert.match(page, /\(Captured 2025-01-01\)/);
  const csv = await (await warcApp.request('/search.csv?q=自行存檔')).text();
  assert.match(
    csv.split('\r\n')[1] ?? '',
    /,https:\/\/www\.hkcnews\.com\/article\/7101\/test,,20250101000000,7101,2025-01-01 00:00:00$/,
  );
  store.close();
});

test('the note on placeholder pages links to the page of /date/undated where they start', async () => {
  const store = openStore(':memory:');
  const undated = Array.from({ length: 25 }, (_, i) =>
    fixtureArticle(500 + i, { title: `無日期文章${i}`, date: '', text: '正文。' }),
  );
  const farewell = {
    ...fixtureArticle(600, { title: '眾新聞告別　感謝讀者', date: '', text: '', footer: false }),
    author: '',
    category: undefined,
    body: '\n',
  };
  importArticles(store, [...undated, farewell]);
  const placeholderApp = createApp(store, { logError: () => {} });
  const page = await (await placeholderApp.request('/search?q=感謝讀者')).text();
  // 25 undated articles fill page 1 and 5 of page 2, where the placeholder pages begin
  assert.match(page, /<a href="\/date\/undated\?page=2">佔位頁列在未註明日期的文章之後<\/a>/);
  const listed = (await (await placeholderApp.request('/api/date/undated?page=2')).json()) as {
    result: { items: Array<{ id: number }> };
  };
  assert.equal(listed.result.items.at(-1)?.id, 600);
  store.close();
});

test("search's notes on a query are said in the page's language; JSON keeps them in English with their codes", async () => {
  const zh = (await get(`/search?q=${encodeURIComponent('foo:bar 國安 date:2021..2020')}`)).text;
  assert.match(zh, /<strong>注意：<\/strong>/);
  assert.match(
    zh,
    /「foo:」不是篩選條件（可用 author:, tag:, category:, date:, from:, to:, id:），已當作文字搜尋。/,
  );
  assert.match(zh, /日期範圍 2021..2020 是空的（開始日期在結束日期之後）。/);
  assert.doesNotMatch(zh, /is not a filter|is empty/);
  const control = (await get('/search?q=%01')).text;
  assert.match(control, /控制字元 U\+0001 沒有可搜尋的文字或數字，已略去。/);
  const en = (await get(`/search?q=${encodeURIComponent('foo:bar 國安')}&lang=en`)).text;
  assert.match(en, /&quot;foo:&quot; is not a filter/);
  const api = (await json(`/api/search?q=${encodeURIComponent('foo:bar')}`)).body as {
    result: { warnings: string[]; notes: Array<{ code: string; values: string[] }> };
  };
  assert.match(api.result.warnings[0] ?? '', /^"foo:" is not a filter/);
  assert.deepEqual(api.result.notes[0], {
    code: 'notAFilter',
    values: ['foo', 'author:, tag:, category:, date:, from:, to:, id:'],
  });
});

test('with a public URL, the sitemaps, robots.txt and og:url name it whatever Host a request gives', async () => {
  const { app: public_ } = testApp({ publicUrl: 'https://archive.example.org' });
  const robots = await (await public_.request('http://evil.example/robots.txt')).text();
  assert.match(robots, /^Sitemap: https:\/\/archive\.example\.org\/sitemap\.xml$/m);
  const index = await (await public_.request('http://evil.example/sitemap.xml')).text();
  assert.match(index, /<loc>https:\/\/archive\.example\.org\/sitemap\/1\.xml<\/loc>/);
  assert.doesNotMatch(index, /evil/);
  const part = await (await public_.request('http://evil.example/sitemap/1.xml')).text();
  assert.match(part, /<loc>https:\/\/archive\.example\.org\/article\/\d+<\/loc>/);
  assert.doesNotMatch(part, /evil/);
  const page = await (await public_.request('http://evil.example/article/101')).text();
  assert.match(page, /<link rel="canonical" href="https:\/\/archive\.example\.org\/article\/101"\/>/);
  assert.match(page, /<meta property="og:url" content="https:\/\/archive\.example\.org\/article\/101"\/>/);
  // without one: the page's own path as canonical, no og:url (a guess from Host would be cached)
  const plain = await (await app.request('http://evil.example/article/101')).text();
  assert.match(plain, /<link rel="canonical" href="\/article\/101"\/>/);
  assert.doesNotMatch(plain, /og:url|evil/);
});

test('robots.txt keeps crawlers off the JSON and the exports and names the sitemap, which lists every article', async () => {
  const robots = await (await app.request('http://archive.example.org/robots.txt')).text();
  // (Disallow: /search covers /search.csv, .ris and .bib: a rule is a prefix)
  for (const line of ['Disallow: /api/', 'Disallow: /search'])
    assert.ok(robots.split('\n').includes(line), line);
  assert.match(robots, /^Sitemap: http:\/\/archive\.example\.org\/sitemap\.xml$/m);
  const index = await app.request('http://archive.example.org/sitemap.xml');
  assert.equal(index.status, 200);
  assert.match(index.headers.get('content-type') ?? '', /^application\/xml/);
  assert.match(await index.text(), /<loc>http:\/\/archive\.example\.org\/sitemap\/1\.xml<\/loc>/);
  const part = await (await app.request('http://archive.example.org/sitemap/1.xml')).text();
  const listed = [...part.matchAll(/<loc>http:\/\/archive\.example\.org\/article\/(\d+)<\/loc>/g)].map((m) =>
    Number(m[1]),
  );
  const every = (await json('/api/search?q=date:1900..2100&versions=all&perPage=100')).body as {
    result: { total: number };
  };
  assert.ok(listed.length >= every.result.total, `${listed.length} ≥ ${every.result.total} dated articles`);
  assert.deepEqual(
    listed,
    [...listed].sort((a, b) => a - b),
  );
  const zipped = await app.request('http://archive.example.org/sitemap/1.xml', {
    headers: { 'accept-encoding': 'gzip' },
  });
  assert.equal(zipped.headers.get('content-encoding'), 'gzip');
  assert.equal(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString('utf8'), part);
  for (const missing of ['/sitemap/2.xml', '/sitemap/0.xml', '/sitemap/x.xml', '/sitemap/1.txt'])
    assert.equal((await app.request(missing)).status, 404, missing);
});

test('an article number written with leading zeros redirects to its one address', async () => {
  const res = await app.request('/article/0101?lang=en');
  assert.equal(res.status, 301);
  assert.equal(res.headers.get('location'), '/article/101?lang=en');
  const api = await app.request('/api/article/00101');
  assert.equal(api.status, 301);
  assert.equal(api.headers.get('location'), '/api/article/101');
  assert.equal((await app.request('/article/0')).status, 404);
});

test("on English pages the archive's Chinese words are marked zh-Hant-HK, for a screen reader's voice", async () => {
  /** Chinese text in the page's body that no element marks with a language (the page is lang="en"). */
  const unmarked = (html: string): string[] => {
    const body = html.slice(html.indexOf('<body>'));
    const found: string[] = [];
    const open: Array<string | null> = [];
    for (const m of body.matchAll(/<(\/?)([a-z][a-z0-9]*)([^>]*)>|([^<]+)/g)) {
      if (m[4] !== undefined) {
        const lang = [...open].reverse().find((l) => l !== null);
        if (lang === undefined && /\p{Script=Han}/u.test(m[4])) found.push(m[4]);
      } else if (m[1]) open.pop();
      else if (!/^(meta|link|input|br|img|hr|rect|line)$/.test(m[2]!) && !m[3]!.endsWith('/')) {
        open.push(/\slang="([^"]*)"/.exec(m[3]!)?.[1] ?? null);
      }
    }
    return found;
  };
  const pages = [
    '/',
    '/article/103',
    `/tag/${encodeURIComponent('香港政治')}`,
    `/author/${encodeURIComponent('測試記者')}`,
    `/category/${encodeURIComponent('眾聞')}`,
    '/date/2021/06',
    '/tags',
    `/tags?q=${encodeURIComponent('香港')}`,
    `/search?q=${encodeURIComponent('香港政治')}&tag=${encodeURIComponent('香港政治')}`,
    `/search?q=${encodeURIComponent('國安法 zzzqqq')}`,
    '/search?q=101',
    `/tag/${encodeURIComponent('沒有的標籤')}`,
    '/on-this-day/06-30',
  ];
  for (const path of pages) {
    const html = (await get(`${path}${path.includes('?') ? '&' : '?'}lang=en`)).text;
    assert.match(html, /<html lang="en"/, path);
    assert.deepEqual(unmarked(html), [], `${path}: Chinese not marked as Chinese`);
  }
  // the newer pages: two versions compared (the table, the changes, the citations) and an
  // article whose many versions fold in a <details>
  const compared = appOver(compareStore());
  for (const path of ['/article/301/compare/302', '/article/305/compare/306', '/article/302']) {
    const html = await compared.page(`${path}?lang=en`);
    assert.match(html, /<html lang="en"/, path);
    assert.deepEqual(unmarked(html), [], `${path}: Chinese not marked as Chinese`);
  }
  // an English value on a Chinese page is marked English
  const chinese = (await get('/article/105')).text;
  assert.match(chinese, /<a href="\/author\/Test%20Reporter" lang="en">Test Reporter<\/a>/);
  // the filter chip says in words what it does, its value marked too
  const filtered = (await get(`/search?q=x&tag=${encodeURIComponent('香港政治')}&lang=en`)).text;
  assert.match(
    filtered,
    /<span class="visually-hidden">Remove filter: <\/span>Tag: <span lang="zh-Hant-HK">香港政治<\/span>/,
  );
});

test('an error page reached with ?lang=en keeps English for the links onwards (the cookie is set)', async () => {
  for (const [path, status] of [
    ['/article/999999?lang=en', 404],
    ['/tags?page=-1&lang=en', 400],
  ] as const) {
    const res = await app.request(path);
    assert.equal(res.status, status, path);
    assert.match(res.headers.get('set-cookie') ?? '', /^lang=en; Path=\//, path);
  }
  const post = await app.request('/?lang=en', { method: 'POST' });
  assert.equal(post.status, 405);
  assert.match(post.headers.get('set-cookie') ?? '', /^lang=en;/);
  // a lang= that is no language sets nothing
  assert.equal((await app.request('/?lang=xx')).headers.get('set-cookie'), null);
  assert.equal((await app.request('/article/999999')).headers.get('set-cookie'), null);
});

/** Two versions of one story whose text was corrected, a third, one of another story, and a hostile pair. */
function compareStore(): Store {
  const store = openStore(':memory:');
  const kept = '這是一段很長而沒有改動的文字，'.repeat(20);
  const version = (id: number, text: string, more: Partial<Parameters<typeof fixtureArticle>[1]> = {}) =>
    fixtureArticle(id, {
      title: '立法會選舉　投票率創新低',
      date: '2021-12-20',
      tags: ['選舉'],
      text,
      ...more,
    });
  importArticles(store, [
    version(
      301,
      `首段：警方拘捕三人。\n\n${kept}\n\n此段其後刪去。\n\n結尾 Carrie Lam said 1,200 people came.`,
    ),
    version(302, `首段：警方以暴動罪拘捕五人。\n\n${kept}\n\n結尾 Carrie Lam said 12,000 people came.`, {
      lastUpdated: '2021-12-21 09:00:00',
      tags: ['選舉', '立法會'],
    }),
    version(
      303,
      `首段：警方拘捕三人。\n\n${kept}\n\n此段其後刪去。\n\n結尾 Carrie Lam said 1,200 people came.`,
    ),
    fixtureArticle(304, { title: '另一篇報道', date: '2021-12-20', text: '首段：警方拘捕三人。' }),
    fixtureArticle(305, {
      title: '<img src=x onerror="window.__pwned=1">惡意標題',
      date: '2021-12-22',
      text: '開頭<b>一樣</b>。',
    }),
    fixtureArticle(306, {
      title: '<img src=x onerror="window.__pwned=1">惡意標題',
      date: '2021-12-22',
      text: '開頭<b>一樣</b>。\n\n&lt;script&gt;window.__pwned=1&lt;/script&gt;新加 <a href="javascript:x">連結</a>',
    }),
  ]);
  return store;
}

test('two versions of one story compared: metadata side by side, changes marked, long stretches folded', async () => {
  const store = compareStore();
  const { request, page } = appOver(store);
  // the article lists its versions with a link to compare, from the earlier number to the later
  const article = await page('/article/302');
  assert.match(
    article,
    /<a href="\/article\/301">第 301 號<\/a>[\s\S]*?<a class="compare-link" href="\/article\/301\/compare\/302">與第 301 號比較<\/a>/,
  );
  assert.match(await page('/article/301'), /href="\/article\/301\/compare\/303">與第 303 號比較<\/a>/);

  const res = await request('/article/301/compare/302');
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /<h1>比較第 301 號與第 302 號版本<\/h1>/);
  // the fields that differ are said in words, not by colour alone
  assert.match(
    html,
    /<tr class="differs"><th scope="row">最後更新<span class="field-state"> <strong><span aria-hidden="true">≠ <\/span>不同<\/strong>/,
  );
  assert.match(
    html,
    /<tr><th scope="row">發佈日期<span class="field-state"> <span class="muted"><span aria-hidden="true">= <\/span>相同<\/span>/,
  );
  assert.match(
    html,
    /<td>—<\/td><td><time datetime="2021-12-21T09:00:00\+08:00">2021-12-21 09:00:00 香港時間<\/time>/,
  );
  assert.match(html, /<li lang="zh-Hant-HK">立法會<\/li>/);
  assert.match(
    html,
    /href="https:\/\/web\.archive\.org\/web\/20210101000000\/https:\/\/www\.hkcnews\.com\/article\/302\/test"/,
  );
  assert.match(html, /兩個版本的標題相同。/);
  // Chinese by the character, numbers whole, each change named for screen readers
  const ins = (text: string) =>
    `<ins><span class="visually-hidden" lang="zh-Hant-HK">新增開始：</span><span class="changed">${text}</span><span class="visually-hidden" lang="zh-Hant-HK">：新增結束</span></ins>`;
  const del = (text: string) =>
    `<del><span class="visually-hidden" lang="zh-Hant-HK">刪去開始：</span><span class="changed">${text}</span><span class="visually-hidden" lang="zh-Hant-HK">：刪去結束</span></del>`;
  // each paragraph its own, its changes inside it; one removed whole is marked beside as well
  assert.ok(
    html.includes(
      `<div class="diff" lang="zh-Hant-HK"><p>首段：警方${ins('以暴動罪')}拘捕${del('三')}${ins('五')}人。</p>`,
    ),
    html,
  );
  assert.ok(
    html.includes(
      `<p class="removed">${del('此段其後刪去。')}</p><p>結尾 Carrie Lam said ${del('1,200')}${ins('12,000')} people came.</p></div>`,
    ),
  );
  assert.match(html, /<p class="diff-counts">新增 11 字，刪去 13 字，[\d,]+ 字不變。<\/p>/);
  // the long unchanged stretch is folded, and opens without JavaScript
  assert.match(
    html,
    /<details class="unchanged"><summary lang="zh-Hant-HK">… [\d,]+ 字沒有改動 …<\/summary><div class="unchanged-text"><p>(這是一段很長而沒有改動的文字，)+/,
  );
  assert.match(html, /<a href="\/article\/302\/compare\/301">反方向比較<\/a>/);

  const en = await page('/article/301/compare/302?lang=en');
  assert.match(en, /<h1>Comparing versions No\. 301 and No\. 302<\/h1>/);
  assert.match(en, /Added 11 characters, removed 13, [\d,]+ unchanged\./);
  assert.match(
    en,
    /<ins><span class="visually-hidden" lang="en">added: <\/span><span class="changed">以暴動罪/,
  );
  assert.match(en, /<strong><span aria-hidden="true">≠ <\/span>differs<\/strong>/);
  assert.match(en, /<summary lang="en">… [\d,]+ characters unchanged …<\/summary>/);

  // the JSON twin: both versions, the fields that differ, the counts and the operations
  for (const path of ['/api/article/301/compare/302', '/article/301/compare/302?format=json']) {
    const body = (await (await request(path)).json()) as {
      from: { id: number; lastUpdated: string | null; wayback: string | null };
      to: { id: number; tags: string[] };
      differs: string[];
      title: { identical: boolean };
      text: {
        identical: boolean;
        granularity: string;
        added: number;
        removed: number;
        ops: Array<{ op: string; text: string }>;
      };
    };
    assert.deepEqual([body.from.id, body.to.id], [301, 302]);
    assert.deepEqual(body.differs, ['lastUpdated', 'tags', 'wayback', 'originalUrl', 'textLength']);
    assert.equal(body.title.identical, true);
    assert.deepEqual(
      [body.text.identical, body.text.granularity, body.text.added, body.text.removed],
      [false, 'characters', 11, 13],
    );
    assert.deepEqual(body.text.ops.slice(0, 3), [
      { op: 'equal', text: '首段：警方' },
      { op: 'insert', text: '以暴動罪' },
      { op: 'equal', text: '拘捕' },
    ]);
  }
  // versions with the same text say so plainly
  const same = await page('/article/301/compare/303');
  assert.match(same, /兩個版本的內文完全相同（[\d,]+ 字）。/);
  assert.doesNotMatch(same, /<ins>|<del>/);
  store.close();
});

test('a comparison says tags listed in another order are the same tags, in another order', async () => {
  const store = openStore(':memory:');
  importArticles(store, [
    fixtureArticle(1, {
      title: '選舉',
      date: '2021-12-16',
      text: '一段。',
      tags: ['立法會選舉', '選舉開支'],
    }),
    fixtureArticle(2, {
      title: '選舉',
      date: '2021-12-16',
      text: '一段。',
      tags: ['選舉開支', '立法會選舉'],
    }),
  ]);
  const { page } = appOver(store);
  const html = await page('/article/1/compare/2');
  assert.match(
    html,
    /<tr><th scope="row">標籤<span class="field-state"> <span class="muted"><span aria-hidden="true">= <\/span>相同，次序不同<\/span>/,
  );
  assert.match(await page('/article/1/compare/2?lang=en'), /= <\/span>same, in another order<\/span>/);
  store.close();
});

test('a comparison reads sensibly aloud: a blank change is named in words, the signs ≠ and = are not read, the table is named', async () => {
  const store = openStore(':memory:');
  importArticles(store, [
    fixtureArticle(1, { title: '記協 大公報', date: '2021-11-02', text: '第一段。第二段。' }),
    fixtureArticle(2, { title: '記協大公報', date: '2021-11-02', text: '第一段。\n\n第二段。' }),
  ]);
  const { page } = appOver(store);
  const html = await page('/article/1/compare/2');
  // a space or a line break removed or added was read as "removed: (end of removal)", nothing between
  assert.ok(
    html.includes(
      '記協<del><span class="visually-hidden" lang="zh-Hant-HK">刪去開始：</span><span class="changed"><span class="visually-hidden" lang="zh-Hant-HK">空格</span><span aria-hidden="true"> </span></span><span class="visually-hidden" lang="zh-Hant-HK">：刪去結束</span></del>大公報',
    ),
    html,
  );
  // a paragraph split in two: two paragraphs, the first ending with the break said and drawn
  assert.ok(
    html.includes(
      '<p>第一段。<ins><span class="visually-hidden" lang="zh-Hant-HK">新增開始：</span><span class="changed"><span class="visually-hidden" lang="zh-Hant-HK">分段</span><span class="pilcrow" aria-hidden="true">¶</span></span><span class="visually-hidden" lang="zh-Hant-HK">：新增結束</span></ins></p><p>第二段。</p>',
    ),
    html,
  );
  const en = await page('/article/1/compare/2?lang=en');
  assert.match(en, /<span class="visually-hidden" lang="en">a space<\/span>/);
  assert.match(en, /<span class="visually-hidden" lang="en">a paragraph break<\/span>/);
  // the metadata table has a name for table navigation, its section heading's
  assert.match(html, /<table class="compare-meta" aria-labelledby="compare-meta-title">/);
  assert.match(html, /<h2 id="compare-meta-title">兩個版本的資料<\/h2>/);
  // the signs beside the fields are drawn only; every one of them is hidden from screen readers
  assert.doesNotMatch(html.replace(/<span aria-hidden="true">[≠=] <\/span>/g, ''), /[≠]|>= /);
  store.close();
});

test('a comparison cites each of its versions, APA and BibTeX, named by number for the copy buttons', async () => {
  const store = compareStore();
  const { page, request } = appOver(store);
  const html = await page('/article/301/compare/302');
  assert.match(
    html,
    /<section class="panel citation" aria-labelledby="compare-cite-title"><h2 id="compare-cite-title">引用這兩個版本<\/h2>/,
  );
  // one block per version, in the order compared, each heading naming its version
  const headings = [...html.matchAll(/<h3>(第 \d+ 號：[^<]+)<\/h3>/g)].map((m) => m[1]);
  assert.deepEqual(headings, [
    '第 301 號：APA 格式',
    '第 301 號：BibTeX',
    '第 302 號：APA 格式',
    '第 302 號：BibTeX',
  ]);
  assert.match(
    html,
    /<pre data-copy="bibtex">@misc\{hkcnews301,[\s\S]*<pre data-copy="bibtex">@misc\{hkcnews302,/,
  );
  const en = await page('/article/301/compare/302?lang=en');
  assert.match(en, /<h2 id="compare-cite-title">Cite the two versions<\/h2>/);
  assert.match(en, /<h3>No\. 302: APA style<\/h3>/);
  // the JSON twin: each version's citation, as its article's
  const body = (await (await request('/api/article/301/compare/302')).json()) as {
    from: { citation: { apa: string; bibtex: string } };
    to: { citation: { apa: string; bibtex: string } };
    differs: string[];
  };
  for (const [v, id] of [
    [body.from, 301],
    [body.to, 302],
  ] as const) {
    const article = (await (await request(`/api/article/${id}`)).json()) as { citation: unknown };
    assert.deepEqual(v.citation, article.citation);
  }
  assert.ok(!body.differs.includes('citation'), 'a citation is not a field compared');
  store.close();
});

test('only versions of one story are compared: other pairs are a 404 or 400 page, or JSON error, never a 500', async () => {
  const store = compareStore();
  const { request } = appOver(store);
  const cases: Array<[string, number, RegExp]> = [
    ['/article/301/compare/304', 404, /第 301 號與第 304 號不是同一報道的版本/],
    ['/article/301/compare/301', 400, /第 301 號不能與自己比較/],
    ['/article/301/compare/999', 404, /眾新聞第 999 號文章不在這個存檔中/],
    ['/article/999/compare/301', 404, /眾新聞第 999 號文章不在這個存檔中/],
    ['/article/301/compare/abc', 404, /「abc」不是文章編號/],
    ['/article/301/compare/1234567890', 404, /不是文章編號/],
    ['/article/301/compare/302?lang=fr', 400, /「lang」/],
  ];
  for (const [path, status, said] of cases) {
    const res = await request(path);
    assert.equal(res.status, status, path);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await res.text(), said, path);
  }
  const notVersions = await request('/api/article/301/compare/304');
  assert.equal(notVersions.status, 404);
  assert.deepEqual(await notVersions.json(), {
    error: {
      status: 404,
      code: 'not-found',
      // as the page says it: the titles or the dates differ (versions share both), and where
      // versions are listed
      message:
        'articles 301 and 304 are not versions of one story (their dates, titles or texts differ), so they cannot be compared; only versions of one story can be: an article\'s other versions, if it has any, are listed under its title on its page, and as "versions" in its JSON',
    },
  });
  const itself = (await (await request('/article/302/compare/302?format=json')).json()) as {
    error: { status: number; code: string; message: string };
  };
  assert.deepEqual(itself.error, {
    status: 400,
    code: 'usage',
    message: 'article 302 cannot be compared with itself: choose another version',
  });
  const en = await request('/article/301/compare/304?lang=en');
  assert.match(await en.text(), /No\. 301 and No\. 304 are not versions of one story/);
  store.close();
});

test('a comparison that cannot be made says why as its first line, where other error pages keep their general one', async () => {
  const store = compareStore();
  const { request } = appOver(store);
  /** The heading and the first paragraph after it, as text. */
  const opening = async (path: string) => {
    const html = await (await request(path)).text();
    const m = /<h1>([^<]*)<\/h1><p>(.*?)<\/p>/.exec(html);
    assert.ok(m, html);
    return [m[1], m[2]!.replace(/<[^>]+>/g, '').replace(/&#39;/g, "'")];
  };
  const itself = await request('/article/302/compare/302');
  assert.equal(itself.status, 400);
  assert.deepEqual(await opening('/article/302/compare/302'), [
    '請求有誤',
    '第 302 號不能與自己比較：請選另一個版本。',
  ]);
  assert.deepEqual(await opening('/article/302/compare/302?lang=en'), [
    'Bad request',
    'No. 302 cannot be compared with itself: choose another version.',
  ]);
  // said once, and the general line about a parameter of the address is not said at all
  const zh = await (await request('/article/302/compare/302')).text();
  assert.equal(zh.split('不能與自己比較').length, 2);
  assert.doesNotMatch(zh, /網址中有參數無法處理/);
  // both numbers are in the archive: not the 404's "the article may not be in the archive"
  assert.deepEqual(await opening('/article/301/compare/304?lang=en'), [
    'Page not found',
    "No. 301 and No. 304 are not versions of one story (their dates, titles or texts differ), so they cannot be compared. Only versions of one story can be: an article's other versions, if it has any, are listed under its title on its page.",
  ]);
  // other error pages open as they did: the general line, then the particular one
  assert.deepEqual(await opening('/article/301/compare/302?lang=fr'), [
    '請求有誤',
    '網址中有參數無法處理，請檢查後再試。',
  ]);
  assert.deepEqual(await opening('/article/301/compare/999'), [
    '找不到這一頁',
    '這個網址沒有內容。文章可能不在存檔之內，或網址有誤。',
  ]);
  assert.deepEqual(await opening('/category/%E6%B2%92%E6%9C%89?lang=en'), [
    'Page not found',
    'Nothing lives at this address. The article may not be in the archive, or the link is wrong.',
  ]);
  store.close();
});

test("a comparison that cannot be made leads on to the articles it named, to an article's versions when it has some", async () => {
  const store = compareStore();
  const { request } = appOver(store);
  const onwards = async (path: string) =>
    [...(await (await request(path)).text()).matchAll(/<ul class="error-articles">(.*?)<\/ul>/g)].map((m) =>
      [...m[1]!.matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)].map((a) => `${a[1]} ${a[2]}`),
    );
  assert.deepEqual(await onwards('/article/302/compare/302'), [
    ['/article/302#versions 第 302 號文章及其版本'],
  ]);
  assert.deepEqual(await onwards('/article/301/compare/304?lang=en'), [
    ['/article/301#versions Article No. 301 and its versions', '/article/304 Go to article No. 304'],
  ]);
  // an article the archive lacks is not linked to; other error pages have no such list
  assert.deepEqual(await onwards('/article/999/compare/999'), []);
  assert.deepEqual(await onwards('/article/301/compare/999'), []);
  assert.deepEqual(await onwards('/article/301/compare/302?lang=fr'), []);
  store.close();
});

test('the text compared keeps its paragraphs: each its own, one added or removed marked beside, a break joined or split marked where it was', async () => {
  const store = openStore(':memory:');
  importArticles(store, [
    fixtureArticle(1, {
      title: '標題',
      date: '2021-11-02',
      text: '甲段。\n\n乙段說三人被捕。\n\n丙段。\n\n丁段。',
    }),
    fixtureArticle(2, {
      title: '標題',
      date: '2021-11-02',
      text: '甲段。\n\n新加的一段。\n\n乙段說五人\n\n被捕。\n\n丙段。丁段。',
    }),
  ]);
  const { page } = appOver(store);
  const html = await page('/article/1/compare/2?lang=en');
  const diff = /<div class="diff" lang="zh-Hant-HK">(.*?)<\/div>/s.exec(html)?.[1] ?? '';
  // the paragraphs as a reader meets them, the hidden words left out
  const paragraphs = [...diff.matchAll(/<p( class="[^"]+")?>(.*?)<\/p>/g)].map(
    (m) =>
      `${m[1] ?? ''}${m[2]!
        .replace(/<span class="visually-hidden" lang="en">[^<]*<\/span>/g, '')
        .replace(/<span class="changed">|<\/span>(?=<\/(ins|del)>)/g, '')}`,
  );
  assert.deepEqual(paragraphs, [
    '甲段。',
    ' class="added"<ins>新加的一段。</ins>',
    '乙段說<del>三</del><ins>五</ins>人<ins><span class="pilcrow" aria-hidden="true">¶</span></ins>',
    '被捕。',
    '丙段。<del><span class="pilcrow" aria-hidden="true">¶</span></del>',
    '丁段。',
  ]);
  assert.match(
    diff,
    /<del><span class="visually-hidden" lang="en">removed: <\/span><span class="changed"><span class="visually-hidden" lang="en">a paragraph break<\/span>/,
  );
  store.close();
});

test('a comparison of hostile records is escaped: titles, text and changes stay text', async () => {
  const store = compareStore();
  const { request } = appOver(store);
  const res = await request('/article/305/compare/306');
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.doesNotMatch(html, /<img src=x/);
  assert.doesNotMatch(html, /<script>window/);
  assert.doesNotMatch(html, /href="javascript:/);
  assert.match(html, /&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;惡意標題/);
  // the visible text has no markup (nor the emphasis marks __); what the record spelt as entities
  // is text, escaped once more
  assert.match(
    html,
    /<ins><span class="visually-hidden" lang="zh-Hant-HK">新增開始：<\/span><span class="changed">&lt;script&gt;window.pwned=1&lt;\/script&gt;新加 連結/,
  );
  store.close();
});

test('a compared number with leading zeros answers 301 to its one address, not another page to compare', async () => {
  const store = compareStore();
  const { request } = appOver(store);
  for (const [path, location] of [
    ['/article/0301/compare/302', '/article/301/compare/302'],
    ['/article/301/compare/000000302', '/article/301/compare/302'],
    ['/article/0301/compare/0302?lang=en&x=1', '/article/301/compare/302?lang=en'],
    ['/api/article/00301/compare/302?format=json', '/api/article/301/compare/302'],
  ] as const) {
    const res = await request(path);
    assert.equal(res.status, 301, path);
    assert.equal(res.headers.get('location'), location, path);
  }
  // a lone 0, a sign or other digits are no article numbers
  for (const path of ['/article/0/compare/302', '/article/+301/compare/302', '/article/٣٠١/compare/302']) {
    assert.equal((await request(path)).status, 404, path);
  }
  assert.equal((await request('/article/-301/compare/302')).status, 404);
  assert.equal((await request('/article/0301/compare/0abc')).status, 404);
  store.close();
});

test('a query string the page does not read, another language or no-cache renders afresh without comparing again', async () => {
  const store = compareStore();
  let reads = 0;
  // counts the bodies the comparison reads (the page itself reads none)
  const counting = new Proxy(store, {
    get(target, key) {
      if (key === 'getArticle') {
        return (id: number) => {
          const a = target.getArticle(id);
          if (!a) return a;
          const { body } = a;
          return Object.defineProperty({ ...a }, 'body', {
            get: () => {
              reads++;
              return body;
            },
          });
        };
      }
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const local = createApp(counting, { logError: () => {} });
  const paths = [
    '/article/301/compare/302',
    '/article/301/compare/302?x=1',
    '/article/301/compare/302?x=2&x=3',
    '/article/301/compare/302?lang=en',
    '/api/article/301/compare/302?cache=bust',
  ];
  for (const path of paths) assert.equal((await local.request(path)).status, 200, path);
  const fresh = await local.request('/article/301/compare/302', { headers: { 'Cache-Control': 'no-cache' } });
  assert.equal(fresh.status, 200);
  assert.equal(reads, 2, 'one comparison: each version read once');
  // the other direction is a comparison of its own
  assert.equal((await local.request('/article/302/compare/301')).status, 200);
  assert.equal(reads, 4);
  store.close();
});

test("the home page kept under a day holds that day's 當年今日, when midnight passes as it is made", async () => {
  // the clock reads 23:59:59.999 in Hong Kong, then midnight, then 23:59:59.999 again…
  let calls = 0;
  const now = () => new Date(calls++ % 2 === 0 ? '2024-06-03T15:59:59.999Z' : '2024-06-03T16:00:00.000Z');
  const { app: local } = testApp({ now });
  const first = await (await local.request('/')).text();
  assert.match(first, /當年今日（6 月 3 日）/);
  calls = 0;
  const again = await (await local.request('/')).text();
  assert.match(again, /當年今日（6 月 3 日）/);
});

test('the day picker takes whole numbers in ASCII digits only; a repeated field is read once', async () => {
  const to = async (query: string) => {
    const res = await app.request(`/on-this-day?${query}`);
    return [res.status, res.headers.get('location')];
  };
  for (const month of [
    '6.0',
    '0x6',
    '%D9%A6',
    '%2B6',
    '%206',
    '6%20',
    '1e1',
    '-6',
    '６',
    '6abc',
    '0',
    '00',
    '9999999999',
  ]) {
    const [status, location] = await to(`month=${month}&day=4`);
    assert.equal(status, 400, `month=${month}`);
    assert.equal(location, null, `month=${month}`);
  }
  assert.deepEqual(await to('month=06&day=004'), [302, '/on-this-day/06-04']);
  // the first value counts, as for every parameter; the others are not carried on
  assert.deepEqual(await to('month=6&month=7&day=4&day=5'), [302, '/on-this-day/06-04']);
  // nothing but lang and format goes on to the redirect, and only as they are allowed
  assert.deepEqual(await to('month=6&day=4&next=https://evil.example/&lang=en'), [
    302,
    '/on-this-day/06-04?lang=en',
  ]);
  for (const query of [
    'month=6&day=4&lang=en%0D%0ASet-Cookie:%20x=1',
    'month=6&day=4&format=%2F%2Fevil.example',
    'lang=en%0D%0ALocation:%20https://evil.example/',
  ]) {
    const [status, location] = await to(query);
    assert.equal(status, 400, query);
    assert.equal(location, null, query);
  }
  // //evil.example as a path is no redirect off the site
  const res = await app.request('//evil.example/on-this-day');
  assert.ok(!(res.headers.get('location') ?? '').includes('evil.example'));
});

test('the 當年今日 feed: the last seven days in Hong Kong, each a digest, kept no later than midnight', async () => {
  let clock = new Date('2024-06-30T15:58:20Z'); // 23:58:20 in Hong Kong
  const local = createApp(testApp().store, { logError: () => {}, now: () => clock });
  const res = await local.request('http://archive.test/on-this-day.atom');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/atom+xml; charset=utf-8');
  assert.equal(res.headers.get('cache-control'), 'public, max-age=100');
  const xml = await res.text();
  assert.match(
    xml,
    /<link rel="self" type="application\/atom\+xml" href="http:\/\/archive.test\/on-this-day.atom"\/>/,
  );
  assert.match(xml, /<updated>2024-06-30T00:00:00\+08:00<\/updated>/);
  // the fixtures' 06-30 articles (2021 and 2020), linked at the request's origin
  const first = /<entry>[\s\S]*?<\/entry>/.exec(xml)![0];
  assert.match(first, /<id>http:\/\/archive.test\/on-this-day\/06-30#2024-06-30<\/id>/);
  assert.match(first, /href=&quot;http:\/\/archive.test\/article\/103&quot;/);
  for (const entry of xml.match(/<id>[^<]*#([\d-]+)<\/id>/g) ?? []) {
    const day = /#([\d-]+)</.exec(entry)![1]!;
    assert.ok(day >= '2024-06-24' && day <= '2024-06-30', day);
  }
  // an ETag a feed reader sends back
  const etag = res.headers.get('etag')!;
  const again = await local.request('http://archive.test/on-this-day.atom', {
    headers: { 'if-none-match': etag },
  });
  assert.equal(again.status, 304);
  // its addresses are absolute: another origin is another feed (a server without --public-url)
  assert.notEqual((await local.request('http://other.test/on-this-day.atom')).headers.get('etag'), etag);
  // after midnight, the next day's feed (the page cache keys it by the day)
  clock = new Date('2024-06-30T16:00:30Z');
  const next = await (await local.request('http://archive.test/on-this-day.atom')).text();
  assert.match(
    next,
    /<link rel="alternate" type="text\/html" href="http:\/\/archive.test\/on-this-day"\/>\n<updated>2024-07-01T00:00:00\+08:00<\/updated>/,
  );
  assert.doesNotMatch(next, /#2024-06-24</);
});

test('the feed in English, at the public address, gzipped; a bad format is a 400', async () => {
  const local = createApp(testApp().store, {
    logError: () => {},
    now: () => new Date('2024-06-30T04:00:00Z'),
    publicUrl: 'https://archive.example.org',
  });
  const en = await (await local.request('http://localhost/on-this-day.atom?lang=en')).text();
  assert.match(en, /xml:lang="en"/);
  assert.match(
    en,
    /<link rel="self" type="application\/atom\+xml" href="https:\/\/archive.example.org\/on-this-day.atom\?lang=en"\/>/,
  );
  assert.match(en, /href=&quot;https:\/\/archive.example.org\/article\/103\?lang=en&quot;/);
  const gz = await local.request('/on-this-day.atom', { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(gz.headers.get('content-encoding'), 'gzip');
  assert.match(
    gunzipSync(Buffer.from(await gz.arrayBuffer())).toString('utf8'),
    /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom" xml:lang="zh-Hant-HK">/,
  );
  assert.equal((await local.request('/on-this-day.atom?format=rss')).status, 400);
});

test('the home page and the 當年今日 pages offer the feed, in the head for feed readers and as a link', async () => {
  for (const path of ['/', '/on-this-day/06-30']) {
    const { text } = await get(path);
    assert.match(
      text,
      /<link rel="alternate" type="application\/atom\+xml" title="當年今日（Atom 訂閱）" href="\/on-this-day.atom"\/>/,
      path,
    );
    assert.match(
      text,
      /<a class="feed-link" href="\/on-this-day.atom" type="application\/atom\+xml">每日訂閱（Atom）<\/a>/,
      path,
    );
    const en = (await get(`${path}?lang=en`)).text;
    assert.match(
      en,
      /<a class="feed-link" href="\/on-this-day.atom\?lang=en" type="application\/atom\+xml">Follow daily \(Atom feed\)<\/a>/,
      path,
    );
  }
});

test('the about page: what the archive holds, in figures from the database, its sources, citing, data and a copy', async () => {
  const { res, text } = await get('/about');
  assert.equal(res.status, 200);
  assert.match(text, /<title>關於本存檔 – 眾新聞檔案<\/title>/);
  assert.match(text, /<h1>關於本存檔<\/h1>/);
  // the fixtures: 9 records, none a placeholder, 2 undated, 4 categories, 11 tags, 5 bylines
  assert.match(text, /共 9 項紀錄，其中 9 篇是文章，日期由 2017-01-02 至 2021-06-30。/);
  assert.match(
    text,
    /分類 <a href="\/categories">4<\/a> 個、標籤 <a href="\/tags">11<\/a> 個、作者 <a href="\/authors">5<\/a> 個署名。/,
  );
  assert.match(text, /<a href="\/date\/undated">2<\/a> 項沒有日期，其中 0 頁是/);
  // no versions and no repairs in the fixtures: nothing said of them
  assert.doesNotMatch(text, /同一報道的不同版本|錯誤解碼/);
  assert.match(
    text,
    /<a href="https:\/\/github.com\/hkarchivist\/hkcnews-article-archive" rel="noopener noreferrer" lang="en">hkcnews-article-archive<\/a>/,
  );
  assert.match(text, /<a href="\/on-this-day.atom" type="application\/atom\+xml">當年今日（Atom 訂閱）<\/a>/);
  assert.match(text, /<code>git clone https:\/\/github.com\/hkarchivist\/hkcnews-article-archive<\/code>/);
  const en = (await get('/about?lang=en')).text;
  assert.match(en, /9 records, 9 of them articles, dated from 2017-01-02 to 2021-06-30\./);
  assert.match(en, /Citizen News \(<span lang="zh-Hant-HK">眾新聞<\/span>\) was an online news outlet/);
  // the figures as JSON
  const api = (await json('/api/about')).body as { facts: { articles: number; undated: number } };
  assert.deepEqual([api.facts.articles, api.facts.undated], [9, 2]);
  // every page's footer leads to it
  assert.match((await get('/article/101')).text, /<a href="\/about">關於本存檔<\/a>/);
});

test('the about page counts versions and placeholder pages when there are some', async () => {
  const store = openStore(':memory:');
  const text = `${'香港新聞內容'.repeat(40)}`;
  importArticles(store, [
    fixtureArticle(1, { title: '武肺確診破6000', date: '2020-11-27', text }),
    fixtureArticle(2, { title: '武肺確診破6000', date: '2020-11-27', text }),
    fixtureArticle(3, {
      title: '眾新聞告別　感謝讀者',
      date: '',
      author: '',
      category: undefined,
      text: '告別',
    }),
  ]);
  const local = createApp(store, { logError: () => {} });
  const about = await (await local.request('/about')).text();
  assert.match(about, /共 3 項紀錄，其中 2 篇是文章/);
  assert.match(about, /其中 2 篇是同一報道的不同版本，屬 1 個報道/);
  assert.match(about, /<a href="\/date\/undated">1<\/a> 項沒有日期，其中 1 頁是網頁時光機存下的告別啟事/);
  store.close();
});

test('the finder by title is a static copy’s: the server has no /find or /find-index.js, it searches', async () => {
  for (const path of ['/find', '/find-index.js', '/api/find'])
    assert.equal((await app.request(path)).status, 404, path);
  const copy = testApp({ staticSite: { madeOn: '2026-06-30' } }).app;
  assert.equal((await copy.request('/find')).status, 200);
  const index = await copy.request('/find-index.js');
  assert.equal(index.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.match(await index.text(), /^window\.BACKFILE_FIND = /);
  const searching = testApp({
    staticSite: { madeOn: '2026-06-30', searchUrl: 'https://archive.example.org' },
  }).app;
  assert.equal((await searching.request('/find')).status, 404, 'a copy whose boxes ask a server');
});
