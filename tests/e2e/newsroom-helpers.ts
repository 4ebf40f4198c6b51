// Helpers for browser tests with people on a newsroom server: the server as a
// child process (with publishing settings from `env`), signing a page's host
// in, calling the host's contract directly, and the review panel.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { body, expect, openApp, type RunningHost } from './fixtures';
import { NEWSROOM_PASSWORD } from '../support/newsroom';
import { ROOT } from '../support/web-host-process';

export interface NewsroomServer {
  url: string;
  password: string;
  /** What the server wrote to stderr and stdout (warnings and errors). */
  log(): string;
  stop(): Promise<void>;
}

/** tests/support/newsroom-server-process.ts on a fresh data directory; `env` adds to its environment. */
export async function startNewsroomServer(
  env: Record<string, string> = {},
): Promise<NewsroomServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rongmei-e2e-server-'));
  const child = spawn(
    path.join(ROOT, 'node_modules/.bin/tsx'),
    [path.join(ROOT, 'tests/support/newsroom-server-process.ts'), dataDir],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  );
  let err = '';
  let out = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<{ url: string; password: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), 60_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /RONGMEI_SERVER_READY (\{.*\})/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(JSON.parse(m[1]!) as { url: string; password: string });
      }
    });
    void exited.then(() => reject(new Error(`server exited: ${err}`)));
  });
  return {
    ...ready,
    log: () => err + out,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Calls the page's host as the renderer does (web host: POST /api/call/<name>). */
export async function hostCall<T = unknown>(page: Page, name: string, input: unknown): Promise<T> {
  const r = await page.evaluate(
    async ({ name, input }) => {
      const token = sessionStorage.getItem('rongmei.webhost.token');
      const res = await fetch(`/api/call/${name}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      });
      return { status: res.status, body: (await res.json()) as { ok: boolean; value?: unknown } };
    },
    { name, input },
  );
  if (!r.body.ok) throw new Error(`${name}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.value as T;
}

export async function signIn(page: Page, server: NewsroomServer, login: string) {
  await hostCall(page, 'sync.signIn', {
    serverUrl: server.url,
    login,
    password: server.password,
  });
  await expect(page.getByRole('group', { name: '我的队列' })).toBeVisible({ timeout: 20_000 });
}

export function review(page: Page) {
  return page.getByRole('complementary', { name: /审阅|Review/ });
}

/**
 * Opens a tab of the review panel and waits until it is the selected one. The
 * tabs carry live counts (comments, findings) that can appear between
 * Playwright finding a tab and clicking it, moving it from under the pointer
 * as they would move it from under a person's; then the click is made again.
 */
export async function reviewTab(page: Page, name: string | RegExp) {
  const tab = review(page).getByRole('tab', { name });
  await expect(async () => {
    if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
    await expect(tab).toHaveAttribute('aria-selected', 'true', { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
}

export async function openReview(page: Page) {
  const toggle = page.getByRole('button', { name: /^(审阅|Review)$/ });
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
  await expect(review(page)).toBeVisible();
}

/** Selects the first occurrence of `text` in an editable element, as a person dragging over it would. */
export async function selectIn(el: ReturnType<Page['locator']>, text: string) {
  await el.evaluate((root, needle) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = n.nodeValue?.indexOf(needle) ?? -1;
      if (i < 0) continue;
      (root as HTMLElement).focus();
      const range = document.createRange();
      range.setStart(n, i);
      range.setEnd(n, i + needle.length);
      const sel = document.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
      return;
    }
    throw new Error(`not in the text: ${needle}`);
  }, text);
}

/** Selects the first occurrence of `text` in the master's body. */
export function selectInBody(page: Page, text: string) {
  return selectIn(body(page), text);
}

/** Signs in the way a person does: 设置 → 编辑部服务器, and waits for the confirmation. */
export async function signInThroughSettings(
  page: Page,
  url: string,
  login: string,
  password = NEWSROOM_PASSWORD,
): Promise<void> {
  await page.getByRole('link', { name: '设置' }).click();
  await page.getByLabel('服务器地址').fill(url);
  await page.getByLabel('用户名').fill(login);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByText(`（${login}）`)).toBeVisible();
}

/** One person's window: a browser context of its own at 1366×768 on `host`. */
export async function openPerson(browser: Browser, host: RunningHost): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error('pageerror:', e.message));
  await openApp(page, host);
  return page;
}
