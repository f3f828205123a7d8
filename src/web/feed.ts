// The 當年今日 feed (Atom, RFC 4287) at /on-this-day.atom: one entry a day for the last FEED_DAYS
// days in Hong Kong, each the day's digest (the articles of that month-day in every year of the
// archive, up to the on-this-day page's number a year, as links), so that a reader subscribed in a
// feed reader gets the day's 當年今日 each morning, and one who looks once a week misses none. An
// entry's id is the day's page and the date it was the day's (an article comes back each year as a
// new entry); a day with no article in any year has no entry. In a year without 29 February, its
// digest (the articles of 2020-02-29) comes with 28 February's, so that no day of the archive is
// missed by a subscriber for three years out of four.

import type { DayArticles } from '../store/types.js';
import { escapeHtml } from './html/jsx-runtime.js';
import type { Strings } from './i18n.js';
import { lastDayOfShortFebruary, shiftHkDate } from './month-day.js';
import { urls } from './urls.js';

/** Days the feed holds, today's first. */
export const FEED_DAYS = 7;

export const ATOM_TYPE = 'application/atom+xml; charset=utf-8';

const ATOM_NS = 'http://www.w3.org/2005/Atom';

/** One day of the feed: the date in Hong Kong it was, and that month-day's articles by year. */
export interface FeedDay {
  /** "YYYY-MM-DD", Hong Kong time. */
  date: string;
  /** The month-day whose articles these are: the date's, or 02-29 on 28 February of a common year. */
  monthDay?: string;
  years: DayArticles[];
}

/**
 * The feed's days: `count` dates back from `today` ("YYYY-MM-DD" in Hong Kong), newest first, each
 * with its month-day's articles from `articlesOn`; 28 February of a year without a 29th is
 * preceded by a day of its date holding the articles of 02-29.
 */
export function feedDays(
  today: string,
  count: number,
  articlesOn: (monthDay: string) => DayArticles[],
): FeedDay[] {
  const days: FeedDay[] = [];
  for (let back = 0; back < count; back++) {
    const date = shiftHkDate(today, -back);
    if (lastDayOfShortFebruary(date)) days.push({ date, monthDay: '02-29', years: articlesOn('02-29') });
    days.push({ date, years: articlesOn(date.slice(5)) });
  }
  return days;
}

export interface FeedOptions {
  /** Scheme, host and port of the addresses, no trailing slash. */
  origin: string;
  t: Strings;
  /** The language of the feed's own words ("zh-Hant-HK", "en"). */
  htmlLang: string;
  /** What a link to the reader needs to keep the feed's language ("" or "?lang=en"). */
  langQuery: string;
}

/**
 * Characters XML 1.0 does not allow at all (C0 controls but tab, newline and return; lone
 * surrogates; U+FFFE and U+FFFF): a record may hold them, and a feed holding one is not XML.
 */
const NOT_XML =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text as XML character data (or an attribute value): escaped as the pages escape HTML (`'` as
 * &#39;, which XML reads too), and with what XML forbids dropped.
 */
export function xmlText(text: string): string {
  return escapeHtml(text.replace(NOT_XML, ''));
}

/** Midnight of a Hong Kong date, as Atom's date-time. */
function hkMidnight(date: string): string {
  return `${date}T00:00:00+08:00`;
}

/** The day's digest as HTML (Atom carries it escaped, `type="html"`). */
function digestHtml(day: FeedDay, o: FeedOptions): string {
  const { t, origin, langQuery } = o;
  const parts: string[] = [];
  for (const year of day.years) {
    parts.push(
      `<h3><a href="${escapeHtml(origin + urls.date(year.date) + langQuery)}">${escapeHtml(t.onThisDayYear(year.date.slice(0, 4), year.count))}</a></h3>`,
    );
    const items = year.items.map((a) => {
      const by = [a.author, a.category].filter(Boolean).join(' · ');
      return `<li><a href="${escapeHtml(origin + urls.article(a.id) + langQuery)}">${escapeHtml(a.title)}</a>${by ? ` <small>${escapeHtml(by)}</small>` : ''}</li>`;
    });
    parts.push(`<ul>${items.join('')}</ul>`);
    if (year.count > year.items.length) {
      parts.push(
        `<p><a href="${escapeHtml(origin + urls.date(year.date) + langQuery)}">${escapeHtml(t.onThisDayAll(year.count))}</a></p>`,
      );
    }
  }
  return parts.join('');
}

/** The feed's XML: `days` newest first, those without articles left out. */
export function onThisDayFeed(days: FeedDay[], o: FeedOptions): string {
  const { t, origin, langQuery } = o;
  const self = `${origin}/on-this-day.atom${langQuery}`;
  const withArticles = days.filter((d) => d.years.length > 0);
  const updated = hkMidnight(days[0]?.date ?? '1970-01-01');
  const entries = withArticles.map((day) => {
    const monthDay = day.monthDay ?? day.date.slice(5);
    const page = origin + urls.onThisDay(monthDay);
    const total = day.years.reduce((sum, y) => sum + y.count, 0);
    return [
      '<entry>',
      `<title>${xmlText(t.onThisDayTitle(monthDay))}</title>`,
      // the day's page and the date it was today: next year's 11-27 is a new entry (and 02-29's
      // page on a 28 February, another one than 02-28's)
      `<id>${xmlText(`${page}#${day.date}`)}</id>`,
      `<link rel="alternate" type="text/html" href="${xmlText(page + langQuery)}"/>`,
      `<updated>${hkMidnight(day.date)}</updated>`,
      `<summary>${xmlText(t.onThisDaySummary(monthDay, total, day.years.length))}</summary>`,
      `<content type="html">${xmlText(digestHtml(day, o))}</content>`,
      '</entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="${ATOM_NS}" xml:lang="${xmlText(o.htmlLang)}">`,
    `<title>${xmlText(`${t.onThisDay} – ${t.siteName}`)}</title>`,
    `<subtitle>${xmlText(t.onThisDayFeedSubtitle)}</subtitle>`,
    `<id>${xmlText(self)}</id>`,
    `<link rel="self" type="application/atom+xml" href="${xmlText(self)}"/>`,
    `<link rel="alternate" type="text/html" href="${xmlText(origin + urls.onThisDay() + langQuery)}"/>`,
    `<updated>${updated}</updated>`,
    `<author><name>${xmlText(t.siteName)}</name></author>`,
    '<generator>backfile</generator>',
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
