import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareNatural } from './natural-order.js';

test('digit runs compare as numbers: ids and id ranges come in ascending order', () => {
  const names = ['article_1000.md', 'article_174.md', 'article_2.md', 'article_10.md', 'article_1.md'];
  assert.deepEqual(names.sort(compareNatural), [
    'article_1.md',
    'article_2.md',
    'article_10.md',
    'article_174.md',
    'article_1000.md',
  ]);
  const folders = ['1-1000', '10001-11000', '1001-2000', '11001-12000', '2001-3000', '9001-10000'];
  assert.deepEqual(folders.sort(compareNatural), [
    '1-1000',
    '1001-2000',
    '2001-3000',
    '9001-10000',
    '10001-11000',
    '11001-12000',
  ]);
});

test('it is a total order: text compares by code units, leading zeros only break ties', () => {
  assert.ok(compareNatural('a', 'b') < 0);
  assert.ok(compareNatural('B', 'a') < 0); // code units, not the locale
  assert.ok(compareNatural('x1', 'x1y') < 0);
  assert.ok(compareNatural('x', '1') > 0);
  assert.equal(compareNatural('07', '07'), 0);
  // equal numbers written differently are still different names, in a fixed order
  assert.ok(compareNatural('007', '7') < 0);
  assert.ok(compareNatural('7', '007') > 0);
  // digit runs longer than any integer type
  assert.ok(compareNatural('n123456789012345678901', 'n123456789012345678902') < 0);
  assert.ok(compareNatural('n99999999999999999999', 'n100000000000000000000') < 0);
  // antisymmetric over a mixed list
  const names = ['a10', 'a9', 'a09', 'b', 'a', '10', '9', 'a9b', 'a9a', ''];
  for (const x of names)
    for (const y of names) assert.equal(Math.sign(compareNatural(x, y)) + Math.sign(compareNatural(y, x)), 0);
});
