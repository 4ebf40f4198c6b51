// WeChat draft/add limits as data. Sources: the official draft_add page
// (developers.weixin.qq.com …/draftbox/draftmanage/api_draft_add) and
// CHANNELS.md; see README.md for what disagrees.
import { COMMON_RULES } from '../common/checks';
import { defineRules, practice } from '../rules';

const DOC = 'developers.weixin.qq.com draft_add';

export const WECHAT_RULES = defineRules({
  ...COMMON_RULES,
  halfWidthPunct: { ...COMMON_RULES.halfWidthPunct, severity: 'hint' },
  titleMissing: {
    unit: 'flag',
    severity: 'block',
    source: DOC,
    message: { 'zh-CN': '缺少标题', en: 'No title' },
    fix: { 'zh-CN': '公众号文章必须有标题。', en: 'A WeChat article needs a title.' },
  },
  titleMax: {
    value: 32,
    unit: 'chars',
    severity: 'block',
    source: DOC,
    message: {
      'zh-CN': '标题 {count} 字，超过 {limit} 字上限',
      en: 'Title is {count} characters; the limit is {limit}',
    },
    fix: {
      'zh-CN': '公众号标题不超过 {limit} 字，请精简。',
      en: 'WeChat titles take at most {limit} characters; shorten it.',
    },
  },
  titleSdkMax: {
    value: 21,
    unit: 'chars',
    severity: 'warn',
    uncertain: true,
    source: 'some SDKs: 64 bytes',
    message: practice({
      'zh-CN': '标题 {count} 字，部分接口按 64 字节（约 {limit} 字）截断',
      en: 'Title is {count} characters; some API clients cut at 64 bytes (about {limit})',
    }),
    fix: {
      'zh-CN': '标题控制在 {limit} 字内最稳妥，订阅列表里也显示完整。',
      en: 'Keeping to {limit} characters is safe and shows in full in the feed.',
    },
  },
  authorMax: {
    value: 16,
    unit: 'chars',
    severity: 'block',
    source: DOC,
    message: {
      'zh-CN': '作者 {count} 字，超过 {limit} 字上限',
      en: 'Author is {count} characters; the limit is {limit}',
    },
    fix: {
      'zh-CN': '作者栏不超过 {limit} 字，多位作者可写在文末。',
      en: 'At most {limit} characters; list further authors at the end of the article.',
    },
  },
  digestMax: {
    value: 128,
    unit: 'chars',
    severity: 'block',
    source: DOC,
    message: {
      'zh-CN': '摘要 {count} 字，超过 {limit} 字上限',
      en: 'Digest is {count} characters; the limit is {limit}',
    },
    fix: { 'zh-CN': '摘要不超过 {limit} 字。', en: 'Keep the digest within {limit} characters.' },
  },
  bodyEmpty: {
    unit: 'flag',
    severity: 'block',
    message: { 'zh-CN': '正文为空', en: 'The body is empty' },
    fix: { 'zh-CN': '填入正文。', en: 'Add the body text.' },
  },
  contentChars: {
    value: 20000,
    unit: 'chars',
    severity: 'block',
    source: DOC,
    message: {
      'zh-CN': '正文 HTML 共 {count} 字符（含标签和样式），须少于 {limit}',
      en: 'Body HTML is {count} characters (tags and styles included); it must stay under {limit}',
    },
    fix: {
      'zh-CN': '删减正文，或拆成上下篇。',
      en: 'Cut the body or split the article in two.',
    },
  },
  contentBytes: {
    value: 1_000_000,
    unit: 'bytes',
    severity: 'block',
    source: DOC,
    message: {
      'zh-CN': '正文 HTML {count} 字节，须小于 1 MB',
      en: 'Body HTML is {count} bytes; it must stay under 1 MB',
    },
    fix: { 'zh-CN': '删减正文。', en: 'Cut the body.' },
  },
  imageBytes: {
    value: 1_000_000,
    unit: 'bytes',
    severity: 'block',
    source: 'media/uploadimg',
    message: {
      'zh-CN': '第 {n} 张图片 {size}，正文图片须小于 1 MB',
      en: 'Photo {n} is {size}; body photos must be under 1 MB',
    },
    fix: {
      'zh-CN': '压缩图片（JPG 质量 80 左右即可）。',
      en: 'Compress the photo (JPEG at about quality 80).',
    },
  },
  imageFormat: {
    unit: 'flag',
    severity: 'warn',
    source: 'media/uploadimg',
    message: {
      'zh-CN': '第 {n} 张图片为 {mime}，正文图片只收 JPG/PNG',
      en: 'Photo {n} is {mime}; body photos must be JPEG or PNG',
    },
    fix: { 'zh-CN': '转成 JPG 或 PNG。', en: 'Convert it to JPEG or PNG.' },
  },
  coverMissing: {
    unit: 'flag',
    severity: 'block',
    source: DOC,
    message: { 'zh-CN': '没有封面图', en: 'No cover image' },
    fix: {
      'zh-CN': '图文消息必须有封面（thumb_media_id），请选一张图。',
      en: 'A news article needs a cover (thumb_media_id); pick a photo.',
    },
  },
  coverBytes: {
    value: 10_000_000,
    unit: 'bytes',
    severity: 'block',
    source: 'material/add_material',
    message: {
      'zh-CN': '封面图 {size}，须不超过 10 MB',
      en: 'Cover is {size}; the limit is 10 MB',
    },
    fix: { 'zh-CN': '压缩封面图。', en: 'Compress the cover.' },
  },
  coverCropRatio: {
    value: 0.02,
    unit: 'ratio',
    severity: 'warn',
    message: {
      'zh-CN': '封面 {crop} 裁切比例为 {ratio}，应为 {expected}',
      en: 'Cover crop {crop} has ratio {ratio}; it should be {expected}',
    },
    fix: { 'zh-CN': '重新裁切封面。', en: 'Re-crop the cover.' },
  },
  sourceUrlBytes: {
    value: 1024,
    unit: 'bytes',
    severity: 'block',
    source: DOC,
    message: {
      'zh-CN': '“阅读原文”链接 {count} 字节，须不超过 1 KB',
      en: '"Read more" link is {count} bytes; the limit is 1 KB',
    },
    fix: { 'zh-CN': '使用短链接。', en: 'Use a short link.' },
  },
  sourceUrlInvalid: {
    unit: 'flag',
    severity: 'warn',
    message: { 'zh-CN': '“阅读原文”链接不是有效网址', en: '"Read more" link is not a valid URL' },
    fix: {
      'zh-CN': '填写以 https:// 开头的完整地址，或留空。',
      en: 'Enter a full https:// address or leave it empty.',
    },
  },
  externalLink: {
    unit: 'flag',
    severity: 'warn',
    source: DOC,
    message: {
      'zh-CN': '正文链接“{url}”会被公众号去掉',
      en: 'Link "{url}" will be removed by WeChat',
    },
    fix: {
      'zh-CN': '正文只能链接已发布的公众号文章；外部网址请放“阅读原文”或改成文字。',
      en: 'Body links may only point to published WeChat articles; put other URLs in "read more" or as text.',
    },
  },
});
export type WechatRuleId = keyof typeof WECHAT_RULES;
