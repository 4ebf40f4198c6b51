import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { body, expect, newStory, startHost, openApp, test, waitSaved } from './fixtures';

test.describe('the library', () => {
  test('search finds a story by its text; trash and restore it', async ({ app }) => {
    await newStory(app, '黄河岸边的丰收季');
    await body(app).click();
    await app.keyboard.insertText('合作社统一购种，每亩节省成本30元。');
    await waitSaved(app);
    await app.getByRole('button', { name: /稿库/ }).first().click();

    const search = app.getByRole('searchbox', { name: '搜索稿件' });
    await search.fill('节省成本');
    const list = app.getByRole('list', { name: '稿件列表' });
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await expect(list).toContainText('黄河岸边的丰收季');
    await search.fill('购种'); // two 字: too short for the trigram index, found by the fallback
    await expect(list).toContainText('黄河岸边的丰收季');

    await app.getByRole('button', { name: '将《黄河岸边的丰收季》移到回收站' }).click();
    await expect(app.getByText('已移到回收站')).toBeVisible();
    await expect(list.getByRole('listitem')).toHaveCount(0);

    await app.getByRole('link', { name: '回收站' }).click();
    await app.getByRole('button', { name: '恢复《黄河岸边的丰收季》' }).click();
    await expect(app.getByText('已恢复稿件')).toBeVisible();
    await app.getByRole('link', { name: '稿库' }).click();
    await app.getByRole('searchbox', { name: '搜索稿件' }).fill('节省成本');
    await expect(app.getByRole('list', { name: '稿件列表' })).toContainText('黄河岸边的丰收季');
  });

  test('duplicates a story', async ({ app }) => {
    await newStory(app, '冬小麦播种基本结束');
    await waitSaved(app);
    await app.getByRole('button', { name: /稿库/ }).first().click();
    await app.getByRole('button', { name: '复制《冬小麦播种基本结束》' }).click();
    await expect(app.getByRole('list', { name: '稿件列表' })).toContainText(
      '冬小麦播种基本结束（副本）',
    );
  });

  test('imports a .docx as a new story, and explains why an encrypted one cannot be imported', async ({
    app,
  }) => {
    const fixtures = path.resolve(
      path.dirname(fileURLToPath(import.meta.url)),
      '../fixtures/import',
    );
    await app.getByLabel('选择要导入的文件').setInputFiles(path.join(fixtures, '秋粮收购.docx'));
    await expect(app.getByLabel('主标题')).toHaveValue('全省秋粮收购进度过半 农民售粮价格稳中有升');
    await expect(body(app).locator('h2')).toHaveText('三项措施保收购');
    await expect(body(app).locator('.ed-bold, strong').first()).toHaveText('312万吨');

    await app.getByRole('button', { name: /稿库/ }).first().click();
    await app.getByLabel('选择要导入的文件').setInputFiles(path.join(fixtures, 'encrypted.docx'));
    await expect(app.getByRole('alert').filter({ hasText: '设置了密码' })).toBeVisible();
  });

  test('a damaged database is moved aside and the user is told where it is', async ({ page }) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rongmei-damaged-'));
    fs.writeFileSync(path.join(dir, 'rongmei.db'), '损坏的数据库文件'.repeat(500));
    const host = await startHost(dir);
    try {
      await openApp(page, host);
      const notice = page.getByRole('alert').filter({ hasText: '稿件数据库文件损坏' });
      await expect(notice).toContainText(path.join(dir, 'rongmei.db.damaged-'));
      await notice.getByRole('button', { name: '知道了' }).click();
      await expect(notice).toHaveCount(0);
      await expect(page.getByRole('button', { name: '新建稿件' })).toBeEnabled();
    } finally {
      await host.stop();
    }
  });
});
