// `backfile recover`: rebuilds an outlet's archive as record files from the Wayback Machine or from
// local WARC/WACZ files. Flags in, one recover() call, a summary out.

import { UsageError } from '../../lib/errors.js';
import { recover } from '../../recover/recover.js';
import { intFlag, parseFlags, usageError } from '../args.js';
import type { Command } from '../main.js';

const usage = `Usage: backfile recover --site hkcnews --out DIR [--from wayback | --from warc FILE…]
                        [--ids 174-49122] [--since DATE] [--until DATE] [--rate N] [--cdx-rate N]

Recovers articles as Markdown records (articles/<range>/article_<id>.md) from Wayback Machine
captures, politely and resumably (state in DIR/.backfile-recover.sqlite: run it again to go on),
and writes DIR/manifest.tsv (id, status, capture, sha256, reason, original, captured, path).
A record from a WARC record that is not a Wayback replay names it (url: the original URL,
captured: its WARC-Date, capture_source: warc:<file name>#<WARC-Record-ID>).

  --site NAME         site profile: hkcnews, or generic:<host> for other outlets
  --out DIR           output folder
  --from SOURCE       wayback (default) or warc (then give .warc, .warc.gz or .wacz files)
  --ids A-B           only these article ids (inclusive)
  --since DATE        only captures from DATE on (YYYY-MM-DD)
  --until DATE        only captures up to DATE
  --rate N            page fetches per second (default 8; 0: no limit, for a local mirror only)
  --cdx-rate N        CDX requests per minute (default 24; 0: no limit)
  --concurrency N     articles fetched at once (default 6)
  --keep-empty        also write the corpus's empty record for captures without an article
  --retry-unavailable try again the articles an earlier run found unavailable or empty
  --overwrite         replace records already in DIR that recover did not write, where they are
                      (by default they are kept and not fetched: recovering into a backup fills its
                      gaps only); they are found by name, article_<id>.md, in any folder of DIR
  --wayback-base URL  where the Wayback Machine is (default BACKFILE_WAYBACK_BASE or https://web.archive.org)
  --quiet             no progress output

Exit status: 0 done (unavailable articles are listed in the manifest), 1 interrupted, 2 usage error,
3 a WARC file not found, unreadable, not a WARC/WACZ file or cut short (every file is checked before
anything is written), 5 the Wayback Machine could not be reached, 74 DIR cannot be written. A run
stopped after it wrote records still writes the manifest, and its error says so.`;

export const command: Command = {
  summary: 'recover articles from the Wayback Machine or WARC/WACZ files',
  usage,
  async run(argv) {
    const { values, positionals } = parseFlags(
      argv,
      {
        site: { type: 'string' },
        out: { type: 'string' },
        from: { type: 'string' },
        ids: { type: 'string' },
        since: { type: 'string' },
        until: { type: 'string' },
        rate: { type: 'string' },
        'cdx-rate': { type: 'string' },
        concurrency: { type: 'string' },
        'keep-empty': { type: 'boolean' },
        'retry-unavailable': { type: 'boolean' },
        overwrite: { type: 'boolean' },
        'wayback-base': { type: 'string' },
        quiet: { type: 'boolean' },
      },
      'recover',
    );
    if (!values.site) throw usageError('recover', '--site is required');
    if (!values.out) throw usageError('recover', '--out is required');
    const from = values.from ?? (positionals.length ? 'warc' : 'wayback');
    if (from !== 'wayback' && from !== 'warc')
      throw new UsageError(`--from takes wayback or warc, not "${from}"`);
    if (from === 'wayback' && positionals.length) {
      throw new UsageError(`unexpected arguments: ${positionals.join(' ')} (files go with --from warc)`);
    }
    const summary = await recover({
      site: values.site,
      out: values.out,
      from,
      warcFiles: positionals,
      ids: values.ids,
      since: values.since,
      until: values.until,
      waybackBase: values['wayback-base'],
      concurrency: intFlag(values.concurrency, 'concurrency', 6, 1),
      keepEmpty: values['keep-empty'] ?? false,
      retryUnavailable: values['retry-unavailable'] ?? false,
      overwrite: values.overwrite ?? false,
      quiet: values.quiet ?? false,
      http: {
        pageRate: intFlag(values.rate, 'rate', 8),
        cdxRate: intFlag(values['cdx-rate'], 'cdx-rate', 24),
      },
    });
    if (!values.quiet) {
      for (const u of summary.unavailable.slice(0, 20)) {
        process.stderr.write(`  unavailable ${u.id}: ${u.reason ?? ''}\n`);
      }
      if (summary.unavailable.length > 20)
        process.stderr.write(`  … ${summary.unavailable.length - 20} more in the manifest\n`);
      for (const f of summary.failed.slice(0, 20))
        process.stderr.write(`  failed ${f.id}: ${f.reason ?? ''}\n`);
    }
    return summary.failed.length ? 1 : 0;
  },
};
