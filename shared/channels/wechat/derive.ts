// Master → WeChat article: title and author from the master, a digest from the
// lead, photos spread through the body (the first after the lead), the first
// photo as cover with centred 2.35:1 and 1:1 crops, 阅读原文 to the online version.
import { bodyToPlainText, type Block } from '../../body/blocks';
import { centerCrop, type ImageRef, type MasterStory } from '../../domain/master-story';
import { cloneData, own, type DeriveOptions } from '../common/clone';
import { cleanLine, leadParagraph, trimToLimit } from '../common/text';
import type { ChannelContext } from '../types';
import { wechatSettings, type WechatVariant } from './schema';
import { channelCaption } from '../common/caption';

/** A digest made from the lead, as derive and "reset to automatic" produce it. */
export function autoDigest(body: readonly Block[], length = 120): string {
  return trimToLimit(leadParagraph(body), 'chars', length);
}

/** What the feed shows as digest: the digest, or (empty) the first 54 characters of the body, as WeChat does. */
export function shownDigest(v: Pick<WechatVariant, 'digest' | 'body'>): string {
  if (v.digest.trim()) return v.digest.trim();
  return Array.from(bodyToPlainText(v.body).replace(/\s+/g, '')).slice(0, 54).join('');
}

function placePhotos(body: readonly Block[], images: readonly ImageRef[]): WechatVariant['photos'] {
  // Previews derive this on every keystroke: no pass over the body without photos to place.
  if (images.length === 0) return [];
  const paragraphs: number[] = [];
  body.forEach((b, i) => {
    if (b.type === 'paragraph' && b.runs.length) paragraphs.push(i);
  });
  if (paragraphs.length === 0)
    return images.map((image) => ({
      image: cloneData(image),
      caption: channelCaption(image, 'wechat'),
      afterBlock: body.length - 1,
    }));
  // Spread evenly over the paragraphs, the first right after the lead.
  return images.map((image, k) => {
    const slot = Math.floor((k * paragraphs.length) / Math.max(1, images.length));
    return {
      image: cloneData(image),
      caption: channelCaption(image, 'wechat'),
      afterBlock: paragraphs[slot] ?? paragraphs[0]!,
    };
  });
}

export function deriveWechat(
  master: MasterStory,
  ctx?: ChannelContext,
  opts?: DeriveOptions,
): WechatVariant {
  const s = wechatSettings(ctx?.settings?.wechat);
  const images = master.images ?? [];
  const cover = images[0];
  return {
    title: cleanLine(master.fields.headline),
    author: cleanLine(master.fields.byline),
    digest: autoDigest(master.body, s.digestLength),
    digestAuto: true,
    body: own(master.body, opts),
    photos: placePhotos(master.body, images),
    cover: cover
      ? {
          image: { ...cloneData(cover), caption: channelCaption(cover, 'wechat') },
          crop235: centerCrop(cover, 2.35),
          crop11: centerCrop(cover, 1),
        }
      : null,
    contentSourceUrl: ctx?.links?.onlineUrl ?? '',
    needOpenComment: s.openComment,
    onlyFansCanComment: false,
  };
}
