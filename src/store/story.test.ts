import assert from 'node:assert/strict';
import { test } from 'node:test';
import { storyKey } from './story.js';

test('versions of one story: the same date and title, whatever their spacing, punctuation and variants', () => {
  const same = [
    ['【文字直播.不斷更新】初選47人案', '【文字直播・不斷更新】初選47人案'],
    ['世界的一天──1 月 9 日', '世界的一天（1月9日）'],
    ['梁頌恆:自決、民主派無分別', '梁頌恆：自決、民主派無分別'],
    ['鄭仲恆：被打後感到「暈暈哋」', '鄭仲恒：被打後感到「暈暈哋」'],
    ['納吉上庭受審　被控失信及貪污四罪', '納吉上庭受審，被控失信及貪污四罪'],
    ['Donald Trump - The So-called Truth', "Donald Trump - The 'So-Called' Truth"],
    ['国安法', '國安法'],
    // invisible format characters (word joiner, zero-width space) are not words either
    ['\u2060\u2060入境處大狀：同性伴侶', '入境處大狀：同性伴侶'],
    ['【歐洲之聲】\u200b聽謝志偉大使', '【歐洲之聲】聽謝志偉大使'],
  ];
  for (const [a, b] of same)
    assert.equal(storyKey(a!, '2021-01-09'), storyKey(b!, '2021-01-09'), `${a} ~ ${b}`);
});

test('other words, another day or no title make another story', () => {
  const d = '2019-02-28';
  assert.notEqual(storyKey('台灣二二八事件慘案紀實(上)', d), storyKey('台灣二二八事件慘案紀實(下)', d));
  assert.notEqual(storyKey('公交篇（一）', d), storyKey('公交篇（二）', d));
  assert.notEqual(storyKey('新增 20 宗', d), storyKey('新增 21 宗', d));
  // 〇 is a number, not a symbol: 二〇二〇 and 二二 differ
  assert.notEqual(storyKey('二〇二〇年度預算', d), storyKey('二二年度預算', d));
  assert.notEqual(storyKey('國安法', d), storyKey('國安法', '2019-03-01'));
  assert.equal(storyKey('  ', d), null);
  // a title of punctuation alone is still compared as it is
  assert.equal(storyKey('？！', d), storyKey('？！', d));
  assert.notEqual(storyKey('？！', d), storyKey('……', d));
  // undated: only placeholder pages are grouped
  assert.equal(storyKey('一篇文章', ''), null);
});
