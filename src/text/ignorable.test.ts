import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foldForMatch, withoutIgnorables } from './ignorable.js';

test('zero-width characters, joiners and direction marks inside words are dropped', () => {
  assert.equal(withoutIgnorables('反\u200c送\u200c中'), '反送中');
  assert.equal(withoutIgnorables('非\u200d法集結'), '非法集結');
  assert.equal(withoutIgnorables('\u2060\u2060入境處'), '入境處');
  assert.equal(withoutIgnorables('【\u200b龔昨'), '【龔昨');
  assert.equal(withoutIgnorables('\u202aWai Wong\u202c'), 'Wai Wong');
  assert.equal(withoutIgnorables('per\u00adsuade\ufeff'), 'persuade');
  assert.equal(withoutIgnorables('葛\u{e0100}'), '葛'); // an ideographic variation selector
});

test('a zero-width space between Latin words is a space; between Chinese characters it goes', () => {
  assert.equal(withoutIgnorables('Carrie\u200bLam'), 'Carrie Lam');
  assert.equal(withoutIgnorables('COVID\u200b19'), 'COVID 19');
  assert.equal(withoutIgnorables('香\u200b港'), '香港');
  assert.equal(withoutIgnorables('Lam\u200b林鄭'), 'Lam林鄭');
  assert.equal(withoutIgnorables('Carrie\u200cLam'), 'CarrieLam', 'a non-joiner joins');
});

test('emoji sequences keep their joiners and selectors', () => {
  assert.equal(withoutIgnorables('👩\u200d🍳'), '👩\u200d🍳');
  assert.equal(withoutIgnorables('❤\ufe0f'), '❤\ufe0f');
  assert.equal(withoutIgnorables('👩🏻\u200d🍳飲'), '👩🏻\u200d🍳飲');
});

test('text without invisible characters is returned unchanged', () => {
  const text = '國安法 Carrie Lam';
  assert.equal(withoutIgnorables(text), text);
  assert.equal(foldForMatch('國\u200b安法'), '国安法');
});

test('every default-ignorable code point is dropped after a letter, and no other character', () => {
  const ignorable = /^\p{Default_Ignorable_Code_Point}$/u;
  const wrong: string[] = [];
  for (let cp = 0; cp <= 0x10ffff; cp += cp < 0x10000 ? 1 : 7) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const ch = String.fromCodePoint(cp);
    const out = withoutIgnorables(`a${ch}`);
    if ((out === 'a') !== ignorable.test(ch)) wrong.push(cp.toString(16));
  }
  for (const cp of [0x1bca0, 0x1bca3, 0x1d173, 0x1d17a, 0xe0001, 0xe0100, 0xe0fff]) {
    if (withoutIgnorables(`a${String.fromCodePoint(cp)}`) !== 'a') wrong.push(cp.toString(16));
  }
  assert.deepEqual(wrong, []);
});
