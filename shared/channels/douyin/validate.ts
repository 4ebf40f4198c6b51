// Douyin variant → problems.
import { cropRatio } from '../../domain/master-story';
import { countChars, overflowOffset } from '../../text/counters';
import { checkCopy, checkImages } from '../common/checks';
import { reporter } from '../rules';
import type { ChannelContext, Problem } from '../types';
import { douyinText } from './compose';
import { DOUYIN_RULES } from './rules';
import type { DouyinVariant } from './schema';

export function validateDouyin(v: DouyinVariant, ctx?: ChannelContext): Problem[] {
  const r = reporter('douyin', DOUYIN_RULES, ctx?.overrides);
  const title = v.title.trim();
  if (!title) r.report('titleMissing', { field: 'title' });
  const titleCount = countChars(title);
  if (titleCount > r.limit('titleMax'))
    r.report(
      'titleMax',
      {
        field: 'title',
        start: overflowOffset(v.title, 'chars', r.limit('titleMax')) ?? 0,
        end: v.title.length,
      },
      { count: titleCount },
    );
  checkCopy(r, v.title, { field: 'title' });
  checkCopy(r, v.caption, { field: 'caption' });
  const text = douyinText(v);
  const textCount = countChars(text);
  if (textCount > r.limit('captionMax'))
    r.report('captionMax', { field: 'caption' }, { count: textCount });

  const tags = v.hashtags.filter((h) => h.trim());
  if (tags.length > r.limit('hashtagsMax'))
    r.report(
      'hashtagsMax',
      { field: 'hashtags', index: r.limit('hashtagsMax') },
      { count: tags.length },
    );
  v.hashtags.forEach((h, index) => {
    if (!h.trim() || /[#\s]/.test(h.trim()))
      r.report('hashtagInvalid', { field: 'hashtags', index }, { text: h });
  });
  v.mentions.forEach((m, index) =>
    r.report('mentionsNeedOpenId', { field: 'mentions', index }, { text: m }),
  );

  if (!v.cover && v.coverTimeSec === null) r.report('coverMissing', { field: 'cover' });
  if (v.cover) {
    checkImages(r, [v.cover.image], 'cover');
    const ratio = cropRatio(v.cover.image, v.cover.crop);
    if (Math.abs(ratio - 9 / 16) / (9 / 16) > r.limit('coverRatio'))
      r.report('coverRatio', { field: 'cover' }, { ratio: ratio.toFixed(3) });
    const width = Math.round((v.cover.crop.x2 - v.cover.crop.x1) * v.cover.image.width);
    if (width < r.limit('coverLowResolution'))
      r.report('coverLowResolution', { field: 'cover' }, { width });
  }

  if (v.script.length === 0) r.report('scriptEmpty', { field: 'script' });
  v.script.forEach((shot, index) => {
    const count = countChars(shot.text);
    if (count > r.limit('shotTextMax'))
      r.report('shotTextMax', { field: 'script', index }, { n: index + 1, count });
    checkCopy(r, shot.text, { field: 'script', index });
  });

  if (v.video) {
    if (v.video.seconds > r.limit('videoDuration'))
      r.report('videoDuration', { field: 'video' }, { count: Math.round(v.video.seconds) });
    if (v.video.bytes > r.limit('videoBytes'))
      r.report(
        'videoBytes',
        { field: 'video' },
        { size: `${(v.video.bytes / 1e9).toFixed(2)} GB` },
      );
    if (v.video.width >= v.video.height)
      r.report(
        'videoNotVertical',
        { field: 'video' },
        { width: v.video.width, height: v.video.height },
      );
  }
  return r.problems();
}
