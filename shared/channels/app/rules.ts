// News-app rules: the app's own house limits (no platform imposes them) plus
// the common copy and photo checks.
import { COMMON_RULES } from '../common/checks';
import { defineRules } from '../rules';

export const APP_RULES = defineRules({
  ...COMMON_RULES,
  halfWidthPunct: { ...COMMON_RULES.halfWidthPunct, severity: 'hint' },
  headlineMissing: {
    unit: 'flag',
    severity: 'block',
    message: { 'zh-CN': '缺少标题', en: 'No headline' },
    fix: { 'zh-CN': '客户端稿件必须有标题。', en: 'An app article needs a headline.' },
  },
  headlineMax: {
    value: 40,
    unit: 'chars',
    severity: 'warn',
    source: 'house style',
    message: {
      'zh-CN': '标题 {count} 字，列表里超过 {limit} 字会被截断',
      en: 'Headline is {count} characters; lists cut it after {limit}',
    },
    fix: {
      'zh-CN': '精简标题，或在列表标题中另写短标题。',
      en: 'Shorten it, or write a shorter list headline.',
    },
  },
  bodyEmpty: {
    unit: 'flag',
    severity: 'block',
    message: { 'zh-CN': '正文为空', en: 'The body is empty' },
    fix: { 'zh-CN': '填入正文。', en: 'Add the body text.' },
  },
  summaryMissing: {
    unit: 'flag',
    severity: 'warn',
    message: { 'zh-CN': '没有摘要', en: 'No summary' },
    fix: {
      'zh-CN': '摘要显示在推送和分享卡片上，请补上。',
      en: 'The summary shows in push and share cards; add one.',
    },
  },
  summaryMax: {
    value: 120,
    unit: 'chars',
    severity: 'warn',
    source: 'house style',
    message: {
      'zh-CN': '摘要 {count} 字，超过 {limit} 字',
      en: 'Summary is {count} characters; the limit is {limit}',
    },
    fix: {
      'zh-CN': '摘要控制在 {limit} 字内。',
      en: 'Keep the summary within {limit} characters.',
    },
  },
  tagsMissing: {
    unit: 'flag',
    severity: 'hint',
    message: { 'zh-CN': '没有标签', en: 'No tags' },
    fix: {
      'zh-CN': '加几个标签，便于推荐和检索。',
      en: 'Add a few tags for recommendations and search.',
    },
  },
  embargoInvalid: {
    unit: 'flag',
    severity: 'block',
    message: { 'zh-CN': '禁发时间“{text}”格式不对', en: 'Embargo "{text}" is not a valid time' },
    fix: { 'zh-CN': '使用带时区的完整时间。', en: 'Use a full date-time with a time zone.' },
  },
});
export type AppRuleId = keyof typeof APP_RULES;
