// quoteString and the scalar readers against js-yaml, over generated strings.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FAILSAFE_SCHEMA, load } from 'js-yaml';
import { quoteString, readDoubleQuoted, readList, readScalar, UnsupportedYaml } from './yaml-scalar.js';

/** A small deterministic generator (no Math.random: failures must be reproducible). */
function* strings(count: number): Generator<string> {
  const alphabet = [
    'a',
    ' ',
    '"',
    '\\',
    "'",
    '#',
    ':',
    '\t',
    '\n',
    '\r',
    '\x00',
    '\x1c',
    '\x7f',
    '\u0085',
    '\u00a0',
    '\u2028',
    '\ufeff',
    '中',
    '文',
    '😀',
    '-',
  ];
  let seed = 12345;
  for (let i = 0; i < count; i++) {
    let s = '';
    const len = i % 12;
    for (let j = 0; j < len; j++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      s += alphabet[seed % alphabet.length];
    }
    yield s;
  }
}

test('quoteString writes what js-yaml and readDoubleQuoted read back exactly', () => {
  for (const s of strings(3000)) {
    const quoted = quoteString(s);
    assert.equal(readDoubleQuoted(quoted, 0).value, s, JSON.stringify(s));
    const y = load(`v: ${quoted}`, { schema: FAILSAFE_SCHEMA }) as { v: string };
    assert.equal(y.v, s, JSON.stringify(s));
  }
});

test('readScalar: empty, null, comments; unsupported forms are flagged for the fallback', () => {
  assert.equal(readScalar(''), null);
  assert.equal(readScalar('  ~'), null);
  assert.equal(readScalar(' "x" # note'), 'x');
  assert.equal(readScalar(' plain # note'), 'plain');
  for (const text of [' |\n  block', ' &anchor x', ' !tag x', ' {a: 1}', ' "x" trailing']) {
    assert.throws(() => readScalar(text), UnsupportedYaml, text);
  }
});

test('readList: block lists at any indent, flow lists, empty', () => {
  assert.deepEqual(readList(''), []);
  assert.deepEqual(readList('\n  - "a"\n  - b\n  - \'c\''), ['a', 'b', 'c']);
  assert.deepEqual(readList('\n- a\n- "b\\tc"'), ['a', 'b\tc']);
  assert.deepEqual(readList(' ["a", b , \'c\']'), ['a', 'b', 'c']);
  assert.deepEqual(readList('\n  - "multi\n    line"'), ['multi line']);
  assert.equal(readList(' "a scalar"'), null);
});
