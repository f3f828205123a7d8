// Where the real corpus lives for tests and benchmarks (../shared/corpus beside the repository,
// or BACKFILE_SHARED), and a cached extraction of the sample tarball for tests that want a folder.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED_DIR = process.env.BACKFILE_SHARED ?? resolve(REPO_ROOT, '../shared');
export const SAMPLE_TARBALL = join(SHARED_DIR, 'corpus/hkcnews-sample.tar.xz');
export const FULL_TARBALL = join(SHARED_DIR, 'corpus/hkcnews-full.tar.xz');

/** Extracts a tarball once into a temp folder (keyed by its name) and returns the folder. */
export function extractedCorpus(tarball: string): string {
  const name = tarball
    .split('/')
    .pop()!
    .replace(/\.tar\.xz$/, '');
  const dir = join(tmpdir(), `backfile-${name}`);
  if (existsSync(join(dir, 'articles'))) return dir;
  const tmp = `${dir}.${process.pid}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  execFileSync('tar', ['-xJf', tarball, '-C', tmp]);
  try {
    renameSync(tmp, dir);
  } catch {
    // another test process won the race; its copy is identical
    rmSync(tmp, { recursive: true, force: true });
  }
  return dir;
}

/** The sample corpus as a folder. */
export function sampleFolder(): string {
  return extractedCorpus(SAMPLE_TARBALL);
}
