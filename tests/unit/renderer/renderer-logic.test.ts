import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash } from '../../../renderer/src/app/routes';
import { transformIndex } from '../../../renderer/src/story/YTextInput';
import { isoToLocalInput, localInputToIso } from '../../../renderer/src/story/datetime-local';
import { countBody } from '../../../renderer/src/story/WordCountBar';
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
