// Anomalies: what is odd (but readable) about a record. Each kind is counted over a corpus with a
// few example ids, so that archivists see what a corpus holds before they trust it. The mis-decoded
// text detector re-encodes suspicious runs (Cyrillic, Latin-1, sign-extended U+FFxx) back to the
// bytes they came from and flags them only when those bytes are valid UTF-8 for Chinese text.

import { compareNatural } from '../lib/natural-order.js';
import { AVATAR_PATH, FOOTER_MARKER, splitBody } from './body.js';
import { articleIdFromPath, layoutOf } from './record.js';
import type { Article } from './types.js';

export const ANOMALY_KINDS = {
  'empty-record': 'empty record (no title)',
  'placeholder-page': 'placeholder page, not the article (the farewell notice, an offline page)',
  'no-date': 'no date (articles: records with a title that are not placeholders)',
  'bad-date': 'date not in YYYY-MM-DD form',
  'no-author': 'no author (articles)',
  'no-category': 'no category (articles)',
  'mis-decoded': 'mis-decoded text (UTF-8 read through the wrong code page)',
  'replacement-characters': 'U+FFFD replacement characters (text lost before the backup)',
  'relative-wayback-links': 'relative Wayback links (/web/<timestamp>/…)',
  'subscription-footer': 'subscription footer (請加入成為眾新聞的月費訂戶 …)',
  'columnist-box': 'columnist box (avatar, name, bio)',
  'hugo-shortcode': 'Hugo shortcodes ({{< … >}})',
  'unknown-keys': 'unknown frontmatter keys',
  'duplicate-id': 'duplicate ids (files sharing an id)',
  'id-file-name-mismatch': 'id and file name disagree',
  'id-from-file-name': 'no id in original_url (taken from the file name)',
  crlf: 'CRLF line ends',
  bom: 'byte-order mark',
  'invalid-utf8': 'invalid UTF-8 (bad bytes read as U+FFFD; kept as-is on rewrite)',
  'control-characters': 'control characters',
} as const;
export type AnomalyKind = keyof typeof ANOMALY_KINDS;

// ---------------------------------------------------------------------------------------------
// Mis-decoded text

// PT154 (a Kazakh Cyrillic code page), bytes 0x80–0xBF, as seen in the corpus (`зңҫиӘӘ` = 眾說);
// 0xC0–0xFF are А–я.
const CYRILLIC_HIGH = 'ҖҒӮғ„…ҶҮҲүҠӢҢҚҺҸҗ‘’“”•–—ҳҷҡӣңқһҹ\u00a0ЎўЈӨҘҰ§Ё©Ә«¬ӯ®Ҝ°ұІіҙө¶·ё№ә»јҪҫҝ';

function buildCyrillicTable(): Map<string, number> {
  const table = new Map<string, number>();
  [...CYRILLIC_HIGH].forEach((ch, i) => {
    if (!table.has(ch)) table.set(ch, 0x80 + i);
  });
  for (let b = 0xc0; b <= 0xff; b++) table.set(String.fromCharCode(0x410 + b - 0xc0), b);
  // windows-1251 for the high half where the table above has no letter
  try {
    const dec = new TextDecoder('windows-1251');
    for (let b = 0x80; b <= 0xbf; b++) {
      const ch = dec.decode(Uint8Array.of(b));
      if (ch !== '\ufffd' && !table.has(ch)) table.set(ch, b);
    }
  } catch {
    // a Node without the full ICU: the table above is enough for the corpus
  }
  return table;
}

function buildLatinTable(): Map<string, number> {
  const table = new Map<string, number>();
  for (let b = 0xa0; b <= 0xff; b++) table.set(String.fromCharCode(b), b);
  try {
    const dec = new TextDecoder('windows-1252');
    for (let b = 0x80; b <= 0x9f; b++) {
      const ch = dec.decode(Uint8Array.of(b));
      if (ch !== '\ufffd') table.set(ch, b);
    }
  } catch {
    // without ICU only Latin-1 proper is checked
  }
  return table;
}

const CYRILLIC_TABLE = buildCyrillicTable();
const LATIN_TABLE = buildLatinTable();

function classOf(table: Map<string, number>): string {
  return [...table.keys()].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
}
const CYRILLIC_RUN = new RegExp(`[${classOf(CYRILLIC_TABLE)}]{3,}`, 'g');
const LATIN_RUN = new RegExp(`[${classOf(LATIN_TABLE)}]{3,}`, 'g');
const SIGN_EXTENDED_RUN = /[\uff80-\uffff]{3,}/g;
const SUSPECT = new RegExp(`[${classOf(CYRILLIC_TABLE)}${classOf(LATIN_TABLE)}\\uff80-\\uffff]{3}`);

function isCjk(code: number): boolean {
  return (
    (code >= 0x2e80 && code <= 0x9fff) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xff00 && code <= 0xffef)
  );
}

/** Counts the CJK characters that the bytes spell as 3-byte UTF-8 sequences. */
function cjkInBytes(bytes: number[]): number {
  let n = 0;
  for (let i = 0; i + 2 < bytes.length; ) {
    const a = bytes[i]!;
    const b = bytes[i + 1]!;
    const c = bytes[i + 2]!;
    if (a >= 0xe0 && a <= 0xef && b >= 0x80 && b <= 0xbf && c >= 0x80 && c <= 0xbf) {
      const code = ((a & 0x0f) << 12) | ((b & 0x3f) << 6) | (c & 0x3f);
      if (code >= 0x800 && isCjk(code)) n++;
      i += 3;
    } else i++;
  }
  return n;
}

function runsDecodeToCjk(
  text: string,
  run: RegExp,
  toByte: (ch: string) => number,
  min: number,
): string | undefined {
  run.lastIndex = 0;
  for (let m = run.exec(text); m; m = run.exec(text)) {
    const bytes = [...m[0]].map(toByte);
    if (cjkInBytes(bytes) >= min) return m[0];
  }
  return undefined;
}

/**
 * Finds text that is UTF-8 Chinese read through a wrong code page: Cyrillic (`зңҫиӘӘ` = 眾說),
 * Latin-1/CP1252 (`çœ¾`), or bytes sign-extended to U+FFxx (`￥ﾍﾻ` = 卻). Returns the first
 * suspicious run, or undefined.
 */
export function findMisDecoded(text: string): string | undefined {
  if (!SUSPECT.test(text)) return undefined;
  return (
    runsDecodeToCjk(text, CYRILLIC_RUN, (ch) => CYRILLIC_TABLE.get(ch) ?? 0, 2) ??
    runsDecodeToCjk(text, LATIN_RUN, (ch) => LATIN_TABLE.get(ch) ?? 0, 2) ??
    runsDecodeToCjk(text, SIGN_EXTENDED_RUN, (ch) => ch.charCodeAt(0) & 0xff, 1)
  );
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A field value (a category, an author, a tag) that is, as a whole, UTF-8 Chinese read through a
 * wrong code page, decoded back (`зңҫиӘӘ` → 眾說); undefined for any other value. Whole values only,
 * so real Cyrillic or accented Latin text is never touched.
 */
export function repairMisDecoded(value: string): string | undefined {
  if (value.length < 3 || !SUSPECT.test(value)) return undefined;
  for (const table of [CYRILLIC_TABLE, LATIN_TABLE]) {
    const bytes: number[] = [];
    for (const ch of value) {
      const b = table.get(ch);
      if (b === undefined) break;
      bytes.push(b);
    }
    if (bytes.length !== value.length) continue;
    try {
      const text = STRICT_UTF8.decode(Uint8Array.from(bytes));
      if ([...text].every((c) => isCjk(c.codePointAt(0)!))) return text;
    } catch {
      // not UTF-8 in that code page either
    }
  }
  return undefined;
}

const LENIENT_UTF8 = new TextDecoder('utf-8');

/** A character Chinese text is made of: CJK, its punctuation and full-width forms, general punctuation. */
function isChineseTextChar(code: number): boolean {
  return isCjk(code) || (code >= 0x2000 && code <= 0x206f) || code === 0xa0 || (code >= 0xb0 && code <= 0xb7);
}

/** The number of UTF-8 continuation bytes a lead byte announces (0 for any other byte). */
function continuations(byte: number): number {
  return byte >= 0xf0 && byte <= 0xf7
    ? 3
    : byte >= 0xe0
      ? byte <= 0xef
        ? 2
        : 0
      : byte >= 0xc2 && byte <= 0xdf
        ? 1
        : 0;
}

/**
 * A whole text (a title, a body) that is UTF-8 Chinese read through the Cyrillic code page, decoded
 * back: its mis-decoded characters become their bytes again, ASCII stays (Markdown, digits, Latin
 * words), a space inside a character's bytes is the no-break space (0xA0) that a normalisation made
 * a space, and a U+FFFD stays a lost byte. Undefined unless most of the text is such characters and
 * it decodes to Chinese. `lost`: the U+FFFD of the result, where bytes were missing.
 */
export function repairMisDecodedText(text: string): { text: string; lost: number } | undefined {
  if (!SUSPECT.test(text)) return undefined;
  const bytes: number[] = [];
  let pending = 0; // continuation bytes the current sequence still needs
  let mapped = 0;
  let other = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const byte = code >= 0x80 ? CYRILLIC_TABLE.get(ch) : code === 0x20 && pending > 0 ? 0xa0 : code;
    if (byte === undefined) {
      if (code !== 0xfffd) other++;
      // a character the code page does not hold: kept as it is (a lost byte stays U+FFFD)
      for (const b of Buffer.from(ch, 'utf8')) bytes.push(b);
      pending = 0;
      continue;
    }
    if (code >= 0x80 || byte === 0xa0) mapped++;
    bytes.push(byte);
    pending = byte >= 0x80 && byte <= 0xbf ? Math.max(0, pending - 1) : continuations(byte);
  }
  if (mapped < 6 || other * 10 > mapped) return undefined;
  const decoded = LENIENT_UTF8.decode(Uint8Array.from(bytes));
  let chinese = 0;
  let foreign = 0;
  let lost = 0;
  for (const ch of decoded) {
    const code = ch.codePointAt(0)!;
    if (code === 0xfffd) lost++;
    else if (code >= 0x80) {
      if (isChineseTextChar(code)) chinese++;
      else foreign++;
    }
  }
  return chinese >= 2 && foreign * 20 <= chinese ? { text: decoded, lost } : undefined;
}

/** A record whose title and body were stored mis-decoded, decoded back (see repairMisDecodedText). */
export interface RecordRepair {
  title: string;
  body: string;
  /** Places where bytes were missing (U+FFFD in the repaired title and body). */
  lost: number;
}

/**
 * The title and body of a record stored as a whole mis-decoded (its title is): decoded back, or
 * undefined. Records with a stray mis-decoded run in readable text are left as they are.
 */
export function repairMisDecodedRecord(record: { title: string; body: string }): RecordRepair | undefined {
  const title = repairMisDecodedText(record.title);
  if (!title) return undefined;
  const body = repairMisDecodedText(record.body) ?? { text: record.body, lost: 0 };
  return { title: title.text, body: body.text, lost: title.lost + body.lost };
}

// ---------------------------------------------------------------------------------------------
// Placeholder pages

/**
 * Titles of pages that a capture holds instead of the article: after the closure every article URL
 * served the farewell notice (眾新聞告別　感謝讀者: 537 records of the corpus, captured 2022-2023),
 * and some captures caught the site's maintenance page (Temporarily Offline: 260). Also the usual
 * error page titles, for archives recovered from other captures.
 */
const PLACEHOLDER_TITLE =
  /^(?:眾新聞告別\s*感謝讀者|Temporarily Offline|(?:404\s*[-–|:]?\s*)?(?:Page )?Not Found|404|Service Unavailable|Access Denied|403 Forbidden|502 Bad Gateway|503 Service (?:Temporarily )?Unavailable)$/i;

/** True when a title is that of a placeholder page rather than an article. */
export function isPlaceholderTitle(title: string): boolean {
  return PLACEHOLDER_TITLE.test(title.trim());
}

/**
 * A placeholder page as lists see it without reading the body: a placeholder title and no date
 * (all 797 placeholder records of the corpus; isPlaceholder also checks the body).
 */
export function isPlaceholderSummary(title: string, date: string): boolean {
  return !date && isPlaceholderTitle(title);
}

/** A placeholder record: a placeholder title, no date, and next to no body. */
export function isPlaceholder(article: { title: string; date: string; body: string }): boolean {
  return !article.date && isPlaceholderTitle(article.title) && article.body.trim().length < 2000;
}

// ---------------------------------------------------------------------------------------------
// Per record

const RELATIVE_WAYBACK = /\]\(\/web\/\d|(?:href|src)=["']\/web\/\d/;
const SHORTCODE = /\{\{[<%]/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The anomaly kinds of one record (all but duplicate-id, which needs the whole corpus). */
export function detectAnomalies(article: Article, path?: string): AnomalyKind[] {
  const kinds: AnomalyKind[] = [];
  const hasTitle = article.title.trim() !== '';
  if (!hasTitle) kinds.push('empty-record');
  else if (isPlaceholder(article)) kinds.push('placeholder-page');
  else {
    if (!article.date) kinds.push('no-date');
    if (!article.author) kinds.push('no-author');
    if (!article.category) kinds.push('no-category');
  }
  if (article.date && !DATE.test(article.date)) kinds.push('bad-date');
  const fields = [article.title, article.author, article.category ?? '', ...(article.tags ?? [])].join('\n');
  if (findMisDecoded(fields) !== undefined || findMisDecoded(article.body) !== undefined)
    kinds.push('mis-decoded');
  const damaged = layoutOf(article)?.invalidUtf8 === undefined;
  if (damaged && (fields.includes('\ufffd') || article.body.includes('\ufffd')))
    kinds.push('replacement-characters');
  if (RELATIVE_WAYBACK.test(article.body)) kinds.push('relative-wayback-links');
  if (article.body.includes(FOOTER_MARKER) || article.body.includes(AVATAR_PATH)) {
    const parts = splitBody(article.body);
    if (parts.footer) kinds.push('subscription-footer');
    if (parts.columnist) kinds.push('columnist-box');
  }
  if (SHORTCODE.test(article.body)) kinds.push('hugo-shortcode');
  if (article.extra.length) kinds.push('unknown-keys');
  const layout = layoutOf(article);
  const filePath = path ?? layout?.path;
  const fileId = filePath ? articleIdFromPath(filePath) : undefined;
  if (fileId !== undefined && fileId !== article.id) kinds.push('id-file-name-mismatch');
  if (layout) {
    if (layout.idFromFileName) kinds.push('id-from-file-name');
    if (layout.eol === '\r\n' || article.body.includes('\r\n')) kinds.push('crlf');
    if (layout.bom) kinds.push('bom');
    if (layout.invalidUtf8) kinds.push('invalid-utf8');
    if (layout.controlCharacters) kinds.push('control-characters');
  }
  return kinds;
}

// ---------------------------------------------------------------------------------------------
// Over a corpus

export interface AnomalyCount {
  count: number;
  /** A few examples: article ids (with the file path for duplicate ids and id mismatches). */
  examples: string[];
}

/** An example of an anomaly: its record, and how it is shown when not by its id alone. */
interface Example {
  id: number;
  path: string;
  text?: string;
}

/** Examples in id order, then path order (a corpus is read in no particular order: a tarball's). */
function compareExamples(a: Example, b: Example): number {
  return a.id - b.id || compareNatural(a.path, b.path);
}

/**
 * Counts anomalies over many records, with up to `maxExamples` examples per kind: those of the
 * lowest ids, whatever order the records come in.
 */
export class AnomalyTally {
  private readonly counts = new Map<AnomalyKind, { count: number; examples: Example[] }>();
  private readonly firstPathOfId = new Map<number, string>();

  constructor(private readonly maxExamples = 5) {}

  private bump(kind: AnomalyKind, example: Example): void {
    let c = this.counts.get(kind);
    if (!c) {
      c = { count: 0, examples: [] };
      this.counts.set(kind, c);
    }
    c.count++;
    const { examples } = c;
    if (
      examples.length === this.maxExamples &&
      (this.maxExamples === 0 || compareExamples(example, examples.at(-1)!) >= 0)
    )
      return;
    let at = examples.length;
    while (at > 0 && compareExamples(example, examples[at - 1]!) < 0) at--;
    examples.splice(at, 0, example);
    if (examples.length > this.maxExamples) examples.pop();
  }

  /** Adds one parsed record; returns its anomaly kinds. */
  add(article: Article, path: string): AnomalyKind[] {
    const { id } = article;
    const kinds = detectAnomalies(article, path);
    for (const kind of kinds) {
      this.bump(
        kind,
        kind === 'id-file-name-mismatch' ? { id, path, text: `${id} (${path})` } : { id, path },
      );
    }
    const first = this.firstPathOfId.get(id);
    if (first === undefined) this.firstPathOfId.set(id, path);
    else {
      // every file after the first with the same id counts once
      this.bump('duplicate-id', { id, path, text: `${id} (${first}, ${path})` });
      kinds.push('duplicate-id');
    }
    return kinds;
  }

  /**
   * Kind → count and examples, in the order of ANOMALY_KINDS, kinds with no record left out. An id
   * that two files of the examples share (a duplicate id) is shown with each file's path.
   */
  result(): Partial<Record<AnomalyKind, AnomalyCount>> {
    const out: Partial<Record<AnomalyKind, AnomalyCount>> = {};
    for (const kind of Object.keys(ANOMALY_KINDS) as AnomalyKind[]) {
      const c = this.counts.get(kind);
      if (!c) continue;
      const shared = new Set(
        c.examples.filter((e, i) => i > 0 && c.examples[i - 1]!.id === e.id).map((e) => e.id),
      );
      out[kind] = {
        count: c.count,
        examples: c.examples.map((e) => e.text ?? (shared.has(e.id) ? `${e.id} (${e.path})` : String(e.id))),
      };
    }
    return out;
  }
}
