// The visible text of an article: what a reader sees, which is what search matches. From the main
// Markdown part of a body (see splitBody: the subscription footer and the columnist box are not
// part of it) it keeps paragraphs, headings and figure captions, and drops markup, image elements
// (their file names hold keywords), link targets, bare URLs and HTML tags. The columnist box is left
// out on purpose: it repeats the same bio under every column, so it would only add noise hits.
// Invisible characters inside words are dropped (./ignorable.ts), so that search reads the words whole.

import { withoutIgnorables } from './ignorable.js';

const ENTITIES: Record<string, string> = {
  nbsp: '\u00a0',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  hellip: '…',
  mdash: '—',
  ndash: '–',
  middot: '·',
};

function decodeEntity(whole: string, name: string): string {
  if (name[0] === '#') {
    const code =
      name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    if (Number.isInteger(code) && code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)) {
      return String.fromCodePoint(code);
    }
    return whole;
  }
  return ENTITIES[name.toLowerCase()] ?? whole;
}

// One pass for the inline constructs, longest first (a link's address may hold one level of
// balanced parentheses, as Markdown allows: …/file(1).pdf):
//   Hugo shortcodes {{< … >}} | HTML comments | <img …> and <br> | other tags | ![alt](url) | [text](url) | <autolink> |
//   bare URLs | relative Wayback paths in parentheses | entities | backslash escapes | emphasis marks
// The run inside each construct stops at the next opener of its kind as well as at its closer
// ([^[\]\n] for a link's text, [^<>] for a tag, no "](" in a link's address, …), so that a record
// holding thousands of openers without closers ([[[[…, <a<a<a…) costs time in proportion to its
// length: the runs stopped only at their closers, and each opener scanned to the end of its line,
// 0.6 s for 40,000 of them and a minute for a few hundred thousand. So a link inside brackets,
// `[ [text](url) ]`, is the inner one, as the rendered page has it.
const INLINE =
  /\{\{[<%][^{}\n]*[>%]\}\}|<!--[\s\S]*?-->|<img\b[^<>]*>|<\/?[a-zA-Z][^<>\n]*>|!\[[^[\]\n]*\]\((?:[^()\]\n]|\](?!\()|\([^()\n]*\))*\)|\[([^[\]\n]*)\]\((?:[^()\]\n]|\](?!\()|\([^()\n]*\))*\)|<(?:https?|ftp|mailto):[^<>\s]*>|(?:https?|ftp):\/\/[^\s<>)\]"'，。、」）]+|&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});|\\([\\`*_{}[\]()#+\-.!|>~])|\*{1,3}|_{2,3}/g;

/**
 * An HTML comment that no "-->" closes cannot match, but the lazy `<!--[\s\S]*?-->` would look for
 * its end through the rest of the text from each one: those after the last "-->" are set apart
 * (their "!" swapped for a character the text does not hold) while the inline pass runs.
 */
function unclosedComments(text: string): { text: string; mark: string } | null {
  const last = text.lastIndexOf('-->');
  const first = text.indexOf('<!--', Math.max(last, 0));
  if (first < 0) return null;
  let code = 0xe000;
  while (text.includes(String.fromCharCode(code))) code++;
  const mark = String.fromCharCode(code);
  return { text: text.slice(0, first) + text.slice(first).replaceAll('<!--', `<${mark}--`), mark };
}

// A row of a Markdown table (a line between pipes), and the inside of its delimiter row (| --- | :-: |).
const TABLE_ROW = /^[ \t]*\|(.*)\|[ \t]*$/gm;
const TABLE_DELIMITER = /^(?:[ \t]*:?-+:?[ \t]*\|)*[ \t]*:?-+:?[ \t]*$/;
// a cell's edge: a pipe that is not escaped
const CELL_EDGE = /(?<!\\)\|/;

// Block markers at the start of a line: headings, quotes, list bullets, and thematic breaks.
const BLOCK =
  /^(?:[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d{1,3}\.[ \t]+))+|^[ \t]*(?:[-*_][ \t]*){3,}$/gm;

/** The visible text of a main Markdown part; the leading "# title" heading is dropped. */
export function visibleMain(main: string, title: string): string {
  let text = main;
  if (title) {
    const heading = `# ${title}`;
    const start = text.indexOf(heading);
    if (start >= 0 && text.slice(0, start).trim() === '') {
      const lineEnd = text.indexOf('\n', start);
      if (lineEnd < 0 || text.slice(start + heading.length, lineEnd).trim() === '') {
        text = lineEnd < 0 ? '' : text.slice(lineEnd + 1);
      }
    }
  }
  // A table is read as its cells' words: its delimiter row and pipes are markup (801 articles of the
  // corpus have tables, whose snippets showed "| --- | --- |"); the cells of a row are a tab apart.
  if (text.includes('|')) {
    text = text.replace(TABLE_ROW, (_row, inside: string) =>
      TABLE_DELIMITER.test(inside)
        ? ''
        : inside
            .split(CELL_EDGE)
            .map((cell) => cell.trim())
            .join('\t'),
    );
  }
  const unclosed = text.includes('<!--') ? unclosedComments(text) : null;
  if (unclosed) text = unclosed.text;
  text = text.replace(INLINE, (whole, linkText?: string, entity?: string, escaped?: string) => {
    if (linkText !== undefined) return linkText;
    if (entity !== undefined) return decodeEntity(whole, entity);
    if (escaped !== undefined) return escaped;
    if (
      whole[0] === '<' &&
      /^<\/?(?:figure|figcaption|p|div|br|li|ul|ol|h\d|blockquote|table|tr)\b/i.test(whole)
    ) {
      return '\n';
    }
    return '';
  });
  if (unclosed) text = text.replaceAll(`<${unclosed.mark}--`, '<!--');
  text = withoutIgnorables(text.replace(BLOCK, ''));
  return text.trim();
}
