// YAML scalar reading and writing for the frontmatter scanner: double-quoted strings with every
// YAML 1.2 escape and line folding, single-quoted strings, simple plain scalars, flow lists; and the
// corpus's way of writing a string (double-quoted, escaped where YAML needs it).

/** Thrown when the hand scanner meets a form it does not handle; the caller falls back to js-yaml. */
export class UnsupportedYaml extends Error {}

const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};
const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

/** Skips a line break (\n or \r\n) at i; returns the index after it, or i when there is none. */
function skipBreak(text: string, i: number): number {
  if (text[i] === '\n') return i + 1;
  if (text[i] === '\r' && text[i + 1] === '\n') return i + 2;
  return i;
}

/**
 * Folds at a line break inside a quoted scalar: i is at the break. Returns the text to append
 * (a space, or one "\n" per empty line) and the index of the next line's first content character.
 */
function fold(text: string, i: number): { add: string; next: number } {
  let j = skipBreak(text, i);
  let empties = 0;
  for (;;) {
    let k = j;
    while (isBlank(text[k])) k++;
    const after = skipBreak(text, k);
    if (after !== k) {
      empties++;
      j = after;
      continue;
    }
    return { add: empties ? '\n'.repeat(empties) : ' ', next: k };
  }
}

function trimTrailingBlanks(out: string[], keep: number): void {
  while (out.length > keep && isBlank(out[out.length - 1])) out.pop();
}

/**
 * Reads a double-quoted scalar whose opening quote is at `start`. Returns the value and the index
 * just after the closing quote. Throws UnsupportedYaml on a bad escape or a missing closing quote.
 */
export function readDoubleQuoted(text: string, start: number): { value: string; end: number } {
  // Fast path: no escape and no line break before the closing quote.
  const close = text.indexOf('"', start + 1);
  if (close > 0) {
    const inner = text.slice(start + 1, close);
    if (!/[\\\n\r]/.test(inner)) return { value: inner, end: close + 1 };
  }
  const out: string[] = [];
  let keep = 0; // characters before this index came from escapes and survive trailing-blank trimming
  let i = start + 1;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === '"') return { value: out.join(''), end: i + 1 };
    if (c === '\\') {
      const e = text[i + 1];
      if (e === undefined) break;
      const simple = SIMPLE_ESCAPES[e];
      if (simple !== undefined) {
        out.push(simple);
        keep = out.length;
        i += 2;
        continue;
      }
      const hexLen = HEX_LENGTH[e];
      if (hexLen) {
        const hex = text.slice(i + 2, i + 2 + hexLen);
        if (hex.length !== hexLen || !/^[0-9a-fA-F]+$/.test(hex)) {
          throw new UnsupportedYaml(`bad escape "\\${e}${hex}" in a double-quoted string`);
        }
        const code = Number.parseInt(hex, 16);
        if (code > 0x10ffff) throw new UnsupportedYaml(`escape "\\${e}${hex}" is beyond Unicode`);
        out.push(String.fromCodePoint(code));
        keep = out.length;
        i += 2 + hexLen;
        continue;
      }
      const afterBreak = skipBreak(text, i + 1);
      if (afterBreak !== i + 1) {
        // escaped line break: joins the lines without a space
        i = afterBreak;
        while (isBlank(text[i])) i++;
        continue;
      }
      throw new UnsupportedYaml(`unknown escape "\\${e}" in a double-quoted string`);
    }
    if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      trimTrailingBlanks(out, keep);
      const { add, next } = fold(text, i);
      out.push(add);
      keep = out.length;
      i = next;
      continue;
    }
    out.push(c);
    i++;
  }
  throw new UnsupportedYaml('a double-quoted string is not closed');
}

/** Reads a single-quoted scalar whose opening quote is at `start` ('' is a quote; lines fold). */
export function readSingleQuoted(text: string, start: number): { value: string; end: number } {
  const out: string[] = [];
  let keep = 0;
  let i = start + 1;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === "'") {
      if (text[i + 1] === "'") {
        out.push("'");
        keep = out.length;
        i += 2;
        continue;
      }
      return { value: out.join(''), end: i + 1 };
    }
    if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      trimTrailingBlanks(out, keep);
      const { add, next } = fold(text, i);
      out.push(add);
      keep = out.length;
      i = next;
      continue;
    }
    out.push(c);
    i++;
  }
  throw new UnsupportedYaml('a single-quoted string is not closed');
}

/** True when only blanks and an optional comment follow index i on every remaining line. */
export function onlyTrailingSpaceOrComment(text: string, i: number): boolean {
  const rest = text.slice(i);
  return /^[ \t]*(?:#.*)?(?:\r?\n[ \t]*(?:#.*)?)*\r?\n?$/.test(rest) || rest.trim() === '';
}

/**
 * Reads one scalar value from `text` (the part after "key:" plus continuation lines, "\n"-joined).
 * Returns null for an empty value. Throws UnsupportedYaml for block scalars, anchors, tags, maps.
 */
export function readScalar(text: string): string | null {
  let i = 0;
  while (i < text.length && /[ \t\r\n]/.test(text[i]!)) i++;
  if (i >= text.length) return null;
  const c = text[i]!;
  if (c === '#') {
    if (onlyTrailingSpaceOrComment(text, i)) return null;
    throw new UnsupportedYaml('comment before a value');
  }
  if (c === '"' || c === "'") {
    const { value, end } = c === '"' ? readDoubleQuoted(text, i) : readSingleQuoted(text, i);
    if (!onlyTrailingSpaceOrComment(text, end)) throw new UnsupportedYaml('text after a quoted string');
    return value;
  }
  if ('|>[]{}&*!%@`,?-'.includes(c) && !(c === '-' && !isBlank(text[i + 1]) && text[i + 1] !== undefined)) {
    throw new UnsupportedYaml(`value starting with "${c}"`);
  }
  // plain scalar: lines folded with a space, comments dropped; continuation lines must be indented
  const rawLines = text.slice(i).split(/\r?\n/);
  if (rawLines.slice(1).some((l) => /^[^ \t]/.test(l))) throw new UnsupportedYaml('an unindented line');
  const lines = rawLines.map((l) => l.trim());
  const parts: string[] = [];
  let empties = 0;
  for (const line of lines) {
    const hash = line.search(/(^|[ \t])#/);
    const content = (hash >= 0 ? line.slice(0, hash) : line).trimEnd();
    if (/:([ \t]|$)/.test(content)) throw new UnsupportedYaml('a plain value holding ": "');
    if (!content) {
      if (parts.length) empties++;
      if (hash >= 0) break;
      continue;
    }
    if (parts.length) parts.push(empties ? '\n'.repeat(empties) : ' ');
    empties = 0;
    parts.push(content);
    if (hash >= 0) break;
  }
  const value = parts.join('');
  return value === '~' || value === 'null' || value === 'Null' || value === 'NULL' ? null : value;
}

/**
 * Reads a list value: a block sequence ("\n  - a\n  - b"), a flow list ("[a, b]") or empty.
 * Returns null when the value is a scalar rather than a list.
 */
export function readList(text: string): string[] | null {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === '[]') return [];
  if (trimmed.startsWith('[')) return readFlowList(trimmed);
  const firstLine = text.split(/\r?\n/, 1)[0]!;
  if (firstLine.trim() !== '' && !firstLine.trim().startsWith('#')) return null;
  const items: string[] = [];
  const lines = text.split(/\r?\n/).slice(1);
  let current: string[] | undefined;
  let indent = -1;
  const flush = () => {
    if (!current) return;
    const v = readScalar(current.join('\n'));
    items.push(v ?? '');
  };
  for (const line of lines) {
    const m = /^([ \t]*)-(?:[ \t]|$)(.*)$/.exec(line);
    if (m && (indent < 0 || m[1]!.length === indent)) {
      flush();
      indent = m[1]!.length;
      current = [m[2]!];
      continue;
    }
    if (!current) {
      if (line.trim() === '' || line.trim().startsWith('#')) continue;
      throw new UnsupportedYaml('a list item that does not start with "- "');
    }
    if (line.trim() !== '' && !line.trim().startsWith('#') && /^\S/.test(line)) {
      throw new UnsupportedYaml('a list line at the wrong indent');
    }
    current.push(line);
  }
  flush();
  return items;
}

function readFlowList(text: string): string[] {
  if (!text.endsWith(']')) throw new UnsupportedYaml('a flow list that is not closed on its line');
  const items: string[] = [];
  let i = 1;
  const end = text.length - 1;
  while (i < end) {
    while (i < end && /[ \t\r\n]/.test(text[i]!)) i++;
    if (i >= end) break;
    const c = text[i]!;
    let value: string;
    if (c === '"' || c === "'") {
      const r = c === '"' ? readDoubleQuoted(text, i) : readSingleQuoted(text, i);
      value = r.value;
      i = r.end;
    } else {
      let j = i;
      while (j < end && text[j] !== ',') j++;
      value = text.slice(i, j).trim();
      if (/[[\]{}:#]/.test(value)) throw new UnsupportedYaml('a complex flow list');
      i = j;
    }
    items.push(value);
    while (i < end && /[ \t\r\n]/.test(text[i]!)) i++;
    if (i < end) {
      if (text[i] !== ',') throw new UnsupportedYaml('a flow list item followed by text');
      i++;
    }
  }
  return items;
}

const WRITE_ESCAPES: Record<string, string> = {
  '\0': '\\0',
  '\x07': '\\a',
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\v': '\\v',
  '\f': '\\f',
  '\r': '\\r',
  '\x1b': '\\e',
  '"': '\\"',
  '\\': '\\\\',
  '\u0085': '\\N',
  '\u2028': '\\L',
  '\u2029': '\\P',
};

// Characters a YAML double-quoted string must escape: C0/C1 controls, DEL, quote, backslash,
// line/paragraph separators, the BOM and lone surrogates.
const NEEDS_ESCAPE =
  /["\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Writes a string as the corpus does: double-quoted, escaped where YAML requires it. */
export function quoteString(value: string): string {
  return `"${value.replace(NEEDS_ESCAPE, (ch) => {
    const simple = WRITE_ESCAPES[ch];
    if (simple) return simple;
    const code = ch.charCodeAt(0);
    return code <= 0xff
      ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`
      : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  })}"`;
}
