import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IdIndex } from './id-index.js';

test('gives the position of each id, and -1 for anything else', () => {
  for (const ids of [Int32Array.of(174, 300, 49_930, 5), Int32Array.of(3, 2_000_000_000, 7)]) {
    const index = IdIndex.of(ids);
    for (const [i, id] of ids.entries()) assert.equal(index.get(id), i);
    for (const other of [-1, 0, 4, 1.5, Number.NaN, 2 ** 40, 2_000_000_001])
      assert.equal(index.get(other), -1);
  }
  assert.equal(IdIndex.of([]).get(0), -1);
});

test('one huge id among a few does not size an array by it', () => {
  const before = process.memoryUsage().arrayBuffers;
  const index = IdIndex.of(Int32Array.of(1, 2, 2_147_483_647));
  assert.equal(index.get(2_147_483_647), 2);
  // an array indexed by id would be 8 GB
  assert.ok(process.memoryUsage().arrayBuffers - before < 1_000_000);
});
