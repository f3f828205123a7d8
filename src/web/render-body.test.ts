import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  embeddedVideo,
  headingsFrom,
  htmlToText,
  localArticlePath,
  renderBody,
  resolveRecordUrl,
  stripTitleHeading,
  withLeadImageFirst,
  withNoscriptImageLinks,
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

test('a video shortcode becomes links to the video and to the capture of its player', () => {
  const md = [
    '前文',
    '',
    '{{< video src="https://web.archive.org/web/20210629100947if_/https://www.youtube.com/embed/f1YFA_J5JBU" >}}',
    '',
    '後文',
  ].join('\n');
  const { html } = renderBody(md, {
    videoLabels: { video: (p) => `${p} 影片`, capture: '播放器存檔' },
  });
  assert.doesNotMatch(html, /\{\{|&lt;|video src/);
  assert.match(
    html,
    /<p class="video"><a href="https:\/\/www\.youtube\.com\/watch\?v=f1YFA_J5JBU" rel="noopener noreferrer">YouTube 影片<\/a> · <a href="https:\/\/web\.archive\.org\/web\/20210629100947\/https:\/\/www\.youtube\.com\/embed\/f1YFA_J5JBU" rel="noopener noreferrer">播放器存檔<\/a><\/p>/,
  );
  assert.match(html, /<p>前文<\/p>[\s\S]*<p>後文<\/p>/);
  // the description does not open with the video's links
  assert.equal(htmlToText(html), '前文 後文');
  // English words without labels
  assert.match(renderBody(md).html, /<p class="video"><a [^>]*>Video on YouTube<\/a>/);
  // labels in a language say so on their line: they may sit in an article in the other one
  const marked = renderBody(md, { videoLabels: { video: (p) => `Video on ${p}`, capture: 'x', lang: 'en' } });
  assert.match(marked.html, /<p class="video" lang="en"><a [^>]*>Video on YouTube<\/a>/);
  assert.equal(htmlToText(marked.html), '前文 後文');
});

test('embedded videos: each platform links to its own page; hostile sources give nothing', () => {
  const fb =
    'https://web.archive.org/web/20210712050044if_/https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2FRTHKVNEWS%2Fvideos%2F302163030863789%2F&show_text=0&width=560';
  assert.deepEqual(embeddedVideo(fb), {
    platform: 'Facebook',
    url: 'https://www.facebook.com/RTHKVNEWS/videos/302163030863789/',
    capture:
      'https://web.archive.org/web/20210712050044/https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2FRTHKVNEWS%2Fvideos%2F302163030863789%2F&show_text=0&width=560',
  });
  assert.equal(embeddedVideo('https://player.vimeo.com/video/12345?x=1')?.url, 'https://vimeo.com/12345');
  assert.equal(embeddedVideo('https://player.vimeo.com/video/12345')?.capture, null);
  assert.equal(
    embeddedVideo('https://www.dailymotion.com/embed/video/x7abc')?.url,
    'https://www.dailymotion.com/video/x7abc',
  );
  assert.equal(embeddedVideo('https://roundme.com/embed/229101/649627')?.platform, 'Roundme');
  assert.equal(embeddedVideo('javascript:alert(1)'), null);
  assert.equal(embeddedVideo('https://web.archive.org/web/2021if_/javascript:alert(1)'), null);
  // a Facebook player whose href is not Facebook's keeps the player's own address
  assert.match(
    embeddedVideo('https://www.facebook.com/plugins/video.php?href=javascript%3Aalert(1)')!.url,
    /^https:\/\/www\.facebook\.com\/plugins\/video\.php/,
  );
  // hostile text in the source is escaped, and a hostile scheme is dropped with its line
  const { html } = renderBody(
    '{{< video src="https://example.com/v?a=<script>alert(1)</script>" >}}\n\n{{< video src="javascript:alert(1)" >}}',
  );
  assert.doesNotMatch(html, /<script|javascript:/);
  assert.equal((html.match(/<p class="video">/g) ?? []).length, 1);
});

test('without JavaScript, each image not inside a link is followed by a link to itself', () => {
  const { html } = renderBody(
    [
      '<figure><img src="https://web.archive.org/web/1im_/https://x.org/a.jpg" alt="甲"><figcaption>圖說</figcaption></figure>',
      '',
      '[![乙](https://x.org/b.jpg)](https://x.org/page)',
    ].join('\n'),
  );
  const out = withNoscriptImageLinks(html, '開啟 <圖片>');
  assert.equal(out.match(/<noscript>/g)?.length, 1, 'an image already inside a link gets none');
  assert.match(
    out,
    /<img src="https:\/\/web\.archive\.org\/web\/1im_\/https:\/\/x\.org\/a\.jpg"[^>]*\/?><noscript><a class="img-open" href="https:\/\/web\.archive\.org\/web\/1im_\/https:\/\/x\.org\/a\.jpg" rel="noopener noreferrer">開啟 &lt;圖片&gt;<\/a><\/noscript>/,
  );
  assert.equal(withNoscriptImageLinks('<p>無圖</p>', 'x'), '<p>無圖</p>');
  // the link's words are the interface's, marked with its language
  assert.match(
    withNoscriptImageLinks(html, 'Open the image', 'en'),
    /<a class="img-open" href="[^"]*" rel="noopener noreferrer" lang="en">Open the image<\/a>/,
  );
});

test('a text that opens with an image asks for it at once and first; its other images stay lazy', () => {
  const figure = (n: number) =>
    `<figure>\n<img src="https://web.archive.org/web/1im_/https://x.org/${n}.jpg" alt="">\n<figcaption>圖${n}</figcaption>\n</figure>`;
  const { html } = renderBody(`${figure(1)}\n\n第一段\n\n${figure(2)}`);
  const out = withLeadImageFirst(html);
  const tags = out.match(/<img [^>]*>/g)!;
  assert.equal(tags.length, 2);
  assert.match(tags[0]!, /fetchpriority="high"/);
  assert.doesNotMatch(tags[0]!, /loading=/);
  assert.match(tags[1]!, /loading="lazy"/);
  assert.doesNotMatch(tags[1]!, /fetchpriority/);
  // a short line before the image still leaves it the lead; a long stretch of text does not
  assert.match(withLeadImageFirst(renderBody(`短導言\n\n${figure(1)}`).html), /fetchpriority="high"/);
  const late = renderBody(`${'文字'.repeat(150)}\n\n${figure(1)}`).html;
  assert.equal(withLeadImageFirst(late), late);
  assert.equal(withLeadImageFirst('<p>無圖</p>'), '<p>無圖</p>');
});

test("headings follow the page's: the text's highest is h2 (h3 in the columnist box), the rest in rank", () => {
  const md = ['#### 第一節', '', '文字', '', '##### 小節', '', '#### 第二節'].join('\n');
  const { html } = renderBody(md);
  assert.deepEqual(
    [...html.matchAll(/<(h\d)>([^<]*)</g)].map((m) => `${m[1]} ${m[2]}`),
    ['h2 第一節', 'h3 小節', 'h2 第二節'],
  );
  assert.match(renderBody(md, { topHeading: 3 }).html, /^<h3>第一節<\/h3>[\s\S]*<h4>小節<\/h4>/);
  // a # heading is already h2; nothing goes below h6; text without headings is left as it is
  assert.match(renderBody('# 甲\n\n###### 乙').html, /<h2>甲<\/h2>\s*<h6>乙<\/h6>/);
  assert.equal(headingsFrom('<h2>甲</h2><h6>乙</h6>', 3), '<h3>甲</h3><h6>乙</h6>');
  assert.equal(headingsFrom('<p>h4</p>', 2), '<p>h4</p>');
});
