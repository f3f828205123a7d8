// Invisible characters that search looks through. Some writers put zero-width characters between
// the characters of a word (反‌送‌中 with U+200C, 非‍法集結 with U+200D: 72 articles of the corpus, 851
// places), and copied text brings word joiners, direction marks and soft hyphens; each would split
// a word in two for the index, so a search for the word would miss the article. Every text search
// matches (titles, visible text, facet values, query terms) is read without them. Fold (./fold.ts)
// stays 1:1 per UTF-16 unit; this runs before it, on the text whose offsets snippets use.

import { fold } from './fold.js';

/** Unicode's default-ignorable code points: zero-width, joiners, direction marks, soft hyphen, BOM… */
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/u;
const IGNORABLES = /\p{Default_Ignorable_Code_Point}/gu;
/** Joiners and selectors that build emoji (👩‍🍳, ❤️, flags): kept after a character that is not a letter. */
const EMOJI_GLUE = /^[\u200d\ufe00-\ufe0f\u{e0020}-\u{e007f}]$/u;
const LETTER_BEFORE = /[\p{L}\p{N}\p{M}]$/u;

/**
 * The text without its invisible characters, except the joiners and selectors of emoji sequences
 * (those that follow something other than a letter or digit). Text without any is returned as is.
 */
export function withoutIgnorables(text: string): string {
  if (!IGNORABLE.test(text)) return text;
  return text.replace(IGNORABLES, (ch: string, at: number) =>
    EMOJI_GLUE.test(ch) && at > 0 && !LETTER_BEFORE.test(text.slice(Math.max(0, at - 2), at)) ? ch : '',
  );
}

/** The form search matches: without invisible characters, then folded (./fold.ts). */
export function foldForMatch(text: string): string {
  return fold(withoutIgnorables(text));
}
