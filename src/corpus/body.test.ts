// splitBody on bodies laid out like the corpus's (fixtures written here).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseColumnist, splitBody } from './body.js';

const MAIN =
  '# 標題\n\n第一段。\n\n<figure>\n<img src="https://example.org/a.jpg" alt="">\n</figure>\n\n---\n\n文中的分隔線之後。\n\n\n';
const FOOTER =
  '---\n\n\n請加入成為眾新聞的月費訂戶，長期支持我們的工作。\n\n月費訂戶 [網址：hkcnews.com/aboutus/#subscribe](/web/20210712045316/https://www.hkcnews.com/aboutus/#subscribe)\n';
const COLUMNIST =
  '---\n\n![博客 | 某人](https://web.archive.org/web/2021im_/https://www.hkcnews.com/uploads/avatars/abc.png?1)\n\n**博客 | 某人**\n\n作者簡介一句。\n';

function check(body: string, expected: { main: string; footer: string; columnist: string }): void {
  const parts = splitBody(body);
  assert.deepEqual(parts, expected);
  assert.equal(parts.main + parts.footer + parts.columnist, body);
}

test('main text, footer and columnist box', () => {
  check(`${MAIN}${FOOTER}\n${COLUMNIST}`, { main: MAIN, footer: `${FOOTER}\n`, columnist: COLUMNIST });
});

test('footer only', () => {
  check(MAIN + FOOTER, { main: MAIN, footer: FOOTER, columnist: '' });
});

test('columnist box without a footer', () => {
  check(`${MAIN}\n${COLUMNIST}`, { main: `${MAIN}\n`, footer: '', columnist: COLUMNIST });
});

test('no footer, no box: everything is main text (a rule in the text stays there)', () => {
  check(MAIN, { main: MAIN, footer: '', columnist: '' });
  check('', { main: '', footer: '', columnist: '' });
});

test('CRLF bodies split the same way', () => {
  const crlf = (s: string) => s.replace(/\n/g, '\r\n');
  check(crlf(MAIN + FOOTER + COLUMNIST), {
    main: crlf(MAIN),
    footer: crlf(FOOTER),
    columnist: crlf(COLUMNIST),
  });
});

test('a footer without its rule starts at its first line', () => {
  const footer = FOOTER.replace(/^---\n+/, '');
  check(`段落。\n\n${footer}`, { main: '段落。\n\n', footer, columnist: '' });
});

test('an avatar that is not on a line of its own is not a columnist box', () => {
  const body = '文字 ![x](https://www.hkcnews.com/uploads/avatars/a.png) 文字\n';
  check(body, { main: body, footer: '', columnist: '' });
});

test('parseColumnist reads avatar, name and bio', () => {
  assert.deepEqual(parseColumnist(COLUMNIST), {
    name: '博客 | 某人',
    avatar: 'https://web.archive.org/web/2021im_/https://www.hkcnews.com/uploads/avatars/abc.png?1',
    bio: '作者簡介一句。',
  });
});
