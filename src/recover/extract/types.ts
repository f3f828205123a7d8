// The site-profile contract: everything recovery needs to know about one outlet. A new outlet is a
// new profile (URL → id, CDX prefixes, page → article fields), not a new tool.

import type { Article } from '../../corpus/types.js';

export interface ExtractInput {
  /** The page as decoded text. */
  html: string;
  /** The article's original URL (as listed by CDX or the WARC record). */
  originalUrl: string;
  /** 14-digit capture timestamp (used to rewrite links and images to capture URLs). */
  timestamp: string;
  id: number;
  /**
   * How links and images are written: 'capture' (the default) as Wayback capture URLs at `timestamp`,
   * as in the corpus; 'original' as the absolute URLs of the page, for a capture that is not on the
   * Wayback Machine (a WARC file of one's own crawl), where those capture URLs would not exist.
   */
  links?: 'capture' | 'original';
}

/**
 * The fields a profile extracts, as in the record format; recover() adds id, url, original_url and
 * writes the record. The body is the Markdown of the title heading, text and figures, then the
 * footer and columnist box if any.
 */
export type ExtractedArticle = Pick<
  Article,
  'title' | 'date' | 'lastUpdated' | 'author' | 'category' | 'tags' | 'body'
>;

export type ExtractOutcome =
  | { ok: true; article: ExtractedArticle }
  /** The capture holds no article (soft-404, error page, redirect stub, empty page). */
  | {
      ok: false;
      reason: string;
      /**
       * What the corpus keeps for such a capture (title if any, empty date and author, empty body),
       * written only when the caller asks for placeholders (`--keep-empty`).
       */
      placeholder?: ExtractedArticle;
    };

export interface SiteProfile {
  name: string;
  /** Hosts of the outlet, without www. */
  hosts: string[];
  /**
   * CDX URL prefixes that list the article pages, e.g. `www.hkcnews.com/article/`. `idPrefix` is a
   * decimal prefix of the ids wanted ("" for all, "32" for 32…, "174/" for exactly 174); a profile
   * whose URLs do not start with the id may ignore it (rows are filtered by id afterwards).
   */
  cdxPrefixes(idPrefix: string): string[];
  /** The article id in an original URL, or undefined when the URL is not an article page. */
  articleId(originalUrl: string): number | undefined;
  /** Turns one captured page into article fields. */
  extract(input: ExtractInput): ExtractOutcome;
  /** Folder of an id inside `articles/`, e.g. "32001-33000". */
  rangeFolder(id: number): string;
}

/** The corpus's 1,000-wide folders: 1-1000, 1001-2000, … */
export function thousandRange(id: number): string {
  const lo = Math.floor((id - 1) / 1000) * 1000 + 1;
  return `${lo}-${lo + 999}`;
}
