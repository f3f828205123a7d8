// The visible text of an article, original and folded, with its folded title and facet values:
// what search reads to check a term the index cannot answer exactly (see ./search.ts), kept per
// search in a map so that each article is read once, and what its snippet is cut from then.

import { decompressText, metaValues } from '../store/prepare.js';
import type { Store } from '../store/types.js';
import { fold } from '../text/fold.js';
import { foldForMatch } from '../text/ignorable.js';
import { visibleMain } from '../text/visible.js';
import { authorOf, type Catalog, categoryOf, tagsOf } from './catalog.js';
import type { Term } from './query.js';
import { containsTerm } from './snippet.js';

export interface DocText {
  /** Visible main text, original characters. */
  text: string;
  folded: string;
  foldedTitle: string;
  foldedMeta: string[];
}

/** Reads an article's body and catalog values (an id the catalog lacks reads as empty). */
function loadDocText(store: Store, catalog: Catalog, id: number): DocText {
  const row = store.statement('SELECT body, main_len FROM bodies WHERE id = ?').raw().get(id) as
    | [Buffer, number]
    | undefined;
  const d = catalog.denseOf.get(id);
  const title = d >= 0 ? catalog.titles[d]! : '';
  const text = row ? visibleMain(decompressText(row[0], store.bodyEncoding).slice(0, row[1]), title) : '';
  const meta = d >= 0 ? metaValues(authorOf(catalog, d), categoryOf(catalog, d), tagsOf(catalog, d)) : [];
  return { text, folded: fold(text), foldedTitle: foldForMatch(title), foldedMeta: meta.map(foldForMatch) };
}

/** Whether an article holds a term: in its title, its text or one of its facet values. */
export function docContains(doc: DocText, term: Term): boolean {
  return (
    containsTerm(doc.foldedTitle, term.folded) ||
    containsTerm(doc.folded, term.folded) ||
    doc.foldedMeta.some((v) => containsTerm(v, term.folded))
  );
}

/** An article's text, read at most once per search (`docs` holds those read so far). */
export function cachedDoc(store: Store, catalog: Catalog, id: number, docs: Map<number, DocText>): DocText {
  let doc = docs.get(id);
  if (!doc) {
    doc = loadDocText(store, catalog, id);
    docs.set(id, doc);
  }
  return doc;
}
