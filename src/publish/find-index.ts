// The index of titles a static copy finds articles in (its /find page, src/web/static/app.js): every
// article's id, date and title, newest first, and the part of search's folding (src/text/fold.ts)
// that can matter to a title, so that a title is found by its words typed in Traditional or
// Simplified, in either width or case. Written as a script (`window.BACKFILE_FIND = …`), which a page
// read from a disk can load where it could not fetch a JSON file.

import type { Store } from '../store/types.js';
import { FOLD_TABLE } from '../text/fold.js';
import { foldForMatch } from '../text/ignorable.js';

export interface FindIndex {
  /**
   * Pairs of UTF-16 units, each unit followed by what it folds to: those that fold to a unit some
   * folded title holds (another unit cannot make a typed word match a title, so it is left out).
   */
  fold: string;
  /** [id, date ("YYYY-MM-DD" or ""), title], newest first (then by id, highest first). */
  items: Array<[number, string, string]>;
}

export function findIndex(store: Store): FindIndex {
  const ids = Array.from(store.articleIds());
  const items: Array<[number, string, string]> = store
    .summariesOf(ids)
    .map((a): [number, string, string] => [a.id, a.date, a.title])
    .sort((a, b) => (a[1] === b[1] ? b[0] - a[0] : a[1] < b[1] ? 1 : -1));
  const held = new Set<number>();
  for (const [, , title] of items) {
    const folded = foldForMatch(title);
    for (let i = 0; i < folded.length; i++) held.add(folded.charCodeAt(i));
  }
  let fold = '';
  for (let unit = 0; unit < 65536; unit++) {
    // surrogates fold as themselves (the table is per UTF-16 unit)
    if (unit >= 0xd800 && unit <= 0xdfff) continue;
    const to = FOLD_TABLE[unit]!;
    if (to !== unit && held.has(to)) fold += String.fromCharCode(unit, to);
  }
  return { fold, items };
}

/** The index as the script the /find page loads. */
export function findIndexScript(store: Store): string {
  return `window.BACKFILE_FIND = ${JSON.stringify(findIndex(store))};\n`;
}
