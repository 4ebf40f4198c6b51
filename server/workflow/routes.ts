// The workflow's read side and its side records over HTTP: a story's
// workflow view (state, progress, allowed actions, timeline), queues,
// notifications, deliveries, word lists, authenticity, audit report and the
// admin chain check. Commands themselves go through POST /v1/commands.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { IdSchema } from '@shared/domain/ids';
import { canSee } from '@shared/workflow/story-rules';
import {
  allowedActions,
  deskQueues,
  DESK_QUEUE_NAMES,
  myQueues,
  QUEUE_NAMES,
  reviewProgress,
  timeline,
  type ChannelId,
  type QueueItem,
  type StoryWorkflow,
} from '@shared/workflow';
import { CHANNEL_IDS } from '@shared/workflow/desks';
import {
  AuditReportQuerySchema,
  AuthenticityApplySchema,
  NotificationsQuerySchema,
  NotificationsReadSchema,
  QueuesQuerySchema,
  ReviewPlanPutSchema,
  ScanListsPutSchema,
  type QueuesAnswer,
  type WorkflowView,
} from '@shared/workflow/api';
import { applyAuthenticityOp } from '@shared/authenticity/ops';
import { parseSensitiveList, parseTypoList } from '@shared/scan/word-list';
import { renderAuditReportMarkdown, storyAuditReport } from '@shared/audit/report';
import type { Principal } from '../auth/sessions';
import { ApiError } from '../http/api-error';
import type { Db } from '../db/database';
import type { Engine } from '../db/migrations/types';
import type { FeedNotifier } from '../stories/feed-notifier';
import { getStory, isSharedWith, nextSeq, upsertStory } from '../stories/story-repo';
import { gatherFacts, loadAuthenticity, readLists, type ListKind } from './context';
import { loadDirectory } from './directory';
import { personActor, type WorkflowDeps } from './execute-command';
import {
  allWorkflowStates,
  appendAudit,
  auditEntries,
  loadWorkflowEvents,
  loadWorkflowState,
  verifyAuditLog,
} from './workflow-store';
import { listDeliveries } from '../publishing/deliveries';

export interface WorkflowRouteDeps {
  db: Db;
  engine: Engine;
  wf: WorkflowDeps;
  notifier: FeedNotifier;
  now: () => number;
  parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T>;
  who(req: FastifyRequest): Principal;
}

const StoryParams = z.object({ id: IdSchema });

export function registerWorkflowRoutes(app: FastifyInstance, deps: WorkflowRouteDeps): void {
  const { db, engine, parse, who } = deps;

  /** The story, if this person may see it. */
  const visibleStory = async (req: FastifyRequest, id: string) => {
    const p = who(req);
    const story = await getStory(db, id, engine);
    if (!story) throw new ApiError('not_found', 'no such story');
    const actor = {
      id: p.person.id,
      role: p.person.role,
      deskIds: p.deskIds,
      channelDesk: p.channelDesk,
    };
    if (!canSee(actor, { story, sharedWithActor: await isSharedWith(db, id, p.person.id) }))
      throw new ApiError('forbidden', 'this story is not yours to see');
    return story;
  };

  app.get('/v1/stories/:id/workflow', async (req): Promise<WorkflowView> => {
    const { id } = parse(StoryParams, req.params);
    // A story the server has never heard of (a laptop's new draft) has an empty workflow: nothing to hide.
    const known = await getStory(db, id, engine);
    const story = known ? await visibleStory(req, id) : null;
    const p = who(req);
    const at = deps.now();
    const state = await loadWorkflowState(db, id);
    const directory = await loadDirectory(db);
    const facts = await gatherFacts(db, deps.wf, state, directory, story?.embargo ?? null, at);
    const events = story ? await loadWorkflowEvents(db, id) : [];
    const names = new Map(directory.people.map((x) => [x.userId, x.name]));
    const progress: WorkflowView['progress'] = {};
    for (const ch of CHANNEL_IDS) {
      const v = state.variants[ch];
      if (v) progress[ch] = reviewProgress(v, facts.ctx.content[ch]?.hash ?? null);
    }
    return {
      storyId: id,
      state,
      content: CHANNEL_IDS.flatMap((ch) => {
        const v = facts.versions[ch];
        return v
          ? [{ channel: ch, hash: v.hash, scan: facts.ctx.scans?.[ch]?.counts ?? null }]
          : [];
      }),
      progress,
      allowedActions: allowedActions(state, personActor(p), facts.ctx),
      timeline: timeline(events, (uid) => names.get(uid) ?? uid),
      events,
      scans: facts.ctx.scans ?? {},
      authenticity: facts.ctx.authenticity ?? (await loadAuthenticity(db, id)),
      embargo: story?.embargo ?? null,
      directory,
      at: new Date(at).toISOString(),
    };
  });

  app.get('/v1/queues', async (req): Promise<QueuesAnswer> => {
    const q = parse(QueuesQuerySchema, req.query);
    const p = who(req);
    const directory = await loadDirectory(db);
    const states = await allWorkflowStates(db);
    const heads = await headlines(db, states);
    const now = new Date(deps.now()).toISOString();
    const opts = { now, directory };
    const stories = states.map((state) => ({ state }));
    const mine = myQueues(stories, personActor(p), opts);
    const wire = (items: QueueItem[]) =>
      items.map((i) => ({ ...i, headline: heads.get(i.storyId) ?? '' }));
    let desk: QueuesAnswer['desk'] = null;
    if (q.deskId) {
      const allowed =
        p.deskIds.includes(q.deskId) ||
        p.person.role === 'admin' ||
        p.person.role === 'editor_in_chief';
      if (!allowed) throw new ApiError('forbidden', 'not a desk of yours');
      const dq = deskQueues(stories, q.deskId, opts);
      desk = {
        deskId: q.deskId,
        queues: DESK_QUEUE_NAMES.map((name) => ({
          name,
          items: wire(dq[name]),
          count: dq.counts[name],
        })),
      };
    }
    return {
      mine: QUEUE_NAMES.map((name) => ({
        name,
        items: wire(mine[name]),
        count: mine.counts[name],
      })),
      desk,
    };
  });

  app.get('/v1/notifications', async (req) => {
    const q = parse(NotificationsQuerySchema, req.query);
    const p = who(req);
    let sel = db
      .selectFrom('notifications')
      .selectAll()
      .where('user_id', '=', p.person.id)
      .orderBy('id', 'desc')
      .limit(200);
    if (q.unread) sel = sel.where('read_at', 'is', null);
    const rows = await sel.execute();
    return {
      items: rows.map((r) => ({
        id: Number(r.id),
        storyId: r.story_id,
        channel: (r.channel as ChannelId | null) ?? null,
        kind: r.kind,
        text: JSON.parse(r.text) as { 'zh-CN': string; en: string },
        at: new Date(Number(r.at)).toISOString(),
        read: r.read_at !== null,
      })),
      unread: await unreadCount(db, p.person.id),
    };
  });

  app.post('/v1/notifications/read', async (req) => {
    const body = parse(NotificationsReadSchema, req.body);
    const p = who(req);
    if (body.ids.length)
      await db
        .updateTable('notifications')
        .set({ read_at: deps.now() })
        .where('user_id', '=', p.person.id)
        .where('id', 'in', body.ids)
        .where('read_at', 'is', null)
        .execute();
    return { unread: await unreadCount(db, p.person.id) };
  });

  app.get('/v1/stories/:id/deliveries', async (req) => {
    const { id } = parse(StoryParams, req.params);
    await visibleStory(req, id);
    return { deliveries: await listDeliveries(db, id) };
  });

  app.get('/v1/stories/:id/scan', async (req) => {
    const { id } = parse(StoryParams, req.params);
    const story = await visibleStory(req, id);
    const state = await loadWorkflowState(db, id);
    const facts = await gatherFacts(
      db,
      deps.wf,
      state,
      await loadDirectory(db),
      story.embargo,
      deps.now(),
    );
    return { scans: facts.ctx.scans ?? {} };
  });

  // ---- word lists (text), newsroom-editable ----

  const listsAnswer = async () => {
    const l = await readLists(db);
    const last = [l.sensitive, l.typos]
      .filter((x) => x.updatedAt !== null)
      .sort((a, b) => (b.updatedAt ?? 0) - (a.updatedAt ?? 0))[0];
    return {
      sensitive: l.sensitive.text,
      typos: l.typos.text,
      updatedAt: last?.updatedAt ? new Date(last.updatedAt).toISOString() : null,
      updatedBy: last?.updatedBy ?? null,
    };
  };
  const requireListEditor = (req: FastifyRequest) => {
    const role = who(req).person.role;
    if (role !== 'admin' && role !== 'desk_head')
      throw new ApiError('forbidden', 'only desk heads and administrators edit the word lists');
  };
  const saveList = async (req: FastifyRequest, kind: ListKind, text: string) => {
    const at = deps.now();
    const p = who(req);
    await db.transaction().execute(async (tx) => {
      await nextSeq(tx);
      await tx
        .insertInto('scan_lists')
        .values({ kind, text, updated_at: at, updated_by: p.person.id })
        .onConflict((oc) =>
          oc.column('kind').doUpdateSet({ text, updated_at: at, updated_by: p.person.id }),
        )
        .execute();
      await appendAudit(tx, {
        at: new Date(at).toISOString(),
        storyId: null,
        actor: { kind: 'person', userId: p.person.id },
        type: `scan.list_saved`,
        data: { kind, chars: text.length },
      });
    });
  };
  const problemsOf = (kind: ListKind, text: string) =>
    (kind === 'sensitive' ? parseSensitiveList(text) : parseTypoList(text)).problems.map((x) => ({
      line: x.line,
      message: x.message,
    }));

  app.get('/v1/scan/lists', async () => listsAnswer());
  app.put('/v1/scan/lists', async (req) => {
    requireListEditor(req);
    const body = parse(ScanListsPutSchema, req.body);
    const problems = [];
    for (const kind of ['sensitive', 'typos'] as const) {
      const text = body[kind];
      if (text === undefined) continue;
      problems.push(...problemsOf(kind, text));
      await saveList(req, kind, text);
    }
    return { ...(await listsAnswer()), problems };
  });
  const KindParams = z.object({ kind: z.enum(['sensitive', 'typos']) });
  app.get('/v1/scan/lists/:kind', async (req, reply) => {
    const { kind } = parse(KindParams, req.params);
    const l = await readLists(db);
    return reply.type('text/plain; charset=utf-8').send(l[kind].text);
  });
  app.put('/v1/scan/lists/:kind', async (req) => {
    requireListEditor(req);
    const { kind } = parse(KindParams, req.params);
    const text = parse(z.string().max(5_000_000), req.body);
    await saveList(req, kind, text);
    return { ok: true, problems: problemsOf(kind, text) };
  });

  // ---- a desk's review chain (三审三校 configurable per desk) ----

  app.put('/v1/desks/:id/review-plan', async (req) => {
    const { id } = parse(StoryParams, req.params);
    const { plan } = parse(ReviewPlanPutSchema, req.body);
    const p = who(req);
    const desk = await db.selectFrom('desks').selectAll().where('id', '=', id).executeTakeFirst();
    if (!desk) throw new ApiError('not_found', 'no such desk');
    const allowed =
      p.person.role === 'admin' ||
      p.person.role === 'editor_in_chief' ||
      (p.person.role === 'desk_head' && p.deskIds.includes(id));
    if (!allowed)
      throw new ApiError('forbidden', 'only the desk head, the editor-in-chief or an admin');
    if (desk.kind !== 'channel')
      throw new ApiError('invalid_input', 'only channel desks run a review chain');
    const at = deps.now();
    await db.transaction().execute(async (tx) => {
      await nextSeq(tx);
      await tx
        .updateTable('desks')
        .set({ review_plan: plan ? JSON.stringify(plan) : null })
        .where('id', '=', id)
        .execute();
      await appendAudit(tx, {
        at: new Date(at).toISOString(),
        storyId: null,
        actor: { kind: 'person', userId: p.person.id },
        type: 'desk.review_plan_set',
        data: { deskId: id, plan: plan ? (JSON.parse(JSON.stringify(plan)) as object) : null },
      });
    });
    return { deskId: id, plan };
  });

  // ---- authenticity ----

  app.get('/v1/stories/:id/authenticity', async (req) => {
    const { id } = parse(StoryParams, req.params);
    await visibleStory(req, id);
    return loadAuthenticity(db, id);
  });

  app.post('/v1/stories/:id/authenticity', async (req) => {
    const { id } = parse(StoryParams, req.params);
    const story = await visibleStory(req, id);
    const { op } = parse(AuthenticityApplySchema, req.body);
    const p = who(req);
    const at = deps.now();
    const iso = new Date(at).toISOString();
    const answer = await db.transaction().execute(async (tx) => {
      const seq = await nextSeq(tx);
      const record = await loadAuthenticity(tx, id);
      const r = applyAuthenticityOp(record, op, personActor(p), iso);
      if (!r.ok) return r;
      await tx
        .insertInto('authenticity')
        .values({ story_id: id, record: JSON.stringify(r.record), updated_at: at })
        .onConflict((oc) =>
          oc.column('story_id').doUpdateSet({ record: JSON.stringify(r.record), updated_at: at }),
        )
        .execute();
      await appendAudit(tx, {
        at: iso,
        storyId: id,
        actor: { kind: 'person', userId: p.person.id },
        type: `authenticity.${op.op}`,
        data: JSON.parse(JSON.stringify(op)) as Record<string, unknown>,
      });
      // The story moves in the feed, so other desks refresh its workflow view.
      const { seq: _s, ...rest } = story;
      await upsertStory(tx, { ...rest, updatedAt: iso }, seq);
      return { ...r, seq };
    });
    if (!answer.ok)
      throw new ApiError(
        answer.reason.code === 'forbidden' ? 'forbidden' : 'invalid_input',
        answer.reason.message.en,
        {
          reason: answer.reason.code,
          reasonZh: answer.reason.message['zh-CN'],
          reasonEn: answer.reason.message.en,
        },
      );
    deps.notifier.publish(answer.seq);
    return answer.record;
  });

  // ---- audit ----

  app.get('/v1/stories/:id/audit', async (req, reply) => {
    const { id } = parse(StoryParams, req.params);
    const q = parse(AuditReportQuerySchema, req.query);
    await visibleStory(req, id);
    const directory = await loadDirectory(db);
    const names = new Map(directory.people.map((x) => [x.userId, x.name]));
    const report = storyAuditReport(id, await auditEntries(db, id), {
      generatedAt: new Date(deps.now()).toISOString(),
      nameOf: (uid) => names.get(uid) ?? uid,
      chain: await verifyAuditLog(db),
    });
    const markdown = renderAuditReportMarkdown(report, q.locale);
    if (q.format === 'markdown')
      return reply
        .type('text/markdown; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-${id}.md"`)
        .send(markdown);
    return {
      storyId: id,
      report: JSON.parse(JSON.stringify(report)) as Record<string, unknown>,
      markdown,
    };
  });
}

/** Admin only (registered under the admin scope). */
export function registerAuditAdmin(app: FastifyInstance, db: Db): void {
  app.get('/v1/admin/audit/verify', async () => verifyAuditLog(db));
}

async function unreadCount(db: Db, userId: string): Promise<number> {
  const r = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function headlines(db: Db, states: readonly StoryWorkflow[]): Promise<Map<string, string>> {
  if (states.length === 0) return new Map();
  const rows = await db
    .selectFrom('stories')
    .select(['id', 'headline'])
    .where(
      'id',
      'in',
      states.map((s) => s.storyId),
    )
    .execute();
  return new Map(rows.map((r) => [r.id, r.headline]));
}
