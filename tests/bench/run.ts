// Runs every benchmark in tests/bench (or those named on the command line),
// one after another so they do not compete for the two cores, and prints a
// one-line summary last.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { allResults } from './harness';

const dir = path.dirname(fileURLToPath(import.meta.url));
const filter = process.argv.slice(2);
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)))
  .sort();

for (const f of files) {
  console.log(`\n== ${f}`);
  const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as {
    run?: () => Promise<void>;
  };
  if (typeof mod.run !== 'function') throw new Error(`${f} does not export run()`);
  await mod.run();
}

const results = allResults();
const failed = results.filter((r) => !r.pass);
console.log(
  `\nbench: ${results.length - failed.length} passed, ${failed.length} failed` +
    (failed.length ? ` (${failed.map((r) => r.name).join('; ')})` : ''),
);
process.exitCode = failed.length ? 1 : 0;
