// Douyin limits as data (CHANNELS.md "Douyin"; open-platform publish docs).
import { COMMON_RULES } from '../common/checks';
import { defineRules, practice } from '../rules';

export const DOUYIN_RULES = defineRules({
  ...COMMON_RULES,
  halfWidthPunct: { ...COMMON_RULES.halfWidthPunct, severity: 'hint' },
  titleMissing: {
    unit: 'flag',
    severity: 'warn',
    message: { 'zh-CN': '没有作品标题', en: 'No title' },
    fix: { 'zh-CN': '给视频起一个简短的标题。', en: 'Give the video a short title.' },
  },
  titleMax: {
    value: 30,
    unit: 'chars',
    severity: 'warn',
    uncertain: true,
    source: 'third-party guidance',
    message: practice({
      'zh-CN': '标题 {count} 字，超过约 {limit} 字',
      en: 'Title is {count} characters; about {limit} fit',
    }),
    fix: { 'zh-CN': '标题控制在 {limit} 字内。', en: 'Keep the title within {limit} characters.' },
  },
  captionMax: {
    value: 1000,
    unit: 'chars',
    severity: 'warn',
    uncertain: true,
    source: 'creator-centre practice',
    message: practice({
      'zh-CN': '文案 {count} 字（含话题和@），超过约 {limit} 字',
      en: 'Caption is {count} characters (hashtags and mentions included); about {limit} fit',
    }),
    fix: { 'zh-CN': '精简文案。', en: 'Shorten the caption.' },
  },
  hashtagsMax: {
    value: 5,
    unit: 'count',
    severity: 'warn',
    uncertain: true,
    source: 'third-party guidance',
    message: practice({
      'zh-CN': '话题 {count} 个，建议不超过 {limit} 个',
      en: '{count} hashtags; at most {limit} advised',
    }),
    fix: {
      'zh-CN': '保留最相关的话题；不相关话题会影响分发。',
      en: 'Keep the most relevant; unrelated hashtags hurt distribution.',
    },
  },
  hashtagInvalid: {
    unit: 'flag',
    severity: 'warn',
    message: { 'zh-CN': '话题“{text}”含空格或 #', en: 'Hashtag "{text}" contains a space or #' },
    fix: {
      'zh-CN': '话题写成 #话题，中间不要有空格。',
      en: 'Write hashtags as #tag with no spaces.',
    },
  },
  mentionsNeedOpenId: {
    unit: 'flag',
    severity: 'hint',
    source: 'open.douyin.com publish docs',
    message: {
      'zh-CN': '@{text} 需要对方的 open_id 才能生效',
      en: "@{text} needs the user's open_id to work",
    },
    fix: {
      'zh-CN': '@的用户须出现在 at_users（open_id），可从粉丝或关注列表获取。',
      en: 'Mentioned users must be listed in at_users by open_id (from the follower or following lists).',
    },
  },
  coverMissing: {
    unit: 'flag',
    severity: 'warn',
    message: { 'zh-CN': '没有封面', en: 'No cover' },
    fix: {
      'zh-CN': '选一张图按 9:16 裁切，或指定视频第几秒作封面。',
      en: 'Crop a photo to 9:16 or pick a video frame as cover.',
    },
  },
  coverRatio: {
    value: 0.02,
    unit: 'ratio',
    severity: 'block',
    message: {
      'zh-CN': '封面裁切比例 {ratio}，应为 9:16',
      en: 'Cover crop ratio is {ratio}; it must be 9:16',
    },
    fix: { 'zh-CN': '按 9:16 重新裁切封面。', en: 'Re-crop the cover to 9:16.' },
  },
  coverLowResolution: {
    value: 1080,
    unit: 'count',
    severity: 'hint',
    message: {
      'zh-CN': '封面裁切后宽 {width} 像素，竖屏建议 {limit}×1920',
      en: 'Cropped cover is {width} px wide; {limit}×1920 is recommended',
    },
    fix: { 'zh-CN': '换一张更大的图。', en: 'Use a larger image.' },
  },
  scriptEmpty: {
    unit: 'flag',
    severity: 'hint',
    message: { 'zh-CN': '短视频脚本为空', en: 'The short-video script is empty' },
    fix: {
      'zh-CN': '从导语和要点生成字幕卡。',
      en: 'Generate text cards from the lead and key points.',
    },
  },
  shotTextMax: {
    value: 24,
    unit: 'chars',
    severity: 'hint',
    message: {
      'zh-CN': '第 {n} 张字幕卡 {count} 字，超过 {limit} 字不易看完',
      en: 'Card {n} has {count} characters; over {limit} is hard to read in time',
    },
    fix: { 'zh-CN': '拆成两张卡或精简。', en: 'Split it into two cards or shorten it.' },
  },
  videoDuration: {
    value: 900,
    unit: 'seconds',
    severity: 'block',
    source: 'open.douyin.com publish docs',
    message: {
      'zh-CN': '视频 {count} 秒，开放接口上限 15 分钟',
      en: 'Video is {count} s; the open API takes 15 minutes at most',
    },
    fix: { 'zh-CN': '剪短视频。', en: 'Cut the video.' },
  },
  videoBytes: {
    value: 4_000_000_000,
    unit: 'bytes',
    severity: 'block',
    source: 'open.douyin.com publish docs',
    message: {
      'zh-CN': '视频文件 {size}，上限 4 GB',
      en: 'Video file is {size}; the limit is 4 GB',
    },
    fix: { 'zh-CN': '降低码率重新导出。', en: 'Re-export at a lower bitrate.' },
  },
  videoNotVertical: {
    unit: 'flag',
    severity: 'hint',
    message: {
      'zh-CN': '视频为 {width}×{height}，竖屏 9:16（1080×1920）效果最好',
      en: 'Video is {width}×{height}; vertical 9:16 (1080×1920) works best',
    },
    fix: { 'zh-CN': '按 9:16 竖屏重新剪辑。', en: 'Re-edit it as vertical 9:16.' },
  },
});
export type DouyinRuleId = keyof typeof DOUYIN_RULES;
