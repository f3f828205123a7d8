// The reader as benchmarks run it: the build `npm start` runs, made fresh from the sources, served
// from a child process (so that its RSS and CPU time are its own) once it says it is serving.

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../../test/support/corpus.js';

/** Builds dist/ as `npm run build` does; throws when the build fails. */
export function buildReader(): void {
  const r = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error('npm run build failed');
}

/** `backfile serve --db db --port port` in production mode, with Node's `nodeFlags`, once listening. */
export async function startReader(
  db: string,
  port: number,
  nodeFlags: readonly string[] = [],
): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [...nodeFlags, join(REPO_ROOT, 'dist/cli/bin.js'), 'serve', '--db', db, '--port', String(port)],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } },
  );
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('serving')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening: ${out}`)));
  });
  return child;
}
