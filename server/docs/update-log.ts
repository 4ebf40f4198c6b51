// The durable home of every Yjs document: an append-only log of updates plus
// one compacted snapshot per document. Appends are group-committed: updates
// that arrive while a commit is on its way go together in the next one, so
// under load many keystrokes share one fsync and none waits behind a timer.
import * as Y from 'yjs';
import { sql } from 'kysely';
import type Database from 'better-sqlite3';
import type { Db } from '../db/database';
import type { Engine } from '../db/migrations/types';

interface Pending {
  docName: string;
  data: Uint8Array;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export interface LoadedState {
  updates: Uint8Array[];
  /** Highest log id read, 0 when the log was empty. */
  upTo: number;
}

const MAX_BATCH = 500;
const EMPTY_STATE = Y.encodeStateAsUpdate(new Y.Doc());

function toBuffer(u: Uint8Array): Buffer {
  return Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}

export class UpdateLog {
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;
  /** Appends since the last compaction, per document (this instance's view). */
  private readonly sinceCompact = new Map<string, number>();
  appended = 0;
  commits = 0;

  private readonly sqliteAppend: ((rows: readonly Pending[], at: number) => void) | null;

  constructor(
    private readonly db: Db,
    private readonly engine: Engine,
    private readonly now: () => number = Date.now,
    sqlite?: Database.Database,
  ) {
    // SQLite commits block the event loop, so the hot path uses one prepared
    // statement in one transaction instead of building SQL for every batch.
    if (sqlite) {
      const insert = sqlite.prepare(
        'INSERT INTO doc_updates (doc_name, data, created_at) VALUES (?, ?, ?)',
      );
      this.sqliteAppend = sqlite.transaction((rows: readonly Pending[], at: number) => {
        for (const p of rows) insert.run(p.docName, toBuffer(p.data), at);
      });
    } else this.sqliteAppend = null;
  }

  /** Resolves once the update is committed to the database. */
  append(docName: string, data: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ docName, data, resolve, reject });
      // Start on the next turn, not now: every message that arrived in this
      // turn joins the same commit. SQLite's commit is synchronous (an fsync
      // that holds the event loop ≈ 1 ms here), so without this each
      // keystroke would be a commit of its own.
      this.flushing ??= new Promise<void>((r) => setImmediate(r)).then(() => this.flushLoop());
    });
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          const at = this.now();
          if (this.sqliteAppend) this.sqliteAppend(batch, at);
          else
            await this.db
              .insertInto('doc_updates')
              .values(
                batch.map((p) => ({ doc_name: p.docName, data: toBuffer(p.data), created_at: at })),
              )
              .execute();
          this.commits++;
          this.appended += batch.length;
          for (const p of batch) {
            this.sinceCompact.set(p.docName, (this.sinceCompact.get(p.docName) ?? 0) + 1);
            p.resolve();
          }
        } catch (err) {
          for (const p of batch) p.reject(err);
        }
      }
    } finally {
      this.flushing = null;
    }
  }

  /** Waits for every append made so far to reach the database. */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  /** The snapshot and every update after it, oldest first. */
  async load(docName: string): Promise<LoadedState> {
    // Every row still in the log, not only those above the snapshot's up_to:
    // on PostgreSQL ids are handed out before commit, so a row with a lower id
    // can commit after a compaction that folded higher ones. Compaction deletes
    // exactly the rows it folded; anything left is applied (Yjs ignores repeats).
    // Rows before the snapshot: a compaction committing between the two reads
    // then folds the rows read into the snapshot read (the other order could
    // read an old snapshot and find its rows already deleted).
    const rows = await this.db
      .selectFrom('doc_updates')
      .select(['id', 'data'])
      .where('doc_name', '=', docName)
      .orderBy('id')
      .execute();
    const snap = await this.db
      .selectFrom('doc_snapshots')
      .select(['state', 'up_to'])
      .where('doc_name', '=', docName)
      .executeTakeFirst();
    const updates = rows.map((r) => new Uint8Array(r.data));
    if (snap) updates.unshift(new Uint8Array(snap.state));
    return { updates, upTo: Math.max(rows.at(-1)?.id ?? 0, Number(snap?.up_to ?? 0)) };
  }

  pendingCompaction(docName: string): number {
    return this.sinceCompact.get(docName) ?? 0;
  }

  forget(docName: string): void {
    this.sinceCompact.delete(docName);
  }

  /**
   * Folds the log into the snapshot, from the database alone (never from
   * memory, which on one instance of several may lack what another stored).
   * The snapshot row is locked so two compactions cannot interleave.
   * Returns the number of log rows folded.
   */
  async compact(docName: string, onBadUpdate?: (err: unknown) => void): Promise<number> {
    const folded = await this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('doc_snapshots')
        .values({
          doc_name: docName,
          state: toBuffer(EMPTY_STATE),
          up_to: 0,
          updated_at: this.now(),
        })
        .onConflict((oc) => oc.column('doc_name').doNothing())
        .execute();
      const lockClause = this.engine === 'postgres' ? sql` FOR UPDATE` : sql``;
      const snapRes = await sql<{ state: Uint8Array; up_to: number }>`
        SELECT state, up_to FROM doc_snapshots WHERE doc_name = ${docName}${lockClause}`.execute(
        tx,
      );
      const snap = snapRes.rows[0]!;
      const rows = await tx
        .selectFrom('doc_updates')
        .select(['id', 'data'])
        .where('doc_name', '=', docName)
        .orderBy('id')
        .execute();
      if (rows.length === 0) return 0;
      const doc = new Y.Doc();
      applyAll(
        doc,
        [new Uint8Array(snap.state), ...rows.map((r) => new Uint8Array(r.data))],
        onBadUpdate,
      );
      const state = Y.encodeStateAsUpdate(doc);
      doc.destroy();
      const upTo = Math.max(Number(snap.up_to), rows.at(-1)!.id);
      await tx
        .updateTable('doc_snapshots')
        .set({ state: toBuffer(state), up_to: upTo, updated_at: this.now() })
        .where('doc_name', '=', docName)
        .execute();
      // Exactly the rows folded, never "everything up to an id" (see load()).
      const ids = rows.map((r) => r.id);
      for (let k = 0; k < ids.length; k += 500)
        await tx
          .deleteFrom('doc_updates')
          .where('id', 'in', ids.slice(k, k + 500))
          .execute();
      return rows.length;
    });
    this.sinceCompact.set(docName, 0);
    return folded;
  }
}

/**
 * Applies stored updates one by one. An update that throws is skipped (and
 * reported) rather than making the whole document unloadable for good.
 */
export function applyAll(
  doc: Y.Doc,
  updates: readonly Uint8Array[],
  onBadUpdate?: (err: unknown) => void,
  origin?: unknown,
): void {
  doc.transact(() => {
    for (const u of updates) {
      try {
        Y.applyUpdate(doc, u, origin);
      } catch (err) {
        onBadUpdate?.(err);
      }
    }
  }, origin);
}
