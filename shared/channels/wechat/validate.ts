// WeChat variant → problems, per draft/add's limits (rules.ts).
import { bodyParagraphs, type Block, type Run } from '../../body/blocks';
import { cropRatio } from '../../domain/master-story';
import { countBytes, countChars, overflowOffset } from '../../text/counters';
import { isSafeHref } from '../../text/links';
import { checkBody, checkCopy, checkImages } from '../common/checks';
import { reporter } from '../rules';
import type { ChannelContext, Problem } from '../types';
import { WECHAT_ARTICLE_CLOSE, WECHAT_ARTICLE_OPEN, wechatHtmlParts } from './html';
import { WECHAT_RULES } from './rules';
import type { WechatVariant } from './schema';

const WECHAT_ARTICLE_HOST = /^https?:\/\/mp\.weixin\.qq\.com\//i;

function size(bytes: number): string {
  return bytes >= 1_000_000
    ? `${(bytes / 1_000_000).toFixed(1)} MB`
    : `${Math.round(bytes / 1000)} KB`;
}

function linkRuns(body: readonly Block[]): Array<{ index: number; run: Run }> {
  const out: Array<{ index: number; run: Run }> = [];
  body.forEach((b, index) => {
    const runsOf =
      b.type === 'list' ? b.items.flatMap((it) => it.runs) : b.type === 'hr' ? [] : b.runs;
    for (const run of runsOf) if (run.href) out.push({ index, run });
  });
  return out;
}

/**
 * Each block's HTML size, kept per block object like its HTML (html.ts): the
 * checks run after every pause in typing, and only the paragraph typed in has
 * changed. Sizes add up part by part (every part is whole tags and text, so no
 * character or emoji sequence straddles two of them).
 */
const htmlSize = new WeakMap<Block, { chars: number; bytes: number }>();

/** Characters and UTF-8 bytes of the draft/add `content` (wechatHtml) of the variant. */
export function wechatContentSize(
  v: Pick<WechatVariant, 'body' | 'photos'>,
  imageUrls?: Record<string, string>,
): { chars: number; bytes: number } {
  const ends = WECHAT_ARTICLE_OPEN + WECHAT_ARTICLE_CLOSE;
  let chars = countChars(ends);
  let bytes = countBytes(ends);
  for (const part of wechatHtmlParts(v, { imageUrls })) {
    const b = part.kind === 'block' ? v.body[part.index] : undefined;
    let size = b && htmlSize.get(b);
    if (!size) {
      size = { chars: countChars(part.html), bytes: countBytes(part.html) };
      if (b) htmlSize.set(b, size);
    }
    chars += size.chars;
    bytes += size.bytes;
  }
  return { chars, bytes };
}

export function validateWechat(v: WechatVariant, ctx?: ChannelContext): Problem[] {
  const r = reporter('wechat', WECHAT_RULES, ctx?.overrides);
  const lengthCheck = (
    id: 'titleMax' | 'titleSdkMax' | 'authorMax' | 'digestMax',
    field: string,
    text: string,
  ) => {
    const count = countChars(text);
    const limit = r.limit(id);
    if (count > limit)
      r.report(
        id,
        { field, start: overflowOffset(text, 'chars', limit) ?? 0, end: text.length },
        { count },
      );
  };
  const title = v.title.trim();
  if (!title) r.report('titleMissing', { field: 'title' });
  else if (countChars(title) > r.limit('titleMax')) lengthCheck('titleMax', 'title', v.title);
  else lengthCheck('titleSdkMax', 'title', v.title);
  lengthCheck('authorMax', 'author', v.author);
  lengthCheck('digestMax', 'digest', v.digest);
  checkCopy(r, v.title, { field: 'title' });
  checkCopy(r, v.digest, { field: 'digest' });

  if (bodyParagraphs(v.body).length === 0) r.report('bodyEmpty', { field: 'body' });
  checkBody(r, v.body);
  const { chars: htmlChars, bytes: htmlBytes } = wechatContentSize(v, ctx?.uploaded?.imageUrls);
  if (htmlChars >= r.limit('contentChars'))
    r.report('contentChars', { field: 'body' }, { count: htmlChars });
  if (htmlBytes >= r.limit('contentBytes'))
    r.report('contentBytes', { field: 'body' }, { count: htmlBytes });
  for (const { index, run } of linkRuns(v.body))
    if (run.href && !WECHAT_ARTICLE_HOST.test(run.href))
      r.report('externalLink', { field: 'body', index }, { url: run.href });

  checkImages(
    r,
    v.photos.map((p) => ({ ...p.image, caption: p.caption })),
    'photos',
  );
  v.photos.forEach((p, index) => {
    const n = index + 1;
    if (p.image.bytes >= r.limit('imageBytes'))
      r.report('imageBytes', { field: 'photos', index }, { n, size: size(p.image.bytes) });
    if (p.image.mime !== 'image/jpeg' && p.image.mime !== 'image/png')
      r.report('imageFormat', { field: 'photos', index }, { n, mime: p.image.mime });
  });

  if (!v.cover) r.report('coverMissing', { field: 'cover' });
  else {
    if (v.cover.image.bytes > r.limit('coverBytes'))
      r.report('coverBytes', { field: 'cover' }, { size: size(v.cover.image.bytes) });
    for (const [crop, expected, rect] of [
      ['2.35:1', 2.35, v.cover.crop235],
      ['1:1', 1, v.cover.crop11],
    ] as const) {
      const ratio = cropRatio(v.cover.image, rect);
      if (Math.abs(ratio - expected) / expected > r.limit('coverCropRatio'))
        r.report(
          'coverCropRatio',
          { field: 'cover' },
          { crop, ratio: ratio.toFixed(2), expected: crop },
        );
    }
  }

  const url = v.contentSourceUrl.trim();
  if (url) {
    const bytes = countBytes(url);
    if (bytes > r.limit('sourceUrlBytes'))
      r.report('sourceUrlBytes', { field: 'contentSourceUrl' }, { count: bytes });
    if (!isSafeHref(url) || !/^https?:/i.test(url))
      r.report('sourceUrlInvalid', { field: 'contentSourceUrl' });
  }
  return r.problems();
}
