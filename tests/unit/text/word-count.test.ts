import { describe, expect, it } from 'vitest';
import { countWords, readingMinutes } from '@shared/text/word-count';

describe('countWords (newsroom 字数)', () => {
  it('counts each CJK character and full-width punctuation mark as one 字', () => {
    const c = countWords('记者从农业农村部获悉，今年全国粮食总产量再创新高。');
    expect(c.cjk).toBe(23);
    expect(c.fullWidthPunct).toBe(2);
    expect(c.total).toBe(25);
  });

  it('counts a run of Latin letters or digits as one word, keeping 3.14, 1,000 and COVID-19 whole', () => {
    const c = countWords('截至11月25日，GDP增长3.14%，约1,000万人受益于COVID-19疫苗 and Wi-Fi.');
    // 11 | 25 | GDP | 3.14 | 1,000 | COVID-19 | and | Wi-Fi  → 8 words
    expect(c.latinWords).toBe(8);
    expect(c.cjk).toBe('截至月日增长约万人受益于疫苗'.length);
    expect(c.fullWidthPunct).toBe(2);
  });

  it('counts an emoji (even a ZWJ family or a flag) as one and ignores spaces', () => {
    const c = countWords('丰收 🌾 👨‍👩‍👧 🇨🇳  ');
    expect(c.emoji).toBe(3);
    expect(c.cjk).toBe(2);
    expect(c.total).toBe(5);
  });

  it('counts characters outside the BMP (Extension B) once, not twice', () => {
    expect(countWords('𠀀𪚥').cjk).toBe(2);
  });

  it('counts nothing in an empty or whitespace-only text', () => {
    expect(countWords('').total).toBe(0);
    expect(countWords(' \n\t\u3000').total).toBe(1); // the full-width space is a CJK mark
    expect(readingMinutes(countWords(''))).toBe(0);
  });

  it('treats Chinese quotes, dashes and ellipses as full-width punctuation', () => {
    const c = countWords('他说：“好——就这样……”');
    expect(c.fullWidthPunct).toBe(7);
  });

  it('estimates reading time at 400 字 a minute', () => {
    expect(readingMinutes(countWords('字'.repeat(2000)))).toBe(5);
    expect(readingMinutes(countWords('字'))).toBe(1);
  });
});
