// Anomaly detection on fixtures written here, and the mis-decoded text detector's hits and misses.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  AnomalyTally,
  detectAnomalies,
  findMisDecoded,
  isPlaceholder,
  isPlaceholderTitle,
  repairMisDecoded,
  repairMisDecodedRecord,
  repairMisDecodedText,
} from './anomalies.js';
import { parseRecord } from './record.js';
import { misDecodeCyrillic } from './testing/mis-decode.js';
import type { Article } from './types.js';

function article(over: Partial<Article> = {}): Article {
  return {
    id: 5,
    title: '標題',
    date: '2020-01-02',
    author: '記者',
    category: '眾聞',
    tags: ['甲'],
    url: 'https://web.archive.org/web/20210101000000/https://www.hkcnews.com/article/5/x',
    originalUrl: 'https://www.hkcnews.com/article/5/x',
    body: '# 標題\n\n正文。\n',
    extra: [],
    ...over,
  };
}

/** Writes a string as the wrong code page would have shown its UTF-8 bytes. */
function misDecode(text: string, table: (byte: number) => string): string {
  return [...Buffer.from(text, 'utf8')].map(table).join('');
}

test('a clean record has no anomaly', () => {
  assert.deepEqual(detectAnomalies(article(), 'a/article_5.md'), []);
});

test('empty record, missing date/author/category, bad date', () => {
  assert.deepEqual(detectAnomalies(article({ title: '', date: '', author: '', category: undefined })), [
    'empty-record',
  ]);
  assert.deepEqual(detectAnomalies(article({ date: '', author: '', category: '' })), [
    'no-date',
    'no-author',
    'no-category',
  ]);
  assert.deepEqual(detectAnomalies(article({ date: '2020/01/02' })), ['bad-date']);
});

test('placeholder pages (the farewell notice, an offline or error page) are not counted as articles', () => {
  const empty = { date: '', author: '', category: undefined, tags: [], body: '\n' };
  for (const title of [
    '眾新聞告別    感謝讀者',
    '眾新聞告別　感謝讀者',
    'Temporarily Offline',
    '404 Not Found',
    'Page not found',
  ]) {
    assert.ok(isPlaceholderTitle(title), title);
    assert.deepEqual(detectAnomalies(article({ title, ...empty })), ['placeholder-page'], title);
  }
  // the real farewell article (dated, with text) and articles that only mention such words are articles
  assert.deepEqual(detectAnomalies(article({ title: '眾新聞告別　感謝讀者', date: '2022-01-02' })), []);
  assert.deepEqual(detectAnomalies(article({ title: '眾新聞告別的一天', ...empty })), [
    'no-date',
    'no-author',
    'no-category',
  ]);
  assert.ok(!isPlaceholder({ title: 'Temporarily Offline', date: '', body: '文'.repeat(3000) }));
});

test('body anomalies: relative Wayback links, footer, columnist box, Hugo shortcodes', () => {
  const body =
    '# t\n\n{{< video src="x" >}}\n\n---\n\n請加入成為眾新聞的月費訂戶。\n\n月費訂戶 [網址](/web/20210712045316/https://www.hkcnews.com/aboutus/#subscribe)\n\n---\n\n![名](https://www.hkcnews.com/uploads/avatars/a.png)\n\n**名**\n\n簡介\n';
  assert.deepEqual(detectAnomalies(article({ body })), [
    'relative-wayback-links',
    'subscription-footer',
    'columnist-box',
    'hugo-shortcode',
  ]);
  assert.deepEqual(detectAnomalies(article({ body: '<a href="/web/2021/https://x">x</a>' })), [
    'relative-wayback-links',
  ]);
});

test('unknown keys, id and file name, CRLF, BOM, invalid UTF-8, control characters', () => {
  assert.deepEqual(detectAnomalies(article({ extra: [{ key: 'x', raw: ' 1' }] })), ['unknown-keys']);
  assert.deepEqual(detectAnomalies(article(), 'a/article_6.md'), ['id-file-name-mismatch']);
  const text =
    '\ufeff---\r\ntitle: "控制\x1c"\r\ndate: "2020-01-02"\r\nauthor: "a"\r\ncategory: "c"\r\noriginal_url: "https://www.hkcnews.com/aboutus"\r\n---\r\n\r\nbad \xff\r\n';
  // the text up to "bad " in UTF-8, then a byte that is not UTF-8
  const utf8 = Buffer.concat([
    Buffer.from(text.slice(0, text.indexOf('\xff')), 'utf8'),
    Buffer.from([0xff, 0x0d, 0x0a]),
  ]);
  const a = parseRecord(utf8, 'x/article_9.md');
  assert.deepEqual(detectAnomalies(a), [
    'id-from-file-name',
    'crlf',
    'bom',
    'invalid-utf8',
    'control-characters',
  ]);
});

test('U+FFFD in a valid file is reported as replacement characters', () => {
  assert.deepEqual(detectAnomalies(article({ body: '文字\ufffd文字' })), ['replacement-characters']);
});

test('mis-decoded text: Cyrillic code page, Latin-1, sign-extended bytes', () => {
  const cyr = misDecodeCyrillic('眾說');
  assert.equal(cyr, 'зңҫиӘӘ');
  assert.equal(findMisDecoded(`category ${cyr}`), cyr);
  const latin = misDecode('香港新聞', (b) => String.fromCharCode(b));
  assert.ok(findMisDecoded(`標題：${latin}`));
  const signExtended = misDecode('卻', (b) => String.fromCharCode(0xff00 | b));
  assert.equal(signExtended, '￥ﾍﾻ');
  assert.equal(findMisDecoded(`而內?${signExtended}是吶喊`), signExtended);
  assert.deepEqual(detectAnomalies(article({ category: cyr })), ['mis-decoded']);
});

test('mis-decoded detector leaves real Russian, accented Latin, halfwidth brackets alone', () => {
  for (const text of [
    '俄語之Китай，列寧：是悶呀！Эй, ты。Ни шагу назад!',
    'Cézanne、Gäna、déjà vu、Bérubé、nå roser、César',
    '他｢不會出賣國家主權｣，驚人2.6倍｡',
    'её» ёлка',
  ]) {
    assert.equal(findMisDecoded(text), undefined, text);
  }
});

test('AnomalyTally counts kinds with examples and finds duplicate ids', () => {
  const tally = new AnomalyTally(2);
  tally.add(article({ id: 1, date: '' }), 'a/article_1.md');
  tally.add(article({ id: 2, date: '' }), 'a/article_2.md');
  tally.add(article({ id: 3, date: '' }), 'a/article_3.md');
  assert.deepEqual(tally.add(article({ id: 1 }), 'b/article_1.md'), ['duplicate-id']);
  assert.deepEqual(tally.result(), {
    'no-date': { count: 3, examples: ['1', '2'] },
    'duplicate-id': { count: 1, examples: ['1 (a/article_1.md, b/article_1.md)'] },
  });
});

test('AnomalyTally keeps the lowest ids as examples, in order, whatever order records come in', () => {
  const tally = new AnomalyTally(3);
  for (const id of [9, 3, 7, 1, 8]) tally.add(article({ id, date: '' }), `x/article_${id}.md`);
  // a duplicate id among the examples is shown with each file's path, not as the same id twice
  tally.add(article({ id: 3, date: '' }), 'a/article_3.md');
  assert.deepEqual(tally.result()['no-date'], {
    count: 6,
    examples: ['1', '3 (a/article_3.md)', '3 (x/article_3.md)'],
  });
  const none = new AnomalyTally(0);
  none.add(article({ id: 1, date: '' }), 'article_1.md');
  assert.deepEqual(none.result()['no-date'], { count: 1, examples: [] });
});

test('repairMisDecoded decodes whole mis-decoded field values and leaves real text alone', () => {
  assert.equal(repairMisDecoded('зңҫиӘӘ'), '眾說');
  const latin1 = new TextDecoder('latin1').decode(Buffer.from('眾聞', 'utf8'));
  assert.equal(repairMisDecoded(latin1), '眾聞');
  assert.equal(repairMisDecoded('Москва'), undefined);
  assert.equal(repairMisDecoded('Café'), undefined);
  assert.equal(repairMisDecoded('眾說'), undefined);
  assert.equal(repairMisDecoded('xзңҫиӘӘ'), undefined, 'only whole values');
});

test('a wholly mis-decoded text is decoded back: Markdown kept, no-break spaces that became spaces, lost bytes', () => {
  const body =
    '# 失業回落　港化灣區\n\n上周本港公佈的失業率由6.0%跌至5.5%。\n\n![博客 | 羅家聰](https://example.org/a.png)\n';
  const broken = misDecodeCyrillic(body, true);
  assert.ok(broken.includes('гҖҖ'), 'U+3000 is E3 80 80: byte 0x80 is Җ in PT154');
  assert.deepEqual(repairMisDecodedText(broken), { text: body, lost: 0 });
  // bytes lost before the backup (a U+FFFD in the record) stay visible as one
  const cut = `${misDecodeCyrillic('經濟數據尋出')}\ufffd${misDecodeCyrillic('大趨勢')}`;
  assert.deepEqual(repairMisDecodedText(cut), { text: '經濟數據尋出\ufffd大趨勢', lost: 1 });
  const record = repairMisDecodedRecord({ title: misDecodeCyrillic('失業回落疑似好'), body: broken });
  assert.deepEqual(record, { title: '失業回落疑似好', body, lost: 0 });
});

test('readable text is never "repaired": Chinese, Russian, accented Latin, a stray mis-decoded run', () => {
  for (const text of [
    '上周本港公佈的失業率由6.0%跌至5.5%。',
    'Ни шагу назад! Москва — столица России, её жители',
    'Cézanne、Gäna、déjà vu、Bérubé、nå roser、César',
    `而內?${misDecodeCyrillic('卻')}是吶喊，生死關頭，當日我眼中看見的`,
  ]) {
    assert.equal(repairMisDecodedText(text), undefined, text);
  }
  assert.equal(repairMisDecodedRecord({ title: '香港', body: misDecodeCyrillic('一段內文') }), undefined);
});
