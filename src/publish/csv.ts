// Data exports for researchers: a list of articles as CSV (RFC 4180), the form spreadsheets and
// statistics tools read. UTF-8 with a byte-order mark (Excel reads Chinese as UTF-8 only with it),
// CRLF line ends, a field quoted when it holds a comma, a quote or a line break. A field of a
// record's text (every column but the numbers and the address made here: dates and addresses too,
// which a record may hold anything in) that starts with = + - @ or a tab or carriage return gets a
// leading apostrophe, so that a spreadsheet shows it as text instead of running it as a formula
// (OWASP's advice against CSV injection); no value of the corpus starts so, so none changes.

import type { ArticleRecord } from '../store/types.js';
import { isWaybackCapture } from './citation.js';

/** The columns of an article export, in order (names stable for scripts). */
export const ARTICLE_COLUMNS = [
  'id',
  'date',
  'last_updated',
  'title',
  'author',
  'category',
  'tags',
  'article_url',
  'original_url',
  'wayback_url',
  'capture_timestamp',
  'story_id',
  'captured_at',
] as const;

/**
 * The article's own address on hkcnews.com, which the site answered for any slug: clean where the
 * record's original_url lost the bytes of its slug (about 9,000 records hold U+FFFD there).
 */
const HKCNEWS_ARTICLE = 'https://www.hkcnews.com/article/';

/** Joins an article's tags in one field (no tag of the corpus holds it). */
const TAG_SEPARATOR = '; ';

const BOM = '\ufeff';
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field: text fields are kept from being read as formulas; quoted when needed. */
export function csvField(value: string | number | null | undefined, text = false): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (text && FORMULA_START.test(s)) s = `'${s}`;
  return NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * The capture time of a Wayback timestamp (YYYYMMDDhhmmss, UTC) as `YYYY-MM-DD hh:mm:ss`, which
 * spreadsheets read as a date and time (the 14 digits of capture_timestamp they show as a number,
 * 2.02107E+13); '' for anything else.
 */
export function captureTime(timestamp: string | null): string {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(timestamp ?? '');
  return m ? `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}` : '';
}

/** One article's line of an export, ended by CRLF. */
export function articleCsvLine(r: ArticleRecord): string {
  return `${[
    csvField(r.id),
    csvField(r.date, true),
    csvField(r.lastUpdated, true),
    csvField(r.title, true),
    csvField(r.author, true),
    csvField(r.category, true),
    csvField(r.tags.join(TAG_SEPARATOR), true),
    csvField(`${HKCNEWS_ARTICLE}${r.id}`),
    csvField(r.originalUrl, true),
    csvField(isWaybackCapture(r.url) ? r.url : '', true),
    csvField(r.captureTimestamp, true),
    csvField(r.storyId),
    csvField(captureTime(r.captureTimestamp)),
  ].join(',')}\r\n`;
}

/** The start of an article export: the byte-order mark and the header line. */
export const ARTICLES_CSV_HEAD = `${BOM}${ARTICLE_COLUMNS.join(',')}\r\n`;
