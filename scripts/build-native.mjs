// Builds backfile's two small SQLite extensions with the C compiler that npm's native builds use
// (cc), against the SQLite headers better-sqlite3 ships:
//   src/search/phrase-freqs.c -> build/phrase-freqs.so  (search computes BM25 itself)
//   src/store/body-inflate.c  -> build/body-inflate.so  (snippets inflate bodies in SQLite; zlib)
// Either may fail (no compiler, no zlib headers): it says so and exits 0, and search does the same
// work without it, with the same results, more slowly.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

const cc = process.env.CC || 'cc';
mkdirSync('build', { recursive: true });

/** Compiles one extension; false (with a warning) when it cannot be built here. */
function build(source, out, libs, without) {
  const r = spawnSync(
    cc,
    ['-O2', '-fPIC', '-shared', '-I', 'node_modules/better-sqlite3/deps/sqlite3', source, '-o', out, ...libs],
    { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' },
  );
  if (r.status === 0) return true;
  const why =
    r.error?.message ?? (r.stderr.split('\n').find((l) => /error/i.test(l)) || `${cc} exited ${r.status}`);
  console.warn(`build-native: could not build ${out} (${why.trim()}); ${without}`);
  return false;
}

build('src/search/phrase-freqs.c', 'build/phrase-freqs.so', [], "search will use FTS5's bm25()");
build(
  'src/store/body-inflate.c',
  'build/body-inflate.so',
  ['-lz'],
  'snippets will inflate bodies with node:zlib (zlib1g-dev has the headers it needs)',
);
