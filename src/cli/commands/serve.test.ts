import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { SAMPLE_TARBALL } from '../../../test/support/corpus.js';
import { serializeRecord } from '../../corpus/record.js';
import { UsageError } from '../../lib/errors.js';
import { importCorpus, staleRecordCount } from '../../store/import.js';
import { openStore } from '../../store/store.js';
import { FIXTURES } from '../../store/test-fixtures.js';
import { command } from './serve.js';

/** A temporary folder with the fixtures as a corpus (src) and imported into a database (db). */
async function fixtureDatabase(prefix: string): Promise<{ dir: string; src: string; db: string }> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const src = join(dir, 'corpus');
  const db = join(dir, 'archive.db');
  mkdirSync(join(src, 'articles'), { recursive: true });
  for (const a of FIXTURES) writeFileSync(join(src, 'articles', `article_${a.id}.md`), serializeRecord(a));
  await importCorpus(db, src, { quiet: true });
  return { dir, src, db };
}

test('bad flags are usage errors', async () => {
  await assert.rejects(command.run(['--port', 'abc']), UsageError);
  await assert.rejects(command.run(['--port', '70000']), /at most 65535/);
  await assert.rejects(command.run(['--nope']), UsageError);
  await assert.rejects(
    command.run(['--public-url', 'archive.example.org']),
    /--public-url must be the http\(s\) address/,
  );
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
    const running = command.run([
      '--db',
      db,
      '--corpus',
      SAMPLE_TARBALL,
      '--port',
      '0',
      '--public-url',
      'https://archive.example.org/',
    ]);
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
    // the sitemaps name the public address given, not the one asked
    assert.match(
      await (await fetch(`${url}robots.txt`)).text(),
      /^Sitemap: https:\/\/archive\.example\.org\/sitemap\.xml$/m,
    );
    process.emit('SIGINT');
    assert.equal(await running, 0);
  } finally {
    process.stdout.write = write;
    process.stderr.write = writeErr;
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a database indexed by an older backfile is re-indexed from --corpus, or served with a line saying how', async () => {
  const { dir, src, db } = await fixtureDatabase('backfile-serve-stale-');
  const age = () => {
    const raw = new Database(db);
    raw.prepare(`UPDATE articles SET hash = 'old:' || hash WHERE id IN (101, 102)`).run();
    raw.close();
  };
  const out: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  const mine = (chunk: string | Uint8Array) => /^(backfile:|import)/.test(String(chunk));
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) =>
    mine(chunk) ? out.push(String(chunk)) > 0 : write(chunk, ...rest)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) =>
    mine(chunk) ? out.push(String(chunk)) > 0 : writeErr(chunk, ...rest)) as typeof process.stderr.write;
  const serveOnce = async (args: string[]) => {
    out.length = 0;
    const running = command.run(['--db', db, '--port', '0', '--search-workers', '0', ...args]);
    for (let i = 0; i < 400 && !/serving/.test(out.join('')); i++)
      await new Promise((r) => setTimeout(r, 25));
    process.emit('SIGINT');
    assert.equal(await running, 0);
    return out.join('');
  };
  const stale = () => {
    const store = openStore(db, { readonly: true });
    try {
      return staleRecordCount(store);
    } finally {
      store.close();
    }
  };
  try {
    age();
    const told = await serveOnce([]);
    assert.match(told, /2 articles were indexed by an older backfile .*backfile import <corpus> --db/);
    assert.match(told, /serving \d+ articles/);
    assert.equal(stale(), 2, 'without a corpus nothing is changed');
    const refreshed = await serveOnce(['--corpus', src]);
    assert.match(refreshed, /2 articles were indexed by an older backfile; re-indexing them from /);
    assert.equal(stale(), 0);
    assert.match(await serveOnce(['--corpus', src]), /is up to date; --corpus is ignored/);
    // a database made before story links gets them at start, in place, without a corpus
    const raw = new Database(db);
    raw.exec('DROP TABLE story_links');
    raw.close();
    assert.match(await serveOnce([]), /serving \d+ articles/);
    const after = new Database(db, { readonly: true });
    assert.ok(after.prepare("SELECT 1 FROM sqlite_master WHERE name = 'story_links'").get());
    after.close();
  } finally {
    process.stdout.write = write;
    process.stderr.write = writeErr;
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a port in use: one clear line and exit code 5, with the search threads stopped', async () => {
  const { dir, db } = await fixtureDatabase('backfile-serve-busy-');
  const busy = createServer();
  await new Promise<void>((done) => busy.listen(0, '127.0.0.1', done));
  const { port } = busy.address() as { port: number };
  try {
    const bin = join(dirname(fileURLToPath(import.meta.url)), '../bin.ts');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', bin, 'serve', '--db', db, '--port', String(port), '--search-workers', '1'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
    });
    const code = await new Promise<number | null>((done) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        done(null);
      }, 30_000);
      child.on('exit', (c) => {
        clearTimeout(timer);
        done(c);
      });
    });
    assert.equal(code, 5, `the process exits on its own (stderr: ${stderr})`);
    assert.match(
      stderr,
      new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use; pick another with --port`),
    );
  } finally {
    busy.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
