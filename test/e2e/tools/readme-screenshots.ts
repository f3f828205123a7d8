// Makes the README's screenshots (docs/screenshots/article.png, search.png, compare.png) in headless
// Chromium.
// They show fixture articles written for the tests, never corpus text (the articles' copyright
// stays with Citizen News). Run: node --import tsx test/e2e/tools/readme-screenshots.ts

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Article } from '../../../src/corpus/types.js';
import { search } from '../../../src/search/search.js';
import { importArticles } from '../../../src/store/import.js';
import { openStore } from '../../../src/store/store.js';
import { startServer } from '../../../src/web/server.js';
import { ORDINARY_ARTICLES } from '../../../src/web/testing/fixtures.js';
import { REPO_ROOT } from '../../support/corpus.js';
import { guardedPage, launchBrowser } from '../support.js';

const SHOWCASE: Array<[string, string, string, string[]]> = [
  [
    '測試報道：國安法下的新聞自由調查',
    '2021-06-28',
    '國安法實施後，測試機構訪問了一百位記者，了解他們的工作環境。',
    ['國安法', '新聞自由'],
  ],
  [
    '測試評論：國安法一年，我們學會了甚麼',
    '2021-07-02',
    '一年過去，法律與社會的關係起了變化；本文以虛構例子討論國安法。',
    ['國安法', '法治'],
  ],
  [
    '測試專訪：律師談国安法案件的保釋',
    '2021-05-10',
    '受訪律師以簡體寫法「国安法」舉例，說明保釋申請的程序與考慮。',
    ['國安法', '司法'],
  ],
  [
    '測試報道：立法會通過國安法相關修訂',
    '2020-12-01',
    '測試立法會今日三讀通過修訂，涉及國安法的執行細節。',
    ['國安法', '立法會'],
  ],
  [
    '測試圖輯：七一前夕的街頭',
    '2020-06-30',
    '國安法生效前夕，測試攝影記者記錄了街頭的一天。',
    ['國安法', '攝影'],
  ],
];

function showcase(): Article[] {
  return SHOWCASE.map(([title, date, text, tags], i) => {
    const id = 201 + i;
    const originalUrl = `https://www.hkcnews.com/article/${id}/demo/demo`;
    return {
      id,
      title,
      date,
      author: i % 2 ? '測試評論員' : '測試記者',
      category: i % 2 ? '眾說' : '眾聞',
      tags,
      url: `https://web.archive.org/web/20210801000000/${originalUrl}`,
      captureTimestamp: '20210801000000',
      originalUrl,
      body: `# ${title}\n\n${text}\n\n第二段：更多測試內容，用來展示段落排版與行距。`,
      extra: [],
    };
  });
}

/** Two captures of one story (same title and date), the later one corrected and extended. */
function versions(): Article[] {
  const title = '測試報道：區議會會議延期　議員要求公開理由';
  const paragraphs = [
    '測試區議會原定今日召開的大會延期舉行，秘書處只表示「因應情況」，未有交代原因。',
    '十二名議員聯署要求公開延期理由，並指會議已延期三次，影響地區工作。',
    '秘書處回覆時稱，會議將於下月初舉行。',
  ];
  const later = [
    paragraphs[0],
    '十五名議員聯署要求公開延期理由，並指會議已延期四次，影響地區工作。',
    '秘書處晚上回覆時稱，會議將於下月三日舉行，議程不變。',
    '有議員批評秘書處的回覆「姍姍來遲」，要求主席出面解釋。',
  ];
  return [
    [221, '20210801000000', paragraphs],
    [222, '20210803120000', later],
  ].map(([id, captured, text]) => {
    const originalUrl = `https://www.hkcnews.com/article/${id}/demo/demo`;
    return {
      id: id as number,
      title,
      date: '2021-07-30',
      author: '測試記者',
      category: '眾聞',
      tags: ['區議會'],
      url: `https://web.archive.org/web/${captured}/${originalUrl}`,
      captureTimestamp: captured as string,
      originalUrl,
      body: `# ${title}\n\n${(text as string[]).join('\n\n')}`,
      extra: [],
    };
  });
}

const store = openStore(':memory:');
importArticles(store, [...ORDINARY_ARTICLES, ...showcase(), ...versions()]);
const server = await startServer({ store, port: 0, app: { search } });
const base = server.url.replace(/\/$/, '');
const browser = await launchBrowser();
const out = join(REPO_ROOT, 'docs/screenshots');
mkdirSync(out, { recursive: true });
try {
  for (const [name, path, width, height] of [
    ['article', '/article/103', 1000, 1250],
    ['search', `/search?q=${encodeURIComponent('國安法')}`, 1100, 1000],
    ['compare', '/article/221/compare/222', 1000, 1700],
  ] as const) {
    const { context, page } = await guardedPage(browser, base, { width, height });
    await page.goto(base + path);
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(out, `${name}.png`) });
    await context.close();
    console.log(`docs/screenshots/${name}.png`);
  }
} finally {
  await browser.close();
  await server.close();
  store.close();
}
