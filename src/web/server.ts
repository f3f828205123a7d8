// Runs the reader on Node's HTTP server: startServer({ store, host, port }) listens, resolves with
// the URL, and close() stops accepting, ends idle keep-alive connections, waits for the rest and for
// every request still being handled (even one whose client went away), so that the store and the
// search workers can be closed after it.

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { NetworkError } from '../lib/errors.js';
import type { Store } from '../store/types.js';
import { type AppOptions, createApp } from './app.js';

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
