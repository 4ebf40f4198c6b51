// How the post reads when published: 【标题】导语…… 链接 #话题# @昵称, and
// what the feed shows of a long post (the first 140 字 and "全文").
import {
  DEFAULT_WEIBO_COUNT,
  countWeibo,
  fitPrefix,
  type WeiboCountOptions,
} from '../../text/counters';
import type { WeiboVariant } from './schema';

/** The tail after the text: link, topics, mentions. */
export function weiboSuffix(v: Pick<WeiboVariant, 'link' | 'topics' | 'mentions'>): string {
  const parts: string[] = [];
  if (v.link.trim()) parts.push(v.link.trim());
  const topics = v.topics.map((t) => t.trim()).filter(Boolean);
  if (topics.length) parts.push(topics.map((t) => `#${t}#`).join(''));
  // A mention ends at a space: the platform reads "@新华社记者" as one name otherwise.
  for (const m of v.mentions.map((x) => x.trim()).filter(Boolean)) parts.push(`@${m}`);
  return parts.length ? ' ' + parts.join(' ') : '';
}

/** The full post text as published. */
export function weiboPost(v: WeiboVariant): string {
  return v.text.trim() + weiboSuffix(v);
}

export interface WeiboFeedPreview {
  /** What the feed shows. */
  shown: string;
  /** The feed cuts the post and shows "全文". */
  truncated: boolean;
  count: number;
}

/** A long post shows its first 140 字 in the feed, then "全文". */
export function weiboFeedPreview(
  v: WeiboVariant,
  opts: WeiboCountOptions = DEFAULT_WEIBO_COUNT,
  feedLimit = 140,
): WeiboFeedPreview {
  const post = weiboPost(v);
  const count = countWeibo(post, opts);
  if (count <= feedLimit) return { shown: post, truncated: false, count };
  return { shown: fitPrefix(post, 'weibo', feedLimit - 2, opts) + '……', truncated: true, count };
}
