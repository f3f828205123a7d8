// Character folding for search: one 65,536-entry table applied to every UTF-16 unit, the same at index
// and at query time. It maps Traditional (and the Hong Kong / Taiwan variants) to Simplified using
// OpenCC's single-character dictionaries, unifies the variants this corpus mixes (麽/麼, 着/著, 裏/裡,
// 綫/線, 衞/衛 …), turns full-width forms into half-width ones and lower-cases letters. Because the
// table is 1:1 per UTF-16 unit, fold(text) has the length of text and every offset in the folded
// text is the offset of the same character in the original — highlights map straight back.

import CompatIdeographs from 'opencc-js/dict/CJK_Compatibility_Ideographs';
import HKVariantsRev from 'opencc-js/dict/HKVariantsRev';
import TSCharacters from 'opencc-js/dict/TSCharacters';
import TWVariantsRev from 'opencc-js/dict/TWVariantsRev';

/**
 * Variant pairs OpenCC's character table leaves alone (each maps to the Simplified form used here, or
 * to the standard Traditional form, which is folded on).
 * 著 is both a Traditional and a Simplified character in OpenCC, so it is folded by hand.
 */
const EXTRA_VARIANTS: ReadonlyArray<readonly [string, string]> = [
  ['著', '着'],
  ['衞', '卫'],
  ['敍', '叙'],
  ['敂', '叩'],
  ['峯', '峰'],
  ['羣', '群'],
  ['綑', '捆'],
  ['麪', '面'],
  ['鷄', '鸡'],
  ['鈎', '钩'],
  ['衹', '只'],
  ['祇', '只'],
  ['菸', '烟'],
  ['牀', '床'],
  ['嚐', '尝'],
  ['擡', '抬'],
  ['滙', '汇'],
  ['迴', '回'],
  ['蹟', '迹'],
  ['跡', '迹'],
  ['兇', '凶'],
  ['強', '强'],
  ['嘆', '叹'],
  ['歎', '叹'],
  ['啟', '启'],
  ['裏', '里'],
  ['裡', '里'],
  ['綫', '线'],
  ['麼', '么'],
  ['麽', '么'],
  ['爲', '为'],
  ['僞', '伪'],
  ['眾', '众'],
  ['衆', '众'],
  ['銹', '锈'],
  ['鏽', '锈'],
  // found in the corpus: Japanese forms (撃 in 338 articles), old and rare variants
  ['撃', '擊'],
  ['缐', '線'],
  ['淸', '清'],
  ['靑', '青'],
  ['汚', '污'],
  ['値', '值'],
  ['鬭', '鬥'],
  ['聨', '聯'],
  ['舗', '鋪'],
  ['呑', '吞'],
  ['暱', '昵'],
  ['锺', '鍾'],
  ['颚', '顎'],
];

function parseDict(dict: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const entry of dict.split('|')) {
    const [from, to] = entry.split(' ');
    if (from && to) pairs.push([from, to]);
  }
  return pairs;
}

function isSingleUnit(s: string): boolean {
  return s.length === 1 && !(s.charCodeAt(0) >= 0xd800 && s.charCodeAt(0) <= 0xdfff);
}

function buildTable(): Uint16Array {
  const table = new Uint16Array(65536);
  for (let i = 0; i < 65536; i++) table[i] = i;
  const set = (from: string, to: string) => {
    if (isSingleUnit(from) && isSingleUnit(to)) table[from.charCodeAt(0)] = to.charCodeAt(0);
  };
  const ts = parseDict(TSCharacters);
  const simplified = new Set(ts.map(([, to]) => to));
  // variants first (to the standard Traditional form), then Traditional -> Simplified on top
  for (const dict of [CompatIdeographs, HKVariantsRev, TWVariantsRev]) {
    for (const [from, to] of parseDict(dict)) if (!simplified.has(from)) set(from, to);
  }
  const variantStep = table.slice();
  for (let i = 0; i < 65536; i++) table[i] = i;
  for (const [from, to] of ts) set(from, to);
  for (const [from, to] of EXTRA_VARIANTS) set(from, to);
  const tsStep = table.slice();
  // compose: variant -> Traditional -> Simplified, iterated to a fixed point
  for (let i = 0; i < 65536; i++) {
    let c = tsStep[variantStep[i]!]!;
    for (let guard = 0; guard < 4; guard++) {
      const next = tsStep[variantStep[c]!]!;
      if (next === c) break;
      c = next;
    }
    table[i] = c;
  }
  // full-width ASCII forms and the ideographic space
  for (let c = 0xff01; c <= 0xff5e; c++) table[c] = c - 0xfee0;
  table[0x3000] = 0x20;
  // letters to lower case when that stays one unit (A-Z, Latin-1, Greek, Cyrillic …)
  for (let c = 0; c < 65536; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const mapped = table[c]!;
    const lower = String.fromCharCode(mapped).toLowerCase();
    if (lower.length === 1 && lower.charCodeAt(0) !== mapped) table[c] = lower.charCodeAt(0);
  }
  // the fold must be idempotent: fold(fold(x)) === fold(x)
  for (let c = 0; c < 65536; c++) {
    let v = table[c]!;
    for (let guard = 0; guard < 4 && table[v] !== v; guard++) v = table[v]!;
    table[c] = v;
  }
  return table;
}

/** The folding table: FOLD_TABLE[unit] is the folded unit. */
export const FOLD_TABLE: Uint16Array = buildTable();

/** Folds one UTF-16 unit. */
export function foldUnit(unit: number): number {
  return FOLD_TABLE[unit]!;
}

/** Folds text for search; the result has the same length and offsets as the input. */
export function fold(text: string): string {
  const n = text.length;
  if (n < 256) {
    let changed = false;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (FOLD_TABLE[c] !== c) {
        changed = true;
        break;
      }
    }
    if (!changed) return text;
    const codes = new Array<number>(n);
    for (let i = 0; i < n; i++) codes[i] = FOLD_TABLE[text.charCodeAt(i)]!;
    return String.fromCharCode(...codes);
  }
  const buf = Buffer.from(text, 'utf16le');
  const units =
    buf.byteOffset % 2 === 0
      ? new Uint16Array(buf.buffer, buf.byteOffset, n)
      : new Uint16Array(new Uint8Array(buf).buffer, 0, n);
  for (let i = 0; i < n; i++) units[i] = FOLD_TABLE[units[i]!]!;
  return Buffer.from(units.buffer, units.byteOffset, n * 2).toString('utf16le');
}
