// The page frame: <html lang>, head with the hashed stylesheet and deferred script, skip link,
// header (brand, navigation, search box, language switch), main landmark and footer.

import type { MetaTag } from '../../publish/citation.js';
import type { Assets } from '../assets.js';
import type { Child } from '../html/jsx-runtime.js';
import { HTML_LANG, type Lang, type Strings } from '../i18n.js';
import { jsonUrl, urls } from '../urls.js';
import { Mixed, SearchBox } from './components.js';

export type NavKey = 'home' | 'search' | 'categories' | 'tags' | 'authors' | 'dates';

/**
 * Pages rendered for a static copy (src/publish/static-site.ts), which any web host or a folder on
 * a disk serves: what needs the server is left out (the language switch but to a copy in both, the JSON and feed links,
 * sort and version toggles, filter and picker forms), and search asks a live server (`searchUrl`)
 * or finds by title in the copy (/find).
 */
export interface StaticSite {
  /** The archive server whose /search the search boxes ask ("https://archive.example.org"); none: no search box. */
  searchUrl?: string;
  /** When the copy was made ("YYYY-MM-DD"), which every page's footer says. */
  madeOn: string;
  /** The copy has the pages in the other language too: the language switch leads there. */
  otherLanguage?: boolean;
}

/**
 * Where a static copy's search boxes ask: the archive server's search, or the copy's own page that
 * finds articles by title (/find).
 */
export function staticSearchAction(site: StaticSite): string {
  return site.searchUrl ? `${site.searchUrl}/search` : '/find';
}

/**
 * The Content-Security-Policy of a static copy's pages, in a <meta> (a static host sends no such
 * header): the server's policy but for what a meta element cannot say (frame-ancestors), with the
 * archive server's search as the only place a form may send to.
 */
export function staticCsp(site: StaticSite): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' https: data:",
    "base-uri 'none'",
    `form-action ${site.searchUrl ?? "'self'"}`,
    "object-src 'none'",
  ].join('; ');
}

export interface ViewContext {
  lang: Lang;
  t: Strings;
  assets: Assets;
  /** The request path. */
  path: string;
  /** The request path and query, without any lang parameter. */
  url: string;
  /** The site's configured public origin (AppOptions.publicUrl), for absolute addresses. */
  publicUrl?: string;
  /** Set when the page is made for a static copy. */
  staticSite?: StaticSite;
}

/** The current URL with ?lang= set to the other language. */
export function switchLangUrl(url: string, target: Lang): string {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const params = new URLSearchParams(q === -1 ? '' : url.slice(q + 1));
  params.set('lang', target);
  return `${path}?${params.toString()}`;
}

export function Layout(props: {
  ctx: ViewContext;
  title: string;
  description?: string;
  nav?: NavKey;
  searchQuery?: string;
  /** Set false for error pages that have no JSON twin worth linking. */
  jsonLink?: boolean;
  canonical?: string;
  /** More <meta> elements for the head (an article's Open Graph and Dublin Core). */
  meta?: MetaTag[];
  /** A feed the page offers (its Atom link in the head, which feed readers find). */
  feed?: { title: string; href: string };
  children?: Child;
}) {
  const { ctx, nav } = props;
  const { t, lang, assets } = ctx;
  const other: Lang = lang === 'zh' ? 'en' : 'zh';
  const pageTitle = props.title ? `${props.title} – ${t.siteName}` : t.siteName;
  const site = ctx.staticSite;
  // a static copy has no JSON twins and no feed, and searches on the archive server if it names one
  const jsonLink = props.jsonLink !== false && !site;
  const searchAction = site ? staticSearchAction(site) : '/search';
  const navItem = (key: NavKey, href: string, label: string) => (
    <li>
      <a href={href} aria-current={nav === key ? 'page' : undefined}>
        {label}
      </a>
    </li>
  );
  return (
    <html
      lang={HTML_LANG[lang]}
      data-i18n-unavailable={t.figureUnavailable}
      data-i18n-open-image={t.openImage}
      data-i18n-copy={t.copy}
      data-i18n-copied={t.copied}
    >
      <head>
        <meta charset="utf-8" />
        {site ? <meta http-equiv="Content-Security-Policy" content={staticCsp(site)} /> : null}
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{pageTitle}</title>
        {props.description ? <meta name="description" content={props.description} /> : null}
        <meta name="color-scheme" content="light dark" />
        <meta name="referrer" content="no-referrer" />
        <link rel="stylesheet" href={assets.css.path} />
        <script src={assets.js.path} defer></script>
        {props.canonical ? <link rel="canonical" href={props.canonical} /> : null}
        {props.meta?.map((m) => (
          <meta name={m.name} property={m.property} content={m.content} />
        ))}
        {props.feed && !site ? (
          <link rel="alternate" type="application/atom+xml" title={props.feed.title} href={props.feed.href} />
        ) : null}
        {jsonLink ? <link rel="alternate" type="application/json" href={jsonUrl(ctx.url)} /> : null}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t.skipToContent}
        </a>
        <header class="site-header">
          <div class="inner">
            <a class="brand" href={urls.home()}>
              <span class="mark" lang="zh-Hant-HK" aria-hidden="true">
                眾
              </span>
              {t.siteName}
            </a>
            {/* beside the name, at every width, so that the tab order is the order seen */}
            {site && !site.otherLanguage ? null : (
              <a
                class="lang-switch"
                href={switchLangUrl(ctx.url, other)}
                hreflang={HTML_LANG[other]}
                lang={HTML_LANG[other]}
                title={t.switchLangLabel}
              >
                {t.switchLang}
              </a>
            )}
            <nav class="site-nav" aria-label={t.mainNav}>
              <ul>
                {navItem('home', urls.home(), t.navHome)}
                {navItem('categories', '/categories', t.navCategories)}
                {navItem('tags', '/tags', t.navTags)}
                {navItem('authors', '/authors', t.navAuthors)}
                {navItem('dates', urls.dates(), t.navArchive)}
              </ul>
            </nav>
            {nav === 'search' ? null : (
              <SearchBox
                id="header-q"
                formClass="header-search"
                value={props.searchQuery ?? ''}
                t={t}
                action={searchAction}
                finder={Boolean(site && !site.searchUrl)}
              />
            )}
          </div>
        </header>
        <main id="main" tabindex={-1}>
          <p class="print-masthead">
            <Mixed text={t.printMasthead} t={t} />
          </p>
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="inner">
            <p>
              {t.footerAbout} <a href={urls.about()}>{t.footerAboutLink}</a>
            </p>
            {jsonLink ? (
              <p>
                <a href={jsonUrl(ctx.url)} type="application/json">
                  {t.footerData}
                </a>
              </p>
            ) : null}
            {site ? (
              <p class="static-copy">
                {site.searchUrl ? t.staticCopySearch(site.madeOn) : t.staticCopy(site.madeOn)}
              </p>
            ) : null}
          </div>
        </footer>
      </body>
    </html>
  );
}
