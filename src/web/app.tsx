// The reader web app: createApp(store) gives a Hono app with every page server-rendered in JSX and
// its JSON twin (/api/... or ?format=json), one error handler for HTML and JSON, security headers
// (strict CSP, no inline script), hashed static files, gzip for clients that take it (./compression.ts),
// every article of a search as CSV (/search.csv), and an LRU of rendered pages with ETags.

import { METHODS } from 'node:http';
import { pipeline, Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { isPlaceholder } from '../corpus/anomalies.js';
import { bylinePeople } from '../corpus/byline.js';
import { hkcnewsArticleId } from '../corpus/hkcnews-url.js';
import { PUBLIC_CORPUS_URL } from '../corpus/source.js';
import { BackfileError, NotFoundError, UsageError } from '../lib/errors.js';
import { LruMap } from '../lib/lru-map.js';
import { apaCitation, bibtexCitation } from '../publish/citation.js';
import { EXPORT_FORMATS, type ExportFormat, exportChunks } from '../publish/export.js';
import { findIndexScript } from '../publish/find-index.js';
import { namedArticle } from '../search/named-article.js';
import { search as defaultSearch } from '../search/search.js';
import type { SearchOptions, SearchResult, SearchSort } from '../search/types.js';
import { type RelaxedQuery, widerQueries } from '../search/wider-queries.js';
import type { FacetCount, ListKind, Store, StoredArticle } from '../store/types.js';
import { foldForMatch, withoutIgnorables } from '../text/ignorable.js';
import { textLang } from '../text/language.js';
import { type Assets, loadAssets } from './assets.js';
import { type CompareData, compareVersions } from './compare.js';
import { encodedEtag, gzipBody, MIN_COMPRESS_BYTES, pickEncoding } from './compression.js';
import { FairQueue } from './fair-queue.js';
import { ATOM_TYPE, FEED_DAYS, feedDays, onThisDayFeed } from './feed.js';
import type { JSX } from './html/jsx-runtime.js';
import { HTML_LANG, type Lang, pickLang, type Strings, strings } from './i18n.js';
import {
  daysInMonth,
  hkDate,
  hkMonthDay,
  lastDayOfShortFebruary,
  monthDayOf,
  parseMonthDay,
  secondsToHkMidnight,
  shiftMonthDay,
} from './month-day.js';
import { type CachedPage, makeEtag, PageCache } from './page-cache.js';
import { htmlToText, renderBody, stripTitleHeading } from './render-body.js';
import { sitemapIndex, sitemapPart, sitemapParts } from './sitemap.js';
import { captureListUrl, urls } from './urls.js';
import { ComparePage } from './views/compare-page.js';
import { pageCount, SEARCH_PAGE_LIMIT } from './views/components.js';
import type { StaticSite, ViewContext } from './views/layout.js';
import {
  type AboutData,
  AboutPage,
  type ArticleData,
  ArticlePage,
  type DatesData,
  DatesPage,
  type ErrorData,
  ErrorPage,
  FindPage,
  type HomeData,
  HomePage,
  type ListingData,
  ListingPage,
  type OnThisDayCalendarData,
  OnThisDayCalendarPage,
  type OnThisDayData,
  OnThisDayPage,
  type SearchData,
  SearchPage,
  type ValuesData,
  ValuesPage,
} from './views/pages.js';

/** A search engine: src/search's search() in this thread, or a worker pool's (see serve). */
export type SearchFn = (
  store: Store,
  query: string,
  options?: SearchOptions,
) => SearchResult | Promise<SearchResult>;

export interface AppOptions {
  /** The search engine (default: src/search's search(), in this thread). */
  search?: SearchFn;
  /** Rendered-page cache; false turns it off. Default 1,500 pages / 24 MB (1,000 article pages are about 16 MB). */
  cache?: { entries?: number; bytes?: number } | false;
  /** The clock, for 當年今日 (Hong Kong time). */
  now?: () => Date;
  /** Where unexpected errors are reported (default: console.error). */
  logError?: (err: unknown) => void;
  /**
   * The site's public origin ("https://archive.example.org", no trailing slash), for the absolute
   * addresses of the sitemaps, robots.txt and an article's og:url. Without it the sitemaps name the
   * origin each request was made to, which a cache in front that does not key on Host could keep
   * and hand to others.
   */
  publicUrl?: string;
  /** Pages made for a static copy (src/publish/static-site.ts): see StaticSite. */
  staticSite?: StaticSite;
}

/** Page size of listings and search; JSON may ask for up to MAX_PER_PAGE. */
const PER_PAGE = 20;
const MAX_PER_PAGE = 100;
const VALUES_PER_PAGE = 200;
const MAX_PAGE = 100_000;
const MAX_QUERY = 500;
const MAX_VALUE = 200;
/** Articles listed for each year on a 當年今日 page (one per story; the day's listing has them all). */
const ON_THIS_DAY_PER_YEAR = 10;
/** Seconds a page may be kept by a browser or a shared cache (the archive does not change). */
const PAGE_MAX_AGE = 600;

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' https: data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
  "manifest-src 'self'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
};

/** Every method Node's HTTP parser takes but GET and HEAD (TRACE, PROPFIND, …): all answered 405. */
const OTHER_METHODS = METHODS.filter((m) => m !== 'GET' && m !== 'HEAD');

const HTML_TYPE = 'text/html; charset=utf-8';
const encoder = new TextEncoder();
const JSON_TYPE = 'application/json; charset=utf-8';

/** What a route produces: data for JSON and a view for HTML. */
interface PageOutput {
  data: unknown;
  view: (ctx: ViewContext) => JSX.Element;
}

interface RequestInfo {
  json: boolean;
  lang: Lang;
  /** The page path (without /api). */
  path: string;
  /** Path and query without lang/format, for links and cache keys. */
  url: string;
  setLangCookie: Lang | null;
  /** The client sent `Cache-Control: no-cache`: render afresh, from a fresh search. */
  fresh: boolean;
  /** The client takes gzip: pages worth it are sent gzipped (see ./compression.ts). */
  gzip: boolean;
}

function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

function wantsJson(c: Context): boolean {
  return isApiPath(c.req.path) || c.req.query('format') === 'json';
}

function langCookie(c: Context): string | undefined {
  const header = c.req.header('cookie');
  if (!header) return undefined;
  const m = /(?:^|;\s*)lang=(en|zh)(?:;|$)/.exec(header);
  return m?.[1];
}

function requestInfo(c: Context): RequestInfo {
  const raw = c.req.url;
  const q = raw.indexOf('?');
  // Fast path (most requests): no query string and no %-sequence, so nothing to check or strip.
  let pathname: string;
  let query = '';
  let format: string | null = null;
  let qLang: string | null = null;
  if (q === -1) {
    const path = c.req.path;
    pathname = raw.includes('%') || path.startsWith('//') ? linkablePath(raw) : path;
  } else {
    pathname = linkablePath(raw);
    // The key and links are made from the values the handlers read (Hono's decoding, which keeps a
    // malformed %-sequence as typed), so that two queries that read differently never share a page.
    const kept = new URLSearchParams();
    for (const [key, values] of Object.entries(c.req.queries())) {
      if (key === 'lang' || key === 'format') continue;
      for (const value of values) kept.append(key, value);
    }
    query = kept.toString();
    // an empty lang= or format= is no choice, as an empty page= or sort= is
    format = c.req.query('format') || null;
    qLang = c.req.query('lang') || null;
  }
  if (format !== null && format !== 'json' && format !== 'html') {
    throw told(new UsageError(`format must be "json" or "html", not "${format.slice(0, 40)}"`), (t) =>
      t.mustBeOneOf('format', ['html', 'json']),
    );
  }
  if (qLang !== null && qLang !== 'en' && qLang !== 'zh') {
    throw told(new UsageError(`lang must be "zh" or "en", not "${qLang.slice(0, 40)}"`), (t) =>
      t.mustBeOneOf('lang', ['zh', 'en']),
    );
  }
  const json = isApiPath(pathname) || format === 'json';
  let path = pathname;
  if (path === '/api' || path === '/api/') path = '/';
  else if (path.startsWith('/api/')) path = path.slice(4);
  return {
    json,
    lang: pickLang(qLang ?? undefined, langCookie(c)),
    path,
    url: query ? `${path}?${query}` : path,
    setLangCookie: qLang === 'en' || qLang === 'zh' ? qLang : null,
    fresh: /\bno-cache\b/i.test(c.req.header('cache-control') ?? ''),
    gzip: pickEncoding(c.req.header('accept-encoding'), ['gzip']) === 'gzip',
  };
}

/** If-None-Match against an ETag: weak comparison (RFC 9110 13.1.2), and * for any. */
function etagMatches(header: string, etag: string): boolean {
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const own = opaque(etag);
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === own);
}

/**
 * The format and lang of a request, as a query string to carry over a redirect ('' when neither);
 * a redirect to an /api path needs no format.
 */
function keptParams(c: Context, toApi: boolean): string {
  const kept = new URLSearchParams();
  for (const key of toApi ? ['lang'] : ['format', 'lang']) {
    const v = c.req.query(key);
    if (v) kept.set(key, v);
  }
  const s = kept.toString();
  return s ? `?${s}` : '';
}

/**
 * A whole-number query parameter from 1 to max; `pastMax` says to the reader what to do instead
 * of asking for more than max (else: what the parameter takes).
 */
function intParam(
  c: Context,
  name: string,
  fallback: number,
  max: number,
  pastMax?: (t: Strings) => string,
): number {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return fallback;
  const n = /^\d{1,9}$/.test(raw) ? Number(raw) : 0;
  if (n < 1 || n > max) {
    const err = new UsageError(`${name} must be a whole number from 1 to ${max}`);
    if (n > max && pastMax) throw told(err, pastMax, name === 'page' ? { lastPage: max } : {});
    throw told(err, (t) => t.wholeNumber(name, max));
  }
  return n;
}

function sortParam<T extends string>(c: Context, allowed: readonly T[], fallback: T): T {
  const raw = c.req.query('sort');
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw told(new UsageError(`sort must be one of ${allowed.join(', ')}`), (t) =>
      t.mustBeOneOf('sort', allowed),
    );
  }
  return raw as T;
}

/**
 * What an error page tells the reader, in the page's language, about an error whose message (for the
 * JSON API, the logs and the CLI) is in English. Errors without one show their message as it is.
 */
const readerDetails = new WeakMap<Error, ReaderDetail>();

interface ReaderDetail {
  say(t: Strings): string;
  /** An hkcnews article id the archive lacks: the page links to the Wayback Machine's captures. */
  missingArticle?: number;
  /** A page number past the end was asked for: the page links to this one (the last). */
  lastPage?: number;
  /**
   * What the page says is the whole of what went wrong, in place of the status's general line
   * ("something in the address could not be used"), which would be wrong or beside the point.
   */
  specific?: boolean;
  /** The articles the request named: the page links to each (to its list of versions, if any). */
  articles?: Array<{ id: number; versions: boolean }>;
}

function told<E extends Error>(err: E, say: (t: Strings) => string, more?: Omit<ReaderDetail, 'say'>): E {
  readerDetails.set(err, { say, ...more });
  return err;
}

/**
 * The not-found error of a month-day in a path: one whose month has no such day (02-30, 2-30), or
 * one that is no month-day at all (13-40, xyz), said as given.
 */
function missingMonthDay(shown: string, month: number, day: number): NotFoundError {
  if (month >= 1 && month <= 12 && Number.isInteger(day)) {
    return told(new NotFoundError(`there is no ${shown}: month ${month} has no day ${day}`), (t) =>
      t.noSuchMonthDay(month, day),
    );
  }
  return told(new NotFoundError(`"${shown}" is not a month and day (MM-DD, such as 06-04)`), (t) =>
    t.notAMonthDay(shown),
  );
}

function checkPageInRange(page: number, pages: number, total: number): void {
  if (page > 1 && page > pages) {
    throw told(
      new NotFoundError(
        `there is no page ${page}: ${total} items make ${pages} page${pages === 1 ? '' : 's'}`,
      ),
      (t) => t.noSuchPage(page, pages),
      { lastPage: pages },
    );
  }
}

export function createApp(store: Store, opts: AppOptions = {}): Hono {
  const app = new Hono();
  const assets: Assets = loadAssets();
  const now = opts.now ?? (() => new Date());
  const logError = opts.logError ?? ((err: unknown) => console.error(err));
  const searchFn = opts.search ?? defaultSearch;
  /** The origin of absolute addresses: the configured public one, else the request's. */
  const originOf = (c: Context) => opts.publicUrl ?? new URL(c.req.url).origin;
  const cache =
    opts.cache === false
      ? null
      : new PageCache(opts.cache?.entries ?? 1500, opts.cache?.bytes ?? 24 * 1024 * 1024);

  function viewContext(info: RequestInfo): ViewContext {
    return {
      lang: info.lang,
      t: strings(info.lang),
      assets,
      path: info.path,
      url: info.url,
      publicUrl: opts.publicUrl,
      staticSite: opts.staticSite,
    };
  }

  function render(info: RequestInfo, out: PageOutput, status: number): CachedPage {
    const body = info.json
      ? encoder.encode(JSON.stringify(out.data))
      : encoder.encode(`<!doctype html>${String(out.view(viewContext(info)))}`);
    const type = info.json ? JSON_TYPE : HTML_TYPE;
    if (info.gzip && body.length >= MIN_COMPRESS_BYTES) {
      return {
        status,
        type,
        body: gzipBody(body),
        etag: encodedEtag(makeEtag(body), 'gzip'),
        encoding: 'gzip',
      };
    }
    return { status, type, body, etag: makeEtag(body) };
  }

  /**
   * How long a shared cache or a browser may keep a page: 10 minutes, or less for a page of the day
   * (`maxAge`: the home page's 當年今日 must not outlive Hong Kong's midnight in a cache).
   */
  function send(c: Context, info: RequestInfo, page: CachedPage, maxAge = PAGE_MAX_AGE): Response {
    // A plain header object lets @hono/node-server write the response without building Headers.
    const headers: Record<string, string> = {
      ...SECURITY_HEADERS,
      'Content-Type': page.type,
      ETag: page.etag,
      'Cache-Control': page.status === 200 ? `public, max-age=${maxAge}` : 'no-store',
      Vary: 'Cookie, Accept-Encoding',
    };
    if (page.encoding) headers['Content-Encoding'] = page.encoding;
    if (info.setLangCookie) {
      headers['Set-Cookie'] = `lang=${info.setLangCookie}; Path=/; Max-Age=31536000; SameSite=Lax`;
    }
    const inm = c.req.header('if-none-match');
    if (page.status === 200 && inm && etagMatches(inm, page.etag)) {
      return new Response(null, { status: 304, headers });
    }
    return new Response(c.req.method === 'HEAD' ? null : page.body, { status: page.status, headers });
  }

  const fair = new FairQueue();

  /**
   * Registers a page at path and /api + path; its output is cached by language, format and URL, and
   * by what `varies` gives when it depends on more (the home page on the day, for 當年今日).
   */
  function page(
    path: string,
    produce: (c: Context, info: RequestInfo, variant: string) => PageOutput | Promise<PageOutput>,
    varies?: () => string,
    maxAge?: () => number,
  ) {
    const handler = async (c: Context) => {
      const info = requestInfo(c);
      // read once: the page is made for the variant it is kept under (a home page asked for at
      // 23:59:59.999 and made after midnight would hold the next day's 當年今日 under today's key)
      const variant = varies ? varies() : '';
      const key = `${info.gzip ? 'gzip|' : ''}${info.json ? 'json' : info.lang}|${varies ? `${variant}|` : ''}${info.url}`;
      let rendered = info.fresh ? undefined : cache?.get(key);
      if (!rendered) {
        // rendering is the CPU-bound part: it waits its turn, so no connection starves under load
        await fair.turn();
        rendered = render(info, await produce(c, info, variant), 200);
        cache?.set(key, rendered);
      }
      return send(c, info, rendered, maxAge ? Math.min(PAGE_MAX_AGE, maxAge()) : PAGE_MAX_AGE);
    };
    app.get(path, handler);
    app.get(path === '/' ? '/api' : `/api${path}`, handler);
    if (path === '/') app.get('/api/', handler);
  }

  // The archive is read-only: any other method than GET and HEAD is 405, with the methods there are
  // (routes of their own, so that pages do not pass through one more middleware).
  app.on(OTHER_METHODS, '*', (c) => {
    const err = told(
      new HTTPException(405, {
        message: `${c.req.method.slice(0, 20)} is not allowed here: only GET and HEAD`,
      }),
      (t) => t.methodNotAllowed,
    );
    const res = errorResponse(c, err);
    res.headers.set('Allow', 'GET, HEAD');
    return res;
  });

  // Every response carries the security headers (pages and static files set them themselves).
  app.use('*', async (c, next) => {
    await next();
    if (c.res.headers.has('Content-Security-Policy')) return;
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(k, v);
  });

  // Static files and small fixed answers.
  app.get('/static/:file', (c) => {
    let asset = assets.byPath.get(c.req.path);
    let cacheControl = 'public, max-age=31536000, immutable';
    if (!asset) {
      // A page rendered before a restart may ask for the previous version: give the current one,
      // uncached, rather than a page without its stylesheet.
      const old = /^\/static\/(style|app)\.[0-9a-f]{10}\.(css|js)$/.exec(c.req.path);
      if (old && (old[1] === 'style') === (old[2] === 'css')) {
        asset = old[1] === 'style' ? assets.css : assets.js;
        cacheControl = 'no-cache';
      }
    }
    if (!asset) throw new NotFoundError(`no static file ${c.req.path.slice(0, 100)}`);
    const coding = pickEncoding(c.req.header('accept-encoding'), ['br', 'gzip']);
    const form = coding ? asset.encoded[coding] : asset;
    const headers: Record<string, string> = {
      ...SECURITY_HEADERS,
      'Content-Type': asset.type,
      'Cache-Control': cacheControl,
      ETag: form.etag,
      Vary: 'Accept-Encoding',
    };
    if (coding) headers['Content-Encoding'] = coding;
    const inm = c.req.header('if-none-match');
    if (inm && etagMatches(inm, form.etag)) return new Response(null, { status: 304, headers });
    return new Response(c.req.method === 'HEAD' ? null : form.body, { headers });
  });
  app.get(
    '/favicon.ico',
    () => new Response(null, { status: 204, headers: { 'Cache-Control': 'public, max-age=86400' } }),
  );
  // Crawlers: every page but the JSON twins, searches and exports (up to 38 MB each); the sitemaps.
  app.get('/robots.txt', (c) =>
    c.text(
      [
        'User-agent: *',
        'Allow: /',
        'Disallow: /api/',
        // search pages are endless and their articles are in the sitemap; /search.csv etc. too
        'Disallow: /search',
        `Sitemap: ${originOf(c)}/sitemap.xml`,
        '',
      ].join('\n'),
      200,
      { 'Content-Type': 'text/plain; charset=utf-8' },
    ),
  );
  const sitemap = (c: Context, xml: string | null): Response => {
    if (xml === null)
      throw told(new NotFoundError(`nothing at ${safePath(c)}`), (t) => t.nothingAt(safePath(c)));
    const body = encoder.encode(xml);
    const gzip = pickEncoding(c.req.header('accept-encoding'), ['gzip']) === 'gzip';
    const headers: Record<string, string> = {
      ...SECURITY_HEADERS,
      'Content-Type': 'application/xml; charset=utf-8',
      'Cache-Control': 'public, max-age=86400',
      Vary: 'Accept-Encoding',
    };
    if (gzip) headers['Content-Encoding'] = 'gzip';
    return new Response(c.req.method === 'HEAD' ? null : gzip ? gzipBody(body) : body, { headers });
  };
  app.get('/sitemap.xml', (c) =>
    sitemap(c, sitemapIndex(originOf(c), sitemapParts(store.articleIds().length))),
  );
  app.get('/sitemap/:file', (c) => {
    const m = /^([1-9]\d{0,5})\.xml$/.exec(c.req.param('file') ?? '');
    return sitemap(c, m ? sitemapPart(originOf(c), store.articleIds(), Number(m[1])) : null);
  });

  // Two versions of one story compared (registered before the original hkcnews paths, which
  // /article/:id/compare/:other would match): only versions of one story, each named by number.
  // A number written with leading zeros has one address, the one without them: not another key of
  // the page cache (each of which would compare afresh).
  const compareWithZeros = async (c: Context, next: () => Promise<void>) => {
    const [id, other] = [c.req.param('id') ?? '', c.req.param('other') ?? ''];
    if (!/^0\d/.test(id) && !/^0\d/.test(other)) return next();
    const [from, to] = [articleIdParam(id), articleIdParam(other)];
    const api = c.req.path.startsWith('/api/') ? '/api' : '';
    return c.redirect(`${api}${urls.compare(from, to)}${keptParams(c, api !== '')}`, 301);
  };
  app.get('/article/:id/compare/:other', compareWithZeros);
  app.get('/api/article/:id/compare/:other', compareWithZeros);
  // The comparisons last made, whatever the page's language, format or query (and a client's
  // no-cache, which renders the page afresh): a comparison is the costly part (up to the diff's time
  // limit), and a query string the page does not read must not make it compare again.
  const comparisons = new LruMap<string, CompareData>(16);
  page('/article/:id/compare/:other', (c) => {
    const id = articleIdParam(c.req.param('id'));
    const other = articleIdParam(c.req.param('other'));
    // the page of an article named leads on, to its list of versions when it has one
    const named = (n: number) => ({ id: n, versions: store.versions(n).length > 0 });
    if (id === other) {
      throw told(
        new UsageError(`article ${id} cannot be compared with itself: choose another version`),
        (t) => t.compareSameArticle(id),
        { specific: true, articles: store.getArticle(id) ? [named(id)] : [] },
      );
    }
    const [from, to] = [id, other].map((n) => {
      const a = store.getArticle(n);
      if (!a) {
        throw told(new NotFoundError(`there is no article ${n} in the archive`), (t) => t.directMissing(n), {
          missingArticle: n,
        });
      }
      return a;
    }) as [StoredArticle, StoredArticle];
    if (!store.versions(id).some((v) => v.id === other)) {
      throw told(
        new NotFoundError(
          `articles ${id} and ${other} are not versions of one story (their dates, titles or texts differ), so they cannot be compared; only versions of one story can be: an article's other versions, if it has any, are listed under its title on its page, and as "versions" in its JSON`,
        ),
        (t) => t.compareNotVersions(id, other),
        { specific: true, articles: [named(id), named(other)] },
      );
    }
    const pair = `${id}>${other}`;
    let data = comparisons.get(pair);
    if (!data) {
      data = compareVersions(from, to);
      comparisons.set(pair, data);
    }
    return { data, view: (ctx) => <ComparePage ctx={ctx} data={data} /> };
  });

  // Original hkcnews paths: /article/<id>/<anything> → /article/<id>.
  const redirectToArticle = (c: Context) => {
    const id = c.req.param('id') ?? '';
    if (!/^\d{1,9}$/.test(id)) {
      throw told(new NotFoundError(`"${id.slice(0, 40)}" is not an article id`), (t) =>
        t.notAnArticleId(id.slice(0, 40)),
      );
    }
    const api = c.req.path.startsWith('/api/') ? '/api' : '';
    return c.redirect(`${api}${urls.article(Number(id))}${keptParams(c, api !== '')}`, 301);
  };
  app.get('/article/:id/:rest{.*}', redirectToArticle);
  app.get('/api/article/:id/:rest{.*}', redirectToArticle);
  // an article number written with leading zeros has one address: the one without them
  app.get('/article/:id{0[0-9]{1,8}}', redirectToArticle);
  app.get('/api/article/:id{0[0-9]{1,8}}', redirectToArticle);

  // (a home page kept from yesterday would show yesterday's 當年今日: the day is part of its key)
  page(
    '/',
    (_c, _info, today) => {
      const stats = store.stats();
      const monthDay = today.slice(5);
      const data: HomeData = {
        stats: { articles: stats.articles, firstDate: stats.firstDate, lastDate: stats.lastDate },
        latest: store.latest(12),
        categories: store.categories(),
        months: store.monthCounts(),
        onThisDay: {
          monthDay,
          years: store.onThisDay(monthDay, 2),
          // 29 February's articles have no day of their own this year: the 28th leads to them
          ...(lastDayOfShortFebruary(today) ? { leapDay: '02-29' } : {}),
        },
      };
      return { data, view: (ctx) => <HomePage ctx={ctx} data={data} /> };
    },
    // the variant is the date, not the month-day: whether 02-28 leads to 02-29 depends on the year
    () => hkDate(now()),
    () => secondsToHkMidnight(now()),
  );

  // 當年今日 of any month-day. /on-this-day leads to today's (Hong Kong), and the day picker's
  // /on-this-day?month=6&day=4 (a GET form, which works without JavaScript) to /on-this-day/06-04:
  // one address a day, which the page cache keeps and a reader can bookmark.
  const toOnThisDay = (c: Context) => {
    requestInfo(c); // lang and format are checked as on every page
    const given = (name: string) => (c.req.query(name) ?? '') !== '';
    let monthDay = hkMonthDay(now());
    let asked = 0;
    if (given('month') || given('day')) {
      const month = intParam(c, 'month', 0, 12);
      const day = intParam(c, 'day', 0, 31);
      if (!month || !day) {
        const missing = month ? 'day' : 'month';
        const max = month ? 31 : 12;
        throw told(new UsageError(`give both month (1–12) and day (1–31)`), (t) =>
          t.wholeNumber(missing, max),
        );
      }
      // a day its month has not (30 February, from the picker's menus) leads to the month's last day,
      // which says so: the reader keeps the picker to choose again
      const chosen = monthDayOf(month, day) ?? monthDayOf(month, daysInMonth(month))!;
      if (chosen.slice(3) !== String(day).padStart(2, '0')) asked = day;
      monthDay = chosen;
    }
    const api = c.req.path.startsWith('/api/');
    const kept = keptParams(c, api);
    const extra = asked ? `${kept ? '&' : '?'}asked=${asked}` : '';
    const res = c.redirect(`${api ? '/api' : ''}${urls.onThisDay(monthDay)}${kept}${extra}`, 302);
    // today's changes at midnight: the redirect is not to be kept
    res.headers.set('Cache-Control', 'no-store');
    return res;
  };
  app.get('/on-this-day', toOnThisDay);
  app.get('/api/on-this-day', toOnThisDay);
  // Every article of a month-day in all years, as the search exports are (CSV, RIS, BibTeX): what a
  // researcher collecting 6月4日 across the years takes away, newest first, every version listed.
  app.get('/on-this-day/:file{\\d\\d-\\d\\d\\.(?:csv|ris|bib)}', (c) => {
    const info = requestInfo(c); // lang and format are checked as on every page
    const file = c.req.param('file') ?? '';
    const format = EXPORT_FORMATS[file.slice(6) as keyof typeof EXPORT_FORMATS];
    const parsed = parseMonthDay(file.slice(0, 5));
    if (!parsed.ok || !format) {
      throw missingMonthDay(file.slice(0, 5), Number(file.slice(0, 2)), Number(file.slice(3, 5)));
    }
    const name = `backfile-on-this-day-${parsed.monthDay}.${format.extension}`;
    return exportResponse(c, info.gzip, format, store.onThisDayIds(parsed.monthDay), {
      full: name,
      ascii: name,
    });
  });
  // What the archive is and holds, where it comes from, and how to cite, reuse and keep it.
  page('/about', () => {
    const data: AboutData = { facts: store.archiveFacts(), corpusUrl: PUBLIC_CORPUS_URL };
    return { data, view: (ctx) => <AboutPage ctx={ctx} data={data} /> };
  });

  // A static copy with no server to search on finds articles by their title, in its own pages
  // (src/publish/find-index.ts, ./static/app.js); the server itself searches.
  if (opts.staticSite && !opts.staticSite.searchUrl) {
    page('/find', () => ({ data: {}, view: (ctx) => <FindPage ctx={ctx} /> }));
    app.get(
      '/find-index.js',
      () =>
        new Response(findIndexScript(store), {
          headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/javascript; charset=utf-8' },
        }),
    );
  }

  // A static copy at a public address has a page for the addresses it has not, which hosts answer
  // with (404.html), written with absolute links (src/publish/static-site.ts).
  if (opts.staticSite && opts.publicUrl) {
    const base = opts.publicUrl;
    page('/404', () => ({
      data: {},
      view: (ctx) => (
        <ErrorPage
          ctx={ctx}
          data={{ status: 404, code: 'not-found', message: '' }}
          detail={ctx.t.staticNotFound}
          specific
          copyBase={base}
        />
      ),
    }));
  }

  // The 當年今日 feed (./feed.ts): the last FEED_DAYS days' digests, made once a day for each
  // language and origin (its addresses are absolute), kept in the page cache like the home page.
  app.get('/on-this-day.atom', async (c) => {
    const info = requestInfo(c); // lang is the feed's; format is checked as on every page
    const origin = originOf(c);
    const today = hkDate(now());
    const key = `atom|${info.gzip ? 'gzip|' : ''}${info.lang}|${today}|${origin}`;
    let feed = info.fresh ? undefined : cache?.get(key);
    if (!feed) {
      await fair.turn();
      const days = feedDays(today, FEED_DAYS, (monthDay) => store.onThisDay(monthDay, ON_THIS_DAY_PER_YEAR));
      const xml = onThisDayFeed(days, {
        origin,
        t: strings(info.lang),
        htmlLang: HTML_LANG[info.lang],
        langQuery: info.lang === 'en' ? '?lang=en' : '',
      });
      const body = encoder.encode(xml);
      feed =
        info.gzip && body.length >= MIN_COMPRESS_BYTES
          ? {
              status: 200,
              type: ATOM_TYPE,
              body: gzipBody(body),
              etag: encodedEtag(makeEtag(body), 'gzip'),
              encoding: 'gzip',
            }
          : { status: 200, type: ATOM_TYPE, body, etag: makeEtag(body) };
      cache?.set(key, feed);
    }
    return send(c, info, feed, Math.min(PAGE_MAX_AGE, secondsToHkMidnight(now())));
  });
  // 6-4 or 06-4 is 06-04 written short: it leads (301) to the day's one address
  const toPaddedDay = (c: Context) => {
    requestInfo(c);
    const [month, day] = (c.req.param('monthDay') ?? '').split('-').map(Number);
    const monthDay = monthDayOf(month ?? 0, day ?? 0);
    if (!monthDay) throw missingMonthDay(`${month}-${day}`, month ?? 0, day ?? 0);
    const api = c.req.path.startsWith('/api/');
    return c.redirect(`${api ? '/api' : ''}${urls.onThisDay(monthDay)}${keptParams(c, api)}`, 301);
  };
  const SHORT_DAY = ':monthDay{[0-9]-[0-9]{1,2}|[0-9]{2}-[0-9]}';
  app.get(`/on-this-day/${SHORT_DAY}`, toPaddedDay);
  app.get(`/api/on-this-day/${SHORT_DAY}`, toPaddedDay);
  // every day of the year, each with its articles in all years (before :monthDay, which "all" is not)
  page('/on-this-day/all', () => {
    const days = store.monthDayCounts();
    const data: OnThisDayCalendarData = { days, total: days.reduce((sum, d) => sum + d.count, 0) };
    return { data, view: (ctx) => <OnThisDayCalendarPage ctx={ctx} data={data} /> };
  });
  page('/on-this-day/:monthDay', (c) => {
    const raw = c.req.param('monthDay') ?? '';
    const parsed = parseMonthDay(raw);
    if (!parsed.ok) {
      // a month-day's form with no such day names it; anything else is said as given (cut short)
      const [month, day] =
        parsed.why === 'no-such-day' ? [Number(raw.slice(0, 2)), Number(raw.slice(3, 5))] : [0, 0];
      throw missingMonthDay(parsed.why === 'no-such-day' ? raw : raw.slice(0, 20), month, day);
    }
    const { monthDay } = parsed;
    const years = store.onThisDay(monthDay, ON_THIS_DAY_PER_YEAR);
    // the day the picker asked for, when this is the last day of a month that has not that one
    const askedDay = Number(c.req.query('asked'));
    const month = Number(monthDay.slice(0, 2));
    const lastDay = daysInMonth(month) === Number(monthDay.slice(3));
    const asked = lastDay && Number.isInteger(askedDay) && askedDay > daysInMonth(month) && askedDay <= 31;
    const data: OnThisDayData = {
      monthDay,
      prev: shiftMonthDay(monthDay, -1),
      next: shiftMonthDay(monthDay, 1),
      total: years.reduce((sum, y) => sum + y.count, 0),
      years,
      ...(asked ? { asked: askedDay } : {}),
    };
    return { data, view: (ctx) => <OnThisDayPage ctx={ctx} data={data} /> };
  });

  page('/article/:id', (c, info) => {
    const id = articleIdParam(c.req.param('id'));
    const a = store.getArticle(id);
    if (!a) {
      throw told(new NotFoundError(`there is no article ${id} in the archive`), (t) => t.directMissing(id), {
        missingArticle: id,
      });
    }
    // the words of video links: the page's language, Chinese in JSON (whose cache key has none)
    const t = strings(info.json ? 'zh' : info.lang);
    const renderOpts = {
      captureTimestamp: a.captureTimestamp,
      videoLabels: { video: t.videoOn, capture: t.videoCapture, lang: HTML_LANG[t.lang] },
    };
    const body = renderBody(stripTitleHeading(a.body), renderOpts);
    const columnist = a.columnist.trim()
      ? renderBody(a.columnist.replace(/^\s*---\s*\n/, ''), { ...renderOpts, topHeading: 3 })
      : { html: '' };
    const { prev, next, related, versions } = store.articleLinks(id, 6);
    const placeholder = isPlaceholder(a);
    const data: ArticleData = {
      article: a,
      bodyHtml: body.html,
      columnistHtml: columnist.html,
      prev,
      next,
      related,
      versions,
      placeholder: placeholder ? { captures: captureListUrl(a.originalUrl) } : null,
      citation: placeholder ? null : { apa: apaCitation(a), bibtex: bibtexCitation(a) },
      description: htmlToText(body.html, 160),
      lang: textLang(`${a.title}\n${body.html}`, 4000, true),
    };
    return { data, view: (ctx) => <ArticlePage ctx={ctx} data={data} /> };
  });

  const kinds: ListKind[] = ['category', 'tag', 'author'];
  for (const kind of kinds) {
    // a value the archive holds only in another form (国安法 for the tag 國安法, as search finds it
    // typed either way) leads to the listing of that form, the one most articles have; a person no
    // byline is (林勵) to the search of their articles under every byline naming them
    const toValueAlike = async (c: Context, next: () => Promise<void>) => {
      await next();
      if (c.res.status !== 404) return;
      const value = c.req.param('value') ?? '';
      const folded = foldForMatch(value);
      if (!folded || value.length > MAX_VALUE) return;
      const holding = store.values(kind, { containing: value, perPage: 1000 }).items;
      const alike = holding.find((v) => v.value !== value && foldForMatch(v.value) === folded);
      const api = c.req.path.startsWith('/api/') ? '/api' : '';
      const url = new URL(c.req.url);
      if (alike) {
        c.res = c.redirect(`${api}${urls.listing(kind, alike.value)}${url.search}`, 302);
        return;
      }
      // (a byline that is the value has a listing: its 404 is a page past the last)
      if (kind !== 'author' || holding.some((v) => foldForMatch(v.value) === folded)) return;
      // a person no byline is (林勵, of 記者林勵, 記者林勵、鄭啟智, 實習記者林勵, …): their articles
      // under every byline naming them, newest first as a listing is: the search author:林勵
      let person: string | undefined;
      for (const v of holding) {
        person = bylinePeople(v.value).find((p) => foldForMatch(p) === folded);
        if (person) break;
      }
      if (!person) return;
      const params = url.searchParams;
      params.delete('author');
      params.set('author', person);
      if (!params.has('sort')) params.set('sort', 'newest');
      c.res = c.redirect(`${api}/search?${params}`, 302);
    };
    app.use(`/${kind}/:value`, toValueAlike);
    app.use(`/api/${kind}/:value`, toValueAlike);
    page(`/${kind}/:value`, (c, info) => {
      const value = c.req.param('value') ?? '';
      if (value.length > MAX_VALUE) {
        throw told(new UsageError(`the ${kind} is too long`), (t) => t.valueTooLong(kind, MAX_VALUE));
      }
      const pageNo = intParam(c, 'page', 1, MAX_PAGE);
      const perPage = info.json ? intParam(c, 'perPage', PER_PAGE, MAX_PER_PAGE) : PER_PAGE;
      const sort = sortParam(c, ['newest', 'oldest'] as const, 'newest');
      const allVersions = allVersionsParam(c);
      const result = store.listBy(kind, value, { page: pageNo, perPage, sort, collapse: !allVersions });
      if (result.total === 0) {
        throw told(new NotFoundError(`no articles with the ${kind} "${value.slice(0, 80)}"`), (t) =>
          t.noArticlesWith(kind, value.slice(0, 80)),
        );
      }
      const listed = result.stories ?? result.total;
      const pages = pageCount(listed, perPage);
      checkPageInRange(pageNo, pages, listed);
      const data: ListingData = { kind, value, sort, allVersions, result, pages };
      return { data, view: (ctx) => <ListingPage ctx={ctx} data={data} /> };
    });
    const indexPath = urls.index(kind);
    page(indexPath, (c, info) => {
      const pageNo = intParam(c, 'page', 1, MAX_PAGE);
      const perPage = info.json ? intParam(c, 'perPage', VALUES_PER_PAGE, 1000) : VALUES_PER_PAGE;
      const q = (c.req.query('q') ?? '').trim();
      if (q.length > MAX_VALUE) {
        throw told(new UsageError(`the ${kind} filter is too long`), (t) => t.filterTooLong('q', MAX_VALUE));
      }
      const result = store.values(kind, { page: pageNo, perPage, containing: q });
      const pages = pageCount(result.total, perPage);
      checkPageInRange(pageNo, pages, result.total);
      const data: ValuesData = { kind, q, result, pages };
      return { data, view: (ctx) => <ValuesPage ctx={ctx} data={data} /> };
    });
  }

  page('/date', () => {
    const months = store.monthCounts();
    const years = new Map<string, number>();
    for (const m of months) years.set(m.value.slice(0, 4), (years.get(m.value.slice(0, 4)) ?? 0) + m.count);
    const data: DatesData = {
      years: [...years].map(([value, count]) => ({ value, count })),
      months,
      undated: store.listUndated({ perPage: 1 }).total,
    };
    return { data, view: (ctx) => <DatesPage ctx={ctx} data={data} /> };
  });

  const dateListing = (c: Context, info: RequestInfo, prefix: string): PageOutput => {
    const pageNo = intParam(c, 'page', 1, MAX_PAGE);
    const perPage = info.json ? intParam(c, 'perPage', PER_PAGE, MAX_PER_PAGE) : PER_PAGE;
    const sort = sortParam(c, ['newest', 'oldest'] as const, 'newest');
    const allVersions = allVersionsParam(c);
    const result = store.listByDate(prefix, { page: pageNo, perPage, sort, collapse: !allVersions });
    if (result.total === 0) {
      throw told(new NotFoundError(`no articles dated ${prefix}`), (t) => t.noArticlesDated(prefix));
    }
    const listed = result.stories ?? result.total;
    const pages = pageCount(listed, perPage);
    checkPageInRange(pageNo, pages, listed);
    let periods: FacetCount[] | undefined;
    if (prefix.length === 4) {
      periods = store.monthCounts().filter((m) => m.value.startsWith(prefix));
    } else if (prefix.length === 7) {
      periods = store.dayCounts(prefix);
    }
    const data: ListingData = {
      kind: 'date',
      value: prefix,
      sort,
      allVersions,
      result,
      pages,
      periods,
      neighbours: store.neighbourDates(prefix),
    };
    return { data, view: (ctx) => <ListingPage ctx={ctx} data={data} /> };
  };
  const year = (c: Context) => {
    const y = c.req.param('year') ?? '';
    if (!/^(19|20)\d\d$/.test(y)) {
      throw told(new NotFoundError(`"${y.slice(0, 20)}" is not a year`), (t) =>
        t.notADate('year', y.slice(0, 20)),
      );
    }
    return y;
  };
  const month = (c: Context) => {
    const m = c.req.param('month') ?? '';
    if (!/^(0[1-9]|1[0-2])$/.test(m)) {
      throw told(new NotFoundError(`"${m.slice(0, 20)}" is not a month (01–12)`), (t) =>
        t.notADate('month', m.slice(0, 20)),
      );
    }
    return m;
  };
  // the articles no date listing reaches (registered before /date/:year, which it would match)
  page('/date/undated', (c, info) => {
    allVersionsParam(c); // checked as on every listing (this one lists every record)
    const pageNo = intParam(c, 'page', 1, MAX_PAGE);
    const perPage = info.json ? intParam(c, 'perPage', PER_PAGE, MAX_PER_PAGE) : PER_PAGE;
    const sort = sortParam(c, ['newest', 'oldest'] as const, 'newest');
    const { placeholders, ...result } = store.listUndated({ page: pageNo, perPage, sort });
    const pages = pageCount(result.total, perPage);
    checkPageInRange(pageNo, pages, result.total);
    const data: ListingData = {
      kind: 'date',
      value: '',
      sort,
      allVersions: true,
      result,
      pages,
      placeholders,
    };
    return { data, view: (ctx) => <ListingPage ctx={ctx} data={data} /> };
  });
  page('/date/:year', (c, info) => dateListing(c, info, year(c)));
  page('/date/:year/:month', (c, info) => dateListing(c, info, `${year(c)}-${month(c)}`));
  page('/date/:year/:month/:day', (c, info) => {
    const d = c.req.param('day') ?? '';
    if (!/^(0[1-9]|[12]\d|3[01])$/.test(d)) {
      throw told(new NotFoundError(`"${d.slice(0, 20)}" is not a day (01–31)`), (t) =>
        t.notADate('day', d.slice(0, 20)),
      );
    }
    return dateListing(c, info, `${year(c)}-${month(c)}-${d}`);
  });

  // An hkcnews address typed or pasted into search (bare or a Wayback capture URL) opens its article
  // when the archive has it; the search page says so when it does not.
  const openAddressedArticle = async (c: Context, next: () => Promise<void>) => {
    const q = c.req.query('q') ?? '';
    // only an address is looked up here (a number is offered by the search page, which looks it up)
    if (hkcnewsArticleId(q) === undefined) return next();
    const named = namedArticle(store, q);
    if (!named?.article) return next();
    const json = wantsJson(c);
    const to = json ? `/api${urls.article(named.id)}` : urls.article(named.id);
    return c.redirect(`${to}${keptParams(c, json)}`, 303);
  };
  app.use('/search', openAddressedArticle);
  app.use('/api/search', openAddressedArticle);

  page('/search', async (c, info) => {
    const { q, filters, filterParams, sort, allVersions } = searchRequest(c);
    const perPage = info.json ? intParam(c, 'perPage', PER_PAGE, MAX_PER_PAGE) : PER_PAGE;
    // past the deepest page of a search, the reader is told how to see the rest, and led to the
    // last page there is (page 500, or the search's own last)
    let pageNo: number;
    try {
      pageNo = intParam(c, 'page', 1, SEARCH_PAGE_LIMIT, (t) => t.searchPageLimit(SEARCH_PAGE_LIMIT));
    } catch (err) {
      const detail = err instanceof Error ? readerDetails.get(err) : undefined;
      if (detail?.lastPage && (q || filters.length)) {
        const first = await searchFn(store, composeQuery(q, filters), {
          perPage,
          sort,
          facets: false,
          snippets: false,
          collapse: !allVersions,
        });
        const last = pageCount(first.stories ?? first.total, perPage);
        readerDetails.set(err as Error, { ...detail, lastPage: Math.min(detail.lastPage, last) });
      }
      throw err;
    }
    let result: SearchResult | null = null;
    let relaxed: RelaxedQuery[] = [];
    let unfound: string[] = [];
    let pages = 1;
    const direct = namedArticle(store, q);
    // an hkcnews address of an article the archive lacks is not searched as text: it is explained
    if ((q || filters.length) && !(direct && direct.article === null)) {
      const full = composeQuery(q, filters);
      result = await searchFn(store, full, {
        page: pageNo,
        perPage,
        sort,
        facetLimit: 12,
        collapse: !allVersions,
        fresh: info.fresh,
      });
      const listed = result.stories ?? result.total;
      pages = pageCount(listed, perPage);
      checkPageInRange(pageNo, pages, listed);
      if (result.total === 0)
        ({ relaxed, unfound } = await widerQueries(
          q,
          filters,
          async (query) =>
            (await searchFn(store, query, { perPage: 1, facets: false, snippets: false })).total,
        ));
    } else checkPageInRange(pageNo, 1, 0); // the form alone has one page
    // the placeholder pages left out are listed after the undated articles: the page they start on
    let placeholdersPage: string | undefined;
    if (result?.placeholders) {
      const undated = store.listUndated({ perPage: 1 });
      const first = Math.floor((undated.total - undated.placeholders) / PER_PAGE) + 1;
      placeholdersPage = withPage(urls.date('undated'), first);
    }
    const data: SearchData = {
      q,
      filters,
      allVersions,
      result,
      pages,
      relaxed,
      unfound,
      direct,
      placeholdersPage,
    };
    return { data, view: (ctx) => <SearchPage ctx={ctx} data={data} filterParams={filterParams} /> };
  });

  // Every article a search finds, as CSV for spreadsheets, RIS for reference managers or BibTeX
  // (src/publish/export.ts): not paged, not cached, every version listed (the count the search page
  // gives), in the search's order.
  for (const format of Object.values(EXPORT_FORMATS)) {
    app.get(`/search.${format.extension}`, async (c) => {
      const info = requestInfo(c); // lang and format are checked as on every page
      // every version is listed whatever versions says (when it says something valid)
      const { q, filters, sort } = searchRequest(c);
      if (!q && filters.length === 0) {
        throw told(
          new UsageError('give a query (q=…) or a filter to export what it finds'),
          (t) => t.exportNeedsQuery,
        );
      }
      const result = await searchFn(store, composeQuery(q, filters), {
        all: true,
        sort,
        facets: false,
        idsOnly: true,
      });
      return exportResponse(c, info.gzip, format, result.ids ?? [], exportName(q, filters, format.extension));
    });
  }

  /**
   * The articles `ids`, in that order, as a file to download in `format`: written as it is read, a
   * batch of articles at a time, so that memory stays bounded for any size and other requests are
   * served between batches (a client that reads at once would otherwise hold the thread until the
   * whole export is written). Not cached; the count is in X-Total-Count.
   */
  function exportResponse(
    c: Context,
    gzip: boolean,
    format: ExportFormat,
    ids: ArrayLike<number>,
    name: { full: string; ascii: string },
  ): Response {
    const headers: Record<string, string> = {
      ...SECURITY_HEADERS,
      'Content-Type': format.contentType,
      'Content-Disposition': `attachment; filename="${name.ascii}"; filename*=UTF-8''${rfc5987(name.full)}`,
      'Cache-Control': `public, max-age=${PAGE_MAX_AGE}`,
      Vary: 'Accept-Encoding',
      'X-Total-Count': String(ids.length),
    };
    if (gzip) headers['Content-Encoding'] = 'gzip';
    if (c.req.method === 'HEAD') return new Response(null, { headers });
    const lines = Readable.from(
      (async function* () {
        for (const text of exportChunks(format, ids, (batch) => store.recordsOf(batch))) {
          yield Buffer.from(text);
          await new Promise((resolve) => setImmediate(resolve));
        }
      })(),
      { highWaterMark: 1 },
    );
    // pipeline, not pipe: a reader that goes away ends the batches too
    const body = gzip ? pipeline(lines, createGzip({ level: 6 }), () => {}) : lines;
    return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, { headers });
  }

  app.notFound((c) => {
    const path = safePath(c);
    return errorResponse(
      c,
      told(new NotFoundError(`nothing at ${path}`), (t) => t.nothingAt(path)),
    );
  });
  app.onError((err, c) => errorResponse(c, err));

  function errorResponse(c: Context, err: unknown): Response {
    let status = 500;
    let code = 'internal';
    let message = 'internal error';
    if (err instanceof BackfileError) {
      status = err.httpStatus;
      code = err.code;
      message = status >= 500 ? 'internal error' : err.message;
      if (status >= 500) logError(err);
    } else if (err instanceof HTTPException) {
      status = err.status;
      code = status === 404 ? 'not-found' : 'usage';
      message = status >= 500 ? 'internal error' : err.message || 'bad request';
    } else {
      logError(err);
    }
    let info: RequestInfo;
    try {
      info = requestInfo(c);
    } catch {
      const path = safePath(c);
      const qLang = c.req.query('lang');
      info = {
        json: wantsJson(c),
        // a bad format= still has its page in the language asked for (or the cookie's)
        lang: pickLang(qLang === 'en' || qLang === 'zh' ? qLang : undefined, langCookie(c)),
        path,
        url: path,
        setLangCookie: null,
        fresh: true,
        gzip: pickEncoding(c.req.header('accept-encoding'), ['gzip']) === 'gzip',
      };
    }
    const data: ErrorData = { status, code, message };
    const detail = err instanceof Error && status < 500 ? readerDetails.get(err) : undefined;
    // a page past the end leads to the last one, the same address but for its number
    const lastPage =
      detail?.lastPage === undefined
        ? undefined
        : { page: detail.lastPage, href: withPage(info.url, detail.lastPage) };
    // and the search box keeps the query the reader was in
    const query = (c.req.query('q') ?? '').trim().slice(0, MAX_QUERY);
    const out: PageOutput = {
      data: { error: data },
      view: (ctx) => (
        <ErrorPage
          ctx={ctx}
          data={data}
          detail={detail?.say(ctx.t)}
          specific={detail?.specific === true}
          missingArticle={detail?.missingArticle}
          lastPage={lastPage}
          articles={detail?.articles}
          query={query}
        />
      ),
    };
    // a ?lang= the reader chose holds on an error page too: its links onwards keep the language
    return send(c, info, render(info, out, status));
  }

  return app;
}

/** An article number from a path (1 to 9 digits), or a 404 that says what an article address is. */
function articleIdParam(raw = ''): number {
  if (!/^\d{1,9}$/.test(raw)) {
    throw told(new NotFoundError(`"${raw.slice(0, 40)}" is not an article id`), (t) =>
      t.notAnArticleId(raw.slice(0, 40)),
    );
  }
  return Number(raw);
}

/** versions=all: every version of a story listed as its own entry (else one entry per story). */
function allVersionsParam(c: Context): boolean {
  const versions = c.req.query('versions');
  if (versions !== undefined && versions !== '' && versions !== 'all') {
    throw told(
      new UsageError('versions must be "all" (or left out to merge versions of one story)'),
      (t) => t.versionsParam,
    );
  }
  return versions === 'all';
}

/** A page-relative address with its page number set (page 1: none). */
function withPage(url: string, page: number): string {
  const u = new URL(url, 'http://x');
  if (page > 1) u.searchParams.set('page', String(page));
  else u.searchParams.delete('page');
  return `${u.pathname}${u.search}`;
}

function safePath(c: Context): string {
  try {
    return linkablePath(c.req.url).slice(0, 200);
  } catch {
    return '/';
  }
}

/**
 * A request's path as its pages' links may use it (the language switch, the JSON twin, pagination):
 * percent-encoded as the URL has it, where Hono's decoded path would turn %5C or %09 into a \ or a
 * tab, which browsers read as a /; and with one leading slash, where //evil.example/ (or /\evil…,
 * /%09/evil…) would make the links of its 404 page lead to another site.
 */
function linkablePath(url: string): string {
  return new URL(url).pathname.replace(/^\/{2,}/, '/');
}

/** The facet filters a search page takes as parameters. */
const FILTER_KEYS = ['category', 'author', 'tag', 'year', 'month'] as const;
/**
 * The filters that may be given more than once (tag=a&tag=b: both, as an article has many tags;
 * author=a&author=b: articles naming both, as a byline can name several people); of another, the
 * first is taken (an article has one category and date).
 */
const REPEATABLE_FILTERS: ReadonlySet<string> = new Set(['tag', 'author']);

/** What a search request asks (its query, filters and sort), checked; /search and /search.csv share it. */
function searchRequest(c: Context): {
  q: string;
  filters: Array<{ key: string; value: string }>;
  /** The filters as link parameters (tags as a list). */
  filterParams: Record<string, string | string[]>;
  sort: SearchSort;
  /** versions=all: every version of a story listed (else one per story). */
  allVersions: boolean;
} {
  const q = (c.req.query('q') ?? '').trim();
  if (q.length > MAX_QUERY) {
    throw told(new UsageError(`the query is too long (at most ${MAX_QUERY} characters)`), (t) =>
      t.queryTooLong(MAX_QUERY),
    );
  }
  const filters: Array<{ key: string; value: string }> = [];
  const filterParams: Record<string, string | string[]> = {};
  for (const key of FILTER_KEYS) {
    const repeatable = REPEATABLE_FILTERS.has(key);
    const given = repeatable ? (c.req.queries(key) ?? []) : [c.req.query(key) ?? ''];
    const values: string[] = [];
    for (const one of given) {
      const v = one.trim();
      if (!v || values.includes(v)) continue;
      checkFilter(key, v);
      filters.push({ key, value: v });
      values.push(v);
    }
    if (values.length) filterParams[key] = repeatable ? values : values[0]!;
  }
  const sort = sortParam(c, ['relevance', 'newest', 'oldest'] as const, 'relevance');
  return { q, filters, filterParams, sort, allVersions: allVersionsParam(c) };
}

/** Checks a filter parameter's value (its length, and the form of a year or month). */
function checkFilter(key: string, v: string): void {
  if (v.length > MAX_VALUE)
    throw told(new UsageError(`the ${key} filter is too long`), (t) => t.filterTooLong(key, MAX_VALUE));
  if (key === 'year' && !/^\d{4}$/.test(v))
    throw told(new UsageError('year must be four digits'), (t) => t.filterForm('year', '2020'));
  if (key === 'month' && !/^\d{4}-(0[1-9]|1[0-2])$/.test(v))
    throw told(new UsageError('month must be YYYY-MM'), (t) => t.filterForm('month', '2020-07'));
}

/** The file name of a search export: the query in it, and an ASCII fallback for old clients. */
function exportName(
  q: string,
  filters: Array<{ key: string; value: string }>,
  extension: string,
): { full: string; ascii: string } {
  const what = Array.from(
    withoutIgnorables([q, ...filters.map((f) => `${f.key}-${f.value}`)].join(' '))
      .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
      .trim()
      .replace(/\s+/g, '-'),
  )
    .slice(0, 80) // characters, not UTF-16 units: a cut must not split 𨋢 or an emoji in two
    .join('');
  const ascii = `backfile-search.${extension}`;
  return { full: what ? `backfile-search-${what}.${extension}` : ascii, ascii };
}

/** A value for a `filename*=UTF-8''…` parameter (RFC 5987 attr-chars: ' ( ) * are encoded too). */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Quotes a filter value for the query language when it holds spaces or quotes. */
function quoteValue(v: string): string {
  return /[\s"()]/.test(v) ? `"${v.replace(/"/g, '')}"` : v;
}

/** The free-text query plus the facet filters, in the search query language. */
export function composeQuery(q: string, filters: Array<{ key: string; value: string }>): string {
  const parts = q ? [q] : [];
  for (const f of filters) {
    const key = f.key === 'year' || f.key === 'month' ? 'date' : f.key;
    parts.push(`${key}:${quoteValue(f.value)}`);
  }
  return parts.join(' ');
}
