// What each pre-scan finding says, in both languages. Codes are stable; the
// UI may also look them up under `scan.<code>` in its locale files.
import { localized, type Localized } from '../domain/localized';

export const FINDING_TEXTS = {
  sensitive_term: localized(
    '“{text}”属{category}类敏感词（{severity}）',
    '“{text}” is a sensitive term: {category} ({severity})',
  ),
  sensitive_term_suggest: localized(
    '“{text}”属{category}类敏感词（{severity}），宜写作“{suggestion}”',
    '“{text}” is a sensitive term: {category} ({severity}); write “{suggestion}”',
  ),
  typo: localized(
    '“{text}”疑为错别字，应为“{suggestion}”',
    '“{text}” looks like a typo for “{suggestion}”',
  ),
  half_width_punct: localized(
    '中文语句中用了半角“{text}”，应为全角“{suggestion}”',
    'Half-width “{text}” in Chinese text; use full-width “{suggestion}”',
  ),
  full_width_punct_in_latin: localized(
    '英文或数字之间用了全角“{text}”',
    'Full-width “{text}” between Latin letters or digits',
  ),
  unpaired: localized('“{text}”没有与之配对的符号', '“{text}” has no matching pair'),
  straight_quotes: localized(
    '中文中应使用弯引号“”，不用直引号"',
    'Chinese text takes curly quotes “”, not straight "',
  ),
  repeated_punct: localized('标点“{text}”重复', 'Repeated punctuation “{text}”'),
  ellipsis: localized('省略号应写作“……”', 'A Chinese ellipsis is written “……”'),
  dash: localized('破折号应写作“——”', 'A Chinese dash is written “——”'),
  full_width_digits: localized(
    '数字“{text}”应使用半角阿拉伯数字“{suggestion}”',
    'Write the number “{text}” with half-width digits “{suggestion}”',
  ),
  short_year: localized(
    '年份不能简写，“{text}”应写作“{suggestion}”',
    'Years are written in full: “{suggestion}”, not “{text}”',
  ),
  year_zero: localized(
    '汉字年份中的“零”应写作“〇”：“{suggestion}”',
    'In a year in Chinese numerals, write 〇 for zero: “{suggestion}”',
  ),
  invalid_date: localized('“{text}”不是有效日期', '“{text}” is not a valid date'),
  dotted_date: localized(
    '正文中的日期宜写作“{suggestion}”',
    'In running text write the date as “{suggestion}”',
  ),
  date_hao: localized(
    '新闻稿中日期用“日”，不用“号”：“{suggestion}”',
    'News copy writes 日 for the day, not 号: “{suggestion}”',
  ),
  digit_grouping: localized(
    '数字“{text}”的分节不对，应三位一节或不分节',
    '“{text}” is grouped wrongly: groups of three digits, or none',
  ),
  approximate_arabic: localized(
    '相邻两数连用表示概数，应使用汉字数字且不加顿号：“{suggestion}”',
    'Two adjacent numbers giving an estimate are written in Chinese numerals without 、: “{suggestion}”',
  ),
  arabic_with_unit_word: localized(
    '阿拉伯数字不与“千”“百”连用：“{text}”宜写作“{suggestion}”',
    'Arabic digits do not combine with 千 or 百: write “{suggestion}”, not “{text}”',
  ),
  percent_words: localized(
    '“{text}”宜写作“{suggestion}”',
    'Write “{suggestion}” rather than “{text}”',
  ),
  unverified_link: localized(
    '链接指向未核实的网站：{host}',
    'The link goes to a site not on the verified list: {host}',
  ),
  insecure_link: localized('链接未使用HTTPS：{host}', 'The link does not use HTTPS: {host}'),
  unsafe_link: localized(
    '链接地址不安全，发布时会被删除',
    'The link target is unsafe and will be removed',
  ),
  synthetic_image_label: localized(
    '图片是{kind}，图说须标注“{label}”',
    'The image is {kind}; its caption must say “{label}”',
  ),
} satisfies Record<string, Localized>;

export type FindingCode = keyof typeof FINDING_TEXTS;
