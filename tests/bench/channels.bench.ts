// Channel layer speed on a 20,000-字 story: derive + validate per channel
// (target < 5 ms, baseline: countWords over the same text), a keystroke's
// re-validation with copyfit's paragraph cache warm, and exporting all five
// channels (target < 1 s, baseline: JSON.stringify of the story).
import { CHANNELS } from '@shared/channels';
import { BUILTIN_TEMPLATES, copyBlocks, copyfit, print } from '@shared/channels/print';
import { bodyToPlainText, paragraph } from '@shared/body/blocks';
import { countWords } from '@shared/text/word-count';
import { resolveExportFiles } from '../../electron/services/export/files';
import { CTX, longStory } from '../unit/channels/fixtures';
import { fmt, report, sample } from './harness';

export async function run(): Promise<void> {
  const story = longStory(20_000);
  const text = bodyToPlainText(story.body);
  const base = await sample(() => countWords(text), 30);
  for (const c of CHANNELS) {
    const m = c.module;
    let i = 0;
    // Each run edits one paragraph, as a keystroke does, so caches only help where they would in use.
    const s = await sample(() => {
      const body = story.body.slice();
      body[7] = paragraph(`第${i++}次修改：国家统计局今天发布数据显示消费市场温和回暖。`);
      const v = m.derive({ ...story, body }, CTX);
      return m.validate(v as never, CTX);
    }, 40);
    report({
      name: `channels: derive+validate ${c.id} (20,000 字)`,
      figure: `p50 ${fmt(s.p50)}, p95 ${fmt(s.p95)}`,
      baseline: `countWords p50 ${fmt(base.p50)}`,
      ratio: `${(s.p50 / base.p50).toFixed(2)}×`,
      target: '< 5 ms (p50)',
      pass: s.p50 < 5,
    });
  }
  // Copyfit with every paragraph re-set (cache cold: a new column width each run).
  const blocks = copyBlocks(print.derive(story, CTX));
  let w = 10;
  const cold = await sample(
    () =>
      copyfit({
        blocks,
        template: { ...BUILTIN_TEMPLATES[0]!, ziPerColumn: 10 + (w++ % 60) },
        span: 3,
      }),
    30,
  );
  report({
    name: 'channels: copyfit of 20,000 字, cold (every line re-broken)',
    figure: `p50 ${fmt(cold.p50)}, p95 ${fmt(cold.p95)}`,
    baseline: `countWords p50 ${fmt(base.p50)}`,
    ratio: `${(cold.p50 / base.p50).toFixed(2)}×`,
    target: '< 10 ms (once per template/width change; keystrokes re-break one paragraph)',
    pass: cold.p50 < 10,
  });
  const json = await sample(() => JSON.stringify(story), 20);
  const readAsset = async () => new Uint8Array(1000);
  const exp = await sample(
    async () => {
      for (const c of CHANNELS) {
        const v = c.derive(story, CTX);
        await resolveExportFiles(c.exportFiles(v, CTX), { readAsset });
      }
    },
    5,
    1,
  );
  report({
    name: 'channels: export all 5 channels (20,000 字, incl. DOCX)',
    figure: `p50 ${fmt(exp.p50)}, max ${fmt(exp.max)}`,
    baseline: `JSON.stringify p50 ${fmt(json.p50)}`,
    ratio: `${(exp.p50 / Math.max(json.p50, 0.001)).toFixed(0)}×`,
    target: '< 1 s',
    pass: exp.max < 1000,
  });
}
