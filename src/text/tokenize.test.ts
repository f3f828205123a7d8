import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  distinctChars,
  encodeGap,
  ftsPhrase,
  indexTokens,
  MAX_GAP,
  planTerm,
  tokenRuns,
} from './tokenize.js';

const SP = '\ue020'; // whitespace mark
const gap = (s: string) => encodeGap(s);

test('runs of letters and digits are bigrams plus a run-end token', () => {
  assert.equal(indexTokens('香港政府'), '香港 港政 政府 府');
  assert.equal(indexTokens('港'), '港');
  assert.equal(indexTokens('香港，政府。'), '香港 港， 政府 府。');
  assert.equal(indexTokens(''), '');
  assert.equal(indexTokens('。，！'), '');
});

test('run-end tokens carry the separators: ASCII moved out of the way, whitespace collapsed, long gaps cut', () => {
  assert.equal(gap(' \n\t '), SP);
  assert.equal(gap('-'), '\ue02d');
  assert.equal(indexTokens('carrie lam'), `ca ar rr ri ie e${SP} la am m`);
  assert.equal(indexTokens('carrie-lam'), 'ca ar rr ri ie e\ue02d la am m');
  assert.equal(indexTokens('a==========b'), `a${'\ue03d'.repeat(MAX_GAP)}\ue0ff b`);
});

test('digits and Latin letters stay in the same run as Han characters (no word pitfall)', () => {
  assert.equal(indexTokens('11月就中美'), '11 1月 月就 就中 中美 美');
});

test('emoji and symbols separate runs; astral letters are one character', () => {
  assert.equal(indexTokens('表情😀符號'), '表情 情😀 符號 號');
  assert.equal(indexTokens('中\u{20B3E}文'), '中\u{20B3E} \u{20B3E}文 文');
  assert.deepEqual(tokenRuns('ab, cd'), [
    [0, 2],
    [4, 6],
  ]);
});

test('term plans', () => {
  assert.deepEqual(planTerm('国安法'), {
    tokens: ['国安', '安法'],
    prefixLast: false,
    exact: true,
    single: false,
  });
  assert.deepEqual(planTerm('港'), { tokens: ['港'], prefixLast: true, exact: true, single: true });
  assert.deepEqual(planTerm('carrie lam'), {
    tokens: ['ca', 'ar', 'rr', 'ri', 'ie', `e${SP}`, 'la', 'am'],
    prefixLast: false,
    exact: true,
    single: false,
  });
  assert.deepEqual(planTerm('港，'), { tokens: ['港，'], prefixLast: true, exact: true, single: false });
  assert.deepEqual(planTerm('a b'), {
    tokens: [`a${SP}`, 'b'],
    prefixLast: true,
    exact: true,
    single: false,
  });
  // a leading separator or an over-long gap: the index narrows, the text decides
  assert.equal(planTerm('，港')!.exact, false);
  assert.equal(planTerm(`a${'='.repeat(MAX_GAP + 1)}b`)!.exact, false);
  assert.equal(planTerm('。！'), null);
  assert.equal(planTerm(''), null);
});

test('FTS phrases quote every token', () => {
  assert.equal(ftsPhrase(planTerm('国安法')!), '"国安 安法"');
  assert.equal(ftsPhrase(planTerm('港')!), '"港" *');
});

test('distinct characters of several texts', () => {
  assert.equal(distinctChars('香港港', '港a，b\u{20B3E}'), '香 港 a b \u{20B3E}');
  assert.equal(distinctChars('', '。'), '');
});
