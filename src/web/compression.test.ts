import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { encodedEtag, gzipBody, pickEncoding } from './compression.js';

test('Accept-Encoding: the offered coding with the highest weight, the first on a tie', () => {
  const both = ['br', 'gzip'] as const;
  assert.equal(pickEncoding('gzip, deflate, br, zstd', both), 'br');
  assert.equal(pickEncoding('gzip, deflate, br', ['gzip']), 'gzip');
  assert.equal(pickEncoding('br;q=0.5, gzip;q=0.8', both), 'gzip');
  assert.equal(pickEncoding('GZIP', both), 'gzip');
  assert.equal(pickEncoding('*', both), 'br');
  assert.equal(pickEncoding('*;q=0.2, br;q=0', both), 'gzip', 'its own entry outweighs *');
  assert.equal(pickEncoding('gzip;q=0', ['gzip']), null);
  assert.equal(pickEncoding('identity', both), null);
  assert.equal(pickEncoding('deflate', both), null);
  assert.equal(pickEncoding('', both), null);
  assert.equal(pickEncoding(undefined, both), null);
});

test('gzip round-trips and an encoded form has an ETag of its own', () => {
  const body = new TextEncoder().encode('香港'.repeat(1000));
  const zipped = gzipBody(body);
  assert.ok(zipped.length < body.length / 10);
  assert.deepEqual(new Uint8Array(gunzipSync(zipped)), body);
  assert.equal(encodedEtag('"abc"', 'gzip'), '"abc-gzip"');
});
