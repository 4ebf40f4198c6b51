// Lets a document relay see the frames that really go out on, and come in
// over, one WebSocket. The provider's own "unsynced changes" counter cannot
// say what the server has stored after a reconnect: it is reset to 1 when a
// connection opens, and the acknowledgements of updates that were queued
// while offline (flushed on the new connection) then bring it to 0 while the
// handshake that carries everything else is still unanswered. Counting per
// socket, from the frames themselves, gives an exact answer.
import WebSocket from 'ws';

export interface WireObserver {
  sent(frame: Uint8Array): void;
  received(frame: Uint8Array): void;
}

function bytes(data: unknown): Uint8Array | null {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (Array.isArray(data)) return Buffer.concat(data as Buffer[]);
  return null;
}

/**
 * A `ws` WebSocket whose frames can be observed; it always has an 'error' listener (see
 * authedWebSocket). With `heartbeatMs` it pings the server when nothing has arrived for that long
 * and gives the connection up when the next interval passes in silence too: a link that died
 * without a word (a NAT that forgot the connection) is otherwise noticed only after the
 * provider's 30 s message timeout, or never while nothing is sent.
 */
export class TappedWebSocket extends WebSocket {
  readonly observers = new Set<WireObserver>();
  private heard = true;
  private pinged = false;

  constructor(
    url: string | URL,
    protocols: string | string[] | undefined,
    opts: WebSocket.ClientOptions & { heartbeatMs?: number },
  ) {
    const { heartbeatMs, ...wsOpts } = opts;
    super(url, protocols, wsOpts);
    this.on('error', () => undefined);
    this.on('message', (data: unknown) => {
      this.heard = true;
      const b = bytes(data);
      if (b) for (const o of this.observers) o.received(b);
    });
    if (heartbeatMs && heartbeatMs > 0) {
      this.on('pong', () => (this.heard = true));
      this.on('open', () => {
        const timer = setInterval(() => this.beat(), heartbeatMs);
        timer.unref?.();
        this.once('close', () => clearInterval(timer));
      });
    }
  }

  private beat(): void {
    if (this.readyState !== WebSocket.OPEN) return;
    if (this.heard) {
      this.heard = false;
      this.pinged = false;
      return;
    }
    if (this.pinged) {
      this.terminate(); // two intervals without a byte, a ping unanswered: the link is dead
      return;
    }
    this.pinged = true;
    this.ping();
  }

  override send(data: unknown, ...rest: unknown[]): void {
    const b = bytes(data);
    if (b && this.readyState === WebSocket.OPEN) for (const o of this.observers) o.sent(b);
    (super.send as (...args: unknown[]) => void)(data, ...rest);
  }
}
