// The Douyin video-post variant: title, caption with hashtags and mentions, a
// 9:16 cover crop, and a short-video script (a shot list of text cards) the
// video desk produces the video from. The video file is attached later.
import { z } from 'zod';
import { CropSchema, ImageRefSchema } from '../../domain/master-story';
import { settingsReader } from '../common/settings';

export const SHOT_KINDS = ['title', 'lead', 'point', 'end'] as const;

export const ShotSchema = z.object({
  kind: z.enum(SHOT_KINDS),
  /** The text card shown on screen. */
  text: z.string(),
  /** How long the card stays on screen. */
  seconds: z.number().min(0.5).max(60),
  /** What to show behind it (photo id, footage note). */
  visual: z.string(),
});
export type Shot = z.infer<typeof ShotSchema>;

export const DouyinVideoSchema = z.object({
  fileName: z.string(),
  seconds: z.number().nonnegative(),
  bytes: z.number().int().nonnegative(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});

export const DouyinVariantSchema = z.object({
  title: z.string(),
  caption: z.string(),
  /** Hashtags without #. */
  hashtags: z.array(z.string()),
  /** Nicknames without @; the host maps them to open_ids for at_users. */
  mentions: z.array(z.string()),
  cover: z.object({ image: ImageRefSchema, crop: CropSchema }).nullable(),
  /** cover_tsp: the second of the video used as cover, when no cover image is set. */
  coverTimeSec: z.number().nonnegative().nullable(),
  script: z.array(ShotSchema),
  video: DouyinVideoSchema.nullable(),
});
export type DouyinVariant = z.infer<typeof DouyinVariantSchema>;

export const DouyinSettingsSchema = z.object({
  /** Key points turned into cards. */
  maxPoints: z.number().int().min(0).max(12).default(4),
  /** Characters a viewer reads a second on a card. */
  readingCharsPerSecond: z.number().positive().default(4),
  endCard: z.string().default('关注我们，了解更多'),
  maxDerivedHashtags: z.number().int().min(0).max(10).default(3),
});
export type DouyinSettings = z.infer<typeof DouyinSettingsSchema>;

/** The channel's settings with defaults filled in (parsed once per settings object; do not change the result). */
export const douyinSettings: (raw: unknown) => DouyinSettings =
  settingsReader(DouyinSettingsSchema);
