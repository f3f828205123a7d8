// Citations for an article: APA-style text, a BibTeX entry and an RIS record (what Zotero, EndNote
// and Mendeley import), all pointing at the original URL and the Wayback capture, so a reader can
// cite what they read and others can find it again. They need only what a data export row holds
// (Citable), so that a whole result set can be cited at once.

import { bylinePeople } from '../corpus/byline.js';
import { hkcnewsArticleId, hkcnewsCaptureList } from '../corpus/hkcnews-url.js';
import type { StoredArticle } from '../store/types.js';

/** What a citation reads of an article (a StoredArticle or an export row has it). */
export type Citable = Pick<
  StoredArticle,
  'id' | 'title' | 'author' | 'date' | 'url' | 'originalUrl' | 'captureTimestamp'
> &
  Partial<Pick<StoredArticle, 'tags' | 'category'>>;

/** English month names in full (the reader's English sentences say them too). */
export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const PUBLISHER = '眾新聞 Citizen News';

/**
 * A URL as people read it (an IRI): percent-encoded UTF-8 shown as characters, reserved characters
 * and spaces left encoded, so the text still works when pasted into a browser.
 */
export function readableUrl(url: string): string {
  try {
    return decodeURI(url).replace(/[\s\u0000-\u001f\u007f]/g, (c) => encodeURIComponent(c));
  } catch {
    return url;
  }
}

/** "20210712045522" → "2021-07-12 04:55:22 UTC"; anything else → null. */
export function formatCaptureTime(ts: string | null | undefined): string | null {
  if (!ts || !/^\d{14}$/.test(ts)) return null;
  return `${ts.slice(0, 4)}-${ts.slice(4, 6)}-${ts.slice(6, 8)} ${ts.slice(8, 10)}:${ts.slice(10, 12)}:${ts.slice(12, 14)} UTC`;
}

function apaDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return 'n.d.';
  return `${m[1]}, ${MONTHS[Number(m[2]) - 1] ?? ''} ${Number(m[3])}`;
}

/**
 * The addresses a citation gives: the record's original and capture URLs, except where the backup
 * lost the bytes of an hkcnews slug (about 9,000 records hold U+FFFD there): such a URL names
 * nothing, so the article's own address (/article/<id>, which the site answered for any slug) and
 * the Wayback Machine's list of its captures (which finds the real ones) are given instead.
 */
export function citedUrls(a: Citable): { original: string; archived: string; list: boolean } {
  const id = hkcnewsArticleId(a.originalUrl);
  if (id !== undefined && readableUrl(a.originalUrl).includes('\uFFFD')) {
    return {
      original: `https://www.hkcnews.com/article/${id}`,
      archived: hkcnewsCaptureList(id),
      list: true,
    };
  }
  // a record rebuilt from another web archive (a WARC file) has no public copy to name
  return { original: a.originalUrl, archived: isWaybackCapture(a.url) ? a.url : '', list: false };
}

/** A capture's address on the Wayback Machine (web.archive.org/web/<timestamp>…). */
export function isWaybackCapture(url: string): boolean {
  return /^https?:\/\/web\.archive\.org\/web\/\d{4,14}/i.test(url);
}

/**
 * Where a citation says the copy is: "Archived <date> at <address>" (or "; captures: <list>"), or,
 * with no public copy, "Captured <date>"; '' when nothing is known.
 */
function archivedNote(a: Citable, url: (archived: string) => string): string {
  const cited = citedUrls(a);
  const capture = formatCaptureTime(a.captureTimestamp);
  const when = capture ? ` ${capture.slice(0, 10)}` : '';
  if (!cited.archived) return when ? `Captured${when}` : '';
  return `Archived${when}${cited.list ? '; captures:' : ' at'} ${url(cited.archived)}`;
}

/**
 * The people a byline names, as a citation gives them (src/corpus/byline.ts): a reporters' byline
 * loses its role words and is split (記者林勵、實習記者梁穎欣 → 林勵, 梁穎欣), so that a reporter is
 * one author whatever the byline called them; any other value (a columnist, a column, 眾新聞記者)
 * is one author as written; none: [].
 */
export function citedAuthors(author: string): string[] {
  return bylinePeople(author);
}

/** Authors in APA's form: "A", "A, & B", "A, B, & C". */
function apaAuthors(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')}, & ${names[names.length - 1]}`;
}

/** APA-style reference text. */
export function apaCitation(a: Citable): string {
  const author = apaAuthors(citedAuthors(a.author)) || PUBLISHER;
  const title = a.title.trim() || `Article ${a.id}`;
  const cited = citedUrls(a);
  const archived = archivedNote(a, readableUrl);
  return `${author}. (${apaDate(a.date)}). ${title}. ${PUBLISHER}. ${readableUrl(cited.original)}${archived ? ` (${archived})` : ''}`;
}

/** Escapes text for a BibTeX field value inside braces. */
export function bibtexEscape(text: string): string {
  const special: Record<string, string> = { '\\': '\\textbackslash{}', '^': '\\^{}', '~': '\\~{}' };
  return text.replace(/[\r\n]+/g, ' ').replace(/[\\{}%&$#_^~]/g, (c) => special[c] ?? `\\${c}`);
}

/**
 * URLs go into \url{}: braces, backslashes and spaces are percent-encoded, and % is escaped, since
 * LaTeX reads the .bbl file and would take a bare % for a comment.
 */
function bibtexUrl(url: string): string {
  return url.replace(/[\\{}\s]/g, (c) => encodeURIComponent(c)).replace(/%/g, '\\%');
}

/** BibTeX's month macros: styles print them in their own way ("June", "Jun."); a number prints as is. */
const BIBTEX_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * A BibTeX @misc entry. `url` is the address a reader can open (the archived capture, the article's
 * own address when there is none), with its % as they are: biblatex and reference managers read the
 * field verbatim, and natbib styles write it in a \url{} of its own, which takes % as a character;
 * `howpublished` and `note` give both addresses, escaped, for styles that print no url.
 */
export function bibtexCitation(a: Citable): string {
  // [field, value in braces] or [field, a macro, bare]
  const fields: Array<[string, string, 'bare'?]> = [];
  // each name braced: BibTeX would otherwise split a name at its spaces into first and last names
  const authors = citedAuthors(a.author);
  const names = (authors.length ? authors : [PUBLISHER]).map((name) => `{${bibtexEscape(name)}}`);
  fields.push(['author', names.join(' and ')]);
  fields.push(['title', `{${bibtexEscape(a.title.trim() || `Article ${a.id}`)}}`]);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(a.date);
  if (m) {
    fields.push(['year', m[1]!]);
    fields.push(['month', BIBTEX_MONTHS[Number(m[2]) - 1]!, 'bare']);
    fields.push(['date', a.date]);
  }
  fields.push(['publisher', `{${bibtexEscape(PUBLISHER)}}`]);
  const cited = citedUrls(a);
  fields.push(['howpublished', `\\url{${bibtexUrl(cited.original)}}`]);
  const note = archivedNote(a, (url) => `\\url{${bibtexUrl(url)}}`);
  if (note) fields.push(['note', note]);
  fields.push(['url', (cited.archived || cited.original).replace(/[{}\\\s]/g, (c) => encodeURIComponent(c))]);
  const body = fields.map(([k, v, bare]) => `  ${k} = ${bare ? v : `{${v}}`}`).join(',\n');
  return `@misc{hkcnews${a.id},\n${body}\n}`;
}

/** A <meta> element of a page's head: `name` (Dublin Core) or `property` (Open Graph). */
export interface MetaTag {
  name?: string;
  property?: string;
  content: string;
}

/**
 * The site's time "YYYY-MM-DD HH:MM[:SS]" in ISO 8601 with its offset: it is Hong Kong time (13,702
 * records have one; read as UTC, 304 would postdate their own capture, as Hong Kong time one does).
 * A date alone stays a date; anything else is null.
 */
export function siteTimeIso(time: string): string | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(time)) return time;
  return /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(time) ? `${time.replace(' ', 'T')}+08:00` : null;
}

/**
 * What an article page says of itself in its head: Open Graph, for the preview a link gets in a
 * chat or a post, and Dublin Core, for reference managers that save the page (Zotero reads both).
 * `siteName` is the reader's name in the page's language; `description`, the opening of the text;
 * `publicUrl`, the site's public origin when it is configured (og:url, the page's own address).
 */
export function articleMeta(
  a: StoredArticle,
  siteName: string,
  description: string,
  publicUrl?: string,
): MetaTag[] {
  const title = a.title.trim();
  const original = citedUrls(a).original;
  const tags: MetaTag[] = [
    { property: 'og:type', content: 'article' },
    { property: 'og:site_name', content: siteName },
    { property: 'og:locale', content: 'zh_HK' },
  ];
  if (publicUrl) tags.push({ property: 'og:url', content: `${publicUrl}/article/${a.id}` });
  if (title) tags.push({ property: 'og:title', content: title });
  if (description) tags.push({ property: 'og:description', content: description });
  if (a.date) tags.push({ property: 'article:published_time', content: a.date });
  const updated = siteTimeIso(a.lastUpdated?.trim() ?? '');
  if (updated) tags.push({ property: 'article:modified_time', content: updated });
  if (a.category) tags.push({ property: 'article:section', content: a.category });
  for (const tag of a.tags) tags.push({ property: 'article:tag', content: tag });
  if (title) tags.push({ name: 'DC.title', content: title });
  for (const author of citedAuthors(a.author)) tags.push({ name: 'DC.creator', content: author });
  if (a.date) tags.push({ name: 'DC.date', content: a.date });
  tags.push({ name: 'DC.publisher', content: PUBLISHER }, { name: 'DC.language', content: 'zh-Hant-HK' });
  if (original) tags.push({ name: 'DC.identifier', content: original });
  return tags;
}

/** One RIS field line: the tag, two spaces, a hyphen and a space, and the value on one line. */
function risLine(tag: string, value: string): string {
  return `${tag}  - ${value.replace(/[\r\n]+/g, ' ').trim()}`;
}

/**
 * An RIS record (TY NEWS: a newspaper article, which Zotero, EndNote and Mendeley import as such):
 * author, title, the publication, the date, the article's address, the capture in a note, its tags
 * as keywords, and the same key as the BibTeX entry. Lines end with CRLF; ER ends the record.
 */
export function risCitation(a: Citable): string {
  const lines = [risLine('TY', 'NEWS')];
  for (const author of citedAuthors(a.author)) lines.push(risLine('AU', author));
  lines.push(risLine('TI', a.title.trim() || `Article ${a.id}`));
  lines.push(risLine('T2', PUBLISHER), risLine('PB', PUBLISHER));
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(a.date);
  if (m) lines.push(risLine('PY', m[1]!), risLine('DA', `${m[1]}/${m[2]}/${m[3]}`));
  // UR: the address a reader can open, as BibTeX's url (the capture, else the article's own);
  // the note names the article's own address when UR is its capture
  const cited = citedUrls(a);
  lines.push(risLine('UR', readableUrl(cited.archived || cited.original)));
  const note = archivedNote(a, readableUrl);
  const original = cited.archived ? `Original address: ${readableUrl(cited.original)}. ` : '';
  if (note || original) lines.push(risLine('N1', `${original}${note}`.trim()));
  for (const tag of a.tags ?? []) if (tag.trim()) lines.push(risLine('KW', tag));
  lines.push(risLine('ID', `hkcnews${a.id}`), 'ER  - ');
  return `${lines.join('\r\n')}\r\n`;
}
