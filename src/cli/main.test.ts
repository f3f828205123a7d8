import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { serializeRecord } from '../corpus/record.js';
import { UsageError } from '../lib/errors.js';
import { fixtureArticle } from '../store/test-fixtures.js';
import { command as importCommand } from './commands/import.js';
import { main } from './main.js';

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

/** Runs main() in-process, with what it prints on stdout. */
async function captured(argv: string[]): Promise<{ code: number; out: string }> {
  const write = process.stdout.write.bind(process.stdout);
  let out = '';
  // (the test runner reports on stdout too, in bytes: those go on)
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    if (typeof chunk !== 'string') return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    out += chunk;
    return true;
  }) as typeof process.stdout.write;
  try {
    return { code: await main(argv), out };
  } finally {
    process.stdout.write = write;
  }
}

test('help <command> and <command> --version say what they say at the top level', async () => {
  const help = await captured(['help', 'search']);
  assert.equal(help.code, 0);
  assert.match(help.out, /^Usage: backfile search <query>/);
  assert.equal(help.out, (await captured(['search', '--help'])).out);
  const version = await captured(['--version']);
  assert.match(version.out, /^\d+\.\d+\.\d+/);
  assert.deepEqual(await captured(['check', '--version']), version);
  // after --, --help is text (a query)
  await assert.rejects(main(['search', '--db', join(work, 'none.db'), '--', '--help']), /no database/);
});

test('a mistyped command: the one most likely meant, exit 2', async () => {
  for (const [typed, meant] of [
    ['serch', 'search'],
    ['Search', 'search'],
    ['chek', 'check'],
  ]) {
    await assert.rejects(
      main([typed!]),
      (e: unknown) =>
        e instanceof UsageError &&
        e.exitCode === 2 &&
        e.message === `unknown command "${typed}"; did you mean "${meant}"?`,
    );
  }
  await assert.rejects(main(['help', 'serch']), /did you mean "search"/);
  await assert.rejects(main(['frobnicate']), /unknown command "frobnicate"; run `backfile --help`/);
});

test('a usage error is one line naming the command and its help, exit 2', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', bin, 'check', '--bogus', 'x'], {
    encoding: 'utf8',
  });
  assert.equal(r.stderr, 'backfile check: unknown option --bogus (see backfile check --help)\n');
  assert.equal(r.stdout, '');
  assert.equal(r.status, 2);
  // any usage error of a command names it, as those of its own checks
  const sort = spawnSync(
    process.execPath,
    ['--import', 'tsx', bin, 'search', 'x', '--sort', 'best', '--db', join(work, 'none.db')],
    { encoding: 'utf8' },
  );
  assert.equal(sort.stderr, 'backfile search: --sort takes relevance, newest or oldest, not "best"\n');
  assert.equal(sort.status, 2);
});
