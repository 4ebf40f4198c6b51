// Runs `server/main.ts` as a real child process (as `npm run server` would),
// so a test can SIGKILL it and start it again on the same data.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface ChildServer {
  proc: ChildProcess;
  url: string;
  syncUrl: string;
  output: () => string;
  /** Resolves with the exit code or signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function spawnServer(
  env: Record<string, string>,
  args: string[] = [],
  nodeArgs: string[] = [],
): Promise<ChildServer> {
  const proc = spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', 'server/main.ts', ...args],
    {
      cwd: ROOT,
      env: { ...process.env, ...env, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      for (const line of out.split('\n')) {
        if (!line.includes('newsroom server ready')) continue;
        try {
          const { url } = JSON.parse(line) as { url: string };
          clearTimeout(timer);
          resolve({
            proc,
            url,
            syncUrl: `${url.replace(/^http/, 'ws')}/v1/sync`,
            output: () => out,
            exited,
          });
          return;
        } catch {
          // a partial line; wait for the rest
        }
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before it was ready:\n${out}`));
    });
  });
}
