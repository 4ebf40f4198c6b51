// Starts real servers for tests (random port, temp SQLite dir or a fresh
// PostgreSQL schema, fast password hashing) and seeds a small newsroom.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { loadConfig, type ServerConfig } from '../../../server/config';
import { startServer, type RunningServer, type ServerOverrides } from '../../../server/app';
import { createUser, createDesk } from '../../../server/accounts/accounts';
import { NewsroomClient } from '@shared/sync/client';
import type { Desk, Person, Role } from '@shared/domain/newsroom';
import type { ServerStory } from '@shared/sync/stories';
import { NEWSROOM_PASSWORD, TEST_SCRYPT_N } from '../../support/newsroom';
import { PG_URL, REDIS_URL, dropSchema, freshSchema, type EngineName } from './services';

/** The seeded people's password and the scrypt cost tests hash with: the test newsroom's own. */
export const PASSWORD = NEWSROOM_PASSWORD;
export const FAST_SCRYPT_N = String(TEST_SCRYPT_N);

export interface TestEnv {
  engine: EngineName;
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

/** Environment for one engine: a temp data dir, and for PostgreSQL a schema of its own. */
export function testEnv(engine: EngineName, extra: Record<string, string> = {}): TestEnv {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rongmei-server-'));
  const env: Record<string, string> = {
    RONGMEI_DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    SCRYPT_N: FAST_SCRYPT_N,
    LOG_LEVEL: 'warn',
    ...extra,
  };
  let schema: string | null = null;
  if (engine === 'postgres') {
    schema = freshSchema('srv');
    env.DATABASE_URL = PG_URL;
    env.DATABASE_SCHEMA = schema;
  }
  return {
    engine,
    env,
    async cleanup() {
      if (schema) await dropSchema(schema);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function withRedis(env: Record<string, string>, prefix: string): Record<string, string> {
  return { ...env, REDIS_URL, REDIS_PREFIX: prefix };
}

export function configFor(env: Record<string, string>): ServerConfig {
  return loadConfig(env);
}

export async function start(
  env: Record<string, string>,
  overrides: ServerOverrides = {},
): Promise<RunningServer> {
  return startServer(configFor(env), { logger: { level: env.LOG_LEVEL ?? 'warn' }, ...overrides });
}

export interface Newsroom {
  desks: { politics: Desk; wechat: Desk };
  people: Record<'admin' | 'reporter' | 'wechatEditor' | 'deskHead' | 'outsider', Person>;
  /** A signed-in client per person. */
  as: Record<'admin' | 'reporter' | 'wechatEditor' | 'deskHead' | 'outsider', NewsroomClient>;
  tokens: Record<'admin' | 'reporter' | 'wechatEditor' | 'deskHead' | 'outsider', string>;
}

/**
 * 时政部 (politics) with a reporter and its desk head; 微信编辑部 (wechat) with a
 * channel editor; an outsider on no desk; an admin.
 */
export async function seedNewsroom(server: RunningServer): Promise<Newsroom> {
  const db = server.store.db;
  const cost = { N: Number(FAST_SCRYPT_N), r: 8, p: 1 };
  const politics = await createDesk(db, { code: 'politics', name: '时政部', kind: 'topic' });
  const wechat = await createDesk(db, { code: 'wechat', name: '微信编辑部', kind: 'channel' });
  const mk = (login: string, displayName: string, role: Role, deskIds: string[]) =>
    createUser(db, { login, displayName, role, password: PASSWORD, deskIds }, cost);
  const people = {
    admin: await mk('admin', '系统管理员', 'admin', []),
    reporter: await mk('wang.li', '王立', 'reporter', [politics.id]),
    wechatEditor: await mk('zhao.min', '赵敏', 'channel_editor', [wechat.id]),
    deskHead: await mk('chen.hua', '陈华', 'desk_head', [politics.id, wechat.id]),
    outsider: await mk('li.na', '李娜', 'reporter', []),
  };
  const as = {} as Newsroom['as'];
  const tokens = {} as Newsroom['tokens'];
  for (const [k, p] of Object.entries(people) as [keyof Newsroom['people'], Person][]) {
    const c = new NewsroomClient({ baseUrl: server.url });
    const s = await c.login({ login: p.login, password: PASSWORD });
    as[k] = c;
    tokens[k] = s.token;
  }
  return { desks: { politics, wechat }, people, as, tokens };
}

export interface DocClient {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  /** Resolves once the server acknowledged every update sent so far. */
  acked(timeoutMs?: number): Promise<void>;
  destroy(): void;
}

export async function until(
  check: () => boolean,
  timeoutMs = 5000,
  what = 'condition',
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A Hocuspocus provider in Node, as the desktop host will run it. */
export async function openDoc(
  syncUrl: string,
  name: string,
  token: string,
  opts: { doc?: Y.Doc; waitSynced?: boolean } = {},
): Promise<DocClient> {
  const doc = opts.doc ?? new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({
    url: syncUrl,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    // Unlimited: a provider that gives up throws an unhandled rejection; tests destroy it instead.
    maxAttempts: 0,
  });
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name,
    document: doc,
    token,
  });
  // A provider on a shared socket is attached by hand (several documents may share one socket).
  provider.attach();
  if (opts.waitSynced !== false) {
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no sync for ${name}`)), 5000);
      provider.on('synced', () => {
        clearTimeout(t);
        resolve();
      });
      provider.on('authenticationFailed', ({ reason }: { reason: string }) => {
        clearTimeout(t);
        reject(new Error(`authentication failed: ${reason}`));
      });
    }).catch((err: unknown) => {
      provider.destroy();
      socket.destroy();
      throw err;
    });
  }
  return {
    doc,
    provider,
    socket,
    acked: (timeoutMs = 5000) =>
      until(() => !provider.hasUnsyncedChanges, timeoutMs, `acks on ${name}`),
    destroy() {
      provider.destroy();
      socket.destroy();
    },
  };
}

/** Long-polls the feed from `cursor` until `storyId` shows up; the story as seen, or null after `ms`. */
export async function waitInFeed(
  client: NewsroomClient,
  cursor: number,
  storyId: string,
  ms: number,
): Promise<ServerStory | null> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const page = await client.feed({ cursor, wait: Math.max(0.05, (end - Date.now()) / 1000) });
    const hit = page.changes.find((s) => s.id === storyId);
    if (hit) return hit;
    cursor = page.cursor;
  }
  return null;
}
