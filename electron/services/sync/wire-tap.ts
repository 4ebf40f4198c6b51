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

/** A `ws` WebSocket whose frames can be observed; it always has an 'error' listener (see authedWebSocket). */
export class TappedWebSocket extends WebSocket {
  readonly observers = new Set<WireObserver>();

  constructor(
    url: string | URL,
    protocols: string | string[] | undefined,
    opts: WebSocket.ClientOptions,
  ) {
    super(url, protocols, opts);
    this.on('error', () => undefined);
    this.on('message', (data: unknown) => {
      const b = bytes(data);
      if (b) for (const o of this.observers) o.received(b);
    });
  }

  override send(data: unknown, ...rest: unknown[]): void {
    const b = bytes(data);
    if (b && this.readyState === WebSocket.OPEN) for (const o of this.observers) o.sent(b);
    (super.send as (...args: unknown[]) => void)(data, ...rest);
  }
}
