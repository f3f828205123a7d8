import assert from 'node:assert/strict';
import { test } from 'node:test';
import { relaxedQueries } from './wider-queries.js';

test('wider queries: without filters, quotes or *, word by word; only those that find something', async () => {
  const offered = await relaxedQueries('"甲 乙" 丙', [{ key: 'tag', value: 'x' }], (q) =>
    q.includes('乙') ? 1 : 0,
  );
  assert.deepEqual(offered, [
    { q: '"甲 乙" 丙', total: 1 },
    { q: '甲 乙 丙', total: 1 },
    { q: '乙', total: 1 },
  ]);
  // a * typed as a wildcard is a character to the index: the same query without it is offered
  assert.deepEqual(await relaxedQueries('香港*', [], (q) => (q === '香港' ? 31530 : 0)), [
    { q: '香港', total: 31530 },
  ]);
  // Chinese typed without spaces: cut into the words the archive holds, together first; each count
  // asked once; a one-character piece is not offered alone
  const texts = ['47人初選案', '大起訴行動', '47人初選 大起訴', '師'];
  const asked: string[] = [];
  const count = (q: string) => {
    asked.push(q);
    const words = q.split(' ');
    return texts.filter((t) => words.every((w) => t.includes(w))).length;
  };
  assert.deepEqual(await relaxedQueries('47人初選大起訴', [], count), [
    { q: '47人初選 大起訴', total: 1 },
    { q: '47人初選', total: 2 },
    { q: '大起訴', total: 2 },
  ]);
  assert.equal(asked.length, new Set(asked).size, asked.join(', '));
  assert.deepEqual(await relaxedQueries('國安法師', [], count), []);
});
