// Snippets: a short window of an article's visible text around the first match, in the ORIGINAL
// characters, with [start, end) highlight offsets into the snippet text. Matching runs on the folded
// text, which has the same offsets (fold is 1:1 per UTF-16 unit); whitespace runs are shown as one
// space and the offsets are mapped through that.

import { isSpaceUnit } from '../text/tokenize.js';
import type { Snippet } from './types.js';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A global regex finding any of the folded terms (whitespace in a term matches any whitespace run). */
export function termsRegExp(foldedTerms: readonly string[]): RegExp | null {
  const parts = [...new Set(foldedTerms.map((t) => t.trim()).filter(Boolean))]
    .sort((a, b) => b.length - a.length)
    .map((t) => escapeRegExp(t).replace(/\s+/g, '\\s+'));
  return parts.length ? new RegExp(parts.join('|'), 'gu') : null;
}

/** True when the folded text contains the folded term (whitespace in the term matches any whitespace run). */
export function containsTerm(foldedText: string, foldedTerm: string): boolean {
  return termMatcher(foldedTerm)(foldedText);
}

/** containsTerm for one term, made once to test many texts. */
export function termMatcher(foldedTerm: string): (foldedText: string) => boolean {
  if (!/\s/.test(foldedTerm)) return (text) => text.includes(foldedTerm);
  const re = new RegExp(escapeRegExp(foldedTerm.trim()).replace(/\s+/g, '\\s+'), 'u');
  return (text) => re.test(text);
}

const BEFORE = 30;
/** How far the window moves to keep an English word or a match whole. */
const WORD_SLACK = 20;

/** A Latin letter or digit at text[i] (a part of an English word or a number). */
function isWordUnit(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** Builds a snippet of about `width` characters of `original` around the first match in `folded`. */
export function makeSnippet(original: string, folded: string, re: RegExp | null, width = 110): Snippet {
  let first = -1;
  if (re) {
    re.lastIndex = 0;
    const m = re.exec(folded);
    if (m) first = m.index;
  }
  let start = first < 0 ? 0 : Math.max(0, first - BEFORE);
  // do not start inside a surrogate pair
  if (start > 0 && (original.charCodeAt(start) & 0xfc00) === 0xdc00) start--;
  let end = Math.min(original.length, start + width);
  if (end < original.length && (original.charCodeAt(end) & 0xfc00) === 0xdc00) end++;
  if (first >= 0 && end - start < width && start > 0) start = Math.max(0, end - width);
  // an English word is not cut: the window starts after a word it would cut and ends before one
  if (start > 0 && isWordUnit(original, start - 1) && isWordUnit(original, start)) {
    let s = start;
    while (s < original.length && s - start < WORD_SLACK && isWordUnit(original, s)) s++;
    if (first < 0 || s <= first) start = s;
  }
  if (end < original.length && isWordUnit(original, end - 1) && isWordUnit(original, end)) {
    let e = end;
    while (e > start && end - e < WORD_SLACK && isWordUnit(original, e - 1)) e--;
    if (e > Math.max(start, first)) end = e;
  }
  // matches inside the window (one the window's end would cut is shown whole)
  const ranges: Array<[number, number]> = [];
  if (re && first >= 0) {
    re.lastIndex = start;
    for (let m = re.exec(folded); m && m.index < end; m = re.exec(folded)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const matchEnd = m.index + m[0].length;
      if (matchEnd > end && matchEnd - end <= WORD_SLACK) end = matchEnd;
      ranges.push([m.index, Math.min(end, matchEnd)]);
    }
  }
  // copy the window, collapsing whitespace runs to one space (none at the start), and map the
  // ranges: map[i] is where character start + i lands in the text
  const prefix = start > 0 ? '…' : '';
  const pieces: string[] = [prefix];
  const map = new Int32Array(end - start + 1);
  let length = prefix.length;
  let prevSpace = true;
  let run = -1; // start of the run of non-space characters being copied
  for (let i = start; i < end; i++) {
    map[i - start] = length;
    if (isSpaceUnit(original.charCodeAt(i))) {
      if (run >= 0) {
        pieces.push(original.slice(run, i));
        run = -1;
      }
      if (!prevSpace) {
        pieces.push(' ');
        length++;
      }
      prevSpace = true;
    } else {
      if (run < 0) run = i;
      length++;
      prevSpace = false;
    }
  }
  if (run >= 0) pieces.push(original.slice(run, end));
  map[end - start] = length;
  let text = pieces.join('');
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
