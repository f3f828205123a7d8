import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IntLists } from './int-lists.js';

test('each key gives its own list, in the order given or sorted', () => {
  const source = new Map<string, number[]>([
    ['b', [5, 1, 3]],
    ['a', []],
    ['c', [7]],
  ]);
  const kept = IntLists.from(source);
  assert.deepEqual([...kept.get('b')!], [5, 1, 3]);
  assert.deepEqual([...kept.get('a')!], []);
  assert.deepEqual([...kept.get('c')!], [7]);
  assert.equal(kept.get('d'), undefined);
  assert.equal(kept.size, 3);
  const sorted = IntLists.from(source, true);
  assert.deepEqual([...sorted.get('b')!], [1, 3, 5]);
  assert.deepEqual([...sorted.get('c')!], [7]);
});

test('numbers key as well as strings', () => {
  const kept = IntLists.from(
    new Map([
      [10, [2, 4]],
      [3, [9]],
    ]),
  );
  assert.deepEqual([...kept.get(10)!], [2, 4]);
  assert.deepEqual([...kept.get(3)!], [9]);
});
