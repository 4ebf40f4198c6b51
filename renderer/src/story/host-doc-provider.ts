// Connects one Y.Doc in the renderer to the host's copy, and is the Yjs
// "provider" Lexical's CollaborationPlugin expects. Local updates are sent
// in small batches; an update stays queued here until the host says it is on
// disk, so a dropped link or a restarted host loses nothing that was typed.
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { fromBase64, toBase64 } from 'lib0/buffer';
import type { Provider, ProviderAwareness } from '@lexical/yjs';
import type { HostClient } from '../host/client';
import { HostError, type ErrorCode } from '@shared/api/errors';

export type SaveState =
  | { kind: 'saved' }
  | { kind: 'saving' }
  /** The host has the edit in memory but could not write it to disk yet; it keeps retrying. */
  | { kind: 'unsaved'; code: ErrorCode }
  /** The host cannot be reached; edits wait here. */
  | { kind: 'offline' };

type EventName = 'sync' | 'status' | 'update' | 'reload' | 'save';
type Listener = (arg: never) => void;

function randomClientId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class HostDocProvider implements Provider {
  /** y-protocols' Awareness, which is what Lexical's binding expects at run time. */
  private readonly yAwareness: Awareness;
  readonly awareness: ProviderAwareness;
  readonly clientId = randomClientId();
  private readonly listeners = new Map<EventName, Set<Listener>>();
  private queued: Uint8Array[] = [];
  private inflight = false;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private waitingForDisk = false;
  private connected = false;
  private closed = false;
  private unsubscribers: Array<() => void> = [];
  saveState: SaveState = { kind: 'saved' };
  private awarenessWired = false;
  private awarenessTimer: ReturnType<typeof setTimeout> | null = null;

  /** This window's presence (name, cursor) to the host, at most every 100 ms. */
  private readonly onLocalAwareness = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    if (origin === this || this.closed) return;
    if (![...change.added, ...change.updated, ...change.removed].includes(this.yAwareness.clientID))
      return;
    if (this.awarenessTimer) return;
    this.awarenessTimer = setTimeout(() => {
      this.awarenessTimer = null;
      if (this.closed) return;
      const update = encodeAwarenessUpdate(this.yAwareness, [this.yAwareness.clientID]);
      void this.client
        .call('doc.awareness', {
          docId: this.docId,
          clientId: this.clientId,
          update: toBase64(update),
        })
        .catch(() => undefined);
    }, 100);
  };

  constructor(
    readonly docId: string,
    readonly doc: Y.Doc,
    private readonly client: HostClient,
    private readonly flushDelayMs = 30,
  ) {
    this.yAwareness = new Awareness(doc);
    this.awareness = this.yAwareness as unknown as ProviderAwareness;
  }

  on(type: EventName, cb: Listener): void {
    let set = this.listeners.get(type);
    if (!set) this.listeners.set(type, (set = new Set()));
    set.add(cb);
  }
  off(type: EventName, cb: Listener): void {
    this.listeners.get(type)?.delete(cb);
  }
  private emit(type: EventName, arg: unknown): void {
    this.listeners.get(type)?.forEach((l) => (l as (a: unknown) => void)(arg));
  }

  private setSave(state: SaveState): void {
    this.saveState = state;
    this.emit('save', state);
  }

  private readonly onLocalUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === this) return;
    this.queued.push(update);
    if (this.saveState.kind === 'saved') this.setSave({ kind: 'saving' });
    this.scheduleFlush();
  };

  async connect(): Promise<void> {
    if (this.closed) return;
    this.emit('status', { status: 'connecting' });
    const { state } = await this.client.call('doc.open', {
      docId: this.docId,
      clientId: this.clientId,
    });
    if (this.closed) return;
    Y.applyUpdate(this.doc, fromBase64(state), this);
    if (!this.connected) {
      this.connected = true;
      this.doc.on('update', this.onLocalUpdate);
      this.unsubscribers.push(
        this.client.on('doc.update', (e) => {
          if (e.docId === this.docId && e.origin !== this.clientId)
            Y.applyUpdate(this.doc, fromBase64(e.update), this);
        }),
        this.client.on('doc.persisted', (e) => {
          if (e.docId === this.docId && this.waitingForDisk) {
            this.waitingForDisk = false;
            if (!this.queued.length && !this.inflight) this.setSave({ kind: 'saved' });
          }
        }),
        this.client.on('doc.awareness', (e) => {
          if (e.docId === this.docId)
            applyAwarenessUpdate(this.yAwareness, fromBase64(e.update), this);
        }),
        // After a dropped link the host may have restarted: open again and resend what waits.
        this.client.onReconnect(() => {
          void this.connect().then(() => this.flush());
        }),
      );
    }
    if (!this.awarenessWired) {
      this.awarenessWired = true;
      this.yAwareness.on('update', this.onLocalAwareness);
    }
    this.emit('status', { status: 'connected' });
    this.emit('sync', true);
    if (this.queued.length) this.flush();
  }

  private scheduleFlush(): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      this.flush();
    }, this.flushDelayMs);
  }

  /** Sends everything queued now (e.g. before the page goes away). */
  flush(): void {
    if (this.inflight || !this.queued.length || !this.connected) return;
    const batch = this.queued.length === 1 ? this.queued[0]! : Y.mergeUpdates(this.queued);
    const count = this.queued.length;
    this.inflight = true;
    this.client
      .call('doc.push', { docId: this.docId, clientId: this.clientId, update: toBase64(batch) })
      .then(
        ({ persisted }) => {
          // The host holds these now, on disk or (if persisted is false) in memory with retries.
          this.queued.splice(0, count);
          if (!persisted) this.waitingForDisk = true;
          this.afterPush(persisted ? null : 'storage_failed');
        },
        (err: unknown) => {
          const code = err instanceof HostError ? err.code : 'internal';
          if (code === 'invalid_input' || code === 'not_found') {
            // The host will never take this batch; keeping it would block everything after it.
            this.queued.splice(0, count);
            this.afterPush(code);
            return;
          }
          this.setSave({ kind: 'offline' });
          this.inflight = false;
          this.retryTimer = setTimeout(() => this.flush(), 1000);
        },
      );
  }

  private afterPush(problem: ErrorCode | null): void {
    this.inflight = false;
    if (this.queued.length) {
      this.flush();
      return;
    }
    if (problem) this.setSave({ kind: 'unsaved', code: problem });
    else if (this.waitingForDisk) this.setSave({ kind: 'unsaved', code: 'storage_failed' });
    else this.setSave({ kind: 'saved' });
  }

  /** Marks the doc as waiting for the disk with the host's reason (from `storage.status`). */
  noteStorageProblem(code: ErrorCode): void {
    if (this.waitingForDisk) this.setSave({ kind: 'unsaved', code });
  }

  disconnect(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.flushTimer = null;
    const finish = () => {
      this.unsubscribers.forEach((u) => u());
      this.unsubscribers = [];
      this.doc.off('update', this.onLocalUpdate);
      this.yAwareness.off('update', this.onLocalAwareness);
      if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
      void this.client
        .call('doc.close', { docId: this.docId, clientId: this.clientId })
        .catch(() => undefined);
      this.yAwareness.destroy();
    };
    if (this.queued.length && this.connected) {
      // Send what is left before leaving; the host acknowledges it even after we stop listening.
      const batch = Y.mergeUpdates(this.queued);
      this.queued = [];
      void this.client
        .call('doc.push', { docId: this.docId, clientId: this.clientId, update: toBase64(batch) })
        .catch(() => undefined)
        .finally(finish);
    } else {
      finish();
    }
    this.emit('status', { status: 'disconnected' });
  }
}
