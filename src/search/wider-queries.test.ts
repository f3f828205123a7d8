import assert from 'node:assert/strict';
import { test } from 'node:test';
import { relaxedQueries, widerQueries } from './wider-queries.js';

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

test('the words no article holds are named, and the query without them is offered first', async () => {
  const texts = ['國安法 黎智英 疫苗', '國安法', '黎智英 疫苗'];
  const count = (q: string) => {
    const words = q.split(' ').filter((w) => !w.startsWith('-'));
    return texts.filter((t) => words.every((w) => t.includes(w))).length;
  };
  assert.deepEqual(await widerQueries('國安法 zzqq 黎智英 -壞 疫苗', [], count), {
    relaxed: [
      { q: '國安法 黎智英 -壞 疫苗', total: 1 },
      { q: '國安法', total: 2 },
      { q: '黎智英', total: 2 },
    ],
    unfound: ['zzqq'],
  });
  // in the order typed; each word once
  assert.deepEqual((await widerQueries('甲甲 國安法 乙乙 甲甲', [], count)).unfound, ['甲甲', '乙乙']);
  // every word unfound: nothing to drop them for, but each is named
  assert.deepEqual(await widerQueries('甲甲 乙乙', [], count), { relaxed: [], unfound: ['甲甲', '乙乙'] });
  // one word alone is the whole query: not named, unless filters could be blamed instead
  assert.deepEqual((await widerQueries('甲甲', [], count)).unfound, []);
  assert.deepEqual((await widerQueries('甲甲', [{ key: 'tag', value: 'x' }], count)).unfound, ['甲甲']);
  assert.deepEqual((await widerQueries('國安法', [{ key: 'tag', value: 'x' }], count)).unfound, []);
  // at most six words are counted to be named (the rest are not claimed to be nowhere)
  const many = await widerQueries('a1 a2 a3 a4 a5 a6 a7 a8', [], () => 0);
  assert.deepEqual(many.unfound, ['a1', 'a2', 'a3', 'a4', 'a5', 'a6']);
});
