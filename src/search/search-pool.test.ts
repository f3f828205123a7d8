import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { BackfileError, StoreError } from '../lib/errors.js';
import { importArticles } from '../store/import.js';
import { openStore } from '../store/store.js';
import { FIXTURES } from '../store/test-fixtures.js';
import { search } from './search.js';
import { createSearchPool, SEARCH_NICE } from './search-pool.js';

const dir = mkdtempSync(join(tmpdir(), 'backfile-pool-'));
const dbPath = join(dir, 'archive.db');
const store = openStore(dbPath, { create: true });
importArticles(store, FIXTURES);
after(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const QUERIES = ['國安法', '国安法', '港', 'mtr', '中美 -崔天凱', 'tag:中美', 'date:2019..2021', '"', '😀'];

test('workers answer exactly what search() answers in this thread, many at once', async () => {
  const pool = createSearchPool(dbPath, { size: 2 });
  try {
    await pool.ready();
    const got = await Promise.all(
      QUERIES.flatMap((q) => [1, 2].map((page) => pool.search(q, { page, perPage: 2 }))),
    );
    const want = QUERIES.flatMap((q) => [1, 2].map((page) => search(store, q, { page, perPage: 2 })));
    const strip = (r: { tookMs: number }) => ({ ...r, tookMs: 0 });
    assert.deepEqual(got.map(strip), want.map(strip));
    assert.ok(got.some((r) => r.total > 0));
  } finally {
    await pool.close();
  }
});

test('a database that cannot be opened fails ready() with a clear error, without respawning', async () => {
  const pool = createSearchPool(join(dir, 'missing.db'), { size: 1 });
  await assert.rejects(
    pool.ready(),
    (err: unknown) => err instanceof BackfileError && /missing\.db|database/i.test(err.message),
  );
  await assert.rejects(pool.search('國安法'), BackfileError);
  await pool.close();
});

test('a closed pool refuses new searches', async () => {
  const pool = createSearchPool(dbPath, { size: 1 });
  await pool.ready();
  await pool.close();
  await assert.rejects(pool.search('國安法'), /closed/);
});

test('a worker that dies fails its searches in hand and is replaced', async () => {
  const pool = createSearchPool(dbPath, {
    size: 1,
    workerModule: new URL('./testing/crash-on-query-worker.ts', import.meta.url),
  });
  try {
    await pool.ready();
    assert.ok((await pool.search('國安法')).total > 0);
    await assert.rejects(
      pool.search('💥'),
      (err: unknown) => err instanceof StoreError && /stopped/.test(err.message),
    );
    // the replacement answers (it may still be opening the database: the search waits in its queue)
    const again = await pool.search('國安法');
    assert.deepEqual(
      again.hits.map((h) => h.id),
      search(store, '國安法').hits.map((h) => h.id),
    );
  } finally {
    await pool.close();
  }
});

test('on Linux the search threads run at a lower priority than the thread serving pages', {
  skip: process.platform !== 'linux',
}, async () => {
  // each thread's nice value, by thread id: the fields after the command name (which is in
  // parentheses), of which nice is the 17th
  const nice = () =>
    new Map(
      readdirSync('/proc/self/task').map((tid) => {
        const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
        return [tid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])] as const;
      }),
    );
  const before = nice();
  const pool = createSearchPool(dbPath, { size: 2 });
  try {
    await pool.ready();
    // the two workers at least: threads of an earlier test may end meanwhile, and threads a worker
    // starts (libuv's pool, when a worker is the first to use it) take its priority
    const lowered = [...nice()].filter(([tid, n]) => !before.has(tid) && n === SEARCH_NICE);
    assert.ok(lowered.length >= 2, `${lowered.length} new threads at nice ${SEARCH_NICE}`);
    assert.equal(nice().get(String(process.pid)), 0, 'the main thread keeps its priority');
  } finally {
    await pool.close();
  }
});

test('close() lets each worker answer the searches in hand, then end on its own, never terminated', async () => {
  const pool = createSearchPool(dbPath, { size: 2 });
  await pool.ready();
  const { Worker } = await import('node:worker_threads');
  const terminate = Worker.prototype.terminate;
  let terminated = 0;
  Worker.prototype.terminate = function (this: InstanceType<typeof Worker>) {
    terminated++;
    return terminate.call(this);
  };
  try {
    // searches sent, then the pool closed at once: they are answered, not failed
    const inHand = QUERIES.map((q) => pool.search(q));
    await pool.close();
    const answered = await Promise.all(inHand);
    assert.deepEqual(
      answered.map((r) => r.total),
      QUERIES.map((q) => search(store, q).total),
    );
    assert.equal(terminated, 0, 'a thread terminated inside node:zlib aborts the process');
  } finally {
    Worker.prototype.terminate = terminate;
  }
});
