// Checks that apply to copy on every channel: punctuation per GB/T 15834,
// numbers per GB/T 15835, markup pasted into a text field, photos without
// captions or without the AI-generated label. Each channel includes the rules
// it wants from COMMON_RULES in its own rules.ts (and may change severities).
import type { Block } from '../../body/blocks';
import type { ImageRef } from '../../domain/master-story';
import { isCjkLetter } from '../../text/char-class';
import type { Reporter } from '../rules';
import type { RuleSpec } from '../types';
import { recentResults } from './recent';
import { blockText, findMarkup } from './text';

export const COMMON_RULES = {
  halfWidthPunct: {
    unit: 'flag',
    severity: 'warn',
    source: 'GB/T 15834-2011',
    message: {
      'zh-CN': '中文句子里用了半角标点“{mark}”',
      en: 'Half-width "{mark}" inside a Chinese sentence',
    },
    fix: {
      'zh-CN': '中文行文用全角标点（，。；：？！（）），按 GB/T 15834 改为全角。',
      en: 'Chinese copy takes full-width punctuation (GB/T 15834); replace it with the full-width mark.',
    },
  },
  fullWidthDigits: {
    unit: 'flag',
    severity: 'warn',
    source: 'GB/T 15835-2011',
    message: { 'zh-CN': '全角数字“{text}”', en: 'Full-width digits "{text}"' },
    fix: {
      'zh-CN': '数字用半角阿拉伯数字（GB/T 15835）。',
      en: 'Use half-width Arabic numerals (GB/T 15835).',
    },
  },
  chineseNumeralDate: {
    unit: 'flag',
    severity: 'hint',
    source: 'GB/T 15835-2011',
    message: {
      'zh-CN': '日期“{text}”用了汉字数字',
      en: 'Date "{text}" written in Chinese numerals',
    },
    fix: {
      'zh-CN': '新闻稿中的公历日期、计数一般用阿拉伯数字（GB/T 15835）。',
      en: 'News copy writes calendar dates and counts in Arabic numerals (GB/T 15835).',
    },
  },
  doubledPunct: {
    unit: 'flag',
    severity: 'hint',
    message: { 'zh-CN': '标点重复“{text}”', en: 'Repeated punctuation "{text}"' },
    fix: { 'zh-CN': '删去多余的标点。', en: 'Delete the extra mark.' },
  },
  markupInText: {
    unit: 'flag',
    severity: 'warn',
    message: {
      'zh-CN': '文字里混入了网页代码“{text}”',
      en: 'Markup pasted into the text: "{text}"',
    },
    fix: {
      'zh-CN': '从网页复制时带进了标签或实体，请删去或用“粘贴为纯文本”重新粘贴。',
      en: 'Tags or entities came in with a paste from a web page; delete them or paste as plain text.',
    },
  },
  captionMissing: {
    unit: 'flag',
    severity: 'warn',
    message: { 'zh-CN': '第 {n} 张图片没有图片说明', en: 'Photo {n} has no caption' },
    fix: {
      'zh-CN': '每张新闻图片都要有说明（何时、何地、何人、何事）。',
      en: 'Every news photo needs a caption (when, where, who, what).',
    },
  },
  creditMissing: {
    unit: 'flag',
    severity: 'hint',
    message: { 'zh-CN': '第 {n} 张图片没有署名', en: 'Photo {n} has no credit' },
    fix: {
      'zh-CN': '注明摄影者或来源（如“新华社记者 某某 摄”）。',
      en: 'Credit the photographer or source.',
    },
  },
  aiLabelMissing: {
    unit: 'flag',
    severity: 'block',
    source: '《人工智能生成合成内容标识办法》(2025-09-01)',
    message: {
      'zh-CN': '第 {n} 张图片为 AI 生成，但说明里没有标注',
      en: 'Photo {n} is AI-generated but its caption does not say so',
    },
    fix: {
      'zh-CN': '在图片说明中显式标注“AI 生成”或“由人工智能生成”。',
      en: 'State "AI-generated" (AI 生成) in the caption.',
    },
  },
} satisfies Record<string, RuleSpec>;

export type CommonRuleId = keyof typeof COMMON_RULES;

const HALF_PUNCT = /[,;:?!()]/g;
const FULL_DIGITS = /[０-９]+/g;
const CN_DATE =
  /[〇零一二三四五六七八九]{4}年|[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日/g;
const DOUBLED = /([，。、；：！？])\1+/g;

function isCjkAt(s: string, i: number): boolean {
  if (i < 0 || i >= s.length) return false;
  const cp = s.codePointAt(i) ?? 0;
  return (
    isCjkLetter(cp) || (cp >= 0xdc00 && cp <= 0xdfff && isCjkLetter(s.codePointAt(i - 1) ?? 0))
  );
}

/** The mark ends a stretch of Chinese: CJK right before it, or before a number/unit glued to it ("上涨0.2%!"). */
function chineseBefore(s: string, i: number): boolean {
  for (let k = i - 1, n = 0; k >= 0 && n < 20; k--, n++) {
    const c = s.charCodeAt(k);
    if (isCjkAt(s, k)) return true;
    if (!/[0-9A-Za-z.%]/.test(s[k]!) || c === 0x20) return false;
  }
  return false;
}

const isDigit = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9';

type CopyFinding = {
  id: 'halfWidthPunct' | 'fullWidthDigits' | 'chineseNumeralDate' | 'doubledPunct' | 'markupInText';
  start: number;
  end: number;
  params: Record<string, string>;
};

/**
 * What the typography checks find in a piece of copy, kept for recent texts:
 * checks run after every pause in typing, over every paragraph, and all but
 * the one being typed in read as they did the last time (see recent.ts).
 */
const copyFindings = recentResults(findCopyProblems, 4096);

function findCopyProblems(text: string): readonly CopyFinding[] {
  const out: CopyFinding[] = [];
  HALF_PUNCT.lastIndex = 0;
  for (let m = HALF_PUNCT.exec(text); m; m = HALF_PUNCT.exec(text)) {
    const i = m.index;
    const mark = m[0];
    // "(CPI)" after a Chinese word and "中国,美国" count; "COVID-19 (Omicron)" does not.
    const chinese =
      mark === '('
        ? isCjkAt(text, i - 1)
        : mark === ')'
          ? isCjkAt(text, i + 1) || isCjkAt(text, i - 1)
          : !(mark === ',' && isDigit(text[i - 1]) && isDigit(text[i + 1])) &&
            (chineseBefore(text, i) || isCjkAt(text, i + 1));
    if (chinese) out.push({ id: 'halfWidthPunct', start: i, end: i + 1, params: { mark } });
  }
  for (const [re, id] of [
    [FULL_DIGITS, 'fullWidthDigits'],
    [CN_DATE, 'chineseNumeralDate'],
    [DOUBLED, 'doubledPunct'],
  ] as const) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text))
      out.push({ id, start: m.index, end: m.index + m[0].length, params: { text: m[0] } });
  }
  const markup = findMarkup(text);
  if (markup)
    out.push({
      id: 'markupInText',
      ...markup,
      params: { text: text.slice(markup.start, markup.end) },
    });
  return out;
}

/** Typography checks on one piece of Chinese copy; `at` locates the field (and block). */
export function checkCopy(
  r: Reporter<CommonRuleId>,
  text: string,
  at: { field: string; index?: number },
): void {
  for (const f of copyFindings(text))
    r.report(f.id, { ...at, start: f.start, end: f.end }, { ...f.params });
}

/** `checkCopy` over every block of a body. */
export function checkBody(r: Reporter<CommonRuleId>, body: readonly Block[], field = 'body'): void {
  body.forEach((b, index) => {
    if (b.type !== 'hr') checkCopy(r, blockText(b), { field, index });
  });
}

const AI_LABEL = /AI|人工智能|生成|合成/i;
/** An illustration's caption may say 示意图 (the label shared/authenticity gives it) instead. */
const ILLUSTRATION_LABEL = /示意|AI|人工智能|生成|合成/i;

/** Captions, credits and the AI-generated label on a channel's photos. */
export function checkImages(
  r: Reporter<CommonRuleId>,
  images: ReadonlyArray<Pick<ImageRef, 'caption' | 'credit' | 'aiGenerated' | 'synthetic'>>,
  field = 'images',
): void {
  images.forEach((img, index) => {
    const n = index + 1;
    if (!img.caption.trim()) r.report('captionMissing', { field, index }, { n });
    if (!img.credit.trim()) r.report('creditMissing', { field, index }, { n });
    const label = img.synthetic === 'illustration' ? ILLUSTRATION_LABEL : AI_LABEL;
    if (img.aiGenerated && !label.test(img.caption))
      r.report('aiLabelMissing', { field, index }, { n });
  });
}
