// Starts the built web host (out/main/webhost.js) as a child process and
// talks to it over its WebSocket, exactly as the renderer does.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import WebSocket from 'ws';
import type { CallInput, CallName, CallOutput } from '@shared/api/contract';
import type { CallResult } from '@shared/api/errors';

const root = path.resolve(__dirname, '../../..');
export const STUB_RENDERER = path.join(root, 'tests/fixtures/renderer-stub');

export interface WebHostProcess {
  url: string;
  token: string;
  child: ChildProcess;
  stderr: () => string;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
}

export async function startWebHostProcess(
  dataDir: string,
  rendererDir = STUB_RENDERER,
): Promise<WebHostProcess> {
  const child = spawn(
    process.execPath,
    [
      path.join(root, 'out/main/webhost.js'),
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--renderer-dir',
      rendererDir,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const ready = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`web host did not start: ${err}`)), 20_000);
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
  return { ...ready, child, stderr: () => err, exited };
}

/** A renderer-like client: calls by id over the WebSocket, events collected. */
export class HostSocket {
  private nextId = 1;
  private readonly pending = new Map<number, (r: CallResult<unknown>) => void>();
  readonly events: Array<{ name: string; payload: unknown }> = [];
  closed: Promise<void>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (raw) => {
      const msg = JSON.parse(raw.toString()) as {
        t: string;
        id?: number;
        result?: CallResult<unknown>;
        name?: string;
        payload?: unknown;
      };
      if (msg.t === 'result' && msg.id !== undefined) {
        this.pending.get(msg.id)?.(msg.result!);
        this.pending.delete(msg.id);
      } else if (msg.t === 'event') this.events.push({ name: msg.name!, payload: msg.payload });
    });
    this.closed = new Promise((resolve) =>
      ws.once('close', () => {
        for (const [, r] of this.pending)
          r({ ok: false, error: { code: 'disconnected', message: 'closed' } });
        this.pending.clear();
        resolve();
      }),
    );
  }

  static async connect(host: { url: string; token: string }, origin?: string): Promise<HostSocket> {
    const ws = new WebSocket(
      `${host.url.replace(/^http/, 'ws')}api/ws?token=${encodeURIComponent(host.token)}`,
      {
        origin: origin ?? host.url.replace(/\/$/, ''),
        maxPayload: 64 * 1024 * 1024,
      },
    );
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
    return new HostSocket(ws);
  }

  raw<N extends CallName>(name: N, input: unknown): Promise<CallResult<CallOutput<N>>> {
    const id = this.nextId++;
    if (this.ws.readyState !== WebSocket.OPEN) {
      return Promise.resolve({ ok: false, error: { code: 'disconnected', message: 'closed' } });
    }
    return new Promise((resolve) => {
      this.pending.set(id, resolve as (r: CallResult<unknown>) => void);
      this.ws.send(JSON.stringify({ t: 'call', id, name, input }));
    });
  }

  async call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
    const r = await this.raw(name, input);
    if (!r.ok)
      throw Object.assign(new Error(`${name}: ${r.error.code} ${r.error.message}`), {
        code: r.error.code,
      });
    return r.value;
  }

  close(): void {
    this.ws.close();
  }
}
