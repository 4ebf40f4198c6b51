// A small benchmark harness: every benchmark measures its subject and a
// baseline in the same run, prints both with their ratio and the target, and
// reports pass/fail. `npm run bench` runs every *.bench.ts and prints a
// one-line summary last.
export interface Stats {
  n: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
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

export const fmt = (ms: number) =>
  (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(3)) + ' ms';
