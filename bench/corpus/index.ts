// bench/corpus: time and peak memory to read and parse all records of the full corpus, from the
// .tar.xz (streamed) and from an extracted folder, against `tar -xJf` of the same file in the same
// run. Targets: folder ≤ 5 s; .tar.xz ≤ 1.5 × tar -xJf. Writes bench/results/corpus.json.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FULL_TARBALL } from '../../test/support/corpus.js';

const here = dirname(fileURLToPath(import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 2);

interface Run {
  ms: number;
  peakRssMB?: number;
  records?: number;
  parsed?: number;
}

/** `xz -dc` to /dev/null: decompression alone, a steadier second reference than tar -xJf. */
function timeXzOnly(): Run {
  const t = performance.now();
  const r = spawnSync('sh', ['-c', `xz -dc -- '${FULL_TARBALL.replace(/'/g, "'\\''")}' > /dev/null`]);
  if (r.status !== 0) throw new Error('xz -dc failed');
  return { ms: performance.now() - t };
}

function timeTarExtract(dir: string): Run {
  mkdirSync(dir, { recursive: true });
  spawnSync('sync'); // start from clean page-cache write-back, so earlier runs do not weigh on this one
  const useTime = existsSync('/usr/bin/time');
  const cmd = useTime ? '/usr/bin/time' : 'tar';
  const args = useTime
    ? ['-f', '%M', 'tar', '-xJf', FULL_TARBALL, '-C', dir]
    : ['-xJf', FULL_TARBALL, '-C', dir];
  const t = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`tar -xJf failed: ${r.stderr}`);
  const kb = useTime ? Number(r.stderr.trim().split('\n').pop()) : Number.NaN;
  return Number.isFinite(kb) ? { ms, peakRssMB: kb / 1024 } : { ms };
}

function readAll(source: string): Run {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'read-all.ts'), source], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`read-all failed on ${source}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Run;
}

function best(runs: Run[]): Run {
  return runs.reduce((a, b) => (b.ms < a.ms ? b : a));
}

function fmt(r: Run): string {
  const mem = r.peakRssMB !== undefined ? `${r.peakRssMB.toFixed(0)} MB peak RSS` : 'peak RSS n/a';
  return `${(r.ms / 1000).toFixed(2)} s, ${mem}`;
}

if (!existsSync(FULL_TARBALL)) {
  console.error(`full corpus not found at ${FULL_TARBALL} (set BACKFILE_SHARED)`);
  process.exit(1);
}
const work = mkdtempSync(join(tmpdir(), 'backfile-bench-corpus-'));

try {
  const baselineRuns: Run[] = [];
  const tarRuns: Run[] = [];
  const folderRuns: Run[] = [];
  const xzRuns: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    const folder = join(work, `extracted-${i}`);
    baselineRuns.push(timeTarExtract(folder));
    xzRuns.push(timeXzOnly());
    tarRuns.push(readAll(FULL_TARBALL));
    folderRuns.push(readAll(folder));
    console.log(
      `run ${i + 1}/${RUNS}: tar -xJf ${(baselineRuns[i]!.ms / 1000).toFixed(2)} s · ` +
        `xz -dc ${(xzRuns[i]!.ms / 1000).toFixed(2)} s · from .tar.xz ${(tarRuns[i]!.ms / 1000).toFixed(2)} s · ` +
        `from folder ${(folderRuns[i]!.ms / 1000).toFixed(2)} s`,
    );
    if (i > 0) rmSync(join(work, `extracted-${i - 1}`), { recursive: true, force: true });
  }
  const xzOnly = best(xzRuns);
  const baseline = best(baselineRuns);
  const tar = best(tarRuns);
  const dir = best(folderRuns);
  const tarRatio = tar.ms / baseline.ms;
  console.log(`\nbaseline  tar -xJf (extract to disk):       ${fmt(baseline)}`);
  console.log(`reference xz -dc > /dev/null (no tar, no disk): ${fmt({ ms: xzOnly.ms })}`);
  console.log(
    `tar.xz    read+parse ${tar.parsed} records:    ${fmt(tar)}  → ${tarRatio.toFixed(2)} × baseline (target ≤ 1.5)`,
  );
  console.log(
    `folder    read+parse ${dir.parsed} records:    ${fmt(dir)}  → ${(dir.ms / baseline.ms).toFixed(2)} × baseline (target ≤ 5 s)`,
  );
  const results = {
    name: 'corpus',
    date: new Date().toISOString(),
    node: process.version,
    runs: RUNS,
    tarball: FULL_TARBALL,
    baseline: { what: 'tar -xJf into a temp folder', ...baseline, all: baselineRuns.map((r) => r.ms) },
    xzOnly: { what: 'xz -dc > /dev/null', ms: xzOnly.ms, all: xzRuns.map((r) => r.ms) },
    tarXz: {
      ...tar,
      ratioToBaseline: tarRatio,
      ratioToXzOnly: tar.ms / xzOnly.ms,
      target: '≤ 1.5 × baseline',
      met: tarRatio <= 1.5,
      all: tarRuns.map((r) => r.ms),
    },
    folder: {
      ...dir,
      ratioToBaseline: dir.ms / baseline.ms,
      target: '≤ 5 s',
      met: dir.ms <= 5000,
      all: folderRuns.map((r) => r.ms),
    },
  };
  const out = join(here, '..', 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'corpus.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote bench/results/corpus.json`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
