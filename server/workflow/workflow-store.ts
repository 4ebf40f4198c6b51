// Where workflow events are written: the story's event log (the events
// table, with the feed's sequence), the hash-chained audit log in
// shared/audit's format, the projected state row, the story row the feed
// carries, and a notification for everyone something just landed on.
// Every writer calls these inside a transaction that holds the feed
// counter's lock (nextSeq), which keeps both chains linear.
import { appendEntry, verifyChain, workflowEntry, type AuditEntry } from '@shared/audit/chain';
import type { AuditEntryBody, ChainVerification } from '@shared/audit/chain';
import {
  apply,
  describeEvent,
  rebuild,
  myQueues,
  QUEUE_NAMES,
  storyStatus,
  StoryWorkflowSchema,
  WorkflowEventSchema,
  type Directory,
  type StoryWorkflow,
  type WorkflowEvent,
} from '@shared/workflow';
import { ActorRefSchema, actorKey, type ActorRef } from '@shared/workflow/roles';
import type { ServerStory } from '@shared/sync/stories';
import crypto from 'node:crypto';
import { isUuidV7 } from '@shared/domain/ids';
import type { Db } from '../db/database';
import type { Engine } from '../db/migrations/types';
import { appendEvent, getStory, nextSeq, upsertStory, type Tx } from '../stories/story-repo';

export const WORKFLOW_EVENT_TYPES: readonly string[] = WorkflowEventSchema.options.map(
  (o) => o.shape.type.value,
);

/** A UUIDv7-shaped id derived from any string (the older API's command ids are not UUIDs). */
export function derivedId(seed: string): string {
  const h = crypto.createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-7${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The workflow event the older `story.file` command stands for (发稿 to the desk). */
export function legacyFiledEvent(r: {
  story_id: string;
  actor_id: string;
  command_id: string | null;
  payload: string;
  at: number;
}): WorkflowEvent {
  const payload = JSON.parse(r.payload) as { deskId?: unknown };
  const commandId = r.command_id ?? `${r.story_id}:${r.at}`;
  return {
    type: 'story_filed',
    storyId: r.story_id,
    commandId: isUuidV7(commandId) ? commandId : derivedId(commandId),
    at: new Date(Number(r.at)).toISOString(),
    actor: { kind: 'person', userId: r.actor_id },
    desk: String(payload.deskId),
    owner: r.actor_id,
  };
}

export async function loadWorkflowEvents(tx: Tx, storyId: string): Promise<WorkflowEvent[]> {
  const rows = await tx
    .selectFrom('events')
    .select(['story_id', 'actor_id', 'command_id', 'type', 'payload', 'at'])
    .where('story_id', '=', storyId)
    .where('type', 'in', [...WORKFLOW_EVENT_TYPES, 'story.file'])
    .orderBy('id')
    .execute();
  return rows.map((r) =>
    r.type === 'story.file'
      ? legacyFiledEvent(r)
      : WorkflowEventSchema.parse(JSON.parse(r.payload)),
  );
}

export async function loadWorkflowState(tx: Tx, storyId: string): Promise<StoryWorkflow> {
  const row = await tx
    .selectFrom('workflow_states')
    .select('state')
    .where('story_id', '=', storyId)
    .executeTakeFirst();
  if (row) return StoryWorkflowSchema.parse(JSON.parse(row.state));
  // No projection yet (a story filed before the workflow existed, through the older
  // story.file): fold whatever its log holds.
  return rebuild(storyId, await loadWorkflowEvents(tx, storyId));
}

/**
 * A database from before the audit log: its event log is copied into the
 * chain once, in order, so the chain covers the whole history. Returns how
 * many entries were written (0 when the log already has entries).
 */
export async function backfillAuditLog(db: Db): Promise<number> {
  return db.transaction().execute(async (tx) => {
    await nextSeq(tx);
    const any = await tx.selectFrom('audit_log').select('seq').limit(1).executeTakeFirst();
    if (any) return 0;
    const rows = await tx.selectFrom('events').selectAll().orderBy('id').execute();
    for (const r of rows) {
      if (WORKFLOW_EVENT_TYPES.includes(r.type)) {
        await appendAudit(tx, workflowEntry(WorkflowEventSchema.parse(JSON.parse(r.payload))));
        continue;
      }
      await appendAudit(tx, {
        at: new Date(Number(r.at)).toISOString(),
        storyId: r.story_id,
        actor: r.actor_id.startsWith('system:')
          ? { kind: 'system', name: r.actor_id === 'system:scheduler' ? 'scheduler' : 'publisher' }
          : { kind: 'person', userId: r.actor_id },
        type: legacyAuditType(r.type),
        data: {
          ...(r.command_id ? { commandId: r.command_id } : {}),
          ...(JSON.parse(r.payload) as Record<string, unknown>),
        },
      });
    }
    return rows.length;
  });
}

/**
 * Stories filed before the workflow existed have no projected state; queues
 * read projections, so fold them once at start-up. Returns how many were added.
 */
export async function backfillWorkflowStates(db: Db, now: number): Promise<number> {
  const missing = await db
    .selectFrom('stories')
    .leftJoin('workflow_states', 'workflow_states.story_id', 'stories.id')
    .select('stories.id')
    .where('workflow_states.story_id', 'is', null)
    .where('stories.status', '<>', 'draft')
    .execute();
  let added = 0;
  for (const { id } of missing) {
    const state = rebuild(id, await loadWorkflowEvents(db, id));
    if (state.version === 0) continue;
    await db
      .insertInto('workflow_states')
      .values({
        story_id: id,
        state: JSON.stringify(state),
        version: state.version,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('story_id').doNothing())
      .execute();
    added++;
  }
  return added;
}

export async function allWorkflowStates(
  tx: Tx,
  opts: { scheduledOnly?: boolean } = {},
): Promise<StoryWorkflow[]> {
  let q = tx.selectFrom('workflow_states').select('state');
  // The scheduler looks every few seconds: only states that have a scheduled version.
  if (opts.scheduledOnly) q = q.where('state', 'like', '%"stage":"scheduled"%');
  const rows = await q.execute();
  return rows.map((r) => StoryWorkflowSchema.parse(JSON.parse(r.state)));
}

function entryFromRow(r: {
  seq: number;
  at: string;
  story_id: string | null;
  actor: string;
  type: string;
  data: string;
  prev_hash: string;
  hash: string;
}): AuditEntry {
  return {
    seq: Number(r.seq),
    at: r.at,
    storyId: r.story_id,
    actor: ActorRefSchema.parse(JSON.parse(r.actor)),
    type: r.type,
    data: JSON.parse(r.data) as Record<string, unknown>,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** Appends one entry to the audit chain (call while holding the feed counter lock). */
export async function appendAudit(tx: Tx, body: Omit<AuditEntryBody, 'seq'>): Promise<AuditEntry> {
  const last = await tx
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const entry = appendEntry(last ? entryFromRow(last) : null, body);
  await tx
    .insertInto('audit_log')
    .values({
      seq: entry.seq,
      at: entry.at,
      story_id: entry.storyId,
      actor: JSON.stringify(entry.actor),
      type: entry.type,
      data: JSON.stringify(entry.data),
      prev_hash: entry.prevHash,
      hash: entry.hash,
    })
    .execute();
  return entry;
}

/** Audit entry type for a command of the older story API (`story.update-meta` → `story.update_meta`). */
export function legacyAuditType(type: string): string {
  return type.replace(/-/g, '_');
}

export async function auditEntries(db: Tx, storyId?: string): Promise<AuditEntry[]> {
  let q = db.selectFrom('audit_log').selectAll().orderBy('seq');
  if (storyId) q = q.where('story_id', '=', storyId);
  return (await q.execute()).map(entryFromRow);
}

/** Checks the whole chain as stored. */
export async function verifyAuditLog(db: Db): Promise<ChainVerification> {
  return verifyChain(await auditEntries(db));
}

function actorId(a: ActorRef): string {
  return actorKey(a);
}

export interface RecordOptions {
  engine: Engine;
  seq: number;
  directory: Directory;
  now: number;
  /** False when the caller already wrote the story row and its event (the older story.file). */
  updateRow?: boolean;
  /** Current content hash per version, for the story's status ("approved" needs the current hash). */
  contentHashes?: Partial<Record<string, string>>;
  /** The variant per channel as it is now, kept with a delivery so exactly the approved version goes out. */
  snapshots?: Partial<Record<string, Record<string, unknown>>>;
}

/**
 * Writes workflow events decided on `state`: each goes to the event log and
 * the audit chain, the state is folded and stored, the story row follows
 * (status, revision, feed position) and the people something landed on are
 * notified. Returns the new state and the story row.
 */
export async function recordWorkflowEvents(
  tx: Tx,
  state: StoryWorkflow,
  events: readonly WorkflowEvent[],
  opts: RecordOptions,
): Promise<{ state: StoryWorkflow; story: ServerStory | null }> {
  let next = state;
  for (const e of events) {
    if (opts.updateRow !== false)
      await appendEvent(tx, {
        seq: opts.seq,
        storyId: e.storyId,
        actorId: actorId(e.actor),
        type: e.type,
        commandId: e.commandId,
        payload: JSON.parse(JSON.stringify(e)) as Record<string, unknown>,
        at: opts.now,
      });
    await appendAudit(tx, workflowEntry(e));
    const before = next;
    next = apply(next, e);
    await notify(tx, before, next, e, opts);
  }
  await tx
    .insertInto('workflow_states')
    .values({
      story_id: next.storyId,
      state: JSON.stringify(next),
      version: next.version,
      updated_at: opts.now,
    })
    .onConflict((oc) =>
      oc.column('story_id').doUpdateSet({
        state: JSON.stringify(next),
        version: next.version,
        updated_at: opts.now,
      }),
    )
    .execute();
  for (const e of events)
    if (e.type === 'published' || e.type === 'corrected')
      await tx
        .insertInto('deliveries')
        .values({
          story_id: e.storyId,
          channel: e.channel,
          revision: e.revision,
          content_hash: e.contentHash,
          status: 'pending',
          attempts: 0,
          progress: JSON.stringify({ snapshot: opts.snapshots?.[e.channel] ?? null }),
          url: null,
          external_id: null,
          error: null,
          lease_until: null,
          next_attempt_at: opts.now,
          delivered_at: null,
          created_at: opts.now,
        })
        .onConflict((oc) => oc.columns(['story_id', 'channel', 'revision']).doNothing())
        .execute();
  const row = await getStory(tx, next.storyId, opts.engine, true);
  if (!row) return { state: next, story: null };
  if (opts.updateRow === false) return { state: next, story: row };
  const iso = new Date(opts.now).toISOString();
  const { seq: _old, ...rest } = row;
  const filed = events.find((e) => e.type === 'story_filed');
  const updated = {
    ...rest,
    status: storyStatus(next, opts.contentHashes ?? {}),
    deskId: next.desk ?? rest.deskId,
    assigneeId: next.assignee ?? (filed ? null : rest.assigneeId),
    filedAt: filed ? iso : rest.filedAt,
    revision: rest.revision + 1,
    updatedAt: iso,
  };
  await upsertStory(tx, updated, opts.seq);
  return { state: next, story: { ...updated, seq: opts.seq } };
}

function queueKeys(
  state: StoryWorkflow,
  person: Directory['people'][number],
  dir: Directory,
  now: string,
) {
  const q = myQueues(
    [{ state }],
    { kind: 'person', userId: person.userId, roles: person.roles, desks: person.desks },
    { now, directory: dir },
  );
  const keys = new Map<string, { kind: string; channel: string | null }>();
  for (const name of QUEUE_NAMES)
    for (const item of q[name])
      keys.set(`${name}:${item.channel ?? ''}:${item.step?.id ?? ''}`, {
        kind: name,
        channel: item.channel,
      });
  return keys;
}

/** A notification for each person on whose queues this event put the story. */
async function notify(
  tx: Tx,
  before: StoryWorkflow,
  after: StoryWorkflow,
  e: WorkflowEvent,
  opts: RecordOptions,
): Promise<void> {
  const names = new Map(opts.directory.people.map((p) => [p.userId, p.name]));
  const text = describeEvent(e, (id) => names.get(id) ?? id);
  const actor = e.actor.kind === 'person' ? e.actor.userId : null;
  const insert = (userId: string, kind: string, channel: string | null) =>
    tx
      .insertInto('notifications')
      .values({
        user_id: userId,
        story_id: e.storyId,
        channel,
        kind,
        text: JSON.stringify(text),
        at: opts.now,
        read_at: null,
      })
      .execute();
  if (e.type === 'delivery_recorded' && e.outcome === 'failed') {
    // An outlet refused or is down: the version's editor and its desk heads hear of it once per revision.
    const v = before.variants[e.channel];
    const firstFailure = !v?.deliveries.some((d) => d.revision === e.revision);
    if (v && firstFailure) {
      const heads = opts.directory.people.filter(
        (p) => p.active && p.roles.includes('desk_head') && p.desks.includes(v.desk),
      );
      const to = new Set([...(v.assignee ? [v.assignee] : []), ...heads.map((p) => p.userId)]);
      for (const userId of to) await insert(userId, 'deliveryFailed', e.channel);
    }
    return;
  }
  for (const person of opts.directory.people) {
    if (!person.active || person.userId === actor) continue;
    const was = queueKeys(before, person, opts.directory, e.at);
    const now = queueKeys(after, person, opts.directory, e.at);
    const landed = [...now].filter(([k]) => !was.has(k));
    for (const [, item] of landed.slice(0, 1)) await insert(person.userId, item.kind, item.channel);
  }
}
