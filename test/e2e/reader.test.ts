// The reader in real headless Chromium over the sample corpus: home, 當年今日 of a chosen day,
// search in both scripts, a facet filter, an article, a tag, the image fallback (archive.org
// blocked), the language switch, keyboard navigation (the month chart too), the 404 page, and the
// comparison of two versions of one story.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { guardedPage, launchBrowser, type Served, screenshot, serveSample, versionPair } from './support.js';

let browser: Browser;
let served: Served;

before(async () => {
  served = await serveSample();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await served?.close();
});

/** An article of the sample with a captioned figure (found through the store, not hard-coded). */
function articleWithFigure(): number {
  for (const s of served.store.latest(400)) {
    const a = served.store.getArticle(s.id);
    if (a && /<figure>[\s\S]*?<figcaption>[^<]{2,}<\/figcaption>/.test(a.body) && a.tags.length) return a.id;
  }
  throw new Error('no article with a captioned figure in the sample');
}

test('home page shows latest articles, categories, timeline and 當年今日', async () => {
  const { context, page } = await guardedPage(browser, served.base);
  const res = await page.goto(`${served.base}/`);
  assert.equal(res?.status(), 200);
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-Hant-HK');
  assert.ok((await page.locator('.article-list li').count()) > 5);
  assert.ok((await page.locator('.chips a[href^="/category/"]').count()) >= 3);
  assert.ok((await page.locator('.timeline svg rect.bar').count()) > 20);
  assert.equal(await page.locator('#otd-title').count(), 1);
  await context.close();
});

test('當年今日: from the home page to the page of its day, then another day chosen without JavaScript', async () => {
  const { context, page } = await guardedPage(browser, served.base, { javaScript: false });
  await page.goto(`${served.base}/`);
  await page.locator('.otd-more a').first().click();
  await page.waitForURL(/\/on-this-day\/\d\d-\d\d$/);
  assert.match((await page.locator('h1').textContent()) ?? '', /^當年今日（\d+ 月 \d+ 日）$/);
  // the picker by keyboard: month and day chosen, the form sent with Enter
  await page.locator('#otd-month').selectOption('06');
  await page.locator('#otd-day').selectOption('04');
  await page.locator('.otd-picker button').focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(`${served.base}/on-this-day/06-04`);
  assert.equal((await page.locator('h1').textContent()) ?? '', '當年今日（6 月 4 日）');
  assert.equal(await page.locator('#otd-month').inputValue(), '06');
  assert.equal(await page.locator('#otd-day').inputValue(), '04');
  // every year listed is a 4 June, newest first, with articles of that day
  const days = await page
    .locator('.otd-year h2 a')
    .evaluateAll((els) => els.map((e) => e.getAttribute('href') ?? ''));
  assert.ok(days.length > 0, 'the sample has articles of 4 June');
  for (const href of days) assert.match(href, /^\/date\/\d{4}\/06\/04$/);
  assert.deepEqual(days, [...days].sort().reverse());
  const dates = await page.locator('.otd-year .meta time').allTextContents();
  assert.ok(dates.length >= days.length);
  for (const d of dates) assert.match(d, /^\d{4}-06-04$/);
  await screenshot(page, 'flow-on-this-day');
  // the day's export holds as many articles as the page says the day has in all years
  const total = Number(/共有 (\d+) 篇/.exec((await page.locator('h1 + p').textContent()) ?? '')![1]);
  const csvLink = page.locator('.export a', { hasText: 'CSV' });
  assert.equal(await csvLink.getAttribute('href'), '/on-this-day/06-04.csv');
  const csv = await page.request.get(`${served.base}/on-this-day/06-04.csv`);
  assert.equal(csv.headers()['x-total-count'], String(total));
  assert.equal(
    (await csv.text()).trim().split('\r\n').length,
    total + 1,
    'a header line and one line an article',
  );
  // a year's count is its day listing's
  const count = Number(
    /（(\d+) 篇）/.exec((await page.locator('.otd-year h2').first().textContent()) ?? '')![1],
  );
  await page.locator('.otd-year h2 a').first().click();
  await page.waitForURL(/\/date\/\d{4}\/06\/04$/);
  assert.match((await page.locator('.toolbar p').first().textContent()) ?? '', new RegExp(`共 ${count} 篇`));
  // and the next day leads on round the year
  await page.goto(`${served.base}/on-this-day/12-31`);
  await page.locator('.date-nav a[rel="next"]').click();
  await page.waitForURL(`${served.base}/on-this-day/01-01`);
  await context.close();
});

test('keyboard: the month chart is one tab stop, the link to the list of its months', async () => {
  const { context, page } = await guardedPage(browser, served.base);
  await page.goto(`${served.base}/`);
  const tabbable = await page
    .locator('.timeline')
    .evaluate((figure) => [...figure.querySelectorAll('a')].filter((a) => a.tabIndex >= 0).length);
  assert.equal(tabbable, 1);
  assert.ok((await page.locator('.timeline svg a[tabindex="-1"]').count()) > 20, 'the bars are still links');
  // from the link before the chart, one Tab reaches the chart's link and the next leaves the chart
  await page.locator('.grid > section > .more a').focus();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'timeline-list');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => !!document.activeElement?.closest('.timeline')), false);
  // a pointer still opens a month from its bar
  await page.locator('.timeline svg a').last().click();
  await page.waitForURL(/\/date\/\d{4}\/\d\d$/);
  await context.close();
});

async function searchFor(q: string) {
  const { context, page } = await guardedPage(browser, served.base);
  await page.goto(`${served.base}/`);
  await page.fill('#header-q', q);
  await page.press('#header-q', 'Enter');
  await page.waitForURL(/\/search\?q=/);
  const total = (await page.locator('.toolbar p').first().textContent()) ?? '';
  const ids = await page
    .locator('.article-list .title')
    .evaluateAll((els) => els.map((e) => e.getAttribute('href')));
  return { context, page, total, ids };
}

test('searching 國安法 and 国安法 finds the same articles, highlighted', async () => {
  const hant = await searchFor('國安法');
  const hans = await searchFor('国安法');
  assert.ok(hant.ids.length > 0, 'some hits');
  assert.deepEqual(hans.ids, hant.ids);
  assert.equal(hans.total.replace(/（.*$/, ''), hant.total.replace(/（.*$/, ''));
  assert.ok((await hant.page.locator('.snippet mark').count()) > 0, 'snippets carry highlights');
  await screenshot(hant.page, 'flow-search');
  await hant.context.close();
  await hans.context.close();
});

test('a search downloads as a CSV spreadsheet of every article it found', async () => {
  const { context, page } = await guardedPage(browser, served.base);
  await page.goto(`${served.base}/search?q=${encodeURIComponent('香港')}&sort=oldest`);
  const link = page.locator('p.export a[href^="/search.csv"]');
  const said = (await page.locator('p.export').textContent()) ?? '';
  const total = Number(/[\d,]+/.exec(said)![0]!.replaceAll(',', ''));
  assert.ok(total > 20, 'more articles than one page holds');
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  assert.match(download.suggestedFilename(), /^backfile-search-香港\.csv$/);
  const text = readFileSync((await download.path())!, 'utf8');
  const lines = text
    .replace(/^\ufeff/, '')
    .trimEnd()
    .split('\r\n');
  assert.equal(
    lines[0],
    'id,date,last_updated,title,author,category,tags,article_url,original_url,wayback_url,capture_timestamp,story_id,captured_at',
  );
  assert.equal(lines.length - 1, total, 'one line per article the page counts');
  const dates = lines.slice(1).map((l) => l.split(',')[1]!);
  const dated = dates.filter(Boolean);
  assert.deepEqual(dated, [...dated].sort(), 'in the order asked: oldest first');
  assert.deepEqual(dates.slice(dated.length), Array(dates.length - dated.length).fill(''), 'undated last');
  // the same articles for a reference manager
  const [ris] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('p.export a[href^="/search.ris"]').click(),
  ]);
  assert.match(ris.suggestedFilename(), /^backfile-search-香港\.ris$/);
  const records = readFileSync((await ris.path())!, 'utf8').match(/^TY {2}- NEWS\r$/gm) ?? [];
  assert.equal(records.length, total);
  await context.close();
});

test('a facet filters the results and can be removed', async () => {
  const { context, page } = await searchFor('國安法');
  const before = Number(
    ((await page.locator('.toolbar p').first().textContent()) ?? '').match(/[\d,]+/)![0].replace(/,/g, ''),
  );
  const facet = page.locator('.facets a[href*="category="]').first();
  await facet.click();
  await page.waitForURL(/category=/);
  const afterText = (await page.locator('.toolbar p').first().textContent()) ?? '';
  const afterTotal = Number(afterText.match(/[\d,]+/)![0].replace(/,/g, ''));
  assert.ok(afterTotal > 0 && afterTotal <= before, `${afterTotal} of ${before}`);
  assert.equal(await page.locator('.active-filters a').count(), 1);
  await page.locator('.active-filters a').click();
  await page.waitForURL((u) => !u.search.includes('category='));
  await context.close();
});

test('on a phone the filters, which follow the results, are one tap away; on a wide screen they sit beside them', async () => {
  const path = `/search?q=${encodeURIComponent('國安法')}`;
  const phone = await guardedPage(browser, served.base, { width: 360, height: 740 });
  await phone.page.goto(served.base + path);
  const jump = phone.page.locator('.jump-to-facets');
  assert.ok(await jump.isVisible());
  const facets = phone.page.locator('#facets-title');
  assert.equal(await facets.isVisible(), true);
  assert.ok(!(await facets.evaluate((e) => e.getBoundingClientRect().top < innerHeight)), 'below the fold');
  await jump.click();
  await phone.page.waitForFunction(() => location.hash === '#facets-title');
  const top = await facets.evaluate((e) => e.getBoundingClientRect().top);
  assert.ok(top > -1 && top < 100, `the filters are at the top of the screen (${top})`);
  await screenshot(phone.page, 'search-360-facets');
  await phone.context.close();
  const wide = await guardedPage(browser, served.base);
  await wide.page.goto(served.base + path);
  assert.equal(await wide.page.locator('.jump-to-facets').isVisible(), false);
  await wide.context.close();
});

test('open an article from the results, then follow one of its tags', async () => {
  const { context, page } = await searchFor('國安法');
  await page.locator('.article-list .title').first().click();
  await page.waitForURL(/\/article\/\d+$/);
  assert.ok(((await page.locator('article h1').textContent()) ?? '').length > 0);
  assert.equal(await page.locator('.provenance a[href^="https://web.archive.org/"]').count(), 1);
  assert.match((await page.locator('.citation pre').first().textContent()) ?? '', /眾新聞 Citizen News/);
  const tag = page.locator('.article-tags a').first();
  const tagName = (await tag.textContent()) ?? '';
  await tag.click();
  await page.waitForURL(/\/tag\//);
  assert.match(
    (await page.locator('h1').textContent()) ?? '',
    new RegExp(tagName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
  );
  assert.ok((await page.locator('.article-list li').count()) > 0);
  await context.close();
});

test('an old hkcnews link pasted into the search box opens the article', async () => {
  const target = served.store.latest(1)[0]!;
  const { context, page } = await guardedPage(browser, served.base);
  await page.goto(`${served.base}/`);
  await page.fill(
    '#header-q',
    `https://web.archive.org/web/20211203014537/https://www.hkcnews.com/article/${target.id}/slug`,
  );
  await page.press('#header-q', 'Enter');
  await page.waitForURL(new RegExp(`/article/${target.id}$`));
  assert.equal(await page.locator('h1').textContent(), target.title);
  await context.close();
});

test('original hkcnews article paths redirect to the article', async () => {
  const id = articleWithFigure();
  const { context, page } = await guardedPage(browser, served.base);
  await page.goto(`${served.base}/article/${id}/some-tag-${id}/%E6%A8%99%E9%A1%8C`);
  assert.equal(new URL(page.url()).pathname, `/article/${id}`);
  await context.close();
});

test('dead archive.org images become a tidy placeholder with caption and link', async () => {
  const id = articleWithFigure();
  const { context, page, blocked } = await guardedPage(browser, served.base);
  await page.goto(`${served.base}/article/${id}`);
  await page.locator('figure .img-placeholder').first().waitFor({ timeout: 10_000 });
  assert.ok(
    blocked.some((u) => u.includes('web.archive.org')),
    'the image requests were blocked',
  );
  const placeholder = page.locator('figure .img-placeholder').first();
  const box = await placeholder.boundingBox();
  assert.ok(box && box.height > 100 && box.width > 200, 'the placeholder keeps its box');
  assert.match((await placeholder.locator('a').getAttribute('href')) ?? '', /^https:\/\/web\.archive\.org\//);
  assert.ok(
    ((await page.locator('figure figcaption').first().textContent()) ?? '').length > 0,
    'the caption stays',
  );
  assert.equal(await page.locator('a.img-open').count(), 0, 'with JavaScript, no <noscript> link shows');
  await screenshot(page, 'flow-image-fallback');
  await context.close();
});

test("in English, the words the page adds to a Chinese article are marked English, the image's own Chinese", async () => {
  const id = articleWithFigure();
  const { context, page } = await guardedPage(browser, served.base);
  await page.goto(`${served.base}/article/${id}?lang=en`);
  const placeholder = page.locator('figure .img-placeholder').first();
  await placeholder.waitFor({ timeout: 10_000 });
  assert.equal(await page.locator('article').getAttribute('lang'), 'zh-Hant-HK');
  assert.equal(await placeholder.getAttribute('lang'), 'en');
  assert.equal(await placeholder.locator('a').textContent(), 'Open the image in the Wayback Machine');
  const alt = placeholder.locator('.ph-alt');
  if (await alt.count()) assert.equal(await alt.getAttribute('lang'), 'zh-Hant-HK');
  await context.close();
});

test('the citation copy buttons say what they copy, sit outside the headings, and say that they did', async () => {
  const id = articleWithFigure();
  const { context, page } = await guardedPage(browser, served.base);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: served.base });
  await page.goto(`${served.base}/article/${id}?lang=en`);
  // the headings read as what they are, not "APA style Copy"
  await page.getByRole('heading', { name: 'APA style', exact: true }).waitFor();
  await page.getByRole('heading', { name: 'BibTeX', exact: true }).waitFor();
  const apa = page.getByRole('button', { name: 'Copy APA style', exact: true });
  await page.getByRole('button', { name: 'Copy BibTeX', exact: true }).waitFor();
  await apa.focus();
  await page.keyboard.press('Enter');
  await page.locator('.citation [role="status"]', { hasText: 'Copied' }).waitFor();
  assert.equal(await page.locator('.citation [role="status"]').filter({ hasText: 'Copied' }).count(), 1);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, await page.locator('pre[data-copy="apa"]').textContent());
  assert.match(copied, /Citizen News/);
  await screenshot(page, 'flow-citation-copied');
  await context.close();
});

test('printed, an article is black on white even in dark mode, with its provenance and citation', async () => {
  const id = articleWithFigure();
  const { context, page } = await guardedPage(browser, served.base, { dark: true });
  await page.goto(`${served.base}/article/${id}`);
  const colours = () =>
    page.evaluate(() => {
      const body = getComputedStyle(document.body);
      return { bg: body.backgroundColor, fg: body.color };
    });
  // on screen, dark mode
  assert.notEqual((await colours()).bg, 'rgb(255, 255, 255)');
  assert.equal(await page.locator('.print-masthead').isVisible(), false);
  await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
  // on paper the page names the archive and the outlet at its top
  assert.match(
    (await page.locator('.print-masthead').textContent()) ?? '',
    /眾新聞檔案：眾新聞（Citizen News/,
  );
  assert.ok(await page.locator('.print-masthead').isVisible());
  assert.deepEqual(await colours(), { bg: 'rgb(255, 255, 255)', fg: 'rgb(0, 0, 0)' });
  for (const hidden of ['.site-header', '.site-footer', '.prev-next', '.related', '.copy-button']) {
    const n = await page.locator(hidden).count();
    for (let i = 0; i < n; i++) assert.equal(await page.locator(hidden).nth(i).isVisible(), false, hidden);
  }
  for (const shown of ['h1', '.article-body', '.provenance', '.citation'])
    assert.ok(await page.locator(shown).first().isVisible(), shown);
  await screenshot(page, 'flow-article-print');
  await context.close();
});

test('without JavaScript the page still reads, a dead image keeps its box, says so and links to itself', async () => {
  const id = articleWithFigure();
  const { context, page } = await guardedPage(browser, served.base, { javaScript: false });
  await page.goto(`${served.base}/article/${id}`);
  const img = page.locator('figure img').first();
  const box = await img.boundingBox();
  assert.ok(box && box.height > 100, 'the dead image keeps its aspect box');
  assert.ok(Math.abs(box.height - (box.width * 2) / 3) < 3);
  assert.ok((await page.locator('.article-body p').count()) > 0);
  // no script can turn a dead image into its placeholder: the link it would give is there already
  const link = page.locator('figure a.img-open').first();
  assert.ok(await link.isVisible());
  assert.equal(await link.getAttribute('href'), await img.getAttribute('src'));
  // and the dead image's box says so, in the placeholder's stripes (drawn by the browser for an
  // image that failed; the screenshot shows it), in the interface's language
  const drawn = () =>
    img.evaluate((el) => {
      const before = getComputedStyle(el, '::before');
      return { content: before.content, position: before.position, image: before.backgroundImage };
    });
  const zh = await drawn();
  assert.equal(zh.content, '"圖片未能載入"');
  assert.equal(zh.position, 'absolute');
  assert.match(zh.image, /repeating-linear-gradient/);
  assert.ok(
    ((await page.locator('figure figcaption').first().textContent()) ?? '').length > 0,
    'the caption stays',
  );
  await img.scrollIntoViewIfNeeded();
  await screenshot(page, 'flow-image-no-javascript');
  await page.goto(`${served.base}/article/${id}?lang=en`);
  assert.equal((await drawn()).content, '"The image could not be loaded"');
  await context.close();
});

test('the English switch changes the interface and sticks', async () => {
  const { context, page } = await guardedPage(browser, served.base);
  await page.goto(`${served.base}/`);
  await page.locator('.lang-switch').click();
  await page.waitForURL(/lang=en/);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.goto(`${served.base}/tags`);
  assert.equal(await page.getAttribute('html', 'lang'), 'en', 'the cookie keeps the choice');
  assert.match((await page.locator('h1').textContent()) ?? '', /All tags/);
  await context.close();
});

test('keyboard: the first Tab shows the skip link, which moves focus to the content', async () => {
  const { context, page } = await guardedPage(browser, served.base);
  await page.goto(`${served.base}/`);
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement?.className);
  assert.equal(focused, 'skip-link');
  const box = await page.locator('.skip-link').boundingBox();
  assert.ok(box && box.y >= 0, 'the skip link is visible when focused');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  assert.equal(outline, 'solid', 'focus is visible');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
  await context.close();
});

test('a placeholder record says it is not the article and links to the other captures', async () => {
  const id = served.store.db
    .prepare("SELECT id FROM articles WHERE date = '' AND title LIKE '眾新聞告別%' ORDER BY id LIMIT 1")
    .pluck()
    .get() as number;
  const { context, page } = await guardedPage(browser, served.base);
  await page.goto(`${served.base}/article/${id}`);
  const notice = page.locator('.notice.placeholder');
  assert.ok(await notice.isVisible());
  assert.match((await notice.textContent()) ?? '', /不是原文/);
  const link = notice.locator('a');
  assert.equal(await link.getAttribute('href'), `https://web.archive.org/web/*/hkcnews.com/article/${id}/*`);
  assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
  await screenshot(page, 'article-placeholder');
  // a search that finds its copies leaves them out of the results, and says so
  await page.goto(`${served.base}/search?q=${encodeURIComponent('感謝讀者')}`);
  assert.match(
    (await page.locator('.placeholders-note').textContent()) ?? '',
    /另有 [\d,]+ 個佔位頁亦符合，未有列出/,
  );
  assert.equal(await page.locator(`.article-list a[href="/article/${id}"]`).count(), 0);
  await context.close();
});

test('unknown article: a 404 page that helps the reader on', async () => {
  const { context, page } = await guardedPage(browser, served.base);
  const res = await page.goto(`${served.base}/article/1`);
  assert.equal(res?.status(), 404);
  assert.ok((await page.locator('.error-page a[href="/"]').count()) === 1);
  assert.equal(await page.locator('.error-page input[name="q"]').count(), 1);
  await context.close();
});

test("on a phone, a change's − or + mark stays on the line of the text it marks, and no field's name is cut inside a word", async () => {
  const [earlier, later] = versionPair(served.store);
  const { context, page } = await guardedPage(browser, served.base, { width: 360, javaScript: false });
  await page.goto(`${served.base}/article/${earlier}/compare/${later}?lang=en`);
  let changes = 0;
  // at several widths, as many lines end at another place
  for (let width = 320; width <= 420; width += 4) {
    await page.setViewportSize({ width, height: 900 });
    const found = await page.evaluate(() => {
      const alone: string[] = [];
      let n = 0;
      for (const change of document.querySelectorAll('.diff ins, .diff del')) {
        const text = change.querySelector('.changed')?.firstChild;
        if (text?.nodeType !== Node.TEXT_NODE || !text.textContent?.trim()) continue;
        n++;
        // the change's first box begins with its mark; the text's first character is on its line
        const mark = change.getClientRects()[0]!;
        const range = document.createRange();
        range.setStart(text, 0);
        range.setEnd(text, 1);
        const first = range.getClientRects()[0]!;
        if (first.top > mark.bottom - 2) alone.push(text.textContent.slice(0, 10));
      }
      // a field's name breaks between its words, not inside one ("(character" / "s)")
      const cut: string[] = [];
      for (const th of document.querySelectorAll('.compare-meta tbody th')) {
        const name = th.firstChild!;
        for (const m of name.textContent!.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(name, m.index);
          range.setEnd(name, m.index + m[0].length);
          if (new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1) cut.push(m[0]);
        }
      }
      return { alone, cut, n };
    });
    assert.deepEqual(
      found.alone,
      [],
      `at ${width} px, marks alone at the end of a line before ${found.alone}`,
    );
    assert.deepEqual(found.cut, [], `at ${width} px`);
    changes = found.n;
  }
  assert.ok(changes > 0);
  await context.close();
});

test('from an article with versions to the comparison of two of them, which works without JavaScript', async () => {
  const [earlier, later] = versionPair(served.store);
  for (const javaScript of [true, false]) {
    const { context, page } = await guardedPage(browser, served.base, { javaScript });
    await page.goto(`${served.base}/article/${later}`);
    const link = page.locator(`#versions a.compare-link[href="/article/${earlier}/compare/${later}"]`);
    assert.equal(await link.textContent(), `與第 ${earlier} 號比較`);
    await link.click();
    await page.waitForURL(new RegExp(`/article/${earlier}/compare/${later}$`));
    assert.equal(await page.locator('h1').textContent(), `比較第 ${earlier} 號與第 ${later} 號版本`);
    // both versions side by side, the fields that differ said in words
    assert.deepEqual(await page.locator('.compare-meta thead th').allTextContents(), [
      '項目',
      `第 ${earlier} 號`,
      `第 ${later} 號`,
    ]);
    assert.ok((await page.locator('.compare-meta tr.differs').count()) > 0);
    assert.match((await page.locator('.compare-meta tr.differs th').first().textContent()) ?? '', /≠ 不同/);
    // the changes, counted and marked
    assert.match(
      (await page.locator('.diff-counts').last().textContent()) ?? '',
      /^新增 [\d,]+ 字，刪去 [\d,]+ 字，[\d,]+ 字不變。$/,
    );
    assert.ok((await page.locator('.diff ins').count()) > 0);
    assert.ok((await page.locator('.diff del').count()) > 0);
    // printed (with JavaScript), the text is whole: every folded stretch opens for the print, and
    // folds again after
    if (javaScript) {
      const stretches = page.locator('.diff details.unchanged');
      const openCount = () =>
        stretches.evaluateAll((ds) => ds.filter((d) => (d as HTMLDetailsElement).open).length);
      const total = await stretches.count();
      assert.ok(total > 0);
      assert.equal(await openCount(), 0);
      await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
      assert.equal(await openCount(), total);
      await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
      assert.equal(await openCount(), 0);
    }
    // a stretch left unchanged is folded, and opens on a click (a <details>: no script needed)
    const folded = page.locator('.diff details.unchanged').first();
    const hidden = folded.locator('.unchanged-text');
    assert.equal(await hidden.isVisible(), false);
    await folded.locator('summary').click();
    assert.equal(await hidden.isVisible(), true);
    // each version cited on its own; with JavaScript, each block's copy button says whose it copies
    assert.deepEqual(await page.locator('.compare .citation h3').allTextContents(), [
      `第 ${earlier} 號：APA 格式`,
      `第 ${earlier} 號：BibTeX`,
      `第 ${later} 號：APA 格式`,
      `第 ${later} 號：BibTeX`,
    ]);
    if (javaScript) {
      const names = await page.locator('.compare .citation .copy-button').allTextContents();
      assert.deepEqual(names, [
        `複製 第 ${earlier} 號：APA 格式`,
        `複製 第 ${earlier} 號：BibTeX`,
        `複製 第 ${later} 號：APA 格式`,
        `複製 第 ${later} 號：BibTeX`,
      ]);
    }
    if (javaScript) await screenshot(page, 'flow-compare');
    // and back the other way round
    await page.locator('.compare-links a', { hasText: '反方向比較' }).click();
    await page.waitForURL(new RegExp(`/article/${later}/compare/${earlier}$`));
    await context.close();
  }
});
