// Folding text for matching: full-width forms to half-width, Latin to lower
// case, and (in loose mode) spaces, punctuation, symbols and zero-width
// characters dropped, so "台 湾·总统" and "ＡＢＣ" match "台湾总统" and "abc".
// Every folded character remembers where it came from in the original text,
// so a hit maps back to the exact UTF-16 range the editor highlights.

/** Loose: what a sensitive-word scan sees. Strict: what a typo scan sees (spaces and punctuation matter there). */
export type FoldMode = 'loose' | 'strict';

/** A line break or paragraph end: no match runs across it. Never part of a term. */
export const BOUNDARY = 0;

export interface FoldedText {
  /** Folded code points; BOUNDARY where a line ends. */
  chars: Int32Array;
  /** UTF-16 offset in the original where each folded character starts. */
  start: Int32Array;
  /** UTF-16 offset just after it. */
  end: Int32Array;
  length: number;
}

const KEEP = 0;
const DROP = 1;
const BREAK = 2;
const DROP_LOOSE = 3;

// Invisible characters people (and copy-paste) slip between letters: soft
// hyphen, joiners, direction marks, variation selectors, BOM, Hangul fillers.
const ZERO_WIDTH_RANGES: readonly [number, number][] = [
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x061c, 0x061c],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180b, 0x180f],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
];
function isZeroWidth(cp: number): boolean {
  return ZERO_WIDTH_RANGES.some(([a, b]) => cp >= a && cp <= b);
}
const LOOSE_NOISE = /[\p{P}\p{S}\p{Z}\p{Cc}\p{Cf}\p{Mn}\p{Me}\s]/u;

let table: Uint8Array | null = null;

/** Class of every BMP code point, computed once (about 10 ms) on first use. */
function bmpTable(): Uint8Array {
  if (table) return table;
  const t = new Uint8Array(0x10000);
  for (let cp = 0; cp < 0x10000; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const ch = String.fromCharCode(cp);
    if (cp === 0x0a || cp === 0x0d || cp === 0x2028 || cp === 0x2029) t[cp] = BREAK;
    else if (isZeroWidth(cp)) t[cp] = DROP;
    else if (LOOSE_NOISE.test(ch)) t[cp] = DROP_LOOSE;
  }
  table = t;
  return t;
}

function classOf(cp: number): number {
  if (cp < 0x10000) return bmpTable()[cp]!;
  // Astral: emoji and pictographs are symbols (noise when loose); tags and variation selectors are invisible.
  if ((cp >= 0xe0000 && cp <= 0xe007f) || (cp >= 0xe0100 && cp <= 0xe01ef)) return DROP;
  return LOOSE_NOISE.test(String.fromCodePoint(cp)) ? DROP_LOOSE : KEEP;
}

/** Full-width ASCII (Ａ, ０, ！) to ASCII, ideographic space to space, Latin upper to lower case. */
export function foldCodePoint(cp: number): number {
  if (cp >= 0xff01 && cp <= 0xff5e) cp -= 0xfee0;
  else if (cp === 0x3000) cp = 0x20;
  if (cp >= 0x41 && cp <= 0x5a) cp += 0x20;
  return cp;
}

export function foldText(text: string, mode: FoldMode): FoldedText {
  const n = text.length;
  const chars = new Int32Array(n);
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  const t = bmpTable();
  let k = 0;
  let lastWasBreak = true;
  for (let i = 0; i < n;) {
    let cp = text.charCodeAt(i);
    let width = 1;
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = ((cp - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
        width = 2;
      }
    }
    const cls = cp < 0x10000 ? t[cp]! : classOf(cp);
    if (cls === BREAK) {
      if (!lastWasBreak) {
        chars[k] = BOUNDARY;
        start[k] = i;
        end[k] = i + width;
        k++;
        lastWasBreak = true;
      }
    } else if (cls === KEEP || (cls === DROP_LOOSE && mode === 'strict')) {
      chars[k] = foldCodePoint(cp);
      start[k] = i;
      end[k] = i + width;
      k++;
      lastWasBreak = false;
    }
    i += width;
  }
  return { chars, start, end, length: k };
}

/** A term folded the way the text is, as code points. Empty when nothing matchable is left. */
export function foldTerm(term: string, mode: FoldMode): number[] {
  const out: number[] = [];
  const t = bmpTable();
  for (let i = 0; i < term.length; i++) {
    let cp = term.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < term.length) {
      const lo = term.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = ((cp - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
        i++;
      }
    }
    const cls = cp < 0x10000 ? t[cp]! : classOf(cp);
    if (cls === KEEP || (cls === DROP_LOOSE && mode === 'strict')) out.push(foldCodePoint(cp));
  }
  return out;
}

export function codePointsToString(cps: readonly number[]): string {
  return String.fromCodePoint(...cps);
}

/** Latin letters and digits: a term made of them only matches as a whole word ("SB" is not in "ASBESTOS"). */
export function isWordChar(cp: number): boolean {
  return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x61 && cp <= 0x7a);
}
