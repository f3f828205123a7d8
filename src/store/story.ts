// Versions of one story: Citizen News republished updated articles under new ids (a live report
// could be posted 20 times), so the archive holds articles with the same title and date. They are
// one story: search shows it once, an article page lists its other versions, and previous/next and
// related articles skip them. 31,879 of the 49,118 articles are versions of 11,863 such stories.
// Captures of a placeholder page (src/corpus/anomalies.ts) are grouped the same way.

import { isPlaceholderTitle } from '../corpus/anomalies.js';

/**
 * What makes articles versions of one story: the same title and date (null: a story of its own).
 * Undated placeholder pages with one title (537 copies of the farewell notice) are one story too.
 */
export function storyKey(title: string, date: string): string | null {
  const t = title.trim().replace(/\s+/g, ' ');
  if (!t) return null;
  if (date) return `${date}\u0000${t}`;
  return isPlaceholderTitle(t) ? `placeholder\u0000${t}` : null;
}
