// CDX enumeration: pages through `/cdx/search/cdx` (output=json, explicit limit, showResumeKey /
// resumeKey with every other parameter unchanged) and groups the captures by article id, so that
// http/https and www/bare-host forms and duplicate rows become one article with its captures
// newest first.

import { NetworkError } from '../lib/errors.js';
import type { HttpClient } from './http.js';
import { captureKey } from './url.js';

export const CDX_FIELDS = ['urlkey', 'timestamp', 'original', 'statuscode', 'mimetype', 'digest'] as const;

export interface CdxRow {
  urlkey: string;
  timestamp: string;
  original: string;
  statuscode: string;
  mimetype: string;
  digest: string;
}

export interface CdxQuery {
  /** e.g. `www.hkcnews.com/article/` (matched as a prefix). */
  prefix: string;
  from?: string;
  to?: string;
  /** Extra `filter=` values; statuscode:200 is always added unless includeRedirects. */
  filters?: string[];
  /** Also list 301/302 captures (the caller follows them); default false. */
  includeRedirects?: boolean;
  /** Rows per request (default 5,000; the server caps at 150,000). */
  pageSize?: number;
}

/** Builds the query string of one CDX request. */
export function cdxParams(query: CdxQuery, resumeKey?: string): URLSearchParams {
  const p = new URLSearchParams();
  p.set('url', `${query.prefix}*`);
  p.set('matchType', 'prefix');
  p.set('output', 'json');
  p.set('fl', CDX_FIELDS.join(','));
  p.append('filter', query.includeRedirects ? 'statuscode:(200|301|302)' : 'statuscode:200');
  for (const f of query.filters ?? []) p.append('filter', f);
  // collapse is adjacent-only; rows come sorted by urlkey then time, so this drops repeats of the
  // same page with the same content and nothing else
  p.set('collapse', 'digest');
  if (query.from) p.set('from', query.from);
  if (query.to) p.set('to', query.to);
  p.set('limit', String(query.pageSize ?? 5000));
  p.set('showResumeKey', 'true');
  if (resumeKey) p.set('resumeKey', resumeKey);
  return p;
}

/** Parses one JSON answer: rows, and the resume key when one follows the empty row. */
export function parseCdxJson(text: string): { rows: CdxRow[]; resumeKey?: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { rows: [] };
  let data: unknown;
  try {
    data = JSON.parse(trimmed);
  } catch (err) {
    throw new NetworkError(`CDX answer is not JSON: ${trimmed.slice(0, 80)}`, { cause: err });
  }
  if (!Array.isArray(data)) throw new NetworkError('CDX answer is not a JSON array');
  const rows: CdxRow[] = [];
  let header: string[] | undefined;
  let resumeKey: string | undefined;
  for (let i = 0; i < data.length; i++) {
    const row = data[i] as unknown;
    if (!Array.isArray(row)) continue;
    if (row.length === 0) {
      const next = data[i + 1] as unknown;
      if (Array.isArray(next) && typeof next[0] === 'string') resumeKey = next[0];
      break;
    }
    if (!header) {
      header = row.map(String);
      continue;
    }
    const rec: Record<string, string> = {};
    header.forEach((name, j) => {
      rec[name] = String(row[j] ?? '');
    });
    rows.push({
      urlkey: rec.urlkey ?? '',
      timestamp: rec.timestamp ?? '',
      original: rec.original ?? '',
      statuscode: rec.statuscode ?? '',
      mimetype: rec.mimetype ?? '',
      digest: rec.digest ?? '',
    });
  }
  return { rows, resumeKey };
}

/** All rows of one query, page by page. */
export async function* cdxRows(
  client: HttpClient,
  base: string,
  query: CdxQuery,
  onPage?: (rows: number) => void,
): AsyncIterable<CdxRow> {
  let resumeKey: string | undefined;
  const seenKeys = new Set<string>();
  for (;;) {
    const url = `${base.replace(/\/$/, '')}/cdx/search/cdx?${cdxParams(query, resumeKey).toString()}`;
    const res = await client.get(url, 'cdx');
    if (res.status !== 200) {
      throw new NetworkError(`CDX query for ${query.prefix} answered HTTP ${res.status}`);
    }
    const page = parseCdxJson(res.body.toString('utf8'));
    onPage?.(page.rows.length);
    yield* page.rows;
    if (!page.resumeKey) return;
    if (seenKeys.has(page.resumeKey)) throw new NetworkError('CDX paging went round in a circle');
    seenKeys.add(page.resumeKey);
    resumeKey = page.resumeKey;
  }
}

export interface ArticleCaptures {
  id: number;
  /** Distinct captures, newest first. */
  captures: CdxRow[];
}

/** Inclusive id range. */
export interface IdRange {
  from: number;
  to: number;
}

export function parseIdRange(text: string): IdRange {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  if (!m) throw new Error(`not an id range: "${text}" (expected e.g. 174-49122)`);
  const from = Number(m[1]);
  const to = m[2] ? Number(m[2]) : from;
  if (to < from) throw new Error(`empty id range: "${text}"`);
  return { from, to };
}

/**
 * Decimal prefixes whose numbers cover [from, to] (a superset; rows are filtered by id later), or
 * [''] when that would take too many requests.
 */
export function idPrefixes(range: IdRange, max = 12): string[] {
  const out: string[] = [];
  const cover = (lo: number, hi: number): void => {
    // the largest power of ten block aligned at lo that fits in [lo, hi]
    if (lo > hi) return;
    let size = 1;
    while (lo % (size * 10) === 0 && lo + size * 10 - 1 <= hi) size *= 10;
    const digits = String(lo / size);
    out.push(size === 1 ? `${digits}/` : digits);
    cover(lo + size, hi);
  };
  if (range.from === 0) return [''];
  cover(range.from, range.to);
  // merge blocks sharing everything but their last digit when the list is long
  let list = out;
  while (list.length > max) {
    const merged = new Set(list.map((p) => (p.endsWith('/') ? p.slice(0, -1) : p).slice(0, -1)));
    const next = [...merged];
    if (next.includes('')) return [''];
    if (next.length === list.length) break;
    list = next;
  }
  return list;
}

/**
 * Enumerates the captures of every article: runs each query, keeps rows whose id `articleId` finds
 * and which lie in `ids`, and dedupes by (key, timestamp) across http/https and www forms.
 */
export async function enumerateArticles(
  client: HttpClient,
  base: string,
  queries: CdxQuery[],
  articleId: (original: string) => number | undefined,
  ids?: IdRange,
  onPage?: (rows: number) => void,
): Promise<ArticleCaptures[]> {
  const byId = new Map<number, Map<string, CdxRow>>();
  for (const query of queries) {
    for await (const row of cdxRows(client, base, query, onPage)) {
      const id = articleId(row.original);
      if (id === undefined) continue;
      if (ids && (id < ids.from || id > ids.to)) continue;
      if (row.mimetype && !/html/i.test(row.mimetype) && row.mimetype !== 'warc/revisit') continue;
      let caps = byId.get(id);
      if (!caps) {
        caps = new Map();
        byId.set(id, caps);
      }
      const key = `${row.timestamp} ${captureKey(row.original)}`;
      const had = caps.get(key);
      // of two forms of one capture prefer the https one (what the corpus records)
      if (!had || (!had.original.startsWith('https:') && row.original.startsWith('https:')))
        caps.set(key, row);
    }
  }
  return [...byId.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([id, caps]) => ({
      id,
      captures: [...caps.values()].sort((a, b) => b.timestamp.localeCompare(a.timestamp)),
    }));
}
