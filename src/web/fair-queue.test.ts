import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FairQueue } from './fair-queue.js';

test('jobs run in arrival order, one per turn of the event loop', async () => {
  const q = new FairQueue();
  const log: string[] = [];
  const job = async (name: string) => {
    await q.turn();
    log.push(name);
  };
  const jobs = [job('a'), job('b'), job('c')];
  assert.equal(q.length, 3);
  // work that arrives while the queue is busy (as a socket read would) gets in between the jobs
  setImmediate(() => log.push('io'));
  await Promise.all(jobs);
  assert.deepEqual(log, ['a', 'io', 'b', 'c']);
  assert.equal(q.length, 0);
  await job('d');
  assert.deepEqual(log.at(-1), 'd');
});
