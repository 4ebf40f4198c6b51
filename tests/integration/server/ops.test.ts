// Operations: graceful shutdown flushes documents, TLS with a certificate
// path, client addresses behind a reverse proxy, and the rate limits.
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { newId } from '@shared/domain/ids';
import { applyTextEdit, fieldText, storyDocId } from '@shared/body/story-doc';
import { NewsroomClient } from '@shared/sync/client';
import { openStore } from '../../../server/db/database';
import type { RunningServer } from '../../../server/app';
import { createUser } from '../../../server/accounts/accounts';
import {
  FAST_SCRYPT_N,
  PASSWORD,
  openDoc,
  seedNewsroom,
  start,
  testEnv,
  type TestEnv,
} from './harness';
import { spawnServer } from './child-server';
import { authMessage, openRaw, updateMessage } from './raw-socket';

const envs: TestEnv[] = [];
afterAll(async () => {
  for (const e of envs) await e.cleanup();
});
function env(extra: Record<string, string> = {}): TestEnv {
  const e = testEnv('sqlite', extra);
  envs.push(e);
  return e;
}

describe('operations', () => {
  it('SIGTERM flushes documents (snapshot and story row) before the process exits 0', async () => {
    const e = env();
    const store = await openStore({ dataDir: e.env.RONGMEI_DATA_DIR! });
    await createUser(
      store.db,
      { login: 'wang.li', displayName: '王立', role: 'reporter', password: PASSWORD },
      { N: Number(FAST_SCRYPT_N), r: 8, p: 1 },
    );
    await store.close();
    const child = await spawnServer({ ...e.env, DOC_STORE_DEBOUNCE_MS: '30000' });
    const api = new NewsroomClient({ baseUrl: child.url });
    const { token } = await api.login({ login: 'wang.li', password: PASSWORD });
    const storyId = newId();
    const d = await openDoc(child.syncUrl, storyDocId(storyId), token);
    applyTextEdit(fieldText(d.doc, 'headline'), '台风“摩羯”登陆海南');
    await d.acked();
    const t0 = Date.now();
    child.proc.kill('SIGTERM');
    const { code } = await child.exited;
    console.log('shutdown took', Date.now() - t0, 'ms');
    d.destroy();
    expect(code).toBe(0);
    expect(child.output()).toContain('shutting down: flushing documents');
    const after = await openStore({ dataDir: e.env.RONGMEI_DATA_DIR! });
    try {
      const row = await after.db
        .selectFrom('stories')
        .select('headline')
        .where('id', '=', storyId)
        .executeTakeFirst();
      expect(row?.headline).toBe('台风“摩羯”登陆海南');
      const snap = await after.db
        .selectFrom('doc_snapshots')
        .select('up_to')
        .where('doc_name', '=', storyDocId(storyId))
        .executeTakeFirst();
      expect(Number(snap?.up_to)).toBeGreaterThan(0);
      const left = await after.db
        .selectFrom('doc_updates')
        .select('id')
        .where('doc_name', '=', storyDocId(storyId))
        .execute();
      expect(left).toEqual([]);
    } finally {
      await after.close();
    }
  }, 60_000);

  it('serves HTTPS and WSS from a certificate path', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rongmei-tls-'));
    const cert = path.join(dir, 'cert.pem');
    const key = path.join(dir, 'key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
    const e = env({ TLS_CERT_FILE: cert, TLS_KEY_FILE: key });
    const server = await start(e.env);
    try {
      expect(server.url).toMatch(/^https:/);
      expect(server.syncUrl).toMatch(/^wss:/);
      const ca = fs.readFileSync(cert);
      const status = await new Promise<number>((resolve, reject) =>
        https
          .get(`${server.url}/healthz`, { ca }, (res) => resolve(res.statusCode ?? 0))
          .on('error', reject),
      );
      expect(status).toBe(200);
      const n = await seedNewsroomOverTls(server, ca);
      const ws = new WebSocket(server.syncUrl, { ca });
      const answer = await new Promise<Buffer>((resolve, reject) => {
        ws.on('open', () => ws.send(authMessage(storyDocId(newId()), n)));
        ws.on('message', (m: Buffer) => resolve(m));
        ws.on('error', reject);
      });
      expect(answer.length).toBeGreaterThan(0);
      ws.close();
      // Plain HTTP to the TLS port is not served.
      await expect(fetch(server.url.replace('https', 'http') + '/healthz')).rejects.toThrow();
    } finally {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('behind a trusted proxy, limits sign-in attempts per client address from X-Forwarded-For', async () => {
    const attempt = (url: string, ip: string) =>
      fetch(`${url}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
        body: JSON.stringify({ login: 'wang.li', password: 'wrong-password-1' }),
      }).then((r) => r.status);
    const proxied = await start(env({ TRUST_PROXY: '127.0.0.1' }).env);
    const direct = await start(env().env);
    try {
      for (let i = 0; i < 10; i++) expect(await attempt(proxied.url, '203.0.113.7')).toBe(401);
      expect(await attempt(proxied.url, '203.0.113.7')).toBe(429);
      expect(await attempt(proxied.url, '198.51.100.20')).toBe(401);
      // Without trust, the header is ignored: everyone is the proxy's address.
      for (let i = 0; i < 10; i++) await attempt(direct.url, `203.0.113.${i}`);
      expect(await attempt(direct.url, '198.51.100.20')).toBe(429);
    } finally {
      await proxied.close();
      await direct.close();
    }
  });

  it('limits requests and document messages per person', async () => {
    const server = await start(
      env({
        RATE_LIMIT_BURST: '5',
        RATE_LIMIT_PER_SECOND: '1',
        WS_RATE_LIMIT_BURST: '20',
        WS_RATE_LIMIT_PER_SECOND: '1',
      }).env,
    );
    try {
      const n = await seedNewsroom(server);
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 7; i++) {
        const r = await fetch(`${server.url}/v1/me`, {
          headers: { authorization: `Bearer ${n.tokens.reporter}` },
        });
        statuses.push(r.status);
        if (r.status === 429) retryAfter = r.headers.get('retry-after');
      }
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      expect(statuses.at(-1)).toBe(429);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      // Another person is not affected.
      expect((await n.as.deskHead.me()).person.login).toBe('chen.hua');

      const name = storyDocId(newId());
      const raw = await openRaw(server.syncUrl);
      expect(await raw.auth(name, n.tokens.outsider)).toBe('authenticated');
      const doc = new Y.Doc();
      const text = doc.getText('t');
      for (let i = 0; i < 60; i++) {
        const before = Y.encodeStateVector(doc);
        text.insert(text.length, '快');
        raw.ws.send(updateMessage(name, Y.encodeStateAsUpdate(doc, before)));
      }
      expect((await raw.closed).code).toBe(4429);
    } finally {
      await server.close();
    }
  });
});

async function seedNewsroomOverTls(server: RunningServer, ca: Buffer): Promise<string> {
  await createUser(
    server.store.db,
    { login: 'tls.user', displayName: '安全', role: 'reporter', password: PASSWORD },
    { N: Number(FAST_SCRYPT_N), r: 8, p: 1 },
  );
  const body = JSON.stringify({ login: 'tls.user', password: PASSWORD });
  return new Promise((resolve, reject) => {
    const req = https.request(
      `${server.url}/v1/auth/login`,
      {
        method: 'POST',
        ca,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let data = '';
        res.on('data', (c: Buffer) => (data += c.toString()));
        res.on('end', () => resolve((JSON.parse(data) as { token: string }).token));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
