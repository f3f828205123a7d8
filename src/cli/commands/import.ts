// `backfile import <source> [--db FILE] [--quiet]`: loads a corpus source into the SQLite store with
// its full-text index; incremental and crash-safe (see src/store/import.ts). Ctrl-C stops after the
// records written so far; running the same command again completes the import. A second Ctrl-C
// quits at once (exit 130), removing what an unfinished first import wrote beside the database.

import { PUBLIC_CORPUS_URL } from '../../corpus/source.js';
import { quitBySignal } from '../../lib/quit-by-signal.js';
import { discardPartialImport, importCorpus } from '../../store/import.js';
import { parseFlags, usageError } from '../args.js';
import type { Command } from '../main.js';

export const DEFAULT_DB = './data/backfile.db';

const usage = `Usage: backfile import <source> [--db FILE] [--prune] [--quiet]

Loads every record of <source> into a SQLite database with a full-text index. <source> is a folder,
a .tar/.tar.gz/.tgz/.tar.xz archive, a git repository path, or a git URL, e.g.
  ${PUBLIC_CORPUS_URL}
Re-running imports only what changed and removes records that disappeared from the source, unless
the source lacks most of the database's articles (more than half, and over 100): that is taken for
the wrong folder, and they are kept. A record is matched by its content, not its path: the same
corpus given as another folder or archive is unchanged (the summary says how many records are at a
new path, which is noted). An interrupted import (Ctrl-C, a crash) leaves a consistent
database; run it again to complete it. Ctrl-C stops after the records read so far (exit 1); a
second Ctrl-C quits at once (exit 130): an update keeps what it wrote, and a first import (or a
rebuild) removes its unfinished files (<db>.partial, <db>.partial.chars and their journals),
which a run killed otherwise leaves until the next one removes them.

  --db FILE   the database (default ${DEFAULT_DB}; created when missing)
  --prune     remove the articles the source lacks even when it lacks most of them
  --quiet     no progress bar or summary on stderr

Exit status: 0 imported (some records may be rejected; they are listed), 1 interrupted, 2 usage
error, 3 source not found or unreadable, 4 the database is not usable, 74 the database cannot be
written (a read-only file or folder, a full disk), 130 quit at once by a second Ctrl-C (143 by a
second SIGTERM: the process ends by the signal).`;

/**
 * What Ctrl-C (and SIGTERM) do during an import: the first stops it after the records written so
 * far; the second quits at once, by the signal (status 130 for Ctrl-C), with the files of an
 * unfinished first import removed (a
 * signal is handled between two batches, never inside a transaction, so an update keeps what it
 * committed). The first has asked the reading thread to stop between two records, which takes
 * milliseconds; if it is still writing its side index, it ends with the process.
 */
export function interruptHandler(
  dbPath: string,
  controller: AbortController,
  quit: (signal: NodeJS.Signals) => void = quitBySignal,
): (signal?: NodeJS.Signals) => void {
  return (signal = 'SIGINT') => {
    if (controller.signal.aborted) {
      const removed = discardPartialImport(dbPath);
      process.stderr.write(
        removed
          ? 'quit: the unfinished import was removed; run it again to import\n'
          : 'quit: the database keeps the records written so far; run it again to complete it\n',
      );
      // by the signal itself (status 130 for Ctrl-C): process.exit() could abort inside node:zlib
      quit(signal);
      return;
    }
    process.stderr.write('\nstopping after the records read so far (Ctrl-C again to quit at once)…\n');
    controller.abort();
  };
}

export const command: Command = {
  summary: 'load a corpus into the SQLite database with its full-text index',
  usage,
  async run(argv) {
    const { values, positionals } = parseFlags(
      argv,
      { db: { type: 'string' }, quiet: { type: 'boolean' }, prune: { type: 'boolean' } },
      'import',
    );
    if (positionals.length !== 1)
      throw usageError('import', 'give exactly one source (a folder, archive or git URL)');
    const controller = new AbortController();
    const dbPath = values.db ?? DEFAULT_DB;
    const onSignal = interruptHandler(dbPath, controller);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      const summary = await importCorpus(dbPath, positionals[0]!, {
        quiet: values.quiet ?? false,
        prune: values.prune ?? false,
        signal: controller.signal,
      });
      return summary.interrupted ? 1 : 0;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  },
};
