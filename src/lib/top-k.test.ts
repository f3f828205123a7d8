import assert from 'node:assert/strict';
import { test } from 'node:test';
import { topK } from './top-k.js';

test('topK gives the same as sorting and slicing, ties in arrival order', () => {
  const items = Array.from({ length: 500 }, (_, i) => ({ i, v: (i * 7919) % 37 }));
  const byV = (a: { v: number }, b: { v: number }) => b.v - a.v;
  for (const k of [0, 1, 5, 36, 500, 600]) {
    assert.deepEqual(topK(items, k, byV), [...items].sort(byV).slice(0, k));
  }
});
