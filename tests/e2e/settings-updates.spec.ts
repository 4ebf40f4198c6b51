import fs from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { expect, newStory, test, waitSaved } from './fixtures';

const SHOTS = 'test-results/screenshots';

test.describe('settings: updates and diagnostics', () => {
  test('the web host says it does not update itself, and diagnostics download as a zip without story text', async ({
    app,
  }) => {
    await newStory(app, '黄河岸边的丰收季 合作社带动农户增收');
    await waitSaved(app);
    await app.getByRole('link', { name: '设置' }).click();
    const updates = app.getByRole('region', { name: '更新' });
    await expect(updates.getByRole('status')).toHaveText('在浏览器中运行时不会自动更新。');
    await expect(updates.getByRole('button', { name: '检查更新' })).toHaveCount(0);
    // No update is ready, so the sidebar has no mark.
    await expect(app.getByRole('link', { name: /重启即可更新/ })).toHaveCount(0);

    fs.mkdirSync(SHOTS, { recursive: true });
    await app.screenshot({ path: `${SHOTS}/settings-updates-zh-CN.png`, fullPage: true });

    const diagnostics = app.getByRole('region', { name: '诊断信息' });
    const [download] = await Promise.all([
      app.waitForEvent('download'),
      diagnostics.getByRole('button', { name: '收集诊断信息' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^rongmei-diagnostics-.*\.zip$/);
    const zip = unzipSync(new Uint8Array(fs.readFileSync(await download.path())));
    expect(Object.keys(zip)).toEqual(expect.arrayContaining(['about.json', 'logs/rongmei.log']));
    const log = strFromU8(zip['logs/rongmei.log']!);
    expect(log).toContain('"call":"stories.create"');
    expect(log).not.toContain('丰收季');
    await expect(app.getByText(/已下载 rongmei-diagnostics-/)).toBeVisible();

    await app.getByRole('radio', { name: 'English' }).check();
    await expect(app.getByRole('region', { name: 'Updates' }).getByRole('status')).toHaveText(
      'The browser version does not update itself.',
    );
    await app.getByRole('radio', { name: '简体中文' }).check();
  });
});
