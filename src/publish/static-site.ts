// writeStaticSite(store, dir, options): the reader as a static copy, a folder of files that any web
// host or CDN serves as they are, and that a browser reads from a disk (file://) as well: the home
// page, every article, every category, tag, author and date listing with all its pages, the 當年今日
// pages with their downloads, the indexes and the about page, each a file (`article/32181.html`,
// `tag/國安法.html`, its second page `tag/國安法/page-2.html`), linked to each other by relative links.
//
// How: the reader's own app (createApp with `staticSite`, which leaves out what needs the server:
// the language switch but between a copy's two languages, JSON and feed links, sort and version
// toggles, filter and picker forms; its search boxes ask a named server, or the copy's own finder
// by title) renders each page in process, as the server renders it (a LanguageCrawl a language). The
// pages are crawled from the home page, seeded with every article, so that nothing is missed that
// no page links to. A page's internal links are rewritten to the files they lead to; one the copy
// cannot hold (a search, a page that answers with a redirect to one, a page that is not there) is
// unlinked, its text kept, and one that redirects to a page of the copy (a tag written in another
// form) is pointed at that page. Links are written before the pages they lead to are made; the few
// that turn out to redirect or to be missing are mended when the crawl ends, so that every internal
// link of the copy is to a file in it. The files and links themselves are ./static-files.ts's; the
// folder (a CopyFolder) keeps every file's checksum and a manifest that says whether it is complete.

import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Hono } from 'hono';
import { BackfileError, fileError } from '../lib/errors.js';
import type { Store } from '../store/types.js';
import { createApp } from '../web/app.js';
import { escapeHtml } from '../web/html/jsx-runtime.js';
import type { Lang } from '../web/i18n.js';
import { hkDate } from '../web/month-day.js';
import { sitemapIndex, sitemapPart, sitemapParts } from '../web/sitemap.js';
import {
  CopyFileNames,
  encodedPath,
  RAW_FILE,
  relativeHref,
  rewriteLinks,
  staticFileOf,
  withoutLang,
} from './static-files.js';

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

/**
 * The folder a copy is written in: each file written (its folders made as needed) with its SHA-256
 * and size counted, and the manifest, first as unfinished and at the end as complete.
 */
class CopyFolder {
  /** Every file written, with its SHA-256 (for SITE_CHECKSUMS). */
  readonly files = new Map<string, string>();
  bytes = 0;
  private readonly madeDirs = new Set<string>();

  constructor(
    readonly dir: string,
    private readonly manifest: Record<string, unknown>,
  ) {
    prepareFolder(dir);
    // first, so that a copy cut short (Ctrl-C, a full disk) is known as one, which the next run replaces
    this.writeFile(SITE_MANIFEST, this.manifestText({ complete: false }));
  }

  write(file: string, body: Uint8Array | string): void {
    this.writeFile(file, body);
    this.files.set(file, createHash('sha256').update(body).digest('hex'));
    this.bytes += typeof body === 'string' ? Buffer.byteLength(body) : body.length;
  }

  /** A page written before, rewritten (its size counted once). */
  rewrite(file: string, change: (html: string) => string): void {
    const path = join(this.dir, file);
    const before = readFileSync(path, 'utf8');
    this.bytes -= Buffer.byteLength(before);
    this.write(file, change(before));
  }

  /** The complete manifest, `.nojekyll` and the checksums of every file, as sha256sum writes them. */
  finish(figures: Record<string, unknown>): void {
    this.write(SITE_MANIFEST, this.manifestText({ complete: true, ...figures }));
    this.write('.nojekyll', '');
    const sums = [...this.files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    this.write(SITE_CHECKSUMS, sums.map(([file, hash]) => `${hash}  ${file}\n`).join(''));
  }

  private manifestText(figures: Record<string, unknown>): string {
    return `${JSON.stringify({ ...this.manifest, ...figures }, null, 2)}\n`;
  }

  private writeFile(file: string, body: Uint8Array | string): void {
    const path = join(this.dir, file);
    const folder = dirname(path);
    try {
      if (!this.madeDirs.has(folder)) {
        mkdirSync(folder, { recursive: true });
        this.madeDirs.add(folder);
      }
      writeFileSync(path, body);
    } catch (err) {
      throw fileError(err, path) ?? err;
    }
  }
}

/** What the crawls of every language share: the app, the folder, and the counts of the summary. */
interface CopyContext {
  app: Hono;
  store: Store;
  folder: CopyFolder;
  /** The file of each URL, the same in every language. */
  names: CopyFileNames;
  /** The copy's public address, or '' */
  base: string;
  languages: Lang[];
  unlinked: Record<string, number>;
  failed: StaticSiteSummary['failed'];
  counts: { pages: number; articles: number; mended: number; done: number };
  onProgress?: (written: number, known: number) => void;
}

/**
 * The pages of one language, in the folder `prefix` ('' for the first language, `en/` for English
 * after it), crawled from the seeds, each written with its links rewritten (see the module's header).
 */
class LanguageCrawl {
  /** What each URL turned out to be. */
  readonly outcomes = new Map<string, Outcome>();
  /** URLs linked before they were made, with the pages (by index in `written`) that link them. */
  private readonly linkedEarly = new Map<string, number[]>();
  /** Links to the page in the other language: checked once that language is written. */
  private readonly crossLinks: Array<{ index: number; href: string; file: string }> = [];
  /** The pages written, in order. */
  private readonly written: string[] = [];
  /** The pages (by index in `written`) whose links are absolute: 404.html. */
  private readonly absoluteLinks = new Set<number>();
  private readonly queue: string[] = [];
  private readonly queued = new Set<string>();

  constructor(
    private readonly copy: CopyContext,
    private readonly lang: Lang,
    private readonly prefix: string,
    /** The other language's folder, when the copy has both. */
    private readonly otherPrefix: string | null,
    /** Languages crawled after this one (for the progress's estimate). */
    private readonly later: number,
  ) {}

  async run(): Promise<void> {
    // Seeds: the pages every copy has, and every article (a record no page links to is still kept;
    // placeholder pages are found where the undated listing links them).
    for (const url of ['/', '/about', '/on-this-day/all', '/categories', '/tags', '/authors', '/date'])
      this.enqueue(url);
    // the page hosts answer for an address the copy has not: it needs the public address
    if (this.copy.base) this.enqueue('/404');
    for (const id of this.copy.store.articleIds()) this.enqueue(`/article/${id}`);
    for (let next = 0; next < this.queue.length; next++) {
      await this.visit(this.queue[next]!);
      this.copy.onProgress?.(
        this.copy.counts.done,
        // what is known to come: the rest of this language's queue, and as many for each language after it
        this.copy.counts.done + this.queue.length - next - 1 + this.later * this.queue.length,
      );
    }
  }

  /**
   * Mends the links written before what they lead to was found to redirect or to be missing, and
   * those to the other language's pages that it has not: each to where it leads now, or to text.
   */
  mend(): void {
    const mend = new Map<number, Map<string, string | null>>();
    const fix = (index: number, href: string, to: string | null) => {
      const fixes = mend.get(index) ?? new Map<string, string | null>();
      mend.set(index, fixes);
      fixes.set(href, to);
    };
    for (const [url, linking] of this.linkedEarly) {
      if (this.outcomes.get(url)?.kind === 'page') continue;
      const to = this.target(url);
      if (to === null) this.count(url, linking.length);
      for (const i of linking)
        fix(i, this.hrefFrom(i, this.fileIn(url)!), to === null ? null : this.hrefFrom(i, to));
    }
    for (const link of this.crossLinks)
      if (!this.copy.folder.files.has(link.file)) fix(link.index, link.href, null);
    for (const [i, fixes] of mend) {
      this.copy.folder.rewrite(this.written[i]!, (html) =>
        rewriteLinks(html, (value) => {
          const hash = value.indexOf('#');
          const href = hash === -1 ? value : value.slice(0, hash);
          if (!fixes.has(href)) return undefined;
          const to = fixes.get(href)!;
          return to === null ? null : `${to}${hash === -1 ? '' : value.slice(hash)}`;
        }),
      );
    }
    this.copy.counts.mended += mend.size;
  }

  private enqueue(url: string): void {
    if (this.queued.has(url)) return;
    this.queued.add(url);
    this.queue.push(url);
  }

  private count(url: string, n = 1): void {
    this.copy.unlinked[kindOf(url)] = (this.copy.unlinked[kindOf(url)] ?? 0) + n;
  }

  /**
   * The file of a URL in a language's folder (the stylesheet, the script and the index of titles
   * are shared, at the root).
   */
  private fileIn(url: string, folder = this.prefix): string | null {
    const file = this.copy.names.fileOf(url);
    return file === null || url.startsWith('/static/') || url === '/find-index.js'
      ? file
      : `${folder}${file}`;
  }

  /** Where a link leads in the copy: a file, or null when the copy does not hold it. */
  private target(url: string, seen = 0): string | null {
    const known = this.outcomes.get(url);
    if (known?.kind === 'page') return known.file;
    if (known?.kind === 'redirect') return seen < 5 ? this.target(known.to, seen + 1) : null;
    if (known?.kind === 'none') return null;
    return this.fileIn(url);
  }

  /** A page's address at the copy's public address (`base`/…), as its file's: null when the copy has no such file. */
  private absolute(url: string): string | null {
    const { base } = this.copy;
    const to = base && url.startsWith(`${base}/`) ? this.target(url.slice(base.length)) : null;
    return to === null ? null : `${base}/${encodedPath(to)}`;
  }

  /** The link from a page (by index in `written`) to a file of the copy. */
  private hrefFrom(index: number, to: string): string {
    return this.absoluteLinks.has(index)
      ? `${this.copy.base}/${encodedPath(to)}`
      : relativeHref(this.written[index]!, to);
  }

  /** Asks the app for a URL, and writes what it answers, or notes why there is nothing to write. */
  private async visit(url: string): Promise<void> {
    // a file the languages share (the stylesheet, the script, the index of titles), written before
    const shared = RAW_FILE.test(url) ? this.fileIn(url) : null;
    if (shared !== null && this.copy.folder.files.has(shared)) {
      this.outcomes.set(url, { kind: 'page', file: shared });
      this.linkedEarly.delete(url);
      return;
    }
    const res = await this.copy.app.request(url, { headers: { cookie: `lang=${this.lang}` } });
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location?.startsWith('/') && !location.startsWith('//')) {
      this.outcomes.set(url, { kind: 'redirect', to: location });
      if (staticFileOf(location) !== null) this.enqueue(location);
      else this.outcomes.set(location, this.outcomes.get(location) ?? { kind: 'none', why: 'unlinked' });
      return;
    }
    if (res.status !== 200) {
      this.outcomes.set(url, { kind: 'none', why: String(res.status) });
      if (res.status >= 500)
        this.copy.failed.push({ url: `${this.prefix ? `(${this.lang}) ` : ''}${url}`, status: res.status });
      await res.arrayBuffer();
      return;
    }
    const file = this.fileIn(url)!;
    const html = (res.headers.get('content-type') ?? '').startsWith('text/html');
    if (html === RAW_FILE.test(url)) {
      // a feed or a sitemap (made for the server's clock and address), or a page where a file is expected
      this.outcomes.set(url, { kind: 'none', why: 'not a page' });
      await res.arrayBuffer();
      return;
    }
    this.outcomes.set(url, { kind: 'page', file });
    this.linkedEarly.delete(url);
    if (!html) {
      this.copy.folder.write(file, new Uint8Array(await res.arrayBuffer()));
      return;
    }
    const index = this.written.length;
    this.written.push(file);
    // 404.html is answered at any address: its links are absolute, at the public address
    if (url === '/404') this.absoluteLinks.add(index);
    this.copy.counts.pages++;
    this.copy.counts.done++;
    if (url.startsWith('/article/') && this.prefix === '') this.copy.counts.articles++;
    let page = rewriteLinks(await res.text(), (value) => this.linkFrom(index, value));
    if (this.copy.base)
      page = page.replace(
        /(<meta property="og:url" content=")([^"]*)(")/,
        (whole, open: string, address: string, close: string) => {
          const to = this.absolute(address.replaceAll('&amp;', '&'));
          return to ? `${open}${escapeHtml(to)}${close}` : whole;
        },
      );
    this.copy.folder.write(file, page);
  }

  /** A link of a page (by index in `written`) as the copy has it: changed, dropped (null) or kept (undefined). */
  private linkFrom(index: number, value: string): string | null | undefined {
    const { base } = this.copy;
    // the page's own address for sharing (canonical), at the copy's public address
    if (base && value.startsWith(`${base}/`)) return this.absolute(value) ?? undefined;
    if (!value.startsWith('/') || value.startsWith('//')) return undefined;
    const hash = value.indexOf('#');
    const link = hash === -1 ? value : value.slice(0, hash);
    const fragment = hash === -1 ? '' : value.slice(hash);
    if (link === '') return undefined;
    // the language switch: this page in the other language's folder
    const otherLang = this.copy.languages.find((l) => l !== this.lang);
    const other = this.otherPrefix !== null && otherLang ? withoutLang(link, otherLang) : null;
    if (other !== null) {
      const to = this.fileIn(other, this.otherPrefix!);
      if (to === null) {
        this.count(other);
        return null;
      }
      const href = this.hrefFrom(index, to);
      this.crossLinks.push({ index, href, file: to });
      return `${href}${fragment}`;
    }
    const to = this.target(link);
    if (to === null) {
      this.count(link);
      return null;
    }
    if (this.outcomes.get(link)?.kind !== 'page') {
      // made later: mended after the crawl if it turns out not to be a page of the copy
      this.enqueue(link);
      const pagesLinking = this.linkedEarly.get(link);
      if (!pagesLinking) this.linkedEarly.set(link, [index]);
      else if (pagesLinking[pagesLinking.length - 1] !== index) pagesLinking.push(index);
    }
    return `${this.hrefFrom(index, to)}${fragment}`;
  }
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
  const languages: Lang[] = options.lang === 'both' ? ['zh', 'en'] : [options.lang ?? 'zh'];
  const base = options.publicUrl ?? '';
  const app = createApp(store, {
    cache: false,
    now,
    publicUrl: options.publicUrl,
    staticSite: {
      madeOn,
      ...(options.searchUrl ? { searchUrl: options.searchUrl } : {}),
      ...(languages.length > 1 ? { otherLanguage: true } : {}),
    },
    logError: () => {},
  });
  const folder = new CopyFolder(dir, {
    generator: 'backfile',
    madeOn,
    madeAt: now().toISOString(),
    languages,
    searchUrl: options.searchUrl ?? null,
    publicUrl: options.publicUrl ?? null,
    archive: store.stats(),
  });
  const copy: CopyContext = {
    app,
    store,
    folder,
    names: new CopyFileNames(),
    base,
    languages,
    unlinked: {},
    failed: [],
    counts: { pages: 0, articles: 0, mended: 0, done: 0 },
    onProgress: options.onProgress,
  };
  const crawls: LanguageCrawl[] = [];
  for (const [i, lang] of languages.entries()) {
    const prefix = i === 0 ? '' : `${lang}/`;
    const other = languages.length > 1 ? (i === 0 ? `${languages[1]}/` : '') : null;
    const crawl = new LanguageCrawl(copy, lang, prefix, other, languages.length - i - 1);
    await crawl.run();
    crawls.push(crawl);
  }
  // links across the languages are checked once both are written
  for (const crawl of crawls) crawl.mend();

  // For search engines, at the copy's public address: every article's file in the first language
  // (placeholder pages left out, as the server's sitemaps leave them), and robots.txt naming the sitemap.
  let sitemaps = 0;
  if (base) {
    const first = crawls[0]!;
    const ids = Int32Array.from(store.articleIds()).filter(
      (id) => first.outcomes.get(`/article/${id}`)?.kind === 'page',
    );
    sitemaps = sitemapParts(ids.length);
    folder.write('sitemap.xml', sitemapIndex(base, sitemaps));
    for (let n = 1; n <= sitemaps; n++)
      folder.write(`sitemap/${n}.xml`, sitemapPart(base, ids, n, (id) => `/article/${id}.html`)!);
    folder.write('robots.txt', `User-agent: *\nAllow: /\nSitemap: ${base}/sitemap.xml\n`);
  }

  const { pages, articles, mended } = copy.counts;
  // and the manifest, .nojekyll and the checksums, written by finish()
  const files = folder.files.size + 3;
  folder.finish({ files, pages, sitemaps, articles });
  return {
    files,
    pages,
    articles,
    languages,
    bytes: folder.bytes,
    unlinked: copy.unlinked,
    mended,
    failed: copy.failed,
    ms: Date.now() - started,
  };
}
