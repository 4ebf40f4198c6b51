// The master story as channel derivation sees it: fields, body and the photos
// attached to it (shared/body/story-images.ts), each described by the metadata
// every channel's rules need (size, type, caption, credit, AI flag); the bytes
// are the host's asset store's, found by the id.
import { z } from 'zod';
import { BodySchema } from '../body/blocks';
import { StoryFieldsSchema } from './story';

export const IMAGE_MIME_TYPES = [
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/heic',
  'image/tiff',
] as const;

export const ImageRefSchema = z.object({
  /** Asset id; exports refer to the file by it and the host resolves the bytes. */
  id: z.string().min(1),
  caption: z.string(),
  credit: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  mime: z.string(),
  /** File size in bytes. */
  bytes: z.number().int().nonnegative(),
  /** Generated or substantially altered by AI: must be labelled as such where published. */
  aiGenerated: z.boolean(),
  /** Which kind of synthetic image (its caption label says 示意图 rather than AI生成 for an illustration). */
  synthetic: z.enum(['ai_generated', 'illustration']).nullable().optional(),
  /** File name to use in exports (no directories). */
  fileName: z.string().optional(),
});
export type ImageRef = z.infer<typeof ImageRefSchema>;

export const MasterStorySchema = z.object({
  /** The story's id (UUIDv7); used in tracked links and the ninjs `uri`. */
  id: z.string().min(1),
  fields: StoryFieldsSchema,
  body: BodySchema,
  images: z.array(ImageRefSchema).optional(),
});
export type MasterStory = z.infer<typeof MasterStorySchema>;

/** A crop as fractions of the original image: (0,0) top-left, (1,1) bottom-right (WeChat's convention). */
export const CropSchema = z
  .object({
    x1: z.number().min(0).max(1),
    y1: z.number().min(0).max(1),
    x2: z.number().min(0).max(1),
    y2: z.number().min(0).max(1),
  })
  .refine((c) => c.x2 > c.x1 && c.y2 > c.y1, { message: 'empty crop' });
export type Crop = z.infer<typeof CropSchema>;

/** The largest centred crop of `image` with aspect ratio `ratio` (width / height). */
export function centerCrop(image: { width: number; height: number }, ratio: number): Crop {
  const imageRatio = image.width / image.height;
  if (imageRatio > ratio) {
    const w = ratio / imageRatio;
    const x1 = (1 - w) / 2;
    return { x1: round4(x1), y1: 0, x2: round4(x1 + w), y2: 1 };
  }
  const h = imageRatio / ratio;
  const y1 = (1 - h) / 2;
  return { x1: 0, y1: round4(y1), x2: 1, y2: round4(y1 + h) };
}

/** The aspect ratio (width / height) a crop produces on `image`. */
export function cropRatio(image: { width: number; height: number }, crop: Crop): number {
  return ((crop.x2 - crop.x1) * image.width) / ((crop.y2 - crop.y1) * image.height);
}

function round4(n: number): number {
  return Math.round(n * 10000) / 10000;
}
