// Helpers for benchmarks that drive the built renderer in Debian's Chromium
// against a web host process.
import { chromium, type Browser } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface BenchHost {
  url: string;
  token: string;
  child: ChildProcess;
  call<T = unknown>(name: string, input: unknown): Promise<T>;
  stop(): Promise<void>;
}

export async function startBenchHost(): Promise<BenchHost> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rongmei-bench-web-'));
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'out/main/webhost.js'), '--port', '0', '--data-dir', dataDir],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const ready = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /RONGMEI_WEBHOST_READY (\{.*\})/.exec(out);
      if (m) resolve(JSON.parse(m[1]!) as { url: string; token: string });
    });
    child.once('exit', (c) => reject(new Error(`web host exited ${c}`)));
  });
  return {
    ...ready,
    child,
    async call<T>(name: string, input: unknown): Promise<T> {
      const res = await fetch(`${ready.url}api/call/${name}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${ready.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      });
      const body = (await res.json()) as { ok: boolean; value?: T; error?: unknown };
      if (!body.ok) throw new Error(`${name}: ${JSON.stringify(body.error)}`);
      return body.value as T;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => {
          fs.rmSync(dataDir, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });
}
