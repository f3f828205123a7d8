// Proof in Chromium that hostile records run no script: the fixture records carry script tags,
// event handlers, javascript:/data: URLs, SVG and MathML tricks, broken tags, iframes, meta
// refresh and CSS tricks. Each page is loaded with the CSP on and, to show the sanitizer alone
// suffices, with the CSP bypassed; hovering, focusing and waiting trigger nothing.

import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { importArticles } from '../../src/store/import.js';
import { openStore } from '../../src/store/store.js';
import { hkMonthDay } from '../../src/web/month-day.js';
import { FIXTURE_ARTICLES, HOSTILE_ARTICLES } from '../../src/web/testing/fixtures.js';
import { guardedPage, launchBrowser, type Served, screenshot, serveStore } from './support.js';

let browser: Browser;
let served: Served;
const hostile = HOSTILE_ARTICLES[0]!;
/**
 * A second version of the hostile record (same title and date), whose text changes inside and
 * around the tricks: the comparison page wraps hostile text, entities and characters outside the
 * BMP (😀 → 😁 share their first UTF-16 unit) in <ins> and <del>.
 */
const hostileVersion = {
  ...hostile,
  id: 667,
  body: `${hostile.body.replace('unclosed tags', 'unclosed tags 😁 &lt;/del&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;')}\n\n&lt;img src=x onerror=window.__pwned=1&gt; 😀\n`,
};

/** The hostile record again, dated this month-day (Hong Kong) of 2020: in today's 當年今日 feed. */
const hostileToday = { ...hostile, id: 668, date: `2020-${hkMonthDay(new Date())}` };

before(async () => {
  const store = openStore(':memory:');
  importArticles(store, [...FIXTURE_ARTICLES, hostileVersion, hostileToday]);
  served = await serveStore(store);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await served?.close();
});

const PAGES = [
  `/article/${hostile.id}`,
  `/article/${hostile.id}/compare/${hostileVersion.id}`,
  `/article/${hostileVersion.id}/compare/${hostile.id}`,
  '/',
  `/tag/${encodeURIComponent(hostile.tags![0]!)}`,
  `/tag/${encodeURIComponent(hostile.tags![2]!)}`,
  `/author/${encodeURIComponent(hostile.author)}`,
  `/search?q=${encodeURIComponent('惡意')}`,
  `/search?q=${encodeURIComponent('<script>alert(1)</script>')}&tag=${encodeURIComponent('"><svg onload=alert(1)>')}`,
];

for (const bypassCSP of [false, true]) {
  for (const path of PAGES) {
    test(`no script runs on ${path} (${bypassCSP ? 'CSP bypassed' : 'CSP on'})`, async () => {
      const { context, page, blocked } = await guardedPage(browser, served.base, { bypassCSP });
      await context.addInitScript(() => {
        // Records what a successful attack would leave behind (init scripts run before the page).
        // biome-ignore lint/suspicious/noExplicitAny: test probe
        const w = window as any;
        w.__violations = [];
        document.addEventListener('securitypolicyviolation', (e) =>
          w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`),
        );
      });
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      const res = await page.goto(served.base + path);
      assert.ok(res && res.status() < 500, `${path} answered ${res?.status()}`);
      const start = page.url();
      // Hover and focus everything in the page, the way a reader's pointer and keyboard would.
      const count = await page.locator('main *').count();
      for (let i = 0; i < Math.min(count, 200); i++) {
        const el = page.locator('main *').nth(i);
        await el.dispatchEvent('mouseover').catch(() => {});
        await el.dispatchEvent('focus').catch(() => {});
      }
      for (let i = 0; i < 15; i++) await page.keyboard.press('Tab');
      await page.waitForTimeout(1200); // long enough for a meta refresh or a timer
      // biome-ignore lint/suspicious/noExplicitAny: test probe
      const pwned = await page.evaluate(() => (window as any).__pwned);
      assert.equal(pwned, undefined, `script ran: ${String(pwned)}`);
      assert.deepEqual(dialogs, []);
      assert.equal(page.url(), start, 'no navigation (meta refresh, base href)');
      assert.equal(
        blocked.filter((u) => u.includes('evil.example')).length,
        0,
        'nothing fetched from evil.example',
      );
      const dangerous = await page.evaluate(() => {
        const found: string[] = [];
        for (const el of Array.from(document.querySelectorAll('*'))) {
          for (const attr of Array.from(el.attributes)) {
            if (/^on/i.test(attr.name)) found.push(`${el.tagName} ${attr.name}`);
            if (
              /^(href|src|action|formaction|data|xlink:href)$/i.test(attr.name) &&
              /^\s*(javascript|data|vbscript):/i.test(attr.value)
            ) {
              found.push(`${el.tagName} ${attr.name}=${attr.value.slice(0, 30)}`);
            }
          }
        }
        const scripts = Array.from(document.scripts).map((s) => s.getAttribute('src') ?? 'inline');
        const frames = document.querySelectorAll(
          'iframe, object, embed, frame, meta[http-equiv], base',
        ).length;
        return {
          found,
          scripts,
          frames,
          styles: document.querySelectorAll('main style, main [style]').length,
        };
      });
      assert.deepEqual(dangerous.found, []);
      assert.equal(dangerous.scripts.length, 1);
      assert.match(dangerous.scripts[0]!, /^\/static\/app\.[0-9a-f]+\.js$/);
      assert.equal(dangerous.frames, 0);
      assert.equal(dangerous.styles, 0);
      // biome-ignore lint/suspicious/noExplicitAny: test probe
      const violations = await page.evaluate(() => (window as any).__violations as string[]);
      assert.deepEqual(violations, [], 'the CSP had nothing to block: the sanitizer did the work');
      if (path === `/article/${hostile.id}` && !bypassCSP) await screenshot(page, 'hostile-article');
      await context.close();
    });
  }
}

test('the comparison of the hostile versions shows their changes as text, characters whole', async () => {
  const { context, page } = await guardedPage(browser, served.base, { bypassCSP: true });
  const res = await page.goto(`${served.base}/article/${hostile.id}/compare/${hostileVersion.id}`);
  assert.equal(res?.status(), 200);
  const inserted = await page.locator('.diff ins').allTextContents();
  const all = inserted.join('');
  // (the visible text drops the emphasis marks __, as the article's does)
  assert.match(all, /<\/del><script>window\.pwned=1<\/script>/, 'the entities read as text');
  assert.match(all, /<img src=x onerror=window\.pwned=1>/);
  // no change cuts a character outside the BMP in two (a lone surrogate would show as U+FFFD)
  assert.ok(all.includes('😁') && all.includes('😀'));
  const text = (await page.locator('.diff').textContent()) ?? '';
  assert.doesNotMatch(text, /\ufffd/);
  assert.equal(await page.locator('.diff script, .diff img').count(), 0);
  await context.close();
});

test('control: the probe does see a script that runs', async () => {
  const { context, page } = await guardedPage(browser, served.base, { bypassCSP: true });
  await page.goto(`${served.base}/robots.txt`);
  await page.setContent('<img src="x" onerror="window.__pwned = \'control\'">');
  await page.waitForTimeout(300);
  // biome-ignore lint/suspicious/noExplicitAny: test probe
  assert.equal(await page.evaluate(() => (window as any).__pwned), 'control');
  await context.close();
});

test("the 當年今日 feed holding the hostile record is well-formed XML, its digest's title text", async () => {
  const { context, page } = await guardedPage(browser, served.base, { bypassCSP: false });
  await page.goto(`${served.base}/robots.txt`);
  const found = await page.evaluate(async () => {
    const xml = await (await fetch('/on-this-day.atom')).text();
    // Chromium's XML parser is strict: a feed that is not well-formed gives a <parsererror>
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    const entries = [...doc.getElementsByTagNameNS('http://www.w3.org/2005/Atom', 'entry')];
    const digest = entries[0]?.getElementsByTagNameNS('http://www.w3.org/2005/Atom', 'content')[0];
    // what a feed reader renders: the digest's HTML
    const html = new DOMParser().parseFromString(digest?.textContent ?? '', 'text/html');
    return {
      parseErrors: doc.getElementsByTagName('parsererror').length,
      entries: entries.length,
      links: [...html.querySelectorAll('a')].map((a) => a.textContent),
      elements: [...html.body.querySelectorAll('*')].map((e) => e.localName),
    };
  });
  assert.equal(found.parseErrors, 0);
  assert.ok(found.entries >= 1);
  assert.ok(
    found.links.includes(hostile.title),
    `the title is a link's text, as written: ${JSON.stringify(found.links)}`,
  );
  assert.deepEqual([...new Set(found.elements)].sort(), ['a', 'h3', 'li', 'small', 'ul']);
  await context.close();
});

/** Sends raw bytes to the server and returns the status line's code. */
async function rawStatus(request: string): Promise<number> {
  const { hostname, port } = new URL(served.base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(request));
    let data = '';
    socket.on('data', (d) => {
      data += d.toString('latin1');
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(Number(/^HTTP\/1\.[01] (\d{3})/.exec(data)?.[1] ?? 0)));
  });
}

test('hostile raw requests and headers get a 4xx answer, never a 500', async () => {
  const cases: Array<[string, string]> = [
    ['bad Host', 'GET / HTTP/1.1\r\nHost: <script>alert(1)</script>\r\nConnection: close\r\n\r\n'],
    ['Host with spaces', 'GET / HTTP/1.1\r\nHost: a b c\r\nConnection: close\r\n\r\n'],
    [
      'absolute-form target',
      'GET http://evil.example/article/101 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    ],
    ['double-slash path', 'GET //evil.example/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'],
    ['dot segments', 'GET /static/../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'],
    [
      'raw UTF-8 and controls in path',
      'GET /tag/\u00e4\u0001 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    ],
    ['huge header', `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\nConnection: close\r\n\r\n`],
    [
      'huge URL',
      `GET /search?q=${'%E6%B8%AF'.repeat(3000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
    ],
    [
      'POST with a body',
      'POST /search HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nq=1',
    ],
    ['unknown method', 'BREW / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'],
    ['garbage', 'this is not http\r\n\r\n'],
  ];
  for (const [name, request] of cases) {
    const status = await rawStatus(request);
    assert.ok(status === 0 || (status >= 200 && status < 500), `${name}: ${status}`);
  }
  // The server still answers afterwards.
  assert.equal((await fetch(`${served.base}/article/101`)).status, 200);
});
