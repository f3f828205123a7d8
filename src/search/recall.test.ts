// Recall on the real sample corpus: for a few hundred queries sampled from the text itself (1 to 6
// characters, longer phrases with punctuation and spaces, the same typed in Simplified, Latin words
// from titles and tags), the ids search returns must equal those of a brute-force substring scan
// over the folded title, visible text and facet values of every article.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as OpenCC from 'opencc-js';
import { sampleFolder } from '../../test/support/corpus.js';
import { isPlaceholder, repairMisDecoded, repairMisDecodedRecord } from '../corpus/anomalies.js';
import { splitBody } from '../corpus/body.js';
import { readRecords } from '../corpus/records.js';
import type { Article } from '../corpus/types.js';
import { importArticles } from '../store/import.js';
import { openStore } from '../store/store.js';
import { fold } from '../text/fold.js';
import { visibleMain } from '../text/visible.js';
import { parseQuery } from './query.js';
import { search } from './search.js';
import { makeSnippet, termsRegExp } from './snippet.js';

const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });

interface Doc {
  id: number;
  fields: string[]; // folded, whitespace collapsed
}

const squash = (s: string) => s.replace(/\s+/g, ' ');

function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x80000000;
  };
}

test('search finds exactly the articles a brute-force scan finds (sample corpus)', async () => {
  const articles: Article[] = [];
  for await (const entry of readRecords(sampleFolder())) if (entry.article) articles.push(entry.article);
  assert.ok(articles.length > 1000);
  const store = openStore(':memory:');
  importArticles(store, articles);

  const visible = new Map<number, string>();
  // placeholder pages (the farewell notice, an offline page) are not articles: search leaves them out
  const docs: Doc[] = articles
    .filter((a) => !isPlaceholder(a))
    .map((a) => {
      // the record as the index holds it: one stored mis-decoded as a whole (43693) decoded back,
      // and so are mis-decoded field values
      const repaired = repairMisDecodedRecord(a);
      const title = repaired?.title ?? a.title;
      const text = visibleMain(splitBody(repaired?.body ?? a.body).main, title);
      visible.set(a.id, text);
      const meta = [a.author, a.category ?? '', ...(a.tags ?? [])].map((v) => repairMisDecoded(v) ?? v);
      return { id: a.id, fields: [title, text, ...meta].map((f) => squash(fold(f))) };
    });
  const brute = (query: string): number[] => {
    const q = squash(fold(query)).trim();
    return docs
      .filter((d) => d.fields.some((f) => f.includes(q)))
      .map((d) => d.id)
      .sort((x, y) => x - y);
  };
  const found = (query: string): number[] =>
    search(store, query, { all: true, snippets: false, facets: false })
      .hits.map((h) => h.id)
      .sort((x, y) => x - y);

  const random = rng(20261126);
  const queries = new Set<string>();
  const usable = (s: string) =>
    s.trim() !== '' && !/["\u0000-\u001f\u007f-\u009f\ufffd]/.test(s) && /[\p{L}\p{N}]/u.test(s);
  const sampleText = (minLen: number, maxLen: number): string | undefined => {
    const a = articles[Math.floor(random() * articles.length)]!;
    const chars = Array.from(visible.get(a.id) ?? '');
    if (chars.length < maxLen) return undefined;
    const len = minLen + Math.floor(random() * (maxLen - minLen + 1));
    const at = Math.floor(random() * (chars.length - len));
    const s = chars
      .slice(at, at + len)
      .join('')
      .trim();
    return usable(s) ? s : undefined;
  };
  const asQuery = (s: string) => (/[\s-]|^OR$|:/.test(s) ? `"${s}"` : s);
  // 1 to 6 characters
  while (queries.size < 240) {
    const s = sampleText(1, 6);
    if (s) queries.add(asQuery(s));
  }
  // longer phrases, punctuation and spaces included
  while (queries.size < 300) {
    const s = sampleText(7, 16);
    if (s) queries.add(`"${s}"`);
  }
  // the same typed in Simplified
  for (const q of [...queries].slice(0, 120)) queries.add(toSimplified(q));
  // Latin words from titles and tags
  for (const a of articles.slice(0, 400)) {
    for (const w of `${a.title} ${(a.tags ?? []).join(' ')}`.match(/[A-Za-z]{2,}/g) ?? []) queries.add(w);
  }
  const words = [...queries];
  assert.ok(words.length >= 400, `${words.length} queries`);
  const mismatches: string[] = [];
  let nonEmpty = 0;
  for (const q of words) {
    const expected = brute(q.startsWith('"') ? q.slice(1, -1) : q);
    const got = found(q);
    if (expected.length) nonEmpty++;
    if (JSON.stringify(expected) !== JSON.stringify(got)) {
      mismatches.push(
        `${q}: expected ${expected.length} [${expected.slice(0, 5)}], got ${got.length} [${got.slice(0, 5)}]`,
      );
    }
  }
  console.log(words.length, nonEmpty, words.slice(230, 250), words.slice(300, 310), words.slice(-10));
  assert.deepEqual(mismatches, []);
  assert.ok(nonEmpty > words.length * 0.9, 'sampled queries are found');

  // Snippets read from the head of a body equal those cut from the whole visible text.
  const snippetMismatches: string[] = [];
  let fromHead = 0;
  for (const q of words.slice(0, 300)) {
    const r = search(store, q, { perPage: 50, facets: false });
    const re = termsRegExp(
      parseQuery(q)
        .clauses.flat()
        .map((t) => t.folded),
    );
    for (const hit of r.hits) {
      const text = visible.get(hit.id) ?? '';
      const want = makeSnippet(text, fold(text), re);
      if (JSON.stringify(hit.snippet) !== JSON.stringify(want)) snippetMismatches.push(`${q} in ${hit.id}`);
      re!.lastIndex = 0;
      const m = re!.exec(fold(text));
      if (m && m.index + m[0].length + 110 < 700) fromHead++;
    }
  }
  assert.deepEqual(snippetMismatches.slice(0, 10), []);
  assert.ok(fromHead > 1000, `${fromHead} snippets from the head`);
  store.close();
});
