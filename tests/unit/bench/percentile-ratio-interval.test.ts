// The bootstrap interval the typing benchmark prints beside its p95 ratio.
import { describe, expect, it } from 'vitest';
import { percentileRatioInterval } from '../../bench/harness';
import { rng } from '../../support/seeded-random';

/** Keystroke-like latencies: mostly 7–10 ms, one in five 12–30 ms. */
function latencies(n: number, seed: number, scale = 1): number[] {
  const r = rng(seed);
  return Array.from({ length: n }, () => scale * (r() < 0.8 ? 7 + 3 * r() : 12 + 18 * r()));
}

describe('percentileRatioInterval', () => {
  it('holds 1 for two runs of the same thing', () => {
    const [lo, hi] = percentileRatioInterval(latencies(240, 1), latencies(240, 2), 0.95);
    expect(lo).toBeLessThan(1);
    expect(hi).toBeGreaterThan(1);
  });

  it('brackets a real slowdown and leaves 1 out', () => {
    const [lo, hi] = percentileRatioInterval(latencies(240, 3, 1.5), latencies(240, 4), 0.95);
    expect(lo).toBeGreaterThan(1);
    expect(lo).toBeLessThan(1.5);
    expect(hi).toBeGreaterThan(1.5);
  });

  it('narrows as samples grow, and prints the same interval for the same samples', () => {
    const width = (n: number) => {
      const [lo, hi] = percentileRatioInterval(latencies(n, 5), latencies(n, 6), 0.95);
      return hi - lo;
    };
    expect(width(2000)).toBeLessThan(width(200) / 2);
    const a = latencies(240, 7);
    const b = latencies(240, 8);
    expect(percentileRatioInterval(a, b, 0.95)).toEqual(percentileRatioInterval(a, b, 0.95));
  });

  it('says nothing for an empty sample set', () => {
    expect(percentileRatioInterval([], [1, 2], 0.95).every(Number.isNaN)).toBe(true);
  });
});
