// WeChat Official Account publishing, the documented flow:
//   GET  /cgi-bin/token?grant_type=client_credential&appid=…&secret=…  → { access_token, expires_in }
//   POST /cgi-bin/material/add_material?access_token=…&type=image (multipart `media`) → { media_id, url }   (the cover)
//   POST /cgi-bin/media/uploadimg?access_token=… (multipart `media`, JPG/PNG < 1 MB)  → { url }   (photos in the body)
//   POST /cgi-bin/draft/add?access_token=…  { articles: [...] }          → { media_id }
//   POST /cgi-bin/freepublish/submit?access_token=…  { media_id }        → { errcode: 0, publish_id }
//   POST /cgi-bin/freepublish/get?access_token=…  { publish_id }         → { publish_status, article_id, article_detail }
// Errors come back as { errcode, errmsg } (often with HTTP 200). Every step's
// result is saved before the next, so a retry resumes: an uploaded cover is
// not uploaded again, a draft is not added twice, a submitted draft is only
// polled.
import { getChannel } from '@shared/channels';
import { wechatDraftPayload, type WechatVariant } from '@shared/channels/wechat';
import {
  DeliveryError,
  httpFailure,
  type AssetSource,
  type DeliveryJob,
  type DeliveryProgress,
  type DeliveryResult,
  type PublishAdapter,
} from './adapter';

export interface WechatOptions {
  apiBase: string;
  appId: string;
  appSecret: string;
  defaultThumbMediaId?: string;
  pollMs: number;
  maxPolls: number;
  assets?: AssetSource;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** errcodes worth another attempt: system busy, token expired or invalid, API rate limit. */
const RETRYABLE_ERRCODES = new Set([-1, 40001, 40014, 42001, 45009, 45011]);
const TOKEN_ERRCODES = new Set([40001, 40014, 42001]);

type Json = Record<string, unknown>;

export class WechatAdapter implements PublishAdapter {
  readonly name = 'wechat';
  private token: { value: string; until: number } | null = null;
  private readonly f: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;

  constructor(private readonly opts: WechatOptions) {
    this.f = opts.fetch ?? fetch;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.now = opts.now ?? Date.now;
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.token.until > this.now()) return this.token.value;
    const q = new URLSearchParams({
      grant_type: 'client_credential',
      appid: this.opts.appId,
      secret: this.opts.appSecret,
    });
    const body = await this.call('token', `${this.opts.apiBase}/cgi-bin/token?${q}`, {
      method: 'GET',
    });
    const token = body.access_token;
    if (typeof token !== 'string' || !token)
      throw new DeliveryError('WeChat token: no access_token in the answer', true);
    const ttl = typeof body.expires_in === 'number' ? body.expires_in : 7200;
    // Renew five minutes early, as WeChat advises.
    this.token = { value: token, until: this.now() + Math.max(60, ttl - 300) * 1000 };
    return token;
  }

  private async call(what: string, url: string, init: RequestInit): Promise<Json> {
    let res: Response;
    try {
      res = await this.f(url, init);
    } catch (err) {
      throw new DeliveryError(`WeChat ${what} unreachable: ${String(err)}`, true);
    }
    const text = await res.text();
    if (!res.ok) throw httpFailure(`WeChat ${what}`, res.status, text);
    let body: Json;
    try {
      body = JSON.parse(text) as Json;
    } catch {
      throw new DeliveryError(`WeChat ${what}: the answer is not JSON`, true);
    }
    const errcode = typeof body.errcode === 'number' ? body.errcode : 0;
    if (errcode !== 0) {
      if (TOKEN_ERRCODES.has(errcode)) this.token = null;
      throw new DeliveryError(
        `WeChat ${what}: errcode ${errcode} ${String(body.errmsg ?? '')}`,
        RETRYABLE_ERRCODES.has(errcode),
      );
    }
    return body;
  }

  private async post(what: string, path: string, payload: Json): Promise<Json> {
    const token = await this.accessToken();
    return this.call(
      what,
      `${this.opts.apiBase}${path}?access_token=${encodeURIComponent(token)}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      },
    );
  }

  /** Posts one stored photo as the multipart `media` field to a WeChat media endpoint. */
  private async postMedia(
    what: string,
    path: string,
    extraQuery: string,
    assetId: string,
    asset: NonNullable<Awaited<ReturnType<AssetSource>>>,
  ): Promise<Json> {
    const token = await this.accessToken();
    const form = new FormData();
    form.append(
      'media',
      new Blob([Buffer.from(asset.bytes)], { type: asset.mime }),
      asset.fileName || `${assetId}.jpg`,
    );
    const url = `${this.opts.apiBase}${path}?access_token=${encodeURIComponent(token)}${extraQuery}`;
    return this.call(what, url, { method: 'POST', body: form });
  }

  private async uploadImage(assetId: string): Promise<{ mediaId: string; url: string } | null> {
    const asset = await this.opts.assets?.(assetId);
    if (!asset) return null;
    const body = await this.postMedia(
      'add_material',
      '/cgi-bin/material/add_material',
      '&type=image',
      assetId,
      asset,
    );
    if (typeof body.media_id !== 'string')
      throw new DeliveryError('WeChat add_material: no media_id', true);
    return { mediaId: body.media_id, url: typeof body.url === 'string' ? body.url : '' };
  }

  /** A photo for the article body: media/uploadimg → its URL; null when the store lacks it or it is too big. */
  private async uploadBodyImage(assetId: string): Promise<string | null> {
    const asset = await this.opts.assets?.(assetId);
    if (!asset) return null;
    // uploadimg takes JPG/PNG under 1 MB; anything else stays out (the channel check warned).
    if (asset.bytes.byteLength >= 1024 * 1024 || !/^image\/(jpeg|png)$/.test(asset.mime))
      return null;
    const body = await this.postMedia('uploadimg', '/cgi-bin/media/uploadimg', '', assetId, asset);
    if (typeof body.url !== 'string' || !body.url)
      throw new DeliveryError('WeChat uploadimg: no url', true);
    return body.url;
  }

  async deliver(job: DeliveryJob, progress: DeliveryProgress): Promise<DeliveryResult> {
    const channel = getChannel('wechat');
    const parsed = channel?.parse(job.variant);
    if (!parsed?.ok) throw new DeliveryError('the WeChat version does not parse', false);
    const v = parsed.value as WechatVariant;
    const p = { ...progress.data };

    if (typeof p.publishId !== 'string') {
      if (typeof p.draftMediaId !== 'string') {
        // 1. Images: the cover (thumb_media_id) and the photos in the body.
        const imageUrls: Record<string, string> =
          typeof p.imageUrls === 'object' && p.imageUrls !== null
            ? { ...(p.imageUrls as Record<string, string>) }
            : {};
        let thumb = typeof p.thumbMediaId === 'string' ? p.thumbMediaId : null;
        const cover = v.cover?.image ?? v.photos[0]?.image ?? null;
        if (!thumb && cover) {
          const up = await this.uploadImage(cover.id);
          if (up) {
            thumb = up.mediaId;
            await progress.save({ thumbMediaId: thumb, imageUrls });
          }
        }
        // Photos in the article go through media/uploadimg (JPG/PNG under 1 MB), whose URLs
        // are the only image sources WeChat keeps in a body.
        for (const photo of v.photos) {
          if (imageUrls[photo.image.id]) continue;
          const url = await this.uploadBodyImage(photo.image.id);
          if (url) {
            imageUrls[photo.image.id] = url;
            await progress.save({ imageUrls });
          }
        }
        thumb ??= this.opts.defaultThumbMediaId ?? null;
        if (!thumb)
          throw new DeliveryError(
            'WeChat needs a cover image (thumb_media_id): the version has none the server holds and WECHAT_DEFAULT_THUMB_MEDIA_ID is not set',
            false,
          );
        // 2. The draft.
        const payload = wechatDraftPayload(v, {
          storyId: job.storyId,
          uploaded: { thumbMediaId: thumb, imageUrls },
        });
        const draft = await this.post('draft/add', '/cgi-bin/draft/add', payload);
        if (typeof draft.media_id !== 'string')
          throw new DeliveryError('WeChat draft/add: no media_id', true);
        p.draftMediaId = draft.media_id;
        await progress.save({ draftMediaId: draft.media_id });
      }
      // 3. Publish the draft. A submit whose answer was lost cannot be told apart
      // from one never sent, except that WeChat consumes the draft: say so rather
      // than call it a plain failure.
      const resubmit = p.submitting === true;
      await progress.save({ submitting: true });
      let sub: Json;
      try {
        sub = await this.post('freepublish/submit', '/cgi-bin/freepublish/submit', {
          media_id: p.draftMediaId,
        });
      } catch (err) {
        if (resubmit && err instanceof DeliveryError && /errcode 53503/.test(err.message))
          throw new DeliveryError(
            'WeChat no longer has the draft: an earlier submit probably went out; check the account and record the article by hand',
            false,
          );
        throw err;
      }
      const publishId =
        typeof sub.publish_id === 'string' || typeof sub.publish_id === 'number'
          ? String(sub.publish_id)
          : null;
      if (!publishId) throw new DeliveryError('WeChat freepublish/submit: no publish_id', true);
      p.publishId = publishId;
      await progress.save({ publishId });
    }

    // 4. Poll until WeChat says it is out (or failed).
    for (let i = 0; i < this.opts.maxPolls; i++) {
      const st = await this.post('freepublish/get', '/cgi-bin/freepublish/get', {
        publish_id: p.publishId,
      });
      const status = Number(st.publish_status);
      if (status === 0) {
        const detail = st.article_detail as { item?: { article_url?: unknown }[] } | undefined;
        const url = detail?.item?.[0]?.article_url;
        return {
          url: typeof url === 'string' ? url : null,
          externalId: typeof st.article_id === 'string' ? st.article_id : String(p.publishId),
        };
      }
      if (status !== 1)
        throw new DeliveryError(`WeChat publishing failed: publish_status ${status}`, false);
      await this.sleep(this.opts.pollMs);
    }
    throw new DeliveryError('WeChat is still publishing; will check again', true);
  }
}
