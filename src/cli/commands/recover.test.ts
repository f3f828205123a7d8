// `backfile recover` as a user runs it: a refused input file is one line, exit 3, and no folder.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '../bin.ts');
// resolved here: the CLI runs in a scratch folder, where `--import tsx` would not be found
const TSX = import.meta.resolve('tsx');
const work = mkdtempSync(join(tmpdir(), 'backfile-cli-recover-'));
after(() => rmSync(work, { recursive: true, force: true }));

function run(argv: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, ['--import', TSX, BIN, ...argv], { encoding: 'utf8', cwd: work });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

test('a missing or broken WARC file: one line, exit 3, no output folder made', () => {
  writeFileSync(join(work, 'text.warc'), 'not a WARC file\n');
  for (const [file, line] of [
    ['nonexist.warc', 'backfile: no such file: nonexist.warc\n'],
    ['text.warc', 'backfile: text.warc is not a WARC file: no WARC record header\n'],
  ] as const) {
    const { code, err } = run(['recover', '--site', 'hkcnews', '--out', 'o', '--quiet', file]);
    assert.equal(code, 3, file);
    assert.equal(err, line);
    assert.ok(!existsSync(join(work, 'o')), `${file}: no output folder`);
  }
});
