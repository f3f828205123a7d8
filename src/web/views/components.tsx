// Pieces shared by the pages: article lists, metadata lines, chips with counts, sort links,
// pagination, highlighted snippets (Snippet highlights become <mark>, the text stays escaped), the
// month timeline drawn as server-side SVG, and the language marks of archive words (Mixed).

import { isPlaceholderSummary } from '../../corpus/anomalies.js';
import type { SearchHit, Snippet } from '../../search/types.js';
import type { ArticleSummary, FacetCount, ListedArticle } from '../../store/types.js';
import { textLang } from '../../text/language.js';
import type { Child } from '../html/jsx-runtime.js';
import type { Strings } from '../i18n.js';
import { type QueryParams, urls, withQuery } from '../urls.js';

/** A character of Chinese text: Han, CJK punctuation or a full-width form. */
const CJK = '[\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef]';
/** A run of Chinese: from a Chinese character to the last before any Latin letter (digits, spaces inside). */
const CJK_RUN = new RegExp(`${CJK}(?:[^A-Za-z]*${CJK})?`, 'gu');

/**
 * Interface text that holds archive words (a tag in a heading, a query, a citation): on an English
 * page its runs of Chinese are marked lang="zh-Hant-HK", so that a screen reader reads them in a
 * Chinese voice rather than spelling them out or passing over them. A Chinese page shows it as it is.
 */
export function Mixed(props: { text: string; t: Strings }) {
  const { text } = props;
  if (props.t.lang !== 'en') return <>{text}</>;
  const parts: Child[] = [];
  let at = 0;
  for (const m of text.matchAll(CJK_RUN)) {
    if (m.index > at) parts.push(text.slice(at, m.index));
    parts.push(<span lang="zh-Hant-HK">{m[0]}</span>);
    at = m.index + m[0].length;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}

export function DateLink(props: { date: string; t: Strings }) {
  if (!props.date) return <span>{props.t.noDate}</span>;
  return (
    <a href={urls.date(props.date)}>
      <time datetime={props.date}>{props.date}</time>
    </a>
  );
}

export function ArticleMeta(props: { a: ArticleSummary; t: Strings }) {
  const { a, t } = props;
  return (
    <ul class="meta">
      <li>
        <DateLink date={a.date} t={t} />
      </li>
      {a.author ? (
        <li>
          <a href={urls.author(a.author)} lang={textLang(a.author)}>
            {a.author}
          </a>
        </li>
      ) : null}
      {a.category ? (
        <li>
          <a href={urls.category(a.category)} lang={textLang(a.category)}>
            {a.category}
          </a>
        </li>
      ) : null}
    </ul>
  );
}

/** Snippet text with its [start, end) highlights as <mark>; overlapping or bad ranges are tidied. */
export function Highlighted(props: { snippet: Snippet }) {
  const { text, highlights } = props.snippet;
  const ranges = highlights
    .map(([s, e]) => [Math.max(0, Math.min(s, text.length)), Math.max(0, Math.min(e, text.length))] as const)
    .filter(([s, e]) => e > s)
    .sort((x, y) => x[0] - y[0]);
  const parts: Array<string | ReturnType<typeof Mark>> = [];
  let at = 0;
  for (const [s, e] of ranges) {
    if (e <= at) continue;
    const start = Math.max(s, at);
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<Mark text={text.slice(start, e)} />);
    at = e;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}

function Mark(props: { text: string }) {
  return <mark>{props.text}</mark>;
}

/**
 * A list of articles; an entry that stands for a story's versions (a search hit or a listing entry
 * with `versions`) links to them.
 */
export function ArticleList(props: { items: Array<ListedArticle | SearchHit>; t: Strings }) {
  const { t, items } = props;
  return (
    <ol class="article-list">
      {items.map((a) => (
        <li>
          {isPlaceholderSummary(a.title, a.date) ? (
            // named as its page names it: not by the farewell notice's title, as if it were an article
            <a class="title placeholder" href={urls.article(a.id)}>
              {t.placeholderHeading(a.id)}
            </a>
          ) : (
            <a class="title" href={urls.article(a.id)} lang={textLang(a.title)}>
              {'titleHighlights' in a && a.titleHighlights ? (
                <Highlighted snippet={{ text: a.title, highlights: a.titleHighlights }} />
              ) : (
                a.title || t.untitled
              )}
            </a>
          )}
          <ArticleMeta a={a} t={t} />
          {'snippet' in a && a.snippet.text ? (
            <p class="snippet" lang={textLang(a.snippet.text)}>
              <Highlighted snippet={a.snippet} />
            </p>
          ) : null}
          {'matchedIn' in a && a.matchedIn ? (
            // found by its author, category or a tag: which one says why it is here
            <p class="matched-in">
              {t.matchedIn}
              {t.colon}
              {a.matchedIn.map((m, i) => (
                <>
                  {i ? ' · ' : ''}
                  {t.fieldName[m.field]}
                  {t.quotes[0]}
                  <span lang={textLang(m.value)}>
                    <Highlighted snippet={{ text: m.value, highlights: m.highlights }} />
                  </span>
                  {t.quotes[1]}
                </>
              ))}
            </p>
          ) : null}
          {'versions' in a && a.versions ? (
            <p class="versions-note">
              <a href={`${urls.article(a.id)}#versions`}>
                {t.hitVersions(a.versions)}
                {/* read out of context (a list of links), "3 more versions" says of which article */}
                <span class="visually-hidden">
                  {t.colon}
                  <span lang={textLang(a.title)}>{a.title || t.untitled}</span>
                </span>
              </a>
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** A notice about an article (not the article, repaired, other versions), in the interface's language. */
export function ArticleNotice(props: {
  kind: string;
  title: string;
  lang: 'zh' | 'en';
  id?: string;
  children?: Child;
}) {
  return (
    <aside
      class={`notice ${props.kind}`}
      id={props.id}
      aria-labelledby={`${props.kind}-title`}
      lang={props.lang === 'zh' ? 'zh-Hant-HK' : 'en'}
    >
      <h2 id={`${props.kind}-title`}>{props.title}</h2>
      {props.children}
    </aside>
  );
}

/** Values with their counts; `archive`: the values are the archive's words (tags, names), not dates. */
export function Chips(props: {
  items: FacetCount[];
  href: (value: string) => string;
  label: string;
  archive?: boolean;
}) {
  return (
    <ul class="chips" aria-label={props.label}>
      {props.items.map((f) => (
        <li>
          <a href={props.href(f.value)}>
            {props.archive ? <span lang={textLang(f.value)}>{f.value}</span> : f.value}
            <span class="count">{f.count.toLocaleString('en')}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

export function SortLinks(props: {
  base: string;
  params: QueryParams;
  current: string;
  options: Array<[string, string]>;
  t: Strings;
}) {
  return (
    <nav class="sort" aria-label={props.t.sortLabel}>
      <span>
        {props.t.sortLabel}
        {props.t.colon}
      </span>
      {props.options.map(([value, label]) =>
        value === props.current ? (
          <span aria-current="true">{label}</span>
        ) : (
          <a href={withQuery(props.base, { ...props.params, sort: value, page: undefined })}>{label}</a>
        ),
      )}
    </nav>
  );
}

export function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}

/** The deepest page of search results that can be asked for (a deeper one is ranked for nothing). */
export const SEARCH_PAGE_LIMIT = 500;

/** Page links around the current page; with `limit`, none past it (`pages` still says how many). */
export function Pagination(props: {
  base: string;
  params: QueryParams;
  page: number;
  pages: number;
  limit?: number;
  t: Strings;
}) {
  const { page, pages, t } = props;
  if (pages <= 1) return null;
  const last = Math.min(pages, props.limit ?? pages);
  const link = (p: number) => withQuery(props.base, { ...props.params, page: p === 1 ? undefined : p });
  const around = new Set<number>([1, last]);
  for (let p = Math.max(1, page - 2); p <= Math.min(last, page + 2); p++) around.add(p);
  const shown = [...around].sort((a, b) => a - b);
  const items: Array<ReturnType<typeof PageItem>> = [];
  let before = 0;
  for (const p of shown) {
    if (p - before > 1) items.push(<PageItem>…</PageItem>);
    items.push(
      <PageItem>
        {p === page ? (
          <span aria-current="page">{p}</span>
        ) : (
          <a href={link(p)} aria-label={t.page(p, pages)}>
            {p}
          </a>
        )}
      </PageItem>,
    );
    before = p;
  }
  return (
    <nav class="pagination" aria-label={t.pagination}>
      <ul>
        {page > 1 ? (
          <PageItem>
            <a href={link(page - 1)} rel="prev">
              ‹ {t.prevPage}
            </a>
          </PageItem>
        ) : null}
        {items}
        {page < last ? (
          <PageItem>
            <a href={link(page + 1)} rel="next">
              {t.nextPage} ›
            </a>
          </PageItem>
        ) : null}
      </ul>
    </nav>
  );
}

function PageItem(props: { children?: unknown }) {
  return <li>{props.children as string}</li>;
}

/**
 * Year labels go under January bars (and under the first bar when no January is near, with room);
 * one at the last bars is set against the right edge.
 */
function labelled(all: FacetCount[], i: number): boolean {
  if (all[i]!.value.endsWith('-01')) return true;
  if (i !== 0) return false;
  const firstJanuary = all.findIndex((m) => m.value.endsWith('-01'));
  return firstJanuary === -1 || firstJanuary >= 4;
}

/** How wide a year ("2022") is on the chart's axis, in its units (11px text). */
const YEAR_LABEL_WIDTH = 28;

/**
 * Articles per month as a bar chart; each bar links to its month for a pointer and for a screen
 * reader's reading of the page, but is out of the tab order (73 stops on the full archive): the
 * keyboard's one stop is `more`, a link to the same months as a list, which on a phone (where the
 * chart scrolls sideways) is also what lets the keyboard scroll it.
 */
export function Timeline(props: { months: FacetCount[]; more: { href: string; label: string }; t: Strings }) {
  const { months, more, t } = props;
  if (months.length === 0) return null;
  const first = months[0]!.value;
  const last = months[months.length - 1]!.value;
  // Every month between first and last, zero when absent.
  const all: FacetCount[] = [];
  const counts = new Map(months.map((m) => [m.value, m.count]));
  let y = Number(first.slice(0, 4));
  let m = Number(first.slice(5, 7));
  for (let guard = 0; guard < 600; guard++) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    all.push({ value: key, count: counts.get(key) ?? 0 });
    if (key >= last) break;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  const max = Math.max(1, ...all.map((x) => x.count));
  const total = all.reduce((s, x) => s + x.count, 0);
  const barW = 10;
  const gap = 2;
  const chartH = 120;
  const top = 8;
  const width = all.length * (barW + gap);
  const height = top + chartH + 22;
  const titleId = 'timeline-title';
  const descId = 'timeline-desc';
  return (
    <figure class="timeline">
      {/* a group, not an image: an image's contents are hidden from screen readers, and these bars
          are links to their months */}
      {/* biome-ignore lint/a11y/useSemanticElements: an svg cannot be a fieldset; the role is what keeps its links reachable */}
      <svg
        role="group"
        viewBox={`0 0 ${width} ${height}`}
        aria-labelledby={titleId}
        aria-describedby={descId}
        preserveAspectRatio="xMidYMid meet"
      >
        <title id={titleId}>{t.timeline}</title>
        <desc id={descId}>{t.timelineDesc(first, last, total)}</desc>
        <line class="baseline" x1="0" x2={width} y1={top + chartH + 0.5} y2={top + chartH + 0.5} />
        {all.map((x, i) => {
          const h = x.count === 0 ? 0 : Math.max(2, Math.round((x.count / max) * chartH));
          const label = `${t.monthLabel(x.value)}: ${t.articlesCount(x.count)}`;
          return x.count === 0 ? null : (
            <a href={urls.date(x.value)} aria-label={label} tabindex={-1}>
              <title>{label}</title>
              <rect class="bar" x={i * (barW + gap)} y={top + chartH - h} width={barW} height={h} />
            </a>
          );
        })}
        {all.map((x, i) =>
          labelled(all, i) ? (
            // a year that begins at the last bars is set against the right edge, not cut by it
            i * (barW + gap) + YEAR_LABEL_WIDTH > width ? (
              <text class="axis" x={width} y={top + chartH + 16} text-anchor="end">
                {x.value.slice(0, 4)}
              </text>
            ) : (
              <text class="axis" x={i * (barW + gap)} y={top + chartH + 16}>
                {x.value.slice(0, 4)}
              </text>
            )
          ) : null,
        )}
      </svg>
      <figcaption class="timeline-caption">
        <a class="timeline-list" href={more.href}>
          {more.label}
        </a>
        <span class="scroll-hint">{t.timelineScroll}</span>
      </figcaption>
    </figure>
  );
}

/** For archivists: the command that tries to recover an article from the Wayback Machine again. */
export function RecoverHint(props: { id: number; t: Strings }) {
  // a command is for whoever keeps the archive, not for its readers: folded away
  return (
    <details class="recover-hint">
      <summary>{props.t.forArchivists}</summary>
      <p class="muted">
        {props.t.placeholderRecover} <code>backfile recover --site hkcnews --ids {props.id}</code>
      </p>
    </details>
  );
}

/**
 * A search box: a query field and its button (the header's, an error page's); `action` is where it
 * asks (a static copy's: the archive server's search).
 */
export function SearchBox(props: {
  id: string;
  formClass: string;
  value: string;
  t: Strings;
  action?: string;
  /** A static copy's box, which finds articles by title on its /find page (no server to search on). */
  finder?: boolean;
}) {
  const { t, finder } = props;
  return (
    <search>
      <form class={props.formClass} action={props.action ?? (finder ? '/find' : '/search')} method="get">
        <label class="visually-hidden" for={props.id}>
          {finder ? t.findLabel : t.searchLabel}
        </label>
        <input
          id={props.id}
          type="search"
          name="q"
          value={props.value}
          placeholder={finder ? t.findPlaceholder : t.searchPlaceholder}
        />
        <button type="submit">{finder ? t.findButton : t.searchButton}</button>
      </form>
    </search>
  );
}

/**
 * Download links for a set of articles as CSV, RIS and BibTeX (the search's results, a 當年今日),
 * each version its own entry, with what the files hold.
 */
export function ExportLinks(props: {
  label: string;
  href: (extension: 'csv' | 'ris' | 'bib') => string;
  t: Strings;
}) {
  const { t } = props;
  const formats = [
    ['csv', t.exportCsv],
    ['ris', t.exportRis],
    ['bib', t.exportBibtex],
  ] as const;
  return (
    <p class="export">
      {props.label}
      {t.colon}
      {formats.map(([extension, label], i) => (
        <>
          {i ? ' · ' : ''}
          <a href={props.href(extension)} download>
            {label}
          </a>
        </>
      ))}
      <span class="muted"> {t.downloadNote}</span>
    </p>
  );
}
