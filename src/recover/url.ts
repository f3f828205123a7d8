// URL forms of the Wayback Machine: capture keys (scheme, www. and default port dropped, percent
// escapes decoded so that raw UTF-8 and %-encoded forms are one URL), replay and capture URLs.

import { encodeUrl } from './http.js';

/** The public Wayback host written into records, whatever server the data was fetched from. */
export const PUBLIC_WAYBACK = 'https://web.archive.org';

function safeDecode(s: string): string {
  try {
    return decodeURI(s);
  } catch {
    return s;
  }
}

/**
 * A comparison key for an original URL: lower-case host without "www." and default ports, no
 * scheme, escapes decoded, no fragment. http/https and www/bare-host forms share one key.
 */
export function captureKey(original: string): string {
  const m = /^(?:[a-z][a-z0-9+.-]*:\/\/|\/\/)?([^/?#]*)([^#]*)/i.exec(original.trim());
  if (!m) return safeDecode(original.trim());
  let host = (m[1] ?? '').toLowerCase();
  host = host.replace(/^[^@]*@/, '').replace(/:(80|443)$/, '');
  host = host.replace(/^www\d*\./, '');
  let rest = m[2] ?? '';
  if (rest === '') rest = '/';
  return `${host}${safeDecode(rest)}`;
}

/** `/web/<ts>id_/<url>`: the original bytes of one capture. */
export function replayPath(timestamp: string, original: string, mode = 'id_'): string {
  return `/web/${timestamp}${mode}/${encodeUrl(original)}`;
}

/** The capture URL written into a record's `url` field. */
export function captureUrl(timestamp: string, original: string): string {
  return `${PUBLIC_WAYBACK}/web/${timestamp}/${original}`;
}

/** Parses `/web/<ts>[mode]/<url>` (absolute or relative); undefined when it is not a replay URL. */
export function parseReplayUrl(
  url: string,
): { timestamp: string; mode: string; original: string } | undefined {
  const m = /^(?:https?:\/\/web\.archive\.org)?\/web\/(\d{1,14})([a-z]{2}_)?\/(.+)$/.exec(url);
  if (!m) return undefined;
  return { timestamp: m[1]!, mode: m[2] ?? '', original: m[3]! };
}

/** YYYY-MM-DD (or any 1–14 digits with separators) → the digits CDX takes in from/to. */
export function cdxTimestamp(date: string): string {
  const digits = date.replace(/[^0-9]/g, '');
  if (digits.length < 1 || digits.length > 14) throw new Error(`not a date: "${date}"`);
  return digits;
}
