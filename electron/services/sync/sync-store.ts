// The sync service's tables (migration 003): documents with edits the server
// has not acknowledged, the outbox of workflow commands, and the server's
// facts about each story.
import type { Statement } from 'better-sqlite3';
import type { Db } from '../store/database';
import type { StoryStore } from '../store/story-store';
import type { ServerStory } from '@shared/sync/stories';
import type { Command } from '@shared/sync/commands';
import { storyDocId } from '@shared/body/story-doc';

/** A story's server-side facts as the outbox saw them, to put back if a command is rejected. */
export interface ServerFacts {
  status: string;
  deskId: string | null;
  assigneeId: string | null;
  revision: number;
}

export interface OutboxEntry {
  id: string;
  seq: number;
  storyId: string;
  command: Command;
  undo: ServerFacts;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
}

interface OutboxRow {
  id: string;
  seq: number;
  story_id: string;
  command: string;
  undo: string;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
}

function toEntry(r: OutboxRow): OutboxEntry {
  return {
    id: r.id,
    seq: r.seq,
    storyId: r.story_id,
    command: JSON.parse(r.command) as Command,
    undo: JSON.parse(r.undo) as ServerFacts,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
  };
}

export class SyncStore {
  private readonly markDirtyStmt: Statement;
  private readonly dirtyCount: Statement<[], { n: number | null }>;

  constructor(
    private readonly db: Db,
    private readonly stories: StoryStore,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.markDirtyStmt = db.prepare(
      `INSERT INTO sync_dirty (doc_id, since, updates) VALUES (?, ?, 1)
       ON CONFLICT (doc_id) DO UPDATE SET updates = updates + 1`,
    );
    this.dirtyCount = db.prepare('SELECT sum(updates) n FROM sync_dirty');
  }

  // ---- documents waiting to be sent ------------------------------------

  markDirty(docId: string): void {
    this.markDirtyStmt.run(docId, this.now().toISOString());
  }

  clearDirty(docId: string): void {
    this.db.prepare('DELETE FROM sync_dirty WHERE doc_id = ?').run(docId);
  }

  dirtyDocs(): string[] {
    return this.db
      .prepare<[], { doc_id: string }>('SELECT doc_id FROM sync_dirty ORDER BY since')
      .all()
      .map((r) => r.doc_id);
  }

  /** Local edits (Yjs updates) the server has not acknowledged yet. */
  pendingUpdates(): number {
    return this.dirtyCount.get()?.n ?? 0;
  }

  // ---- the outbox ------------------------------------------------------

  enqueue(command: Command, undo: ServerFacts): void {
    const seq =
      (this.db.prepare<[], { s: number | null }>('SELECT max(seq) s FROM outbox').get()?.s ?? 0) +
      1;
    this.db
      .prepare(
        'INSERT INTO outbox (id, seq, story_id, command, undo, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        command.id,
        seq,
        command.storyId,
        JSON.stringify(command),
        JSON.stringify(undo),
        this.now().toISOString(),
      );
  }

  /** The oldest command (commands go out in the order they were made). */
  head(): OutboxEntry | null {
    const r = this.db.prepare<[], OutboxRow>('SELECT * FROM outbox ORDER BY seq LIMIT 1').get();
    return r ? toEntry(r) : null;
  }

  outboxFor(storyId: string): OutboxEntry[] {
    return this.db
      .prepare<[string], OutboxRow>('SELECT * FROM outbox WHERE story_id = ? ORDER BY seq')
      .all(storyId)
      .map(toEntry);
  }

  outboxSize(): number {
    return this.db.prepare<[], { n: number }>('SELECT count(*) n FROM outbox').get()!.n;
  }

  recordAttempt(id: string, error: string, nextAttemptAt: Date): void {
    this.db
      .prepare(
        'UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?',
      )
      .run(error.slice(0, 500), nextAttemptAt.toISOString(), id);
  }

  remove(id: string): void {
    this.db.prepare('DELETE FROM outbox WHERE id = ?').run(id);
  }

  /** Commands queued after `seq` for the same story (they were made on top of the rejected one). */
  laterFor(storyId: string, seq: number): OutboxEntry[] {
    return this.outboxFor(storyId).filter((e) => e.seq > seq);
  }

  // ---- the server's facts ----------------------------------------------

  facts(storyId: string): ServerFacts | null {
    const r = this.db
      .prepare<
        [string],
        {
          status: string;
          desk_id: string | null;
          assignee_id: string | null;
          server_revision: number;
        }
      >('SELECT status, desk_id, assignee_id, server_revision FROM stories WHERE id = ?')
      .get(storyId);
    return r
      ? {
          status: r.status,
          deskId: r.desk_id,
          assigneeId: r.assignee_id,
          revision: r.server_revision,
        }
      : null;
  }

  setFacts(storyId: string, f: ServerFacts): void {
    this.db
      .prepare(
        'UPDATE stories SET status = ?, desk_id = ?, assignee_id = ?, server_revision = ?, updated_at = ? WHERE id = ?',
      )
      .run(f.status, f.deskId, f.assigneeId, f.revision, this.now().toISOString(), storyId);
  }

  /**
   * Takes in the server's view of a story. A story this machine has never
   * seen gets a row from the server's projection (headline, excerpt, 字数),
   * searchable at once; its text follows through the document sync.
   * Returns true when the story is new here.
   */
  applyServerStory(s: ServerStory): boolean {
    const exists = this.stories.get(s.id) !== null;
    const pending = this.outboxFor(s.id).length > 0;
    return this.db.transaction(() => {
      if (!exists) {
        this.db
          .prepare(
            `INSERT INTO stories (id, status, created_at, updated_at, headline, section, keywords, priority, embargo,
               word_count, excerpt, desk_id, author_id, assignee_id, server_revision, server_seq)
             VALUES (@id, @status, @createdAt, @updatedAt, @headline, @section, @keywords, @priority, @embargo,
               @wordCount, @excerpt, @deskId, @authorId, @assigneeId, @revision, @seq)`,
          )
          .run({ ...s, keywords: JSON.stringify(s.keywords) });
        this.stories.writeText(s.id, s.headline, s.excerpt);
      } else if (!pending) {
        // While our own commands wait, our optimistic facts stand; the answer will settle them.
        this.db
          .prepare(
            `UPDATE stories SET status = @status, desk_id = @deskId, author_id = @authorId, assignee_id = @assigneeId,
               server_revision = @revision, server_seq = @seq WHERE id = @id`,
          )
          .run(s);
      } else {
        this.db
          .prepare('UPDATE stories SET author_id = @authorId, server_seq = @seq WHERE id = @id')
          .run(s);
      }
      return !exists;
    })();
  }

  /** Every story document that exists on this machine (the candidates for a first upload). */
  localStoryDocs(): string[] {
    return this.db
      .prepare<[], { id: string }>(
        'SELECT id FROM stories WHERE trashed_at IS NULL ORDER BY updated_at DESC',
      )
      .all()
      .map((r) => storyDocId(r.id));
  }
}
