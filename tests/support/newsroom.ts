// The test newsroom — 时政部 with a reporter and its desk head, 微信编辑部 and
// 客户端编辑部 with a channel editor (and the same desk head), the
// editor-in-chief and an administrator — seeded once here for every browser
// test, and a real server for it in the test process (temp SQLite, loopback,
// fast password hashing). tests/support/newsroom-server-process.ts runs the
// same newsroom as a child process.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/config';
import { startServer, type RunningServer } from '../../server/app';
import { createDesk, createUser } from '../../server/accounts/accounts';
import type { Desk, Person, Role } from '@shared/domain/newsroom';
import type { Db } from '../../server/db/database';

export const NEWSROOM_PASSWORD = 'desk-password-2026';
/** scrypt cost for test accounts: fast, the same algorithm. */
export const TEST_SCRYPT_N = 1024;

export interface SeededNewsroom {
  desks: { politics: Desk; wechat: Desk; app: Desk };
  people: Record<'admin' | 'reporter' | 'deskHead' | 'wechatEditor' | 'chief', Person>;
}

export async function seedTestNewsroom(db: Db): Promise<SeededNewsroom> {
  const politics = await createDesk(db, { code: 'politics', name: '时政部', kind: 'topic' });
  const wechat = await createDesk(db, { code: 'wechat', name: '微信编辑部', kind: 'channel' });
  const app = await createDesk(db, { code: 'app', name: '客户端编辑部', kind: 'channel' });
  const cost = { N: TEST_SCRYPT_N, r: 8, p: 1 };
  const mk = (login: string, displayName: string, role: Role, deskIds: string[]) =>
    createUser(db, { login, displayName, role, password: NEWSROOM_PASSWORD, deskIds }, cost);
  const people = {
    admin: await mk('admin', '系统管理员', 'admin', []),
    reporter: await mk('wang.li', '王立', 'reporter', [politics.id]),
    deskHead: await mk('chen.hua', '陈华', 'desk_head', [politics.id, wechat.id, app.id]),
    wechatEditor: await mk('zhao.min', '赵敏', 'channel_editor', [wechat.id, app.id]),
    chief: await mk('liu.zong', '刘总', 'editor_in_chief', []),
  };
  return { desks: { politics, wechat, app }, people };
}

export interface TestNewsroom {
  url: string;
  server: RunningServer;
  desks: SeededNewsroom['desks'];
  people: SeededNewsroom['people'];
  /** A new server process-alike on the same data and port (after `server.close()`, or a crash). */
  restart(port: number): Promise<TestNewsroom>;
  stop(): Promise<void>;
}

function boot(dataDir: string, port: number): Promise<RunningServer> {
  return startServer(
    loadConfig({
      RONGMEI_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      SCRYPT_N: String(TEST_SCRYPT_N),
      LOG_LEVEL: 'warn',
    }),
    { logger: { level: 'warn' } },
  );
}

export async function startNewsroom(): Promise<TestNewsroom> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rongmei-e2e-server-'));
  const server = await boot(dataDir, 0);
  const { desks, people } = await seedTestNewsroom(server.store.db);
  const around = (running: RunningServer): TestNewsroom => ({
    url: running.url,
    server: running,
    desks,
    people,
    restart: async (port) => around(await boot(dataDir, port)),
    async stop() {
      await running.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  });
  return around(server);
}
