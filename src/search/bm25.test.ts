import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { importArticles } from '../store/import.js';
import { loadPhraseFreqs, openStore, PHRASE_FREQS_VERSION } from '../store/store.js';
import { FIXTURES, fixtureArticle } from '../store/test-fixtures.js';
import { warningsDuring, withOtherBuild } from '../store/testing/native-builds.js';
import { bm25Rows } from './bm25.js';
import { catalogOf } from './catalog.js';
import { int32List, integerList } from './integer-list.js';
import { search } from './search.js';

// The extension is built by `npm run build` (npm install runs it); a test run without it builds it.
const root = fileURLToPath(new URL('../..', import.meta.url));
if (!existsSync(`${root}/build/phrase-freqs.so`)) {
  spawnSync(process.execPath, ['scripts/build-native.mjs'], { cwd: root, stdio: 'inherit' });
}

// fixtures and articles of varied lengths and repetitions, so that frequencies and lengths matter
const articles = [
  ...FIXTURES,
  ...Array.from({ length: 40 }, (_, i) =>
    fixtureArticle(300 + i, {
      title: i % 3 ? `香港新聞${i}` : `國安法與香港 ${i}`,
      text: `${'香港'.repeat(1 + (i % 5))} 國安法 ${'填充文字。'.repeat(i)} carrie lam ${i % 2 ? 'covid-19' : 'covid-190'}`,
      tags: i % 4 ? ['香港'] : ['國安法', 'Carrie Lam'],
    }),
  ),
];
// long articles of random Han characters (they compress poorly, so snippets read the head of the
// body first) with a marker at known places, or only in the title (id 399)
const MARKER = '摘錄標記';
const MARKER_AT = [0, 40, 120, 300, 560, 700, 2500];
let seed = 7;
function randomHan(n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    out += String.fromCharCode(0x4e00 + (seed % 0x5000));
    if (i % 97 === 96) out += '\n\n';
  }
  return out;
}
function withMarkerAt(at: number): string {
  const text = randomHan(3000);
  // `at` Han characters before the marker (the paragraph breaks are not letters)
  let seen = 0;
  let i = 0;
  while (seen < at) if (text[i++] !== '\n') seen++;
  return `${text.slice(0, i)}${MARKER}${text.slice(i)}`;
}
function randomAscii(n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    out += 'abcdefghijklmnopqrstuvwxyz0123456789'[seed % 36];
  }
  return out;
}
// the marker near the start by the index's count (a link's address is no text), yet past the
// first kilobyte of the body: the small head does not hold it, the whole text is read
const PAST_A_LINK = `${randomHan(130)}\n\n[連結](https://example.com/${randomAscii(1400)})\n\n${randomHan(10)}${MARKER}${randomHan(500)}`;
const longArticles = [
  ...MARKER_AT.map((at, i) => fixtureArticle(390 + i, { title: `長文${i}`, text: withMarkerAt(at) })),
  fixtureArticle(398, { title: '長文連結', text: PAST_A_LINK }),
  fixtureArticle(399, { title: `長文${MARKER}`, text: randomHan(3000) }),
];
articles.push(...longArticles);
// a character of the last one's text, well past its start: a query of the marker (in its title
// only) and this one-character term has its window there, not at the start
const titleOnlyText = longArticles.at(-1)!.body;
const LATER_CHAR = titleOnlyText.slice(titleOnlyText.indexOf('\n\n') + 2).replace(/\n/g, '')[1500]!;

const native = openStore(':memory:');
importArticles(native, articles);

const QUERIES = [
  '"香港"',
  '"国安 安法"',
  '"香港" AND "国安 安法"',
  '("香港" OR "car arr rri rie") AND "国安 安法"',
  '"cov ovi vid id d\ue02d 19" *',
  '"car arr rri rie ie e\ue020 lam"',
  '"不存在的"',
];

test('the phrase-freqs extension is built and loaded', () => {
  assert.equal(native.phraseFreqs, true);
});

test('BM25 computed from phrase frequencies equals FTS5 bm25() bit for bit', () => {
  const c = catalogOf(native);
  for (const expr of QUERIES) {
    const phrases = [...expr.matchAll(/"[^"]*"( \*)?/g)].map((m) => m[0]);
    const want = native.db
      .prepare('SELECT rowid, bm25(fts, 10, 1, 3) FROM fts WHERE fts MATCH ?')
      .raw()
      .all(expr) as Array<[number, number]>;
    const got = bm25Rows(native, c, expr, phrases, [10, 1, 3]);
    assert.deepEqual(
      Array.from(got.ids),
      want.map((r) => r[0]),
      expr,
    );
    assert.deepEqual(
      Array.from(got.scores),
      want.map((r) => r[1]),
      expr,
    );
  }
  assert.ok(
    QUERIES.filter((q) => native.db.prepare('SELECT count(*) FROM fts WHERE fts MATCH ?').pluck().get(q))
      .length >= 5,
  );
});

test('row counts the caller knows (fts5vocab) give the same scores, and are used', () => {
  const c = catalogOf(native);
  native.db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab USING fts5vocab(main, 'fts', 'row')");
  const docs = native.db.prepare('SELECT doc FROM temp.vocab WHERE term = ?').pluck();
  const expr = '"香港" AND "国安 安法"';
  const phrases = ['"香港"', '"国安 安法"'];
  const want = native.db
    .prepare('SELECT rowid, bm25(fts, 10, 1, 3) FROM fts WHERE fts MATCH ?')
    .raw()
    .all(expr) as Array<[number, number]>;
  const known = bm25Rows(native, c, expr, phrases, [10, 1, 3], {
    knownRows: [docs.get('香港') as number, undefined],
  });
  assert.deepEqual(
    Array.from(known.scores),
    want.map((r) => r[1]),
  );
  // a wrong count changes the scores: the known one is what the IDF used
  const wrong = bm25Rows(native, c, expr, phrases, [10, 1, 3], { knownRows: [1, undefined] });
  assert.notDeepEqual(
    Array.from(wrong.scores),
    want.map((r) => r[1]),
  );
});

test("the extension's id_list() gives the ids group_concat gives, as 32-bit integers", () => {
  const packed = native.db.prepare('SELECT id_list(rowid) FROM fts WHERE fts MATCH ?').pluck();
  const digits = native.db
    .prepare('SELECT CAST(group_concat(rowid) AS BLOB) FROM fts WHERE fts MATCH ?')
    .pluck();
  for (const expr of QUERIES) {
    const want = Array.from(integerList(digits.get(expr) as Buffer | null));
    assert.deepEqual(Array.from(int32List(packed.get(expr) as Buffer | null)), want, expr);
  }
  assert.equal(packed.get('"不存在的"'), null);
  assert.throws(
    () => native.db.prepare('SELECT id_list(x) FROM (SELECT 4294967296 AS x)').get(),
    /beyond 32 bits/,
  );
});

test('BM25 rows say where the first match in a column is', () => {
  const c = catalogOf(native);
  const expr = '"摘录 录标 标记"';
  const rows = bm25Rows(native, c, expr, [expr], [10, 1, 3], { firstIn: 1 });
  const at = new Map(Array.from(rows.ids, (id, i) => [id, rows.firstIn![i]!]));
  assert.deepEqual(
    [...at].sort((a, b) => a[0] - b[0]),
    [...MARKER_AT.map((offset, i) => [390 + i, offset]), [398, 142], [399, -1]],
  );
});

test('search gives the same results with and without the extensions (BM25, snippets)', () => {
  const plain = openStore(':memory:', { native: false });
  importArticles(plain, articles);
  assert.equal(plain.phraseFreqs, false);
  for (const q of [
    '香港',
    '国安法 香港',
    '國安法 OR 新聞',
    'covid-19',
    '"carrie lam"',
    '國安法 -新聞',
    'lam 港',
    MARKER,
    `${MARKER} ${LATER_CHAR}`,
    `${MARKER} 長文`,
    '長文',
  ]) {
    const a = { ...search(native, q, { all: true, fresh: true }), tookMs: 0 };
    const b = { ...search(plain, q, { all: true, fresh: true }), tookMs: 0 };
    assert.deepEqual(a, b, q);
    assert.ok(a.total > 0, q);
  }
  plain.close();
});

test('a phrase-freqs build of another version is not used: FTS5 bm25() ranks, and it is said once', async () => {
  await withOtherBuild(
    'src/search/phrase-freqs.c',
    `PHRASE_FREQS_VERSION=${PHRASE_FREQS_VERSION - 1}`,
    'phrase-freqs.so',
    [],
    async (other) => {
      const warnings = await warningsDuring(() => {
        assert.equal(loadPhraseFreqs(openStore(':memory:', { native: false }).db, other), false);
        assert.equal(loadPhraseFreqs(openStore(':memory:', { native: false }).db, other), false);
        assert.equal(loadPhraseFreqs(openStore(':memory:', { native: false }).db), true);
      });
      assert.equal(warnings.length, 1);
      assert.match(
        warnings[0]!,
        new RegExp(
          `version ${PHRASE_FREQS_VERSION - 1} of the extension; this code reads version ${PHRASE_FREQS_VERSION}`,
        ),
      );
    },
  );
});
