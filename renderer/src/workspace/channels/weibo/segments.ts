// Splits a Weibo post into what the feed styles differently: links (shown as
// 网页链接), #话题#, @mentions, and plain text.
export interface WeiboSegment {
  kind: 'text' | 'link' | 'topic' | 'mention';
  text: string;
}

const TOKEN = /(https?:\/\/[^\s#@]+)|(#[^#\n]{1,64}#)|(@[\p{L}\p{N}_-]{1,30})/gu;

export function weiboSegments(post: string): WeiboSegment[] {
  const out: WeiboSegment[] = [];
  let last = 0;
  for (const m of post.matchAll(TOKEN)) {
    const at = m.index ?? 0;
    if (at > last) out.push({ kind: 'text', text: post.slice(last, at) });
    out.push({ kind: m[1] ? 'link' : m[2] ? 'topic' : 'mention', text: m[0] });
    last = at + m[0].length;
  }
  if (last < post.length) out.push({ kind: 'text', text: post.slice(last) });
  return out;
}
