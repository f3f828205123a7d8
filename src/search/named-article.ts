// What a query names rather than searches for: an hkcnews article address (with or without the
// scheme, or inside a Wayback capture URL), which readers paste from old links, or an article number.
// The reader opens the article an address names and offers the one a number names; `backfile
// search` prints them.

import { hkcnewsArticleId, hkcnewsCaptureList } from '../corpus/hkcnews-url.js';
import type { ArticleSummary, Store } from '../store/types.js';

export interface NamedArticle {
  id: number;
  /** How the query names it: an hkcnews address, or the article's number. */
  by: 'address' | 'number';
  /** The article, or null when the store does not have it (only for an address). */
  article: ArticleSummary | null;
  /** For an article the store does not have: the Wayback Machine's list of captures of its address. */
  captures: string | null;
}

/** The article a query names, or null (a number no article has names nothing: it is only text). */
export function namedArticle(store: Store, query: string): NamedArticle | null {
  const q = query.trim();
  const addressed = hkcnewsArticleId(q);
  if (addressed !== undefined) {
    const article = store.summariesOf([addressed])[0] ?? null;
    return {
      id: addressed,
      by: 'address',
      article,
      captures: article ? null : hkcnewsCaptureList(addressed),
    };
  }
  if (!/^\d{1,9}$/.test(q)) return null;
  const article = store.summariesOf([Number(q)])[0];
  return article ? { id: article.id, by: 'number', article, captures: null } : null;
}
