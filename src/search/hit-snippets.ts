// The snippets of a page of hits, cut from the visible text of their bodies: from the stored lead
// (the start of the visible text, uncompressed) when the snippet lies in it, else from the body,
// each read with one statement for the page, and only as much of it as the snippet needs when the
// index says where the first match in the text is (Ranked.textFirst in ./search.ts); inflated by
// SQLite where the body-inflate extension is built, else by node:zlib. Every way gives the same
// snippets.

import { inflateRawSync, constants as zlibConstants } from 'node:zlib';
import { type BodyEncoding, decompressText, LEAD_LENGTH } from '../store/prepare.js';
import type { Store } from '../store/types.js';
import { fold } from '../text/fold.js';
import { visibleMain } from '../text/visible.js';
import type { DocText } from './doc-text.js';
import type { ParsedQuery } from './query.js';
import { makeSnippet, termsRegExp } from './snippet.js';
import type { SearchHit, Snippet } from './types.js';

/** Ranked.textFirst: the index holds no match in the hit's text (only in title or facet values). */
export const NO_MATCH_IN_TEXT = -1;

/** Ranked.textFirst: not known. */
export const UNKNOWN_OFFSET = -2;

/** Compressed bytes of a body read first for a snippet: about 1,500 characters of text. */
const HEAD_BYTES = 1536;

/** Compressed bytes read first when the window is near the start: about 1,000 characters of text. */
const SMALL_HEAD_BYTES = 1024;

/**
 * Where the index says the first match in the text is (Ranked.textFirst, in tokens: letters and
 * digits, so at least as many characters precede it), the head needed: none at all from this
 * offset on (over bench/web's distinct queries a head held the window for 776 of 1,900 first
 * matches at offsets 500-599, 255 of 6,193 from 600 on), a small one before NEAR_START_TOKENS or
 * when the text holds no match (it held the window for 97% of those; 768 bytes, 81%).
 */
const PAST_HEAD_TOKENS = 600;
const NEAR_START_TOKENS = 150;

/** Characters of context a snippet needs after the end of its first match (its width). */
const SNIPPET_WIDTH = 110;

/**
 * Characters a match may run past the end of a snippet's window, beyond the length of the query's
 * longest term: a term's whitespace matches any run of it. A lead or head holds a snippet only
 * when it goes this far past the window, so that no match the window shows is cut by its end.
 */
const WHITESPACE_SLACK = 16;

/** Bodies read with one statement for snippets. */
const BODY_BATCH = 100;

/** An article's stored body: the raw-deflated blob and the UTF-16 length of its main part. */
type BodyRow = [blob: Buffer, mainLength: number];

/**
 * The bodies of some articles, by id, read with one statement: each statement run costs about 5 µs
 * through better-sqlite3, more than reading a body's row (a page of 20 hits: 0.15 ms against 0.05).
 */
function bodiesOf(store: Store, ids: readonly number[]): Map<number, BodyRow> {
  const out = new Map<number, BodyRow>();
  if (ids.length === 0) return out;
  const rows = store
    .statement('SELECT id, body, main_len FROM bodies WHERE id IN (SELECT value FROM json_each(?))')
    .raw()
    .all(JSON.stringify(ids)) as Array<[number, Buffer, number]>;
  for (const [id, blob, mainLength] of rows) out.set(id, [blob, mainLength]);
  return out;
}

/**
 * The snippet of an article for a query: from the head of its body alone when the first match and
 * the window around it lie there (most hits: about twice as fast as the whole text), else from the
 * whole visible text. Both give the same snippet: the head's visible text is a prefix of the
 * whole's, as every markup construct the visible text drops lies within one line, except comments.
 * `textFirst` (Ranked.textFirst) says where the index found the first match in the text: a text
 * without one gets the window at its start from the head, one far in is read whole at once.
 */
function snippetOf(
  row: BodyRow | undefined,
  title: string,
  re: RegExp | null,
  reach: number,
  encoding: BodyEncoding,
  textFirst: number,
): Snippet {
  if (!row) return { text: '', highlights: [] };
  const [blob, mainLength] = row;
  const headBytes = headBytesFor(re, textFirst);
  if (headBytes > 0 && blob.length > headBytes) {
    const bytes = inflateRawSync(blob.subarray(0, headBytes), { finishFlush: zlibConstants.Z_SYNC_FLUSH });
    const snippet = snippetFromHead(bytes, mainLength, title, re, reach, encoding, textFirst);
    if (snippet) return snippet;
  }
  return snippetFromWhole(decompressText(blob, encoding), mainLength, title, re);
}

/** How many compressed bytes of a body a snippet reads first (see PAST_HEAD_TOKENS), 0 for all. */
function headBytesFor(re: RegExp | null, textFirst: number): number {
  if (textFirst >= PAST_HEAD_TOKENS) return 0;
  const none = !re || textFirst === NO_MATCH_IN_TEXT;
  return none || (textFirst >= 0 && textFirst < NEAR_START_TOKENS) ? SMALL_HEAD_BYTES : HEAD_BYTES;
}

/** The snippet from the inflated head of a body, or null when its window may lie past the head. */
function snippetFromHead(
  bytes: Buffer,
  mainLength: number,
  title: string,
  re: RegExp | null,
  reach: number,
  encoding: BodyEncoding,
  textFirst: number,
): Snippet | null {
  const head = bytes.toString(encoding, 0, encoding === 'utf16le' ? bytes.length & ~1 : bytes.length);
  // whole lines only (the last one may be cut, even inside a character), and no open comment
  const cut = Math.min(head.lastIndexOf('\n'), mainLength);
  const part = cut > 0 ? head.slice(0, cut) : '';
  if (!part || part.lastIndexOf('<!--') > part.lastIndexOf('-->')) return null;
  return snippetFromStart(visibleMain(part, title), false, re, reach, textFirst);
}

/**
 * The snippet from the start of a visible text (`whole`: the text itself), or null when its window
 * may lie past it: after a match there, or at the start when the text has none.
 */
function snippetFromStart(
  text: string,
  whole: boolean,
  re: RegExp | null,
  reach: number,
  textFirst: number,
): Snippet | null {
  const folded = fold(text);
  if (whole) return makeSnippet(text, folded, re, SNIPPET_WIDTH);
  let m: RegExpExecArray | null = null;
  if (re) {
    re.lastIndex = 0;
    m = re.exec(folded);
  }
  const none = !re || textFirst === NO_MATCH_IN_TEXT;
  const fits = m ? m.index + m[0].length : none ? 0 : Number.POSITIVE_INFINITY;
  return fits + SNIPPET_WIDTH + reach < text.length ? makeSnippet(text, folded, re, SNIPPET_WIDTH) : null;
}

/**
 * Whether an article's lead may hold its snippet: not when the index puts the first match in the
 * text (a token offset: at least as many characters precede it) too far in for the window to fit.
 */
function leadMayHold(textFirst: number): boolean {
  return textFirst < 0 || textFirst + SNIPPET_WIDTH < LEAD_LENGTH;
}

/**
 * Cuts the snippets that the hits' leads hold (their leads read with one statement); returns the
 * hits left for their bodies, with their textFirst.
 */
function snippetsFromLeads(
  store: Store,
  hits: readonly SearchHit[],
  textFirst: readonly number[],
  re: RegExp | null,
  reach: number,
): [SearchHit[], number[]] {
  const asked = hits.filter((_, i) => leadMayHold(textFirst[i]!)).map((h) => h.id);
  const leads = new Map<number, Buffer>();
  if (asked.length) {
    const rows = store
      .statement('SELECT id, lead FROM leads WHERE id IN (SELECT value FROM json_each(?))')
      .raw()
      .all(JSON.stringify(asked)) as Array<[number, Buffer]>;
    // (a crafted or damaged database may hold anything there: what is no blob is no lead, and the
    // snippet is cut from the body)
    for (const [id, lead] of rows) if (Buffer.isBuffer(lead)) leads.set(id, lead);
  }
  const rest: SearchHit[] = [];
  const restFirst: number[] = [];
  hits.forEach((hit, i) => {
    const lead = leads.get(hit.id);
    if (lead) {
      const text = lead.toString('utf16le');
      // a lead shorter than LEAD_LENGTH is the whole visible text
      const snippet = snippetFromStart(text, text.length < LEAD_LENGTH, re, reach, textFirst[i]!);
      if (snippet) {
        hit.snippet = snippet;
        return;
      }
    }
    rest.push(hit);
    restFirst.push(textFirst[i]!);
  });
  return [rest, restFirst];
}

/** The snippet from a whole inflated body. */
function snippetFromWhole(body: string, mainLength: number, title: string, re: RegExp | null): Snippet {
  const text = visibleMain(body.slice(0, mainLength), title);
  return makeSnippet(text, fold(text), re, SNIPPET_WIDTH);
}

/**
 * The snippets of some hits, their bodies inflated by SQLite (the body-inflate extension): each
 * body's head, or all of it, comes from one statement; the few whose window lies past their head
 * come whole from a second one. The same snippets as snippetOf's, without a Buffer for each blob
 * and a zlib stream made for each inflate.
 */
function inflatedSnippets(
  store: Store,
  hits: readonly SearchHit[],
  textFirst: readonly number[],
  re: RegExp | null,
  reach: number,
): Snippet[] {
  if (hits.length === 0) return [];
  const out: Snippet[] = hits.map(() => ({ text: '', highlights: [] }));
  const at = new Map(hits.map((h, i) => [h.id, i]));
  const plan = hits.map((h, i) => [h.id, headBytesFor(re, textFirst[i]!)]);
  const rows = store
    .statement(
      `SELECT b.id, inflate_raw(b.body, j.value ->> 1), b.main_len, j.value ->> 1 > 0 AND length(b.body) > j.value ->> 1
       FROM json_each(?) AS j JOIN bodies AS b ON b.id = j.value ->> 0`,
    )
    .raw()
    .all(JSON.stringify(plan)) as Array<[number, Buffer, number, number]>;
  const again: number[] = [];
  for (const [id, bytes, mainLength, isHead] of rows) {
    const i = at.get(id)!;
    const hit = hits[i]!;
    if (!isHead) out[i] = snippetFromWhole(bytes.toString(store.bodyEncoding), mainLength, hit.title, re);
    else {
      const snippet = snippetFromHead(
        bytes,
        mainLength,
        hit.title,
        re,
        reach,
        store.bodyEncoding,
        textFirst[i]!,
      );
      if (snippet) out[i] = snippet;
      else again.push(id);
    }
  }
  if (again.length) {
    const whole = store
      .statement(
        'SELECT id, inflate_raw(body), main_len FROM bodies WHERE id IN (SELECT value FROM json_each(?))',
      )
      .raw()
      .all(JSON.stringify(again)) as Array<[number, Buffer, number]>;
    for (const [id, bytes, mainLength] of whole) {
      const i = at.get(id)!;
      out[i] = snippetFromWhole(bytes.toString(store.bodyEncoding), mainLength, hits[i]!.title, re);
    }
  }
  return out;
}

/** Where a global regex of folded terms matches a text (folding keeps offsets: one unit for one). */
function matchesIn(text: string, re: RegExp): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  re.lastIndex = 0; // matchAll starts where the regex's last use left off
  for (const m of fold(text).matchAll(re)) out.push([m.index, m.index + m[0].length]);
  return out;
}

/**
 * Marks where the terms are in each hit's title; a hit whose title and snippet hold none was found
 * by its author, category or tags, and the ones that hold them are named, so that the reader sees
 * why it is there.
 */
function markFields(hits: SearchHit[], re: RegExp | null): void {
  if (!re) return;
  for (const hit of hits) {
    const title = matchesIn(hit.title, re);
    if (title.length) hit.titleHighlights = title;
    if (title.length || hit.snippet.highlights.length) continue;
    const fields: NonNullable<SearchHit['matchedIn']> = [];
    const values: Array<['author' | 'category' | 'tag', string]> = [
      ['author', hit.author],
      ['category', hit.category ?? ''],
      ...hit.tags.map((tag): ['tag', string] => ['tag', tag]),
    ];
    for (const [field, value] of values) {
      const highlights = matchesIn(value, re);
      if (highlights.length) fields.push({ field, value, highlights });
    }
    if (fields.length) hit.matchedIn = fields;
  }
}

/** Sets each hit's snippet: bodies read BODY_BATCH at a time (a JSON request may ask for every hit). */
export function cutSnippets(
  store: Store,
  q: ParsedQuery,
  hits: SearchHit[],
  textFirst: Int32Array | null,
  docs: Map<number, DocText>,
): void {
  const terms = q.clauses.flat().map((t) => t.folded);
  const re = termsRegExp(terms);
  const reach = Math.max(0, ...terms.map((t) => t.length)) + WHITESPACE_SLACK;
  for (let from = 0; from < hits.length; from += BODY_BATCH) {
    let fromBodies: SearchHit[] = [];
    let firsts: number[] = [];
    for (let i = from; i < Math.min(hits.length, from + BODY_BATCH); i++) {
      const hit = hits[i]!;
      const doc = docs.get(hit.id);
      if (doc) hit.snippet = makeSnippet(doc.text, doc.folded, re, SNIPPET_WIDTH);
      else {
        fromBodies.push(hit);
        firsts.push(textFirst?.[i] ?? UNKNOWN_OFFSET);
      }
    }
    if (store.hasLeads) [fromBodies, firsts] = snippetsFromLeads(store, fromBodies, firsts, re, reach);
    if (store.inflateBodies) {
      const snippets = inflatedSnippets(store, fromBodies, firsts, re, reach);
      for (let i = 0; i < fromBodies.length; i++) fromBodies[i]!.snippet = snippets[i]!;
      continue;
    }
    const bodies = bodiesOf(
      store,
      fromBodies.map((h) => h.id),
    );
    for (let i = 0; i < fromBodies.length; i++) {
      const hit = fromBodies[i]!;
      hit.snippet = snippetOf(bodies.get(hit.id), hit.title, re, reach, store.bodyEncoding, firsts[i]!);
    }
  }
  markFields(hits, re);
}
