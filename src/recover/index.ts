// The recovery library: recover() and what a new site profile or a caller needs.

export type { ArticleCaptures, CdxQuery, CdxRow, IdRange } from './cdx.js';
export { cdxRows, enumerateArticles, idPrefixes, parseIdRange } from './cdx.js';
export { createGenericProfile, extractGeneric, type GenericProfileOptions } from './extract/generic.js';
export { extractHkcnews, hkcnewsProfile } from './extract/hkcnews.js';
export { htmlToMarkdown } from './extract/markdown.js';
export { profileByName } from './extract/profiles.js';
export type { ExtractedArticle, ExtractInput, ExtractOutcome, SiteProfile } from './extract/types.js';
export { encodeUrl, HttpClient, type HttpClientOptions, type HttpResponse, type HttpStats } from './http.js';
export {
  type ArticleOutcome,
  DEFAULT_WAYBACK_BASE,
  type RecoverOptions,
  type RecoverSummary,
  recover,
} from './recover.js';
export { readWarcFile, type WarcCapture } from './warc.js';
