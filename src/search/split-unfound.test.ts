import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cutUnfound, cutUnfoundWords } from './split-unfound.js';

/** Counts as exact substring search would over these texts, and what was asked. */
function counter(texts: string[]) {
  const asked: string[] = [];
  const count = (q: string) => {
    asked.push(q);
    return texts.filter((t) => t.includes(q)).length;
  };
  return { count, asked };
}

const TEXTS = ['47人初選案開審', '民主派初選', '政府大起訴行動', '國安法實施', '立法會選舉', '選舉主任'];

test('a run found nowhere is cut into the longest pieces from its start that are found', async () => {
  assert.deepEqual(await cutUnfound('47人初選大起訴', counter(TEXTS).count), ['47人初選', '大起訴']);
  assert.deepEqual(await cutUnfound('國安法立法會選舉', counter(TEXTS).count), ['國安法', '立法會選舉']);
  // a character found nowhere is left out, and the cut goes on after it
  assert.deepEqual(await cutUnfound('國安法㗎選舉', counter(TEXTS).count), ['國安法', '選舉']);
  assert.deepEqual(await cutUnfound('國安法㗎', counter(TEXTS).count), ['國安法']);
  // characters are code points: 𨋢 is one, not two halves that a substring search could match
  assert.deepEqual(await cutUnfound('國安法𨋢選舉', counter([...TEXTS, '\ud860']).count), ['國安法', '選舉']);
});

test('a run that is found, short, Latin or holding syntax is not cut', async () => {
  const { count, asked } = counter(TEXTS);
  assert.equal(await cutUnfound('民主派初選', count), null);
  assert.deepEqual(asked, ['民主派初選']);
  assert.equal(await cutUnfound('國安', count), null);
  assert.equal(await cutUnfound('carrielam', count), null);
  assert.equal(await cutUnfound('tag:國安法選舉', count), null);
  assert.equal(await cutUnfound('"國安法選舉"', count), null);
  // nothing of it is found: no pieces worth offering
  assert.equal(await cutUnfound('㗎㗎㗎', counter(TEXTS).count), null);
});

test('the counts a cut asks for are few: halving, not every length', async () => {
  const { count, asked } = counter(TEXTS);
  await cutUnfound('47人初選大起訴', count);
  assert.ok(asked.length <= 16, `${asked.length} counts: ${asked.join(', ')}`);
});

test('cut from the start and from the end, the pieces that find more together are given', async () => {
  // from the start: 國安法立法 會選舉 (both found, together once); from the end: 國安法 立法會選舉
  const texts = [
    '國安法立法',
    '會選舉',
    '國安法立法 會選舉',
    '國安法',
    '立法會選舉',
    '國安法 立法會選舉',
    '國安法 立法會選舉',
  ];
  const count = (q: string) => {
    const words = q.split(' ');
    return texts.filter((t) => words.every((w) => t.includes(w))).length;
  };
  assert.deepEqual(await cutUnfound('國安法立法會選舉', count), ['國安法', '立法會選舉']);
});

test('words: only those found nowhere are cut, the others kept as typed', async () => {
  assert.deepEqual(await cutUnfoundWords(['選舉', '47人初選大起訴'], counter(TEXTS).count), [
    '選舉',
    '47人初選',
    '大起訴',
  ]);
  assert.equal(await cutUnfoundWords(['選舉', '國安法'], counter(TEXTS).count), null);
});
