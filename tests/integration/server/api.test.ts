// The HTTP API end to end on SQLite and PostgreSQL: sign-in, 发稿 reaching the
// desk through the feed, exactly-once commands, stale and unauthorised
// commands, bad input, and clock skew on clients.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@shared/domain/ids';
import type { Command } from '@shared/sync/commands';
import { NewsroomClient, NewsroomError } from '@shared/sync/client';
import type { RunningServer } from '../../../server/app';
import { createSession } from '../../../server/auth/sessions';
import { verifyEventChain } from '../../../server/stories/story-repo';
import { ENGINES } from './services';
import { seedNewsroom, start, testEnv, type Newsroom, type TestEnv } from './harness';

const key = () => `cmd-${newId()}`;
const DAY = 24 * 3600_000;

describe.each(ENGINES)('HTTP API on %s', (engine) => {
  let env: TestEnv;
  let server: RunningServer;
  let n: Newsroom;

  beforeAll(async () => {
    env = testEnv(engine, { MAX_BODY_BYTES: String(64 * 1024) });
    server = await start(env.env);
    n = await seedNewsroom(server);
  });
  afterAll(async () => {
    await server?.close();
    await env?.cleanup();
  });

  const file = (
    storyId: string,
    deskId = n.desks.politics.id,
    extra: Partial<Command> = {},
  ): Command =>
    ({
      id: key(),
      type: 'story.file',
      storyId,
      expectedRevision: 0,
      deskId,
      ...extra,
    }) as Command;

  it('signs in, answers /v1/me, and refuses a wrong password or token with 401', async () => {
    const me = await n.as.reporter.me();
    expect(me.person.login).toBe('wang.li');
    expect(me.desks.map((d) => d.code)).toEqual(['politics']);
    const anon = new NewsroomClient({ baseUrl: server.url });
    await expect(
      anon.login({ login: 'wang.li', password: 'not-the-password' }),
    ).rejects.toMatchObject({
      code: 'unauthorized',
      status: 401,
    });
    await expect(anon.login({ login: 'nobody', password: 'whatever-it-is' })).rejects.toMatchObject(
      { status: 401 },
    );
    const forged = new NewsroomClient({ baseUrl: server.url, token: 'A'.repeat(43) });
    await expect(forged.me()).rejects.toMatchObject({ code: 'unauthorized', status: 401 });
  });

  it('refuses an expired session and a signed-out one', async () => {
    const s = await createSession(server.store.db, n.people.reporter.id, 30, 'test', Date.now());
    const c = new NewsroomClient({ baseUrl: server.url, token: s.token });
    await new Promise((r) => setTimeout(r, 60));
    await expect(c.me()).rejects.toMatchObject({ status: 401 });
    const fresh = new NewsroomClient({ baseUrl: server.url });
    await fresh.login({ login: 'wang.li', password: 'desk-password-2026' });
    await fresh.logout();
    expect(fresh.signedIn).toBe(false);
  });

  it('a filed story reaches the desk through the long-poll feed within 2 s; drafts stay private', async () => {
    const head = n.as.deskHead;
    const start = await head.feed({ cursor: 0 });
    const storyId = newId();
    // The draft exists on the server (made by the reporter's first command) but the desk cannot see it.
    const poll = head.feed({ cursor: start.cursor, wait: 10 });
    const t0 = performance.now();
    const answer = await n.as.reporter.command(file(storyId));
    expect(answer.outcome.status).toBe('applied');
    const page = await poll;
    const latency = performance.now() - t0;
    expect(page.changes.map((s) => s.id)).toContain(storyId);
    expect(latency).toBeLessThan(2000);
    const seen = page.changes.find((s) => s.id === storyId)!;
    expect(seen).toMatchObject({
      status: 'filed',
      deskId: n.desks.politics.id,
      authorId: n.people.reporter.id,
      revision: 1,
    });
    // The workflow follows the older 发稿: the story waits in the desk's incoming queue.
    const dq = await head.queues(n.desks.politics.id);
    const incoming = dq.desk?.queues.find((q) => q.name === 'incoming');
    expect(incoming?.items.map((i) => i.storyId)).toContain(storyId);
    // Someone outside the desk neither sees it in the feed nor can open it.
    const outsiderFeed = await n.as.outsider.feed({ cursor: 0 });
    expect(outsiderFeed.changes.map((s) => s.id)).not.toContain(storyId);
    await expect(n.as.outsider.story(storyId)).rejects.toMatchObject({
      code: 'forbidden',
      status: 403,
    });
    // The cursor resumes: asking again from the returned cursor gives nothing old.
    const after = await head.feed({ cursor: page.cursor });
    expect(after.changes.map((s) => s.id)).not.toContain(storyId);
  });

  it('applies a command delivered 5 times exactly once and answers each delivery the same', async () => {
    const storyId = newId();
    const cmd = file(storyId);
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await n.as.reporter.command(cmd));
    answers.push(...(await Promise.all([n.as.reporter.command(cmd), n.as.reporter.command(cmd)])));
    expect(answers.map((a) => a.outcome)).toEqual(Array(5).fill(answers[0]!.outcome));
    expect(answers.filter((a) => !a.replay)).toHaveLength(1);
    const story = await n.as.reporter.story(storyId);
    expect(story.revision).toBe(1);
    const events = await server.store.db
      .selectFrom('events')
      .selectAll()
      .where('story_id', '=', storyId)
      .execute();
    expect(events.map((e) => e.type)).toEqual(['story.file']);
    // The same id for a different command is an error, not a silent replay.
    const other = { ...cmd, deskId: n.desks.wechat.id };
    await expect(n.as.reporter.command(other)).rejects.toMatchObject({
      code: 'idempotency_conflict',
      status: 422,
    });
  });

  it('rejects a command made against a stale revision, with the reason and the current story', async () => {
    const storyId = newId();
    await n.as.reporter.command(file(storyId));
    const assign: Command = {
      id: key(),
      type: 'story.assign',
      storyId,
      expectedRevision: 1,
      assigneeId: n.people.deskHead.id,
    };
    expect((await n.as.deskHead.command(assign)).outcome.status).toBe('applied');
    // A second desk-side view still at revision 1 tries to change the priority.
    const stale = await n.as.deskHead.command({
      id: key(),
      type: 'story.update-meta',
      storyId,
      expectedRevision: 1,
      patch: { priority: 'flash' },
    });
    expect(stale.httpStatus).toBe(409);
    expect(stale.outcome).toMatchObject({
      status: 'rejected',
      error: { code: 'stale', details: { currentRevision: 2, expectedRevision: 1 } },
      story: { revision: 2, priority: 'normal', assigneeId: n.people.deskHead.id },
    });
    expect((await n.as.deskHead.story(storyId)).priority).toBe('normal');
  });

  it('checks role and state: filing twice, filing to a foreign desk, assigning as a reporter', async () => {
    const storyId = newId();
    const foreign = await n.as.reporter.command(file(storyId, n.desks.wechat.id));
    expect(foreign.outcome).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
    await n.as.reporter.command(file(storyId));
    const again = await n.as.reporter.command(
      file(storyId, n.desks.politics.id, { expectedRevision: 1 }),
    );
    expect(again).toMatchObject({ httpStatus: 409, outcome: { error: { code: 'invalid_state' } } });
    const byReporter = await n.as.reporter.command({
      id: key(),
      type: 'story.assign',
      storyId,
      expectedRevision: 1,
      assigneeId: n.people.reporter.id,
    });
    expect(byReporter).toMatchObject({
      httpStatus: 403,
      outcome: { error: { code: 'forbidden' } },
    });
    // The outsider reaching for the story learns nothing about it.
    const reach = await n.as.outsider.command({
      id: key(),
      type: 'story.update-meta',
      storyId,
      expectedRevision: 1,
      patch: { priority: 'low' },
    });
    expect(reach).toMatchObject({ httpStatus: 403, outcome: { story: null } });
    const s = await n.as.reporter.story(storyId);
    expect(s).toMatchObject({ revision: 1, status: 'filed', priority: 'normal', assigneeId: null });
  });

  it('a share lets one person outside the desk see the story', async () => {
    const storyId = newId();
    await n.as.reporter.command(file(storyId));
    await expect(n.as.outsider.story(storyId)).rejects.toMatchObject({ status: 403 });
    const share = await n.as.reporter.command({
      id: key(),
      type: 'story.share',
      storyId,
      expectedRevision: 1,
      userId: n.people.outsider.id,
      grant: true,
    });
    expect(share.outcome.status).toBe('applied');
    expect((await n.as.outsider.story(storyId)).id).toBe(storyId);
  });

  it('orders by the server clock whatever the clients’ clocks say (±1 day)', async () => {
    const head = n.as.deskHead;
    const from = (await head.feed({ cursor: 0, limit: 500 })).cursor;
    const ids = [newId(), newId(), newId()];
    const skews = [+DAY, -DAY, 0];
    for (let i = 0; i < ids.length; i++) {
      const issuedAt = new Date(Date.now() + skews[i]!).toISOString();
      const a = await n.as.reporter.command(file(ids[i]!, n.desks.politics.id, { issuedAt }));
      expect(a.outcome.status).toBe('applied');
    }
    const page = await head.feed({ cursor: from });
    const mine = page.changes.filter((s) => ids.includes(s.id));
    expect(mine.map((s) => s.id)).toEqual(ids);
    const filedAt = mine.map((s) => Date.parse(s.filedAt!));
    expect([...filedAt].sort((a, b) => a - b)).toEqual(filedAt);
    for (const t of filedAt) expect(Math.abs(t - Date.now())).toBeLessThan(60_000);
    const seqs = mine.map((s) => s.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
  });

  it('refuses bad input with the right status and leaves stored data untouched', async () => {
    const storyId = newId();
    await n.as.reporter.command(file(storyId));
    const auth = {
      authorization: `Bearer ${n.tokens.reporter}`,
      'content-type': 'application/json',
    };
    const post = (body: string) =>
      fetch(`${server.url}/v1/commands`, { method: 'POST', headers: auth, body });
    expect((await post('{"type": "story.file",')).status).toBe(400);
    const unknown = await post(
      JSON.stringify({ id: key(), type: 'story.burn', storyId, expectedRevision: 1 }),
    );
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe(
      'invalid_input',
    );
    const notAnId = await post(JSON.stringify({ ...file('not-a-uuid'), storyId: 'not-a-uuid' }));
    expect(notAnId.status).toBe(400);
    const huge = await post(
      JSON.stringify({
        id: key(),
        type: 'story.update-meta',
        storyId,
        expectedRevision: 1,
        patch: { keywords: ['两会'.repeat(40_000)] },
      }),
    );
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: { code: string } }).error.code).toBe(
      'payload_too_large',
    );
    const s = await n.as.reporter.story(storyId);
    expect(s).toMatchObject({ revision: 1, keywords: [] });
    expect((await fetch(`${server.url}/v1/nothing-here`)).status).toBe(404);
  });

  it('keeps the event log hash-chained', async () => {
    expect(await verifyEventChain(server.store.db)).toBe(-1);
    const first = await server.store.db
      .selectFrom('events')
      .select(['id', 'payload'])
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await server.store.db
      .updateTable('events')
      .set({ payload: '{"tampered":true}' })
      .where('id', '=', first.id)
      .execute();
    expect(await verifyEventChain(server.store.db)).toBe(0);
    await server.store.db
      .updateTable('events')
      .set({ payload: first.payload })
      .where('id', '=', first.id)
      .execute();
  });

  it('answers health and readiness, and echoes request ids', async () => {
    const h = await fetch(`${server.url}/healthz`);
    expect(h.status).toBe(200);
    const r = await fetch(`${server.url}/readyz`, {
      headers: { 'x-request-id': 'desk-trace-0001' },
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('x-request-id')).toBe('desk-trace-0001');
    const bad = await fetch(`${server.url}/v1/me`);
    const body = (await bad.json()) as { error: { requestId: string } };
    expect(body.error.requestId).toBe(bad.headers.get('x-request-id'));
  });

  it('a NewsroomError says whether a retry may help', () => {
    expect(new NewsroomError('network', 'x', 0).retryable).toBe(true);
    expect(new NewsroomError('forbidden', 'x', 403).retryable).toBe(false);
  });

  it('pages the feed with `limit` and resumes from any cursor', async () => {
    const from = (await n.as.deskHead.feed({ cursor: 0, limit: 500 })).cursor;
    const ids = [newId(), newId(), newId(), newId(), newId()];
    for (const id of ids) await n.as.reporter.command(file(id));
    const seen: string[] = [];
    let cursor = from;
    for (let guard = 0; guard < 10; guard++) {
      const page = await n.as.deskHead.feed({ cursor, limit: 2 });
      seen.push(...page.changes.map((s) => s.id));
      expect(page.cursor).toBeGreaterThanOrEqual(cursor);
      cursor = page.cursor;
      if (!page.more) break;
    }
    expect(seen).toEqual(ids);
    // A client that lost the last page's answer asks again from its old cursor: same changes.
    const again = await n.as.deskHead.feed({ cursor: from, limit: 2 });
    expect(again.changes.map((s) => s.id)).toEqual(ids.slice(0, 2));
  });

  it('lets only an admin manage desks and people', async () => {
    const desk = await n.as.admin.createDesk({
      code: 'douyin',
      name: '抖音编辑部',
      kind: 'channel',
    });
    const person = await n.as.admin.createUser({
      login: 'sun.yue',
      displayName: '孙悦',
      role: 'channel_editor',
      password: 'short-video-2026',
      deskIds: [desk.id],
    });
    const c = new NewsroomClient({ baseUrl: server.url });
    await c.login({ login: 'sun.yue', password: 'short-video-2026' });
    expect((await c.me()).desks.map((d) => d.code)).toEqual(['douyin']);
    await n.as.admin.addDeskMembers(n.desks.wechat.id, [person.id]);
    expect((await c.desks()).map((d) => d.code)).toEqual(['douyin', 'wechat']);
    await expect(
      n.as.deskHead.createDesk({ code: 'weibo', name: '微博编辑部', kind: 'channel' }),
    ).rejects.toMatchObject({
      code: 'forbidden',
      status: 403,
    });
    await expect(
      n.as.admin.createUser({
        login: 'sun.yue',
        displayName: '又一个',
        role: 'reporter',
        password: 'another-pass-1',
      }),
    ).rejects.toMatchObject({ code: 'conflict', status: 409 });
  });
});
