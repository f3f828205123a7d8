import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { serializeRecord } from '../../corpus/record.js';
import { StoreError, UsageError } from '../../lib/errors.js';
import { importArticles } from '../../store/import.js';
import { openStore } from '../../store/store.js';
import { FIXTURES, fixtureArticle } from '../../store/test-fixtures.js';
import { writtenWhile } from '../testing/output.js';
import { command as importCommand } from './import.js';
import { command as searchCommand } from './search.js';

const work = mkdtempSync(join(tmpdir(), 'backfile-cli-search-'));
after(() => rmSync(work, { recursive: true, force: true }));
const db = join(work, 'cli.db');

async function capture(fn: () => Promise<number>): Promise<{ code: number; out: string }> {
  const { value, text } = await writtenWhile('stdout', fn);
  return { code: value, out: text };
}

test('backfile import, then backfile search --json and the listing', async () => {
  const src = join(work, 'src');
  mkdirSync(join(src, 'articles'), { recursive: true });
  for (const a of FIXTURES) writeFileSync(join(src, 'articles', `article_${a.id}.md`), serializeRecord(a));
  assert.equal(await importCommand.run([src, '--db', db, '--quiet']), 0);

  const json = await capture(() => searchCommand.run(['国安法', '--db', db, '--json', '--limit', '1']));
  assert.equal(json.code, 0);
  const r = JSON.parse(json.out);
  assert.equal(r.total, 2);
  assert.equal(r.hits.length, 1);
  assert.deepEqual(Object.keys(r.hits[0]).slice(0, 4), ['id', 'title', 'date', 'author']);
  assert.equal(typeof r.hits[0].snippet, 'string');
  assert.ok(Array.isArray(r.hits[0].highlights));
  assert.ok(r.facets.category.length > 0);

  const all = JSON.parse(
    (await capture(() => searchCommand.run(['國安法', '--db', db, '--json', '--all']))).out,
  );
  assert.equal(all.hits.length, 2);
  const oldest = JSON.parse(
    (await capture(() => searchCommand.run(['date:2019..2021', '--db', db, '--json', '--sort', 'oldest'])))
      .out,
  );
  assert.equal(oldest.hits[0].id, 103);

  const listing = await capture(() => searchCommand.run(['崔天凯', '--db', db]));
  assert.match(listing.out, /1 article for 崔天凯/);
  assert.match(listing.out, /#102/);

  // nothing found: the wider queries that find something, as the reader's page offers them
  const none = await capture(() => searchCommand.run(['国安法崔天凯', '--db', db]));
  assert.match(none.out, /^0 articles for 国安法崔天凯/);
  assert.match(none.out, /\ntry: .*国安法 \(2\)/);
  const noneJson = JSON.parse(
    (await capture(() => searchCommand.run(['国安法崔天凯', '--db', db, '--json']))).out,
  );
  assert.ok(noneJson.relaxed.some((r: { q: string; total: number }) => r.q === '国安法' && r.total === 2));
  assert.equal(JSON.parse(json.out).relaxed, undefined, 'only when nothing was found');
  // a word no article holds is named, and the query without it offered first
  const typo = await capture(() => searchCommand.run(['国安法', 'zzqqx', '--db', db]));
  assert.match(typo.out, /\nin no article: zzqqx\ntry: 国安法 \(2\)/);
  const typoJson = JSON.parse(
    (await capture(() => searchCommand.run(['国安法', 'zzqqx', '--db', db, '--json']))).out,
  );
  assert.deepEqual(typoJson.unfound, ['zzqqx']);
  assert.equal(noneJson.unfound, undefined, 'one word alone is not blamed: it is the whole query');
});

test('--csv prints the hits as CSV rows for a spreadsheet; --all every one', async () => {
  const csv = await capture(() =>
    searchCommand.run(['国安法', '--db', db, '--csv', '--all', '--sort', 'oldest']),
  );
  assert.equal(csv.code, 0);
  assert.ok(
    csv.out.startsWith('\ufeffid,date,last_updated,title,author,category,tags,article_url,original_url,'),
  );
  const rows = csv.out.trim().split('\r\n').slice(1);
  assert.deepEqual(
    rows.map((r) => Number(r.split(',')[0])),
    [106, 101],
  );
  const one = await capture(() => searchCommand.run(['国安法', '--db', db, '--csv', '--limit', '1']));
  assert.equal(one.out.trim().split('\r\n').length, 2);
  await assert.rejects(searchCommand.run(['x', '--db', db, '--csv', '--json']), /use one of --json, --csv/);
  const ris = await capture(() =>
    searchCommand.run(['国安法', '--db', db, '--ris', '--all', '--sort', 'oldest']),
  );
  assert.deepEqual(
    [...ris.out.matchAll(/^ID {2}- hkcnews(\d+)\r$/gm)].map((m) => Number(m[1])),
    [106, 101],
  );
  const bib = await capture(() => searchCommand.run(['国安法', '--db', db, '--bibtex', '--all']));
  assert.equal([...bib.out.matchAll(/^@misc\{hkcnews\d+,$/gm)].length, 2);
  await assert.rejects(
    searchCommand.run(['  ', '--db', db, '--csv', '--all']),
    /give a query \(see backfile search --help\)$/,
  );
});

test('an export of one page says on stderr that it is not every article found; --all says nothing', async () => {
  const one = await writtenWhile('stderr', () =>
    capture(() => searchCommand.run(['国安法', '--db', db, '--csv', '--limit', '1'])),
  );
  assert.equal(one.value.code, 0);
  assert.equal(one.value.out.trim().split('\r\n').length, 2);
  assert.equal(
    one.text,
    'backfile search: wrote 1 of the 2 articles found (page 1 of 2); --all writes every one\n',
  );
  const all = await writtenWhile('stderr', async () => {
    await capture(() => searchCommand.run(['国安法', '--db', db, '--ris', '--all']));
    await capture(() => searchCommand.run(['国安法', '--db', db, '--bibtex']));
  });
  assert.equal(all.text, '', 'every article found was written');
});

test('--limit above 1,000 gives that many hits in every output (it was cut to 1,000 without a word)', async () => {
  const big = join(work, 'big.db');
  const store = openStore(big, { create: true });
  try {
    const articles = Array.from({ length: 1100 }, (_, k) =>
      fixtureArticle(10_000 + k, { title: `大量${k}`, date: '2021-03-01', text: `大量文章第${k}篇。` }),
    );
    importArticles(store, articles);
  } finally {
    store.close();
  }
  const csv = await capture(() => searchCommand.run(['大量', '--db', big, '--csv', '--limit', '1050']));
  assert.equal(csv.out.trim().split('\r\n').length - 1, 1050);
  const next = await capture(() =>
    searchCommand.run(['大量', '--db', big, '--csv', '--limit', '1050', '--page', '2']),
  );
  assert.equal(next.out.trim().split('\r\n').length - 1, 50, 'page 2 holds the rest');
  const ris = await capture(() => searchCommand.run(['大量', '--db', big, '--ris', '--limit', '5000']));
  assert.equal([...ris.out.matchAll(/^ER {2}- ?\r$/gm)].length, 1100);
  const json = JSON.parse(
    (await capture(() => searchCommand.run(['大量', '--db', big, '--json', '--limit', '1050']))).out,
  );
  assert.deepEqual([json.total, json.hits.length, json.perPage], [1100, 1050, 1050]);
  // counts in the listing's facets have thousands separators, as its total has
  const listing = await capture(() => searchCommand.run(['大量', '--db', big, '--limit', '1']));
  assert.match(listing.out, /^1,100 articles for 大量/);
  assert.match(listing.out, /\nyears: 2021 1,100\n/);
});

test('an hkcnews address prints the article it names; an article number is offered before the hits', async () => {
  // db holds the fixtures (the first test imported them)
  const address = await capture(() =>
    searchCommand.run([
      'https://web.archive.org/web/20210101000000/https://www.hkcnews.com/article/102/x',
      '--db',
      db,
    ]),
  );
  assert.equal(address.code, 0);
  assert.match(address.out, /^the article at this address: \S+ {2}#102 {2}/);
  assert.doesNotMatch(address.out, /articles? for/, 'not searched as text');
  const missing = await capture(() => searchCommand.run(['hkcnews.com/article/99999', '--db', db]));
  assert.match(
    missing.out,
    /hkcnews article 99999 is not in this database; its captures: https:\/\/web\.archive\.org\/web\/\*\/hkcnews\.com\/article\/99999\/\*/,
  );
  // --json: the shape of every search (scripts read total and hits), the article its one hit
  const json = JSON.parse(
    (await capture(() => searchCommand.run(['hkcnews.com/article/102', '--db', db, '--json']))).out,
  );
  assert.equal(json.direct.article.id, 102);
  assert.equal(json.query, 'hkcnews.com/article/102');
  assert.equal(json.understood, 'id:102');
  assert.equal(json.total, 1);
  assert.deepEqual(
    json.hits.map((h: { id: number }) => h.id),
    [102],
  );
  assert.deepEqual(json.warnings, []);
  assert.equal(json.facets.year[0].value, '2020');
  const lacking = JSON.parse(
    (await capture(() => searchCommand.run(['hkcnews.com/article/99999', '--db', db, '--json']))).out,
  );
  assert.deepEqual([lacking.total, lacking.hits, lacking.direct.article], [0, [], null]);
  assert.match(lacking.direct.captures, /article\/99999/);
  const byNumber = await capture(() => searchCommand.run(['102', '--db', db]));
  assert.match(byNumber.out, /^article #102: [\s\S]*\n\n\d+ articles? for 102/);
});

test('bad flags and a missing database are clear errors', async () => {
  await assert.rejects(searchCommand.run(['x', '--db', db, '--sort', 'best']), UsageError);
  await assert.rejects(searchCommand.run(['x', '--db', db, '--all', '--limit', '5']), UsageError);
  await assert.rejects(searchCommand.run(['--db', db]), UsageError);
  await assert.rejects(searchCommand.run(['x', '--db', join(work, 'none.db')]), StoreError);
  await assert.rejects(importCommand.run([]), UsageError);
  // a value that starts with a dash, a page past the last one, zero: said plainly
  await assert.rejects(
    searchCommand.run(['x', '--db', db, '--page', '-1']),
    /--page takes a value, not "-1"/,
  );
  await assert.rejects(
    searchCommand.run(['x', '--db', db, '--page=0']),
    /--page takes a whole number of 1 or more/,
  );
  await assert.rejects(
    searchCommand.run(['国安法', '--db', db, '--page', '9']),
    /there is no page 9: 2 articles make 1 page of 20/,
  );
  // --all says how many are on its one page
  const all = await capture(() => searchCommand.run(['国安法', '--db', db, '--json', '--all']));
  assert.equal(JSON.parse(all.out).perPage, 2);
});

test('--merge-versions counts a story once and says how many versions it has', async () => {
  const src = join(work, 'versions');
  mkdirSync(join(src, 'articles'), { recursive: true });
  const version = (id: number) =>
    fixtureArticle(id, { title: '立法會選舉結果', date: '2021-12-20', text: `選舉結果第${id}版` });
  for (const a of [
    version(11),
    version(12),
    fixtureArticle(13, { date: '2021-12-19', text: '選舉結果前瞻' }),
  ])
    writeFileSync(join(src, 'articles', `article_${a.id}.md`), serializeRecord(a));
  const vdb = join(work, 'versions.db');
  assert.equal(await importCommand.run([src, '--db', vdb, '--quiet']), 0);
  const merged = JSON.parse(
    (await capture(() => searchCommand.run(['選舉結果', '--db', vdb, '--json', '--merge-versions']))).out,
  );
  assert.equal(merged.total, 3);
  assert.equal(merged.stories, 2);
  assert.deepEqual(
    merged.hits.map((h: { id: number; versions?: number }) => [h.id, h.versions]),
    [
      [12, 2],
      [13, undefined],
    ],
  );
  const plain = JSON.parse((await capture(() => searchCommand.run(['選舉結果', '--db', vdb, '--json']))).out);
  assert.equal(plain.stories, undefined);
  assert.equal(plain.hits.length, 3);
  const listing = await capture(() => searchCommand.run(['選舉結果', '--db', vdb, '--merge-versions']));
  assert.match(listing.out, /3 articles \(2 with versions merged\)/);
  assert.match(listing.out, /#12 {2}立法會選舉結果 {2}\(\+1 version\)/);
});

test('placeholder pages: left out of the hits and counted apart; named by an address, not exported', async () => {
  const pdb = join(work, 'placeholders.db');
  const store = openStore(pdb, { create: true });
  const farewell = {
    ...fixtureArticle(209, { title: '眾新聞告別　感謝讀者', date: '', text: '', footer: false }),
    author: '',
    category: undefined,
    body: '\n',
  };
  importArticles(store, [
    farewell,
    fixtureArticle(210, { title: '感謝讀者支持', date: '2021-01-02', text: '正文。' }),
  ]);
  store.close();
  const listed = await capture(() => searchCommand.run(['感謝讀者', '--db', pdb]));
  assert.match(listed.out, /^1 article for 感謝讀者/);
  assert.match(listed.out, /\(1 placeholder page also matches: .*left out\)/);
  const json = JSON.parse((await capture(() => searchCommand.run(['感謝讀者', '--db', pdb, '--json']))).out);
  assert.equal(json.placeholders, 1);
  // an address naming a placeholder page: no hit, counted apart as a search counts them
  const addressed = JSON.parse(
    (await capture(() => searchCommand.run(['https://www.hkcnews.com/article/209', '--db', pdb, '--json'])))
      .out,
  );
  assert.deepEqual([addressed.total, addressed.placeholders, addressed.direct.id], [0, 1, 209]);
  const named = await capture(() => searchCommand.run(['https://www.hkcnews.com/article/209', '--db', pdb]));
  assert.match(named.out, /#209 .*\na placeholder page: the record holds the farewell notice/);
  const ris = await capture(() =>
    searchCommand.run(['https://www.hkcnews.com/article/209', '--db', pdb, '--ris']),
  );
  assert.equal(ris.out, '', 'nothing to cite');
});
