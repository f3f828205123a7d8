import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { visibleMain } from './visible.js';

test('keeps paragraphs and captions, drops markup, images, URLs and the title heading', () => {
  const main = [
    '',
    '# 標題',
    '',
    '第一段，有**粗體**和[連結文字](https://example.com/秘密網址)。',
    '',
    '<figure>',
    '<img src="https://web.archive.org/web/2021im_/https://www.hkcnews.com/圖片檔名-2020.png" alt="">',
    '<figcaption>圖片說明文字</figcaption>',
    '</figure>',
    '',
    '![另一個檔名](https://web.archive.org/x/y.jpg)',
    '',
    '## 小標題',
    '',
    '> 引文 https://example.org/路徑 結束',
    '',
    '- 列表項目 &amp; 符號 \\*星號\\*',
  ].join('\n');
  const text = visibleMain(main, '標題');
  for (const kept of [
    '第一段',
    '粗體',
    '連結文字',
    '圖片說明文字',
    '小標題',
    '引文',
    '結束',
    '列表項目 & 符號 *星號*',
  ]) {
    assert.ok(text.includes(kept), `keeps ${kept}: ${text}`);
  }
  for (const dropped of ['秘密網址', '圖片檔名', '另一個檔名', 'https', '<fig', '**', '# ', '路徑']) {
    assert.ok(!text.includes(dropped), `drops ${dropped}: ${text}`);
  }
  assert.ok(text.startsWith('第一段'), 'the title heading is dropped');
});

test('a body without the title heading keeps its first line', () => {
  assert.equal(visibleMain('第一行\n第二行', '標題'), '第一行\n第二行');
});

test('a link whose address holds parentheses leaves only its text', () => {
  const main =
    '見[合作安排](https://example.com/合作安排(2020).pdf)的草案，![圖](https://x.org/a(1).jpg)完。';
  assert.equal(visibleMain(main, ''), '見合作安排的草案，完。');
});

test('invisible characters inside words are dropped; emoji joiners stay', () => {
  assert.equal(visibleMain('反\u200c送\u200c中 👩\u200d🍳', ''), '反送中 👩\u200d🍳');
});

test('a table reads as its cells: no pipes, no delimiter row, cells a tab apart', () => {
  const main = [
    '**警方公布使用彈藥數目：**',
    '',
    '| **日期** | **彈藥種類** |  |',
    '| --- | :---: | ---: |',
    '| 6.12 金鐘 | 240 | 19 |',
    '| 管道 \\| 符號 | 約20 | ? |',
    '',
    '文末。',
  ].join('\n');
  assert.equal(
    visibleMain(main, ''),
    [
      '警方公布使用彈藥數目：',
      '',
      '日期\t彈藥種類\t',
      '',
      '6.12 金鐘\t240\t19',
      '管道 | 符號\t約20\t?',
      '',
      '文末。',
    ].join('\n'),
  );
  // a line with pipes that is not between them is text
  assert.equal(visibleMain('甲 | 乙', ''), '甲 | 乙');
});

test('a record of openers without closers is read in one pass, and keeps them as text', () => {
  // each opener scanned to the end of its line (or of the text): 200,000 of them took minutes. Run
  // in a child process that is stopped after 30 s, since a test cannot stop a loop of its own thread.
  const units = ['[', '![', '<a', '{{<', '<!--', '<img', '<http:', '[a](x', '[a]x'];
  const script = `
    import { visibleMain } from ${JSON.stringify(new URL('./visible.ts', import.meta.url).href)};
    for (const unit of ${JSON.stringify(units)}) {
      const visible = visibleMain(unit.repeat(Math.ceil(200000 / unit.length)), '');
      if (visible.length === 0) throw new Error(unit);
    }
    console.log('done');`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  assert.equal(run.signal, null, 'stopped after 30 s');
  assert.equal(run.stdout.trim(), 'done', run.stderr);
  assert.equal(visibleMain('[[[[', ''), '[[[[');
  assert.equal(visibleMain('<!-- a --> b <!-- c <!-- d', ''), 'b <!-- c <!-- d');
  assert.equal(visibleMain('a<a<a<a', ''), 'a<a<a<a');
});

test('a link inside brackets is the inner one, as the page renders it; an address may hold brackets', () => {
  assert.equal(visibleMain('第22條[ [Title22](https://x.example/a) ]定義', ''), '第22條[ Title22 ]定義');
  assert.equal(
    visibleMain('[醫院公布]([22:05, 7/9/2017] note https://x.example/a)，劉曉波', ''),
    '醫院公布，劉曉波',
  );
});
