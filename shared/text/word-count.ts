// 字数 the way Chinese newsrooms (and Word/WPS "字数") count it: every CJK
// character and every full-width punctuation mark is one 字; a run of Latin
// letters or digits (3.14, COVID-19, don't, 1,000) is one word and counts
// one; an emoji is one; spaces and half-width punctuation count nothing.
import { graphemes } from './graphemes';
import {
  hasEmoji,
  isCjkLetter,
  isFullWidthAlnum,
  isFullWidthPunct,
  isLetterOrDigit,
} from './char-class';

export interface WordCount {
  /** 字数: cjk + fullWidthPunct + latinWords + emoji. */
  total: number;
  cjk: number;
  fullWidthPunct: number;
  latinWords: number;
  emoji: number;
}

// Characters that may sit inside a Latin word or number without ending it.
const WORD_JOINERS = new Set(['.', ',', "'", '’', '-', '_', '/', ':']);

export function countWords(text: string): WordCount {
  const s = text.normalize('NFC');
  const out: WordCount = { total: 0, cjk: 0, fullWidthPunct: 0, latinWords: 0, emoji: 0 };
  let inWord = false;
  let pendingJoiner = false;
  for (const g of graphemes(s)) {
    const cp = g.codePointAt(0) ?? 0;
    if (hasEmoji(g)) {
      out.emoji++;
      inWord = false;
      continue;
    }
    if (isCjkLetter(cp) || isFullWidthAlnum(cp)) {
      out.cjk++;
      inWord = false;
      continue;
    }
    if (isFullWidthPunct(cp)) {
      out.fullWidthPunct++;
      inWord = false;
      continue;
    }
    if (isLetterOrDigit(g)) {
      if (!inWord) out.latinWords++;
      inWord = true;
      pendingJoiner = false;
      continue;
    }
    if (inWord && WORD_JOINERS.has(g) && !pendingJoiner) {
      // "3.14" stays one word; "end. Next" splits at the space that follows.
      pendingJoiner = true;
      continue;
    }
    inWord = false;
    pendingJoiner = false;
  }
  out.total = out.cjk + out.fullWidthPunct + out.latinWords + out.emoji;
  return out;
}

/** Reading speeds used for the estimate: 400 字 a minute for Chinese, 200 words for Latin text. */
export const READING_SPEED = { cjkPerMinute: 400, latinWordsPerMinute: 200 } as const;

export function readingMinutes(count: WordCount): number {
  const minutes =
    (count.cjk + count.fullWidthPunct + count.emoji) / READING_SPEED.cjkPerMinute +
    count.latinWords / READING_SPEED.latinWordsPerMinute;
  return minutes === 0 ? 0 : Math.max(1, Math.round(minutes));
}
