// Two desktop apps (a reporter's and a desk head's, each its own web host and
// local database) signed in to one real newsroom server: the reporter's draft
// stays private until 发稿, the desk sees the filed story by itself, both edit
// it at once and see each other's text and cursor names, and a link that
// drops only makes the app say 离线 — the edits go out when it returns.
import fs from 'node:fs';
import type { Download } from '@playwright/test';
import { startNewsroom, type TestNewsroom } from '../support/newsroom';
import {
  openPerson,
  openReview,
  review,
  reviewTab,
  signInThroughSettings,
} from './newsroom-helpers';
import { body, expect, newStory, startHost, test, waitSaved, type RunningHost } from './fixtures';

const SHOTS = 'test-results/screenshots';
const HEADLINE = '全省秋粮收购进度过半 新粮上市平稳';
const LEAD =
  '本报讯（记者 王立）记者从省粮食和物资储备局获悉，截至11月25日，全省累计收购秋粮186万吨。';

test.describe('a newsroom of two', () => {
  let newsroom: TestNewsroom;
  let hosts: RunningHost[] = [];

  test.beforeAll(async () => {
    newsroom = await startNewsroom();
    hosts = [await startHost(), await startHost()];
  });
  test.afterAll(async () => {
    for (const h of hosts) await h.stop();
    await newsroom.stop();
  });

  test('a filed story reaches the desk by itself; both edit it at once and see who is in it', async ({
    browser,
  }) => {
    const reporter = await openPerson(browser, hosts[0]!);
    const head = await openPerson(browser, hosts[1]!);
    await signInThroughSettings(reporter, newsroom.url, 'wang.li');
    await expect(reporter.getByTestId('sync-indicator')).toContainText('在线', { timeout: 10_000 });
    await signInThroughSettings(head, newsroom.url, 'chen.hua');
    await expect(head.getByTestId('sync-indicator')).toContainText('在线', { timeout: 10_000 });

    // A draft is the reporter's alone.
    await reporter.getByRole('link', { name: '稿库' }).click();
    await newStory(reporter, HEADLINE);
    await body(reporter).click();
    await reporter.keyboard.insertText(LEAD);
    await waitSaved(reporter);
    await head.getByRole('link', { name: '稿库' }).click();
    await reporter.waitForTimeout(1500);
    await expect(head.getByText('共 0 篇')).toBeVisible();
    await expect(head.getByRole('main')).not.toContainText(HEADLINE);

    // 发稿 to 时政部: the desk head's library shows it without anyone reloading.
    await reporter.getByRole('button', { name: '发稿', exact: true }).click();
    await reporter.getByRole('combobox', { name: '发往部门' }).selectOption({ label: '时政部' });
    await reporter.getByRole('button', { name: '确认发稿' }).click();
    await expect(reporter.getByText('已发稿到时政部。')).toBeVisible();
    const filedAt = Date.now();
    await expect(head.getByRole('list', { name: '稿件列表' })).toContainText(HEADLINE, {
      timeout: 5_000,
    });
    const seenAfter = Date.now() - filedAt;
    console.log(`filed story in the desk's library after ${seenAfter} ms`);

    // The desk's queues show it too.
    await head.getByRole('link', { name: '部门稿件' }).click();
    await head.getByRole('combobox', { name: '部门' }).selectOption({ label: '时政部' });
    await expect(head.getByRole('region', { name: '部门稿件' })).toContainText(HEADLINE);
    await head.screenshot({ path: `${SHOTS}/desk-queues-zh-CN.png` });
    await head.getByRole('link', { name: '稿库' }).click();

    // Both in the story: the desk head's edit reaches the reporter, and cursors carry names.
    await head.getByRole('button', { name: `打开《${HEADLINE}》` }).click();
    await expect(body(head)).toContainText('累计收购秋粮186万吨');
    await body(head).click();
    await head.keyboard.press('Control+End');
    await head.keyboard.insertText('收购价格总体稳定。');
    await expect(body(reporter)).toContainText('收购价格总体稳定。', { timeout: 5_000 });
    await body(reporter).click();
    await reporter.keyboard.press('Control+End');
    await reporter.keyboard.insertText('农民售粮积极性较高🌾');
    await expect(body(head)).toContainText('农民售粮积极性较高🌾', { timeout: 5_000 });
    await expect(head.getByText('王立', { exact: true })).toBeVisible({ timeout: 5_000 });
    await expect(reporter.getByText('陈华', { exact: true })).toBeVisible({ timeout: 5_000 });
    await head.screenshot({ path: `${SHOTS}/newsroom-desk-head-zh-CN.png` });

    // The story's audit report: every step so far, downloaded as Markdown and JSON.
    await openReview(head);
    const panel = review(head);
    await reviewTab(head, '流程');
    const downloads: Promise<Download>[] = [];
    head.on('download', (d) => downloads.push(Promise.resolve(d)));
    await panel.getByRole('button', { name: '导出审计报告' }).click();
    await expect(head.getByText('审计报告已导出')).toBeVisible();
    expect(downloads).toHaveLength(2);
    const [md, json] = await Promise.all(downloads);
    expect(md!.suggestedFilename()).toMatch(/^audit-.*\.md$/);
    expect(json!.suggestedFilename()).toMatch(/^audit-.*\.json$/);
    const report = fs.readFileSync(await md!.path(), 'utf8');
    expect(report).toContain('王立');
    await head.getByRole('button', { name: /^审阅$/ }).click();

    // The server goes away: the app says so and keeps the edit; it goes out when the server is back.
    const port = new URL(newsroom.url).port;
    await newsroom.server.close();
    await expect(reporter.getByTestId('sync-indicator')).toContainText(/离线|连接中/, {
      timeout: 10_000,
    });
    // Nobody else is shown in the story while the link is down.
    await expect(reporter.getByText('陈华', { exact: true })).toBeHidden({ timeout: 5_000 });
    await body(reporter).click();
    await reporter.keyboard.press('Control+End');
    await reporter.keyboard.insertText('（断网时补充）');
    await waitSaved(reporter);
    await expect(reporter.getByTestId('sync-indicator')).toContainText('处修改待发送');
    await reporter.screenshot({ path: `${SHOTS}/newsroom-offline-zh-CN.png` });
    newsroom = await newsroom.restart(Number(port));
    await expect(reporter.getByTestId('sync-indicator')).toContainText('在线', { timeout: 20_000 });
    await expect(body(head)).toContainText('（断网时补充）', { timeout: 20_000 });
  });
});
