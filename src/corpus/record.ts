// The one reader and writer of the record format: a Markdown file with YAML frontmatter per article.
// parseRecord reads the frontmatter with a small hand-written scanner (js-yaml only as a fallback for
// forms the scanner does not handle) and keeps the file's exact layout, so that serializeRecord
// gives the same bytes back; fields the caller changed are rewritten in the corpus's conventions.

import { isUtf8 } from 'node:buffer';
import { basename } from 'node:path';
import { FAILSAFE_SCHEMA, load as loadYaml } from 'js-yaml';
import { RecordError } from '../lib/errors.js';
import type { Article, ExtraField } from './types.js';
import { quoteString, readList, readScalar, UnsupportedYaml } from './yaml-scalar.js';

/** Largest record file accepted (the largest real one is under 200 KB). */
export const MAX_RECORD_BYTES = 10 * 1024 * 1024;

/** The known frontmatter keys in the corpus's order. */
export const KNOWN_KEYS = [
  'title',
  'date',
  'last_updated',
  'author',
  'category',
  'tags',
  'url',
  'original_url',
  // written by recover only for a capture that is not on the Wayback Machine (see Article.captured)
  'captured',
  'capture_source',
] as const;
export type KnownKey = (typeof KNOWN_KEYS)[number];
const KNOWN_INDEX = new Map<string, number>(KNOWN_KEYS.map((k, i) => [k, i]));

type FieldValue = string | string[] | undefined;

/** One frontmatter entry as it stood in the file. */
export interface LayoutEntry {
  key: string;
  /** The entry's exact text: key line and continuation lines, each with its line end. */
  raw: string;
  /** The value parsed from it (string for scalars, string[] for tags, the raw value for extras). */
  value: FieldValue;
}

/** How a parsed record was laid out, so that serializeRecord gives the same bytes back. */
export interface RecordLayout {
  path: string;
  bom: boolean;
  /** The line end of the frontmatter: "\r\n" when its first line ends so. */
  eol: '\n' | '\r\n';
  /** Text before the first entry: the opening "---" line (and any comments). */
  open: string;
  entries: LayoutEntry[];
  /** The closing "---" line and the blank line after it (the body starts after). */
  close: string;
  /** Set when the file is not valid UTF-8: its bytes, and the decoded text they gave. */
  invalidUtf8?: { bytes: Buffer; decoded: string };
  /** Where the file has C0 control characters other than tab/LF/CR (besides NUL, which is rejected). */
  controlCharacters: boolean;
  /** The id in the file name (article_<id>.md), when it has one. */
  fileId?: number;
  /** True when original_url holds no /article/<id>/ and the id came from the file name. */
  idFromFileName: boolean;
}

/** The layout of a parsed article, or undefined for one built from scratch. */
export function layoutOf(article: Article): RecordLayout | undefined {
  const l = article.layout as RecordLayout | undefined;
  return l && typeof l === 'object' && Array.isArray(l.entries) ? l : undefined;
}

/** The largest article id a record may have: ids are kept as 32-bit integers. */
export const MAX_ARTICLE_ID = 2 ** 31 - 1;

const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_-]*):(?=[ \t]|\r?\n|$)/;
const ARTICLE_ID = /\/article\/(\d+)(?:[/?#]|$)/;
const FILE_ID = /^article_(\d+)\.md$/;
const CAPTURE = /\/web\/(\d{14})(?:[a-z]{2}_)?\//;
const CONTROL_BYTES = [
  1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 127,
];

/** True when the bytes hold a C0 control character other than tab, LF and CR (or DEL). */
function hasControlBytes(bytes: Buffer): boolean {
  for (const c of CONTROL_BYTES) if (bytes.indexOf(c) >= 0) return true;
  return false;
}

/** The article id in an hkcnews.com URL (/article/<id>/…), if any. */
export function articleIdFromUrl(url: string): number | undefined {
  const m = ARTICLE_ID.exec(url);
  return m ? Number(m[1]) : undefined;
}

/** The 14-digit Wayback capture timestamp in a web.archive.org URL, if any. */
export function captureTimestampFromUrl(url: string): string | undefined {
  return CAPTURE.exec(url)?.[1];
}

/** The 14-digit timestamp of a `captured:` value ("2025-01-01T00:00:00Z"), if it is one. */
export function captureTimestampFromDate(captured: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})/.exec(captured.trim());
  return m ? m.slice(1).join('') : undefined;
}

/** The id in a record file name (article_<id>.md), if any. */
export function articleIdFromPath(path: string): number | undefined {
  const m = FILE_ID.exec(basename(path));
  return m ? Number(m[1]) : undefined;
}

function formatSize(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${(n / 1024).toFixed(1)} KB`;
}

/** Splits text into lines, each keeping its line end. */
function splitLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) {
      if (start < text.length) lines.push(text.slice(start));
      return lines;
    }
    lines.push(text.slice(start, nl + 1));
    start = nl + 1;
  }
}

function stripEol(line: string): string {
  if (line.endsWith('\r\n')) return line.slice(0, -2);
  if (line.endsWith('\n')) return line.slice(0, -1);
  return line;
}

function isDelimiter(line: string): boolean {
  return /^---[ \t]*\r?\n?$/.test(line);
}

/** The value text of an entry (after "key:"), its lines "\n"-joined, without the final line end. */
function valueText(entry: { key: string; raw: string }): string {
  const body = entry.raw.slice(entry.key.length + 1);
  return splitLines(body).map(stripEol).join('\n');
}

function yamlFallback(frontmatter: string, path: string): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = loadYaml(frontmatter, { schema: FAILSAFE_SCHEMA });
  } catch (err) {
    const e = err as { reason?: string; mark?: { line: number; column: number }; message: string };
    const where = e.mark ? ` at frontmatter line ${e.mark.line + 1}, column ${e.mark.column + 1}` : '';
    throw new RecordError(path, `broken YAML in the frontmatter: ${e.reason ?? e.message}${where}`, {
      cause: err,
    });
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw new RecordError(path, 'the frontmatter is not a list of "key: value" lines');
  }
  return doc as Record<string, unknown>;
}

function fieldFromYaml(key: string, value: unknown, path: string): FieldValue {
  if (key === 'tags') {
    if (value === null || value === undefined || value === '') return [];
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' && v !== null)) {
      throw new RecordError(path, 'tags must be a list of strings');
    }
    return value.map((v) => (v === null ? '' : (v as string)));
  }
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') throw new RecordError(path, `${key} must be a string, not a list or map`);
  return value;
}

/**
 * True for UTF-16 text: a UTF-16 byte order mark (FF FE, FE FF), or a start of ASCII characters each
 * with a NUL byte after (or before) it, as a record's "---" line is in UTF-16 without a mark.
 */
function isUtf16(bytes: Buffer): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return true;
  const pairs = Math.min(4, bytes.length >> 1);
  if (pairs < 2) return false;
  let le = true;
  let be = true;
  for (let i = 0; i < pairs; i++) {
    const [a, b] = [bytes[2 * i]!, bytes[2 * i + 1]!];
    le &&= a !== 0 && a < 0x80 && b === 0;
    be &&= a === 0 && b !== 0 && b < 0x80;
  }
  return le || be;
}

/**
 * Reads one record file. Throws RecordError (with a one-line reason) when the file cannot be read as
 * a record: empty, UTF-16, NUL bytes, too large, no frontmatter, frontmatter not closed, broken YAML,
 * no article id.
 * Invalid UTF-8 is not a rejection: the text is decoded (bad bytes become U+FFFD), the layout keeps
 * the original bytes, and serializeRecord gives them back unchanged or refuses to rewrite.
 */
export function parseRecord(bytes: Buffer, path: string): Article {
  if (bytes.length > MAX_RECORD_BYTES) {
    throw new RecordError(
      path,
      `file is ${formatSize(bytes.length)}, more than the ${formatSize(MAX_RECORD_BYTES)} a record may have`,
    );
  }
  if (bytes.length === 0) throw new RecordError(path, 'empty file');
  if (isUtf16(bytes)) throw new RecordError(path, 'UTF-16 text (expected UTF-8)');
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new RecordError(path, `file holds a NUL byte at offset ${nul} (binary, not a record)`);
  const validUtf8 = isUtf8(bytes);
  let text = bytes.toString('utf8');
  const bom = text.charCodeAt(0) === 0xfeff;
  if (bom) text = text.slice(1);
  if (!text.startsWith('---')) {
    throw new RecordError(path, 'no frontmatter: the file does not start with a "---" line');
  }

  // Frontmatter lines up to the closing delimiter.
  let openEnd = text.indexOf('\n');
  if (openEnd < 0 && isDelimiter(text)) {
    throw new RecordError(path, 'frontmatter is not closed: the file holds only a "---" line');
  }
  if (openEnd < 0 || !isDelimiter(text.slice(0, openEnd + 1))) {
    throw new RecordError(path, 'no frontmatter: the first line is not "---"');
  }
  openEnd++;
  const eol: '\n' | '\r\n' = text[openEnd - 2] === '\r' ? '\r\n' : '\n';
  let open = text.slice(0, openEnd);
  let pos = openEnd;
  const entries: { key: string; raw: string }[] = [];
  let closeStart = -1;
  let closeEnd = -1;
  while (pos < text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length - 1;
    const line = text.slice(pos, nl + 1);
    if (isDelimiter(line) || /^\.\.\.[ \t]*\r?\n?$/.test(line)) {
      closeStart = pos;
      closeEnd = nl + 1;
      break;
    }
    const m = KEY_LINE.exec(line);
    if (m) {
      entries.push({ key: m[1]!, raw: line });
    } else if (entries.length === 0) {
      if (/^[ \t]*(#.*)?\r?\n?$/.test(line)) open += line;
      else {
        // not a "key: value" line: let js-yaml say what is wrong with it
        entries.push({ key: '', raw: line });
      }
    } else {
      entries[entries.length - 1]!.raw += line;
    }
    pos = nl + 1;
  }
  if (closeStart < 0) {
    throw new RecordError(path, 'frontmatter is not closed: no "---" line after the opening one');
  }
  // One blank line after the closing delimiter belongs to the layout, not the body.
  let bodyStart = closeEnd;
  if (text.startsWith('\r\n', bodyStart)) bodyStart += 2;
  else if (text[bodyStart] === '\n') bodyStart += 1;
  const close = text.slice(closeStart, bodyStart);
  const body = text.slice(bodyStart);

  // Values: the hand scanner first, js-yaml when it meets something it does not handle.
  const values = new Map<string, FieldValue>();
  let needYaml = false;
  const seen = new Set<string>();
  for (const entry of entries) {
    if (entry.key === '') {
      needYaml = true;
      break;
    }
    if (seen.has(entry.key)) {
      throw new RecordError(path, `broken YAML in the frontmatter: the key "${entry.key}" appears twice`);
    }
    seen.add(entry.key);
    const vt = valueText(entry);
    try {
      if (entry.key === 'tags') {
        const list = readList(vt);
        if (list === null) throw new UnsupportedYaml('tags is not a list');
        values.set('tags', list);
      } else if (KNOWN_INDEX.has(entry.key)) {
        values.set(entry.key, readScalar(vt) ?? '');
      } else {
        values.set(entry.key, vt);
      }
    } catch (err) {
      if (!(err instanceof UnsupportedYaml)) throw err;
      needYaml = true;
    }
  }
  if (needYaml) {
    const frontmatter = text.slice(openEnd, closeStart);
    const doc = yamlFallback(frontmatter, path);
    if (entries.some((e) => e.key === '')) {
      throw new RecordError(path, 'the frontmatter has a line that is not "key: value"');
    }
    for (const entry of entries) {
      if (!KNOWN_INDEX.has(entry.key)) continue;
      values.set(entry.key, fieldFromYaml(entry.key, doc[entry.key], path));
    }
  }

  const str = (key: KnownKey): string | undefined => values.get(key) as string | undefined;
  const originalUrl = str('original_url') ?? '';
  const url = str('url') ?? '';
  const urlId = articleIdFromUrl(originalUrl);
  const fileId = articleIdFromPath(path);
  const id = urlId ?? fileId;
  if (id === undefined) {
    throw new RecordError(
      path,
      'no article id: original_url has no /article/<id>/ and the file name is not article_<id>.md',
    );
  }
  if (id > MAX_ARTICLE_ID) {
    throw new RecordError(
      path,
      `article id ${id} is out of range: an id is at most ${MAX_ARTICLE_ID.toLocaleString('en')} (hkcnews numbered its articles to about 50,000)`,
    );
  }
  const extra: ExtraField[] = [];
  const layoutEntries: LayoutEntry[] = entries.map((e) => {
    const value = values.get(e.key);
    if (!KNOWN_INDEX.has(e.key)) extra.push({ key: e.key, raw: value as string });
    // a copy: a caller changing article.tags in place must not change what the file held
    return { key: e.key, raw: e.raw, value: Array.isArray(value) ? [...value] : value };
  });
  const layout: RecordLayout = {
    path,
    bom,
    eol,
    open,
    entries: layoutEntries,
    close,
    controlCharacters: hasControlBytes(bytes),
    idFromFileName: urlId === undefined,
  };
  if (fileId !== undefined) layout.fileId = fileId;
  if (!validUtf8) layout.invalidUtf8 = { bytes, decoded: text };

  const article: Article = {
    id,
    title: str('title') ?? '',
    date: str('date') ?? '',
    author: str('author') ?? '',
    url,
    originalUrl,
    body,
    extra,
    layout,
  };
  const lastUpdated = str('last_updated');
  if (lastUpdated !== undefined) article.lastUpdated = lastUpdated;
  const category = str('category');
  if (category !== undefined) article.category = category;
  const tags = values.get('tags') as string[] | undefined;
  if (tags !== undefined) article.tags = tags;
  const captured = str('captured');
  if (captured !== undefined) article.captured = captured;
  const captureSource = str('capture_source');
  if (captureSource !== undefined) article.captureSource = captureSource;
  const capture =
    captureTimestampFromUrl(url) ?? (captured === undefined ? undefined : captureTimestampFromDate(captured));
  if (capture !== undefined) article.captureTimestamp = capture;
  return article;
}

/** The current value of a known field on an article (undefined when absent). */
function articleField(article: Article, key: KnownKey): FieldValue {
  switch (key) {
    case 'title':
      return article.title;
    case 'date':
      return article.date;
    case 'last_updated':
      return article.lastUpdated;
    case 'author':
      return article.author;
    case 'category':
      return article.category;
    case 'tags':
      return article.tags;
    case 'url':
      return article.url;
    case 'original_url':
      return article.originalUrl;
    case 'captured':
      return article.captured;
    case 'capture_source':
      return article.captureSource;
  }
}

function sameValue(a: FieldValue, b: FieldValue): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}

/** One field in the corpus's conventions (with its line end). */
function conventionalField(key: string, value: string | string[], eol: string): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return `${key}: []${eol}`;
    return `${key}:${eol}${value.map((v) => `  - ${quoteString(v)}${eol}`).join('')}`;
  }
  return `${key}: ${quoteString(value)}${eol}`;
}

function extraText(field: ExtraField, eol: string): string {
  return `${field.key}:${field.raw.split('\n').join(eol)}${eol}`;
}

/** Fields written for a record built from scratch, in the corpus's key order. */
function scratchFrontmatter(article: Article): string {
  let out = '---\n';
  for (const key of KNOWN_KEYS) {
    const value = articleField(article, key);
    if (value === undefined) continue;
    out += conventionalField(key, value, '\n');
  }
  for (const field of article.extra) out += extraText(field, '\n');
  return `${out}---\n\n`;
}

function layoutFrontmatter(article: Article, layout: RecordLayout): string {
  const eol = layout.eol;
  const parts: { key: string; text: string }[] = [];
  const extrasLeft = [...article.extra];
  for (const entry of layout.entries) {
    const known = KNOWN_INDEX.has(entry.key);
    if (known) {
      const value = articleField(article, entry.key as KnownKey);
      if (value === undefined) continue; // removed by the caller
      parts.push({
        key: entry.key,
        text: sameValue(value, entry.value) ? entry.raw : conventionalField(entry.key, value, eol),
      });
    } else {
      const i = extrasLeft.findIndex((f) => f.key === entry.key);
      if (i < 0) continue; // removed
      const field = extrasLeft.splice(i, 1)[0]!;
      parts.push({ key: entry.key, text: field.raw === entry.value ? entry.raw : extraText(field, eol) });
    }
  }
  // Known fields the file did not have: after the last known field that comes before them.
  const present = new Set(layout.entries.map((e) => e.key));
  for (const key of KNOWN_KEYS) {
    if (present.has(key)) continue;
    const value = articleField(article, key);
    // title/date/author/url hold "" when the file had no such key: still nothing to add
    if (value === undefined || value === '') continue;
    const rank = KNOWN_INDEX.get(key)!;
    let at = 0;
    parts.forEach((p, i) => {
      const r = KNOWN_INDEX.get(p.key);
      if (r !== undefined && r < rank) at = i + 1;
    });
    parts.splice(at, 0, { key, text: conventionalField(key, value, eol) });
  }
  for (const field of extrasLeft) parts.push({ key: field.key, text: extraText(field, eol) });
  let out = layout.open;
  // A last entry without a line end (only possible when the file ends there) gets one back.
  for (const p of parts) out += p.text.endsWith('\n') ? p.text : p.text + eol;
  return out + layout.close;
}

/**
 * Writes an article as a record file. A parsed article comes back byte for byte; fields the caller
 * changed are written in the corpus's conventions; a record built from scratch (no layout) is
 * written entirely in them: key order title, date, last_updated, author, category, tags, url,
 * original_url, captured, capture_source, then extra keys; double-quoted strings; tags as "  - "x""
 * lines; a blank line and then the body as given. Throws RecordError when the article came from a file with invalid UTF-8
 * and was changed (rewriting it would replace bytes that could not be decoded).
 */
export function serializeRecord(article: Article): Buffer {
  const layout = layoutOf(article);
  if (!layout) return Buffer.from(scratchFrontmatter(article) + article.body, 'utf8');
  const text = layoutFrontmatter(article, layout) + article.body;
  if (layout.invalidUtf8) {
    if (text === layout.invalidUtf8.decoded) return layout.invalidUtf8.bytes;
    throw new RecordError(
      layout.path,
      'the file is not valid UTF-8 and the record was changed: refusing to rewrite it, because the bytes that could not be decoded would be replaced',
    );
  }
  return Buffer.from(layout.bom ? `\ufeff${text}` : text, 'utf8');
}
