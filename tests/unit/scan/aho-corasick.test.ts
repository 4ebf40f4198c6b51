import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AhoCorasick } from '@shared/scan/aho-corasick';

const cps = (s: string) => [...s].map((c) => c.codePointAt(0)!);

function matches(patterns: string[], text: string): string[] {
  const ac = AhoCorasick.build(patterns.map(cps));
  const chars = Int32Array.from(cps(text));
  const out: string[] = [];
  ac.scan(chars, chars.length, (id, end) => out.push(`${id}@${end}`));
  return out.sort();
}

/** Every (pattern, end) pair by brute force: the definition the automaton must meet. */
function naive(patterns: string[], text: string): string[] {
  const t = cps(text);
  const out: string[] = [];
  const firstId = new Map<string, number>();
  patterns.forEach((p, id) => {
    if (p.length > 0 && !firstId.has(p)) firstId.set(p, id);
  });
  for (const [p, id] of firstId) {
    const q = cps(p);
    for (let end = q.length - 1; end < t.length; end++)
      if (q.every((c, k) => t[end - q.length + 1 + k] === c)) out.push(`${id}@${end}`);
  }
  return out.sort();
}

describe('Aho–Corasick automaton', () => {
  it('finds overlapping and nested patterns (the classic he/she/his/hers)', () => {
    expect(matches(['he', 'she', 'his', 'hers'], 'ushers')).toEqual(['0@3', '1@3', '3@5']);
  });

  it('handles Chinese, astral characters and patterns that are suffixes of others', () => {
    const patterns = ['稻渔', '综合种养', '种养', '𠮷野家', '养殖'];
    const text = '稻渔综合种养和𠮷野家的养殖';
    expect(matches(patterns, text)).toEqual(naive(patterns, text));
    expect(matches(patterns, text)).toContain('2@5');
  });

  it('agrees with brute force on random patterns and texts over a small alphabet', () => {
    const alphabet = fc.constantFrom('a', 'b', 'c', '农', '业', '😀');
    const word = fc.array(alphabet, { minLength: 0, maxLength: 5 }).map((a) => a.join(''));
    fc.assert(
      fc.property(
        fc.array(word, { maxLength: 30 }),
        fc.array(alphabet, { maxLength: 80 }).map((a) => a.join('')),
        (patterns, text) => {
          expect(matches(patterns, text)).toEqual(naive(patterns, text));
        },
      ),
      { numRuns: 300, seed: 42 },
    );
  });

  it('reports its size', () => {
    const ac = AhoCorasick.build([cps('台湾'), cps('台风'), cps('风')]);
    expect(ac.stats).toEqual({ patterns: 3, nodes: 5, edges: 4 });
  });
});
