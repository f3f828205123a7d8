// A search worker for tests that stops its thread when asked the query "💥", to check that the pool
// fails the searches in hand and replaces the worker. It wraps the worker's own message listener
// (a listener of its own would start the port before the worker listens, and lose messages).

import { parentPort } from 'node:worker_threads';

const port = parentPort!;
const on = port.on.bind(port);
port.on = ((event: string, listener: (msg: { query?: string }) => void) =>
  on(
    event,
    event === 'message'
      ? (msg: { query?: string }) => {
          if (msg.query === '💥') process.exit(3);
          listener(msg);
        }
      : listener,
  )) as typeof port.on;
await import('../search-worker.js');
