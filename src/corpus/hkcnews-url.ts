// The addresses of hkcnews.com articles as records, links and readers give them: the article id of
// `https://www.hkcnews.com/article/32181/<slug>`, with or without the scheme, www or a port, bare or
// inside a Wayback Machine capture URL (`https://web.archive.org/web/20210712045522/…`).

const ARTICLE_URL =
  /^(?:(?:https?:\/\/)?web\.archive\.org\/web\/\d{1,14}[a-z_]*\/)?(?:https?:\/\/)?(?:www\.)?hkcnews\.com(?::\d+)?\/article\/(\d{1,9})(?:[/?#]|$)/i;

/** The article id of an hkcnews.com article address, or undefined for any other text. */
export function hkcnewsArticleId(url: string): number | undefined {
  const m = ARTICLE_URL.exec(url.trim());
  return m ? Number(m[1]) : undefined;
}

/** The Wayback Machine's list of every capture of an hkcnews article's address (any slug). */
export function hkcnewsCaptureList(id: number): string {
  return `https://web.archive.org/web/*/hkcnews.com/article/${id}/*`;
}
