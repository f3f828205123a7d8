import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { BackfileError, UsageError } from '../../lib/errors.js';
import { Progress } from '../../lib/progress.js';
import { importArticles } from '../../store/import.js';
import { openStore } from '../../store/store.js';
import { fixtureArticle } from '../../store/test-fixtures.js';
import { writtenWhile } from '../testing/output.js';
import { command, stopHandler } from './publish.js';

const work = mkdtempSync(join(tmpdir(), 'backfile-cli-publish-'));
after(() => rmSync(work, { recursive: true, force: true }));
const db = join(work, 'publish.db');
{
  const store = openStore(db, { create: true });
  importArticles(store, [
    fixtureArticle(1, {
      title: '國安法實施',
      date: '2020-07-01',
      tags: ['國安法'],
      text: '國安法實施的報道。',
    }),
    fixtureArticle(2, { title: '六四晚會', date: '2019-06-04', tags: ['六四'], text: '六四晚會的報道。' }),
  ]);
  store.close();
}

test('publish: writes the copy and says what it holds, where and how long it took', async () => {
  const out = join(work, 'site');
  const run = await writtenWhile('stderr', () => command.run(['--db', db, '--out', out]));
  assert.equal(run.value, 0);
  assert.match(
    run.text,
    /published [\d,]+ pages \(2 articles\) and [\d,]+ other files to .*site \([\d.]+ MB\) in [\d.]+ (?:ms|s); every link leads to a file of the copy; open .*site\/index\.html/,
  );
  assert.ok(existsSync(join(out, 'article/1.html')));
  assert.ok(existsSync(join(out, 'tag/國安法.html')));
  assert.equal(JSON.parse(readFileSync(join(out, 'backfile-site.json'), 'utf8')).articles, 2);
});

test('publish: --lang en and --search-url shape the pages; --quiet says nothing', async () => {
  const out = join(work, 'site-en');
  const run = await writtenWhile('stderr', () =>
    command.run([
      '--db',
      db,
      '--out',
      out,
      '--lang',
      'en',
      '--search-url',
      'https://archive.example.org/',
      '--quiet',
    ]),
  );
  assert.equal(run.value, 0);
  assert.equal(run.text, '');
  const home = readFileSync(join(out, 'index.html'), 'utf8');
  assert.match(home, /<html lang="en"/);
  assert.match(home, /action="https:\/\/archive\.example\.org\/search"/);
});

test('publish: usage errors and a folder it must not touch', async () => {
  await assert.rejects(command.run(['--db', db]), /give the folder to write: --out DIR/);
  await assert.rejects(command.run(['--db', db, '--out', join(work, 'x'), 'extra']), UsageError);
  await assert.rejects(
    command.run(['--db', db, '--out', join(work, 'x'), '--lang', 'fr']),
    /--lang must be zh, en or both/,
  );
  await assert.rejects(
    command.run(['--db', db, '--out', join(work, 'x'), '--search-url', 'ftp://example.org']),
    /--search-url must be the http\(s\) address/,
  );
  const mine = join(work, 'mine');
  mkdirSync(mine);
  writeFileSync(join(mine, 'thesis.docx'), 'keep');
  await assert.rejects(
    command.run(['--db', db, '--out', mine, '--quiet']),
    (e: unknown) => e instanceof BackfileError && e.code === 'io' && e.exitCode === 74,
  );
  assert.equal(readFileSync(join(mine, 'thesis.docx'), 'utf8'), 'keep');
  await assert.rejects(
    command.run(['--db', join(work, 'missing.db'), '--out', join(work, 'y')]),
    (e: unknown) => e instanceof BackfileError && e.exitCode === 4,
  );
});

test('publish: Ctrl-C says how far it got and that the next run replaces the unfinished copy, then quits by the signal', async () => {
  const quits: string[] = [];
  let said = '';
  const stream = {
    write: (chunk: string) => {
      said += chunk;
      return true;
    },
    isTTY: false,
  } as unknown as NodeJS.WriteStream;
  const progress = new Progress({ unit: 'pages', label: 'publish', stream });
  progress.tick(1234);
  stopHandler(progress, 'site', (signal) => quits.push(signal))('SIGINT');
  assert.deepEqual(quits, ['SIGINT']);
  assert.match(
    said,
    /publish: stopped after 1,234 pages; site holds an unfinished copy, which running publish again replaces\n$/,
  );
});
