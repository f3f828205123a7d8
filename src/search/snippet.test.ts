import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fold } from '../text/fold.js';
import { makeSnippet, termsRegExp } from './snippet.js';
import type { Snippet } from './types.js';

/** The straightforward form of makeSnippet's window copy (one character at a time), as reference. */
function referenceSnippet(original: string, folded: string, re: RegExp | null, width = 110): Snippet {
  let first = -1;
  if (re) {
    re.lastIndex = 0;
    const m = re.exec(folded);
    if (m) first = m.index;
  }
  let start = first < 0 ? 0 : Math.max(0, first - 30);
  if (start > 0 && (original.charCodeAt(start) & 0xfc00) === 0xdc00) start--;
  let end = Math.min(original.length, start + width);
  if (end < original.length && (original.charCodeAt(end) & 0xfc00) === 0xdc00) end++;
  if (first >= 0 && end - start < width && start > 0) start = Math.max(0, end - width);
  const word = (i: number) => /[A-Za-z0-9]/.test(original[i] ?? '');
  if (start > 0 && word(start - 1) && word(start)) {
    let s = start;
    while (s - start < 20 && word(s)) s++;
    if (first < 0 || s <= first) start = s;
  }
  if (end < original.length && word(end - 1) && word(end)) {
    let e = end;
    while (e > start && end - e < 20 && word(e - 1)) e--;
    if (e > Math.max(start, first)) end = e;
  }
  const ranges: Array<[number, number]> = [];
  if (re && first >= 0) {
    re.lastIndex = start;
    for (let m = re.exec(folded); m && m.index < end; m = re.exec(folded)) {
      const matchEnd = m.index + m[0].length;
      if (matchEnd > end && matchEnd - end <= 20) end = matchEnd;
      ranges.push([m.index, Math.min(end, matchEnd)]);
    }
  }
  let text = start > 0 ? '…' : '';
  const map: number[] = [];
  let prevSpace = true;
  for (let i = start; i < end; i++) {
    map[i - start] = text.length;
    const ch = original[i]!;
    if (/\s/.test(ch)) {
      if (!prevSpace) text += ' ';
      prevSpace = true;
    } else {
      text += ch;
      prevSpace = false;
    }
  }
  map[end - start] = text.length;
  text = text.trimEnd();
  const highlights: Array<[number, number]> = [];
  for (const [s, e] of ranges) {
    const hs = map[s - start]!;
    const he = Math.min(text.length, map[e - start]!);
    if (he > hs) highlights.push([hs, he]);
  }
  if (end < original.length) text += '…';
  return { text, highlights };
}

test('a snippet is the window around the first match, whitespace runs shown as one space', () => {
  const text = `${'前文'.repeat(40)}\n\n  國安法\t實施後，\u3000國安法 再次……${'後文'.repeat(60)}`;
  const s = makeSnippet(text, fold(text), termsRegExp([fold('國安法')]));
  assert.ok(s.text.startsWith('…'));
  assert.ok(s.text.endsWith('…'));
  assert.ok(s.text.includes('前文 國安法 實施後， 國安法 再次'), s.text);
  assert.deepEqual(
    s.highlights.map(([a, b]) => s.text.slice(a, b)),
    ['國安法', '國安法'],
  );
});

test('makeSnippet gives what the character-by-character reference gives, on texts of every kind of space', () => {
  // a seeded generator: the same texts every run
  let seed = 20220104;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed % n;
  };
  const alphabet = [
    '港',
    '國',
    '安',
    '法',
    'a',
    'B',
    ' ',
    '  ',
    '\n',
    '\t',
    '\u3000',
    '\u00a0',
    '。',
    '𠵾',
    '\r\n',
  ];
  const terms = ['國安', '安法', 'ab', '港 國', '𠵾'];
  let compared = 0;
  for (let n = 0; n < 2000; n++) {
    let text = '';
    const length = next(400);
    while (text.length < length) text += alphabet[next(alphabet.length)]!;
    const re = next(5) === 0 ? null : termsRegExp([fold(terms[next(terms.length)]!)]);
    const folded = fold(text);
    for (const width of [20, 110]) {
      assert.deepEqual(makeSnippet(text, folded, re, width), referenceSnippet(text, folded, re, width));
      compared++;
    }
  }
  assert.equal(compared, 4000);
});

test('an English word is not cut at either end of the window, and a match at its end is shown whole', () => {
  const text = `${'The chief executive said against expectations that '.repeat(3)}Carrie Lam would stay in office ${'until the end of her term and beyond it '.repeat(4)}`;
  const s = makeSnippet(text, fold(text), termsRegExp([fold('carrie lam')]));
  const inner = s.text.replace(/^…/, '').replace(/…$/, '');
  // the window starts and ends between words
  assert.match(inner, /^[A-Za-z]+\b/);
  assert.ok(text.includes(` ${inner.split(' ')[0]} `) || text.startsWith(inner.split(' ')[0]!), s.text);
  const last = inner.split(' ').at(-1)!;
  assert.ok(new RegExp(`\\b${last}\\b`).test(text), `"${last}" is a whole word`);
  assert.deepEqual(
    s.highlights.map(([a, b]) => s.text.slice(a, b)),
    ['Carrie Lam'],
  );
  // a match that the window would cut is shown whole
  const zh = `${'前文'.repeat(60)}這些活動${'後文'.repeat(10)}`;
  const cut = makeSnippet(zh, fold(zh), termsRegExp([fold('前文這些活動')]), 33);
  assert.deepEqual(
    cut.highlights.map(([a, b]) => cut.text.slice(a, b)),
    ['前文這些活動'],
  );
});
