// HTML → Markdown in the corpus's conventions, with turndown: no escaping (turndown's escape
// backslashes every * _ [ ] - + . that the corpus never escapes), `<figure>` blocks kept as HTML in
// the corpus layout (turndown would otherwise drop a figure it judges blank), "- " and "1. " list
// markers, "---" rules, three-space hard breaks, embedded players as shortcodes, tables, and bold that stays bold
// next to 「」 and CJK text (CommonMark's flanking rules).

/// <reference lib="dom" />

import TurndownService from 'turndown';

type TNode = TurndownService.Node;

function attr(node: TNode, name: string): string {
  return (node as unknown as Element).getAttribute?.(name) ?? '';
}

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

/** Markdown-significant punctuation next to which `**` fails CommonMark's flanking rules. */
const PUNCT_EDGE = /[\p{P}\p{S}]/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;

function createService(): TurndownService {
  const td = new TurndownService({
    headingStyle: 'atx',
    hr: '---',
    bulletListMarker: '-',
    codeBlockStyle: 'fenced',
    emDelimiter: '*',
    strongDelimiter: '**',
    br: '   ',
    linkStyle: 'inlined',
    // an empty heading stays, glued to what follows by a hard break, as the corpus has it
    blankReplacement: (_content, node) => {
      const level = /^H([1-6])$/.exec(node.nodeName)?.[1];
      if (level) return `\n\n${'#'.repeat(Number(level))} ${GLUE_BREAK}\n\n`;
      return (node as unknown as { isBlock?: boolean }).isBlock ? '\n\n' : '';
    },
  });
  td.escape = (text: string) => text;

  td.addRule('figure', {
    filter: 'figure',
    replacement: (_content, node) => {
      const el = node as unknown as Element;
      const lines = ['<figure>'];
      for (const img of Array.from(el.querySelectorAll('img'))) {
        lines.push(
          `<img src="${escapeAttr(img.getAttribute('src') ?? '')}" alt="${escapeAttr(img.getAttribute('alt') ?? '')}">`,
        );
      }
      const caption = el.querySelector('figcaption');
      if (caption) {
        // plain captions are written as text (innerHTML would turn & into &amp;)
        const inner = caption.children.length ? caption.innerHTML : (caption.textContent ?? '');
        lines.push(`<figcaption>${inner.trim()}</figcaption>`);
      }
      lines.push('</figure>');
      return `\n\n${lines.join('\n')}\n\n`;
    },
  });

  td.addRule('listItem', {
    filter: 'li',
    replacement: (content, node) => {
      const parent = node.parentNode as unknown as Element | null;
      let prefix = '- ';
      if (parent?.nodeName === 'OL') {
        const start = parent.getAttribute('start');
        const index = Array.prototype.indexOf.call(parent.children, node) as number;
        prefix = `${(start ? Number(start) : 1) + index}. `;
      }
      const isParagraph = /\n$/.test(content);
      let text = content.replace(/^\n+/, '').replace(/\n+$/, '') + (isParagraph ? '\n' : '');
      text = text.replace(/\n(?!\n|$)/g, `\n${' '.repeat(prefix.length)}`);
      return prefix + text + (node.nextSibling ? '\n' : '');
    },
  });

  td.addRule('strong', {
    filter: ['strong', 'b'],
    replacement: (content, node) => {
      if (!content.trim()) return content;
      const lead = /^\s*/.exec(content)![0];
      const trail = /\s*$/.exec(content)![0];
      const inner = content.trim();
      // `**「…」**` glued to a letter outside is not bold in CommonMark (flanking rules): write
      // inline HTML there instead, which renders the same and changes no character of the text
      const prev = (node as unknown as { previousSibling: Node | null }).previousSibling?.textContent ?? '';
      const next = (node as unknown as { nextSibling: Node | null }).nextSibling?.textContent ?? '';
      const openFails = !lead && PUNCT_EDGE.test(inner[0] ?? '') && WORD_CHAR.test(prev.slice(-1));
      const closeFails = !trail && PUNCT_EDGE.test(inner.slice(-1)) && WORD_CHAR.test(next[0] ?? '');
      if (openFails || closeFails) return `${lead}<strong>${inner}</strong>${trail}`;
      return `${lead}**${inner}**${trail}`;
    },
  });

  td.addRule('image', {
    filter: 'img',
    replacement: (_content, node) => {
      const src = attr(node, 'src');
      if (!src) return '';
      return `![${attr(node, 'alt')}](${src})`;
    },
  });

  // the corpus writes a hard break as three spaces, a newline and a space
  td.addRule('lineBreak', { filter: 'br', replacement: () => '   \n ' });

  // embedded players become the corpus's Hugo shortcode, a blank line more on each side
  td.addRule('video', {
    filter: (node) => node.nodeName === 'IFRAME' && Boolean(attr(node, 'src')),
    replacement: (_content, node) => `\n\n${EXTRA_NL}{{< video src="${attr(node, 'src')}" >}}${EXTRA_NL}\n\n`,
  });

  td.addRule('table', {
    filter: 'table',
    replacement: (_content, node) =>
      `\n\n${EXTRA_NL}${tableMarkdown(node as unknown as Element, td)}${EXTRA_NL}\n\n`,
  });

  // scripts, styles, forms and embedded players carry no article text
  td.remove(['script', 'style', 'noscript', 'form', 'button', 'input', 'select', 'textarea']);
  return td;
}

/** Stands for one extra newline that turndown would otherwise fold into a blank line. */
const EXTRA_NL = '\uE000';
/** A line break in the page's text (a soft break in Markdown, as in HTML a space). */
const SOFT_NL = '\uE001';
/** A hard break that swallows the blank line after it. */
const GLUE_BREAK = '\uE002';

/** Marks newlines between words inside text so that turndown's whitespace folding keeps them. */
function keepSoftBreaks(root: Element): void {
  const doc = root.ownerDocument;
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const t = node as Text;
    if (t.data.includes('\n')) t.data = t.data.replace(/(\S)[ \t]*\n[ \t]*(?=\S)/g, `$1${SOFT_NL}`);
  }
}

function tableMarkdown(table: Element, td: TurndownService): string {
  const rows = Array.from(table.querySelectorAll('tr'));
  const lines: string[] = [];
  rows.forEach((tr, i) => {
    const cells = Array.from(tr.children).filter((c) => c.nodeName === 'TD' || c.nodeName === 'TH');
    const texts = cells.map((c) => td.turndown(c.innerHTML).replace(/\n+/g, ' ').trim());
    lines.push(`| ${texts.join(' | ')} |`);
    if (i === 0) lines.push(`| ${cells.map(() => '---').join(' | ')} |`);
  });
  return lines.join('\n');
}

let shared: TurndownService | undefined;

/** The shared converter (turndown keeps no state between calls). */
export function turndown(): TurndownService {
  shared ??= createService();
  return shared;
}

/** Converts an element's content (or an HTML string) to Markdown. */
export function htmlToMarkdown(input: string | Element): string {
  if (typeof input !== 'string') keepSoftBreaks(input);
  return turndown()
    .turndown(input as unknown as TurndownService.Node)
    .replace(/\uE002\n*/g, '  \n ')
    .replace(/[\uE000\uE001]/g, '\n');
}
