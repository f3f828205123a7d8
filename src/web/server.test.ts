import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { search } from '../search/search.js';
import { importArticles } from '../store/import.js';
import { openStore } from '../store/store.js';
import { FIXTURES } from '../store/test-fixtures.js';
import type { SearchFn } from './app.js';
import { startServer } from './server.js';

const store = openStore(':memory:');
importArticles(store, FIXTURES);

function slowSearch(events: string[]): SearchFn {
  return async (s, query, options) => {
    events.push('search started');
    await sleep(300);
    events.push('search finished');
    return search(s, query, options);
  };
}

test('close() waits for requests still being handled, and their clients get an answer', async () => {
  const events: string[] = [];
  const server = await startServer({ store, port: 0, app: { search: slowSearch(events) } });
  const answer = fetch(`${server.url}search?q=國安法`).then(async (res) => {
    events.push(`answered ${res.status}`);
    return res.text();
  });
  while (!events.includes('search started')) await sleep(10);
  await server.close();
  events.push('closed');
  assert.match(await answer, /國安法/);
  assert.deepEqual(events, ['search started', 'search finished', 'answered 200', 'closed']);
});

test('close() also waits for a request whose client went away', async () => {
  const events: string[] = [];
  const server = await startServer({ store, port: 0, app: { search: slowSearch(events) } });
  const aborter = new AbortController();
  const answer = fetch(`${server.url}search?q=港`, { signal: aborter.signal }).catch(() => 'aborted');
  while (!events.includes('search started')) await sleep(10);
  aborter.abort();
  assert.equal(await answer, 'aborted');
  await server.close();
  events.push('closed');
  assert.deepEqual(events, ['search started', 'search finished', 'closed']);
});
