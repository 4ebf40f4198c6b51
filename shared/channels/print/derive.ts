// Master → print variant: the fields and body as they are, photos with their
// captions, the newsroom's default template and span, a QR code to the online version.
import type { MasterStory } from '../../domain/master-story';
import { cloneData, own, type DeriveOptions } from '../common/clone';
import { cleanLine } from '../common/text';
import type { ChannelContext } from '../types';
import { printSettings, type PrintVariant } from './schema';
import { channelCaption } from '../common/caption';

export function derivePrint(
  master: MasterStory,
  ctx?: ChannelContext,
  opts?: DeriveOptions,
): PrintVariant {
  const s = printSettings(ctx?.settings?.print);
  const f = master.fields;
  return {
    kicker: cleanLine(f.kicker),
    headline: cleanLine(f.headline),
    subheadline: cleanLine(f.subheadline),
    byline: cleanLine(f.byline),
    dateline: cleanLine(f.dateline),
    body: own(master.body, opts),
    photos: (master.images ?? []).map((image) => ({
      image: cloneData(image),
      caption: channelCaption(image, 'print'),
    })),
    layout: { templateId: s.defaultTemplateId, span: s.defaultSpan, reservedLines: 0 },
    qr: { online: true, shopUrl: '', shopLabel: '' },
  };
}
