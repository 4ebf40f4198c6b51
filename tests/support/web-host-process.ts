// Starts the built web host (out/main/webhost.js) as a child process on a
// random port and waits for its READY line. Used by integration tests, the
// Playwright fixtures and browser benchmarks alike.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const STUB_RENDERER = path.join(ROOT, 'tests/fixtures/renderer-stub');

export interface WebHostProcess {
  url: string;
  token: string;
  dataDir: string;
  child: ChildProcess;
  stderr: () => string;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
  /** SIGTERM and wait for the exit (the host flushes and closes its database). */
  stop(): Promise<void>;
}

export async function startWebHostProcess(
  dataDir: string,
  rendererDir?: string,
): Promise<WebHostProcess> {
  const webhost = path.join(ROOT, 'out/main/webhost.js');
  if (!fs.existsSync(webhost)) throw new Error('Build first: npm run build');
  const args = [webhost, '--port', '0', '--data-dir', dataDir];
  if (rendererDir) args.push('--renderer-dir', rendererDir);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const ready = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`web host did not start: ${err}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /RONGMEI_WEBHOST_READY (\{.*\})/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(JSON.parse(m[1]!) as { url: string; token: string });
      }
    });
    void exited.then((code) =>
      reject(new Error(`web host exited (${code}) before it was ready: ${err}`)),
    );
  });
  return {
    ...ready,
    dataDir,
    child,
    stderr: () => err,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
