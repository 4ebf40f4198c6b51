// One counter per platform: each outlet measures length its own way (see
// CHANNELS.md "Counting units"). Every counter works on NFC code points, never
// UTF-16 units, and can say where a limit is crossed so a preview can mark the
// overflow and a problem can point at it.
import { isCjkLetter, isFullWidthAlnum, isFullWidthPunct } from './char-class';
import { graphemes } from './graphemes';

export type CounterId = 'chars' | 'weibo' | 'bytes' | 'zi';

/** A measured stretch of text: `start`/`end` are UTF-16 offsets into the NFC text. */
export interface CountedUnit {
  start: number;
  end: number;
  weight: number;
}

export interface WeiboCountOptions {
  /** Width of any http(s) URL in 字 (half-width units / 2). Platform practice: about 20 half-width units. */
  urlWidth: number;
  /** Weight of one emoji or one code point outside the BMP. Some clients count these as 2. */
  nonBmpWeight: number;
}

export const DEFAULT_WEIBO_COUNT: WeiboCountOptions = { urlWidth: 10, nonBmpWeight: 2 };

// Code points that may glue several code points into one emoji grapheme: ZWJ,
// variation selector 16, keycap, skin-tone modifiers, regional indicators and tag characters.
const EMOJI_GLUE =
  /\u200d|\ufe0f|\u20e3|[\u{1f3fb}-\u{1f3ff}]|[\u{1f1e6}-\u{1f1ff}]|[\u{e0020}-\u{e007f}]/u;
// A grapheme that is an emoji: a pictograph, a flag, or a keycap / presentation sequence (1️⃣).
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3|\ufe0f/u;

function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A high surrogate followed by a low one is one code point; count on the high half only.
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
      const p = s.charCodeAt(i - 1);
      if (p >= 0xd800 && p <= 0xdbff) continue;
    }
    n++;
  }
  return n;
}

/**
 * `chars`: one per code point after NFC, except that an emoji sequence (ZWJ
 * family, flag, keycap, skin tone) is one. WeChat, Douyin and print titles use it.
 */
export function countChars(text: string): number {
  const s = text.normalize('NFC');
  // Fast path: with no emoji glue every code point is its own unit; Intl.Segmenter is
  // ten times slower and only needed when sequences can occur.
  if (!EMOJI_GLUE.test(s)) return codePointLength(s);
  let n = 0;
  for (const g of graphemes(s)) n += EMOJI.test(g) ? 1 : codePointLength(g);
  return n;
}

/** `bytes`: UTF-8 length, for payload limits. */
export function countBytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

const URL_RE = /https?:\/\/[^\s\u3000-\u303f\uff00-\uffef<>"'“”‘’]+/gu;

/** URLs in text as [start, end) UTF-16 offsets, trailing ASCII punctuation left out. */
export function findUrls(text: string): Array<{ start: number; end: number; url: string }> {
  const out: Array<{ start: number; end: number; url: string }> = [];
  for (const m of text.matchAll(URL_RE)) {
    let url = m[0];
    while (/[.,;:!?)\]]$/.test(url)) url = url.slice(0, -1);
    out.push({ start: m.index, end: m.index + url.length, url });
  }
  return out;
}

function weiboUnits(s: string, opts: WeiboCountOptions, out: CountedUnit[] | null): number {
  // Half-width units, so the sum stays an integer until the final rounding.
  let halves = 0;
  const urls = findUrls(s);
  let u = 0;
  const hasGlue = EMOJI_GLUE.test(s);
  const iter: Iterable<string> = hasGlue ? graphemes(s) : s;
  let i = 0;
  for (const g of iter) {
    const start = i;
    i += g.length;
    const url = urls[u];
    if (url && start >= url.start) {
      if (start < url.end) {
        if (start === url.start) {
          const w = opts.urlWidth * 2;
          halves += w;
          out?.push({ start: url.start, end: url.end, weight: w / 2 });
        }
        if (i >= url.end) u++;
        continue;
      }
      u++;
    }
    const cp = g.codePointAt(0) ?? 0;
    let w: number;
    if (cp <= 0xff && g.length === 1) w = 1;
    else if (cp > 0xffff || (hasGlue && EMOJI.test(g))) w = opts.nonBmpWeight * 2;
    else w = 2;
    halves += w;
    out?.push({ start, end: i, weight: w / 2 });
  }
  return halves;
}

/**
 * `weibo`: U+0000–U+00FF count ½, every other character 1, a URL a fixed width,
 * an emoji or non-BMP character `nonBmpWeight`; the total is rounded up.
 */
export function countWeibo(text: string, opts: WeiboCountOptions = DEFAULT_WEIBO_COUNT): number {
  return Math.ceil(weiboUnits(text.normalize('NFC'), opts, null) / 2);
}

/** Width of one character in half-字 for print copyfit: CJK and full-width 2, everything else 1. */
export function ziHalves(cp: number): 1 | 2 {
  if (cp < 0x2000) return cp === 0x00b7 ? 2 : 1;
  if (isCjkLetter(cp) || isFullWidthPunct(cp) || isFullWidthAlnum(cp)) return 2;
  // Emoji and other wide symbols take a full 字 cell in a column.
  if (cp >= 0x1f000) return 2;
  return 1;
}

/** `字` (print copyfit): CJK and full-width marks 1, Latin letters, digits and half-width marks ½. */
export function countZi(text: string): number {
  const s = text.normalize('NFC');
  let halves = 0;
  for (let i = 0; i < s.length; i++) {
    const cp = s.codePointAt(i) ?? 0;
    if (cp > 0xffff) i++;
    if (cp === 0x200d || cp === 0xfe0f) continue;
    halves += ziHalves(cp);
  }
  return halves / 2;
}

/** The units a counter sees, with their weights; used to find where a limit is crossed. */
export function countedUnits(
  text: string,
  counter: CounterId,
  weibo: WeiboCountOptions = DEFAULT_WEIBO_COUNT,
): CountedUnit[] {
  const s = text.normalize('NFC');
  const out: CountedUnit[] = [];
  if (counter === 'weibo') {
    weiboUnits(s, weibo, out);
    return out;
  }
  let i = 0;
  for (const g of EMOJI_GLUE.test(s) ? graphemes(s) : s) {
    const start = i;
    i += g.length;
    const cp = g.codePointAt(0) ?? 0;
    const weight =
      counter === 'bytes'
        ? countBytes(g)
        : counter === 'zi'
          ? ziHalves(cp) / 2
          : EMOJI.test(g)
            ? 1
            : codePointLength(g);
    out.push({ start, end: i, weight });
  }
  return out;
}

/** Measures text with the named counter. */
export function count(
  text: string,
  counter: CounterId,
  weibo: WeiboCountOptions = DEFAULT_WEIBO_COUNT,
): number {
  switch (counter) {
    case 'chars':
      return countChars(text);
    case 'weibo':
      return countWeibo(text, weibo);
    case 'bytes':
      return countBytes(text.normalize('NFC'));
    case 'zi':
      return countZi(text);
  }
}

/**
 * Where text first exceeds `limit` under a counter: the UTF-16 offset (into the
 * NFC text) of the first unit past the limit, or null when it fits.
 */
export function overflowOffset(
  text: string,
  counter: CounterId,
  limit: number,
  weibo: WeiboCountOptions = DEFAULT_WEIBO_COUNT,
): number | null {
  if (count(text, counter, weibo) <= limit) return null;
  let total = 0;
  for (const u of countedUnits(text, counter, weibo)) {
    total += u.weight;
    if ((counter === 'weibo' ? Math.ceil(total) : total) > limit) return u.start;
  }
  return null;
}

/** The longest prefix of text that fits `limit`, cut at a unit boundary. */
export function fitPrefix(
  text: string,
  counter: CounterId,
  limit: number,
  weibo: WeiboCountOptions = DEFAULT_WEIBO_COUNT,
): string {
  const s = text.normalize('NFC');
  const at = overflowOffset(s, counter, limit, weibo);
  return at === null ? s : s.slice(0, at);
}
