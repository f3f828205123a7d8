// Politeness limits: a limiter that never lets more than `limit` requests start in any sliding
// window of `windowMs`, and spaces them evenly (window / limit apart) so that a burst is smoothed
// out. Stricter than a plain token bucket, whose refill can let nearly twice the limit through one
// sliding window; this is what bench/recover measures. The window is kept a little longer than
// asked (a guard of 10%, at most 200 ms) so that network and scheduling jitter between our start
// and the server's clock cannot squeeze one request too many into the server's window.

export interface RateLimit {
  /** Requests allowed per window. 0 or Infinity: no limit. */
  limit: number;
  /** Window length in milliseconds. */
  windowMs: number;
}

/** Extra window length that absorbs jitter between the client's and the server's clocks. */
export function guardMs(windowMs: number): number {
  return Math.min(windowMs * 0.1, 200);
}

type Sleep = (ms: number) => Promise<void>;

const defaultSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class SlidingWindowLimiter {
  private readonly starts: number[] = [];
  private nextSlot = 0;
  private chain: Promise<void> = Promise.resolve();
  private pausedUntil = 0;

  constructor(
    private readonly rate: RateLimit,
    private readonly sleep: Sleep = defaultSleep,
  ) {}

  get unlimited(): boolean {
    return !Number.isFinite(this.rate.limit) || this.rate.limit <= 0;
  }

  /** Holds every caller until `until` (epoch ms): used after a 429 so that the whole pool waits. */
  pauseUntil(until: number): void {
    if (until > this.pausedUntil) this.pausedUntil = until;
  }

  /** Resolves when one more request may start; callers are served in order. */
  acquire(): Promise<void> {
    const turn = this.chain.then(() => this.waitForSlot());
    this.chain = turn.catch(() => undefined);
    return turn;
  }

  private async waitForSlot(): Promise<void> {
    const { limit } = this.rate;
    const windowMs = this.rate.windowMs + guardMs(this.rate.windowMs);
    for (;;) {
      const now = Date.now();
      let wait = Math.max(0, this.pausedUntil - now);
      if (!this.unlimited) {
        while (this.starts.length > 0 && this.starts[0]! <= now - windowMs) this.starts.shift();
        if (this.starts.length >= limit) wait = Math.max(wait, this.starts[0]! + windowMs - now + 1);
        wait = Math.max(wait, this.nextSlot - now);
      }
      if (wait <= 0) break;
      await this.sleep(wait);
    }
    if (!this.unlimited) {
      const now = Date.now();
      this.starts.push(now);
      this.nextSlot = now + this.rate.windowMs / this.rate.limit;
    }
  }
}

/** Largest number of timestamps (ms) that fall in any window of `windowMs` (half-open). */
export function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < sorted.length; hi++) {
    while (sorted[hi]! - sorted[lo]! >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}
