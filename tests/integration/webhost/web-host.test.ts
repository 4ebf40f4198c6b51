// The web host over real sockets: the token, the origin and Host checks,
// static files with the CSP, and bad or oversized messages refused without
// harming the host.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { HostSocket, startApiHost, type WebHostProcess } from './web-host-process';
import { tempDir, removeTempDirs } from '../helpers';
import { newId } from '@shared/domain/ids';
import { CONTENT_SECURITY_POLICY } from '@shared/security/csp';

let web: WebHostProcess;
beforeAll(async () => {
  web = await startApiHost(tempDir());
});
afterAll(async () => {
  web.child.kill('SIGTERM');
  await web.exited;
  removeTempDirs();
});

function request(
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
) {
  const url = new URL(path, web.url);
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>(
    (resolve, reject) => {
      const req = http.request(
        url,
        { method: opts.method ?? 'GET', headers: opts.headers },
        (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        },
      );
      req.on('error', reject);
      if (opts.body) req.write(opts.body);
      req.end();
    },
  );
}

describe('web host', () => {
  it('serves the renderer with the CSP and no-sniff headers, and nothing outside it', async () => {
    const index = await request('/');
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect((await request('/%2e%2e/%2e%2e/package.json')).status).toBeGreaterThanOrEqual(403);
    expect((await request('/../../package.json')).status).not.toBe(200);
  });

  it('answers only to its own Host name (no DNS rebinding)', async () => {
    const res = await request('/', { headers: { Host: 'evil.example.com' } });
    expect(res.status).toBe(421);
  });

  it('refuses HTTP calls without the launch token and accepts them with it', async () => {
    const no = await request('/api/call/app.info', { method: 'POST', body: '{}' });
    expect(no.status).toBe(401);
    const wrong = await request('/api/call/app.info', {
      method: 'POST',
      body: '{}',
      headers: { Authorization: 'Bearer nope' },
    });
    expect(wrong.status).toBe(401);
    const ok = await request('/api/call/app.info', {
      method: 'POST',
      body: '{}',
      headers: { Authorization: `Bearer ${web.token}` },
    });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: { host: 'web' } });
  });

  it('answers malformed JSON, unknown calls and bad input with typed errors', async () => {
    const auth = { Authorization: `Bearer ${web.token}` };
    expect(
      JSON.parse(
        (await request('/api/call/app.info', { method: 'POST', body: '{oops', headers: auth }))
          .body,
      ),
    ).toMatchObject({ error: { code: 'invalid_input' } });
    expect(
      JSON.parse(
        (await request('/api/call/fs.rm', { method: 'POST', body: '{}', headers: auth })).body,
      ),
    ).toMatchObject({ error: { code: 'unknown_call' } });
    expect(
      JSON.parse(
        (
          await request('/api/call/stories.get', {
            method: 'POST',
            body: '{"id":1}',
            headers: auth,
          })
        ).body,
      ),
    ).toMatchObject({ error: { code: 'invalid_input' } });
  });

  it('refuses an oversized HTTP body with 413 and keeps serving', async () => {
    const big = Buffer.alloc(40 * 1024 * 1024, 0x41);
    const res = await request('/api/call/stories.import', {
      method: 'POST',
      body: big,
      headers: { Authorization: `Bearer ${web.token}` },
    }).catch(() => ({ status: 413 }));
    expect(res.status).toBe(413);
    expect((await request('/healthz')).status).toBe(200);
  });

  it('refuses WebSocket connections with a wrong token or from another origin', async () => {
    await expect(HostSocket.connect({ url: web.url, token: 'wrong' })).rejects.toThrow(/401/);
    await expect(HostSocket.connect(web, 'https://evil.example.com')).rejects.toThrow(/401/);
  });

  it('over the WebSocket: serves calls, refuses garbage, closes on an oversized frame, survives it all', async () => {
    const s = await HostSocket.connect(web);
    const id = newId();
    expect(await s.call('stories.create', { id })).toMatchObject({ id, status: 'draft' });
    const got = new Promise<string>((resolve) =>
      s.ws.once('message', (m) => resolve(m.toString())),
    );
    s.ws.send('not json at all');
    expect(JSON.parse(await got)).toMatchObject({ t: 'error', error: { code: 'invalid_input' } });
    expect(
      await s.raw('doc.push', { docId: `story:${id}`, clientId: 'client-01', update: 'AAEC////' }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    s.close();

    const big = await HostSocket.connect(web);
    big.ws.send(Buffer.alloc(40 * 1024 * 1024, 0x20));
    await big.closed;
    const after = await HostSocket.connect(web);
    expect((await after.call('stories.get', { id })).id).toBe(id);
    after.close();
  });

  it('pushes events to other windows: an edit in one appears in another', async () => {
    const a = await HostSocket.connect(web);
    const b = await HostSocket.connect(web);
    const id = newId();
    await a.call('stories.create', { id });
    await a.call('doc.open', { docId: `story:${id}`, clientId: 'window-a1' });
    await b.call('doc.open', { docId: `story:${id}`, clientId: 'window-b1' });
    const Y = await import('yjs');
    const d = new Y.Doc();
    d.getText('t').insert(0, '另一个窗口');
    await a.call('doc.push', {
      docId: `story:${id}`,
      clientId: 'window-a1',
      update: Buffer.from(Y.encodeStateAsUpdate(d)).toString('base64'),
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(b.events.some((e) => e.name === 'doc.update')).toBe(true);
    expect(a.events.some((e) => e.name === 'doc.update')).toBe(false);
    a.close();
    b.close();
  });
});
