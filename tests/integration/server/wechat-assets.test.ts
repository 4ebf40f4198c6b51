// The WeChat publisher with the server's own photo store as its byte source:
// a photo uploaded by a reporter's desktop is the cover WeChat receives.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getChannel } from '@shared/channels';
import { EMPTY_FIELDS } from '@shared/domain/story';
import { newId } from '@shared/domain/ids';
import type { RunningServer } from '../../../server/app';
import { WechatAdapter } from '../../../server/publishing/wechat';
import { serverAssetSource } from '../../../server/assets/asset-store';
import { startMockWechat, type MockWechat } from '../../support/mock-wechat';
import { seedNewsroom, start, testEnv, type Newsroom, type TestEnv } from './harness';

const JPEG = new Uint8Array(fs.readFileSync(path.resolve('tests/fixtures/images/exif.jpg')));
const ID = crypto.createHash('sha256').update(JPEG).digest('hex');

let env: TestEnv;
let server: RunningServer;
let n: Newsroom;
let mock: MockWechat;

beforeAll(async () => {
  env = testEnv('sqlite');
  server = await start(env.env);
  n = await seedNewsroom(server);
  mock = await startMockWechat();
});
afterAll(async () => {
  await mock.close();
  await server.close();
  await env.cleanup();
});

describe('WeChat publishing with real photos', () => {
  it('uploads the stored photo as the cover (add_material) and in the body (uploadimg)', async () => {
    const storyId = newId();
    const put = await fetch(`${server.url}/v1/assets/${ID}?story=${storyId}`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${n.tokens.reporter}`,
        'content-type': 'application/octet-stream',
      },
      body: JPEG,
    });
    expect(put.status).toBe(201);
    const variant = getChannel('wechat')!.derive({
      id: storyId,
      fields: { ...EMPTY_FIELDS, headline: '秋粮收购进度过半', byline: '王芳' },
      body: [{ type: 'paragraph', runs: [{ text: '全省累计收购秋粮超过300万吨。' }] }],
      images: [
        {
          id: ID,
          caption: '晾晒场',
          credit: '记者 王芳 摄',
          width: 480,
          height: 320,
          mime: 'image/jpeg',
          bytes: JPEG.length,
          aiGenerated: false,
        },
      ],
    }) as Record<string, unknown>;
    const adapter = new WechatAdapter({
      apiBase: mock.url,
      appId: mock.appId,
      appSecret: mock.appSecret,
      pollMs: 1,
      maxPolls: 5,
      assets: serverAssetSource(server.store.db),
    });
    let data: Record<string, unknown> = {};
    const r = await adapter.deliver(
      { storyId, channel: 'wechat', revision: 1, contentHash: 'a'.repeat(64), variant },
      {
        get data() {
          return data;
        },
        async save(patch) {
          data = { ...data, ...patch };
        },
      },
    );
    expect(r.url).toMatch(/^https:\/\/mp\.weixin\.qq\.com\/s\//);
    const upload = mock.calls('/cgi-bin/material/add_material')[0]!;
    expect(upload.body.includes(Buffer.from(JPEG))).toBe(true);
    expect(upload.body.toString('latin1')).toContain('Content-Type: image/jpeg');
    // The same photo in the article went through uploadimg; the body points at that URL.
    const inline = mock.calls('/cgi-bin/media/uploadimg')[0]!;
    expect(inline.body.includes(Buffer.from(JPEG))).toBe(true);
    const draft = mock.calls('/cgi-bin/draft/add')[0]!.json as {
      articles: Array<{ thumb_media_id: string; pic_crop_235_1: string; content: string }>;
    };
    expect(draft.articles[0]!.content).toContain('http://mmbiz.qpic.cn/mock/img-');
    expect(draft.articles[0]!.content).not.toContain('rongmei-asset:');
    expect(draft.articles[0]!.thumb_media_id).toBe(data.thumbMediaId);
    expect(draft.articles[0]!.pic_crop_235_1).toMatch(/^0(\.\d+)?_/);
    expect(mock.violations).toEqual([]);
    expect(await serverAssetSource(server.store.db)('f'.repeat(64))).toBeNull();
  });
});
