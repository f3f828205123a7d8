import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../lib/errors.js';
import { publicOrigin } from './urls.js';

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
