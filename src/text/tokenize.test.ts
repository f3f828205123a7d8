import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  distinctChars,
  encodeGap,
  ftsPhrase,
  indexTokens,
  MAX_GAP,
  planTerm,
  type TermPlan,
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
  assert.equal(indexTokens('carrie lam'), `car arr rri rie ie e${SP} lam am m`);
  assert.equal(indexTokens('carrie-lam'), 'car arr rri rie ie e\ue02d lam am m');
  assert.equal(indexTokens('a==========b'), `a${'\ue03d'.repeat(MAX_GAP)}\ue0ff b`);
});

test('digits and Latin letters stay in the same run as Han characters (no word pitfall)', () => {
  assert.equal(indexTokens('11月就中美'), '11 1月 月就 就中 中美 美');
});

test('three ASCII letters or digits in a row make a trigram; any other character a bigram', () => {
  assert.equal(indexTokens('restraint'), 'res est str tra rai ain int nt t');
  assert.equal(indexTokens('2019年'), '201 019 19 9年 年');
  assert.equal(indexTokens('iphone手機'), 'iph pho hon one ne e手 手機 機');
  assert.equal(indexTokens('ab'), 'ab b');
  assert.equal(indexTokens('a𠵾bcd'), 'a𠵾 𠵾b bcd cd d');
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
    tokens: ['car', 'arr', 'rri', 'rie', 'ie', `e${SP}`, 'lam'],
    prefixLast: false,
    exact: true,
    single: false,
  });
  // the text may go on after the term: its token at "19" is "19" or "19x", so a prefix
  assert.deepEqual(planTerm('covid-19'), {
    tokens: ['cov', 'ovi', 'vid', 'id', 'd\ue02d', '19'],
    prefixLast: true,
    exact: true,
    single: false,
  });
  // two ASCII letters or digits alone: their pair in the per-character index
  assert.deepEqual(planTerm('la'), { tokens: ['la'], prefixLast: true, exact: true, single: true });
  assert.equal(planTerm('2019')!.single, false);
  assert.equal(planTerm('港人')!.single, false);
  assert.deepEqual(planTerm('19年')?.tokens, ['19', '9年']);
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

test('a database made before trigrams gets bigram plans', () => {
  assert.deepEqual(planTerm('carrie lam', 'bigrams'), {
    tokens: ['ca', 'ar', 'rr', 'ri', 'ie', `e${SP}`, 'la', 'am'],
    prefixLast: false,
    exact: true,
    single: false,
  });
  assert.deepEqual(planTerm('la', 'bigrams'), {
    tokens: ['la'],
    prefixLast: false,
    exact: true,
    single: false,
  });
  assert.deepEqual(planTerm('国安法', 'bigrams'), planTerm('国安法', 'trigrams'));
});

/** Whether a plan's phrase occurs in index text (its last token a prefix when the plan says so). */
function phraseMatches(indexText: string, plan: TermPlan): boolean {
  const doc = indexText ? indexText.split(' ') : [];
  const want = plan.tokens;
  for (let p = 0; p + want.length <= doc.length; p++) {
    let ok = true;
    for (let j = 0; j < want.length && ok; j++) {
      const prefix = plan.prefixLast && j === want.length - 1;
      ok = prefix ? doc[p + j]!.startsWith(want[j]!) : doc[p + j] === want[j];
    }
    if (ok) return true;
  }
  return false;
}

test('every substring of a text is found by its plan, and an exact plan finds nothing else', () => {
  // texts of letters, digits, Han, astral characters, spaces and punctuation, from a seeded generator
  let seed = 5;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  const alphabet = ['a', 'b', 'c', '1', '9', '港', '國', '𠵾', ' ', '  ', '-', '「', '」', '。'];
  const squash = (t: string) => t.replace(/\s+/g, ' ');
  let found = 0;
  let rejected = 0;
  for (let n = 0; n < 300; n++) {
    let text = '';
    const length = 1 + next(14);
    for (let i = 0; i < length; i++) text += alphabet[next(alphabet.length)]!;
    const tokens = indexTokens(text);
    for (let m = 0; m < 12; m++) {
      // a substring of the text (whole characters), or a random string
      const chars = Array.from(text);
      const from = next(chars.length);
      const term =
        m % 3 === 2
          ? Array.from({ length: 1 + next(4) }, () => alphabet[next(alphabet.length)]!).join('')
          : chars.slice(from, from + 1 + next(chars.length - from)).join('');
      const plan = planTerm(term);
      if (!plan) continue;
      const present = squash(text).includes(squash(term).trim()) && squash(term).trim() === squash(term);
      // one character, or two ASCII ones, alone: in the text's per-character list
      const matched = plan.single
        ? distinctChars(text).split(' ').includes(term)
        : phraseMatches(tokens, plan);
      if (present) {
        assert.ok(
          matched,
          `"${term}" in "${text}": ${plan.tokens.join('|')} not in ${tokens.replaceAll(' ', '|')}`,
        );
        found++;
      } else if (plan.exact && !matched) rejected++;
      else if (plan.exact && matched) {
        assert.ok(squash(text).includes(squash(term).trim()), `"${term}" wrongly matched in "${text}"`);
      }
    }
  }
  assert.ok(found > 1500, `${found} substrings found`);
  assert.ok(rejected > 100, `${rejected} absent terms rejected`);
});

test('FTS phrases quote every token', () => {
  assert.equal(ftsPhrase(planTerm('国安法')!), '"国安 安法"');
  assert.equal(ftsPhrase(planTerm('港')!), '"港" *');
});

test('the per-character index also lists the pairs of ASCII letters and digits', () => {
  assert.equal(distinctChars('in 2019年', 'us-a'), 'i n 2 0 1 9 年 u s a in 20 01 19 us');
  // every pair of 62 ASCII letters and digits in a row (the output's worst case)
  const all = 'abcdefghijklmnopqrstuvwxyz0123456789'.repeat(2);
  assert.equal(distinctChars(all).split(' ').length, 36 + 36);
});

test('distinct characters of several texts', () => {
  assert.equal(distinctChars('香港港', '港a，b\u{20B3E}'), '香 港 a b \u{20B3E}');
  assert.equal(distinctChars('', '。'), '');
});
