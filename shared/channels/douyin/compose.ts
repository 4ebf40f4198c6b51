// The `text` the open API takes: caption, then #话题 and @昵称 in one string.
import type { DouyinVariant } from './schema';

export function douyinText(v: Pick<DouyinVariant, 'caption' | 'hashtags' | 'mentions'>): string {
  const parts = [v.caption.trim()];
  for (const h of v.hashtags.map((x) => x.trim()).filter(Boolean)) parts.push(`#${h}`);
  for (const m of v.mentions.map((x) => x.trim()).filter(Boolean)) parts.push(`@${m}`);
  return parts.filter(Boolean).join(' ');
}
