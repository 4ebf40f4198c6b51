// Runs one workflow command exactly once. The idempotency key is looked up
// first; a new command is decided by the shared rules and applied in one
// transaction that also records its outcome under the key and appends the
// event. A retry (same key, same body) gets the stored answer back, whatever
// it was — applied or rejected. The feed counter's row lock serialises
// command transactions, so two racing deliveries of one key cannot both win.
import crypto from 'node:crypto';
import type { Db } from '../db/database';
import type { Engine } from '../db/migrations/types';
import type { Principal } from '../auth/sessions';
import { ApiError } from '../http/api-error';
import { isUniqueViolation } from '../accounts/accounts';
import { HTTP_STATUS } from '@shared/sync/errors';
import type { Command, CommandOutcome } from '@shared/sync/commands';
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
      const actor = { id: who.person.id, role: who.person.role, deskIds: who.deskIds };
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
        await appendEvent(tx, {
          seq,
          storyId: cmd.storyId,
          actorId: who.person.id,
          type,
          commandId: cmd.id,
          payload: { ...args, revision: next.revision, status: next.status },
          at,
        });
        answer = {
          httpStatus: 200,
          outcome: { commandId: cmd.id, status: 'applied', story: { ...next, seq } },
          replay: false,
          seq,
        };
      }
      await tx
        .insertInto('commands')
        .values({
          id: cmd.id,
          user_id: who.person.id,
          type: cmd.type,
          story_id: cmd.storyId,
          request_hash: hash,
          http_status: answer.httpStatus,
          outcome: JSON.stringify(answer.outcome),
          created_at: at,
        })
        .execute();
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
