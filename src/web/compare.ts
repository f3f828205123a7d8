// The comparison of two versions of one story (/article/:id/compare/:other): each version's
// metadata, and what changed in its title and in its visible text (src/text/visible.ts: what a
// reader sees, not the Markdown), from the first version named to the second (src/text/diff.ts).

import { apaCitation, bibtexCitation, isWaybackCapture } from '../publish/citation.js';
import type { StoredArticle } from '../store/types.js';
import { charCount, DEFAULT_DIFF_LIMITS, type DiffLimits, diffTexts, type TextDiff } from '../text/diff.js';
import { visibleMain } from '../text/visible.js';

/** What tells one version from another: the fields a reader compares side by side. */
export interface ComparedVersion
  extends Pick<
    StoredArticle,
    | 'id'
    | 'title'
    | 'date'
    | 'lastUpdated'
    | 'author'
    | 'category'
    | 'tags'
    | 'captureTimestamp'
    | 'originalUrl'
  > {
  /** Its Wayback capture, or null when the record names none (rebuilt from a WARC file, say). */
  wayback: string | null;
  /** Characters of its visible text (as the diff counts them: whitespace not counted). */
  textLength: number;
  /** How to cite this version (its number, address and capture), as its article page does: not compared. */
  citation: { apa: string; bibtex: string };
}

export interface CompareData {
  /** The version compared from (its text is the "before")… */
  from: ComparedVersion;
  /** …and the one compared to (the "after"). */
  to: ComparedVersion;
  /** The metadata fields whose values differ (tags: when the versions have other tags, not in another order). */
  differs: Array<keyof ComparedVersion>;
  /** The same tags, listed in another order: no change a reader would look for, but said. */
  tagsReordered: boolean;
  title: TextDiff;
  text: TextDiff;
}

/**
 * The visible text as it is compared: each paragraph trimmed, one blank line between paragraphs, so
 * that the spacing of the Markdown (trailing spaces, runs of blank lines), which no reader sees, is
 * no change.
 */
export function comparableText(article: Pick<StoredArticle, 'body' | 'title'>): string {
  return visibleMain(article.body, article.title)
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join('\n\n');
}

function versionOf(a: StoredArticle, text: string): ComparedVersion {
  return {
    id: a.id,
    title: a.title,
    date: a.date,
    lastUpdated: a.lastUpdated,
    author: a.author,
    category: a.category,
    tags: a.tags,
    captureTimestamp: a.captureTimestamp,
    wayback: isWaybackCapture(a.url) ? a.url : null,
    originalUrl: a.originalUrl,
    textLength: charCount(text),
    citation: { apa: apaCitation(a), bibtex: bibtexCitation(a) },
  };
}

const COMPARED_FIELDS = [
  'title',
  'date',
  'lastUpdated',
  'author',
  'category',
  'tags',
  'captureTimestamp',
  'wayback',
  'originalUrl',
  'textLength',
] as const satisfies ReadonlyArray<keyof ComparedVersion>;

/** The comparison of two versions, `from` → `to`. */
export function compareVersions(
  from: StoredArticle,
  to: StoredArticle,
  limits: DiffLimits = DEFAULT_DIFF_LIMITS,
): CompareData {
  const fromText = comparableText(from);
  const toText = comparableText(to);
  const a = versionOf(from, fromText);
  const b = versionOf(to, toText);
  const sameTags = (x: string[], y: string[]) =>
    JSON.stringify([...x].sort()) === JSON.stringify([...y].sort());
  const tagsReordered = JSON.stringify(a.tags) !== JSON.stringify(b.tags) && sameTags(a.tags, b.tags);
  // the title and the text share the time limit: a record's title may be as long and as hostile as
  // its text, and one comparison is not to take twice the limit
  const started = Date.now();
  const title = diffTexts(from.title, to.title, limits);
  const timeoutMs = Math.max(1, limits.timeoutMs - (Date.now() - started));
  return {
    from: a,
    to: b,
    differs: COMPARED_FIELDS.filter((f) =>
      f === 'tags' ? !sameTags(a.tags, b.tags) : JSON.stringify(a[f]) !== JSON.stringify(b[f]),
    ),
    tagsReordered,
    title,
    text: diffTexts(fromText, toText, { ...limits, timeoutMs }),
  };
}
