// A small benchmark harness: every benchmark measures its subject and a
// baseline in the same run, prints both with their ratio and the target, and
// reports pass/fail. `npm run bench` runs every *.bench.ts and prints a
// one-line summary last.
import { readFileSync } from 'node:fs';
import { rng } from '../support/seeded-random';

export interface Stats {
  n: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** The `q` quantile of ascending `sorted` (nearest rank below), 0 when empty. */
const quantile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => quantile(s, q);
  return {
    n: s.length,
    mean: s.reduce((a, b) => a + b, 0) / Math.max(1, s.length),
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: s.at(-1) ?? 0,
  };
}

/** Times `fn` `iterations` times (after `warmup` untimed runs); milliseconds per call. */
export async function sample(
  fn: (i: number) => unknown | Promise<unknown>,
  iterations: number,
  warmup = Math.min(20, Math.ceil(iterations / 10)),
): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const out: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return stats(out);
}

export interface Result {
  name: string;
  /** What was measured, e.g. "p99 2.1 ms". */
  figure: string;
  /** The baseline measured in the same run, e.g. "raw insert p99 0.3 ms". */
  baseline: string;
  /** subject / baseline (or baseline / subject for "× faster"), as printed. */
  ratio: string;
  target: string;
  pass: boolean;
}

const results: Result[] = [];

export function report(r: Result): void {
  results.push(r);
  console.log(
    `${r.pass ? 'PASS' : 'FAIL'}  ${r.name}\n      ${r.figure}\n      baseline: ${r.baseline}\n      ratio: ${r.ratio}   target: ${r.target}`,
  );
}

export function allResults(): readonly Result[] {
  return results;
}

/**
 * How far the ratio of two percentiles (`a`'s over `b`'s) could move by
 * chance: the 2.5th and 97.5th percentile of that ratio over `rounds`
 * bootstrap resamples of both sample sets (seeded, so a run reprints the
 * same interval for the same samples). A p95 of a few hundred keystrokes
 * rests on its dozen slowest, and two runs of the same code can differ by
 * more than a target's margin; the interval says whether a pass or a fail
 * is more than that.
 */
export function percentileRatioInterval(
  a: readonly number[],
  b: readonly number[],
  q: number,
  rounds = 2000,
): [number, number] {
  if (!a.length || !b.length) return [NaN, NaN];
  const random = rng(0x5eed);
  const resample = (xs: readonly number[]) => {
    const out = new Array<number>(xs.length);
    for (let i = 0; i < xs.length; i++) out[i] = xs[Math.floor(random() * xs.length)]!;
    return out.sort((x, y) => x - y);
  };
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) ratios.push(quantile(resample(a), q) / quantile(resample(b), q));
  ratios.sort((x, y) => x - y);
  return [quantile(ratios, 0.025), quantile(ratios, 0.975)];
}

export const fmt = (ms: number) =>
  (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(3)) + ' ms';

/**
 * The share of CPU time the hypervisor gave to others (Linux `steal`) while
 * `fn` ran. On a shared virtual machine this is what makes two runs of the
 * same code differ: timings taken while it is high run slow, and the p95 of
 * a latency is made of them. Benchmarks print it beside their figures.
 * Null where /proc/stat does not exist.
 */
export async function withStealShare<T>(fn: () => Promise<T>): Promise<[T, number | null]> {
  const before = cpuTimes();
  const out = await fn();
  const after = cpuTimes();
  if (!before || !after) return [out, null];
  const total = after.total - before.total;
  return [out, total > 0 ? (after.steal - before.steal) / total : 0];
}

export const fmtSteal = (share: number | null) =>
  share === null ? '' : `; CPU steal during the run ${(share * 100).toFixed(1)} %`;

function cpuTimes(): { steal: number; total: number } | null {
  try {
    // cpu  user nice system idle iowait irq softirq steal guest guest_nice
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const f = line.trim().split(/\s+/).slice(1, 9).map(Number);
    return { steal: f[7] ?? 0, total: f.reduce((a, b) => a + b, 0) };
  } catch {
    return null;
  }
}
