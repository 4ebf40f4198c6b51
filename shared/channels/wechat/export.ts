// WeChat variant → the draft/add payload, the body HTML, a rich-text
// clipboard payload, and the list of images the host must upload first.
import { bodyToPlainText } from '../../body/blocks';
import type { Crop } from '../../domain/master-story';
import type { ChannelContext, ExportFile } from '../types';
import { wechatHtml } from './html';
import type { WechatVariant } from './schema';

/** One article of draft/add's `articles` array. */
export interface WechatDraftArticle {
  article_type: 'news';
  title: string;
  author: string;
  digest: string;
  content: string;
  content_source_url: string;
  thumb_media_id: string;
  need_open_comment: 0 | 1;
  only_fans_can_comment: 0 | 1;
  pic_crop_235_1?: string;
  pic_crop_1_1?: string;
}

/** A crop as draft/add wants it: X1_Y1_X2_Y2, fractions with (0,0) top-left. */
export function cropParam(c: Crop): string {
  const f = (n: number) => String(Math.round(n * 1e6) / 1e6);
  return `${f(c.x1)}_${f(c.y1)}_${f(c.x2)}_${f(c.y2)}`;
}

export function wechatDraftPayload(
  v: WechatVariant,
  ctx?: ChannelContext,
): { articles: WechatDraftArticle[] } {
  const article: WechatDraftArticle = {
    article_type: 'news',
    title: v.title.trim(),
    author: v.author.trim(),
    digest: v.digest.trim(),
    content: wechatHtml(v, { imageUrls: ctx?.uploaded?.imageUrls }),
    content_source_url: v.contentSourceUrl.trim(),
    thumb_media_id: ctx?.uploaded?.thumbMediaId ?? '',
    need_open_comment: v.needOpenComment ? 1 : 0,
    only_fans_can_comment: v.onlyFansCanComment ? 1 : 0,
  };
  if (v.cover) {
    article.pic_crop_235_1 = cropParam(v.cover.crop235);
    article.pic_crop_1_1 = cropParam(v.cover.crop11);
  }
  return { articles: [article] };
}

/** "Copy as rich text": HTML for the WeChat editor's paste, plain text as the fallback flavour. */
export function wechatClipboard(
  v: WechatVariant,
  ctx?: ChannelContext,
): { html: string; text: string } {
  // Without uploaded URLs a pasted placeholder src would show broken; leave photos out then.
  const urls = ctx?.uploaded?.imageUrls ?? {};
  const photos = v.photos.filter((p) => urls[p.image.id]);
  return {
    html: wechatHtml({ body: v.body, photos }, { imageUrls: urls }),
    text: bodyToPlainText(v.body),
  };
}

export interface WechatUpload {
  imageId: string;
  /** `cover` goes through material/add_material (permanent), `body` through media/uploadimg. */
  purpose: 'cover' | 'body';
  api: 'material/add_material' | 'media/uploadimg';
}

export function wechatUploads(v: WechatVariant): WechatUpload[] {
  const out: WechatUpload[] = [];
  if (v.cover)
    out.push({ imageId: v.cover.image.id, purpose: 'cover', api: 'material/add_material' });
  for (const p of v.photos)
    out.push({ imageId: p.image.id, purpose: 'body', api: 'media/uploadimg' });
  return out;
}

export function exportWechat(v: WechatVariant, ctx?: ChannelContext): ExportFile[] {
  const payload = wechatDraftPayload(v, ctx);
  const files: ExportFile[] = [
    {
      kind: 'text',
      path: 'draft.json',
      mediaType: 'application/json',
      content: JSON.stringify(payload, null, 2),
    },
    {
      kind: 'text',
      path: 'content.html',
      mediaType: 'text/html',
      content: payload.articles[0]!.content,
    },
    {
      kind: 'text',
      path: 'uploads.json',
      mediaType: 'application/json',
      content: JSON.stringify(wechatUploads(v), null, 2),
    },
  ];
  if (v.cover)
    files.push({
      kind: 'asset',
      path: `cover.${v.cover.image.mime === 'image/png' ? 'png' : 'jpg'}`,
      mediaType: v.cover.image.mime,
      imageId: v.cover.image.id,
    });
  v.photos.forEach((p, i) =>
    files.push({
      kind: 'asset',
      path: `images/${String(i + 1).padStart(2, '0')}-${p.image.fileName ?? p.image.id}`,
      mediaType: p.image.mime,
      imageId: p.image.id,
    }),
  );
  return files;
}
