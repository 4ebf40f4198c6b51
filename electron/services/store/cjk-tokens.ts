// Text for the one-character index: every CJK character becomes a word of
// its own, so FTS5's unicode61 tokenizer can find 1–2 字 terms (a name like
// 李娜, a place like 喀什) that are too short for the trigram index.
import { isCjkLetter } from '@shared/text/char-class';

export function spaceCjk(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    out += isCjkLetter(cp) ? ` ${ch} ` : ch;
  }
  return out;
}

/** An FTS5 query for a short term: its characters as an exact phrase. */
export function shortTermQuery(term: string): string {
  return `"${spaceCjk(term).trim().replace(/\s+/g, ' ').replaceAll('"', '""')}"`;
}
