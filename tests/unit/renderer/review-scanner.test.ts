// The review panel's scanner: the newsroom's own list is used (a term added
// there is a finding), compiled once per list version, defaults otherwise.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SENSITIVE_LIST_TEXT, DEFAULT_TYPO_LIST_TEXT } from '@shared/scan';
import {
  defaultScanner,
  scannerCompilations,
  scannerFor,
} from '../../../renderer/src/review/scanner';

const seg = (text: string) => [{ id: 'block:1', kind: 'body' as const, text }];

describe('review scanner', () => {
  it('finds a term the newsroom added to its list, and compiles once per version', () => {
    const text = '本县粮仓被称为天下第一仓。';
    const plain = defaultScanner().scanSegments(seg(text));
    expect(plain.findings.some((f) => f.text === '天下第一')).toBe(false);
    const lists = {
      sensitive: `${DEFAULT_SENSITIVE_LIST_TEXT}\n[词条]\n天下第一 | 广告 | 禁用\n`,
      typos: DEFAULT_TYPO_LIST_TEXT,
      version: '2026-11-27T10:00:00.000Z',
    };
    const before = scannerCompilations();
    const s = scannerFor(lists);
    expect(scannerFor({ ...lists })).toBe(s);
    expect(scannerCompilations()).toBe(before + 1);
    const report = s.scanSegments(seg(text));
    expect(report.findings.some((f) => f.severity === 'block' && f.text === '天下第一')).toBe(true);
    // A new version compiles again; going back to the defaults too.
    expect(scannerFor({ ...lists, version: '2026-11-27T11:00:00.000Z' })).not.toBe(s);
    expect(scannerCompilations()).toBe(before + 2);
  });
});
