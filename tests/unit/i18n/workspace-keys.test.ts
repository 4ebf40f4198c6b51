// Every literal translation key the workspace uses exists in both languages,
// and every field of every channel's version has a label.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import zh from '../../../resources/locales/zh-CN.json';
import en from '../../../resources/locales/en.json';
import { CHANNELS, deriveAll } from '@shared/channels';
import { SHORTCUTS } from '../../../renderer/src/workspace/shortcuts';
import { CTX, master } from '../channels/fixtures';

type Tree = { [k: string]: string | Tree };
function has(t: Tree, key: string): boolean {
  let node: unknown = t;
  const parts = key.split('.');
  for (const [i, k] of parts.entries()) {
    if (!node || typeof node !== 'object') return false;
    const n = node as Tree;
    node = n[k] ?? (i === parts.length - 1 ? (n[`${k}_other`] ?? n[`${k}_one`]) : undefined);
  }
  return typeof node === 'string';
}

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe('workspace translations', () => {
  it('has every literal key the workspace code uses, in zh-CN and en', () => {
    const keys = new Set<string>(SHORTCUTS.map((s) => s.label));
    for (const file of [
      ...sources('renderer/src/workspace'),
      ...sources('renderer/src/review'),
      ...sources('renderer/src/workflow'),
      'renderer/src/settings/SettingsView.tsx',
    ]) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g))
        keys.add(m[1]!);
    }
    expect(keys.size).toBeGreaterThan(100);
    for (const k of keys) {
      expect(has(zh as Tree, k), `zh-CN ${k}`).toBe(true);
      expect(has(en as Tree, k), `en ${k}`).toBe(true);
    }
  });

  it('labels every field of every channel’s version', () => {
    const variants = deriveAll(master(), CTX);
    for (const c of CHANNELS)
      for (const field of Object.keys(variants[c.id] as object))
        if (field !== 'digestAuto' && field !== 'coverTimeSec')
          for (const locale of [zh, en] as Tree[])
            expect(has(locale, `variant.fields.${c.id}.${field}`), `${c.id}.${field}`).toBe(true);
  });
});
