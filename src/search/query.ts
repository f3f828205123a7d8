// The query language, parsed without ever failing: space-separated terms must all match;
// "quoted phrases" match as typed (spaces included); `a OR b` matches either; `-term` excludes.
// Phones and Chinese keyboards type “curly” and full-width ＂quotes＂ and a full-width minus (－):
// they mean the same. (「」 are text: a term 「反送中」 matches those brackets too.) A term holding a
// word that Traditional spells with other characters (回复: 回覆, see src/text/spellings.ts) is
// searched in both spellings, as `回复 OR 回覆`.
// `author:`, `tag:`, `category:` filter on exact values (folded; quote values with spaces);
// `date:2019-06..2019-12`, `date:2019`, `from:2019-06`, `to:2019-12-31` bound the date; `id:174`
// is the article of that number. A minus before a value filter excludes it (`-tag:港版國安法`). Anything the parser cannot use becomes a warning, never an
// exception (another `word:` prefix is searched as text, with a warning; so are control characters,
// left out), and nothing of the text reaches the FTS engine except folded index tokens (see
// src/text/tokenize.ts).

import { normalizeDatePrefix } from '../lib/calendar-date.js';
import { foldForMatch } from '../text/ignorable.js';
import { otherSpellings } from '../text/spellings.js';
import { planTerm, type TermPlan, TOKEN_SCHEME, type TokenScheme } from '../text/tokenize.js';
import { Notes, type QueryNote } from './notes.js';

export { normalizeDatePrefix };

/** Longest query text considered (characters); the rest is ignored with a warning. */
export const MAX_QUERY_LENGTH = 1000;
/** Most terms (including OR alternatives and exclusions) considered. */
export const MAX_TERMS = 32;

export interface Term {
  /** As typed (control characters removed). */
  text: string;
  folded: string;
  /** Written in quotes. */
  quoted: boolean;
  plan: TermPlan;
}

export interface DateRange {
  /** Inclusive lower bound "YYYY[-MM[-DD]]", compared as a prefix. */
  from?: string;
  /** Inclusive upper bound "YYYY[-MM[-DD]]", compared as a prefix. */
  to?: string;
}

export interface ParsedQuery {
  /** Every clause must match; a clause matches when any of its terms does. */
  clauses: Term[][];
  /** No hit may contain any of these. */
  excluded: Term[];
  /**
   * Folded filter values; an article must have all the authors (a byline, or a person it names:
   * src/corpus/byline.ts), one of the categories, all tags.
   */
  authors: string[];
  categories: string[];
  tags: string[];
  /** Article numbers (id:174): an article must be one of them. */
  ids: number[];
  /** Excluded values (-author:, -category:, -tag:, folded) and numbers (-id:): no hit has any. */
  notAuthors: string[];
  notCategories: string[];
  notTags: string[];
  notIds: number[];
  date: DateRange;
  /** What could not be taken as typed, in English (./notes.ts), and as codes one for one. */
  warnings: string[];
  notes: QueryNote[];
  /** The query as understood, normalized. */
  understood: string;
}

type Item =
  | { kind: 'term'; text: string; quoted: boolean; negated: boolean }
  | { kind: 'or' }
  | { kind: 'filter'; field: string; value: string; quoted: boolean; negated: boolean };

const FILTER_FIELDS = new Set(['author', 'tag', 'category', 'date', 'from', 'to', 'id']);
const FILTER_LIST = 'author:, tag:, category:, date:, from:, to:, id:';

/** Whitespace for the parser: ASCII and Unicode spaces, plus the ideographic space. */
const SPACE = /[\s\u3000]/;
/** Quote marks: ASCII, curly (as phones type them) and full-width. */
const QUOTES = '"\u201c\u201d\uff02';
const isQuote = (ch: string | undefined) => ch !== undefined && QUOTES.includes(ch);
/** The minus of an exclusion: ASCII, full-width and the minus sign. */
const isMinus = (ch: string) => ch === '-' || ch === '\uff0d' || ch === '\u2212';

function quoteIfNeeded(value: string): string {
  return /[\s"]/.test(value) || value === '' || value === 'OR' ? `"${value.replaceAll('"', '')}"` : value;
}

function lex(input: string, notes: Notes): Item[] {
  const items: Item[] = [];
  let i = 0;
  const n = input.length;
  const readQuoted = (): string => {
    // at an opening quote: the next quote mark of any kind closes it
    let close = i + 1;
    while (close < n && !isQuote(input[close])) close++;
    if (close === n) close = -1;
    if (close < 0) {
      notes.add('unclosedQuote');
      const text = input.slice(i + 1);
      i = n;
      return text;
    }
    const text = input.slice(i + 1, close);
    i = close + 1;
    return text;
  };
  const readWord = (): string => {
    const start = i;
    while (i < n && !SPACE.test(input[i]!)) i++;
    return input.slice(start, i);
  };
  while (i < n) {
    const ch = input[i]!;
    if (SPACE.test(ch)) {
      i++;
      continue;
    }
    let negated = false;
    if (isMinus(ch) && i + 1 < n && !SPACE.test(input[i + 1]!)) {
      negated = true;
      i++;
    }
    if (isQuote(input[i])) {
      const text = readQuoted();
      items.push({ kind: 'term', text: text.trim(), quoted: true, negated });
      continue;
    }
    // field:value or field:"value"
    const field = /^([a-zA-Z]+):/.exec(input.slice(i, i + 12));
    if (field && FILTER_FIELDS.has(field[1]!.toLowerCase())) {
      i += field[0].length;
      let value: string;
      let quoted = false;
      if (isQuote(input[i])) {
        value = readQuoted();
        quoted = true;
      } else {
        value = readWord();
      }
      items.push({ kind: 'filter', field: field[1]!.toLowerCase(), value, quoted, negated });
      continue;
    }
    // another word: directly followed by a value (not a URL's ://, not 10:30) is text, as typed
    const other = /^([a-zA-Z]+):(?=[^\s/])/.exec(input.slice(i));
    if (other) notes.add('notAFilter', other[1]!, FILTER_LIST);
    const word = readWord();
    if (word === 'OR' && !negated) items.push({ kind: 'or' });
    else {
      // or in lowercase between terms is a word, as typed, but rarely what was meant
      const between = items.at(-1)?.kind === 'term' && input.slice(i).trim() !== '' && !negated;
      if (between && word.toLowerCase() === 'or') notes.add('lowercaseOr', word);
      items.push({ kind: 'term', text: word, quoted: false, negated });
    }
  }
  return items;
}

function makeTerm(text: string, quoted: boolean, notes: Notes, scheme: TokenScheme): Term | null {
  const folded = foldForMatch(text);
  const plan = planTerm(folded, scheme);
  if (!plan) {
    if (text.trim() !== '') notes.add('noLetters', text);
    return null;
  }
  return { text, folded, quoted, plan };
}

/** Control characters (C0 but tab and line ends, DEL, C1) and lone surrogates. */
const UNSEARCHABLE =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * The text with control characters and lone surrogates taken for spaces, and a warning naming them
 * (by code point: they cannot be shown), as for any other term without a letter or digit.
 */
function sanitize(text: string, notes: Notes): string {
  const found = new Set<string>();
  const clean = text.replace(UNSEARCHABLE, (ch) => {
    found.add(`U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
    return ' ';
  });
  if (found.size) {
    const shown = [...found].slice(0, 5).join(', ') + (found.size > 5 ? ', …' : '');
    notes.add(found.size === 1 ? 'controlCharacter' : 'controlCharacters', shown);
  }
  return clean;
}

/**
 * The stricter of two date bounds given as prefixes (YYYY, YYYY-MM or YYYY-MM-DD). A lower bound
 * holds for dates not before it, so the later string is stricter; an upper bound holds for dates
 * whose prefix of its length is not after it (2019 runs to the end of 2019), so it compares as if
 * padded past every date it covers.
 */
function narrowerBound(which: 'from' | 'to', a: string, b: string): string {
  if (which === 'from') return a >= b ? a : b;
  return `${a}~` <= `${b}~` ? a : b;
}

/** Parses a query, its terms planned for an index of the given scheme; never throws. */
export function parseQuery(raw: string, scheme: TokenScheme = TOKEN_SCHEME): ParsedQuery {
  const notes = new Notes();
  let input = sanitize(typeof raw === 'string' ? raw : String(raw ?? ''), notes);
  if (input.length > MAX_QUERY_LENGTH) {
    input = input.slice(0, MAX_QUERY_LENGTH);
    notes.add('shortened', String(MAX_QUERY_LENGTH));
  }
  const items = lex(input, notes);
  const q: ParsedQuery = {
    clauses: [],
    excluded: [],
    authors: [],
    categories: [],
    tags: [],
    ids: [],
    notAuthors: [],
    notCategories: [],
    notTags: [],
    notIds: [],
    date: {},
    warnings: notes.warnings,
    notes: notes.notes,
    understood: '',
  };
  const understood: string[] = [];
  let termCount = 0;
  let pendingOr = false;
  let lastWasPositiveTerm = false;
  // a second bound narrows the first (date:2019-06..2019-12 date:2019 is June to December 2019)
  const setBound = (which: 'from' | 'to', text: string, label: string) => {
    const value = normalizeDatePrefix(text);
    if (value === undefined) {
      notes.add('notADate', label);
      return false;
    }
    const before = q.date[which];
    q.date[which] = before === undefined ? value : narrowerBound(which, before, value);
    return true;
  };
  for (const item of items) {
    if (item.kind === 'or') {
      if (!lastWasPositiveTerm || pendingOr) {
        notes.add('strayOr');
        continue;
      }
      pendingOr = true;
      continue;
    }
    if (item.kind === 'filter') {
      const label = `${item.field}:${item.quoted ? `"${item.value}"` : item.value}`;
      const isDate = item.field === 'date' || item.field === 'from' || item.field === 'to';
      // a value filter excludes its value (-tag:x); a date range cannot be turned inside out
      if (item.negated && isDate) notes.add('filterNegated', label);
      const minus = item.negated && !isDate ? '-' : '';
      if (pendingOr) {
        notes.add('orWithFilter');
        pendingOr = false;
      }
      lastWasPositiveTerm = false;
      const value = item.value.trim();
      if (item.field === 'date') {
        const range = /^(.*?)\.\.(.*)$/.exec(value);
        let ok = true;
        if (range) {
          if (range[1]) ok = setBound('from', range[1], label) && ok;
          if (range[2]) ok = setBound('to', range[2], label) && ok;
          if (!range[1] && !range[2]) {
            notes.add('noDates', label);
            ok = false;
          }
        } else if (setBound('from', value, label)) {
          setBound('to', value, label);
        } else ok = false;
        if (ok) understood.push(`date:${value}`);
        continue;
      }
      if (item.field === 'from' || item.field === 'to') {
        if (setBound(item.field, value, label)) understood.push(`${item.field}:${value}`);
        continue;
      }
      if (value === '') {
        notes.add('noValue', label);
        continue;
      }
      if (item.field === 'id') {
        if (/^\d{1,9}$/.test(value) && Number(value) > 0) {
          (minus ? q.notIds : q.ids).push(Number(value));
          understood.push(`${minus}id:${Number(value)}`);
        } else notes.add('notAnId', label);
        continue;
      }
      const folded = foldForMatch(value);
      if (item.field === 'author') (minus ? q.notAuthors : q.authors).push(folded);
      else if (item.field === 'category') (minus ? q.notCategories : q.categories).push(folded);
      else (minus ? q.notTags : q.tags).push(folded);
      understood.push(`${minus}${item.field}:${quoteIfNeeded(value)}`);
      continue;
    }
    // a term
    if (termCount >= MAX_TERMS) {
      if (termCount === MAX_TERMS) notes.add('tooManyTerms', String(MAX_TERMS));
      termCount++;
      continue;
    }
    const term = makeTerm(item.text, item.quoted, notes, scheme);
    if (!term) {
      if (pendingOr) pendingOr = false;
      continue;
    }
    termCount++;
    const show = (text: string) => (item.quoted ? `"${text.replaceAll('"', '')}"` : text);
    const shown = show(item.text);
    // a word spelled otherwise in Traditional (回复: 回覆) is searched in both spellings
    const others = otherSpellings(item.text)
      .map((text) => makeTerm(text, item.quoted, new Notes(), scheme))
      .filter((t): t is Term => t !== null);
    if (item.negated) {
      if (pendingOr) {
        notes.add('orBeforeExcluded');
        pendingOr = false;
      }
      q.excluded.push(term, ...others);
      understood.push(`-${shown}`, ...others.map((t) => `-${show(t.text)}`));
      lastWasPositiveTerm = false;
      continue;
    }
    // a spelling already in the clause (typed, or added for another term) is not added again
    const clause = pendingOr && q.clauses.length > 0 ? q.clauses[q.clauses.length - 1]! : [];
    if (clause.length === 0) q.clauses.push(clause);
    else understood.push('OR');
    understood.push(shown);
    if (!clause.some((c) => c.folded === term.folded)) clause.push(term);
    for (const t of others) {
      if (clause.some((c) => c.folded === t.folded)) continue;
      clause.push(t);
      understood.push('OR', show(t.text));
    }
    pendingOr = false;
    lastWasPositiveTerm = true;
  }
  if (pendingOr) notes.add('trailingOr');
  if (q.date.from && q.date.to && q.date.from.slice(0, q.date.to.length) > q.date.to) {
    notes.add('emptyRange', q.date.from, q.date.to);
  }
  q.understood = understood.join(' ');
  return q;
}
