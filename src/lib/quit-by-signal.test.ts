import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * A process with a listener for the signal and a thread compressing in a loop (what an import's
 * reading thread does), which quits by the signal once the thread runs.
 */
const CHILD = `
import { Worker } from 'node:worker_threads';
import { quitBySignal } from './src/lib/quit-by-signal.ts';
const signal = process.argv.at(-1);
process.on(signal, () => {});
const worker = new Worker(\`
  import { deflateRawSync } from 'node:zlib';
  import { parentPort } from 'node:worker_threads';
  const buf = Buffer.alloc(20000, 'abc');
  parentPort.postMessage('running');
  for (;;) deflateRawSync(buf);
\`, { eval: true });
worker.once('message', () => {
  quitBySignal(signal);
  // nothing after the signal runs: the process has ended
  setTimeout(() => process.stdout.write('still here'), 50);
});
`;

function run(
  signal: string,
  viaShell: boolean,
): Promise<{ code: number | null; signal: string | null; out: string }> {
  const node = [process.execPath, '--import', 'tsx', '--input-type=module', '-e', CHILD, '--', signal];
  const quoted = node.map((a) => `'${a.replaceAll("'", `'\\''`)}'`).join(' ');
  const child = viaShell
    ? spawn('/bin/sh', ['-c', `${quoted}; echo "status $?"`], { cwd: root })
    : spawn(node[0]!, node.slice(1), { cwd: root });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  return new Promise((resolve) => child.on('close', (code, sig) => resolve({ code, signal: sig, out })));
}

test('quits by the signal itself, while a thread is busy: not by an exit status', async () => {
  const r = await run('SIGINT', false);
  assert.deepEqual(r, { code: null, signal: 'SIGINT', out: '' });
});

test('a shell sees 130 for SIGINT and 143 for SIGTERM', async () => {
  assert.equal((await run('SIGINT', true)).out, 'status 130\n');
  assert.equal((await run('SIGTERM', true)).out, 'status 143\n');
});
