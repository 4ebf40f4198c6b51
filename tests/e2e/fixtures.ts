// Playwright fixtures: a web host per worker (its own data directory), and
// `app`, a page opened on it with the launch token.
import { test as base, expect, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startWebHostProcess, type WebHostProcess } from '../support/web-host-process';

export type RunningHost = WebHostProcess;

export function startHost(
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rongmei-e2e-')),
): Promise<RunningHost> {
  return startWebHostProcess(dataDir);
}

export async function openApp(page: Page, host: RunningHost): Promise<void> {
  await page.goto(`${host.url}#token=${host.token}`);
  await expect(page.getByRole('navigation', { name: /主导航|Main navigation/ })).toBeVisible();
}

export const test = base.extend<{ app: Page }, { host: RunningHost }>({
  host: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const host = await startHost();
      await use(host);
      await host.stop();
    },
    { scope: 'worker' },
  ],
  app: async ({ page, host }, use) => {
    page.on('pageerror', (e) => console.error('pageerror:', e.message));
    await openApp(page, host);
    await use(page);
  },
});

export { expect };

/** A new story from the library, with its headline typed; returns to nothing — the editor is open. */
export async function newStory(page: Page, headline: string): Promise<void> {
  await page.getByRole('button', { name: '新建稿件' }).click();
  const field = page.getByLabel('主标题');
  await expect(field).toBeVisible();
  await field.fill(headline);
}

export function body(page: Page) {
  return page.getByRole('textbox', { name: '正文' });
}

export async function waitSaved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-state')).toHaveText('已保存');
}

/** Unfolds the story information (byline, section, keywords…) above the body, if folded. */
export async function openStoryInfo(page: Page): Promise<void> {
  const toggle = page.getByRole('button', { name: /稿件信息|Story details/ });
  if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
}
