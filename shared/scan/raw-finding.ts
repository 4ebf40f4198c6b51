// A finding as a check reports it, before the scanner gives it an id, a
// segment and its sentence.
import type { Localized, MessageParams } from '../domain/localized';
import type { FindingCode } from './messages';
import type { Severity } from './report';

export interface RawFinding {
  rule: string;
  code: FindingCode;
  severity: Severity;
  start: number;
  end: number;
  params?: MessageParams;
  /** Words for params that read differently per language (a category, a severity). */
  display?: Record<string, Localized>;
  suggestion?: string;
  category?: string;
  /** Defaults to `${rule}:${text}`. */
  key?: string;
  overridable?: boolean;
}

/** Han ideographs and the CJK punctuation around them: "Chinese context". */
export function isHan(ch: string | undefined): boolean {
  if (!ch) return false;
  const cp = ch.codePointAt(0)!;
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x323af)
  );
}

export function isFullWidthChinesePunct(ch: string | undefined): boolean {
  return !!ch && '，。、；：？！“”‘’（）《》【】「」『』…—'.includes(ch);
}

/** Chinese text on this side: a Han character or Chinese punctuation. */
export function isChineseContext(ch: string | undefined): boolean {
  return isHan(ch) || isFullWidthChinesePunct(ch);
}

export function isAsciiAlnum(ch: string | undefined): boolean {
  return !!ch && /^[A-Za-z0-9]$/.test(ch);
}

/** The nearest character before `i` that is not a space. */
export function prevVisible(text: string, i: number): string | undefined {
  for (let k = i - 1; k >= 0; k--) if (!/\s/.test(text[k]!)) return text[k];
  return undefined;
}

export function nextVisible(text: string, i: number): string | undefined {
  for (let k = i; k < text.length; k++) if (!/\s/.test(text[k]!)) return text[k];
  return undefined;
}

/** Spans (UTF-16) the other checks leave alone: URLs and e-mail addresses. */
export function protectedSpans(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(URL_RE)) out.push([m.index, m.index + m[0].length]);
  for (const m of text.matchAll(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g))
    out.push([m.index, m.index + m[0].length]);
  return out;
}

export function inSpans(spans: readonly [number, number][], start: number, end: number): boolean {
  return spans.some(([s, e]) => start >= s && end <= e);
}

/** URLs as they appear in running text: up to the first space or Chinese punctuation. */
export const URL_RE = /\b(?:https?:\/\/|www\.)[^\s\u3000-\u303f\uff00-\uffef“”‘’<>"'，。]+/giu;
