// The reader on a phone (360×780, touch) while an article's archived images come, fail or hang:
// the images are held by the test until the text has been painted and then answered with portrait
// JPEGs drawn in the browser (the worst case for a 3:2 box), with 404s, or never. What a reader
// sees must not move: the image that comes on the screen keeps its box (one that comes below the
// screen takes its own shape), a dead one's placeholder takes the same box, and the slow note lies
// over it, not under it.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  type ArchiveImage,
  drawPhotos,
  type ImageBehaviour,
  routeArchiveImages,
} from '../support/archive-images.js';
import { launchBrowser, type Served, screenshot, serveSample } from './support.js';

let browser: Browser;
let served: Served;
let portraits: ArchiveImage[];

before(async () => {
  served = await serveSample();
  browser = await launchBrowser();
  portraits = await drawPhotos(browser, [[800, 1200]]);
});

after(async () => {
  await browser?.close();
  await served?.close();
});

/** An article of the sample whose text opens with a captioned figure and has two more images. */
function articleOpeningWithFigures(): number {
  for (const s of served.store.latest(600)) {
    const a = served.store.getArticle(s.id);
    if (!a) continue;
    const body = a.body.replace(/^\s*#[^\n]*\n/, '').trimStart();
    if (/^<figure>\s*<img[^>]*>\s*<figcaption>[^<]{2,}/.test(body) && (body.match(/<img/g) ?? []).length >= 3)
      return a.id;
  }
  throw new Error('no article of the sample opens with a captioned figure and has three images');
}

async function phonePage(behaviour: ImageBehaviour, opts: { dark?: boolean } = {}) {
  const context = await browser.newContext({
    viewport: { width: 360, height: 780 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    colorScheme: opts.dark ? 'dark' : 'light',
    reducedMotion: 'reduce',
  });
  const images = await routeArchiveImages(context, portraits, behaviour);
  const page = await context.newPage();
  return { context, page, ...images };
}

/** Starts counting layout shifts (without recent input) from now on; `shifted()` sums them. */
async function watchShifts(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const w = window as unknown as { shiftsSince: number };
    w.shiftsSince = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as Array<
        PerformanceEntry & { value: number; hadRecentInput: boolean }
      >)
        if (!e.hadRecentInput) w.shiftsSince += e.value;
    }).observe({ type: 'layout-shift' });
  });
  return async () => {
    // two frames, so that a shift of the last change is reported
    await page.evaluate(
      () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))),
    );
    return page.evaluate(() => (window as unknown as { shiftsSince: number }).shiftsSince);
  };
}

/** Scrolls the page so that the top of `selector`'s nth element stands `top` px below the screen's top. */
async function scrollTo(page: Page, selector: string, nth: number, top: number): Promise<void> {
  await page
    .locator(selector)
    .nth(nth)
    .evaluate((el, y) => window.scrollBy(0, el.getBoundingClientRect().top - y), top);
}

async function topOf(page: Page, selector: string, nth = 0): Promise<number> {
  return page
    .locator(selector)
    .nth(nth)
    .evaluate((el) => el.getBoundingClientRect().top);
}

async function waitForRequests(requested: string[], n: number): Promise<void> {
  for (let i = 0; i < 200 && requested.length < n; i++) await new Promise((r) => setTimeout(r, 25));
  assert.ok(requested.length >= n, `the page asked for ${n} image(s) (it asked for ${requested.length})`);
}

test('an image that comes while it is on the screen keeps its box: the text around it does not move', async () => {
  const id = articleOpeningWithFigures();
  const { context, page, requested, release } = await phonePage({ kind: 'held', answer: 'ok' });
  await page.goto(`${served.base}/article/${id}`, { waitUntil: 'domcontentloaded' });
  await scrollTo(page, '.article-body figure img', 0, 100);
  await waitForRequests(requested, 1);
  const img = page.locator('.article-body figure img').first();
  assert.equal(
    await img.getAttribute('fetchpriority'),
    'high',
    'the photo the text opens with is asked for first',
  );
  assert.equal(
    await page.locator('.article-body img[loading="lazy"]').count(),
    (await page.locator('.article-body img').count()) - 1,
  );
  const box = (await img.boundingBox())!;
  assert.ok(Math.abs(box.height - (box.width * 2) / 3) < 2, 'the image holds a 3:2 box while it loads');
  const captionTop = await topOf(page, '.article-body figure figcaption');
  const textTop = await topOf(page, '.article-body > p');
  assert.ok(textTop < 780, 'the text after the figure is on the screen');
  const shifted = await watchShifts(page);
  release();
  await page.waitForFunction(
    () => document.querySelector<HTMLImageElement>('.article-body figure img')?.dataset.loaded,
  );
  assert.equal(
    await img.evaluate((el: HTMLImageElement) => el.naturalHeight),
    1200,
    'the portrait photo came',
  );
  const after = (await img.boundingBox())!;
  assert.ok(
    Math.abs(after.height - box.height) < 1,
    `the box kept its height (${box.height} → ${after.height})`,
  );
  assert.equal(await topOf(page, '.article-body figure figcaption'), captionTop, 'the caption did not move');
  assert.equal(await topOf(page, '.article-body > p'), textTop, 'the text did not move');
  const cls = await shifted();
  assert.ok(cls < 0.1, `layout shift while the images came: ${cls.toFixed(3)}`);
  await screenshot(page, 'phone-image-on-screen');
  await context.close();
});

test('an image that comes below the screen takes its own shape, and nothing on the screen moves', async () => {
  const id = articleOpeningWithFigures();
  const { context, page, requested, release } = await phonePage({ kind: 'held', answer: 'ok' });
  await page.goto(`${served.base}/article/${id}`, { waitUntil: 'domcontentloaded' });
  // the second image 300 px below the screen's bottom: near enough to be asked for, not seen
  await scrollTo(page, '.article-body img', 1, 780 + 300);
  await waitForRequests(requested, 2);
  const textTop = await topOf(page, '.article-body > p');
  const shifted = await watchShifts(page);
  release();
  await page.waitForFunction(() =>
    document.querySelectorAll('.article-body img')[1]?.hasAttribute('data-loaded'),
  );
  const second = page.locator('.article-body img').nth(1);
  assert.equal(await second.getAttribute('data-natural'), '1');
  const box = (await second.boundingBox())!;
  assert.ok(
    Math.abs(box.height - box.width * 1.5) < 2,
    `a portrait photo at its own shape (${box.width}×${box.height})`,
  );
  assert.equal(await topOf(page, '.article-body > p'), textTop, 'the text on the screen did not move');
  const cls = await shifted();
  assert.ok(cls < 0.1, `layout shift while the images came: ${cls.toFixed(3)}`);
  await context.close();
});

for (const dark of [false, true]) {
  test(`a dead image's placeholder takes the box the image held${dark ? ' (dark)' : ''}`, async () => {
    const id = articleOpeningWithFigures();
    const { context, page, requested, release } = await phonePage({ kind: 'held', answer: 'dead' }, { dark });
    await page.goto(`${served.base}/article/${id}`, { waitUntil: 'domcontentloaded' });
    await scrollTo(page, '.article-body figure img', 0, 100);
    await waitForRequests(requested, 1);
    const box = (await page.locator('.article-body figure img').first().boundingBox())!;
    const captionTop = await topOf(page, '.article-body figure figcaption');
    const textTop = await topOf(page, '.article-body > p');
    const shifted = await watchShifts(page);
    release();
    const placeholder = page.locator('.article-body figure .img-placeholder').first();
    await placeholder.waitFor();
    const held = (await placeholder.boundingBox())!;
    assert.ok(
      Math.abs(held.height - box.height) < 1,
      `the placeholder's height ${held.height}, the image's ${box.height}`,
    );
    assert.ok(Math.abs(held.width - box.width) < 1);
    assert.match(
      (await placeholder.locator('a').getAttribute('href')) ?? '',
      /^https:\/\/web\.archive\.org\//,
    );
    assert.equal(
      await topOf(page, '.article-body figure figcaption'),
      captionTop,
      'the caption did not move',
    );
    assert.equal(await topOf(page, '.article-body > p'), textTop, 'the text did not move');
    const cls = await shifted();
    assert.ok(cls < 0.1, `layout shift when the image failed: ${cls.toFixed(3)}`);
    await screenshot(page, `phone-image-dead${dark ? '-dark' : ''}`);
    await context.close();
  });
}

test("a slow image's note lies over its box: the caption does not move", async () => {
  const id = articleOpeningWithFigures();
  const { context, page, requested, release } = await phonePage({ kind: 'held', answer: 'ok' });
  await page.clock.install();
  await page.goto(`${served.base}/article/${id}`, { waitUntil: 'domcontentloaded' });
  await scrollTo(page, '.article-body figure img', 0, 100);
  await waitForRequests(requested, 1);
  const box = (await page.locator('.article-body figure img').first().boundingBox())!;
  const captionTop = await topOf(page, '.article-body figure figcaption');
  // app.js calls an image slow 15 s after it came on the screen
  await page.clock.runFor(16_000);
  const note = page.locator('.article-body figure .img-slow-note').first();
  await note.waitFor();
  const noteBox = (await note.boundingBox())!;
  assert.ok(
    noteBox.y >= box.y && noteBox.y + noteBox.height <= box.y + box.height,
    'the note lies within the box',
  );
  assert.match((await note.locator('a').getAttribute('href')) ?? '', /^https:\/\/web\.archive\.org\//);
  assert.equal(await topOf(page, '.article-body figure figcaption'), captionTop, 'the caption did not move');
  await screenshot(page, 'phone-image-slow');
  release();
  await context.close();
});
