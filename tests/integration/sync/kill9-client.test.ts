// kill -9, seen from the desktop: a reporter's host keeps typing while the
// server process is SIGKILLed and started again on the same port. The host
// reconnects by itself (nobody calls anything), every edit typed before,
// during and after the outage reaches the server, and every edit the server
// had acknowledged to another writer reaches the host. (The server side of
// kill -9 is tests/integration/server/kill9.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newId } from '@shared/domain/ids';
import { fieldText, storyDocId } from '@shared/body/story-doc';
import { NewsroomClient } from '@shared/sync/client';
import { NEWSROOM_PASSWORD, seedTestNewsroom } from '../../support/newsroom';
import { openStore } from '../../../server/db/database';
import { openDoc, testEnv, type TestEnv } from '../server/harness';
import { spawnServer, type ChildServer } from '../server/child-server';
import { removeTempDirs } from '../helpers';
import { desktop, Editor, signIn, until, type Desktop } from './sync-harness';

const PIECES = ['新华社', '北京', '11月3日电', '秋粮收购', '进度过半，', '市场总体平稳。'];

let env: TestEnv;
let d: Desktop | null = null;

beforeAll(async () => {
  env = testEnv('sqlite');
  const store = await openStore({ dataDir: env.env.RONGMEI_DATA_DIR! });
  await seedTestNewsroom(store.db);
  await store.close();
});

afterAll(async () => {
  d?.close();
  await env?.cleanup();
  removeTempDirs();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a desktop host through a server kill -9', () => {
  it('keeps typing, reconnects by itself, and no acknowledged update is lost on either side', async () => {
    let server: ChildServer = await spawnServer(env.env);
    const port = new URL(server.url).port;
    const desktopHost = desktop('kill9-reporter', { sync: { feedWaitSeconds: 2 } });
    d = desktopHost;
    await signIn(desktopHost, server.url, 'wang.li');
    await until(
      async () => (await desktopHost.call('sync.status', {})).state === 'online',
      10_000,
      'online',
    );
    const id = newId();
    const docName = storyDocId(id);
    await desktopHost.call('stories.create', { id });
    const ed = await Editor.open(desktopHost, id);
    await ed.edit('notes', () => '开始|');
    await until(
      async () => (await desktopHost.call('sync.status', {})).pendingChanges === 0,
      10_000,
      'story uploaded',
    );

    // A second writer on the same story, straight to the server, counting what it was told is stored.
    const api = new NewsroomClient({ baseUrl: server.url });
    const { token } = await api.login({ login: 'wang.li', password: NEWSROOM_PASSWORD });
    const other = await openDoc(server.syncUrl, docName, token);
    let otherMade = 0;
    let otherAcked = 0;
    other.provider.on('unsyncedChanges', ({ number }: { number: number }) => {
      otherAcked = Math.max(otherAcked, otherMade - number);
    });

    let typed = 0;
    let typing = true;
    let otherOn = true;
    const reporterTyping = (async () => {
      while (typing) {
        const piece = `记${typed}:${PIECES[typed % PIECES.length]}|`;
        await ed.edit('notes', (s) => s + piece);
        typed++;
        await sleep(5);
      }
    })();
    const otherTyping = (async () => {
      const t = fieldText(other.doc, 'headline');
      while (otherOn) {
        t.insert(t.length, `编${otherMade}|`);
        otherMade++;
        await sleep(5);
      }
    })();

    await sleep(700);
    server.proc.kill('SIGKILL');
    expect((await server.exited).signal).toBe('SIGKILL');
    const typedAtKill = typed;
    const otherAckedAtKill = otherAcked;
    // The other writer stops at the kill; it only has to prove what the server had acknowledged.
    otherOn = false;
    await otherTyping;
    other.destroy();
    // The reporter goes on typing while the server is down.
    await sleep(800);
    server = await spawnServer({ ...env.env, PORT: port });
    try {
      await sleep(500);
      typing = false;
      await reporterTyping;
      expect(typed).toBeGreaterThan(typedAtKill);
      expect(otherAckedAtKill).toBeGreaterThan(10);

      // Back without anyone's help: online and nothing waiting.
      const t0 = Date.now();
      await until(
        async () => {
          const s = await desktopHost.call('sync.status', {});
          return s.state === 'online' && s.pendingChanges === 0;
        },
        30_000,
        'reconnected and uploaded',
      );
      const reconnectMs = Date.now() - t0;

      // Server side: every piece the reporter typed is stored (read fresh from the restarted server).
      const reader = await openDoc(server.syncUrl, docName, token, { doc: new Y.Doc() });
      const onServer = fieldText(reader.doc, 'notes').toString();
      for (let i = 0; i < typed; i++)
        expect(onServer).toContain(`记${i}:${PIECES[i % PIECES.length]}|`);
      // Desktop side: every edit the server acknowledged to the other writer reached the host.
      await until(
        () => ed.text('headline').split('|').filter(Boolean).length >= otherAckedAtKill,
        10_000,
        'the other writer’s edits at the host',
      );
      const atHost = ed.text('headline');
      for (let i = 0; i < otherAckedAtKill; i++) expect(atHost).toContain(`编${i}|`);
      // And the two ends agree.
      await until(
        () =>
          ed.text('notes') === fieldText(reader.doc, 'notes').toString() &&
          ed.text('headline') === fieldText(reader.doc, 'headline').toString(),
        10_000,
        'host and server agree',
      );
      reader.destroy();
      console.log(
        `kill -9 (desktop): ${typed} edits typed (${typed - typedAtKill} after the kill), ` +
          `other writer ${otherAckedAtKill} acknowledged before the kill; host back online and ` +
          `uploaded ${reconnectMs} ms after typing stopped; nothing lost`,
      );
      await ed.close();
    } finally {
      server.proc.kill('SIGTERM');
      await server.exited;
    }
  }, 90_000);
});
