import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { NotFoundError, SourceError } from '../lib/errors.js';
import type { FakeCapture } from './testing/fake-wayback.js';
import { writeWacz, writeWarc } from './testing/warc-writer.js';
import { checkWarcFile, readWarcFile, warcCaptureSource, warcDateToTimestamp } from './warc.js';

const dir = mkdtempSync(join(tmpdir(), 'backfile-warc-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const CAPTURES: FakeCapture[] = [
  {
    original: 'https://www.hkcnews.com/article/5/新聞',
    timestamp: '20210712045522',
    body: '<html>你好</html>',
  },
  {
    original: 'https://www.hkcnews.com/article/6/x',
    timestamp: '20210712045523',
    status: 301,
    location: '/article/6/y',
  },
  { original: 'https://www.hkcnews.com/aboutus', timestamp: '20210712045524', body: 'about' },
];

test('WARC dates become capture timestamps', () => {
  assert.equal(warcDateToTimestamp('2021-07-12T04:55:22Z'), '20210712045522');
  assert.equal(warcDateToTimestamp('2021-07-12T04:55:22.123456Z'), '20210712045522');
});

for (const name of ['c.warc', 'c.warc.gz', 'c.wacz']) {
  test(`reads response records from ${name}, filtered by URL`, async () => {
    const path = join(dir, name);
    if (name.endsWith('.wacz')) await writeWacz(path, CAPTURES);
    else await writeWarc(path, CAPTURES);
    const got = [];
    for await (const c of readWarcFile(path, (uri) => uri.includes('/article/'))) got.push(c);
    assert.equal(got.length, 2);
    assert.equal(got[0]!.original, 'https://www.hkcnews.com/article/5/%E6%96%B0%E8%81%9E');
    assert.equal(got[0]!.timestamp, '20210712045522');
    assert.equal(got[0]!.status, 200);
    assert.equal(got[0]!.body.toString(), '<html>你好</html>');
    assert.equal(got[1]!.status, 301);
    assert.equal(got[1]!.location, '/article/6/y');
    // each capture names its file (and WACZ entry) and record, for the record's capture_source
    const file = name.endsWith('.wacz') ? 'c.wacz!archive/data.warc.gz' : name;
    assert.equal(got[0]!.fileName, file);
    assert.match(got[0]!.recordId ?? '', /^urn:uuid:[0-9a-f-]{36}$/);
    assert.notEqual(got[0]!.recordId, got[1]!.recordId);
    assert.equal(got[0]!.offset, 0);
    assert.ok(got[1]!.offset > 0);
    assert.equal(warcCaptureSource(got[0]!), `warc:${file}#${got[0]!.recordId}`);
  });
}

test('a capture without a WARC-Record-ID is named by its offset', () => {
  assert.equal(warcCaptureSource({ fileName: 'a.warc', offset: 1234 }), 'warc:a.warc#offset=1234');
});

test('bad files give a SourceError naming the file', async () => {
  const bad = join(dir, 'bad.wacz');
  writeFileSync(bad, 'not a zip');
  await assert.rejects(
    (async () => {
      for await (const _ of readWarcFile(bad, () => true)) void _;
    })(),
    (err: unknown) => err instanceof SourceError && err.message.includes('bad.wacz'),
  );
  writeFileSync(join(dir, 'x.txt'), 'text');
  await assert.rejects(
    (async () => {
      for await (const _ of readWarcFile(join(dir, 'x.txt'), () => true)) void _;
    })(),
    (err: unknown) =>
      err instanceof SourceError && /x\.txt: not a \.warc, \.warc\.gz or \.wacz file/.test(err.message),
  );
});

test('checkWarcFile: a missing file, a folder, an unreadable file, a WACZ cut short or without WARC files', async () => {
  const missing = join(dir, 'missing.warc');
  await assert.rejects(checkWarcFile(missing), (err: unknown) => {
    assert.ok(err instanceof NotFoundError);
    assert.equal(err.message, `no such file: ${missing}`);
    assert.equal(err.exitCode, 3);
    return true;
  });
  const folder = join(dir, 'folder.warc');
  mkdirSync(folder);
  await assert.rejects(checkWarcFile(folder), /folder\.warc is a folder, not a \.warc/);
  const whole = join(dir, 'whole.wacz');
  await writeWacz(whole, CAPTURES);
  await checkWarcFile(whole);
  const bytes = readFileSync(whole);
  const cut = join(dir, 'cut.wacz');
  writeFileSync(cut, bytes.subarray(0, bytes.length - 100));
  await assert.rejects(checkWarcFile(cut), (err: unknown) => {
    assert.ok(err instanceof SourceError);
    assert.match(err.message, /cut\.wacz is not a WACZ file, or is cut short/);
    assert.equal(err.exitCode, 3);
    return true;
  });
  const none = join(dir, 'none.wacz');
  await writeWacz(none, []);
  // writeWacz always writes archive/data.warc.gz: an empty one holds no record
  await assert.rejects(checkWarcFile(none), /none\.wacz!archive\/data\.warc\.gz holds no WARC record/);
  if (process.getuid?.() !== 0) {
    const locked = join(dir, 'locked.warc');
    writeFileSync(locked, 'x', { mode: 0o000 });
    await assert.rejects(checkWarcFile(locked), /cannot read .*locked\.warc: permission denied/);
  }
});

test('an empty file, a file that is not a WARC, and a download cut short are refused, not read as empty', async () => {
  const whole = join(dir, 'whole.warc.gz');
  await writeWarc(whole, CAPTURES);
  const bytes = readFileSync(whole);
  const plain = join(dir, 'whole.warc');
  await writeWarc(plain, CAPTURES);
  const text = readFileSync(plain);
  // the second record's header, then part of its block
  const second = text.indexOf('WARC/1', 10);
  const cutInBlock = text.subarray(0, text.indexOf('\r\n\r\n', second) + 40);
  const cases: Array<[string, string | Buffer, RegExp]> = [
    ['empty.warc', '', /empty\.warc holds no WARC record/],
    ['text.warc', 'this is not a WARC file\nat all\n', /text\.warc is not a WARC file/],
    ['cut.warc.gz', bytes.subarray(0, bytes.length - 20), /cut\.warc\.gz is cut short or corrupt/],
    ['cut-block.warc', cutInBlock, /cut-block\.warc is cut short: record 2 declares [\d,]+ bytes/],
    ['cut-header.warc', text.subarray(0, second + 30), /cut-header\.warc is cut short or corrupt: record 2/],
    [
      'garbage.warc',
      Buffer.concat([text.subarray(0, second), Buffer.from('garbage where a record should start\r\n\r\n')]),
      /garbage\.warc is corrupt: no WARC record header at byte \d+ \(after 1 record\)/,
    ],
  ];
  for (const [name, content, message] of cases) {
    const path = join(dir, name);
    writeFileSync(path, content);
    await assert.rejects(
      (async () => {
        for await (const _ of readWarcFile(path, () => true)) void _;
      })(),
      (err: unknown) => err instanceof SourceError && message.test(err.message),
      name,
    );
  }
  // whole files, and one whose last record lacks only its closing blank lines, are read in full
  const trimmed = join(dir, 'trimmed.warc');
  writeFileSync(trimmed, text.subarray(0, text.length - 4));
  for (const path of [plain, trimmed]) {
    let n = 0;
    for await (const _ of readWarcFile(path, () => true)) n++;
    assert.equal(n, CAPTURES.length, path);
  }
});
