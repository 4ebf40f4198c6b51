// Photos through the host: stored on a real (encrypted-capable) SQLite file,
// read back, put in the story document, derived into the channels and
// exported as real files.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fromBase64, toBase64 } from 'lib0/buffer';
import { unzipSync } from 'fflate';
import { createHost, type Host } from '../../../electron/services/host/create-host';
import { dispatch } from '../../../electron/services/host/dispatch';
import type { Connection } from '../../../electron/services/host/connection';
import { newId } from '@shared/domain/ids';
import { storyDocId, fieldText, applyTextEdit } from '@shared/body/story-doc';
import { addImage, imageText, readImages, setSynthetic } from '@shared/body/story-images';
import { centerCrop } from '@shared/domain/master-story';
import type { AddAssetOutput } from '@shared/assets/model';
import { tempDir, removeTempDirs } from '../helpers';

const hosts: Host[] = [];
afterEach(() => {
  for (const h of hosts.splice(0)) h.close();
  removeTempDirs();
});

const fixture = (name: string) =>
  fs.readFileSync(path.join(__dirname, '../../fixtures/images', name));

async function setup(dataDir = tempDir()) {
  const host = createHost({ dataDir, host: 'web', version: 't', projectionDelayMs: 1 });
  hosts.push(host);
  const conn: Connection = { id: 'c1', emit: () => undefined };
  host.attach(conn);
  const ctx = { connection: conn };
  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const r = await dispatch(host.handlers, name, input, ctx);
    if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
    return r.value as T;
  };
  return { host, call, dataDir };
}

describe('asset store (desktop)', () => {
  it('stores a photo once by its SHA-256, with facts read from the bytes, and serves it back', async () => {
    const { host, call, dataDir } = await setup();
    const id = newId();
    await call('stories.create', { id });
    const bytes = fixture('exif.jpg');
    const added = await call<AddAssetOutput>('assets.add', {
      storyId: id,
      fileName: '现场.png',
      data: toBase64(bytes),
    });
    expect(added.image).toMatchObject({
      mime: 'image/jpeg',
      width: 480,
      height: 320,
      bytes: bytes.length,
      fileName: '现场.jpg',
    });
    expect(added.image.id).toMatch(/^[0-9a-f]{64}$/);
    expect(added.exif.capturedAt).toBe('2026-11-20T08:30:15');
    const again = await call<AddAssetOutput>('assets.add', {
      storyId: id,
      fileName: 'b.jpg',
      data: toBase64(bytes),
    });
    expect(again.image.id).toBe(added.image.id);
    expect(host.db.prepare('SELECT count(*) n FROM assets').get()).toEqual({ n: 1 });
    const got = await call<{ mime: string; data: string }>('assets.get', { id: added.image.id });
    expect(Buffer.from(fromBase64(got.data)).equals(bytes)).toBe(true);

    // Refusals carry their own codes.
    const codeOf = (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: { code?: string }) => e.code,
      );
    expect(
      await codeOf(
        call('assets.add', {
          storyId: id,
          fileName: 'x.jpg',
          data: toBase64(fixture('not-image.jpg')),
        }),
      ),
    ).toBe('asset_not_image');
    expect(
      await codeOf(
        call('assets.add', {
          storyId: id,
          fileName: 'x.jpg',
          data: toBase64(fixture('truncated.jpg')),
        }),
      ),
    ).toBe('asset_corrupt');
    expect(await codeOf(call('assets.get', { id: 'f'.repeat(64) }))).toBe('not_found');

    // Still there after a restart (a real file).
    host.close();
    hosts.splice(0);
    const reopened = await setup(dataDir);
    const back = await reopened.call<{ mime: string }>('assets.get', { id: added.image.id });
    expect(back.mime).toBe('image/jpeg');
  });

  it('adds a 5 MB photo quickly (type, size and EXIF read without decoding the pixels)', async () => {
    const { call } = await setup();
    const id = newId();
    await call('stories.create', { id });
    // A real JPEG padded to 5 MB with comment segments.
    const jpeg = fixture('exif.jpg');
    const com = Buffer.concat([Buffer.from([0xff, 0xfe, 0xff, 0xff]), Buffer.alloc(0xfffd, 0x20)]);
    const count = Math.ceil((5 * 1024 * 1024) / com.length);
    const big = Buffer.concat([
      jpeg.subarray(0, 2),
      ...Array<Buffer>(count).fill(com),
      jpeg.subarray(2),
    ]);
    const data = toBase64(big);
    const t0 = performance.now();
    const added = await call<AddAssetOutput>('assets.add', {
      storyId: id,
      fileName: 'big.jpg',
      data,
    });
    const ms = performance.now() - t0;
    expect(added.image).toMatchObject({ width: 480, height: 320, bytes: big.length });
    console.log(
      `assets.add of a ${(big.length / 1024 / 1024).toFixed(1)} MB JPEG: ${ms.toFixed(0)} ms`,
    );
    expect(ms).toBeLessThan(3000);
  });

  it('exports WeChat, Weibo, print and app with the photo files and the AI label', async () => {
    const { call, host } = await setup();
    const id = newId();
    await call('stories.create', { id });
    const added = await call<AddAssetOutput>('assets.add', {
      storyId: id,
      fileName: 'harvest.jpg',
      data: toBase64(fixture('exif.jpg')),
    });
    const png = await call<AddAssetOutput>('assets.add', {
      storyId: id,
      fileName: 'chart.jpg',
      data: toBase64(fixture('png-named.jpg')),
    });
    const docId = storyDocId(id);
    const opened = await call<{ state: string }>('doc.open', { docId, clientId: 'client-0001' });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, fromBase64(opened.state));
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    applyTextEdit(fieldText(doc, 'headline'), '秋粮收购进度过半');
    for (const a of [added, png]) addImage(doc, { ...a.image, exif: a.exif });
    applyTextEdit(imageText(doc, added.image.id, 'caption')!, '农民在晾晒玉米');
    applyTextEdit(imageText(doc, added.image.id, 'credit')!, '记者 李明 摄');
    setSynthetic(doc, png.image.id, 'ai_generated');
    applyTextEdit(imageText(doc, png.image.id, 'caption')!, '收购进度示意');
    await call('doc.push', {
      docId,
      clientId: 'client-0001',
      update: toBase64(Y.mergeUpdates(updates)),
    });

    const t0 = performance.now();
    const result = await call<{ zip: { data: string }; missing: unknown[] }>('variants.export', {
      storyId: id,
      channels: ['wechat', 'weibo', 'print', 'app', 'douyin'],
      target: 'zip',
    });
    const ms = performance.now() - t0;
    expect(result.missing).toEqual([]);
    const files = unzipSync(fromBase64(result.zip.data));
    const names = Object.keys(files);
    const jpeg = fixture('exif.jpg');
    const cover = files['wechat/cover.jpg'];
    expect(cover && Buffer.from(cover).equals(jpeg)).toBe(true);
    expect(names.filter((n) => n.startsWith('weibo/images/'))).toHaveLength(2);
    expect(names).toContain('wechat/images/02-chart.png');
    expect(names.some((n) => n.startsWith('print/photos/01-harvest'))).toBe(true);
    expect(names).toContain('douyin/cover.jpg');
    // No rendition made for the Douyin crop yet: the original goes out.
    expect(Buffer.from(files['douyin/cover.jpg']!).equals(jpeg)).toBe(true);
    const ninjs = JSON.parse(Buffer.from(files['app/ninjs.json']!).toString('utf8')) as {
      associations?: Record<string, { descriptions?: Array<{ value: string }> }>;
    };
    const captions = Object.values(ninjs.associations ?? {}).flatMap((a) =>
      (a.descriptions ?? []).map((d) => d.value),
    );
    expect(captions).toContain('收购进度示意（AI生成）');
    const draft = Buffer.from(files['wechat/draft.json']!).toString('utf8');
    expect(draft).toContain('"pic_crop_235_1"');
    console.log(`export with 2 photos to 5 channels: ${ms.toFixed(0)} ms`);

    // The window renders the 9:16 crop (canvas) and stores it: the Douyin cover is those pixels.
    const rendition = fixture('plain.png');
    const made = await call<{ id: string }>('assets.addRendition', {
      sourceId: added.image.id,
      crop: centerCrop(added.image, 9 / 16),
      data: toBase64(rendition),
    });
    const again = await call<{ zip: { data: string } }>('variants.export', {
      storyId: id,
      channels: ['douyin'],
      target: 'zip',
    });
    const cover2 = unzipSync(fromBase64(again.zip.data))['douyin/cover.jpg']!;
    expect(Buffer.from(cover2).equals(rendition)).toBe(true);
    expect(made.id).toMatch(/^[0-9a-f]{64}$/);

    // A duplicate keeps the photos, captions and flags, and the bytes outlive the original.
    const copyId = newId();
    await call('stories.duplicate', { id, newId: copyId });
    const copied = readImages(host.docs.get(storyDocId(copyId)));
    expect(copied.map((i) => [i.caption, i.synthetic])).toEqual([
      ['农民在晾晒玉米', null],
      ['收购进度示意', 'ai_generated'],
    ]);
    await call('stories.trash', { id });
    await call('stories.purge', { id });
    expect(host.assets.has(added.image.id)).toBe(true);

    // Purged from the trash: its photos (and the rendition) go with it.
    await call('stories.trash', { id: copyId });
    await call('stories.purge', { id: copyId });
    expect(host.db.prepare('SELECT count(*) n FROM assets').get()).toEqual({ n: 0 });
  });
});
