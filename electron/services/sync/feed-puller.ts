// Follows the server's change feed: long-polls from the last cursor applied,
// hands each page to `apply`, and only then stores the new cursor — so after
// any drop it resumes where it stopped, at worst seeing a change twice.
import { NewsroomError, type NewsroomClient } from '@shared/sync/client';
import type { FeedPage } from '@shared/sync/feed';

export interface FeedPullerOptions {
  client: () => NewsroomClient | null;
  readCursor(): number;
  writeCursor(cursor: number): void;
  apply(page: FeedPage): void;
  onOnline(): void;
  onError(err: NewsroomError): void;
  waitSeconds?: number;
  /** Time a request may take beyond its long-poll wait before it is given up (a silently dead link). */
  graceMs?: number;
}

/** Beyond the long-poll wait, how long a feed request may take before it is abandoned. */
export const FEED_GRACE_MS = 30_000;

export class FeedPuller {
  private stopped = true;
  private abort: AbortController | null = null;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  /** The request in flight; restart() aborts it without stopping the loop. */
  private request: AbortController | null = null;
  private restarting = false;

  constructor(private readonly opts: FeedPullerOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort?.abort();
    this.wake?.();
    await this.loop;
    this.loop = null;
  }

  /** Retry now instead of at the end of the backoff (the link came back). */
  poke(): void {
    this.wake?.();
  }

  /**
   * The link came back: retry now, and give up a request in flight too — it may be waiting on a
   * connection that died silently while the link was gone, and would hang until its timeout.
   */
  restart(): void {
    if (this.stopped) return;
    if (this.request) {
      this.restarting = true;
      this.request.abort();
    }
    this.wake?.();
  }

  private async page(client: NewsroomClient, wait: number): Promise<FeedPage> {
    const request = new AbortController();
    this.request = request;
    this.restarting = false; // a restart that came as the last request finished anyway
    const signal = AbortSignal.any([
      this.abort!.signal,
      request.signal,
      AbortSignal.timeout(wait * 1000 + (this.opts.graceMs ?? FEED_GRACE_MS)),
    ]);
    try {
      return await client.feed({ cursor: this.opts.readCursor(), wait, limit: 500 }, signal);
    } finally {
      if (this.request === request) this.request = null;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      t.unref?.();
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.wake = done;
    });
  }

  private async run(): Promise<void> {
    let backoff = 500;
    while (!this.stopped) {
      const client = this.opts.client();
      if (!client) return;
      this.abort = new AbortController();
      try {
        let more = true;
        // Catch up without waiting, then hold a long-poll open.
        while (more && !this.stopped) {
          const page = await this.page(client, 0);
          if (this.stopped) return;
          this.opts.apply(page);
          this.opts.writeCursor(page.cursor);
          more = page.more;
        }
        this.opts.onOnline();
        backoff = 500;
        while (!this.stopped) {
          const page = await this.page(client, this.opts.waitSeconds ?? 25);
          if (this.stopped) return;
          if (page.changes.length) this.opts.apply(page);
          this.opts.writeCursor(page.cursor);
          this.opts.onOnline();
        }
      } catch (err) {
        if (this.stopped) return;
        if (this.restarting) {
          this.restarting = false;
          continue;
        }
        const e = err instanceof NewsroomError ? err : new NewsroomError('network', String(err), 0);
        this.opts.onError(e);
        if (e.code === 'unauthorized') return;
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, 30_000);
      }
    }
  }
}
