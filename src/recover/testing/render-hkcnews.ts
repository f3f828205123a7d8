// Renders a record as the article page hkcnews.com served (the shape src/recover/extract/hkcnews.ts
// reads): site chrome around an <article> with og:/JSON-LD metadata, category, h1 title, author,
// dates, `.article-content` (the body rendered with markdown-it, figures as raw HTML), tags, the
// subscription footer and the columnist box. Links and images are turned back from Wayback
// capture URLs into the site's own URLs, as the original page had them. For tests and benches.

import { parseHTML } from 'linkedom';
import MarkdownIt from 'markdown-it';
import { splitBody } from '../../corpus/body.js';
import type { Article } from '../../corpus/types.js';

const md = new MarkdownIt({ html: true, linkify: false, typographer: false });
// keep URLs as written (markdown-it would percent-encode the raw UTF-8 the corpus keeps)
md.normalizeLink = (url: string) => url;
md.normalizeLinkText = (url: string) => url;
md.validateLink = () => true;

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface BodySections {
  heading?: string;
  content: string;
  footer?: string;
  columnist?: string;
}

/** Splits a corpus body (with the corpus helper's splitBody) into heading, text, footer, columnist. */
export function bodySections(body: string): BodySections {
  const parts = splitBody(body);
  let main = parts.main;
  const footer = parts.footer ? parts.footer.replace(/^---\n+/, '').replace(/\n+$/, '') : undefined;
  const columnist = parts.columnist ? parts.columnist.replace(/^---\n+/, '').replace(/\n$/, '') : undefined;
  let heading: string | undefined;
  const h = /^# (.*)\n/.exec(main);
  if (h) {
    heading = h[1]!;
    main = main.slice(h[0].length);
  }
  return { heading, content: main.replace(/^\n+/, ''), footer, columnist };
}

/** Turns Wayback capture URLs of one timestamp back into the page's own URLs. */
function unrewrite(html: string, ts: string, origin: string): string {
  const { document } = parseHTML(`<div id="root">${html}</div>`);
  const root = document.getElementById('root')!;
  const abs = `https://web.archive.org/web/${ts}/`;
  const rel = `/web/${ts}/${origin}/`;
  const img = `https://web.archive.org/web/${ts}im_/`;
  for (const a of Array.from(root.querySelectorAll('a[href]'))) {
    const href = a.getAttribute('href')!;
    if (href.startsWith(abs) && /^https?:\/\//.test(href.slice(abs.length)))
      a.setAttribute('href', href.slice(abs.length));
    else if (href.startsWith(rel)) a.setAttribute('href', `/${href.slice(rel.length)}`);
  }
  for (const el of Array.from(root.querySelectorAll('img[src]'))) {
    const src = el.getAttribute('src')!;
    if (src.startsWith(img) && /^https?:\/\//.test(src.slice(img.length)))
      el.setAttribute('src', src.slice(img.length));
  }
  return root.innerHTML;
}

/** The article page of one record. */
export function renderHkcnewsPage(article: Article): string {
  const ts = article.captureTimestamp ?? /\/web\/(\d{14})/.exec(article.url)?.[1] ?? '';
  const origin = /^[a-z]+:\/\/[^/]+/i.exec(article.originalUrl)?.[0] ?? 'https://www.hkcnews.com';
  const s = bodySections(article.body);
  const hasArticle = article.body.trim() !== '';
  const ld = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    datePublished: article.date,
    ...(article.lastUpdated ? { dateModified: article.lastUpdated } : {}),
    author: { '@type': 'Person', name: article.author },
    publisher: { '@type': 'Organization', name: '眾新聞 Citizen News' },
  };
  const parts: string[] = [];
  parts.push(
    '<!DOCTYPE html>',
    '<html lang="zh-HK">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(article.title)}</title>`,
    `<meta property="og:title" content="${escapeHtml(article.title)}">`,
    `<meta property="og:url" content="${escapeHtml(article.originalUrl)}">`,
    '<meta property="og:site_name" content="眾新聞">',
  );
  if (article.date) parts.push(`<meta property="article:published_time" content="${article.date}">`);
  if (hasArticle)
    parts.push(`<script type="application/ld+json">${JSON.stringify(ld).replace(/</g, '\\u003c')}</script>`);
  parts.push(
    '<link rel="stylesheet" href="/css/main.css">',
    '</head>',
    '<body class="page-article">',
    '<header class="site-header"><a class="logo" href="/"><img src="/images/logo.svg" alt="眾新聞"></a>',
    '<nav><ul><li><a href="/category/眾聞">眾聞</a></li><li><a href="/category/眾說">眾說</a></li>',
    '<li><a href="/category/眾觀">眾觀</a></li><li><a href="/aboutus">關於我們</a></li></ul></nav></header>',
    '<main class="container">',
  );
  if (!hasArticle) {
    parts.push(`<section class="notice"><h2>${escapeHtml(article.title)}</h2></section>`);
  } else {
    parts.push(`<article class="article" data-id="${article.id}">`, '<div class="article-header">');
    if (article.category !== undefined) {
      parts.push(
        `<div class="article-category"><a href="/category/${encodeURIComponent(article.category)}">${escapeHtml(article.category)}</a></div>`,
      );
    }
    if (s.heading !== undefined) parts.push(`<h1 class="article-title">${escapeHtml(s.heading)}</h1>`);
    parts.push(
      '<div class="article-meta">',
      `<span class="article-author">${escapeHtml(article.author)}</span>`,
      `<time class="article-date" datetime="${escapeHtml(article.date)}">${escapeHtml(article.date.replace(/-/g, '/'))}</time>`,
    );
    if (article.lastUpdated !== undefined) {
      parts.push(
        `<span class="updated">最後更新日期：<time class="article-updated" datetime="${escapeHtml(article.lastUpdated)}">${escapeHtml(article.lastUpdated)}</time></span>`,
      );
    }
    parts.push('</div>', '</div>');
    const content = s.content.replace(/^\{\{< video src="([^"]*)" >\}\}$/gm, (_m, src: string) => {
      const own = `https://web.archive.org/web/${ts}if_/`;
      const frame = src.startsWith(own) ? src.slice(own.length) : src;
      return `<div class="video-embed"><iframe src="${escapeHtml(frame)}" allowfullscreen></iframe></div>`;
    });
    parts.push(`<div class="article-content">\n${unrewrite(md.render(content), ts, origin)}</div>`);
    if (article.tags !== undefined) {
      parts.push('<ul class="article-tags">');
      for (const tag of article.tags) {
        parts.push(`<li><a href="/tag/${encodeURIComponent(tag)}">${escapeHtml(tag)}</a></li>`);
      }
      parts.push('</ul>');
    }
    parts.push('<div class="share"><a href="#" class="share-facebook">分享</a></div>');
    if (s.footer !== undefined) {
      parts.push(`<div class="article-subscribe">\n${unrewrite(md.render(s.footer), ts, origin)}</div>`);
    }
    if (s.columnist !== undefined) parts.push(renderColumnist(s.columnist, ts, origin));
    parts.push('</article>');
  }
  parts.push(
    '<aside class="related"><h3>相關文章</h3><ul>',
    '<li><a href="/article/1/x">其他文章一</a></li><li><a href="/article/2/y">其他文章二</a></li>',
    '</ul></aside>',
    '</main>',
    '<footer class="site-footer"><p>© 眾新聞 Citizen News</p><a href="/aboutus/#subscribe">訂閱</a></footer>',
    '<script src="/js/app.js"></script>',
    '</body>',
    '</html>',
  );
  return `${parts.join('\n')}\n`;
}

function renderColumnist(markdown: string, ts: string, origin: string): string {
  const m = /^!\[([^\]]*)\]\(([^)\s]*)\)\n\n\*\*(.*)\*\*\n\n([\s\S]*)$/.exec(markdown);
  if (!m)
    return `<div class="columnist-box"><div class="columnist-bio">${unrewrite(md.render(markdown), ts, origin)}</div></div>`;
  const [, alt, src, name, bio] = m as unknown as [string, string, string, string, string];
  const img = `<img class="columnist-avatar" src="${escapeHtml(src)}" alt="${escapeHtml(alt)}">`;
  return [
    '<div class="columnist-box">',
    unrewrite(img, ts, origin),
    `<div class="columnist-name">${escapeHtml(name)}</div>`,
    `<div class="columnist-bio">${unrewrite(md.render(bio), ts, origin)}</div>`,
    '</div>',
  ].join('\n');
}
