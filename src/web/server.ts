// Runs the reader on Node's HTTP server: startServer({ store, host, port }) listens, resolves with
// the URL, and close() stops accepting, ends idle keep-alive connections, waits for the rest and for
// every request still being handled (even one whose client went away), so that the store and the
// search workers can be closed after it.

import type { Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { serve } from '@hono/node-server';
import { NetworkError } from '../lib/errors.js';
import type { Store } from '../store/types.js';
import { type AppOptions, createApp, SECURITY_HEADERS } from './app.js';

export interface ServerOptions {
  store: Store;
  host?: string;
  port?: number;
  app?: AppOptions;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export function startServer(opts: ServerOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port ?? 8080;
  const app = createApp(opts.store, opts.app);
  let active = 0;
  let drained: (() => void) | null = null;
  const settled = () => {
    if (--active === 0) drained?.();
  };
  const fetch = (req: Request, env: unknown): Response | Promise<Response> => {
    active++;
    let res: Response | Promise<Response>;
    try {
      res = app.fetch(req, env);
    } catch (err) {
      settled();
      throw err;
    }
    if (res instanceof Promise) return res.finally(settled);
    settled();
    return res;
  };
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, hostname: host, port }) as Server;
    server.keepAliveTimeout = 5000;
    server.headersTimeout = 10_000;
    server.requestTimeout = 30_000;
    server.on('clientError', answerUnreadable);
    const onError = (err: NodeJS.ErrnoException) => {
      const why =
        err.code === 'EADDRINUSE'
          ? `port ${port} on ${host} is already in use; pick another with --port`
          : err.code === 'EACCES'
            ? `no permission to listen on ${host}:${port}; use a port above 1024`
            : `cannot listen on ${host}:${port}: ${err.message}`;
      reject(new NetworkError(why, { cause: err }));
    };
    server.once('error', onError);
    server.once('listening', () => {
      server.off('error', onError);
      const addr = server.address() as AddressInfo;
      const shownHost = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
      resolve({
        url: `http://${shownHost}:${addr.port}/`,
        close: async () => {
          await new Promise<void>((done) => {
            server.close(() => done());
            server.closeIdleConnections();
          });
          if (active > 0) await new Promise<void>((done) => (drained = done));
        },
      });
    });
  });
}

/** What a request Node's parser refused gets, by its error code: status, reason, Chinese, English. */
const UNREADABLE: Record<string, readonly [number, string, string, string]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    'Request Header Fields Too Large',
    '請求標頭（地址或 cookie）太長。',
    'The request headers (address or cookies) are too large.',
  ],
  ERR_HTTP_REQUEST_TIMEOUT: [
    408,
    'Request Timeout',
    '請求太久未完成。',
    'The request took too long to arrive.',
  ],
  HPE_INVALID_METHOD: [
    405,
    'Method Not Allowed',
    '這個存檔只供閱讀：只接受 GET 和 HEAD 請求。',
    'This archive is read-only: it answers GET and HEAD requests only.',
  ],
  HPE_INVALID_URL: [
    400,
    'Bad Request',
    '網址中有無法讀取的字元：空格及非 ASCII 字元須以 % 編碼。',
    'The address holds characters that cannot be read: spaces and characters outside ASCII must be percent-encoded.',
  ],
};
const UNREADABLE_OTHER = [
  400,
  'Bad Request',
  '無法讀取這個請求。',
  'The request could not be read.',
] as const;

/**
 * A request Node's parser cannot read never reaches the app (an address with raw non-ASCII bytes,
 * headers over 16 KB, an unknown method): it gets a short page in both languages saying why, with
 * the headers every page has, instead of Node's bare status line.
 */
function answerUnreadable(err: NodeJS.ErrnoException, socket: Socket): void {
  const started = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (err.code === 'ECONNRESET' || !socket.writable || started?.headersSent) {
    socket.destroy();
    return;
  }
  const [status, reason, zh, en] = UNREADABLE[err.code ?? ''] ?? UNREADABLE_OTHER;
  const body = Buffer.from(
    `<!doctype html><html lang="zh-Hant-HK"><meta charset="utf-8"><title>${status} ${reason}</title>` +
      `<h1>${status}</h1><p>${zh}</p><p lang="en">${en}</p><p><a href="/">眾新聞檔案 · Citizen News Archive</a></p></html>\n`,
  );
  const headers = {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': String(body.length),
    ...SECURITY_HEADERS,
    ...(status === 405 ? { Allow: 'GET, HEAD' } : {}),
    Connection: 'close',
  };
  const head = Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  socket.end(Buffer.concat([Buffer.from(`HTTP/1.1 ${status} ${reason}\r\n${head}\r\n`), body]));
}
