import fs from 'node:fs';
import { body, expect, newStory, openStoryInfo, test, waitSaved } from './fixtures';

const SHOTS = 'test-results/screenshots';

test.describe('language and layout', () => {
  test('switches the whole UI to English and back, and dates follow the locale', async ({
    app,
  }) => {
    await app.getByRole('link', { name: '设置' }).click();
    await app.getByRole('radio', { name: 'English' }).check();
    await expect(app.getByRole('link', { name: 'Stories' })).toBeVisible();
    await expect(app.getByRole('heading', { name: 'Settings' })).toBeVisible();
    await app.getByRole('link', { name: 'Stories' }).click();
    await expect(app.getByRole('button', { name: 'New story' })).toBeVisible();
    await app.reload(); // the choice is stored by the host
    await expect(app.getByRole('button', { name: 'New story' })).toBeVisible();
    await app.getByRole('link', { name: 'Settings' }).click();
    await app.getByRole('radio', { name: '简体中文' }).check();
    await expect(app.getByRole('link', { name: '稿库' })).toBeVisible();
  });

  test('screenshots of the editor and library at 1366×768, in zh-CN and en', async ({ app }) => {
    fs.mkdirSync(SHOTS, { recursive: true });
    await newStory(app, '全国秋粮收购进度过半 农民售粮价格稳中有升');
    await app.getByLabel('引题').fill('国家粮食和物资储备局：');
    await app.getByLabel('副标题').fill('主产区累计收购秋粮超1亿吨');
    await body(app).click();
    await app.keyboard.insertText(
      '新华社北京11月27日电（记者 王晓明）记者从国家粮食和物资储备局获悉，截至11月25日，主产区累计收购秋粮超过1亿吨，收购进度过半。',
    );
    await app.keyboard.press('Enter');
    await app.keyboard.insertText(
      '今年秋粮收购工作开局良好，市场购销活跃，价格总体稳定。各地认真落实最低收购价政策，玉米、大豆等品种收购有序推进。',
    );
    await openStoryInfo(app);
    await app.getByLabel('栏目').selectOption('rural');
    await app.getByLabel('署名').fill('记者 王晓明');
    await waitSaved(app);
    await app.screenshot({ path: `${SHOTS}/editor-zh-CN.png` });
    await app.getByRole('button', { name: /稿库/ }).first().click();
    await expect(app.getByRole('list', { name: '稿件列表' })).toContainText('全国秋粮收购进度过半');
    await app.screenshot({ path: `${SHOTS}/library-zh-CN.png` });
    await app.getByRole('link', { name: '设置' }).click();
    await app.getByRole('radio', { name: 'English' }).check();
    await app.getByRole('link', { name: 'Stories' }).click();
    await expect(app.getByRole('button', { name: 'New story' })).toBeVisible();
    await app.screenshot({ path: `${SHOTS}/library-en.png` });
    await app.getByRole('button', { name: /Open “全国秋粮收购进度过半/ }).click();
    await expect(app.getByLabel('Headline', { exact: true })).toHaveValue(
      '全国秋粮收购进度过半 农民售粮价格稳中有升',
    );
    await app.screenshot({ path: `${SHOTS}/editor-en.png` });
    // Nothing may scroll sideways at 1366×768.
    const overflow = await app.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await app.getByRole('link', { name: 'Settings' }).click();
    await app.getByRole('radio', { name: '简体中文' }).check();
  });
});
