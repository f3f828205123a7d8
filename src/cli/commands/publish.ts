// `backfile publish --out DIR [--db FILE] [--lang zh|en|both] [--search-url URL] [--public-url URL]`:
// the reader as a static copy in a folder, for any web host, a CDN or reading from a disk
// (src/publish/static-site.ts), with progress and a summary on stderr.

import { formatDuration, Progress } from '../../lib/progress.js';
import { quitBySignal } from '../../lib/quit-by-signal.js';
import { SITE_MANIFEST, writeStaticSite } from '../../publish/static-site.js';
import { openStore } from '../../store/store.js';
import { publicBase, publicOrigin } from '../../web/urls.js';
import { parseFlags, usageError } from '../args.js';
import type { Command } from '../main.js';
import { DEFAULT_DB } from './import.js';

const usage = `Usage: backfile publish --out DIR [--db FILE] [--lang zh|en|both] [--search-url URL] [--public-url URL] [--quiet]

Writes the reader as a static copy: a folder of HTML files that any web host or CDN serves as they
are (GitHub Pages, S3, nginx, a USB stick), and that a browser also reads straight from the disk.
It holds the home page, every article, every category, tag, author and date listing with all its
pages, the 當年今日 page of each day of the year with its downloads (CSV, RIS, BibTeX), the indexes
and the about page: article/32181.html, tag/國安法.html, tag/國安法/page-2.html, … Links between
them are relative, so the folder works at any address. A static host cannot search, sort or switch
language: the copy lists newest first, one entry a story, in one language, and has search boxes
only when --search-url names an archive server to search on.
  backfile publish --out site
  backfile publish --out site-en --lang en --search-url https://archive.example.org

  --out DIR          the folder to write (made if missing; an earlier copy in it is replaced; a
                     folder holding anything else is refused)
  --db FILE          the database (default ${DEFAULT_DB})
  --lang zh|en|both  the interface's language (default zh: Traditional Chinese); both: Chinese at
                     the root and English in en/, each page's language switch leading to the other
  --search-url URL   the http(s) address of a backfile server: search boxes ask its /search
  --public-url URL   the http(s) address the copy will be served at (a site's root or a folder,
                     https://user.github.io/hkcnews/): articles name their address there for
                     sharing (canonical, og:url), and sitemap.xml and robots.txt are written so
                     that search engines find every article
  --quiet            no progress or summary on stderr

Exit status: 0 written, 1 some pages could not be made (listed), 2 usage error, 4 the database is
missing or not usable, 74 DIR cannot be written, 130 stopped by Ctrl-C (the unfinished copy is
replaced by the next run).`;

/**
 * Ctrl-C (or SIGTERM) during publish: says how far it got and that the next run into the folder
 * replaces the unfinished copy (its manifest says it is one), then quits by the signal.
 */
export function stopHandler(
  progress: Progress,
  out: string,
  quit: (signal: NodeJS.Signals) => void = quitBySignal,
): (signal: NodeJS.Signals) => void {
  return (signal) => {
    progress.finish(
      `publish: stopped after ${progress.count.toLocaleString('en')} pages; ${out} holds an unfinished copy, which running publish again replaces`,
    );
    quit(signal);
  };
}

export const command: Command = {
  summary: 'write the reader as a static site, for any web host or to read from a disk',
  usage,
  async run(argv) {
    const { values, positionals } = parseFlags(
      argv,
      {
        out: { type: 'string' },
        db: { type: 'string' },
        lang: { type: 'string' },
        'search-url': { type: 'string' },
        'public-url': { type: 'string' },
        quiet: { type: 'boolean' },
      },
      'publish',
    );
    if (positionals.length > 0) throw usageError('publish', `unexpected argument "${positionals[0]}"`);
    if (!values.out) throw usageError('publish', 'give the folder to write: --out DIR');
    const lang = values.lang ?? 'zh';
    if (lang !== 'zh' && lang !== 'en' && lang !== 'both')
      throw usageError('publish', `--lang must be zh, en or both, not "${lang}"`);
    const searchUrl =
      values['search-url'] === undefined ? undefined : publicOrigin(values['search-url'], '--search-url');
    const publicUrl = values['public-url'] === undefined ? undefined : publicBase(values['public-url']);
    const store = openStore(values.db ?? DEFAULT_DB, { readonly: true });
    const progress = new Progress({ unit: 'pages', label: 'publish', silent: values.quiet ?? false });
    const onSignal = stopHandler(progress, values.out);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      const summary = await writeStaticSite(store, values.out, {
        lang,
        searchUrl,
        publicUrl,
        onProgress: (done, known) => {
          progress.setTotal(known);
          progress.tick(done - progress.count);
        },
      });
      const unlinked = Object.entries(summary.unlinked)
        .sort((a, b) => b[1] - a[1])
        .map(([kind, n]) => `${n.toLocaleString('en')} to /${kind}`)
        .join(', ');
      progress.finish(
        `published ${summary.pages.toLocaleString('en')} pages (${summary.articles.toLocaleString('en')} articles${summary.languages.length > 1 ? `, in ${summary.languages.join(' and ')}` : ''}) and ${(summary.files - summary.pages).toLocaleString('en')} other files to ${values.out} (${(summary.bytes / 1024 / 1024).toFixed(1)} MB) in ${formatDuration(summary.ms)}; ` +
          `${unlinked ? `links left as text (the copy cannot hold what they lead to): ${unlinked}` : 'every link leads to a file of the copy'}; open ${values.out}/index.html or serve the folder; ${SITE_MANIFEST} says what it holds`,
      );
      for (const f of summary.failed.slice(0, 20))
        process.stderr.write(`could not make ${f.url}: status ${f.status}\n`);
      if (summary.failed.length > 20) process.stderr.write(`… and ${summary.failed.length - 20} more\n`);
      return summary.failed.length ? 1 : 0;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      store.close();
    }
  },
};
