// `backfile search <query> [--db FILE] [--json | --csv | --ris | --bibtex] [--limit N | --all] …`:
// runs a query against the store and prints the hits (a readable listing, one JSON object, or an
// export made by src/publish/export.ts: CSV rows, RIS records or BibTeX entries).

import { isPlaceholderSummary } from '../../corpus/anomalies.js';
import { UsageError } from '../../lib/errors.js';
import { EXPORT_FORMATS, type ExportFormat, exportChunks, exportText } from '../../publish/export.js';
import { type NamedArticle, namedArticle } from '../../search/named-article.js';
import { search } from '../../search/search.js';
import type { SearchResult, SearchSort } from '../../search/types.js';
import { widerQueries } from '../../search/wider-queries.js';
import { openStore } from '../../store/store.js';
import { intFlag, parseFlags, usageError } from '../args.js';
import type { Command } from '../main.js';
import { DEFAULT_DB } from './import.js';

const usage = `Usage: backfile search <query> [--db FILE] [--json | --csv | --ris | --bibtex]
                       [--limit N | --all] [--sort relevance|newest|oldest] [--page N]
                       [--merge-versions]

Finds every article whose title, visible text, author, category or tags contain the query
(Traditional and Simplified, full- and half-width, and Latin case fold alike).
Query language: terms (all must match), "a phrase", a OR b, -excluded, author:NAME, tag:TAG,
category:NAME, date:2019-06..2019-12 (or date:2019, from:2019-06, to:2020-01-31), id:32181 (the
article of that number); -tag:TAG (-author:, -category:, -id:) leaves that value's articles out. Another word: prefix (title:國安) is searched as text, with a warning.
author:NAME is a byline or a person a reporters' byline names (author:林勵 finds 記者林勵,
記者林勵、鄭啟智 and 實習記者林勵; two author: filters, articles naming both); the authors counted
below the hits are people.
An excluded term is an argument of its own (backfile search 警察 -催淚彈); one that starts with a
Latin letter goes after -- (backfile search -- 警察 -lam), which ends the options.
An hkcnews address (https://www.hkcnews.com/article/32181/…, or its Wayback capture URL) prints the
article it names, and is not searched as text: with --json, the result of id:32181 (that article as
its one hit; total 0 when the database lacks it or holds a placeholder page) and "direct" (the
article, or where its captures are). An article number is searched as text, with the article it
names first.

  --db FILE      the database (default ${DEFAULT_DB})
  --json         print {"query", "understood", "total", "hits": [{id, title, date, author,
                 category, tags, snippet, highlights}], "facets", "warnings", …} on stdout (and
                 "direct" when the query names an article; "relaxed": [{q, total}] when nothing
                 was found, the wider queries that find something, as the human output's "try:";
                 "unfound": the words typed that no article holds, as its "in no article:")
  --csv          print the hits as CSV with a header line (id, date, last_updated, title, author,
                 category, tags, article_url, original_url, wayback_url, capture_timestamp,
                 story_id: the first id of the article's versions, captured_at: the capture
                 time as YYYY-MM-DD hh:mm:ss UTC), UTF-8 with a BOM for spreadsheets; with
                 --all, every article found:
                 backfile search 國安法 --all --csv > results.csv
  --ris          print the hits as RIS records, which Zotero, EndNote and Mendeley import
  --bibtex       print the hits as BibTeX entries (@misc{hkcnews<id>, …})
  --limit N      hits per page (default 20); any number, for the exports and --json too:
                 --limit 5000 --csv writes the first 5,000 articles found (--all: every one)
  --page N       page number (default 1)
  --all          every hit
  --sort S       relevance (default), newest or oldest
  --merge-versions
                 one hit per story: versions of an article (the same date, and the same title or
                 a reworded one over the same byline and text, as the site republished updated
                 articles under new numbers) count once; the total says both

Exit status: 0 searched (also when nothing matched), 2 usage error, 4 the database is missing or
not usable.`;

const SORTS = new Set(['relevance', 'newest', 'oldest']);

function toJson(r: SearchResult): unknown {
  return {
    query: r.query,
    understood: r.understood,
    total: r.total,
    ...(r.stories !== undefined ? { stories: r.stories } : {}),
    ...(r.placeholders ? { placeholders: r.placeholders } : {}),
    page: r.page,
    perPage: r.perPage,
    sort: r.sort,
    hits: r.hits.map((h) => ({
      id: h.id,
      title: h.title,
      date: h.date,
      author: h.author,
      category: h.category,
      tags: h.tags,
      snippet: h.snippet.text,
      highlights: h.snippet.highlights,
      ...(h.score !== undefined ? { score: h.score } : {}),
      ...(h.versions !== undefined ? { versions: h.versions } : {}),
    })),
    facets: r.facets,
    warnings: r.warnings,
    tookMs: Math.round(r.tookMs * 10) / 10,
  };
}

/** The article a query names (an hkcnews address, an article number), as one line. */
function namedLine(n: NamedArticle): string {
  if (!n.article) {
    return (
      `hkcnews article ${n.id} is not in this database; its captures: ${n.captures} ` +
      `(backfile recover --site hkcnews --ids ${n.id})`
    );
  }
  const a = n.article;
  const line = `${n.by === 'address' ? 'the article at this address' : `article #${n.id}`}: ${a.date || '(no date)'}  #${a.id}  ${a.title || '(untitled)'}`;
  return isPlaceholderSummary(a.title, a.date) ? `${line}\n${PLACEHOLDER_NOTE}` : line;
}

const PLACEHOLDER_NOTE =
  'a placeholder page: the record holds the farewell notice or an offline page, not the article (nothing to cite)';

/** A named article that can be exported and cited: one the store has that is no placeholder page. */
function citable(n: NamedArticle): boolean {
  return n.article !== null && !isPlaceholderSummary(n.article.title, n.article.date);
}

function bold(text: string, highlights: Array<[number, number]>, tty: boolean): string {
  if (!tty) return text;
  let out = '';
  let at = 0;
  for (const [s, e] of highlights) {
    out += `${text.slice(at, s)}\x1b[1;33m${text.slice(s, e)}\x1b[0m`;
    at = e;
  }
  return out + text.slice(at);
}

function listing(r: SearchResult, tty: boolean): string {
  const lines: string[] = [];
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  const first = r.hits.length ? (r.page - 1) * r.perPage + 1 : 0;
  lines.push(
    `${r.total.toLocaleString('en')} article${r.total === 1 ? '' : 's'}` +
      (r.stories !== undefined ? ` (${r.stories.toLocaleString('en')} with versions merged)` : '') +
      ` for ${r.understood || '(nothing)'}` +
      (r.hits.length && r.total > r.hits.length ? ` — showing ${first}–${first + r.hits.length - 1}` : '') +
      ` (${r.tookMs.toFixed(1)} ms)`,
  );
  if (r.placeholders) {
    lines.push(
      `(${r.placeholders.toLocaleString('en')} placeholder page${r.placeholders === 1 ? ' also matches' : 's also match'}: records holding the farewell notice or an offline page, not articles; left out)`,
    );
  }
  for (const h of r.hits) {
    lines.push('');
    lines.push(
      `${h.date || '(no date)'}  #${h.id}  ${h.title || '(untitled)'}` +
        (h.versions ? `  (+${h.versions - 1} version${h.versions === 2 ? '' : 's'})` : ''),
    );
    lines.push(`    ${[h.author, h.category].filter(Boolean).join(' · ')}`);
    if (h.snippet.text) lines.push(`    ${bold(h.snippet.text, h.snippet.highlights, tty)}`);
  }
  if (r.total > 0) {
    const f = r.facets;
    const top = (xs: Array<{ value: string; count: number }>, n: number) =>
      xs
        .slice(0, n)
        .map((x) => `${x.value} ${x.count.toLocaleString('en')}`)
        .join(', ');
    lines.push('');
    if (f.category.length) lines.push(`categories: ${top(f.category, 10)}`);
    if (f.year.length) lines.push(`years: ${top(f.year, 10)}`);
    if (f.author.length) lines.push(`authors: ${top(f.author, 8)}`);
    if (f.tag.length) lines.push(`tags: ${top(f.tag, 8)}`);
  }
  return lines.join('\n');
}

export const command: Command = {
  summary: 'search the imported articles (exact, Traditional/Simplified-folded)',
  usage,
  async run(argv) {
    const { values, positionals } = parseFlags(
      argv,
      {
        db: { type: 'string' },
        json: { type: 'boolean' },
        csv: { type: 'boolean' },
        ris: { type: 'boolean' },
        bibtex: { type: 'boolean' },
        limit: { type: 'string' },
        page: { type: 'string' },
        all: { type: 'boolean' },
        sort: { type: 'string' },
        'merge-versions': { type: 'boolean' },
      },
      'search',
    );
    if (positionals.join('').trim() === '') throw usageError('search', 'give a query');
    const outputs = (['json', 'csv', 'ris', 'bibtex'] as const).filter((o) => values[o]);
    if (outputs.length > 1) throw new UsageError(`use one of --${outputs.join(', --')}, not several`);
    const exportFormat: ExportFormat | null = values.csv
      ? EXPORT_FORMATS.csv
      : values.ris
        ? EXPORT_FORMATS.ris
        : values.bibtex
          ? EXPORT_FORMATS.bib
          : null;
    if (values.all && values.limit !== undefined)
      throw new UsageError('use either --limit or --all, not both');
    const sort = values.sort ?? 'relevance';
    if (!SORTS.has(sort)) throw new UsageError(`--sort takes relevance, newest or oldest, not "${sort}"`);
    const perPage = intFlag(values.limit, 'limit', 20, 1);
    const page = intFlag(values.page, 'page', 1, 1);
    if (values.all && values.page !== undefined) throw new UsageError('use either --page or --all, not both');
    const store = openStore(values.db ?? DEFAULT_DB, { readonly: true });
    try {
      const query = positionals.join(' ');
      // an hkcnews address names one article: it is printed, not searched for as text (--json
      // gives the result of id:<its number>, in the shape of every search, with "direct")
      const named = namedArticle(store, query);
      const byAddress = named?.by === 'address';
      if (byAddress && !values.json) {
        process.stdout.write(
          exportFormat
            ? exportText(exportFormat, citable(named) ? store.recordsOf([named.id]) : [])
            : `${namedLine(named)}\n`,
        );
        if (exportFormat && named.article && !citable(named))
          process.stderr.write(`#${named.id} is ${PLACEHOLDER_NOTE}\n`);
        return 0;
      }
      const result = search(store, byAddress ? `id:${named.id}` : query, {
        perPage,
        page,
        all: values.all ?? false,
        sort: sort as SearchSort,
        collapse: values['merge-versions'] ?? false,
        idsOnly: exportFormat !== null,
        facets: exportFormat === null,
      });
      if (byAddress) result.query = query;
      const listed = result.stories ?? result.total;
      const pages = Math.max(1, Math.ceil(listed / perPage));
      if (!values.all && page > pages) {
        throw new UsageError(
          `there is no page ${page}: ${listed.toLocaleString('en')} ${result.stories !== undefined ? 'stories' : 'articles'} make ${pages.toLocaleString('en')} page${pages === 1 ? '' : 's'} of ${perPage}`,
        );
      }
      if (exportFormat) {
        for (const text of exportChunks(exportFormat, result.ids ?? [], (ids) => store.recordsOf(ids))) {
          if (!process.stdout.write(text)) await new Promise((r) => process.stdout.once('drain', r));
        }
        // a file of one page looks like the whole list in a spreadsheet: say that it is not
        const written = result.ids?.length ?? 0;
        if (!values.all && written < listed) {
          const what = result.stories !== undefined ? 'stories' : 'articles';
          process.stderr.write(
            `backfile search: wrote ${written.toLocaleString('en')} of the ${listed.toLocaleString('en')} ${what} found (page ${page} of ${pages.toLocaleString('en')}); --all writes every one\n`,
          );
        }
        return 0;
      }
      // nothing found: the wider queries the reader's page offers, with their counts
      const { relaxed, unfound } =
        result.total === 0 && !byAddress
          ? await widerQueries(
              query,
              [],
              (q) => search(store, q, { perPage: 1, facets: false, snippets: false }).total,
            )
          : { relaxed: [], unfound: [] };
      const wider =
        (unfound.length ? `\nin no article: ${unfound.join(', ')}` : '') +
        (relaxed.length
          ? `\ntry: ${relaxed.map((r) => `${r.q} (${r.total.toLocaleString('en')})`).join(', ')}`
          : '');
      process.stdout.write(
        values.json
          ? `${JSON.stringify({
              ...(named ? { direct: named } : {}),
              ...(toJson(result) as object),
              ...(relaxed.length ? { relaxed } : {}),
              ...(unfound.length ? { unfound } : {}),
            })}\n`
          : `${named ? `${namedLine(named)}\n\n` : ''}${listing(result, Boolean(process.stdout.isTTY))}${wider}\n`,
      );
      return 0;
    } finally {
      store.close();
    }
  },
};
