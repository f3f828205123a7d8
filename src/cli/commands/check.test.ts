// `backfile check` run in-process through main(): output, JSON shape and exit codes.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../../lib/errors.js';
import { main } from '../main.js';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '../bin.ts');
const work = mkdtempSync(join(tmpdir(), 'backfile-cli-check-'));
after(() => rmSync(work, { recursive: true, force: true }));

const GOOD =
  '---\ntitle: "好"\ndate: "2020-01-01"\nauthor: "a"\ncategory: "c"\nurl: "https://web.archive.org/web/20210101000000/https://www.hkcnews.com/article/1/x"\noriginal_url: "https://www.hkcnews.com/article/1/x"\n---\n\n# 好\n\n見 [此](/web/20210101000000/https://www.hkcnews.com/)\n';

/** Runs the CLI in-process; only for calls that print nothing (stdout is the test runner's). */
async function runInProcess(argv: string[]): Promise<number> {
  return main(argv);
}

/** Runs the CLI as a subprocess, as a user would. */
function run(argv: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', BIN, ...argv], { encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

function folder(name: string, files: Record<string, string>): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

test('check --json prints one JSON object; exit 0 when every file parses', async () => {
  const dir = folder('good', { 'article_1.md': GOOD });
  const { code, out } = run(['check', dir, '--json', '--quiet']);
  assert.equal(code, 0);
  const report = JSON.parse(out);
  assert.equal(report.records, 1);
  assert.equal(report.parsed, 1);
  assert.deepEqual(report.rejected, []);
  assert.equal(report.roundTripIdentical, 1);
  assert.equal(report.anomalies['relative-wayback-links'], 1);
  assert.equal(report.anomalies['no-date'], 0);
  assert.deepEqual(report.anomalyExamples, { 'relative-wayback-links': ['1'] });
});

test('--strict turns anomalies into exit 1; a rejected file is exit 1', async () => {
  const dir = folder('strict', { 'article_1.md': GOOD });
  assert.equal(run(['check', dir, '--strict', '--quiet']).code, 1);
  const bad = folder('bad', { 'article_1.md': GOOD, 'article_2.md': 'oops\n' });
  const { code, out, err } = run(['check', bad]);
  assert.equal(code, 1);
  assert.match(out, /rejected\s+1/);
  assert.match(out, /article_2\.md: no frontmatter/);
  assert.match(out, /relative Wayback links/);
  assert.match(err, /check: 2 records read in/); // the progress summary goes to stderr
});

test('usage errors: no source, two sources, unknown flag', async () => {
  for (const argv of [['check'], ['check', 'a', 'b'], ['check', '--bogus', 'x']]) {
    await assert.rejects(runInProcess(argv), (e: unknown) => e instanceof UsageError && e.exitCode === 2);
  }
  const r = run(['check']);
  assert.equal(r.code, 2);
  assert.equal(
    r.err,
    'backfile check: give exactly one source (a folder, archive or git URL) (see backfile check --help)\n',
  );
});

test('a source that is not there, or holds no record file, is exit 3 with one line', () => {
  const missing = run(['check', join(work, 'no-such-folder')]);
  assert.equal(missing.code, 3);
  assert.match(missing.err, /^backfile: .*no-such-folder/m);
  const empty = folder('empty', { 'README.txt': 'not a record\n' });
  const none = run(['check', empty]);
  assert.equal(none.code, 3);
  assert.match(none.err, /^backfile: .* holds no record files[^\n]*\n$/);
});

test('a file that is no archive is exit 3 with one line; an archive that breaks after records is a report and exit 1', () => {
  const junk = join(work, 'notarch.tar.xz');
  writeFileSync(junk, 'hi\n');
  const r = run(['check', junk]);
  assert.equal(r.code, 3);
  assert.equal(r.out, '', 'no report');
  assert.match(r.err, /^backfile: \S*notarch\.tar\.xz is not a readable archive \([^\n]+\)\n$/);
  // records, then a break: what was read is reported
  const dir = folder(
    'to-cut',
    Object.fromEntries(
      Array.from({ length: 40 }, (_, k) => [
        `article_${k + 1}.md`,
        GOOD.replaceAll('/article/1/', `/article/${k + 1}/`),
      ]),
    ),
  );
  const tarball = join(work, 'whole.tar');
  assert.equal(spawnSync('tar', ['-cf', tarball, '-C', dir, '.']).status, 0);
  const cut = join(work, 'cut.tar');
  writeFileSync(cut, readFileSync(tarball).subarray(0, 30 * 1024));
  const broken = run(['check', cut]);
  assert.equal(broken.code, 1);
  assert.match(broken.out, /Source error: the archive \S*cut\.tar is truncated or corrupt/);
  assert.match(broken.out, /files read\s+\d+/);
});
