// Round-trip support for tests and the bench: turns corpus records into fake captures (the article
// page of each record, at its capture timestamp and original URL) and compares recovered records
// with the originals field by field.

import MarkdownIt from 'markdown-it';
import { readRecords } from '../../corpus/records.js';
import type { Article } from '../../corpus/types.js';
import type { FakeCapture } from './fake-wayback.js';
import { renderHkcnewsPage } from './render-hkcnews.js';

/** Reads the records of a corpus source (folder or tarball); unreadable ones are skipped. */
export async function loadRecords(source: string, limit = Number.POSITIVE_INFINITY): Promise<Article[]> {
  const out: Article[] = [];
  for await (const entry of readRecords(source)) {
    if (entry.article) out.push(entry.article);
    if (out.length >= limit) break;
  }
  return out.sort((a, b) => a.id - b.id);
}

const pages = new WeakMap<Article, string>();

/** One capture per record: its article page, as hkcnews.com served it (rendered once per record). */
export function capturesOf(records: Article[]): FakeCapture[] {
  return records
    .filter((r) => r.captureTimestamp)
    .map((r) => {
      let body = pages.get(r);
      if (body === undefined) {
        body = renderHkcnewsPage(r);
        pages.set(r, body);
      }
      return { original: r.originalUrl, timestamp: r.captureTimestamp!, body };
    });
}

const md = new MarkdownIt({ html: true });

/** The text a reader sees: Markdown rendered, tags dropped, entities decoded, whitespace folded. */
export function visibleText(markdown: string): string {
  return md
    .render(markdown)
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Figures of a body: image source and caption, in order. */
export function figuresOf(body: string): string[] {
  const out: string[] = [];
  for (const m of body.matchAll(/<figure>([\s\S]*?)<\/figure>/g)) {
    const inner = m[1] ?? '';
    const src = /<img src="([^"]*)"/.exec(inner)?.[1] ?? '';
    const caption = /<figcaption>([\s\S]*?)<\/figcaption>/.exec(inner)?.[1]?.replace(/&amp;/g, '&') ?? '';
    out.push(`${src} | ${caption}`);
  }
  return out;
}

export const COMPARED_FIELDS = [
  'title',
  'date',
  'lastUpdated',
  'author',
  'category',
  'tags',
  'url',
  'originalUrl',
  'figures',
  'bodyText',
] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

function fieldValue(a: Article, field: ComparedField): string {
  switch (field) {
    case 'figures':
      return JSON.stringify(figuresOf(a.body));
    case 'bodyText':
      return visibleText(a.body);
    default:
      return JSON.stringify(a[field] ?? null);
  }
}

export interface FieldDifference {
  id: number;
  field: ComparedField | 'missing';
  want: string;
  got: string;
}

export interface Comparison {
  records: number;
  /** Records equal in every compared field. */
  fieldExact: number;
  /** Records whose body is byte-identical too. */
  bodyExact: number;
  differences: FieldDifference[];
}

/** Compares recovered records with the originals, field by field (by id). */
export function compareRecords(originals: Article[], recovered: Map<number, Article>): Comparison {
  const result: Comparison = { records: originals.length, fieldExact: 0, bodyExact: 0, differences: [] };
  for (const want of originals) {
    const got = recovered.get(want.id);
    if (!got) {
      result.differences.push({ id: want.id, field: 'missing', want: want.originalUrl, got: '' });
      continue;
    }
    let same = true;
    for (const field of COMPARED_FIELDS) {
      const a = fieldValue(want, field);
      const b = fieldValue(got, field);
      if (a !== b) {
        same = false;
        result.differences.push({ id: want.id, field, want: a, got: b });
      }
    }
    if (same) result.fieldExact++;
    if (want.body === got.body) result.bodyExact++;
  }
  return result;
}

/** A short line for one difference (the first place where the values part). */
export function describeDifference(d: FieldDifference): string {
  let i = 0;
  while (i < d.want.length && d.want[i] === d.got[i]) i++;
  const from = Math.max(0, i - 30);
  return `${d.id} ${d.field}: want …${d.want.slice(from, i + 50)}… got …${d.got.slice(from, i + 50)}…`;
}
