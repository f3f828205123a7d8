import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import {
  cpSync,
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
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { sampleFolder } from '../../test/support/corpus.js';
import { serializeRecord } from '../corpus/record.js';
import { search } from '../search/search.js';
import { describeImport, importCorpus, staleRecordCount } from './import.js';
import { prepareArticle } from './prepare.js';
import { openStore } from './store.js';
import { FIXTURES, fixtureArticle } from './test-fixtures.js';

const work = mkdtempSync(join(tmpdir(), 'backfile-import-'));
after(() => rmSync(work, { recursive: true, force: true }));

function writeFixtures(dir: string, articles = FIXTURES): void {
  mkdirSync(join(dir, 'articles'), { recursive: true });
  for (const a of articles) writeFileSync(join(dir, 'articles', `article_${a.id}.md`), serializeRecord(a));
}

function checkConsistent(dbPath: string): { articles: number; indexed: number } {
  const store = openStore(dbPath, { readonly: true });
  try {
    assert.equal(store.db.pragma('integrity_check', { simple: true }), 'ok');
    const articles = store.db.prepare('SELECT count(*) FROM articles').pluck().get() as number;
    const indexed = store.db.prepare('SELECT count(*) FROM fts_docsize').pluck().get() as number;
    const faceted = store.db
      .prepare('SELECT count(*) FROM facets WHERE id NOT IN (SELECT id FROM articles)')
      .pluck()
      .get();
    assert.equal(indexed, articles, 'every article is indexed, nothing else');
    assert.equal(faceted, 0, 'no facet rows of missing articles');
    const leads = store.db
      .prepare('SELECT count(*) FROM leads JOIN articles USING (id)')
      .pluck()
      .get() as number;
    assert.equal(leads, articles, 'every article has its lead');
    assert.equal(store.db.prepare('SELECT count(*) FROM leads').pluck().get(), articles, 'and no other');
    return { articles, indexed };
  } finally {
    store.close();
  }
}

test('import, then incremental re-imports: changed, added, removed, unchanged', async () => {
  const src = join(work, 'src1');
  const db = join(work, 'one.db');
  writeFixtures(src);
  writeFileSync(join(src, 'README.md'), '# not a record\n');
  writeFileSync(join(src, 'articles', 'article_777.md'), 'no frontmatter here\n');
  const first = await importCorpus(db, src, { quiet: true });
  assert.equal(first.added, FIXTURES.length);
  assert.equal(first.rejected.length, 1);
  assert.match(first.rejected[0]!.path, /article_777/);
  assert.ok(!existsSync(`${db}.partial`));

  const again = await importCorpus(db, src, { quiet: true });
  assert.deepEqual([again.added, again.updated, again.unchanged, again.removed], [0, 0, FIXTURES.length, 0]);

  // change one, remove one, add one
  writeFileSync(
    join(src, 'articles', 'article_101.md'),
    serializeRecord(fixtureArticle(101, { text: '全新內容甲乙丙' })),
  );
  rmSync(join(src, 'articles', 'article_102.md'));
  writeFileSync(
    join(src, 'articles', 'article_200.md'),
    serializeRecord(fixtureArticle(200, { text: '新增文章丁戊' })),
  );
  const third = await importCorpus(db, src, { quiet: true });
  assert.deepEqual(
    [third.added, third.updated, third.removed, third.unchanged],
    [1, 1, 1, FIXTURES.length - 2],
  );
  const store = openStore(db, { readonly: true });
  try {
    assert.equal(search(store, '甲乙丙').hits[0]?.id, 101);
    assert.equal(search(store, '《國安法》實施').total, 0, 'the old text of 101 is gone from the index');
    const lead = store.db.prepare('SELECT lead FROM leads WHERE id = 101').pluck().get() as Buffer;
    assert.equal(lead.toString('utf16le'), '全新內容甲乙丙', 'and its lead is the new one');
    assert.equal(search(store, '崔天凱').total, 0, 'the removed article is gone');
    assert.equal(search(store, '丁戊').hits[0]?.id, 200);
    assert.equal(store.getArticle(102), null);
  } finally {
    store.close();
  }
  checkConsistent(db);
});

test('a source that fails midway: a first import leaves no database, an update keeps what it had', async () => {
  const src = join(work, 'src-fail');
  writeFixtures(src);
  const tarball = join(work, 'fail.tar.gz');
  const tar = spawn('tar', ['-czf', tarball, '-C', src, 'articles']);
  assert.equal(await new Promise((done) => tar.on('exit', done)), 0);
  // cut the tarball short: gzip's stream ends midway
  const whole = readFileSync(tarball);
  const cut = join(work, 'cut.tar.gz');
  writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 2)));
  const sources = [cut, `file://${join(work, 'no-such-repo')}`];
  for (const source of sources) {
    const db = join(work, 'fail-first.db');
    await assert.rejects(importCorpus(db, source, { quiet: true }), source);
    assert.deepEqual(
      readdirSync(work).filter((f) => f.startsWith('fail-first.db')),
      [],
      `no database and no side file is left by ${source}`,
    );
  }
  // an update from a source that fails keeps the database usable, with what it had
  const db = join(work, 'fail-update.db');
  await importCorpus(db, src, { quiet: true });
  const before = checkConsistent(db);
  await assert.rejects(importCorpus(db, cut, { quiet: true }));
  assert.deepEqual(checkConsistent(db), before);
  // a source with no record file at all is a wrong path: refused, and nothing is removed
  const empty = join(work, 'src-empty');
  mkdirSync(join(empty, 'articles'), { recursive: true });
  writeFileSync(join(empty, 'README.md.txt'), 'not a record\n');
  await assert.rejects(importCorpus(db, empty, { quiet: true }), /holds no record files/);
  assert.deepEqual(checkConsistent(db), before);
  await assert.rejects(
    importCorpus(join(work, 'fail-empty.db'), empty, { quiet: true }),
    /holds no record files/,
  );
  assert.equal(existsSync(join(work, 'fail-empty.db')), false);
});

test('an import stopped by a signal stops between batches: a first import leaves nothing and says so', async () => {
  const src = join(work, 'src-stop');
  writeFixtures(
    src,
    Array.from({ length: 60 }, (_, i) => fixtureArticle(5000 + i, { text: `第 ${i} 篇。` })),
  );
  const db = join(work, 'stop.db');
  const controller = new AbortController();
  let batches = 0;
  // the abort comes from a timer, as Ctrl-C comes from the event loop: it must get a turn between
  // batches (a loop that never turned ran the whole import before the signal was seen)
  const s = await importCorpus(db, src, {
    quiet: true,
    batchSize: 5,
    signal: controller.signal,
    onBatch: () => {
      if (++batches === 1) setTimeout(() => controller.abort(), 0);
      // writing a batch takes a while; meanwhile the worker has the next one ready
      const until = Date.now() + 30;
      while (Date.now() < until);
    },
  });
  assert.equal(s.interrupted, true);
  assert.ok(s.records < 60, `stopped early (${s.records} of 60 read)`);
  assert.equal(existsSync(db), false, 'an interrupted first import is not put in place');
  assert.deepEqual(
    readdirSync(work).filter((f) => f.startsWith('stop.db')),
    [],
  );
  assert.match(
    describeImport(s, db, 'not-created'),
    /^import interrupted after \d+ records in .*; .*stop\.db was not created; run the same import again to make it$/,
  );
});

test('a stopped import lets its reading thread stop itself, between two records, and not terminated from outside', async () => {
  // terminate() can land inside node:zlib (the thread compresses bodies), and Node 20 then aborts
  // the whole process as it frees the thread: seen once in CI, "close before init"
  const src = join(work, 'src-quit');
  writeFixtures(
    src,
    Array.from({ length: 200 }, (_, i) => fixtureArticle(6000 + i, { text: `第 ${i} 篇。`.repeat(50) })),
  );
  const terminate = Worker.prototype.terminate;
  let terminated = 0;
  Worker.prototype.terminate = function (this: Worker) {
    terminated++;
    return terminate.call(this);
  };
  try {
    for (const stopAfter of [1, 3]) {
      const controller = new AbortController();
      let batches = 0;
      const s = await importCorpus(join(work, `quit${stopAfter}.db`), src, {
        quiet: true,
        batchSize: 5,
        signal: controller.signal,
        onBatch: () => {
          if (++batches === stopAfter) controller.abort();
        },
      });
      assert.equal(s.interrupted, true);
    }
    // and one that ends: its thread is told to stop once it has said it is done
    const s = await importCorpus(join(work, 'quit-done.db'), src, { quiet: true, batchSize: 50 });
    assert.equal(s.added, 200);
  } finally {
    Worker.prototype.terminate = terminate;
  }
  assert.equal(terminated, 0, 'the reading thread was terminated from outside');
});

test('a source lacking most of the database is taken for the wrong one: what it lacks is kept unless pruned', async () => {
  const many = Array.from({ length: 150 }, (_, k) =>
    fixtureArticle(1000 + k, { title: `文章${k}`, date: '2021-01-01', text: `內容第${k}篇。` }),
  );
  const folder = (name: string, articles: typeof many) => {
    const dir = join(work, name);
    writeFixtures(dir, articles);
    return dir;
  };
  const all = folder('src-many', many);
  const part = folder('src-part', many.slice(0, 20));
  const db = join(work, 'many.db');
  await importCorpus(db, all, { quiet: true });
  const kept = await importCorpus(db, part, { quiet: true });
  assert.deepEqual([kept.unchanged, kept.removed, kept.kept], [20, 0, 130]);
  assert.equal(checkConsistent(db).articles, 150);
  // a source that shrank a little is still a sync
  const synced = await importCorpus(db, folder('src-most', many.slice(0, 140)), { quiet: true });
  assert.deepEqual([synced.removed, synced.kept], [10, 0]);
  // told to prune, the import removes what the source lacks
  const pruned = await importCorpus(db, part, { quiet: true, prune: true });
  assert.deepEqual([pruned.removed, pruned.kept], [120, 0]);
  assert.equal(checkConsistent(db).articles, 20);
  // a rebuild (a database of another version) from such a source is not put in place
  const old = join(work, 'many-old.db');
  await importCorpus(old, all, { quiet: true });
  const raw = new Database(old);
  raw.prepare(`UPDATE articles SET hash = 'old:' || hash`).run();
  raw.close();
  const inode = statSync(old).ino;
  await assert.rejects(importCorpus(old, part, { quiet: true }), /lacks 130 of the 150 articles/);
  assert.equal(statSync(old).ino, inode, 'the old database stays in place');
  assert.equal(checkConsistent(old).articles, 150);
  const rebuilt = await importCorpus(old, part, { quiet: true, prune: true });
  assert.equal(rebuilt.removed, 130);
  assert.equal(checkConsistent(old).articles, 20);
});

test('a duplicate article id is rejected with its reason', async () => {
  const src = join(work, 'dup');
  writeFixtures(src, [FIXTURES[0]!]);
  mkdirSync(join(src, 'articles', 'copy'));
  writeFileSync(join(src, 'articles', 'copy', 'article_101.md'), serializeRecord(FIXTURES[0]!));
  const s = await importCorpus(join(work, 'dup.db'), src, { quiet: true });
  assert.equal(s.added, 1);
  assert.equal(s.rejected.length, 1);
  assert.match(s.rejected[0]!.reason, /duplicate article id 101/);
  // again: the copy is the same content under another path, and still a duplicate, not counted twice
  const again = await importCorpus(join(work, 'dup.db'), src, { quiet: true });
  assert.deepEqual([again.added, again.updated, again.unchanged, again.moved], [0, 0, 1, 0]);
  assert.equal(again.rejected.length, 1);
  assert.match(again.rejected[0]!.reason, /duplicate article id 101 \(also in articles\/article_101\.md\)/);
});

test('the same records under another root are unchanged: their new paths are noted, nothing is re-indexed', async () => {
  const many = Array.from({ length: 150 }, (_, k) =>
    fixtureArticle(3000 + k, { title: `搬家${k}`, date: '2021-02-01', text: `搬家內容第${k}篇。` }),
  );
  const src = join(work, 'src-moved');
  writeFixtures(src, many);
  const db = join(work, 'moved.db');
  await importCorpus(db, src, { quiet: true });
  const bytes = statSync(db).size;
  // the folder inside it: every path changes (articles/article_3000.md → article_3000.md)
  const moved = await importCorpus(db, join(src, 'articles'), { quiet: true });
  assert.deepEqual(
    [moved.added, moved.updated, moved.unchanged, moved.moved, moved.removed, moved.kept],
    [0, 0, 150, 150, 0, 0],
    'a moved root is neither a change nor the wrong folder',
  );
  assert.match(describeImport(moved, db), /0 updated, 150 unchanged \(150 at a new path\), 0 removed/);
  assert.equal(statSync(db).size, bytes, 'nothing was re-indexed: the file did not grow');
  // a file renamed (its id is in original_url) is the same article; a changed one is updated
  const dir = join(src, 'articles');
  writeFileSync(join(dir, 'renamed.md'), readFileSync(join(dir, 'article_3001.md')));
  rmSync(join(dir, 'article_3001.md'));
  writeFileSync(
    join(dir, 'article_3002.md'),
    serializeRecord(fixtureArticle(3002, { title: '搬家2', date: '2021-02-01', text: '改過的內容。' })),
  );
  const again = await importCorpus(db, dir, { quiet: true });
  assert.deepEqual([again.added, again.updated, again.unchanged, again.moved], [0, 1, 149, 1]);
  const store = openStore(db, { readonly: true });
  try {
    assert.equal(store.getArticle(3000)?.sourcePath, 'article_3000.md');
    assert.equal(store.getArticle(3001)?.sourcePath, 'renamed.md');
    assert.equal(search(store, '改過的內容').hits[0]?.id, 3002);
    assert.equal(search(store, '搬家內容第1篇').hits[0]?.id, 3001, 'the renamed article is still indexed');
  } finally {
    store.close();
  }
  checkConsistent(db);
});

test('a record whose id comes from its file name, copied under another name, is another article', async () => {
  // original_url without /article/<id>/: the id is the file name's, so the same bytes under another
  // name are another article, not the stored one moved
  const noId = (id: number) => {
    const a = fixtureArticle(id, { text: '沒有編號的網址。' });
    return {
      ...a,
      originalUrl: 'https://www.hkcnews.com/node/x',
      url: 'https://web.archive.org/web/20210101000000/https://www.hkcnews.com/node/x',
    };
  };
  const src = join(work, 'src-noid');
  mkdirSync(join(src, 'articles'), { recursive: true });
  const bytes = serializeRecord(noId(4000));
  writeFileSync(join(src, 'articles', 'article_4000.md'), bytes);
  const db = join(work, 'noid.db');
  await importCorpus(db, src, { quiet: true });
  const other = join(work, 'src-noid-2');
  mkdirSync(join(other, 'x'), { recursive: true });
  writeFileSync(join(other, 'x', 'article_4000.md'), bytes);
  writeFileSync(join(other, 'x', 'article_4001.md'), bytes);
  const s = await importCorpus(db, other, { quiet: true });
  assert.deepEqual([s.added, s.updated, s.unchanged, s.moved, s.rejected.length], [1, 0, 1, 1, 0]);
  const store = openStore(db, { readonly: true });
  try {
    assert.equal(store.getArticle(4001)?.sourcePath, 'x/article_4001.md');
    assert.equal(store.getArticle(4000)?.sourcePath, 'x/article_4000.md');
  } finally {
    store.close();
  }
});

/** Index segments of an FTS5 table, and its automerge setting (FTS5's default 4 when unset). */
function ftsLayout(dbPath: string, table: 'fts' | 'fts_chars'): { segments: number; automerge: number } {
  const db = new Database(dbPath, { readonly: true });
  try {
    const segments = db.prepare(`SELECT count(DISTINCT segid) FROM ${table}_idx`).pluck().get() as number;
    const automerge = db.prepare(`SELECT v FROM ${table}_config WHERE k = 'automerge'`).pluck().get();
    return { segments, automerge: automerge === undefined ? 4 : Number(automerge) };
  } finally {
    db.close();
  }
}

test('a first import leaves each index in one segment, whatever order the source is read in', async () => {
  // Read in natural name order (article_9 before article_10), so a folder like the corpus comes in id
  // order; here the folders put the ids in descending order, and batches of 2 cannot reorder them all
  const src = join(work, 'descending');
  const ids = FIXTURES.map((a) => a.id).sort((a, b) => b - a);
  ids.forEach((id, i) => {
    const dir = join(src, 'articles', `part-${i + 1}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `article_${id}.md`), serializeRecord(FIXTURES.find((a) => a.id === id)!));
  });
  const db = join(work, 'descending.db');
  const s = await importCorpus(db, src, { quiet: true, batchSize: 2 });
  assert.equal(s.added, FIXTURES.length);
  for (const table of ['fts', 'fts_chars'] as const) {
    // merged after the load, and merging on again for the updates that follow
    assert.deepEqual(ftsLayout(db, table), { segments: 1, automerge: 4 }, table);
  }
  checkConsistent(db);
  const store = openStore(db, { readonly: true });
  try {
    for (const a of FIXTURES) {
      const hits = search(store, a.title, { perPage: 50 }).hits.map((h) => h.id);
      assert.ok(hits.includes(a.id), `${a.title} finds ${a.id}`);
    }
    // one-character queries read fts_chars
    assert.ok(search(store, '港').hits.some((h) => h.id === 103));
  } finally {
    store.close();
  }
  // an update writes its own segment and leaves the merging to FTS5
  writeFileSync(
    join(src, 'articles', 'part-1', `article_${ids[0]}.md`),
    serializeRecord({ ...FIXTURES.find((a) => a.id === ids[0])!, title: '更新了的標題' }),
  );
  const again = await importCorpus(db, src, { quiet: true });
  assert.equal(again.updated, 1);
  assert.equal(ftsLayout(db, 'fts').automerge, 4);
  checkConsistent(db);
});

const importModule = fileURLToPath(new URL('./import.ts', import.meta.url));

/** Runs an import in a child process and SIGKILLs it after `batches` batches were written. */
function killedImport(db: string, source: string, batches: number): Promise<void> {
  const script = `
    const { importCorpus } = await import(${JSON.stringify(importModule)});
    let n = 0;
    await importCorpus(${JSON.stringify(db)}, ${JSON.stringify(source)}, {
      quiet: true, batchSize: 40,
      onBatch: () => { if (++n === ${batches}) process.stdout.write('written\\n'); },
    });
    process.stdout.write('finished\\n');`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('written')) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`the import was not killed midway (${out.trim()})`));
    });
  });
}

test('an import killed with SIGKILL leaves a consistent database; the next run completes it', async () => {
  const sample = sampleFolder();
  const total = readdirSync(join(sample, 'articles'), { recursive: true }).filter((f) =>
    String(f).endsWith('.md'),
  ).length;

  // a first import killed midway: no database (or the old one), and the next run builds it
  const db = join(work, 'killed.db');
  await killedImport(db, sample, 5);
  assert.ok(!existsSync(db), 'a first import only appears when complete');
  const completed = await importCorpus(db, sample, { quiet: true });
  assert.equal(completed.added, total);
  assert.equal(checkConsistent(db).articles, total);

  // an update killed midway: the committed batches stay, consistent; the next run completes it
  const changed = join(work, 'changed');
  cpSync(sample, changed, { recursive: true });
  const files = readdirSync(join(changed, 'articles'), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.md'));
  for (const f of files) {
    const p = join(changed, 'articles', f);
    const text = readFileSync(p, 'utf8');
    const bodyStart = text.indexOf('\n---', 3) + 5; // after the closing frontmatter delimiter line
    writeFileSync(p, `${text.slice(0, bodyStart)}\n改動標記甲\n${text.slice(bodyStart)}`);
  }
  await killedImport(db, changed, 5);
  const midway = checkConsistent(db);
  assert.equal(midway.articles, total);
  const store = openStore(db, { readonly: true });
  // every record holding the mark: the articles found, and the placeholder pages counted apart
  const marked = (s: typeof store) => {
    const r = search(s, '改動標記甲');
    return r.total + (r.placeholders ?? 0);
  };
  const partly = marked(store);
  store.close();
  assert.ok(partly > 0 && partly < total, `some but not all records were updated (${partly})`);
  const rest = await importCorpus(db, changed, { quiet: true });
  assert.equal(rest.updated, total - partly);
  assert.equal(rest.unchanged, partly);
  const done = openStore(db, { readonly: true });
  assert.equal(marked(done), total);
  done.close();
  checkConsistent(db);
});

test('a mis-decoded category is indexed as the category it was (зңҫиӘӘ → 眾說); the record is kept', async () => {
  const dir = join(work, 'misdecoded');
  const broken = fixtureArticle(901, { category: 'зңҫиӘӘ', text: '測試內容。' });
  writeFixtures(dir, [broken]);
  const db = join(work, 'misdecoded.db');
  await importCorpus(db, dir, { quiet: true });
  const store = openStore(db, { readonly: true });
  try {
    assert.equal(store.getArticle(901)!.category, '眾說');
    assert.deepEqual(
      store.categories().map((c) => c.value),
      ['眾說'],
    );
    assert.equal(search(store, 'category:眾說').total, 1);
  } finally {
    store.close();
  }
  assert.match(readFileSync(join(dir, 'articles', 'article_901.md'), 'utf8'), /category: "зңҫиӘӘ"/);
});

test('records indexed by an older backfile are counted as stale and re-indexed by the next import', async () => {
  const src = join(work, 'src-stale');
  const db = join(work, 'stale.db');
  writeFixtures(src);
  await importCorpus(db, src, { quiet: true });
  const count = () => {
    const store = openStore(db, { readonly: true });
    try {
      return staleRecordCount(store);
    } finally {
      store.close();
    }
  };
  assert.equal(count(), 0);
  // what an older INDEX_VERSION left behind: its hashes and a value it derived differently
  const raw = new Database(db);
  raw.prepare(`UPDATE articles SET hash = 'old:' || hash, title = 'old' WHERE id IN (101, 103)`).run();
  raw.close();
  assert.equal(count(), 2);
  const again = await importCorpus(db, src, { quiet: true });
  assert.deepEqual([again.updated, again.unchanged], [2, FIXTURES.length - 2]);
  assert.equal(count(), 0);
  const store = openStore(db, { readonly: true });
  try {
    assert.equal(store.getArticle(101)?.title, FIXTURES.find((a) => a.id === 101)!.title);
  } finally {
    store.close();
  }
  checkConsistent(db);
});

test('a database mostly indexed by another version is rebuilt beside it and swapped in', async () => {
  const src = join(work, 'src-rebuild');
  const db = join(work, 'rebuild.db');
  writeFixtures(src);
  await importCorpus(db, src, { quiet: true });
  const raw = new Database(db);
  raw.prepare(`UPDATE articles SET hash = 'old:' || hash, title = 'old' WHERE id <> 104`).run();
  raw
    .prepare(`INSERT INTO articles SELECT 999, title, date, last_updated, author, category, tags, url,
    capture_ts, original_url, 'gone/article_999.md', hash FROM articles WHERE id = 101`)
    .run();
  raw.close();
  const inodeBefore = statSync(db).ino;
  const rebuilt = await importCorpus(db, src, { quiet: true });
  assert.deepEqual(
    [rebuilt.added, rebuilt.updated, rebuilt.unchanged, rebuilt.removed],
    [0, FIXTURES.length, 0, 1],
  );
  assert.notEqual(statSync(db).ino, inodeBefore, 'a new file took the place of the old one');
  assert.ok(!existsSync(`${db}.partial`));
  const store = openStore(db, { readonly: true });
  try {
    assert.equal(staleRecordCount(store), 0);
    assert.equal(store.getArticle(101)?.title, FIXTURES.find((a) => a.id === 101)!.title);
    assert.equal(store.getArticle(999), null);
    assert.ok(search(store, '國安法').total > 0);
  } finally {
    store.close();
  }
  checkConsistent(db);
});

test('a database of UTF-8 bodies (made before INDEX_VERSION 4) is read as such, and rebuilt whole by the next import', async () => {
  const src = join(work, 'src-utf8');
  const db = join(work, 'utf8.db');
  writeFixtures(src);
  await importCorpus(db, src, { quiet: true });
  const readBack = () => {
    const store = openStore(db, { readonly: true });
    try {
      const a = store.getArticle(102)!;
      const snippet = search(store, '崔天凱', { fresh: true }).hits[0]?.snippet.text ?? '';
      return { encoding: store.bodyEncoding, body: a.body, footer: a.footer, snippet };
    } finally {
      store.close();
    }
  };
  const current = readBack();
  assert.equal(current.encoding, 'utf16le');
  assert.match(current.snippet, /崔天凱/);
  assert.match(current.body, /崔天凱/);
  assert.ok(current.footer.length > 0);
  // what an older backfile wrote: UTF-8 bodies and no body_encoding in meta
  const raw = new Database(db);
  const rows = raw.prepare('SELECT id, body FROM bodies').raw().all() as Array<[number, Buffer]>;
  const update = raw.prepare('UPDATE bodies SET body = ? WHERE id = ?');
  for (const [id, body] of rows) {
    const text = inflateRawSync(body).toString('utf16le');
    update.run(deflateRawSync(Buffer.from(text, 'utf8')), id);
  }
  raw.prepare("DELETE FROM meta WHERE key = 'body_encoding'").run();
  raw.close();
  assert.deepEqual(readBack(), { ...current, encoding: 'utf8' });
  // its records are all current (same hashes), yet the import rebuilds it rather than mix encodings
  const inodeBefore = statSync(db).ino;
  await importCorpus(db, src, { quiet: true });
  assert.notEqual(statSync(db).ino, inodeBefore, 'rebuilt in a side file and swapped in');
  assert.deepEqual(readBack(), current);
  checkConsistent(db);
});

test('a database indexed with bigrams only (made before INDEX_VERSION 5) is searched as such, and rebuilt whole by the next import', async () => {
  const src = join(work, 'src-bigrams');
  const db = join(work, 'bigrams.db');
  writeFixtures(src);
  await importCorpus(db, src, { quiet: true });
  const QUERIES = ['mtr', '"carrie lam"', 'carrie', 'la', '國安法', 'reporter', 'lam'];
  const results = () => {
    const store = openStore(db, { readonly: true });
    try {
      return {
        scheme: store.tokenScheme,
        ids: QUERIES.map((q) => search(store, q, { all: true, fresh: true }).hits.map((h) => h.id)),
      };
    } finally {
      store.close();
    }
  };
  const current = results();
  assert.equal(current.scheme, 'trigrams');
  assert.ok(current.ids.filter((ids) => ids.length > 0).length >= 5, JSON.stringify(current.ids));
  // what an older backfile wrote: the same index with a bigram where a trigram is now, and no
  // index_tokens in meta
  const raw = new Database(db);
  const toBigrams = (text: string | Buffer) =>
    String(text)
      .split(' ')
      .map((t) => (/^[a-z0-9]{3}$/i.test(t) ? t.slice(0, 2) : t))
      .join(' ');
  raw.prepare('DELETE FROM fts').run();
  const insert = raw.prepare('INSERT INTO fts (rowid, title, text, meta) VALUES (?, ?, ?, ?)');
  for (const article of FIXTURES) {
    const p = prepareArticle(article);
    insert.run(article.id, toBigrams(p.ftsTitle), toBigrams(p.ftsText), toBigrams(p.ftsMeta));
  }
  raw.prepare("DELETE FROM meta WHERE key = 'index_tokens'").run();
  raw.close();
  // searched with bigram plans, it finds the same (trigram plans would find no Latin word)
  assert.deepEqual(results(), { ...current, scheme: 'bigrams' });
  const inodeBefore = statSync(db).ino;
  await importCorpus(db, src, { quiet: true });
  assert.notEqual(statSync(db).ino, inodeBefore, 'rebuilt in a side file and swapped in');
  assert.deepEqual(results(), current);
  checkConsistent(db);
});
