// Character classes for Chinese news copy. Ranges from the Unicode blocks
// (Unihan, CJK Symbols and Punctuation, Halfwidth and Fullwidth Forms).

/** Han ideographs (all extensions), kana, hangul and bopomofo: one 字 each. */
export function isCjkLetter(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) || // CJK Unified Ideographs
    (cp >= 0x3400 && cp <= 0x4dbf) || // Extension A
    (cp >= 0x20000 && cp <= 0x323af) || // Extensions B–H (SIP, TIP)
    (cp >= 0xf900 && cp <= 0xfaff) || // Compatibility Ideographs
    (cp >= 0x2f800 && cp <= 0x2fa1f) || // Compatibility Supplement
    (cp >= 0x3040 && cp <= 0x30ff) || // Hiragana, Katakana
    (cp >= 0x31f0 && cp <= 0x31ff) ||
    (cp >= 0xac00 && cp <= 0xd7af) || // Hangul syllables
    (cp >= 0x3100 && cp <= 0x312f) || // Bopomofo
    cp === 0x3007 // 〇
  );
}

/** Full-width (Chinese) punctuation and symbols, counted as one 字 each in Chinese copy. */
export function isFullWidthPunct(cp: number): boolean {
  return (
    (cp >= 0x3000 && cp <= 0x303f && cp !== 0x3007) || // CJK symbols and punctuation
    (cp >= 0xff01 && cp <= 0xff0f) ||
    (cp >= 0xff1a && cp <= 0xff20) ||
    (cp >= 0xff3b && cp <= 0xff40) ||
    (cp >= 0xff5b && cp <= 0xff65) ||
    (cp >= 0xffe0 && cp <= 0xffee) ||
    (cp >= 0xfe10 && cp <= 0xfe1f) || // vertical forms
    (cp >= 0xfe30 && cp <= 0xfe4f) || // CJK compatibility forms
    // Punctuation Chinese copy takes from General Punctuation: — … “ ” ‘ ’ ·
    cp === 0x2014 ||
    cp === 0x2026 ||
    cp === 0x201c ||
    cp === 0x201d ||
    cp === 0x2018 ||
    cp === 0x2019 ||
    cp === 0x00b7 ||
    cp === 0x2022
  );
}

/** Full-width Latin letters and digits (Ａ-Ｚ, ０-９): one 字 each, like the ideographs around them. */
export function isFullWidthAlnum(cp: number): boolean {
  return (
    (cp >= 0xff10 && cp <= 0xff19) ||
    (cp >= 0xff21 && cp <= 0xff3a) ||
    (cp >= 0xff41 && cp <= 0xff5a)
  );
}

const EMOJI_RE = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;
export function hasEmoji(s: string): boolean {
  return EMOJI_RE.test(s);
}

const LETTER_OR_DIGIT_RE = /[\p{L}\p{N}]/u;
export function isLetterOrDigit(ch: string): boolean {
  return LETTER_OR_DIGIT_RE.test(ch);
}
