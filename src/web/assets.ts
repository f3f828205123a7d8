// The static files of the reader (one stylesheet, one script), read once at start-up and served
// under content-hashed names (/static/style.<hash>.css) with a year-long immutable cache. The files
// live in src/web/static/; a build in dist/ finds them there too (or in dist/web/static if copied).
// Each is also kept compressed with Brotli and gzip, made once here.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliBody, type ContentEncoding, encodedEtag, gzipBody } from './compression.js';

export interface Asset {
  /** Public path, e.g. /static/style.3f2a9c1d.css */
  path: string;
  body: Uint8Array<ArrayBuffer>;
  type: string;
  etag: string;
  /** The body compressed at start-up, with the ETag of each form. */
  encoded: Record<ContentEncoding, { body: Uint8Array<ArrayBuffer>; etag: string }>;
}

export interface Assets {
  css: Asset;
  js: Asset;
  /** By public path. */
  byPath: Map<string, Asset>;
}

function staticDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'static'), resolve(here, '../../src/web/static')];
  for (const dir of candidates) if (existsSync(join(dir, 'style.css'))) return dir;
  throw new Error(`the reader's static files are missing (looked in ${candidates.join(', ')})`);
}

function load(dir: string, name: string, type: string): Asset {
  const file = readFileSync(join(dir, name));
  const body = new Uint8Array(file.length);
  body.set(file);
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
  const dot = name.lastIndexOf('.');
  const etag = `"${hash}"`;
  return {
    path: `/static/${name.slice(0, dot)}.${hash}${name.slice(dot)}`,
    body,
    type,
    etag,
    encoded: {
      br: { body: brotliBody(body), etag: encodedEtag(etag, 'br') },
      gzip: { body: gzipBody(body), etag: encodedEtag(etag, 'gzip') },
    },
  };
}

let cached: Assets | undefined;

export function loadAssets(): Assets {
  if (cached) return cached;
  const dir = staticDir();
  const css = load(dir, 'style.css', 'text/css; charset=utf-8');
  const js = load(dir, 'app.js', 'text/javascript; charset=utf-8');
  cached = { css, js, byPath: new Map([css, js].map((a) => [a.path, a])) };
  return cached;
}
