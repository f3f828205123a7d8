// `backfile export [--db FILE] [--out FILE] [--no-text] [--merge-versions]`: the whole archive as
// JSON Lines, one article a line with its citation fields and visible text
// (src/publish/text-export.ts), to a file or stdout, with progress on stderr.

import { once } from 'node:events';
import { createWriteStream, statSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { BackfileError, fileError } from '../../lib/errors.js';
import { formatDuration, Progress } from '../../lib/progress.js';
import { EXPORT_BATCH, EXPORT_FORMATS, exportChunks } from '../../publish/export.js';
import { exportedIds, textExportChunks } from '../../publish/text-export.js';
import { openStore } from '../../store/store.js';
import { parseFlags, usageError } from '../args.js';
import type { Command } from '../main.js';
import { DEFAULT_DB } from './import.js';

const usage = `Usage: backfile export [--db FILE] [--out FILE] [--csv | --no-text] [--merge-versions] [--quiet]

Writes every article of the database as JSON Lines (one JSON object a line, in id order), for text
mining and corpus work: {"id", "storyId", "title", "date", "lastUpdated", "author", "category",
"tags", "originalUrl", "waybackUrl", "captureTimestamp", "text"}. "text" is the article's visible
text, as the reader shows it and search matches it: its paragraphs a blank line apart, without
Markdown, image files, link targets or HTML; "storyId" is the smallest id of the versions of its
story. Placeholder pages (captures of the farewell notice or an offline page) are left out.
  backfile export --out hkcnews.jsonl
  backfile export --no-text | head

  --db FILE          the database (default ${DEFAULT_DB})
  --out FILE         write to FILE (default: stdout)
  --no-text          the metadata alone
  --csv              a spreadsheet of the metadata instead (no text): the columns of the search
                     exports (id, date, last_updated, title, author, category, tags, article_url,
                     original_url, wayback_url, capture_timestamp, story_id, captured_at), UTF-8
                     with a BOM
  --merge-versions   each story once, as its latest version (the highest id)
  --quiet            no progress or summary on stderr

Exit status: 0 exported, 2 usage error, 4 the database is missing or not usable, 74 FILE cannot
be written.`;

/** Writes text, waiting while the stream's buffer is full. */
async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

export const command: Command = {
  summary: 'write every article as JSON Lines, with its visible text, for research',
  usage,
  async run(argv) {
    const { values, positionals } = parseFlags(
      argv,
      {
        db: { type: 'string' },
        out: { type: 'string' },
        'no-text': { type: 'boolean' },
        csv: { type: 'boolean' },
        'merge-versions': { type: 'boolean' },
        quiet: { type: 'boolean' },
      },
      'export',
    );
    if (positionals.length > 0) throw usageError('export', `unexpected argument "${positionals[0]}"`);
    const started = Date.now();
    const store = openStore(values.db ?? DEFAULT_DB, { readonly: true });
    try {
      const ids = exportedIds(store, values['merge-versions'] ?? false);
      const placeholders = store.stats().articles - store.articleIds().length;
      const file = values.out;
      const out: Writable = file ? createWriteStream(file) : process.stdout;
      if (file) {
        // a path that cannot be written says so at once, before any work
        try {
          await once(out, 'open');
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          if (code === 'ENOENT')
            throw new BackfileError('io', `cannot write ${file}: its folder does not exist`);
          if (code === 'EISDIR') throw new BackfileError('io', `cannot write ${file}: it is a folder`);
          throw fileError(err, file) ?? err;
        }
      }
      const progress = new Progress({
        unit: 'articles',
        label: 'export',
        total: ids.length,
        silent: values.quiet ?? false,
      });
      if (values.csv) {
        // the head first (the CSV has one), then EXPORT_BATCH articles a piece
        let done = -1;
        for (const piece of exportChunks(EXPORT_FORMATS.csv, ids, (batch) => store.recordsOf(batch))) {
          await write(out, piece);
          if (done < 0) {
            done = 0;
            continue;
          }
          const n = Math.min(EXPORT_BATCH, ids.length - done);
          done += n;
          progress.tick(n);
        }
      } else {
        for (const chunk of textExportChunks(store, ids, { text: !values['no-text'] })) {
          await write(out, chunk.text);
          progress.tick(chunk.articles);
        }
      }
      if (file) {
        out.end();
        await once(out, 'finish');
      }
      const where = file ? ` to ${file} (${(statSync(file).size / 1024 / 1024).toFixed(1)} MB)` : '';
      const versions = values['merge-versions'] ? ' (each story once)' : '';
      progress.finish(
        `exported ${ids.length.toLocaleString('en')} articles${versions}${where} in ${formatDuration(Date.now() - started)}; ${placeholders.toLocaleString('en')} placeholder pages left out`,
      );
      return 0;
    } finally {
      store.close();
    }
  },
};
