// A real newsroom server in the test process (temp SQLite, loopback, fast
// password hashing) with two desks and their people, for end-to-end tests
// where several desktop apps sign in to one server.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/config';
import { startServer, type RunningServer } from '../../server/app';
import { createDesk, createUser } from '../../server/accounts/accounts';
import type { Desk, Person, Role } from '@shared/domain/newsroom';

export const NEWSROOM_PASSWORD = 'desk-password-2026';

export interface TestNewsroom {
  url: string;
  server: RunningServer;
  desks: { politics: Desk; wechat: Desk };
  people: Record<'admin' | 'reporter' | 'deskHead' | 'wechatEditor', Person>;
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
      SCRYPT_N: '1024',
      LOG_LEVEL: 'warn',
    }),
    { logger: { level: 'warn' } },
  );
}

export async function startNewsroom(): Promise<TestNewsroom> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rongmei-e2e-server-'));
  const server = await boot(dataDir, 0);
  const db = server.store.db;
  const politics = await createDesk(db, { code: 'politics', name: '时政部', kind: 'topic' });
  const wechat = await createDesk(db, { code: 'wechat', name: '微信编辑部', kind: 'channel' });
  const cost = { N: 1024, r: 8, p: 1 };
  const mk = (login: string, displayName: string, role: Role, deskIds: string[]) =>
    createUser(db, { login, displayName, role, password: NEWSROOM_PASSWORD, deskIds }, cost);
  const people = {
    admin: await mk('admin', '系统管理员', 'admin', []),
    reporter: await mk('wang.li', '王立', 'reporter', [politics.id]),
    deskHead: await mk('chen.hua', '陈华', 'desk_head', [politics.id, wechat.id]),
    wechatEditor: await mk('zhao.min', '赵敏', 'channel_editor', [wechat.id]),
  };
  const around = (running: RunningServer): TestNewsroom => ({
    url: running.url,
    server: running,
    desks: { politics, wechat },
    people,
    restart: async (port) => around(await boot(dataDir, port)),
    async stop() {
      await running.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  });
  return around(server);
}
