// A photo's caption as a channel publishes it: an AI-generated image or an
// illustration carries its label (（AI生成）/（示意图）) in every channel,
// through the same rule the authenticity checks apply.
import { labelledCaption } from '../../authenticity/checks';
import type { ImageProvenance } from '../../authenticity/model';
import type { ChannelId } from '../../domain/channel-ids';
import type { ImageRef } from '../../domain/master-story';

export function channelCaption(
  image: Pick<ImageRef, 'id' | 'caption' | 'aiGenerated' | 'synthetic'>,
  channel: ChannelId,
): string {
  const synthetic = image.synthetic ?? (image.aiGenerated ? 'ai_generated' : null);
  if (!synthetic) return image.caption;
  const provenance: ImageProvenance = {
    assetId: image.id,
    origin: 'staff',
    photographer: '',
    agency: '',
    placeName: '',
    exif: null,
    synthetic,
    captionLabels: {},
  };
  return labelledCaption(image.caption, provenance, channel);
}
