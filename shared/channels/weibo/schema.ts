// The Weibo post variant: the text (【标题】导语…), link, topics, mentions,
// up to nine photos, and whether it goes out as a long post (is_longtext).
import { z } from 'zod';
import { ImageRefSchema } from '../../domain/master-story';
import { settingsReader } from '../common/settings';

export const WeiboVariantSchema = z.object({
  /** The post's own words, customarily 【标题】导语. */
  text: z.string(),
  /** Link to the full story, placed after the text. */
  link: z.string(),
  /** Topics without the # marks. */
  topics: z.array(z.string()),
  /** Nicknames without the @. */
  mentions: z.array(z.string()),
  images: z.array(ImageRefSchema),
  longPost: z.boolean(),
});
export type WeiboVariant = z.infer<typeof WeiboVariantSchema>;

export const WeiboSettingsSchema = z.object({
  /** A URL's width in 字 (platform practice: about 20 half-width units). */
  urlWidth: z.number().min(0).max(100).default(10),
  /** Weight of an emoji or other non-BMP character (some clients count 2). */
  nonBmpWeight: z.number().min(1).max(2).default(2),
  /** Keywords turned into topics by derive. */
  maxDerivedTopics: z.number().int().min(0).max(10).default(2),
});
export type WeiboSettings = z.infer<typeof WeiboSettingsSchema>;

/** The channel's settings with defaults filled in (parsed once per settings object; do not change the result). */
export const weiboSettings: (raw: unknown) => WeiboSettings = settingsReader(WeiboSettingsSchema);
