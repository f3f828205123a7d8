// parseRecord / serializeRecord on fixtures written here (never article text from the corpus).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FAILSAFE_SCHEMA, load } from 'js-yaml';
import { RecordError } from '../lib/errors.js';
import { layoutOf, MAX_RECORD_BYTES, parseRecord, serializeRecord } from './record.js';
import type { Article } from './types.js';

const URL_7 = 'https://web.archive.org/web/20210712045522/https://www.hkcnews.com/article/7/some-slug';
const ORIG_7 = 'https://www.hkcnews.com/article/7/some-slug';

/** A record in the corpus's layout; lines may be replaced by passing overrides. */
function record(fields: Record<string, string | null> = {}, body = '# 標題\n\n正文。\n'): string {
  const base: Record<string, string | null> = {
    title: 'title: "測試標題"',
    date: 'date: "2020-07-22"',
    author: 'author: "眾新聞記者"',
    category: 'category: "眾聞"',
    tags: 'tags:\n  - "甲"\n  - "乙"',
    url: `url: "${URL_7}"`,
    original_url: `original_url: "${ORIG_7}"`,
    ...fields,
  };
  const lines = Object.values(base).filter((v): v is string => v !== null);
  return `---\n${lines.join('\n')}\n---\n\n${body}`;
}

function roundTrip(text: string | Buffer, path = 'articles/1-1000/article_7.md'): Article {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const article = parseRecord(bytes, path);
  assert.ok(serializeRecord(article).equals(bytes), 'serialize(parse(file)) must give the same bytes');
  return article;
}

function rejects(text: string | Buffer, pattern: RegExp, path = 'x/article_7.md'): void {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  assert.throws(
    () => parseRecord(bytes, path),
    (err: unknown) => err instanceof RecordError && err.path === path && pattern.test(err.message),
  );
}

test('parses the fields of a typical record', () => {
  const a = roundTrip(record({ last_updated: 'last_updated: "2016-12-30 19:21:34"' }));
  assert.equal(a.id, 7);
  assert.equal(a.title, '測試標題');
  assert.equal(a.date, '2020-07-22');
  assert.equal(a.lastUpdated, '2016-12-30 19:21:34');
  assert.equal(a.author, '眾新聞記者');
  assert.equal(a.category, '眾聞');
  assert.deepEqual(a.tags, ['甲', '乙']);
  assert.equal(a.url, URL_7);
  assert.equal(a.captureTimestamp, '20210712045522');
  assert.equal(a.originalUrl, ORIG_7);
  assert.equal(a.body, '# 標題\n\n正文。\n');
  assert.deepEqual(a.extra, []);
});

test('absent keys: category, tags, last_updated undefined; empty values are ""', () => {
  const a = roundTrip(
    record({ category: null, tags: null, title: 'title: ""', date: 'date: ""', author: 'author:' }),
  );
  assert.equal(a.category, undefined);
  assert.equal(a.tags, undefined);
  assert.equal(a.lastUpdated, undefined);
  assert.equal(a.title, '');
  assert.equal(a.date, '');
  assert.equal(a.author, '');
});

test('"tags:" with no items is an empty list, and round-trips', () => {
  assert.deepEqual(roundTrip(record({ tags: 'tags:' })).tags, []);
  assert.deepEqual(roundTrip(record({ tags: 'tags: []' })).tags, []);
  assert.deepEqual(roundTrip(record({ tags: 'tags: ["a", b]' })).tags, ['a', 'b']);
});

test('decodes every YAML double-quoted escape', () => {
  const a = roundTrip(
    record({ title: String.raw`title: "q\" b\\ s\/ n\n t\t r\r z\0 x\x41 u\u00e9 U\U0001F600 e\e sp\ end"` }),
  );
  assert.equal(a.title, 'q" b\\ s/ n\n t\t r\r z\0 xA u\u00e9 U\u{1F600} e\x1b sp end');
});

test('folds multi-line double-quoted strings like YAML', () => {
  const a = roundTrip(record({ title: 'title: "first\n  second\n\n  third \\\n  joined"' }));
  assert.equal(a.title, 'first second\nthird joined');
  const y = load('t: "first\n  second\n\n  third \\\n  joined"', { schema: FAILSAFE_SCHEMA }) as {
    t: string;
  };
  assert.equal(a.title, y.t);
});

test('single-quoted and plain values', () => {
  const a = roundTrip(record({ title: "title: 'it''s'", author: 'author: plain words  # a comment' }));
  assert.equal(a.title, "it's");
  assert.equal(a.author, 'plain words');
});

test('agrees with js-yaml on a range of generated values', () => {
  const values = [
    'plain',
    'with "quotes"',
    'back\\slash',
    'tab\there',
    'line\nbreak',
    '\u2028sep',
    'é中文',
    '',
  ];
  for (const v of values) {
    const quoted = JSON.stringify(v); // JSON strings are valid YAML double-quoted strings
    const a = roundTrip(record({ title: `title: ${quoted}` }));
    const y = load(`title: ${quoted}`, { schema: FAILSAFE_SCHEMA }) as { title: string };
    assert.equal(a.title, y.title);
    assert.equal(a.title, v);
  }
});

test('control characters in a title (js-yaml refuses them) are read as they are', () => {
  const a = roundTrip(record({ title: 'title: "前\x1c\b後"' }));
  assert.equal(a.title, '前\x1c\b後');
  assert.equal(layoutOf(a)?.controlCharacters, true);
});

test('CRLF files round-trip and keep CRLF in the body', () => {
  const text = record({}, '# 標題\n\n正文。\n').replace(/\n/g, '\r\n');
  const a = roundTrip(text);
  assert.equal(a.title, '測試標題');
  assert.deepEqual(a.tags, ['甲', '乙']);
  assert.equal(a.body, '# 標題\r\n\r\n正文。\r\n');
  assert.equal(layoutOf(a)?.eol, '\r\n');
  a.title = '新';
  assert.match(serializeRecord(a).toString('utf8'), /^---\r\ntitle: "新"\r\ndate:/);
});

test('a BOM is kept', () => {
  const a = roundTrip(`\ufeff${record()}`);
  assert.equal(a.title, '測試標題');
  assert.equal(layoutOf(a)?.bom, true);
});

test('unknown keys are kept in order with their raw text', () => {
  const text = record({
    category: 'category: "眾聞"\nzeta: 1\nalpha:\n  nested: [x, y]\nweird:   "spaced"  ',
  });
  const a = roundTrip(text);
  assert.deepEqual(a.extra, [
    { key: 'zeta', raw: ' 1' },
    { key: 'alpha', raw: '\n  nested: [x, y]' },
    { key: 'weird', raw: '   "spaced"  ' },
  ]);
});

test('a changed field is rewritten in corpus style; the rest stays byte for byte', () => {
  const text = record({ title: "title: 'single'", author: 'author: plain' });
  const a = parseRecord(Buffer.from(text), 'article_7.md');
  a.author = '新 "作者"';
  a.tags = ['丙'];
  const out = serializeRecord(a).toString('utf8');
  assert.equal(
    out,
    text
      .replace('author: plain', 'author: "新 \\"作者\\""')
      .replace('tags:\n  - "甲"\n  - "乙"', 'tags:\n  - "丙"'),
  );
  // fields added go in corpus order, removed ones disappear
  a.lastUpdated = '2021-01-01 00:00:00';
  a.category = undefined;
  a.extra.push({ key: 'note', raw: ' "x"' });
  const out2 = serializeRecord(a).toString('utf8');
  assert.match(out2, /date: "2020-07-22"\nlast_updated: "2021-01-01 00:00:00"\nauthor:/);
  assert.doesNotMatch(out2, /category:/);
  assert.match(out2, /original_url: "[^"]+"\nnote: "x"\n---\n\n# 標題/);
  assert.equal(parseRecord(Buffer.from(out2), 'article_7.md').lastUpdated, '2021-01-01 00:00:00');
});

test('a capture that is not on the Wayback Machine: captured and capture_source are fields, and give the capture time', () => {
  const text = record({
    url: `url: "${ORIG_7}"`,
    original_url: `original_url: "${ORIG_7}"\ncaptured: "2025-01-01T08:09:10Z"\ncapture_source: "warc:crawl.warc.gz#urn:uuid:1"`,
  });
  const a = roundTrip(text);
  assert.equal(a.url, ORIG_7);
  assert.equal(a.captured, '2025-01-01T08:09:10Z');
  assert.equal(a.captureSource, 'warc:crawl.warc.gz#urn:uuid:1');
  assert.equal(a.captureTimestamp, '20250101080910');
  assert.deepEqual(a.extra, [], 'not unknown keys');
  // a Wayback capture URL names the capture time, whatever captured says
  const wayback = parseRecord(
    Buffer.from(record({ original_url: `original_url: "${ORIG_7}"\ncaptured: "2025-01-01T00:00:00Z"` })),
    'article_7.md',
  );
  assert.equal(wayback.captureTimestamp, '20210712045522');
  // the corpus's records have neither key, and none is added when written again
  const plain = roundTrip(record());
  assert.equal(plain.captured, undefined);
  assert.equal(plain.captureSource, undefined);
  // built from scratch, they follow original_url
  const { layout: _layout, ...scratch } = a;
  assert.match(
    serializeRecord(scratch).toString('utf8'),
    /original_url: "[^"]+"\ncaptured: "2025-01-01T08:09:10Z"\ncapture_source: "warc:crawl\.warc\.gz#urn:uuid:1"\n---\n/,
  );
});

test('tags changed in place are noticed', () => {
  const a = parseRecord(Buffer.from(record()), 'article_7.md');
  a.tags!.push('丙');
  assert.match(serializeRecord(a).toString('utf8'), /tags:\n {2}- "甲"\n {2}- "乙"\n {2}- "丙"\nurl:/);
});

test('a record built from scratch is written in the corpus conventions', () => {
  const article: Article = {
    id: 9,
    title: '標題 "引號" \\ 與\t控制\x1c',
    date: '2021-03-04',
    author: '記者',
    category: '眾說',
    tags: ['甲', 'b"c'],
    url: 'https://web.archive.org/web/20210101000000/https://www.hkcnews.com/article/9/x',
    originalUrl: 'https://www.hkcnews.com/article/9/x',
    body: '# 標題\n\n正文\n',
    extra: [{ key: 'source', raw: ' "recovered"' }],
  };
  const text = serializeRecord(article).toString('utf8');
  assert.equal(
    text,
    [
      '---',
      'title: "標題 \\"引號\\" \\\\ 與\\t控制\\x1C"',
      'date: "2021-03-04"',
      'author: "記者"',
      'category: "眾說"',
      'tags:',
      '  - "甲"',
      '  - "b\\"c"',
      'url: "https://web.archive.org/web/20210101000000/https://www.hkcnews.com/article/9/x"',
      'original_url: "https://www.hkcnews.com/article/9/x"',
      'source: "recovered"',
      '---',
      '',
      '# 標題',
      '',
      '正文',
      '',
    ].join('\n'),
  );
  // js-yaml reads it back to the same values, and so does parseRecord
  const y = load(text.split('---\n')[1]!, { schema: FAILSAFE_SCHEMA }) as Record<string, unknown>;
  assert.equal(y.title, article.title);
  const back = parseRecord(Buffer.from(text), 'article_9.md');
  assert.equal(back.title, article.title);
  assert.deepEqual(back.tags, article.tags);
  assert.equal(back.body, article.body);
});

test('scratch records without optional fields, and with empty tags', () => {
  const text = serializeRecord({
    id: 1,
    title: '',
    date: '',
    author: '',
    url: '',
    originalUrl: 'https://www.hkcnews.com/article/1/x',
    body: '',
    extra: [],
    tags: [],
  }).toString('utf8');
  assert.equal(
    text,
    '---\ntitle: ""\ndate: ""\nauthor: ""\ntags: []\nurl: ""\noriginal_url: "https://www.hkcnews.com/article/1/x"\n---\n\n',
  );
});

test('id comes from original_url; a file name that disagrees is kept (anomaly, not rejection)', () => {
  const a = roundTrip(record(), 'articles/1-1000/article_8.md');
  assert.equal(a.id, 7);
  assert.equal(layoutOf(a)?.fileId, 8);
});

test('id from the file name when original_url has none; rejected when neither has one', () => {
  const text = record({ original_url: 'original_url: "https://www.hkcnews.com/aboutus"' });
  const a = roundTrip(text, 'article_12.md');
  assert.equal(a.id, 12);
  assert.equal(layoutOf(a)?.idFromFileName, true);
  rejects(text, /no article id/, 'notes.md');
});

test('an id past 2,147,483,647, from original_url or the file name, is rejected, saying why', () => {
  const huge = record({ original_url: 'original_url: "https://www.hkcnews.com/article/99999999999/x"' });
  rejects(huge, /article id 99999999999 is out of range/);
  const none = record({ original_url: 'original_url: "https://www.hkcnews.com/aboutus"' });
  rejects(none, /article id 2147483648 is out of range/, 'article_2147483648.md');
  assert.equal(roundTrip(none, 'article_2147483647.md').id, 2_147_483_647);
});

test('invalid UTF-8 is read (U+FFFD), written back unchanged, and never replaced on rewrite', () => {
  const good = Buffer.from(record({}, '# 標題\n\nAB\n'));
  const at = good.indexOf('AB');
  const bad = Buffer.concat([good.subarray(0, at), Buffer.from([0xff, 0xfe, 0xe4]), good.subarray(at)]);
  const a = roundTrip(bad);
  assert.ok(a.body.includes('\ufffd'));
  assert.ok(layoutOf(a)?.invalidUtf8);
  a.title = 'changed';
  assert.throws(
    () => serializeRecord(a),
    (e: unknown) => e instanceof RecordError && /not valid UTF-8/.test(e.message),
  );
});

test('bad input gives clear per-file reasons', () => {
  rejects(Buffer.concat([Buffer.from(record()), Buffer.from([0, 1, 2])]), /NUL byte at offset \d+/);
  rejects('# just markdown\n', /no frontmatter/);
  rejects('', /^empty file$/);
  rejects('\n', /no frontmatter/);
  const utf16le = Buffer.from(record(), 'utf16le');
  const utf16be = Buffer.from(utf16le).swap16();
  for (const bytes of [
    utf16le,
    utf16be,
    Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le]),
    Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be]),
  ])
    rejects(bytes, /^UTF-16 text \(expected UTF-8\)$/);
  // a NUL byte after text that is not UTF-16 is still a NUL byte
  rejects(Buffer.concat([Buffer.from('---\n'), Buffer.from([0])]), /NUL byte at offset 4/);
  rejects('---', /not closed/);
  rejects('----\ntitle: "x"\n---\n', /first line is not "---"/);
  rejects('---\ntitle: "x"\nbody without closing\n', /not closed/);
  rejects(record({ title: 'title: "unclosed' }), /broken YAML/);
  rejects(record({ title: 'title: [a, b' }), /broken YAML/);
  rejects(record({ title: 'title: {a: 1}' }), /title must be a string/);
  rejects(record({ date: 'date: "2020-01-01"\ndate: "2020-01-02"' }), /"date" appears twice/);
  rejects(record({ title: 'this line has no colon' }), /broken YAML|not "key: value"/);
  rejects(record({ author: 'author: plain\nstray text' }), /broken YAML/);
  rejects(record({ title: 'title: "bad \\q escape"' }), /broken YAML/);
});

test('a 50 MB file is refused with its size', () => {
  const big = Buffer.alloc(50 * 1024 * 1024, 0x61);
  assert.ok(big.length > MAX_RECORD_BYTES);
  rejects(big, /50\.0 MB, more than the 10\.0 MB/);
});

test('forms only js-yaml handles are read through it (block scalars)', () => {
  const a = roundTrip(record({ title: 'title: |\n  line one\n  line two' }));
  assert.equal(a.title, 'line one\nline two\n');
});

test('a record that ends right after the closing delimiter has an empty body', () => {
  const a = roundTrip('---\ntitle: "x"\noriginal_url: "https://www.hkcnews.com/article/3/x"\n---');
  assert.equal(a.body, '');
  assert.equal(a.id, 3);
});
