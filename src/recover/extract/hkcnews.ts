// Site profile for Citizen News (眾新聞, hkcnews.com). The article page: og:title for the title, an
// `h1.article-title` heading, `.article-category`, `.article-author`, `time.article-date` and
// `time.article-updated`, the text in `.article-content` (figures with captions), a tag list
// `ul.article-tags`, the subscription footer `.article-subscribe` and, on blog columns, the
// columnist box `.columnist-box` (avatar, name, bio). The Markdown body is laid out as the corpus
// has it: "# title", text, then "\n\n\n---\n\n\n<footer>\n" and/or "\n\n---\n\n<columnist>\n".

/// <reference lib="dom" />

import { parseHTML } from 'linkedom';
import { isPlaceholderTitle } from '../../corpus/anomalies.js';
import { hkcnewsArticleId } from '../../corpus/hkcnews-url.js';
import { htmlToMarkdown } from './markdown.js';
import { isoDate, isoDateTime, readPageMeta, rewriteToCaptures } from './page-meta.js';
import { type ExtractInput, type ExtractOutcome, type SiteProfile, thousandRange } from './types.js';

/** Titles of pages that stand where an article was but hold none, beyond the corpus's own list. */
const NOT_ARTICLE_TITLES = [/眾新聞告別/, /page not found/i, /找不到/, /^404\b/];

function text(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s*\n\s*/g, ' ').trim();
}

export function extractHkcnews(input: ExtractInput): ExtractOutcome {
  const { document } = parseHTML(input.html);
  const meta = readPageMeta(document);
  // og:title verbatim (an empty one stays empty); the page meta reader trims and falls back
  const og = document.querySelector('meta[property="og:title"]');
  const pageTitle = og ? (og.getAttribute('content') ?? '') : (meta.title ?? '');
  const content = document.querySelector('.article-content');
  if (!content) {
    const title = pageTitle;
    const why =
      isPlaceholderTitle(title) || NOT_ARTICLE_TITLES.some((rx) => rx.test(title))
        ? `not an article page ("${title}")`
        : 'no article content';
    return { ok: false, reason: why, placeholder: { title, date: '', author: '', body: '\n' } };
  }
  const heading = document.querySelector('h1.article-title');
  const title = og ? pageTitle : text(heading);
  const dateEl = document.querySelector('time.article-date');
  const date = isoDate(dateEl?.getAttribute('datetime') ?? dateEl?.textContent ?? meta.published);
  const updatedEl = document.querySelector('time.article-updated');
  const updatedText = updatedEl?.getAttribute('datetime') ?? text(updatedEl);
  const lastUpdated = updatedEl ? (isoDateTime(updatedText) ?? updatedText) : undefined;
  const authorEl = document.querySelector('.article-author');
  const author = authorEl ? text(authorEl) : (meta.author ?? '');
  const categoryEl = document.querySelector('.article-category');
  const category = categoryEl ? text(categoryEl) : undefined;
  const tagList = document.querySelector('ul.article-tags');
  const tags = tagList ? Array.from(tagList.querySelectorAll('li')).map((li) => text(li)) : undefined;

  rewriteToCaptures(
    document.documentElement as unknown as Element,
    input.originalUrl,
    input.timestamp,
    input.links,
  );

  let body = heading ? `# ${text(heading)}\n\n` : '';
  body += htmlToMarkdown(content as unknown as Element);
  const subscribe = document.querySelector('.article-subscribe');
  const box = document.querySelector('.columnist-box');
  if (subscribe) body += `\n\n\n---\n\n\n${htmlToMarkdown(subscribe as unknown as Element)}\n`;
  if (box) body += `${subscribe ? '\n' : '\n\n'}---\n\n${columnistMarkdown(box)}\n`;
  if (!subscribe && !box) body += '\n';
  if (!title && !body.trim()) return { ok: false, reason: 'empty page' };
  return { ok: true, article: { title, date, lastUpdated, author, category, tags, body } };
}

function columnistMarkdown(box: Element): string {
  const avatar = box.querySelector('img');
  const name = text(box.querySelector('.columnist-name'));
  const bio = box.querySelector('.columnist-bio');
  const parts: string[] = [];
  if (avatar) parts.push(`![${avatar.getAttribute('alt') ?? ''}](${avatar.getAttribute('src') ?? ''})`);
  parts.push(name ? `**${name}**` : '');
  parts.push(bio ? htmlToMarkdown(bio) : '');
  return parts.join('\n\n');
}

export const hkcnewsProfile: SiteProfile = {
  name: 'hkcnews',
  hosts: ['hkcnews.com'],
  cdxPrefixes: (idPrefix) => [`www.hkcnews.com/article/${idPrefix}`, `hkcnews.com/article/${idPrefix}`],
  articleId: hkcnewsArticleId,
  extract: extractHkcnews,
  rangeFolder: thousandRange,
};
