import { describe, expect, it } from 'vitest';
import { recentResults } from '@shared/channels/common/recent';
import { cleanLine, trimToLimit } from '@shared/channels/common/text';
import { storyKey, storyIdFromKey } from '@shared/channels/common/tracked-link';
import { cardTexts, douyin } from '@shared/channels/douyin';
import { wechat, wechatContentSize, wechatHtml } from '@shared/channels/wechat';
import { CHANNELS } from '@shared/channels';
import { countBytes, countChars } from '@shared/text/counters';
import { copyBlocks, print, printCopyfit } from '@shared/channels/print';
import { checkBody, COMMON_RULES } from '@shared/channels/common/checks';
import { reporter } from '@shared/channels/rules';
import { weibo } from '@shared/channels/weibo';
import { paragraph } from '@shared/body/blocks';
import { CTX, PHOTO, longStory, master } from './fixtures';

describe('recent results of a string function', () => {
  it('computes a key once while it is recent, and forgets the oldest first', () => {
    const calls: string[] = [];
    const upper = recentResults((s) => {
      calls.push(s);
      return s.toUpperCase();
    }, 3);
    expect(['a', 'b', 'a', 'c', 'a'].map(upper)).toEqual(['A', 'B', 'A', 'C', 'A']);
    expect(calls).toEqual(['a', 'b', 'c']);
    upper('d'); // a is the oldest entry and goes
    upper('a');
    expect(calls).toEqual(['a', 'b', 'c', 'd', 'a']);
  });

  it('keys a function of several arguments the way it is told', () => {
    const calls: string[] = [];
    const join = recentResults(
      (a: string, n: number) => {
        calls.push(`${a}${n}`);
        return a.repeat(n);
      },
      8,
      (a, n) => `${a}|${n}`,
    );
    expect([join('秋', 2), join('秋', 3), join('秋', 2)]).toEqual(['秋秋', '秋秋秋', '秋秋']);
    expect(calls).toEqual(['秋2', '秋3']);
  });

  it('keeps results that are undefined or empty too', () => {
    let n = 0;
    const none = recentResults(() => {
      n++;
      return undefined;
    });
    none('x');
    none('x');
    expect(n).toBe(1);
  });
});

describe('derive helpers with recent results give what they gave without', () => {
  it('cleans, trims and keys the same way on every call', () => {
    const pasted = '<b>消费市场&nbsp;温和回暖</b>  核心CPI 📈 涨幅扩大';
    expect(cleanLine(pasted)).toBe('消费市场 温和回暖 核心CPI 📈 涨幅扩大');
    expect(cleanLine(pasted)).toBe(cleanLine(`${pasted}`));
    const lead =
      '国家统计局11月9日发布数据，10月份全国居民消费价格指数同比上涨0.2%，环比下降0.1%。其中，城市上涨0.3%，农村持平。';
    const a = trimToLimit(lead, 'chars', 30);
    expect(trimToLimit(lead, 'chars', 30)).toBe(a);
    // Same text, other limits and counters: other results, not the cached one.
    expect(trimToLimit(lead, 'chars', 31, { ellipsis: '…' })).not.toBe(a);
    expect(trimToLimit(lead, 'weibo', 30, { weibo: { urlWidth: 20, nonBmpWeight: 2 } })).toMatch(
      /……$/,
    );
    const id = '3f2c8a10-5b7e-4c21-9d3a-0e8f6b1c2d4e';
    expect(storyKey(id)).toHaveLength(22);
    expect(storyIdFromKey(storyKey(id))).toBe(id);
  });

  it('hands out a fresh list of cards each time (a caller may change it)', () => {
    const sentence =
      '国家统计局11月9日发布数据，10月份全国居民消费价格指数同比上涨0.2%，环比下降0.1%。';
    const first = cardTexts(sentence);
    first.push('改动');
    expect(cardTexts(sentence)).not.toContain('改动');
    expect(cardTexts(sentence)).toEqual(first.slice(0, -1));
  });

  it('derives the same Weibo and Douyin versions while another paragraph is typed in', () => {
    const story = longStory(20_000);
    const w0 = weibo.derive(story, CTX);
    const d0 = douyin.derive(story, CTX);
    for (let i = 0; i < 70; i++) {
      const body = story.body.slice();
      body[40] = paragraph(`第${i}次修改：国家统计局今天发布数据显示消费市场温和回暖。`);
      expect(weibo.derive({ ...story, body }, CTX)).toEqual(w0);
      expect(douyin.derive({ ...story, body }, CTX)).toEqual(d0);
    }
    // A change in the lead reaches both.
    const body = story.body.slice();
    body[0] = paragraph('新华社北京11月9日电 今天发布的数据显示，物价温和回升。');
    expect(weibo.derive({ ...story, body }, CTX).text).toContain('物价温和回升');
    expect(douyin.derive({ ...story, body }, CTX).caption).toContain('物价温和回升');
  });
});

describe('wechat photo placement', () => {
  it('places nothing when there are no photos, and spreads photos over the paragraphs', () => {
    expect(wechat.derive(master({ images: [] }), CTX).photos).toEqual([]);
    const photos = [PHOTO, { ...PHOTO, id: 'img-002' }];
    const v = wechat.derive(master({ images: photos }), CTX);
    expect(v.photos.map((p) => p.image.id)).toEqual(['img-001', 'img-002']);
    expect(v.photos[0]!.afterBlock).toBe(0);
    expect(v.photos[1]!.afterBlock).toBeGreaterThan(0);
  });
});

describe('checks after the schema has copied the variant', () => {
  it('print: the copies of unchanged blocks keep their copy blocks, and copyfit reads the same', () => {
    const story = longStory(20_000);
    const v = print.derive(story, CTX);
    const parsed = print.schema.parse(v);
    expect(parsed.body[3]).not.toBe(v.body[3]); // the schema made copies
    const a = copyBlocks(v);
    const b = copyBlocks(parsed);
    expect(b.every((c, i) => c === a[i])).toBe(true);
    const fitA = printCopyfit(v, CTX)!;
    const fitB = printCopyfit(parsed, CTX)!;
    expect(fitB.columns).toEqual(fitA.columns);
    expect(fitB.oversetZi).toBe(fitA.oversetZi);
    // Another text is another copy block, set afresh.
    const body = parsed.body.slice();
    body[3] = paragraph('国家统计局今天发布的数据显示，消费市场温和回暖。');
    expect(copyBlocks({ body })[3]).not.toBe(a[3]);
    expect(copyBlocks({ body })[3]!.text).toBe('国家统计局今天发布的数据显示，消费市场温和回暖。');
  });

  it('typography checks report each block where it is, however often its text recurs', () => {
    const text =
      '2024年11月3日,记者从国家统计局获悉：ＣＰＩ同比上涨０．２％。。二〇二四年十一月三日电';
    const body = [paragraph(text), paragraph('正文第二段。'), paragraph(text)];
    const run = () => {
      const r = reporter('print', COMMON_RULES);
      checkBody(r, body);
      return r.problems();
    };
    const first = run();
    const ids = first.filter((p) => p.at.index === 0).map((p) => p.rule);
    expect(ids).toEqual(
      expect.arrayContaining([
        'halfWidthPunct',
        'fullWidthDigits',
        'doubledPunct',
        'chineseNumeralDate',
      ]),
    );
    expect(first.filter((p) => p.at.index === 2).map((p) => p.rule)).toEqual(ids);
    expect(first.some((p) => p.at.index === 1)).toBe(false);
    // A second run (texts remembered) finds the same, and what one run's
    // problems carry does not reach the next.
    first[0]!.params!.mark = '改动';
    expect(run()).toEqual(run());
    expect(run()[0]!.params!.mark).toBe(',');
  });
});

describe('checking a version derived just now, without the schema parse', () => {
  const masters = () => [
    master(),
    master({ images: [PHOTO, { ...PHOTO, id: 'img-002', caption: '' }] }),
    master({ body: [] }),
    master({
      fields: { ...master().fields, headline: '<b>标题</b>😀'.repeat(30), keywords: [] },
      body: [paragraph('记者从市统计局获悉,今年前三季度ＧＤＰ增长５．２％。。👍🏽'), paragraph('')],
    }),
    longStory(20_000),
  ];

  it('derive gives the schema’s shape, and both checks find the same problems', () => {
    for (const c of CHANNELS)
      for (const m of masters()) {
        const v = c.derive(m, CTX);
        const parsed = c.parse(v);
        expect(parsed.ok, `${c.id} derives what its schema takes`).toBe(true);
        if (parsed.ok) expect(parsed.value).toEqual(JSON.parse(JSON.stringify(v)));
        expect(c.checkDerived(v, CTX)).toEqual(c.check(v, CTX));
      }
  });

  it('wechat: the content size added up block by block is the size of the whole HTML', () => {
    const imageUrls = { 'img-001': 'https://mmbiz.qpic.cn/mmbiz_jpg/abc/0' };
    for (const m of masters()) {
      const v = wechat.derive(m, CTX);
      const html = wechatHtml(v, { imageUrls });
      expect(wechatContentSize(v, imageUrls)).toEqual({
        chars: countChars(html),
        bytes: countBytes(html),
      });
      // Again, with every block's size remembered.
      expect(wechatContentSize(v, imageUrls).bytes).toBe(countBytes(html));
    }
  });
});
