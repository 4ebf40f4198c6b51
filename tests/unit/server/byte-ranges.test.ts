// Range header parsing for the update feed (RFC 9110 §14.1.2): what is
// served, what is ignored (the whole file is sent), what is unsatisfiable.
import { describe, expect, it } from 'vitest';
import { ifRangeMatches, MAX_RANGES, parseRange } from '../../../server/updates/byte-ranges';

describe('parseRange', () => {
  const size = 10_000;
  it.each([
    ['bytes=0-99', [{ start: 0, end: 99 }]],
    ['bytes=9990-', [{ start: 9990, end: 9999 }]],
    ['bytes=-10', [{ start: 9990, end: 9999 }]],
    ['bytes=-20000', [{ start: 0, end: 9999 }]],
    ['bytes=9000-20000', [{ start: 9000, end: 9999 }]],
    [
      'bytes=0-0, 5-9,100-199',
      [
        { start: 0, end: 0 },
        { start: 5, end: 9 },
        { start: 100, end: 199 },
      ],
    ],
    ['Bytes = 1-2', [{ start: 1, end: 2 }]],
    ['bytes=0-1, 20000-30000', [{ start: 0, end: 1 }]], // the satisfiable part
  ])('%s', (header, ranges) =>
    expect(parseRange(header, size)).toEqual({ kind: 'partial', ranges }),
  );

  it.each(['bytes=10000-', 'bytes=20000-30000', 'bytes=-0'])('%s is unsatisfiable', (h) =>
    expect(parseRange(h, size)).toEqual({ kind: 'unsatisfiable' }),
  );

  it.each([
    undefined,
    'bytes=5-1',
    'items=0-1',
    'bytes=abc',
    'bytes=-',
    'bytes=1-2-3',
    'bytes=0x10-20',
    'bytes=99999999999999999-',
    // Overlapping ranges larger than the file: sent once, whole.
    'bytes=0-9999,0-9999',
  ])('%s → the whole file', (h) => expect(parseRange(h, size)).toEqual({ kind: 'full' }));

  it(`ignores more than ${MAX_RANGES} ranges`, () => {
    const many = Array.from({ length: MAX_RANGES + 1 }, (_, i) => `${i * 2}-${i * 2}`).join(',');
    expect(parseRange(`bytes=${many}`, 100_000).kind).toBe('full');
    const ok = Array.from({ length: MAX_RANGES }, (_, i) => `${i * 2}-${i * 2}`).join(',');
    expect(parseRange(`bytes=${ok}`, 100_000).kind).toBe('partial');
  });

  it('has nothing to give from an empty file', () => {
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-5', 0)).toEqual({ kind: 'unsatisfiable' });
  });
});

describe('ifRangeMatches', () => {
  const modified = new Date('2026-11-20T08:00:00.500Z');
  it('compares entity tags strongly and dates to the second', () => {
    expect(ifRangeMatches(undefined, '"abc"', modified)).toBe(true);
    expect(ifRangeMatches('"abc"', '"abc"', modified)).toBe(true);
    expect(ifRangeMatches('"abd"', '"abc"', modified)).toBe(false);
    expect(ifRangeMatches('W/"abc"', '"abc"', modified)).toBe(false);
    expect(ifRangeMatches('Fri, 20 Nov 2026 08:00:00 GMT', '"abc"', modified)).toBe(true);
    expect(ifRangeMatches('Fri, 20 Nov 2026 07:59:59 GMT', '"abc"', modified)).toBe(false);
    expect(ifRangeMatches('yesterday', '"abc"', modified)).toBe(false);
  });
});
