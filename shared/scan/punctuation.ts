// Punctuation in Chinese news copy (GB/T 15834): full-width marks in Chinese
// sentences, pairs that close, no doubled marks, the two-character ellipsis
// and dash.
import {
  inSpans,
  isAsciiAlnum,
  isChineseContext,
  isHan,
  nextVisible,
  prevVisible,
  type RawFinding,
} from './raw-finding';

const HALF_TO_FULL: Record<string, string> = {
  ',': '，',
  ';': '；',
  ':': '：',
  '?': '？',
  '!': '！',
  '(': '（',
  ')': '）',
  '.': '。',
};

const PAIRS: Record<string, string> = {
  '“': '”',
  '‘': '’',
  '（': '）',
  '《': '》',
  '【': '】',
  '「': '」',
  '『': '』',
  '〈': '〉',
  '(': ')',
  '[': ']',
};
const PAIR_CHARS = /[“”‘’（）《》【】「」『』〈〉()[\]]/g;
const CLOSERS = new Map(Object.entries(PAIRS).map(([o, c]) => [c, o]));

export interface PunctuationContext {
  /** Spans not to judge (URLs). */
  protect: [number, number][];
  /** The next paragraph opens with “: a quotation running on (each paragraph opens “, only the last closes ”). */
  nextOpensQuote: boolean;
}

export function checkPunctuation(text: string, ctx: PunctuationContext): RawFinding[] {
  const out: RawFinding[] = [];
  const skip = (s: number, e: number) => ctx.protect.length > 0 && inSpans(ctx.protect, s, e);

  // Half-width marks touching Chinese text.
  for (const m of text.matchAll(/[,;:?!().]/g)) {
    const i = m.index;
    const ch = m[0];
    if (skip(i, i + 1)) continue;
    if (/[0-9]/.test(text[i - 1] ?? '') && /[0-9]/.test(text[i + 1] ?? '')) continue; // 1,000 · 3.14 · 10:30
    if (ch === '.') {
      if (text[i + 1] === '.' || text[i - 1] === '.') continue; // an ellipsis, judged below
      if (!isHan(text[i - 1])) continue;
    } else if (
      !isChineseContext(prevVisible(text, i)) &&
      !isChineseContext(nextVisible(text, i + 1))
    )
      continue;
    out.push({
      rule: 'punctuation.half_width',
      code: 'half_width_punct',
      severity: 'warning',
      start: i,
      end: i + 1,
      suggestion: HALF_TO_FULL[ch]!,
    });
  }

  // Full-width comma or colon between Latin letters or digits ("1，000", "Hello，world").
  for (const m of text.matchAll(/(?<=[A-Za-z0-9])[，：](?=[A-Za-z0-9])/g)) {
    if (skip(m.index, m.index + 1)) continue;
    out.push({
      rule: 'punctuation.full_width_in_latin',
      code: 'full_width_punct_in_latin',
      severity: 'hint',
      start: m.index,
      end: m.index + 1,
      suggestion: m[0] === '，' ? ',' : ':',
    });
  }

  // Doubled marks; "？！" is allowed, "。。。" is an ellipsis written wrongly.
  for (const m of text.matchAll(/([，。、；：？！,;:?!])\1+/g)) {
    if (skip(m.index, m.index + m[0].length)) continue;
    const ch = m[1]!;
    if ((ch === '。' || ch === '.') && m[0].length >= 3) continue;
    out.push({
      rule: 'punctuation.repeated',
      code: 'repeated_punct',
      severity: '？！?!'.includes(ch) ? 'hint' : 'warning',
      start: m.index,
      end: m.index + m[0].length,
      suggestion: ch,
    });
  }

  // Ellipsis: "……" is two U+2026; "..." or "。。。" in Chinese copy, or a lone "…", is wrong.
  for (const m of text.matchAll(/\.{3,}|。{3,}|…+/g)) {
    if (skip(m.index, m.index + m[0].length)) continue;
    const dots = m[0][0] !== '…';
    if (
      dots &&
      !isChineseContext(prevVisible(text, m.index)) &&
      !isChineseContext(nextVisible(text, m.index + m[0].length))
    )
      continue;
    if (!dots && m[0].length % 2 === 0) continue;
    out.push({
      rule: 'punctuation.ellipsis',
      code: 'ellipsis',
      severity: dots ? 'warning' : 'hint',
      start: m.index,
      end: m.index + m[0].length,
      suggestion: '……',
    });
  }

  // Dash: "——" is two U+2014; a single one or "--" between Chinese words is wrong.
  for (const m of text.matchAll(/—+|-{2,}/g)) {
    const len = m[0].length;
    if ((m[0][0] === '—' && len % 2 === 0) || skip(m.index, m.index + len)) continue;
    if (
      !isChineseContext(prevVisible(text, m.index)) &&
      !isChineseContext(nextVisible(text, m.index + len))
    )
      continue;
    out.push({
      rule: 'punctuation.dash',
      code: 'dash',
      severity: 'hint',
      start: m.index,
      end: m.index + len,
      suggestion: '——',
    });
  }

  // Straight double quotes in Chinese text.
  if (/[\u4e00-\u9fff]/.test(text))
    for (const m of text.matchAll(/"/g))
      if (!skip(m.index, m.index + 1))
        out.push({
          rule: 'punctuation.straight_quotes',
          code: 'straight_quotes',
          severity: 'hint',
          start: m.index,
          end: m.index + 1,
        });

  out.push(...unpaired(text, ctx));
  return out;
}

function unpaired(text: string, ctx: PunctuationContext): RawFinding[] {
  const out: RawFinding[] = [];
  const stack: { ch: string; at: number }[] = [];
  const report = (at: number) =>
    out.push({
      rule: 'punctuation.unpaired',
      code: 'unpaired',
      severity: 'warning',
      start: at,
      end: at + 1,
    });
  for (const m of text.matchAll(PAIR_CHARS)) {
    const i = m.index;
    const ch = m[0];
    if (ctx.protect.length > 0 && inSpans(ctx.protect, i, i + 1)) continue;
    if (PAIRS[ch]) {
      stack.push({ ch, at: i });
      continue;
    }
    const opener = CLOSERS.get(ch);
    if (!opener) continue;
    // ’ between Latin letters is an apostrophe (don’t), not a closing quote.
    if (ch === '’' && isAsciiAlnum(text[i - 1]) && isAsciiAlnum(text[i + 1])) continue;
    let k = stack.length - 1;
    while (k >= 0 && stack[k]!.ch !== opener) k--;
    if (k < 0) {
      report(i);
      continue;
    }
    // Openers left between this closer and its match never closed.
    for (const left of stack.splice(k)) if (left.ch !== opener) report(left.at);
  }
  for (const left of stack) {
    if (left.ch === '“' && ctx.nextOpensQuote) continue;
    report(left.at);
  }
  return out;
}
