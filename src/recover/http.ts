// A polite HTTP client for the Wayback Machine: one keep-alive connection pool (node:http/https
// Agents, so no extra dependency), separate rate limits for page fetches and CDX queries, 429
// handling (Retry-After, else a configurable pause for the whole pool), exponential backoff with
// jitter on 5xx, resets, refused connections and timeouts, a timeout per request, and bodies that
// arrive shorter than announced (Content-Length mismatch, aborted stream) fetched again.

import http from 'node:http';
import https from 'node:https';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { NetworkError } from '../lib/errors.js';
import { type RateLimit, SlidingWindowLimiter } from './rate-limit.js';

export type RequestKind = 'page' | 'cdx';

export interface HttpClientOptions {
  /** Page fetches per second (default 8; 0 = unlimited). */
  pageRate?: number;
  /** CDX requests per minute (default 24; 0 = unlimited). */
  cdxRate?: number;
  /** Time scale for the windows of both limits (default 1: a second and a minute). Tests shrink it. */
  windowScale?: number;
  /** Timeout of one request, headers and body (default 60 s). */
  timeoutMs?: number;
  /** Tries per request for network errors, 5xx and truncation (default 6). */
  maxAttempts?: number;
  /** 429 answers tolerated per request before giving up (default 10). */
  max429?: number;
  /** Pause after a 429 without Retry-After (default 60 s). */
  retryAfterDefaultMs?: number;
  /** Upper bound for a Retry-After the server asks for (default 15 min). */
  retryAfterMaxMs?: number;
  /** First backoff delay (default 1 s); doubles per try with full jitter. */
  backoffBaseMs?: number;
  /** Largest backoff delay (default 60 s). */
  backoffMaxMs?: number;
  /** Connections kept open per host (default 6). */
  maxSockets?: number;
  userAgent?: string;
  /** Called for every attempt (bench and tests count them). */
  onRequest?: (event: RequestEvent) => void;
  /** Called when the client waits (429 pause, backoff) so the CLI can say why it is slow. */
  onWait?: (reason: string, ms: number) => void;
}

export interface RequestEvent {
  kind: RequestKind;
  url: string;
  at: number;
  attempt: number;
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  url: string;
}

export interface HttpStats {
  requests: number;
  retries: number;
  throttled: number;
  truncated: number;
  networkErrors: number;
  serverErrors: number;
}

const DEFAULT_UA = 'backfile-recover/0.1 (+https://github.com/hkarchivist; polite archival client)';

/** Percent-encodes what may not stand raw in a URL (non-ASCII, spaces, quotes…), keeping %XX. */
export function encodeUrl(url: string): string {
  let out = '';
  for (const ch of url) {
    const code = ch.codePointAt(0)!;
    if (code > 0x20 && code < 0x7f && !'"<>\\^`{|}'.includes(ch)) {
      out += ch;
    } else {
      for (const byte of Buffer.from(ch, 'utf8'))
        out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
  }
  // a lone % not followed by two hex digits is itself encoded
  return out.replace(/%(?![0-9A-Fa-f]{2})/g, '%25');
}

class RetryableError extends Error {
  constructor(
    message: string,
    readonly reason: 'network' | 'server' | 'truncated' | 'timeout',
  ) {
    super(message);
  }
}

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const brotli = promisify(zlib.brotliDecompress);

async function decode(body: Buffer, encoding: string | undefined): Promise<Buffer> {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return gunzip(body);
    case 'deflate':
      return inflate(body);
    case 'br':
      return brotli(body);
    default:
      return body;
  }
}

export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

export class HttpClient {
  readonly stats: HttpStats = {
    requests: 0,
    retries: 0,
    throttled: 0,
    truncated: 0,
    networkErrors: 0,
    serverErrors: 0,
  };
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;
  private readonly limiters: Record<RequestKind, SlidingWindowLimiter>;
  private readonly opts: Required<Omit<HttpClientOptions, 'onRequest' | 'onWait'>> &
    Pick<HttpClientOptions, 'onRequest' | 'onWait'>;
  private closed = false;

  constructor(options: HttpClientOptions = {}) {
    this.opts = {
      pageRate: options.pageRate ?? 8,
      cdxRate: options.cdxRate ?? 24,
      windowScale: options.windowScale ?? 1,
      timeoutMs: options.timeoutMs ?? 60_000,
      maxAttempts: options.maxAttempts ?? 6,
      max429: options.max429 ?? 10,
      retryAfterDefaultMs: options.retryAfterDefaultMs ?? 60_000,
      retryAfterMaxMs: options.retryAfterMaxMs ?? 15 * 60_000,
      backoffBaseMs: options.backoffBaseMs ?? 1000,
      backoffMaxMs: options.backoffMaxMs ?? 60_000,
      maxSockets: options.maxSockets ?? 6,
      userAgent: options.userAgent ?? DEFAULT_UA,
      onRequest: options.onRequest,
      onWait: options.onWait,
    };
    const agentOptions = {
      keepAlive: true,
      maxSockets: this.opts.maxSockets,
      maxFreeSockets: this.opts.maxSockets,
    };
    this.httpAgent = new http.Agent(agentOptions);
    this.httpsAgent = new https.Agent(agentOptions);
    const scale = this.opts.windowScale;
    const page: RateLimit = { limit: this.opts.pageRate, windowMs: 1000 * scale };
    const cdx: RateLimit = { limit: this.opts.cdxRate, windowMs: 60_000 * scale };
    this.limiters = { page: new SlidingWindowLimiter(page), cdx: new SlidingWindowLimiter(cdx) };
  }

  /** GET with all the politeness and retry rules. Non-2xx answers other than 429/5xx are returned. */
  async get(url: string, kind: RequestKind = 'page'): Promise<HttpResponse> {
    const target = encodeUrl(url);
    let attempt = 0;
    let throttled = 0;
    for (;;) {
      if (this.closed) throw new NetworkError(`client closed before fetching ${target}`);
      await this.limiters[kind].acquire();
      attempt++;
      this.stats.requests++;
      this.opts.onRequest?.({ kind, url: target, at: Date.now(), attempt });
      let failure: RetryableError;
      try {
        const res = await this.once(target);
        if (res.status === 429) {
          this.stats.throttled++;
          throttled++;
          if (throttled > this.opts.max429) {
            throw new NetworkError(`${target}: still rate-limited (HTTP 429) after ${throttled - 1} waits`);
          }
          const asked = parseRetryAfter(headerValue(res.headers['retry-after']));
          const wait = Math.min(asked ?? this.opts.retryAfterDefaultMs, this.opts.retryAfterMaxMs);
          // the whole pool pauses: other requests in flight would only be refused as well
          this.limiters[kind].pauseUntil(Date.now() + wait);
          this.opts.onWait?.(`HTTP 429, waiting`, wait);
          attempt--; // a 429 is not a failed try: it is the server asking us to slow down
          continue;
        }
        if (res.status >= 500) {
          this.stats.serverErrors++;
          failure = new RetryableError(`HTTP ${res.status}`, 'server');
        } else {
          return res;
        }
      } catch (err) {
        if (err instanceof NetworkError) throw err;
        // a host name that does not resolve will not resolve in a minute either: no network, or no DNS
        if ((err as NodeJS.ErrnoException).code === 'ENOTFOUND') {
          const host = new URL(target).host;
          throw new NetworkError(
            `cannot reach ${host}: its name does not resolve (no network?); recover from local files with --from warc`,
            { cause: err },
          );
        }
        if (err instanceof RetryableError) {
          failure = err;
          if (err.reason === 'truncated') this.stats.truncated++;
          else this.stats.networkErrors++;
        } else {
          this.stats.networkErrors++;
          failure = new RetryableError((err as Error).message, 'network');
        }
      }
      if (attempt >= this.opts.maxAttempts) {
        throw new NetworkError(`${target}: gave up after ${attempt} tries (${failure.message})`, {
          cause: failure,
        });
      }
      this.stats.retries++;
      const ceiling = Math.min(this.opts.backoffMaxMs, this.opts.backoffBaseMs * 2 ** (attempt - 1));
      const wait = Math.round(ceiling / 2 + (Math.random() * ceiling) / 2); // jitter in [c/2, c]
      this.opts.onWait?.(`${failure.message}, retrying`, wait);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  private once(url: string): Promise<HttpResponse> {
    return new Promise((resolve, reject) => {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch (err) {
        reject(new NetworkError(`not a valid URL: ${url}`, { cause: err }));
        return;
      }
      const isHttps = parsed.protocol === 'https:';
      const lib = isHttps ? https : http;
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fn();
      };
      const req = lib.request(
        parsed,
        {
          method: 'GET',
          agent: isHttps ? this.httpsAgent : this.httpAgent,
          headers: { 'user-agent': this.opts.userAgent, 'accept-encoding': 'gzip, deflate, br' },
        },
        (res) => {
          const chunks: Buffer[] = [];
          let received = 0;
          res.on('data', (chunk: Buffer) => {
            chunks.push(chunk);
            received += chunk.length;
          });
          res.on('error', (err) =>
            finish(() => reject(new RetryableError(`body aborted: ${err.message}`, 'truncated'))),
          );
          res.on('aborted', () => finish(() => reject(new RetryableError('body aborted', 'truncated'))));
          res.on('end', () => {
            if (!res.complete) {
              finish(() => reject(new RetryableError('body aborted before its end', 'truncated')));
              return;
            }
            const declared = res.headers['content-length'];
            if (declared !== undefined && Number(declared) !== received) {
              finish(() =>
                reject(new RetryableError(`truncated body (${received} of ${declared} bytes)`, 'truncated')),
              );
              return;
            }
            const raw = Buffer.concat(chunks);
            decode(raw, headerValue(res.headers['content-encoding'])).then(
              (body) =>
                finish(() => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, url })),
              (err: Error) =>
                finish(() => reject(new RetryableError(`undecodable body: ${err.message}`, 'truncated'))),
            );
          });
        },
      );
      const timer = setTimeout(() => {
        finish(() => reject(new RetryableError(`timed out after ${this.opts.timeoutMs} ms`, 'timeout')));
        req.destroy();
      }, this.opts.timeoutMs);
      req.on('error', (err) =>
        finish(() =>
          reject(
            // a host name that does not resolve is not retried (see get)
            (err as NodeJS.ErrnoException).code === 'ENOTFOUND'
              ? err
              : new RetryableError(err.message, 'network'),
          ),
        ),
      );
      req.end();
    });
  }

  close(): void {
    this.closed = true;
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
