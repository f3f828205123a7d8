import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Article } from '../../corpus/types.js';
import { renderHkcnewsPage } from '../testing/render-hkcnews.js';
import { extractHkcnews, hkcnewsProfile } from './hkcnews.js';

const TS = '20210712045522';
const ORIGINAL =
  'https://www.hkcnews.com/article/4321/%E6%B8%AC%E8%A9%A6/%E6%B8%AC%E8%A9%A6%E6%96%87%E7%AB%A0';

// a record written for this test (no corpus text)
const FOOTER = `---\n\n\n請加入成為眾新聞的月費訂戶，長期支持我們的工作。所有訂戶都可以收到我們的「每周時事」通訊 。\n\n月費訂戶 [網址：hkcnews.com/aboutus/#subscribe](/web/${TS}/https://www.hkcnews.com/aboutus/#subscribe)\n`;
const COLUMNIST = `---\n\n![博客 | 測試作者](https://web.archive.org/web/${TS}im_/https://www.hkcnews.com/uploads/avatars/abc.png?123)\n\n**博客 | 測試作者**\n\n測試作者，寫測試的人。\n`;
const BODY = [
  '# 測試標題：一篇*假*文章',
  '',
  '第一段，有[外部連結](https://web.archive.org/web/' +
    TS +
    '/https://example.com/a_b_c) 和 **粗體** 及 *斜體*。',
  '',
  '<figure>',
  `<img src="https://web.archive.org/web/${TS}im_/https://www.hkcnews.com/news_新聞/2021/07/圖片_large.jpg" alt="">`,
  '<figcaption>圖片說明 A&B。記者攝</figcaption>',
  '</figure>',
  '',
  '### 小標題',
  '',
  '- 第一項',
  '- 第二項',
  '',
  '1. 甲',
  '2. 乙',
  '',
  '> 引文一行',
  '',
  '有 1+1=2 和 a*b 與 [方括號] 的文字，不用轉義。   ',
  ' 硬換行之後。',
  '',
  '',
  `{{< video src="https://web.archive.org/web/${TS}if_/https://www.youtube.com/embed/xyz" >}}`,
  '',
  '',
  '最後一段。',
  '',
  '',
  '',
].join('\n');

const ARTICLE: Article = {
  id: 4321,
  title: '測試標題：一篇*假*文章',
  date: '2021-07-01',
  lastUpdated: '2021-07-02 10:11:12',
  author: '測試記者',
  category: '眾聞',
  tags: ['測試', 'Test tag'],
  url: `https://web.archive.org/web/${TS}/${ORIGINAL}`,
  captureTimestamp: TS,
  originalUrl: ORIGINAL,
  body: `${BODY}${FOOTER}\n${COLUMNIST}`,
  extra: [],
};

test('the page of a record extracts back to the same fields and the same body', () => {
  const html = renderHkcnewsPage(ARTICLE);
  assert.ok(!html.includes('web.archive.org/web/'), 'the page holds the site URLs, not capture URLs');
  const out = extractHkcnews({ html, originalUrl: ORIGINAL, timestamp: TS, id: 4321 });
  assert.ok(out.ok, out.ok ? '' : out.reason);
  const a = out.article;
  assert.equal(a.title, ARTICLE.title);
  assert.equal(a.date, ARTICLE.date);
  assert.equal(a.lastUpdated, ARTICLE.lastUpdated);
  assert.equal(a.author, ARTICLE.author);
  assert.equal(a.category, ARTICLE.category);
  assert.deepEqual(a.tags, ARTICLE.tags);
  assert.equal(a.body, ARTICLE.body);
});

test("a capture that is not on the Wayback Machine keeps the page's own URLs for links and images", () => {
  const html = renderHkcnewsPage(ARTICLE);
  const out = extractHkcnews({ html, originalUrl: ORIGINAL, timestamp: TS, id: 4321, links: 'original' });
  assert.ok(out.ok, out.ok ? '' : out.reason);
  const body = out.article.body;
  assert.ok(!body.includes('web.archive.org'), 'no capture URL is made up');
  assert.ok(!body.includes('/web/'), 'no relative capture path either');
  // the same body as the corpus's, with each capture URL replaced by the URL it captured
  const unwrapped = ARTICLE.body
    .replace(new RegExp(`https://web\\.archive\\.org/web/${TS}(?:[a-z]{2}_)?/`, 'g'), '')
    .replace(new RegExp(`/web/${TS}/`, 'g'), '');
  assert.equal(body, unwrapped);
});

test('absent category and tags stay absent; empty tags stay empty', () => {
  const page = renderHkcnewsPage({ ...ARTICLE, category: undefined, tags: [], lastUpdated: undefined });
  const out = extractHkcnews({ html: page, originalUrl: ORIGINAL, timestamp: TS, id: 4321 });
  assert.ok(out.ok);
  assert.equal(out.article.category, undefined);
  assert.deepEqual(out.article.tags, []);
  assert.equal(out.article.lastUpdated, undefined);
});

test('bold glued to 「」 inside Chinese text stays bold (inline HTML rather than broken **)', () => {
  const html = `<html><head><meta property="og:title" content="t"></head><body><h1 class="article-title">t</h1>
    <div class="article-content"><p>他說<strong>「不會」</strong>然後離開。又說 <b>好</b> 。</p></div></body></html>`;
  const out = extractHkcnews({ html, originalUrl: ORIGINAL, timestamp: TS, id: 1 });
  assert.ok(out.ok);
  assert.match(out.article.body, /他說<strong>「不會」<\/strong>然後離開。又說 \*\*好\*\* 。/);
});

test('a figure with only an image is kept, in the corpus layout', () => {
  const html = `<html><body><div class="article-content"><figure><img src="/a.jpg"></figure><p>x</p></div></body></html>`;
  const out = extractHkcnews({ html, originalUrl: ORIGINAL, timestamp: TS, id: 1 });
  assert.ok(out.ok);
  assert.equal(
    out.article.body,
    `<figure>\n<img src="https://web.archive.org/web/${TS}im_/https://www.hkcnews.com/a.jpg" alt="">\n</figure>\n\nx\n`,
  );
});

test('pages without an article are refused with a reason, and a placeholder for --keep-empty', () => {
  const farewell = `<html><head><meta property="og:title" content="眾新聞告別    感謝讀者"></head><body><h2>告別</h2></body></html>`;
  const out = extractHkcnews({ html: farewell, originalUrl: ORIGINAL, timestamp: TS, id: 1 });
  assert.equal(out.ok, false);
  assert.ok(!out.ok && /not an article page/.test(out.reason));
  assert.deepEqual(!out.ok && out.placeholder, {
    title: '眾新聞告別    感謝讀者',
    date: '',
    author: '',
    body: '\n',
  });
  const empty = extractHkcnews({ html: '', originalUrl: ORIGINAL, timestamp: TS, id: 1 });
  assert.ok(!empty.ok && empty.reason === 'no article content');
});

test('article ids from every URL form; other pages are not articles', () => {
  assert.equal(hkcnewsProfile.articleId('https://www.hkcnews.com/article/32181/slug'), 32181);
  assert.equal(hkcnewsProfile.articleId('http://hkcnews.com:80/article/5'), 5);
  assert.equal(hkcnewsProfile.articleId('hkcnews.com/article/77/a/b'), 77);
  assert.equal(hkcnewsProfile.articleId('https://www.hkcnews.com/aboutus'), undefined);
  assert.equal(hkcnewsProfile.articleId('https://example.com/article/5/x'), undefined);
  assert.equal(hkcnewsProfile.rangeFolder(32181), '32001-33000');
  assert.equal(hkcnewsProfile.rangeFolder(1000), '1-1000');
  assert.equal(hkcnewsProfile.rangeFolder(1001), '1001-2000');
});
