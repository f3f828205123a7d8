// What changed between two texts (two versions of an article's title or visible text), for the
// reader's comparison page: insertions and deletions at the grain a reader of this archive needs:
// Chinese (and any other character outside a Latin, Greek or Cyrillic word) one character at a
// time, Latin words and numbers whole (`1,234`, `09:30`), whitespace runs as one. The edit script is
// jsdiff's Myers diff (diffArrays over our tokens), paragraphs first and then the characters of the
// passages that changed, bounded in size, edit length and time so that a huge or hostile pair cannot
// hold the server: a passage past the bounds is shown as whole paragraphs, and texts whose very
// paragraphs are past them are not compared at all (the result says which). Short equalities between
// changes are folded into them (diff-match-patch's semantic clean-up), so that a reworded sentence
// reads as one deletion and one insertion, not as scattered shared characters (的, 。). Counts are
// in characters (code points, whitespace not counted).

import { diffArrays } from 'diff';

export type DiffOpKind = 'equal' | 'insert' | 'delete';

/** One run of a diff: text both versions share, or text only the later (insert) or earlier (delete) has. */
export interface DiffOp {
  op: DiffOpKind;
  text: string;
}

/**
 * How the texts were compared: `characters` (characters, Latin words whole), `paragraphs` (some
 * passage went past the bounds of the character diff: it is whole paragraphs), or `none` (past every bound: not compared).
 */
export type DiffGranularity = 'characters' | 'paragraphs' | 'none';

export interface TextDiff {
  identical: boolean;
  granularity: DiffGranularity;
  /** Why the comparison is coarser than characters: the texts are too long, or differ too much. */
  limited: 'too-long' | 'too-different' | null;
  /** The runs, in order: the equal and deleted ones make the earlier text, equal and inserted the later. */
  ops: DiffOp[];
  /** Characters only the later text has, only the earlier has, and both share. */
  added: number;
  removed: number;
  unchanged: number;
}

export interface DiffLimits {
  /** Most tokens (characters, words, whitespace runs) a side may have to be diffed character by character. */
  maxTokens: number;
  /**
   * The work the whole comparison may do, counted as Myers' worst case: for each passage, the
   * tokens it compares times the edits it looks for (a passage of 2,000 tokens may look for 2,000
   * edits of 4,000,000). Deterministic, so that a pair gives the same answer on a busy machine.
   */
  maxWork: number;
  /** Milliseconds the whole comparison may take all the same (a safety net: the work bound comes first). */
  timeoutMs: number;
}

export const DEFAULT_DIFF_LIMITS: DiffLimits = { maxTokens: 60_000, maxWork: 4_000_000, timeoutMs: 500 };

/** Letters of Latin, Greek and Cyrillic words, digits and combining marks: the characters of a word. */
const W = String.raw`[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Nd}\p{M}]`;
/**
 * A word (with inner apostrophes, hyphens, and the points, commas, colons and slashes of numbers,
 * times and dates), a run of whitespace, or any other single character (a code point: a character
 * outside the BMP is not split).
 */
const TOKEN = new RegExp(String.raw`${W}+(?:['’.,:/\-]${W}+)*|\s+|[\s\S]`, 'gu');

/** The tokens a text is compared by (they join back to the text). */
export function diffTokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/**
 * Paragraphs with the line breaks after them: the tokens of the first, coarser comparison (the
 * breaks are not tokens of their own, or every one would match every other and pair a paragraph
 * with whichever new one happens to stand at its place).
 */
function paragraphTokens(text: string): string[] {
  return text.match(/[^\n]*\n+|[^\n]+/g) ?? [];
}

/**
 * Characters of a text as a reader counts them: code points (𨋢 is one), not counting whitespace
 * (the spaces between Latin words and the line breaks between paragraphs are no 字).
 */
export function charCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) continue; // the second half of a surrogate pair
    if (
      c <= 0x20 ||
      c === 0x3000 ||
      c === 0xa0 ||
      (c >= 0x2000 && c <= 0x200a) ||
      c === 0x2028 ||
      c === 0x2029
    )
      continue;
    n++;
  }
  return n;
}

/**
 * The diff of two token lists as ops, within what is left of the work budget (which it spends) and
 * the time (undefined past either). The common start and end are taken off first: versions mostly
 * share both, and Myers need not walk them.
 */
function diffTokenLists(
  a: string[],
  b: string[],
  budget: { work: number },
  timeoutMs: number,
): DiffOp[] | undefined {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: DiffOp[] = [];
  if (start > 0) ops.push({ op: 'equal', text: a.slice(0, start).join('') });
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  if (midA.length === 0 || midB.length === 0) {
    if (midA.length) ops.push({ op: 'delete', text: midA.join('') });
    if (midB.length) ops.push({ op: 'insert', text: midB.join('') });
  } else {
    const size = midA.length + midB.length;
    const maxEditLength = Math.floor(budget.work / size);
    if (maxEditLength < 1) return undefined;
    const changes = diffArrays(midA, midB, { maxEditLength, timeout: timeoutMs });
    if (!changes) {
      budget.work -= maxEditLength * size;
      return undefined;
    }
    let edits = 0;
    for (const change of changes) {
      const op: DiffOpKind = change.added ? 'insert' : change.removed ? 'delete' : 'equal';
      if (op !== 'equal') edits += change.value.length;
      ops.push({ op, text: change.value.join('') });
    }
    budget.work -= edits * size;
  }
  if (endA < a.length) ops.push({ op: 'equal', text: a.slice(endA).join('') });
  return ops;
}

/** A change between two equalities: what it deletes and what it inserts. */
interface Change {
  del: string;
  ins: string;
  /** Their lengths in characters. */
  delChars: number;
  insChars: number;
}

/** The longer of what a change deletes and inserts, in characters. */
function size(c: Change): number {
  return Math.max(c.delChars, c.insChars);
}

/**
 * Folds each equality no longer than the changes on both sides of it (the longer of what each
 * deletes and inserts) into them, as diff-match-patch's cleanupSemantic does: 警方拘捕三人 →
 * 警方以暴動罪拘捕五人 keeps 拘捕 and 人 as they are, but a sentence written anew is one deletion
 * and one insertion, not a scatter of the particles and punctuation it happens to share. The ops
 * come back as equal, delete, insert, … with deletions before insertions.
 */
export function mergeShortEqualities(ops: readonly DiffOp[]): DiffOp[] {
  // runs of equal text and changes, alternating
  const runs: Array<string | Change> = [];
  for (const { op, text } of ops) {
    if (!text) continue;
    const last = runs[runs.length - 1];
    if (op === 'equal') {
      if (typeof last === 'string') runs[runs.length - 1] = last + text;
      else runs.push(text);
    } else {
      const change =
        last !== undefined && typeof last !== 'string'
          ? last
          : { del: '', ins: '', delChars: 0, insChars: 0 };
      if (change !== last) runs.push(change);
      if (op === 'delete') change.del += text;
      else change.ins += text;
    }
  }
  for (const run of runs) {
    if (typeof run === 'string') continue;
    run.delChars = charCount(run.del);
    run.insChars = charCount(run.ins);
  }
  // a stack: a change pushed after [change, equality] may fold that equality in, then the one before
  const out: Array<string | Change> = [];
  for (const run of runs) {
    if (typeof run === 'string') {
      out.push(run);
      continue;
    }
    let change = run;
    for (;;) {
      const equal = out[out.length - 1];
      const before = out[out.length - 2];
      if (typeof equal !== 'string' || before === undefined || typeof before === 'string') break;
      const n = charCount(equal);
      if (n > size(before) || n > size(change)) break;
      out.length -= 2;
      change = {
        del: before.del + equal + change.del,
        ins: before.ins + equal + change.ins,
        delChars: before.delChars + n + change.delChars,
        insChars: before.insChars + n + change.insChars,
      };
    }
    out.push(change);
  }
  const result: DiffOp[] = [];
  for (const run of out) {
    if (typeof run === 'string') result.push({ op: 'equal', text: run });
    else {
      if (run.del) result.push({ op: 'delete', text: run.del });
      if (run.ins) result.push({ op: 'insert', text: run.ins });
    }
  }
  return result;
}

/** How well an insertion or deletion between `before` and `after` sits on line breaks. */
function lineScore(before: string, change: string, after: string): number {
  return (
    (before === '' || before.endsWith('\n') ? 2 : 0) +
    (after === '' || change.endsWith('\n') ? 1 : 0) +
    (after.startsWith('\n') ? 0 : 1)
  );
}

/**
 * Slides each lone insertion or deletion between two equalities along the text it may shift over
 * (a deleted `。\n\n第三段。` after `…被捕` and before `。\n\n第四段` is as well `\n\n第三段。。`…)
 * to where it starts and ends at line breaks, when there is such a place: a paragraph added or
 * removed is shown as that paragraph. Each shifts at most 200 characters.
 */
export function alignToLines(ops: DiffOp[]): DiffOp[] {
  const out = ops.map((o) => ({ ...o }));
  for (let i = 1; i < out.length - 1; i++) {
    const prev = out[i - 1]!;
    const run = out[i]!;
    const next = out[i + 1]!;
    if (run.op === 'equal' || prev.op !== 'equal' || next.op !== 'equal' || !run.text) continue;
    // slide as far left as it goes, then try each place to the right
    let a = prev.text;
    let x = run.text;
    let b = next.text;
    // the place the diff found stays, unless another sits better on line breaks
    let best = { a, x, b, score: lineScore(a, x, b) };
    // (by UTF-16 units, never past a surrogate: a character outside the BMP is not cut in two)
    const movable = (c: string | undefined) => c !== undefined && (c < '\ud800' || c > '\udfff');
    for (let n = 0; n < 200 && movable(a.at(-1)) && a.at(-1) === x.at(-1); n++) {
      b = a.at(-1)! + b;
      x = a.at(-1)! + x.slice(0, -1);
      a = a.slice(0, -1);
    }
    if (lineScore(a, x, b) > best.score) best = { a, x, b, score: lineScore(a, x, b) };
    for (let n = 0; n < 400 && movable(b[0]) && b[0] === x[0]; n++) {
      a += b[0];
      x = x.slice(1) + b[0];
      b = b.slice(1);
      const score = lineScore(a, x, b);
      if (score > best.score) best = { a, x, b, score };
    }
    prev.text = best.a;
    run.text = best.x;
    next.text = best.b;
  }
  return out.filter((o) => o.text);
}

function counted(ops: DiffOp[], granularity: DiffGranularity, limited: TextDiff['limited']): TextDiff {
  let added = 0;
  let removed = 0;
  let unchanged = 0;
  for (const { op, text } of ops) {
    const n = charCount(text);
    if (op === 'insert') added += n;
    else if (op === 'delete') removed += n;
    else unchanged += n;
  }
  return { identical: false, granularity, limited, ops, added, removed, unchanged };
}

/**
 * What changed from `before` to `after`. Paragraphs are compared first (an article has tens of
 * them, so this is cheap whatever the texts), then the characters of each passage whose paragraphs
 * changed: Myers costs about the length times the edits, and a version that adds 2,000 characters
 * of new paragraphs to 4,000 kept ones took 130 ms compared character by character at once, where
 * its paragraphs take under 1 ms. A passage past the bounds (too long, or too different within
 * the time left) stays whole paragraphs (`granularity: 'paragraphs'`); texts whose paragraphs
 * cannot be compared within them are not compared (`'none'`, no ops, counts of 0).
 */
export function diffTexts(before: string, after: string, limits: DiffLimits = DEFAULT_DIFF_LIMITS): TextDiff {
  if (before === after) {
    const n = charCount(before);
    return {
      identical: true,
      granularity: 'characters',
      limited: null,
      ops: before ? [{ op: 'equal', text: before }] : [],
      added: 0,
      removed: 0,
      unchanged: n,
    };
  }
  if (before.length > limits.maxTokens * 8 || after.length > limits.maxTokens * 8)
    return notCompared('too-long');
  const budget = { work: limits.maxWork };
  const deadline = Date.now() + limits.timeoutMs;
  const timeLeft = () => Math.max(1, deadline - Date.now());
  const pa = paragraphTokens(before);
  const pb = paragraphTokens(after);
  if (pa.length > limits.maxTokens || pb.length > limits.maxTokens) return notCompared('too-long');
  const paragraphs = diffTokenLists(pa, pb, budget, timeLeft());
  if (!paragraphs) return notCompared('too-different');
  let limited: TextDiff['limited'] = null;
  const ops: DiffOp[] = [];
  for (let i = 0; i < paragraphs.length; i++) {
    const run = paragraphs[i]!;
    if (run.op === 'equal') {
      ops.push(run);
      continue;
    }
    // a passage that changed: what it deletes and what it inserts, compared by characters
    let del = '';
    let ins = '';
    for (; i < paragraphs.length && paragraphs[i]!.op !== 'equal'; i++) {
      if (paragraphs[i]!.op === 'delete') del += paragraphs[i]!.text;
      else ins += paragraphs[i]!.text;
    }
    i--;
    const a = diffTokens(del);
    const b = diffTokens(ins);
    const tooLong = a.length > limits.maxTokens || b.length > limits.maxTokens;
    const fine = del && ins && !tooLong ? diffTokenLists(a, b, budget, timeLeft()) : undefined;
    if (fine) ops.push(...fine);
    else {
      if (del && ins) limited ??= tooLong ? 'too-long' : 'too-different';
      if (del) ops.push({ op: 'delete', text: del });
      if (ins) ops.push({ op: 'insert', text: ins });
    }
  }
  return counted(alignToLines(mergeShortEqualities(ops)), limited ? 'paragraphs' : 'characters', limited);
}

function notCompared(limited: 'too-long' | 'too-different'): TextDiff {
  return { identical: false, granularity: 'none', limited, ops: [], added: 0, removed: 0, unchanged: 0 };
}

/** A run of a diff as shown: an op, or a long stretch of equal text folded away (`chars`: as charCount counts). */
export type ShownRun = DiffOp | { op: 'collapsed'; text: string; chars: number };

/**
 * The runs of a diff as a page shows them: of a long equal run, only the context of the changes on
 * either side is shown and the rest is folded (`collapsed`, with its character count), to be opened
 * on request. The context of a change is the paragraph it is in (after it, the rest of that
 * paragraph; before it, its start), or the paragraph next to it when the change starts or ends one:
 * whole when it is at most half as long again as `context` characters, else the `context`
 * characters nearest the change. What is folded is then mostly whole paragraphs; it is folded when
 * that hides at least `minFolded` characters (a fold's line for a line of text is no gain), twice
 * that inside one paragraph (which it cuts in two). The texts join back to the ops' texts.
 */
export function collapseUnchanged(ops: readonly DiffOp[], context = 80, minFolded = 80): ShownRun[] {
  const out: ShownRun[] = [];
  const slack = Math.floor(context / 2);
  ops.forEach((run, i) => {
    if (run.op !== 'equal') {
      out.push(run);
      return;
    }
    const chars = Array.from(run.text);
    let keepBefore = 0; // after a change: its context
    let keepAfter = 0; // before a change
    if (i > 0) {
      // the rest of the change's paragraph (or, when the change ends it, the next one): whole when
      // it ends near, else its first `context` characters
      let from = 0;
      while (chars[from] === '\n') from++;
      const next = chars.indexOf('\n', from);
      keepBefore = next !== -1 && next - from <= context + slack ? next : from + context;
      while (chars[keepBefore] === '\n') keepBefore++;
    }
    if (i < ops.length - 1) {
      let to = chars.length;
      while (to > 0 && chars[to - 1] === '\n') to--;
      const previous = chars.lastIndexOf('\n', to - 1);
      keepAfter = chars.length - (to - previous - 1 <= context + slack ? previous + 1 : to - context);
    }
    const folded = chars.length - keepBefore - keepAfter;
    const inOneParagraph = folded > 0 && !chars.slice(keepBefore, chars.length - keepAfter).includes('\n');
    if (folded < (inOneParagraph ? 2 * minFolded : minFolded)) {
      out.push(run);
      return;
    }
    const head = chars.slice(0, keepBefore).join('');
    const middle = chars.slice(keepBefore, chars.length - keepAfter);
    const tail = chars.slice(chars.length - keepAfter).join('');
    if (head) out.push({ op: 'equal', text: head });
    const hidden = middle.join('');
    out.push({ op: 'collapsed', text: hidden, chars: charCount(hidden) });
    if (tail) out.push({ op: 'equal', text: tail });
  });
  return out;
}

/** A piece of a paragraph as shown: shared text, or a change. */
export type ShownPiece =
  | { op: 'equal'; text: string }
  | {
      op: 'insert' | 'delete';
      /** What it adds or removes in this paragraph ('' for a paragraph break alone). */
      text: string;
      /** It adds or removes the paragraph break that ends this paragraph (one version has it, the other not). */
      breaks: boolean;
    };

/**
 * A block of a diff as shown: a paragraph (of either version: where one version has a paragraph
 * break and the other not, both sides of it are paragraphs, the break marked on the change that
 * ends the first), or a folded stretch of unchanged text, as its paragraphs.
 */
export type ShownBlock =
  | { kind: 'paragraph'; pieces: ShownPiece[] }
  | { kind: 'folded'; paragraphs: string[]; chars: number };

/**
 * The runs of a diff (collapseUnchanged's) as paragraphs, with the changes inside them. A paragraph
 * break inside a change is marked (`breaks`) when it joins or splits paragraphs: a paragraph added or
 * removed whole is a paragraph of its own, its break no change to mark, but a break that parts text
 * of the paragraph before and of the one after (`記者…<ins>¶</ins>` / `…說`) is, as is one that is
 * all a change is. A folded stretch stands between paragraphs: the paragraph before it may end, and
 * the one after it start, inside the paragraph it cuts.
 */
export function shownParagraphs(runs: readonly ShownRun[]): ShownBlock[] {
  const blocks: ShownBlock[] = [];
  let pieces: ShownPiece[] = [];
  /** The runs whose text the paragraph being built holds. */
  let owners = new Set<number>();
  const end = () => {
    if (pieces.length) blocks.push({ kind: 'paragraph', pieces });
    pieces = [];
    owners = new Set();
  };
  runs.forEach((run, i) => {
    if (run.op === 'collapsed') {
      end();
      blocks.push({ kind: 'folded', paragraphs: run.text.split(/\n+/).filter(Boolean), chars: run.chars });
      return;
    }
    const parts = run.text.split(/(\n+)/);
    const blank = /^\s+$/.test(run.text);
    for (let k = 0; k < parts.length; k++) {
      const part = parts[k]!;
      if (k % 2 === 0) {
        if (!part) continue;
        pieces.push(
          run.op === 'equal' ? { op: 'equal', text: part } : { op: run.op, text: part, breaks: false },
        );
        owners.add(i);
        continue;
      }
      if (run.op !== 'equal') {
        // the paragraph before the break, or the one after it, is this change's text alone: the
        // break comes with a paragraph added or removed; else it joins or splits paragraphs
        const wholeBefore = owners.size === 0 || (owners.size === 1 && owners.has(i));
        const next = runs[i + 1];
        const wholeAfter = k + 2 < parts.length || next === undefined || next.text.startsWith('\n');
        if (blank || !(wholeBefore || wholeAfter)) {
          // on the text of this change just before the break, if there is some
          const own = pieces[pieces.length - 1];
          if (parts[k - 1] && own && own.op !== 'equal') own.breaks = true;
          else pieces.push({ op: run.op, text: '', breaks: true });
        }
      }
      end();
    }
  });
  end();
  return blocks;
}
