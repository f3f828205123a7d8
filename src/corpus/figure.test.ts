// formatFigure writes figures in the corpus's layout.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatFigure } from './figure.js';

test('a figure with a caption, one element per line', () => {
  assert.equal(
    formatFigure({ src: 'https://web.archive.org/web/1im_/https://x/a.jpg', caption: '圖說 <b>&</b>' }),
    '<figure>\n<img src="https://web.archive.org/web/1im_/https://x/a.jpg" alt="">\n<figcaption>圖說 &lt;b&gt;&amp;&lt;/b&gt;</figcaption>\n</figure>',
  );
});

test('no caption, escaped attributes, multi-line captions on one line', () => {
  assert.equal(
    formatFigure({ src: 'a"b.jpg', alt: '<x>' }),
    '<figure>\n<img src="a&quot;b.jpg" alt="&lt;x&gt;">\n</figure>',
  );
  assert.match(
    formatFigure({ src: 'a.jpg', caption: ' 一行\n  兩行 ' }),
    /<figcaption>一行 兩行<\/figcaption>/,
  );
});
