// Weibo limits as data (CHANNELS.md "Weibo"); the counter is the `weibo` one.
import { COMMON_RULES } from '../common/checks';
import { defineRules, practice } from '../rules';

export const WEIBO_RULES = defineRules({
  ...COMMON_RULES,
  halfWidthPunct: { ...COMMON_RULES.halfWidthPunct, severity: 'hint' },
  textEmpty: {
    unit: 'flag',
    severity: 'block',
    message: { 'zh-CN': '微博正文为空', en: 'The post is empty' },
    fix: { 'zh-CN': '写上【标题】和导语。', en: 'Write 【headline】 and the lead.' },
  },
  postMax: {
    value: 140,
    unit: 'weibo',
    severity: 'block',
    message: {
      'zh-CN': '微博 {count} 字（按微博计数，含链接和话题），超过 {limit} 字',
      en: 'The post is {count} (Weibo count, link and topics included); the limit is {limit}',
    },
    fix: {
      'zh-CN': '删减导语，或改为长微博。链接按 {urlWidth} 字计，半角字符算半个字。',
      en: 'Cut the lead or make it a long post. A link counts {urlWidth}; half-width characters count half.',
    },
  },
  longPostMax: {
    value: 2000,
    unit: 'weibo',
    severity: 'block',
    message: {
      'zh-CN': '长微博 {count} 字，超过 {limit} 字',
      en: 'Long post is {count}; the limit is {limit}',
    },
    fix: {
      'zh-CN': '删减内容，或改发头条文章。',
      en: 'Cut it or publish as a Weibo article instead.',
    },
  },
  imagesMax: {
    value: 9,
    unit: 'count',
    severity: 'block',
    message: { 'zh-CN': '配图 {count} 张，最多 {limit} 张', en: '{count} photos; at most {limit}' },
    fix: { 'zh-CN': '去掉多余的图片。', en: 'Remove the extra photos.' },
  },
  imageBytes: {
    value: 5_000_000,
    unit: 'bytes',
    severity: 'block',
    message: {
      'zh-CN': '第 {n} 张图片 {size}，须小于 5 MB',
      en: 'Photo {n} is {size}; it must be under 5 MB',
    },
    fix: { 'zh-CN': '压缩图片。', en: 'Compress the photo.' },
  },
  imageFormat: {
    unit: 'flag',
    severity: 'block',
    message: {
      'zh-CN': '第 {n} 张图片为 {mime}，只收 JPG、GIF、PNG',
      en: 'Photo {n} is {mime}; only JPEG, GIF and PNG are taken',
    },
    fix: { 'zh-CN': '转成 JPG 或 PNG。', en: 'Convert it to JPEG or PNG.' },
  },
  topicUnclosed: {
    unit: 'flag',
    severity: 'warn',
    message: { 'zh-CN': '话题“{text}”缺少结尾的 #', en: 'Topic "{text}" has no closing #' },
    fix: {
      'zh-CN': '微博话题写成 #话题#，前后各一个 #。',
      en: 'Weibo topics are written #topic#, with a # on each side.',
    },
  },
  topicInvalid: {
    unit: 'flag',
    severity: 'warn',
    message: { 'zh-CN': '话题“{text}”含空格或 #', en: 'Topic "{text}" contains a space or #' },
    fix: { 'zh-CN': '话题里不要有空格和 #。', en: 'Topics may not contain spaces or #.' },
  },
  topicsViaShareApi: {
    unit: 'flag',
    severity: 'hint',
    uncertain: true,
    message: practice({
      'zh-CN': '经第三方分享接口发布时，带话题的微博可能被拒',
      en: 'Posts with topics may be refused when sent through the third-party share API',
    }),
    fix: {
      'zh-CN': '用客户端发布，或去掉话题。',
      en: 'Post from the Weibo client, or drop the topics.',
    },
  },
  mentionInvalid: {
    unit: 'flag',
    severity: 'warn',
    message: {
      'zh-CN': '“@{text}”不是有效的微博昵称',
      en: '"@{text}" is not a valid Weibo nickname',
    },
    fix: {
      'zh-CN': '昵称为 2–30 个字符（中英文、数字、下划线、减号），@后紧跟昵称，以空格或标点结束。',
      en: 'Nicknames are 2–30 characters (letters, digits, _ or -), right after @ and ended by a space or punctuation.',
    },
  },
  linkMissing: {
    unit: 'flag',
    severity: 'hint',
    uncertain: true,
    message: practice({ 'zh-CN': '没有原文链接', en: 'No link to the story' }),
    fix: {
      'zh-CN': '新闻微博惯例附原文链接；第三方分享接口还要求链接指向应用绑定的安全域名。',
      en: "News posts customarily link to the story; the share API also needs a link on the app's registered domain.",
    },
  },
});
export type WeiboRuleId = keyof typeof WEIBO_RULES;
