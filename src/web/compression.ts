// Response compression, as a reader on a phone needs it: an article page of 16 KB goes as 5 KB, a
// search page of 26 KB as 9 KB. Pages and JSON are gzipped when they are rendered (level 6: about
// 0.17 ms for a page of 19 KB), so a cached page is compressed once and kept compressed; the
// static files are compressed once at start-up, with Brotli too. Only for a client whose
// Accept-Encoding takes the encoding (q-values read as RFC 9110 12.5.3 says), and only bodies
// worth it.

import { brotliCompressSync, gzipSync, constants as zlibConstants } from 'node:zlib';

export type ContentEncoding = 'br' | 'gzip';

/** Bodies shorter than this go as they are: compressing them saves too little to pay for itself. */
export const MIN_COMPRESS_BYTES = 1024;

/** The weight Accept-Encoding gives a coding: its own entry, else `*`, else 0 (not acceptable). */
function weightOf(header: string, coding: ContentEncoding): number {
  let own: number | null = null;
  let any: number | null = null;
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';');
    const token = name.trim().toLowerCase();
    if (token !== coding && token !== '*') continue;
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(p);
      if (m) q = Number(m[1]);
    }
    if (token === coding) own = Math.max(own ?? 0, q);
    else any = Math.max(any ?? 0, q);
  }
  return own ?? any ?? 0;
}

/**
 * The coding to send a body in, among those `offered` (in order of preference: the first wins a
 * tie), for a request's Accept-Encoding; null for the body as it is.
 */
export function pickEncoding(
  header: string | undefined,
  offered: readonly ContentEncoding[],
): ContentEncoding | null {
  if (!header) return null;
  let best: ContentEncoding | null = null;
  let bestWeight = 0;
  for (const coding of offered) {
    const w = weightOf(header, coding);
    if (w > bestWeight) {
      best = coding;
      bestWeight = w;
    }
  }
  return best;
}

function copy(buf: Buffer): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(buf.length);
  out.set(buf);
  return out;
}

/** gzip at level 6, for bodies rendered while a reader waits. */
export function gzipBody(body: Uint8Array): Uint8Array<ArrayBuffer> {
  return copy(gzipSync(body, { level: 6 }));
}

/** Brotli at its highest quality, for files compressed once (a 17 KB stylesheet: about 20 ms). */
export function brotliBody(body: Uint8Array): Uint8Array<ArrayBuffer> {
  return copy(
    brotliCompressSync(body, {
      params: {
        [zlibConstants.BROTLI_PARAM_QUALITY]: zlibConstants.BROTLI_MAX_QUALITY,
        [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
        [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
  );
}

/** The ETag of an encoded form of a body whose ETag is `etag` (each form is a representation). */
export function encodedEtag(etag: string, coding: ContentEncoding): string {
  return `${etag.slice(0, -1)}-${coding}"`;
}
