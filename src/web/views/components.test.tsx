import assert from 'node:assert/strict';
import { test } from 'node:test';
import { strings } from '../i18n.js';
import { Timeline } from './components.js';

test('the timeline labels every January, the last one set against the right edge', () => {
  const months = ['2020-11', '2020-12', '2021-01', '2021-06', '2021-12', '2022-01'].map((value) => ({
    value,
    count: 3,
  }));
  const svg = String(<Timeline months={months} t={strings('zh')} />);
  // 15 months from 2020-11 to 2022-01, 12 units each: 180 wide
  assert.match(svg, /viewBox="0 0 180 /);
  assert.match(svg, /<text class="axis" x="24" y="[\d.]+">2021<\/text>/);
  assert.match(svg, /<text class="axis" x="180" y="[\d.]+" text-anchor="end">2022<\/text>/);
  // the first bar's year is not labelled when a January follows within four bars
  assert.doesNotMatch(svg, />2020<\/text>/);
  assert.match(svg, /圖表可左右捲動/);
});
