import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { NetworkError } from '../lib/errors.js';
import { HttpClient } from './http.js';
import { type FakeWayback, type Fault, startFakeWayback } from './testing/fake-wayback.js';

const PAGE = 'https://www.hkcnews.com/article/7/新聞';
let fake: FakeWayback;

before(async () => {
  fake = await startFakeWayback({
    captures: [{ original: PAGE, timestamp: '20210101000000', body: `<html>${'正文'.repeat(5000)}</html>` }],
  });
});
after(() => fake.close());

/** Faults the first attempts of every request with the given faults, in order. */
function firstAttempts(...faults: Fault[]) {
  return ({ attempt }: { attempt: number }) => faults[attempt - 1];
}

const fast = { backoffBaseMs: 5, backoffMaxMs: 20, retryAfterDefaultMs: 30, pageRate: 0, cdxRate: 0 };
const replay = () => `${fake.url}/web/20210101000000id_/${PAGE}`;

test('a clean fetch, with the non-ASCII URL encoded', async () => {
  fake.faults = undefined;
  const client = new HttpClient(fast);
  const res = await client.get(replay());
  assert.equal(res.status, 200);
  assert.match(res.body.toString(), /^<html>正文/);
  assert.ok(fake.log.at(-1)!.path.includes('%E6%96%B0%E8%81%9E'));
  client.close();
});

test('429 with Retry-After, 429 without, 5xx, resets and truncated bodies are retried until it works', async () => {
  for (const faults of [
    [{ type: '429', retryAfter: '0.02' }],
    [{ type: '429' }, { type: '429' }],
    [{ type: '503' }, { type: '500' }],
    [{ type: 'reset' }],
    [{ type: 'truncate' }, { type: 'truncate' }],
  ] as Fault[][]) {
    fake.reset(firstAttempts(...faults));
    const waits: number[] = [];
    const client = new HttpClient({ ...fast, onWait: (_r, ms) => waits.push(ms) });
    const res = await client.get(replay());
    assert.equal(res.status, 200, faults.map((f) => f.type).join(','));
    assert.equal(res.body.length, Buffer.byteLength(`<html>${'正文'.repeat(5000)}</html>`));
    assert.equal(waits.length, faults.length);
    if (faults[0]!.type === '429') {
      assert.equal(client.stats.throttled, faults.length);
      // Retry-After honoured when given, the configured default otherwise
      assert.equal(waits[0], faults[0]!.type === '429' && faults[0]!.retryAfter ? 20 : 30);
    }
    if (faults[0]!.type === 'truncate') assert.equal(client.stats.truncated, 2);
    client.close();
  }
});

test('a slow answer times out and is tried again', async () => {
  fake.reset(firstAttempts({ type: 'slow', ms: 300 }));
  const client = new HttpClient({ ...fast, timeoutMs: 100 });
  const res = await client.get(replay());
  assert.equal(res.status, 200);
  assert.equal(client.stats.networkErrors, 1);
  client.close();
});

test('gives up with a NetworkError after maxAttempts', async () => {
  fake.reset(() => ({ type: '503' }));
  const client = new HttpClient({ ...fast, maxAttempts: 3 });
  await assert.rejects(client.get(replay()), (err: unknown) => {
    assert.ok(err instanceof NetworkError);
    assert.match(err.message, /gave up after 3 tries/);
    return true;
  });
  fake.faults = undefined;
  client.close();
});

test('a host name that does not resolve fails at once, naming the host and what to do', async () => {
  const client = new HttpClient({ ...fast, maxAttempts: 6 });
  let tries = 0;
  const started = Date.now();
  // .invalid never resolves (RFC 2606)
  await assert.rejects(
    client.get('https://no-such-host.invalid/cdx?url=hkcnews.com/article/*&output=json&limit=1000'),
    (err: unknown) => {
      assert.ok(err instanceof NetworkError);
      assert.equal(
        err.message,
        'cannot reach no-such-host.invalid: its name does not resolve (no network?); recover from local files with --from warc',
      );
      return true;
    },
  );
  tries = client.stats.requests;
  assert.equal(tries, 1, 'not tried again');
  assert.ok(Date.now() - started < 5000);
  client.close();
});

test('404 and redirects are answers, not errors', async () => {
  fake.faults = undefined;
  const client = new HttpClient(fast);
  const missing = await client.get(`${fake.url}/web/20210101000000id_/https://www.hkcnews.com/article/8/x`);
  assert.equal(missing.status, 404);
  const moved = await client.get(`${fake.url}/web/20200101000000id_/${PAGE}`);
  assert.equal(moved.status, 302);
  assert.match(String(moved.headers.location), /^\/web\/20210101000000id_\//);
  client.close();
});

test('one keep-alive pool: many requests over few connections', async () => {
  let connections = 0;
  const server = http.createServer((_req, res) => res.end('ok'));
  server.on('connection', () => connections++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const client = new HttpClient({ ...fast, maxSockets: 2 });
  await Promise.all(Array.from({ length: 40 }, (_, i) => client.get(`http://127.0.0.1:${port}/${i}`)));
  client.close();
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  assert.ok(connections <= 2, `${connections} connections`);
});
