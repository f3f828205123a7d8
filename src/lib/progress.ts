// Progress for long work: a bar with counts, rate and ETA on a terminal, fitted to its width (a
// line that wraps is not cleared by the next); a quiet line every few seconds otherwise (CI logs,
// pipes). The ETA is left out while the total is unknown. Ends with a one-line summary of what was
// done and how long.

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
  /** Draw a bar in place (default: the stream is a terminal and CI is not set). */
  tty?: boolean;
  /** The clock, in ms (default Date.now; tests drive it). */
  now?: () => number;
}

/** The columns of a terminal whose width is not known. */
const DEFAULT_COLUMNS = 80;
/** The bar's width, and the least it is shortened to before it is left out. */
const BAR_WIDTH = 28;
const MIN_BAR_WIDTH = 10;

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 59.95) return `${s.toFixed(1)} s`;
  // rounded to the second first, so that 179.6 s is 3 min 0 s, not 2 min 60 s
  const whole = Math.round(s);
  const m = Math.floor(whole / 60);
  if (m < 60) return `${m} min ${whole - m * 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export class Progress {
  private done = 0;
  private total: number | undefined;
  private readonly now: () => number;
  private readonly started: number;
  private lastDraw: number;
  private readonly stream: NodeJS.WriteStream;
  private readonly tty: boolean;
  private readonly interval: number;
  private finished = false;

  constructor(private readonly opts: ProgressOptions) {
    this.total = opts.total;
    this.stream = opts.stream ?? process.stderr;
    this.tty = opts.tty ?? (Boolean(this.stream.isTTY) && !process.env.CI);
    this.interval = (opts.lineInterval ?? 5) * 1000;
    this.now = opts.now ?? Date.now;
    this.started = this.now();
    this.lastDraw = this.started;
  }

  setTotal(total: number): void {
    this.total = total;
  }

  get count(): number {
    return this.done;
  }

  get elapsedMs(): number {
    return this.now() - this.started;
  }

  tick(n = 1): void {
    this.done += n;
    const now = this.now();
    const gap = this.tty ? 100 : this.interval;
    if (now - this.lastDraw >= gap) {
      this.lastDraw = now;
      this.draw(now);
    }
  }

  /** The columns a line may take without wrapping (the last one left free). */
  private get width(): number {
    const columns = this.stream.columns;
    return Math.max(1, (columns && columns > 0 ? columns : DEFAULT_COLUMNS) - 1);
  }

  private draw(now: number): void {
    if (this.opts.silent) return;
    const { label, unit } = this.opts;
    const elapsed = now - this.started;
    const rate = this.done / Math.max(elapsed / 1000, 0.001);
    const { total } = this;
    const etaMs = total && rate > 0 ? ((total - this.done) / rate) * 1000 : Number.NaN;
    // no ETA while the total is unknown (a tarball is read as a stream): "ETA ?" says nothing
    const eta = etaMs >= 0 ? `ETA ${formatDuration(etaMs)}` : null;
    const counts = total
      ? `${this.done.toLocaleString('en')}/${total.toLocaleString('en')} ${unit}`
      : `${this.done.toLocaleString('en')} ${unit}`;
    const rateText = `${Math.round(rate).toLocaleString('en')} ${unit}/s`;
    if (!this.tty) {
      this.stream.write(`${label}: ${[counts, rateText, eta].filter(Boolean).join(', ')}\n`);
      return;
    }
    const frac = total ? Math.min(1, this.done / total) : 0;
    const percent = total ? `${(frac * 100).toFixed(0).padStart(3)}%` : null;
    /** A line with a bar of `cells` (none: null), then the percentage, the counts and `tail`. */
    const line = (cells: number | null, percentage: boolean, ...tail: Array<string | null>) =>
      [
        label,
        cells === null ? null : `[${'█'.repeat(Math.round(frac * cells)).padEnd(cells, '·')}]`,
        percentage ? percent : null,
        counts,
      ]
        .filter(Boolean)
        .join(' ') +
      tail
        .filter(Boolean)
        .map((t) => ` · ${t}`)
        .join('');
    // the fullest line that fits: the bar shortened first, then the rate, the ETA, the bar and the
    // percentage left out, in that order
    const max = this.width;
    let text: string | undefined;
    for (const tail of total ? [[rateText, eta], [eta], []] : []) {
      const cells = Math.min(BAR_WIDTH, max - line(0, true, ...tail).length);
      if (cells >= MIN_BAR_WIDTH) {
        text = line(cells, true, ...tail);
        break;
      }
    }
    if (text === undefined) {
      text = [
        line(null, true, rateText, eta),
        line(null, true, eta),
        line(null, true),
        line(null, false),
      ].find((t) => t.length <= max);
    }
    this.stream.write(`\r\x1b[K${text ?? line(null, false).slice(0, max)}`);
  }

  /**
   * Says what the work is doing after the counted part (e.g. "compacting the search index"): on a
   * terminal it replaces the bar until finish(), otherwise it is one line.
   */
  stage(text: string): void {
    if (this.opts.silent || this.finished) return;
    if (this.tty) this.stream.write(`\r\x1b[K${`${this.opts.label}: ${text}…`.slice(0, this.width)}`);
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
