// The WeChat publisher against the local mock of the documented API: the
// request sequence, polling while WeChat is still publishing, and resuming
// after a failure without uploading, drafting or submitting anything twice.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getChannel } from '@shared/channels';
import { EMPTY_FIELDS } from '@shared/domain/story';
import { WechatAdapter } from '../../../server/publishing/wechat';
import { DeliveryError, type DeliveryProgress } from '../../../server/publishing/adapter';
import { startMockWechat, type MockWechat } from '../../support/mock-wechat';

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xd9]);
const STORY = '01a21ca0-0000-7000-8000-000000000001';

function variant(): Record<string, unknown> {
  return getChannel('wechat')!.derive({
    id: STORY,
    fields: { ...EMPTY_FIELDS, headline: '春耕备耕有序推进', byline: '王立' },
    body: [{ type: 'paragraph', runs: [{ text: '各地推进春耕。' }] }],
    images: [
      {
        id: 'img-1',
        caption: '田间',
        credit: '王立 摄',
        width: 1200,
        height: 800,
        mime: 'image/jpeg',
        bytes: 4,
        aiGenerated: false,
      },
    ],
  }) as Record<string, unknown>;
}

function progressStore(): DeliveryProgress & { saves: number } {
  let data: Record<string, unknown> = {};
  const p = {
    saves: 0,
    get data() {
      return data;
    },
    async save(patch: Record<string, unknown>) {
      data = { ...data, ...patch };
      p.saves++;
    },
  };
  return p;
}

describe('WeChat publisher', () => {
  let mock: MockWechat;
  beforeEach(async () => {
    mock = await startMockWechat();
  });
  afterEach(async () => {
    await mock.close();
  });

  const adapter = (extra: Partial<ConstructorParameters<typeof WechatAdapter>[0]> = {}) =>
    new WechatAdapter({
      apiBase: mock.url,
      appId: mock.appId,
      appSecret: mock.appSecret,
      pollMs: 1,
      maxPolls: 5,
      assets: async (id) => ({ bytes: JPEG, mime: 'image/jpeg', fileName: `${id}.jpg` }),
      ...extra,
    });
  const job = {
    storyId: STORY,
    channel: 'wechat' as const,
    revision: 1,
    contentHash: 'a'.repeat(64),
  };

  it('runs the documented sequence and polls while WeChat is publishing', async () => {
    mock.publishingPolls(2);
    const r = await adapter().deliver({ ...job, variant: variant() }, progressStore());
    expect(r.url).toMatch(/^https:\/\/mp\.weixin\.qq\.com\/s\//);
    expect(r.externalId).toMatch(/^article-/);
    expect(mock.requests.map((x) => x.path)).toEqual([
      '/cgi-bin/token',
      '/cgi-bin/material/add_material',
      '/cgi-bin/media/uploadimg',
      '/cgi-bin/draft/add',
      '/cgi-bin/freepublish/submit',
      '/cgi-bin/freepublish/get',
      '/cgi-bin/freepublish/get',
      '/cgi-bin/freepublish/get',
    ]);
    const draft = mock.calls('/cgi-bin/draft/add')[0]!.json as {
      articles: Record<string, unknown>[];
    };
    expect(draft.articles[0]).toMatchObject({ article_type: 'news', title: '春耕备耕有序推进' });
    expect(mock.violations).toEqual([]);
  });

  it('resumes after a failure without uploading, drafting or submitting twice', async () => {
    const progress = progressStore();
    let down = true;
    const flaky: typeof fetch = async (url, init) => {
      if (down && String(url).includes('/freepublish/submit')) throw new Error('connection reset');
      return fetch(url, init);
    };
    const a = adapter({ fetch: flaky });
    const first = await a
      .deliver({ ...job, variant: variant() }, progress)
      .catch((e: unknown) => e);
    expect(first).toBeInstanceOf(DeliveryError);
    expect((first as DeliveryError).retryable).toBe(true);
    expect(progress.data.draftMediaId).toBeTruthy();
    down = false;
    mock.publishingPolls(10);
    const second = await adapter({ fetch: flaky, maxPolls: 2 })
      .deliver({ ...job, variant: variant() }, progress)
      .catch((e: unknown) => e);
    expect((second as DeliveryError).message).toMatch(/still publishing/);
    expect(progress.data.publishId).toBeTruthy();
    mock.publishingPolls(0);
    const third = await adapter().deliver({ ...job, variant: variant() }, progress);
    expect(third.url).toBeTruthy();
    expect(mock.calls('/cgi-bin/material/add_material')).toHaveLength(1);
    expect(mock.calls('/cgi-bin/draft/add')).toHaveLength(1);
    expect(mock.calls('/cgi-bin/freepublish/submit')).toHaveLength(1);
    expect(mock.violations).toEqual([]);
  });

  it('says plainly when there is no cover to use, and does not retry that', async () => {
    const err = await adapter({ assets: async () => null })
      .deliver({ ...job, variant: variant() }, progressStore())
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect((err as DeliveryError).retryable).toBe(false);
    expect((err as DeliveryError).message).toMatch(/thumb_media_id/);
    expect(mock.calls('/cgi-bin/draft/add')).toHaveLength(0);
  });

  it('after a submit whose answer was lost, never publishes a second article', async () => {
    const progress = progressStore();
    const losing: typeof fetch = async (url, init) => {
      const res = await fetch(url, init);
      if (String(url).includes('/freepublish/submit')) throw new Error('answer lost');
      return res;
    };
    const first = await adapter({ fetch: losing })
      .deliver({ ...job, variant: variant() }, progress)
      .catch((e: unknown) => e);
    expect((first as DeliveryError).retryable).toBe(true);
    const second = await adapter()
      .deliver({ ...job, variant: variant() }, progress)
      .catch((e: unknown) => e);
    expect(second).toBeInstanceOf(DeliveryError);
    expect((second as DeliveryError).retryable).toBe(false);
    expect((second as DeliveryError).message).toMatch(/probably went out/);
    expect(mock.calls('/cgi-bin/draft/add')).toHaveLength(1);
  });
});
