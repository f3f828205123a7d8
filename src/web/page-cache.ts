// A small cache of rendered responses (UTF-8 bytes plus a strong ETag), bounded by entry count and
// total bytes. The archive does not change while the server runs, so a rendered page stays right
// until it is pushed out; the key holds everything the output depends on (language, format, URL).
//
// Segmented LRU with a memory of what it pushed out (as 2Q): a page enters on probation and is
// protected once asked for again, so that pages asked for once (a crawler walking all 49,118
// articles, or URLs made unique by a query string the page does not read, `?x=1`, `?x=2`, …) pass
// through the probation segment and leave, instead of pushing out the pages readers come back to.
// The protected segment holds at most PROTECTED_SHARE of the budget; what it sheds goes back on
// probation, at the young end. A page pushed out of probation and asked for again soon after (its
// key is among the last maxEntries pushed out) enters protected at once: readers going round more
// pages than probation holds (once the protected ones are no longer read) come to be kept after
// one more round, where they would be pushed out before each was asked for again.

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

/** The share of the entries and bytes the protected segment may hold. */
const PROTECTED_SHARE = 0.8;

export function makeEtag(body: Uint8Array): string {
  return `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
}

/** One segment: a Map in use order (oldest first) and the bytes of its bodies. */
class Segment {
  readonly map = new Map<string, CachedPage>();
  bytes = 0;

  add(key: string, page: CachedPage): void {
    this.map.set(key, page);
    this.bytes += page.body.length;
  }

  remove(key: string): CachedPage | undefined {
    const page = this.map.get(key);
    if (page) {
      this.map.delete(key);
      this.bytes -= page.body.length;
    }
    return page;
  }

  /** The least recently used key. */
  oldest(): string | undefined {
    return this.map.keys().next().value;
  }
}

export class PageCache {
  private readonly probation = new Segment();
  private readonly protected = new Segment();
  /** Keys lately pushed out of probation (oldest first), at most maxEntries of them. */
  private readonly ghosts = new Set<string>();
  private readonly maxProtectedEntries: number;
  private readonly maxProtectedBytes: number;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
  ) {
    this.maxProtectedEntries = Math.floor(maxEntries * PROTECTED_SHARE);
    this.maxProtectedBytes = Math.floor(maxBytes * PROTECTED_SHARE);
  }

  get size(): number {
    return this.probation.map.size + this.protected.map.size;
  }

  get totalBytes(): number {
    return this.probation.bytes + this.protected.bytes;
  }

  /** How many entries are protected. */
  get protectedSize(): number {
    return this.protected.map.size;
  }

  get(key: string): CachedPage | undefined {
    // to the young end of the protected segment, from wherever it was
    const hit = this.protected.remove(key) ?? this.probation.remove(key);
    if (!hit) return undefined;
    this.protected.add(key, hit);
    this.shedProtected();
    return hit;
  }

  set(key: string, page: CachedPage): void {
    if (this.maxEntries <= 0 || page.body.length > this.maxBytes / 4) return;
    // a new version of a kept entry replaces it where it is; a new entry starts on probation, unless
    // it was pushed out of probation lately
    const lately = this.ghosts.delete(key);
    const segment = lately || this.protected.map.has(key) ? this.protected : this.probation;
    this.probation.remove(key);
    this.protected.remove(key);
    segment.add(key, page);
    this.shedProtected();
    // out from the old end of probation first; from the protected segment only when probation is empty
    while (this.size > this.maxEntries || this.totalBytes > this.maxBytes) {
      const victim = this.probation.oldest();
      if (victim === undefined) {
        this.protected.remove(this.protected.oldest()!);
        continue;
      }
      this.probation.remove(victim);
      this.ghosts.add(victim);
      if (this.ghosts.size > this.maxEntries) this.ghosts.delete(this.ghosts.values().next().value!);
    }
  }

  /** Moves the oldest protected entries back on probation, at its young end, while over its share. */
  private shedProtected(): void {
    while (
      this.protected.map.size > this.maxProtectedEntries ||
      this.protected.bytes > this.maxProtectedBytes
    ) {
      const key = this.protected.oldest()!;
      this.probation.add(key, this.protected.remove(key)!);
    }
  }
}
