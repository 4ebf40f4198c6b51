import { describe, expect, it } from 'vitest';
import { KINSOKU, breakLines, type KinsokuLevel } from '@shared/text/line-break';
import { PARAGRAPHS } from '../channels/fixtures';

const text = PARAGRAPHS.join('');

function lines(s: string, widthZi: number, level: KinsokuLevel = 'gb', indent = 0) {
  return breakLines(s, { widthHalves: widthZi * 2, indentHalves: indent * 2, level }).map((l) =>
    s.slice(l.start, l.end),
  );
}

describe('禁则 line breaking', () => {
  for (const width of [5, 8, 11, 13, 20, 27]) {
    it(`keeps every character and obeys the rules at ${width} 字`, () => {
      const out = lines(text, width, 'gb', 2);
      expect(out.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
      for (let i = 0; i < out.length; i++) {
        const l = out[i]!;
        const first = l.codePointAt(0)!;
        const last = l.codePointAt(l.length - 1)!;
        if (i > 0)
          expect(KINSOKU.gb.noStart.has(first), `line ${i} "${l}" starts with a closing mark`).toBe(
            false,
          );
        if (i < out.length - 1)
          expect(KINSOKU.gb.noEnd.has(last), `line ${i} "${l}" ends with an opening mark`).toBe(
            false,
          );
      }
    });
  }
  it('never splits —— or ……', () => {
    for (let w = 3; w < 30; w++) {
      const out = lines('价格上涨——这是今年以来的较高水平……业内人士认为', w);
      for (let i = 1; i < out.length; i++) {
        expect(out[i - 1]!.endsWith('—') && out[i]!.startsWith('—')).toBe(false);
        expect(out[i - 1]!.endsWith('…') && out[i]!.startsWith('…')).toBe(false);
      }
    }
  });
  it('keeps Latin words and numbers whole', () => {
    const out = lines('核心CPI同比上涨0.5%，COVID-19疫情以来', 6);
    expect(out.some((l) => l.includes('CPI'))).toBe(true);
    expect(out.some((l) => l.includes('0.5%'))).toBe(true);
    expect(out.some((l) => l.includes('COVID-19'))).toBe(true);
  });
  it('pushes a character down instead of starting a line with a comma', () => {
    // 13 字 then "，": the comma may not start line 2, so "布" moves down with it.
    const s = '国家统计局城市司首席统计师今天发布，数据显示';
    const out = lines(s, 13);
    expect(out[0]).toBe('国家统计局城市司首席统计师今天'.slice(0, 13));
    expect(out[1]!.startsWith('，')).toBe(false);
  });
  it('hangs a closing mark when asked', () => {
    const s = '国家统计局城市司首席统计师，今天';
    const hung = breakLines(s, { widthHalves: 26, hangPunctuation: true });
    expect(s.slice(hung[0]!.start, hung[0]!.end)).toBe('国家统计局城市司首席统计师，');
    expect(hung[0]!.hanging).toBe(true);
  });
  it('strict level also keeps % from starting a line; basic lets … start one', () => {
    expect(KINSOKU.strict.noStart.has('%'.codePointAt(0)!)).toBe(true);
    expect(KINSOKU.gb.noStart.has('%'.codePointAt(0)!)).toBe(false);
    expect(KINSOKU.basic.noStart.has('…'.codePointAt(0)!)).toBe(false);
    expect(KINSOKU.gb.noStart.has('…'.codePointAt(0)!)).toBe(true);
  });
  it('handles empty text, emoji sequences and a word longer than the line', () => {
    expect(breakLines('', { widthHalves: 26 })).toEqual([]);
    const e = lines('欢迎👨‍👩‍👧来玩🇨🇳', 2);
    expect(e.join('')).toBe('欢迎👨‍👩‍👧来玩🇨🇳');
    expect(e.some((l) => l.includes('👨‍👩‍👧'))).toBe(true);
    const url = lines('https://app.rmnews.cn/a/20241103-cpi-long-link', 5);
    expect(url.join('')).toBe('https://app.rmnews.cn/a/20241103-cpi-long-link');
  });
});
