// Photos on the newsroom server, on SQLite and PostgreSQL: PUT checks the
// hash, the type and the uploader's right to edit the story; GET serves the
// bytes only to people who may see a story that uses them.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@shared/domain/ids';
import type { Command } from '@shared/sync/commands';
import type { RunningServer } from '../../../server/app';
import { ENGINES } from './services';
import { seedNewsroom, start, testEnv, type Newsroom, type TestEnv } from './harness';

const JPEG = new Uint8Array(fs.readFileSync(path.resolve('tests/fixtures/images/exif.jpg')));
const sha = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

describe.each(ENGINES)('photo routes on %s', (engine) => {
  let env: TestEnv;
  let server: RunningServer;
  let n: Newsroom;

  beforeAll(async () => {
    env = testEnv(engine);
    server = await start(env.env);
    n = await seedNewsroom(server);
  });
  afterAll(async () => {
    await server?.close();
    await env?.cleanup();
  });

  const put = (token: string | null, id: string, storyId: string, body: Uint8Array<ArrayBuffer>) =>
    fetch(`${server.url}/v1/assets/${id}?story=${storyId}`, {
      method: 'PUT',
      headers: {
        'content-type': 'application/octet-stream',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body,
    });
  const get = (token: string, id: string) =>
    fetch(`${server.url}/v1/assets/${id}`, { headers: { authorization: `Bearer ${token}` } });

  it('stores verified bytes once for a story the uploader may edit, and refuses the rest', async () => {
    const storyId = newId();
    const id = sha(JPEG);
    expect((await put(null, id, storyId, JPEG)).status).toBe(401);
    const wrong = await put(n.tokens.reporter, 'a'.repeat(64), storyId, JPEG);
    expect(wrong.status).toBe(400);
    expect(
      ((await wrong.json()) as { error: { details: { reason: string } } }).error.details.reason,
    ).toBe('sha256_mismatch');
    const text = new Uint8Array(new TextEncoder().encode('不是图片'));
    expect((await put(n.tokens.reporter, sha(text), storyId, text)).status).toBe(400);
    const first = await put(n.tokens.reporter, id, storyId, JPEG);
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ id, mime: 'image/jpeg', bytes: JPEG.length });
    expect((await put(n.tokens.reporter, id, storyId, JPEG)).status).toBe(200);
    // The reporter's draft is not the outsider's to add photos to.
    expect((await put(n.tokens.outsider, id, storyId, JPEG)).status).toBe(403);
    const rows = await server.store.db
      .selectFrom('assets')
      .select('id')
      .where('id', '=', id)
      .execute();
    expect(rows).toHaveLength(1);
    const big = new Uint8Array(21 * 1024 * 1024);
    big.set(JPEG);
    expect((await put(n.tokens.reporter, sha(big), storyId, big)).status).toBe(413);
  });

  it('takes a photo in parts and tells how much arrived, so an upload resumes', async () => {
    const storyId = newId();
    const bytes = new Uint8Array(3000 + JPEG.length);
    bytes.set(JPEG);
    bytes.fill(7, JPEG.length); // trailing bytes after the JPEG's end: still that image
    const id = sha(bytes);
    const part = (offset: number, end: number) =>
      fetch(
        `${server.url}/v1/assets/${id}?story=${storyId}&offset=${offset}&total=${bytes.length}`,
        {
          method: 'PUT',
          headers: {
            'content-type': 'application/octet-stream',
            authorization: `Bearer ${n.tokens.reporter}`,
          },
          body: bytes.slice(offset, end),
        },
      );
    const progress = async () =>
      (
        (await (
          await fetch(`${server.url}/v1/assets/${id}/upload`, {
            headers: { authorization: `Bearer ${n.tokens.reporter}` },
          })
        ).json()) as { received: number }
      ).received;
    expect(await progress()).toBe(0);
    const first = await part(0, 2000);
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({ received: 2000 });
    // The link dropped; the client asks where to go on.
    expect(await progress()).toBe(2000);
    // A part beyond a gap does not count as received.
    expect((await part(4000, bytes.length)).status).toBe(202);
    expect(await progress()).toBe(2000);
    const last = await part(2000, 4000);
    expect(last.status).toBe(201);
    expect(await progress()).toBe(0); // parts are gone once the photo is whole
    const got = await get(n.tokens.reporter, id);
    expect(Buffer.from(await got.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
    // Parts that do not add up to their hash are refused and dropped.
    const other = new Uint8Array(bytes);
    other[other.length - 1] = 9;
    const bad = await fetch(
      `${server.url}/v1/assets/${'c'.repeat(64)}?story=${storyId}&offset=0&total=${other.length}`,
      {
        method: 'PUT',
        headers: {
          'content-type': 'application/octet-stream',
          authorization: `Bearer ${n.tokens.reporter}`,
        },
        body: other,
      },
    );
    expect(bad.status).toBe(400);
  });

  it('serves the bytes to whoever may see a story using them, and to nobody else', async () => {
    const storyId = newId();
    const bytes = new Uint8Array(JPEG);
    bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 0xff; // a different photo (same headers), a fresh id
    const id = sha(bytes);
    expect((await put(n.tokens.reporter, id, storyId, bytes)).status).toBe(201);
    const mine = await get(n.tokens.reporter, id);
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await mine.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
    // A draft: the desk head cannot see it yet, nor can the outsider; both get 404, not 403.
    expect((await get(n.tokens.deskHead, id)).status).toBe(404);
    expect((await get(n.tokens.outsider, id)).status).toBe(404);
    const file: Command = {
      id: `cmd-${newId()}`,
      type: 'story.file',
      storyId,
      expectedRevision: 0,
      deskId: n.desks.politics.id,
    } as Command;
    expect((await n.as.reporter.command(file)).outcome.status).toBe('applied');
    expect((await get(n.tokens.deskHead, id)).status).toBe(200);
    expect((await get(n.tokens.outsider, id)).status).toBe(404);
    expect((await get(n.tokens.reporter, 'b'.repeat(64))).status).toBe(404);
  });
});
