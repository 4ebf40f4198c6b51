import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash } from '../../../renderer/src/app/routes';
import { transformIndex } from '../../../renderer/src/story/YTextInput';
import { isoToLocalInput, localInputToIso } from '../../../renderer/src/story/datetime-local';
import { countBody, lineCounter } from '../../../renderer/src/story/WordCountBar';
import { newId } from '@shared/domain/ids';

describe('routes', () => {
  it('round-trips every route through the URL hash', () => {
    const id = newId();
    for (const r of [
      { name: 'library' },
      { name: 'trash' },
      { name: 'settings' },
      { name: 'story', id },
    ] as const) {
      expect(parseRoute(routeHash(r))).toEqual(r);
    }
    expect(parseRoute('#/story/<script>')).toEqual({ name: 'library' });
  });
});

describe('caret transform for remote edits', () => {
  it('moves the caret right by what was inserted before it and left by what was deleted', () => {
    expect(transformIndex(5, [{ insert: '新华社' }])).toBe(8);
    expect(transformIndex(5, [{ retain: 6 }, { insert: 'x' }])).toBe(5);
    expect(transformIndex(5, [{ retain: 1 }, { delete: 2 }])).toBe(3);
    expect(transformIndex(2, [{ retain: 1 }, { delete: 5 }])).toBe(1);
  });
});

describe('embargo time input', () => {
  it('keeps the instant when converting to and from the local picker', () => {
    const iso = localInputToIso('2026-11-28T09:30');
    expect(iso).toMatch(/^2026-11-28T09:30:00[+-]\d\d:\d\d$/);
    expect(isoToLocalInput(iso)).toBe('2026-11-28T09:30');
    expect(localInputToIso('')).toBeNull();
    expect(isoToLocalInput('garbage')).toBe('');
  });
});

describe('count bar', () => {
  it('counts 字, non-empty paragraphs and reading time', () => {
    expect(countBody('第一段。\n\n第二段 COVID-19。')).toEqual({
      words: 9,
      paragraphs: 2,
      minutes: 1,
    });
  });
});

describe('word count by paragraph', () => {
  it('gives exactly what counting the whole text gives, and follows edits', () => {
    const text = [
      '新华社北京11月27日电（记者 王晓明）截至11月25日，主产区累计收购秋粮超过1亿吨🌾。',
      'COVID-19 之后的第3个丰收年，don’t stop: 3.14 and 1,000 tons.',
      '',
      '  结尾段，end.',
    ].join('\n');
    const count = lineCounter();
    expect(count(text)).toEqual(countBody(text));
    const edited = text.replace('丰收年', '丰收年，价格稳中有升');
    expect(count(edited)).toEqual(countBody(edited));
    expect(count('')).toEqual(countBody(''));
  });
});
