// A reporter's laptop and a copy desk's PC, both running the app's host
// services, signed in to a real newsroom server (SQLite).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/app';
import { seedNewsroom, start, testEnv, type Newsroom, type TestEnv } from '../server/harness';
import { removeTempDirs } from '../helpers';
import { newId } from '@shared/domain/ids';
import { desktop, Editor, signIn, until, type Desktop } from './sync-harness';

let env: TestEnv;
let server: RunningServer;
let newsroom: Newsroom;
let reporter: Desktop;
let desk: Desktop;

beforeAll(async () => {
  env = testEnv('sqlite');
  server = await start(env.env);
  newsroom = await seedNewsroom(server);
  reporter = desktop('reporter', { sync: { feedWaitSeconds: 2 } });
  desk = desktop('desk', { sync: { feedWaitSeconds: 2 } });
  await signIn(reporter, server.url, newsroom.people.reporter.login);
  await signIn(desk, server.url, newsroom.people.deskHead.login);
});

afterAll(async () => {
  reporter.close();
  desk.close();
  await server.close();
  await env.cleanup();
  removeTempDirs();
});

describe('sync between a reporter and the desk', () => {
  it('signs in, shows the person, and comes online', async () => {
    await until(
      async () => (await reporter.call('sync.status', {})).state === 'online',
      10_000,
      'reporter online',
    );
    const s = await reporter.call('sync.status', {});
    expect(s.user).toMatchObject({ login: 'wang.li', displayName: '王立', role: 'reporter' });
    expect(s.lastSyncAt).not.toBeNull();
  });

  it('refuses a wrong password with a clear error and keeps the current session', async () => {
    await expect(
      reporter.call('sync.signIn', {
        serverUrl: server.url,
        login: 'wang.li',
        password: 'wrong-password-123',
      }),
    ).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(
      reporter.call('sync.signIn', {
        serverUrl: 'http://127.0.0.1:9',
        login: 'wang.li',
        password: 'x',
      }),
    ).rejects.toMatchObject({ code: 'disconnected' });
    expect((await reporter.call('sync.status', {})).user?.login).toBe('wang.li');
  });

  it('uploads a draft privately; filing (发稿) puts it in front of the desk within 2 s, text and all', async () => {
    const id = newId();
    await reporter.call('stories.create', { id });
    const ed = await Editor.open(reporter, id);
    await ed.edit('headline', () => '全省秋粮收购进度过半');
    await ed.edit('notes', () => '消息来源：省粮食和物资储备局');
    // Drafts are private: the desk does not see it.
    await until(
      async () => (await reporter.call('sync.status', {})).pendingChanges === 0,
      10_000,
      'draft uploaded',
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(desk.host.stories.get(id)).toBeNull();

    const desks = await reporter.call('sync.desks', {});
    const politics = desks.find((d) => d.code === 'politics')!;
    const filed = await reporter.call('stories.file', { id, deskId: politics.id });
    expect(filed).toMatchObject({ status: 'filed', deskId: politics.id, pendingCommand: true });
    const t0 = Date.now();
    await until(() => desk.host.stories.get(id) !== null, 5_000, 'story in the desk library');
    const seenAfter = Date.now() - t0;
    expect(seenAfter).toBeLessThan(2_000);
    await until(
      () => desk.host.stories.get(id)?.headline === '全省秋粮收购进度过半',
      5_000,
      'desk has the text',
    );
    await until(
      () => reporter.host.stories.get(id)?.pendingCommand === false,
      5_000,
      'command confirmed',
    );
    expect(reporter.host.stories.get(id)).toMatchObject({ status: 'filed', deskId: politics.id });
    await ed.close();
  });

  it('two people edit one story at once and end with the same text, nothing lost', async () => {
    const id = newId();
    await reporter.call('stories.create', { id });
    const politics = (await reporter.call('sync.desks', {})).find((d) => d.code === 'politics')!;
    await reporter.call('stories.file', { id, deskId: politics.id });
    await until(() => desk.host.stories.get(id) !== null, 5_000, 'filed story at the desk');
    const a = await Editor.open(reporter, id);
    const b = await Editor.open(desk, id);
    for (let i = 0; i < 20; i++) {
      await a.edit('notes', (s) => s + `记者${i}；`);
      await b.edit('notes', (s) => `编辑${i}；` + s);
    }
    await until(
      () => a.text('notes') === b.text('notes') && a.text('notes').length > 0,
      10_000,
      'convergence',
    );
    for (let i = 0; i < 20; i++) {
      expect(a.text('notes')).toContain(`记者${i}；`);
      expect(a.text('notes')).toContain(`编辑${i}；`);
    }
    await a.close();
    await b.close();
  });

  it('a refused command is rolled back and explained', async () => {
    const id = newId();
    await reporter.call('stories.create', { id });
    // The reporter is not on the WeChat desk: the server refuses to file there.
    const story = await reporter.call('stories.file', { id, deskId: newsroom.desks.wechat.id });
    expect(story.status).toBe('filed');
    await until(() => reporter.host.stories.get(id)?.status === 'draft', 5_000, 'rollback');
    const notice = reporter.events.find(
      (e) => e.name === 'notice' && (e.payload as { kind: string }).kind === 'command_rejected',
    );
    expect(notice?.payload).toMatchObject({ params: { storyId: id, command: 'story.file' } });
    expect((notice!.payload as { params: { reasonZh: string } }).params.reasonZh).toMatch(
      /[\u4e00-\u9fff]/,
    );
  });
});
