import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ArticleSummary } from '../store/types.js';
import { type FeedDay, feedDays, onThisDayFeed, xmlText } from './feed.js';
import { strings } from './i18n.js';

const article = (id: number, title: string, date: string, more: Partial<ArticleSummary> = {}) => ({
  id,
  title,
  date,
  author: '記者甲',
  category: '眾聞',
  tags: [],
  ...more,
});

const days: FeedDay[] = [
  {
    date: '2026-06-04',
    years: [
      {
        date: '2021-06-04',
        count: 12,
        items: [
          article(7, '維園<script>alert(1)</script> & 「燭光」', '2021-06-04'),
          article(6, 'A\u0001B\uD800C\uFFFF', '2021-06-04', { author: '', category: null }),
        ],
      },
      { date: '2019-06-04', count: 1, items: [article(3, '六四三十周年', '2019-06-04')] },
    ],
  },
  // a day with no article in any year has no entry
  { date: '2026-06-03', years: [] },
  {
    date: '2026-06-02',
    years: [{ date: '2020-06-02', count: 1, items: [article(5, '二日', '2020-06-02')] }],
  },
];

const options = {
  origin: 'https://archive.example.org',
  t: strings('zh'),
  htmlLang: 'zh-Hant-HK',
  langQuery: '',
};

/** The text between two tags, unescaped once (what an XML parser gives). */
function xmlDecoded(xml: string): string {
  return xml
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&');
}

test('one entry a day with articles, newest first, each a digest of its years', () => {
  const xml = onThisDayFeed(days, options);
  assert.match(
    xml,
    /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom" xml:lang="zh-Hant-HK">/,
  );
  assert.match(xml, /<id>https:\/\/archive.example.org\/on-this-day.atom<\/id>/);
  assert.match(
    xml,
    /<link rel="self" type="application\/atom\+xml" href="https:\/\/archive.example.org\/on-this-day.atom"\/>/,
  );
  assert.match(xml, /<updated>2026-06-04T00:00:00\+08:00<\/updated>/);
  const entries = xml.match(/<entry>[\s\S]*?<\/entry>/g) ?? [];
  assert.equal(entries.length, 2);
  assert.match(entries[0]!, /<title>當年今日（6 月 4 日）<\/title>/);
  // next year's 06-04 is a new entry: the id holds the day it was today
  assert.match(entries[0]!, /<id>https:\/\/archive.example.org\/on-this-day\/06-04#2026-06-04<\/id>/);
  assert.match(entries[0]!, /<summary>歷年 6 月 4 日共有 13 篇文章，分屬 2 個年份。<\/summary>/);
  assert.match(entries[1]!, /<id>https:\/\/archive.example.org\/on-this-day\/06-02#2026-06-02<\/id>/);
  const html = xmlDecoded(/<content type="html">([\s\S]*?)<\/content>/.exec(entries[0]!)![1]!);
  assert.match(
    html,
    /^<h3><a href="https:\/\/archive.example.org\/date\/2021\/06\/04">2021 年（12 篇）<\/a><\/h3><ul>/,
  );
  assert.match(
    html,
    /<li><a href="https:\/\/archive.example.org\/article\/7">[^<]*<\/a> <small>記者甲 · 眾聞<\/small><\/li>/,
  );
  // more that day than the digest lists: a link to all of them
  assert.match(html, /<a href="https:\/\/archive.example.org\/date\/2021\/06\/04">該日全部 12 篇 ›<\/a>/);
  assert.doesNotMatch(html, /date\/2019\/06\/04">該日全部/);
});

test('titles are text in the digest and in the XML: no markup gets through, and what XML forbids is dropped', () => {
  const xml = onThisDayFeed(days, options);
  assert.doesNotMatch(xml, /<script|\u0001|\uD800(?![\uDC00-\uDFFF])|\uFFFF/);
  const html = xmlDecoded(/<content type="html">([\s\S]*?)<\/content>/.exec(xml)![1]!);
  // the digest's HTML holds the title escaped: a feed reader shows it, it does not run it
  assert.ok(html.includes('維園&lt;script&gt;alert(1)&lt;/script&gt; &amp; 「燭光」'), html);
  assert.ok(
    html.includes('<a href="https://archive.example.org/article/6">ABC</a></li>'),
    'no byline: none shown',
  );
  assert.equal(xmlText('a\u0000b\u000bc\td\ne😀'), 'abc\td\ne😀');
});

test('in English, its words and its links are the English reader', () => {
  const xml = onThisDayFeed(days, { ...options, t: strings('en'), htmlLang: 'en', langQuery: '?lang=en' });
  assert.match(xml, /xml:lang="en"/);
  assert.match(xml, /<title>On this day – Citizen News Archive<\/title>/);
  assert.match(xml, /<title>On this day \(4 Jun\)<\/title>/);
  assert.match(xml, /href="https:\/\/archive.example.org\/on-this-day.atom\?lang=en"/);
  assert.match(xml, /href="https:\/\/archive.example.org\/on-this-day\/06-04\?lang=en"/);
  assert.match(xmlDecoded(xml), /href="https:\/\/archive.example.org\/article\/7\?lang=en"/);
});

test('with no day holding articles, the feed is valid and empty', () => {
  const xml = onThisDayFeed([{ date: '2026-02-29', years: [] }], options);
  assert.doesNotMatch(xml, /<entry>/);
  assert.match(xml, /<updated>2026-02-29T00:00:00\+08:00<\/updated>\n<author>/);
});

test("a year without 29 February gives its articles with the 28th's, as an entry of their own", () => {
  const asked: string[] = [];
  const articlesOn = (monthDay: string) => {
    asked.push(monthDay);
    return [{ date: `2020-${monthDay}`, count: 1, items: [article(1, monthDay, `2020-${monthDay}`)] }];
  };
  const common = feedDays('2026-03-02', 4, articlesOn);
  assert.deepEqual(
    common.map((d) => [d.date, d.monthDay ?? d.date.slice(5)]),
    [
      ['2026-03-02', '03-02'],
      ['2026-03-01', '03-01'],
      ['2026-02-28', '02-29'],
      ['2026-02-28', '02-28'],
      ['2026-02-27', '02-27'],
    ],
  );
  const xml = onThisDayFeed(common, options);
  assert.match(xml, /<title>當年今日（2 月 29 日）<\/title>/);
  assert.match(xml, /<id>https:\/\/archive.example.org\/on-this-day\/02-29#2026-02-28<\/id>/);
  assert.match(xml, /<id>https:\/\/archive.example.org\/on-this-day\/02-28#2026-02-28<\/id>/);
  // a leap year has its own 29th (and 2100 is not one)
  assert.deepEqual(
    feedDays('2028-03-01', 3, articlesOn).map((d) => d.monthDay ?? d.date.slice(5)),
    ['03-01', '02-29', '02-28'],
  );
  assert.deepEqual(
    feedDays('2100-03-01', 2, articlesOn).map((d) => d.monthDay ?? d.date.slice(5)),
    ['03-01', '02-29', '02-28'],
  );
  assert.ok(asked.includes('02-29'));
});
