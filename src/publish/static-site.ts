// writeStaticSite(store, dir, options): the reader as a static copy, a folder of files that any web
// host or CDN serves as they are, and that a browser reads from a disk (file://) as well: the home
// page, every article, every category, tag, author and date listing with all its pages, the 當年今日
// pages with their downloads, the indexes and the about page, each a file (`article/32181.html`,
// `tag/國安法.html`, its second page `tag/國安法/page-2.html`), linked to each other by relative links.
//
// How: the reader's own app (createApp with `staticSite`, which leaves out what needs the server:
// the language switch, JSON and feed links, sort and version toggles, filter and picker forms, and
// search unless a live server is named) renders each page in process, as the server renders it. The
// pages are crawled from the home page, seeded with every article, so that nothing is missed that
// no page links to. A page's internal links are rewritten to the files they lead to; one the copy
// cannot hold (a search, a page that answers with a redirect to one, a page that is not there) is
// unlinked, its text kept, and one that redirects to a page of the copy (a tag written in another
// form) is pointed at that page. Links are written before the pages they lead to are made; the few
// that turn out to redirect or to be missing are mended when the crawl ends, so that every internal
// link of the copy is to a file in it.

import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BackfileError, fileError } from '../lib/errors.js';
import type { Store } from '../store/types.js';
import { createApp } from '../web/app.js';
import type { Lang } from '../web/i18n.js';
import { hkDate } from '../web/month-day.js';
import { sitemapIndex, sitemapPart, sitemapParts } from '../web/sitemap.js';

/** The file that marks a folder as a static copy (and says what it holds); a folder with it may be replaced. */
export const SITE_MANIFEST = 'backfile-site.json';
/** Every other file's SHA-256, in sha256sum's format, so that `sha256sum -c` checks a copy anywhere. */
export const SITE_CHECKSUMS = 'backfile-site.sha256';

export interface StaticSiteOptions {
  /**
   * The interface's language (default zh), or both: Chinese at the root and English in `en/`, each
   * page's language switch leading to the other.
   */
  lang?: Lang | 'both';
  /** An archive server's origin whose /search the pages' search boxes ask; none: no search boxes. */
  searchUrl?: string;
  /**
   * The copy's public address (a site's root or a folder in it, no trailing slash): articles name
   * their file there (canonical, og:url), and sitemaps and robots.txt are written for search engines.
   */
  publicUrl?: string;
  /** The clock: the day the copy was made, which every page says. */
  now?: () => Date;
  /** Called as pages are written: how many, and how many are known so far. */
  onProgress?: (written: number, known: number) => void;
}

export interface StaticSiteSummary {
  /** Files written: pages, downloads and the stylesheet and script. */
  files: number;
  /** Pages in all languages. */
  pages: number;
  /** Articles (each once, whatever the languages). */
  articles: number;
  languages: Lang[];
  bytes: number;
  /** Links left as text because the copy cannot hold what they lead to, by kind of page ("search", "tag", …). */
  unlinked: Record<string, number>;
  /** Pages whose links were mended after the crawl (a link to a redirect or a missing page). */
  mended: number;
  /** Pages the app could not make (an error of the server's own; each is listed). */
  failed: Array<{ url: string; status: number }>;
  ms: number;
}

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
const RAW_FILE = /^\/(?:static\/[^/]+|find-index\.js|on-this-day\/\d\d-\d\d\.(?:csv|ris|bib))$/;

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
function encodedPath(file: string): string {
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
const decodeAttr = (v: string) => v.replace(/&(?:amp|quot|#39|lt|gt);/g, (e) => ENTITIES[e]!);
const encodeAttr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

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
    return `${tag.slice(0, m.index)} ${m[1]}="${encodeAttr(to)}"${tag.slice(m.index + m[0].length)}`;
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

/** What a URL of the reader turned out to be. */
type Outcome =
  | { kind: 'page'; file: string }
  | { kind: 'redirect'; to: string }
  | { kind: 'none'; why: string };

/** Which kind of page a URL left out of the copy is, for the summary: its first path segment. */
function kindOf(url: string): string {
  return /^\/([^/?#]*)/.exec(url)?.[1] || 'home';
}

/**
 * What a copy writes at its root: the pages (`*.html`), the folders of its pages and files, the
 * manifest and `.nojekyll` (GitHub Pages would otherwise leave out files whose names start with `_`).
 * Anything else an earlier copy's folder holds (a CNAME, a host's settings) is the owner's and is kept.
 */
function writtenByCopy(entry: string): boolean {
  return (
    entry.endsWith('.html') ||
    entry === SITE_MANIFEST ||
    entry === SITE_CHECKSUMS ||
    entry === '.nojekyll' ||
    entry === 'find-index.js' ||
    entry === 'robots.txt' ||
    entry === 'sitemap.xml' ||
    entry === 'sitemap' ||
    entry === 'en' ||
    [
      'article',
      'author',
      'authors',
      'categories',
      'category',
      'date',
      'on-this-day',
      'static',
      'tag',
      'tags',
    ].includes(entry)
  );
}

/**
 * Readies the folder: made if missing; if it holds an earlier copy, what that copy wrote is removed
 * (see writtenByCopy); a folder holding anything else is refused.
 */
function prepareFolder(dir: string): void {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw fileError(err, dir) ?? err;
    try {
      mkdirSync(dir, { recursive: true });
    } catch (e) {
      throw fileError(e, dir) ?? e;
    }
    return;
  }
  if (entries.length === 0) return;
  if (!entries.includes(SITE_MANIFEST)) {
    throw new BackfileError(
      'io',
      `${dir} is not empty and holds no static copy (no ${SITE_MANIFEST}): give an empty or new folder`,
    );
  }
  for (const entry of entries.filter(writtenByCopy))
    rmSync(join(dir, entry), { recursive: true, force: true });
}

/** Makes the static copy in `dir` (see the module's header). */
export async function writeStaticSite(
  store: Store,
  dir: string,
  options: StaticSiteOptions = {},
): Promise<StaticSiteSummary> {
  const started = Date.now();
  const now = options.now ?? (() => new Date());
  const madeOn = hkDate(now());
  const langs: Lang[] = options.lang === 'both' ? ['zh', 'en'] : [options.lang ?? 'zh'];
  const base = options.publicUrl ?? '';
  const app = createApp(store, {
    cache: false,
    now,
    publicUrl: options.publicUrl,
    staticSite: {
      madeOn,
      ...(options.searchUrl ? { searchUrl: options.searchUrl } : {}),
      ...(langs.length > 1 ? { otherLanguage: true } : {}),
    },
    logError: () => {},
  });
  prepareFolder(dir);
  const manifestText = (figures: Record<string, unknown>) =>
    `${JSON.stringify(
      {
        generator: 'backfile',
        madeOn,
        madeAt: now().toISOString(),
        languages: langs,
        searchUrl: options.searchUrl ?? null,
        publicUrl: options.publicUrl ?? null,
        ...figures,
        archive: store.stats(),
      },
      null,
      2,
    )}\n`;
  // first, so that a copy cut short (Ctrl-C, a full disk) is known as one, which the next run replaces
  try {
    writeFileSync(join(dir, SITE_MANIFEST), manifestText({ complete: false }));
  } catch (err) {
    throw fileError(err, join(dir, SITE_MANIFEST)) ?? err;
  }

  const unlinked: Record<string, number> = {};
  const failed: StaticSiteSummary['failed'] = [];
  const madeDirs = new Set<string>();
  /** Every file written, with its SHA-256 (for SITE_CHECKSUMS). */
  const writtenFiles = new Map<string, string>();
  let bytes = 0;
  let pages = 0;
  let articles = 0;
  let mended = 0;
  let done = 0;
  const count = (url: string, n = 1) => {
    unlinked[kindOf(url)] = (unlinked[kindOf(url)] ?? 0) + n;
  };
  const write = (file: string, body: Uint8Array | string) => {
    const path = join(dir, file);
    const folder = dirname(path);
    try {
      if (!madeDirs.has(folder)) {
        mkdirSync(folder, { recursive: true });
        madeDirs.add(folder);
      }
      writeFileSync(path, body);
    } catch (err) {
      throw fileError(err, path) ?? err;
    }
    writtenFiles.set(file, createHash('sha256').update(body).digest('hex'));
    bytes += typeof body === 'string' ? Buffer.byteLength(body) : body.length;
  };

  /** The pages of one language, in the folder `prefix` ('' for the first language, `en/` for English after it). */
  const crawl = async (lang: Lang, prefix: string, otherPrefix: string | null, later: number) => {
    const outcomes = new Map<string, Outcome>();
    /** URLs linked before they were made, with the pages (by index in `written`) that link them. */
    const linkedEarly = new Map<string, number[]>();
    /** Links to the page in the other language, by page: checked once that language is written. */
    const crossLinks: Array<{ index: number; href: string; file: string }> = [];
    const written: string[] = [];
    /** The pages (by index in `written`) whose links are absolute: 404.html. */
    const absoluteLinks = new Set<number>();
    /** The link from a page (by index in `written`) to a file of the copy. */
    const hrefFrom = (index: number, to: string) =>
      absoluteLinks.has(index) ? `${base}/${encodedPath(to)}` : relativeHref(written[index]!, to);
    const queue: string[] = [];
    const queued = new Set<string>();
    const enqueue = (url: string) => {
      if (queued.has(url)) return;
      queued.add(url);
      queue.push(url);
    };
    /**
     * The file of a URL in this language's folder (the stylesheet, the script and the index of
     * titles are shared, at the root).
     */
    const fileIn = (url: string, folder = prefix): string | null => {
      const file = staticFileOf(url);
      return file === null || url.startsWith('/static/') || url === '/find-index.js'
        ? file
        : `${folder}${file}`;
    };
    /** Where a link leads in the copy: a file, or null when the copy does not hold it. */
    const target = (url: string, seen = 0): string | null => {
      const known = outcomes.get(url);
      if (known?.kind === 'page') return known.file;
      if (known?.kind === 'redirect') return seen < 5 ? target(known.to, seen + 1) : null;
      if (known?.kind === 'none') return null;
      return fileIn(url);
    };
    /** A page's address at the copy's public address (`base`/…), as its file's: null when the copy has no such file. */
    const absolute = (url: string): string | null => {
      const to = base && url.startsWith(`${base}/`) ? target(url.slice(base.length)) : null;
      return to === null ? null : `${base}/${encodedPath(to)}`;
    };

    // Seeds: the pages every copy has, and every article (a record no page links to is still kept;
    // placeholder pages are found where the undated listing links them).
    for (const url of ['/', '/about', '/on-this-day/all', '/categories', '/tags', '/authors', '/date'])
      enqueue(url);
    // the page hosts answer for an address the copy has not: it needs the public address
    if (base) enqueue('/404');
    for (const id of store.articleIds()) enqueue(`/article/${id}`);

    const headers = { cookie: `lang=${lang}` };
    for (let next = 0; next < queue.length; next++) {
      const url = queue[next]!;
      const res = await app.request(url, { headers });
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location?.startsWith('/') && !location.startsWith('//')) {
        outcomes.set(url, { kind: 'redirect', to: location });
        if (staticFileOf(location) !== null) enqueue(location);
        else outcomes.set(location, outcomes.get(location) ?? { kind: 'none', why: 'unlinked' });
        continue;
      }
      if (res.status !== 200) {
        outcomes.set(url, { kind: 'none', why: String(res.status) });
        if (res.status >= 500)
          failed.push({ url: `${prefix ? `(${lang}) ` : ''}${url}`, status: res.status });
        await res.arrayBuffer();
        continue;
      }
      const file = fileIn(url)!;
      const html = (res.headers.get('content-type') ?? '').startsWith('text/html');
      if (html === RAW_FILE.test(url)) {
        // a feed or a sitemap (made for the server's clock and address), or a page where a file is expected
        outcomes.set(url, { kind: 'none', why: 'not a page' });
        await res.arrayBuffer();
        continue;
      }
      outcomes.set(url, { kind: 'page', file });
      linkedEarly.delete(url);
      if (!html) {
        if (!writtenFiles.has(file)) write(file, new Uint8Array(await res.arrayBuffer()));
        else await res.arrayBuffer();
        continue;
      }
      const index = written.length;
      written.push(file);
      // 404.html is answered at any address: its links are absolute, at the public address
      if (url === '/404') absoluteLinks.add(index);
      const linkTo = (to: string) => hrefFrom(index, to);
      pages++;
      if (url.startsWith('/article/') && prefix === '') articles++;
      let page = rewriteLinks(await res.text(), (value) => {
        // the page's own address for sharing (canonical), at the copy's public address
        if (base && value.startsWith(`${base}/`)) return absolute(value) ?? undefined;
        if (!value.startsWith('/') || value.startsWith('//')) return undefined;
        const hash = value.indexOf('#');
        const link = hash === -1 ? value : value.slice(0, hash);
        const fragment = hash === -1 ? '' : value.slice(hash);
        if (link === '') return undefined;
        // the language switch: this page in the other language's folder
        const other = otherPrefix !== null ? withoutLang(link, langs.find((l) => l !== lang)!) : null;
        if (other !== null) {
          const to = fileIn(other, otherPrefix!);
          if (to === null) {
            count(other);
            return null;
          }
          const href = linkTo(to);
          crossLinks.push({ index, href, file: to });
          return `${href}${fragment}`;
        }
        const to = target(link);
        if (to === null) {
          count(link);
          return null;
        }
        const known = outcomes.get(link);
        if (known?.kind !== 'page') {
          // made later: mended after the crawl if it turns out not to be a page of the copy
          enqueue(link);
          const pagesLinking = linkedEarly.get(link);
          if (!pagesLinking) linkedEarly.set(link, [index]);
          else if (pagesLinking[pagesLinking.length - 1] !== index) pagesLinking.push(index);
        }
        return `${linkTo(to)}${fragment}`;
      });
      if (base)
        page = page.replace(
          /(<meta property="og:url" content=")([^"]*)(")/,
          (whole, open: string, url: string, close: string) => {
            const to = absolute(url.replaceAll('&amp;', '&'));
            return to ? `${open}${to.replaceAll('&', '&amp;')}${close}` : whole;
          },
        );
      write(file, page);
      // what is known to come: the rest of this language's queue, and as many for each language after it
      options.onProgress?.(++done, done + queue.length - next - 1 + later * queue.length);
    }

    // The links written before what they lead to was found to redirect or to be missing, by page:
    // the href as written, and where it leads now (null: nowhere, left as text).
    const mend = new Map<number, Map<string, string | null>>();
    const fix = (index: number, href: string, to: string | null) => {
      const fixes = mend.get(index) ?? new Map<string, string | null>();
      mend.set(index, fixes);
      fixes.set(href, to);
    };
    for (const [url, linking] of linkedEarly) {
      if (outcomes.get(url)?.kind === 'page') continue;
      const to = target(url);
      if (to === null) count(url, linking.length);
      for (const i of linking) fix(i, hrefFrom(i, fileIn(url)!), to === null ? null : hrefFrom(i, to));
    }
    return {
      outcomes,
      written,
      mend,
      fix,
      crossLinks,
      async apply(): Promise<void> {
        for (const link of crossLinks) if (!writtenFiles.has(link.file)) fix(link.index, link.href, null);
        for (const [i, fixes] of mend) {
          const file = written[i]!;
          const path = join(dir, file);
          const html = rewriteLinks(readFileSync(path, 'utf8'), (value) => {
            const hash = value.indexOf('#');
            const href = hash === -1 ? value : value.slice(0, hash);
            if (!fixes.has(href)) return undefined;
            const to = fixes.get(href)!;
            return to === null ? null : `${to}${hash === -1 ? '' : value.slice(hash)}`;
          });
          bytes -= statSync(path).size;
          write(file, html);
        }
        mended += mend.size;
      },
    };
  };

  const trees = [];
  for (const [i, lang] of langs.entries()) {
    const prefix = i === 0 ? '' : `${lang}/`;
    const other = langs.length > 1 ? (i === 0 ? `${langs[1]}/` : '') : null;
    trees.push(await crawl(lang, prefix, other, langs.length - i - 1));
  }
  // links across the languages are checked once both are written
  for (const tree of trees) await tree.apply();
  const first = trees[0]!;

  // For search engines, at the copy's public address: every article's file in the first language
  // (placeholder pages left out, as the server's sitemaps leave them), and robots.txt naming the sitemap.
  let sitemaps = 0;
  if (base) {
    const ids = Int32Array.from(store.articleIds()).filter(
      (id) => first.outcomes.get(`/article/${id}`)?.kind === 'page',
    );
    sitemaps = sitemapParts(ids.length);
    write('sitemap.xml', sitemapIndex(base, sitemaps));
    for (let n = 1; n <= sitemaps; n++)
      write(`sitemap/${n}.xml`, sitemapPart(base, ids, n, (id) => `/article/${id}.html`)!);
    write('robots.txt', `User-agent: *\nAllow: /\nSitemap: ${base}/sitemap.xml\n`);
  }

  const summary: StaticSiteSummary = {
    // and the manifest, .nojekyll and the checksums, written below
    files: writtenFiles.size + 3,
    pages,
    articles,
    languages: langs,
    bytes,
    unlinked,
    mended,
    failed,
    ms: 0,
  };
  write(
    SITE_MANIFEST,
    manifestText({
      complete: true,
      files: summary.files,
      pages: summary.pages,
      sitemaps,
      articles: summary.articles,
    }),
  );
  write('.nojekyll', '');
  // every file's checksum, as sha256sum writes them: `sha256sum -c` in the folder checks a mirror
  const sums = [...writtenFiles].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  write(SITE_CHECKSUMS, sums.map(([file, hash]) => `${hash}  ${file}\n`).join(''));
  summary.ms = Date.now() - started;
  return summary;
}

/**
 * The page a language switch's link names (`/x?lang=en`: /x), when it asks for `lang`; else null.
 * Any other query it keeps, as the switch does (`/tag/x?page=2&lang=en`: /tag/x?page=2).
 */
function withoutLang(link: string, lang: Lang): string | null {
  const q = link.indexOf('?');
  if (q === -1) return null;
  const params = new URLSearchParams(link.slice(q + 1));
  if (params.get('lang') !== lang) return null;
  params.delete('lang');
  const rest = params.toString();
  return `${link.slice(0, q)}${rest ? `?${rest}` : ''}`;
}
