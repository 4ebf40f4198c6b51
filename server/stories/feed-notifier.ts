// Wakes long-polling feed readers when a story changes: at once for changes
// made on this instance, through Redis for changes made on others, and —
// as a safety net when Redis is absent or a message is lost — by checking
// the feed counter once a second while anyone is waiting.
import type { Redis } from 'ioredis';

export interface FeedNotifierOptions {
  readCounter: () => Promise<number>;
  /** Two connections (publish, subscribe) when several instances share the database. */
  redis?: { pub: Redis; sub: Redis; channel: string } | undefined;
  pollMs?: number;
}

export class FeedNotifier {
  private readonly waiters = new Set<() => void>();
  private lastSeen = 0;
  private poller: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly opts: FeedNotifierOptions) {
    const r = opts.redis;
    if (r) {
      void r.sub.subscribe(r.channel).catch(() => undefined);
      r.sub.on('message', (channel: string) => {
        if (channel === r.channel) this.wake();
      });
    }
  }

  /** Tells every waiter here, and the other instances, that the feed moved. */
  publish(seq: number): void {
    this.lastSeen = Math.max(this.lastSeen, seq);
    this.wake();
    const r = this.opts.redis;
    if (r) void r.pub.publish(r.channel, String(seq)).catch(() => undefined);
  }

  /** Resolves on the next change, after `ms`, or when the server shuts down. */
  wait(ms: number): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        if (this.waiters.size === 0) this.stopPolling();
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
      this.startPolling();
    });
  }

  get waiting(): number {
    return this.waiters.size;
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }

  private startPolling(): void {
    if (this.poller || this.closed) return;
    this.poller = setInterval(() => {
      this.opts
        .readCounter()
        .then((seq) => {
          if (seq > this.lastSeen) {
            this.lastSeen = seq;
            this.wake();
          }
        })
        .catch(() => undefined);
    }, this.opts.pollMs ?? 1000);
    this.poller.unref();
  }

  private stopPolling(): void {
    if (this.poller) clearInterval(this.poller);
    this.poller = null;
  }

  close(): void {
    this.closed = true;
    this.wake();
    this.stopPolling();
  }
}
