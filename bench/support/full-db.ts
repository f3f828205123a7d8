// The full corpus as a database for benchmarks that read it: ./data/backfile.db when it exists (what
// `npm start` made), else hkcnews-full.tar.xz imported once into a temp file, kept and keyed by the
// tarball and the code an import runs, so that a change of what it derives means a new import.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importCorpus } from '../../src/store/import.js';
import { FULL_TARBALL, REPO_ROOT } from '../../test/support/corpus.js';

export async function fullDb(): Promise<string> {
  const local = join(REPO_ROOT, 'data/backfile.db');
  if (existsSync(local)) return local;
  const hash = createHash('sha1').update(String(statSync(FULL_TARBALL).mtimeMs));
  // what an import derives: the store's code and the text code it runs (folding, visible text, tokens)
  for (const dir of ['src/store', 'src/text']) {
    for (const name of readdirSync(join(REPO_ROOT, dir)).sort()) {
      if (/^(schema|prepare|writer|import|fold|ignorable|visible|tokenize)\.ts$/.test(name))
        hash.update(readFileSync(join(REPO_ROOT, dir, name)));
    }
  }
  const db = join(tmpdir(), `backfile-bench-full-${hash.digest('hex').slice(0, 12)}.db`);
  if (!existsSync(db)) {
    console.log(`importing ${FULL_TARBALL} into ${db} (once)…`);
    await importCorpus(`${db}.tmp`, FULL_TARBALL, {});
    spawnSync('mv', [`${db}.tmp`, db]);
  }
  return db;
}
