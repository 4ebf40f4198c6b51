// Print limits and house rules as data (CHANNELS.md "Print"). Copyfit figures
// come from the page template; the thresholds here are the desk's.
import { COMMON_RULES } from '../common/checks';
import { defineRules } from '../rules';

export const PRINT_RULES = defineRules({
  ...COMMON_RULES,
  halfWidthPunct: { ...COMMON_RULES.halfWidthPunct, severity: 'warn' },
  headlineMissing: {
    unit: 'flag',
    severity: 'block',
    message: { 'zh-CN': '缺少主标题', en: 'No headline' },
    fix: { 'zh-CN': '见报稿件必须有主标题。', en: 'A printed story needs a headline.' },
  },
  bodyEmpty: {
    unit: 'flag',
    severity: 'block',
    message: { 'zh-CN': '正文为空', en: 'The body is empty' },
    fix: { 'zh-CN': '填入正文后再排版。', en: 'Add the body text before laying out.' },
  },
  templateUnknown: {
    unit: 'flag',
    severity: 'block',
    message: {
      'zh-CN': '版式模板“{template}”不存在',
      en: 'Page template "{template}" does not exist',
    },
    fix: {
      'zh-CN': '在版面设置中选择一个现有模板。',
      en: 'Choose an existing template in the layout settings.',
    },
  },
  overset: {
    unit: 'lines',
    severity: 'block',
    message: {
      'zh-CN': '超版 {lines} 行（约 {zi} 字）：可用 {available} 行，排了 {used} 行',
      en: 'Overset by {lines} lines (about {zi} 字): {used} lines set, {available} available',
    },
    fix: {
      'zh-CN': '删减正文约 {zi} 字，或加栏、加深版面、缩小图片。',
      en: 'Cut about {zi} 字, or give the story more columns, depth or less photo space.',
    },
  },
  underset: {
    value: 10,
    unit: 'lines',
    severity: 'hint',
    message: {
      'zh-CN': '还空 {lines} 行（约 {zi} 字）',
      en: '{lines} lines (about {zi} 字) left empty',
    },
    fix: {
      'zh-CN': '补写约 {zi} 字，或减栏、放大图片。',
      en: 'Add about {zi} 字, or narrow the story or enlarge a photo.',
    },
  },
  headlineTooLong: {
    unit: 'zi',
    severity: 'warn',
    message: {
      'zh-CN': '主标题 {count} 字，{span} 栏宽最多排 {limit} 字（{lines} 行）',
      en: 'Headline is {count} 字; {limit} 字 fit in {lines} lines across {span} columns',
    },
    fix: {
      'zh-CN': '精简标题，或加宽标题所占栏数。',
      en: 'Shorten the headline or widen it across more columns.',
    },
  },
  subheadlineTooLong: {
    unit: 'zi',
    severity: 'hint',
    message: {
      'zh-CN': '副题 {count} 字，超过一行可排的 {limit} 字',
      en: 'Subheadline is {count} 字; one line takes {limit}',
    },
    fix: { 'zh-CN': '副题尽量一行排下。', en: 'Keep the subheadline to one line.' },
  },
  qrNoLinkService: {
    unit: 'flag',
    severity: 'warn',
    message: {
      'zh-CN': '未设置短链接服务，无法生成可统计的二维码',
      en: 'No short-link service set: cannot make a tracked QR code',
    },
    fix: {
      'zh-CN': '在设置中填写短链接服务地址。',
      en: 'Set the short-link service address in settings.',
    },
  },
  shopUrlInvalid: {
    unit: 'flag',
    severity: 'block',
    message: { 'zh-CN': '购物链接“{url}”不是有效网址', en: 'Shop link "{url}" is not a valid URL' },
    fix: {
      'zh-CN': '填写以 https:// 开头的完整商品页地址。',
      en: 'Enter the full product page address starting with https://.',
    },
  },
  photoLowResolution: {
    value: 1200,
    unit: 'count',
    severity: 'hint',
    message: {
      'zh-CN': '第 {n} 张图片宽仅 {width} 像素，见报可能模糊',
      en: 'Photo {n} is only {width} px wide and may print soft',
    },
    fix: {
      'zh-CN': '新闻图片见报宜不少于 {limit} 像素宽（约 300 dpi）。',
      en: 'Printed photos want at least {limit} px width (about 300 dpi).',
    },
  },
});
export type PrintRuleId = keyof typeof PRINT_RULES;
