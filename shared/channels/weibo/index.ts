// Weibo (微博) channel. Public API:
//   weibo                          — the ChannelModule (derive / validate / export / rules / schema)
//   weiboPost(variant)             — the post as published: 【标题】导语…… 链接 #话题# @昵称
//   weiboFeedPreview(variant, opts) — what the feed shows (first 140 字 + "全文" for long posts)
//   weiboSettings(raw)             — counting options (URL width, non-BMP weight)
import type { ChannelModule } from '../types';
import { deriveWeibo } from './derive';
import { exportWeibo } from './export';
import { WEIBO_RULES } from './rules';
import { WeiboSettingsSchema, WeiboVariantSchema, type WeiboVariant } from './schema';
import { validateWeibo } from './validate';

export const weibo: ChannelModule<WeiboVariant> = {
  id: 'weibo',
  name: { 'zh-CN': '微博', en: 'Weibo' },
  schema: WeiboVariantSchema,
  settingsSchema: WeiboSettingsSchema,
  rules: WEIBO_RULES,
  derive: deriveWeibo,
  validate: validateWeibo,
  export: exportWeibo,
  docLayout: { text: ['text', 'link'] },
  derivedFrom: { text: ['headline', 'body'], topics: ['keywords'], images: ['images'] },
};

export { weiboPost, weiboSuffix, weiboFeedPreview, type WeiboFeedPreview } from './compose';
export { WEIBO_RULES, type WeiboRuleId } from './rules';
export {
  WeiboVariantSchema,
  WeiboSettingsSchema,
  weiboSettings,
  type WeiboVariant,
  type WeiboSettings,
} from './schema';
