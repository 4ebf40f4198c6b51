// Story rows, shares, the feed counter and the event log: the queries every
// writer (commands, document projection, first connection) shares. Every
// write takes the next feed sequence under the counter's row lock, so the
// feed's order is the order of commits.
import crypto from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/database';
import type { Engine } from '../db/migrations/types';
import type { Schema, StoriesTable } from '../db/schema';
import { PrioritySchema, StoryStatusSchema } from '@shared/domain/story';
import type { ServerStory } from '@shared/sync/stories';

export type Tx = Transaction<Schema> | Db;

export function storyFromRow(r: StoriesTable): ServerStory {
  return {
    id: r.id,
    deskId: r.desk_id,
    authorId: r.author_id,
    assigneeId: r.assignee_id,
    status: StoryStatusSchema.parse(r.status),
    revision: Number(r.revision),
    priority: PrioritySchema.parse(r.priority),
    section: r.section,
    keywords: JSON.parse(r.keywords) as string[],
    embargo: r.embargo,
    headline: r.headline,
    wordCount: Number(r.word_count),
    excerpt: r.excerpt,
    filedAt: r.filed_at === null ? null : new Date(Number(r.filed_at)).toISOString(),
    createdAt: new Date(Number(r.created_at)).toISOString(),
    updatedAt: new Date(Number(r.updated_at)).toISOString(),
    seq: Number(r.seq),
  };
}

export function rowFromStory(s: Omit<ServerStory, 'seq'>, seq: number): StoriesTable {
  return {
    id: s.id,
    desk_id: s.deskId,
    author_id: s.authorId,
    assignee_id: s.assigneeId,
    status: s.status,
    revision: s.revision,
    priority: s.priority,
    section: s.section,
    keywords: JSON.stringify(s.keywords),
    embargo: s.embargo,
    headline: s.headline,
    word_count: s.wordCount,
    excerpt: s.excerpt,
    filed_at: s.filedAt === null ? null : Date.parse(s.filedAt),
    created_at: Date.parse(s.createdAt),
    updated_at: Date.parse(s.updatedAt),
    seq,
  };
}

export async function getStory(
  tx: Tx,
  id: string,
  engine: Engine,
  forUpdate = false,
): Promise<ServerStory | null> {
  let q = tx.selectFrom('stories').selectAll().where('id', '=', id);
  // SQLite has one writer at a time already; PostgreSQL needs the row lock.
  if (forUpdate && engine === 'postgres') q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? storyFromRow(row) : null;
}

export async function isSharedWith(tx: Tx, storyId: string, userId: string): Promise<boolean> {
  const r = await tx
    .selectFrom('story_shares')
    .select('story_id')
    .where('story_id', '=', storyId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return !!r;
}

/** Takes the next feed position; holds the counter's row lock until the transaction ends. */
export async function nextSeq(tx: Tx): Promise<number> {
  const r = await sql<{ seq: number | string }>`
    UPDATE feed_counter SET seq = seq + 1 WHERE id = 1 RETURNING seq`.execute(tx);
  return Number(r.rows[0]!.seq);
}

export async function currentSeq(tx: Tx): Promise<number> {
  const r = await tx
    .selectFrom('feed_counter')
    .select('seq')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(r.seq);
}

export async function upsertStory(
  tx: Tx,
  story: Omit<ServerStory, 'seq'>,
  seq: number,
): Promise<void> {
  const row = rowFromStory(story, seq);
  const { id: _id, ...rest } = row;
  await tx
    .insertInto('stories')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet(rest))
    .execute();
}

export const GENESIS_HASH = '0'.repeat(64);

export interface NewEvent {
  seq: number;
  storyId: string;
  actorId: string;
  type: string;
  commandId: string | null;
  payload: Record<string, unknown>;
  at: number;
}

/** The hash of one event: its predecessor's hash and its own fields, in a fixed order. */
export function eventHash(prevHash: string, e: NewEvent): string {
  const body = JSON.stringify([e.seq, e.storyId, e.actorId, e.type, e.commandId, e.payload, e.at]);
  return crypto.createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

/** Appends to the log; call while holding the feed counter lock, which keeps the chain linear. */
export async function appendEvent(tx: Tx, e: NewEvent): Promise<string> {
  const last = await tx
    .selectFrom('events')
    .select('hash')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = eventHash(prevHash, e);
  await tx
    .insertInto('events')
    .values({
      seq: e.seq,
      story_id: e.storyId,
      actor_id: e.actorId,
      type: e.type,
      command_id: e.commandId,
      payload: JSON.stringify(e.payload),
      at: e.at,
      prev_hash: prevHash,
      hash,
    })
    .execute();
  return hash;
}

/** Recomputes the chain; the index of the first broken event, or -1. Issue 6's audit builds on it. */
export async function verifyEventChain(db: Db): Promise<number> {
  const rows = await db.selectFrom('events').selectAll().orderBy('id').execute();
  let prev = GENESIS_HASH;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const e: NewEvent = {
      seq: Number(r.seq),
      storyId: r.story_id,
      actorId: r.actor_id,
      type: r.type,
      commandId: r.command_id,
      payload: JSON.parse(r.payload) as Record<string, unknown>,
      at: Number(r.at),
    };
    if (r.prev_hash !== prev || eventHash(prev, e) !== r.hash) return i;
    prev = r.hash;
  }
  return -1;
}
