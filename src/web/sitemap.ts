// Sitemaps (sitemaps.org 0.9) of the reader, so that search engines find every article of the
// archive: /sitemap.xml, an index of the parts, and /sitemap/<n>.xml, up to SITEMAP_PART ids each.
// Placeholder pages are not listed: they are not articles.

import { urls } from './urls.js';

/** Article addresses in one part (the protocol allows 50,000 and 50 MB a file). */
export const SITEMAP_PART = 10_000;

const XMLNS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

function escapeXml(text: string): string {
  return text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );
}

/** How many parts list `count` articles (at least one, which may be empty). */
export function sitemapParts(count: number): number {
  return Math.max(1, Math.ceil(count / SITEMAP_PART));
}

/**
 * The index: one <sitemap> a part, at `origin` (scheme, host and port, no trailing slash; a static
 * copy's address may have a path too).
 */
export function sitemapIndex(origin: string, parts: number): string {
  const entries = Array.from(
    { length: parts },
    (_, i) => `<sitemap><loc>${escapeXml(`${origin}/sitemap/${i + 1}.xml`)}</loc></sitemap>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="${XMLNS}">\n${entries.join('\n')}\n</sitemapindex>\n`;
}

/**
 * Part `n` (from 1) of the articles whose ids are given in order, or null past the last part; an
 * article's address is `origin` and its path (`articlePath`: the reader's, or a static copy's file).
 */
export function sitemapPart(
  origin: string,
  ids: ArrayLike<number>,
  n: number,
  articlePath: (id: number) => string = urls.article,
): string | null {
  if (n < 1 || n > sitemapParts(ids.length)) return null;
  const lines: string[] = [];
  const end = Math.min(ids.length, n * SITEMAP_PART);
  for (let i = (n - 1) * SITEMAP_PART; i < end; i++) {
    lines.push(`<url><loc>${escapeXml(`${origin}${articlePath(ids[i]!)}`)}</loc></url>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${XMLNS}">\n${lines.join('\n')}\n</urlset>\n`;
}
