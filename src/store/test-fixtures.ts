// Hand-written articles for the store and search tests (no corpus text): Traditional and Simplified
// forms, variants, full-width characters, Latin words, figures with captions, image file names and
// URLs that must not be searchable, footers and a columnist box.

import type { Article } from '../corpus/types.js';

const FOOTER =
  '\n---\n\n請加入成為眾新聞的月費訂戶，長期支持我們的工作。\n\n月費訂戶 [網址：hkcnews.com/aboutus/#subscribe](/web/20210101000000/https://www.hkcnews.com/aboutus/#subscribe)\n';

export function fixtureArticle(
  id: number,
  fields: Partial<Omit<Article, 'id' | 'body'>> & { text: string; footer?: boolean; columnist?: string },
): Article {
  const title = fields.title ?? `測試文章${id}`;
  const originalUrl = `https://www.hkcnews.com/article/${id}/test`;
  const body =
    `\n# ${title}\n\n${fields.text}\n` +
    (fields.footer === false ? '' : FOOTER) +
    (fields.columnist
      ? `\n---\n\n![博客 | 某人](https://web.archive.org/web/20210101000000im_/https://www.hkcnews.com/uploads/avatars/x.png)\n\n**博客 | 某人**\n\n${fields.columnist}\n`
      : '');
  return {
    id,
    title,
    date: fields.date ?? '2020-01-01',
    author: fields.author ?? '測試記者',
    category: 'category' in fields ? fields.category : '眾聞',
    tags: fields.tags ?? [],
    url: `https://web.archive.org/web/20210101000000/${originalUrl}`,
    captureTimestamp: '20210101000000',
    originalUrl,
    body,
    extra: [],
    ...(fields.lastUpdated ? { lastUpdated: fields.lastUpdated } : {}),
  };
}

export const FIXTURES: Article[] = [
  fixtureArticle(101, {
    title: '國安法實施一周年',
    date: '2021-06-30',
    author: '記者甲',
    tags: ['國安法', 'Carrie Lam'],
    text: '《國安法》實施一年，政府表示社會回復穩定。\n\n<figure>\n<img src="https://web.archive.org/web/2021im_/https://www.hkcnews.com/news/2021/06/秘密圖片-20210630.jpg" alt="">\n<figcaption>立法會外的示威者。美聯社</figcaption>\n</figure>\n\n有市民認為，什麼都改變了。',
  }),
  fixtureArticle(102, {
    title: '中國駐美大使崔天凱談中美關係',
    date: '2020-07-22',
    author: '記者乙',
    tags: ['中美關係'],
    text: '崔天凱指中美「現在連對話都沒有」。11月就中美貿易談判再有消息。他説：這麽做沒有意義。',
  }),
  fixtureArticle(103, {
    title: '港鐵加價',
    date: '2019-06-12',
    author: '記者甲',
    category: '眾說',
    tags: ['港鐵'],
    text: '港鐵宣佈加價３％，ＭＴＲ稱成本上升。衞生署另外公布無綫電視的報道。詳見 https://example.com/港鐵秘密 及 [這裡](https://example.com/link)。',
  }),
  fixtureArticle(104, {
    title: 'Islam and lamb: a Latin test',
    date: '2019-12-31',
    author: 'Reporter C',
    category: 'tri-angles',
    tags: ['english'],
    text: 'Carrie Lam met the press. Carrie-Lam is not the same string. COVID-19 cases rose; covid-190 is not a thing.',
    columnist: '某人是前記者，曾任職多間報館。',
  }),
  fixtureArticle(105, {
    title: '無日期文章',
    date: '',
    author: '',
    category: undefined,
    tags: [],
    footer: false,
    text: '這篇文章沒有日期，也沒有作者。表情符號😀不影響搜尋。𠵾字也可以找到。',
  }),
  fixtureArticle(106, {
    title: '裏外著名',
    date: '2020-07-23',
    author: '記者乙',
    tags: ['中美關係', '國安法'],
    text: '這裡的線索和綫索不同寫法；為什麼要這麼做？',
  }),
];
