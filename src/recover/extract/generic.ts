// A generic news-page profile for outlets without a profile of their own: Readability finds the
// article text (its charThreshold lowered: its default of 500 characters misses short Chinese
// briefs, which say much in few characters), page metadata (og:, article:, JSON-LD, <time>) gives
// title, date, author, section and keywords. A new outlet needs only its URL shape.

/// <reference lib="dom" />

import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { htmlToMarkdown } from './markdown.js';
import { isoDate, isoDateTime, readPageMeta, rewriteToCaptures } from './page-meta.js';
import { type ExtractInput, type ExtractOutcome, type SiteProfile, thousandRange } from './types.js';

export interface GenericProfileOptions {
  name: string;
  /** The outlet's host, without www. */
  host: string;
  /** Path prefix of article pages under the host (default "/"). */
  articlePath?: string;
  /** Finds the numeric article id in an original URL (first capture group). */
  idPattern: RegExp;
  /** Readability's charThreshold (default 80 characters). */
  charThreshold?: number;
}

export function extractGeneric(input: ExtractInput, charThreshold = 80): ExtractOutcome {
  const { document } = parseHTML(input.html);
  const meta = readPageMeta(document);
  const time = document.querySelector('time[datetime]')?.getAttribute('datetime') ?? undefined;
  const parsed = new Readability(document as unknown as Document, {
    charThreshold,
    keepClasses: false,
  }).parse();
  // fewer than 20 letters is navigation or an error stub, not an article
  if (!parsed?.content || (parsed.textContent ?? '').replace(/\s+/g, '').length < 20) {
    return {
      ok: false,
      reason: 'no article text found',
      placeholder: { title: meta.title ?? '', date: '', author: '', body: '\n' },
    };
  }
  const { document: content } = parseHTML(`<div id="readability-root">${parsed.content}</div>`);
  const root = content.getElementById('readability-root') as unknown as Element;
  rewriteToCaptures(root, input.originalUrl, input.timestamp, input.links);
  const title = (meta.title ?? parsed.title ?? '').trim();
  const text = htmlToMarkdown(root).trim();
  return {
    ok: true,
    article: {
      title,
      date: isoDate(meta.published ?? time),
      lastUpdated: isoDateTime(meta.modified),
      author: (meta.author ?? parsed.byline ?? '').trim(),
      category: meta.section,
      tags: meta.keywords,
      body: `${title ? `# ${title}\n\n` : ''}${text}\n`,
    },
  };
}

export function createGenericProfile(opts: GenericProfileOptions): SiteProfile {
  const host = opts.host.replace(/^www\./, '');
  const path = opts.articlePath ?? '/';
  return {
    name: opts.name,
    hosts: [host],
    // ids need not follow the path directly, so the whole path is listed and rows filtered by id
    cdxPrefixes: () => [`www.${host}${path}`, `${host}${path}`],
    articleId(originalUrl) {
      const m = /^(?:[a-z]+:)?\/\/([^/?#]+)/i.exec(originalUrl);
      const urlHost = m?.[1]
        ?.toLowerCase()
        .replace(/^www\./, '')
        .replace(/:\d+$/, '');
      if (urlHost !== host) return undefined;
      const id = opts.idPattern.exec(originalUrl)?.[1];
      return id ? Number(id) : undefined;
    },
    extract: (input) => extractGeneric(input, opts.charThreshold),
    rangeFolder: thousandRange,
  };
}
