import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FairQueue } from './fair-queue.js';

/** Queues named jobs that each hold the thread `ms` on their turn, logging when each ran. */
function jobsOn(q: FairQueue, names: string[], log: string[], ms = 0): Promise<void>[] {
  return names.map(async (name) => {
    await q.turn();
    const end = performance.now() + ms;
    while (performance.now() < end);
    log.push(name);
  });
}

test('with no budget, jobs run in arrival order, one per turn of the event loop', async () => {
  const q = new FairQueue(0);
  const log: string[] = [];
  const jobs = jobsOn(q, ['a', 'b', 'c'], log);
  assert.equal(q.length, 3);
  // work that arrives while the queue is busy (as a socket read would) gets in between the jobs
  setImmediate(() => log.push('io'));
  await Promise.all(jobs);
  assert.deepEqual(log, ['a', 'io', 'b', 'c']);
  assert.equal(q.length, 0);
  await Promise.all(jobsOn(q, ['d'], log));
  assert.equal(log.at(-1), 'd');
});

test('quick jobs share one turn, in arrival order', async () => {
  const q = new FairQueue(1000);
  const log: string[] = [];
  const jobs = jobsOn(q, ['a', 'b', 'c'], log);
  setImmediate(() => log.push('io'));
  await Promise.all(jobs);
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(log, ['a', 'b', 'c', 'io']);
});

test('a turn that has used its budget lets the loop poll before the next job', async () => {
  const q = new FairQueue(5);
  const log: string[] = [];
  // two jobs of 3 ms are past the 5 ms budget: the third waits for the next turn
  const jobs = jobsOn(q, ['a', 'b', 'c', 'd'], log, 3);
  setImmediate(() => log.push('io'));
  await Promise.all(jobs);
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(
    log.filter((x) => x !== 'io'),
    ['a', 'b', 'c', 'd'],
  );
  assert.equal(log[0], 'a');
  assert.ok(log.indexOf('io') < log.indexOf('c'), log.join(' '));
});
