// What goes over a slow link is compressed where it pays: JSON answers over
// 1 KB are gzipped for clients that accept it, and a story's first document
// sync is deflated on the socket (keystrokes are not).
import http from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newId } from '@shared/domain/ids';
import { fieldText, storyDocId } from '@shared/body/story-doc';
import type { RunningServer } from '../../../server/app';
import { FaultProxy } from '../../support/fault-proxy';
import { openDoc, seedNewsroom, start, testEnv, type Newsroom, type TestEnv } from './harness';

let env: TestEnv;
let server: RunningServer;
let newsroom: Newsroom;

beforeAll(async () => {
  env = testEnv('sqlite');
  server = await start(env.env);
  newsroom = await seedNewsroom(server);
});

afterAll(async () => {
  await server.close();
  await env.cleanup();
});

function get(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (d: Buffer) => parts.push(d));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(parts),
          }),
        );
      })
      .on('error', reject);
  });
}

describe('compression', () => {
  it('gzips a big feed page for a client that accepts gzip, and only then', async () => {
    // A few drafts (each connection makes one), so the reporter's feed page is over 1 KB.
    for (let i = 0; i < 8; i++) {
      const c = await openDoc(server.syncUrl, storyDocId(newId()), newsroom.tokens.reporter);
      c.destroy();
    }
    const auth = { authorization: `Bearer ${newsroom.tokens.reporter}` };
    const plain = await get(`${server.url}/v1/feed?cursor=0`, auth);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1024);
    const gz = await get(`${server.url}/v1/feed?cursor=0`, {
      ...auth,
      'accept-encoding': 'gzip, deflate',
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toMatch(/accept-encoding/i);
    expect(gz.body.length).toBeLessThan(plain.body.length / 2);
    expect(zlib.gunzipSync(gz.body).equals(plain.body)).toBe(true);
    // Small answers go as they are.
    const small = await get(`${server.url}/v1/me`, { ...auth, 'accept-encoding': 'gzip' });
    expect(small.headers['content-encoding']).toBeUndefined();
    // The app's client (fetch) asks for gzip and reads it.
    const page = await newsroom.as.reporter.feed({ cursor: 0 });
    expect(page.changes.length).toBeGreaterThanOrEqual(8);
  });

  it('deflates a story’s first sync on the socket, not keystrokes', async () => {
    const name = storyDocId(newId());
    const writer = await openDoc(server.syncUrl, name, newsroom.tokens.reporter);
    const text = fieldText(writer.doc, 'notes');
    text.insert(
      0,
      '记者在河南周口的田间看到，联合收割机来回穿梭，金黄的玉米粒倾泻进运粮车。'.repeat(200),
    );
    await writer.acked();
    const size = Y.encodeStateAsUpdate(writer.doc).byteLength;
    const proxy = await FaultProxy.start({
      target: { port: Number(new URL(server.url).port) },
      seed: 1,
    });
    const reader = await openDoc(
      `ws://127.0.0.1:${proxy.port}/v1/sync`,
      name,
      newsroom.tokens.reporter,
      { doc: new Y.Doc() },
    );
    expect(fieldText(reader.doc, 'notes').toString()).toBe(text.toString());
    expect(proxy.stats.bytesDown).toBeLessThan(size / 3);
    // A keystroke is not worth deflating: it arrives at about its own size.
    const before = proxy.stats.bytesDown;
    text.insert(0, '新');
    await writer.acked();
    await new Promise((r) => setTimeout(r, 100));
    expect(fieldText(reader.doc, 'notes').toString()).toBe(text.toString());
    expect(proxy.stats.bytesDown - before).toBeLessThan(200);
    reader.destroy();
    writer.destroy();
    await proxy.close();
  });
});
