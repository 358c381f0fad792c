/**
 * The progress bar of `run`, `compare` and `trace`, on stderr: how much of the work is done, the
 * replications finished, the calls simulated, the time elapsed and an estimate of the time left.
 *
 *   [##########··········]  48.2%  2/5 replications  1,234,567 calls  0:42 elapsed  ETA 0:45
 *
 * It is drawn only where someone watches it (stderr is a terminal: never into a pipe or a file)
 * and only for work expected to take longer than PROGRESS_AFTER_SECONDS (engine/scenario's cost
 * estimate), so short runs print nothing extra.
 */
import type { Output } from './io.js';

/** Work estimated to take longer than this (seconds of wall time) gets a bar. */
export const PROGRESS_AFTER_SECONDS = 2;

/** Whether to draw a bar: asked for (not --no-progress), on a terminal, and long enough to wait for. */
export function wantProgress(options: { progress?: boolean }, stderrIsTty: boolean, estimatedSeconds: number): boolean {
  return options.progress !== false && stderrIsTty && estimatedSeconds > PROGRESS_AFTER_SECONDS;
}

export interface ProgressOptions {
  /** Units of work in all: replications (two runs' worth for compare). */
  total: number;
  /** What a unit is called: "replications". */
  unit: string;
  /**
   * Calls expected over all the work. Shown, scaled by the fraction done, as "≈ N calls" while no
   * call is counted (replications on worker threads report only how far they have got).
   */
  expectedCalls: number;
  /** Milliseconds now; for tests. */
  now?: () => number;
  /** Redraw at most this often, ms (default 100). */
  intervalMs?: number;
}

/** Elapsed or remaining time as m:ss, or h:mm:ss past an hour. */
export function clockText(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

const WIDTH = 20;
/** Calls between looks at the clock: Date.now() per call would be measurable. */
const CALLS_PER_LOOK = 1024;

export class ProgressBar {
  private readonly out: Output;
  private readonly options: Required<Omit<ProgressOptions, 'now' | 'intervalMs'>>;
  private readonly now: () => number;
  private readonly intervalMs: number;
  private readonly started: number;
  /** Units done, fractional within one under way. */
  private done = 0;
  /** When `done` last moved: the time left counts down from then. */
  private movedAt: number;
  /**
   * When and where `done` first moved: once it has moved again, the pace is measured from there,
   * so the start-up (worker threads loading the scenario) does not count as slow simulation.
   */
  private paceFrom: { at: number; done: number } | undefined;
  private calls = 0;
  private counting = false;
  private lastDraw = -Infinity;
  private drawn = false;
  private finished = false;

  constructor(out: Output, options: ProgressOptions) {
    this.out = out;
    this.options = { total: Math.max(1, options.total), unit: options.unit, expectedCalls: options.expectedCalls };
    this.now = options.now ?? Date.now;
    this.intervalMs = options.intervalMs ?? 100;
    this.started = this.now();
    this.movedAt = this.started;
  }

  /** *done* units of the total are finished (fractional while one is under way). */
  update(done: number): void {
    if (done > this.done) {
      const t = this.now();
      if (this.done > 0) this.paceFrom ??= { at: this.movedAt, done: this.done };
      this.done = Math.min(done, this.options.total);
      this.movedAt = t;
    }
    this.draw(false);
  }

  /** A call was simulated: counted, and every so often a redraw, so a long simulated day still shows life. */
  call(): void {
    this.counting = true;
    this.calls++;
    if (this.calls % CALLS_PER_LOOK === 0) this.draw(false);
  }

  /** The work is done (or stopped): the bar at its last state, and a new line. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.draw(true);
    if (this.drawn) this.out.write('\n');
  }

  /** The work is done and the bar is not wanted on screen any more (output follows on stdout). */
  clear(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.drawn) this.out.write('\r\x1b[K');
  }

  /** The line as it would be drawn now. */
  line(): string {
    const { total, unit, expectedCalls } = this.options;
    const t = this.now();
    const fraction = Math.min(1, this.done / total);
    const filled = Math.round(fraction * WIDTH);
    const bar = `[${'#'.repeat(filled)}${'·'.repeat(WIDTH - filled)}]`;
    const percent = `${(fraction * 100).toFixed(1).padStart(5)}%`;
    const units = `${Math.floor(this.done + 1e-9)}/${total} ${unit}`;
    const calls = this.counting ? `${this.calls.toLocaleString('en-US')} calls` : `≈${Math.round(expectedCalls * fraction).toLocaleString('en-US')} calls`;
    const elapsed = `${clockText(t - this.started)} elapsed`;
    // The pace since the first movement, counted down since the last one, so the time left keeps moving.
    const from = this.paceFrom ?? { at: this.started, done: 0 };
    const pace = this.done > from.done ? (this.movedAt - from.at) / (this.done - from.done) : NaN;
    const eta = fraction >= 1 ? 'done' : pace > 0 ? `ETA ${clockText(pace * (total - this.done) - (t - this.movedAt))}` : 'ETA --:--';
    return `${bar} ${percent}  ${units}  ${calls}  ${elapsed}  ${eta}`;
  }

  private draw(force: boolean): void {
    if (this.finished && !force) return;
    const t = this.now();
    if (!force && t - this.lastDraw < this.intervalMs) return;
    this.lastDraw = t;
    this.drawn = true;
    // \r back to the start, \x1b[K clears what a longer line left behind.
    this.out.write(`\r${this.line()}\x1b[K`);
  }
}
