// News-app (客户端) channel. Public API:
//   app                      — the ChannelModule (derive / validate / export / rules / schema)
//   appNinjs(variant, ctx)   — the IPTC ninjs 2.2 document (validate it on the host:
//                              electron/services/export/ninjs-validate.ts)
//   appBodyHtml(body)        — the article body as semantic HTML (the app preview)
import type { ChannelModule } from '../types';
import { deriveApp } from './derive';
import { exportApp } from './export';
import { APP_RULES } from './rules';
import { AppSettingsSchema, AppVariantSchema, type AppVariant } from './schema';
import { validateApp } from './validate';

export const app: ChannelModule<AppVariant> = {
  id: 'app',
  name: { 'zh-CN': '客户端', en: 'News app' },
  schema: AppVariantSchema,
  settingsSchema: AppSettingsSchema,
  rules: APP_RULES,
  derive: deriveApp,
  validate: validateApp,
  export: exportApp,
  docLayout: { text: ['headline', 'subheadline', 'summary', 'byline', 'dateline'], body: 'body' },
  derivedFrom: {
    headline: ['headline'],
    subheadline: ['subheadline'],
    summary: ['body'],
    byline: ['byline'],
    dateline: ['dateline'],
    body: ['body'],
    tags: ['keywords'],
    section: ['section'],
    photos: ['images'],
    priority: ['priority'],
    embargo: ['embargo'],
  },
};

export { appNinjs, photoPath, type NinjsDocument } from './ninjs';
export { appBodyHtml } from './html';
export { APP_RULES, type AppRuleId } from './rules';
export { AppVariantSchema, AppSettingsSchema, type AppVariant, type AppSettings } from './schema';
