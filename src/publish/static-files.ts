// The files and links of a static copy (src/publish/static-site.ts): the file each reader URL is in
// (`/tag/國安法?page=2` → `tag/國安法/page-2.html`), names any file system takes, relative links
// between files, and the rewriting of a page's links.

import { createHash } from 'node:crypto';
import { escapeHtml } from '../web/html/jsx-runtime.js';
import type { Lang } from '../web/i18n.js';

/** Characters a file name cannot hold on some system, and `%`, which marks their escapes. */
const UNSAFE_IN_NAME = /[%/\\:*?"<>|\u0000-\u001f\u007f]/g;
/** Names Windows keeps for devices, with any extension. */
const DEVICE_NAME = /^(?:con|prn|aux|nul|com\d|lpt\d)$/i;
const MAX_NAME_BYTES = 200;

/** One decoded path segment as a file or folder name any file system takes, the same each time. */
export function safeFileName(segment: string): string {
  let name = segment.replace(
    UNSAFE_IN_NAME,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
  if (name.startsWith('.') || DEVICE_NAME.test(name))
    name = `%${name.charCodeAt(0).toString(16).toUpperCase()}${name.slice(1)}`;
  // Windows drops a trailing dot or space
  name = name.replace(/[. ]$/, (c) => (c === '.' ? '%2E' : '%20'));
  if (Buffer.byteLength(name) > MAX_NAME_BYTES) {
    const hash = createHash('sha1').update(segment).digest('hex').slice(0, 10);
    let cut = name.slice(0, MAX_NAME_BYTES / 2);
    while (Buffer.byteLength(cut) > MAX_NAME_BYTES - 20) cut = cut.slice(0, -1);
    // not in the middle of an escape or a surrogate pair
    cut = cut.replace(/%[0-9A-F]?$/, '').replace(/[\uD800-\uDBFF]$/, '');
    name = `${cut}~${hash}`;
  }
  return name;
}

/**
 * Files served as they are (the stylesheet and script, the index of titles, the 當年今日 downloads);
 * every other page gets `.html`.
 */
export const RAW_FILE = /^\/(?:static\/[^/]+|find-index\.js|on-this-day\/\d\d-\d\d\.(?:csv|ris|bib))$/;

/**
 * The file of a reader URL (a path, and at most a page number) in a static copy, or null when a copy
 * cannot hold it (any other query, a JSON twin, a malformed path). `/` → `index.html`,
 * `/tag/國安法?page=2` → `tag/國安法/page-2.html`.
 */
export function staticFileOf(url: string): string | null {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  let page = 1;
  if (q !== -1) {
    const params = [...new URLSearchParams(url.slice(q + 1))];
    if (params.length !== 1 || params[0]![0] !== 'page' || !/^[1-9]\d{0,5}$/.test(params[0]![1])) return null;
    page = Number(params[0]![1]);
  }
  if (!path.startsWith('/') || path.startsWith('//') || (path.endsWith('/') && path !== '/')) return null;
  if (path === '/api' || path.startsWith('/api/')) return null;
  let segments: string[];
  try {
    segments = path.slice(1) ? path.slice(1).split('/').map(decodeURIComponent) : [];
  } catch {
    return null;
  }
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return null;
  const names = segments.map(safeFileName);
  if (RAW_FILE.test(path)) return page === 1 ? names.join('/') : null;
  if (names.length === 0) return page === 1 ? 'index.html' : null;
  return `${names.join('/')}${page > 1 ? `/page-${page}` : ''}.html`;
}

/** A file's path in the copy as a URL path, each name percent-encoded. */
export function encodedPath(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

/** A relative link from one file of the copy to another (both as `a/b.html`), percent-encoded. */
export function relativeHref(fromFile: string, toFile: string): string {
  const from = fromFile.split('/').slice(0, -1);
  const to = toFile.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  const up = from.length - common;
  return `${'../'.repeat(up)}${to.slice(common).map(encodeURIComponent).join('/')}`;
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&quot;': '"',
  '&#39;': "'",
  '&lt;': '<',
  '&gt;': '>',
};
/** An attribute's value as the reader's pages write it (../web/html/jsx-runtime.ts's escapeHtml), read back. */
const decodeAttr = (v: string) => v.replace(/&(?:amp|quot|#39|lt|gt);/g, (e) => ENTITIES[e]!);

/**
 * Rewrites the links of an HTML page: `map` gets each href, src and action value (decoded) and gives
 * a new value, null to drop the link (an <a> becomes a <span> with its text; a <link> or a <form> is
 * removed), or undefined to keep it.
 */
export function rewriteLinks(html: string, map: (value: string) => string | null | undefined): string {
  const attr = /\s(href|src|action)="([^"]*)"/;
  const withAttr = (tag: string, onDrop: () => string): string => {
    const m = attr.exec(tag);
    if (!m) return tag;
    const to = map(decodeAttr(m[2]!));
    if (to === undefined) return tag;
    if (to === null) return onDrop();
    return `${tag.slice(0, m.index)} ${m[1]}="${escapeHtml(to)}"${tag.slice(m.index + m[0].length)}`;
  };
  return (
    html
      // anchors do not nest, and attribute values hold no unescaped `>`
      .replace(/<a\b([^>]*)>([\s\S]*?)<\/a>/g, (whole, attrs: string, inner: string) => {
        const open = `<a${attrs}>`;
        const rewritten = withAttr(open, () => {
          const cls = /\sclass="[^"]*"/.exec(attrs)?.[0] ?? '';
          const lang = /\slang="[^"]*"/.exec(attrs)?.[0] ?? '';
          return `<span${cls}${lang}>`;
        });
        if (rewritten === open) return whole;
        return rewritten.startsWith('<span') ? `${rewritten}${inner}</span>` : `${rewritten}${inner}</a>`;
      })
      .replace(/<form\b[^>]*>[\s\S]*?<\/form>/g, (form) => {
        const open = /^<form\b[^>]*>/.exec(form)![0];
        const rewritten = withAttr(open, () => '');
        return rewritten === '' ? '' : rewritten + form.slice(open.length);
      })
      .replace(/<(?:link|script|img|source)\b[^>]*>/g, (tag) => withAttr(tag, () => ''))
  );
}

/**
 * The page a language switch's link names (`/x?lang=en`: /x), when it asks for `lang`; else null.
 * Any other query it keeps, as the switch does (`/tag/x?page=2&lang=en`: /tag/x?page=2).
 */
export function withoutLang(link: string, lang: Lang): string | null {
  const q = link.indexOf('?');
  if (q === -1) return null;
  const params = new URLSearchParams(link.slice(q + 1));
  if (params.get('lang') !== lang) return null;
  params.delete('lang');
  const rest = params.toString();
  return `${link.slice(0, q)}${rest ? `?${rest}` : ''}`;
}

/**
 * The files of a copy's URLs (staticFileOf), made distinct where only case tells two apart: a
 * case-insensitive disk (macOS, Windows) holds `tag/Hong Kong.html` and `tag/hong kong.html` as one
 * file, so the second URL to come gets its name with a mark of its own (`tag/hong kong~1a2b3c4d.html`).
 * Each URL keeps the file it was first given, in every language of the copy.
 */
export class CopyFileNames {
  private readonly byUrl = new Map<string, string | null>();
  /** The URL each file name is given to, by the name in lower case. */
  private readonly byLowerCase = new Map<string, string>();

  fileOf(url: string): string | null {
    const known = this.byUrl.get(url);
    if (known !== undefined) return known;
    let file = staticFileOf(url);
    if (file !== null) {
      const owner = this.byLowerCase.get(file.toLowerCase());
      if (owner !== undefined && owner !== url) {
        const mark = createHash('sha1').update(url).digest('hex').slice(0, 8);
        const dot = file.lastIndexOf('.');
        file = `${file.slice(0, dot)}~${mark}${file.slice(dot)}`;
      }
      this.byLowerCase.set(file.toLowerCase(), url);
    }
    this.byUrl.set(url, file);
    return file;
  }
}
