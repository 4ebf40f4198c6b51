// A channel version (the plain data of its variant document) as the
// PublishableContent a sign-off approves: every text field, the body, and
// every image with its caption, credit and crop. Field order never matters
// (keys are sorted), so the server gets the same hash from the same content
// however the document's map happens to iterate.
import type { Block } from '../body/blocks';
import { BodySchema } from '../body/blocks';
import type { ChannelId } from './desks';
import type { PublishableContent, PublishableImage } from './content-hash';

type Plain = Record<string, unknown>;

const isPlain = (v: unknown): v is Plain =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const MAX_FIELD = 20_000;
const MAX_IMAGES = 200;

/** An image reference ({ id, caption, credit, width, height… }) as the channels store them. */
function isImageRef(v: unknown): v is { id: string; caption?: unknown; credit?: unknown } {
  return isPlain(v) && typeof v.id === 'string' && typeof v.width === 'number' && 'credit' in v;
}

type CropLike = { x1: number; y1: number; x2: number; y2: number };
function isCrop(v: unknown): v is CropLike {
  return (
    isPlain(v) &&
    typeof v.x1 === 'number' &&
    typeof v.y1 === 'number' &&
    typeof v.x2 === 'number' &&
    typeof v.y2 === 'number'
  );
}

function clamp01(n: number): number {
  return Math.min(1, Math.max(0, n));
}

function toCrop(c: CropLike): PublishableImage['crop'] {
  const x = clamp01(c.x1);
  const y = clamp01(c.y1);
  const width = clamp01(c.x2) - x;
  const height = clamp01(c.y2) - y;
  return width > 0 && height > 0 ? { x, y, width, height } : null;
}

function collectImages(value: unknown, out: PublishableImage[]): void {
  if (out.length >= MAX_IMAGES) return;
  if (Array.isArray(value)) {
    for (const v of value) collectImages(v, out);
    return;
  }
  if (!isPlain(value)) return;
  if (isImageRef(value)) {
    out.push({
      assetId: value.id.slice(0, 128),
      caption: String(value.caption ?? '').slice(0, 2000),
      credit: String(value.credit ?? '').slice(0, 200),
      crop: null,
    });
    return;
  }
  if (isImageRef(value.image)) {
    // A placed photo or cover: its own caption wins over the asset's. Each crop
    // it is shown in (a cover has 2.35:1 and 1:1) is part of what is approved.
    const image = value.image;
    const caption = String(
      typeof value.caption === 'string' ? value.caption : (image.caption ?? ''),
    ).slice(0, 2000);
    const crops = Object.keys(value)
      .sort()
      .map((k) => value[k])
      .filter(isCrop);
    for (const crop of crops.length ? crops : [null])
      out.push({
        assetId: image.id.slice(0, 128),
        caption,
        credit: String(image.credit ?? '').slice(0, 200),
        crop: crop ? toCrop(crop) : null,
      });
    return;
  }
  for (const k of Object.keys(value).sort()) collectImages(value[k], out);
}

function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const parts = value.map((v) =>
      typeof v === 'string' ? v : isPlain(v) && typeof v.text === 'string' ? v.text : null,
    );
    if (parts.every((p): p is string => p !== null)) return parts.join('\n');
  }
  return null;
}

/**
 * The publishable content of one channel version. `bodyField` is the
 * channel's rich body field (docLayout.body), when it has one.
 */
export function publishableContent(
  storyId: string,
  channel: ChannelId,
  variant: Plain,
  bodyField?: string,
): PublishableContent {
  const fields: Record<string, string> = {};
  const images: PublishableImage[] = [];
  let body: Block[] = [];
  for (const key of Object.keys(variant).sort()) {
    const value = variant[key];
    if (bodyField !== undefined && key === bodyField) {
      const parsed = BodySchema.safeParse(value);
      if (parsed.success) body = parsed.data;
      continue;
    }
    if (key.length > 40) continue;
    const text = textOf(value);
    if (text !== null) fields[key] = text.slice(0, MAX_FIELD);
    else collectImages(value, images);
  }
  return { storyId, channel, fields, body, images };
}
