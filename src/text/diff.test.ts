import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  charCount,
  collapseUnchanged,
  type DiffOp,
  diffTexts,
  diffTokens,
  mergeShortEqualities,
  type ShownBlock,
  shownParagraphs,
  type TextDiff,
} from './diff.js';

/** The earlier and later texts back from a diff's ops. */
function sides(ops: readonly DiffOp[]): [string, string] {
  let before = '';
  let after = '';
  for (const { op, text } of ops) {
    if (op !== 'insert') before += text;
    if (op !== 'delete') after += text;
  }
  return [before, after];
}

function short(d: TextDiff): Array<[string, string]> {
  return d.ops.map((o) => [o.op, o.text]);
}

test('Chinese is compared character by character, Latin words and numbers whole', () => {
  assert.deepEqual(diffTokens('警方拘捕 3 人，Carrie Lam 說 1,234.5 元 09:30'), [
    '警',
    '方',
    '拘',
    '捕',
    ' ',
    '3',
    ' ',
    '人',
    '，',
    'Carrie',
    ' ',
    'Lam',
    ' ',
    '說',
    ' ',
    '1,234.5',
    ' ',
    '元',
    ' ',
    '09:30',
  ]);
  // a character outside the BMP is one token, not two halves
  assert.deepEqual(diffTokens('𨋢𨋢'), ['𨋢', '𨋢']);
  const d = diffTexts('警方拘捕三人', '警方以暴動罪拘捕五人');
  assert.deepEqual(short(d), [
    ['equal', '警方'],
    ['insert', '以暴動罪'],
    ['equal', '拘捕'],
    ['delete', '三'],
    ['insert', '五'],
    ['equal', '人'],
  ]);
  assert.deepEqual([d.added, d.removed, d.unchanged], [5, 1, 5]);
  assert.equal(d.granularity, 'characters');
  assert.equal(d.identical, false);
});

test('a changed figure or word is replaced whole, not digit by digit', () => {
  const d = diffTexts('約 1,200 人參與 the march', '約 12,000 人參與 the rally');
  assert.deepEqual(short(d), [
    ['equal', '約 '],
    ['delete', '1,200'],
    ['insert', '12,000'],
    ['equal', ' 人參與 the '],
    ['delete', 'march'],
    ['insert', 'rally'],
  ]);
});

test('a sentence written anew is one deletion and one insertion, not scattered shared characters', () => {
  const d = diffTexts('政府今日宣布的新措施。', '市民昨晚討論的話題。');
  // 的 is shared, but it is shorter than the changes around it
  assert.deepEqual(short(d), [
    ['delete', '政府今日宣布的新措施'],
    ['insert', '市民昨晚討論的話題'],
    ['equal', '。'],
  ]);
  assert.deepEqual(
    mergeShortEqualities([
      { op: 'equal', text: '開頭' },
      { op: 'delete', text: '甲乙' },
      { op: 'equal', text: '的' },
      { op: 'insert', text: '丙' },
      { op: 'equal', text: '很長的一段相同文字' },
    ]).map((o) => [o.op, o.text]),
    [
      ['equal', '開頭'],
      ['delete', '甲乙的'],
      ['insert', '的丙'],
      ['equal', '很長的一段相同文字'],
    ],
  );
});

test('paragraphs added, removed or changed: the ops join back to both texts', () => {
  const before = '第一段不變。\n\n第二段說三人被捕。\n\n第三段將被刪去。\n\n第四段不變。';
  const after = '第一段不變。\n\n新加的一段。\n\n第二段說五人被捕。\n\n第四段不變。';
  const d = diffTexts(before, after);
  assert.deepEqual(sides(d.ops), [before, after]);
  // a paragraph added or removed is that paragraph, on its line breaks
  assert.deepEqual(short(d), [
    ['equal', '第一段不變。\n\n'],
    ['insert', '新加的一段。\n\n'],
    ['equal', '第二段說'],
    ['delete', '三'],
    ['insert', '五'],
    ['equal', '人被捕。\n\n'],
    ['delete', '第三段將被刪去。\n\n'],
    ['equal', '第四段不變。'],
  ]);
  assert.equal(d.added + d.unchanged, charCount(after));
  assert.equal(d.removed + d.unchanged, charCount(before));
  // every way round, the ops make the texts
  for (const [x, y] of [
    ['', 'all new'],
    ['all gone', ''],
    ['a\n\nb', 'a\n\nb\n\nc'],
    ['甲\n乙', '甲乙'],
  ] as const) {
    assert.deepEqual(sides(diffTexts(x, y).ops), [x, y], `${x} → ${y}`);
  }
});

test('identical texts say so, with nothing added or removed', () => {
  const d = diffTexts('一樣的文字 same text', '一樣的文字 same text');
  assert.equal(d.identical, true);
  assert.deepEqual([d.added, d.removed, d.unchanged], [0, 0, 13], 'whitespace is not counted');
  assert.deepEqual(short(d), [['equal', '一樣的文字 same text']]);
  assert.equal(diffTexts('', '').identical, true);
  assert.deepEqual(diffTexts('', '').ops, []);
});

test('past the bounds a passage is whole paragraphs, and past those the texts are not compared', () => {
  const limits = { maxTokens: 50, maxWork: 40, timeoutMs: 1000 };
  // too different for the work allowed: the changed paragraph stays whole
  const d = diffTexts('相同段落\n\n甲乙丙丁戊', '相同段落\n\n己庚辛壬癸', limits);
  assert.equal(d.granularity, 'paragraphs');
  assert.equal(d.limited, 'too-different');
  assert.deepEqual(short(d), [
    ['equal', '相同段落\n\n'],
    ['delete', '甲乙丙丁戊'],
    ['insert', '己庚辛壬癸'],
  ]);
  assert.deepEqual([d.added, d.removed], [5, 5]);
  // a paragraph of more tokens than allowed
  const long = diffTexts('段落\n\n'.concat('字'.repeat(60)), '段落\n\n'.concat('文'.repeat(60)), limits);
  assert.deepEqual([long.granularity, long.limited], ['paragraphs', 'too-long']);
  // more paragraphs than allowed: not compared at all
  const many = diffTexts('a\n'.repeat(60), 'b\n'.repeat(60), limits);
  assert.deepEqual([many.granularity, many.limited, many.ops, many.added], ['none', 'too-long', [], 0]);
});

test('a huge, hostile pair is cut off by the time bound', () => {
  let seed = 7;
  const random = (n: number) =>
    Array.from({ length: n }, () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return String.fromCharCode(0x4e00 + (seed % 3000));
    }).join('');
  const started = Date.now();
  const d = diffTexts(random(40_000), random(40_000), { maxTokens: 60_000, maxWork: 1e12, timeoutMs: 50 });
  assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
  assert.equal(d.granularity, 'paragraphs');
  assert.equal(d.limited, 'too-different');
});

test('long unchanged stretches are folded but for the context around each change', () => {
  const ops: DiffOp[] = [
    { op: 'equal', text: '前'.repeat(200) },
    { op: 'delete', text: '舊' },
    { op: 'insert', text: '新' },
    { op: 'equal', text: '中'.repeat(300) },
    { op: 'insert', text: '加' },
    { op: 'equal', text: '後'.repeat(50) },
  ];
  const shown = collapseUnchanged(ops, 10, 20);
  assert.deepEqual(
    shown.map((r) => [r.op, r.op === 'collapsed' ? r.chars : r.text.length]),
    [
      ['collapsed', 190],
      ['equal', 10],
      ['delete', 1],
      ['insert', 1],
      ['equal', 10],
      ['collapsed', 280],
      ['equal', 10],
      ['insert', 1],
      ['equal', 10],
      ['collapsed', 40],
    ],
  );
  assert.equal(shown.map((r) => r.text).join(''), ops.map((o) => o.text).join(''));
  // a stretch not much longer than its context is shown whole
  assert.equal(collapseUnchanged([{ op: 'equal', text: '短'.repeat(30) }], 10, 20).length, 1);
  // characters, not UTF-16 units: 𨋢 is not cut in two
  const wide = collapseUnchanged(
    [
      { op: 'insert', text: 'x' },
      { op: 'equal', text: '𨋢'.repeat(100) },
    ],
    5,
    10,
  );
  assert.deepEqual(
    wide.map((r) => [r.op, r.text]),
    [
      ['insert', 'x'],
      ['equal', '𨋢'.repeat(5)],
      ['collapsed', '𨋢'.repeat(95)],
    ],
  );
});

test('a long paragraph folds but for the context of its change, and a fold between paragraphs holds whole ones', () => {
  const long = (c: string) => c.repeat(300);
  const ops: DiffOp[] = [
    { op: 'equal', text: `${long('前')}\n\n短段。\n\n${'首'.repeat(100)}` },
    { op: 'insert', text: '加' },
    { op: 'equal', text: `尾句。\n\n${long('中')}\n\n${long('後')}\n\n前一段。\n\n` },
    { op: 'delete', text: '刪去的一段。\n\n' },
    { op: 'equal', text: long('尾') },
  ];
  const shown = collapseUnchanged(ops, 10, 20);
  assert.deepEqual(
    shown.map((r) => [r.op, r.text]),
    [
      // before a change: the start of its paragraph, the characters nearest it when it is long
      ['collapsed', `${long('前')}\n\n短段。\n\n${'首'.repeat(90)}`],
      ['equal', '首'.repeat(10)],
      ['insert', '加'],
      // after it: the rest of its paragraph, whole when short; the paragraphs between, folded whole
      ['equal', '尾句。\n\n'],
      ['collapsed', `${long('中')}\n\n${long('後')}\n\n`],
      // a paragraph added or removed has the paragraphs next to it as context
      ['equal', '前一段。\n\n'],
      ['delete', '刪去的一段。\n\n'],
      ['equal', '尾'.repeat(10)],
      ['collapsed', '尾'.repeat(290)],
    ],
  );
  assert.equal(shown.map((r) => r.text).join(''), ops.map((o) => o.text).join(''));
  // inside one paragraph, a stretch is folded only when that hides twice as much
  const inside = (n: number) =>
    collapseUnchanged(
      [
        { op: 'insert', text: '加' },
        { op: 'equal', text: '同'.repeat(n) },
        { op: 'delete', text: '刪' },
      ],
      10,
      5,
    ).map((r) => r.op);
  assert.deepEqual(inside(29), ['insert', 'equal', 'delete']);
  assert.deepEqual(inside(30), ['insert', 'equal', 'collapsed', 'equal', 'delete']);
});

/** Blocks as short strings: a paragraph's pieces (+added, -removed, ¶ a break marked), or [n folded]. */
function blocks(shown: ShownBlock[]): string[] {
  return shown.map((b) =>
    b.kind === 'folded'
      ? `[${b.paragraphs.join('|')}]`
      : b.pieces
          .map((p) =>
            p.op === 'equal' ? p.text : `${p.op === 'insert' ? '+' : '-'}${p.text}${p.breaks ? '¶' : ''}`,
          )
          .join(' '),
  );
}

test('a diff is shown as the paragraphs of both versions, a break only one of them has marked where it was', () => {
  const before = '甲段。\n\n乙段前半，乙段後半。\n\n丙段。\n\n丁段說三人被捕。\n\n舊段。';
  const after = '甲段。\n\n新的一段。\n\n乙段前半，\n\n乙段後半。\n\n丙段。丁段說五人被捕。';
  assert.deepEqual(blocks(shownParagraphs(diffTexts(before, after).ops)), [
    '甲段。',
    // a paragraph added or removed whole is a paragraph, its break no change of its own
    '+新的一段。',
    // a paragraph split in two, and two joined into one: the break marked at the end of the first
    '乙段前半， +¶',
    '乙段後半。',
    '丙段。 -¶',
    '丁段說 -三 +五 人被捕。',
    '-舊段。',
  ]);
  // a change that takes a break with it from between text of both paragraphs marks it too
  assert.deepEqual(
    blocks(
      shownParagraphs([
        { op: 'equal', text: '前。\n\n甲' },
        { op: 'delete', text: '乙\n\n丙' },
        { op: 'insert', text: '丁' },
        { op: 'equal', text: '戊\n\n後。' },
      ]),
    ),
    ['前。', '甲 -乙¶', '-丙 +丁 戊', '後。'],
  );
  // a folded stretch stands between paragraphs, as its own paragraphs
  assert.deepEqual(
    blocks(
      shownParagraphs([
        { op: 'insert', text: '加' },
        { op: 'equal', text: '首段末。\n\n' },
        { op: 'collapsed', text: '隱一。\n\n隱二。\n\n', chars: 6 },
        { op: 'equal', text: '末段' },
        { op: 'delete', text: ' ' },
      ]),
    ),
    ['+加 首段末。', '[隱一。|隱二。]', '末段 - '],
  );
});
