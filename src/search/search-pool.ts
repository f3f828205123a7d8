// A pool of search worker threads (./search-worker.ts), so that searches use every core and a slow
// search never holds up the pages served beside it. Each worker has its own read-only connection
// and catalog; a search goes to the worker with the fewest searches in hand, and each worker answers
// in arrival order. A worker that dies fails its searches in hand (as a StoreError) and is replaced.
// On Linux the workers run at a lower priority (SEARCH_NICE) than the thread serving pages.

import { Worker } from 'node:worker_threads';
import { BackfileError, type ErrorCode, StoreError } from '../lib/errors.js';
import type { WorkerRequest, WorkerSetup, WorkerStop } from './search-worker.js';
import type { SearchOptions, SearchResult } from './types.js';

/**
 * The nice value of the search threads on Linux: lower than the thread serving pages, so that on a
 * busy machine an article page does not wait behind searches. Measured on 2 cores, 48 connections
 * reading uncached articles while 16 run fresh searches: article p99 99–109 ms against 125–161 ms at
 * the same priority, searches p99 250 ms against 160 ms; searches alone are as fast as before.
 */
export const SEARCH_NICE = 10;

export interface SearchPoolOptions {
  /** Worker threads (at least 1). */
  size: number;
  /** SQLite page cache per worker, in KiB (default 16 MiB). */
  cacheKb?: number;
  /** The worker module (default ./search-worker; tests give one that can be made to fail). */
  workerModule?: URL;
}

export interface SearchPool {
  readonly size: number;
  /** Resolves when every worker has opened the database and loaded its catalog. */
  ready(): Promise<void>;
  search(query: string, options?: SearchOptions): Promise<SearchResult>;
  close(): Promise<void>;
}

interface Pending {
  resolve(result: SearchResult): void;
  reject(err: Error): void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
  ready: Promise<void>;
  /** The thread has stopped (and was not replaced). */
  dead: boolean;
}

type WorkerMessage =
  | { ready: true }
  | { failed: { code: ErrorCode; message: string } }
  | { id: number; result: SearchResult }
  | { id: number; error: { code: ErrorCode; message: string } };

/** How long close() waits for a worker to stop before it terminates it. */
const STOP_GRACE_MS = 5000;

/** Run from the TypeScript sources (through tsx: tests, benchmarks) rather than the build. */
const FROM_SOURCES = import.meta.url.endsWith('.ts');

/** The worker's module: the compiled .js beside this file, or the .ts source (loaded through tsx). */
function workerUrl(): URL {
  return new URL(`./search-worker.${FROM_SOURCES ? 'ts' : 'js'}`, import.meta.url);
}

export function createSearchPool(dbPath: string, opts: SearchPoolOptions): SearchPool {
  const size = Math.max(1, Math.floor(opts.size));
  const setup: WorkerSetup = { dbPath, cacheKb: opts.cacheKb ?? 16 * 1024, nice: SEARCH_NICE };
  let nextId = 1;
  let closed = false;
  const slots: Slot[] = [];

  const module = opts.workerModule ?? workerUrl();

  function spawn(index: number): Slot {
    // From the sources, a small bootstrap registers tsx in the thread before importing the worker
    // (loader hooks registered in this thread do not reach worker threads).
    const worker = FROM_SOURCES
      ? new Worker(
          `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(module.href)}); })`,
          { eval: true, workerData: setup },
        )
      : new Worker(module, { workerData: setup });
    const pending = new Map<number, Pending>();
    let settle: { resolve(): void; reject(err: Error): void } | undefined;
    const ready = new Promise<void>((resolve, reject) => {
      settle = { resolve, reject };
    });
    ready.catch(() => {}); // observed through ready()
    const slot: Slot = { worker, pending, ready, dead: false };
    let started = false;
    worker.on('message', (msg: WorkerMessage) => {
      if ('ready' in msg) {
        started = true;
        settle?.resolve();
      } else if ('failed' in msg) settle?.reject(new BackfileError(msg.failed.code, msg.failed.message));
      else {
        const p = pending.get(msg.id);
        if (!p) return;
        pending.delete(msg.id);
        if ('result' in msg) p.resolve(msg.result);
        else p.reject(new BackfileError(msg.error.code, msg.error.message));
      }
    });
    const fail = (why: string, cause?: unknown) => {
      slot.dead = true;
      const err = new StoreError(`the search worker stopped: ${why}`, { cause });
      settle?.reject(err);
      for (const p of pending.values()) p.reject(err);
      pending.clear();
      // a worker that ran is replaced; one that could not start would only fail again
      if (started && !closed && slots[index] === slot) slots[index] = spawn(index);
    };
    worker.on('error', (err) => fail(err.message, err));
    worker.on('exit', (code) => fail(`exit code ${code}`));
    return slot;
  }

  /**
   * Ends a worker once it has answered the searches in hand: asked to stop, it exits between two
   * searches. terminate() could land inside node:zlib (inflating a body for a snippet), where Node
   * 20 aborts the whole process ("close before init"); it is only the fallback of a worker that has
   * not stopped within STOP_GRACE_MS.
   */
  function stopSlot(slot: Slot): Promise<void> {
    if (slot.dead) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => void slot.worker.terminate().finally(resolve), STOP_GRACE_MS);
      slot.worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      const stop: WorkerStop = { stop: true };
      slot.worker.postMessage(stop);
    });
  }

  for (let i = 0; i < size; i++) slots.push(spawn(i));

  return {
    size,
    async ready() {
      await Promise.all(slots.map((s) => s.ready));
    },
    search(query, options) {
      if (closed) return Promise.reject(new StoreError('the search pool is closed'));
      let slot: Slot | undefined;
      for (const s of slots) if (!s.dead && (!slot || s.pending.size < slot.pending.size)) slot = s;
      if (!slot) return Promise.reject(new StoreError('no search worker is running'));
      const chosen = slot;
      const id = nextId++;
      return new Promise<SearchResult>((resolve, reject) => {
        chosen.pending.set(id, { resolve, reject });
        const msg: WorkerRequest = { id, query, options };
        chosen.worker.postMessage(msg);
      });
    },
    async close() {
      closed = true;
      await Promise.all(slots.map(stopSlot));
    },
  };
}
