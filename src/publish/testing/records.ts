// An export row written for tests (a record of the tests' own, not of the corpus).

import type { ArticleRecord } from '../../store/types.js';

export function exportRecord(over: Partial<ArticleRecord> = {}): ArticleRecord {
  return {
    id: 101,
    storyId: 101,
    title: '國安法實施一周年',
    date: '2021-06-30',
    author: '記者甲',
    category: '眾聞',
    tags: ['國安法', '香港政治'],
    lastUpdated: '2021-07-01',
    captureTimestamp: '20210701000000',
    originalUrl: 'https://www.hkcnews.com/article/101/x',
    url: 'https://web.archive.org/web/20210701000000/https://www.hkcnews.com/article/101/x',
    ...over,
  };
}
