import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maxInWindow, SlidingWindowLimiter } from './rate-limit.js';

test('maxInWindow counts the busiest sliding window', () => {
  assert.equal(maxInWindow([0, 10, 20, 1000, 1005], 100), 3);
  assert.equal(maxInWindow([0, 100, 200], 100), 1);
  assert.equal(maxInWindow([], 100), 0);
});

test('the limiter never lets more than the limit start in any sliding window', async () => {
  const limiter = new SlidingWindowLimiter({ limit: 5, windowMs: 100 });
  const starts: number[] = [];
  await Promise.all(
    Array.from({ length: 17 }, async () => {
      await limiter.acquire();
      starts.push(Date.now());
    }),
  );
  assert.equal(starts.length, 17);
  assert.ok(maxInWindow(starts, 100) <= 5, `max ${maxInWindow(starts, 100)} in a window`);
});

test('a pause holds every caller', async () => {
  const limiter = new SlidingWindowLimiter({ limit: 0, windowMs: 1000 });
  assert.equal(limiter.unlimited, true);
  const until = Date.now() + 60;
  limiter.pauseUntil(until);
  await limiter.acquire();
  assert.ok(Date.now() >= until);
});
