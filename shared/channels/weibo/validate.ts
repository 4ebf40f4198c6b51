// Weibo variant → problems: length with the weibo counter (short and long
// post), photos, topics and mentions.
import { countWeibo, overflowOffset } from '../../text/counters';
import { checkCopy, checkImages } from '../common/checks';
import { reporter } from '../rules';
import type { ChannelContext, Problem } from '../types';
import { weiboPost } from './compose';
import { WEIBO_RULES } from './rules';
import { weiboSettings, type WeiboVariant } from './schema';

const WEIBO_IMAGE_TYPES = new Set(['image/jpeg', 'image/gif', 'image/png']);
const NICKNAME = /^[\p{L}\p{N}_-]{2,30}$/u;
// A # that opens a topic in the text: "#话题#" is closed, "#话题 …" is not.
const TOPIC_IN_TEXT = /#([^#\s]{1,40})(#?)/gu;
const MENTION_IN_TEXT = /@([^\s@#，。！？、：；,.!?:;（）()【】“”]+)/gu;

function size(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

export function validateWeibo(v: WeiboVariant, ctx?: ChannelContext): Problem[] {
  const r = reporter('weibo', WEIBO_RULES, ctx?.overrides);
  const s = weiboSettings(ctx?.settings?.weibo);
  const opts = { urlWidth: s.urlWidth, nonBmpWeight: s.nonBmpWeight };
  const text = v.text.trim();
  if (!text) r.report('textEmpty', { field: 'text' });

  const post = weiboPost(v);
  const count = countWeibo(post, opts);
  const limitId = v.longPost ? 'longPostMax' : 'postMax';
  const limit = r.limit(limitId);
  if (count > limit) {
    // Point at the text where it overflows; if the text fits, the link and topics push it over.
    const at = overflowOffset(post, 'weibo', limit, opts) ?? 0;
    const lead = v.text.length - v.text.trimStart().length;
    const loc =
      at < text.length
        ? { field: 'text', start: lead + at, end: lead + text.length }
        : { field: 'topics' };
    r.report(limitId, loc, { count, urlWidth: opts.urlWidth });
  }
  checkCopy(r, v.text, { field: 'text' });

  if (v.images.length > r.limit('imagesMax'))
    r.report('imagesMax', { field: 'images' }, { count: v.images.length });
  checkImages(r, v.images);
  v.images.forEach((img, index) => {
    if (img.bytes >= r.limit('imageBytes'))
      r.report('imageBytes', { field: 'images', index }, { n: index + 1, size: size(img.bytes) });
    if (!WEIBO_IMAGE_TYPES.has(img.mime))
      r.report('imageFormat', { field: 'images', index }, { n: index + 1, mime: img.mime });
  });

  v.topics.forEach((t, index) => {
    if (/[#\s]/.test(t.trim()) || !t.trim())
      r.report('topicInvalid', { field: 'topics', index }, { text: t });
  });
  TOPIC_IN_TEXT.lastIndex = 0;
  for (let m = TOPIC_IN_TEXT.exec(v.text); m; m = TOPIC_IN_TEXT.exec(v.text)) {
    if (m[2] === '#') continue;
    r.report(
      'topicUnclosed',
      { field: 'text', start: m.index, end: m.index + m[0].length },
      { text: m[1] ?? '' },
    );
  }
  if (v.topics.length || /#[^#\s]+#/.test(v.text))
    r.report('topicsViaShareApi', { field: 'topics' });

  v.mentions.forEach((m, index) => {
    if (!NICKNAME.test(m.trim()))
      r.report('mentionInvalid', { field: 'mentions', index }, { text: m });
  });
  MENTION_IN_TEXT.lastIndex = 0;
  for (let m = MENTION_IN_TEXT.exec(v.text); m; m = MENTION_IN_TEXT.exec(v.text)) {
    const name = m[1] ?? '';
    if (!NICKNAME.test(name))
      r.report(
        'mentionInvalid',
        { field: 'text', start: m.index, end: m.index + m[0].length },
        { text: name },
      );
  }
  if (!v.link.trim()) r.report('linkMissing', { field: 'link' });
  return r.problems();
}
