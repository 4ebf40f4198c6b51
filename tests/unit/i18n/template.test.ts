import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import zh from '../../../resources/locales/zh-CN.json';
import en from '../../../resources/locales/en.json';
import { compileTemplate } from '../../../renderer/src/i18n/template';

async function instance(lng: string) {
  const i = i18next.createInstance();
  await i.init({
    lng,
    resources: { 'zh-CN': { translation: zh }, en: { translation: en } },
    interpolation: { escapeValue: false },
  });
  return i;
}

describe('compileTemplate', () => {
  it('fills a sentence exactly as i18next does, in zh-CN and en', async () => {
    for (const lng of ['zh-CN', 'en']) {
      const i = await instance(lng);
      const lines = compileTemplate(i.t, 'workspace.print.lines', ['used', 'available']);
      const over = compileTemplate(i.t, 'workspace.print.overset', ['lines', 'zi']);
      for (const [used, available] of [
        ['1,586', '300'],
        ['0', '0'],
        ['12', '1,200'],
      ] as const) {
        expect(lines({ used, available })).toBe(i.t('workspace.print.lines', { used, available }));
      }
      expect(over({ lines: '1,286', zi: '15,414' })).toBe(
        i.t('workspace.print.overset', { lines: '1,286', zi: '15,414' }),
      );
    }
  });

  it('keeps text that looks like a placeholder in a value as it is', async () => {
    const i = await instance('zh-CN');
    const left = compileTemplate(i.t, 'workspace.print.left', ['lines', 'zi']);
    expect(left({ lines: '{{zi}}', zi: '3' })).toBe('尚余 {{zi}} 行（约 3 字）');
  });
});
