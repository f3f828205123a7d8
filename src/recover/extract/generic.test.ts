import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createGenericProfile, extractGeneric } from './generic.js';

const SHORT_BRIEF = `<!doctype html><html><head>
<meta property="og:title" content="港鐵今早服務延誤">
<meta property="article:published_time" content="2021-07-12T08:30:00+08:00">
<meta property="article:section" content="港聞">
<meta name="keywords" content="港鐵,交通">
<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person","name":"本報記者"}}</script>
</head><body>
<nav><a href="/">首頁</a><a href="/news">新聞</a></nav>
<article><h1>港鐵今早服務延誤</h1><time datetime="2021-07-12">2021年7月12日</time>
<p>港鐵觀塘綫今早因信號故障，列車服務延誤約二十分鐘，大批乘客滯留月台。</p>
<p>港鐵表示已派員處理，服務於九時回復正常，對乘客造成不便致歉。<a href="/news/1">詳情</a></p>
</article>
<footer>版權所有</footer></body></html>`;

test('a short Chinese brief is found (Readability with a lowered charThreshold) with its metadata', () => {
  const out = extractGeneric({
    html: SHORT_BRIEF,
    originalUrl: 'https://news.example.com/news/123',
    timestamp: '20210712000000',
    id: 123,
  });
  assert.ok(out.ok, out.ok ? '' : out.reason);
  const a = out.article;
  assert.equal(a.title, '港鐵今早服務延誤');
  assert.equal(a.date, '2021-07-12');
  assert.equal(a.author, '本報記者');
  assert.equal(a.category, '港聞');
  assert.deepEqual(a.tags, ['港鐵', '交通']);
  assert.match(a.body, /^# 港鐵今早服務延誤\n\n/);
  assert.match(a.body, /信號故障/);
  assert.match(a.body, /\[詳情\]\(\/web\/20210712000000\/https:\/\/news\.example\.com\/news\/1\)/);
  assert.doesNotMatch(a.body, /版權所有|首頁/);
});

test('a generic profile knows its host and ids', () => {
  const p = createGenericProfile({ name: 'example', host: 'www.example.com', idPattern: /\/news\/(\d+)/ });
  assert.equal(p.articleId('https://example.com/news/42'), 42);
  assert.equal(p.articleId('http://www.example.com/news/42?x=1'), 42);
  assert.equal(p.articleId('https://other.com/news/42'), undefined);
  assert.deepEqual(p.cdxPrefixes(''), ['www.example.com/', 'example.com/']);
});

test('a page with no text is refused', () => {
  const out = extractGeneric({
    html: '<html><body><nav>x</nav></body></html>',
    originalUrl: 'https://example.com/1',
    timestamp: '2021',
    id: 1,
  });
  assert.equal(out.ok, false);
});
