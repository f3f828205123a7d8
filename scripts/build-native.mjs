// Builds src/search/phrase-freqs.c, the SQLite extension search uses to compute BM25 itself, into
// build/phrase-freqs.so with the C compiler that npm's native builds use (cc), against the SQLite
// headers better-sqlite3 ships. Without a compiler it says so and exits 0: search then uses FTS5's
// bm25(), with the same results, more slowly.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

const out = 'build/phrase-freqs.so';
mkdirSync('build', { recursive: true });
const cc = process.env.CC || 'cc';
const r = spawnSync(
  cc,
  [
    '-O2',
    '-fPIC',
    '-shared',
    '-I',
    'node_modules/better-sqlite3/deps/sqlite3',
    'src/search/phrase-freqs.c',
    '-o',
    out,
  ],
  { stdio: 'inherit' },
);
if (r.status !== 0) {
  console.warn(
    `build-native: could not build ${out} (${r.error?.message ?? `${cc} exited ${r.status}`}); search will use FTS5's bm25()`,
  );
}
