// For the tests of backfile's SQLite extensions: a build of one at another version (as a build left
// behind by other sources would be), and the process warnings given while some code runs.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Compiles `source` (relative to the repository) with `-D<define>` into a temporary folder, under
 * the file name SQLite derives the entry point from (`outName`), and runs `use` with its path.
 */
export async function withOtherBuild(
  source: string,
  define: string,
  outName: string,
  libs: string[],
  use: (path: string) => Promise<void> | void,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), `backfile-${basename(outName, '.so')}-`));
  try {
    const out = join(dir, outName);
    const cc = spawnSync(
      process.env.CC || 'cc',
      [
        '-fPIC',
        '-shared',
        `-D${define}`,
        '-I',
        'node_modules/better-sqlite3/deps/sqlite3',
        source,
        '-o',
        out,
        ...libs,
      ],
      { cwd: root, encoding: 'utf8' },
    );
    if (cc.status !== 0) throw new Error(`could not build ${source}: ${cc.stderr || cc.error?.message}`);
    await use(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The messages of the process warnings emitted while `run` runs (and in the turn after it). */
export async function warningsDuring(run: () => void): Promise<string[]> {
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(w.message);
  process.on('warning', onWarning);
  try {
    run();
    await new Promise((done) => setImmediate(done));
  } finally {
    process.off('warning', onWarning);
  }
  return warnings;
}
