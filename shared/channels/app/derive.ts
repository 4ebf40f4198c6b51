// Master → app article: the whole story, a summary from the lead, keywords as tags.
import type { MasterStory } from '../../domain/master-story';
import { cloneData, own, type DeriveOptions } from '../common/clone';
import { cleanLine, leadParagraph, trimToLimit } from '../common/text';
import type { ChannelContext } from '../types';
import { appSettings, type AppVariant } from './schema';
import { channelCaption } from '../common/caption';

export function deriveApp(
  master: MasterStory,
  ctx?: ChannelContext,
  opts?: DeriveOptions,
): AppVariant {
  const s = appSettings(ctx?.settings?.app);
  const f = master.fields;
  return {
    headline: cleanLine(f.headline),
    subheadline: cleanLine(f.subheadline),
    summary: trimToLimit(cleanLine(leadParagraph(master.body)), 'chars', s.summaryLength),
    byline: cleanLine(f.byline),
    dateline: cleanLine(f.dateline),
    body: own(master.body, opts),
    tags: f.keywords.map((k) => cleanLine(k)).filter(Boolean),
    section: f.section,
    photos: (master.images ?? []).map((image) => ({
      image: cloneData(image),
      caption: channelCaption(image, 'app'),
    })),
    priority: f.priority,
    embargo: f.embargo,
  };
}
