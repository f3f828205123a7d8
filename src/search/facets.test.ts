import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importArticles } from '../store/import.js';
import { openStore } from '../store/store.js';
import { FIXTURES } from '../store/test-fixtures.js';
import { catalogOf } from './catalog.js';
import { countersOf } from './counters.js';
import { facetsOf } from './facets.js';

const store = openStore(':memory:');
importArticles(store, FIXTURES);
const c = catalogOf(store);

test('a small set counts the values it meets as a large set counts them all, and leaves every counter at zero', () => {
  const sets = [Int32Array.from({ length: c.size }, (_, d) => d), Int32Array.of(0, 2, 3), Int32Array.of()];
  for (const dense of sets) {
    for (const limit of [0, 1, 12]) {
      const listed = facetsOf(c, dense, limit, Number.POSITIVE_INFINITY);
      const scanned = facetsOf(c, dense, limit, 0);
      assert.deepEqual(listed, scanned);
      const counters = countersOf(c);
      for (const counts of [counters.author, counters.tag, counters.category, counters.year, counters.month])
        assert.ok(
          counts.every((n) => n === 0),
          'a counter was left non-zero',
        );
    }
  }
  const all = facetsOf(c, sets[0]!, 0, Number.POSITIVE_INFINITY);
  assert.ok(all.tag.length > 1 && all.author.length > 1, 'the fixtures have several tags and authors');
  // counted twice in a row, a set gives the same counts (nothing left over from the first)
  assert.deepEqual(facetsOf(c, sets[1]!, 0, Number.POSITIVE_INFINITY), facetsOf(c, sets[1]!, 0, 0));
});
