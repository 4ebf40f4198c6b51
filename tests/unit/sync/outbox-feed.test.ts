// The outbox and the feed after a link comes back, and on a link that dies
// silently: a queued command goes at once instead of waiting out its backoff,
// a request that never answers is given up, and the feed drops a long-poll
// stuck on a dead connection and starts again without backing off.
import { describe, expect, it } from 'vitest';
import { NewsroomError, type NewsroomClient } from '@shared/sync/client';
import type { Command } from '@shared/sync/commands';
import type { FeedPage } from '@shared/sync/feed';
import type { ServerStory } from '@shared/sync/stories';
import { Outbox } from '../../../electron/services/sync/outbox';
import { FeedPuller } from '../../../electron/services/sync/feed-puller';
import type { OutboxEntry, SyncStore } from '../../../electron/services/sync/sync-store';

const STORY_ID = '0190a5c2-7f00-7000-8000-000000000001';

function fakeStore(): { store: SyncStore; entries: OutboxEntry[] } {
  const command: Command = {
    id: 'cmd-0000000000000001',
    type: 'story.file',
    storyId: STORY_ID,
    deskId: '0190a5c2-7f00-7000-8000-000000000002',
    expectedRevision: 0,
  };
  const entries: OutboxEntry[] = [
    {
      id: command.id,
      seq: 1,
      storyId: STORY_ID,
      command,
      undo: { status: 'draft', deskId: null, assigneeId: null, revision: 0 },
      attempts: 0,
      nextAttemptAt: null,
      lastError: null,
    },
  ];
  const store = {
    head: () => entries[0] ?? null,
    recordAttempt(id: string, error: string, next: Date) {
      const e = entries.find((x) => x.id === id)!;
      e.attempts++;
      e.lastError = error;
      e.nextAttemptAt = next.toISOString();
    },
    remove(id: string) {
      const i = entries.findIndex((x) => x.id === id);
      if (i >= 0) entries.splice(i, 1);
    },
    laterFor: () => [],
  } as unknown as SyncStore;
  return { store, entries };
}

const story = { id: STORY_ID } as ServerStory;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function hangUntilAborted(signal: unknown): Promise<never> {
  return new Promise((_, reject) => {
    const s = signal as AbortSignal;
    s.addEventListener('abort', () => reject(s.reason as Error));
  });
}

describe('outbox', () => {
  it('sends at once when the link comes back (retryNow), not at the end of its backoff', async () => {
    const { store, entries } = fakeStore();
    let online = false;
    let sent = 0;
    const client = {
      command: async () => {
        sent++;
        if (!online) throw new NewsroomError('network', 'refused', 0);
        return { outcome: { status: 'applied', story }, httpStatus: 200, replay: false };
      },
    } as unknown as NewsroomClient;
    const applied: string[] = [];
    const outbox = new Outbox(store, () => client, {
      applied: (e) => applied.push(e.id),
      rejected: () => undefined,
      deferred: () => undefined,
      unauthorized: () => undefined,
      changed: () => undefined,
    });
    outbox.start();
    await sleep(30);
    expect(sent).toBe(1);
    expect(entries[0]!.nextAttemptAt).not.toBeNull(); // backing off (≥ 800 ms)
    online = true;
    outbox.kick(); // a plain kick respects the backoff
    await sleep(50);
    expect(sent).toBe(1);
    outbox.retryNow();
    await sleep(50);
    expect(sent).toBe(2);
    expect(applied).toHaveLength(1);
    expect(entries).toHaveLength(0);
    outbox.stop();
  });

  it('gives up a command that never gets an answer and retries it later', async () => {
    const { store, entries } = fakeStore();
    const deferred: NewsroomError[] = [];
    const client = {
      command: (_cmd: Command, signal: unknown) => hangUntilAborted(signal),
    } as unknown as NewsroomClient;
    const outbox = new Outbox(
      store,
      () => client,
      {
        applied: () => undefined,
        rejected: () => undefined,
        deferred: (_e, err) => deferred.push(err),
        unauthorized: () => undefined,
        changed: () => undefined,
      },
      () => new Date(),
      100,
    );
    outbox.start();
    await sleep(300);
    expect(deferred).toHaveLength(1);
    expect(deferred[0]!.code).toBe('network');
    expect(entries[0]!.attempts).toBe(1);
    outbox.stop();
  });
});

describe('feed', () => {
  const empty = (cursor: number): FeedPage => ({ cursor, changes: [], more: false });

  it('restart() drops a long-poll stuck on a dead connection and asks again at once', async () => {
    const calls: number[] = [];
    const errors: string[] = [];
    const client = {
      feed: (q: { wait?: number }, signal: unknown) => {
        calls.push(q.wait ?? 0);
        if (q.wait === 0) return Promise.resolve(empty(0));
        return hangUntilAborted(signal); // the connection died silently
      },
    } as unknown as NewsroomClient;
    let cursor = 0;
    const feed = new FeedPuller({
      client: () => client,
      readCursor: () => cursor,
      writeCursor: (c) => (cursor = c),
      apply: () => undefined,
      onOnline: () => undefined,
      onError: (e) => errors.push(e.code),
      waitSeconds: 25,
    });
    feed.start();
    await sleep(30);
    expect(calls).toEqual([0, 25]);
    feed.restart();
    await sleep(30);
    expect(calls).toEqual([0, 25, 0, 25]);
    expect(errors).toEqual([]);
    await feed.stop();
  });

  it('gives up a request that outlives its wait by the grace period', async () => {
    const errors: string[] = [];
    let calls = 0;
    const client = {
      feed: (_q: unknown, signal: unknown) => {
        calls++;
        return hangUntilAborted(signal);
      },
    } as unknown as NewsroomClient;
    const feed = new FeedPuller({
      client: () => client,
      readCursor: () => 0,
      writeCursor: () => undefined,
      apply: () => undefined,
      onOnline: () => undefined,
      onError: (e) => errors.push(e.code),
      graceMs: 100,
    });
    feed.start();
    await sleep(250);
    expect(errors).toEqual(['network']);
    expect(calls).toBe(1);
    feed.poke(); // and the link is back: no need to wait out the backoff
    await sleep(30);
    expect(calls).toBe(2);
    await feed.stop();
  });
});
