// Sends workflow commands to the server in the order they were made, each
// under its idempotency key, retrying with backoff until the server answers
// "applied" or "rejected". A rejected command is rolled back locally (with
// the commands made on top of it) and reported with the server's reason.
import type { NewsroomClient } from '@shared/sync/client';
import { NewsroomError } from '@shared/sync/client';
import type { ServerStory } from '@shared/sync/stories';
import type { ServerError } from '@shared/sync/errors';
import type { Reason } from '@shared/workflow/reasons';
import type { OutboxEntry, SyncStore } from './sync-store';

export interface OutboxEvents {
  applied(entry: OutboxEntry, story: ServerStory): void;
  rejected(
    entry: OutboxEntry,
    error: ServerError,
    story: ServerStory | null,
    dropped: OutboxEntry[],
    /** The workflow rules' reason, in both languages, for a refused `story.workflow` command. */
    reason?: Reason,
  ): void;
  /** The server could not be reached or failed; the command waits for the next attempt. */
  deferred(entry: OutboxEntry, error: NewsroomError): void;
  /** Sign-in is needed before anything more can be sent. */
  unauthorized(): void;
  changed(): void;
}

/** 1 s, 2 s, 4 s … up to 5 minutes, with ±20 % jitter so a newsroom's laptops do not retry in step. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(300_000, 1000 * 2 ** Math.min(attempts, 9));
  return Math.round(base * (0.8 + 0.4 * random()));
}

export class Outbox {
  private running = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;

  constructor(
    private readonly store: SyncStore,
    private readonly client: () => NewsroomClient | null,
    private readonly events: OutboxEvents,
    private readonly now: () => Date = () => new Date(),
  ) {}

  start(): void {
    this.stopped = false;
    this.kick();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Try now (a command was queued, or the link came back). */
  kick(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    void this.drain();
  }

  private later(at: Date): void {
    if (this.stopped) return;
    const ms = Math.max(0, at.getTime() - this.now().getTime());
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.drain();
    }, ms);
    this.timer.unref?.();
  }

  private async drain(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = true;
    try {
      for (;;) {
        const client = this.client();
        const entry = this.store.head();
        if (!entry || !client || this.stopped) return;
        if (entry.nextAttemptAt && new Date(entry.nextAttemptAt) > this.now()) {
          this.later(new Date(entry.nextAttemptAt));
          return;
        }
        let answer;
        try {
          answer = await client.command(entry.command);
          if (this.stopped) return; // the answer will come again: the id is the same on the next start
        } catch (err) {
          if (this.stopped) return;
          const e =
            err instanceof NewsroomError ? err : new NewsroomError('network', String(err), 0);
          if (e.code === 'unauthorized') {
            this.events.unauthorized();
            return;
          }
          if (!e.retryable) {
            // Not worth retrying (the server cannot read it): treat as a rejection so it does not block the queue.
            this.reject(
              entry,
              { code: e.code === 'network' ? 'internal' : e.code, message: e.message },
              null,
            );
            continue;
          }
          const next = new Date(this.now().getTime() + backoffMs(entry.attempts));
          this.store.recordAttempt(entry.id, `${e.code}: ${e.message}`, next);
          this.events.deferred(entry, e);
          this.later(next);
          return;
        }
        if (answer.outcome.status === 'applied') {
          this.store.remove(entry.id);
          this.events.applied(entry, answer.outcome.story);
        } else {
          this.reject(entry, answer.outcome.error, answer.outcome.story, answer.outcome.reason);
        }
        this.events.changed();
      }
    } finally {
      this.running = false;
    }
  }

  private reject(
    entry: OutboxEntry,
    error: ServerError,
    story: ServerStory | null,
    reason?: Reason,
  ): void {
    // Commands made on top of the rejected one were based on a state that never happened.
    const dropped = this.store.laterFor(entry.storyId, entry.seq);
    for (const d of dropped) this.store.remove(d.id);
    this.store.remove(entry.id);
    this.events.rejected(entry, error, story, dropped, reason);
  }
}
