import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bylinePeople } from './byline.js';

test("a reporters' byline names its people, without their roles", () => {
  assert.deepEqual(bylinePeople('記者林勵'), ['林勵']);
  assert.deepEqual(bylinePeople('實習記者林勵'), ['林勵']);
  assert.deepEqual(bylinePeople('記者林勵、鄭啟智、實習記者梁穎欣'), ['林勵', '鄭啟智', '梁穎欣']);
  assert.deepEqual(bylinePeople('特約記者梁瑞珮'), ['梁瑞珮']);
  assert.deepEqual(bylinePeople('中國組記者黃麗萍'), ['黃麗萍']);
  assert.deepEqual(bylinePeople('實習記者謝鎧文‧郭日朗'), ['謝鎧文', '郭日朗']);
  assert.deepEqual(bylinePeople('記者 甲 ・ 乙'), ['甲', '乙']);
  // correspondents and contributors abroad
  assert.deepEqual(bylinePeople('台灣特派員鄭智仁'), ['鄭智仁']);
  assert.deepEqual(bylinePeople('澳門特約記者黃嘉成'), ['黃嘉成']);
});

test('any other byline is one person as written', () => {
  assert.deepEqual(bylinePeople('眾新聞記者'), ['眾新聞記者']);
  // a desk, a generic role, a company: no person to name apart
  assert.deepEqual(bylinePeople('眾新聞中國組'), ['眾新聞中國組']);
  assert.deepEqual(bylinePeople('眾新聞特約記者'), ['眾新聞特約記者']);
  assert.deepEqual(bylinePeople('公民記者有限公司'), ['公民記者有限公司']);
  assert.deepEqual(bylinePeople('帝國之間、民國之外'), ['帝國之間、民國之外']);
  assert.deepEqual(bylinePeople('飄楊 & 小鳥'), ['飄楊 & 小鳥']);
  assert.deepEqual(bylinePeople(' 林勵 '), ['林勵']);
  // a role alone, or a part left empty, is not split into nothing
  assert.deepEqual(bylinePeople('記者'), ['記者']);
  assert.deepEqual(bylinePeople('記者林勵、'), ['記者林勵、']);
  assert.deepEqual(bylinePeople(' '), []);
  assert.deepEqual(bylinePeople(''), []);
});
