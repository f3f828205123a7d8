import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ARTICLE_COLUMNS, captureTime, csvField } from './csv.js';
import { EXPORT_FORMATS, exportText } from './export.js';
import { exportRecord as record } from './testing/records.js';

test('fields are quoted only when they hold a comma, a quote or a line break', () => {
  assert.equal(csvField('國安法'), '國安法');
  assert.equal(csvField('a, b'), '"a, b"');
  assert.equal(csvField('他說"好"'), '"他說""好"""');
  assert.equal(csvField('一\n二'), '"一\n二"');
  assert.equal(csvField(null), '');
  assert.equal(csvField(42), '42');
});

test('a text field that a spreadsheet would run as a formula is kept as text', () => {
  for (const s of ['=HYPERLINK("http://x")', '+1', '-2', '@SUM(A1)', '\tx']) {
    assert.match(csvField(s, true), /^"?'/, s);
  }
  assert.equal(csvField('-1', false), '-1', 'numbers and addresses are not text fields');
  assert.equal(csvField('香港 -1', true), '香港 -1');
});

test("no field of a record's text starts a formula: dates, addresses and the timestamp neither", () => {
  const csv = exportText(EXPORT_FORMATS.csv, [
    record({
      date: '=HYPERLINK("https://evil.example","x")',
      lastUpdated: '@SUM(1+1)*cmd|" /C calc"!A0',
      originalUrl: '-2+3',
      url: '+1',
      captureTimestamp: '=1',
    }),
  ]);
  const fields = csv
    .slice(1)
    .split('\r\n')[1]!
    .match(/("(?:[^"]|"")*"|[^,]*)(?=,|$)/g)!;
  for (const field of fields) assert.doesNotMatch(field, /^"?[=+\-@\t\r]/, field);
});

test('an article export: BOM, header, one CRLF line per article in the order given', () => {
  const csv = exportText(EXPORT_FORMATS.csv, [
    record(),
    record({ id: 7, storyId: 3, title: '標題, 有逗號', tags: [], category: null, lastUpdated: null }),
  ]);
  assert.ok(csv.startsWith('\ufeff'));
  const lines = csv.slice(1).split('\r\n');
  assert.equal(lines.at(-1), '');
  assert.equal(lines[0], ARTICLE_COLUMNS.join(','));
  assert.equal(
    lines[1],
    '101,2021-06-30,2021-07-01,國安法實施一周年,記者甲,眾聞,國安法; 香港政治,https://www.hkcnews.com/article/101,https://www.hkcnews.com/article/101/x,https://web.archive.org/web/20210701000000/https://www.hkcnews.com/article/101/x,20210701000000,101,2021-07-01 00:00:00',
  );
  assert.match(lines[2]!, /^7,2021-06-30,,"標題, 有逗號",記者甲,,,/);
  // the story it is a version of, named by its first version's id
  assert.match(lines[2]!, /,3,2021-07-01 00:00:00$/);
  assert.equal(lines.length, 4);
});

test('the capture time is given as a spreadsheet reads a date and time, UTC as Wayback gives it', () => {
  assert.equal(captureTime('20200615001741'), '2020-06-15 00:17:41');
  for (const odd of [null, '', '2020061500174', '202006150017411', '=1', '2020-06-15'])
    assert.equal(captureTime(odd), '', String(odd));
});
