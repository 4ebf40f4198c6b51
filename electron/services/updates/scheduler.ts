// When to check for updates: soon after start, then every few hours; after
// a failure, again sooner with a growing, jittered delay (1 min, 2, 4 … up to
// an hour) so a newsroom full of laptops coming back online does not all ask
// at the same second. Timers are injected so tests can drive the clock.

export interface SchedulerTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SchedulerOptions {
  /** Between successful checks. */
  intervalMs: number;
  /** From start() to the first check (the app is busy starting). */
  firstDelayMs: number;
  retryInitialMs: number;
  retryMaxMs: number;
  retryFactor: number;
  /** ±share of a retry delay picked at random (0.2 = ±20 %). */
  jitter: number;
  now: () => number;
  random: () => number;
  timers: SchedulerTimers;
}

export const DEFAULT_SCHEDULE: Omit<SchedulerOptions, 'intervalMs'> = {
  firstDelayMs: 10_000,
  retryInitialMs: 60_000,
  retryMaxMs: 3600_000,
  retryFactor: 2,
  jitter: 0.2,
  now: Date.now,
  random: Math.random,
  timers: {
    setTimeout: (fn, ms) => {
      const t = setTimeout(fn, ms);
      // A pending check never keeps the process alive.
      t.unref?.();
      return t;
    },
    clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  },
};

/** `run` resolves true when the check worked (whatever it found), false when it should be retried. */
export type ScheduledRun = () => Promise<boolean>;

export class UpdateScheduler {
  private readonly opts: SchedulerOptions;
  private handle: unknown = null;
  private running: Promise<boolean> | null = null;
  private stopped = true;
  private _nextAt: number | null = null;
  private _failures = 0;

  constructor(
    private readonly run: ScheduledRun,
    opts: Partial<SchedulerOptions> & { intervalMs: number },
    /** Told the time of each next check as soon as it is planned. */
    private readonly onScheduled: (at: number) => void = () => undefined,
  ) {
    this.opts = { ...DEFAULT_SCHEDULE, ...opts };
  }

  get nextAt(): number | null {
    return this._nextAt;
  }
  /** Failures in a row since the last good check. */
  get failures(): number {
    return this._failures;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(this.opts.firstDelayMs);
  }

  stop(): void {
    this.stopped = true;
    this.cancel();
  }

  /** Runs a check now (or joins the one running) and plans the next from its outcome. */
  runNow(): Promise<boolean> {
    if (this.running) return this.running;
    this.cancel();
    const p = this.run()
      .catch(() => false)
      .then((ok) => {
        this.running = null;
        if (ok) this._failures = 0;
        else this._failures++;
        if (!this.stopped) this.schedule(ok ? this.opts.intervalMs : this.retryDelay());
        return ok;
      });
    this.running = p;
    return p;
  }

  /** The delay before retry number `failures` (1-based), jittered. */
  retryDelay(failures = this._failures): number {
    const o = this.opts;
    const base = Math.min(
      o.retryMaxMs,
      o.retryInitialMs * o.retryFactor ** Math.max(0, failures - 1),
    );
    const spread = base * o.jitter * (o.random() * 2 - 1);
    return Math.max(1000, Math.round(base + spread));
  }

  private schedule(ms: number): void {
    this.cancel();
    this._nextAt = this.opts.now() + ms;
    this.handle = this.opts.timers.setTimeout(() => {
      this.handle = null;
      void this.runNow();
    }, ms);
    this.onScheduled(this._nextAt);
  }

  private cancel(): void {
    if (this.handle !== null) this.opts.timers.clearTimeout(this.handle);
    this.handle = null;
    this._nextAt = null;
  }
}
