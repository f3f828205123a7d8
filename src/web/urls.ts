// The reader's URL scheme in one place: every link the pages make is built here, with values
// percent-encoded, so a tag such as "a/b?c" still makes a working, safe link.

import { hkcnewsArticleId, hkcnewsCaptureList } from '../corpus/hkcnews-url.js';
import { UsageError } from '../lib/errors.js';
import { readableUrl } from '../publish/citation.js';

export const enc = encodeURIComponent;

export type ListingKind = 'category' | 'tag' | 'author';

export const urls = {
  home: () => '/',
  about: () => '/about',
  article: (id: number) => `/article/${id}`,
  /** The changes from one version of a story to another. */
  compare: (from: number, to: number) => `/article/${from}/compare/${to}`,
  listing: (kind: ListingKind, value: string) => `/${kind}/${enc(value)}`,
  category: (v: string) => `/category/${enc(v)}`,
  tag: (v: string) => `/tag/${enc(v)}`,
  author: (v: string) => `/author/${enc(v)}`,
  index: (kind: ListingKind) => (kind === 'category' ? '/categories' : kind === 'tag' ? '/tags' : '/authors'),
  /** "2020", "2020-07" or "2020-07-22" → /date/2020, /date/2020/07, /date/2020/07/22 */
  date: (prefix: string) => `/date/${prefix.split('-').join('/')}`,
  dates: () => '/date',
  /** 當年今日 of a month-day ("06-04" → /on-this-day/06-04); without one, today's (Hong Kong). */
  onThisDay: (monthDay?: string) => (monthDay ? `/on-this-day/${monthDay}` : '/on-this-day'),
  /** 當年今日 of every day of the year, each with its count. */
  onThisDayCalendar: () => '/on-this-day/all',
  /** The 當年今日 feed, in the reader's language (a feed reader sends no cookie). */
  onThisDayFeed: (lang: 'zh' | 'en') => (lang === 'en' ? '/on-this-day.atom?lang=en' : '/on-this-day.atom'),
  /** Every article of a month-day in all years as a file: /on-this-day/06-04.csv. */
  onThisDayExport: (monthDay: string, extension: 'csv' | 'ris' | 'bib') =>
    `/on-this-day/${monthDay}.${extension}`,
  search: (params: QueryParams) => withQuery('/search', params),
  /** Every article of a search as CSV, RIS or BibTeX (src/publish/export.ts). */
  searchExport: (extension: 'csv' | 'ris' | 'bib', params: QueryParams) =>
    withQuery(`/search.${extension}`, params),
};

/** Query parameters of a link: a list is the parameter repeated (tag=a&tag=b). */
export type QueryParams = Record<string, string | number | readonly string[] | undefined>;

/** Adds query parameters (skipping undefined and empty ones) to a path. */
export function withQuery(path: string, params: QueryParams): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(params)) {
    for (const one of Array.isArray(v) ? v : [v]) {
      if (one === undefined || one === '') continue;
      parts.push(`${enc(k)}=${enc(String(one))}`);
    }
  }
  return parts.length ? `${path}?${parts.join('&')}` : path;
}

/** The JSON twin of a page URL: /api + path, same query. */
export function jsonUrl(pathAndQuery: string): string {
  return pathAndQuery === '/' ? '/api' : `/api${pathAndQuery}`;
}

/** Only http(s) URLs from records may become links; anything else is shown as text. */
export function safeExternalUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  const trimmed = url.trim();
  if (!/^https?:\/\/[^\s]+$/i.test(trimmed)) return null;
  try {
    const parsed = new URL(trimmed);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? trimmed : null;
  } catch {
    return null;
  }
}

/**
 * readableUrl for display only: long runs of U+FFFD (slugs the backup lost; about 9,000 records)
 * are shortened, since the link itself keeps the exact URL.
 */
export function displayUrl(url: string): string {
  return readableUrl(url).replace(/\uFFFD{4,}/g, '\uFFFD…');
}

/**
 * The Wayback Machine's list of every capture of an article's address: for an hkcnews article, its
 * address up to the id (slugs vary between captures), else the URL with a wildcard; null when the
 * URL is not http(s).
 */
export function captureListUrl(originalUrl: string): string | null {
  const safe = safeExternalUrl(originalUrl);
  if (!safe) return null;
  const id = hkcnewsArticleId(safe);
  if (id !== undefined) return hkcnewsCaptureList(id);
  const u = new URL(safe);
  return `https://web.archive.org/web/*/${u.hostname.replace(/^www\./, '')}${u.pathname}*`;
}

/** An http(s) address an operator typed, with no query, fragment or credentials; else null. */
function httpAddress(text: string): URL | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  if (!/^https?:$/.test(url.protocol) || url.search || url.hash || url.username || url.password) return null;
  return url;
}

/**
 * The site's public origin from what an operator typed (`serve --public-url`): an http(s) address
 * of the site's root, given back as its origin ("https://archive.example.org", no trailing slash).
 * The reader's links are absolute paths, so it cannot live under a sub-path.
 */
export function publicOrigin(text: string, flag = '--public-url'): string {
  const url = httpAddress(text);
  if (url?.pathname !== '/') {
    throw new UsageError(
      `${flag} must be the http(s) address of the site's root, such as https://archive.example.org (not ${JSON.stringify(text.slice(0, 100))})`,
    );
  }
  return url.origin;
}

/**
 * The address a static copy will be served at (`publish --public-url`): an http(s) address, of a
 * site's root or of a folder in it (a static copy's links are relative, so it can live under a
 * path: https://user.github.io/hkcnews/), given back without a trailing slash.
 */
export function publicBase(text: string, flag = '--public-url'): string {
  const url = httpAddress(text);
  if (!url) {
    throw new UsageError(
      `${flag} must be the http(s) address the copy is served at, such as https://archive.example.org or https://user.github.io/hkcnews/ (not ${JSON.stringify(text.slice(0, 100))})`,
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
