import assert from 'node:assert/strict';
import { test } from 'node:test';
import { strings } from '../i18n.js';
import { Timeline } from './components.js';

test('the timeline labels every January, the last one set against the right edge', () => {
  const months = ['2020-11', '2020-12', '2021-01', '2021-06', '2021-12', '2022-01'].map((value) => ({
    value,
    count: 3,
  }));
  const svg = String(<Timeline months={months} more={{ href: '/date', label: 'all' }} t={strings('zh')} />);
  // 15 months from 2020-11 to 2022-01, 12 units each: 180 wide
  assert.match(svg, /viewBox="0 0 180 /);
  assert.match(svg, /<text class="axis" x="24" y="[\d.]+">2021<\/text>/);
  assert.match(svg, /<text class="axis" x="180" y="[\d.]+" text-anchor="end">2022<\/text>/);
  // the first bar's year is not labelled when a January follows within four bars
  assert.doesNotMatch(svg, />2020<\/text>/);
  assert.match(svg, /圖表可左右捲動/);
});

test("the timeline's bars are links out of the tab order; its one tab stop is the list of the same months", () => {
  const months = ['2020-11', '2020-12', '2021-01'].map((value) => ({ value, count: 3 }));
  const html = String(
    <Timeline months={months} more={{ href: '/date', label: '以列表瀏覽全部 3 個月 ›' }} t={strings('zh')} />,
  );
  const links = html.match(/<a [^>]*>/g) ?? [];
  assert.equal(links.length, 4);
  const tabbable = links.filter((a) => !a.includes('tabindex="-1"'));
  assert.deepEqual(tabbable, ['<a class="timeline-list" href="/date">']);
  // each bar still names its month and count, for a pointer's tooltip and a screen reader
  assert.match(html, /<a href="\/date\/2021\/01" aria-label="2021 年 1 月: 3 篇" tabindex="-1"><title>/);
});
