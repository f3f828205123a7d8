// Versions of one story: Citizen News republished updated articles under new ids (a live report
// could be posted 20 times), so the archive holds articles with the same title and date. They are
// one story: search shows it once, an article page lists its other versions, and previous/next and
// related articles skip them. A republished title often differs only in its spacing, punctuation
// or a variant character (`【文字直播.不斷更新】` and `【文字直播・不斷更新】`, `鄭仲恆` and
// `鄭仲恒`), so titles are compared as their folded letters and digits alone. Captures of a
// placeholder page (src/corpus/anomalies.ts) are grouped the same way. 32,019 of the 49,118
// articles are versions of 11,844 stories by their titles (31,942 of 11,852 when titles had to
// match but for their spacing); with the versions whose titles were reworded, linked by their
// byline and text at import (./story-links.ts), 32,690 of 11,650.

import { isPlaceholderTitle } from '../corpus/anomalies.js';
import { fold } from '../text/fold.js';

/**
 * Which UTF-16 code units are letters or digits (\p{L}, \p{N}; surrogates count as letters, so a
 * character outside the BMP is kept), built at first use: a table reads 49,118 titles in 5 ms
 * where a Unicode-property regex takes 25 ms.
 */
let letterOrDigit: Uint8Array | null = null;

export function lettersAndDigits(text: string): string {
  if (!letterOrDigit) {
    const table = new Uint8Array(0x10000);
    const re = /[\p{L}\p{N}]/u;
    for (let c = 0; c < 0x10000; c++)
      table[c] = (c >= 0xd800 && c <= 0xdfff) || re.test(String.fromCharCode(c)) ? 1 : 0;
    letterOrDigit = table;
  }
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (letterOrDigit[text.charCodeAt(i)]) continue;
    if (i > from) out += text.slice(from, i);
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/**
 * What makes articles versions of one story: the same title and date (null: a story of its own),
 * titles compared folded (Traditional and Simplified, variants, width, case) and by their letters
 * and digits alone (no whitespace, punctuation, symbols or invisible format characters). Undated
 * placeholder pages with one title (537 copies of the farewell notice) are one story too.
 */
export function storyKey(title: string, date: string): string | null {
  const t = title.trim().replace(/\s+/g, ' ');
  if (!t) return null;
  if (date) return `${date}\u0000${lettersAndDigits(fold(t)) || t}`;
  return isPlaceholderTitle(t) ? `placeholder\u0000${t}` : null;
}
