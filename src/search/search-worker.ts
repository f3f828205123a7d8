// The search worker thread (started by ./search-pool.ts): opens the database read-only, loads the
// catalog, and answers { id, query, options } messages with { id, result } or { id, error }, one at
// a time in arrival order. On Linux the thread runs at a lower priority than the one serving pages.

import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { toBackfileError } from '../lib/errors.js';
import { openStore } from '../store/store.js';
import { prepareSearch, search } from './search.js';
import type { SearchOptions } from './types.js';

export interface WorkerRequest {
  id: number;
  query: string;
  options?: SearchOptions;
}

/** Asks the worker to end once the searches sent before are answered (see SearchPool.close). */
export interface WorkerStop {
  stop: true;
}

export interface WorkerSetup {
  dbPath: string;
  /** SQLite page cache of this thread's connection, in KiB. */
  cacheKb: number;
  /** The thread's nice value (Linux), 0 to keep the serving thread's priority. */
  nice: number;
}

const setup = workerData as WorkerSetup;
// On Linux a nice value belongs to one thread (elsewhere it would lower the whole process).
if (process.platform === 'linux' && setup.nice !== 0) {
  try {
    setPriority(setup.nice);
  } catch {
    // not allowed here: searches run at the serving thread's priority
  }
}

const port = parentPort!;
try {
  const store = openStore(setup.dbPath, { readonly: true });
  store.db.pragma(`cache_size = -${Math.max(1024, Math.floor(setup.cacheKb))}`);
  prepareSearch(store);
  port.on('message', (msg: WorkerRequest | WorkerStop) => {
    if ('stop' in msg) {
      // between two searches: never inside node:zlib, where a terminated thread aborts the process
      store.close();
      process.exit(0);
    }
    try {
      port.postMessage({ id: msg.id, result: search(store, msg.query, msg.options) });
    } catch (err) {
      const e = toBackfileError(err);
      port.postMessage({ id: msg.id, error: { code: e.code, message: e.message } });
    }
  });
  port.postMessage({ ready: true });
} catch (err) {
  const e = toBackfileError(err);
  port.postMessage({ failed: { code: e.code, message: e.message } });
}
