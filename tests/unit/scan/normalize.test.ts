import { describe, expect, it } from 'vitest';
import { BOUNDARY, foldTerm, foldText } from '@shared/scan/normalize';

const folded = (s: string, mode: 'loose' | 'strict') => {
  const f = foldText(s, mode);
  return [...f.chars.slice(0, f.length)]
    .map((c) => (c === BOUNDARY ? '⏎' : String.fromCodePoint(c)))
    .join('');
};

describe('folding text for matching', () => {
  it('loose: drops spaces, punctuation, symbols, emoji and zero-width characters; folds width and case', () => {
    expect(folded('台 湾·总\u200b统！', 'loose')).toBe('台湾总统');
    expect(folded('ＡＢＣ　ｄｅｆ１２３', 'loose')).toBe('abcdef123');
    expect(folded('赌😀博★网\u00ad站', 'loose')).toBe('赌博网站');
    expect(folded('Hello, World', 'loose')).toBe('helloworld');
  });

  it('strict: keeps spaces and punctuation, still folds width and drops invisible characters', () => {
    expect(folded('按\u200d装，ＯＫ', 'strict')).toBe('按装,ok');
  });

  it('line breaks become one boundary no match can cross', () => {
    expect(folded('台湾\n\n总统', 'loose')).toBe('台湾⏎总统');
    expect(folded('\n台湾', 'loose')).toBe('台湾');
  });

  it('maps each folded character back to its UTF-16 range, surrogate pairs included', () => {
    const text = '甲 𠮷·乙';
    const f = foldText(text, 'loose');
    expect(f.length).toBe(3);
    expect([...f.start.slice(0, 3)]).toEqual([0, 2, 5]);
    expect([...f.end.slice(0, 3)]).toEqual([1, 4, 6]);
    expect(text.slice(f.start[1], f.end[1])).toBe('𠮷');
  });

  it('folds terms the same way as text', () => {
    expect(foldTerm('台湾 总统', 'loose')).toEqual(foldTerm('台湾总统', 'loose'));
    expect(foldTerm('……', 'loose')).toEqual([]);
  });
});
