// Helpers for benchmarks that drive the built renderer in Debian's Chromium
// against a web host process.
import { chromium, type Browser } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';
import { ROOT, startWebHostProcess } from '../support/web-host-process';

export { ROOT };

export interface BenchHost {
  url: string;
  token: string;
  call<T = unknown>(name: string, input: unknown): Promise<T>;
  stop(): Promise<void>;
}

/** The built web host on a fresh data folder (removed on stop), with an HTTP caller for setting up data. */
export async function startBenchHost(): Promise<BenchHost> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rongmei-bench-web-'));
  const web = await startWebHostProcess(dataDir);
  return {
    url: web.url,
    token: web.token,
    async call<T>(name: string, input: unknown): Promise<T> {
      const res = await fetch(`${web.url}api/call/${name}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${web.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      });
      const body = (await res.json()) as { ok: boolean; value?: T; error?: unknown };
      if (!body.ok) throw new Error(`${name}: ${JSON.stringify(body.error)}`);
      return body.value as T;
    },
    async stop() {
      await web.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });
}
