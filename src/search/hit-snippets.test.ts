import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importArticles } from '../store/import.js';
import { LEAD_LENGTH, leadOf } from '../store/prepare.js';
import { openStore } from '../store/store.js';
import { fixtureArticle } from '../store/test-fixtures.js';
import type { Store } from '../store/types.js';
import { search } from './search.js';
import type { SearchOptions } from './types.js';

/** Text of `n` characters that no query below matches (a fixed run of ordinary characters). */
const FILLER = '天地玄黃宇宙洪荒日月盈昃辰宿列張寒來暑往秋收冬藏閏餘成歲律呂調陽';
const filler = (n: number) => FILLER.repeat(Math.ceil(n / FILLER.length)).slice(0, n);
/** A text with `term` at `at` (UTF-16 units into the visible text), `length` units long. */
const placed = (term: string, at: number, length = 1200) =>
  filler(at) + term + filler(Math.max(0, length - at - term.length));

/** A term of 70 characters. */
const LONG = Array.from({ length: 70 }, (_, i) => String.fromCharCode(0x9f00 + i)).join('');

// Where each article's match lies against its lead (LEAD_LENGTH units of visible text).
const ARTICLES = [
  fixtureArticle(1, { text: placed('鼎鼐', 10), date: '2020-01-01' }),
  // across the lead's end: the lead holds part of the match only
  fixtureArticle(2, { text: placed('鼎鼐', LEAD_LENGTH - 1), date: '2020-01-02' }),
  // the window ends just before the lead does, or just after
  fixtureArticle(3, { text: placed('鼎鼐', LEAD_LENGTH - 140), date: '2020-01-03' }),
  fixtureArticle(4, { text: placed('鼎鼐', LEAD_LENGTH - 120), date: '2020-01-04' }),
  fixtureArticle(5, { text: placed('鼎鼐', 900), date: '2020-01-05' }),
  // a text shorter than a lead: the lead is all of it
  fixtureArticle(6, { text: placed('鼎鼐', LEAD_LENGTH / 3, LEAD_LENGTH / 2), date: '2020-01-06' }),
  // found by its title alone: the window is at the start of the text
  fixtureArticle(7, { title: '鼎鼐之爭', text: filler(1000), date: '2020-01-07' }),
  // a long phrase whose end the window would show, near the lead's end
  fixtureArticle(8, { text: placed('鼓鼕鼖鼗鼘鼙鼚鼛鼜鼝鼞', LEAD_LENGTH - 150), date: '2020-01-08' }),
  // the window of a match this near the lead's end would run past it
  fixtureArticle(10, { text: placed('鼎鼐', LEAD_LENGTH - 70), date: '2020-01-10' }),
  // a long term that the window would show in part, though the first match and its window fit
  fixtureArticle(11, {
    text: `${filler(LEAD_LENGTH - 130)}鼎鼐${filler(73)}${LONG}${filler(600)}`,
    date: '2020-01-11',
  }),
  // a character outside the BMP (a surrogate pair) where the lead ends
  fixtureArticle(9, {
    text: `${filler(LEAD_LENGTH - 1)}𠵾${filler(20)}鼎鼐${filler(600)}`,
    date: '2020-01-09',
  }),
];

/** A store of ARTICLES; without the native extensions, bodies are inflated by node:zlib. */
function storeOf(native = true): Store {
  const s = openStore(':memory:', { native });
  importArticles(s, ARTICLES);
  return s;
}

const QUERIES = ['鼎鼐', '鼓鼕鼖鼗鼘鼙鼚鼛鼜鼝鼞', '鼎鼐 OR 鼓鼕', '鼐', `鼎鼐 OR ${LONG}`];
const OPTIONS: SearchOptions[] = [
  { perPage: 20, fresh: true },
  // no scores: where the first match is in the text is not known
  { perPage: 20, fresh: true, sort: 'newest' },
];

const snippets = (s: Store, q: string, o: SearchOptions) =>
  search(s, q, o).hits.map((h) => [h.id, h.snippet.text, h.snippet.highlights, h.titleHighlights]);

test('a lead is the start of the visible text, and a surrogate pair at its end is kept whole', () => {
  assert.equal(leadOf(filler(1000)).toString('utf16le'), filler(LEAD_LENGTH));
  assert.equal(leadOf('短文').toString('utf16le'), '短文');
  const pair = leadOf(`${filler(LEAD_LENGTH - 1)}𠵾後`).toString('utf16le');
  assert.equal(pair.length, LEAD_LENGTH + 1);
  assert.ok(pair.endsWith('𠵾'));
  const s = storeOf();
  assert.ok(s.hasLeads);
  assert.equal(s.db.prepare('SELECT count(*) FROM leads').pluck().get(), ARTICLES.length);
  s.close();
});

test('snippets cut from leads are those cut from the bodies, wherever the match lies', () => {
  const withLeads = storeOf();
  const withoutLeads = storeOf();
  withoutLeads.db.exec('DELETE FROM leads');
  // and with the bodies inflated by node:zlib, leads or not
  const zlibLeads = storeOf(false);
  const zlibBodies = storeOf(false);
  zlibBodies.db.exec('DELETE FROM leads');
  assert.ok(!zlibLeads.inflateBodies);
  for (const q of QUERIES) {
    for (const o of OPTIONS) {
      const expected = snippets(withoutLeads, q, o);
      assert.ok(expected.length > 0, q);
      const label = `${q} ${o.sort ?? 'relevance'}`;
      assert.deepEqual(snippets(withLeads, q, o), expected, label);
      assert.deepEqual(snippets(zlibLeads, q, o), expected, `${label}, node:zlib`);
      assert.deepEqual(snippets(zlibBodies, q, o), expected, `${label}, node:zlib without leads`);
    }
  }
  zlibLeads.close();
  zlibBodies.close();
  // the phrase is highlighted whole, though the lead ends within reach of the window
  const phrase = search(withLeads, '鼓鼕鼖鼗鼘鼙鼚鼛鼜鼝鼞').hits[0]!.snippet;
  assert.deepEqual(
    phrase.highlights.map(([a, b]) => phrase.text.slice(a, b)),
    ['鼓鼕鼖鼗鼘鼙鼚鼛鼜鼝鼞'],
  );
  withLeads.close();
  withoutLeads.close();
});

test('a snippet near the start of a text comes from its lead, without the body', () => {
  const s = storeOf();
  const before = snippets(s, '鼎鼐', OPTIONS[0]!);
  // the bodies of articles 1 and 6 swapped: whatever is cut from a body now differs
  s.db.exec(`UPDATE bodies SET id = -1 WHERE id = 1; UPDATE bodies SET id = 1 WHERE id = 6;
             UPDATE bodies SET id = 6 WHERE id = -1`);
  const after = snippets(s, '鼎鼐', OPTIONS[0]!);
  const of = (rows: typeof before, id: number) => rows.find((r) => r[0] === id);
  assert.deepEqual(of(after, 1), of(before, 1));
  assert.deepEqual(of(after, 6), of(before, 6));
  // a match past its lead is cut from the body
  s.db.exec(`UPDATE bodies SET id = -1 WHERE id = 5; UPDATE bodies SET id = 5 WHERE id = 7;
             UPDATE bodies SET id = 7 WHERE id = -1`);
  assert.notDeepEqual(of(snippets(s, '鼎鼐', OPTIONS[0]!), 5), of(before, 5));
  s.close();
});

test('a crafted leads table (odd lengths, a lone surrogate, markup, not a blob) gives snippets, never an error', () => {
  const s = storeOf();
  const lead = (text: string) => Buffer.from(text, 'utf16le');
  const set = s.db.prepare('UPDATE leads SET lead = ? WHERE id = ?');
  // an odd byte at the end; half of a surrogate pair; markup; a number and text for a blob
  set.run(Buffer.concat([lead('鼎鼐<b>x</b>'), Buffer.from([0x41])]), 1);
  set.run(lead('\ud83d鼎鼐<script>alert(1)</script>'), 2);
  set.run(42, 3);
  set.run('鼎鼐 as text', 4);
  const hits = search(s, '鼎鼐', { perPage: 20, fresh: true }).hits;
  assert.equal(hits.length, 10);
  for (const h of hits) assert.equal(typeof h.snippet.text, 'string', String(h.id));
  s.close();
});
