import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_QUERY_LENGTH, normalizeDatePrefix, parseQuery } from './query.js';

test('terms, phrases, OR and exclusions', () => {
  const q = parseQuery('香港 "carrie lam" 中美 OR 美中 -特首');
  assert.deepEqual(
    q.clauses.map((c) => c.map((t) => t.text)),
    [['香港'], ['carrie lam'], ['中美', '美中']],
  );
  assert.deepEqual(
    q.excluded.map((t) => t.text),
    ['特首'],
  );
  assert.equal(q.understood, '香港 "carrie lam" 中美 OR 美中 -特首');
  assert.deepEqual(q.warnings, []);
});

test('curly and full-width quotes quote, and a full-width minus excludes, as phones type them', () => {
  const q = parseQuery('“carrie lam” ＂反送中＂ 警察 －催淚彈 −水炮 author:“記者 甲”');
  assert.deepEqual(
    q.clauses.map((c) => c.map((t) => [t.text, t.quoted])),
    [[['carrie lam', true]], [['反送中', true]], [['警察', false]]],
  );
  assert.deepEqual(
    q.excluded.map((t) => t.text),
    ['催淚彈', '水炮'],
  );
  assert.deepEqual(q.authors, [parseQuery('author:"記者 甲"').authors[0]]);
  assert.equal(
    q.understood,
    parseQuery('"carrie lam" "反送中" 警察 -催淚彈 -水炮 author:"記者 甲"').understood,
  );
  assert.deepEqual(q.warnings, []);
  // 「」 are text, not quote marks; a minus inside a word is text too
  assert.deepEqual(
    parseQuery('「反送中」 六－四').clauses.map((c) => c[0]!.text),
    ['「反送中」', '六－四'],
  );
});

test('filters: author, tag, category (folded), dates', () => {
  const q = parseQuery('author:記者甲 tag:"Carrie Lam" category:眾說 date:2019-06..2019-12');
  assert.deepEqual(q.authors, ['记者甲']);
  assert.deepEqual(q.tags, ['carrie lam']);
  assert.deepEqual(q.categories, ['众说']);
  assert.deepEqual(q.date, { from: '2019-06', to: '2019-12' });
  assert.deepEqual(parseQuery('date:2020').date, { from: '2020', to: '2020' });
  assert.deepEqual(parseQuery('from:2020-1-5 to:2021').date, { from: '2020-01-05', to: '2021' });
  assert.deepEqual(parseQuery('date:..2019-06').date, { to: '2019-06' });
});

test('a second date filter narrows the first (as a year facet does)', () => {
  assert.deepEqual(parseQuery('x date:2019-06..2019-12 date:2019').date, { from: '2019-06', to: '2019-12' });
  assert.deepEqual(parseQuery('x date:2019 date:2019-06..2019-12').date, { from: '2019-06', to: '2019-12' });
  assert.deepEqual(parseQuery('x from:2019-06 date:2019').date, { from: '2019-06', to: '2019' });
  assert.deepEqual(parseQuery('x to:2019-03 date:2019').date, { from: '2019', to: '2019-03' });
  assert.deepEqual(parseQuery('x to:2019-03-05 to:2019-03').date, { to: '2019-03-05' });
  assert.deepEqual(parseQuery('x from:2019-03 from:2019-03-05').date, { from: '2019-03-05' });
  const apart = parseQuery('x date:2020 date:2019-02');
  assert.deepEqual(apart.date, { from: '2020', to: '2019-02' });
  assert.ok(
    apart.warnings.some((w) => w.includes('empty')),
    apart.warnings.join(),
  );
});

test('malformed dates and stray operators become warnings', () => {
  for (const bad of ['date:2019-13', 'date:20190', 'from:yesterday', 'date:..', 'to:2019-02-32']) {
    const q = parseQuery(bad);
    assert.equal(q.warnings.length, 1, bad);
    assert.deepEqual(q.date, {}, bad);
  }
  assert.equal(parseQuery('OR 香港').warnings.length, 1);
  assert.equal(parseQuery('香港 OR').warnings.length, 1);
  assert.equal(parseQuery('"香港').clauses[0]![0]!.text, '香港');
  assert.equal(parseQuery('"香港').warnings.length, 1);
  assert.ok(parseQuery('date:2020-12..2020-01').warnings.some((w) => w.includes('empty')));
});

test('or in lowercase between terms is searched as the word it is, with a warning', () => {
  const q = parseQuery('林鄭 or 特首');
  assert.deepEqual(
    q.clauses.map((c) => c.map((t) => t.text)),
    [['林鄭'], ['or'], ['特首']],
  );
  assert.deepEqual(q.notes, [{ code: 'lowercaseOr', values: ['or'] }]);
  assert.match(q.warnings[0]!, /write OR in capitals/);
  // not where it cannot mean either: quoted, alone, first, last, or the capital OR
  for (const quiet of [
    '"林鄭 or 特首"',
    'or',
    'or 特首',
    '林鄭 or',
    '林鄭 or  ',
    '林鄭 OR 特首',
    'rock "or" roll',
  ]) {
    assert.deepEqual(parseQuery(quiet).notes, [], quiet);
  }
  assert.equal(parseQuery('rock Or roll').notes[0]?.code, 'lowercaseOr');
});

test('queries without letters or digits are ignored with a warning', () => {
  const q = parseQuery('。 😀 *');
  assert.equal(q.clauses.length, 0);
  assert.equal(q.warnings.length, 3);
});

test('unknown fields and FTS syntax are plain text', () => {
  const q = parseQuery('title:國安 NEAR(a b) x*');
  assert.deepEqual(
    q.clauses.map((c) => c[0]!.text),
    ['title:國安', 'NEAR(a', 'b)', 'x*'],
  );
});

test('another word: prefix is searched as text, with a warning naming the filters', () => {
  const q = parseQuery('foo:bar 香港 -Title:國安 foo:baz');
  assert.deepEqual(
    q.clauses.map((c) => c[0]!.text),
    ['foo:bar', '香港', 'foo:baz'],
  );
  assert.deepEqual(
    q.excluded.map((t) => t.text),
    ['Title:國安'],
  );
  assert.deepEqual(q.warnings, [
    '"foo:" is not a filter (use author:, tag:, category:, date:, from:, to:, id:); it was searched as text',
    '"Title:" is not a filter (use author:, tag:, category:, date:, from:, to:, id:); it was searched as text',
  ]);
  // a URL, a time, a colon with nothing after it, a quoted phrase, a colon in Chinese text: no warning
  for (const text of [
    'https://www.hkcnews.com/x',
    'http://a',
    '10:30',
    'note: 香港',
    'note:',
    '"foo:bar"',
    '時間:10',
  ]) {
    assert.deepEqual(parseQuery(text).warnings, [], text);
  }
});

test('id: is the article of that number', () => {
  const q = parseQuery('id:174 ID:32181 國安法');
  assert.deepEqual(q.ids, [174, 32181]);
  assert.equal(q.understood, 'id:174 id:32181 國安法');
  assert.deepEqual(q.warnings, []);
  for (const bad of ['id:abc', 'id:0', 'id:-1', 'id:1234567890', 'id:"1 2"']) {
    const b = parseQuery(bad);
    assert.deepEqual(b.ids, [], bad);
    assert.match(b.warnings.join(), /is not an article number/, bad);
  }
  assert.match(parseQuery('id:').warnings.join(), /has no value/);
});

test('control characters are removed, with a warning naming them, and long queries shortened', () => {
  assert.equal(parseQuery('香\u0000港').clauses.length, 2);
  // a query of control characters only: nothing searched, and the reader is told why
  const only = parseQuery('\u0001');
  assert.equal(only.clauses.length, 0);
  assert.deepEqual(only.warnings, [
    'the control character U+0001 has no letters or digits to search for; it was ignored',
  ]);
  assert.deepEqual(parseQuery('香\u0000港\u0000 \u007f \ud800').warnings, [
    'the control characters U+0000, U+007F, U+D800 have no letters or digits to search for; they were ignored',
  ]);
  // tabs and line ends are spaces, not control characters to warn of
  assert.deepEqual(parseQuery('香港\t記者\r\n').warnings, []);
  const long = parseQuery('國'.repeat(MAX_QUERY_LENGTH + 50));
  assert.equal(long.clauses[0]![0]!.text.length, MAX_QUERY_LENGTH);
  assert.equal(long.warnings.length, 1);
});

test('date prefixes normalize', () => {
  assert.equal(normalizeDatePrefix('2019'), '2019');
  assert.equal(normalizeDatePrefix('2019-6'), '2019-06');
  assert.equal(normalizeDatePrefix('2019/06/03'), '2019-06-03');
  assert.equal(normalizeDatePrefix('2019-00'), undefined);
  assert.equal(normalizeDatePrefix('19-06'), undefined);
  // only days the month has
  assert.equal(normalizeDatePrefix('2020-02-29'), '2020-02-29');
  assert.equal(normalizeDatePrefix('2019-02-29'), undefined);
  assert.equal(normalizeDatePrefix('2020-04-31'), undefined);
  assert.match(parseQuery('香港 date:2020-02-30').warnings.join(), /is not a date/);
});

test('a word Traditional spells with other characters is searched in both spellings', () => {
  const q = parseQuery('回复 -借口 香港');
  assert.deepEqual(
    q.clauses.map((c) => c.map((t) => t.text)),
    [['回复', '回覆'], ['香港']],
  );
  assert.deepEqual(
    q.excluded.map((t) => t.text),
    ['借口', '藉口'],
  );
  assert.equal(q.understood, '回复 OR 回覆 -借口 -藉口 香港');
  // as part of an OR group too; the understood query parses back to the same clauses
  const or = parseQuery('了解 OR 明白');
  assert.deepEqual(
    or.clauses.map((c) => c.map((t) => t.text)),
    [['了解', '瞭解', '明白']],
  );
  assert.deepEqual(
    parseQuery(or.understood).clauses.map((c) => c.map((t) => t.folded)),
    or.clauses.map((c) => c.map((t) => t.folded)),
  );
});
