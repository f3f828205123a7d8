// Page metadata any news page may carry: Open Graph and article: meta tags, JSON-LD NewsArticle
// objects and <time datetime>. Used by the generic profile and as a fallback by site profiles.
// Also the rewriting of links and images to Wayback capture URLs, as the corpus has them.

/// <reference lib="dom" />

export interface PageMeta {
  title?: string;
  published?: string;
  modified?: string;
  author?: string;
  section?: string;
  keywords?: string[];
  image?: string;
}

function metaContent(doc: Document, names: string[]): string | undefined {
  for (const name of names) {
    const el = doc.querySelector(`meta[property="${name}"], meta[name="${name}"], meta[itemprop="${name}"]`);
    const v = el?.getAttribute('content');
    if (v?.trim()) return v.trim();
  }
  return undefined;
}

function jsonLdObjects(doc: Document): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if ('@graph' in o) visit(o['@graph']);
      out.push(o);
    }
  };
  for (const s of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      visit(JSON.parse(s.textContent ?? ''));
    } catch {
      // broken JSON-LD is common; skip it
    }
  }
  return out;
}

function nameOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(nameOf).filter(Boolean).join('、') || undefined;
  if (v && typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string') {
    return (v as { name: string }).name;
  }
  return undefined;
}

export function readPageMeta(doc: Document): PageMeta {
  const meta: PageMeta = {};
  const article = jsonLdObjects(doc).find((o) => /Article|Posting/i.test(String(o['@type'] ?? '')));
  meta.title =
    metaContent(doc, ['og:title', 'twitter:title']) ??
    (typeof article?.headline === 'string' ? article.headline : undefined) ??
    doc.querySelector('title')?.textContent?.trim();
  meta.published =
    metaContent(doc, ['article:published_time', 'datePublished', 'pubdate', 'date']) ??
    (typeof article?.datePublished === 'string' ? article.datePublished : undefined) ??
    doc.querySelector('time[datetime]')?.getAttribute('datetime') ??
    undefined;
  meta.modified =
    metaContent(doc, ['article:modified_time', 'dateModified', 'og:updated_time']) ??
    (typeof article?.dateModified === 'string' ? article.dateModified : undefined);
  meta.author = metaContent(doc, ['author', 'article:author']) ?? nameOf(article?.author);
  meta.section =
    metaContent(doc, ['article:section']) ??
    (typeof article?.articleSection === 'string' ? article.articleSection : undefined);
  const tags = Array.from(doc.querySelectorAll('meta[property="article:tag"]'))
    .map((m) => m.getAttribute('content')?.trim() ?? '')
    .filter(Boolean);
  const keywords = metaContent(doc, ['keywords', 'news_keywords']);
  meta.keywords = tags.length
    ? tags
    : keywords
      ? keywords
          .split(/[,，、]/)
          .map((k) => k.trim())
          .filter(Boolean)
      : undefined;
  meta.image = metaContent(doc, ['og:image']);
  return meta;
}

/** "2020-07-22T10:00:00+08:00", "2020/7/22", "2020年7月22日" → "2020-07-22" ("" when none). */
export function isoDate(text: string | undefined): string {
  if (!text) return '';
  const m = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/.exec(text);
  if (!m) return '';
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

/** "2016-12-30 19:21:34" from any date-time text, or undefined. */
export function isoDateTime(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const m = /(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/.exec(text);
  if (!m) return undefined;
  return `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6] ?? '00'}`;
}

const WAYBACK_PATH = /^(?:(?:https?:)?\/\/web\.archive\.org)?\/web\/\d{1,14}/;

/** Resolves an href/src against the page URL without re-encoding it (the corpus keeps raw UTF-8). */
export function resolveRaw(ref: string, pageUrl: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref)) return ref;
  const origin = /^[a-z]+:\/\/[^/?#]+/i.exec(pageUrl)?.[0] ?? '';
  if (ref.startsWith('//')) return `${pageUrl.split(':')[0]}:${ref}`;
  if (ref.startsWith('/')) return `${origin}${ref}`;
  const base = pageUrl.replace(/[?#].*$/, '').replace(/[^/]*$/, '');
  return `${base}${ref}`;
}

/**
 * Rewrites links and images inside `root` as the Wayback replay wrote them into the corpus
 * (`links` 'capture', the default): absolute links → `https://web.archive.org/web/<ts>/<url>`,
 * site-relative ones → `/web/<ts>/<abs>`, images → `https://web.archive.org/web/<ts>im_/<abs>`,
 * embedded frames → `…/<ts>if_/<abs>`. With 'original' (a capture that is not on the Wayback
 * Machine, where no such capture URL exists) they become the absolute URLs the page pointed at.
 * URLs already on the Wayback Machine, fragments, mailto: and javascript: are left alone.
 */
export function rewriteToCaptures(
  root: Element,
  pageUrl: string,
  timestamp: string,
  links: 'capture' | 'original' = 'capture',
): void {
  const capture = links === 'capture';
  for (const a of Array.from(root.querySelectorAll('a[href]'))) {
    const href = a.getAttribute('href') ?? '';
    if (
      !href ||
      href.startsWith('#') ||
      WAYBACK_PATH.test(href) ||
      /^(mailto|javascript|tel|data):/i.test(href)
    ) {
      continue;
    }
    const abs = resolveRaw(href, pageUrl);
    const relative = !/^[a-z][a-z0-9+.-]*:/i.test(href) && !href.startsWith('//');
    if (!capture) a.setAttribute('href', abs);
    else
      a.setAttribute(
        'href',
        relative ? `/web/${timestamp}/${abs}` : `https://web.archive.org/web/${timestamp}/${abs}`,
      );
  }
  for (const img of Array.from(root.querySelectorAll('img'))) {
    const src = img.getAttribute('data-src') || img.getAttribute('src') || '';
    if (!src || WAYBACK_PATH.test(src) || src.startsWith('data:')) continue;
    const abs = resolveRaw(src, pageUrl);
    img.setAttribute('src', capture ? `https://web.archive.org/web/${timestamp}im_/${abs}` : abs);
  }
  for (const frame of Array.from(root.querySelectorAll('iframe[src]'))) {
    const src = frame.getAttribute('src') ?? '';
    if (!src || WAYBACK_PATH.test(src) || src.startsWith('about:')) continue;
    const abs = resolveRaw(src, pageUrl);
    frame.setAttribute('src', capture ? `https://web.archive.org/web/${timestamp}if_/${abs}` : abs);
  }
}
