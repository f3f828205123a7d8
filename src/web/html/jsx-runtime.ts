// The JSX runtime of the reader's views (tsconfig `jsxImportSource: "#html"`): each element renders
// to its HTML string at once, as an Html value, with text and attribute values escaped and markup
// passed through only when it is Html already (rendered JSX, or raw() of sanitized markup).
//
// Why not hono/jsx's: it builds a tree of nodes and renders it afterwards, going through
// Object.entries, name checks and a render context for every element; a search page took 0.96 ms
// and allocated about 740 KB, which under load the collector's threads paid for again. Rendering
// at once gives the same bytes (compared over 633 pages of every kind) in 0.55 ms. The views need
// nothing else from a JSX library: no hooks, context, async components or client rendering.

/** Markup ready to send: rendered JSX, or raw() of markup known to be safe. */
export class Html {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

/** What a view may put between tags. */
export type Child = string | number | boolean | null | undefined | Html | readonly Child[];

/** What an attribute may be given (null, undefined and false leave it out). */
export type AttributeValue = string | number | boolean | null | undefined | Html;

type Props = { children?: Child; [name: string]: unknown };

const EMPTY = new Html('');

/** Elements without content or end tag, written `<img …/>` when they have no children. */
const VOID_ELEMENTS = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);

/** Attributes that are there or not: true writes `name=""`, false leaves them out. */
const BOOLEAN_ATTRIBUTES = new Set([
  'allowfullscreen',
  'async',
  'autofocus',
  'autoplay',
  'checked',
  'controls',
  'default',
  'defer',
  'disabled',
  'download',
  'formnovalidate',
  'hidden',
  'inert',
  'ismap',
  'itemscope',
  'loop',
  'multiple',
  'muted',
  'nomodule',
  'novalidate',
  'open',
  'playsinline',
  'readonly',
  'required',
  'reversed',
  'selected',
]);

/** React-style names a view may use, and the HTML attribute each stands for. */
const ATTRIBUTE_NAMES: Record<string, string> = {
  className: 'class',
  htmlFor: 'for',
  crossOrigin: 'crossorigin',
  httpEquiv: 'http-equiv',
  itemProp: 'itemprop',
  fetchPriority: 'fetchpriority',
  noModule: 'nomodule',
  formAction: 'formaction',
};

/** Names that could break out of the tag (views write their attribute names; this is a guard). */
const BAD_NAME = /[\s"'<>/=`\\\x00-\x1f\x7f-\x9f]/;

const ESCAPABLE = /[&<>'"]/;
const ESCAPABLE_ALL = /[&<>'"]/g;
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  "'": '&#39;',
  '"': '&quot;',
};

/** Text made safe between tags and inside a quoted attribute value. */
export function escapeHtml(text: string): string {
  return ESCAPABLE.test(text) ? text.replace(ESCAPABLE_ALL, (ch) => ENTITIES[ch]!) : text;
}

/** Markup to pass through as it is: only for markup that is safe (sanitized bodies). */
export function raw(markup: string): Html {
  return new Html(markup);
}

function childrenHtml(child: unknown): string {
  if (typeof child === 'string') return escapeHtml(child);
  if (child instanceof Html) return child.markup;
  if (child === null || child === undefined || typeof child === 'boolean') return '';
  if (typeof child === 'number') return String(child);
  if (Array.isArray(child)) {
    let out = '';
    for (const c of child) out += childrenHtml(c);
    return out;
  }
  throw new TypeError(`a view rendered a ${typeof child} as a child (expected text, a number or JSX)`);
}

function attributesHtml(tag: string, props: Props): string {
  let out = '';
  for (const name in props) {
    if (name === 'children' || name === 'key') continue;
    const value = props[name];
    if (value === null || value === undefined) continue;
    const attr = ATTRIBUTE_NAMES[name] ?? name;
    if (BAD_NAME.test(attr)) throw new TypeError(`<${tag}> has an attribute name that is not valid: ${attr}`);
    if (typeof value === 'boolean' && BOOLEAN_ATTRIBUTES.has(attr)) {
      if (value) out += ` ${attr}=""`;
    } else if (typeof value === 'string') out += ` ${attr}="${escapeHtml(value)}"`;
    else if (typeof value === 'number' || typeof value === 'boolean') out += ` ${attr}="${value}"`;
    // markup safe between tags may hold quotes (rendered JSX does): they must not end the value
    else if (value instanceof Html) out += ` ${attr}="${value.markup.replaceAll('"', '&quot;')}"`;
    else throw new TypeError(`<${tag} ${attr}> was given a ${typeof value}`);
  }
  return out;
}

type Component<P> = (props: P) => Html | null;

/** An element or a component's output, rendered (the automatic runtime's jsx and jsxs). */
export function jsx(tag: string | Component<Props>, props: Props): Html {
  if (typeof tag === 'function') return tag(props) ?? EMPTY;
  const start = `<${tag}${attributesHtml(tag, props)}`;
  const children = props.children;
  const empty = children === undefined || (Array.isArray(children) && children.length === 0);
  if (empty && VOID_ELEMENTS.has(tag)) return new Html(`${start}/>`);
  return new Html(`${start}>${childrenHtml(children)}</${tag}>`);
}

export { jsx as jsxs };

/** <>…</>: the children, rendered one after another. */
export function Fragment(props: { children?: Child }): Html {
  return new Html(childrenHtml(props.children));
}

export namespace JSX {
  export type Element = Html;
  export interface ElementChildrenAttribute {
    children: unknown;
  }
  export interface IntrinsicElements {
    [tag: string]: { children?: Child; [attribute: string]: AttributeValue | Child };
  }
}
