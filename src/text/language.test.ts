import assert from 'node:assert/strict';
import { test } from 'node:test';
import { textLang } from './language.js';

test('English text reads as English, Chinese text (quoting English or not) as Chinese', () => {
  assert.equal(textLang("Hong Kong's first national security trial opens"), 'en');
  assert.equal(textLang('Carrie Lam 林鄭月娥：香港經濟'), 'zh-Hant-HK');
  assert.equal(textLang('林鄭月娥今日表示，"We will not give up" 是政府的立場。'), 'zh-Hant-HK');
  assert.equal(textLang('The protesters, known as 勇武派, said they would return.'), 'en');
  // nothing to judge by: Chinese, the archive's language
  assert.equal(textLang(''), 'zh-Hant-HK');
  assert.equal(textLang('2019-06-12 !!!'), 'zh-Hant-HK');
  // only the sample is read
  assert.equal(textLang(`${'香'.repeat(10)}${'a'.repeat(1000)}`, 10), 'zh-Hant-HK');
});

test('in markup, tags and their addresses are not counted', () => {
  const html =
    '<p><a href="https://web.archive.org/web/2021/https://www.hkcnews.com/article/1/very-long-english-slug">香港新聞</a></p>';
  assert.equal(textLang(html, 4000, true), 'zh-Hant-HK');
  assert.equal(textLang(html), 'en', 'counted as text, the address outweighs the words');
  assert.equal(textLang('<p>The people of Hong Kong</p><img src="x">', 4000, true), 'en');
});
