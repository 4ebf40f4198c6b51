// The news-app (客户端) variant: the full article with summary, tags and photos.
import { z } from 'zod';
import { BodySchema } from '../../body/blocks';
import { ImageRefSchema } from '../../domain/master-story';
import { PrioritySchema } from '../../domain/story';
import { settingsReader } from '../common/settings';

export const AppPhotoSchema = z.object({ image: ImageRefSchema, caption: z.string() });

export const AppVariantSchema = z.object({
  headline: z.string(),
  subheadline: z.string(),
  summary: z.string(),
  byline: z.string(),
  dateline: z.string(),
  body: BodySchema,
  tags: z.array(z.string()),
  section: z.string().nullable(),
  photos: z.array(AppPhotoSchema),
  priority: PrioritySchema,
  /** ISO 8601 instant before which the story must not be published. */
  embargo: z.string().nullable(),
});
export type AppVariant = z.infer<typeof AppVariantSchema>;

export const AppSettingsSchema = z.object({
  summaryLength: z.number().int().min(20).max(300).default(100),
  /** Base URL the app's CDN serves exported photos from; ninjs rendition hrefs must be absolute URIs. */
  mediaBaseUrl: z.string().default(''),
  copyrightHolder: z.string().default(''),
});
export type AppSettings = z.infer<typeof AppSettingsSchema>;

/** The channel's settings with defaults filled in (parsed once per settings object; do not change the result). */
export const appSettings: (raw: unknown) => AppSettings = settingsReader(AppSettingsSchema);
