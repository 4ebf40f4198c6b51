// The admin screen's server side on SQLite and PostgreSQL: the directory,
// renaming, a new role or a disabled account taking effect at once (sessions
// end), a new password, leaving a desk, and the guards: administrators only,
// never the last administrator, never yourself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NewsroomClient } from '@shared/sync/client';
import { newId } from '@shared/domain/ids';
import { fieldText, storyDocId } from '@shared/body/story-doc';
import { DEFAULT_REVIEW_PLAN, type ReviewPlan } from '@shared/workflow/review-plan';
import type { WorkflowCommand } from '@shared/workflow/commands';
import type { RunningServer } from '../../../server/app';
import { ENGINES } from './services';
import {
  PASSWORD,
  openDoc,
  seedNewsroom,
  start,
  testEnv,
  type Newsroom,
  type TestEnv,
} from './harness';

describe.each(ENGINES)('people administration on %s', (engine) => {
  let env: TestEnv;
  let server: RunningServer;
  let n: Newsroom;

  beforeAll(async () => {
    env = testEnv(engine);
    server = await start(env.env);
    n = await seedNewsroom(server);
  });
  afterAll(async () => {
    await server?.close();
    await env?.cleanup();
  });

  const signIn = async (login: string, password = PASSWORD) => {
    const c = new NewsroomClient({ baseUrl: server.url });
    await c.login({ login, password });
    return c;
  };

  it('lists everyone with their desks and sign-in state, to administrators only', async () => {
    const dir = await n.as.admin.adminDirectory();
    const head = dir.people.find((p) => p.login === 'chen.hua')!;
    expect(head).toMatchObject({ displayName: '陈华', role: 'desk_head', disabled: false });
    expect(head.deskIds.sort()).toEqual([n.desks.politics.id, n.desks.wechat.id].sort());
    expect(dir.desks.map((d) => d.code)).toEqual(['politics', 'wechat']);
    await expect(n.as.deskHead.adminDirectory()).rejects.toMatchObject({
      code: 'forbidden',
      status: 403,
    });
  });

  it('a new role takes effect at once: the old session ends', async () => {
    const c = await signIn('zhao.min');
    await n.as.admin.updateUser(n.people.wechatEditor.id, {
      role: 'desk_head',
      displayName: '赵敏（微信主编）',
    });
    await expect(c.me()).rejects.toMatchObject({ status: 401 });
    const again = await signIn('zhao.min');
    expect((await again.me()).person).toMatchObject({
      role: 'desk_head',
      displayName: '赵敏（微信主编）',
    });
  });

  it('a disabled person cannot sign in or keep working; enabling lets them back', async () => {
    const c = await signIn('li.na');
    await n.as.admin.updateUser(n.people.outsider.id, { disabled: true });
    await expect(c.me()).rejects.toMatchObject({ status: 401 });
    await expect(signIn('li.na')).rejects.toMatchObject({ status: 401 });
    const dir = await n.as.admin.adminDirectory();
    expect(dir.people.find((p) => p.login === 'li.na')?.disabled).toBe(true);
    await n.as.admin.updateUser(n.people.outsider.id, { disabled: false });
    await expect(signIn('li.na')).resolves.toBeInstanceOf(NewsroomClient);
  });

  it('a new password replaces the old one and ends the sessions', async () => {
    const c = await signIn('wang.li');
    await n.as.admin.setPassword(n.people.reporter.id, '新的口令-2026-秋');
    await expect(c.me()).rejects.toMatchObject({ status: 401 });
    await expect(signIn('wang.li')).rejects.toMatchObject({ status: 401 });
    await expect(signIn('wang.li', '新的口令-2026-秋')).resolves.toBeInstanceOf(NewsroomClient);
    await expect(n.as.admin.setPassword(n.people.reporter.id, 'short')).rejects.toMatchObject({
      code: 'invalid_input',
      status: 400,
    });
  });

  it('takes a person off a desk', async () => {
    await n.as.admin.removeDeskMember(n.desks.wechat.id, n.people.deskHead.id);
    const dir = await n.as.admin.adminDirectory();
    expect(dir.people.find((p) => p.login === 'chen.hua')?.deskIds).toEqual([n.desks.politics.id]);
  });

  it('never leaves the newsroom without an administrator, and nobody disables themselves', async () => {
    await expect(
      n.as.admin.updateUser(n.people.admin.id, { role: 'reporter' }),
    ).rejects.toMatchObject({ code: 'conflict', status: 409, details: { reason: 'last_admin' } });
    await expect(
      n.as.admin.updateUser(n.people.admin.id, { disabled: true }),
    ).rejects.toMatchObject({ code: 'conflict', status: 409 });
    await expect(n.as.admin.updateUser(n.people.admin.id, {})).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(
      n.as.admin.updateUser('01a21c89-a41c-706c-bed7-74b936649061', { displayName: '无此人' }),
    ).rejects.toMatchObject({ code: 'not_found', status: 404 });
    expect((await n.as.admin.me()).person.role).toBe('admin');
  });

  it('a channel desk runs its own review chain: new claims follow it, null goes back to the default', async () => {
    // 微信编辑部 signs off with two steps only: 初审 and 终审, and no proofreading round.
    const plan: ReviewPlan = {
      steps: [DEFAULT_REVIEW_PLAN.steps[0]!, DEFAULT_REVIEW_PLAN.steps[2]!],
      proofreadRounds: 0,
      distinctReviewers: true,
    };
    await n.as.admin.setReviewPlan(n.desks.wechat.id, plan);
    const dir = await n.as.admin.adminDirectory();
    expect(dir.desks.find((d) => d.id === n.desks.wechat.id)?.reviewPlan).toEqual(plan);
    expect(dir.desks.find((d) => d.id === n.desks.politics.id)?.reviewPlan).toBeNull();

    // A story filed and claimed by 微信编辑部 now carries that chain. (The reporter's
    // password was changed above, which ended the seeded session.)
    const reporter = new NewsroomClient({ baseUrl: server.url });
    const session = await reporter.login({ login: 'wang.li', password: '新的口令-2026-秋' });
    const storyId = newId();
    const doc = await openDoc(server.syncUrl, storyDocId(storyId), session.token);
    fieldText(doc.doc, 'headline').insert(0, '全省冬小麦播种基本结束');
    await doc.acked();
    doc.destroy();
    const wf = (who: 'reporter' | 'deskHead', fields: Record<string, unknown>) => {
      const command = { commandId: newId(), storyId, ...fields } as WorkflowCommand;
      return (who === 'reporter' ? reporter : n.as.deskHead).command({
        id: command.commandId,
        type: 'story.workflow',
        storyId,
        expectedRevision: 0,
        command,
      });
    };
    expect((await wf('reporter', { type: 'file', desk: n.desks.politics.id })).outcome.status).toBe(
      'applied',
    );
    await n.as.admin.addDeskMembers(n.desks.wechat.id, [n.people.deskHead.id]);
    const claim = await wf('deskHead', {
      type: 'claim',
      channel: 'wechat',
      desk: n.desks.wechat.id,
    });
    expect(claim.outcome.status).toBe('applied');
    const view = await n.as.deskHead.workflow(storyId);
    const wechat = view.state.variants.wechat!;
    expect(wechat.plan.steps.map((s) => s.id)).toEqual(['first', 'final']);
    expect(wechat.plan.proofreadRounds).toBe(0);

    // Refusals: a topic desk has no chain; a chain with the same step twice is not a chain.
    await expect(n.as.admin.setReviewPlan(n.desks.politics.id, plan)).rejects.toMatchObject({
      code: 'invalid_input',
      status: 400,
    });
    await expect(
      n.as.admin.setReviewPlan(n.desks.wechat.id, {
        ...plan,
        steps: [plan.steps[0]!, plan.steps[0]!],
      }),
    ).rejects.toMatchObject({ code: 'invalid_input', status: 400 });
    await n.as.admin.setReviewPlan(n.desks.wechat.id, null);
    const back = await n.as.admin.adminDirectory();
    expect(back.desks.find((d) => d.id === n.desks.wechat.id)?.reviewPlan).toBeNull();
  });
});
