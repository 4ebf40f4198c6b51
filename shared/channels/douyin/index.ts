// Douyin (抖音) channel. Public API:
//   douyin                    — the ChannelModule (derive / validate / export / rules / schema)
//   douyinText(variant)       — the open API's `text`: caption #话题 @昵称
//   deriveScript(master, settings) — the shot list alone (to regenerate the script)
//   scriptMarkdown(variant)   — the script as a readable table
import type { ChannelModule } from '../types';
import { deriveDouyin } from './derive';
import { exportDouyin } from './export';
import { DOUYIN_RULES } from './rules';
import { DouyinSettingsSchema, DouyinVariantSchema, type DouyinVariant } from './schema';
import { validateDouyin } from './validate';

export const douyin: ChannelModule<DouyinVariant> = {
  id: 'douyin',
  name: { 'zh-CN': '抖音', en: 'Douyin' },
  schema: DouyinVariantSchema,
  settingsSchema: DouyinSettingsSchema,
  rules: DOUYIN_RULES,
  derive: deriveDouyin,
  validate: validateDouyin,
  export: exportDouyin,
  docLayout: { text: ['title', 'caption'], cards: ['script'] },
  derivedFrom: {
    title: ['headline'],
    caption: ['body'],
    hashtags: ['keywords'],
    cover: ['images'],
    script: ['headline', 'body', 'images'],
  },
};

export { douyinText } from './compose';
export { deriveScript, cardTexts } from './derive';
export { scriptMarkdown } from './export';
export { DOUYIN_RULES, type DouyinRuleId } from './rules';
export {
  DouyinVariantSchema,
  DouyinSettingsSchema,
  douyinSettings,
  ShotSchema,
  type DouyinVariant,
  type DouyinSettings,
  type Shot,
} from './schema';
