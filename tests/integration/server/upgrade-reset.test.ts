// A client whose link drops while the server is still checking its token at
// the WebSocket upgrade (the database answers asynchronously) must not take
// the server down: Node hands the socket over without an error listener.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@shared/domain/ids';
import { storyDocId } from '@shared/body/story-doc';
import type { RunningServer } from '../../../server/app';
import { ENGINES } from './services';
import { openDoc, seedNewsroom, start, testEnv, type Newsroom, type TestEnv } from './harness';

describe.each(ENGINES)('upgrade reset on %s', (engine) => {
  let env: TestEnv;
  let server: RunningServer;
  let newsroom: Newsroom;
  beforeAll(async () => {
    env = testEnv(engine);
    server = await start(env.env);
    newsroom = await seedNewsroom(server);
  });
  afterAll(async () => {
    await server.close();
    await env.cleanup();
  });

  it('survives clients that reset while their token is being checked', async () => {
    const port = Number(new URL(server.url).port);
    const resets = Array.from(
      { length: 40 },
      (_, i) =>
        new Promise<void>((resolve) => {
          const s = net.connect(port, '127.0.0.1', () => {
            s.write(
              'GET /v1/sync HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n' +
                'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n' +
                `Authorization: Bearer ${newsroom.tokens.reporter}\r\n\r\n`,
            );
            // Reset once the request is surely read and the token lookup is under way.
            setTimeout(() => {
              s.resetAndDestroy();
              resolve();
            }, i % 4);
          });
          s.on('error', () => resolve());
        }),
    );
    await Promise.all(resets);
    await new Promise((r) => setTimeout(r, 200));
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    const c = await openDoc(server.syncUrl, storyDocId(newId()), newsroom.tokens.reporter);
    c.doc.getText('field.headline').insert(0, '仍在运行');
    await c.acked();
    c.destroy();
  });
});
