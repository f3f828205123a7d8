import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeUrl, parseRetryAfter } from './http.js';
import { captureKey, captureUrl, cdxTimestamp, parseReplayUrl, replayPath } from './url.js';

test('http/https, www/bare host, ports and escapes give one capture key', () => {
  const forms = [
    'https://www.hkcnews.com/article/5/新聞',
    'http://hkcnews.com/article/5/%E6%96%B0%E8%81%9E',
    'http://www.hkcnews.com:80/article/5/%E6%96%B0%E8%81%9E#top',
    'HTTPS://WWW.HKCNEWS.COM/article/5/新聞',
    'www.hkcnews.com/article/5/新聞',
  ];
  const keys = new Set(forms.map(captureKey));
  assert.equal(keys.size, 1, [...keys].join(' | '));
  assert.notEqual(
    captureKey('https://hkcnews.com/article/5/a'),
    captureKey('https://hkcnews.com/article/5/b'),
  );
});

test('non-ASCII URLs are percent-encoded once; existing escapes stay', () => {
  assert.equal(encodeUrl('https://x.com/news_新聞/a b'), 'https://x.com/news_%E6%96%B0%E8%81%9E/a%20b');
  assert.equal(encodeUrl('https://x.com/%E6%96%B0'), 'https://x.com/%E6%96%B0');
  assert.equal(encodeUrl('https://x.com/100%'), 'https://x.com/100%25');
  assert.equal(
    replayPath('20210101000000', 'https://x.com/新'),
    '/web/20210101000000id_/https://x.com/%E6%96%B0',
  );
});

test('capture URLs and replay URLs', () => {
  assert.equal(
    captureUrl('20210712045522', 'https://a.com/x'),
    'https://web.archive.org/web/20210712045522/https://a.com/x',
  );
  assert.deepEqual(parseReplayUrl('/web/20210712045522id_/https://a.com/x'), {
    timestamp: '20210712045522',
    mode: 'id_',
    original: 'https://a.com/x',
  });
  assert.equal(parseReplayUrl('https://a.com/x'), undefined);
  assert.equal(cdxTimestamp('2021-07-12'), '20210712');
  assert.throws(() => cdxTimestamp('yesterday'));
});

test('Retry-After in seconds or as a date', () => {
  assert.equal(parseRetryAfter('120'), 120_000);
  assert.equal(parseRetryAfter(undefined), undefined);
  assert.equal(parseRetryAfter('soon'), undefined);
  const now = Date.parse('2021-01-01T00:00:00Z');
  assert.equal(parseRetryAfter('Fri, 01 Jan 2021 00:00:30 GMT', now), 30_000);
});
