// Renders a crop of a photo with a canvas (the window decodes images; the
// host never does) and hands the JPEG to the host as the crop's rendition,
// which exports use where a channel needs cropped pixels (the Douyin cover).
import type { Crop } from '@shared/domain/master-story';
import type { HostClient } from '../host/client';
import { bytesToBase64 } from '../common/base64';
import { assetUrl } from './asset-url';

/** The longer side of a rendition, in pixels (a 9:16 cover at 1080×1920). */
const MAX_SIDE = 1920;

function load(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('the photo could not be decoded'));
    img.src = url;
  });
}

export async function cropToJpeg(url: string, crop: Crop): Promise<Uint8Array> {
  const img = await load(url);
  const sx = crop.x1 * img.naturalWidth;
  const sy = crop.y1 * img.naturalHeight;
  const sw = (crop.x2 - crop.x1) * img.naturalWidth;
  const sh = (crop.y2 - crop.y1) * img.naturalHeight;
  const scale = Math.min(1, MAX_SIDE / Math.max(sw, sh));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(sw * scale));
  canvas.height = Math.max(1, Math.round(sh * scale));
  const g = canvas.getContext('2d');
  if (!g) throw new Error('no 2d canvas');
  g.drawImage(img, sx, sy, sw, sh, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/jpeg', 0.9));
  if (!blob) throw new Error('the crop could not be encoded');
  return new Uint8Array(await blob.arrayBuffer());
}

/** Makes and stores the rendition; failures are logged, not shown (the export falls back to the original). */
export async function storeRendition(
  host: HostClient,
  sourceId: string,
  crop: Crop,
): Promise<void> {
  try {
    const url = await assetUrl(host, sourceId);
    if (!url) return;
    const bytes = await cropToJpeg(url, crop);
    await host.call('assets.addRendition', { sourceId, crop, data: bytesToBase64(bytes) });
  } catch (err) {
    console.warn('crop rendition failed', err);
  }
}
