// Invisible characters that search looks through. Some writers put zero-width characters between
// the characters of a word (反<U+200C>送<U+200C>中, 非<U+200D>法集結: 72 articles of the corpus, 851
// places), and copied text brings word joiners, direction marks and soft hyphens; each would split
// a word in two for the index, so a search for the word would miss the article. Every text search
// matches (titles, visible text, facet values, query terms) is read without them. Fold (./fold.ts)
// stays 1:1 per UTF-16 unit; this runs before it, on the text whose offsets snippets use.

import { fold } from './fold.js';

/** Unicode's default-ignorable code points: zero-width, joiners, direction marks, soft hyphen, BOM… */
const IGNORABLES = /\p{Default_Ignorable_Code_Point}/gu;

/**
 * 1 for the UTF-16 units that are (or, high surrogates, may begin) a default-ignorable code point: a
 * scan with it costs about 4 µs for an article's 3,500 characters, a fifth less than the regex.
 */
const MAYBE_IGNORABLE: Uint8Array = (() => {
  const table = new Uint8Array(65536);
  const one = /^\p{Default_Ignorable_Code_Point}$/u;
  for (let c = 0; c < 0xd800; c++) if (one.test(String.fromCharCode(c))) table[c] = 1;
  for (let c = 0xe000; c < 65536; c++) if (one.test(String.fromCharCode(c))) table[c] = 1;
  // outside the BMP: U+1BCA0–1BCA3, U+1D173–1D17A and U+E0000–E0FFF (their high surrogates)
  for (const high of [0xd82f, 0xd834, 0xdb40, 0xdb41, 0xdb42, 0xdb43]) table[high] = 1;
  return table;
})();

function mayHoldIgnorable(text: string): boolean {
  for (let i = 0, n = text.length; i < n; i++) if (MAYBE_IGNORABLE[text.charCodeAt(i)] === 1) return true;
  return false;
}

/** Joiners and selectors that build emoji (👩<U+200D>🍳, ❤<U+FE0F>, flags): kept after a character that is not a letter. */
const EMOJI_GLUE = /^[\u200d\ufe00-\ufe0f\u{e0020}-\u{e007f}]$/u;
const LETTER_BEFORE = /[\p{L}\p{N}\p{M}]$/u;
/** A Latin letter or a digit, on each side of a zero-width space that then stands for a space. */
const LATIN_BEFORE = /[\p{Script=Latin}\p{Nd}]$/u;
const LATIN_AFTER = /^[\p{Script=Latin}\p{Nd}]/u;

/**
 * The text without its invisible characters, except the joiners and selectors of emoji sequences
 * (those that follow something other than a letter or digit). A zero-width space between Latin
 * letters or digits separates words there (Carrie\u200bLam), so it becomes a space; between Chinese
 * characters it is dropped. Text without any is returned as is.
 */
export function withoutIgnorables(text: string): string {
  if (!mayHoldIgnorable(text)) return text;
  return text.replace(IGNORABLES, (ch: string, at: number) => {
    const before = text.slice(Math.max(0, at - 2), at);
    if (EMOJI_GLUE.test(ch) && at > 0 && !LETTER_BEFORE.test(before)) return ch;
    if (ch === '\u200b' && LATIN_BEFORE.test(before) && LATIN_AFTER.test(text.slice(at + 1, at + 3)))
      return ' ';
    return '';
  });
}

/** The form search matches: without invisible characters, then folded (./fold.ts). */
export function foldForMatch(text: string): string {
  return fold(withoutIgnorables(text));
}
