// Runs an import in a child process, for `serve`: an import holds about 1 GB (FTS5's term buffer,
// SQLite's page cache) that the C allocator keeps after it is freed, so a server that imported in
// its own process went on at 980 MB instead of about 200. The child reports progress on the
// inherited stderr and its outcome as one IPC message; its errors come back with their codes (as
// the search workers' do).

import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BackfileError, type ErrorCode, toBackfileError } from '../lib/errors.js';
import { quitBySignal } from '../lib/quit-by-signal.js';
import { discardPartialImport, importCorpus } from './import.js';

export interface ImportRequest {
  dbPath: string;
  source: string;
}

type ImportOutcome = { ok: true } | { ok: false; code: ErrorCode; message: string };

/** Imports source into dbPath in a child process; resolves when it is done, rejects with its error. */
export function importInChildProcess(request: ImportRequest): Promise<void> {
  const fromSources = import.meta.url.endsWith('.ts');
  const module = fileURLToPath(new URL(`./import-process.${fromSources ? 'ts' : 'js'}`, import.meta.url));
  const child = fork(module, [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: fromSources ? ['--import', 'tsx'] : [],
    env: { ...process.env, BACKFILE_IMPORT_CHILD: '1' },
  });
  // a server that exits while the import runs takes it down too (a first import is written beside
  // the database and renamed into place only when complete)
  const stop = () => child.kill();
  process.once('exit', stop);
  return new Promise((resolve, reject) => {
    let outcome: ImportOutcome | undefined;
    child.on('message', (msg: ImportOutcome) => {
      outcome = msg;
    });
    child.on('error', (err) =>
      reject(new BackfileError('internal', `could not start the import: ${err.message}`)),
    );
    child.on('exit', (code, signal) => {
      process.off('exit', stop);
      if (outcome?.ok) resolve();
      else if (outcome) reject(new BackfileError(outcome.code, outcome.message));
      else reject(new BackfileError('internal', `the import stopped (${signal ?? `exit code ${code}`})`));
    });
    child.send(request);
  });
}

// The child: one request, one outcome.
if (process.env.BACKFILE_IMPORT_CHILD === '1' && process.send) {
  process.once('message', async (request: ImportRequest) => {
    // Ctrl-C in the terminal reaches this process too, and the server that exits stops it: an
    // unfinished first import's files go with it (signals are handled between batches, never inside
    // a transaction: an update keeps what it committed)
    const quit = (signal: NodeJS.Signals) => {
      discardPartialImport(request.dbPath);
      // by the signal itself: process.exit() could abort in the reading thread's node:zlib
      quitBySignal(signal);
    };
    process.once('SIGINT', quit);
    process.once('SIGTERM', quit);
    let outcome: ImportOutcome;
    try {
      await importCorpus(request.dbPath, request.source);
      outcome = { ok: true };
    } catch (err) {
      const e = toBackfileError(err);
      outcome = { ok: false, code: e.code, message: e.message };
    }
    process.send!(outcome, () => process.exit(0));
  });
}
