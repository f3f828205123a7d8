import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hkcnewsArticleId } from './hkcnews-url.js';

test('article ids from hkcnews addresses, bare or in a Wayback capture URL', () => {
  for (const url of [
    'https://www.hkcnews.com/article/32181/中美關係-崔天凱/slug',
    'http://hkcnews.com/article/32181',
    'hkcnews.com/article/32181/',
    'www.hkcnews.com:443/article/32181?utm=x',
    '  https://www.hkcnews.com/article/32181#top  ',
    'https://web.archive.org/web/20210712045522/https://www.hkcnews.com/article/32181/slug',
    'web.archive.org/web/20210712045522id_/http://hkcnews.com/article/32181',
    'HTTPS://WWW.HKCNEWS.COM/ARTICLE/32181',
  ]) {
    assert.equal(hkcnewsArticleId(url), 32181, url);
  }
});

test('anything else is not an article address', () => {
  for (const text of [
    '32181',
    '國安法',
    'https://www.hkcnews.com/aboutus/#subscribe',
    'https://www.hkcnews.com/article/abc',
    'https://www.hkcnews.com/article/32181abc',
    'https://evil.example/?u=https://www.hkcnews.com/article/32181',
    'https://hkcnews.com.evil.example/article/32181',
    'see https://www.hkcnews.com/article/32181',
  ]) {
    assert.equal(hkcnewsArticleId(text), undefined, text);
  }
});
