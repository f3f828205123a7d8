// Runs CPU-bound work (rendering a page that is not cached, a search) in arrival order, a few
// milliseconds of it per turn of the event loop. Left to itself, Node runs at once every request
// it parsed in one poll phase; under saturation a poll phase then lasts as long as the requests
// of every connection together, and Node 20 accepts one new connection per turn of the loop, so
// connections opened while it is busy wait for one such phase each (measured with a plain node:http
// server and a 0.85 ms handler at 64 connections: the last connection's first answer came 1.7 s
// after the first; with an 8 ms handler, p99 4.8 s). Through this queue a turn lasts about
// `budgetMs` plus one job. One job per turn was fairest, but every turn of the loop costs (the
// poll, the collector's incremental steps): on 2 cores, uncached article pages at 64 connections
// cost the server 1.06 ms a page one per turn, 0.93-0.96 ms with 5 ms turns, 0.89-0.91 ms with
// 10 ms turns, while the 64th connection of a run waited 0.13, 0.4 and 0.6 s for its first answer.

/** How long a turn runs queued jobs before the loop polls its sockets again, by default. */
export const TURN_BUDGET_MS = 5;

export class FairQueue {
  private readonly waiting: Array<() => void> = [];
  private scheduled = false;
  private turnStart = 0;

  constructor(private readonly budgetMs = TURN_BUDGET_MS) {}

  /** Resolves when it is this caller's turn; do the work synchronously right after. */
  turn(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(this.next);
      }
    });
  }

  get length(): number {
    return this.waiting.length;
  }

  private readonly next = (): void => {
    this.turnStart = performance.now();
    this.step();
  };

  /** Gives the next job its turn, and looks at the time in a microtask queued behind the job's own. */
  private readonly step = (): void => {
    this.waiting.shift()?.();
    queueMicrotask(this.afterJob);
  };

  /**
   * The next job, while the turn has time left, else the next turn of the loop, so that the sockets
   * are polled in between. A job's work past an await of its own is counted in the next job's time:
   * a turn can run over its budget by about one job.
   */
  private readonly afterJob = (): void => {
    if (!this.waiting.length) this.scheduled = false;
    else if (performance.now() - this.turnStart < this.budgetMs) this.step();
    else setImmediate(this.next);
  };
}
