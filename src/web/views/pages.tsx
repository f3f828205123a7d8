// The reader's pages as JSX over plain data: home, article, listings, value indexes, date index,
// search and the error page. Each takes the ViewContext and the same data the JSON twin returns.

import { hkcnewsCaptureList } from '../../corpus/hkcnews-url.js';
import {
  articleMeta,
  citedUrls,
  formatCaptureTime,
  isWaybackCapture,
  siteTimeIso,
} from '../../publish/citation.js';
import type { NamedArticle } from '../../search/named-article.js';
import type { QueryNote } from '../../search/notes.js';
import type { SearchResult } from '../../search/types.js';
import type { RelaxedQuery } from '../../search/wider-queries.js';
import { storyKey } from '../../store/story.js';
import type {
  ArchiveFacts,
  ArticleSummary,
  DayArticles,
  FacetCount,
  Listing,
  PageOf,
  StoredArticle,
  VersionSummary,
} from '../../store/types.js';
import { foldForMatch } from '../../text/ignorable.js';
import { type TextLang, textLang } from '../../text/language.js';
import { type Child, raw } from '../html/jsx-runtime.js';
import { HTML_LANG, type Strings } from '../i18n.js';
import { daysInMonth } from '../month-day.js';
import { withLeadImageFirst, withNoscriptImageLinks } from '../render-body.js';
import { displayUrl, type QueryParams, safeExternalUrl, urls, withQuery } from '../urls.js';
import {
  ArticleList,
  ArticleNotice,
  Chips,
  DateLink,
  ExportLinks,
  Mixed,
  Pagination,
  pageCount,
  RecoverHint,
  SEARCH_PAGE_LIMIT,
  SearchBox,
  SortLinks,
  Timeline,
} from './components.js';
import { Layout, staticSearchAction, type ViewContext } from './layout.js';

export interface HomeData {
  stats: { articles: number; firstDate: string | null; lastDate: string | null };
  latest: ArticleSummary[];
  categories: FacetCount[];
  months: FacetCount[];
  /** This month and day in each year, newest first: the date's count and a few of its articles. */
  /** Today's month-day and its articles; leapDay ("02-29") on 28 February of a year without a 29th. */
  onThisDay: { monthDay: string; years: DayArticles[]; leapDay?: string };
}

export function HomePage(props: { ctx: ViewContext; data: HomeData }) {
  const { ctx, data } = props;
  const { t } = ctx;
  return (
    <Layout
      ctx={ctx}
      title=""
      description={t.siteTagline}
      nav="home"
      feed={{ title: t.onThisDayFeedTitle, href: urls.onThisDayFeed(ctx.lang) }}
    >
      <h1>{t.siteName}</h1>
      <p class="muted">
        <Mixed text={t.siteTagline} t={t} /> · {t.totalArticles(data.stats.articles)}
      </p>
      <div class="grid">
        <section aria-labelledby="latest-title">
          <h2 id="latest-title" class="section-title">
            {t.latest}
          </h2>
          <ArticleList items={data.latest} t={t} />
          <p class="more">
            <a href={urls.dates()}>{t.latestMore}</a>
          </p>
          <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading" class="section-title">
              {t.timeline}
            </h2>
            <Timeline
              months={data.months}
              more={{ href: urls.dates(), label: t.timelineList(data.months.length) }}
              t={t}
            />
          </section>
        </section>
        <div>
          <section aria-labelledby="categories-title">
            <h2 id="categories-title" class="section-title">
              {t.categories}
            </h2>
            <Chips items={data.categories} href={urls.category} label={t.categories} archive />
          </section>
          <section aria-labelledby="otd-title">
            <h2 id="otd-title" class="section-title">
              {ctx.staticSite ? t.onThisDay : t.onThisDayTitle(data.onThisDay.monthDay)}
            </h2>
            {ctx.staticSite ? (
              // a copy is read on other days than it was made: the days of the year, not the day it was made
              <p class="more otd-more">
                {t.onThisDayStaticHome} <a href={urls.onThisDayCalendar()}>{t.onThisDayAllDays}</a>
              </p>
            ) : data.onThisDay.years.length ? (
              data.onThisDay.years.map((day) => (
                <section class="otd-year" aria-labelledby={`otd-${day.date}`}>
                  <h3 id={`otd-${day.date}`}>{t.onThisDayYear(day.date.slice(0, 4), day.count)}</h3>
                  <ArticleList items={day.items} t={t} />
                  {day.count > day.items.length ? (
                    <p class="more">
                      <a href={urls.date(day.date)}>{t.onThisDayAll(day.count)}</a>
                    </p>
                  ) : null}
                </section>
              ))
            ) : (
              <p class="muted">{t.onThisDayNone}</p>
            )}
            {ctx.staticSite ? null : (
              <p class="more otd-more">
                {data.onThisDay.leapDay ? (
                  <>
                    <a href={urls.onThisDay(data.onThisDay.leapDay)}>{t.onThisDayLeapDay}</a>
                    <br />
                  </>
                ) : null}
                <a href={urls.onThisDay(data.onThisDay.monthDay)}>{t.onThisDayMore}</a>
                <br />
                <a class="feed-link" href={urls.onThisDayFeed(ctx.lang)} type="application/atom+xml">
                  {t.onThisDayFeed}
                </a>
              </p>
            )}
          </section>
        </div>
      </div>
    </Layout>
  );
}

export interface OnThisDayData {
  /** "MM-DD" */
  monthDay: string;
  /** The day before and after, round the year (12-31 → 01-01, 02-28 → 02-29). */
  prev: string;
  next: string;
  /** Articles of this month-day in all years. */
  total: number;
  /** Each year that has articles on this month-day, newest first: its date, count and a few articles. */
  years: DayArticles[];
  /** The day the picker asked for when its month has no such day (this page is the month's last). */
  asked?: number;
}

/** 當年今日 of any month-day: each year's articles of that day, the days around it and a day picker. */
export function OnThisDayPage(props: { ctx: ViewContext; data: OnThisDayData }) {
  const { ctx, data } = props;
  const { t } = ctx;
  const title = t.onThisDayTitle(data.monthDay);
  const month = Number(data.monthDay.slice(0, 2));
  const day = Number(data.monthDay.slice(3, 5));
  const months = Array.from({ length: 12 }, (_, i) => i + 1);
  const days = Array.from({ length: 31 }, (_, i) => i + 1);
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    <Layout
      ctx={ctx}
      title={title}
      description={t.onThisDaySummary(data.monthDay, data.total, data.years.length)}
      feed={{ title: t.onThisDayFeedTitle, href: urls.onThisDayFeed(ctx.lang) }}
    >
      <h1>{title}</h1>
      {data.asked ? (
        <p class="notice" role="status">
          {t.onThisDayClamped(month, data.asked)}
        </p>
      ) : null}
      {data.years.length ? (
        <p class="muted">{t.onThisDaySummary(data.monthDay, data.total, data.years.length)}</p>
      ) : (
        <p class="muted">{t.onThisDayNoneOn(data.monthDay)}</p>
      )}
      <nav class="date-nav" aria-label={t.onThisDayNav}>
        <ul>
          <li class="before">
            <a href={urls.onThisDay(data.prev)} rel="prev">
              ‹ {t.monthDayLabel(data.prev)}
            </a>
          </li>
          <li class="up">
            {ctx.staticSite ? (
              <a href={urls.onThisDayCalendar()}>{t.onThisDayAllDays}</a>
            ) : (
              <a href={urls.onThisDay()}>{t.onThisDayToday}</a>
            )}
          </li>
          <li class="after">
            <a href={urls.onThisDay(data.next)} rel="next">
              {t.monthDayLabel(data.next)} ›
            </a>
          </li>
        </ul>
      </nav>
      {/* a GET form: without JavaScript it asks /on-this-day?month=6&day=4, which leads to /on-this-day/06-04 */}
      {ctx.staticSite ? null : (
        <form class="otd-picker" action={urls.onThisDay()} method="get">
          <fieldset>
            <legend>{t.onThisDayPick}</legend>
            <span class="otd-field">
              <label for="otd-month">{t.onThisDayMonth}</label>
              <select id="otd-month" name="month">
                {months.map((m) => (
                  <option value={two(m)} selected={m === month}>
                    {t.monthNames[m - 1]}
                  </option>
                ))}
              </select>
            </span>
            <span class="otd-field">
              <label for="otd-day">{t.onThisDayDay}</label>
              <select id="otd-day" name="day">
                {days.map((d) => (
                  <option value={two(d)} selected={d === day}>
                    {String(d)}
                  </option>
                ))}
              </select>
            </span>
            <button type="submit">{t.onThisDayGo}</button>
          </fieldset>
        </form>
      )}
      {ctx.staticSite ? null : (
        <p class="more">
          <a href={urls.onThisDayCalendar()}>{t.onThisDayAllDays}</a>
        </p>
      )}
      {data.total > 0 ? (
        <ExportLinks
          label={t.onThisDayDownload(data.monthDay, data.total)}
          href={(extension) => urls.onThisDayExport(data.monthDay, extension)}
          t={t}
        />
      ) : null}
      {ctx.staticSite ? null : (
        <p class="feed">
          <a class="feed-link" href={urls.onThisDayFeed(ctx.lang)} type="application/atom+xml">
            {t.onThisDayFeed}
          </a>
        </p>
      )}
      {data.years.map((y) => (
        <section class="otd-year" aria-labelledby={`otd-${y.date}`}>
          <h2 class="otd-day-title" id={`otd-${y.date}`}>
            <a href={urls.date(y.date)}>{t.dayLabel(y.date)}</a>
            <span class="muted">{t.inParens(t.articlesCount(y.count))}</span>
          </h2>
          <ArticleList items={y.items} t={t} />
          {y.count > y.items.length ? (
            <p class="more">
              <a href={urls.date(y.date)}>{t.onThisDayAll(y.count)}</a>
            </p>
          ) : null}
        </section>
      ))}
    </Layout>
  );
}

export interface ArticleData {
  article: StoredArticle;
  bodyHtml: string;
  columnistHtml: string;
  prev: ArticleSummary | null;
  next: ArticleSummary | null;
  related: ArticleSummary[];
  /** Other versions of this article (same title and date), with when each was updated and captured. */
  versions: VersionSummary[];
  /** The record holds a placeholder page, not the article: the Wayback Machine's list of captures. */
  placeholder: { captures: string | null } | null;
  /** How to cite the article (null for a placeholder page: there is no article to cite). */
  citation: { apa: string; bibtex: string } | null;
  description: string;
  /** The language of the article's text (most are Chinese; the tri-angles section is English). */
  lang: TextLang;
}

/** Versions listed at once up to this many; more (live reports: up to 26) fold under a summary. */
const VERSIONS_SHOWN = 4;

/**
 * An article's other versions, each with its times and a link comparing it with this one. A long
 * list folds (a <details>, which opens without JavaScript), so that it does not push the article's
 * text a screen down.
 */
function VersionList(props: {
  versions: VersionSummary[];
  /** The article whose versions these are: a version titled otherwise shows its title. */
  article: { id: number; title: string; date: string };
  ctx: ViewContext;
}) {
  const { t } = props.ctx;
  const { id } = props.article;
  const ownTitle = storyKey(props.article.title, props.article.date);
  const list = (
    <ul>
      {props.versions.map((v) => {
        const times = t.versionTimes(v.lastUpdated, formatCaptureTime(v.captureTimestamp));
        // a reworded title (a story linked by its text, src/store/story-links.ts), not one that
        // differs only in spacing, punctuation or a variant character
        const reworded = storyKey(v.title, v.date) !== ownTitle;
        return (
          <li>
            <a href={urls.article(v.id)}>{t.versionLink(v.id)}</a>
            {times ? <span class="muted">{times}</span> : null}{' '}
            {reworded ? (
              <span class="version-title" lang={textLang(v.title)}>
                {v.title}
              </span>
            ) : null}
            {/* from the earlier number to the later: what the later version changed (the server's) */}
            {props.ctx.staticSite ? null : (
              <a class="compare-link" href={urls.compare(Math.min(id, v.id), Math.max(id, v.id))}>
                {t.compareWith(v.id)}
              </a>
            )}
          </li>
        );
      })}
    </ul>
  );
  if (props.versions.length <= VERSIONS_SHOWN) return list;
  return (
    <details class="versions-all">
      <summary>{t.versionsShowAll(props.versions.length)}</summary>
      {list}
    </details>
  );
}

export function ArticlePage(props: { ctx: ViewContext; data: ArticleData }) {
  const { ctx, data } = props;
  const { t } = ctx;
  const a = data.article;
  const original = safeExternalUrl(a.originalUrl);
  // a record rebuilt from another web archive (a WARC file) names no Wayback capture
  const wayback = isWaybackCapture(a.url) ? safeExternalUrl(a.url) : null;
  const capture = formatCaptureTime(a.captureTimestamp);
  const cited = citedUrls(a);
  // a placeholder page's title is the farewell notice's, not the article's
  const heading = data.placeholder ? t.placeholderHeading(a.id) : a.title || t.untitled;
  return (
    <Layout
      ctx={ctx}
      title={heading}
      description={data.description}
      canonical={`${ctx.publicUrl ?? ''}${urls.article(a.id)}`}
      meta={articleMeta({ ...a, title: heading }, t.siteName, data.description, ctx.publicUrl)}
    >
      <div class="reading">
        <article class="article" lang={data.placeholder ? HTML_LANG[ctx.lang] : data.lang}>
          <header class="article-header">
            <h1>{heading}</h1>
            <dl class="byline" lang={ctx.lang === 'zh' ? 'zh-Hant-HK' : 'en'}>
              <div>
                <dt>
                  {t.author}
                  {t.colon}
                </dt>
                <dd>
                  {a.author ? (
                    <a href={urls.author(a.author)} lang={textLang(a.author)}>
                      {a.author}
                    </a>
                  ) : (
                    '—'
                  )}
                </dd>
              </div>
              <div>
                <dt>
                  {t.published}
                  {t.colon}
                </dt>
                <dd>
                  <DateLink date={a.date} t={t} />
                </dd>
              </div>
              {a.lastUpdated ? (
                <div>
                  <dt>
                    {t.lastUpdated}
                    {t.colon}
                  </dt>
                  <dd>
                    <time datetime={siteTimeIso(a.lastUpdated) ?? undefined}>
                      {a.lastUpdated} {t.hkTime}
                    </time>
                  </dd>
                </div>
              ) : null}
              {a.category ? (
                <div>
                  <dt>
                    {t.category}
                    {t.colon}
                  </dt>
                  <dd>
                    <a href={urls.category(a.category)} lang={textLang(a.category)}>
                      {a.category}
                    </a>
                  </dd>
                </div>
              ) : null}
            </dl>
            {a.tags.length ? (
              <div class="article-tags">
                <ul class="chips" aria-label={t.tags}>
                  {a.tags.map((tag) => (
                    <li>
                      <a href={urls.tag(tag)} rel="tag" lang={textLang(tag)}>
                        {tag}
                      </a>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            {data.placeholder ? (
              <ArticleNotice kind="placeholder" title={t.placeholderTitle} lang={ctx.lang}>
                <p>{t.placeholderCaptured(a.title)}</p>
                <p>
                  {t.placeholderText}{' '}
                  {data.placeholder.captures ? (
                    <a href={data.placeholder.captures} rel="noopener noreferrer">
                      {t.placeholderLink}
                    </a>
                  ) : null}
                </p>
                <RecoverHint id={a.id} t={t} />
              </ArticleNotice>
            ) : null}
            {a.repair ? (
              <ArticleNotice kind="repaired" title={t.repairedTitle} lang={ctx.lang}>
                <p>{t.repairedText(a.repair.lost)}</p>
              </ArticleNotice>
            ) : null}
            {data.versions.length ? (
              <ArticleNotice
                kind="versions"
                id="versions"
                title={t.versionsTitle(data.versions.length)}
                lang={ctx.lang}
              >
                <p>{t.versionsWhy}</p>
                <VersionList versions={data.versions} article={a} ctx={ctx} />
              </ArticleNotice>
            ) : null}
          </header>
          <div class="article-body">
            {raw(withNoscriptImageLinks(withLeadImageFirst(data.bodyHtml), t.openImage, HTML_LANG[ctx.lang]))}
          </div>
          {data.columnistHtml ? (
            <aside class="panel author-box" aria-labelledby="author-box-title">
              <h2 id="author-box-title" lang={ctx.lang === 'zh' ? 'zh-Hant-HK' : 'en'}>
                {t.aboutAuthor}
              </h2>
              <div class="author-text">{raw(data.columnistHtml)}</div>
            </aside>
          ) : null}
        </article>
        <nav aria-label={`${t.prev} / ${t.next}`}>
          <ul class="prev-next">
            {data.prev ? (
              <li class="prev">
                <span class="label">‹ {t.prev}</span>
                <a href={urls.article(data.prev.id)} lang={textLang(data.prev.title)}>
                  {data.prev.title || t.untitled}
                </a>
              </li>
            ) : null}
            {data.next ? (
              <li class="next">
                <span class="label">{t.next} ›</span>
                <a href={urls.article(data.next.id)} lang={textLang(data.next.title)}>
                  {data.next.title || t.untitled}
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
        {data.related.length ? (
          <section class="related" aria-labelledby="related-title">
            <h2 id="related-title" class="section-title">
              {t.related}
            </h2>
            <ArticleList items={data.related} t={t} />
          </section>
        ) : null}
        <section class="panel provenance" aria-labelledby="provenance-title">
          <h2 id="provenance-title">{t.provenance}</h2>
          <dl>
            <dt>{t.originalUrl}</dt>
            <dd>
              {original ? (
                <a href={original} rel="noopener noreferrer">
                  {displayUrl(original)}
                </a>
              ) : (
                a.originalUrl || '—'
              )}
            </dd>
            <dt>{t.waybackCapture}</dt>
            <dd>
              {wayback ? (
                <a href={wayback} rel="noopener noreferrer">
                  {displayUrl(wayback)}
                </a>
              ) : a.url && !isWaybackCapture(a.url) ? (
                t.notOnWayback
              ) : (
                a.url || '—'
              )}
              {cited.list ? (
                <p class="lost-slug">
                  {t.lostSlug}{' '}
                  <a href={cited.archived} rel="noopener noreferrer">
                    {cited.archived}
                  </a>
                </p>
              ) : null}
            </dd>
            <dt>{t.captureTime}</dt>
            <dd>
              {capture ? (
                <time datetime={`${capture.slice(0, 10)}T${capture.slice(11, 19)}Z`}>{capture}</time>
              ) : (
                '—'
              )}
            </dd>
            <dt>{t.sourceFile}</dt>
            <dd>
              <code>{a.sourcePath}</code>
            </dd>
          </dl>
        </section>
        {data.citation ? (
          <section class="panel citation" aria-labelledby="cite-title">
            <h2 id="cite-title">{t.cite}</h2>
            <h3 id="cite-apa">{t.citeApa}</h3>
            <pre data-copy="apa">
              <Mixed text={data.citation.apa} t={t} />
            </pre>
            <h3 id="cite-bibtex">{t.citeBibtex}</h3>
            <pre data-copy="bibtex">
              <Mixed text={data.citation.bibtex} t={t} />
            </pre>
          </section>
        ) : null}
      </div>
    </Layout>
  );
}

/** Percent-encoded URLs are shown decoded (Chinese slugs); the href keeps the encoded form. */
export interface ListingData {
  kind: 'category' | 'tag' | 'author' | 'date';
  value: string;
  sort: 'newest' | 'oldest';
  /** Every version of a story as its own entry (versions=all); else one entry per story. */
  allVersions: boolean;
  /** With stories when versions are merged: the pages count them. */
  result: Listing;
  pages: number;
  /** For date listings: the finer periods inside this one, with counts. */
  periods?: FacetCount[];
  /** For date listings: the nearest periods of the same length before and after, with articles. */
  neighbours?: { before: string | null; after: string | null };
  /** For the listing of undated articles (value ''): how many of them are placeholder pages. */
  placeholders?: number;
}

export function ListingPage(props: { ctx: ViewContext; data: ListingData }) {
  const { ctx, data } = props;
  const { t } = ctx;
  const { result } = data;
  const title =
    data.kind === 'category'
      ? t.listingCategory(data.value)
      : data.kind === 'tag'
        ? t.listingTag(data.value)
        : data.kind === 'author'
          ? t.listingAuthor(data.value)
          : data.value === ''
            ? t.listingUndated
            : t.listingDate(dateLabel(data.value, t));
  // with versions merged the entries are stories, and the pages count them
  const listed = result.stories ?? result.total;
  const from = (result.page - 1) * result.perPage + 1;
  const to = Math.min(listed, result.page * result.perPage);
  const versionsParam = data.allVersions && data.value !== '' ? 'all' : undefined;
  const nav =
    data.kind === 'category'
      ? 'categories'
      : data.kind === 'tag'
        ? 'tags'
        : data.kind === 'author'
          ? 'authors'
          : 'dates';
  return (
    <Layout ctx={ctx} title={title} nav={nav}>
      <h1>
        <Mixed text={title} t={t} />
      </h1>
      {data.kind === 'date' && data.value !== '' ? (
        <DateNav
          value={data.value}
          neighbours={data.neighbours}
          params={{ sort: data.sort === 'newest' ? undefined : data.sort, versions: versionsParam }}
          t={t}
        />
      ) : null}
      {data.kind === 'date' && data.value === '' ? (
        <p class="muted">
          {t.undatedNote(data.placeholders ?? 0)} <a href={urls.dates()}>{t.allDates}</a>
        </p>
      ) : null}
      {data.periods?.length ? (
        <Chips
          items={data.periods}
          href={(v) => urls.date(v)}
          label={data.value.length === 4 ? t.months : t.days}
        />
      ) : null}
      <div class="toolbar">
        <p>
          {result.stories !== undefined && result.stories !== result.total
            ? t.showingStories(from, to, result.stories, result.total)
            : result.total
              ? t.showing(from, to, result.total)
              : t.articlesCount(0)}
          {ctx.staticSite ? null : result.stories !== undefined && result.stories !== result.total ? (
            <>
              {' · '}
              <a
                href={withQuery(ctx.path, {
                  versions: 'all',
                  sort: data.sort === 'newest' ? undefined : data.sort,
                })}
              >
                {t.showAllVersions}
              </a>
            </>
          ) : versionsParam ? (
            <>
              {' · '}
              <a href={withQuery(ctx.path, { sort: data.sort === 'newest' ? undefined : data.sort })}>
                {t.mergeVersions}
              </a>
            </>
          ) : null}
        </p>
        {/* a static copy has each listing in one order, newest first, a story once */}
        {ctx.staticSite ? null : (
          <SortLinks
            base={ctx.path}
            params={{ versions: versionsParam }}
            current={data.sort}
            options={[
              ['newest', t.sortNewest],
              ['oldest', t.sortOldest],
            ]}
            t={t}
          />
        )}
      </div>
      <ArticleList items={result.items} t={t} />
      <Pagination
        base={ctx.path}
        params={{ sort: data.sort === 'newest' ? undefined : data.sort, versions: versionsParam }}
        page={result.page}
        pages={data.pages}
        t={t}
      />
    </Layout>
  );
}

/** Earlier and later dates with articles, and the period above this one (day → month → year → all). */
function DateNav(props: {
  value: string;
  neighbours: ListingData['neighbours'];
  /** The listing's choices (sort, versions), kept on the way to the periods around it. */
  params: Record<string, string | undefined>;
  t: ViewContext['t'];
}) {
  const { value, t } = props;
  const { before, after } = props.neighbours ?? { before: null, after: null };
  const up = value.length > 4 ? value.slice(0, value.length === 10 ? 7 : 4) : null;
  const to = (prefix: string) => withQuery(urls.date(prefix), props.params);
  return (
    <nav class="date-nav" aria-label={t.dateNav}>
      <ul>
        <li class="before">
          {before ? (
            <a href={to(before)} rel="prev">
              ‹ {dateLabel(before, t)}
            </a>
          ) : null}
        </li>
        <li class="up">
          {up ? <a href={to(up)}>{dateLabel(up, t)}</a> : <a href={urls.dates()}>{t.allDates}</a>}
        </li>
        <li class="after">
          {after ? (
            <a href={to(after)} rel="next">
              {dateLabel(after, t)} ›
            </a>
          ) : null}
        </li>
      </ul>
    </nav>
  );
}

function dateLabel(prefix: string, t: ViewContext['t']): string {
  return prefix.length === 4
    ? t.yearLabel(prefix)
    : prefix.length === 7
      ? t.monthLabel(prefix)
      : t.dayLabel(prefix);
}

export interface ValuesData {
  kind: 'category' | 'tag' | 'author';
  /** Only the values holding this text ('' for all). */
  q: string;
  result: PageOf<FacetCount>;
  pages: number;
}

export function ValuesPage(props: { ctx: ViewContext; data: ValuesData }) {
  const { ctx, data } = props;
  const { t } = ctx;
  const all = data.kind === 'category' ? t.allCategories : data.kind === 'tag' ? t.allTags : t.allAuthors;
  const title = data.q ? t.valuesMatchingTitle(data.kind, data.q) : all;
  const nav = data.kind === 'category' ? 'categories' : data.kind === 'tag' ? 'tags' : 'authors';
  return (
    <Layout ctx={ctx} title={title} nav={nav}>
      <h1>
        <Mixed text={title} t={t} />
      </h1>
      {ctx.staticSite ? null : (
        <search>
          <form class="search-form values-filter" action={ctx.path} method="get">
            <label class="visually-hidden" for="values-q">
              {t.valuesFilterLabel(data.kind)}
            </label>
            <input
              id="values-q"
              type="search"
              name="q"
              value={data.q}
              placeholder={t.valuesFilterLabel(data.kind)}
            />
            <button type="submit">{t.valuesFilterButton}</button>
          </form>
        </search>
      )}
      <p class="muted">
        {data.q ? (
          <Mixed text={t.valuesMatching(data.kind, data.result.total, data.q)} t={t} />
        ) : (
          t.valuesCount(data.kind, data.result.total)
        )}
        {data.q ? (
          <>
            {' '}
            <a href={ctx.path}>{t.valuesAll(data.kind)}</a>
          </>
        ) : null}
      </p>
      <Chips items={data.result.items} href={(v) => urls.listing(data.kind, v)} label={all} archive />
      <Pagination
        base={ctx.path}
        params={{ q: data.q || undefined }}
        page={data.result.page}
        pages={data.pages}
        t={t}
      />
    </Layout>
  );
}

export interface DatesData {
  years: FacetCount[];
  months: FacetCount[];
  /** Articles without a date (listed at /date/undated). */
  undated: number;
}

export function DatesPage(props: { ctx: ViewContext; data: DatesData }) {
  const { ctx, data } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t.navArchive} nav="dates">
      <h1>{t.navArchive}</h1>
      <Timeline
        months={data.months}
        more={{ href: `#y${data.years[0]?.value ?? ''}`, label: t.timelineSkip }}
        t={t}
      />
      {data.years.map((y) => (
        <section aria-labelledby={`y${y.value}`}>
          <h2 id={`y${y.value}`}>
            <a href={urls.date(y.value)}>{t.yearLabel(y.value)}</a>
            <span class="muted">{t.inParens(t.articlesCount(y.count))}</span>
          </h2>
          <Chips
            items={data.months.filter((m) => m.value.startsWith(y.value))}
            href={(v) => urls.date(v)}
            label={t.yearLabel(y.value)}
          />
        </section>
      ))}
      {data.undated ? (
        <section aria-labelledby="undated">
          <h2 id="undated">
            <a href={urls.date('undated')}>{t.undated}</a>
            <span class="muted">{t.inParens(t.articlesCount(data.undated))}</span>
          </h2>
        </section>
      ) : null}
    </Layout>
  );
}

export interface SearchData {
  q: string;
  filters: Array<{ key: string; value: string }>;
  /** Every version of a story as its own hit (?versions=all) rather than one per story. */
  allVersions: boolean;
  result: SearchResult | null;
  pages: number;
  /** Wider queries to offer when nothing was found (only ones that find something). */
  relaxed: RelaxedQuery[];
  /** With nothing found: the words typed that no article holds (see widerQueries). */
  unfound: string[];
  /** The article the query names: an hkcnews address of one the archive lacks, or a number. */
  direct: NamedArticle | null;
  /** Where the placeholder pages left out of the results are listed (/date/undated?page=…). */
  placeholdersPage?: string | undefined;
}

const FACET_KEYS = ['category', 'year', 'month', 'author', 'tag'] as const;

export function SearchPage(props: {
  ctx: ViewContext;
  data: SearchData;
  /** The filters as link parameters (tags as a list: tag=a&tag=b). */
  filterParams: Record<string, string | string[]>;
}) {
  const { ctx, data } = props;
  const { t } = ctx;
  const r = data.result;
  const baseParams: QueryParams = {
    q: data.q,
    ...props.filterParams,
    versions: data.allVersions ? 'all' : undefined,
  };
  // a filter added or taken away keeps the order the results are in
  const narrowingParams: QueryParams = {
    ...baseParams,
    sort: r && r.sort !== 'relevance' ? r.sort : undefined,
  };
  const active = (key: string) => [props.filterParams[key] ?? []].flat();
  /**
   * A facet's link: its value added to the filters. A tag or an author (a person: a byline can name
   * several) is added to those chosen (the results hold all of them, which the count counted); any
   * other value replaces its key's (an article has one category, year).
   */
  const facetHref = (key: (typeof FACET_KEYS)[number], value: string) => {
    if (key !== 'tag' && key !== 'author') return urls.search({ ...narrowingParams, [key]: value });
    const chosenValues = active(key);
    const folded = foldForMatch(value);
    const chosen = chosenValues.some((v) => foldForMatch(v) === folded);
    return urls.search({ ...narrowingParams, [key]: chosen ? chosenValues : [...chosenValues, value] });
  };
  const facetLabel: Record<(typeof FACET_KEYS)[number], string> = {
    category: t.facetCategory,
    author: t.facetAuthor,
    tag: t.facetTag,
    year: t.facetYear,
    month: t.facetMonth,
  };
  const title =
    data.q || data.filters.length
      ? t.searchResults(data.q || data.filters.map((f) => f.value).join(' '))
      : t.searchTitle;
  const page = data.result?.page ?? 1;
  return (
    <Layout
      ctx={ctx}
      title={page > 1 ? `${title}${t.pageSuffix(page)}` : title}
      nav="search"
      searchQuery={data.q}
    >
      <h1>
        <Mixed text={title} t={t} />
      </h1>
      <search>
        <form class="search-form" action="/search" method="get">
          <label class="visually-hidden" for="q">
            {t.searchLabel}
          </label>
          <input id="q" type="search" name="q" value={data.q} placeholder={t.searchPlaceholder} />
          {Object.entries(props.filterParams).flatMap(([k, v]) =>
            [v].flat().map((one) => <input type="hidden" name={k} value={one} />),
          )}
          {data.allVersions ? <input type="hidden" name="versions" value="all" /> : null}
          <button type="submit">{t.searchButton}</button>
        </form>
      </search>
      <details class="search-help">
        <summary>{t.searchHelp}</summary>
        <p>{t.searchHelpText}</p>
        <dl>
          {t.searchHelpRows.map(([syntax, meaning]) => (
            <div>
              <dt>
                <code>
                  <Mixed text={syntax} t={t} />
                </code>
              </dt>
              <dd>{meaning}</dd>
            </div>
          ))}
        </dl>
      </details>
      {data.filters.length ? (
        <ul class="chips active-filters" aria-label={t.facets}>
          {data.filters.map((f) => {
            const rest = {
              ...narrowingParams,
              [f.key]:
                f.key === 'tag' || f.key === 'author'
                  ? active(f.key).filter((v) => v !== f.value)
                  : undefined,
            };
            const archiveValue = f.key !== 'year' && f.key !== 'month';
            return (
              <li>
                {/* what the link does is said in words, the value marked with its language */}
                <a href={urls.search(rest)} title={t.removeFilter}>
                  <span class="visually-hidden">
                    {t.removeFilter}
                    {t.colon}
                  </span>
                  {facetLabel[f.key as (typeof FACET_KEYS)[number]] ?? f.key}
                  {t.colon}
                  {archiveValue ? <span lang={textLang(f.value)}>{f.value}</span> : f.value}
                </a>
              </li>
            );
          })}
        </ul>
      ) : null}
      {data.direct?.article ? (
        <p class="notice direct" role="note">
          {t.directArticle(data.direct.id)}{' '}
          <a href={urls.article(data.direct.id)} lang={textLang(data.direct.article.title)}>
            {data.direct.article.title}
          </a>{' '}
          <span class="muted">{data.direct.article.date}</span>
        </p>
      ) : data.direct ? (
        <div class="notice direct" role="note">
          <p>
            {t.directMissing(data.direct.id)}{' '}
            {data.direct.captures ? (
              <a href={data.direct.captures} rel="noopener noreferrer">
                {t.placeholderLink}
              </a>
            ) : null}
          </p>
          <RecoverHint id={data.direct.id} t={t} />
        </div>
      ) : null}
      {r?.warnings.length ? (
        <div class="notice" role="note">
          <strong>
            {t.warnings}
            {t.colon}
          </strong>
          <ul>
            {r.warnings.map((w, i) => {
              // said in the page's language from its code; a note without one as it came
              const note = r.notes?.[i];
              return (
                <li>
                  <Mixed text={note ? sayNote(t, note) : w} t={t} />
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
      {!r || (r.total === 0 && data.direct?.article) ? (
        // the article a query names is the answer: no "nothing found" under it
        data.direct ? null : (
          <p class="muted">{t.searchStart}</p>
        )
      ) : (
        <div class="grid">
          <section aria-labelledby="results-title">
            <h2 id="results-title" class="visually-hidden">
              {t.searchResultsHeading}
            </h2>
            <div class="toolbar">
              <p>
                {r.stories !== undefined && r.stories !== r.total
                  ? t.searchTotalStories(r.total, r.stories, r.tookMs)
                  : t.searchTotal(r.total, r.tookMs)}
                {r.stories !== r.total || data.allVersions ? (
                  <>
                    {' · '}
                    <a
                      href={urls.search({
                        ...baseParams,
                        sort: r.sort === 'relevance' ? undefined : r.sort,
                        versions: data.allVersions ? undefined : 'all',
                      })}
                    >
                      {data.allVersions ? t.mergeVersions : t.showAllVersions}
                    </a>
                  </>
                ) : null}
                {r.understood && r.understood !== data.q ? (
                  <>
                    {' '}
                    · {t.searchUnderstood}
                    {t.colon}
                    <code>
                      <Mixed text={r.understood} t={t} />
                    </code>
                  </>
                ) : null}
              </p>
              {r.total > 0 ? (
                // nothing to put in order when nothing was found
                <SortLinks
                  base="/search"
                  params={baseParams}
                  current={r.sort}
                  options={[
                    ['relevance', t.sortRelevance],
                    ['newest', t.sortNewest],
                    ['oldest', t.sortOldest],
                  ]}
                  t={t}
                />
              ) : null}
              {r.total > 0 ? (
                // on a narrow screen the filters follow the results: this leads to them
                <a class="jump-to-facets" href="#facets-title">
                  {t.jumpToFacets} <span aria-hidden="true">↓</span>
                </a>
              ) : null}
            </div>
            {r.placeholders ? (
              <p class="muted placeholders-note">
                {t.placeholdersLeftOut(r.placeholders)}{' '}
                <a href={data.placeholdersPage ?? urls.date('undated')}>{t.placeholdersWhere}</a>
              </p>
            ) : null}
            {r.total === 0 ? (
              <div class="notice">
                <p>
                  <strong>{t.searchEmpty}</strong> {t.searchEmptyWhy}
                </p>
                {data.unfound.length ? (
                  <p>
                    {t.wordsNowhere(data.unfound.length)}
                    {data.unfound.map((w, i) => (
                      <>
                        {i ? t.listSeparator : ''}
                        {t.quotes[0].trim()}
                        <span lang={textLang(w)}>{w}</span>
                        {t.quotes[1]}
                      </>
                    ))}
                    {t.wordsNowhereEnd}
                  </p>
                ) : null}
                {data.relaxed.length ? (
                  <p>
                    {t.searchRelaxed}{' '}
                    {data.relaxed.map(({ q, total }, i) => (
                      <>
                        {i ? ' · ' : ''}
                        <a href={urls.search({ q })} lang={textLang(q)}>
                          {q}
                        </a>
                        {t.relaxedTotal(total)}
                      </>
                    ))}
                  </p>
                ) : null}
              </div>
            ) : (
              <ArticleList items={r.hits} t={t} />
            )}
            <Pagination
              base="/search"
              params={{ ...baseParams, sort: r.sort === 'relevance' ? undefined : r.sort }}
              page={r.page}
              pages={data.pages}
              limit={SEARCH_PAGE_LIMIT}
              t={t}
            />
            {data.pages > SEARCH_PAGE_LIMIT ? (
              <p class="page-limit">{t.searchPageLimit(SEARCH_PAGE_LIMIT)}</p>
            ) : null}
            {r.total > 0 ? (
              <ExportLinks
                label={t.downloadAll(r.total)}
                href={(extension) =>
                  urls.searchExport(extension, {
                    ...baseParams,
                    versions: undefined,
                    sort: r.sort === 'relevance' ? undefined : r.sort,
                  })
                }
                t={t}
              />
            ) : null}
          </section>
          {r.total > 0 ? (
            <aside class="facets" aria-labelledby="facets-title">
              <h2 id="facets-title" class="section-title">
                {t.facets}
              </h2>
              {FACET_KEYS.map((key) => {
                const values = r.facets[key] ?? [];
                if (values.length === 0) return null;
                // months across many years would push authors and tags off the screen: they are
                // offered once a year is chosen (or when the hits span a year at most); JSON has all
                if (key === 'month' && values.length > 12 && !props.filterParams.year) return null;
                // undated articles are in the total but in no year or month: said, so that the
                // years add up to the count at the top
                const undated =
                  key === 'year' || key === 'month' ? r.total - values.reduce((n, f) => n + f.count, 0) : 0;
                return (
                  <section aria-labelledby={`facet-${key}`}>
                    <h3 id={`facet-${key}`}>{facetLabel[key]}</h3>
                    <ul>
                      {values.map((f) => (
                        <li>
                          <a
                            href={facetHref(key, f.value)}
                            lang={key === 'year' || key === 'month' ? undefined : textLang(f.value)}
                          >
                            {f.value}
                          </a>
                          <span class="count">{f.count.toLocaleString('en')}</span>
                        </li>
                      ))}
                      {undated > 0 ? (
                        <li class="undated">
                          <span>{t.undated}</span>
                          <span class="count">{undated.toLocaleString('en')}</span>
                        </li>
                      ) : null}
                    </ul>
                  </section>
                );
              })}
            </aside>
          ) : null}
        </div>
      )}
    </Layout>
  );
}

export interface ErrorData {
  status: number;
  code: string;
  message: string;
}

export interface OnThisDayCalendarData {
  /** Articles of each month-day in all years ("MM-DD"), the days that have any. */
  days: FacetCount[];
  total: number;
}

/** 當年今日 of every day of the year: a month a list, each day linked with its count. */
export function OnThisDayCalendarPage(props: { ctx: ViewContext; data: OnThisDayCalendarData }) {
  const { ctx, data } = props;
  const { t } = ctx;
  const counts = new Map(data.days.map((d) => [d.value, d.count]));
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    <Layout ctx={ctx} title={t.onThisDayCalendar} description={t.onThisDayCalendarIntro(366, data.total)}>
      <h1>{t.onThisDayCalendar}</h1>
      <p class="muted">{t.onThisDayCalendarIntro(366, data.total)}</p>
      <div class="otd-calendar">
        {t.monthNames.map((name, i) => (
          <section aria-labelledby={`otd-month-${i + 1}`}>
            <h2 id={`otd-month-${i + 1}`}>{name}</h2>
            <ol>
              {Array.from({ length: daysInMonth(i + 1) }, (_, d) => {
                const monthDay = `${two(i + 1)}-${two(d + 1)}`;
                const n = counts.get(monthDay) ?? 0;
                return (
                  <li>
                    <a
                      href={urls.onThisDay(monthDay)}
                      aria-label={`${t.monthDayLabel(monthDay)}${t.inParens(t.articlesCount(n))}`}
                    >
                      {String(d + 1)}
                    </a>{' '}
                    <span class="muted">{n.toLocaleString('en')}</span>
                  </li>
                );
              })}
            </ol>
          </section>
        ))}
      </div>
    </Layout>
  );
}

/**
 * A static copy's search: the articles whose title holds the words typed, found in the page by the
 * app's script from the copy's index of titles (/find-index.js), as the search box asks for them
 * (find.html?q=…). Without JavaScript it says so and leads to the listings.
 */
export function FindPage(props: { ctx: ViewContext }) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t.findTitle} nav="search">
      <h1>{t.findTitle}</h1>
      <p class="muted">{t.findIntro}</p>
      <search>
        <form
          id="find-form"
          class="search-form"
          action="/find"
          method="get"
          data-found={t.findFound}
          data-found-some={t.findFoundSome}
          data-none={t.findNone}
          data-loading={t.findLoading}
        >
          <label class="visually-hidden" for="find-q">
            {t.findLabel}
          </label>
          <input id="find-q" type="search" name="q" placeholder={t.findPlaceholder} />
          <button type="submit">{t.findButton}</button>
        </form>
      </search>
      <noscript>
        <p class="notice">
          {t.findNoScript} <a href={urls.dates()}>{t.navArchive}</a> ·{' '}
          <a href={urls.index('tag')}>{t.navTags}</a> · <a href={urls.index('author')}>{t.navAuthors}</a>
        </p>
      </noscript>
      <p id="find-status" class="muted" role="status"></p>
      <ol id="find-results" class="article-list"></ol>
      <script src="/find-index.js" defer></script>
    </Layout>
  );
}

/**
 * An error page; `detail` says what went wrong in the page's language (else the message is shown);
 * `missingArticle`, an hkcnews article id the archive lacks, adds where it may still be found.
 */
export function ErrorPage(props: {
  ctx: ViewContext;
  data: ErrorData;
  detail?: string | undefined;
  /** The detail is what went wrong, said first in place of the status's general line. */
  specific?: boolean | undefined;
  missingArticle?: number | undefined;
  lastPage?: { page: number; href: string } | undefined;
  /** Articles to lead on to (those the address named), to their lists of versions when they have one. */
  articles?: Array<{ id: number; versions: boolean }> | undefined;
  query?: string | undefined;
  /**
   * A static copy's page for the addresses it has not (its 404.html), at this public address: the
   * app's script leads an address of the reader's kind without `.html` to its file.
   */
  copyBase?: string | undefined;
}) {
  const { ctx, data, detail, missingArticle, lastPage, articles } = props;
  const errorSearch = ctx.staticSite ? staticSearchAction(ctx.staticSite) : '/search';
  const { t } = ctx;
  const specific = props.specific === true && detail !== undefined && missingArticle === undefined;
  const [title, text] =
    data.status === 404
      ? [t.notFoundTitle, t.notFoundText]
      : data.status === 405
        ? [t.methodTitle, null]
        : data.status < 500
          ? [t.badRequestTitle, t.badRequestText]
          : [t.errorTitle, t.errorText];
  return (
    <Layout ctx={ctx} title={title} jsonLink={false}>
      <div class="error-page" data-copy-base={props.copyBase}>
        <p class="code">{data.status}</p>
        <h1>{title}</h1>
        {specific ? (
          <p>
            <Mixed text={detail} t={t} />
          </p>
        ) : text ? (
          <p>{text}</p>
        ) : null}
        {specific ? null : missingArticle !== undefined ? (
          <div class="notice direct" role="note">
            <p>
              {detail ?? t.directMissing(missingArticle)}{' '}
              <a href={hkcnewsCaptureList(missingArticle)} rel="noopener noreferrer">
                {t.placeholderLink}
              </a>
            </p>
            <RecoverHint id={missingArticle} t={t} />
          </div>
        ) : detail ? (
          <p class="muted">
            <Mixed text={detail} t={t} />
          </p>
        ) : data.status < 500 && data.message ? (
          <p class="muted" lang="en">
            {data.message}
          </p>
        ) : null}
        {lastPage ? (
          <p>
            <a href={lastPage.href}>{t.goToPage(lastPage.page)}</a>
          </p>
        ) : null}
        {articles?.length ? (
          <ul class="error-articles">
            {articles.map((a) => (
              <li>
                <a href={`${urls.article(a.id)}${a.versions ? '#versions' : ''}`}>
                  {t.goToArticle(a.id, a.versions)}
                </a>
              </li>
            ))}
          </ul>
        ) : null}
        <p>{t.tryThese}</p>
        <SearchBox
          id="error-q"
          formClass="search-form"
          value={props.query ?? ''}
          t={t}
          action={errorSearch}
          finder={Boolean(ctx.staticSite && !ctx.staticSite.searchUrl)}
        />
        <ul>
          <li>
            <a href={urls.home()}>{t.goHome}</a>
          </li>
          <li>
            <a href="/categories">{t.browseCategories}</a>
          </li>
          <li>
            <a href={urls.dates()}>{t.navArchive}</a>
          </li>
        </ul>
      </div>
    </Layout>
  );
}

export { pageCount, withQuery };

/** A search note in the page's language. */
function sayNote(t: ViewContext['t'], note: QueryNote): string {
  return (t.queryNote[note.code] as (...values: string[]) => string)(...note.values);
}

export interface AboutData {
  facts: ArchiveFacts;
  /** The public backup the archive comes from. */
  corpusUrl: string;
}

/** Interface text with {name} places filled by the elements given (links, code). */
function Filled(props: { text: string; t: Strings; parts: Record<string, Child> }) {
  const out: Child[] = [];
  let at = 0;
  for (const m of props.text.matchAll(/\{(\w+)\}/g)) {
    if (m.index > at) out.push(<Mixed text={props.text.slice(at, m.index)} t={props.t} />);
    out.push(props.parts[m[1]!] ?? m[0]);
    at = m.index + m[0].length;
  }
  if (at < props.text.length) out.push(<Mixed text={props.text.slice(at)} t={props.t} />);
  return <>{out}</>;
}

/** What the archive is, what it holds, where it comes from, and how to cite, reuse and keep it. */
export function AboutPage(props: { ctx: ViewContext; data: AboutData }) {
  const { ctx, data } = props;
  const { t } = ctx;
  const f = data.facts;
  const n = (x: number) => x.toLocaleString('en');
  const code = (text: string) => <code>{text}</code>;
  return (
    <Layout ctx={ctx} title={t.aboutTitle} description={t.aboutIntro}>
      <div class="reading about">
        <h1>{t.aboutTitle}</h1>
        <p>
          <Mixed text={t.aboutIntro} t={t} />
        </p>
        <h2>{t.aboutHolds}</h2>
        <ul>
          <li>
            {t.aboutArticles(f.articles, f.articles - f.placeholders, f.firstDate ?? '—', f.lastDate ?? '—')}
          </li>
          <li>
            <Filled
              text={t.aboutValues}
              t={t}
              parts={{
                categories: <a href={urls.index('category')}>{n(f.categories)}</a>,
                tags: <a href={urls.index('tag')}>{n(f.tags)}</a>,
                authors: <a href={urls.index('author')}>{n(f.authors)}</a>,
              }}
            />
          </li>
          {f.versionStories > 0 ? <li>{t.aboutVersions(f.versionArticles, f.versionStories)}</li> : null}
          {f.undated > 0 ? (
            <li>
              <Filled
                text={t.aboutUndated}
                t={t}
                parts={{
                  undated: <a href={urls.date('undated')}>{n(f.undated)}</a>,
                  placeholders: n(f.placeholders),
                }}
              />
            </li>
          ) : null}
          {f.repaired > 0 ? <li>{t.aboutRepaired(f.repaired)}</li> : null}
        </ul>
        <h2>{t.aboutSources}</h2>
        <p>
          <Filled
            text={t.aboutSourcesText}
            t={t}
            parts={{
              corpus: (
                <a href={data.corpusUrl} rel="noopener noreferrer" lang="en">
                  hkcnews-article-archive
                </a>
              ),
            }}
          />
        </p>
        <h2>{t.aboutCiting}</h2>
        <p>
          <Filled
            text={t.aboutCitingText}
            t={t}
            parts={{
              onThisDay: (
                <a href={ctx.staticSite ? urls.onThisDayCalendar() : urls.onThisDay()}>{t.onThisDay}</a>
              ),
            }}
          />
        </p>
        <h2>{t.aboutData}</h2>
        {ctx.staticSite ? (
          <p>
            <Filled
              text={t.aboutStaticData}
              t={t}
              parts={{ serve: code('backfile serve'), manifest: code('backfile-site.json') }}
            />
          </p>
        ) : (
          <ul>
            <li>
              <Filled
                text={t.aboutDataJson}
                t={t}
                parts={{
                  format: code('?format=json'),
                  api: code('/api'),
                  example: <a href="/api/article/1">{code('/api/article/1')}</a>,
                }}
              />
            </li>
            <li>
              <Filled
                text={t.aboutDataFeed}
                t={t}
                parts={{
                  feed: (
                    <a href={urls.onThisDayFeed(ctx.lang)} type="application/atom+xml">
                      {t.onThisDayFeedTitle}
                    </a>
                  ),
                }}
              />
            </li>
            <li>
              <Filled
                text={t.aboutDataSitemap}
                t={t}
                parts={{ sitemap: <a href="/sitemap.xml">{code('/sitemap.xml')}</a> }}
              />
            </li>
          </ul>
        )}
        <h2>{t.aboutCopy}</h2>
        <p>
          <Filled text={t.aboutCopyText} t={t} parts={{ clone: code(`git clone ${data.corpusUrl}`) }} />
        </p>
        <p class="muted">{t.aboutRights}</p>
      </div>
    </Layout>
  );
}
