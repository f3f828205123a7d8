import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  htmlToText,
  localArticlePath,
  renderBody,
  resolveRecordUrl,
  stripTitleHeading,
} from './render-body.js';
import { HOSTILE_BODY } from './testing/fixtures.js';

test('keeps figures, captions, paragraphs and basic markup', () => {
  const { html, images } = renderBody(
    '<figure>\n<img src="https://web.archive.org/web/1im_/https://x/a.jpg" alt="圖">\n<figcaption>說明</figcaption>\n</figure>\n\n第一段 **粗** *斜*\n\n> 引文',
  );
  assert.match(html, /<figure>/);
  assert.match(
    html,
    /<img src="https:\/\/web\.archive\.org\/web\/1im_\/https:\/\/x\/a\.jpg" alt="圖" loading="lazy"/,
  );
  assert.match(html, /<figcaption>說明<\/figcaption>/);
  assert.match(html, /<p>第一段 <strong>粗<\/strong> <em>斜<\/em><\/p>/);
  assert.match(html, /<blockquote>/);
  assert.equal(images, 1);
});

test('hostile markup leaves no script, handler, javascript: or data: URL, frame, style or meta', () => {
  const { html } = renderBody(HOSTILE_BODY);
  assert.doesNotMatch(html, /<script/i);
  assert.doesNotMatch(
    html,
    /<(iframe|object|embed|meta|base|link|style|svg|math|form|input|video|template|textarea|details)\b/i,
  );
  assert.doesNotMatch(html, /<[^>]*\son[a-z]+\s*=/i, 'no event-handler attribute survives');
  assert.doesNotMatch(html, /(href|src)\s*=\s*"\s*(javascript|data|vbscript):/i);
  assert.doesNotMatch(html, /\sstyle\s*=/i);
  assert.match(html, /after all the tricks, this paragraph remains/);
});

test('images need an http(s) source; relative Wayback paths become absolute', () => {
  assert.equal(renderBody('<img src="data:image/png;base64,AAAA">').images, 0);
  assert.equal(renderBody('<img src="//evil.example/x.png">').images, 0);
  const { html } = renderBody('![a](/web/2021im_/https://www.hkcnews.com/a.png)');
  assert.match(html, /src="https:\/\/web\.archive\.org\/web\/2021im_\/https:\/\/www\.hkcnews\.com\/a\.png"/);
});

test('outbound links get rel=noopener noreferrer; hkcnews article links become local', () => {
  const { html } = renderBody(
    '[a](https://example.org/x) [b](https://www.hkcnews.com/article/42/slug) [c](https://web.archive.org/web/2021/https://www.hkcnews.com/article/43/x)',
  );
  assert.match(html, /<a href="https:\/\/example\.org\/x" rel="noopener noreferrer">a<\/a>/);
  assert.match(html, /<a href="\/article\/42">b<\/a>/);
  assert.match(html, /<a href="\/article\/43">c<\/a>/);
});

test('site-relative links resolve into the capture', () => {
  assert.equal(
    resolveRecordUrl('/aboutus/#subscribe', '20210101000000'),
    'https://web.archive.org/web/20210101000000/https://www.hkcnews.com/aboutus/#subscribe',
  );
  assert.equal(resolveRecordUrl('/web/1/https://x'), 'https://web.archive.org/web/1/https://x');
  assert.equal(resolveRecordUrl('java\tscript:alert(1)'), null);
  assert.equal(localArticlePath('https://hkcnews.com/article/7'), '/article/7');
  assert.equal(localArticlePath('https://example.org/article/7'), null);
});

test('strips the title heading', () => {
  assert.equal(stripTitleHeading('# 標題\n\n內文'), '\n內文');
  assert.equal(stripTitleHeading('內文\n# 不是標題'), '內文\n# 不是標題');
});

test('htmlToText drops tags, decodes entities and cuts to length; captions only when nothing else', () => {
  assert.equal(
    htmlToText('<figure><img src="x"><figcaption>說明</figcaption></figure>\n<p>甲 &amp; 乙</p>', 50),
    '甲 & 乙',
  );
  // a page of figures alone is described by its captions
  assert.equal(
    htmlToText(
      '<figure><img src="x"><figcaption>海港一</figcaption></figure><figure><figcaption>海港二</figcaption></figure>',
    ),
    '海港一 海港二',
  );
  assert.equal(htmlToText('<p>一二三四五六</p>', 4), '一二三…');
});
