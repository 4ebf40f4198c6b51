// The admin screen's server side on SQLite and PostgreSQL: the directory,
// renaming, a new role or a disabled account taking effect at once (sessions
// end), a new password, leaving a desk, and the guards: administrators only,
// never the last administrator, never yourself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NewsroomClient } from '@shared/sync/client';
import type { RunningServer } from '../../../server/app';
import { ENGINES } from './services';
import { PASSWORD, seedNewsroom, start, testEnv, type Newsroom, type TestEnv } from './harness';

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
});
