// The archive as text for research (text mining, language models, corpus linguistics): JSON Lines,
// one article a line in id order, with what cites it (the fields of the CSV export) and its visible
// text, what a reader sees and search matches (src/text/visible.ts: no Markdown, image files, link
// targets or HTML), its paragraphs a blank line apart. Placeholder pages are left out; with onePerStory,
// each story once, as its latest version (the highest id). Lines are made EXPORT_BATCH articles at
// a time, so memory stays bounded.

import type { ArticleRecord, Store } from '../store/types.js';
import { visibleMain } from '../text/visible.js';
import { EXPORT_BATCH } from './export.js';

export interface TextExportOptions {
  /** The visible text of each article (default true); without it, metadata only. */
  text?: boolean;
  /** Each story once, its latest version (default false: every version). */
  onePerStory?: boolean;
}

/**
 * One line of the export, what `JSON.parse` gives back: an article's citation fields (its Wayback
 * capture named waybackUrl, as the CSV export names it) and its visible text.
 */
export type TextExportLine = Omit<ArticleRecord, 'url'> & { waybackUrl: string; text?: string };

/** The ids an export holds, in order: every article's, or each story's latest version's. */
export function exportedIds(store: Store, onePerStory: boolean): number[] {
  const ids = store.articleIds();
  if (!onePerStory) return Array.from(ids);
  const latest = new Map<number, number>();
  for (let from = 0; from < ids.length; from += EXPORT_BATCH) {
    for (const r of store.recordsOf(Array.from(ids.subarray(from, from + EXPORT_BATCH)))) {
      if ((latest.get(r.storyId) ?? -1) < r.id) latest.set(r.storyId, r.id);
    }
  }
  return [...latest.values()].sort((a, b) => a - b);
}

/** Visible text with its paragraphs a blank line apart (where images were, no runs of empty lines). */
export function paragraphs(text: string): string {
  return text
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function lineOf(r: ArticleRecord, text: string | undefined): string {
  const line: TextExportLine = {
    id: r.id,
    storyId: r.storyId,
    title: r.title,
    date: r.date,
    lastUpdated: r.lastUpdated,
    author: r.author,
    category: r.category,
    tags: r.tags,
    originalUrl: r.originalUrl,
    waybackUrl: r.url,
    captureTimestamp: r.captureTimestamp,
    ...(text === undefined ? {} : { text }),
  };
  return `${JSON.stringify(line)}\n`;
}

/** The export of `ids` in pieces of EXPORT_BATCH lines, read as they are asked for. */
export function* textExportChunks(
  store: Store,
  ids: readonly number[],
  opts: TextExportOptions = {},
): Generator<{ text: string; articles: number }> {
  const withText = opts.text !== false;
  for (let from = 0; from < ids.length; from += EXPORT_BATCH) {
    const batch = ids.slice(from, from + EXPORT_BATCH);
    let out = '';
    for (const r of store.recordsOf(batch)) {
      let text: string | undefined;
      if (withText) {
        const a = store.getArticle(r.id);
        text = a ? paragraphs(visibleMain(a.body, a.title)) : '';
      }
      out += lineOf(r, text);
    }
    yield { text: out, articles: batch.length };
  }
}
