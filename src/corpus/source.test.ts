// Sources on fixtures built in a temp folder: folder trees (symlink loops, unreadable and oversized
// files), .tar/.tar.gz/.tar.xz archives (whole, truncated, corrupt), git repositories (path and URL).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { NotFoundError, SourceError } from '../lib/errors.js';
import { readRecords } from './records.js';
import { countRecords, describeSource, readSource, type SourceOptions } from './source.js';
import type { SourceEntry } from './types.js';

let root: string;
let corpus: string;

function recordText(id: number): string {
  return `---\ntitle: "標題 ${id}"\ndate: "2020-01-01"\nauthor: "a"\nurl: ""\noriginal_url: "https://www.hkcnews.com/article/${id}/x"\n---\n\n# 標題 ${id}\n\n${'正文。'.repeat(id)}\n`;
}

async function collect(
  source: string,
  opts?: SourceOptions,
): Promise<{ entries: SourceEntry[]; error?: unknown }> {
  const entries: SourceEntry[] = [];
  try {
    for await (const e of readSource(source, opts)) entries.push(e);
  } catch (error) {
    return { entries, error };
  }
  return { entries };
}

before(() => {
  root = mkdtempSync(join(tmpdir(), 'backfile-source-test-'));
  corpus = join(root, 'corpus');
  mkdirSync(join(corpus, 'articles/1-1000'), { recursive: true });
  mkdirSync(join(corpus, 'articles/1001-2000'), { recursive: true });
  for (let id = 1; id <= 30; id++) {
    writeFileSync(
      join(corpus, `articles/${id <= 15 ? '1-1000' : '1001-2000'}`, `article_${id}.md`),
      recordText(id),
    );
  }
  writeFileSync(join(corpus, 'README.md'), '# not a record\n');
  writeFileSync(join(corpus, 'articles/notes.txt'), 'not markdown\n');
  mkdirSync(join(corpus, '.github'));
  writeFileSync(join(corpus, '.github/PULL_REQUEST_TEMPLATE.md'), '# hidden folders are not read\n');
});

after(() => rmSync(root, { recursive: true, force: true }));

test('describeSource tells folders, archives, git paths and URLs apart', () => {
  assert.equal(describeSource(corpus).kind, 'folder');
  assert.equal(describeSource('https://example.org/x.git').kind, 'git-url');
  assert.equal(describeSource('git@example.org:x/y.git').kind, 'git-url');
  assert.throws(() => describeSource(join(root, 'nope')), NotFoundError);
  assert.throws(() => describeSource(join(corpus, 'README.md')), SourceError);
});

test('a folder yields only record *.md files (not README.md, not hidden folders), sorted', async () => {
  const { entries, error } = await collect(corpus);
  assert.equal(error, undefined);
  assert.equal(entries.length, 30);
  assert.ok(entries.every((e) => e.bytes && /^articles\/[\d-]+\/article_\d+\.md$/.test(e.path)));
  assert.equal(entries[0]!.path, 'articles/1-1000/article_1.md');
  // natural order (article_2 before article_10): the corpus comes in id order
  const ids = entries.map((e) => Number(/article_(\d+)/.exec(e.path)![1]));
  assert.deepEqual(
    ids,
    Array.from({ length: 30 }, (_, i) => i + 1),
  );
  assert.equal(await countRecords(corpus), 30);
});

test('symlink loops, broken links, oversized and unreadable files are reported per file', async () => {
  const dir = join(root, 'bad-folder');
  mkdirSync(join(dir, 'sub'), { recursive: true });
  writeFileSync(join(dir, 'sub/article_1.md'), recordText(1));
  symlinkSync('..', join(dir, 'sub/loop')); // a folder link back to an ancestor
  symlinkSync('self.md', join(dir, 'self.md')); // a link to itself
  symlinkSync('missing.md', join(dir, 'dangling.md'));
  writeFileSync(join(dir, 'big.md'), Buffer.alloc(2048, 0x61));
  writeFileSync(join(dir, 'locked.md'), recordText(2));
  chmodSync(join(dir, 'locked.md'), 0o000);
  const asRoot = process.getuid?.() === 0; // root reads files whatever their mode
  const statuses: string[] = [];
  const { entries, error } = await collect(dir, { maxRecordBytes: 1024, onStatus: (s) => statuses.push(s) });
  assert.equal(error, undefined);
  const byPath = new Map(entries.map((e) => [e.path, e]));
  assert.match(byPath.get('self.md')?.error?.message ?? '', /symlink loop/);
  assert.match(byPath.get('dangling.md')?.error?.message ?? '', /broken symlink/);
  assert.match(byPath.get('big.md')?.error?.message ?? '', /more than the/);
  assert.match(byPath.get('sub/loop')?.error?.message ?? '', /symlink loop/);
  assert.ok(byPath.get('sub/article_1.md')?.bytes);
  if (asRoot) {
    // root reads any file: check the unreadable case as an unprivileged user in a child process
    chmodSync(root, 0o755);
    const script = `import { readSource } from ${JSON.stringify(join(import.meta.dirname, 'source.ts'))};
      for await (const e of readSource(${JSON.stringify(dir)})) if (e.path === 'locked.md') console.log(e.error?.message ?? 'read');`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      uid: 65534,
      gid: 65534,
      cwd: import.meta.dirname,
      encoding: 'utf8',
    });
    assert.match(out, /cannot read the file: EACCES/);
  } else assert.match(byPath.get('locked.md')?.error?.message ?? '', /cannot read the file/);
  assert.ok(statuses.some((s) => /symlink loop/.test(s)));
  // read = parsed + rejected
  let parsed = 0;
  let rejected = 0;
  for await (const r of readRecords(dir, { maxRecordBytes: 1024 })) {
    if (r.article) parsed++;
    else rejected++;
  }
  assert.equal(parsed + rejected, entries.length);
  chmodSync(join(dir, 'locked.md'), 0o644);
});

function makeTar(name: string, flags: string): string {
  const out = join(root, name);
  execFileSync('tar', [flags, out, '-C', corpus, 'articles', 'README.md']);
  return out;
}

test('.tar, .tar.gz and .tar.xz archives stream every record, same bytes as the folder', async () => {
  const folder = await collect(corpus);
  for (const [name, flags] of [
    ['c.tar', '-cf'],
    ['c.tar.gz', '-czf'],
    ['c.tgz', '-czf'],
    ['c.tar.xz', '-cJf'],
  ] as const) {
    const tar = makeTar(name, flags);
    const { entries, error } = await collect(tar);
    assert.equal(error, undefined, name);
    assert.equal(entries.length, 30, name);
    const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : 1));
    const expected = [...folder.entries].sort((a, b) => (a.path < b.path ? -1 : 1));
    sorted.forEach((e, i) => {
      assert.equal(e.path, expected[i]!.path);
      assert.ok(e.bytes?.equals(expected[i]!.bytes!), `${name}: ${e.path}`);
    });
  }
});

test('truncated archives yield what could be read, then a clear SourceError', async () => {
  for (const [name, flags] of [
    ['t.tar', '-cf'],
    ['t.tar.gz', '-czf'],
    ['t.tar.xz', '-cJf'],
  ] as const) {
    const full = readFileSync(makeTar(name, flags));
    const cut = join(root, `cut-${name}`);
    writeFileSync(cut, full.subarray(0, Math.floor(full.length * 0.6)));
    const { entries, error } = await collect(cut);
    assert.ok(error instanceof SourceError, `${name}: ${String(error)}`);
    assert.match(error.message, /truncated or corrupt/);
    assert.ok(entries.length < 30, name);
    assert.ok(
      entries.every((e) => e.bytes || /cut short/.test(e.error!.message)),
      name,
    );
  }
});

test('a file that is not an archive at all gives a SourceError', async () => {
  for (const name of ['junk.tar', 'junk.tar.gz', 'junk.tar.xz']) {
    const p = join(root, name);
    writeFileSync(p, 'this is not an archive\n'.repeat(100));
    const { entries, error } = await collect(p);
    assert.equal(entries.length, 0);
    assert.ok(error instanceof SourceError, `${name}: ${String(error)}`);
    assert.match(
      error.message,
      new RegExp(`^${p.replaceAll('.', '\\.')} is not a readable archive \\(.+\\)$`),
    );
  }
});

function makeRepo(): string {
  const repo = join(root, 'repo');
  rmSync(repo, { recursive: true, force: true });
  execFileSync('cp', ['-r', corpus, repo]);
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], {
      cwd: repo,
      stdio: 'ignore',
    });
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'fixture');
  return repo;
}

test('a git repository path reads its working tree, skipping .git', async () => {
  const repo = makeRepo();
  assert.equal(describeSource(repo).kind, 'git-path');
  const { entries, error } = await collect(repo);
  assert.equal(error, undefined);
  assert.equal(entries.length, 30);
  assert.ok(entries.every((e) => !e.path.startsWith('.git')));
});

test('a git URL is cloned into the cache folder with progress lines, then read', async () => {
  const repo = makeRepo();
  const cacheDir = join(root, 'cache');
  const statuses: string[] = [];
  const { entries, error } = await collect(`file://${repo}`, { cacheDir, onStatus: (s) => statuses.push(s) });
  assert.equal(error, undefined);
  assert.equal(entries.length, 30);
  assert.ok(statuses.some((s) => s.startsWith('cloning ')));
  // a second read refreshes the cached copy instead of cloning again
  const again = await collect(`file://${repo}`, { cacheDir, onStatus: (s) => statuses.push(s) });
  assert.equal(again.entries.length, 30);
  assert.ok(statuses.some((s) => s.startsWith('updating the cached copy')));
});

test('an unreachable git URL gives a clear SourceError quickly', async () => {
  const cacheDir = join(root, 'cache-unreachable');
  for (const url of ['file:///nonexistent/repo.git', 'https://127.0.0.1:9/x.git']) {
    const { entries, error } = await collect(url, { cacheDir });
    assert.equal(entries.length, 0);
    assert.ok(error instanceof SourceError, String(error));
    assert.match(error.message, /cannot clone/);
  }
});
