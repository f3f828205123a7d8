import assert from 'node:assert/strict';
import { connect } from 'node:net';
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

/** Sends raw bytes to the server and reads its whole answer (the server closes the connection). */
async function rawRequest(url: string, request: string | Buffer): Promise<string> {
  const { port } = new URL(url);
  const socket = connect(Number(port), '127.0.0.1');
  socket.write(request);
  const chunks: Buffer[] = [];
  for await (const chunk of socket) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

test("a request Node's parser refuses gets a page saying why, with the security headers", async () => {
  const server = await startServer({ store, port: 0 });
  try {
    const rawUtf8 = await rawRequest(
      server.url,
      Buffer.from('GET /search?q=一丁 HTTP/1.1\r\nHost: x\r\n\r\n'),
    );
    assert.match(rawUtf8, /^HTTP\/1\.1 400 Bad Request\r\n/);
    assert.match(rawUtf8, /\r\nContent-Type: text\/html; charset=utf-8\r\n/);
    assert.match(rawUtf8, /\r\nContent-Security-Policy: default-src 'none'/);
    assert.match(rawUtf8, /非 ASCII 字元須以 % 編碼/);
    assert.match(rawUtf8, /characters outside ASCII must be percent-encoded/);
    const huge = await rawRequest(
      server.url,
      `GET / HTTP/1.1\r\nHost: x\r\nCookie: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    assert.match(huge, /^HTTP\/1\.1 431 /);
    assert.match(huge, /too large/);
    const unknown = await rawRequest(server.url, 'FOO / HTTP/1.1\r\nHost: x\r\n\r\n');
    assert.match(unknown, /^HTTP\/1\.1 405 /);
    assert.match(unknown, /\r\nAllow: GET, HEAD\r\n/);
    // a method the parser knows but fetch does not carry (TRACE) reaches the app's 405 too
    const trace = await rawRequest(server.url, 'TRACE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    assert.match(trace, /^HTTP\/1\.1 405 /);
  } finally {
    await server.close();
  }
});
