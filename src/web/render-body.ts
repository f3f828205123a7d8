// Article Markdown to safe HTML: markdown-it (raw HTML allowed, as the records hold figures and
// links in HTML) followed by sanitize-html against a small allowlist. Links are made absolute
// (relative Wayback paths point at web.archive.org), links to other hkcnews articles become local
// /article/:id links, outbound links get rel="noopener noreferrer", images load lazily from http(s)
// URLs only. Video shortcodes ({{< video src="…" >}}, the embedded players of 16,191 places) become
// a line with a link to the video where it was published and one to its Wayback capture: the CSP
// forbids frames, and an archived player rarely plays. Headings are moved to follow the page's own
// (the text's highest becomes h2). Nothing from a record reaches the page without passing through
// here or JSX escaping.

import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { escapeAttribute } from '../corpus/figure.js';
import { hkcnewsArticleId } from '../corpus/hkcnews-url.js';

const markdown = new MarkdownIt({ html: true, linkify: false, typographer: false });

const WAYBACK = 'https://web.archive.org';
const HKCNEWS = 'https://www.hkcnews.com';

export interface RenderOptions {
  /** 14-digit Wayback timestamp of the capture, used to resolve site-relative links. */
  captureTimestamp?: string | null;
  /** The words of a video's links, in the page's language (English when not given). */
  videoLabels?: VideoLabels;
  /**
   * The level the text's highest heading takes (2 by default: under the page's h1; 3 in the
   * columnist box, under its h2), the others following in their order of rank.
   */
  topHeading?: number;
}

export interface VideoLabels {
  /** The link to the video where it was published, by platform name ("YouTube"). */
  video: (platform: string) => string;
  /** The link to the Wayback Machine's capture of the embedded player. */
  capture: string;
  /**
   * The language of these words, marked on the line (lang=…): they are the interface's, and an
   * English line inside a Chinese article (or the reverse) is read in its own voice.
   */
  lang?: string;
}

const ENGLISH_VIDEO_LABELS: VideoLabels = {
  video: (platform) => `Video on ${platform}`,
  capture: 'Archived player (Wayback Machine)',
};

/** A video embedded in an article: where it was published, and the capture of its player. */
export interface EmbeddedVideo {
  platform: string;
  /** The video's own page (a YouTube watch page rather than the player), or the player's address. */
  url: string;
  /** The Wayback capture of the player as the Wayback Machine shows it, when the record had one. */
  capture: string | null;
}

const WAYBACK_PREFIX = /^https?:\/\/web\.archive\.org\/web\/(\d{1,14})(?:[a-z]{2}_)?\//i;

/** What a video shortcode's src points at; null when it is not an http(s) address. */
export function embeddedVideo(src: string): EmbeddedVideo | null {
  const raw = src.trim();
  const wayback = WAYBACK_PREFIX.exec(raw);
  const inner = wayback ? raw.slice(wayback[0].length) : raw;
  let player: URL;
  try {
    player = new URL(inner);
  } catch {
    return null;
  }
  if (player.protocol !== 'https:' && player.protocol !== 'http:') return null;
  const host = player.hostname.replace(/^www\.|^player\./, '').toLowerCase();
  const capture = wayback ? `${WAYBACK}/web/${wayback[1]}/${inner}` : null;
  const youtube = /^\/embed\/([\w-]{6,20})/.exec(player.pathname);
  if ((host === 'youtube.com' || host === 'youtube-nocookie.com') && youtube) {
    return { platform: 'YouTube', url: `https://www.youtube.com/watch?v=${youtube[1]}`, capture };
  }
  if (host === 'facebook.com') {
    const href = player.searchParams.get('href');
    const own = href && /^https:\/\/(www\.)?facebook\.com\//i.test(href) ? href : player.href;
    return { platform: 'Facebook', url: own, capture };
  }
  const vimeo = /^\/video\/(\d+)/.exec(player.pathname);
  if (host === 'vimeo.com' && vimeo)
    return { platform: 'Vimeo', url: `https://vimeo.com/${vimeo[1]}`, capture };
  const dailymotion = /^\/embed\/video\/(\w+)/.exec(player.pathname);
  if (host === 'dailymotion.com' && dailymotion) {
    return { platform: 'Dailymotion', url: `https://www.dailymotion.com/video/${dailymotion[1]}`, capture };
  }
  if (host === 'roundme.com') return { platform: 'Roundme', url: player.href, capture };
  return { platform: host, url: player.href, capture };
}

const VIDEO_SHORTCODE = /^[ \t]*\{\{<\s*video\s+src="([^"]*)"\s*>\}\}[ \t]*$/gm;

/** Each video shortcode as an HTML block of two links (still to be sanitized like the rest). */
function videoLinks(md: string, labels: VideoLabels): string {
  if (!md.includes('{{<')) return md;
  return md.replace(VIDEO_SHORTCODE, (_line, src: string) => {
    const video = embeddedVideo(src);
    if (!video) return '';
    const own = `<a href="${escapeAttribute(video.url)}">${escapeAttribute(labels.video(video.platform))}</a>`;
    const capture = video.capture
      ? ` · <a href="${escapeAttribute(video.capture)}">${escapeAttribute(labels.capture)}</a>`
      : '';
    return `\n<p class="video">${own}${capture}</p>\n`;
  });
}

export interface RenderedBody {
  html: string;
  /** How many images the body has (after sanitizing). */
  images: number;
}

/** Resolves a link from a record: Wayback-relative and site-relative paths become absolute URLs. */
export function resolveRecordUrl(raw: string, captureTimestamp?: string | null): string | null {
  const url = raw.trim().replace(/[\u0000-\u001f\u007f\s]+/g, '');
  if (url === '') return null;
  if (url.startsWith('//')) return null;
  if (url.startsWith('/web/')) return WAYBACK + url;
  if (url.startsWith('/')) {
    const site = HKCNEWS + url;
    return captureTimestamp ? `${WAYBACK}/web/${captureTimestamp}/${site}` : site;
  }
  if (url.startsWith('#')) return url;
  if (/^https?:\/\//i.test(url)) return url;
  if (/^mailto:/i.test(url)) return url;
  return null;
}

/** The local path for a link to another hkcnews article, or null. */
export function localArticlePath(url: string): string | null {
  const id = hkcnewsArticleId(url);
  return id === undefined ? null : `/article/${id}`;
}

function sanitizeOptions(captureTimestamp: string | null | undefined): sanitizeHtml.IOptions {
  return {
    allowedTags: [
      'p',
      'br',
      'hr',
      'h2',
      'h3',
      'h4',
      'h5',
      'h6',
      'strong',
      'b',
      'em',
      'i',
      'u',
      's',
      'del',
      'sub',
      'sup',
      'small',
      'blockquote',
      'ul',
      'ol',
      'li',
      'a',
      'figure',
      'figcaption',
      'img',
      'code',
      'pre',
      'table',
      'thead',
      'tbody',
      'tr',
      'th',
      'td',
    ],
    allowedAttributes: {
      a: ['href', 'title', 'rel'],
      img: ['src', 'alt', 'title', 'loading', 'decoding', 'referrerpolicy'],
      th: ['colspan', 'rowspan'],
      td: ['colspan', 'rowspan'],
      ol: ['start'],
    },
    // only the mark of the video lines this module writes (a record's other classes are dropped)
    allowedClasses: { p: ['video'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowedSchemesAppliedToAttributes: ['href', 'src'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    // Tags whose text content must not show up as text either.
    nonTextTags: [
      'script',
      'style',
      'textarea',
      'option',
      'noscript',
      'title',
      'template',
      'iframe',
      'object',
    ],
    transformTags: {
      h1: 'h2',
      a: (tagName, attribs) => {
        const href = attribs.href === undefined ? null : resolveRecordUrl(attribs.href, captureTimestamp);
        const out: Record<string, string> = {};
        if (attribs.title) out.title = attribs.title;
        if (href !== null) {
          const local = localArticlePath(href);
          if (local) out.href = local;
          else {
            out.href = href;
            if (!href.startsWith('#')) out.rel = 'noopener noreferrer';
          }
        }
        return { tagName, attribs: out };
      },
      img: (tagName, attribs) => {
        const src = attribs.src === undefined ? null : resolveRecordUrl(attribs.src, captureTimestamp);
        const out: Record<string, string> = {};
        if (src && /^https?:\/\//i.test(src)) out.src = src;
        out.alt = attribs.alt ?? '';
        if (attribs.title) out.title = attribs.title;
        out.loading = 'lazy';
        out.decoding = 'async';
        out.referrerpolicy = 'no-referrer';
        return { tagName, attribs: out };
      },
    },
    // An image without a usable source is dropped; empty figures go too.
    exclusiveFilter: (frame) =>
      (frame.tag === 'img' && !frame.attribs.src) ||
      (frame.tag === 'figure' && !frame.mediaChildren.length && frame.text.trim() === ''),
  };
}

const optionsWithoutTimestamp = sanitizeOptions(null);

/** Drops the leading "# title" heading: the page shows the title itself. */
export function stripTitleHeading(body: string): string {
  return body.replace(/^\s*#[ \t]+[^\n]*(?:\n|$)/, '');
}

/** Renders record Markdown (body or columnist box) to sanitized HTML. */
export function renderBody(md: string, opts: RenderOptions = {}): RenderedBody {
  const unsafe = markdown.render(videoLinks(md, opts.videoLabels ?? ENGLISH_VIDEO_LABELS));
  const options = opts.captureTimestamp ? sanitizeOptions(opts.captureTimestamp) : optionsWithoutTimestamp;
  const lang = opts.videoLabels?.lang;
  let html = sanitizeHtml(unsafe, options);
  if (lang && html.includes('<p class="video">')) {
    html = html.replaceAll('<p class="video">', `<p class="video" lang="${escapeAttribute(lang)}">`);
  }
  html = headingsFrom(html, opts.topHeading ?? 2);
  let images = 0;
  for (let i = html.indexOf('<img'); i !== -1; i = html.indexOf('<img', i + 4)) images++;
  return { html, images };
}

/**
 * Sanitized HTML (whose headings have no attributes) with its headings moved so that the highest is
 * h<top>: writers used h3 or h4 for a text's sections, which left a screen reader's outline jumping
 * from the page's h1 to h4. The order of rank is kept; nothing goes below h6.
 */
export function headingsFrom(html: string, top: number): string {
  let highest = 7;
  for (const m of html.matchAll(/<h([1-6])>/g)) highest = Math.min(highest, Number(m[1]));
  if (highest === 7 || highest === top) return html;
  const shift = top - highest;
  return html.replace(
    /<(\/?)h([1-6])>/g,
    (_tag, close: string, level: string) => `<${close}h${Math.min(6, Number(level) + shift)}>`,
  );
}

/**
 * Sanitized HTML for a page read without JavaScript: app.js cannot turn a dead image into its
 * placeholder there, so each image not already inside a link is followed by a <noscript> link to
 * the image itself (its archived copy), which is all the placeholder would have offered. The tags
 * are those sanitize-html wrote, whose attribute values hold no '<' or '>'.
 */
export function withNoscriptImageLinks(html: string, label: string, lang?: string): string {
  if (!html.includes('<img')) return html;
  const text = escapeAttribute(label);
  // the label is the interface's words, in an article that may be in the other language
  const langAttribute = lang ? ` lang="${escapeAttribute(lang)}"` : '';
  let linkDepth = 0;
  return html.replace(/<(\/?)(a|img)\b[^>]*>/g, (tag: string, close: string, name: string) => {
    if (name === 'a') {
      linkDepth = Math.max(0, linkDepth + (close ? -1 : 1));
      return tag;
    }
    const src = linkDepth === 0 ? /\ssrc="([^"]*)"/.exec(tag)?.[1] : undefined;
    if (!src) return tag;
    return `${tag}<noscript><a class="img-open" href="${src}" rel="noopener noreferrer"${langAttribute}>${text}</a></noscript>`;
  });
}

/** How much of a text's words may come before its first image for that image to count as its lead. */
const LEAD_IMAGE_TEXT_BEFORE = 200;

/**
 * Sanitized HTML whose first image, when the text opens with it (fewer than 200 characters of words
 * before it), is asked for at once and first (`fetchpriority="high"`, not `loading="lazy"`): it is
 * where a phone's largest paint is, and a lazy image is only asked for once the page has been laid
 * out. The others stay lazy. The tags are those sanitize-html wrote (`loading="lazy"` on each image).
 */
export function withLeadImageFirst(html: string): string {
  const at = html.indexOf('<img ');
  if (at === -1) return html;
  if (
    html
      .slice(0, at)
      .replace(/<[^>]*>/g, '')
      .trim().length >= LEAD_IMAGE_TEXT_BEFORE
  )
    return html;
  const end = html.indexOf('>', at);
  const tag = html.slice(at, end);
  if (!tag.includes(' loading="lazy"')) return html;
  return html.slice(0, at) + tag.replace(' loading="lazy"', ' fetchpriority="high"') + html.slice(end);
}

/** Plain text of sanitized HTML (for descriptions): tags dropped, entities decoded, space squeezed. */
export function htmlToText(html: string, max = 200): string {
  // figures' captions and video links are not how the text opens (a page of figures alone keeps them)
  const withoutFigures = html.replace(
    /<figure\b[\s\S]*?<\/figure>|<p class="video"[^>]*>[\s\S]*?<\/p>/g,
    ' ',
  );
  const text = (/\S/.test(withoutFigures.replace(/<[^>]*>/g, '')) ? withoutFigures : html)
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|#x27|nbsp);/g, (_m, e: string) => HTML_ENTITIES[e] ?? ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const HTML_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#39': "'",
  '#x27': "'",
  nbsp: ' ',
};
