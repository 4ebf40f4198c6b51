// The HTTP API under /v1 plus health checks. Every /v1 route except sign-in
// needs `Authorization: Bearer <token>`; inputs are parsed with the shared
// zod schemas, outputs are the shared wire types.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { IdSchema } from '@shared/domain/ids';
import { LoginRequestSchema, type Me, type Session } from '@shared/sync/auth';
import { CommandSchema } from '@shared/sync/commands';
import { FeedQuerySchema, FEED_MAX_WAIT_S } from '@shared/sync/feed';
import { CreateDeskSchema, CreateUserSchema, DeskMembersSchema } from '@shared/sync/admin';
import { canSee } from '@shared/workflow/story-rules';
import {
  addDeskMembers,
  allDesks,
  allPeople,
  createDesk,
  createUser,
  desksOf,
  removeDeskMember,
  toPerson,
} from '../accounts/accounts';
import { verifyNobody, verifyPassword } from '../auth/passwords';
import { authenticate, createSession, revokeSession, type Principal } from '../auth/sessions';
import { executeCommand } from '../workflow/execute-command';
import { readFeed } from '../stories/feed';
import { getStory, isSharedWith } from '../stories/story-repo';
import { ApiError } from './api-error';
import { registerReleaseAdmin, registerUpdateFeed } from '../updates/routes';
import { registerPeopleAdmin } from './admin-routes';
import { registerAuditAdmin, registerWorkflowRoutes } from '../workflow/routes';
import type { AppDeps } from './deps';
import { registerAssetRoutes } from '../assets/routes';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
  interface FastifyContextConfig {
    /** Overrides the handler timeout (ms) for a route that waits on purpose (long-poll). */
    timeoutMs?: number;
  }
}

export function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const r = schema.safeParse(value);
  if (!r.success)
    throw new ApiError('invalid_input', z.prettifyError(r.error).slice(0, 500), {
      path: r.error.issues[0]?.path.join('.') ?? null,
    });
  return r.data;
}

function who(req: FastifyRequest): Principal {
  if (!req.principal) throw new ApiError('unauthorized', 'sign in first');
  return req.principal;
}

export function registerRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db, engine, config } = deps;

  const requireAuth = async (req: FastifyRequest, reply: FastifyReply) => {
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const principal = m ? await authenticate(db, m[1]!, deps.now()) : null;
    if (!principal) throw new ApiError('unauthorized', 'missing, unknown or expired token');
    if (!deps.httpLimiter.take(principal.person.id)) {
      reply.header('retry-after', String(deps.httpLimiter.retryAfter(principal.person.id)));
      throw new ApiError('rate_limited', 'too many requests');
    }
    req.principal = principal;
  };
  const requireAdmin = async (req: FastifyRequest) => {
    if (who(req).person.role !== 'admin') throw new ApiError('forbidden', 'administrators only');
  };

  app.get('/healthz', async () => ({ ok: true }));
  app.get('/readyz', async (_req, reply) => {
    const problems = await deps.readiness();
    if (problems.length) return reply.code(503).send({ ok: false, problems });
    return { ok: true };
  });

  registerUpdateFeed(app, deps.releases);

  app.post('/v1/auth/login', async (req): Promise<Session> => {
    const body = parse(LoginRequestSchema, req.body);
    const key = `${req.ip}|${body.login}`;
    if (!deps.loginLimiter.take(key))
      throw new ApiError('rate_limited', 'too many sign-in attempts');
    const user = await db
      .selectFrom('users')
      .selectAll()
      .where('login', '=', body.login)
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
    const good = user
      ? await verifyPassword(body.password, user.password_hash)
      : await verifyNobody(body.password, config.passwordCost);
    if (!user || !good) {
      req.log.info({ login: body.login }, 'sign-in refused');
      throw new ApiError('unauthorized', 'wrong login or password');
    }
    const s = await createSession(
      db,
      user.id,
      config.sessionTtlMs,
      body.device ?? null,
      deps.now(),
    );
    return {
      token: s.token,
      expiresAt: new Date(s.expiresAt).toISOString(),
      person: toPerson(user),
    };
  });

  app.register(async (authed) => {
    authed.addHook('preHandler', requireAuth);

    authed.post('/v1/auth/logout', async (req) => {
      await revokeSession(db, who(req).tokenHash, deps.now());
      return { ok: true };
    });

    authed.get('/v1/me', async (req): Promise<Me> => {
      const p = who(req);
      return {
        person: p.person,
        desks: await desksOf(db, p.person.id),
        sessionExpiresAt: new Date(p.expiresAt).toISOString(),
      };
    });

    authed.get('/v1/desks', async (req) => {
      const p = who(req);
      return {
        desks: p.person.role === 'admin' ? await allDesks(db) : await desksOf(db, p.person.id),
      };
    });

    authed.get('/v1/people', async () => ({ people: await allPeople(db) }));

    authed.get('/v1/stories/:id', async (req) => {
      const { id } = parse(z.object({ id: IdSchema }), req.params);
      const p = who(req);
      const story = await getStory(db, id, engine);
      if (!story) throw new ApiError('not_found', 'no such story');
      const access = { story, sharedWithActor: await isSharedWith(db, id, p.person.id) };
      if (
        !canSee(
          {
            id: p.person.id,
            role: p.person.role,
            deskIds: p.deskIds,
            channelDesk: p.channelDesk,
          },
          access,
        )
      )
        throw new ApiError('forbidden', 'this story is not yours to see');
      return story;
    });

    authed.post('/v1/commands', async (req, reply) => {
      const cmd = parse(CommandSchema, req.body);
      const answer = await executeCommand(db, engine, who(req), cmd, deps.now, deps.workflow);
      if (answer.outcome.status === 'applied' && cmd.type === 'story.workflow')
        deps.onWorkflowApplied?.();
      if (answer.seq !== null) deps.notifier.publish(answer.seq);
      if (answer.replay) reply.header('idempotent-replay', 'true');
      req.log.info(
        {
          command: cmd.type,
          commandId: cmd.id,
          story: cmd.storyId,
          outcome: answer.outcome.status,
          replay: answer.replay,
        },
        'command',
      );
      return reply.code(answer.httpStatus).send(answer.outcome);
    });

    registerAssetRoutes(authed, deps, { parse, who });

    registerWorkflowRoutes(authed, {
      db,
      engine,
      wf: deps.workflow,
      notifier: deps.notifier,
      now: deps.now,
      parse,
      who,
    });

    authed.get(
      '/v1/feed',
      { config: { timeoutMs: (FEED_MAX_WAIT_S + 10) * 1000 } },
      async (req) => {
        const q = parse(FeedQuerySchema, req.query);
        const p = who(req);
        const deadline = Date.now() + q.wait * 1000;
        let aborted = false;
        req.raw.once('close', () => (aborted = true));
        for (;;) {
          const page = await readFeed(db, p, q.cursor, q.limit);
          const left = deadline - Date.now();
          if (page.changes.length || left <= 0 || aborted || deps.isClosing()) return page;
          await deps.notifier.wait(left);
        }
      },
    );

    authed.register(async (admin) => {
      admin.addHook('preHandler', requireAdmin);
      admin.get('/v1/admin/users', async () => ({ people: await allPeople(db) }));
      admin.post('/v1/admin/users', async (req, reply) => {
        const body = parse(CreateUserSchema, req.body);
        const person = await createUser(db, body, config.passwordCost, deps.now());
        return reply.code(201).send(person);
      });
      admin.post('/v1/admin/desks', async (req, reply) => {
        const body = parse(CreateDeskSchema, req.body);
        return reply.code(201).send(await createDesk(db, body, deps.now()));
      });
      admin.post('/v1/admin/desks/:id/members', async (req) => {
        const { id } = parse(z.object({ id: IdSchema }), req.params);
        const body = parse(DeskMembersSchema, req.body);
        await addDeskMembers(db, id, body.userIds, deps.now());
        return { ok: true };
      });
      admin.delete('/v1/admin/desks/:id/members/:userId', async (req) => {
        const { id, userId } = parse(z.object({ id: IdSchema, userId: IdSchema }), req.params);
        await removeDeskMember(db, id, userId);
        return { ok: true };
      });
      registerPeopleAdmin(admin, deps);
      registerReleaseAdmin(admin, deps.releases);
      registerAuditAdmin(admin, db);
    });
  });
}
