// A fake Wayback Machine on loopback for tests and benchmarks: the CDX API (output=json, fl,
// filter, collapse, from/to, limit, showResumeKey/resumeKey) and `id_` replay from in-memory
// captures, with faults injected on demand (429 with or without Retry-After, 5xx, connection
// resets, slow answers, truncated bodies). It never touches the network beyond 127.0.0.1.

import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { captureKey } from '../url.js';

export interface FakeCapture {
  /** The original URL as the crawler saw it (raw UTF-8 or %-encoded, http or https, www or not). */
  original: string;
  timestamp: string;
  /** Status of the original answer (200; 301/302 for redirect captures; 404…). */
  status?: number;
  mimetype?: string;
  /** Status CDX lists for it, when it differs from the replay's (a 200 listing that replays as a redirect). */
  listedStatus?: number;
  /** Location of a redirect capture. */
  location?: string;
  body?: string | Buffer;
}

export type Fault =
  | { type: '429'; retryAfter?: string }
  | { type: '500' }
  | { type: '503' }
  | { type: 'reset' }
  | { type: 'slow'; ms: number }
  | { type: 'truncate' };

export interface FaultContext {
  kind: 'cdx' | 'replay' | 'other';
  /** Path and query of the request. */
  path: string;
  /** How many times this exact path has been requested, this one included (1 = first). */
  attempt: number;
}

export type FaultPlan = (ctx: FaultContext) => Fault | undefined;

export interface FakeWaybackOptions {
  captures: FakeCapture[];
  faults?: FaultPlan;
  /** Largest `limit` the CDX answers honour (the real one caps at 150,000). */
  maxCdxLimit?: number;
}

export interface RequestLogEntry {
  kind: FaultContext['kind'];
  path: string;
  at: number;
  fault?: Fault['type'];
}

const CDX_FIELDS = ['urlkey', 'timestamp', 'original', 'mimetype', 'statuscode', 'digest', 'length'] as const;
type CdxField = (typeof CDX_FIELDS)[number];
type Row = Record<CdxField, string>;

function surt(original: string): string {
  const key = captureKey(original);
  const slash = key.indexOf('/');
  const host = slash < 0 ? key : key.slice(0, slash);
  const path = slash < 0 ? '/' : key.slice(slash);
  return `${host.split('.').reverse().join(',')})${path.toLowerCase()}`;
}

/** A small deterministic random source (mulberry32) for fault plans. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Faults on first attempts only, chosen at random with the given shares, so that a client which
 * retries always gets through in the end.
 */
export function randomFaults(opts: {
  seed: number;
  share: number;
  faults: Fault[];
  /** Attempts that may be faulted (default 2). */
  attempts?: number;
}): FaultPlan {
  const rand = seededRandom(opts.seed);
  return (ctx) => {
    if (ctx.attempt > (opts.attempts ?? 2)) return undefined;
    if (rand() >= opts.share) return undefined;
    return opts.faults[Math.floor(rand() * opts.faults.length)];
  };
}

export class FakeWayback {
  readonly log: RequestLogEntry[] = [];
  private readonly attempts = new Map<string, number>();
  private readonly rows: Row[];
  private readonly byKey = new Map<string, FakeCapture[]>();
  faults: FaultPlan | undefined;
  private server!: http.Server;
  url = '';

  constructor(private readonly opts: FakeWaybackOptions) {
    this.faults = opts.faults;
    this.rows = opts.captures.map((c) => {
      const body = typeof c.body === 'string' ? Buffer.from(c.body) : (c.body ?? Buffer.alloc(0));
      return {
        urlkey: surt(c.original),
        timestamp: c.timestamp,
        original: c.original,
        mimetype: c.mimetype ?? 'text/html',
        statuscode: String(c.listedStatus ?? c.status ?? 200),
        digest: createHash('sha1').update(body).digest('base64').replace(/=+$/, ''),
        length: String(body.length),
      };
    });
    this.rows.sort((a, b) =>
      a.urlkey < b.urlkey ? -1 : a.urlkey > b.urlkey ? 1 : a.timestamp.localeCompare(b.timestamp),
    );
    for (const c of opts.captures) {
      const key = captureKey(c.original);
      const list = this.byKey.get(key) ?? [];
      list.push(c);
      this.byKey.set(key, list);
    }
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((err: Error) => {
        if (!res.headersSent) res.writeHead(500);
        res.end(String(err.message));
      });
    });
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Forgets the request log and the attempt counts (fault plans start again at attempt 1). */
  reset(faults?: FaultPlan): void {
    this.log.length = 0;
    this.attempts.clear();
    this.faults = faults;
  }

  /** Requests of one kind (for assertions and the bench). */
  requests(kind: FaultContext['kind']): RequestLogEntry[] {
    return this.log.filter((e) => e.kind === kind);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = req.url ?? '/';
    const kind: FaultContext['kind'] = path.startsWith('/cdx/search/cdx')
      ? 'cdx'
      : path.startsWith('/web/')
        ? 'replay'
        : 'other';
    if (path.startsWith('/__fake/')) {
      this.control(path, res);
      return;
    }
    const attempt = (this.attempts.get(path) ?? 0) + 1;
    this.attempts.set(path, attempt);
    const fault = this.faults?.({ kind, path, attempt });
    this.log.push({ kind, path, at: Date.now(), fault: fault?.type });
    if (fault) {
      switch (fault.type) {
        case '429':
          res.writeHead(429, fault.retryAfter !== undefined ? { 'retry-after': fault.retryAfter } : {});
          res.end('Too Many Requests');
          return;
        case '500':
        case '503':
          res.writeHead(Number(fault.type), { 'content-type': 'text/plain' });
          res.end('server error');
          return;
        case 'reset':
          req.socket.destroy();
          return;
        case 'slow':
          await new Promise((resolve) => setTimeout(resolve, fault.ms));
          if (req.socket.destroyed) return;
          break;
        case 'truncate':
          break;
      }
    }
    const answer = kind === 'cdx' ? this.cdx(path) : kind === 'replay' ? this.replay(path) : notFound();
    if (fault?.type === 'truncate' && answer.body.length > 1) {
      res.writeHead(answer.status, { ...answer.headers, 'content-length': String(answer.body.length) });
      res.write(answer.body.subarray(0, Math.floor(answer.body.length / 2)));
      setTimeout(() => req.socket.destroy(), 5);
      return;
    }
    res.writeHead(answer.status, { ...answer.headers, 'content-length': String(answer.body.length) });
    res.end(answer.body);
  }

  /**
   * Control routes for a fake run in another process (the bench keeps the server's clock apart
   * from the client's event loop): `/__fake/log` gives the request log as JSON, `/__fake/reset`
   * clears it, with `?faults=<seed>,<share>` for random 429/503 faults.
   */
  private control(path: string, res: http.ServerResponse): void {
    const url = new URL(path, 'http://x');
    if (url.pathname === '/__fake/reset') {
      const spec = url.searchParams.get('faults');
      const [seed, share] = (spec ?? '').split(',').map(Number);
      this.reset(
        spec
          ? randomFaults({
              seed: seed ?? 1,
              share: share ?? 0.05,
              faults: [{ type: '429', retryAfter: '0.2' }, { type: '503' }],
            })
          : undefined,
      );
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(url.pathname === '/__fake/log' ? JSON.stringify(this.log) : '{}');
  }

  private cdx(path: string): Answer {
    const q = new URL(path, 'http://x').searchParams;
    let url = q.get('url') ?? '';
    let matchType = q.get('matchType') ?? 'exact';
    if (url.endsWith('*')) {
      url = url.slice(0, -1);
      matchType = 'prefix';
    }
    const wanted = surt(url);
    const wantedHost = wanted.slice(0, wanted.indexOf(')'));
    let rows = this.rows.filter((r) => {
      if (matchType === 'exact') return r.urlkey === wanted;
      if (matchType === 'prefix') return r.urlkey.startsWith(wanted);
      if (matchType === 'host') return r.urlkey.startsWith(`${wantedHost})`);
      return r.urlkey.startsWith(wantedHost);
    });
    const from = q.get('from');
    const to = q.get('to');
    if (from) rows = rows.filter((r) => r.timestamp >= from.padEnd(14, '0'));
    if (to) rows = rows.filter((r) => r.timestamp <= to.padEnd(14, '9'));
    for (const f of q.getAll('filter')) {
      const negate = f.startsWith('!');
      const [field, ...re] = (negate ? f.slice(1) : f).split(':');
      const rx = new RegExp(`^(?:${re.join(':')})$`);
      rows = rows.filter((r) => rx.test(r[field as CdxField] ?? '') !== negate);
    }
    for (const c of q.getAll('collapse')) {
      const [field, n] = c.split(':');
      const cut = (r: Row) => {
        const v = r[field as CdxField] ?? '';
        return n ? v.slice(0, Number(n)) : v;
      };
      rows = rows.filter((r, i) => i === 0 || cut(rows[i - 1]!) !== cut(r));
    }
    const resume = q.get('resumeKey');
    let start = 0;
    if (resume) {
      const at = Number(Buffer.from(resume, 'base64url').toString().split(' ')[0]);
      start = Number.isFinite(at) ? at : 0;
    }
    const limitParam = q.get('limit');
    const limit = Math.min(limitParam ? Number(limitParam) : rows.length, this.opts.maxCdxLimit ?? 150_000);
    const page = rows.slice(start, start + limit);
    const more = start + limit < rows.length;
    const fl = (q.get('fl') ?? CDX_FIELDS.join(',')).split(',') as CdxField[];
    if (q.get('output') !== 'json') {
      const text = page.map((r) => fl.map((f) => r[f]).join(' ')).join('\n');
      return {
        status: 200,
        headers: { 'content-type': 'text/plain' },
        body: Buffer.from(text ? `${text}\n` : ''),
      };
    }
    const out: string[][] = [];
    if (page.length > 0 || start === 0) out.push(fl);
    for (const r of page) out.push(fl.map((f) => r[f]));
    if (more && q.get('showResumeKey') === 'true' && limitParam) {
      const next = rows[start + limit]!;
      out.push([]);
      out.push([Buffer.from(`${start + limit} ${next.urlkey} ${next.timestamp}`).toString('base64url')]);
    }
    if (out.length === 1 && page.length === 0) out.length = 0;
    return {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(`[${out.map((r) => JSON.stringify(r)).join(',\n')}]\n`),
    };
  }

  private replay(path: string): Answer {
    const m = /^\/web\/(\d{1,14})([a-z]{2}_)?\/(.+)$/.exec(path);
    if (!m) return notFound();
    const [, ts, mode = '', original] = m as unknown as [string, string, string | undefined, string];
    const list = this.byKey.get(captureKey(original));
    if (!list || list.length === 0) return notFound();
    const exact = list.find((c) => c.timestamp === ts);
    if (!exact) {
      // like the real replay: redirect to the nearest capture
      const nearest = [...list].sort(
        (a, b) => Math.abs(Number(a.timestamp) - Number(ts)) - Math.abs(Number(b.timestamp) - Number(ts)),
      )[0]!;
      return {
        status: 302,
        headers: { location: `/web/${nearest.timestamp}${mode}/${original}` },
        body: Buffer.alloc(0),
      };
    }
    const status = exact.status ?? 200;
    const headers: http.OutgoingHttpHeaders = { 'content-type': 'text/html; charset=utf-8' };
    if (exact.location) headers.location = exact.location;
    const body = typeof exact.body === 'string' ? Buffer.from(exact.body) : (exact.body ?? Buffer.alloc(0));
    return { status, headers, body };
  }
}

interface Answer {
  status: number;
  headers: http.OutgoingHttpHeaders;
  body: Buffer;
}

function notFound(): Answer {
  return { status: 404, headers: { 'content-type': 'text/plain' }, body: Buffer.from('not in archive') };
}

export async function startFakeWayback(opts: FakeWaybackOptions): Promise<FakeWayback> {
  return new FakeWayback(opts).start();
}
