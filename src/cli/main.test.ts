import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { serializeRecord } from '../corpus/record.js';
import { fixtureArticle } from '../store/test-fixtures.js';
import { command as importCommand } from './commands/import.js';

const work = mkdtempSync(join(tmpdir(), 'backfile-cli-main-'));
after(() => rmSync(work, { recursive: true, force: true }));
const bin = fileURLToPath(new URL('./bin.ts', import.meta.url));

test('output piped into a reader that stops early ends quietly, without a stack trace', async () => {
  const src = join(work, 'src');
  mkdirSync(join(src, 'articles'), { recursive: true });
  for (let i = 0; i < 50; i++) {
    const a = fixtureArticle(9000 + i, { title: `管道測試 ${i}`, text: '管道測試的正文。' });
    writeFileSync(join(src, 'articles', `article_${a.id}.md`), serializeRecord(a));
  }
  const db = join(work, 'pipe.db');
  assert.equal(await importCommand.run([src, '--db', db, '--quiet']), 0);
  const child = spawn(process.execPath, ['--import', 'tsx', bin, 'search', '管道測試', '--all', '--db', db]);
  // the reader goes away before the first line is written
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const code = await new Promise<number | null>((done) => child.on('exit', done));
  assert.equal(stderr, '');
  assert.equal(code, 0);
});

test('output that cannot be written (a full disk) is one line and exit 74', {
  skip: !existsSync('/dev/full'),
}, async () => {
  const db = join(work, 'pipe.db');
  const full = openSync('/dev/full', 'w');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', bin, 'search', '管道測試', '--all', '--csv', '--db', db],
    {
      stdio: ['ignore', full, 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const code = await new Promise<number | null>((done) => child.on('exit', done));
  closeSync(full);
  assert.equal(stderr, 'backfile: cannot write the output: the disk is full\n');
  assert.equal(code, 74);
});
