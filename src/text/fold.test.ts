import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FOLD_TABLE, fold } from './fold.js';

test('Traditional and Simplified fold alike', () => {
  assert.equal(fold('國安法'), fold('国安法'));
  assert.equal(fold('崔天凱'), fold('崔天凯'));
  assert.equal(fold('眾新聞'), fold('众新闻'));
  assert.equal(fold('說'), fold('説'));
});

test('the variants the corpus mixes fold alike', () => {
  for (const group of [
    '麽麼么',
    '着著',
    '裏裡里',
    '綫線线缐',
    '衞衛卫',
    '為爲为',
    '啟啓启',
    '僞偽伪',
    // Japanese forms and old variants the corpus holds
    '撃擊击',
    '淸清',
    '靑青',
    '汚污',
    '値值',
    '鬭鬥斗',
    '聨聯联',
    '舗鋪铺',
    '呑吞',
    '暱昵',
    '锺鍾',
    '顎颚',
  ]) {
    const folded = new Set([...group].map(fold));
    assert.equal(folded.size, 1, `${group} → ${[...folded].join(',')}`);
  }
});

test('full-width forms become half-width and Latin letters lower case', () => {
  assert.equal(fold('ＡＢＣ１２３，！'), 'abc123,!');
  assert.equal(fold('Carrie LAM'), 'carrie lam');
  assert.equal(fold('\u3000'), ' ');
  assert.equal(fold('ÀÉ'), 'àé');
});

test('fold keeps the length and offsets of any text', () => {
  const samples = ['', 'a', '國', '😀國a', '中\u{20B3E}文', 'x'.repeat(300) + '國ＡB'.repeat(100)];
  let seed = 7;
  for (let k = 0; k < 50; k++) {
    let s = '';
    for (let i = 0; i < 400; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      s += String.fromCharCode(seed % 0xffff);
    }
    samples.push(s);
  }
  for (const s of samples) {
    const f = fold(s);
    assert.equal(f.length, s.length);
    for (let i = 0; i < s.length; i++) assert.equal(f.charCodeAt(i), FOLD_TABLE[s.charCodeAt(i)]);
  }
});

test('fold is idempotent and leaves surrogates alone', () => {
  for (let c = 0; c < 65536; c++) assert.equal(FOLD_TABLE[FOLD_TABLE[c]!], FOLD_TABLE[c]);
  for (let c = 0xd800; c <= 0xdfff; c++) assert.equal(FOLD_TABLE[c], c);
});
