// The contract over the web host's WebSocket: request/response by id, events
// pushed by the host, reconnect with backoff when the link drops. Calls made
// while disconnected wait for the link (up to a limit) instead of failing.
import type { HostBridge } from '@shared/api/bridge';
import type { CallName, EventName } from '@shared/api/contract';
import type { CallResult } from '@shared/api/errors';

type Listener = (payload: unknown) => void;
type Pending = { resolve: (r: CallResult<unknown>) => void; timer: ReturnType<typeof setTimeout> };

export interface WebBridge extends HostBridge {
  onStatus(listener: (open: boolean) => void): () => void;
}

const CALL_TIMEOUT_MS = 30_000;

export function createWebBridge(token: string, base: string = location.origin): WebBridge {
  const wsUrl = `${base.replace(/^http/, 'ws')}/api/ws?token=${encodeURIComponent(token)}`;
  const listeners = new Map<string, Set<Listener>>();
  const statusListeners = new Set<(open: boolean) => void>();
  const pending = new Map<number, Pending>();
  let queue: string[] = [];
  let ws: WebSocket | null = null;
  let nextId = 1;
  let backoff = 250;

  const setStatus = (open: boolean) => statusListeners.forEach((l) => l(open));

  const connect = () => {
    const socket = new WebSocket(wsUrl);
    ws = socket;
    socket.onopen = () => {
      backoff = 250;
      const q = queue;
      queue = [];
      q.forEach((m) => socket.send(m));
      setStatus(true);
    };
    socket.onmessage = (ev) => {
      let msg: {
        t: string;
        id?: number;
        result?: CallResult<unknown>;
        name?: string;
        payload?: unknown;
      };
      try {
        msg = JSON.parse(String(ev.data)) as typeof msg;
      } catch {
        return;
      }
      if (msg.t === 'result' && typeof msg.id === 'number' && msg.result) {
        const p = pending.get(msg.id);
        if (p) {
          clearTimeout(p.timer);
          pending.delete(msg.id);
          p.resolve(msg.result);
        }
      } else if (msg.t === 'event' && msg.name) {
        listeners.get(msg.name)?.forEach((l) => l(msg.payload));
      }
    };
    socket.onclose = () => {
      if (ws !== socket) return;
      ws = null;
      setStatus(false);
      // Calls in flight may or may not have run; they fail and the caller decides.
      for (const [id, p] of pending) {
        clearTimeout(p.timer);
        p.resolve({
          ok: false,
          error: { code: 'disconnected', message: 'connection to the host was lost' },
        });
        pending.delete(id);
      }
      setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, 5000);
    };
  };
  connect();
  window.addEventListener('pagehide', () => ws?.close());

  return {
    host: 'web',
    call(name: CallName, input: unknown) {
      const id = nextId++;
      const message = JSON.stringify({ t: 'call', id, name, input });
      return new Promise<CallResult<never>>((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve({
            ok: false,
            error: { code: 'disconnected', message: 'the host did not answer in time' },
          });
        }, CALL_TIMEOUT_MS);
        pending.set(id, { resolve: resolve as (r: CallResult<unknown>) => void, timer });
        if (ws && ws.readyState === WebSocket.OPEN) ws.send(message);
        else queue.push(message);
      });
    },
    subscribe(name: EventName, listener: (payload: never) => void) {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(listener as Listener);
      return () => set.delete(listener as Listener);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
  } as WebBridge;
}
