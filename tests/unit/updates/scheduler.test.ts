// The update check schedule on a fake clock: first check soon after start,
// then every interval; failures retry sooner with a growing, capped,
// jittered delay, and a success returns to the interval.
import { describe, expect, it } from 'vitest';
import { UpdateScheduler } from '../../../electron/services/updates/scheduler';

/** A clock and timer queue the test advances by hand. */
function fakeClock() {
  let now = 1_000_000;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    timers: {
      setTimeout: (fn: () => void, ms: number) => {
        const id = ++seq;
        timers.set(id, { at: now + ms, fn });
        return id;
      },
      clearTimeout: (h: unknown) => void timers.delete(h as number),
    },
    pending: () => [...timers.values()].map((t) => t.at - now).sort((a, b) => a - b),
    /** Moves time forward, firing due timers in order and letting their promises settle. */
    async advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = [...timers.entries()]
          .filter(([, t]) => t.at <= end)
          .sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
        for (let i = 0; i < 5; i++) await Promise.resolve();
      }
      now = end;
    },
  };
}

const HOUR = 3600_000;

function setup(results: boolean[], random = () => 0.5) {
  const clock = fakeClock();
  const runs: number[] = [];
  const s = new UpdateScheduler(
    async () => {
      runs.push(clock.now());
      return results.shift() ?? true;
    },
    {
      intervalMs: 4 * HOUR,
      firstDelayMs: 10_000,
      retryInitialMs: 60_000,
      retryMaxMs: HOUR,
      retryFactor: 2,
      jitter: 0.2,
      now: clock.now,
      random,
      timers: clock.timers,
    },
  );
  return { clock, runs, s, t0: clock.now() };
}

describe('UpdateScheduler', () => {
  it('checks 10 s after start, then every 4 hours', async () => {
    const { clock, runs, s, t0 } = setup([]);
    s.start();
    expect(s.nextAt).toBe(t0 + 10_000);
    await clock.advance(10_000 + 3 * 4 * HOUR);
    expect(runs.map((t) => t - t0)).toEqual([
      10_000,
      10_000 + 4 * HOUR,
      10_000 + 8 * HOUR,
      10_000 + 12 * HOUR,
    ]);
  });

  it('retries after failures at 1, 2, 4 … minutes up to an hour, then goes back to 4 hours', async () => {
    const { clock, runs, s, t0 } = setup([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      true,
    ]);
    s.start();
    await clock.advance(10_000 + 200 * 60_000 + 4 * HOUR);
    const gaps = runs.slice(1).map((t, i) => t - runs[i]!);
    expect(gaps).toEqual([
      60_000,
      120_000,
      240_000,
      480_000,
      960_000,
      1_920_000,
      HOUR, // capped
      HOUR,
      4 * HOUR, // success: back to the interval
    ]);
    expect(runs[0]! - t0).toBe(10_000);
    expect(s.failures).toBe(0);
  });

  it('spreads retries by ±20 % so machines that failed together do not retry together', () => {
    const low = setup([], () => 0).s;
    const high = setup([], () => 1).s;
    expect(low.retryDelay(1)).toBe(48_000);
    expect(high.retryDelay(1)).toBe(72_000);
    expect(low.retryDelay(20)).toBe(0.8 * HOUR);
  });

  it('treats a check that throws as a failure to retry', async () => {
    const clock = fakeClock();
    let calls = 0;
    const s = new UpdateScheduler(
      async () => {
        calls++;
        throw new Error('boom');
      },
      {
        intervalMs: 4 * HOUR,
        firstDelayMs: 0,
        retryInitialMs: 1000,
        jitter: 0,
        now: clock.now,
        timers: clock.timers,
      },
    );
    s.start();
    await clock.advance(0);
    expect(calls).toBe(1);
    expect(s.failures).toBe(1);
    expect(clock.pending()).toEqual([1000]);
  });

  it('"check now" runs at once, joins a running check, and replans from its outcome', async () => {
    const { clock, runs, s, t0 } = setup([]);
    s.start();
    await clock.advance(60_000);
    const a = s.runNow();
    const b = s.runNow();
    expect(a).toBe(b);
    await a;
    expect(runs.map((t) => t - t0)).toEqual([10_000, 60_000]);
    expect(clock.pending()).toEqual([4 * HOUR]);
  });

  it('stops: nothing pending, and a check that was running plans nothing', async () => {
    const { clock, runs, s } = setup([]);
    s.start();
    s.stop();
    expect(clock.pending()).toEqual([]);
    await clock.advance(5 * HOUR);
    expect(runs).toEqual([]);
    expect(s.nextAt).toBeNull();
  });
});
