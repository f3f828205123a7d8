// Tokens for the full-text index, computed from FOLDED text. Letters and digits of any script form
// runs (everything else — spaces, punctuation, symbols, emoji — separates runs). Each run of code
// points c1…ck gets one token per position: the bigram c(i)c(i+1), or the trigram c(i)c(i+1)c(i+2)
// when those three are ASCII letters or digits, and at the last position a run-end token: ck plus
// the separators that follow it (see indexTokens). So:
//   - a string of 2+ characters inside a run is found by the phrase of its tokens;
//   - a string with punctuation or spaces is found by the phrase through its run-end tokens (and,
//     after an opening bracket or quote, a run-start token: opener + first character, so that
//     "「港獨」" or "《逃犯條例》" are found exactly too);
//   - one character is found by the prefix query "c*" (every occurrence starts a token), or faster
//     by the per-character document lists (distinctChars), which also list the pairs of ASCII
//     letters and digits, so that two of them alone ("in", "US", "20") are one list too;
//   - Latin words and digits are runs too, so "lam" finds "Islam" and "11月" finds "11月就…" —
//     the index has substring semantics for every script, with no word segmentation to get wrong.
// Why trigrams for ASCII: Latin bigrams ("es", "in", "th") are in thousands of articles each, so a
// word's phrase merged long lists (2.95 ms a query on average over bench/web's Latin queries, up to
// 13 ms); its trigrams include rare ones (1.28 ms). Han bigrams are already rare enough, and Han
// trigrams would triple the index. Two ASCII characters alone are looked up as a pair in the
// per-character index (see distinctChars), not as the prefix of every trigram they begin.
// Databases made before INDEX_VERSION 5 hold bigrams only (TokenScheme 'bigrams'): their queries
// are planned as such.
// The tokens are joined with spaces and indexed by FTS5's `ascii` tokenizer, which splits on ASCII
// spaces only for this text (tokens hold letters, digits and non-ASCII characters).

/**
 * What makes runs: letters, digits and marks, but not the invisible ones (variation selectors, the
 * combining grapheme joiner, Hangul fillers): the variation selector of ❤️ is no more a letter than
 * ❤ is, and one after a Chinese character (葛󠄀) is dropped before tokenizing (../text/ignorable.ts).
 */
const LETTER_OR_DIGIT = /(?!\p{Default_Ignorable_Code_Point})[\p{L}\p{N}\p{M}]/u;

enum Kind {
  Separator = 0,
  Token = 1,
  HighSurrogate = 2,
}

const KIND: Uint8Array = (() => {
  const kinds = new Uint8Array(65536);
  const letterOrDigit = LETTER_OR_DIGIT;
  for (let c = 0; c < 65536; c++) {
    if (c >= 0xd800 && c <= 0xdbff) kinds[c] = Kind.HighSurrogate;
    else if (c >= 0xdc00 && c <= 0xdfff) kinds[c] = Kind.Separator;
    else if (letterOrDigit.test(String.fromCharCode(c))) kinds[c] = Kind.Token;
  }
  return kinds;
})();

const ASTRAL_TOKEN = new RegExp(`^${LETTER_OR_DIGIT.source}$`, 'u');

/** Length in UTF-16 units of the character at i when it is a letter or digit, else 0. */
function tokenCharLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  const kind = KIND[c];
  if (kind === Kind.Token) return 1;
  if (kind === Kind.HighSurrogate && i + 1 < text.length) {
    const low = text.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff && ASTRAL_TOKEN.test(text.slice(i, i + 2))) return 2;
  }
  return 0;
}

/** True when the unit is a letter or digit (BMP only; for quick checks). */
export function isTokenUnit(unit: number): boolean {
  return KIND[unit] === Kind.Token;
}

/** Splits folded text into runs of letters and digits: [start, end) offsets. */
export function tokenRuns(text: string): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let start = -1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const len = tokenCharLength(text, i);
    if (len > 0) {
      if (start < 0) start = i;
      i += len;
    } else {
      if (start >= 0) runs.push([start, i]);
      start = -1;
      i++;
    }
  }
  if (start >= 0) runs.push([start, n]);
  return runs;
}

/** Most separator characters kept in a run-end token (longer gaps are cut and marked). */
export const MAX_GAP = 8;
const GAP_SPACE = 0xe020; // whitespace run (the ASCII space moved to the private use area)
const GAP_CUT = 0xe0ff; // the gap went on beyond MAX_GAP characters

const IS_SPACE: Uint8Array = (() => {
  const t = new Uint8Array(65536);
  for (let c = 0; c < 65536; c++) if (/\s/.test(String.fromCharCode(c))) t[c] = 1;
  return t;
})();

/** True when the UTF-16 unit is whitespace as `/\s/` sees it (every such character is in the BMP). */
export function isSpaceUnit(unit: number): boolean {
  return IS_SPACE[unit] === 1;
}

/**
 * The encoded form of one separator unit inside a token: ASCII moves to the private use area (so
 * the `ascii` tokenizer keeps it inside the token), whitespace becomes one space mark.
 */
function gapUnit(c: number): number {
  if (IS_SPACE[c]) return GAP_SPACE;
  return c < 0x80 ? 0xe000 + c : c;
}

/** Encodes a separator string as it appears in run-end tokens (whitespace runs collapsed). */
export function encodeGap(gap: string): string {
  let out = '';
  let prev = -1;
  for (let i = 0; i < gap.length; i++) {
    const u = gapUnit(gap.charCodeAt(i));
    if (u === GAP_SPACE && prev === GAP_SPACE) continue;
    out += String.fromCharCode(u);
    prev = u;
  }
  return out;
}

/** Opening brackets and quotes: a run right after one also gets a run-start token (opener + char). */
const IS_OPENER: Uint8Array = (() => {
  const t = new Uint8Array(65536);
  const opener = /[\p{Ps}\p{Pi}"']/u;
  for (let c = 0; c < 65536; c++)
    if (!(c >= 0xd800 && c <= 0xdfff) && opener.test(String.fromCharCode(c))) t[c] = 1;
  return t;
})();

/** True when the unit is an opening bracket or quote (it starts run-start tokens). */
export function isOpener(unit: number): boolean {
  return IS_OPENER[unit] === 1;
}

/**
 * How an index tokenizes runs: 'trigrams' (this version: ASCII letters and digits in threes) or
 * 'bigrams' (databases made before INDEX_VERSION 5). Kept in meta 'index_tokens'.
 */
export type TokenScheme = 'bigrams' | 'trigrams';
export const TOKEN_SCHEME: TokenScheme = 'trigrams';

/** ASCII letters and digits: three in a row make a trigram token instead of a bigram. */
function isAsciiAlnum(unit: number): boolean {
  return (unit >= 0x30 && unit <= 0x39) || (unit >= 0x61 && unit <= 0x7a) || (unit >= 0x41 && unit <= 0x5a);
}

let scratch = new Uint16Array(1 << 16);

/**
 * The index text of folded text (TOKEN_SCHEME), space-separated tokens: for each run of letters and
 * digits its bigrams (trigrams where three ASCII letters or digits follow), then a run-end token:
 * the run's last character followed by the separators up to the next run (whitespace collapsed, at
 * most MAX_GAP of them, then a cut mark). A run at the very end of the text ends with its last
 * character alone. So the index also knows the exact punctuation and spacing between runs, and a
 * phrase like "carrie lam" or "covid-19" is found exactly.
 */
export function indexTokens(folded: string): string {
  const n = folded.length;
  // worst case: every unit yields a trigram (3 units) + space; a run end no more than it consumes
  const need = n * 4 + 16;
  if (scratch.length < need) scratch = new Uint16Array(need);
  const out = scratch;
  let o = 0;
  let prevStart = -1; // start of the previous character in the current run
  let prevLen = 0;
  let i = 0;
  while (i < n) {
    const c = folded.charCodeAt(i);
    let len = 0;
    const kind = KIND[c];
    if (kind === Kind.Token) len = 1;
    else if (kind === Kind.HighSurrogate) len = tokenCharLength(folded, i);
    if (len > 0) {
      if (prevStart >= 0) {
        const p = folded.charCodeAt(prevStart);
        out[o++] = p;
        if (prevLen === 2) out[o++] = folded.charCodeAt(prevStart + 1);
        out[o++] = c;
        if (len === 2) out[o++] = folded.charCodeAt(i + 1);
        else if (i + 1 < n && isAsciiAlnum(p) && isAsciiAlnum(c) && isAsciiAlnum(folded.charCodeAt(i + 1)))
          out[o++] = folded.charCodeAt(i + 1);
        out[o++] = 0x20;
      } else if (i > 0 && IS_OPENER[folded.charCodeAt(i - 1)]) {
        // run start after an opening bracket or quote: opener + first character
        out[o++] = gapUnit(folded.charCodeAt(i - 1));
        out[o++] = c;
        if (len === 2) out[o++] = folded.charCodeAt(i + 1);
        out[o++] = 0x20;
      }
      prevStart = i;
      prevLen = len;
      i += len;
    } else {
      if (prevStart >= 0) {
        // run end: last character + the gap up to the next run
        out[o++] = folded.charCodeAt(prevStart);
        if (prevLen === 2) out[o++] = folded.charCodeAt(prevStart + 1);
        let g = 0;
        let prev = -1;
        let j = i;
        for (; j < n; j++) {
          const cj = folded.charCodeAt(j);
          const kj = KIND[cj];
          if (kj === Kind.Token || (kj === Kind.HighSurrogate && tokenCharLength(folded, j) > 0)) break;
          const u = gapUnit(cj);
          if (u === GAP_SPACE && prev === GAP_SPACE) continue;
          prev = u;
          if (g < MAX_GAP) out[o++] = u;
          else if (g === MAX_GAP) out[o++] = GAP_CUT;
          g++;
        }
        out[o++] = 0x20;
        prevStart = -1;
        i = j;
        continue;
      }
      i++;
    }
  }
  if (prevStart >= 0) {
    out[o++] = folded.charCodeAt(prevStart);
    if (prevLen === 2) out[o++] = folded.charCodeAt(prevStart + 1);
    out[o++] = 0x20;
  }
  if (o > 0) o--; // trailing space
  return Buffer.from(out.buffer, out.byteOffset, o * 2).toString('utf16le');
}

const seenUnit = new Uint8Array(65536);
/** Pairs of ASCII units seen, by (first << 7 | second). */
const seenPair = new Uint8Array(1 << 14);

/**
 * The per-character index text of folded texts (TOKEN_SCHEME), space-separated: their distinct
 * letters and digits (code points), then their distinct pairs of adjacent ASCII letters or digits.
 * A pair is what a search for two such characters alone asks ("in", "US", "20"): in the full-text
 * index it is a bigram or the start of trigrams, which FTS5 could only search as a prefix, merging
 * every trigram it begins (4 times the cost of one list); here it is one positionless list.
 */
export function distinctChars(...texts: string[]): string {
  // at most 2 units a character (it and a space) and 3 a pair
  const need = texts.reduce((n, t) => n + t.length, 0) * 5 + 16;
  if (scratch.length < need) scratch = new Uint16Array(need);
  const out = scratch;
  let o = 0;
  let astral: Set<string> | null = null;
  for (const text of texts) {
    for (let i = 0, n = text.length; i < n; i++) {
      const c = text.charCodeAt(i);
      const kind = KIND[c];
      if (kind === Kind.Token) {
        if (!seenUnit[c]) {
          seenUnit[c] = 1;
          out[o++] = c;
          out[o++] = 0x20;
        }
      } else if (kind === Kind.HighSurrogate && tokenCharLength(text, i) === 2) {
        astral ??= new Set<string>();
        astral.add(text.slice(i, i + 2));
        i++;
      }
    }
  }
  for (let k = 0; k < o; k += 2) seenUnit[out[k]!] = 0;
  if (astral) {
    for (const a of astral) {
      out[o++] = a.charCodeAt(0);
      out[o++] = a.charCodeAt(1);
      out[o++] = 0x20;
    }
  }
  const pairsFrom = o;
  for (const text of texts) {
    for (let i = 0, n = text.length - 1; i < n; i++) {
      const a = text.charCodeAt(i);
      if (!isAsciiAlnum(a)) continue;
      const b = text.charCodeAt(i + 1);
      if (!isAsciiAlnum(b)) {
        i++;
        continue;
      }
      const key = (a << 7) | b;
      if (seenPair[key]) continue;
      seenPair[key] = 1;
      out[o++] = a;
      out[o++] = b;
      out[o++] = 0x20;
    }
  }
  for (let k = pairsFrom; k < o; k += 3) seenPair[(out[k]! << 7) | out[k + 1]!] = 0;
  if (o > 0) o--;
  return Buffer.from(out.buffer, out.byteOffset, o * 2).toString('utf16le');
}

/** Characters (code points) of a run of folded text. */
function runChars(text: string, start: number, end: number): string[] {
  return Array.from(text.slice(start, end));
}

/**
 * How to find a folded search term in the index: a phrase of tokens, whether its last token is a
 * prefix, whether the index alone is exact for it (false when it starts with separators or has a
 * gap longer than MAX_GAP: the hits must then be checked in the text), and whether it is one
 * character alone, or two ASCII letters or digits alone (found in the per-character index instead).
 */
export interface TermPlan {
  tokens: string[];
  prefixLast: boolean;
  exact: boolean;
  single: boolean;
}

/** A character of a run that is one ASCII letter or digit. */
function isAsciiChar(ch: string | undefined): boolean {
  return ch !== undefined && ch.length === 1 && isAsciiAlnum(ch.charCodeAt(0));
}

/**
 * Plans the index lookup of a folded term in an index of the given scheme; null when the term has
 * no letters or digits. The token at each position of the text depends on the characters from there
 * on, so every token of the term is known from the term alone, except the one at the second-last
 * character of a term that ends inside a run: with trigrams, that is a bigram or a trigram
 * according to the character after the term. It is left out when the trigram before it already
 * covers the last character, else searched as a prefix (both tokens begin with those two).
 */
export function planTerm(folded: string, scheme: TokenScheme = TOKEN_SCHEME): TermPlan | null {
  const runs = tokenRuns(folded);
  if (runs.length === 0) return null;
  const tokens: string[] = [];
  const firstStart = runs[0]![0];
  // A leading separator is exact when it is one opening bracket or quote (the run-start token)
  let exact = firstStart === 0 || (firstStart === 1 && IS_OPENER[folded.charCodeAt(0)] === 1);
  let prefixLast = false;
  const trigrams = scheme === 'trigrams';
  runs.forEach(([start, end], r) => {
    const chars = runChars(folded, start, end);
    const n = chars.length;
    if (start > 0 && IS_OPENER[folded.charCodeAt(start - 1)]) {
      tokens.push(String.fromCharCode(gapUnit(folded.charCodeAt(start - 1))) + chars[0]!);
    }
    const last = chars[n - 1]!;
    const next = runs[r + 1];
    const gap = encodeGap(folded.slice(end, next ? next[0] : folded.length));
    // the text's run may go on after the term (nothing in the term ends it)
    const open = !next && !gap;
    const ascii = (k: number) => trigrams && isAsciiChar(chars[k]);
    for (let k = 0; k + 1 < n; k++) {
      const bigram = chars[k]! + chars[k + 1]!;
      if (k + 2 < n) tokens.push(ascii(k) && ascii(k + 1) && ascii(k + 2) ? bigram + chars[k + 2]! : bigram);
      else if (!(open && ascii(k) && ascii(k + 1))) tokens.push(bigram);
      else if (!ascii(k - 1)) {
        tokens.push(bigram);
        prefixLast = true;
      }
      // else the trigram before covers the last character
    }
    if (next) {
      // a whole gap inside the term: the text's gap must be exactly this one
      if (gap.length > MAX_GAP) exact = false;
      tokens.push(
        gap.length > MAX_GAP ? `${last}${gap.slice(0, MAX_GAP)}${String.fromCharCode(GAP_CUT)}` : last + gap,
      );
    } else if (gap) {
      // separators end the term: the text's gap must start with them
      if (gap.length > MAX_GAP) exact = false;
      tokens.push(last + gap.slice(0, MAX_GAP));
      prefixLast = true;
    } else if (chars.length === 1) {
      // one character ends the term: any token starting with it (a bigram, a trigram, a run end)
      tokens.push(last);
      prefixLast = true;
    }
  });
  const whole = runs.length === 1 && runs[0]![0] === 0 && runs[0]![1] === folded.length;
  if (trigrams && whole && folded.length === 2 && isAsciiChar(folded[0]) && isAsciiChar(folded[1])) {
    // two ASCII letters or digits alone: their pair in the per-character index (see distinctChars)
    return { tokens: [folded], prefixLast: true, exact: true, single: true };
  }
  const single =
    whole &&
    tokens.length === 1 &&
    prefixLast &&
    tokens[0] === folded &&
    runChars(folded, 0, folded.length).length === 1;
  return { tokens, prefixLast, exact, single };
}

/** An FTS5 phrase expression for a plan, safe for any token content. */
export function ftsPhrase(plan: TermPlan): string {
  const quoted = `"${plan.tokens.map((t) => t.replaceAll('"', '""')).join(' ')}"`;
  return plan.prefixLast ? `${quoted} *` : quoted;
}
