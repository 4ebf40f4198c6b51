import { describe, expect, it } from 'vitest';
import {
  countBytes,
  countChars,
  countWeibo,
  countZi,
  findUrls,
  fitPrefix,
  overflowOffset,
} from '@shared/text/counters';
import { countWords } from '@shared/text/word-count';

describe('chars counter', () => {
  it('counts code points, not UTF-16 units', () => {
    expect(countChars('𠮷野家')).toBe(3); // U+20BB7 is a surrogate pair
    expect('𠮷野家'.length).toBe(4);
  });
  it('counts an emoji ZWJ sequence, a flag and a keycap as one each', () => {
    expect(countChars('👨‍👩‍👧‍👦')).toBe(1);
    expect(countChars('🇨🇳加油')).toBe(3);
    expect(countChars('1️⃣号线')).toBe(3);
    expect(countChars('点赞👍🏽')).toBe(3);
  });
  it('normalises to NFC first', () => {
    expect(countChars('e\u0301')).toBe(1);
    expect(countChars('')).toBe(0);
  });
  it('agrees with the newsroom 字数 on plain CJK copy', () => {
    const s = '国家统计局今天发布数据。';
    expect(countChars(s)).toBe(countWords(s).total);
  });
});

describe('weibo counter', () => {
  it('counts Latin half and CJK whole, rounded up', () => {
    expect(countWeibo('CPI')).toBe(2); // 1.5 → 2
    expect(countWeibo('上涨0.2%')).toBe(4); // 2 + 2
    expect(countWeibo('【标题】')).toBe(4);
  });
  it('counts a URL as a fixed width, whatever its length', () => {
    const short = countWeibo('详见 https://t.cn/A6x');
    const long = countWeibo(
      '详见 https://app.rmnews.cn/a/2024/11/03/very-long-path?utm_source=weibo',
    );
    expect(short).toBe(long);
    expect(long).toBe(Math.ceil(2 + 0.5 + 10));
    expect(countWeibo('详见 https://x.cn/a', { urlWidth: 5, nonBmpWeight: 2 })).toBe(8);
  });
  it('counts emoji and non-BMP as configured', () => {
    expect(countWeibo('好😀')).toBe(3);
    expect(countWeibo('好😀', { urlWidth: 10, nonBmpWeight: 1 })).toBe(2);
    expect(countWeibo('👨‍👩‍👧')).toBe(2);
  });
  it('finds URLs without trailing punctuation', () => {
    expect(findUrls('见https://a.cn/x。').map((u) => u.url)).toEqual(['https://a.cn/x']);
    expect(findUrls('(see https://a.cn/x).').map((u) => u.url)).toEqual(['https://a.cn/x']);
  });
  it('says where the limit is crossed', () => {
    const text = '中'.repeat(150);
    expect(overflowOffset(text, 'weibo', 140)).toBe(140);
    expect(fitPrefix(text, 'weibo', 140)).toHaveLength(140);
    expect(overflowOffset('短', 'weibo', 140)).toBeNull();
  });
});

describe('bytes and 字 counters', () => {
  it('counts UTF-8 bytes', () => {
    expect(countBytes('a')).toBe(1);
    expect(countBytes('é')).toBe(2);
    expect(countBytes('中')).toBe(3);
    expect(countBytes('😀')).toBe(4);
    expect(countBytes('\ud800')).toBe(3); // lone surrogate encodes as U+FFFD
  });
  it('counts copyfit 字: CJK and full-width 1, Latin and digits ½', () => {
    expect(countZi('上涨0.2%')).toBe(4);
    expect(countZi('（CPI）')).toBe(3.5);
    expect(countZi('ＣＰＩ')).toBe(3);
    expect(countZi('——')).toBe(2);
  });
});
