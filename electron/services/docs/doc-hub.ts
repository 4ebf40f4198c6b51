// The host's hub for Yjs documents. Every update from a renderer is checked,
// appended to SQLite (synchronous=FULL) and only then acknowledged, applied to
// the in-memory document and relayed to the other editors of that document.
// If the disk refuses the write, the update stays in memory, the user is told,
// and the write is retried until it succeeds. Update logs are compacted into
// one snapshot now and then, off the typing path.
import * as Y from 'yjs';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../store/database';
import type { Connection } from '../host/connection';
import { storageErrorCode } from '../store/storage-errors';
import { HostError, type ErrorCode } from '@shared/api/errors';
import { toBase64 } from 'lib0/buffer';
import type { EventPayload } from '@shared/api/contract';

interface LoadedDoc {
  doc: Y.Doc;
  subscribers: Map<string, Connection>;
  /** Rows in doc_updates for this document since its snapshot. */
  logLength: number;
  /** Highest doc_updates.id written for this document. */
  lastUpdateId: number;
}

interface PendingUpdate {
  docId: string;
  data: Uint8Array;
  origin: string;
}

export interface StorageState {
  writable: boolean;
  code?: ErrorCode;
  pendingUpdates: number;
}

export interface DocHubOptions {
  /** Called after a document changed (any origin). */
  onChange?: (docId: string, doc: Y.Doc, origin: string, update: Uint8Array) => void;
  /**
   * Runs in the same transaction as the write of an update (so it happens if
   * and only if the update is on disk) — the sync service marks the document
   * as holding edits the server has not seen.
   */
  onStored?: (docId: string, origin: string) => void;
  /** Called when the ability to write changes, and while updates wait. */
  onStorage?: (state: StorageState) => void;
  /** Called for each document whose waiting updates finally reached the disk. */
  onPersisted?: (docId: string) => void;
  /** Compact a document's log once it holds this many updates. */
  compactEvery?: number;
  /** How many documents no window has open may stay loaded (least recently used go first). */
  maxIdleDocs?: number;
  /** First retry delay after a failed write (ms); doubles up to 10 s. */
  retryDelayMs?: number;
  now?: () => Date;
}

export const HOST_ORIGIN = 'host';

export class DocHub {
  private readonly docs = new Map<string, LoadedDoc>();
  private pending: PendingUpdate[] = [];
  private failure: ErrorCode | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryDelay: number;
  private readonly compactEvery: number;
  private readonly maxIdleDocs: number;
  private readonly insertUpdate: Statement;
  private readonly selectSnapshot: Statement<[string], { state: Buffer }>;
  private readonly selectUpdates: Statement<[string], { id: number; data: Buffer }>;
  private readonly now: () => Date;
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly opts: DocHubOptions = {},
  ) {
    this.compactEvery = opts.compactEvery ?? 500;
    this.maxIdleDocs = opts.maxIdleDocs ?? 32;
    this.retryDelay = opts.retryDelayMs ?? 500;
    this.now = opts.now ?? (() => new Date());
    this.insertUpdate = db.prepare(
      'INSERT INTO doc_updates (doc_id, data, created_at) VALUES (?, ?, ?)',
    );
    this.selectSnapshot = db.prepare('SELECT state FROM doc_snapshots WHERE doc_id = ?');
    this.selectUpdates = db.prepare(
      'SELECT id, data FROM doc_updates WHERE doc_id = ? ORDER BY id',
    );
  }

  private load(docId: string): LoadedDoc {
    const existing = this.docs.get(docId);
    if (existing) {
      // Map order is recency order: the least recently used idle documents are unloaded first.
      this.docs.delete(docId);
      this.docs.set(docId, existing);
      return existing;
    }
    const doc = new Y.Doc({ gc: true });
    const snap = this.selectSnapshot.get(docId);
    const updates = this.selectUpdates.all(docId);
    doc.transact(() => {
      if (snap) Y.applyUpdate(doc, snap.state);
      for (const u of updates) Y.applyUpdate(doc, u.data);
    }, HOST_ORIGIN);
    // Updates that failed to reach the disk are still ours to apply.
    for (const p of this.pending) if (p.docId === docId) Y.applyUpdate(doc, p.data, HOST_ORIGIN);
    const loaded: LoadedDoc = {
      doc,
      subscribers: new Map(),
      logLength: updates.length,
      lastUpdateId: updates.at(-1)?.id ?? 0,
    };
    this.docs.set(docId, loaded);
    this.trimIdle();
    return loaded;
  }

  /** The current document (loaded if needed). Callers must not modify it directly. */
  get(docId: string): Y.Doc {
    return this.load(docId).doc;
  }

  /** Subscribes `clientId` on `conn` to the document and returns its whole state. */
  open(docId: string, clientId: string, conn: Connection): Uint8Array {
    const d = this.load(docId);
    d.subscribers.set(clientId, conn);
    return Y.encodeStateAsUpdate(d.doc);
  }

  close(docId: string, clientId: string): void {
    const d = this.docs.get(docId);
    if (!d) return;
    d.subscribers.delete(clientId);
    if (d.subscribers.size === 0) this.unload(docId);
  }

  /** Unloads a document the host loaded for itself (export, diff) once no editor has it open. */
  release(docId: string): void {
    this.unload(docId);
  }

  /** Whether any editor has the document open. */
  isOpen(docId: string): boolean {
    return (this.docs.get(docId)?.subscribers.size ?? 0) > 0;
  }

  /** Unsubscribes every editor of a closed window; returns one document id per subscription dropped. */
  dropConnection(conn: Connection): string[] {
    const dropped: string[] = [];
    for (const [docId, d] of this.docs) {
      for (const [clientId, c] of d.subscribers) {
        if (c !== conn) continue;
        d.subscribers.delete(clientId);
        dropped.push(docId);
      }
      if (d.subscribers.size === 0) this.unload(docId);
    }
    return dropped;
  }

  /** Sends an event to each window that has the document open (once per window), except `exceptClientId`'s. */
  emitToEditors<E extends 'doc.awareness'>(
    docId: string,
    name: E,
    payload: EventPayload<E>,
    exceptClientId?: string,
  ): void {
    const d = this.docs.get(docId);
    if (!d) return;
    const sent = new Set<Connection>();
    for (const [clientId, conn] of d.subscribers) {
      if (clientId === exceptClientId || sent.has(conn)) continue;
      sent.add(conn);
      conn.emit(name, payload);
    }
  }

  /** Checks, stores, applies and relays one update. Resolves `persisted` only once it is on disk. */
  push(docId: string, origin: string, update: Uint8Array): { persisted: boolean } {
    if (this.closed) throw new HostError('storage_failed', 'the store is closed');
    try {
      Y.decodeUpdate(update);
    } catch {
      throw new HostError('invalid_input', 'not a Yjs update');
    }
    const d = this.load(docId);
    const persisted = this.write(docId, d, update, origin);
    Y.applyUpdate(d.doc, update, origin);
    this.relay(docId, d, origin, update);
    this.opts.onChange?.(docId, d.doc, origin, update);
    if (persisted && d.logLength >= this.compactEvery) setImmediate(() => this.compact(docId));
    return { persisted };
  }

  /**
   * Appends an update the host itself made (new story, import, duplicate) to
   * the log. Throws on a storage error — nothing is queued, so the caller's
   * transaction can roll back whole. Call `applyStored` after it commits.
   */
  storeHostUpdate(docId: string, update: Uint8Array): number {
    return Number(this.insertUpdate.run(docId, update, this.now().toISOString()).lastInsertRowid);
  }

  /** Brings a loaded document up to date with an update already stored by `storeHostUpdate`. */
  applyStored(docId: string, update: Uint8Array, rowId: number): void {
    const d = this.docs.get(docId);
    if (!d) return; // loads from the database, update included, when next opened
    d.logLength++;
    d.lastUpdateId = Math.max(d.lastUpdateId, rowId);
    Y.applyUpdate(d.doc, update, HOST_ORIGIN);
    this.relay(docId, d, HOST_ORIGIN, update);
    this.opts.onChange?.(docId, d.doc, HOST_ORIGIN, update);
  }

  /** Appends one update (and whatever `onStored` records) in one transaction. */
  private insert(docId: string, update: Uint8Array, origin: string, at: string): number {
    const onStored = this.opts.onStored;
    if (!onStored) return Number(this.insertUpdate.run(docId, update, at).lastInsertRowid);
    return this.db.transaction(() => {
      const id = Number(this.insertUpdate.run(docId, update, at).lastInsertRowid);
      onStored(docId, origin);
      return id;
    })();
  }

  private write(docId: string, d: LoadedDoc, update: Uint8Array, origin: string): boolean {
    if (this.pending.length) {
      // Keep order behind earlier failures; try them all now.
      this.pending.push({ docId, data: update, origin });
      return this.retryPending();
    }
    try {
      d.lastUpdateId = this.insert(docId, update, origin, this.now().toISOString());
      d.logLength++;
      return true;
    } catch (err) {
      const code = storageErrorCode(err);
      if (!code) throw err;
      this.pending.push({ docId, data: update, origin });
      this.fail(code);
      return false;
    }
  }

  private relay(docId: string, d: LoadedDoc, origin: string, update: Uint8Array): void {
    if (d.subscribers.size === 0) return;
    const payload = { docId, origin, update: toBase64(update) };
    // One event per connection, even when it has several editors on this document.
    const sent = new Set<Connection>();
    for (const [clientId, conn] of d.subscribers) {
      if (clientId === origin || sent.has(conn)) continue;
      sent.add(conn);
      conn.emit('doc.update', payload);
    }
  }

  private fail(code: ErrorCode): void {
    this.failure = code;
    this.opts.onStorage?.({ writable: false, code, pendingUpdates: this.pending.length });
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.retryTimer || this.closed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.retryPending()) {
        this.retryDelay = Math.min(this.retryDelay * 2, 10_000);
        this.scheduleRetry();
      }
    }, this.retryDelay);
    this.retryTimer.unref?.();
  }

  /** Writes every waiting update in one transaction. True when nothing waits any more. */
  retryPending(): boolean {
    if (!this.pending.length) return true;
    const batch = this.pending;
    const ids = new Map<string, number>();
    try {
      this.db.transaction(() => {
        const at = this.now().toISOString();
        for (const p of batch) ids.set(p.docId, this.insert(p.docId, p.data, p.origin, at));
      })();
    } catch (err) {
      const code = storageErrorCode(err);
      if (!code) throw err;
      if (code !== this.failure) this.fail(code);
      else this.opts.onStorage?.({ writable: false, code, pendingUpdates: this.pending.length });
      this.scheduleRetry();
      return false;
    }
    this.pending = [];
    this.failure = null;
    this.retryDelay = this.opts.retryDelayMs ?? 500;
    for (const [docId, lastId] of ids) {
      const d = this.docs.get(docId);
      if (d) {
        d.logLength += batch.filter((p) => p.docId === docId).length;
        d.lastUpdateId = lastId;
      }
      this.opts.onPersisted?.(docId);
    }
    this.opts.onStorage?.({ writable: true, pendingUpdates: 0 });
    return true;
  }

  /** Documents in memory (for tests and diagnostics). */
  get loadedCount(): number {
    return this.docs.size;
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  /** Folds a document's update log into one snapshot. */
  compact(docId: string): void {
    const d = this.docs.get(docId);
    if (!d || d.logLength === 0 || this.pending.some((p) => p.docId === docId)) return;
    const state = Y.encodeStateAsUpdate(d.doc);
    const upTo = d.lastUpdateId;
    try {
      this.db.transaction(() => {
        this.db
          .prepare(
            `INSERT INTO doc_snapshots (doc_id, state, updated_at) VALUES (?, ?, ?)
             ON CONFLICT (doc_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
          )
          .run(docId, state, this.now().toISOString());
        this.db.prepare('DELETE FROM doc_updates WHERE doc_id = ? AND id <= ?').run(docId, upTo);
      })();
      d.logLength = 0;
    } catch (err) {
      // Compaction is an optimisation: the log still holds everything.
      if (!storageErrorCode(err)) throw err;
    }
  }

  private unload(docId: string): void {
    const d = this.docs.get(docId);
    if (!d || d.subscribers.size > 0) return;
    if (this.pending.some((p) => p.docId === docId)) return;
    this.compact(docId);
    d.doc.destroy();
    this.docs.delete(docId);
  }

  /**
   * Documents nobody has open stay in memory for a while (search projection,
   * sync, reopening); past this many the least recently used are compacted
   * and unloaded, so pulling a thousand stories does not hold a thousand docs.
   */
  private trimIdle(): void {
    let idle = 0;
    for (const d of this.docs.values()) if (d.subscribers.size === 0) idle++;
    for (const [docId, d] of this.docs) {
      if (idle <= this.maxIdleDocs) break;
      if (d.subscribers.size > 0) continue;
      if (this.pending.some((p) => p.docId === docId)) continue;
      this.unload(docId);
      idle--;
    }
  }

  /** Forgets a document for good (story deleted from the trash). */
  delete(docId: string): void {
    const d = this.docs.get(docId);
    d?.doc.destroy();
    this.docs.delete(docId);
    this.pending = this.pending.filter((p) => p.docId !== docId);
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM doc_updates WHERE doc_id = ?').run(docId);
      this.db.prepare('DELETE FROM doc_snapshots WHERE doc_id = ?').run(docId);
    })();
  }

  /** Compacts what can be compacted and stops retrying. Pending updates are tried one last time. */
  shutdown(): void {
    this.retryPending();
    for (const docId of this.docs.keys()) this.compact(docId);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.closed = true;
    for (const d of this.docs.values()) d.doc.destroy();
    this.docs.clear();
  }
}
