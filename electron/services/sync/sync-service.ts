// The desktop end of sync. The host stays the hub: every story document
// lives in the local database and works with no network; when signed in,
// this service relays documents to and from the newsroom server (one
// WebSocket, one Hocuspocus provider per document that needs it), sends
// workflow commands through the outbox, and follows the change feed so new
// and changed stories appear without polling each one.
import os from 'node:os';
import { HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { z } from 'zod';
import { NewsroomClient, NewsroomError } from '@shared/sync/client';
import type { Command } from '@shared/sync/commands';
import type { WorkflowCommand } from '@shared/workflow/commands';
import type { FeedPage } from '@shared/sync/feed';
import type { ServerStory } from '@shared/sync/stories';
import type { Desk } from '@shared/domain/newsroom';
import { PersonSchema } from '@shared/domain/newsroom';
import { SERVER_ERROR_TEXT } from '@shared/sync/errors';
import { parseDocId, storyDocId } from '@shared/body/story-doc';
import { ERROR_CODES, HostError, type ErrorCode, type HostErrorData } from '@shared/api/errors';
import type { SyncStatus } from '@shared/api/contract';
import { newId } from '@shared/domain/ids';
import type { DocHub } from '../docs/doc-hub';
import type { SettingsStore } from '../store/settings-store';
import type { StoryStore } from '../store/story-store';
import { DocRelay } from './doc-relay';
import { TappedWebSocket } from './wire-tap';
import { Outbox } from './outbox';
import { FeedPuller } from './feed-puller';
import type { ServerFacts, SyncStore } from './sync-store';

/** Origin of updates that came from the newsroom server. */
export const SERVER_ORIGIN = 'newsroom-server';

const SessionRecordSchema = z.object({
  serverUrl: z.string(),
  token: z.string(),
  expiresAt: z.string(),
  person: PersonSchema,
});
type SessionRecord = z.infer<typeof SessionRecordSchema>;

export interface SyncServiceOptions {
  docs: DocHub;
  stories: StoryStore;
  settings: SettingsStore;
  store: SyncStore;
  version: string;
  /** Sends an event to every window. */
  broadcast(name: 'sync.status', payload: SyncStatus): void;
  storiesChanged(ids: string[]): void;
  notice(kind: 'command_rejected' | 'session_expired', params: Record<string, string>): void;
  /** Presence of others in a document, for the windows that have it open. */
  awareness(docId: string, update: Uint8Array): void;
  log(msg: string, err?: unknown): void;
  /** A `story.workflow` command was confirmed or refused by the server (or the feed brought news of a story). */
  workflowChanged?(storyIds: string[]): void;
  /** How many documents may be pulled from the server at once (64: on a 300 ms link each takes two round trips). */
  pullConcurrency?: number;
  /** Seconds a feed request waits for news (long-poll). */
  feedWaitSeconds?: number;
  /** A socket connection attempt is given up after this long (default HANDSHAKE_TIMEOUT_MS). */
  handshakeTimeoutMs?: number;
  /** Silence after which the socket is pinged, and then given up (default HEARTBEAT_MS). */
  heartbeatMs?: number;
  now?: () => Date;
}

/** How long a connection attempt may take (TCP, TLS and the upgrade) before it is abandoned. */
export const HANDSHAKE_TIMEOUT_MS = 10_000;
/** A connection silent this long is pinged; silent another interval, it is given up (wire-tap.ts). */
export const HEARTBEAT_MS = 5_000;

/**
 * A WebSocket that presents the session token at the upgrade, so a bad token is refused before a
 * socket exists; its frames are counted by the relays (wire-tap.ts). It always has an 'error'
 * listener: the provider removes its own before closing a socket that is still connecting (a retry
 * on a bad link), and `ws` then reports the aborted handshake as an 'error' event, which with no
 * listener is an uncaught exception that would take the whole main process down.
 */
export function authedWebSocket(
  token: string,
  handshakeTimeoutMs = HANDSHAKE_TIMEOUT_MS,
  heartbeatMs = HEARTBEAT_MS,
): typeof globalThis.WebSocket {
  return class extends TappedWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, {
        headers: { Authorization: `Bearer ${token}` },
        // A connection attempt made while the link was down can hang for minutes (lost SYNs are
        // retried with backoff by the OS, a dead NAT mapping never answers); give it up and try
        // a fresh one, so sync resumes soon after the link does.
        handshakeTimeout: handshakeTimeoutMs,
        heartbeatMs,
        // Big messages (a story's first sync) are deflated; keystrokes are not (server/docs/sync-server.ts).
        perMessageDeflate: {
          threshold: 1024,
          serverNoContextTakeover: true,
          clientNoContextTakeover: true,
          clientMaxWindowBits: 12,
          zlibDeflateOptions: { memLevel: 7, level: 6 },
        },
      });
    }
  } as unknown as typeof globalThis.WebSocket;
}

export function syncUrl(serverUrl: string): string {
  return `${serverUrl.replace(/\/+$/, '').replace(/^http/i, 'ws')}/v1/sync`;
}

export class SyncService {
  private session: SessionRecord | null;
  private client: NewsroomClient | null = null;
  private socket: HocuspocusProviderWebsocket | null = null;
  private readonly relays = new Map<string, DocRelay>();
  /** Documents some window has open: their relays stay up for live editing. */
  private readonly open = new Map<string, number>();
  private readonly pullQueue: string[] = [];
  private readonly pulling = new Set<string>();
  private readonly releaseTimers = new Map<string, NodeJS.Timeout>();
  private socketConnected = false;
  /** The socket has been connected since start(): a later 'connected' is a reconnect. */
  private socketWasUp = false;
  private feedOnline = false;
  private lastSyncAt: string | null;
  private lastError: string | null = null;
  private readonly outbox: Outbox;
  private feed: FeedPuller | null = null;
  private readonly now: () => Date;
  private statusTimer: NodeJS.Timeout | null = null;
  private shut = false;

  constructor(private readonly opts: SyncServiceOptions) {
    this.now = opts.now ?? (() => new Date());
    const saved = opts.settings.read('sync.session', SessionRecordSchema.nullable(), null);
    this.session = saved;
    this.lastSyncAt = opts.settings.read('sync.lastSyncAt', z.string().nullable(), null);
    this.outbox = new Outbox(
      opts.store,
      () => this.client,
      {
        applied: (entry, story) => {
          this.takeServerStory(story, true);
          this.opts.storiesChanged([entry.storyId]);
          if (entry.command.type === 'story.workflow') this.opts.workflowChanged?.([entry.storyId]);
          this.touchSync();
        },
        rejected: (entry, error, story, dropped, reason) => {
          // Roll back: the server's view when it gave one, else what we had before the command.
          if (story) this.takeServerStory(story, true);
          else this.opts.store.setFacts(entry.storyId, entry.undo);
          const text = reason?.message ?? SERVER_ERROR_TEXT[error.code];
          const cmd = entry.command;
          this.opts.notice('command_rejected', {
            storyId: entry.storyId,
            command: cmd.type === 'story.workflow' ? cmd.command.type : cmd.type,
            code: reason?.code ?? error.code,
            reasonZh: text['zh-CN'],
            reasonEn: text.en,
            dropped: String(dropped.length),
            headline: this.opts.stories.get(entry.storyId)?.headline ?? '',
          });
          this.opts.storiesChanged([entry.storyId]);
          if (
            cmd.type === 'story.workflow' ||
            dropped.some((d) => d.command.type === 'story.workflow')
          )
            this.opts.workflowChanged?.([entry.storyId]);
        },
        deferred: (_entry, err) => this.noteError(err),
        unauthorized: () => this.sessionExpired(),
        changed: () => this.emitStatus(),
      },
      this.now,
    );
  }

  // ---- public API (contract handlers) ----------------------------------------

  status(): SyncStatus {
    const pendingChanges = this.opts.store.pendingUpdates();
    const pendingCommands = this.opts.store.outboxSize();
    let state: SyncStatus['state'];
    if (!this.session) state = 'signed_out';
    else if (!this.socketConnected && !this.feedOnline)
      state = this.lastError ? 'offline' : 'connecting';
    else if (
      pendingChanges > 0 ||
      pendingCommands > 0 ||
      this.pulling.size > 0 ||
      this.pullQueue.length > 0 ||
      !this.socketConnected
    )
      state = 'syncing';
    else state = 'online';
    return {
      state,
      serverUrl:
        this.session?.serverUrl ??
        this.opts.settings.read('sync.serverUrl', z.string().nullable(), null),
      user: this.session
        ? {
            id: this.session.person.id,
            login: this.session.person.login,
            displayName: this.session.person.displayName,
            role: this.session.person.role,
          }
        : null,
      pendingChanges,
      pendingCommands,
      lastSyncAt: this.lastSyncAt,
      lastError: this.lastError,
    };
  }

  async signIn(input: { serverUrl: string; login: string; password: string }): Promise<SyncStatus> {
    const serverUrl = input.serverUrl.replace(/\/+$/, '');
    const client = new NewsroomClient({ baseUrl: serverUrl });
    try {
      const s = await client.login({
        login: input.login,
        password: input.password,
        device: `Rongmei ${this.opts.version} · ${os.type()} ${os.release()}`,
      });
      await this.stopLinks();
      this.session = { serverUrl, token: s.token, expiresAt: s.expiresAt, person: s.person };
      this.opts.settings.write('sync.session', this.session);
      this.opts.settings.write('sync.serverUrl', serverUrl);
      // A different server or person: the feed starts from the beginning.
      const previous = this.opts.settings.read('sync.account', z.string().nullable(), null);
      const account = `${serverUrl}#${s.person.id}`;
      if (previous !== account) {
        this.opts.settings.write('sync.cursor', 0);
        this.opts.settings.write('sync.account', account);
      }
      this.lastError = null;
      this.start();
      return this.status();
    } catch (err) {
      if (err instanceof NewsroomError) {
        if (err.code === 'network')
          throw new HostError('disconnected', `cannot reach ${serverUrl}: ${err.message}`);
        if (err.code === 'unauthorized' || err.code === 'invalid_input')
          throw new HostError('unauthorized', 'wrong login or password');
        if (err.code === 'rate_limited')
          throw new HostError('forbidden', 'too many sign-in attempts; wait a minute');
      }
      throw err;
    }
  }

  async signOut(): Promise<SyncStatus> {
    const client = this.client;
    await this.stopLinks();
    if (client) await client.logout().catch(() => undefined);
    this.session = null;
    this.opts.settings.write('sync.session', null);
    this.emitStatus();
    return this.status();
  }

  async desks(): Promise<Desk[]> {
    return this.withServer((c) => c.desks());
  }

  /**
   * Runs a request on the signed-in session, with the server's refusals as host
   * errors: no link → disconnected, an ended session → signed out (and said so).
   */
  async withServer<T>(request: (client: NewsroomClient) => Promise<T>): Promise<T> {
    if (!this.client) throw new HostError('unauthorized', 'sign in to the newsroom server first');
    try {
      return await request(this.client);
    } catch (err) {
      if (err instanceof NewsroomError && err.code === 'network')
        throw new HostError('disconnected', err.message);
      if (err instanceof NewsroomError && err.code === 'unauthorized') {
        this.sessionExpired();
        throw new HostError('unauthorized', 'sign in again');
      }
      if (err instanceof NewsroomError && isErrorCode(err.code))
        throw new HostError(err.code, err.message, plainDetails(err.details));
      throw err;
    }
  }

  /** 发稿 through the outbox: applied here at once (status filed, desk set), confirmed or undone later. */
  file(storyId: string, deskId: string): void {
    if (!this.session)
      throw new HostError('unauthorized', 'sign in to the newsroom server to file stories');
    const facts = this.opts.store.facts(storyId);
    if (!facts) throw new HostError('not_found', 'no such story', { id: storyId });
    const queued = this.opts.store.outboxFor(storyId);
    const command: Command = {
      id: newId(),
      type: 'story.file',
      storyId,
      deskId,
      // Commands queued before this one will have bumped the revision by then.
      expectedRevision: facts.revision + queued.length,
      issuedAt: this.now().toISOString(),
    };
    this.opts.store.enqueue(command, facts);
    this.opts.store.setFacts(storyId, { ...facts, status: 'filed', deskId });
    // The server must have the document before the desk can read it.
    this.ensureRelay(storyDocId(storyId));
    this.outbox.kick();
    this.emitStatus();
  }

  /** The signed-in client, or null (signed out). */
  get newsroom(): NewsroomClient | null {
    return this.session ? this.client : null;
  }

  /** Where and as whom this machine is signed in (the photo sync sends bytes with it), or null. */
  get serverSession(): { serverUrl: string; token: string } | null {
    return this.session ? { serverUrl: this.session.serverUrl, token: this.session.token } : null;
  }

  /** The signed-in person, or null. */
  get person(): SessionRecord['person'] | null {
    return this.session?.person ?? null;
  }

  /** Workflow commands of this story still waiting in the outbox, oldest first. */
  pendingWorkflow(storyId: string): WorkflowCommand[] {
    return this.opts.store
      .outboxFor(storyId)
      .flatMap((e) => (e.command.type === 'story.workflow' ? [e.command.command] : []));
  }

  /** Queues one workflow command (decided and applied optimistically by the caller). */
  queueWorkflow(command: WorkflowCommand): void {
    if (!this.session)
      throw new HostError('signed_out', 'sign in to the newsroom server for the workflow');
    const facts = this.opts.store.facts(command.storyId) ?? {
      status: 'filed',
      deskId: null,
      assigneeId: null,
      revision: 0,
    };
    const queued = this.opts.store.outboxFor(command.storyId);
    this.opts.store.enqueue(
      {
        id: command.commandId,
        type: 'story.workflow',
        storyId: command.storyId,
        expectedRevision: facts.revision + queued.length,
        issuedAt: this.now().toISOString(),
        command,
      },
      facts,
    );
    if (command.type === 'file') {
      // 发稿 shows at once in the library, as stories.file does; undone if the server refuses.
      if (this.opts.store.facts(command.storyId))
        this.opts.store.setFacts(command.storyId, {
          ...facts,
          status: 'filed',
          deskId: command.desk,
        });
      this.opts.storiesChanged([command.storyId]);
      // The desk reads the text from the server: send ours first.
      this.ensureRelay(storyDocId(command.storyId));
    }
    this.outbox.kick();
    this.emitStatus();
  }

  /** A window opened a document: keep a live relay for collaborative editing. */
  opened(docId: string): void {
    this.open.set(docId, (this.open.get(docId) ?? 0) + 1);
    this.ensureRelay(docId);
  }

  closed(docId: string): void {
    const n = (this.open.get(docId) ?? 1) - 1;
    if (n <= 0) this.open.delete(docId);
    else this.open.set(docId, n);
    this.maybeRelease(docId);
  }

  /** A document changed in the hub. Local edits go to the server; the server's own come back here and stop. */
  changed(docId: string, origin: string, update: Uint8Array): void {
    if (origin === SERVER_ORIGIN) return;
    const relay = this.relays.get(docId);
    if (relay) relay.applyLocal(update);
    else this.ensureRelay(docId);
    this.scheduleStatus();
  }

  /** Runs inside the hub's write transaction: the document holds an edit the server has not seen. */
  stored(docId: string, origin: string): void {
    if (origin !== SERVER_ORIGIN && parseDocId(docId)) this.opts.store.markDirty(docId);
  }

  localAwareness(docId: string, update: Uint8Array): void {
    this.relays.get(docId)?.applyLocalAwareness(update);
  }

  /** Starts the links if a session was saved (at host start) or after sign-in. */
  start(): void {
    if (!this.session || this.client) {
      this.emitStatus();
      return;
    }
    const { serverUrl, token } = this.session;
    this.client = new NewsroomClient({ baseUrl: serverUrl, token });
    this.socket = new HocuspocusProviderWebsocket({
      url: syncUrl(serverUrl),
      WebSocketPolyfill: authedWebSocket(
        token,
        this.opts.handshakeTimeoutMs,
        this.opts.heartbeatMs,
      ),
      maxAttempts: 0, // never give up: a reporter's link comes back eventually
      // Try again at least every second while the server is out of reach: nothing else says when
      // a link is back, and people expect their work to sync within a couple of seconds of it.
      // A failed attempt is one refused TCP connection; jitter spreads a newsroom's laptops out.
      delay: 500,
      minDelay: 250,
      factor: 2,
      maxDelay: 1000,
      onStatus: ({ status }) => {
        const was = this.socketConnected;
        this.socketConnected = status === 'connected';
        if (this.socketConnected) this.lastError = null;
        if (this.socketConnected && !was && this.socketWasUp) {
          // The server is reachable again: the feed and the outbox need not wait out their backoff.
          this.feed?.restart();
          this.outbox.retryNow();
        }
        if (this.socketConnected) this.socketWasUp = true;
        this.emitStatus();
      },
    });
    this.feed = new FeedPuller({
      client: () => this.client,
      readCursor: () => this.opts.settings.read('sync.cursor', z.number().int().nonnegative(), 0),
      writeCursor: (c) => this.opts.settings.write('sync.cursor', c),
      apply: (page) => this.applyFeed(page),
      onOnline: () => {
        const wasOffline = !this.feedOnline;
        this.feedOnline = true;
        this.lastError = null;
        this.touchSync();
        if (wasOffline) this.outbox.retryNow();
      },
      onError: (err) => {
        this.feedOnline = false;
        if (err.code === 'unauthorized') this.sessionExpired();
        else this.noteError(err);
      },
      waitSeconds: this.opts.feedWaitSeconds,
    });
    this.feed.start();
    this.outbox.start();
    // Everything edited offline (or never uploaded) goes up first.
    for (const docId of this.opts.store.dirtyDocs()) this.ensureRelay(docId);
    this.emitStatus();
  }

  /** For good (the host is closing): nothing may touch the database after this returns. */
  async stop(): Promise<void> {
    this.shut = true;
    if (this.statusTimer) clearTimeout(this.statusTimer);
    this.statusTimer = null;
    await this.stopLinks();
  }

  // ---- internals --------------------------------------------------------------

  private async stopLinks(): Promise<void> {
    this.outbox.stop();
    const feed = this.feed;
    this.feed = null;
    for (const t of this.releaseTimers.values()) clearTimeout(t);
    this.releaseTimers.clear();
    for (const r of this.relays.values()) r.destroy();
    this.relays.clear();
    this.pulling.clear();
    this.pullQueue.length = 0;
    this.socket?.destroy();
    this.socket = null;
    this.client = null;
    this.socketConnected = false;
    this.socketWasUp = false;
    this.feedOnline = false;
    await feed?.stop();
  }

  private sessionExpired(): void {
    if (!this.session) return;
    this.opts.log('the newsroom server refused the session; signing out (local work is kept)');
    void this.stopLinks();
    const serverUrl = this.session.serverUrl;
    this.session = null;
    this.opts.settings.write('sync.session', null);
    this.lastError = 'unauthorized';
    this.opts.notice('session_expired', { serverUrl });
    this.emitStatus();
  }

  private noteError(err: NewsroomError): void {
    this.lastError = err.code;
    this.emitStatus();
  }

  private touchSync(): void {
    if (this.shut) return;
    this.lastSyncAt = this.now().toISOString();
    this.opts.settings.write('sync.lastSyncAt', this.lastSyncAt);
    this.scheduleStatus();
  }

  private ensureRelay(docId: string): DocRelay | null {
    const existing = this.relays.get(docId);
    if (existing) {
      const t = this.releaseTimers.get(docId);
      if (t) clearTimeout(t);
      this.releaseTimers.delete(docId);
      return existing;
    }
    if (!this.socket || !this.session || !parseDocId(docId)) return null;
    const parsed = parseDocId(docId)!;
    if (!this.opts.stories.get(parsed.storyId)) return null;
    const state = Y.encodeStateAsUpdate(this.opts.docs.get(docId));
    const relay = new DocRelay(docId, state, this.socket, this.session.token, {
      onRemoteUpdate: (update) => {
        try {
          this.opts.docs.push(docId, SERVER_ORIGIN, update);
        } catch (err) {
          this.opts.log(`could not store an update from the server for ${docId}`, err);
        }
      },
      onAllAcknowledged: () => this.acknowledged(docId),
      onAuthFailed: (reason) => {
        this.opts.log(`document ${docId} refused: ${reason}`);
        if (/unauthori[sz]ed|expired|token/i.test(reason)) this.sessionExpired();
        else this.drop(docId); // e.g. forbidden: not ours to sync
      },
      onAwareness: (update) => this.opts.awareness(docId, update),
    });
    this.relays.set(docId, relay);
    return relay;
  }

  private acknowledged(docId: string): void {
    const relay = this.relays.get(docId);
    if (!relay) return;
    // The relay was made from the hub's whole state and has been handed every local edit since
    // (changed() forwards synchronously), so the server now has them all. The state vectors
    // agreeing is a cheap check of that.
    const hub = Y.decodeStateVector(Y.encodeStateVector(this.opts.docs.get(docId)));
    const sent = Y.decodeStateVector(Y.encodeStateVector(relay.replica));
    const behind = [...hub].some(([client, clock]) => (sent.get(client) ?? 0) < clock);
    if (behind)
      relay.applyLocal(
        Y.encodeStateAsUpdate(this.opts.docs.get(docId), Y.encodeStateVector(relay.replica)),
      );
    else this.opts.store.clearDirty(docId);
    if (this.pulling.delete(docId)) this.pumpPulls();
    this.touchSync();
    this.maybeRelease(docId);
  }

  private drop(docId: string): void {
    this.relays.get(docId)?.destroy();
    this.relays.delete(docId);
    if (this.pulling.delete(docId)) this.pumpPulls();
  }

  /** Closes a relay nobody needs: no window has it open, nothing to send, nothing being pulled. */
  private maybeRelease(docId: string): void {
    const relay = this.relays.get(docId);
    if (!relay || this.open.has(docId) || this.pulling.has(docId) || !relay.idle) return;
    if (this.opts.store.dirtyDocs().includes(docId)) return;
    if (this.releaseTimers.has(docId)) return;
    const t = setTimeout(() => {
      this.releaseTimers.delete(docId);
      const r = this.relays.get(docId);
      if (r && !this.open.has(docId) && !this.pulling.has(docId) && r.idle) {
        r.destroy();
        this.relays.delete(docId);
      }
    }, 5_000);
    t.unref?.();
    this.releaseTimers.set(docId, t);
  }

  private applyFeed(page: FeedPage): void {
    const ids: string[] = [];
    for (const s of page.changes) {
      this.takeServerStory(s, false);
      ids.push(s.id);
      const docId = storyDocId(s.id);
      if (!this.relays.has(docId) && !this.pullQueue.includes(docId)) this.pullQueue.push(docId);
    }
    this.pumpPulls();
    if (ids.length) {
      this.opts.storiesChanged(ids);
      // Workflow steps move the story in the feed: views of it are out of date.
      this.opts.workflowChanged?.(ids);
    }
  }

  private takeServerStory(s: ServerStory, authoritative: boolean): void {
    if (authoritative) {
      const facts: ServerFacts = {
        status: s.status,
        deskId: s.deskId,
        assigneeId: s.assigneeId,
        revision: s.revision,
      };
      if (this.opts.stories.get(s.id)) this.opts.store.setFacts(s.id, facts);
      else this.opts.store.applyServerStory(s);
    } else {
      this.opts.store.applyServerStory(s);
    }
  }

  /** Pulls documents the feed named, a few at a time over the one socket. */
  private pumpPulls(): void {
    const limit = this.opts.pullConcurrency ?? 64;
    while (this.pulling.size < limit && this.pullQueue.length) {
      const docId = this.pullQueue.shift()!;
      if (this.relays.has(docId)) continue;
      if (this.ensureRelay(docId)) this.pulling.add(docId);
    }
    this.scheduleStatus();
  }

  private scheduleStatus(): void {
    if (this.statusTimer || this.shut) return;
    this.statusTimer = setTimeout(() => {
      this.statusTimer = null;
      this.emitStatus();
    }, 100);
    this.statusTimer.unref?.();
  }

  private emitStatus(): void {
    if (this.shut) return;
    this.opts.broadcast('sync.status', this.status());
  }
}

function isErrorCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}

/** The server's error details as the contract carries them (flat, primitive values). */
function plainDetails(details: unknown): HostErrorData['details'] {
  if (!details || typeof details !== 'object') return undefined;
  const out: NonNullable<HostErrorData['details']> = {};
  for (const [k, v] of Object.entries(details))
    if (v === null || ['string', 'number', 'boolean'].includes(typeof v))
      out[k] = v as string | number | boolean | null;
  return out;
}
