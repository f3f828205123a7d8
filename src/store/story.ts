// Versions of one story: Citizen News republished updated articles under new ids (a live report
// could be posted 20 times), so the archive holds articles with the same title and date. They are
// one story: search shows it once, an article page lists its other versions, and previous/next and
// related articles skip them. A republished title often differs only in its spacing, punctuation
// or a variant character (`【文字直播.不斷更新】` and `【文字直播・不斷更新】`, `鄭仲恆` and
// `鄭仲恒`), so titles are compared as folded letters and digits alone. Captures of a placeholder
// page (src/corpus/anomalies.ts) are grouped the same way. 32,016 of the 49,118 articles are
// versions of 11,844 stories (31,942 of 11,852 when titles had to match but for their spacing).

import { isPlaceholderTitle } from '../corpus/anomalies.js';
import { fold } from '../text/fold.js';

/** Whitespace, punctuation and symbols: what a republished title may change without being new. */
const NOT_WORDS = /[\s\p{P}\p{S}]+/gu;

/**
 * What makes articles versions of one story: the same title and date (null: a story of its own),
 * titles compared folded (Traditional and Simplified, variants, width, case) with their whitespace,
 * punctuation and symbols left out. Undated placeholder pages with one title (537 copies of the
 * farewell notice) are one story too.
 */
export function storyKey(title: string, date: string): string | null {
  const t = title.trim().replace(/\s+/g, ' ');
  if (!t) return null;
  if (date) return `${date}\u0000${fold(t).replace(NOT_WORDS, '') || t}`;
  return isPlaceholderTitle(t) ? `placeholder\u0000${t}` : null;
}
