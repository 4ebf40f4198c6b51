// The newsroom-editable lists the pre-scan uses, and their plain-text form:
// one entry per line, so a desk can keep them in any editor, diff them and
// paste them from a spreadsheet (tab or | between fields).
//
//   # 融媒敏感词表
//   [词条]
//   台湾总统 | 政治 | 禁用 | 台湾地区领导人
//   第一 | 广告法 | 慎用
//   [白名单]
//   第一书记
//
//   # 易错词表
//   按装 → 安装
//   既使 → 即使 | 连词“即使”表示假设
import { z } from 'zod';
import { localized, renderMessage, type Localized, type MessageParams } from '../domain/localized';
import { foldTerm } from './normalize';
import { SeveritySchema, type Severity } from './report';

export const MAX_TERM_LENGTH = 50;

export const SensitiveEntrySchema = z.object({
  term: z.string().trim().min(1).max(MAX_TERM_LENGTH),
  /** A built-in category code (CATEGORY_NAMES) or the newsroom's own word. */
  category: z.string().trim().min(1).max(20),
  severity: SeveritySchema,
  /** What to write instead, when there is a standard wording (台湾地区领导人). */
  suggestion: z.string().max(MAX_TERM_LENGTH).optional(),
});
export type SensitiveEntry = z.infer<typeof SensitiveEntrySchema>;

export const SensitiveListSchema = z.object({
  entries: z.array(SensitiveEntrySchema).max(500_000),
  /** Phrases inside which a hit is not one (第一书记 contains 第一). */
  whitelist: z.array(z.string().trim().min(1).max(100)).max(100_000),
});
export type SensitiveList = z.infer<typeof SensitiveListSchema>;

export const TypoEntrySchema = z.object({
  wrong: z.string().trim().min(1).max(MAX_TERM_LENGTH),
  right: z.string().trim().min(1).max(MAX_TERM_LENGTH),
  note: z.string().max(200).optional(),
});
export type TypoEntry = z.infer<typeof TypoEntrySchema>;

export const TypoListSchema = z.object({
  entries: z.array(TypoEntrySchema).max(100_000),
  whitelist: z.array(z.string().trim().min(1).max(100)).max(100_000),
});
export type TypoList = z.infer<typeof TypoListSchema>;

export const CATEGORY_NAMES: Record<string, Localized> = {
  politics: localized('政治', 'politics'),
  pornography: localized('色情', 'pornography'),
  violence: localized('暴恐', 'violence and terrorism'),
  gambling: localized('赌博', 'gambling'),
  drugs: localized('毒品', 'drugs'),
  fraud: localized('诈骗', 'fraud'),
  discrimination: localized('歧视', 'discrimination'),
  vulgar: localized('低俗', 'vulgarity'),
  advertising: localized('广告法', 'advertising law'),
  superstition: localized('封建迷信', 'superstition'),
  other: localized('其他', 'other'),
};

export const SEVERITY_NAMES: Record<Severity, Localized> = {
  block: localized('禁用', 'blocks publishing'),
  warning: localized('慎用', 'warning'),
  hint: localized('提示', 'hint'),
};

const SEVERITY_WORDS: Record<string, Severity> = {
  block: 'block',
  禁用: 'block',
  禁止: 'block',
  禁发: 'block',
  warning: 'warning',
  warn: 'warning',
  慎用: 'warning',
  警告: 'warning',
  hint: 'hint',
  提示: 'hint',
};

/** The category code for what an editor typed: 政治 → politics; unknown words stay as written. */
export function categoryCode(word: string): string {
  const w = word.trim();
  if (w in CATEGORY_NAMES) return w;
  for (const [code, name] of Object.entries(CATEGORY_NAMES))
    if (name['zh-CN'] === w || name.en.toLowerCase() === w.toLowerCase()) return code;
  return w;
}

export function categoryName(code: string): Localized {
  return CATEGORY_NAMES[code] ?? localized(code, code);
}

// ---- Reading and writing the text form ----

const PROBLEM_TEXTS = {
  empty_term: localized(
    '第{line}行：词条为空，或只有标点和空格',
    'Line {line}: the entry is empty or only punctuation',
  ),
  too_long: localized(
    '第{line}行：词条超过{max}个字',
    'Line {line}: the entry is longer than {max} characters',
  ),
  bad_severity: localized(
    '第{line}行：级别“{value}”无法识别（可用：禁用、慎用、提示）',
    'Line {line}: unknown severity “{value}” (use block, warning or hint)',
  ),
  missing_correction: localized(
    '第{line}行：缺少正确写法（格式：错误 → 正确）',
    'Line {line}: no correction given (wrong → right)',
  ),
  duplicate: localized(
    '第{line}行：“{value}”与第{first}行重复，已忽略',
    'Line {line}: “{value}” repeats line {first}; ignored',
  ),
  unknown_section: localized(
    '第{line}行：不认识的分节“{value}”',
    'Line {line}: unknown section “{value}”',
  ),
} satisfies Record<string, Localized>;

export interface ListProblem {
  line: number;
  code: keyof typeof PROBLEM_TEXTS;
  params: MessageParams;
  message: Localized;
}

function problem(code: ListProblem['code'], params: MessageParams & { line: number }): ListProblem {
  return { line: params.line, code, params, message: renderMessage(PROBLEM_TEXTS[code], params) };
}

const TERM_SECTIONS = new Set(['词条', '敏感词', '易错词', 'terms', 'entries']);
const WHITELIST_SECTIONS = new Set(['白名单', 'whitelist', 'allow']);

interface Line {
  n: number;
  fields: string[];
  section: 'terms' | 'whitelist';
}

function* lines(
  text: string,
  problems: ListProblem[],
  split: (s: string) => string[],
): Generator<Line> {
  let section: Line['section'] = 'terms';
  const all = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  for (let i = 0; i < all.length; i++) {
    const raw = all[i]!.trim();
    if (raw === '' || raw.startsWith('#')) continue;
    const header = /^[[【](.+)[\]】]$/.exec(raw);
    if (header) {
      const name = header[1]!.trim().toLowerCase();
      if (TERM_SECTIONS.has(name)) section = 'terms';
      else if (WHITELIST_SECTIONS.has(name)) section = 'whitelist';
      else problems.push(problem('unknown_section', { line: i + 1, value: header[1]! }));
      continue;
    }
    yield { n: i + 1, fields: split(raw).map((f) => f.trim()), section };
  }
}

const FIELD_SPLIT = /\t|[|｜]/;

function checkTerm(term: string, line: number, problems: ListProblem[]): boolean {
  if (foldTerm(term, 'loose').length === 0) {
    problems.push(problem('empty_term', { line }));
    return false;
  }
  if ([...term].length > MAX_TERM_LENGTH) {
    problems.push(problem('too_long', { line, max: MAX_TERM_LENGTH }));
    return false;
  }
  return true;
}

/** Reads a sensitive-word list. Never throws: bad lines are skipped and reported. */
export function parseSensitiveList(text: string): { list: SensitiveList; problems: ListProblem[] } {
  const problems: ListProblem[] = [];
  const list: SensitiveList = { entries: [], whitelist: [] };
  const seen = new Map<string, number>();
  for (const { n, fields, section } of lines(text, problems, (s) => s.split(FIELD_SPLIT))) {
    const term = fields[0] ?? '';
    if (!checkTerm(term, n, problems)) continue;
    const key = `${section}:${foldTerm(term, 'loose').join(',')}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push(problem('duplicate', { line: n, value: term, first }));
      continue;
    }
    seen.set(key, n);
    if (section === 'whitelist') {
      list.whitelist.push(term);
      continue;
    }
    const severityWord = (fields[2] ?? '').toLowerCase();
    const severity = severityWord === '' ? 'warning' : SEVERITY_WORDS[severityWord];
    if (!severity) {
      problems.push(problem('bad_severity', { line: n, value: fields[2]! }));
      continue;
    }
    const entry: SensitiveEntry = { term, category: categoryCode(fields[1] || 'other'), severity };
    if (fields[3]) entry.suggestion = fields[3];
    list.entries.push(entry);
  }
  return { list, problems };
}

/** Writes a sensitive-word list in the text form parseSensitiveList reads (round trip is exact). */
export function formatSensitiveList(list: SensitiveList): string {
  const out = [
    '# 融媒敏感词表 — 每行一条：词条 | 类别 | 级别 | 建议写法（可选）',
    '# 级别：禁用（须修改或经部门主任批准放行）、慎用（提醒审核）、提示',
    '[词条]',
  ];
  for (const e of list.entries) {
    const fields = [e.term, categoryName(e.category)['zh-CN'], SEVERITY_NAMES[e.severity]['zh-CN']];
    if (e.suggestion) fields.push(e.suggestion);
    out.push(fields.join(' | '));
  }
  out.push('', '# 白名单：出现在这些词组中的命中不报', '[白名单]', ...list.whitelist);
  return out.join('\n') + '\n';
}

const TYPO_SPLIT = /\s*(?:→|->|=>|\t|[|｜])\s*/;

/** Reads a typo list (错误 → 正确 | 说明). Never throws: bad lines are skipped and reported. */
export function parseTypoList(text: string): { list: TypoList; problems: ListProblem[] } {
  const problems: ListProblem[] = [];
  const list: TypoList = { entries: [], whitelist: [] };
  const seen = new Map<string, number>();
  for (const { n, fields, section } of lines(text, problems, (s) => s.split(TYPO_SPLIT))) {
    const wrong = fields[0] ?? '';
    if (!checkTerm(wrong, n, problems)) continue;
    const key = `${section}:${foldTerm(wrong, 'strict').join(',')}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push(problem('duplicate', { line: n, value: wrong, first }));
      continue;
    }
    seen.set(key, n);
    if (section === 'whitelist') {
      list.whitelist.push(wrong);
      continue;
    }
    const right = fields[1] ?? '';
    if (right === '') {
      problems.push(problem('missing_correction', { line: n }));
      continue;
    }
    const entry: TypoEntry = { wrong, right };
    if (fields[2]) entry.note = fields[2];
    list.entries.push(entry);
  }
  return { list, problems };
}

export function formatTypoList(list: TypoList): string {
  const out = ['# 易错词表 — 每行一条：错误写法 → 正确写法 | 说明（可选）', '[词条]'];
  for (const e of list.entries) out.push(`${e.wrong} → ${e.right}${e.note ? ` | ${e.note}` : ''}`);
  if (list.whitelist.length > 0)
    out.push('', '# 白名单：出现在这些词组中的不报', '[白名单]', ...list.whitelist);
  return out.join('\n') + '\n';
}
