// Runs one workflow command exactly once. The idempotency key is looked up
// first; a new command is decided by the shared rules and applied in one
// transaction that also records its outcome under the key and appends the
// event. The older story commands (story.file/assign/update-meta/share) are
// decided by story-rules; `story.workflow` carries the editorial workflow's
// commands (shared/workflow decide), decided on what the server itself holds:
// content hashes of its stored variant documents, its scan, its sources. A retry (same key, same body) gets the stored answer back, whatever
// it was — applied or rejected. The feed counter's row lock serialises
// command transactions, so two racing deliveries of one key cannot both win.
import crypto from 'node:crypto';
import type { Db } from '../db/database';
import type { Engine } from '../db/migrations/types';
import type { Principal } from '../auth/sessions';
import { ApiError } from '../http/api-error';
import { isUniqueViolation } from '../accounts/accounts';
import { HTTP_STATUS } from '@shared/sync/errors';
import type { Command, CommandOf, CommandOutcome } from '@shared/sync/commands';
import type { ServerStory } from '@shared/sync/stories';
import {
  applyCommand,
  canSee,
  decide,
  newStory,
  type CommandFacts,
} from '@shared/workflow/story-rules';
import {
  appendEvent,
  getStory,
  isSharedWith,
  nextSeq,
  upsertStory,
  type Tx,
} from '../stories/story-repo';
import type { ServerErrorCode } from '@shared/sync/errors';
import { decide as decideWorkflow } from '@shared/workflow';
import type { Reason } from '@shared/workflow/reasons';
import type { PersonActor } from '@shared/workflow/roles';
import { gatherFacts, type ScannerCache, type ServerFacts } from './context';
import type { WorkflowCommand } from '@shared/workflow/commands';
import type { SystemActor } from '@shared/workflow/roles';
import { loadDirectory } from './directory';
import {
  appendAudit,
  legacyAuditType,
  legacyFiledEvent,
  loadWorkflowState,
  recordWorkflowEvents,
} from './workflow-store';

/** What workflow commands need beyond the database: the compiled word lists. */
export interface WorkflowDeps {
  scanners: ScannerCache;
}

/** The HTTP error a workflow refusal is reported as (the reason itself travels beside it). */
export function errorCodeOfReason(code: Reason['code']): ServerErrorCode {
  switch (code) {
    case 'forbidden':
    case 'not_owner':
    case 'not_assignee':
    case 'inactive_user':
      return 'forbidden';
    case 'invalid_command':
    case 'wrong_story':
    case 'unknown_desk':
    case 'not_topic_desk':
    case 'not_channel_desk':
    case 'assignee_not_eligible':
    case 'unknown_finding':
    case 'unknown_revision':
    case 'schedule_in_past':
      return 'invalid_input';
    case 'stale_content':
    case 'finding_count_changed':
      return 'stale';
    case 'duplicate_command':
      return 'conflict';
    default:
      return 'invalid_state';
  }
}

export function personActor(who: Principal): PersonActor {
  return {
    kind: 'person',
    userId: who.person.id,
    roles: [who.person.role],
    desks: who.deskIds,
  };
}

export interface CommandAnswer {
  httpStatus: number;
  outcome: CommandOutcome;
  /** True when this key was answered before and the stored answer is returned. */
  replay: boolean;
  /** The feed position written, when the command changed something. */
  seq: number | null;
}

/** The request's fingerprint; keys order-independent so a re-serialised retry still matches. */
export function commandHash(cmd: Command): string {
  const canon = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canon)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v as Record<string, unknown>)
              .filter(([, x]) => x !== undefined)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([k, x]) => [k, canon(x)]),
          )
        : v;
  return crypto
    .createHash('sha256')
    .update(JSON.stringify(canon(cmd)))
    .digest('hex');
}

async function storedAnswer(
  tx: Tx,
  cmd: Command,
  who: Principal,
  hash: string,
): Promise<CommandAnswer | null> {
  const row = await tx
    .selectFrom('commands')
    .select(['user_id', 'request_hash', 'http_status', 'outcome'])
    .where('id', '=', cmd.id)
    .executeTakeFirst();
  if (!row) return null;
  if (row.user_id !== who.person.id || row.request_hash !== hash)
    throw new ApiError('idempotency_conflict', 'this command id was used for a different command', {
      commandId: cmd.id,
    });
  return {
    httpStatus: Number(row.http_status),
    outcome: JSON.parse(row.outcome) as CommandOutcome,
    replay: true,
    seq: null,
  };
}

async function factsFor(tx: Tx, cmd: Command, story: ServerStory | null): Promise<CommandFacts> {
  if (cmd.type === 'story.assign' && cmd.assigneeId && story?.deskId) {
    const m = await tx
      .selectFrom('desk_members')
      .innerJoin('users', 'users.id', 'desk_members.user_id')
      .select('users.id')
      .where('desk_members.desk_id', '=', story.deskId)
      .where('desk_members.user_id', '=', cmd.assigneeId)
      .where('users.disabled_at', 'is', null)
      .executeTakeFirst();
    return { assigneeInDesk: !!m };
  }
  if (cmd.type === 'story.share') {
    const u = await tx
      .selectFrom('users')
      .select('id')
      .where('id', '=', cmd.userId)
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
    return { shareeExists: !!u };
  }
  return {};
}

export async function executeCommand(
  db: Db,
  engine: Engine,
  who: Principal,
  cmd: Command,
  now: () => number = Date.now,
  wf?: WorkflowDeps,
): Promise<CommandAnswer> {
  const hash = commandHash(cmd);
  const known = await storedAnswer(db, cmd, who, hash);
  if (known) return known;
  try {
    return await db.transaction().execute(async (tx) => {
      const seq = await nextSeq(tx);
      // Another delivery of this key may have committed while we waited for the lock.
      const raced = await storedAnswer(tx, cmd, who, hash);
      if (raced) return raced;
      const at = now();
      const story = await getStory(tx, cmd.storyId, engine, true);
      const shared = story ? await isSharedWith(tx, story.id, who.person.id) : false;
      const access = story ? { story, sharedWithActor: shared } : null;
      if (cmd.type === 'story.workflow') {
        if (!wf) throw new ApiError('unavailable', 'the workflow is not set up on this server');
        const answer = await executeWorkflow(tx, engine, who, cmd, story, shared, at, seq, wf);
        await storeAnswer(tx, cmd, who, hash, answer, at);
        return answer;
      }
      const actor = {
        id: who.person.id,
        role: who.person.role,
        deskIds: who.deskIds,
        channelDesk: who.channelDesk,
      };
      const decision = decide(
        cmd,
        access,
        actor,
        story?.revision ?? 0,
        await factsFor(tx, cmd, story),
      );
      let answer: CommandAnswer;
      if (!decision.ok) {
        answer = {
          httpStatus: HTTP_STATUS[decision.code],
          outcome: {
            commandId: cmd.id,
            status: 'rejected',
            error: {
              code: decision.code,
              message: decision.message,
              ...(decision.details ? { details: decision.details } : {}),
            },
            story: story && access && canSee(actor, access) ? story : null,
          },
          replay: false,
          seq: null,
        };
      } else {
        const iso = new Date(at).toISOString();
        const next = applyCommand(story ?? newStory(cmd.storyId, who.person.id, iso), cmd, iso);
        await upsertStory(tx, next, seq);
        if (cmd.type === 'story.share') {
          if (cmd.grant)
            await tx
              .insertInto('story_shares')
              .values({
                story_id: cmd.storyId,
                user_id: cmd.userId,
                granted_by: who.person.id,
                granted_at: at,
              })
              .onConflict((oc) => oc.columns(['story_id', 'user_id']).doNothing())
              .execute();
          else
            await tx
              .deleteFrom('story_shares')
              .where('story_id', '=', cmd.storyId)
              .where('user_id', '=', cmd.userId)
              .execute();
        }
        const { id: _id, type, storyId: _s, ...args } = cmd;
        const payload = { ...args, revision: next.revision, status: next.status };
        // The workflow as it stood before this command: read before its event is in the
        // log, which the fold for stories without a projection would count as filed.
        const before =
          cmd.type === 'story.file' && wf ? await loadWorkflowState(tx, cmd.storyId) : null;
        await appendEvent(tx, {
          seq,
          storyId: cmd.storyId,
          actorId: who.person.id,
          type,
          commandId: cmd.id,
          payload,
          at,
        });
        await appendAudit(tx, {
          at: iso,
          storyId: cmd.storyId,
          actor: { kind: 'person', userId: who.person.id },
          type: legacyAuditType(type),
          data: { commandId: cmd.id, ...payload },
        });
        if (cmd.type === 'story.file' && wf && before) {
          // The workflow core follows the older 发稿 too: the story is filed to the desk.
          const state = before;
          const filed = legacyFiledEvent({
            story_id: cmd.storyId,
            actor_id: who.person.id,
            command_id: cmd.id,
            payload: JSON.stringify(payload),
            at,
          });
          if (state.stage === 'draft')
            await recordWorkflowEvents(tx, state, [filed], {
              engine,
              seq,
              directory: await loadDirectory(tx),
              now: at,
              updateRow: false,
            });
        }
        answer = {
          httpStatus: 200,
          outcome: { commandId: cmd.id, status: 'applied', story: { ...next, seq } },
          replay: false,
          seq,
        };
      }
      await storeAnswer(tx, cmd, who, hash, answer, at);
      return answer;
    });
  } catch (err) {
    // Only reachable if the lock did not serialise us (it should); the stored answer wins.
    if (isUniqueViolation(err)) {
      const again = await storedAnswer(db, cmd, who, hash);
      if (again) return again;
    }
    throw err;
  }
}

async function storeAnswer(
  tx: Tx,
  cmd: Command,
  who: Principal,
  hash: string,
  answer: CommandAnswer,
  at: number,
): Promise<void> {
  await tx
    .insertInto('commands')
    .values({
      id: cmd.id,
      user_id: who.person.id,
      type: cmd.type === 'story.workflow' ? `workflow.${cmd.command.type}` : cmd.type,
      story_id: cmd.storyId,
      request_hash: hash,
      http_status: answer.httpStatus,
      outcome: JSON.stringify(answer.outcome),
      created_at: at,
    })
    .execute();
}

/** One `story.workflow` command: decided by the workflow core on what the server itself holds. */
async function executeWorkflow(
  tx: Tx,
  engine: Engine,
  who: Principal,
  cmd: CommandOf<'story.workflow'>,
  story: ServerStory | null,
  shared: boolean,
  at: number,
  seq: number,
  wf: WorkflowDeps,
): Promise<CommandAnswer> {
  const inner = cmd.command;
  const refuse = (code: ServerErrorCode, message: string, reason?: Reason): CommandAnswer => ({
    httpStatus: HTTP_STATUS[code],
    outcome: {
      commandId: cmd.id,
      status: 'rejected',
      error: {
        code,
        message,
        ...(reason ? { details: { reason: reason.code } } : {}),
      },
      story: visible ? story : null,
      ...(reason ? { reason } : {}),
    },
    replay: false,
    seq: null,
  });
  const legacyActor = {
    id: who.person.id,
    role: who.person.role,
    deskIds: who.deskIds,
    channelDesk: who.channelDesk,
  };
  const visible = !!story && canSee(legacyActor, { story, sharedWithActor: shared });
  if (inner.commandId !== cmd.id || inner.storyId !== cmd.storyId)
    return refuse('invalid_input', 'the command id and story must match the workflow command');
  if (!story && inner.type !== 'file') return refuse('not_found', 'no such story');
  if (story && !visible) return refuse('forbidden', 'this story is not yours to see');
  const iso = new Date(at).toISOString();
  const state = await loadWorkflowState(tx, cmd.storyId);
  const directory = await loadDirectory(tx);
  const facts = await gatherFacts(tx, wf, state, directory, story?.embargo ?? null, at);
  const decision = decideWorkflow(state, inner, personActor(who), facts.ctx);
  if (!decision.ok)
    return refuse(
      errorCodeOfReason(decision.reason.code),
      decision.reason.message.en,
      decision.reason,
    );
  // A story first heard of through its 发稿 becomes the filer's (only once the command is accepted).
  if (!story) await upsertStory(tx, newStory(cmd.storyId, who.person.id, iso), seq);
  const result = await recordWorkflowEvents(tx, state, decision.events, {
    engine,
    seq,
    directory,
    now: at,
    contentHashes: hashesOf(facts),
    snapshots: snapshotsOf(facts),
  });
  if (!result.story) throw new Error(`story ${cmd.storyId} vanished while a command ran`);
  return {
    httpStatus: 200,
    outcome: { commandId: cmd.id, status: 'applied', story: result.story, workflow: result.state },
    replay: false,
    seq,
  };
}

/**
 * A command of the server itself (the scheduler publishing what is due, the
 * publisher recording a delivery), decided by the same rules as people's.
 * Returns the refusal's reason, or null when applied.
 */
export async function executeSystemCommand(
  db: Db,
  engine: Engine,
  wf: WorkflowDeps,
  actor: SystemActor,
  command: WorkflowCommand,
  at: number,
): Promise<{ applied: boolean; reason: Reason | null; seq: number | null }> {
  return db.transaction().execute(async (tx) => {
    const seq = await nextSeq(tx);
    const story = await getStory(tx, command.storyId, engine, true);
    if (!story) return { applied: false, reason: null, seq: null };
    const state = await loadWorkflowState(tx, command.storyId);
    const directory = await loadDirectory(tx);
    const facts = await gatherFacts(tx, wf, state, directory, story.embargo, at);
    const decision = decideWorkflow(state, command, actor, facts.ctx);
    if (!decision.ok) return { applied: false, reason: decision.reason, seq: null };
    await recordWorkflowEvents(tx, state, decision.events, {
      engine,
      seq,
      directory,
      now: at,
      contentHashes: hashesOf(facts),
      snapshots: snapshotsOf(facts),
    });
    return { applied: true, reason: null, seq };
  });
}

function hashesOf(facts: ServerFacts): Partial<Record<string, string>> {
  return Object.fromEntries(Object.entries(facts.versions).map(([ch, v]) => [ch, v.hash]));
}

function snapshotsOf(facts: ServerFacts): Partial<Record<string, Record<string, unknown>>> {
  return Object.fromEntries(Object.entries(facts.versions).map(([ch, v]) => [ch, v.plain]));
}
