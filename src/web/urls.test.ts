import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../lib/errors.js';
import { publicBase, publicOrigin } from './urls.js';

test('publicOrigin takes the address of a site root and gives its origin', () => {
  assert.equal(publicOrigin('https://archive.example.org'), 'https://archive.example.org');
  assert.equal(publicOrigin(' http://localhost:8080/ '), 'http://localhost:8080');
  for (const bad of [
    'archive.example.org',
    'ftp://a.example',
    'https://a.example/hkcnews',
    'https://a.example/?x=1',
    'javascript:alert(1)',
    '',
  ])
    assert.throws(() => publicOrigin(bad), UsageError, bad);
});

test('publicBase takes the address of a site root or of a folder in it, without its trailing slash', () => {
  assert.equal(publicBase('https://archive.example.org/'), 'https://archive.example.org');
  assert.equal(publicBase(' https://user.github.io/hkcnews/ '), 'https://user.github.io/hkcnews');
  assert.equal(publicBase('https://a.example/眾新聞'), 'https://a.example/%E7%9C%BE%E6%96%B0%E8%81%9E');
  for (const bad of [
    'archive.example.org',
    'ftp://a.example/x',
    'https://a.example/?x=1',
    'https://u:p@a.example/',
    'https://a.example/#x',
    '',
  ])
    assert.throws(
      () => publicBase(bad, '--public-url'),
      /--public-url must be the http\(s\) address the copy is served at/,
      bad,
    );
});
