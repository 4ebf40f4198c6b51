import { describe, expect, it } from 'vitest';
import zh from '../../../resources/locales/zh-CN.json';
import en from '../../../resources/locales/en.json';
import { ERROR_CODES } from '@shared/api/errors';
import { STORY_STATUSES, PRIORITIES } from '@shared/domain/story';
import { BUILT_IN_SECTIONS } from '@shared/domain/sections';
import { NoticeSchema } from '@shared/api/contract';

type Tree = { [k: string]: string | Tree };
// Plural forms differ by language (zh has only _other); compare the base key.
const base = (k: string) => k.replace(/_(zero|one|two|few|many|other)$/, '');
function keys(t: Tree, prefix = ''): Set<string> {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(t)) {
    const key = prefix ? `${prefix}.${base(k)}` : base(k);
    if (typeof v === 'string') out.add(key);
    else for (const sub of keys(v, key)) out.add(sub);
  }
  return out;
}
function get(t: Tree, path: string): unknown {
  return path.split('.').reduce<unknown>((node, k) => {
    if (!node || typeof node !== 'object') return undefined;
    const n = node as Tree;
    return n[k] ?? n[`${k}_other`];
  }, t);
}

describe('locales', () => {
  it('zh-CN and en have the same keys', () => {
    expect([...keys(en as Tree)].sort()).toEqual([...keys(zh as Tree)].sort());
  });

  it('translate every error code, status, priority, section and notice kind', () => {
    const needed = [
      ...ERROR_CODES.map((c) => `errors.${c}`),
      ...STORY_STATUSES.map((s) => `status.${s}`),
      ...PRIORITIES.map((p) => `priority.${p}`),
      ...BUILT_IN_SECTIONS.map((s) => `sections.${s}`),
      ...NoticeSchema.shape.kind.options.map((k) => `notices.${k}`),
    ];
    for (const locale of [zh, en] as Tree[]) {
      for (const key of needed) expect(typeof get(locale, key), key).toBe('string');
    }
  });

  it('has no English left in the Chinese error messages', () => {
    for (const code of ERROR_CODES)
      expect(get(zh as Tree, `errors.${code}`)).toMatch(/[\u4e00-\u9fff]/);
  });
});
