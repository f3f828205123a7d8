import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { SAMPLE_TARBALL } from '../../../test/support/corpus.js';
import { UsageError } from '../../lib/errors.js';
import { command } from './serve.js';

test('bad flags are usage errors', async () => {
  await assert.rejects(command.run(['--port', 'abc']), UsageError);
  await assert.rejects(command.run(['--port', '70000']), /at most 65535/);
  await assert.rejects(command.run(['--nope']), UsageError);
});

test('imports the corpus into a missing DB, serves it, prints the URL and stops on SIGINT', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'backfile-serve-'));
  const db = join(dir, 'sub/archive.db');
  const out: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  // Keep the command's own lines; let everything else (the test reporter's) through.
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) =>
    String(chunk).startsWith('backfile:')
      ? out.push(String(chunk)) > 0
      : write(chunk, ...rest)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) =>
    /^(backfile:|import)/.test(String(chunk))
      ? true
      : writeErr(chunk, ...rest)) as typeof process.stderr.write;
  try {
    const running = command.run(['--db', db, '--corpus', SAMPLE_TARBALL, '--port', '0']);
    let url: string | undefined;
    for (let i = 0; i < 600 && !url; i++) {
      await new Promise((r) => setTimeout(r, 50));
      url = /serving [\d,]+ articles at (http:\/\/\S+)/.exec(out.join(''))?.[1];
    }
    assert.ok(url, `no URL printed: ${out.join('')}`);
    assert.ok(existsSync(db));
    const res = await fetch(`${url}api`);
    assert.equal(res.status, 200);
    const home = (await res.json()) as { stats: { articles: number } };
    assert.equal(home.stats.articles, 1199);
    // searches run in the worker thread(s) and answer like the in-process search
    assert.match(out.join(''), /searches in \d+ worker thread/);
    const found = (await (await fetch(`${url}api/search?q=${encodeURIComponent('国安法')}`)).json()) as {
      result: { total: number; hits: Array<{ title: string }> };
    };
    assert.ok(found.result.total > 10, `${found.result.total} hits`);
    assert.ok(found.result.hits.length > 0);
    process.emit('SIGINT');
    assert.equal(await running, 0);
  } finally {
    process.stdout.write = write;
    process.stderr.write = writeErr;
    rmSync(dir, { recursive: true, force: true });
  }
});
