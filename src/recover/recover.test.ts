import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { SAMPLE_TARBALL } from '../../test/support/corpus.js';
import { parseRecord } from '../corpus/record.js';
import type { Article } from '../corpus/types.js';
import { BackfileError, NotFoundError, SourceError } from '../lib/errors.js';
import { decodePage, type RecoverOptions, recover } from './recover.js';
import { RecoverState } from './state.js';
import {
  type FakeCapture,
  type FakeWayback,
  randomFaults,
  startFakeWayback,
} from './testing/fake-wayback.js';
import { capturesOf, compareRecords, describeDifference, loadRecords } from './testing/round-trip.js';
import { writeWacz, writeWarc } from './testing/warc-writer.js';

const REPO = join(import.meta.dirname, '../..');
const haveSample = existsSync(SAMPLE_TARBALL);
const work = mkdtempSync(join(tmpdir(), 'backfile-recover-'));
let records: Article[] = [];
after(() => rmSync(work, { recursive: true, force: true }));

before(async () => {
  if (haveSample) records = await loadRecords(SAMPLE_TARBALL);
});

const FAREWELL =
  '<html><head><meta property="og:title" content="眾新聞告別    感謝讀者"></head><body><h1>眾新聞告別</h1></body></html>';

function bump(ts: string, years: number): string {
  return String(Number(ts.slice(0, 4)) + years) + ts.slice(4);
}

/**
 * The records' own captures plus the troubles archives have: newer soft-404 (closure notice)
 * captures, newer captures listed as 200 that replay as redirects, empty captures, duplicate rows
 * under the http/bare-host form, and older versions of the page.
 */
function capturesWithTroubles(recs: Article[]): FakeCapture[] {
  const caps = capturesOf(recs);
  recs.forEach((r, i) => {
    const ts = r.captureTimestamp;
    if (!ts || r.body.trim() === '') return;
    const bare = r.originalUrl.replace('https://www.', 'http://');
    if (i % 10 === 0) caps.push({ original: r.originalUrl, timestamp: bump(ts, 2), body: FAREWELL });
    if (i % 15 === 1) {
      caps.push({
        original: r.originalUrl,
        timestamp: bump(ts, 1),
        listedStatus: 200,
        status: 302,
        location: 'https://www.hkcnews.com/',
      });
    }
    if (i % 17 === 2) caps.push({ original: r.originalUrl, timestamp: bump(ts, 3), body: '' });
    if (i % 20 === 3) caps.push({ original: bare, timestamp: ts, body: capturesOf([r])[0]!.body });
    if (i % 25 === 4)
      caps.push({
        original: r.originalUrl,
        timestamp: bump(ts, -1),
        body: '<html><body>older</body></html>',
      });
  });
  return caps;
}

/** Every file of an output folder (records and manifest) by relative path. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (!name.startsWith('.backfile-recover')) out.set(relative(dir, p), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

/**
 * Asserts two output folders (snapshots) hold the same files with the same bytes. A failure names
 * the files that differ and, for the manifest, its lines that differ, instead of printing every
 * record (article text does not belong in a test log).
 */
function assertSameFiles(actual: Map<string, string>, expected: Map<string, string>): void {
  const problems: string[] = [];
  for (const path of new Set([...actual.keys(), ...expected.keys()])) {
    const a = actual.get(path);
    const e = expected.get(path);
    if (a === e) continue;
    if (a === undefined || e === undefined) {
      problems.push(`${path}: ${a === undefined ? 'missing' : 'not expected'}`);
      continue;
    }
    const al = a.split('\n');
    const el = e.split('\n');
    const lines: string[] = [];
    for (let i = 0; i < Math.max(al.length, el.length) && lines.length < 6; i++) {
      if (al[i] === el[i]) continue;
      const show = (s: string | undefined) =>
        path.endsWith('.tsv') ? JSON.stringify(s) : `${(s ?? '').length} chars`;
      lines.push(`  line ${i + 1}: got ${show(al[i])}, expected ${show(el[i])}`);
    }
    problems.push(`${path} differs\n${lines.join('\n')}`);
  }
  assert.ok(problems.length === 0, `${problems.length} files differ:\n${problems.slice(0, 10).join('\n')}`);
}

function recoveredRecords(dir: string): Map<number, Article> {
  const out = new Map<number, Article>();
  for (const [path, text] of snapshot(dir)) {
    if (!path.endsWith('.md')) continue;
    const a = parseRecord(Buffer.from(text), path);
    out.set(a.id, a);
  }
  return out;
}

const UNLIMITED: RecoverOptions['http'] = { pageRate: 0, cdxRate: 0 };

async function run(fake: FakeWayback, out: string, extra: Partial<RecoverOptions> = {}) {
  return recover({
    site: 'hkcnews',
    out,
    waybackBase: fake.url,
    keepEmpty: true,
    quiet: true,
    cdxPageSize: 400,
    http: UNLIMITED,
    ...extra,
  });
}

let cleanSubset: Map<string, string> | undefined;
const subset = () => records.filter((_, i) => i % 4 === 0);

test('round trip through a fake Wayback Machine: every field comes back', {
  skip: !haveSample && 'no sample corpus',
}, async (t) => {
  const fake = await startFakeWayback({ captures: capturesWithTroubles(records) });
  const out = join(work, 'wayback');
  const summary = await run(fake, out);
  await fake.close();
  const cmp = compareRecords(records, recoveredRecords(out));
  for (const d of cmp.differences) t.diagnostic(describeDifference(d));
  t.diagnostic(`${cmp.fieldExact}/${cmp.records} field-exact, ${cmp.bodyExact} with byte-identical bodies`);
  assert.ok(cmp.fieldExact / cmp.records >= 0.999, `${cmp.fieldExact}/${cmp.records} field-exact`);
  assert.equal(summary.total, records.length);
  assert.equal(summary.failed.length, 0);
  assert.equal(summary.recovered + summary.empty, records.length);
  // one replay per article plus one per trouble capture met on the way, never the duplicates
  const replays = fake.requests('replay').length;
  assert.ok(replays < records.length * 1.3, `${replays} replays`);
  // the manifest: one line per article with the sha256 of its file
  const manifest = readFileSync(summary.manifestPath, 'utf8').trim().split('\n');
  assert.equal(manifest.length, records.length + 1);
  const [, first] = manifest;
  const [id, status, capture, sha] = first!.split('\t');
  assert.equal(status, 'recovered');
  assert.match(capture!, /^https:\/\/web\.archive\.org\/web\/\d{14}\//);
  assert.match(sha!, /^[0-9a-f]{64}$/);
  assert.ok(Number(id) > 0);
});

test('with faults injected the output equals a fault-free run', {
  skip: !haveSample && 'no sample corpus',
}, async () => {
  const caps = capturesWithTroubles(subset());
  const clean = await startFakeWayback({ captures: caps });
  await run(clean, join(work, 'subset-clean'));
  await clean.close();
  cleanSubset = snapshot(join(work, 'subset-clean'));

  const faulty = await startFakeWayback({
    captures: caps,
    faults: randomFaults({
      seed: 11,
      share: 0.25,
      faults: [
        { type: '429', retryAfter: '0.01' },
        { type: '429' },
        { type: 'reset' },
        { type: 'truncate' },
        { type: '503' },
        { type: 'slow', ms: 400 },
      ],
    }),
  });
  const summary = await run(faulty, join(work, 'subset-faulty'), {
    http: {
      ...UNLIMITED,
      timeoutMs: 150,
      backoffBaseMs: 2,
      backoffMaxMs: 10,
      retryAfterDefaultMs: 10,
      maxAttempts: 8,
    },
  });
  await faulty.close();
  const kinds = new Set(faulty.log.map((e) => e.fault).filter(Boolean));
  assert.deepEqual([...kinds].sort(), ['429', '503', 'reset', 'slow', 'truncate']);
  assert.ok(summary.http!.throttled > 0 && summary.http!.truncated > 0 && summary.http!.retries > 0);
  assert.equal(summary.failed.length, 0);
  assertSameFiles(snapshot(join(work, 'subset-faulty')), cleanSubset);
});

test('a run killed with SIGKILL and started again ends with the same output', {
  skip: !haveSample && 'no sample corpus',
}, async () => {
  const caps = capturesWithTroubles(subset());
  cleanSubset ??= await (async () => {
    const clean = await startFakeWayback({ captures: caps });
    await run(clean, join(work, 'subset-clean'));
    await clean.close();
    return snapshot(join(work, 'subset-clean'));
  })();
  const fake = await startFakeWayback({ captures: caps });
  const out = join(work, 'killed');
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/bin.ts',
      'recover',
      '--site',
      'hkcnews',
      '--out',
      out,
      '--keep-empty',
      '--quiet',
      '--wayback-base',
      fake.url,
      '--rate',
      '40',
      '--cdx-rate',
      '0',
    ],
    { cwd: REPO, stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const countFiles = () => {
    const dir = join(out, 'articles');
    if (!existsSync(dir)) return 0;
    return readdirSync(dir).reduce((n, d) => n + readdirSync(join(dir, d)).length, 0);
  };
  const deadline = Date.now() + 60_000;
  while (countFiles() < 40 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  child.kill('SIGKILL');
  await exited;
  const written = countFiles();
  assert.ok(written >= 40 && written < subset().length, `killed after ${written} files`);
  const before = fake.requests('replay').length;
  const summary = await run(fake, out);
  const after = fake.requests('replay').length - before;
  await fake.close();
  assert.ok(summary.resumed >= 30, `${summary.resumed} resumed`);
  // articles finished before the kill are not fetched again
  assert.ok(after < caps.length - summary.resumed + 5, `${after} replays after the restart`);
  const files = snapshot(out);
  assert.ok(![...files.keys()].some((p) => p.endsWith('.tmp')), 'no partial file left');
  assertSameFiles(files, cleanSubset);
});

test('a run that dies between writing a record and noting it takes the record as its own when started again', async () => {
  const page = (id: number) =>
    `<html><head><meta property="og:title" content="標題${id}"></head><body><h1 class="article-title">標題${id}</h1>` +
    `<time class="article-date" datetime="2021-01-02"></time><span class="article-author">記者</span>` +
    `<div class="article-content"><p>內容 ${id}</p></div></body></html>`;
  const captures: FakeCapture[] = [7, 8, 9].map((id) => ({
    original: `https://www.hkcnews.com/article/${id}/x`,
    timestamp: '20210601000000',
    body: page(id),
  }));
  const fake = await startFakeWayback({ captures });
  const out = join(work, 'died-after-write');
  // the outcome of article 8 cannot be noted, as when the process is killed right after its rename
  const setOutcome = RecoverState.prototype.setOutcome;
  RecoverState.prototype.setOutcome = function (this: RecoverState, id, status, fields) {
    if (id === 8 && status === 'recovered') throw new Error('killed');
    return setOutcome.call(this, id, status, fields);
  };
  try {
    await assert.rejects(run(fake, out, { concurrency: 1 }), /killed/);
  } finally {
    RecoverState.prototype.setOutcome = setOutcome;
  }
  assert.ok(existsSync(join(out, 'articles/1-1000/article_8.md')), 'the record was written');
  const summary = await run(fake, out);
  await fake.close();
  assert.equal(summary.kept, 0, 'its own record is not taken for one it did not write');
  assert.equal(summary.recovered, 3);
  const manifest = readFileSync(join(out, 'manifest.tsv'), 'utf8');
  assert.match(manifest, /^8\trecovered\thttps:\/\/web\.archive\.org\/web\/20210601000000\//m);
});

/**
 * A capture as a WARC of Wayback replays holds it: the target URI is the `id_` replay URL, and the
 * WARC-Date is when the replay was downloaded, long after the capture.
 */
function asReplay(c: FakeCapture): FakeCapture {
  return {
    ...c,
    original: `https://web.archive.org/web/${c.timestamp}id_/${c.original}`,
    timestamp: '20250301000000',
  };
}

test('WARC, WARC.gz and WACZ files of Wayback replays give the records the Wayback run gave', {
  skip: !haveSample && 'no sample corpus',
}, async (t) => {
  const caps = capturesWithTroubles(records).map(asReplay);
  const third = Math.ceil(caps.length / 3);
  // reversed order in one file: the newest capture must win whatever the order
  const files = [join(work, 'a.warc'), join(work, 'b.warc.gz'), join(work, 'c.wacz')];
  await writeWarc(files[0]!, caps.slice(0, third));
  await writeWarc(files[1]!, caps.slice(third, 2 * third).reverse());
  await writeWacz(files[2]!, caps.slice(2 * third));
  const out = join(work, 'warc');
  const summary = await recover({
    site: 'hkcnews',
    out,
    from: 'warc',
    warcFiles: files,
    keepEmpty: true,
    quiet: true,
  });
  const cmp = compareRecords(records, recoveredRecords(out));
  for (const d of cmp.differences) t.diagnostic(describeDifference(d));
  assert.ok(cmp.fieldExact / cmp.records >= 0.999, `${cmp.fieldExact}/${cmp.records}`);
  assert.equal(summary.failed.length, 0);
  // byte for byte what the Wayback run wrote
  assertSameFiles(snapshot(out), snapshot(join(work, 'wayback')));
  // a second run over the same files changes nothing
  await recover({ site: 'hkcnews', out, from: 'warc', warcFiles: files, keepEmpty: true, quiet: true });
  assertSameFiles(snapshot(out), snapshot(join(work, 'wayback')));
});

/** An hkcnews article page with a site-relative link, an outside link and a figure. */
function pageWithLinks(id: number, title = `標題${id}`): string {
  return (
    `<html><head><meta property="og:title" content="${title}"></head><body><h1 class="article-title">${title}</h1>` +
    `<time class="article-date" datetime="2021-01-02"></time><span class="article-author">記者</span>` +
    `<div class="article-content"><p>內容 ${id}，<a href="/article/5/y">另文</a>，<a href="https://example.org/a">外站</a></p>` +
    `<figure><img src="/uploads/${id}.jpg" alt=""><figcaption>圖 ${id}</figcaption></figure></div></body></html>`
  );
}

const warcRun = (out: string, warcFiles: string[], extra: Partial<RecoverOptions> = {}) =>
  recover({ site: 'hkcnews', out, from: 'warc', warcFiles, quiet: true, ...extra });

test("a WARC of one's own crawl: records name the WARC record they came from, no Wayback capture is made up", async () => {
  const own = join(work, 'own-crawl.warc');
  await writeWarc(
    own,
    [7, 8].map((id) => ({
      original: `https://www.hkcnews.com/article/${id}/x`,
      timestamp: '20230405060708',
      body: pageWithLinks(id),
    })),
  );
  // a Wayback replay of an older capture of 8, downloaded after the crawl: the crawl is the newer capture
  const replays = join(work, 'replays.warc.gz');
  await writeWarc(replays, [
    asReplay({
      original: 'https://www.hkcnews.com/article/8/x',
      timestamp: '20210101000000',
      body: pageWithLinks(8, '舊'),
    }),
    asReplay({
      original: 'https://www.hkcnews.com/article/9/x',
      timestamp: '20210101000000',
      body: pageWithLinks(9),
    }),
  ]);
  const out = join(work, 'own-crawl');
  const summary = await warcRun(out, [own, replays]);
  assert.equal(summary.recovered, 3);
  const got = recoveredRecords(out);
  const a = got.get(7)!;
  assert.equal(a.url, 'https://www.hkcnews.com/article/7/x');
  assert.equal(a.originalUrl, 'https://www.hkcnews.com/article/7/x');
  assert.equal(a.captured, '2023-04-05T06:07:08Z');
  assert.match(a.captureSource ?? '', /^warc:own-crawl\.warc#urn:uuid:[0-9a-f-]{36}$/);
  assert.equal(a.captureTimestamp, '20230405060708', 'the capture time is read back from the record');
  assert.match(a.body, /\[另文\]\(https:\/\/www\.hkcnews\.com\/article\/5\/y\)/);
  assert.match(a.body, /<img src="https:\/\/www\.hkcnews\.com\/uploads\/7\.jpg"/);
  assert.equal(got.get(8)!.title, '標題8', 'the newest capture wins, by capture time, not download time');
  for (const id of [7, 8]) {
    const text = readFileSync(join(out, 'articles/1-1000', `article_${id}.md`), 'utf8');
    assert.ok(!text.includes('web.archive.org') && !text.includes('/web/'), `${id}: no Wayback URL`);
  }
  // a Wayback replay stays what it is: its capture URL and time, images as im_ captures
  const w = got.get(9)!;
  assert.equal(w.url, 'https://web.archive.org/web/20210101000000/https://www.hkcnews.com/article/9/x');
  assert.equal(w.captured, undefined);
  assert.match(
    w.body,
    /<img src="https:\/\/web\.archive\.org\/web\/20210101000000im_\/https:\/\/www\.hkcnews\.com\/uploads\/9\.jpg"/,
  );
  // the manifest: the WARC record, the original URL and the capture time; the Wayback URL for 9
  const rows = readFileSync(summary.manifestPath, 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split('\t'));
  assert.deepEqual(rows[0], ['id', 'status', 'capture', 'sha256', 'reason', 'original', 'captured', 'path']);
  const row7 = rows.find((r) => r[0] === '7')!;
  assert.equal(row7[2], a.captureSource);
  assert.equal(row7[5], 'https://www.hkcnews.com/article/7/x');
  assert.equal(row7[6], '2023-04-05T06:07:08Z');
  assert.equal(row7[7], join('articles', '1-1000', 'article_7.md'));
  const row9 = rows.find((r) => r[0] === '9')!;
  assert.equal(row9[2], w.url);
  assert.equal(row9[6], '2021-01-01T00:00:00Z');
  assert.ok(!rows.some((r) => r[0] !== '9' && r.join(' ').includes('web.archive.org')));
  // a record an earlier version wrote from the same capture with a made-up Wayback URL is written again
  const state = new RecoverState(join(out, '.backfile-recover.sqlite'));
  const before = state.article(7)!;
  state.setOutcome(7, 'recovered', {
    capture: `https://web.archive.org/web/20230405060708/${a.originalUrl}`,
    original: a.originalUrl,
    timestamp: '20230405060708',
    path: before.path!,
    sha256: before.sha256!,
  });
  state.close();
  await warcRun(out, [own, replays]);
  const again = readFileSync(summary.manifestPath, 'utf8');
  assert.match(again, /^7\trecovered\twarc:own-crawl\.warc#/m);
});

test('every input file is checked before anything is written, and a refused one leaves no folder behind', async () => {
  const good = join(work, 'check-good.warc');
  await writeWarc(good, [
    { original: 'https://www.hkcnews.com/article/7/x', timestamp: '20230101000000', body: pageWithLinks(7) },
  ]);
  const whole = readFileSync(good);
  const cut = join(work, 'check-cut.warc');
  writeFileSync(cut, whole.subarray(0, whole.length - 200));
  const out = join(work, 'check-new');
  await assert.rejects(warcRun(out, [good, cut]), (err: unknown) => {
    assert.ok(err instanceof SourceError);
    assert.match(err.message, /check-cut\.warc is cut short/);
    return true;
  });
  assert.ok(!existsSync(out), 'no output folder');
  await assert.rejects(warcRun(out, [good, join(work, 'nowhere.warc')]), (err: unknown) => {
    assert.ok(err instanceof NotFoundError);
    assert.equal(err.exitCode, 3);
    assert.match(err.message, /^no such file: .*nowhere\.warc$/);
    return true;
  });
  assert.ok(!existsSync(out), 'no output folder');
  // an output folder that is there is left as it was: no state file, no manifest
  mkdirSync(out);
  await assert.rejects(warcRun(out, [cut]), SourceError);
  assert.deepEqual(readdirSync(out), []);
});

test('an error found only while a file is read leaves the manifest of what was written, and says so', async () => {
  const good = join(work, 'mid-good.warc');
  await writeWarc(
    good,
    [7, 8].map((id) => ({
      original: `https://www.hkcnews.com/article/${id}/x`,
      timestamp: '20230101000000',
      body: pageWithLinks(id),
    })),
  );
  // a whole gzip file (so the check passes) whose second member is not a WARC record
  const one = join(work, 'mid-one.warc.gz');
  await writeWarc(one, [
    { original: 'https://www.hkcnews.com/article/9/x', timestamp: '20230101000000', body: pageWithLinks(9) },
  ]);
  const bad = join(work, 'mid-bad.warc.gz');
  writeFileSync(bad, Buffer.concat([readFileSync(one), gzipSync('not a WARC record\r\n\r\n')]));
  const out = join(work, 'mid');
  await assert.rejects(warcRun(out, [good, bad]), (err: unknown) => {
    assert.ok(err instanceof BackfileError);
    assert.equal(err.exitCode, 3);
    assert.match(
      err.message,
      /mid-bad\.warc\.gz is corrupt: no WARC record header at record 2 .*\(3 records were written before it, listed in .*manifest\.tsv\)$/,
    );
    assert.ok(!err.message.includes('\n'), 'one line');
    return true;
  });
  const manifest = readFileSync(join(out, 'manifest.tsv'), 'utf8');
  for (const id of [7, 8, 9]) assert.match(manifest, new RegExp(`^${id}\trecovered\twarc:`, 'm'));
});

test('records already in the folder are found whatever their layout, kept, and replaced where they are with --overwrite', async () => {
  const warc = join(work, 'layout.warc');
  await writeWarc(
    warc,
    [7, 8, 9].map((id) => ({
      original: `https://www.hkcnews.com/article/${id}/x`,
      timestamp: '20230101000000',
      body: pageWithLinks(id),
    })),
  );
  const out = join(work, 'layout');
  // 7 in one flat folder, 8 under a name of another scheme (its id in original_url), and a README
  const flat = join(out, 'articles', 'article_7.md');
  const other = join(out, 'old', '8.md');
  const foreign = (id: number) =>
    `---\ntitle: "舊${id}"\ndate: ""\nauthor: ""\nurl: ""\noriginal_url: "https://www.hkcnews.com/article/${id}/x"\n---\n\n`;
  mkdirSync(dirname(flat), { recursive: true });
  mkdirSync(dirname(other), { recursive: true });
  writeFileSync(flat, foreign(7));
  writeFileSync(other, foreign(8));
  writeFileSync(join(out, 'README.md'), '# not a record\n');
  const mdFiles = () =>
    [...snapshot(out).keys()].filter((p) => p.endsWith('.md') && p !== 'README.md').sort();
  const kept = await warcRun(out, [warc]);
  assert.equal(kept.kept, 2);
  assert.equal(kept.recovered, 1);
  assert.deepEqual(mdFiles(), [
    join('articles', '1-1000', 'article_9.md'),
    join('articles', 'article_7.md'),
    join('old', '8.md'),
  ]);
  assert.equal(readFileSync(flat, 'utf8'), foreign(7));
  assert.equal(readFileSync(other, 'utf8'), foreign(8));
  const manifest = readFileSync(kept.manifestPath, 'utf8');
  assert.match(manifest, /^7\tkept\t.*\tarticles\/article_7\.md$/m);
  assert.match(manifest, /^8\tkept\t.*\told\/8\.md$/m);
  // --overwrite replaces each where it is: still one file per id
  const replaced = await warcRun(out, [warc], { overwrite: true });
  assert.equal(replaced.kept, 0);
  assert.equal(replaced.recovered, 3);
  assert.deepEqual(mdFiles(), [
    join('articles', '1-1000', 'article_9.md'),
    join('articles', 'article_7.md'),
    join('old', '8.md'),
  ]);
  assert.equal(parseRecord(readFileSync(flat), flat).title, '標題7');
  assert.equal(parseRecord(readFileSync(other), other).title, '標題8');
  assert.equal(readFileSync(join(out, 'README.md'), 'utf8'), '# not a record\n');
  // and a plain run again takes them as its own
  const again = await warcRun(out, [warc]);
  assert.equal(again.kept, 0);
  assert.deepEqual(mdFiles(), [
    join('articles', '1-1000', 'article_9.md'),
    join('articles', 'article_7.md'),
    join('old', '8.md'),
  ]);
});

test('--ids, --since/--until and raw UTF-8 URLs', async () => {
  const page = (id: number, title: string) =>
    `<html><head><meta property="og:title" content="${title}"></head><body><h1 class="article-title">${title}</h1>` +
    `<time class="article-date" datetime="2021-01-0${id % 9}"></time><span class="article-author">記者</span>` +
    `<div class="article-content"><p>內容 ${id}</p></div></body></html>`;
  const captures: FakeCapture[] = [];
  for (const id of [5, 50, 500, 5000, 5001, 5002]) {
    captures.push({
      original: `https://www.hkcnews.com/article/${id}/新聞標題-${id}`,
      timestamp: '20210601000000',
      body: page(id, `標題${id}`),
    });
    captures.push({
      original: `https://www.hkcnews.com/article/${id}/新聞標題-${id}`,
      timestamp: '20190601000000',
      body: page(id, `舊${id}`),
    });
  }
  const fake = await startFakeWayback({ captures });
  const out = join(work, 'ids');
  const summary = await run(fake, out, { ids: '50-5001', until: '2020-12-31', keepEmpty: false });
  assert.equal(summary.recovered, 4);
  const got = recoveredRecords(out);
  assert.deepEqual(
    [...got.keys()].sort((a, b) => a - b),
    [50, 500, 5000, 5001],
  );
  const a = got.get(500)!;
  assert.equal(a.title, '舊500');
  assert.equal(a.originalUrl, 'https://www.hkcnews.com/article/500/新聞標題-500');
  assert.equal(
    a.url,
    'https://web.archive.org/web/20190601000000/https://www.hkcnews.com/article/500/新聞標題-500',
  );
  // the replay requests were percent-encoded; the listing asked only for the prefixes of the range
  assert.ok(fake.requests('replay').every((r) => /^[\x21-\x7e]+$/.test(r.path)));
  assert.ok(fake.requests('cdx').every((r) => /to=20201231/.test(r.path)));
  assert.ok(fake.requests('cdx').length <= 12);
  await fake.close();
  await assert.rejects(run(fake, out, { ids: 'x-y' }), /not an id range/);
});

test('when the archive stops answering the run stops with a clear error, and goes on later', async () => {
  const captures: FakeCapture[] = Array.from({ length: 30 }, (_, i) => ({
    original: `https://www.hkcnews.com/article/${i + 1}/x`,
    timestamp: '20210601000000',
    body: `<html><body><div class="article-content"><p>內容 ${i + 1}</p></div></body></html>`,
  }));
  const fake = await startFakeWayback({
    captures,
    faults: ({ kind }) => (kind === 'replay' ? { type: '503' } : undefined),
  });
  const out = join(work, 'down');
  const http = { ...UNLIMITED, maxAttempts: 2, backoffBaseMs: 1, backoffMaxMs: 2 };
  await assert.rejects(
    run(fake, out, { http, concurrency: 1 }),
    /in a row could not be fetched.*go on where it stopped/s,
  );
  assert.ok(fake.requests('replay').length < 30 * 2);
  fake.reset();
  const summary = await run(fake, out, { http });
  await fake.close();
  assert.equal(summary.recovered, 30);
  assert.equal(summary.failed.length, 0);
});

test('pages are decoded with the charset of the headers or the page', () => {
  const big5 = Buffer.from([0xa4, 0xa4, 0xa4, 0xe5]); // 中文 in Big5
  assert.equal(decodePage(big5, 'text/html; charset=big5'), '中文');
  const page = Buffer.concat([Buffer.from('<meta charset="big5">'), big5]);
  assert.equal(decodePage(page, 'text/html'), '<meta charset="big5">中文');
  assert.equal(decodePage(Buffer.from('中文'), ''), '中文');
  assert.equal(decodePage(Buffer.from('中文'), 'text/html; charset=no-such-charset'), '中文');
});

test('unavailable articles stay so on a rerun, and --retry-unavailable finds their new captures', async () => {
  const page = (id: number) =>
    `<html><head><meta property="og:title" content="標題${id}"></head><body><h1 class="article-title">標題${id}</h1>` +
    `<time class="article-date" datetime="2021-01-02"></time><span class="article-author">記者</span>` +
    `<div class="article-content"><p>內容 ${id}</p></div></body></html>`;
  const good: FakeCapture = {
    original: 'https://www.hkcnews.com/article/7/x',
    timestamp: '20210601000000',
    body: page(7),
  };
  const notice: FakeCapture = {
    original: 'https://www.hkcnews.com/article/8/x',
    timestamp: '20220601000000',
    body: FAREWELL,
  };
  const first = await startFakeWayback({ captures: [good, notice] });
  const out = join(work, 'retry');
  const s1 = await run(first, out, { keepEmpty: false });
  await first.close();
  assert.equal(s1.recovered, 1);
  assert.deepEqual(
    s1.unavailable.map((u) => u.id),
    [8],
  );
  // the archive gains a good capture of article 8
  const later: FakeCapture = {
    original: 'https://www.hkcnews.com/article/8/x',
    timestamp: '20210101000000',
    body: page(8),
  };
  const second = await startFakeWayback({ captures: [good, notice, later] });
  const s2 = await run(second, out, { keepEmpty: false });
  assert.equal(s2.recovered, 1, 'a plain rerun leaves the unavailable article alone');
  assert.equal(second.requests('replay').length, 0);
  const s3 = await run(second, out, { keepEmpty: false, retryUnavailable: true });
  await second.close();
  assert.equal(s3.recovered, 2);
  assert.equal(s3.unavailable.length, 0);
  assert.equal(recoveredRecords(out).get(8)!.title, '標題8');
});

test('recovering into a folder that holds records keeps them (not fetched) unless --overwrite', {
  skip: !haveSample && 'no sample corpus',
}, async () => {
  const records = subset()
    .filter((r) => r.title && r.date && r.body.length > 200)
    .slice(0, 4);
  const caps = capturesOf(records);
  const fake = await startFakeWayback({ captures: caps });
  const warc = join(work, 'keep.warc');
  await writeWarc(warc, caps);
  // where the record of the first article goes (the range folder of its id), from a run elsewhere
  const mine = records[0]!;
  const probe = join(work, 'keep-probe');
  await run(fake, probe);
  const rel = [...snapshot(probe).keys()].find((p) => p.endsWith(`/article_${mine.id}.md`))!;
  assert.ok(rel);
  try {
    for (const from of ['wayback', 'warc'] as const) {
      const out = join(work, `keep-${from}`);
      const foreign = "the backup's own record\n";
      const go = (overwrite: boolean) =>
        from === 'wayback'
          ? run(fake, out, { overwrite })
          : recover({ site: 'hkcnews', out, from, warcFiles: [warc], quiet: true, overwrite });
      const target = join(out, rel);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, foreign);
      const requestsBefore = fake.log.length;
      const kept = await go(false);
      assert.equal(readFileSync(target, 'utf8'), foreign, `${from}: the folder's record is kept`);
      assert.equal(kept.kept, 1, from);
      assert.equal(kept.recovered, records.length - 1, from);
      const manifest = readFileSync(kept.manifestPath, 'utf8');
      assert.match(manifest, new RegExp(`^${mine.id}\\tkept\\t`, 'm'), from);
      if (from === 'wayback') {
        const fetched = fake.log
          .slice(requestsBefore)
          .filter((e) => e.kind === 'replay' && e.path.includes(`/article/${mine.id}`));
        assert.deepEqual(fetched, [], 'a kept record is not fetched');
      }
      // a run again keeps it again; with overwrite it is replaced by the recovered record
      assert.equal((await go(false)).kept, 1, from);
      const replaced = await go(true);
      assert.equal(replaced.kept, 0, from);
      assert.notEqual(readFileSync(target, 'utf8'), foreign, `${from}: --overwrite replaces it`);
      assert.equal(parseRecord(readFileSync(target), target).id, mine.id);
    }
  } finally {
    await fake.close();
  }
});
