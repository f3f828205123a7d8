// Turns an Article into what the store writes: the row fields, the compressed body (with the lengths
// of its main and footer parts), and the three index texts (title, visible text, facet values) as
// folded tokens. Pure and synchronous so it can run in the importing thread or in a worker.

import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { repairMisDecoded, repairMisDecodedRecord } from '../corpus/anomalies.js';
import { splitBody } from '../corpus/body.js';
import type { Article, BodyParts } from '../corpus/types.js';
import { normalizeDatePrefix } from '../lib/calendar-date.js';
import { fold } from '../text/fold.js';
import { foldForMatch } from '../text/ignorable.js';
import { distinctChars, indexTokens } from '../text/tokenize.js';
import { visibleMain } from '../text/visible.js';

export interface PreparedArticle {
  id: number;
  title: string;
  date: string;
  lastUpdated: string | null;
  author: string;
  category: string | null;
  tags: string[];
  /** null when it is the capture URL of originalUrl. */
  url: string | null;
  captureTimestamp: string | null;
  originalUrl: string;
  body: Buffer;
  /** The start of the visible text, UTF-16LE (see leadOf). */
  lead: Buffer;
  mainLength: number;
  footerLength: number;
  /** Index texts: strings, or their UTF-8 bytes when they come from the import worker. */
  ftsTitle: string | Buffer;
  ftsText: string | Buffer;
  ftsMeta: string | Buffer;
  /** The distinct letters and digits of title, visible text and facet values. */
  ftsChars: string | Buffer;
  /** How the stored title and body differ from the record's, when they were repaired. */
  repair: RecordRepairNote | null;
}

/** A repair of a record's text made for the store (the record file keeps its bytes). */
export interface RecordRepairNote {
  /** 'mis-decoded': UTF-8 read through a Cyrillic code page, decoded back. */
  kind: 'mis-decoded';
  /** Places where bytes were missing, shown as U+FFFD. */
  lost: number;
}

/** The Wayback capture URL of an original URL. */
export function captureUrl(captureTimestamp: string | null, originalUrl: string): string | null {
  return captureTimestamp ? `https://web.archive.org/web/${captureTimestamp}/${originalUrl}` : null;
}

/**
 * Separates facet values in the indexed meta text: a control character, which queries cannot hold,
 * so no phrase can match across two values.
 */
export const META_SEPARATOR = '\u001f';

/** The facet values of an article (author, category, tags), as a list. */
export function metaValues(
  author: string,
  category: string | null | undefined,
  tags: readonly string[],
): string[] {
  return [author, category ?? '', ...tags];
}

/** The facet values of an article joined as one text, searchable like the body. */
export function metaText(
  author: string,
  category: string | null | undefined,
  tags: readonly string[],
): string {
  return metaValues(author, category, tags).join(META_SEPARATOR);
}

/**
 * How the text of a body is encoded before it is deflated. UTF-16LE since INDEX_VERSION 4: V8 turns
 * UTF-16LE bytes into a string with a copy, where Chinese UTF-8 costs about 3 ns a byte to decode
 * (inflate and decode of a body on this corpus: 15.6 µs against 30.0 µs), and deflated UTF-16LE is
 * smaller here (134.2 MB against 143.6 MB: a Han character is 2 bytes instead of 3). Databases made
 * before say nothing in meta and hold UTF-8 (see bodyEncodingOf).
 */
export type BodyEncoding = 'utf8' | 'utf16le';
export const BODY_ENCODING: BodyEncoding = 'utf16le';

/** Raw deflate, level 6, of the text as BODY_ENCODING (brotli 5 is 6% smaller, at half the speed). */
export function compressText(text: string): Buffer {
  return deflateRawSync(Buffer.from(text, BODY_ENCODING), { level: 6 });
}

export function decompressText(blob: Buffer, encoding: BodyEncoding): string {
  return inflateRawSync(blob).toString(encoding);
}

/** The body parts back from a stored blob and the part lengths. */
export function bodyParts(
  blob: Buffer,
  mainLength: number,
  footerLength: number,
  encoding: BodyEncoding,
): BodyParts {
  const body = decompressText(blob, encoding);
  return {
    main: body.slice(0, mainLength),
    footer: body.slice(mainLength, mainLength + footerLength),
    columnist: body.slice(mainLength + footerLength),
  };
}

/** The index texts of an article's title, visible text and facet values. */
export function indexTexts(
  title: string,
  visible: string,
  meta: string,
): Pick<PreparedArticle, 'ftsTitle' | 'ftsText' | 'ftsMeta' | 'ftsChars'> {
  const t = foldForMatch(title);
  const v = fold(visible);
  const m = foldForMatch(meta);
  return {
    ftsTitle: indexTokens(t),
    ftsText: indexTokens(v),
    ftsMeta: indexTokens(m),
    ftsChars: distinctChars(t, v, m),
  };
}

/**
 * UTF-16 units of visible text kept uncompressed for search snippets (the leads table): a page of
 * hits cuts most of its snippets from them instead of inflating bodies. 300 holds the snippet of
 * 87% of the hits of bench/web's heavy queries and 55% of its distinct ones (whose others mostly
 * match further in, as the index says, so that their leads are not read), in 30 MB: the database
 * stays under its 600 MB (400 would hold 91% and 63%, in 39 MB, and pass it). Search takes a lead
 * shorter than this for a whole text: a change of it needs an INDEX_VERSION of its own.
 */
export const LEAD_LENGTH = 300;

/** The lead of a visible text: its first LEAD_LENGTH units (a surrogate pair is not cut), UTF-16LE. */
export function leadOf(visible: string): Buffer {
  let end = Math.min(visible.length, LEAD_LENGTH);
  if (end < visible.length && (visible.charCodeAt(end - 1) & 0xfc00) === 0xd800) end++;
  return Buffer.from(visible.slice(0, end), 'utf16le');
}

/** A facet value as readers should see it: mis-decoded values (`зңҫиӘӘ`) decoded back (眾說). */
function facetValue(value: string): string {
  return repairMisDecoded(value) ?? value;
}

/**
 * The date the index sorts, lists and counts by: YYYY-MM-DD, or '' (undated) for a record whose date
 * is in no such form (`check` reports it as bad-date; the record file keeps it as written). A time
 * after the date, or slashes and one-digit months and days, are read. Dates the corpus holds are
 * all YYYY-MM-DD already, so no stored record changes.
 */
export function indexedDate(raw: string): string {
  const day = normalizeDatePrefix((raw ?? '').trim().replace(/[T\s].*$/, ''));
  return day?.length === 10 ? day : '';
}

export function prepareArticle(article: Article): PreparedArticle {
  // A record stored mis-decoded as a whole (record 43693: UTF-8 read through a Cyrillic code page)
  // is kept and shown decoded back; its file keeps its bytes.
  const repair = repairMisDecodedRecord(article);
  const title = repair?.title ?? article.title;
  const body = repair?.body ?? article.body;
  const parts = splitBody(body);
  // The record file keeps its bytes; the index shows the repaired values so that a mis-decoded
  // category does not stand as a category of its own.
  const tags = (article.tags ?? []).map(facetValue);
  const category = article.category === undefined ? null : facetValue(article.category);
  const author = facetValue(article.author);
  const captureTimestamp = article.captureTimestamp ?? null;
  const visible = visibleMain(parts.main, title);
  return {
    id: article.id,
    title,
    date: indexedDate(article.date),
    lastUpdated: article.lastUpdated ?? null,
    author,
    category,
    tags,
    url: article.url === captureUrl(captureTimestamp, article.originalUrl) ? null : article.url,
    captureTimestamp,
    originalUrl: article.originalUrl,
    body: compressText(body),
    lead: leadOf(visible),
    mainLength: parts.main.length,
    footerLength: parts.footer.length,
    repair: repair ? { kind: 'mis-decoded', lost: repair.lost } : null,
    ...indexTexts(title, visible, metaText(author, category, tags)),
  };
}
