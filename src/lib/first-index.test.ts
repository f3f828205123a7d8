import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstIndex } from './first-index.js';

test('firstIndex: where a predicate turns true, n when it never does, 0 when it always does', () => {
  const sorted = [1, 3, 3, 5, 8];
  assert.equal(
    firstIndex(sorted.length, (i) => sorted[i]! >= 3),
    1,
  );
  assert.equal(
    firstIndex(sorted.length, (i) => sorted[i]! > 3),
    3,
  );
  assert.equal(
    firstIndex(sorted.length, (i) => sorted[i]! > 8),
    5,
  );
  assert.equal(
    firstIndex(sorted.length, () => true),
    0,
  );
  assert.equal(
    firstIndex(0, () => true),
    0,
  );
});
