// A small LRU of rendered responses (UTF-8 bytes plus a strong ETag), bounded by entry count and
// total bytes. The archive does not change while the server runs, so a rendered page stays right
// until it is pushed out; the key holds everything the output depends on (language, format, URL).

import { createHash } from 'node:crypto';

export interface CachedPage {
  status: number;
  type: string;
  /** The bytes to send: encoded when `encoding` is set. */
  body: Uint8Array<ArrayBuffer>;
  etag: string;
  /** The Content-Encoding of body (a gzipped page is cached as such, under a key of its own). */
  encoding?: 'gzip';
}

export function makeEtag(body: Uint8Array): string {
  return `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
}

export class PageCache {
  private readonly map = new Map<string, CachedPage>();
  private bytes = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
  ) {}

  get size(): number {
    return this.map.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  get(key: string): CachedPage | undefined {
    const hit = this.map.get(key);
    if (hit) {
      // refresh its place at the young end
      this.map.delete(key);
      this.map.set(key, hit);
    }
    return hit;
  }

  set(key: string, page: CachedPage): void {
    if (this.maxEntries <= 0 || page.body.length > this.maxBytes / 4) return;
    const old = this.map.get(key);
    if (old) {
      this.bytes -= old.body.length;
      this.map.delete(key);
    }
    this.map.set(key, page);
    this.bytes += page.body.length;
    while (this.map.size > this.maxEntries || this.bytes > this.maxBytes) {
      const oldest = this.map.keys().next().value as string;
      this.bytes -= this.map.get(oldest)!.body.length;
      this.map.delete(oldest);
    }
  }
}
