// `backfile serve`: serves the reader. When the database does not exist yet it imports the corpus
// first: from --corpus, else BACKFILE_CORPUS, else the public corpus (a shallow git clone). A
// database indexed by an older backfile is re-indexed from --corpus or BACKFILE_CORPUS when given.

import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { PUBLIC_CORPUS_URL } from '../../corpus/source.js';
import { BackfileError, NetworkError, toBackfileError } from '../../lib/errors.js';
import { prepareSearch } from '../../search/search.js';
import { createSearchPool, type SearchPool } from '../../search/search-pool.js';
import { staleRecordCount } from '../../store/import.js';
import { importInChildProcess } from '../../store/import-process.js';
import { openStore } from '../../store/store.js';
import { describeLinks, hasStoryLinks, linkStories } from '../../store/story-links.js';
import { StoreWriter } from '../../store/writer.js';
import { startServer } from '../../web/server.js';
import { publicOrigin } from '../../web/urls.js';
import { intFlag, parseFlags } from '../args.js';
import type { Command } from '../main.js';

const DEFAULT_DB = 'data/backfile.db';
/**
 * The serving thread's SQLite cache: an article page reads its row once and the OS caches the file,
 * so 4 MB serves 20,000 different articles as fast as 16 MB did (0.65-0.69 ms a page either way),
 * and leaves the 12 MB to the memory budget.
 */
const SERVE_SQLITE_CACHE_KB = 4 * 1024;
/** Each search worker's SQLite cache: FTS pages are read once per search, the OS caches the file. */
const SEARCH_SQLITE_CACHE_KB = 4 * 1024;

/** Search threads by default: every core but the one that serves pages (at least one). */
const DEFAULT_SEARCH_WORKERS = Math.max(1, availableParallelism() - 1);

const usage = `Usage: backfile serve [--db FILE] [--corpus SOURCE] [--port 8080] [--host 127.0.0.1]
                     [--search-workers N] [--public-url URL]

Serves the archive as a website. If the database (default ${DEFAULT_DB}) does not exist yet, the
corpus is imported into it first, from --corpus or BACKFILE_CORPUS (a folder, a .tar/.tar.gz/.tar.xz
tarball or a git repository), else from the public corpus:
  ${PUBLIC_CORPUS_URL}

  --db FILE        the SQLite database (default ${DEFAULT_DB})
  --corpus SOURCE  where to import from when the database is missing, or was indexed by an
                   older backfile (its records are then re-indexed)
  --port N         port to listen on (default 8080; 0 picks a free one)
  --host HOST      address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
  --search-workers N
                   threads that run searches beside the one serving pages (default ${DEFAULT_SEARCH_WORKERS}
                   here: the cores but one, at least 1; 0 runs searches in the serving thread)
  --public-url URL the address readers reach the site at, when it is served on the web behind a
                   proxy or CDN (https://archive.example.org): the sitemaps, robots.txt and the
                   articles' og:url name it, where they would name whatever Host a request gave

Exit status: 0 stopped (Ctrl-C), 2 usage error, 3 corpus not found, 4 the database is not usable,
5 the port is in use or the public corpus could not be fetched, 74 the database cannot be written.`;

function offlineHelp(cause: unknown): string {
  const why = cause instanceof Error ? cause.message.split('\n')[0]!.slice(0, 200) : String(cause);
  return [
    `could not fetch the public corpus (${why}).`,
    'Point backfile at a local copy instead, e.g.',
    '  backfile serve --corpus ../shared/corpus/hkcnews-full.tar.xz',
    'or set BACKFILE_CORPUS to a folder, tarball or git repository of the corpus.',
  ].join('\n');
}

async function importFirst(dbPath: string, given: string | undefined): Promise<void> {
  const fromEnv = process.env.BACKFILE_CORPUS?.trim() || undefined;
  const source = given ?? fromEnv;
  if (source) {
    process.stderr.write(`backfile: no database at ${dbPath} yet; importing ${source} first\n`);
  } else {
    process.stderr.write(
      `backfile: no database at ${dbPath} and no corpus given (--corpus or BACKFILE_CORPUS);\n` +
        `backfile: fetching the public corpus from ${PUBLIC_CORPUS_URL}\n`,
    );
  }
  mkdirSync(dirname(dbPath), { recursive: true });
  try {
    // in a child process: the import's gigabyte goes back to the system before serving starts
    await importInChildProcess({ dbPath, source: source ?? PUBLIC_CORPUS_URL });
  } catch (err) {
    // Leave no half-made database behind: the next run would take it for a finished one.
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(dbPath + suffix, { force: true });
    if (!source && err instanceof BackfileError && (err.code === 'network' || err.code === 'bad-source')) {
      throw new NetworkError(offlineHelp(err), { cause: err });
    }
    throw err;
  }
}

/**
 * A database made before story links (src/store/story-links.ts) has them worked out once, in place
 * (about half a second; an import does it too), so that versions whose titles were reworded are one
 * story. One that cannot be written is served as it is.
 */
function linkStoriesOnce(dbPath: string): void {
  let store: ReturnType<typeof openStore> | undefined;
  try {
    store = openStore(dbPath, { readonly: true });
    const hasTable = hasStoryLinks(store.db);
    store.close();
    store = undefined;
    if (hasTable) return;
    store = openStore(dbPath);
    const db = store.db;
    const linked = db.transaction(() => {
      const found = linkStories(db);
      new StoreWriter(db).bumpGeneration();
      return found;
    })();
    if (linked.articles > 0) process.stderr.write(`backfile: ${describeLinks(linked)}\n`);
  } catch (err) {
    process.stderr.write(
      `backfile: versions whose titles were reworded are not linked (${toBackfileError(err).message}); \`backfile import\` links them\n`,
    );
  } finally {
    store?.close();
  }
}

/**
 * A database indexed by an older backfile is re-indexed from the corpus when one is given (--corpus
 * or BACKFILE_CORPUS: an incremental import, which re-derives exactly those records), else served as
 * it is, with a line that says how to refresh it.
 */
async function refreshIfStale(dbPath: string, given: string | undefined): Promise<void> {
  const store = openStore(dbPath, { readonly: true });
  let stale: number;
  try {
    stale = staleRecordCount(store);
  } finally {
    store.close();
  }
  const source = given ?? (process.env.BACKFILE_CORPUS?.trim() || undefined);
  if (stale === 0) {
    linkStoriesOnce(dbPath);
    if (given) {
      process.stderr.write(
        `backfile: ${dbPath} exists and is up to date; --corpus is ignored (\`backfile import\` updates it)\n`,
      );
    }
    return;
  }
  const what = `${stale.toLocaleString('en')} article${stale === 1 ? ' was' : 's were'} indexed by an older backfile`;
  if (source) {
    process.stderr.write(`backfile: ${what}; re-indexing them from ${source}\n`);
    await importInChildProcess({ dbPath, source });
  } else {
    process.stderr.write(
      `backfile: ${what} (search and listings may miss what it now derives); ` +
        `refresh them with \`backfile import <corpus> --db ${dbPath}\` or serve with --corpus\n`,
    );
  }
}

export const command: Command = {
  summary: 'serve the archive as a website (imports the corpus first if needed)',
  usage,
  async run(argv) {
    const { values } = parseFlags(
      argv,
      {
        db: { type: 'string' },
        corpus: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        'search-workers': { type: 'string' },
        'public-url': { type: 'string' },
      },
      'serve',
    );
    const publicUrl = values['public-url'] === undefined ? undefined : publicOrigin(values['public-url']);
    const dbPath = resolve(values.db ?? DEFAULT_DB);
    const port = intFlag(values.port, 'port', 8080);
    if (port > 65535) throw new BackfileError('usage', `--port must be at most 65535, not ${port}`);
    const host = values.host ?? '127.0.0.1';
    const workers = intFlag(values['search-workers'], 'search-workers', DEFAULT_SEARCH_WORKERS);
    if (workers > 64) throw new BackfileError('usage', `--search-workers must be at most 64, not ${workers}`);

    if (!existsSync(dbPath)) await importFirst(dbPath, values.corpus);
    else await refreshIfStale(dbPath, values.corpus);

    const store = openStore(dbPath, { readonly: true });
    // The server reads through the OS page cache; a smaller SQLite cache than the importer's keeps
    // the process within its memory budget (RSS ≤ 250 MB with the full corpus).
    store.db.pragma(`cache_size = -${SERVE_SQLITE_CACHE_KB}`);
    // Load the search catalog now rather than on the first reader's search (150-400 ms): in the
    // search workers, or here when searches run in this thread.
    let pool: SearchPool | null = null;
    if (workers > 0) {
      pool = createSearchPool(dbPath, { size: workers, cacheKb: SEARCH_SQLITE_CACHE_KB });
      try {
        await pool.ready();
      } catch (err) {
        await pool.close();
        throw err;
      }
    } else prepareSearch(store);
    const searchPool = pool;
    let server: Awaited<ReturnType<typeof startServer>>;
    try {
      server = await startServer({
        store,
        host,
        port,
        app: {
          ...(searchPool ? { search: (_store, query, options) => searchPool.search(query, options) } : {}),
          ...(publicUrl ? { publicUrl } : {}),
        },
      });
    } catch (err) {
      // the search threads would keep the process alive after its error line (a port in use)
      await pool?.close();
      store.close();
      throw err;
    }
    const stats = store.stats();
    process.stdout.write(
      `backfile: serving ${stats.articles.toLocaleString('en')} articles at ${server.url} ` +
        `(searches in ${workers === 0 ? 'this thread' : `${workers} worker thread${workers === 1 ? '' : 's'}`}; Ctrl-C to stop)\n`,
    );

    await new Promise<void>((done) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        done();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    process.stderr.write('backfile: stopping\n');
    await server.close();
    await pool?.close();
    store.close();
    return 0;
  },
};
