// Chinese line breaking with 禁则 (W3C clreq §3.1.7 "Prohibition rules for line
// start and line end"): break between any two CJK characters, never inside a
// Latin word or number, never before closing punctuation, never after opening
// punctuation, never inside —— or ……. Widths are counted in half-字 so Latin
// text (½ 字 a letter) and CJK (1 字) share one integer measure.
import { ziHalves } from './counters';

/**
 * clreq describes how strictly line start/end are policed. `basic`: closing
 * brackets, quotes and the sentence marks 、，。：；？！. `gb` (default, what
 * GB/T 15834 asks of body copy): also …… ·  and connecting marks ～ -. `strict`:
 * also —— and unit signs (％ ‰ ℃) at line start, currency and # at line end.
 */
export type KinsokuLevel = 'basic' | 'gb' | 'strict';

const BASIC_NO_START = '、，。．：；？！‼⁇⁈⁉）］｝〕〉》」』】〗〙〛”’)]}!?,.:;»›';
const BASIC_NO_END = '（［｛〔〈《「『【〖〘〚“‘([{«‹';
const GB_NO_START = '…‥·・～〜-–‐';
const STRICT_NO_START = '—％‰℃°′″%';
const STRICT_NO_END = '¥＄$￥£€#＃';

interface Tables {
  noStart: Set<number>;
  noEnd: Set<number>;
}

function codes(s: string): number[] {
  return Array.from(s, (c) => c.codePointAt(0) ?? 0);
}

export const KINSOKU: Record<KinsokuLevel, Tables> = {
  basic: { noStart: new Set(codes(BASIC_NO_START)), noEnd: new Set(codes(BASIC_NO_END)) },
  gb: {
    noStart: new Set(codes(BASIC_NO_START + GB_NO_START)),
    noEnd: new Set(codes(BASIC_NO_END)),
  },
  strict: {
    noStart: new Set(codes(BASIC_NO_START + GB_NO_START + STRICT_NO_START)),
    noEnd: new Set(codes(BASIC_NO_END + STRICT_NO_END)),
  },
};

export interface LineBreakOptions {
  /** Line width in half-字 (13 字 = 26). */
  widthHalves: number;
  /** First-line indent in half-字 (段首空两格 = 4). */
  indentHalves?: number;
  level?: KinsokuLevel;
  /** Let one closing mark hang past the line end instead of pushing a character down. */
  hangPunctuation?: boolean;
}

/** One set line: [start, end) UTF-16 offsets into the paragraph, its natural width, and whether a mark hangs. */
export interface LineSpan {
  start: number;
  end: number;
  halves: number;
  hanging: boolean;
}

interface Unit {
  start: number;
  end: number;
  w: number;
  noStart: boolean;
  noEnd: boolean;
  space: boolean;
}

const DASH = 0x2014;
const ELLIPSIS = 0x2026;

function isGlue(cp: number): boolean {
  return (
    cp === 0x200d ||
    cp === 0xfe0f ||
    cp === 0x20e3 ||
    (cp >= 0x1f3fb && cp <= 0x1f3ff) ||
    (cp >= 0xe0020 && cp <= 0xe007f) ||
    (cp >= 0x0300 && cp <= 0x036f)
  );
}

function isWordChar(cp: number): boolean {
  // Half-width, non-space, non-breaking-punctuation characters stay together as one
  // word: letters, digits and the marks inside numbers and URLs (3.14, COVID-19, a/b).
  return cp > 0x20 && cp !== 0x3000 && ziHalves(cp) === 1 && !isGlue(cp);
}

function tokenize(s: string, t: Tables, maxW: number): Unit[] {
  const units: Unit[] = [];
  const n = s.length;
  let i = 0;
  while (i < n) {
    const cp = s.codePointAt(i) ?? 0;
    const len = cp > 0xffff ? 2 : 1;
    if (cp === 0x20 || cp === 0x09 || cp === 0xa0) {
      units.push({ start: i, end: i + 1, w: 1, noStart: false, noEnd: false, space: true });
      i++;
      continue;
    }
    if (isWordChar(cp)) {
      let j = i + len;
      while (j < n) {
        const c = s.codePointAt(j) ?? 0;
        if (!isWordChar(c)) break;
        j += c > 0xffff ? 2 : 1;
      }
      // A word wider than a line is cut into line-sized pieces; nothing better exists.
      for (let a = i; a < j; a += maxW) {
        const b = Math.min(j, a + maxW);
        units.push({
          start: a,
          end: b,
          w: b - a,
          noStart: a === i && t.noStart.has(cp),
          noEnd: b === j && t.noEnd.has(s.charCodeAt(b - 1)),
          space: false,
        });
      }
      i = j;
      continue;
    }
    let j = i + len;
    let w: number = ziHalves(cp);
    // —— and …… are one unit: never split across lines.
    if ((cp === DASH || cp === ELLIPSIS) && s.charCodeAt(j) === cp) {
      j++;
      w += 2;
    }
    // Keep emoji sequences and combining marks with their base.
    while (j < n) {
      const c = s.codePointAt(j) ?? 0;
      if (isGlue(c)) {
        j += c > 0xffff ? 2 : 1;
        if (c === 0x200d && j < n) {
          const next = s.codePointAt(j) ?? 0;
          j += next > 0xffff ? 2 : 1;
        }
      } else if (c >= 0x1f1e6 && c <= 0x1f1ff && cp >= 0x1f1e6 && cp <= 0x1f1ff && j === i + 2) {
        j += 2; // the second regional indicator of a flag
      } else break;
    }
    units.push({
      start: i,
      end: j,
      w,
      noStart: t.noStart.has(cp),
      noEnd: t.noEnd.has(s.codePointAt(j - 1) ?? 0) || t.noEnd.has(cp),
      space: false,
    });
    i = j;
  }
  return units;
}

function isHangable(u: Unit, s: string): boolean {
  // Only a single closing mark hangs (a comma, a full stop, a closing quote), never a word.
  return u.noStart && u.end - u.start === 1 && u.w <= 2 && ziHalves(s.charCodeAt(u.start)) <= 2;
}

/** Breaks one paragraph into lines. Pure and allocation-light; see `breakLinesCached` for live use. */
export function breakLines(text: string, opts: LineBreakOptions): LineSpan[] {
  const W = Math.max(2, Math.floor(opts.widthHalves));
  const indent = Math.max(0, Math.min(W - 2, opts.indentHalves ?? 0));
  const t = KINSOKU[opts.level ?? 'gb'];
  const units = tokenize(text, t, W);
  const lines: LineSpan[] = [];
  const n = units.length;
  let i = 0;
  let first = true;
  while (i < n) {
    // Spaces never begin a line after a break.
    if (!first) while (i < n && units[i]!.space) i++;
    if (i >= n) break;
    const avail = first ? W - indent : W;
    let j = i;
    let w = 0;
    while (j < n) {
      const uw = units[j]!.w;
      if (w + uw > avail) break;
      w += uw;
      j++;
    }
    if (j === i) {
      // A unit wider than the space (a word on an indented first line): set it anyway.
      w = units[i]!.w;
      j = i + 1;
    }
    let hanging = false;
    if (j < n) {
      const next = units[j]!;
      if (opts.hangPunctuation && isHangable(next, text) && !units[j - 1]!.noEnd) {
        w += next.w;
        j++;
        hanging = true;
      } else {
        // Push characters down until the break sits between a legal end and a legal start.
        let k = j;
        while (k > i + 1 && (units[k]!.noStart || units[k - 1]!.noEnd)) k--;
        if (k > i + 1 || !(units[k]!.noStart || units[k - 1]!.noEnd)) {
          for (let x = k; x < j; x++) w -= units[x]!.w;
          j = k;
        }
      }
    }
    // Trailing spaces take no room at the end of a line.
    let end = j;
    while (end > i + 1 && units[end - 1]!.space) {
      w -= units[end - 1]!.w;
      end--;
    }
    lines.push({ start: units[i]!.start, end: units[end - 1]!.end, halves: w, hanging });
    i = j;
    first = false;
  }
  return lines;
}

const cache = new Map<string, LineSpan[]>();
const CACHE_LIMIT = 4000;

/**
 * `breakLines` with a memo per (paragraph text, options): typing in one paragraph
 * re-breaks that paragraph only, which keeps copyfit live on long stories.
 */
export function breakLinesCached(text: string, opts: LineBreakOptions): LineSpan[] {
  const key = `${opts.widthHalves}|${opts.indentHalves ?? 0}|${opts.level ?? 'gb'}|${opts.hangPunctuation ? 1 : 0}|${text}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const lines = breakLines(text, opts);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, lines);
  return lines;
}
