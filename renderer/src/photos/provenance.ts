// Keeps the newsroom's authenticity record (image provenance: the AI/示意图
// flag, credit, EXIF) in step with the 图片 panel, so the server's pre-scan
// and 终审 checks see the same flag the captions are labelled from. Only
// when signed in to the newsroom server; otherwise the story document alone
// carries the flag (and syncs it later). An existing record is patched, not
// replaced, so what a reviewer entered (agency, place name) stays.
import type { ImageProvenance } from '@shared/authenticity/model';
import type { StoryImage } from '@shared/body/story-images';
import type { HostClient } from '../host/client';

export async function syncProvenance(
  host: HostClient,
  storyId: string,
  image: Pick<StoryImage, 'id' | 'credit' | 'synthetic' | 'exif'>,
): Promise<void> {
  try {
    const status = await host.call('sync.status', {});
    if (!status.user) return;
    const record = await host.call('authenticity.get', { storyId });
    const had = record.images.find((p) => p.assetId === image.id);
    const provenance: ImageProvenance = {
      assetId: image.id,
      origin: had?.origin ?? 'staff',
      photographer: (had?.photographer || image.credit).slice(0, 100),
      agency: had?.agency ?? '',
      placeName: had?.placeName ?? '',
      exif: had?.exif ?? image.exif,
      synthetic: image.synthetic,
      captionLabels: had?.captionLabels ?? {},
    };
    if (had && JSON.stringify(had) === JSON.stringify(provenance)) return;
    await host.call('authenticity.apply', {
      storyId,
      op: { op: 'set_image_provenance', provenance },
    });
  } catch (err) {
    // Offline or refused: the story document still carries the flag; the reviewer sees it there.
    console.warn('image provenance not recorded', err);
  }
}
