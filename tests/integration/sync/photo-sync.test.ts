// Photos between two desktops through a real newsroom server (SQLite): the
// reporter adds a photo offline-first, the bytes go up (through a link that
// drops twice), the story is filed, and the desk that opens it gets the
// photo's bytes, byte for byte.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fromBase64, toBase64 } from 'lib0/buffer';
import type { RunningServer } from '../../../server/app';
import { createHost } from '../../../electron/services/host/create-host';
import { dispatch } from '../../../electron/services/host/dispatch';
import type { Connection } from '../../../electron/services/host/connection';
import type { FetchBytes } from '../../../electron/services/sync/asset-sync';
import type { CallInput, CallName, CallOutput } from '@shared/api/contract';
import { storyDocId } from '@shared/body/story-doc';
import { addImage, imageText, readImages } from '@shared/body/story-images';
import { applyTextEdit } from '@shared/body/story-doc';
import { newId } from '@shared/domain/ids';
import {
  seedNewsroom,
  start,
  testEnv,
  PASSWORD,
  type Newsroom,
  type TestEnv,
} from '../server/harness';
import { removeTempDirs, tempDir } from '../helpers';
import { until } from './sync-harness';

const JPEG = fs.readFileSync(path.resolve('tests/fixtures/images/exif.jpg'));

let env: TestEnv;
let server: RunningServer;
let newsroom: Newsroom;
const closers: Array<() => void> = [];

function desktop(name: string, fetchImpl?: FetchBytes, partBytes?: number) {
  const host = createHost({
    dataDir: tempDir(`rongmei-${name}-`),
    host: 'electron',
    version: '0.0.0-test',
    projectionDelayMs: 5,
    log: () => undefined,
    sync: { feedWaitSeconds: 2 },
    assetSync: {
      minDelayMs: 20,
      maxDelayMs: 200,
      ...(partBytes ? { partBytes } : {}),
      ...(fetchImpl ? { fetch: fetchImpl } : {}),
    },
  });
  const events: Array<{ name: string; payload: unknown }> = [];
  const conn: Connection = {
    id: name,
    emit: (n, payload) => void events.push({ name: n, payload }),
  };
  host.attach(conn);
  closers.push(() => host.close());
  const call = async <N extends CallName>(n: N, input: CallInput<N>): Promise<CallOutput<N>> => {
    const r = await dispatch(host.handlers, n, input, { connection: conn });
    if (!r.ok) throw Object.assign(new Error(`${n}: ${r.error.code}`), { code: r.error.code });
    return r.value as never;
  };
  return { host, call, events };
}

beforeAll(async () => {
  env = testEnv('sqlite');
  server = await start(env.env);
  newsroom = await seedNewsroom(server);
});
afterAll(async () => {
  for (const c of closers.splice(0)) c();
  await server.close();
  await env.cleanup();
  removeTempDirs();
});

describe('photo sync', () => {
  it('uploads through a dropping link, and the desk downloads the photo when it opens the story', async () => {
    // The reporter's link drops the first two photo uploads mid-way.
    let drops = 2;
    const flaky: FetchBytes = async (url, init) => {
      if (init.method === 'PUT' && drops > 0) {
        drops--;
        throw new Error('ECONNRESET');
      }
      return globalThis.fetch(url, init as RequestInit);
    };
    const reporter = desktop('reporter', flaky);
    const desk = desktop('desk');
    await reporter.call('sync.signIn', {
      serverUrl: server.url,
      login: newsroom.people.reporter.login,
      password: PASSWORD,
    });
    await desk.call('sync.signIn', {
      serverUrl: server.url,
      login: newsroom.people.deskHead.login,
      password: PASSWORD,
    });

    const storyId = newId();
    await reporter.call('stories.create', { id: storyId });
    const added = await reporter.call('assets.add', {
      storyId,
      fileName: '晾晒.jpg',
      data: toBase64(JPEG),
    });
    // The photo goes into the story document like the renderer puts it there.
    const docId = storyDocId(storyId);
    const { state } = await reporter.call('doc.open', { docId, clientId: 'reporter-win-1' });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, fromBase64(state));
    const sv = Y.encodeStateVector(doc);
    addImage(doc, { ...added.image, exif: added.exif });
    applyTextEdit(imageText(doc, added.image.id, 'caption')!, '农民在晾晒玉米');
    await reporter.call('doc.push', {
      docId,
      clientId: 'reporter-win-1',
      update: toBase64(Y.encodeStateAsUpdate(doc, sv)),
    });

    const t0 = Date.now();
    await until(
      () => reporter.host.assets.pendingUploads(storyId).length === 0,
      10_000,
      'photo uploaded',
    );
    const uploadMs = Date.now() - t0;
    expect(drops).toBe(0);
    expect(reporter.host.assetSync.stats.uploaded).toBe(1);
    const onServer = await server.store.db
      .selectFrom('assets')
      .select(['id', 'bytes'])
      .where('id', '=', added.image.id)
      .execute();
    expect(onServer).toEqual([{ id: added.image.id, bytes: JPEG.length }]);

    const politics = (await reporter.call('sync.desks', {})).find((d) => d.code === 'politics')!;
    await reporter.call('stories.file', { id: storyId, deskId: politics.id });
    await until(() => desk.host.stories.get(storyId) !== null, 5_000, 'story at the desk');

    // The desk opens it: the caption comes with the document, the bytes by the photo sync.
    const t1 = Date.now();
    await desk.call('doc.open', { docId, clientId: 'desk-win-1' });
    await until(
      () => readImages(desk.host.docs.get(docId)).length === 1,
      10_000,
      'photo entry at the desk',
    );
    expect(readImages(desk.host.docs.get(docId))[0]!.caption).toBe('农民在晾晒玉米');
    await until(() => desk.host.assets.has(added.image.id), 10_000, 'photo bytes at the desk');
    const downloadMs = Date.now() - t1;
    const got = await desk.call('assets.get', { id: added.image.id });
    expect(Buffer.from(fromBase64(got.data)).equals(JPEG)).toBe(true);
    expect(desk.events.some((e) => e.name === 'assets.arrived')).toBe(true);
    console.log(`photo upload with 2 drops: ${uploadMs} ms; desk open → bytes: ${downloadMs} ms`);
  });

  it('sends a large photo in parts and, after a dropped link, goes on from where it stopped', async () => {
    const PART = 256 * 1024;
    // A 2 MB JPEG (padded with comment segments), sent in 256 KB parts.
    const com = Buffer.concat([Buffer.from([0xff, 0xfe, 0xff, 0xff]), Buffer.alloc(0xfffd, 0x20)]);
    const big = Buffer.concat([
      JPEG.subarray(0, 2),
      ...Array<Buffer>(Math.ceil((2 * 1024 * 1024) / com.length)).fill(com),
      JPEG.subarray(2),
    ]);
    let sent = 0;
    let partsSeen = 0;
    const dropsAfter = 3;
    const flaky: FetchBytes = async (url, init) => {
      if (init.method === 'PUT' && url.includes('offset=')) {
        partsSeen++;
        if (partsSeen === dropsAfter + 1) throw new Error('ECONNRESET'); // the link drops mid-photo
        sent += init.body?.byteLength ?? 0;
      }
      return globalThis.fetch(url, init as RequestInit);
    };
    const reporter = desktop('reporter2', flaky, PART);
    await reporter.call('sync.signIn', {
      serverUrl: server.url,
      login: newsroom.people.reporter.login,
      password: PASSWORD,
    });
    const storyId = newId();
    await reporter.call('stories.create', { id: storyId });
    const added = await reporter.call('assets.add', {
      storyId,
      fileName: 'big.jpg',
      data: toBase64(big),
    });
    await until(
      () => reporter.host.assets.pendingUploads(storyId).length === 0,
      15_000,
      'large photo uploaded',
    );
    const parts = Math.ceil(big.length / PART);
    // Every part went up once: nothing was sent again from zero after the drop.
    expect(sent).toBe(big.length);
    expect(partsSeen).toBe(parts + 1);
    const row = await server.store.db
      .selectFrom('assets')
      .select(['bytes'])
      .where('id', '=', added.image.id)
      .executeTakeFirst();
    expect(Number(row?.bytes)).toBe(big.length);
    console.log(
      `${(big.length / 1024 / 1024).toFixed(1)} MB photo in ${parts} parts, one drop: resent 0 bytes`,
    );
  });
});
