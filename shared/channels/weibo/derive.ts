// Master → Weibo post: 【标题】 + the lead cut to fit beside the link and
// topics, the keywords as topics, the first nine photos.
import type { MasterStory } from '../../domain/master-story';
import { countWeibo } from '../../text/counters';
import { cloneData } from '../common/clone';
import { trackedLink } from '../common/tracked-link';
import { cleanLine, leadParagraph, trimToLimit } from '../common/text';
import type { ChannelContext } from '../types';
import { weiboSuffix } from './compose';
import { weiboSettings, type WeiboVariant } from './schema';
import { channelCaption } from '../common/caption';

const POST_LIMIT = 140;

function storyLink(ctx: ChannelContext | undefined): string {
  if (ctx?.links?.baseUrl && ctx.storyId)
    return trackedLink(
      { baseUrl: ctx.links.baseUrl },
      { storyId: ctx.storyId, channel: 'weibo', target: 'online' },
    );
  return ctx?.links?.onlineUrl ?? '';
}

export function deriveWeibo(master: MasterStory, ctx?: ChannelContext): WeiboVariant {
  const s = weiboSettings(ctx?.settings?.weibo);
  const opts = { urlWidth: s.urlWidth, nonBmpWeight: s.nonBmpWeight };
  const topics = master.fields.keywords
    .map((k) => cleanLine(k).replace(/[#\s]/g, ''))
    .filter(Boolean)
    .slice(0, s.maxDerivedTopics);
  const link = storyLink(ctx);
  const suffix = weiboSuffix({ link, topics, mentions: [] });
  const headline = cleanLine(master.fields.headline);
  const head = headline ? `【${headline}】` : '';
  const room = POST_LIMIT - countWeibo(head + suffix, opts);
  const lead =
    room > 4
      ? trimToLimit(cleanLine(leadParagraph(master.body)), 'weibo', room, { weibo: opts })
      : '';
  return {
    text: head + lead,
    link,
    topics,
    mentions: [],
    images: (master.images ?? [])
      .slice(0, 9)
      .map((i) => ({ ...cloneData(i), caption: channelCaption(i, 'weibo') })),
    longPost: false,
  };
}
