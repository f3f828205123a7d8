import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fold } from './fold.js';
import { SPELLINGS } from './spelling-table.js';
import { otherSpellings, spellingTableOf } from './spellings.js';

test('words whose Traditional spelling folds otherwise get it as another spelling', () => {
  assert.deepEqual(otherSpellings('回复'), ['回覆']);
  assert.deepEqual(otherSpellings('了解'), ['瞭解']);
  assert.deepEqual(otherSpellings('借口'), ['藉口']);
  assert.deepEqual(otherSpellings('仿佛'), ['彷彿']);
  // inside a longer term, the rest kept as typed; Traditional input too (回復 folds as 回复)
  assert.deepEqual(otherSpellings('他回复了'), ['他回覆了']);
  assert.deepEqual(otherSpellings('回復'), ['回覆']);
  // the spelling folds otherwise than the term (else it would add nothing)
  for (const [t] of [otherSpellings('回复')]) assert.notEqual(fold(t!), fold('回复'));
});

test('terms without such a word have no other spelling', () => {
  for (const t of ['香港', '國安法', '国安法', 'Carrie Lam', '港', '', '回'])
    assert.deepEqual(otherSpellings(t), [], t);
});

test("the table of spellings is what OpenCC's phrase dictionary and the fold give (else: npx tsx scripts/spelling-table.ts)", async () => {
  const { default: STPhrases } = await import('opencc-js/dict/STPhrases');
  assert.deepEqual(
    SPELLINGS.map(([s, t]) => [s, [...t]]),
    spellingTableOf(STPhrases),
  );
});
