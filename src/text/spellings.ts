// Other spellings of a search term that character folding cannot see. Folding (./fold.ts) maps one
// character to one, so a word whose Traditional form uses another character than its Simplified one
// character by character (回复 → 回覆, not 回復; 了解 → 瞭解; 借口 → 藉口; 仿佛 → 彷彿) would miss
// the articles that spell it so. OpenCC's phrase dictionary (STPhrases) knows these words: the 254
// of its phrases whose Traditional form folds differently from the Simplified one give each term that
// holds one of them a second spelling, searched with it as an alternative (a OR b).
//
// Those phrases are kept in ./spelling-table.ts (`npx tsx scripts/spelling-table.ts` writes it;
// ./spellings.test.ts checks it against OpenCC's dictionary and the fold): loading the dictionary
// itself and sifting its 49,238 phrases cost every search thread 9 MB of memory for good.

import { fold } from './fold.js';
import { SPELLINGS } from './spelling-table.js';

interface PhraseTable {
  /** Folded Simplified phrase → its Traditional spellings that fold otherwise. */
  other: Map<string, string[]>;
  longest: number;
}

let table: PhraseTable | null = null;

/** Builds the table now rather than on the first query that needs it. */
export function loadSpellings(): void {
  phraseTable();
}

function phraseTable(): PhraseTable {
  if (table) return table;
  const other = new Map<string, string[]>();
  let longest = 0;
  for (const [simplified, traditional] of SPELLINGS) {
    const key = fold(simplified);
    other.set(key, traditional);
    longest = Math.max(longest, key.length);
  }
  table = { other, longest };
  return table;
}

/**
 * The phrases of an OpenCC "simplified traditional…|…" dictionary whose Traditional spellings fold
 * otherwise than the Simplified one (of the same length, so that offsets still line up), in the
 * dictionary's order: what ./spelling-table.ts holds for STPhrases.
 */
export function spellingTableOf(dict: string): Array<[string, string[]]> {
  const out: Array<[string, string[]]> = [];
  for (const entry of dict.split('|')) {
    const [simplified, ...traditional] = entry.split(' ');
    if (!simplified || simplified.length < 2) continue;
    const key = fold(simplified);
    const others = traditional.filter(
      (t, i) => t.length === simplified.length && fold(t) !== key && traditional.indexOf(t) === i,
    );
    if (others.length) out.push([simplified, others]);
  }
  return out;
}

/**
 * Other spellings of `text` (as typed) that fold otherwise: each phrase of the table found in it
 * (longest first, left to right) spelled the Traditional way. Empty when there is none.
 */
export function otherSpellings(text: string): string[] {
  const { other, longest } = phraseTable();
  const folded = fold(text);
  if (folded.length < 2) return [];
  let out = '';
  let changed = false;
  for (let i = 0; i < folded.length; ) {
    let replaced = false;
    for (let len = Math.min(longest, folded.length - i); len >= 2; len--) {
      const spellings = other.get(folded.slice(i, i + len));
      if (!spellings) continue;
      out += spellings[0];
      i += len;
      replaced = changed = true;
      break;
    }
    if (!replaced) {
      out += text[i];
      i++;
    }
  }
  return changed ? [out] : [];
}
