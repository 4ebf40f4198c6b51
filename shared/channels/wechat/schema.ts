// The WeChat (公众号) article variant: draft/add's fields plus the body as
// blocks (rendered to inline-style HTML on export) and photo placement.
import { z } from 'zod';
import { BodySchema } from '../../body/blocks';
import { CropSchema, ImageRefSchema } from '../../domain/master-story';
import { settingsReader } from '../common/settings';

export const WechatPhotoSchema = z.object({
  image: ImageRefSchema,
  caption: z.string(),
  /** Body block the photo follows; -1 puts it before the first block. */
  afterBlock: z.number().int().min(-1),
});

export const WechatCoverSchema = z.object({
  image: ImageRefSchema,
  /** 2.35:1 crop for the feed card (pic_crop_235_1). */
  crop235: CropSchema,
  /** 1:1 crop for the share card (pic_crop_1_1). */
  crop11: CropSchema,
});

export const WechatVariantSchema = z.object({
  title: z.string(),
  author: z.string(),
  digest: z.string(),
  /** The digest is still the one made from the lead; editing it sets this false. */
  digestAuto: z.boolean(),
  body: BodySchema,
  photos: z.array(WechatPhotoSchema),
  cover: WechatCoverSchema.nullable(),
  /** 阅读原文 link. */
  contentSourceUrl: z.string(),
  needOpenComment: z.boolean(),
  onlyFansCanComment: z.boolean(),
});
export type WechatVariant = z.infer<typeof WechatVariantSchema>;

export const WechatSettingsSchema = z.object({
  /** Characters of the lead kept in an automatic digest. */
  digestLength: z.number().int().min(10).max(128).default(120),
  openComment: z.boolean().default(true),
});
export type WechatSettings = z.infer<typeof WechatSettingsSchema>;

/** The channel's settings with defaults filled in (parsed once per settings object; do not change the result). */
export const wechatSettings: (raw: unknown) => WechatSettings =
  settingsReader(WechatSettingsSchema);
