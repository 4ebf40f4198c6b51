import { describe, expect, it } from 'vitest';
import { CHANNELS, channelIds, deriveAll, getChannel } from '@shared/channels';
import { EMPTY_FIELDS } from '@shared/domain/story';
import type { MasterStory } from '@shared/domain/master-story';
import { CTX, PHOTO, longStory, master } from './fixtures';

describe('channel registry', () => {
  it('lists the five channels, each with the same parts', () => {
    expect(channelIds).toEqual(['print', 'wechat', 'weibo', 'douyin', 'app']);
    for (const c of CHANNELS) {
      expect(Object.keys(c.rules).length).toBeGreaterThan(5);
      for (const r of Object.values(c.rules)) {
        expect(r.message['zh-CN']).toBeTruthy();
        expect(r.message.en).toBeTruthy();
        expect(r.fix['zh-CN']).toBeTruthy();
        expect(r.fix.en).toBeTruthy();
      }
    }
  });
  it('reports a malformed stored variant instead of throwing', () => {
    const p = getChannel('wechat')!.check({ title: 1 }, CTX);
    expect(p[0]!.rule).toBe('schema');
    expect(p[0]!.severity).toBe('block');
  });
  it('applies newsroom overrides: a figure, a severity, a rule switched off', () => {
    const w = getChannel('weibo')!;
    const v = w.derive(master(), CTX);
    const base = w.check(v, CTX).map((p) => p.rule);
    expect(base).toContain('topicsViaShareApi');
    const off = w.check(v, {
      ...CTX,
      overrides: {
        'weibo.topicsViaShareApi': { off: true },
        postMax: { value: 20, severity: 'warn' },
      },
    });
    expect(off.map((p) => p.rule)).not.toContain('topicsViaShareApi');
    expect(off.find((p) => p.rule === 'postMax')?.severity).toBe('warn');
  });
});

const BAD_INPUTS = {
  empty: { id: 'x', fields: EMPTY_FIELDS, body: [] },
  emptyParagraphs: master({ body: [{ type: 'paragraph', runs: [] }, { type: 'hr' }] }),
  emojiAndSurrogates: master({
    fields: { ...master().fields, headline: '👨‍👩‍👧‍👦𠮷野家🇨🇳加油1️⃣' },
    body: [{ type: 'paragraph', runs: [{ text: '𠮷野家\ud800半个代理对😀' }] }],
  }),
  mixedPunct: master({ fields: { ...master().fields, headline: '消费回暖,CPI上涨0.2%!' } }),
  htmlInFields: master({
    fields: {
      ...master().fields,
      headline: '<p class="title">消费市场&nbsp;回暖</p>',
      byline: '<b>记者</b>',
    },
  }),
  missingCaptions: master({ images: [{ ...PHOTO, caption: '', credit: '' }] }),
  hugeStory: longStory(100_000),
} satisfies Record<string, MasterStory>;

describe('bad input never throws', () => {
  for (const [name, m] of Object.entries(BAD_INPUTS)) {
    it(`${name}: every channel derives, checks and exports`, () => {
      const variants = deriveAll(m, CTX);
      for (const c of CHANNELS) {
        const problems = c.check(variants[c.id], CTX);
        expect(Array.isArray(problems)).toBe(true);
        // What the problems panel checks while the version follows the master.
        expect(c.parse(variants[c.id]).ok).toBe(true);
        expect(c.checkDerived(variants[c.id], CTX)).toEqual(problems);
        for (const p of problems) expect(p.text['zh-CN'].includes('{')).toBe(false);
        expect(c.exportFiles(variants[c.id], CTX).length).toBeGreaterThan(0);
      }
    });
  }
  it('gives the expected problem entries', () => {
    const v = deriveAll(BAD_INPUTS.empty, CTX);
    expect(
      getChannel('print')!
        .check(v.print, CTX)
        .map((p) => p.rule),
    ).toEqual(expect.arrayContaining(['headlineMissing', 'bodyEmpty']));
    expect(
      getChannel('weibo')!
        .check(v.weibo, CTX)
        .map((p) => p.rule),
    ).toContain('textEmpty');
    const html = deriveAll(BAD_INPUTS.htmlInFields, CTX);
    expect((html.wechat as { title: string }).title).toBe('消费市场 回暖');
    const punct = getChannel('print')!.check(deriveAll(BAD_INPUTS.mixedPunct, CTX).print, CTX);
    expect(
      punct
        .filter((p) => p.rule === 'halfWidthPunct' && p.at.field === 'headline')
        .map((p) => p.params.mark),
    ).toEqual([',', '!']);
    const caps = getChannel('app')!.check(deriveAll(BAD_INPUTS.missingCaptions, CTX).app, CTX);
    expect(caps.map((p) => p.rule)).toEqual(
      expect.arrayContaining(['captionMissing', 'creditMissing']),
    );
    const huge = getChannel('print')!.check(deriveAll(BAD_INPUTS.hugeStory, CTX).print, CTX);
    expect(huge[0]!.rule).toBe('overset');
  });
});
