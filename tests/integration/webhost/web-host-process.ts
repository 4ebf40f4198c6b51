// Talks to the web host over its WebSocket, exactly as the renderer does.
import WebSocket from 'ws';
import type { CallInput, CallName, CallOutput } from '@shared/api/contract';
import type { CallResult } from '@shared/api/errors';

import {
  startWebHostProcess,
  STUB_RENDERER,
  type WebHostProcess,
} from '../../support/web-host-process';

export type { WebHostProcess };

/** The web host with a stub renderer: these tests talk to its API only. */
export function startApiHost(dataDir: string): Promise<WebHostProcess> {
  return startWebHostProcess(dataDir, STUB_RENDERER);
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
