// WeChat Official Account (公众号) channel. Public API:
//   wechat                        — the ChannelModule (derive / validate / export / rules / schema)
//   wechatHtml(variant, opts)     — body as inline-style HTML (what the phone-frame preview shows)
//   shownDigest(variant)          — the digest the feed shows (WeChat's 54-character fallback when empty)
//   autoDigest(body)              — the digest made from the lead ("reset to automatic")
//   wechatDraftPayload(variant, ctx) — draft/add JSON;  wechatClipboard(variant, ctx) — {html, text} for "copy as rich text"
//   wechatUploads(variant)        — images the host uploads before draft/add
//   WECHAT_ALLOWED                — tags/attributes the HTML may contain
import type { ChannelModule } from '../types';
import { deriveWechat } from './derive';
import { exportWechat } from './export';
import { WECHAT_RULES } from './rules';
import { WechatSettingsSchema, WechatVariantSchema, type WechatVariant } from './schema';
import { validateWechat } from './validate';

export const wechat: ChannelModule<WechatVariant> = {
  id: 'wechat',
  name: { 'zh-CN': '微信公众号', en: 'WeChat' },
  schema: WechatVariantSchema,
  settingsSchema: WechatSettingsSchema,
  rules: WECHAT_RULES,
  derive: deriveWechat,
  validate: validateWechat,
  export: exportWechat,
  docLayout: { text: ['title', 'author', 'digest', 'contentSourceUrl'], body: 'body' },
  derivedFrom: {
    title: ['headline'],
    author: ['byline'],
    digest: ['body'],
    body: ['body'],
    photos: ['images', 'body'],
    cover: ['images'],
  },
};

export {
  wechatHtml,
  wechatHtmlParts,
  WECHAT_ALLOWED,
  WECHAT_ARTICLE_STYLE,
  ASSET_PLACEHOLDER,
  type WechatHtmlOptions,
  type WechatHtmlPart,
} from './html';
export { autoDigest, shownDigest } from './derive';
export { wechatContentSize } from './validate';
export {
  wechatDraftPayload,
  wechatClipboard,
  wechatUploads,
  cropParam,
  type WechatDraftArticle,
  type WechatUpload,
} from './export';
export { WECHAT_RULES, type WechatRuleId } from './rules';
export {
  WechatVariantSchema,
  WechatSettingsSchema,
  type WechatVariant,
  type WechatSettings,
} from './schema';
