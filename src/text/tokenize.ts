// Tokens for the full-text index, computed from FOLDED text. Letters and digits of any script form
// runs (everything else — spaces, punctuation, symbols, emoji — separates runs). Each run of code
// points c1…ck becomes its overlapping bigrams c1c2, c2c3, …, c(k-1)ck followed by a run-end token:
// ck plus the separators that follow it (see indexTokens). So:
//   - a string of 2+ characters inside a run is found by the phrase of its bigrams;
//   - a string with punctuation or spaces is found by the phrase through its run-end tokens (and,
//     after an opening bracket or quote, a run-start token: opener + first character, so that
//     "「港獨」" or "《逃犯條例》" are found exactly too);
//   - one character is found by the prefix query "c*" (every occurrence starts a bigram or a run
//     end), or faster by the per-character document lists (distinctChars);
//   - Latin words and digits are runs too, so "lam" finds "Islam" and "11月" finds "11月就…" —
//     the index has substring semantics for every script, with no word segmentation to get wrong.
// The tokens are joined with spaces and indexed by FTS5's `ascii` tokenizer, which splits on ASCII
// spaces only for this text (tokens hold letters, digits and non-ASCII characters).

enum Kind {
  Separator = 0,
  Token = 1,
  HighSurrogate = 2,
}

const KIND: Uint8Array = (() => {
  const kinds = new Uint8Array(65536);
  const letterOrDigit = /[\p{L}\p{N}\p{M}]/u;
  for (let c = 0; c < 65536; c++) {
    if (c >= 0xd800 && c <= 0xdbff) kinds[c] = Kind.HighSurrogate;
    else if (c >= 0xdc00 && c <= 0xdfff) kinds[c] = Kind.Separator;
    else if (letterOrDigit.test(String.fromCharCode(c))) kinds[c] = Kind.Token;
  }
  return kinds;
})();

const ASTRAL_TOKEN = /^[\p{L}\p{N}\p{M}]$/u;

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

let scratch = new Uint16Array(1 << 16);

/**
 * The index text of folded text, space-separated tokens: for each run of letters and digits its
 * bigrams, then a run-end token: the run's last character followed by the separators up to the
 * next run (whitespace collapsed, at most MAX_GAP of them, then a cut mark). A run at the very end
 * of the text ends with its last character alone. So the index also knows the exact punctuation and
 * spacing between runs, and a phrase like "carrie lam" or "covid-19" is found exactly.
 */
export function indexTokens(folded: string): string {
  const n = folded.length;
  // worst case: every unit yields a bigram (2 units) + space; run ends add MAX_GAP + 3
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
        out[o++] = folded.charCodeAt(prevStart);
        if (prevLen === 2) out[o++] = folded.charCodeAt(prevStart + 1);
        out[o++] = c;
        if (len === 2) out[o++] = folded.charCodeAt(i + 1);
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

/** The distinct letters and digits (code points) of folded texts, space-separated. */
export function distinctChars(...texts: string[]): string {
  const need = texts.reduce((n, t) => n + t.length, 0) * 2 + 16;
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
 * character alone (found in the per-character index instead).
 */
export interface TermPlan {
  tokens: string[];
  prefixLast: boolean;
  exact: boolean;
  single: boolean;
}

/** Plans the index lookup of a folded term; null when the term has no letters or digits. */
export function planTerm(folded: string): TermPlan | null {
  const runs = tokenRuns(folded);
  if (runs.length === 0) return null;
  const tokens: string[] = [];
  const firstStart = runs[0]![0];
  // A leading separator is exact when it is one opening bracket or quote (the run-start token)
  let exact = firstStart === 0 || (firstStart === 1 && IS_OPENER[folded.charCodeAt(0)] === 1);
  let prefixLast = false;
  runs.forEach(([start, end], r) => {
    const chars = runChars(folded, start, end);
    if (start > 0 && IS_OPENER[folded.charCodeAt(start - 1)]) {
      tokens.push(String.fromCharCode(gapUnit(folded.charCodeAt(start - 1))) + chars[0]!);
    }
    for (let k = 0; k + 1 < chars.length; k++) tokens.push(chars[k]! + chars[k + 1]!);
    const last = chars[chars.length - 1]!;
    const next = runs[r + 1];
    const gap = encodeGap(folded.slice(end, next ? next[0] : folded.length));
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
      // one character ends the term: any bigram starting with it, or a run end
      tokens.push(last);
      prefixLast = true;
    }
  });
  const whole = runs.length === 1 && runs[0]![0] === 0 && runs[0]![1] === folded.length;
  const single = whole && tokens.length === 1 && prefixLast && tokens[0] === folded;
  return { tokens, prefixLast, exact, single };
}

/** An FTS5 phrase expression for a plan, safe for any token content. */
export function ftsPhrase(plan: TermPlan): string {
  const quoted = `"${plan.tokens.map((t) => t.replaceAll('"', '""')).join(' ')}"`;
  return plan.prefixLast ? `${quoted} *` : quoted;
}
