// kill -9 in the middle of typing: every edit the server acknowledged is
// there after a restart. Hocuspocus alone acknowledges before its debounced
// store runs; the durable-sync extension stores first, and this proves it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newId } from '@shared/domain/ids';
import { storyDocId } from '@shared/body/story-doc';
import { NewsroomClient } from '@shared/sync/client';
import { NEWSROOM_PASSWORD, seedTestNewsroom } from '../../support/newsroom';
import { openStore } from '../../../server/db/database';
import { ENGINES } from './services';
import { openDoc, testEnv, type DocClient, type TestEnv } from './harness';
import { spawnServer } from './child-server';

const PIECES = [
  '新华社',
  '北京',
  '11月3日电',
  '（记者王立）',
  '今年秋粮',
  '收购',
  '进度过半，',
  '市场运行',
  '总体平稳🌾。',
];

interface Writer {
  name: string;
  client: DocClient;
  made: number;
  /** Edits the server acknowledged: SyncStatus answers come in the order the edits were sent. */
  acked: number;
}

describe.each(ENGINES)('kill -9 on %s', (engine) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = testEnv(engine);
    const store = await openStore({
      dataDir: env.env.RONGMEI_DATA_DIR!,
      databaseUrl: env.env.DATABASE_URL,
      databaseSchema: env.env.DATABASE_SCHEMA,
    });
    await seedTestNewsroom(store.db);
    await store.close();
  });
  afterAll(async () => env?.cleanup());

  it('loses no acknowledged update when the server is SIGKILLed mid-sync', async () => {
    const first = await spawnServer(env.env);
    const api = new NewsroomClient({ baseUrl: first.url });
    const { token } = await api.login({ login: 'wang.li', password: NEWSROOM_PASSWORD });
    const writers: Writer[] = [];
    for (let i = 0; i < 3; i++) {
      const name = storyDocId(newId());
      const client = await openDoc(first.syncUrl, name, token);
      const w: Writer = { name, client, made: 0, acked: 0 };
      client.provider.on('unsyncedChanges', ({ number }: { number: number }) => {
        w.acked = Math.max(w.acked, w.made - number);
      });
      writers.push(w);
    }
    let typing = true;
    const type = async (w: Writer) => {
      const text = w.client.doc.getText('body');
      while (typing) {
        text.insert(text.length, `${w.made}:${PIECES[w.made % PIECES.length]}|`);
        w.made++;
        // A fast typist: a keystroke every few milliseconds on each of three stories.
        await new Promise((r) => setTimeout(r, 2));
      }
    };
    const typists = writers.map(type);
    await new Promise((r) => setTimeout(r, 800 + Math.random() * 700));
    first.proc.kill('SIGKILL');
    const { signal } = await first.exited;
    typing = false;
    await Promise.all(typists);
    expect(signal).toBe('SIGKILL');
    for (const w of writers) w.client.destroy();
    const tally = writers.map((w) => `${w.acked}/${w.made}`).join(' ');
    // Typing ran into the kill: some edits were in flight, unacknowledged.
    expect(
      writers.some((w) => w.made > w.acked),
      tally,
    ).toBe(true);
    expect(
      writers.every((w) => w.acked > 10),
      tally,
    ).toBe(true);

    const second = await spawnServer(env.env);
    try {
      for (const w of writers) {
        const reader = await openDoc(second.syncUrl, w.name, token, { doc: new Y.Doc() });
        const text = reader.doc.getText('body').toString();
        const seen = text.split('|').filter(Boolean);
        for (let i = 0; i < w.acked; i++) expect(seen[i]).toBe(`${i}:${PIECES[i % PIECES.length]}`);
        reader.destroy();
      }
      console.log(
        `kill -9 (${engine}): ` +
          writers.map((w) => `${w.acked} acknowledged / ${w.made} typed`).join(', ') +
          ' — all acknowledged edits present after restart',
      );
    } finally {
      second.proc.kill('SIGTERM');
      await second.exited;
    }
  }, 60_000);
});
