// Progress for long work: a bar with counts, rate and ETA on a terminal; a quiet line every few
// seconds otherwise (CI logs, pipes). Ends with a one-line summary of what was done and how long.

export interface ProgressOptions {
  /** What is being counted, e.g. "records". */
  unit: string;
  /** Label before the bar, e.g. "check". */
  label: string;
  /** Total when known in advance. */
  total?: number;
  /** Where to write; defaults to stderr. */
  stream?: NodeJS.WriteStream;
  /** Seconds between lines when not on a terminal. */
  lineInterval?: number;
  /** No output at all (tests, --json to a pipe when asked). */
  silent?: boolean;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  const rest = Math.round(s - m * 60);
  if (m < 60) return `${m} min ${rest} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export class Progress {
  private done = 0;
  private total: number | undefined;
  private readonly started = Date.now();
  private lastDraw = Date.now();
  private readonly stream: NodeJS.WriteStream;
  private readonly tty: boolean;
  private readonly interval: number;
  private finished = false;

  constructor(private readonly opts: ProgressOptions) {
    this.total = opts.total;
    this.stream = opts.stream ?? process.stderr;
    this.tty = Boolean(this.stream.isTTY) && !process.env.CI;
    this.interval = (opts.lineInterval ?? 5) * 1000;
  }

  setTotal(total: number): void {
    this.total = total;
  }

  get count(): number {
    return this.done;
  }

  get elapsedMs(): number {
    return Date.now() - this.started;
  }

  tick(n = 1): void {
    this.done += n;
    const now = Date.now();
    const gap = this.tty ? 100 : this.interval;
    if (now - this.lastDraw >= gap) {
      this.lastDraw = now;
      this.draw(now);
    }
  }

  private draw(now: number): void {
    if (this.opts.silent) return;
    const elapsed = now - this.started;
    const rate = this.done / Math.max(elapsed / 1000, 0.001);
    const { total } = this;
    const eta = total && rate > 0 ? formatDuration(((total - this.done) / rate) * 1000) : '?';
    const counts = total
      ? `${this.done.toLocaleString('en')}/${total.toLocaleString('en')}`
      : this.done.toLocaleString('en');
    const rateText = `${Math.round(rate).toLocaleString('en')} ${this.opts.unit}/s`;
    if (this.tty) {
      const width = 28;
      const frac = total ? Math.min(1, this.done / total) : 0;
      const bar = total
        ? `[${'█'.repeat(Math.round(frac * width)).padEnd(width, '·')}] ${(frac * 100).toFixed(0).padStart(3)}% `
        : '';
      this.stream.write(
        `\r\x1b[K${this.opts.label} ${bar}${counts} ${this.opts.unit} · ${rateText} · ETA ${eta}`,
      );
    } else {
      this.stream.write(`${this.opts.label}: ${counts} ${this.opts.unit}, ${rateText}, ETA ${eta}\n`);
    }
  }

  /**
   * Says what the work is doing after the counted part (e.g. "compacting the search index"): on a
   * terminal it replaces the bar until finish(), otherwise it is one line.
   */
  stage(text: string): void {
    if (this.opts.silent || this.finished) return;
    if (this.tty) this.stream.write(`\r\x1b[K${this.opts.label}: ${text}…`);
    else this.stream.write(`${this.opts.label}: ${text}…\n`);
  }

  /** Clears the bar and prints the closing summary line (if given). */
  finish(summary?: string): void {
    if (this.finished) return;
    this.finished = true;
    if (this.opts.silent) return;
    if (this.tty) this.stream.write('\r\x1b[K');
    if (summary) this.stream.write(`${summary}\n`);
  }
}
