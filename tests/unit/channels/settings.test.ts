import { describe, expect, it } from 'vitest';
import { printSettings } from '@shared/channels/print/schema';
import { weiboSettings } from '@shared/channels/weibo';

describe('channel settings readers', () => {
  it('fill in the defaults, and parse one settings object once', () => {
    const raw = { kinsoku: 'strict', qrLines: 4 };
    const a = printSettings(raw);
    expect(a).toMatchObject({ kinsoku: 'strict', qrLines: 4, defaultTemplateId: 'broadsheet' });
    expect(printSettings(raw)).toBe(a);
    // An equal but different object is read on its own (a newsroom changed its settings).
    const changed = printSettings({ ...raw, qrLines: 8 });
    expect(changed.qrLines).toBe(8);
    expect(printSettings(raw).qrLines).toBe(4);
  });

  it('fall back to the defaults for missing or malformed settings', () => {
    const defaults = weiboSettings(undefined);
    expect(defaults).toEqual({ urlWidth: 10, nonBmpWeight: 2, maxDerivedTopics: 2 });
    expect(weiboSettings(null)).toEqual(defaults);
    expect(weiboSettings('每条微博限2000字')).toEqual(defaults);
    expect(weiboSettings({ urlWidth: -5 })).toEqual(defaults);
  });

  it('hand out results nobody can change in place (callers share them)', () => {
    const s = printSettings({ templates: [] });
    expect(Object.isFrozen(s)).toBe(true);
    expect(Object.isFrozen(s.templates)).toBe(true);
    expect(() => {
      (s as { qrLines: number }).qrLines = 0;
    }).toThrow(TypeError);
  });
});
