import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { BackfileError, UsageError } from '../../lib/errors.js';
import type { TextExportLine } from '../../publish/text-export.js';
import { importArticles } from '../../store/import.js';
import { openStore } from '../../store/store.js';
import { fixtureArticle } from '../../store/test-fixtures.js';
import { writtenWhile } from '../testing/output.js';
import { command } from './export.js';

const work = mkdtempSync(join(tmpdir(), 'backfile-cli-export-'));
after(() => rmSync(work, { recursive: true, force: true }));
const db = join(work, 'export.db');

const NEWS = `${'香港新聞報道的內容。'.repeat(30)}\n\n![圖](https://web.archive.org/web/2021/https://www.hkcnews.com/a.jpg)\n\n圖：說明\n\n\n\n**第二段**有[連結](https://example.com/x)。`;
{
  const store = openStore(db, { create: true });
  importArticles(store, [
    fixtureArticle(1, { title: '武肺確診破6000', date: '2020-11-27', text: NEWS, tags: ['疫情'] }),
    // a version of 1 (same title and date): one story
    fixtureArticle(2, { title: '武肺確診破6000', date: '2020-11-27', text: `${NEWS}\n\n更新。` }),
    fixtureArticle(3, { title: '另一篇', date: '2019-06-04', text: '六四。', category: undefined }),
    fixtureArticle(4, {
      title: '眾新聞告別　感謝讀者',
      date: '',
      author: '',
      category: undefined,
      text: '告別',
    }),
  ]);
  store.close();
}

/**
 * Runs the command, keeping what it writes on stdout (text) and stderr; the test runner's own
 * messages, which go on stdout as bytes meanwhile, pass through.
 */
async function exported(args: string[]): Promise<{ code: number; lines: TextExportLine[]; err: string }> {
  let out = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    if (typeof chunk !== 'string') return write(chunk, ...rest);
    out += chunk;
    return true;
  }) as typeof process.stdout.write;
  try {
    const run = await writtenWhile('stderr', () => command.run(['--db', db, ...args]));
    const lines = out
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as TextExportLine);
    return { code: run.value, lines, err: run.text };
  } finally {
    process.stdout.write = write;
  }
}

test('every article a JSON line, in id order, with its citation fields and its visible text', async () => {
  const { code, lines, err } = await exported([]);
  assert.equal(code, 0);
  assert.deepEqual(
    lines.map((l) => l.id),
    [1, 2, 3],
    'the placeholder page is left out',
  );
  const [first] = lines;
  assert.deepEqual(Object.keys(first!), [
    'id',
    'storyId',
    'title',
    'date',
    'lastUpdated',
    'author',
    'category',
    'tags',
    'originalUrl',
    'waybackUrl',
    'captureTimestamp',
    'text',
  ]);
  assert.equal(first!.storyId, 1);
  assert.equal(lines[1]!.storyId, 1, 'a version names its story by the smallest id');
  assert.deepEqual(first!.tags, ['疫情']);
  assert.equal(first!.originalUrl, 'https://www.hkcnews.com/article/1/test');
  assert.match(first!.waybackUrl, /^https:\/\/web\.archive\.org\/web\/20210101000000\//);
  assert.equal(lines[2]!.category, null);
  // the text as a reader sees it: no Markdown, image files or link targets; paragraphs a blank line apart
  const text = first!.text!;
  assert.ok(text.startsWith('香港新聞報道的內容。'));
  assert.ok(text.endsWith('圖：說明\n\n第二段有連結。'), JSON.stringify(text.slice(-40)));
  assert.doesNotMatch(text, /\*\*|https?:|!\[|\n{3}/);
  assert.match(err, /^exported 3 articles in .*; 1 placeholder pages left out$/m);
});

test('--merge-versions gives each story once, as its latest version; --no-text the metadata alone', async () => {
  const { lines } = await exported(['--merge-versions', '--no-text', '--quiet']);
  assert.deepEqual(
    lines.map((l) => l.id),
    [2, 3],
  );
  assert.ok(lines.every((l) => !('text' in l)));
});

test('--out writes a file and says how large; bad flags and paths are clear errors', async () => {
  const file = join(work, 'out.jsonl');
  const { code, lines, err } = await exported(['--out', file]);
  assert.equal(code, 0);
  assert.equal(lines.length, 0, 'nothing on stdout');
  assert.equal(readFileSync(file, 'utf8').trim().split('\n').length, 3);
  assert.match(err, new RegExp(`exported 3 articles to ${file} \\(0\\.0 MB\\)`));
  await assert.rejects(command.run(['--db', db, 'extra']), UsageError);
  await assert.rejects(
    command.run(['--db', db, '--out', join(work, 'missing', 'x.jsonl'), '--quiet']),
    (e: unknown) =>
      e instanceof BackfileError && e.code === 'io' && /its folder does not exist/.test(e.message),
  );
  await assert.rejects(
    command.run(['--db', db, '--out', work, '--quiet']),
    (e: unknown) => e instanceof BackfileError && /it is a folder/.test(e.message),
  );
});

test('--csv writes the metadata as the search exports do: a header, then a row an article', async () => {
  const file = join(work, 'all.csv');
  const { code, err } = await exported(['--csv', '--out', file]);
  assert.equal(code, 0);
  const csv = readFileSync(file, 'utf8');
  assert.ok(csv.startsWith('\uFEFFid,date,last_updated,title,'), csv.slice(0, 40));
  const rows = csv.trim().split(/\r?\n/);
  assert.equal(rows.length, 4, 'the header and the three articles (no placeholder page)');
  assert.match(rows[1]!, /^1,2020-11-27,/);
  assert.match(err, /exported 3 articles to /);
  const merged = await exported(['--csv', '--merge-versions', '--out', file, '--quiet']);
  assert.equal(merged.code, 0);
  assert.equal(readFileSync(file, 'utf8').trim().split(/\r?\n/).length, 3);
});
